/**
 * The sample articles, annotated by hand (test/fixtures/detect/golden): the detector is
 * scored against them the way quotation and number recognisers are compared, so that a
 * change that helps one case but hurts the articles shows up.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { type DetectionKind, detect } from '../../../src/core/detect';
import { fixturePath, sampleArticles } from '../../support/paths';
import { type Score, parseMarkup, scoreSpans } from './markup';

const THRESHOLDS: Record<'quote' | 'number', number> = { quote: 0.95, number: 0.9 };

function golden(name: string): ReturnType<typeof parseMarkup> {
  const file = fixturePath('detect', 'golden', name.replace(/\.txt$/, '.annotated.txt'));
  return parseMarkup(fs.readFileSync(file, 'utf8'), 'quote');
}

describe('golden sample articles', () => {
  const articles = sampleArticles();
  const totals: Record<string, { expected: Array<{ start: number; end: number }>; found: Array<{ start: number; end: number }> }> = {
    quote: { expected: [], found: [] },
    number: { expected: [], found: [] },
  };
  let offset = 0;
  for (const [name, text] of articles) {
    const annotated = golden(name);
    const found = detect(text);
    for (const kind of ['quote', 'number'] as DetectionKind[]) {
      // Articles are scored together: shift each one's spans past the previous ones.
      for (const e of annotated.expected.filter((x) => x.kind === kind)) totals[kind].expected.push({ start: e.start + offset, end: e.end + offset });
      for (const d of found.filter((x) => x.kind === kind)) totals[kind].found.push({ start: d.start + offset, end: d.end + offset });
    }
    offset += text.length + 1;

    describe(name, () => {
      it('gives the article back when the markup is taken out', () => {
        assert.equal(annotated.text, text);
      });

      it('finds every annotated quote with its speaker', () => {
        const quotes = found.filter((d) => d.kind === 'quote');
        const missing = annotated.expected
          .filter((e) => e.kind === 'quote')
          .filter((e) => !quotes.some((q) => q.start === e.start && q.end === e.end && q.speaker === e.speaker && q.subtype === e.subtype));
        assert.deepEqual(missing.map((e) => text.slice(e.start, e.end)), []);
      });

      it('finds every annotated number with its subtype', () => {
        const numbers = found.filter((d) => d.kind === 'number');
        const missing = annotated.expected
          .filter((e) => e.kind === 'number')
          .filter((e) => !numbers.some((n) => n.start === e.start && n.end === e.end && n.subtype === e.subtype));
        assert.deepEqual(missing.map((e) => text.slice(e.start, e.end)), []);
      });
    });
  }

  for (const kind of ['quote', 'number'] as const) {
    const score: Score = scoreSpans(totals[kind].expected, totals[kind].found);
    const figures = `${score.expected} annotated, ${score.found} found, exact F1 ${score.exact.f1.toFixed(3)}, overlap F1 ${score.overlap.f1.toFixed(3)}`;
    it(`scores at least ${THRESHOLDS[kind]} overlap F1 on ${kind}s over all articles (${figures})`, () => {
      assert.ok(score.expected > 0, 'the golden files annotate nothing');
      assert.ok(score.overlap.f1 >= THRESHOLDS[kind], figures);
    });
  }
});

describe('scoreSpans', () => {
  it('counts a span that only overlaps its annotation for overlap F1 but not for exact F1', () => {
    const score = scoreSpans([{ start: 0, end: 10 }], [{ start: 2, end: 12 }]);
    assert.equal(score.exact.f1, 0);
    assert.equal(score.overlap.f1, 1);
  });

  it('matches each annotation once, so two detections inside one annotation cost precision', () => {
    const score = scoreSpans([{ start: 0, end: 10 }], [{ start: 0, end: 4 }, { start: 5, end: 10 }]);
    assert.equal(score.overlap.recall, 1);
    assert.equal(score.overlap.precision, 0.5);
  });
});

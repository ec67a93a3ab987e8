/**
 * The sample articles, annotated by hand (test/fixtures/detect/golden): the detector is
 * scored against them the way quotation and number recognisers are compared, so that a
 * change that helps one case but hurts the articles shows up.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { type DetectOptions, type Detection, type DetectionKind, detect, formatValue } from '../../../src/core/detect';
import { buildCorpus } from '../../../bench/corpus';
import { fixturePath, sampleArticles } from '../../support/paths';
import { type Rewritten, asMarkdown, endIn, hardWrapped, oneSentencePerLine } from '../../support/text';
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

/**
 * What a detection says, with its offsets moved into a rewritten form of its text (or as
 * they are, for detections of the rewritten text itself). In Markdown a list item's marker
 * is markup: a sentence opening the item starts after it (`listMarkup` is the original text).
 */
function said(d: Detection, form?: Rewritten, listMarkup?: string): string {
  const start = (o: number | undefined): number | undefined => (o === undefined || !form ? o : form.at[o]);
  const end = (o: number | undefined): number | undefined => (o === undefined || !form ? o : endIn(form, o));
  let sentenceStart = d.sentenceStart;
  if (listMarkup !== undefined && sentenceStart !== undefined) sentenceStart += /^(?:[-*+] |\d{1,3}[.)] )?/.exec(listMarkup.slice(sentenceStart, sentenceStart + 5))?.[0].length ?? 0;
  return JSON.stringify([
    d.kind, d.subtype, start(d.start), end(d.end), d.value === undefined ? null : formatValue(d.value), d.speaker ?? null, start(d.speakerStart) ?? null,
    end(d.speakerEnd) ?? null, d.word ?? null, d.nested ?? false, d.unclosed ?? false, d.noun ?? null, start(sentenceStart) ?? null, end(d.sentenceEnd) ?? null,
  ]);
}

/** Asserts that `form` of `text` read with `options` gives the detections of `text`, offsets moved. */
function assertSameDetections(text: string, form: Rewritten, options: DetectOptions): void {
  const want = detect(text).map((d) => said(d, form, options.format === 'markdown' ? text : undefined));
  const got = detect(form.text, options).map((d) => said(d));
  const missing = want.filter((x) => !got.includes(x));
  const extra = got.filter((x) => !want.includes(x));
  const show = (x: string): string => {
    const [kind, subtype, s, e] = JSON.parse(x) as [string, string, number, number];
    return `${kind}/${subtype} ${JSON.stringify(form.text.slice(s, e))}`;
  };
  assert.deepEqual({ missing: missing.map(show), extra: extra.map(show) }, { missing: [], extra: [] });
  assert.equal(got.length, want.length);
}

const FORMS: Array<[string, (text: string) => Rewritten, DetectOptions]> = [
  ['hard-wrapped at 72 columns', (t) => hardWrapped(t, 72), {}],
  ['hard-wrapped at 60 columns', (t) => hardWrapped(t, 60), {}],
  ['hard-wrapped at 100 columns', (t) => hardWrapped(t, 100), {}],
  ['written one sentence per line, as Markdown', oneSentencePerLine, { format: 'markdown' }],
  ['as a Markdown article: front matter, headings, code, HTML, links, hard-wrapped at 72', (t) => asMarkdown(t, 72), { format: 'markdown' }],
  ['as a Markdown article hard-wrapped at 80', (t) => asMarkdown(t, 80), { format: 'markdown' }],
];

describe('the same articles as readers get them, hard-wrapped or as Markdown', () => {
  for (const [name, text] of sampleArticles()) {
    describe(name, () => {
      for (const [form, rewrite, options] of FORMS) {
        it(`finds the same detections ${form}`, () => assertSameDetections(text, rewrite(text), options));
      }
    });
  }
  describe('the bench corpus (its first 300 kB)', () => {
    const corpus = buildCorpus(300 * 1024);
    for (const [form, rewrite, options] of FORMS) {
      it(`finds the same detections ${form}`, () => assertSameDetections(corpus, rewrite(corpus), options));
    }
  });
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

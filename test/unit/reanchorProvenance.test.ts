import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTag, reanchorTags, type Tag } from '../../src/core/tags';
import { emptyTally, judge, runSequence, splice, traced, type Traced } from '../support/provenance';
import { sampleArticles } from '../support/paths';

/** Tags the `occurrence`-th (0-based) `needle` of the traced text and returns the tag. */
function tagAt(t: Traced, needle: string, occurrence = 0): Tag {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = t.text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" #${occurrence} is in the text`);
  return createTag([], { kind: 'claim', text: t.text, start: at, end: at + needle.length, author: 'test', now: new Date('2026-11-22T09:00:00Z') });
}

/** Where the tag lands in the edited text, and whether that is its own passage. */
function place(tag: Tag, edited: Traced): { tag: Tag; verdict: ReturnType<typeof judge> } {
  const [placed] = reanchorTags([tag], edited.text);
  return { tag: placed, verdict: judge(placed, edited, tag.anchor.start, tag.anchor.end) };
}

describe('re-anchoring, judged by where each character came from', function () {
  this.timeout(120_000);

  it('keeps a corrected figure in place instead of moving it, anchored, to the same figure in another paragraph', () => {
    const t = traced('The deployment of 10,000 troops to Russia has begun.\nSeoul agreed.\nOfficials in Seoul said the deployment of 10,000 troops to Russia could grow.\n');
    const tag = tagAt(t, '10,000 troops');
    const at = t.text.indexOf('10,000');
    const corrected = splice(t, at, 2, '12', [t.origin[at], t.origin[at + 1]]);
    const { tag: placed, verdict } = place(tag, corrected);
    assert.notEqual(verdict, 'anchored-wrong');
    assert.equal(placed.status, 'fuzzy', 'the corrected figure is offered for confirmation');
    assert.equal(corrected.text.slice(placed.anchor.start, placed.anchor.end), '12,000 troops');
  });

  it('does not move the first word of a deleted sentence, anchored, to the next sentence that starts alike', () => {
    const [, article] = sampleArticles().find(([name]) => name.startsWith('003_'))!;
    const t = traced(article);
    const tag = tagAt(t, 'Perhaps');
    const sentence = /Perhaps[^.]*\.\s*/.exec(article.slice(tag.anchor.start))![0];
    assert.ok(article.slice(tag.anchor.start + sentence.length).startsWith('Perhaps'), 'the next sentence starts alike');
    const { tag: placed, verdict } = place(tag, splice(t, tag.anchor.start, sentence.length, ''));
    assert.notEqual(verdict, 'anchored-wrong');
    assert.notEqual(placed.status, 'anchored');
  });

  it('does not move a tag on the second of two identical paragraphs to the first when text is added above', () => {
    const [, article] = sampleArticles()[0];
    const lines = article.split('\n');
    const paragraph = lines[1];
    const t = traced([lines[0], paragraph, paragraph, ...lines.slice(2)].join('\n'));
    const needle = paragraph.slice(100, 140);
    const tag = tagAt(t, needle, 1);
    const added = 'UPDATE, 22 November: this article was revised after publication. '.repeat(8).slice(0, 530);
    const { tag: placed, verdict } = place(tag, splice(t, 0, 0, `${added}\n`));
    assert.notEqual(verdict, 'anchored-wrong');
    assert.ok(placed.status !== 'anchored' || verdict === 'anchored-right');
  });

  for (const mode of ['once', 'resave'] as const) {
    it(`never anchors a tag on a passage other than its own through random outside edits (${mode === 'once' ? 'found again each time from what was first stored' : 'written back after every edit'})`, () => {
      const articles = sampleArticles().map(([, text]) => text);
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 8 }), (seed, steps) => {
          const tally = emptyTally();
          runSequence(articles[seed % articles.length], seed, { steps, tags: 8, mode }, tally);
          assert.deepEqual(tally.wrong, [], 'tags anchored on a wrong passage');
          assert.equal(tally.counts['anchored-wrong'], 0);
        }),
        { numRuns: 120 },
      );
    });
  }
});

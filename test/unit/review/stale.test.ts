import * as assert from 'node:assert/strict';
import { VERDICT_STAMP_KEY, isVerdictStale, textHash } from '../../../src/core/review/stale';
import { setFields } from '../../../src/core/tagFields';
import { createTag, reanchorTags, type Tag } from '../../../src/core/tags';

const now = new Date('2026-11-22T09:00:00Z');
const before = 'The minister added that “the operation will go\non for as long as it takes” and left.\n';

function judged(): Tag {
  const start = before.indexOf('“');
  const tag = createTag([], { kind: 'claim', text: before, start, end: before.indexOf('”') + 1, author: 'Ada', now, random: () => 0.5 });
  return setFields([tag], tag.id, { verdict: 'accurate' }, now)[0];
}

describe('stale verdicts and re-wrapped text', () => {
  it('keeps a verdict current when the paragraph of its tag is only re-wrapped', () => {
    const rewrapped = 'The minister added that “the operation will go on for as long as\nit takes” and left.\n';
    const [tag] = reanchorTags([judged()], rewrapped);
    assert.equal(tag.status, 'anchored');
    assert.equal(tag.anchor.exact, '“the operation will go on for as long as\nit takes”');
    assert.equal(isVerdictStale(tag), false);
  });

  it('marks a verdict stale when a word of the tagged text changed, however it is wrapped', () => {
    const tag = judged();
    assert.equal(isVerdictStale(tag, '“the operation will go on for as long as\nit must”'), true);
    assert.equal(isVerdictStale(tag, '“the operation will go\non for as long as it must”'), true);
  });

  it('still reads a stamp written before spacing was made plain, on the text as it was', () => {
    const raw = '“the operation will go\non for as long as it takes”';
    const old = { ...judged(), extra: { verdict: 'accurate', [VERDICT_STAMP_KEY]: textHash(raw) } };
    assert.equal(isVerdictStale(old, raw), false);
    assert.equal(isVerdictStale(old, '“the operation will stop”'), true);
  });
});

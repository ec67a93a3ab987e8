import * as assert from 'node:assert/strict';
import { ClosedUntitled } from '../../../src/core/store/untitled';
import { createTag, type Tag } from '../../../src/core/tags';

const text = 'The minister said 40 people were hurt.';
const tags: Tag[] = [createTag([], { kind: 'claim', text, start: 18, end: 34, author: 'Ada Lovelace', now: new Date('2026-11-22T09:00:00Z') })];

describe('the tags of an untitled document saved under a name', () => {
  it('go to the file with the same text that opens soon after, once', () => {
    const closed = new ClosedUntitled(10_000);
    closed.add(text, tags, 1_000);
    assert.equal(closed.take('Other text.', 2_000), undefined);
    assert.deepEqual(closed.take(text, 2_000), tags);
    assert.equal(closed.take(text, 2_100), undefined, 'handed over once');
  });

  it('are forgotten after the time limit', () => {
    const closed = new ClosedUntitled(10_000);
    closed.add(text, tags, 1_000);
    assert.equal(closed.take(text, 11_001), undefined);
  });

  it('are the most recently closed document’s when two had the same text', () => {
    const closed = new ClosedUntitled(10_000);
    const later = [{ ...tags[0], id: 'later' }];
    closed.add(text, tags, 1_000);
    closed.add(text, later, 2_000);
    assert.deepEqual(closed.take(text, 3_000), later);
    assert.deepEqual(closed.take(text, 3_000), tags);
  });

  it('are not kept for a document that had none', () => {
    const closed = new ClosedUntitled(10_000);
    closed.add(text, [], 1_000);
    assert.equal(closed.take(text, 1_500), undefined);
  });
});

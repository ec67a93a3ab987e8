import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { mergeTags } from '../../src/core/merge';
import { createTag, changeKind, editNote, type Tag } from '../../src/core/tags';

const article = 'The ministry said 40 people were hurt. Officials could not confirm the figure. “It is a tragedy,” she said.';
let clock = Date.parse('2026-11-01T10:00:00Z');
const later = (): Date => new Date((clock += 60_000));

function tag(text: string, kind = 'claim'): Tag {
  const start = article.indexOf(text);
  return createTag([], { kind, text: article, start, end: start + text.length, author: 'Ada', now: later() });
}

const ids = (tags: readonly Tag[]): string[] => tags.map((t) => t.id).sort();

describe('merging tags changed here and on disk', () => {
  const a = tag('40 people');
  const b = tag('could not confirm', 'speculation');
  const c = tag('“It is a tragedy,”', 'attribution');
  const base = [a, b, c];

  it('keeps a tag added here and a tag added on disk', () => {
    const mine = tag('The ministry said');
    const theirs = tag('Officials');
    const merged = mergeTags(base, [...base, mine], [...base, theirs]);
    assert.deepEqual(ids(merged.tags), ids([...base, mine, theirs]));
    assert.deepEqual(merged.conflicts, []);
  });

  it('takes the change from the side that made it', () => {
    const ours = editNote(base, a.id, 'Check the hospital count', later());
    const theirs = changeKind(base, b.id, 'claim', later());
    const merged = mergeTags(base, ours, theirs).tags;
    assert.equal(merged.find((t) => t.id === a.id)?.note, 'Check the hospital count');
    assert.equal(merged.find((t) => t.id === b.id)?.kind, 'claim');
  });

  it('takes a note edited by hand on disk, though its "updated" time was left as it was', () => {
    const theirs = base.map((t) => (t.id === c.id ? { ...t, note: 'Said at the hospital, not the ministry.' } : t));
    const ours = changeKind(base, a.id, 'opinion', later());
    const merged = mergeTags(base, ours, theirs);
    assert.equal(merged.tags.find((t) => t.id === c.id)?.note, 'Said at the hospital, not the ministry.');
    assert.equal(merged.tags.find((t) => t.id === a.id)?.kind, 'opinion');
    assert.deepEqual(merged.conflicts, []);
  });

  it('does not count a tag moved with the article as changed', () => {
    const moved = base.map((t) => ({ ...t, anchor: { ...t.anchor, start: t.anchor.start + 10, end: t.anchor.end + 10, line: 1 } }));
    const ours = editNote(base, a.id, 'Ours.', later());
    const merged = mergeTags(base, ours, moved);
    assert.equal(merged.tags.find((t) => t.id === a.id)?.note, 'Ours.');
    assert.deepEqual(merged.conflicts, []);
  });

  it('removes a tag one side removed when the other left it alone', () => {
    assert.deepEqual(ids(mergeTags(base, [a, c], base).tags), ids([a, c]));
    assert.deepEqual(ids(mergeTags(base, base, [a, b]).tags), ids([a, b]));
  });

  it('keeps a tag one side removed when the other changed it', () => {
    const ours = editNote(base, c.id, 'Who is "she"?', later());
    const merged = mergeTags(base, ours, [a, b]).tags;
    assert.equal(merged.find((t) => t.id === c.id)?.note, 'Who is "she"?');
    const theirs = changeKind(base, a.id, 'opinion', later());
    assert.equal(mergeTags(base, [b, c], theirs).tags.find((t) => t.id === a.id)?.kind, 'opinion');
  });

  it('lets the later edit win when both sides changed a tag, and reports it', () => {
    const ours = editNote(base, a.id, 'mine', later());
    const theirs = editNote(base, a.id, 'theirs', later());
    const merged = mergeTags(base, ours, theirs);
    assert.equal(merged.tags.find((t) => t.id === a.id)?.note, 'theirs');
    assert.deepEqual(merged.conflicts, [a.id]);
  });

  it('never loses a tag that is new on either side, whatever else happened', () => {
    fc.assert(
      fc.property(fc.subarray(base), fc.subarray(base), fc.boolean(), fc.boolean(), (keptHere, keptThere, addHere, addThere) => {
        const mine = addHere ? [tag('people were hurt')] : [];
        const theirs = addThere ? [tag('Officials could')] : [];
        const merged = ids(mergeTags(base, [...keptHere, ...mine], [...keptThere, ...theirs]).tags);
        for (const t of [...mine, ...theirs]) assert.ok(merged.includes(t.id));
        // An untouched base tag survives only if both sides kept it.
        for (const t of base) assert.equal(merged.includes(t.id), keptHere.includes(t) && keptThere.includes(t));
      }),
    );
  });
});

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { KindRegistry } from '../../src/core/kinds';
import { countKinds, describeFilter, isFilterActive, markdownQuote, readingOrder, stepTag, tagMatcher, type ArticleTagList } from '../../src/core/tagIndex';
import { createTag, type Tag } from '../../src/core/tags';
import { sampleArticles } from '../support/paths';

const registry = KindRegistry.defaults;
const [[nameA, textA], [nameB, textB]] = sampleArticles();

function tagIn(text: string, needle: string, kind: string, extra: Partial<Tag> = {}): Tag {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, needle);
  return { ...createTag([], { kind, text, start, end: start + needle.length, author: 'Ada' }), ...extra };
}

const a: ArticleTagList = {
  key: 'file:///ws/a.txt',
  label: nameA,
  tags: [
    tagIn(textA, 'upwards of 1,000 troops per day', 'claim'),
    tagIn(textA, 'Axis of Aggressors', 'opinion', { note: 'Loaded phrase; whose coinage?' }),
    tagIn(textA, '10,000 or more', 'claim', { author: 'Grace' }),
  ].sort((x, y) => x.anchor.start - y.anchor.start),
};
const b: ArticleTagList = {
  key: 'file:///ws/b.txt',
  label: nameB,
  tags: [tagIn(textB, 'up to 10,000 troops', 'speculation'), { ...tagIn(textB, 'stark warning', 'opinion'), status: 'orphan' as const }],
};

describe('the tag index behind the side panel', () => {
  it('keeps every tag when no filter is set', () => {
    assert.equal(isFilterActive({}), false);
    assert.equal(readingOrder([a, b], tagMatcher({})).length, 5);
  });

  it('filters by several kinds at once', () => {
    const kinds = readingOrder([a, b], tagMatcher({ kinds: ['claim', 'speculation'] })).map((p) => p.tag.kind);
    assert.deepEqual(kinds, ['claim', 'claim', 'speculation']);
  });

  it('filters by text in the tagged span or the note, ignoring case', () => {
    assert.deepEqual(readingOrder([a, b], tagMatcher({ text: 'TROOPS' })).map((p) => p.tag.anchor.exact), ['upwards of 1,000 troops per day', 'up to 10,000 troops']);
    assert.deepEqual(readingOrder([a, b], tagMatcher({ text: 'coinage' })).map((p) => p.tag.anchor.exact), ['Axis of Aggressors']);
  });

  it('never matches a search across the end of the tagged text and the start of its note', () => {
    assert.deepEqual(readingOrder([a, b], tagMatcher({ text: 'aggressors loaded' })), []);
  });

  it('filters a tag replaced by an edit of its note by the new note', () => {
    const tag = a.tags.find((t) => t.note !== undefined) as Tag;
    assert.equal(tagMatcher({ text: 'coinage' })(tag), true);
    const edited: Tag = { ...tag, note: 'Ask the desk.' };
    assert.equal(tagMatcher({ text: 'coinage' })(edited), false);
    assert.equal(tagMatcher({ text: 'DESK' })(edited), true);
  });

  it('filters by author and by tags needing attention', () => {
    assert.deepEqual(readingOrder([a, b], tagMatcher({ author: 'grace' })).map((p) => p.tag.anchor.exact), ['10,000 or more']);
    assert.deepEqual(readingOrder([a, b], tagMatcher({ orphansOnly: true })).map((p) => p.tag.anchor.exact), ['stark warning']);
  });

  it('describes an active filter in a few words', () => {
    assert.equal(describeFilter({ kinds: ['claim', 'opinion'], text: 'troops', orphansOnly: true }, registry), 'Claim, Opinion · “troops” · needing attention');
    assert.equal(isFilterActive({ text: '  ' }), false);
  });

  it('counts kinds in the registry order', () => {
    assert.deepEqual(countKinds(a.tags, registry), [
      { kind: 'claim', count: 2 },
      { kind: 'opinion', count: 1 },
    ]);
  });

  it('steps through tags in reading order, across files, and wraps around', () => {
    const order = readingOrder([b, a], tagMatcher({}));
    const labels = (key: string): string => (key === a.key ? a.label : b.label);
    const first = stepTag(order, a.key, 0, 1, labels)!;
    assert.equal(first.tag.anchor.exact, 'upwards of 1,000 troops per day');
    const second = stepTag(order, a.key, first.tag.anchor.start, 1, labels)!;
    assert.equal(second.tag.anchor.exact, '10,000 or more');
    const third = stepTag(order, a.key, second.tag.anchor.start, 1, labels)!;
    assert.equal(third.tag.anchor.exact, 'Axis of Aggressors');
    const fourth = stepTag(order, a.key, third.tag.anchor.start, 1, labels)!;
    assert.equal(fourth.article, b.key, 'on to the next file');
    const orphan = stepTag(order, b.key, fourth.tag.anchor.start, 1, labels)!;
    assert.equal(orphan.tag.status, 'orphan', 'orphans come last in their file');
    assert.equal(stepTag(order, b.key, Infinity, 1, labels)?.article, a.key, 'past the last tag it wraps around');
    assert.equal(stepTag(order, a.key, first.tag.anchor.start, -1, labels)?.tag.status, 'orphan', 'back from the first tag wraps to the last');
    assert.equal(stepTag(order, a.key, second.tag.anchor.start, -1, labels)?.tag.anchor.exact, 'upwards of 1,000 troops per day');
  });

  it('visits every tag exactly once going forward, and the same ones backward in reverse', () => {
    fc.assert(
      fc.property(fc.subarray([...a.tags]), fc.subarray([...b.tags]), (tagsA, tagsB) => {
        const lists = [{ ...a, tags: tagsA }, { ...b, tags: tagsB }];
        const order = readingOrder(lists, tagMatcher({})).filter((p) => p.tag.status !== 'orphan');
        const placed = lists.map((l) => ({ ...l, tags: l.tags.filter((t) => t.status !== 'orphan') }));
        const walk = readingOrder(placed, tagMatcher({}));
        const labels = (key: string): string => (key === a.key ? a.label : b.label);
        const seen: string[] = [];
        let at = { article: a.key, offset: -1 };
        for (let i = 0; i < walk.length; i++) {
          const next = stepTag(walk, at.article, at.offset, 1, labels)!;
          seen.push(next.tag.id);
          at = { article: next.article, offset: next.tag.anchor.start };
        }
        assert.deepEqual(seen, order.map((p) => p.tag.id));
        const back: string[] = [];
        at = { article: b.key, offset: Number.MAX_SAFE_INTEGER };
        for (let i = 0; i < walk.length; i++) {
          const previous = stepTag(walk, at.article, at.offset, -1, labels)!;
          back.push(previous.tag.id);
          at = { article: previous.article, offset: previous.tag.anchor.start };
        }
        assert.deepEqual(back, [...seen].reverse());
      }),
    );
  });

  it('copies a tag as a Markdown quote naming its file, line and kind', () => {
    const tag = a.tags.find((t) => t.kind === 'opinion')!;
    assert.equal(markdownQuote(tag, 'desk/a.txt', registry), `> Axis of Aggressors\n\n— \`desk/a.txt\`, line ${tag.anchor.line + 1} · Opinion\n\nLoaded phrase; whose coinage?\n`);
  });
});

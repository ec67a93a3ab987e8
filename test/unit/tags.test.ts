import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { selectorFor, type TextChange } from '../../src/core/anchor';
import {
  TAG_ID_PREFIX,
  addTag,
  applyTextChange,
  changeKind,
  chooseAuthor,
  compareTags,
  confirmTag,
  createTag,
  editNote,
  newTagId,
  orphanTags,
  reanchorOrphans,
  reanchorTags,
  reattachTag,
  refreshAnchors,
  removeTag,
  tagsAt,
  timestamp,
  type Tag,
} from '../../src/core/tags';
import { sampleArticles } from '../support/paths';

/** A reproducible random source (Park–Miller), so ids in tests are stable. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

function apply(text: string, change: TextChange): string {
  return text.slice(0, change.rangeOffset) + change.text + text.slice(change.rangeOffset + change.rangeLength);
}

const [, article] = sampleArticles()[0];
const when = new Date('2026-11-22T03:12:39.456Z');

function tagPhrase(tags: readonly Tag[], phrase: string, kind = 'claim', text = article): Tag[] {
  const start = text.indexOf(phrase);
  assert.ok(start >= 0, phrase);
  return addTag(tags, createTag(tags, { kind, text, start, end: start + phrase.length, author: 'Ada', now: when, random: seeded(tags.length + 1) }));
}

describe('tag ids', () => {
  it('are "t-" and 8 base-36 characters drawn from the injected random source', () => {
    const id = newTagId(seeded(42));
    assert.match(id, /^t-[0-9a-z]{8}$/);
    assert.equal(id.startsWith(TAG_ID_PREFIX), true);
    assert.equal(newTagId(seeded(42)), id);
    assert.notEqual(newTagId(seeded(43)), id);
  });

  it('skip ids already taken in the sidecar', () => {
    const first = newTagId(seeded(7));
    const second = newTagId(seeded(7), new Set([first]));
    assert.notEqual(second, first);
  });

  it('come from the platform generator by default and do not repeat', () => {
    const ids = new Set(Array.from({ length: 500 }, () => newTagId()));
    assert.equal(ids.size, 500);
  });
});

describe('creating and editing tags', () => {
  it('records kind, anchor, author and second-precision UTC times', () => {
    const [tag] = tagPhrase([], 'upwards of 1,000 troops per day');
    assert.equal(tag.kind, 'claim');
    assert.equal(tag.anchor.exact, 'upwards of 1,000 troops per day');
    assert.equal(tag.anchor.prefix.length, 32);
    assert.equal(tag.anchor.line, 2);
    assert.equal(tag.author, 'Ada');
    assert.equal(tag.created, '2026-11-22T03:12:39Z');
    assert.equal(tag.updated, tag.created);
    assert.equal(tag.status, 'anchored');
    assert.equal(tag.note, undefined);
  });

  it('refuses to tag an empty span', () => {
    assert.throws(() => createTag([], { kind: 'claim', text: article, start: 5, end: 5, author: 'Ada' }), /empty span/);
  });

  it('keeps tags sorted by position and refuses a duplicate id', () => {
    let tags = tagPhrase([], 'may only provide a temporary boost');
    tags = tagPhrase(tags, 'a sign of desperation');
    tags = tagPhrase(tags, 'upwards of 1,000 troops per day');
    assert.deepEqual(tags.map((t) => t.anchor.exact), ['a sign of desperation', 'upwards of 1,000 troops per day', 'may only provide a temporary boost']);
    assert.throws(() => addTag(tags, tags[0]), /already exists/);
  });

  it('orders overlapping tags by start, then end, then id', () => {
    let tags = tagPhrase([], 'a sign of desperation on the part of Russian President Vladimir Putin');
    tags = tagPhrase(tags, 'a sign of desperation');
    assert.deepEqual(tags.map((t) => t.anchor.exact.length), [21, 69]);
    assert.ok(compareTags(tags[0], tags[1]) < 0);
    assert.deepEqual(tagsAt(tags, article.indexOf('desperation')).map((t) => t.anchor.exact.length), [21, 69]);
  });

  it('changes a kind and a note, bumping only "updated", and leaves the previous list intact for undo', () => {
    const before = tagPhrase([], 'a sign of desperation');
    const later = new Date('2026-11-23T08:00:00Z');
    const changed = changeKind(before, before[0].id, 'opinion', later);
    assert.equal(changed[0].kind, 'opinion');
    assert.equal(changed[0].updated, '2026-11-23T08:00:00Z');
    assert.equal(changed[0].created, before[0].created);
    assert.equal(before[0].kind, 'claim');
    const noted = editNote(changed, before[0].id, 'Line one\r\nLine two\r\n', later);
    assert.equal(noted[0].note, 'Line one\nLine two\n');
    const cleared = editNote(noted, before[0].id, '   ', later);
    assert.equal('note' in cleared[0], false);
    assert.equal(changeKind(changed, before[0].id, 'opinion', later)[0], changed[0]);
  });

  it('removes a tag and reports unknown ids', () => {
    const tags = tagPhrase(tagPhrase([], 'a sign of desperation'), 'upwards of 1,000 troops per day');
    assert.equal(removeTag(tags, tags[0].id).length, 1);
    assert.throws(() => removeTag(tags, 't-nosuchid'), /No tag/);
    assert.throws(() => changeKind(tags, 't-nosuchid', 'claim'), /No tag/);
  });

  it('re-attaches an orphan to a new selection and confirms a fuzzy tag', () => {
    const tags = tagPhrase([], 'a sign of desperation');
    const orphan: Tag = { ...tags[0], status: 'orphan', anchor: { ...tags[0].anchor, start: 3, end: 3 } };
    const at = article.indexOf('Lloyd Austin');
    const [reattached] = reattachTag([orphan], orphan.id, article, at, at + 12, when);
    assert.equal(reattached.status, 'anchored');
    assert.equal(reattached.anchor.exact, 'Lloyd Austin');
    assert.equal(reattached.id, orphan.id);
    const fuzzy: Tag = { ...tags[0], status: 'fuzzy', score: 0.9, anchor: { ...tags[0].anchor, exact: 'a sign of despair' } };
    const [confirmed] = confirmTag([fuzzy], fuzzy.id, article, when);
    assert.equal(confirmed.status, 'anchored');
    assert.equal(confirmed.anchor.exact, 'a sign of desperation');
    assert.equal('score' in confirmed, false);
  });

  it('chooses the author from the setting, then git, then the OS user', () => {
    assert.equal(chooseAuthor({ setting: ' Desk ', gitUserName: 'Ada', osUserName: 'ada' }), 'Desk');
    assert.equal(chooseAuthor({ setting: '', gitUserName: 'Ada', osUserName: 'ada' }), 'Ada');
    assert.equal(chooseAuthor({ osUserName: 'ada' }), 'ada');
    assert.equal(chooseAuthor({}), 'unknown');
  });

  it('writes timestamps in UTC to the second', () => {
    assert.equal(timestamp(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678))), '2026-01-02T03:04:05Z');
  });
});

describe('applyTextChange', function () {
  this.timeout(30_000);

  const phrase = 'a sign of desperation';

  it('shifts a tag when text is typed before it, without touching its text', () => {
    const tags = tagPhrase([], phrase);
    const change = { rangeOffset: 0, rangeLength: 0, text: 'UPDATE: ' };
    const [moved] = applyTextChange(tags, change, apply(article, change));
    assert.equal(moved.anchor.start, tags[0].anchor.start + 8);
    assert.equal(moved.anchor.exact, phrase);
  });

  it('takes the new text of a tag edited inside', () => {
    const tags = tagPhrase([], phrase);
    const at = tags[0].anchor.start + 'a sign of '.length;
    const change = { rangeOffset: at, rangeLength: 0, text: 'sheer ' };
    const after = apply(article, change);
    const [edited] = applyTextChange(tags, change, after);
    assert.equal(edited.anchor.exact, 'a sign of sheer desperation');
    assert.equal(after.slice(edited.anchor.start, edited.anchor.end), edited.anchor.exact);
  });

  it('orphans a tag whose text is deleted, keeping its text, and revives it on undo', () => {
    const tags = tagPhrase([], phrase);
    const { start, end } = tags[0].anchor;
    const deletion = { rangeOffset: start, rangeLength: end - start, text: '' };
    const deleted = apply(article, deletion);
    const [orphan] = applyTextChange(tags, deletion, deleted);
    assert.equal(orphan.status, 'orphan');
    assert.equal(orphan.anchor.exact, phrase);
    assert.deepEqual([orphan.anchor.start, orphan.anchor.end], [start, start]);
    assert.equal(orphanTags([orphan]).length, 1);
    const undo = { rangeOffset: start, rangeLength: 0, text: phrase };
    const [revived] = applyTextChange([orphan], undo, apply(deleted, undo));
    assert.equal(revived.status, 'anchored');
    assert.deepEqual([revived.anchor.start, revived.anchor.end], [start, end]);
  });

  it('revives an orphan when the undo puts back a whole paragraph around it', () => {
    const tags = tagPhrase([], phrase);
    const paragraphStart = 0;
    const paragraphEnd = article.indexOf('\n') + 1;
    const deletion = { rangeOffset: paragraphStart, rangeLength: paragraphEnd, text: '' };
    const deleted = apply(article, deletion);
    const [orphan] = applyTextChange(tags, deletion, deleted);
    assert.equal(orphan.status, 'orphan');
    const undo = { rangeOffset: 0, rangeLength: 0, text: article.slice(0, paragraphEnd) };
    const [revived] = applyTextChange([orphan], undo, apply(deleted, undo));
    assert.equal(revived.status, 'anchored');
    assert.equal(revived.anchor.start, tags[0].anchor.start);
  });

  it('keeps every tag on its quote through random edits elsewhere in a real article', () => {
    for (const [name, text] of sampleArticles()) {
      let tags: Tag[] = [];
      const quotes = [...text.matchAll(/“[^”]{10,200}”/g)].slice(0, 6);
      for (const match of quotes) {
        tags = addTag(tags, createTag(tags, { kind: 'attribution', text, start: match.index!, end: match.index! + match[0].length, author: 'Ada', random: seeded(match.index! + 1) }));
      }
      fc.assert(
        fc.property(fc.array(fc.record({ at: fc.nat(), length: fc.nat(20), text: fc.constantFrom('', 'x', 'the Kremlin said ', '\n', '😀') }), { maxLength: 30 }), (edits) => {
          let current = text;
          let state = tags;
          for (const edit of edits) {
            const rangeOffset = edit.at % (current.length + 1);
            const rangeLength = Math.min(edit.length, current.length - rangeOffset);
            const change = { rangeOffset, rangeLength, text: edit.text };
            const inside = state.some((t) => rangeOffset < t.anchor.end + 1 && rangeOffset + rangeLength > t.anchor.start - 1);
            if (inside) continue;
            current = apply(current, change);
            state = applyTextChange(state, change, current);
          }
          for (const tag of state) assert.equal(current.slice(tag.anchor.start, tag.anchor.end), tag.anchor.exact, `${name}: ${tag.anchor.exact}`);
          const refreshed = refreshAnchors(state, current);
          for (const tag of refreshed) assert.deepEqual(tag.anchor, { ...selectorFor(current, tag.anchor.start, tag.anchor.end), line: tag.anchor.line });
        }),
        { numRuns: 40 },
      );
    }
  });
});

describe('refreshAnchors and reanchorTags', () => {
  it('returns the same objects when the text did not change, so nothing is rewritten', () => {
    const tags = tagPhrase(tagPhrase([], 'a sign of desperation'), 'upwards of 1,000 troops per day');
    const refreshed = refreshAnchors(tags, article);
    assert.equal(refreshed[0], tags[0]);
    assert.equal(refreshed[1], tags[1]);
  });

  it('recomputes context and line after edits near a tag', () => {
    const tags = tagPhrase([], 'upwards of 1,000 troops per day');
    const change = { rangeOffset: 0, rangeLength: 0, text: 'New first line.\n' };
    const after = apply(article, change);
    const [refreshed] = refreshAnchors(applyTextChange(tags, change, after), after);
    assert.equal(refreshed.anchor.line, tags[0].anchor.line + 1);
  });

  it('re-anchors tags after an outside change: anchored, fuzzy with the old text kept, or orphan', () => {
    let tags = tagPhrase([], 'a sign of desperation', 'opinion');
    tags = tagPhrase(tags, '“This is not a sign of strength, but a sign of weakness.”', 'attribution');
    tags = tagPhrase(tags, 'upwards of 1,000 troops per day');
    const changed = `A new lede.\n${article}`
      .replace('“This is not a sign of strength, but a sign of weakness.”', '“This is not a sign of strength but of weakness.”')
      .replace('According to U.S. intelligence estimates, Russia is losing upwards of 1,000 troops per day in Ukraine, and ', '');
    const result = reanchorTags(tags, changed);
    const byText = new Map(result.map((t) => [t.anchor.exact, t]));
    const opinion = byText.get('a sign of desperation')!;
    assert.equal(opinion.status, 'anchored');
    assert.equal(changed.slice(opinion.anchor.start, opinion.anchor.end), 'a sign of desperation');
    const quote = byText.get('“This is not a sign of strength, but a sign of weakness.”')!;
    assert.equal(quote.status, 'fuzzy');
    assert.ok(changed.slice(quote.anchor.start, quote.anchor.end).includes('but of weakness'));
    const number = byText.get('upwards of 1,000 troops per day')!;
    assert.equal(number.status, 'orphan');
    assert.equal(number.anchor.start, number.anchor.end);
    assert.equal(reanchorTags(result, changed).find((t) => t.id === quote.id)!.status, 'fuzzy');
  });

  it('keeps a fuzzy tag fuzzy, even where its text and context are found again, until a person confirms it', () => {
    const [tag] = tagPhrase([], 'a sign of desperation', 'opinion');
    const fuzzy: Tag = { ...tag, status: 'fuzzy', anchor: { ...tag.anchor, start: 0, end: 5 } };
    const [found] = reanchorTags([fuzzy], article);
    assert.equal(found.status, 'fuzzy');
    assert.equal(article.slice(found.anchor.start, found.anchor.end), 'a sign of desperation', 'it is shown where the text is');
    const [confirmed] = confirmTag([found], found.id, article);
    assert.equal(confirmed.status, 'anchored');
  });

  it('finds orphans again after a long paste, taking the context and line of where their text now is', () => {
    const [tag] = tagPhrase([], 'upwards of 1,000 troops per day');
    const orphan: Tag = { ...tag, status: 'orphan', anchor: { ...tag.anchor, end: tag.anchor.start } };
    const [from, to] = [tag.anchor.start - 40, tag.anchor.end + 40];
    const moved = `${article.slice(from, to)}\n${article.slice(0, from)}${article.slice(to)}`;
    const [revived] = reanchorOrphans([orphan], moved);
    assert.equal(revived.status, 'anchored');
    assert.equal(revived.anchor.line, 0);
    assert.equal(revived.anchor.prefix, moved.slice(revived.anchor.start - revived.anchor.prefix.length, revived.anchor.start));
  });
});

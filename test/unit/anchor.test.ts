import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CONTEXT_LENGTH,
  FUZZY_THRESHOLD,
  MIN_CONTEXT_SIMILARITY,
  contextSimilarity,
  editDistance,
  reanchor,
  selectorFor,
  shiftForChange,
  shiftForChanges,
  type TextChange,
} from '../../src/core/anchor';
import { normaliseSpacing, reflowedOccurrences } from '../../src/core/reflow';
import { sampleArticles } from '../support/paths';
import { endIn, hardWrapped } from '../support/text';

/** Applies an edit the way the editor does. */
function apply(text: string, change: TextChange): string {
  return text.slice(0, change.rangeOffset) + change.text + text.slice(change.rangeOffset + change.rangeLength);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Article-like text built from phrases that repeat, so the same words occur many times. */
const repetitiveText = fc
  .array(
    fc.constantFrom('the Kremlin', ' said', ' on Monday', '. ', 'the Kremlin said', ' 10,000', ' troops', '\n', '\r\n', ' “We will win,”', ' officials', ' 😀', ' cafe\u0301', ' per cent'),
    { minLength: 8, maxLength: 80 },
  )
  .map((parts) => parts.join(''));

describe('selectorFor', () => {
  const text = 'Defense Secretary Lloyd Austin labeled the move a sign of desperation on the part of Russian President Vladimir Putin.';

  it('keeps the exact text and 32 code units of context on each side', () => {
    const start = text.indexOf('a sign of desperation');
    const selector = selectorFor(text, start, start + 'a sign of desperation'.length);
    assert.equal(selector.exact, 'a sign of desperation');
    assert.equal(selector.prefix, text.slice(start - CONTEXT_LENGTH, start));
    assert.equal(selector.prefix.length, 32);
    assert.equal(selector.suffix, text.slice(selector.end, selector.end + 32));
  });

  it('takes shorter context at the start and end of the text', () => {
    const selector = selectorFor(text, 0, 7);
    assert.equal(selector.prefix, '');
    const tail = selectorFor(text, text.length - 6, text.length);
    assert.equal(tail.suffix, '');
    assert.equal(tail.exact, 'Putin.');
  });

  it('never cuts an emoji in half, in the context or in the tag', () => {
    for (const lead of ['', 'x']) {
      const emojiText = `${lead}${'😀'.repeat(30)}TAGGED${'🇺🇦'.repeat(20)}`;
      const start = emojiText.indexOf('TAGGED');
      const selector = selectorFor(emojiText, start, start + 6);
      assert.equal(selector.exact, 'TAGGED');
      assert.ok(!LONE_SURROGATE.test(selector.prefix), `prefix ${JSON.stringify(selector.prefix)}`);
      assert.ok(!LONE_SURROGATE.test(selector.suffix), `suffix ${JSON.stringify(selector.suffix)}`);
      assert.ok(selector.prefix.length >= 31 && selector.prefix.length <= 32);
      assert.ok(selector.suffix.length >= 31 && selector.suffix.length <= 32);
    }
    const pair = 'ab😀cd';
    const widened = selectorFor(pair, 3, 4);
    assert.equal(widened.exact, '😀');
    assert.deepEqual([widened.start, widened.end], [2, 4]);
  });

  it('counts combining characters as the code units they are', () => {
    const cafe = 'Le cafe\u0301 est ouvert.';
    const start = cafe.indexOf('cafe\u0301');
    const selector = selectorFor(cafe, start, start + 5);
    assert.equal(selector.exact, 'cafe\u0301');
    assert.equal(selector.end - selector.start, 5);
  });

  it('gives well-formed context for any span of any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.nat(), fc.nat(), (text, x, y) => {
        const a = x % (text.length + 1);
        const b = y % (text.length + 1);
        const selector = selectorFor(text, Math.min(a, b), Math.max(a, b));
        assert.equal(text.slice(selector.start, selector.end), selector.exact);
        assert.equal(text.slice(selector.start - selector.prefix.length, selector.start), selector.prefix);
        assert.ok(text.startsWith(selector.suffix, selector.end));
        assert.ok(!LONE_SURROGATE.test(selector.exact + selector.prefix + selector.suffix));
        assert.ok(selector.prefix.length <= CONTEXT_LENGTH && selector.suffix.length <= CONTEXT_LENGTH);
      }),
    );
  });
});

describe('reanchor', function () {
  this.timeout(30_000);

  const article = sampleArticles()[0][1];
  const quote = '“This is not a sign of strength, but a sign of weakness.”';
  const start = article.indexOf(quote);
  const selector = selectorFor(article, start, start + quote.length);

  it('anchors at the stored position when the text there is unchanged', () => {
    assert.deepEqual(reanchor(article, selector), { start, end: start + quote.length, status: 'anchored', score: 1 });
  });

  it('follows the text when a paragraph is added above it', () => {
    const changed = `EDITOR'S NOTE: updated with the Pentagon's response.\n${article}`;
    const found = reanchor(changed, selector);
    assert.equal(found.status, 'anchored');
    assert.equal(changed.slice(found.start, found.end), quote);
    assert.equal(found.start, start + 53);
  });

  it('still finds the text when the stored offsets are past the end of a shortened article', () => {
    const shortened = article.slice(0, start + quote.length + 40);
    const found = reanchor(shortened, { ...selector, start: article.length + 500, end: article.length + 600 });
    assert.equal(found.status, 'anchored');
    assert.equal(found.start, start);
  });

  it('picks the occurrence whose context matches, not the one nearest the old position', () => {
    const parts = ['Monday: the Kremlin denied it.', 'Tuesday: the Kremlin said nothing.', 'Wednesday: the Kremlin confirmed the talks.', 'Thursday: the Kremlin went quiet.'];
    const text = parts.join(' ');
    const tagged = text.indexOf('the Kremlin', text.indexOf('Wednesday'));
    const kremlin = selectorFor(text, tagged, tagged + 'the Kremlin'.length);
    // An insertion as long as the distance between two occurrences puts the old position on
    // the previous "the Kremlin", which is the wrong one.
    const gap = tagged - text.indexOf('the Kremlin', text.indexOf('Tuesday'));
    const inserted = `${'x'.repeat(gap - 1)} ${text}`;
    assert.equal(inserted.slice(tagged, tagged + 11), 'the Kremlin');
    const found = reanchor(inserted, kremlin);
    assert.equal(found.status, 'anchored');
    assert.equal(found.start, tagged + gap);
    assert.ok(inserted.slice(found.start - 11, found.start).endsWith('Wednesday: '));
  });

  it('flags, at the nearest, a tag whose text and context are found in several places alike', () => {
    const sentence = 'Officials said the Kremlin would respond. ';
    const text = sentence.repeat(6);
    const third = sentence.length * 2 + sentence.indexOf('the Kremlin');
    const kremlin = selectorFor(text, third, third + 11);
    const found = reanchor(text.slice(0, 10) + text.slice(12), kremlin);
    assert.equal(found.status, 'fuzzy', 'equally good places are for a person to choose between');
    assert.equal(found.start, third - 2);
  });

  it('orphans a short tag whose sentence was deleted instead of moving it to another "10,000"', () => {
    const text = 'Russia lost 10,000 troops in a month, officials said. Elsewhere, a charity raised 10,000 dollars for the zoo.';
    const at = text.indexOf('10,000');
    const tag = selectorFor(text, at, at + 6);
    const changed = text.replace('Russia lost 10,000 troops in a month, officials said. ', '');
    const found = reanchor(changed, tag);
    assert.equal(found.status, 'orphan');
    assert.equal(found.start, found.end);
  });

  it('marks a corrected quote as fuzzy, at the corrected words', () => {
    const at = article.indexOf(quote);
    const corrected = article.replace('a sign of strength, but a sign of weakness', 'a sign of strength but of weakness');
    const found = reanchor(corrected, selector);
    assert.equal(found.status, 'fuzzy');
    assert.ok(found.score >= FUZZY_THRESHOLD);
    assert.ok(Math.abs(found.start - at) <= 1, `found at ${found.start}, tag was at ${at}`);
    assert.ok(corrected.slice(found.start, found.end).includes('sign of strength but of weakness'));
  });

  it('orphans a quote rewritten beyond recognition', () => {
    const rewritten = article.replace(quote, '“We are watching closely,” he added.');
    const found = reanchor(rewritten, selector);
    assert.equal(found.status, 'orphan');
    assert.equal(found.start, Math.min(start, rewritten.length));
  });

  it('offers a long, unique quote for confirmation when everything around it changed, rather than losing it', () => {
    const moved = `${quote} Austin said at the close.\n\nA new first paragraph.`;
    const found = reanchor(moved, selector);
    assert.equal(found.status, 'fuzzy');
    assert.equal(found.start, 0);
    assert.equal(moved.slice(found.start, found.end), quote);
  });

  it('orphans an empty selector rather than matching everywhere', () => {
    assert.equal(reanchor('anything', { exact: '', prefix: '', suffix: '', start: 3, end: 3 }).status, 'orphan');
  });

  it('re-anchors every tag after the article is converted to CRLF line endings, those across a line break included', () => {
    let across = 0;
    for (const [, text] of sampleArticles()) {
      const crlf = text.replace(/\n/g, '\r\n');
      for (let at = 0; at + 40 < text.length; at += 397) {
        const span = selectorFor(text, at, at + 40);
        const found = reanchor(crlf, span);
        assert.equal(found.status, 'anchored', `${JSON.stringify(span.exact)} was not anchored`);
        assert.equal(crlf.slice(found.start, found.end).replace(/\r\n/g, '\n'), span.exact);
        if (span.exact.includes('\n')) across++;
      }
    }
    assert.ok(across > 0, 'some tags cross a line break');
  });

  it('keeps every tag of a hard-wrapped article anchored on its own words when the article is re-wrapped at another width', () => {
    let rewrapped = 0;
    for (const [name, original] of sampleArticles()) {
      const before = hardWrapped(original, 72);
      const after = hardWrapped(original, 58);
      // Tags of a few words to a sentence, from word start to word end, all through the article.
      for (let at = 0; at < original.length; at += 211) {
        const start = original.indexOf(' ', at) + 1;
        const end = original.indexOf(' ', start + 20 + (at % 90));
        if (start <= 0 || end < 0) break;
        const tag = selectorFor(before.text, before.at[start], endIn(before, end));
        const now = after.text.slice(after.at[start], endIn(after, end));
        // The tags whose own text the re-wrap changed (a line break in it before or after).
        if (now === tag.exact || /\n\n/.test(tag.exact)) continue;
        const found = reanchor(after.text, tag);
        const where = `${name}: ${JSON.stringify(tag.exact)}`;
        assert.equal(found.status, 'anchored', where);
        assert.deepEqual([found.start, found.end], [after.at[start], endIn(after, end)], where);
        rewrapped++;
      }
    }
    assert.ok(rewrapped > 50, `${rewrapped} tags found re-wrapped`);
  });

  it('keeps a whole tagged paragraph anchored, however many words it has, when the article is re-wrapped and text is added above it', () => {
    let long = 0;
    for (const [name, original] of sampleArticles()) {
      const before = hardWrapped(original, 72);
      const after = hardWrapped(original, 58);
      const added = 'An editor’s note added on top of the article.\n\n';
      for (let start = 0; start < original.length; ) {
        let end = original.indexOf('\n', start);
        if (end < 0) end = original.length;
        const words = original.slice(start, end).split(' ').length;
        if (words > 1) {
          const tag = selectorFor(before.text, before.at[start], endIn(before, end));
          const where = `${name}: ${words} words from ${JSON.stringify(tag.exact.slice(0, 40))}`;
          for (const [text, shift] of [[after.text, 0], [added + after.text, added.length]] as const) {
            const found = reanchor(text, tag);
            assert.equal(found.status, 'anchored', where);
            assert.deepEqual([found.start, found.end], [shift + after.at[start], shift + endIn(after, end)], where);
          }
          if (words > 64) long++;
        }
        start = end + 1;
      }
    }
    assert.ok(long >= 5, `${long} paragraphs of more than 64 words`);
  });

  it('keeps a quote in a Markdown block quote anchored when the quote marks move with the line breaks', () => {
    const before = '> “We have not lost a single position in the last week of fighting near the\n> border,” a spokesman said.\n';
    const after = '> “We have not lost a single position in the last week of\n> fighting near the border,” a spokesman\n> said.\n';
    const quoted = before.slice(2, before.indexOf('”') + 1);
    const found = reanchor(after, selectorFor(before, 2, 2 + quoted.length));
    assert.equal(found.status, 'anchored');
    assert.equal(after.slice(found.start, found.end), '“We have not lost a single position in the last week of\n> fighting near the border,”');
  });

  it('flags a re-wrapped quote whose words were also changed, at the changed words', () => {
    const before = 'The minister said that “the operation will go\non for as long as it takes” on Monday.\n';
    const after = 'The minister said that “the operation will go on for as\nlong as it must” on Monday.\n';
    const at = before.indexOf('“');
    const found = reanchor(after, selectorFor(before, at, before.indexOf('”') + 1));
    assert.equal(found.status, 'fuzzy');
    assert.equal(after.slice(found.start, found.end), '“the operation will go on for as\nlong as it must”');
  });

  it('does not anchor a tag on another passage with the same words wrapped differently once its own was rewritten', () => {
    const own = 'In Geneva, the minister said the talks would resume next week after the holiday.';
    const other = 'Back in Kyiv, officials added that\nthe talks would resume next week\nafter all, whatever happens.';
    const text = `${own}\n\n${'Filler sentence about something else entirely. '.repeat(4)}\n\n${other}\n`;
    const at = text.indexOf('the talks would resume next week');
    const tag = selectorFor(text, at, at + 'the talks would resume next week'.length);
    const changed = text.replace('the talks would resume next week after', 'negotiations were called off after');
    const found = reanchor(changed, tag);
    assert.notEqual(found.status, 'anchored');
  });

  it('re-anchors after a BOM appears at the start of the text, one code unit later', () => {
    const found = reanchor(`\ufeff${article}`, selector);
    assert.equal(found.status, 'anchored');
    assert.equal(found.start, start + 1);
  });

  it('moves a tag by two code units when an emoji is typed before it', () => {
    const changed = `😀${article}`;
    const found = reanchor(changed, selector);
    assert.deepEqual([found.start, found.status], [start + 2, 'anchored']);
  });

  it('finds a tag on an indistinguishable occurrence when edits stay clear of its text and context, flagged if others look the same', () => {
    fc.assert(
      fc.property(repetitiveText, fc.nat(), fc.nat(40), fc.array(fc.record({ at: fc.nat(), length: fc.nat(12), text: fc.constantFrom('', 'the Kremlin', ' said', 'X', '\n', '😀', ' officials said the Kremlin said') }), { maxLength: 12 }), (text, x, size, edits) => {
        const from = x % text.length;
        const tag = selectorFor(text, from, Math.min(text.length, from + 1 + size));
        let current = text;
        let tracked = { start: tag.start, end: tag.end };
        for (const edit of edits) {
          const low = tracked.start - tag.prefix.length;
          const high = tracked.end + tag.suffix.length;
          // Place the edit wholly before the context or wholly after it.
          const before = edit.at % 2 === 0 && low > 0;
          const rangeOffset = before ? edit.at % (low + 1) : high + (edit.at % (current.length - high + 1));
          const rangeLength = before ? Math.min(edit.length, low - rangeOffset) : Math.min(edit.length, current.length - rangeOffset);
          const change = { rangeOffset, rangeLength, text: edit.text };
          const moved = shiftForChange(tracked, change);
          current = apply(current, change);
          tracked = { start: moved.start, end: moved.end };
        }
        const found = reanchor(current, tag);
        assert.notEqual(found.status, 'orphan');
        const window = (s: number, e: number): string => current.slice(s - tag.prefix.length, e + tag.suffix.length);
        assert.equal(window(found.start, found.end), window(tracked.start, tracked.end));
        assert.equal(current.slice(found.start, found.end), tag.exact);
        // Anchored only where nothing else looks the same; else flagged for a person.
        const whole = tag.prefix + tag.exact + tag.suffix;
        if (found.status === 'anchored' && found.start !== tracked.start) assert.equal(current.indexOf(whole), current.lastIndexOf(whole));
      }),
      { numRuns: 300 },
    );
  });

  it('after any edits, lands on the exact text, on a similar passage in a similar context, or nowhere', () => {
    fc.assert(
      fc.property(repetitiveText, fc.nat(), fc.nat(60), fc.array(fc.record({ at: fc.nat(), length: fc.nat(30), text: fc.constantFrom('', 'the Kremlin', 'said', 'X', '\n', '😀', 'cafe\u0301') }), { maxLength: 10 }), (text, x, size, edits) => {
        const from = x % text.length;
        const tag = selectorFor(text, from, Math.min(text.length, from + 1 + size));
        let current = text;
        for (const edit of edits) {
          const rangeOffset = edit.at % (current.length + 1);
          current = apply(current, { rangeOffset, rangeLength: Math.min(edit.length, current.length - rangeOffset), text: edit.text });
        }
        const found = reanchor(current, tag);
        assert.ok(found.start >= 0 && found.start <= found.end && found.end <= current.length);
        // Anchored only on the tagged text, however its lines break now.
        if (found.status === 'anchored') assert.equal(normaliseSpacing(current.slice(found.start, found.end)), normaliseSpacing(tag.exact));
        if (found.status === 'fuzzy') {
          // A similar passage in a similar context, or a long quote found once (however its
          // lines break), whatever its context.
          const places = (current.indexOf(tag.exact) >= 0 ? (current.indexOf(tag.exact) === current.lastIndexOf(tag.exact) ? 1 : 2) : 0) + reflowedOccurrences(current, tag.exact, 2).length;
          const longAndUnique = tag.exact.length >= 32 && normaliseSpacing(current.slice(found.start, found.end)) === normaliseSpacing(tag.exact) && places === 1;
          assert.ok(longAndUnique || found.score >= FUZZY_THRESHOLD);
          assert.ok(longAndUnique || contextSimilarity(current, found.start, found.end, tag.prefix, tag.suffix) >= MIN_CONTEXT_SIMILARITY);
        }
        if (found.status === 'orphan') assert.equal(found.start, found.end);
      }),
      { numRuns: 300 },
    );
  });
});

describe('shiftForChange', function () {
  this.timeout(30_000);

  const span = { start: 10, end: 20 };
  const cases: Array<[string, TextChange, number, number, boolean]> = [
    ['shifts a span when text is typed before it', { rangeOffset: 2, rangeLength: 0, text: 'abc' }, 13, 23, false],
    ['shifts a span when text is typed exactly at its start (outside the tag)', { rangeOffset: 10, rangeLength: 0, text: 'abc' }, 13, 23, false],
    ['leaves a span alone when text is typed exactly at its end (outside the tag)', { rangeOffset: 20, rangeLength: 0, text: 'abc' }, 10, 20, false],
    ['grows a span when text is typed inside it', { rangeOffset: 15, rangeLength: 0, text: 'abc' }, 10, 23, false],
    ['shifts a span back when text before it is deleted up to its start', { rangeOffset: 4, rangeLength: 6, text: '' }, 4, 14, false],
    ['leaves a span alone when text after it is deleted from its end', { rangeOffset: 20, rangeLength: 5, text: '' }, 10, 20, false],
    ['shrinks a span when part of its inside is deleted', { rangeOffset: 12, rangeLength: 3, text: '' }, 10, 17, false],
    ['keeps replacement text that replaced the first words of the tag', { rangeOffset: 10, rangeLength: 3, text: 'He' }, 10, 19, false],
    ['clips a span whose start is deleted along with text before it', { rangeOffset: 5, rangeLength: 8, text: '' }, 5, 12, false],
    ['clips a span whose start is overwritten, leaving the new text outside', { rangeOffset: 5, rangeLength: 8, text: 'XY' }, 7, 14, false],
    ['clips a span whose end is overwritten along with text after it', { rangeOffset: 17, rangeLength: 10, text: 'XYZ' }, 10, 17, false],
    ['orphans a span whose text is deleted exactly', { rangeOffset: 10, rangeLength: 10, text: '' }, 10, 10, true],
    ['orphans a span whose text is deleted along with more around it', { rangeOffset: 8, rangeLength: 15, text: '' }, 8, 8, true],
    ['orphans a span whose whole text is replaced', { rangeOffset: 10, rangeLength: 10, text: 'something else' }, 10, 10, true],
  ];
  for (const [name, change, start, end, orphaned] of cases) {
    it(name, () => {
      const moved = shiftForChange(span, change);
      assert.deepEqual([moved.start, moved.end, moved.orphaned], [start, end, orphaned]);
    });
  }

  it('keeps an orphan in place when text is typed at its position, so an undo can revive it', () => {
    assert.deepEqual(shiftForChange({ start: 10, end: 10 }, { rangeOffset: 10, rangeLength: 0, text: 'back' }), { start: 10, end: 10, orphaned: false, touched: false });
  });

  it('accumulates a sequence of changes in order', () => {
    const moved = shiftForChanges([span], [
      { rangeOffset: 30, rangeLength: 0, text: 'zz' },
      { rangeOffset: 0, rangeLength: 0, text: 'a' },
      { rangeOffset: 11, rangeLength: 10, text: '' },
    ]);
    assert.deepEqual(moved, [{ start: 11, end: 11, orphaned: true, touched: true }]);
  });

  it('keeps every span in bounds and on its own text through random edit sequences', () => {
    const edit = fc.record({ at: fc.nat(), length: fc.nat(15), text: fc.string({ unit: 'grapheme', maxLength: 6 }) });
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 150 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 }), fc.array(edit, { maxLength: 25 }), (text, rawSpans, edits) => {
        let current = text;
        let spans = rawSpans.map(([x, y]) => {
          const a = x % (text.length + 1);
          const b = y % (text.length + 1);
          const start = Math.min(a, b);
          const end = Math.max(a, b);
          return { start, end, text: text.slice(start, end) };
        });
        for (const e of edits) {
          const a = e.at % (current.length + 1);
          const b = a + Math.min(e.length, current.length - a);
          const change = { rangeOffset: a, rangeLength: b - a, text: e.text };
          const next = apply(current, change);
          spans = spans.map((span) => {
            const old = span.text;
            const { start: s, end: en } = span;
            const moved = shiftForChange(span, change);
            assert.ok(0 <= moved.start && moved.start <= moved.end && moved.end <= next.length, 'in bounds and ordered');
            // What the span's text must be now, worked out on the strings alone.
            let expected: string;
            if (a === b ? a <= s || a >= en : b <= s || a >= en) expected = old;
            else if (a <= s && b >= en) expected = '';
            else if (a >= s && b <= en) expected = old.slice(0, a - s) + e.text + old.slice(b - s);
            else if (a < s) expected = old.slice(b - s);
            else expected = old.slice(0, a - s);
            assert.equal(next.slice(moved.start, moved.end), expected);
            if (moved.orphaned) assert.equal(moved.start, moved.end);
            return { start: moved.start, end: moved.end, text: expected };
          });
          current = next;
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('contextSimilarity and editDistance', () => {
  it('measures Levenshtein distance in code units', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('same', 'same'), 0);
  });

  it('is 1 for unchanged context and falls as the context changes', () => {
    const text = 'before the words TAG after the words';
    const at = text.indexOf('TAG');
    assert.equal(contextSimilarity(text, at, at + 3, 'before the words ', ' after the words'), 1);
    const similar = contextSimilarity(text, at, at + 3, 'before the wordz ', ' after the words');
    assert.ok(similar < 1 && similar > 0.9);
    assert.ok(contextSimilarity(text, at, at + 3, 'completely other', 'unrelated things') < 0.5);
  });
});

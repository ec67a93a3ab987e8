import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { reanchor } from '../../src/core/anchor';
import { normaliseSpacing, reflowedAt, reflowedOccurrences } from '../../src/core/reflow';

/** Whether `now` is `tagged` with its spacing written otherwise (or the same). */
function sameText(tagged: string, now: string): boolean {
  return now === tagged || reflowedOccurrences(now, tagged, 10).some(([start, end]) => start === 0 && end === now.length);
}

describe('text that only its line breaks and spacing tell apart', () => {
  const tagged = '“the operation will go\non for as long as it takes”';

  it('matches the text re-wrapped at another width, double-spaced, or with CRLF line endings', () => {
        for (const now of ['“the operation will go on for as long as it takes”', '“the operation\nwill go on for as long\nas it takes”', '“the operation  will go\r\non for as long as it takes”', '“the operation will go \n  on for as long as it takes”']) {
      assert.ok(sameText(tagged, now), JSON.stringify(now));
    }
  });

  it('lets the quote marks of a Markdown or e-mail block quote move with the line breaks', () => {
    const quote = '“We have not lost a single position in the last week of fighting near the\n> border,”';
    assert.ok(sameText(quote, '“We have not lost a single position in the last week of\n> fighting near the border,”'));
    assert.ok(sameText(quote, '“We have not lost a single position in the last week of\n>> fighting near the border,”'));
  });

  it('does not match other words, words run together, or a paragraph break where there was none', () => {
        for (const other of ['“the operation will go on for as long as it took”', '“the operationwill go on for as long as it takes”', '“the operation will go\n\non for as long as it takes”', '“the operation will-go on for as long as it takes”']) {
      assert.ok(!sameText(tagged, other), JSON.stringify(other));
    }
  });

  it('keeps a paragraph break a paragraph break', () => {
    const two = 'the end of one.\n\nThe start of the next';
    assert.ok(sameText(two, 'the end of one.\r\n\r\nThe start of the next'));
    assert.ok(sameText(two, 'the end of one.\n> \n> The start of the next'));
    assert.ok(!sameText(two, 'the end of one. The start of the next'));
    assert.equal(normaliseSpacing('the end of one.\n \n\nThe start'), 'the end of one.\n\nThe start');
  });

  it('takes every character of the tagged text literally, regular-expression characters included', () => {
    const figures = '$7 (about £5.50) [sic] +3.2% a/b\n^x|y {2}';
    assert.ok(sameText(figures, '$7 (about £5.50) [sic] +3.2% a/b ^x|y {2}'));
    assert.ok(!sameText(figures, '$7 (about £5X50) [sic] +3.2% a/b ^x|y {2}'));
  });

  it('finds nothing for text without spacing, or for spacing alone, where only the text itself could match', () => {
    assert.deepEqual(reflowedOccurrences('10,000 and 10,000', '10,000', 10), []);
    assert.deepEqual(reflowedOccurrences('a \n b\n\nc', ' \n ', 10), []);
    assert.deepEqual(reflowedOccurrences('abc', '', 10), []);
  });

  it('matches spacing at either end of the tagged text with spacing of the same kind beside the place', () => {
    const tagged = ' the region.\nThe U.S. has been reaching ';
    assert.deepEqual(reflowedOccurrences('in the region.\r\nThe U.S. has been reaching out', tagged, 10), [[2, 43]]);
    assert.deepEqual(reflowedOccurrences('in the region. The U.S. has been reaching\nout', tagged, 10), [[2, 42]]);
    assert.deepEqual(reflowedOccurrences('in the region. The U.S. has been reaching\n\nout', tagged, 10), [], 'a paragraph break is not a space');
  });

  it('takes a ">" beside a place as spacing only where it opens a line', () => {
    assert.deepEqual(reflowedOccurrences('x\n> the talks  resumed', '\nthe talks resumed', 10), [[1, 22]]);
    assert.deepEqual(reflowedOccurrences('if a > the talks  resumed', '  the talks resumed', 10), [[6, 25]]);
    assert.deepEqual(reflowedOccurrences('the talks  resumed >= 3', 'the talks resumed  ', 10), [[0, 19]]);
    assert.deepEqual(reflowedOccurrences('x the talks  resumed\n> y', 'the talks resumed\n', 10), [[2, 21]], 'a line break found as it was');
  });

  it('finds a tag with its context where it was, re-wrapped, and nowhere else', () => {
    const before = 'who added that ';
    const after = ' and declined';
    const text = 'the operation will go\non for as long';
    const now = 'The minister, who added that\nthe operation will go on for\nas long and declined to say.';
    const at = now.indexOf('the operation');
    assert.equal(reflowedAt(now, before, text, after, at), at + text.length);
    assert.equal(reflowedAt(now, before, text, after, at - 1), -1);
    assert.equal(reflowedAt(now.replace('as long', 'as short'), before, text, after, at), -1);
    assert.equal(reflowedAt(now.replace('who added', 'who said'), before, text, after, at), -1);
  });

  it('matches a text of more words than one pattern holds, through a chain of patterns, without an error', () => {
    // 2,048 words: one pattern of them overflowed the regular-expression engine's stack.
    const many = 'a '.repeat(2048).trim();
    const text = `x ${'a\n'.repeat(2048)}y`;
    assert.deepEqual(reflowedOccurrences(text, many, 10), [[2, 2 + many.length]]);
    assert.equal(reflowedAt(text, 'x ', many, '\ny', 2), 2 + many.length);
    assert.equal(reflowedAt(text, 'x ', many, '\nz', 2), -1, 'the context after the last link must match too');
    assert.doesNotThrow(() => reanchor(text, { exact: many, prefix: 'q'.repeat(32), suffix: 'z'.repeat(32), start: 5, end: 5 + many.length }));
    // A word changed past the first pattern's 64 runs is not the same text.
    const words = Array.from({ length: 150 }, (_, i) => `w${i}`);
    const wrapped = words.map((word, i) => word + (i % 9 === 8 ? '\n' : ' ')).join('').trim();
    assert.deepEqual(reflowedOccurrences(`> ${wrapped} .`, words.join(' '), 10), [[2, 2 + wrapped.length]]);
    assert.deepEqual(reflowedOccurrences(`> ${wrapped.replace('w120', 'w12O')} .`, words.join(' '), 10), []);
    assert.deepEqual(reflowedOccurrences(`> ${wrapped.replace('w125\n', 'w125\n\n')} .`, words.join(' '), 10), [], 'a paragraph break where there was none');
  });

  it('bounds the search for a long text in an article that repeats its first words', function () {
    // Every place matches the first 64 words and fails only at the last: the links tried
    // after the first are counted, so the search ends (in a fraction of a second) instead of
    // costing the square of the article's length (about 40 s here, past the time allowed).
    this.timeout(10_000);
    const text = 'a\n'.repeat(1_000_000);
    assert.deepEqual(reflowedOccurrences(text, `${'a '.repeat(2000)}b`, 10), []);
  });

  it('searches a long run of spaces in time proportional to it', function () {
    this.timeout(20_000);
    const spaces = ' '.repeat(200_000);
    assert.deepEqual(reflowedOccurrences(`x${spaces}y`, 'x y z', 10), []);
    assert.deepEqual(reflowedOccurrences(`${spaces}x${spaces}`, ' x y ', 10), []);
    assert.equal(reflowedAt(`${spaces}x${spaces}`, '', ' x y', '', 100_000), -1);
  });

  it('matches any re-spacing of any text, and normalises both to the same string', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9“”’.,$%()[\]*+?|^\\-]{1,8}$/);
    const run = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\n> ', ' \n   ', '\n>> ');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, run, run), { minLength: 2, maxLength: 12 }), (parts) => {
        const original = parts.map(([w, r]) => w + r).join('').trimEnd();
        const respaced = parts.map(([w, , r]) => w + r).join('').trimEnd();
        // Trimming may leave a different last word's run: compare texts that end alike.
        if (/\s$|>$/.test(original) || /\s$|>$/.test(respaced)) return;
        assert.ok(sameText(original, respaced), `${JSON.stringify(original)} ~ ${JSON.stringify(respaced)}`);
        assert.equal(normaliseSpacing(original), normaliseSpacing(respaced));
      }),
      { numRuns: 300 },
    );
  });
});

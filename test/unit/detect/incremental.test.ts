/**
 * Property tests: re-detecting after edits gives exactly what a full scan gives, and every
 * span stays inside the text, in order, and off the middle of a surrogate pair.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { type Detection, IncrementalDetector, compareDetections, detect } from '../../../src/core/detect';
import { sampleArticles } from '../../support/paths';
import { asMarkdown, hardWrap } from '../../support/text';

const samples = sampleArticles().map(([, text]) => text);

/** Pieces that stress the detector's cross-paragraph state and its word boundaries. */
const PIECES = [
  '“', '”', '"', '‘', '’', "'", '«', '»', '„', '\n', '\n\n', '\r\n', '\r', ' ', '1', '7', ',000', '2,000', '.', '. ',
  'Austin said', ', he said. “', '“Yes.\n“No', 'said Kirby', 'According to officials, ', ' could ', ' must ',
  ' four ', ' million', ' per cent', '$', '%', '😀', 'e\u0301', '\u00a0', 'Kim\'s', ' soldiers\' ', 'Oct. 3', '-',
  ' between 11 and 12 ', ' twenty-one ', ' the first ', ':\n',
];

const piece = fc.constantFrom(...PIECES);

/**
 * A starting text: a slice of a sample article, half the time hard-wrapped so that quotes
 * run over single line breaks, with pieces spliced in.
 */
const startText = fc
  .tuple(fc.nat(samples.length - 1), fc.nat(4000), fc.nat(1500), fc.array(fc.tuple(fc.nat(), piece), { maxLength: 8 }), fc.option(fc.integer({ min: 20, max: 80 })))
  .map(([which, from, length, inserts, width]) => {
    let text = samples[which].slice(from % samples[which].length, (from % samples[which].length) + length);
    if (width !== null) text = hardWrap(text, width);
    for (const [at, p] of inserts) {
      const k = at % (text.length + 1);
      text = text.slice(0, k) + p + text.slice(k);
    }
    return text;
  });

/** One change: where (as a fraction of the text), how much to delete, what to insert. */
const change = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat(12), insert: fc.oneof(piece, fc.constant(''), fc.string({ maxLength: 4 })) });

/** A batch of one to three changes, applied in order as VS Code's contentChanges are. */
const batch = fc.array(change, { minLength: 1, maxLength: 3 });

function applyBatch(text: string, changes: Array<{ at: number; remove: number; insert: string }>): { text: string; edits: Array<{ rangeOffset: number; rangeLength: number; text: string }> } {
  const edits: Array<{ rangeOffset: number; rangeLength: number; text: string }> = [];
  for (const c of changes) {
    const rangeOffset = Math.min(text.length, Math.floor(c.at * (text.length + 1)));
    const rangeLength = Math.min(c.remove, text.length - rangeOffset);
    edits.push({ rangeOffset, rangeLength, text: c.insert });
    text = text.slice(0, rangeOffset) + c.insert + text.slice(rangeOffset + rangeLength);
  }
  return { text, edits };
}

type Change = { at: number; remove: number; insert: string };

/** Asserts that after each batch of one or two `edit`s to a `text`, the incremental result equals a full scan. */
function assertEditsMatchFullScan(text: fc.Arbitrary<string>, edit: fc.Arbitrary<Change>, numRuns: number): void {
  fc.assert(
    fc.property(text, fc.array(fc.array(edit, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 6 }), (initial, batches) => {
      const detector = new IncrementalDetector(initial);
      let current = initial;
      for (const b of batches) {
        const applied = applyBatch(current, b);
        current = applied.text;
        detector.applyChanges(applied.edits);
        assert.deepStrictEqual(detector.detections, detect(current));
      }
    }),
    { numRuns },
  );
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Checks the invariants every result must keep. */
function assertWellFormed(text: string, detections: readonly Detection[]): void {
  for (let k = 0; k < detections.length; k++) {
    const d = detections[k];
    assert.ok(d.start >= 0 && d.start < d.end && d.end <= text.length, `span out of bounds: ${JSON.stringify(d)}`);
    if (k > 0) assert.ok(compareDetections(detections[k - 1], d) <= 0, `out of order at ${k}`);
    for (const offset of [d.start, d.end, d.speakerStart, d.speakerEnd, d.sentenceStart, d.sentenceEnd]) {
      if (offset === undefined) continue;
      assert.ok(offset >= 0 && offset <= text.length, `offset out of bounds in ${JSON.stringify(d)}`);
      assert.ok(!(offset > 0 && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset))), `offset ${offset} splits a surrogate pair`);
    }
  }
}

describe('IncrementalDetector', () => {
  it('equals a full scan after any sequence of edit batches', () => {
    fc.assert(
      fc.property(startText, fc.array(batch, { minLength: 1, maxLength: 8 }), (initial, batches) => {
        const detector = new IncrementalDetector(initial);
        assert.deepStrictEqual(detector.detections, detect(initial));
        let text = initial;
        for (const b of batches) {
          const applied = applyBatch(text, b);
          text = applied.text;
          detector.applyChanges(applied.edits);
          assert.equal(detector.text, text);
          assert.deepStrictEqual(detector.detections, detect(text));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports a changed range outside which the detections stay the same', () => {
    fc.assert(
      fc.property(startText, change, (initial, c) => {
        const detector = new IncrementalDetector(initial);
        const before = detector.detections;
        const { text, edits } = applyBatch(initial, [c]);
        const { changedFrom, changedTo } = detector.applyChanges(edits);
        const delta = text.length - initial.length;
        const key = (d: Detection, shift: number): string => JSON.stringify({ ...d, start: d.start + shift, end: d.end + shift, speakerStart: d.speakerStart === undefined ? undefined : d.speakerStart + shift, speakerEnd: d.speakerEnd === undefined ? undefined : d.speakerEnd + shift, sentenceStart: d.sentenceStart === undefined ? undefined : d.sentenceStart + shift, sentenceEnd: d.sentenceEnd === undefined ? undefined : d.sentenceEnd + shift });
        const old = new Set(before.map((d) => (d.end <= edits[0].rangeOffset ? key(d, 0) : key(d, delta))));
        for (const d of detector.detections) {
          if (d.end <= changedFrom || d.start >= changedTo) assert.ok(old.has(key(d, 0)), `changed outside [${changedFrom}, ${changedTo}): ${JSON.stringify(d)}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every span inside the text, in order, and never inside a surrogate pair', () => {
    fc.assert(
      fc.property(startText, fc.array(batch, { maxLength: 4 }), (initial, batches) => {
        const detector = new IncrementalDetector(initial);
        let text = initial;
        assertWellFormed(text, detector.detections);
        for (const b of batches) {
          const applied = applyBatch(text, b);
          text = applied.text;
          detector.applyChanges(applied.edits);
          assertWellFormed(text, detector.detections);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('answers detectionsIn(from, to) with exactly the detections overlapping the range', () => {
    fc.assert(
      fc.property(startText, batch, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (initial, b, x, y) => {
        const detector = new IncrementalDetector(initial);
        const { edits, text } = applyBatch(initial, b);
        detector.applyChanges(edits);
        const from = Math.floor(Math.min(x, y) * text.length);
        const to = Math.floor(Math.max(x, y) * text.length);
        const expected = detect(text).filter((d) => (from === to ? d.start <= from && d.end >= from : d.start < to && d.end > from));
        assert.deepStrictEqual(detector.detectionsIn(from, to), expected);
      }),
      { numRuns: 300 },
    );
  });

  it('applies a batch in array order, each change against the text the previous one left', () => {
    const detector = new IncrementalDetector('one two three');
    // VS Code sends the edits of several cursors last-first, so earlier offsets stay valid.
    detector.applyChanges([
      { rangeOffset: 8, rangeLength: 5, text: '“three”' },
      { rangeOffset: 0, rangeLength: 3, text: '“one”' },
    ]);
    assert.equal(detector.text, '“one” two “three”');
    assert.deepStrictEqual(detector.detections, detect('“one” two “three”'));
  });

  it('turns a typed closing mark into a quote that spans several paragraphs', () => {
    const text = '“First part.\n“Second part.\nNarration.';
    const detector = new IncrementalDetector(text);
    assert.deepEqual(detector.detections.filter((d) => d.kind === 'quote').map((d) => d.unclosed), [true]);
    const at = text.indexOf('part.\nN') + 5;
    const range = detector.applyChanges([{ rangeOffset: at, rangeLength: 0, text: '”' }]);
    const quote = detector.detections.find((d) => d.kind === 'quote');
    assert.deepEqual(quote && [quote.start, quote.end, quote.unclosed], [0, at + 1, undefined]);
    assert.ok(range.changedFrom <= 0 && range.changedTo >= at + 1);
  });

  it('equals a full scan when edits open, close or rewrap quotes running over single line breaks', () => {
    // Short hard-wrapped texts dense with quote marks and line breaks, so that edits often
    // decide whether a quote opened lines earlier closes within the lines a scan looks at.
    const word = fc.constantFrom(
      'the', 'war', 'said', 'Kirby', 'cost', 'will', '“We', 'it,”', '"No', 'end,"', 'said.', '’', '‘Yes', 'done,’', 'soldiers’', "'",
      '«a', 'b»,', '»c', 'd«.', '„Ja', 'nein“', 'Austin said:', 'said Kirby.', 'According to officials,', '10,000', 'she told reporters',
      // Long enough to make a line longer than a wrapped one.
      'x'.repeat(60),
    );
    const line = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
    const text = fc.array(fc.tuple(line, fc.constantFrom('\n', '\n', '\n', '\n\n', '\r\n', '\r')), { minLength: 2, maxLength: 14 }).map((lines) => lines.map(([l, br]) => l + br).join(''));
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat(3), insert: fc.constantFrom('', '”', '“', '"', '’', "'", '«', '»', '\n', '\n\n', ' ', 'x', 'x'.repeat(50)) });
    assertEditsMatchFullScan(text, edit, 3000);
  });

  it('joins a quote hard-wrapped over four lines once its closing mark is typed', () => {
    const text = '“We will not back down, not now and not in the months to come,\nand not later either, whatever the price we have to pay for\nit in the end, and whatever our friends and allies abroad say\nabout the cost” Kirby said.\n\nNext.';
    const detector = new IncrementalDetector(text);
    const quoteText = (): string[] => detector.detections.filter((d) => d.kind === 'quote').map((d) => detector.text.slice(d.start, d.end));
    const whole = text.slice(0, text.indexOf('”') + 1);
    assert.deepEqual(quoteText(), [whole]);
    // Deleting the closing mark leaves the quote open to the end of its paragraph.
    const close = text.indexOf('”');
    detector.applyChanges([{ rangeOffset: close, rangeLength: 1, text: '' }]);
    assert.deepEqual(quoteText(), [text.slice(0, text.indexOf('\n\n')).replace('”', '')]);
    assert.deepStrictEqual(detector.detections, detect(detector.text));
    detector.applyChanges([{ rangeOffset: close, rangeLength: 0, text: '”' }]);
    assert.deepEqual(quoteText(), [whole]);
    assert.deepStrictEqual(detector.detections, detect(detector.text));
  });

  it('equals a full scan when edits join and split hard-wrapped paragraphs', () => {
    // Lines near the lengths that decide a soft wrap (50 to 100 columns), so that an edit
    // often turns a paragraph break into a wrap or back.
    const word = fc.constantFrom('the', 'troops', '“We', 'said.', 'Kirby', '10,000', 'million', '1.5', 'according to', 'could', 'x'.repeat(30), '”', 'he said,', '- item', '1.', '> ', 'By Jane Smith');
    const line = fc.array(word, { minLength: 1, maxLength: 14 }).map((words) => words.join(' '));
    const text = fc.array(fc.tuple(line, fc.constantFrom('\n', '\n', '\n', '\n\n', '\r\n')), { minLength: 2, maxLength: 16 }).map((lines) => lines.map(([l, br]) => l + br).join(''));
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat(4), insert: fc.constantFrom('', '\n', '\n\n', ' ', 'word ', 'x'.repeat(40), '”', '“', '> ', '- ') });
    assertEditsMatchFullScan(text, edit, 1000);
  });

  it('equals a full scan of Markdown when edits open and close code fences, front matter, lists, quotes and tables', () => {
    const line = fc.constantFrom(
      '# Heading "x" 2024', 'Plain words and “a quote” here with 5 troops,', 'said Kirby on Monday.', '> quoted “text', '> more 10,000', '- item “one”',
      '  continued item 7', '1. first', '2. second could', '```', '~~~', '    indented "code" 5', '---', '+++', '| a | b |', '| --- | --- |',
      '| "c" | 12 |', '<div>', '</div>', '<!-- c "x" 5 -->', '[ref]: http://x/2024', '[^1]: note 42', 'With `code 2024`, **bold 3** and [a link](http://x/9 "t 8").',
      '', '', '$$', 'e = 5', '<script>', 'var x = "1";', '</script>', 'By Jane Smith', 'WASHINGTON (AP) — 5 died.', '   ', 'Setext', '===', 'title: "x"',
    );
    const text = fc.array(line, { minLength: 1, maxLength: 30 }).map((lines) => lines.join('\n'));
    const edit = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      remove: fc.nat(8),
      insert: fc.constantFrom('', '\n', '\n\n', '```\n', '---\n', '> ', '- ', '1. ', '“', '”', '"', '|', '`', '*', ' ', 'x', '5', '<', '>', '$$\n', '# ', '===\n', '    ', '<!--', '-->'),
    });
    const options = { format: 'markdown' as const };
    fc.assert(
      fc.property(text, fc.array(edit, { minLength: 1, maxLength: 6 }), (initial, edits) => {
        const detector = new IncrementalDetector(initial, options);
        assert.deepStrictEqual(detector.detections, detect(initial, options));
        let current = initial;
        for (const e of edits) {
          const applied = applyBatch(current, [e]);
          current = applied.text;
          detector.applyChanges(applied.edits);
          assert.equal(detector.text, current);
          assert.deepStrictEqual(detector.detections, detect(current, options));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('equals a full scan of a Markdown article after edits anywhere in it, the top included', () => {
    const article = asMarkdown(samples.join('\n'), 72).text;
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat(20), insert: fc.constantFrom('', '\n', '\n\n', '```\n', '---\n', '“', '”', 'x', '- ', '> ', '|') });
    const options = { format: 'markdown' as const };
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), fc.boolean(), (edits, atTop) => {
        const detector = new IncrementalDetector(article, options);
        let current = article;
        for (const e of edits) {
          // Half the runs edit the first lines, where front matter opens and closes.
          const at = atTop ? e.at * 0.02 : e.at;
          const applied = applyBatch(current, [{ ...e, at }]);
          current = applied.text;
          detector.applyChanges(applied.edits);
        }
        assert.deepStrictEqual(detector.detections, detect(current, options));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps only the kinds it was asked for', () => {
    const detector = new IncrementalDetector('He said “4 brigades could go.”', { kinds: new Set(['number']) });
    assert.deepEqual(detector.detections.map((d) => d.kind), ['number']);
    detector.applyChanges([{ rangeOffset: 0, rangeLength: 0, text: 'Officials said 7 more. ' }]);
    assert.deepStrictEqual(detector.detections, detect(detector.text, { kinds: new Set(['number']) }));
  });
});

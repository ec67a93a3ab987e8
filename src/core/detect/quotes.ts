/**
 * Pairs quote marks into quoted statements, one paragraph at a time.
 *
 * News text mixes straight and curly marks and gets them wrong (`”boots on the ground”`,
 * `capabilities“ to`), and the same glyph `’` is both an apostrophe and a closing single
 * quote. So a mark's glyph only breaks ties: whether it opens or closes is read from what
 * stands on either side of it, as typesetters do. A quote left open at the end of a
 * paragraph continues only when the next paragraph reopens it (the newswire convention for
 * a statement running over several paragraphs); otherwise it ends with its paragraph. A
 * paragraph is what a reader sees as one (structure/): a quote hard-wrapped over several
 * lines is inside one paragraph.
 */
import {
  C, CLASS as importedCLASS, type Codes, type ParagraphText, isLetter as importedIsLetter, skipSpaces as importedSkipSpaces, skipSpacesBack as importedSkipSpacesBack,
} from './text';
import type { QuoteSubtype } from './types';
import { Ch } from './chars';

// The character helpers as module constants: an import is a property load on the module
// object in CommonJS output, a constant is folded into the loops that call it.
const CLASS = importedCLASS;
const isLetter = importedIsLetter;
const skipSpaces = importedSkipSpaces;
const skipSpacesBack = importedSkipSpacesBack;

/** Quote families: marks of one family pair with each other. */
export const enum Q {
  DOUBLE = 0,
  SINGLE = 1,
  GUILLEMET = 2,
  SINGLE_GUILLEMET = 3,
  CORNER = 4,
  WHITE_CORNER = 5,
}

/** How a glyph leans when its surroundings do not decide. */
const enum Lean {
  NEUTRAL = 0,
  LEANS_OPEN = 1,
  LEANS_CLOSE = 2,
  ONLY_OPEN = 3,
  ONLY_CLOSE = 4,
}

const FAMILY = new Int8Array(65536).fill(-1);
const LEAN = new Uint8Array(65536);

function glyph(ch: string, family: number, lean: number): void {
  FAMILY[ch.charCodeAt(0)] = family;
  LEAN[ch.charCodeAt(0)] = lean;
}
glyph('"', Q.DOUBLE, Lean.NEUTRAL);
glyph('\uff02', Q.DOUBLE, Lean.NEUTRAL);
glyph('\u201c', Q.DOUBLE, Lean.LEANS_OPEN);
glyph('\u201d', Q.DOUBLE, Lean.LEANS_CLOSE);
glyph('\u201e', Q.DOUBLE, Lean.ONLY_OPEN);
glyph('\u201f', Q.DOUBLE, Lean.ONLY_OPEN);
glyph("'", Q.SINGLE, Lean.NEUTRAL);
glyph('\uff07', Q.SINGLE, Lean.NEUTRAL);
glyph('`', Q.SINGLE, Lean.ONLY_OPEN);
glyph('\u2018', Q.SINGLE, Lean.LEANS_OPEN);
glyph('\u2019', Q.SINGLE, Lean.LEANS_CLOSE);
glyph('\u201a', Q.SINGLE, Lean.ONLY_OPEN);
glyph('\u201b', Q.SINGLE, Lean.ONLY_OPEN);
glyph('\u00ab', Q.GUILLEMET, Lean.LEANS_OPEN);
glyph('\u00bb', Q.GUILLEMET, Lean.LEANS_CLOSE);
glyph('\u2039', Q.SINGLE_GUILLEMET, Lean.LEANS_OPEN);
glyph('\u203a', Q.SINGLE_GUILLEMET, Lean.LEANS_CLOSE);
glyph('\u300c', Q.CORNER, Lean.ONLY_OPEN);
glyph('\u300d', Q.CORNER, Lean.ONLY_CLOSE);
glyph('\u300e', Q.WHITE_CORNER, Lean.ONLY_OPEN);
glyph('\u300f', Q.WHITE_CORNER, Lean.ONLY_CLOSE);

/** Family of a quote mark, or -1 for any other character. */
export function quoteFamily(c: number): number {
  return FAMILY[c];
}

/** Words that begin with an apostrophe standing for dropped letters ('tis, 'em, 'n'). */
const ELISIONS = new Set(['tis', 'twas', 'em', 'til', 'cause', 'bout', 'n', 'round', 'nuff', 'cos', 'ol', 'fraid']);

/** An open quote carried from one paragraph into the next. */
export interface OpenQuote {
  family: number;
  subtype: QuoteSubtype;
  /** Offset of the opening mark. */
  start: number;
  /** The opening mark itself (« or »: which way the pair runs). */
  mark: number;
}

/** A paired (or paragraph-bounded) quote found in one paragraph. */
export interface QuoteSpan {
  start: number;
  end: number;
  subtype: QuoteSubtype;
  nested: boolean;
  unclosed: boolean;
  /** The quote began in an earlier paragraph. */
  continued: boolean;
}

/** What pairing one paragraph produced. */
export interface QuoteResult {
  quotes: QuoteSpan[];
  /** The outermost quote still open at the end, when the next paragraph reopens it. */
  carry: OpenQuote | null;
}

interface StackEntry {
  family: number;
  subtype: QuoteSubtype;
  start: number;
  /** The opening mark: a quote carried in opened in text this scan may not hold. */
  mark: number;
  weak: number;
  continued: boolean;
}

function subtypeOf(c: number, family: number): QuoteSubtype {
  if (c === Ch.LOW_DOUBLE_QUOTE || c === Ch.LOW_SINGLE_QUOTE) return 'low-high';
  switch (family) {
    case Q.DOUBLE: return 'double';
    case Q.SINGLE: return 'single';
    case Q.GUILLEMET:
    case Q.SINGLE_GUILLEMET: return 'guillemet';
    default: return 'corner';
  }
}

/**
 * Whether the character before the mark at `i` lets it open a quote: the paragraph start,
 * a space, an opening bracket, a dash, a colon or comma, or a mark that itself opened.
 */
function opensOnLeft(codes: Codes, i: number, start: number, opened: number): boolean {
  // Looks past at most three marks: longer runs of marks are noise, and an unbounded walk
  // would make a line of a million marks quadratic.
  let p = i - 1;
  for (let n = 0; n < 3 && p >= start && CLASS[codes[p]] === C.QUOTE; n++) {
    if (p === opened) return true;
    p--;
  }
  if (p < start) return true;
  const k = CLASS[codes[p]];
  return k === C.SPACE || k === C.OPEN || k === C.DASH || k === C.PUNCT;
}

/** Whether the character after the mark at `i` lets it close a quote. */
function closesOnRight(codes: Codes, i: number, end: number): boolean {
  let n = i + 1;
  for (let m = 0; m < 3 && n < end && CLASS[codes[n]] === C.QUOTE; m++) n++;
  if (n >= end) return true;
  const k = CLASS[codes[n]];
  return k === C.SPACE || k === C.TERMINATOR || k === C.PUNCT || k === C.CLOSE || k === C.DASH;
}

/**
 * Whether an ellipsis (three dots or `…`) or a dash starts at `i` and leads into a word,
 * after at most one space: how a quotation that picks up mid-sentence begins.
 */
function leadsIn(codes: Codes, i: number, end: number): boolean {
  let j = i;
  if (codes[j] === Ch.PERIOD) {
    while (j < end && codes[j] === Ch.PERIOD) j++;
    if (j - i < 3) return false;
  } else {
    const k = CLASS[codes[j]];
    if (codes[j] !== Ch.ELLIPSIS && k !== C.DASH) return false;
    while (j < end && (codes[j] === Ch.ELLIPSIS || CLASS[codes[j]] === C.DASH)) j++;
  }
  if (j < end && CLASS[codes[j]] === C.SPACE) j++;
  if (j >= end) return false;
  const k = CLASS[codes[j]];
  return k === C.UPPER || k === C.LOWER || k === C.DIGIT;
}

/**
 * Pairs the quote marks at `marks[0..count)` (offsets inside the paragraph [start, end), in
 * order, apostrophes between letters already left out by the scan).
 *
 * @param text - Document text
 * @param codes - Its code units
 * @param start - Paragraph start
 * @param end - Paragraph end (before the line break)
 * @param marks - Offsets of candidate quote marks
 * @param count - How many of `marks` are used
 * @param carried - Quote left open by the previous paragraph and reopened by the first
 *   character of this one
 * @param nextHead0 - The next paragraph's first code unit (0 when there is none), and
 * @param nextHead1 - its second: whether it reopens a quote left open
 * @returns The quotes and the carry, in an object reused by the next call
 */
export function pairQuotes(
  text: ParagraphText,
  codes: Codes,
  start: number,
  end: number,
  marks: Int32Array,
  count: number,
  carried: OpenQuote | null,
  nextHead0: number,
  nextHead1: number,
): QuoteResult {
  // The stack is a module buffer and the list of quotes is made only once one is found:
  // two fresh arrays per paragraph were a fifth of what a full scan allocated.
  quotes = NO_QUOTES;
  stackSize = 0;
  let k = 0;
  if (carried) {
    pushEntry(carried.family, carried.subtype, carried.start, carried.mark, true);
    // The reopening mark is not a new quote.
    if (count > 0 && skipSpaces(codes, start, end) === marks[0]) k = 1;
  }
  let opened = -1;
  let skipUntil = -1;
  for (; k < count; k++) {
    const i = marks[k];
    if (i <= skipUntil) continue;
    const c = codes[i];
    const family = FAMILY[c];
    if (family < 0) continue;
    const lean = LEAN[c];
    const left = opensOnLeft(codes, i, start, opened);
    // A mark that may open and is followed by an ellipsis or a dash leading into words
    // ("...and then", "— no more") opens: the text begins mid-sentence.
    const right = closesOnRight(codes, i, end) && !(left && leadsIn(codes, i + 1, end));
    let action: number; // 1 open, 2 close, 3 close only if nothing better comes, 0 nothing
    if (c === Ch.BACKTICK) {
      // ``Two backticks open and two straight apostrophes close'', an old typewriter habit.
      if (codes[i + 1] === Ch.BACKTICK) {
        skipUntil = i + 1;
        if (stackSize < 4) {
          pushEntry(Q.DOUBLE, 'double', i, c, false);
          opened = i + 1;
        }
        continue;
      }
      action = left ? 1 : 0;
    } else if (c === Ch.APOSTROPHE && codes[i + 1] === Ch.APOSTROPHE && findOpen(Q.DOUBLE) >= 0) {
      skipUntil = i + 1;
      closeFamily(Q.DOUBLE, i + 2);
      continue;
    } else if (c === Ch.RIGHT_SINGLE_QUOTE && codes[i + 1] === c && findOpen(Q.DOUBLE) >= 0 && closesOnRight(codes, i + 1, end)) {
      // ‘‘Doubled single marks’’ stand for a double mark: two closing ones close.
      skipUntil = i + 1;
      closeFamily(Q.DOUBLE, i + 2);
      continue;
    } else if ((c === Ch.LEFT_SINGLE_QUOTE || c === Ch.APOSTROPHE) && codes[i + 1] === c && left && i + 2 < end && CLASS[codes[i + 2]] !== C.SPACE) {
      // ‘‘Two opening single marks’’ or ''two straight ones'' before a word open a double quote.
      skipUntil = i + 1;
      if (stackSize < 4) {
        pushEntry(Q.DOUBLE, 'double', i, c, false);
        opened = i + 1;
      }
      continue;
    } else if (family === Q.DOUBLE) {
      if (lean === Lean.ONLY_OPEN) action = 1;
      else if (left !== right) action = left ? 1 : 2;
      // Spaces on both sides: a stray mark, unless it can close what is open.
      else if (left) action = 2;
      else if (lean === Lean.LEANS_OPEN) action = 1;
      else if (lean === Lean.LEANS_CLOSE) action = 2;
      else action = findOpen(Q.DOUBLE) >= 0 ? 2 : 1;
    } else if (family === Q.SINGLE) {
      action = classifySingle(text, codes, i, start, end, left, right, lean);
      if (action === 4) {
        // 'n': both marks belong to the word.
        skipUntil = i + 2;
        continue;
      }
    } else if (family === Q.GUILLEMET || family === Q.SINGLE_GUILLEMET) {
      // «French» and »German« use the same pair the other way round.
      const top = findOpen(family);
      if (top >= 0 && stack[top].mark !== c) action = 2;
      else if (lean === Lean.LEANS_OPEN) action = 1;
      else action = right ? 0 : 1;
    } else {
      action = lean === Lean.ONLY_OPEN ? 1 : 2;
    }

    if (action === 1) {
      if (stackSize >= 4) continue;
      pushEntry(family, subtypeOf(c, family), i, c, false);
      opened = i;
    } else if (action === 2) {
      closeFamily(family, i + 1);
    } else if (action === 3) {
      const top = stackSize - 1;
      if (top >= 0 && stack[top].family === Q.SINGLE) stack[top].weak = i;
    }
  }

  // Singles left open close at their last possessive-looking mark, if they had one.
  while (stackSize > 0 && stack[stackSize - 1].weak >= 0) {
    const top = stack[stackSize - 1];
    closeFamily(top.family, top.weak + 1);
  }
  let carry: OpenQuote | null = null;
  if (stackSize > 0) {
    const outer = stack[0];
    if (reopens(nextHead0, nextHead1, outer.family)) {
      carry = { family: outer.family, subtype: outer.subtype, start: outer.start, mark: outer.mark };
    } else {
      // A lone single mark is more often a stray apostrophe than a quote, so only the
      // outermost double-style quote is kept, running to the end of its paragraph.
      let b = 0;
      while (b < stackSize && stack[b].family === Q.SINGLE) b++;
      if (b < stackSize) {
        const bounded = stack[b];
        const e = endBeforeNextQuote(codes, bounded, skipSpacesBack(codes, end, bounded.start + 1));
        addQuote({ start: bounded.start, end: e, subtype: bounded.subtype, nested: false, unclosed: true, continued: bounded.continued });
      }
    }
  }
  if (quotes.length > 1) sortSpans(quotes);
  pairing.quotes = quotes;
  pairing.carry = carry;
  return pairing;
}

// Reused from call to call: the result is read before the next paragraph is paired.
const pairing: QuoteResult = { quotes: [], carry: null };

/** The quotes of the paragraph being paired; NO_QUOTES (never written) until one is found. */
const NO_QUOTES: QuoteSpan[] = [];
let quotes: QuoteSpan[] = NO_QUOTES;

function addQuote(quote: QuoteSpan): void {
  if (quotes === NO_QUOTES) quotes = [quote];
  else quotes.push(quote);
}

/**
 * The marks still open, innermost last: `stack[0..stackSize)`. At most five (four opened
 * here and one carried in), so the entries are made once and rewritten.
 */
const stack: StackEntry[] = [];
for (let n = 0; n < 5; n++) stack.push({ family: 0, subtype: 'double', start: 0, mark: 0, weak: -1, continued: false });
let stackSize = 0;

function pushEntry(family: number, subtype: QuoteSubtype, start: number, mark: number, continued: boolean): void {
  const entry = stack[stackSize++];
  entry.family = family;
  entry.subtype = subtype;
  entry.start = start;
  entry.mark = mark;
  entry.weak = -1;
  entry.continued = continued;
}

function findOpen(family: number): number {
  for (let s = stackSize - 1; s >= 0; s--) if (stack[s].family === family) return s;
  return -1;
}

/** Closes the innermost open quote of `family` at `end`; inner quotes left open are dropped. */
function closeFamily(family: number, end: number): boolean {
  const s = findOpen(family);
  if (s < 0) return false;
  while (stackSize - 1 > s) {
    const inner = stack[--stackSize];
    if (inner.weak >= 0 && inner.weak + 1 < end) {
      addQuote({ start: inner.start, end: inner.weak + 1, subtype: inner.subtype, nested: true, unclosed: false, continued: false });
    }
  }
  const entry = stack[--stackSize];
  addQuote({ start: entry.start, end, subtype: entry.subtype, nested: stackSize > 0, unclosed: false, continued: entry.continued });
  return true;
}

/**
 * 1 open, 2 close, 3 close only if nothing better comes (`soldiers'`), 4 the mark belongs
 * to "'n'", 0 an apostrophe.
 */
function classifySingle(text: ParagraphText, codes: Codes, i: number, start: number, end: number, left: boolean, right: boolean, lean: number): number {
  const prev = i > start ? codes[i - 1] : 32;
  const next = i + 1 < end ? codes[i + 1] : 32;
  const prevK = CLASS[prev];
  const nextK = CLASS[next];
  const prevWord = prevK === C.UPPER || prevK === C.LOWER || prevK === C.DIGIT;
  if (prevWord && (nextK === C.UPPER || nextK === C.LOWER)) return 0;
  if (left && nextK === C.DIGIT) return 0;
  if (left && (nextK === C.LOWER || nextK === C.UPPER)) {
    let e = i + 1;
    while (e < end && isLetter(codes[e]) && e - i < 8) e++;
    const word = text.slice(i + 1, e).toLowerCase();
    if (ELISIONS.has(word) && (e >= end || !isLetter(codes[e]))) {
      if (word === 'n' && e < end && CLASS[codes[e]] === C.QUOTE) return 4;
      if (word !== 'n') return 0;
    }
    return 1;
  }
  if (!left && right) return prev === Ch.s || prev === Ch.S ? 3 : 2;
  // After punctuation ("resign,’ she said") the mark closes; after a space it is stray.
  if (left && right) return prevK === C.PUNCT || prevK === C.TERMINATOR ? 2 : 0;
  if (!left && !right) return lean === Lean.LEANS_OPEN ? 1 : 2;
  return lean === Lean.ONLY_OPEN ? 1 : 0;
}

/**
 * Where a quote left open ends: at the end of its paragraph (`end`), or, when a new quote of
 * its kind opens inside it and is closed, right before that one (`He said “we will win and
 * then “nobody” came`: the writer forgot a closing mark, and the second quote is not nested
 * in the first). What lies from there on is then no longer nested in it.
 */
function endBeforeNextQuote(codes: Codes, open: StackEntry, end: number): number {
  let next = -1;
  for (const q of quotes) if (q.nested && q.start > open.start && q.start < end && q.subtype === open.subtype && !q.continued && (next < 0 || q.start < next)) next = q.start;
  if (next < 0) return end;
  for (const q of quotes) {
    if (q.start < next || !q.nested) continue;
    // Still nested when another quote from `next` on holds it.
    q.nested = quotes.some((r) => r !== q && r.start >= next && r.start <= q.start && r.end >= q.end && !(r.start === q.start && r.end === q.end));
  }
  return skipSpacesBack(codes, next, open.start + 1);
}

/** Whether a paragraph whose reading opens with `c`, `next` reopens a quote of `family` (the quote runs on). */
function reopens(c: number, next: number, family: number): boolean {
  if (FAMILY[c] !== family || LEAN[c] === Lean.ONLY_CLOSE) return false;
  return next !== 0 && CLASS[next] !== C.SPACE && next !== Ch.LF && next !== Ch.CR;
}

function sortSpans(spans: QuoteSpan[]): void {
  for (let a = 1; a < spans.length; a++) {
    const x = spans[a];
    let b = a - 1;
    while (b >= 0 && (spans[b].start > x.start || (spans[b].start === x.start && spans[b].end < x.end))) {
      spans[b + 1] = spans[b];
      b--;
    }
    spans[b + 1] = x;
  }
}

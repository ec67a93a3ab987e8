/**
 * The walk that finds a paragraph's candidates: one pass of the vocabulary's automaton over
 * its characters, recording where quote marks, sentence terminators, digits, '@' and
 * keywords are, for scanParagraph (paragraph.ts) to act on. It also keeps the text's code
 * units, copied a stretch at a time just ahead of the paragraphs that read them.
 */
import { C, CLASS, type Codes } from './text';
import { A, COLUMNS } from './lexicon';
import { type CompiledVocabulary, MAX_AUTOMATON_NODES } from './vocabulary';
import type { ParagraphSpan } from './structure/span';
import { Ch } from './chars';

const NO_CODES: Codes = new Uint16Array(0);

// Scratch buffers reused from paragraph to paragraph; the scan is synchronous.
let marks: Int32Array<ArrayBuffer> = new Int32Array(256);
let terminators: Int32Array<ArrayBuffer> = new Int32Array(256);
/** [offset, code] pairs: a keyword's entry index, or one of the codes below. */
let events: Int32Array<ArrayBuffer> = new Int32Array(512);
export const EVENT_DIGIT = -1;
export const EVENT_AT = -2;

/** What the last `collectCandidates` found: its buffers (grown as needed) and how much of each it filled. */
export const found = { marks, terminators, events, markCount: 0, termCount: 0, eventCount: 0 };

// Module-level constants rather than imports: an import is a property load on the module
// object in CommonJS output, while a constant is folded into the loop below.
const COLUMN_OF = COLUMNS;
const CLASSES = CLASS;
/*
 * The automaton of the vocabulary being scanned with, copied into arrays that are module
 * constants sized for the largest vocabulary (see `useVocabulary`): the compiled walk then
 * knows where the table is, where a table taken from the vocabulary object cost five more
 * instructions a character (4 % of a scan, counted with callgrind). Only the rows in use are
 * ever written, so the pages past them are never touched.
 */
const TABLE = new Int32Array(MAX_AUTOMATON_NODES * 32);
const ACCEPTED = new Int32Array(MAX_AUTOMATON_NODES);
const DEPTHS = new Uint8Array(MAX_AUTOMATON_NODES);
let vocabularyInUse: CompiledVocabulary | null = null;

/** Makes the walks run the automaton of `vocabulary` (a copy of its table when it is not the one used last). */
export function useVocabulary(vocabulary: CompiledVocabulary): void {
  if (vocabulary === vocabularyInUse) return;
  vocabularyInUse = vocabulary;
  TABLE.set(vocabulary.transitions);
  ACCEPTED.set(vocabulary.accepts);
  DEPTHS.set(vocabulary.depth);
}

/*
 * The code units of the text being scanned (see `Codes` in text.ts), copied natively a
 * stretch at a time, just ahead of the paragraphs that read them: copied all at once, the
 * 20 MB of a 10 MB text had left the processor's caches by the time most paragraphs were
 * read. The buffer is kept between scans (allocating it and faulting its pages in cost
 * several ms), but only while it is no bigger than CODES_KEPT bytes.
 */
const CODES_KEPT = 32 << 20;
let codesBuffer = new ArrayBuffer(0);
/** The text `codes` are the code units of; null when none. */
let codesText: string | null = null;
let textCodes: Codes = NO_CODES;
/** `textCodes[0..codesFilled)` hold the text's code units; the rest is not yet copied. */
let codesFilled = 0;
/** How far past what a paragraph needs the code units are copied. */
const FILL_AHEAD = 1 << 16;

/** The code units of `text` (filled by `fillCodes`), reused if they are those of the text scanned last. */
export function codesFor(text: string): Codes {
  // `!==` compares strings by content, but the same string object answers at once; a copy of
  // the text with the same content is adopted on its first paragraph, so that a text is
  // compared in full at most once.
  if (text !== codesText) {
    const bytes = text.length * 2;
    if (codesBuffer.byteLength < bytes) codesBuffer = new ArrayBuffer(Math.max(bytes, 4096));
    textCodes = new Uint16Array(codesBuffer, 0, text.length);
    codesFilled = 0;
  }
  codesText = text;
  return textCodes;
}

/** Makes `textCodes` hold the code units of the text scanned up to `to` (exclusive) at least. */
export function fillCodes(to: number): void {
  if (to <= codesFilled) return;
  const text = codesText as string;
  const from = codesFilled;
  const end = Math.min(text.length, Math.max(to, from) + FILL_AHEAD);
  Buffer.from(codesBuffer, from * 2, (end - from) * 2).write(text.slice(from, end), 0, 'utf16le');
  codesFilled = end;
}

/** Lets go of the text scanned last, so that it can be collected. Called when a scan is done. */
export function releaseText(): void {
  codesText = null;
  textCodes = NO_CODES;
  codesFilled = 0;
  windowCodes = null;
  windowStart = 0;
  windowEnd = 0;
  if (codesBuffer.byteLength > CODES_KEPT) codesBuffer = new ArrayBuffer(0);
}

/*
 * The walk reads its characters from a window of the code units that is a module constant:
 * the compiled loop then knows the array's place and length, where reading `codes` itself
 * costs a bounds check and loads per character (30 against 40 ms for 10 MB). The window is
 * refilled, a copy of 64K code units, whenever a paragraph reaches past it.
 */
const WINDOW_SIZE = 1 << 16;
const WINDOW = new Uint16Array(WINDOW_SIZE);
/** The code units the window holds [windowStart, windowEnd) of; null when none. */
let windowCodes: Codes | null = null;
let windowStart = 0;
let windowEnd = 0;

function fillWindow(codes: Codes, from: number): void {
  windowCodes = codes;
  windowStart = from;
  windowEnd = Math.min(codes.length, from + WINDOW_SIZE);
  // Code units given by a caller other than the scan are complete already.
  if (codes === textCodes) fillCodes(windowEnd);
  WINDOW.set(codes.subarray(from, windowEnd));
}

/*
 * The walk is in two steps. The automaton runs over the characters and notes only the ones
 * where something happens (2% of them), as [offset, action, state before] in `stops`; then
 * those are turned into marks, terminators and events. Each character's state depends on
 * the one before, so a walk is as slow as a chain of table loads. A paragraph is therefore
 * walked as two halves at once, split after a character that ends any word (there the
 * state is A.OUT whatever came before): two chains run side by side in the time of one.
 */
let stops: Int32Array<ArrayBuffer> = new Int32Array(3 * 1024);
let stopsB: Int32Array<ArrayBuffer> = new Int32Array(3 * 1024);
/** How many values of `stopsB` the last `walkHalves` wrote: its stops come after those of `stops`. */
let secondCount = 0;
/** The state the last `walk` ended in. */
let walkState: number = A.OUT;
/** Paragraphs shorter than this are walked in one piece: splitting would not pay. */
const TWO_HALVES_MIN = 64;

/**
 * Runs the automaton over [from, to) of the window from `state`, appending a stop to `out`
 * at `count` for every character that yields an action; returns the new count and leaves
 * the state reached in `walkState`. `out` has room for a stop per character.
 */
function walk(from: number, to: number, state: number, out: Int32Array, count: number): number {
  const table = TABLE;
  const columns = COLUMN_OF;
  const chars = WINDOW;
  const offset = windowStart;
  for (let j = from - offset, stop = to - offset; j < stop; j++) {
    const action: number = table[state | columns[chars[j]]];
    if (action < A.SPECIAL) {
      state = action;
      continue;
    }
    out[count] = j + offset;
    out[count + 1] = action;
    out[count + 2] = state;
    count += 3;
    state = A.OUT;
  }
  walkState = state;
  return count;
}

/**
 * `walk` over [from, split) into `stops` and over [split, to) into `stopsB` at once, the
 * second half being at least as long. Both halves advance one character per step, so one index serves both: the
 * compiled loop then keeps everything in registers. Returns the number of values written to
 * `stops`, leaves that of `stopsB` in `secondCount` and the state at `to` in `walkState`.
 */
function walkHalves(from: number, split: number, to: number): number {
  const table = TABLE;
  const columns = COLUMN_OF;
  const chars = WINDOW;
  const offset = windowStart;
  const first = stops;
  const second = stopsB;
  const delta = split - from;
  let na = 0;
  let nb = 0;
  let sa: number = A.OUT;
  let sb: number = A.OUT;
  let j = from - offset;
  const stopA = split - offset;
  for (;;) {
    let x = 0;
    let y = 0;
    // The common case, no action in either half, in a loop of its own.
    for (;;) {
      if (j >= stopA) break;
      x = table[sa | columns[chars[j]]];
      y = table[sb | columns[chars[j + delta]]];
      if (x >= A.SPECIAL || y >= A.SPECIAL) break;
      sa = x;
      sb = y;
      j++;
    }
    if (j >= stopA) break;
    if (x < A.SPECIAL) {
      sa = x;
    } else {
      first[na] = j + offset;
      first[na + 1] = x;
      first[na + 2] = sa;
      na += 3;
      sa = A.OUT;
    }
    if (y < A.SPECIAL) {
      sb = y;
    } else {
      second[nb] = j + delta + offset;
      second[nb + 1] = y;
      second[nb + 2] = sb;
      nb += 3;
      sb = A.OUT;
    }
    j++;
  }
  nb = walk(j + delta + offset, to, sb, second, nb);
  secondCount = nb;
  return na;
}

/** Where to split [start, end) for `walkHalves`: after a character that ends any word, at or before the middle; -1 if none. */
function splitPoint(start: number, end: number): number {
  const columns = COLUMN_OF;
  const chars = WINDOW;
  const offset = windowStart;
  const mid = (start + end) >> 1;
  const floor = Math.max(start, mid - 64);
  for (let i = mid - 1; i >= floor; i--) if (columns[chars[i - offset]] === 0) return i + 1;
  return -1;
}

/** Makes room for `n` values in both stop buffers. */
function reserveStops(n: number): void {
  if (stops.length >= n) return;
  const size = Math.max(n, stops.length * 2);
  const bigger = new Int32Array(size);
  bigger.set(stops);
  stops = bigger;
  stopsB = new Int32Array(size);
}

/**
 * Walks the paragraph once and records where things are: quote marks, sentence
 * terminators, and (as events) digits, '@' and the keywords. Acting on them comes after,
 * so that the walk stays small enough to run at a few nanoseconds a character.
 */
export function collectCandidates(codes: Codes, start: number, end: number): void {
  let stopCount = 0;
  secondCount = 0;
  let state: number = A.OUT;
  if (end - start <= WINDOW_SIZE) {
    if (start < windowStart || end > windowEnd || codes !== windowCodes) fillWindow(codes, start);
    reserveStops(3 * (end - start));
    const split = end - start >= TWO_HALVES_MIN ? splitPoint(start, end) : -1;
    stopCount = split < 0 ? walk(start, end, A.OUT, stops, 0) : walkHalves(start, split, end);
    state = walkState;
  } else {
    // A paragraph longer than the window, a window at a time.
    for (let i = start; i < end; ) {
      fillWindow(codes, i);
      const to = Math.min(end, windowEnd);
      reserveStops(stopCount + 3 * (to - i));
      stopCount = walk(i, to, state, stops, stopCount);
      state = walkState;
      i = to;
    }
  }

  const accepts = ACCEPTED;
  const classes = CLASSES;
  const depth = DEPTHS;
  // The buffers in locals: module variables are reloaded on every access.
  let eventBuffer = events;
  let markBuffer = marks;
  let termBuffer = terminators;
  let markCount = 0;
  let termCount = 0;
  let eventCount = 0;
  /**
   * End of the run of digits last met: the walk stops at every digit, but a run is one
   * candidate number (the state after a digit is A.OUT, so nothing is lost by skipping).
   */
  let digitsEnd = -1;
  // The stops of the first half, then those of the second (none when walked in one piece).
  for (let part = 0; part < 2; part++) {
    const found = part === 0 ? stops : stopsB;
    const count = part === 0 ? stopCount : secondCount;
    for (let k = 0; k < count; k += 3) {
      const at = found[k];
      const action = found[k + 1];
      const before = found[k + 2];
      const accepted = accepts[before >> 5];
      if (accepted >= 0) {
        if (eventCount + 2 > eventBuffer.length) eventBuffer = events = grow(eventBuffer);
        eventBuffer[eventCount++] = at - depth[before >> 5];
        eventBuffer[eventCount++] = accepted;
      }
      if (action === A.ACT_BREAK) continue;
      if (action === A.ACT_DIGIT) {
        if (at < digitsEnd) continue;
        if (eventCount + 2 > eventBuffer.length) eventBuffer = events = grow(eventBuffer);
        eventBuffer[eventCount++] = at;
        eventBuffer[eventCount++] = EVENT_DIGIT;
        let d = at + 1;
        while (d < end && isDigitCode(codes[d])) d++;
        digitsEnd = d;
      } else if (action === A.ACT_QUOTE) {
        // Apostrophes inside words (Kim's, L'Amour) are by far the commonest mark: skip early.
        const c = codes[at];
        if (!((c === Ch.RIGHT_SINGLE_QUOTE || c === Ch.APOSTROPHE) && at > start && at + 1 < end && isLetterClass(classes[codes[at - 1]]) && isLetterClass(classes[codes[at + 1]]))) {
          if (markCount === markBuffer.length) markBuffer = marks = grow(markBuffer);
          markBuffer[markCount++] = at;
        }
      } else if (action === A.ACT_TERMINATOR) {
        if (termCount === termBuffer.length) termBuffer = terminators = grow(termBuffer);
        termBuffer[termCount++] = at;
      } else {
        if (eventCount + 2 > eventBuffer.length) eventBuffer = events = grow(eventBuffer);
        eventBuffer[eventCount++] = at;
        eventBuffer[eventCount++] = EVENT_AT;
      }
    }
  }
  if (accepts[state >> 5] >= 0) {
    if (eventCount + 2 > eventBuffer.length) eventBuffer = events = grow(eventBuffer);
    eventBuffer[eventCount++] = end - depth[state >> 5];
    eventBuffer[eventCount++] = accepts[state >> 5];
  }

  found.marks = markBuffer;
  found.terminators = termBuffer;
  found.events = eventBuffer;
  found.markCount = markCount;
  found.termCount = termCount;
  found.eventCount = eventCount;
}

function isDigitCode(c: number): boolean {
  return c >= Ch.ZERO && c <= Ch.NINE;
}

/**
 * Keeps the window the walk reads in step with a paragraph read with edits made in place
 * in `codes`: before `movedFrom` (see Reading.movedFrom) each edit replaced one code unit by
 * one, from there on the paragraph's code units may all have moved.
 */
export function windowFollows(codes: Codes, span: ParagraphSpan, movedFrom: number): void {
  if (windowCodes !== codes || span.start >= windowEnd || span.end <= windowStart) return;
  const moved = movedFrom < span.end;
  if (moved && (span.start < windowStart || span.end > windowEnd)) {
    windowCodes = null;
    return;
  }
  // The few code units changed before, changed in the window too; what moved, copied.
  const edits = span.edits;
  for (let k = 0; k < edits.length && edits[k] < movedFrom; k += 3) {
    const at = edits[k];
    if (at >= windowStart && at < windowEnd) WINDOW[at - windowStart] = edits[k + 2];
  }
  if (moved) WINDOW.set(codes.subarray(movedFrom, span.end), movedFrom - windowStart);
}

function isLetterClass(k: number): boolean {
  return k === C.LOWER || k === C.UPPER;
}

export function grow(buffer: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(buffer.length * 2);
  bigger.set(buffer);
  return bigger;
}

/**
 * Character classes and small scanning helpers shared by the detectors. The scanning
 * helpers read the text as `Codes`, its UTF-16 code units in a typed array, so that one pass
 * over a paragraph costs a table lookup per character and no allocation.
 */
import { Case, Ch } from './chars';

/**
 * The UTF-16 code units of a text, exactly as long as the text. The detectors read the text
 * as array elements rather than with `charCodeAt`, which compiles to a dispatch on the
 * string's representation for every read: that dispatch was a fifth of a full scan. A read
 * out of range gives undefined where `charCodeAt` gives NaN; every comparison, class lookup
 * and bit operation the detectors make treats the two alike.
 */
export type Codes = Uint16Array;

/** The code units of `text` (copied natively, by Buffer). */
export function codesOf(text: string): Codes {
  const bytes = Buffer.allocUnsafe(text.length * 2);
  bytes.write(text, 0, 'utf16le');
  return new Uint16Array(bytes.buffer, bytes.byteOffset, text.length);
}

/** Character classes (a const enum, so the hot loops compare against literals). */
export const enum C {
  OTHER = 0,
  UPPER = 1,
  LOWER = 2,
  DIGIT = 3,
  SPACE = 4,
  NEWLINE = 5,
  QUOTE = 6,
  TERMINATOR = 7,
  DASH = 8,
  OPEN = 9,
  CLOSE = 10,
  PUNCT = 11,
  CURRENCY = 12,
  AT = 13,
  SLASH = 14,
}

/** Class of every UTF-16 code unit; surrogates stay OTHER so no span can end inside a pair. */
export const CLASS: Uint8Array = buildClasses();
// The helpers below read the table through a module constant: `CLASS` itself compiles to a
// property of the CommonJS exports object, loaded on every call.
const CLASSES = CLASS;

function buildClasses(): Uint8Array {
  const table = new Uint8Array(65536);
  for (let c = 65; c <= Ch.Z; c++) table[c] = C.UPPER;
  for (let c = 97; c <= Ch.z; c++) table[c] = C.LOWER;
  for (let c = 48; c <= Ch.NINE; c++) table[c] = C.DIGIT;
  // A regex per code point is slow, so only the alphabetic blocks where case matters for
  // names (Latin, Greek, Cyrillic, Armenian) are classified exactly; later blocks are
  // letters unless they are known punctuation, which is what word boundaries need.
  const upper = /\p{Lu}|\p{Lt}/u;
  const letter = /\p{L}|\p{M}/u;
  for (let c = 0x80; c < 0x2000; c++) {
    const s = String.fromCharCode(c);
    if (upper.test(s)) table[c] = C.UPPER;
    else if (letter.test(s)) table[c] = C.LOWER;
  }
  for (let c = 0x2c00; c < 0x10000; c++) table[c] = C.LOWER;
  const punctuationBlocks: Array<[number, number]> = [
    [0x2e00, 0x2e7f], [0x3000, 0x303f], [0xd800, 0xf8ff], [0xfe10, 0xfe6f], [0xff00, 0xff0f],
    [0xff1a, 0xff20], [0xff3b, 0xff40], [0xff5b, 0xff65], [0xfff0, 0xffff],
  ];
  for (const [from, to] of punctuationBlocks) table.fill(C.OTHER, from, to + 1);
  for (let c = 0xff21; c <= 0xff3a; c++) table[c] = C.UPPER;
  for (let c = 0xff10; c <= 0xff19; c++) table[c] = C.OTHER;

  // Tab, vertical tab, form feed, space, no-break space, Ogham space, narrow no-break space,
  // medium mathematical space, ideographic space, zero-width no-break space.
  for (const c of [Ch.TAB, 0x0b, 0x0c, Ch.SPACE, Ch.NBSP, 0x1680, Ch.NARROW_NBSP, 0x205f, 0x3000, 0xfeff]) table[c] = C.SPACE;
  for (let c = 0x2000; c <= 0x200b; c++) table[c] = C.SPACE; // en quad to zero-width space
  table[Ch.LF] = C.NEWLINE;
  table[Ch.CR] = C.NEWLINE;
  for (const ch of '"\'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f\uff02\uff07') {
    table[ch.charCodeAt(0)] = C.QUOTE;
  }
  for (const ch of '.!?\u2026') table[ch.charCodeAt(0)] = C.TERMINATOR;
  for (const ch of '-\u2010\u2011\u2012\u2013\u2014\u2015\u2212') table[ch.charCodeAt(0)] = C.DASH;
  for (const ch of '([{') table[ch.charCodeAt(0)] = C.OPEN;
  for (const ch of ')]}') table[ch.charCodeAt(0)] = C.CLOSE;
  for (const ch of ',;:') table[ch.charCodeAt(0)] = C.PUNCT;
  for (const ch of '$\u00a2\u00a3\u00a5\u20ac\u20b9\u20bd\u20a9\u20b4\u20ba\u20aa\u20a6\u20b1\u0e3f\u20ab') {
    table[ch.charCodeAt(0)] = C.CURRENCY;
  }
  table[Ch.AT] = C.AT;
  table[Ch.SLASH] = C.SLASH;
  table[Ch.BACKSLASH] = C.SLASH;
  return table;
}

/**
 * A set of words (or a map from words) looked up straight from a range of the text, with
 * no string built: ASCII letters compare without case. The detectors ask "is the word here
 * a unit / a title / a function word?" thousands of times per megabyte.
 */
export class WordTable<T = true> {
  private readonly hashes: Int32Array;
  private readonly slots: Int32Array;
  private readonly keys: string[] = [];
  private readonly values: T[] = [];
  private readonly mask: number;
  /** The keys' code units, one after the other; key k starts at keyStarts[k]. */
  private keyCodes: Codes;
  private readonly keyStarts: number[] = [];
  /**
   * Bit n set when a word has n letters (bit 31: 31 or more): asked first, it turns away a
   * good part of the lookups without reading the text.
   */
  private lengths = 0;

  constructor(entries: Iterable<string> | Iterable<[string, T]>) {
    const list: Array<[string, T]> = [];
    for (const entry of entries as Iterable<string | [string, T]>) {
      list.push(typeof entry === 'string' ? [entry, true as T] : entry);
    }
    let size = 16;
    while (size < list.length * 4) size *= 2;
    this.mask = size - 1;
    this.hashes = new Int32Array(size);
    this.slots = new Int32Array(size).fill(-1);
    this.keyCodes = codesOf(list.map(([key]) => key.toLowerCase()).join(''));
    let at = 0;
    for (const [key, value] of list) {
      const word = key.toLowerCase();
      const from = at;
      at += word.length;
      if (this.find(this.keyCodes, from, at) >= 0) continue;
      const h = edgeHash(this.keyCodes, from, at);
      let slot = h & this.mask;
      while (this.slots[slot] >= 0) slot = (slot + 1) & this.mask;
      this.hashes[slot] = h;
      this.slots[slot] = this.keys.length;
      this.keys.push(word);
      this.keyStarts.push(from);
      this.values.push(value);
      this.lengths |= 1 << Math.min(word.length, 31);
    }
  }

  private find(codes: Codes, start: number, end: number): number {
    const n = end - start;
    if (n <= 0 || ((this.lengths >>> (n > 31 ? 31 : n)) & 1) === 0) return -1;
    const h = edgeHash(codes, start, end);
    let slot = h & this.mask;
    for (;;) {
      const index = this.slots[slot];
      if (index < 0) return -1;
      if (this.hashes[slot] === h && sameWord(this.keyCodes, this.keyStarts[index], this.keys[index].length, codes, start, end)) return index;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Whether [start, end) of the text is one of the words. */
  has(codes: Codes, start: number, end: number): boolean {
    return this.find(codes, start, end) >= 0;
  }

  /** The value stored for the word at [start, end) of the text, or undefined. */
  get(codes: Codes, start: number, end: number): T | undefined {
    const index = this.find(codes, start, end);
    return index < 0 ? undefined : this.values[index];
  }

  /** Whether `word` (a string, not a range of the text) is one of the words. */
  hasWord(word: string): boolean {
    return this.findWord(word) >= 0;
  }

  /** The value stored for `word` (a string, not a range of the text), or undefined. */
  getWord(word: string): T | undefined {
    const index = this.findWord(word);
    return index < 0 ? undefined : this.values[index];
  }

  private findWord(word: string): number {
    const n = word.length;
    if (n === 0) return -1;
    let first = word.charCodeAt(0);
    if (first >= Ch.A && first <= Ch.Z) first |= 32;
    let last = word.charCodeAt(n - 1);
    if (last >= Ch.A && last <= Ch.Z) last |= 32;
    const h = (Math.imul(first, 961) + Math.imul(last, 31) + n) | 0;
    for (let slot = h & this.mask; this.slots[slot] >= 0; slot = (slot + 1) & this.mask) {
      if (this.hashes[slot] === h && isAsciiWord(word, this.keys[this.slots[slot]])) return this.slots[slot];
    }
    return -1;
  }
}

/** Whether the string `written` is `word` (lower-case ASCII), ignoring ASCII case. */
export function isAsciiWord(written: string, word: string): boolean {
  if (written.length !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    let c = written.charCodeAt(k);
    if (c >= Ch.A && c <= Ch.Z) c |= 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * Hash of a word from its length and its first and last letters (ASCII lower-cased): most
 * lookups are of words not in the table, and these are told apart without reading the
 * whole word (hashing every letter made the lookups a tenth of a full scan).
 */
function edgeHash(codes: Codes, start: number, end: number): number {
  let first = codes[start];
  if (first >= Ch.A && first <= Ch.Z) first |= 32;
  let last = codes[end - 1];
  if (last >= Ch.A && last <= Ch.Z) last |= 32;
  return (Math.imul(first, 961) + Math.imul(last, 31) + (end - start)) | 0;
}

/** Whether [start, end) of `codes` is the key of `length` units at `from` of `keys`, ASCII case aside. */
function sameWord(keys: Codes, from: number, length: number, codes: Codes, start: number, end: number): boolean {
  if (length !== end - start) return false;
  for (let k = 0; k < length; k++) {
    let c = codes[start + k];
    if (c >= Ch.A && c <= Ch.Z) c |= 32;
    if (c !== keys[from + k]) return false;
  }
  return true;
}

/** 1 for the code units that are letters (UPPER or LOWER in CLASS): one load answers `isLetter`. */
const LETTERS: Uint8Array = CLASS.map((k) => (k === C.UPPER || k === C.LOWER ? 1 : 0));

export function isLetter(c: number): boolean {
  return LETTERS[c] === 1;
}

export function isUpper(c: number): boolean {
  return CLASSES[c] === C.UPPER;
}

export function isDigit(c: number): boolean {
  return c >= Ch.ZERO && c <= Ch.NINE;
}

/** Spaces and tabs, including the no-break and thin spaces news sites paste in. */
export function isSpace(c: number): boolean {
  return CLASSES[c] === C.SPACE;
}

export function isWordChar(c: number): boolean {
  const k = CLASSES[c];
  return k === C.UPPER || k === C.LOWER || k === C.DIGIT;
}

/** Apostrophe-like marks that may sit inside a word (Kim's, L'Amour). */
export function isApostrophe(c: number): boolean {
  return c === Ch.APOSTROPHE || c === Ch.RIGHT_SINGLE_QUOTE || c === Ch.LEFT_SINGLE_QUOTE || c === Ch.MODIFIER_APOSTROPHE;
}

/** End of the run of letters starting at `i`. */
export function letterRunEnd(codes: Codes, i: number, end: number): number {
  while (i < end && isLetter(codes[i])) i++;
  return i;
}

/** Start of the run of letters ending at `i` (exclusive). */
export function letterRunStart(codes: Codes, i: number, start: number): number {
  while (i > start && isLetter(codes[i - 1])) i--;
  return i;
}

/** First offset at or after `i` that is not a space (stops at `end`). */
export function skipSpaces(codes: Codes, i: number, end: number): number {
  while (i < end && CLASSES[codes[i]] === C.SPACE) i++;
  return i;
}

/** First offset at or before `i` (exclusive end) that is not preceded by a space. */
export function skipSpacesBack(codes: Codes, i: number, start: number): number {
  while (i > start && CLASSES[codes[i - 1]] === C.SPACE) i--;
  return i;
}

/** Whether `text` holds `word` (lower-case ASCII) at `i`, ignoring case, as a whole word. */
export function wordAt(codes: Codes, i: number, end: number, word: string): boolean {
  const n = word.length;
  if (i + n > end) return false;
  for (let k = 0; k < n; k++) {
    let c = codes[i + k];
    if (c >= Ch.A && c <= Ch.Z) c |= 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return i + n >= end || !isLetter(codes[i + n]);
}

/** Lower-cased text of [start, end). */
export function lower(text: string, start: number, end: number): string {
  return text.slice(start, end).toLowerCase();
}

/** A word found by `nextWord`/`prevWord`. */
export interface WordSpan {
  start: number;
  end: number;
}

/**
 * The word (letters only) after `i`, skipping at most the spaces in between; null when the
 * next thing is not a letter.
 */
export function nextWord(codes: Codes, i: number, end: number): WordSpan | null {
  const s = skipSpaces(codes, i, end);
  if (s >= end || !isLetter(codes[s])) return null;
  return { start: s, end: letterRunEnd(codes, s, end) };
}

/** The word (letters only) ending before `i`, skipping spaces; null when not a word. */
export function prevWord(codes: Codes, i: number, start: number): WordSpan | null {
  const e = skipSpacesBack(codes, i, start);
  if (e <= start || !isLetter(codes[e - 1])) return null;
  return { start: letterRunStart(codes, e, start), end: e };
}

/** Whether the trimmed paragraph [start, end) has any non-space character. */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (CLASSES[text.charCodeAt(i)] !== C.SPACE) return false;
  return true;
}

/** Offset after the line terminator at `i` (CRLF counts as one). */
export function afterTerminator(text: string, i: number): number {
  return text.charCodeAt(i) === Ch.CR && text.charCodeAt(i + 1) === Ch.LF ? i + 2 : i + 1;
}

/**
 * The paragraphs of [from, to), one per `next()`: every non-blank line. Blank lines separate
 * nothing more than a line break does, so both the one-paragraph-per-line and the
 * blank-line-between styles give the same paragraphs.
 */
export class Paragraphs {
  /** The paragraph found by the last `next()` that returned true. */
  start = 0;
  end = 0;
  private at: number;
  private readonly hasCr: boolean;

  constructor(private readonly text: string, from: number, private readonly to: number) {
    this.at = from;
    // indexOf('\n') is much faster than a loop, but only right when no lone CR ends a line.
    const cr = to - from < 4096 ? from : text.indexOf('\r', from);
    this.hasCr = cr >= 0 && cr < to;
  }

  /** Moves to the next paragraph; false when there is none. */
  next(): boolean {
    const text = this.text;
    const to = this.to;
    while (this.at < to) {
      const i = this.at;
      let e: number;
      if (this.hasCr) {
        e = i;
        while (e < to) {
          const c = text.charCodeAt(e);
          if (c === Ch.LF || c === Ch.CR) break;
          e++;
        }
      } else {
        e = text.indexOf('\n', i);
        if (e < 0 || e > to) e = to;
      }
      this.at = e >= to ? to : afterTerminator(text, e);
      if (!isBlank(text, i, e)) {
        this.start = i;
        this.end = e;
        return true;
      }
    }
    return false;
  }
}

/** Calls `visit(start, end)` for every paragraph of [from, to) (see `Paragraphs`). */
export function forEachParagraph(text: string, from: number, to: number, visit: (start: number, end: number) => void): void {
  const paragraphs = new Paragraphs(text, from, to);
  while (paragraphs.next()) visit(paragraphs.start, paragraphs.end);
}

/** Start of the next non-blank line after the terminator at `i`, or -1. */
export function nextParagraphStart(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === Ch.LF || c === Ch.CR) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && CLASSES[text.charCodeAt(j)] === C.SPACE) j++;
    if (j >= n) return -1;
    const d = text.charCodeAt(j);
    if (d !== Ch.LF && d !== Ch.CR) return i;
    i = j;
  }
  return -1;
}

const ABBREVIATIONS = new WordTable([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'cpl', 'adm', 'cmdr',
  'sen', 'rep', 'gov', 'pres', 'rev', 'hon', 'ret', 'st', 'jr', 'sr', 'mt', 'ft', 'no', 'nos', 'vs',
  'inc', 'corp', 'ltd', 'co', 'bros', 'etc', 'approx', 'est', 'dept', 'fig', 'vol', 'op', 'cf',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** Capitalised words that usually open a sentence, for deciding whether "U.S. The" ends one. */
const SENTENCE_OPENERS = new WordTable([
  'the', 'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you',
  'but', 'and', 'or', 'so', 'yet', 'in', 'on', 'at', 'for', 'as', 'if', 'when', 'while', 'after',
  'before', 'a', 'an', 'there', 'however', 'meanwhile', 'still', 'now', 'then', 'his', 'her',
  'their', 'our', 'what', 'why', 'how', 'who', 'despite', 'although', 'since', 'with', 'by',
]);

/**
 * If the terminator at `i` ends a sentence, the offset just after it and any closing quote
 * marks or brackets; otherwise -1. The decision looks only at a few characters either side,
 * so every scan of a paragraph agrees on the same sentence boundaries.
 */
export function sentenceEndAt(codes: Codes, i: number, end: number): number {
  const c = codes[i];
  let j = i + 1;
  while (j < end && CLASSES[codes[j]] === C.TERMINATOR) j++;
  while (j < end) {
    const d = codes[j];
    const k = CLASSES[d];
    if (k === C.CLOSE || (k === C.QUOTE && d !== Ch.LEFT_DOUBLE_QUOTE && d !== Ch.LOW_DOUBLE_QUOTE && d !== Ch.LEFT_GUILLEMET)) j++;
    else break;
  }
  if (j >= end) return end;
  if (CLASSES[codes[j]] !== C.SPACE) return -1;
  const s = skipSpaces(codes, j, end);
  if (s >= end) return end;
  const next = codes[s];
  const nk = CLASSES[next];
  if (nk === C.LOWER) return -1;
  if (c !== Ch.PERIOD) return j;
  // A period: not after an abbreviation or an initial.
  const w0 = letterRunStart(codes, i, 0);
  const wlen = i - w0;
  if (wlen === 0) return j;
  if (wlen === 1 && isUpper(codes[w0])) return -1;
  const before = w0 > 0 ? codes[w0 - 1] : 32;
  if (before === Ch.PERIOD) {
    // "U.S." or "a.m.": ends a sentence only when the next word plainly opens one.
    if (nk !== C.UPPER) return -1;
    return SENTENCE_OPENERS.has(codes, s, letterRunEnd(codes, s, end)) ? j : -1;
  }
  if (wlen <= 6 && ABBREVIATIONS.has(codes, w0, i)) {
    if (wlen === 2 && (codes[w0] | Case.LOWER) === Ch.n && (codes[w0 + 1] | Case.LOWER) === Ch.o && !isDigit(next)) return j;
    if (nk === C.DIGIT || nk === C.UPPER) return -1;
  }
  return j;
}

/**
 * The sentences of one paragraph: `count` pairs [start, end] in `bounds`. The scan keeps one
 * list and refills it for every paragraph, since a fresh array per paragraph was a good part
 * of what a full scan allocated.
 */
export interface Sentences {
  bounds: Int32Array;
  count: number;
}

/** An empty sentence list, sized for typical paragraphs; it grows when one needs more. */
export function newSentences(): Sentences {
  return { bounds: new Int32Array(64), count: 0 };
}

/**
 * Fills `list` with the sentence boundaries of the paragraph [start, end). `candidates` are
 * the terminator offsets met by the scan (in order).
 */
export function splitSentencesInto(codes: Codes, start: number, end: number, candidates: Int32Array, count: number, list: Sentences): void {
  let n = 0;
  let s = skipSpaces(codes, start, end);
  for (let k = 0; k < count; k++) {
    const i = candidates[k];
    if (i < s) continue;
    const e = sentenceEndAt(codes, i, end);
    if (e < 0) continue;
    if (n * 2 + 2 > list.bounds.length) growSentences(list);
    list.bounds[n * 2] = s;
    list.bounds[n * 2 + 1] = e;
    n++;
    s = skipSpaces(codes, e, end);
    if (s >= end) break;
  }
  if (s < end) {
    const e = skipSpacesBack(codes, end, s);
    if (e > s) {
      if (n * 2 + 2 > list.bounds.length) growSentences(list);
      list.bounds[n * 2] = s;
      list.bounds[n * 2 + 1] = e;
      n++;
    }
  }
  list.count = n;
}

function growSentences(list: Sentences): void {
  const bigger = new Int32Array(list.bounds.length * 2);
  bigger.set(list.bounds);
  list.bounds = bigger;
}

const scratchSentences = newSentences();

/**
 * Sentence boundaries of the paragraph [start, end): a flat list of [start0, end0, start1,
 * end1, …], appended to `out`. `candidates` are the terminator offsets met by the scan (in order).
 */
export function splitSentences(text: string, start: number, end: number, candidates: ArrayLike<number>, count: number, out: number[] = []): number[] {
  const terminators = candidates instanceof Int32Array ? candidates : Int32Array.from(candidates);
  splitSentencesInto(codesOf(text), start, end, terminators, count, scratchSentences);
  const bounds = scratchSentences.bounds;
  for (let k = 0; k < scratchSentences.count * 2; k++) out.push(bounds[k]);
  return out;
}

/** Index of the sentence containing `offset`, or the last one before it (0 when there is none). */
export function sentenceIndex(sentences: Sentences, offset: number): number {
  const bounds = sentences.bounds;
  let lo = 0;
  let hi = sentences.count - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid * 2] <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * `sentenceIndex` for offsets met in order, such as cues: `from` is the answer for an
 * earlier offset, and the search walks on from there, most often by no sentence or one,
 * instead of a binary search each time. An offset before sentence `from` falls back to the
 * binary search.
 */
export function sentenceIndexFrom(sentences: Sentences, offset: number, from: number): number {
  const bounds = sentences.bounds;
  const last = sentences.count - 1;
  if (from > last || bounds[from * 2] > offset) return sentenceIndex(sentences, offset);
  let k = from;
  while (k < last && bounds[(k + 1) * 2] <= offset) k++;
  return k;
}

/** Whether [start, end) of `text` is `word` (lower-case ASCII), ignoring case. */
export function isWord(codes: Codes, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    let c = codes[start + k];
    if (c >= Ch.A && c <= Ch.Z) c |= 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** Start of the word one space after `i` (the space at `i`), or -1. */
export function wordStartAfter(codes: Codes, i: number, end: number): number {
  if (i + 1 >= end || CLASSES[codes[i]] !== C.SPACE) return -1;
  return isLetter(codes[i + 1]) ? i + 1 : -1;
}

/** End of the word one space before `i` (the space at `i - 1`), or -1. */
export function wordEndBefore(codes: Codes, i: number, floor: number): number {
  if (i - 2 < floor || CLASSES[codes[i - 1]] !== C.SPACE) return -1;
  return isLetter(codes[i - 2]) ? i - 1 : -1;
}

/**
 * Strings read out of the paragraph being scanned (a counted noun, a speaker's name, a cue
 * word). When the paragraph is read as written they are slices of the text; when a reader's
 * edits changed its code units (a line break read as a space, markup left out, see
 * reading.ts) they are built from the code units, which then no longer match the text.
 */
export class ParagraphText {
  text = '';
  codes: Codes = new Uint16Array(0);
  /** Whether the code units of the paragraph are those of the text. */
  direct = true;
  /**
   * Where a run of the reading read as written is in the text (see Reading.writtenAt), when
   * not `direct`: most strings the scan takes (a name, a unit) lie within one such run, and
   * are then sliced from the text rather than built from the code units.
   */
  written: { writtenAt(start: number, end: number): number } | null = null;

  /** The paragraph's characters [start, end) as the scan reads them. */
  slice(start: number, end: number): string {
    if (this.direct) return this.text.slice(start, end);
    const at = this.written ? this.written.writtenAt(start, end) : -1;
    if (at >= 0) return this.text.slice(at, at + (end - start));
    return codesToString(this.codes, start, end);
  }
}

/** The string of the code units [start, end). */
export function codesToString(codes: Codes, start: number, end: number): string {
  let out = '';
  // fromCharCode takes its arguments on the stack: a few thousand at a time.
  for (let s = start; s < end; s += 4096) {
    out += String.fromCharCode.apply(null, codes.subarray(s, Math.min(end, s + 4096)) as unknown as number[]);
  }
  return out;
}

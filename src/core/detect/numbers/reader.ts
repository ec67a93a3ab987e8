/**
 * The number reader's state: where it reads (the paragraph, the floor left of which a new
 * expression may not reach, where detections go) and what its parts hand each other (the
 * figure `readDigits` read, the range, date, currency, noun or rate a helper found). All of
 * it is in one `NumberReader`, passed to every part, so that what a function returns besides
 * its value is a field written down here, not a variable hidden in some module.
 */
import type { Detection, NumberSubtype, NumericRange } from '../types';
import { type DetectionList, addDetection } from '../list';
import { type Codes, type ParagraphText, letterRunEnd as textRunEnd, letterRunStart as textRunStart } from '../text';

/** What the connector of a range was: "10-12", "10 to 12", "between 10 and 12", "from 10 to 12", "10 or 12", "$7/$9". */
export type RangeConnector = 'dash' | 'slash' | 'to' | 'between' | 'from' | 'or';

/**
 * One reader per detector (see paragraph.ts), reused for every number: nothing in it
 * outlives the number being read, except the paragraph fields the scan sets.
 */
export class NumberReader {
  /** Paragraph bounds. */
  start = 0;
  end = 0;
  /** A new expression may not reach left of this (the end of the previous one). */
  floor = 0;
  /** Offsets are stored relative to this. */
  base = 0;

  /*
   * Reading one number measures the same few words again and again (the word after the
   * figure is asked about by the scale, range, unit, "or more", rate and noun checks, the
   * word before by the currency, date, range, approximation and label checks): two thirds of
   * the calls were repeats. The last answers are kept, for the number being read only:
   * `forgetRuns` is called as each number starts, so that no answer outlives its text.
   */
  endFrom = -1;
  endLimit = -1;
  endAt = -1;
  startFrom = -1;
  startLimit = -1;
  startAt = -1;

  /** The figure `readDigits` read: its end (negative, minus the token end, for a version number such as 1.2.3), value, integer digits, whether grouped, whether whole. */
  digitsEnd = 0;
  digitsValue = 0;
  digitsCount = 0;
  digitsGrouped = false;
  digitsInt = true;
  /** Where to resume when `digitAtom` gives up on an identifier. */
  skipTo = 0;
  /** The currency code `currencyBefore` found. */
  currencyCode = '';
  /** End of the fraction `fractionTail` found. */
  tailEnd = 0;
  /** The bound set by the phrase `approxBefore` found. */
  approxBound: Bound = Bound.NONE;
  /** What `rangeEnd` found: the second end, the connector, where the range starts ("between"), a currency on the second end. */
  rangeSecond: Atom | null = null;
  rangeConnector: RangeConnector = 'dash';
  rangeLeft = 0;
  rangeCurrency: string | undefined = undefined;
  /** The bounds of the date `dateAround` found. */
  dateStart = 0;
  dateEnd = 0;
  /** End of the noun `countedNoun` found. */
  nounEndAt = 0;
  /** End and noun of the rate `rateAfter` found ("per day"). */
  rateEnd = 0;
  rateNoun = '';

  /*
   * An expression has at most two atoms alive at once: its first number and the second end
   * of a range ("10 to 12", "from 2 kg to 5 kg"). Atoms are read by `finishExpression` and
   * never stored in a detection, so these two objects are reused for every number instead of
   * allocating one per candidate; so is the expression being completed.
   */
  readonly first: Atom = newAtom();
  readonly second: Atom = newAtom();
  readonly expression: Expression = {
    start: 0, end: 0, min: 0, max: 0, bound: Bound.NONE, kind: undefined, unit: undefined, currency: undefined, factor: 1, subtype: undefined, range: false,
  };

  /**
   * @param text - The text being scanned (what reads it by paragraphs), set by the scan
   * @param codes - Its UTF-16 code units
   * @param out - Where detections go
   */
  constructor(public text: ParagraphText, public codes: Codes, public out: DetectionList) {}
}

/** End of the run of letters starting at `i` (see `letterRunEnd` in text.ts), remembered for the number being read. */
export function letterRunEnd(r: NumberReader, i: number, end: number): number {
  if (i !== r.endFrom || end !== r.endLimit) {
    r.endFrom = i;
    r.endLimit = end;
    r.endAt = textRunEnd(r.codes, i, end);
  }
  return r.endAt;
}

/** Start of the run of letters ending at `i` (see `letterRunStart` in text.ts), remembered for the number being read. */
export function letterRunStart(r: NumberReader, i: number, start: number): number {
  if (i !== r.startFrom || start !== r.startLimit) {
    r.startFrom = i;
    r.startLimit = start;
    r.startAt = textRunStart(r.codes, i, start);
  }
  return r.startAt;
}

/** Forgets the remembered letter runs: called as each number starts. */
export function forgetRuns(r: NumberReader): void {
  r.endFrom = -1;
  r.startFrom = -1;
}

function newAtom(): Atom {
  return { start: 0, end: 0, value: 0, int: true, digits: 0, grouped: false, words: false, scale: 1, unit: undefined, kind: undefined, bound: Bound.NONE, upper: NaN, currency: undefined };
}
export const enum Bound {
  NONE = 0,
  MIN = 1,
  MAX = 2,
  APPROX = 3,
}

/**
 * What an atom or expression is, as far as read: a share, a quantity with a unit, a rank, a
 * decade ("the 1990s", reported as a year), a point in time; undefined for a plain amount.
 */
export type AtomKind = 'percent' | 'measure' | 'duration' | 'age' | 'ordinal' | 'decade' | 'year' | 'fraction' | 'multiple' | 'time' | 'date';

/** One number with what is written straight onto it. */
export interface Atom {
  start: number;
  end: number;
  value: number;
  /** The figure itself: whole, how many integer digits, grouped with separators. */
  int: boolean;
  digits: number;
  grouped: boolean;
  words: boolean;
  /** Multiplier of a scale word or suffix ("million", "bn"), 1 if none. */
  scale: number;
  unit: string | undefined;
  kind: AtomKind | undefined;
  bound: Bound;
  /** For vague amounts ("several thousand"): the upper end. */
  upper: number;
  /** A currency code glued on ("115USD"). */
  currency: string | undefined;
}

/** Resets `a` to a plain number at [start, end) and returns it. */
export function atom(a: Atom, start: number, end: number, value: number, words: boolean): Atom {
  a.start = start;
  a.end = end;
  a.value = value;
  a.int = true;
  a.digits = 0;
  a.grouped = false;
  a.words = words;
  a.scale = 1;
  a.unit = undefined;
  a.kind = undefined;
  a.bound = Bound.NONE;
  a.upper = NaN;
  a.currency = undefined;
  return a;
}

export interface Expression {
  start: number;
  end: number;
  min: number;
  max: number;
  bound: Bound;
  kind: AtomKind | undefined;
  unit: string | undefined;
  currency: string | undefined;
  factor: number;
  subtype: NumberSubtype | undefined;
  range: boolean;
}

export function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

export function emit(ctx: NumberReader, start: number, end: number, subtype: NumberSubtype, value: number | NumericRange | undefined, noun: string | undefined): void {
  const s = start - ctx.base;
  const e = end - ctx.base;
  // One literal per set of fields, so that every field is stored in the object itself:
  // fields added afterwards went to a property array allocated for each detection.
  let d: Detection;
  if (value === undefined) d = noun === undefined ? { kind: 'number', subtype, start: s, end: e } : { kind: 'number', subtype, start: s, end: e, noun };
  else d = noun === undefined ? { kind: 'number', subtype, start: s, end: e, value } : { kind: 'number', subtype, start: s, end: e, value, noun };
  addDetection(ctx.out, d, s, e);
  ctx.floor = end;
}

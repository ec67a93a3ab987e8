/**
 * Fractions and shares: "half of", "a third of", "one in five", "three and a half",
 * decimals read aloud ("two point five").
 */
import { WordTable, isDigit, isLetter, isWord, wordAt, wordEndBefore, wordStartAfter } from '../text';
import { type Entry, F, lookup } from '../lexicon';
import { type Atom, type NumberReader, letterRunEnd, letterRunStart } from './reader';
import { SCALE_WORDS } from './scales';
import { UNITS } from './units';
import { readDigits } from './digits';
import { extendAsMany, unitAfterTens } from './words';
import { Case, Ch } from '../chars';

/** Determiners after "half" that make it a fraction ("half the troops"). */
export const HALF_OF = new WordTable(['the', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'these', 'those', 'all']);

/** Words before "half" that make it a noun ("the second half"). */
export const NOT_HALF = new WordTable(['the', 'first', 'second', 'other', 'latter', 'former', 'this', 'that', 'each', 'either', 'better']);

/**
 * What follows a whole number at `j` and starts with "in", "out of", "point" or "and":
 * "1 in 5", "two point five", "two and a half". True when the atom took it.
 */
export function wordTail(ctx: NumberReader, a: Atom, j: number): boolean {
  const { codes, end } = ctx;
  if (!a.words && !a.grouped && ratioAfter(ctx, a, j)) return true;
  if (pointFollows(ctx, a.start, j, end, ctx.floor)) {
    spokenDecimal(ctx, a, j + 7);
    if (a.end !== j) {
      // "two point two million", "1 point 5%"
      if (codes[a.end] === Ch.PERCENT) {
        a.end++;
        a.kind = 'percent';
        a.unit = '%';
        return true;
      }
      const s = wordStartAfter(codes, a.end, end);
      const scale = s >= 0 ? SCALE_WORDS.get(codes, s, letterRunEnd(ctx, s, end)) : undefined;
      if (scale !== undefined && scale >= 1000) {
        a.value *= scale;
        a.scale = scale;
        a.end = letterRunEnd(ctx, s, end);
      }
      return true;
    }
  }
  const frac = fractionTail(ctx, j, end);
  if (frac > 0) {
    a.value += frac;
    a.int = false;
    a.end = ctx.tailEnd;
    const s = wordStartAfter(codes, ctx.tailEnd, end);
    const scale = s >= 0 ? SCALE_WORDS.get(codes, s, letterRunEnd(ctx, s, end)) : undefined;
    if (scale !== undefined) {
      a.value *= scale;
      a.scale = scale;
      a.end = letterRunEnd(ctx, s, end);
    }
    return true;
  }
  return false;
}

/** Whether the ordinal word at [ws, we) is a share: "a fifth of", "two thirds of", "rose by a fifth". */
export function isFractionUse(ctx: NumberReader, ws: number, we: number, end: number, floor: number): boolean {
  const { codes } = ctx;
  const s = wordStartAfter(codes, we, end);
  const of = s >= 0 && isWord(codes, s, letterRunEnd(ctx, s, end), 'of');
  const be = wordEndBefore(codes, ws, floor);
  if (be < 0) return false;
  const bs = letterRunStart(ctx, be, floor);
  if (!of) return (isWord(codes, bs, be, 'a') || isWord(codes, bs, be, 'one')) && changedBy(ctx, bs, floor);
  const entry = isWord(codes, bs, be, 'a') ? null : lookup(codes, bs, be);
  return isWord(codes, bs, be, 'a') || (entry !== undefined && entry !== null && (entry.flags & F.CARDINAL) !== 0 && entry.n <= 10 && entry.n > 0);
}

export function fractionAtom(ctx: NumberReader, a: Atom, ws: number, we: number, entry: Entry): Atom | null {
  const { codes, end } = ctx;
  const after = wordStartAfter(codes, we, end);
  const afterEnd = after >= 0 ? letterRunEnd(ctx, after, end) : -1;
  const of = after >= 0 && isWord(codes, after, afterEnd, 'of');
  if ((entry.n === 2 || entry.n === 4) && halfAmount(ctx, a, ws, we, entry.n, after, afterEnd)) return a;
  if (entry.n === 2 && after >= 0 && isWord(codes, after, afterEnd, 'as')) {
    // "half as much", "half as many": a multiple, as "twice as many" is.
    a.kind = 'multiple';
    a.value = 0.5;
    a.int = false;
    extendAsMany(ctx, a, end);
    if (a.end > we) return a;
  }
  if (entry.n === 2) {
    // "half of", "half a million", "half a dozen"
    if (after >= 0 && (isWord(codes, after, afterEnd, 'a') || isWord(codes, after, afterEnd, 'an'))) {
      const s = wordStartAfter(codes, afterEnd, end);
      if (s >= 0) {
        const e = letterRunEnd(ctx, s, end);
        const scale = SCALE_WORDS.get(codes, s, e);
        if (scale !== undefined) {
          a.end = e;
          a.value = scale / 2;
          a.scale = scale;
          return a;
        }
        if (isWord(codes, s, e, 'dozen')) {
          a.end = e;
          a.value = 6;
          return a;
        }
      }
      // "half an hour": half of the unit.
      if (s >= 0) {
        const unit = UNITS.get(codes, s, letterRunEnd(ctx, s, end));
        if (unit !== undefined && unit.kind !== 'percent') {
          a.value = 0.5;
          a.int = false;
          a.end = afterEnd;
          return a;
        }
      }
      // "half a pizza"
      a.kind = 'fraction';
      a.value = 0.5;
      return a;
    }
    // "half of", "half the troops", "cut in half", "rose by half"; not "half-hearted" or "the second half".
    const be = wordEndBefore(codes, ws, ctx.start);
    const bs = be >= 0 ? letterRunStart(ctx, be, ctx.start) : -1;
    if (be >= 0 && NOT_HALF.has(codes, bs, be)) return null;
    const inHalf = be >= 0 && (isWord(codes, bs, be, 'in') || changedBy(ctx, ws, ctx.start));
    if (!of && !inHalf && !(after >= 0 && HALF_OF.has(codes, after, afterEnd))) return null;
    a.kind = 'fraction';
    a.value = 0.5;
    return a;
  }
  // "a third of", "a quarter of", and a change by a share: "rose by a fifth"
  const be = wordEndBefore(codes, ws, ctx.floor);
  if (be >= 0) {
    const bs = letterRunStart(ctx, be, ctx.floor);
    if ((isWord(codes, bs, be, 'a') || isWord(codes, bs, be, 'one')) && (of || changedBy(ctx, bs, ctx.floor))) {
      a.start = bs;
      a.kind = 'fraction';
      a.value = 1 / entry.n;
      return a;
    }
  }
  return null;
}

/**
 * "a half million", "quarter million", "a half hour", "quarter-litre", "an hour and a half":
 * half or a quarter of a scale or a unit. True when the atom took it.
 */
export function halfAmount(ctx: NumberReader, a: Atom, ws: number, we: number, n: number, after: number, afterEnd: number): boolean {
  const { codes, end } = ctx;
  if (n === 2 || n === 4) {
    // "a half million", "quarter million", "a half hour", "quarter-litre"
    const hyphen = codes[we] === Ch.HYPHEN && isLetter(codes[we + 1]);
    const s = hyphen ? we + 1 : after;
    if (s >= 0 && (codes[we - 1] | Case.LOWER) !== Ch.s) {
      const e = hyphen ? letterRunEnd(ctx, s, end) : afterEnd;
      const scale = hyphen ? undefined : SCALE_WORDS.get(codes, s, e);
      const unit = scale === undefined ? UNITS.get(codes, s, e) : undefined;
      if ((scale !== undefined && scale >= 1000) || (unit !== undefined && unit.kind !== 'percent')) {
        const be = wordEndBefore(codes, ws, ctx.start);
        const bs = be >= 0 ? letterRunStart(ctx, be, ctx.start) : -1;
        if (be >= 0 && NOT_HALF.has(codes, bs, be)) return false;
        if (be >= 0 && bs >= ctx.floor && (isWord(codes, bs, be, 'a') || isWord(codes, bs, be, 'an') || isWord(codes, bs, be, 'one'))) a.start = bs;
        a.value = 1 / n;
        a.int = false;
        if (scale !== undefined) {
          a.value *= scale;
          a.scale = scale;
          a.end = e;
        }
        return true;
      }
    }
  }
  if (n === 2 && after < 0 && codes[we] !== Ch.HYPHEN) {
    // "an hour and a half", "a month and a half"
    const ae = wordEndBefore(codes, ws, ctx.floor);
    const as = ae >= 0 ? letterRunStart(ctx, ae, ctx.floor) : -1;
    const ne = as >= 0 && isWord(codes, as, ae, 'a') ? wordEndBefore(codes, as, ctx.floor) : -1;
    const ns = ne >= 0 ? letterRunStart(ctx, ne, ctx.floor) : -1;
    const ue = ns >= 0 && isWord(codes, ns, ne, 'and') ? wordEndBefore(codes, ns, ctx.floor) : -1;
    const us = ue >= 0 ? letterRunStart(ctx, ue, ctx.floor) : -1;
    const unit = us >= 0 ? UNITS.get(codes, us, ue) : undefined;
    const oe = unit !== undefined && unit.kind !== 'percent' ? wordEndBefore(codes, us, ctx.floor) : -1;
    const os = oe >= 0 ? letterRunStart(ctx, oe, ctx.floor) : -1;
    if (oe >= 0 && (isWord(codes, os, oe, 'a') || isWord(codes, os, oe, 'an') || isWord(codes, os, oe, 'one')) && unit) {
      a.start = os;
      a.value = 1.5;
      a.int = false;
      a.kind = unit.kind;
      a.unit = unit.unit;
      return true;
    }
  }
  return false;
}

/** Whether " point " and a figure or a number word follow `e` ("two point five"). */
export function pointFollows(ctx: NumberReader, s: number, e: number, end: number, floor: number): boolean {
  const { codes } = ctx;
  if (codes[e] !== Ch.SPACE || !wordAt(codes, e + 1, end, 'point') || codes[e + 6] !== Ch.SPACE) return false;
  // "at one point two men left"
  const be = wordEndBefore(codes, s, floor);
  if (be >= 0 && isWord(codes, letterRunStart(ctx, be, floor), be, 'at')) return false;
  const p = e + 7;
  if (isDigit(codes[p])) return true;
  if (!isLetter(codes[p])) return false;
  const entry = lookup(codes, p, letterRunEnd(ctx, p, end));
  return entry !== undefined && (entry.flags & F.CARDINAL) !== 0 && (entry.flags & F.SCALE) === 0;
}

/**
 * The decimals of "two point five", "1 point 25", "point zero three" starting at `p` (after
 * "point "), added to the atom.
 */
export function spokenDecimal(ctx: NumberReader, a: Atom, p: number): void {
  const { text, codes, end } = ctx;
  if (isDigit(codes[p])) {
    readDigits(ctx, p, end);
    if (ctx.digitsEnd < 0 || !ctx.digitsInt || ctx.digitsGrouped || isLetter(codes[ctx.digitsEnd])) return;
    a.value += Number(`0.${text.slice(p, ctx.digitsEnd)}`);
    a.end = ctx.digitsEnd;
    a.int = false;
    return;
  }
  let decimals = '';
  let e = p;
  let q = p;
  for (;;) {
    if (!isLetter(codes[q])) break;
    const qe = letterRunEnd(ctx, q, end);
    const entry = lookup(codes, q, qe);
    if (!entry || !(entry.flags & F.CARDINAL) || entry.flags & F.SCALE) break;
    if (entry.n >= 10) {
      // "point seventy-one"
      if (decimals !== '' || entry.n >= 100) break;
      let n = entry.n;
      let ne = qe;
      if (n >= 20 && n % 10 === 0 && (codes[qe] === Ch.HYPHEN || codes[qe] === Ch.SPACE) && isLetter(codes[qe + 1])) {
        const ue = letterRunEnd(ctx, qe + 1, end);
        const unit = lookup(codes, qe + 1, ue);
        if (unit && unit.flags & F.CARDINAL && unit.n > 0 && unit.n < 10) {
          n += unit.n;
          ne = ue;
        }
      }
      decimals = String(n);
      e = ne;
      break;
    }
    decimals += String(entry.n);
    e = qe;
    if (codes[qe] !== Ch.SPACE) break;
    q = qe + 1;
  }
  if (decimals === '') return;
  a.value += Number(`0.${decimals}`);
  a.end = e;
  a.int = false;
}

/**
 * The fraction in " and a half", " and one quarter", " and three quarters", " and a third"
 * right after `i`, or 0. Its end goes to `ctx.tailEnd`.
 */
export function fractionTail(ctx: NumberReader, i: number, end: number): number {
  const { codes } = ctx;
  if (codes[i] !== Ch.SPACE || !wordAt(codes, i + 1, end, 'and') || codes[i + 4] !== Ch.SPACE) return 0;
  const ns = i + 5;
  if (!isLetter(codes[ns])) return 0;
  const ne = letterRunEnd(ctx, ns, end);
  let numerator = 1;
  if (!(isWord(codes, ns, ne, 'a') || isWord(codes, ns, ne, 'one'))) {
    const entry = lookup(codes, ns, ne);
    if (!entry || !(entry.flags & F.CARDINAL) || entry.n < 2 || entry.n > 9) return 0;
    numerator = entry.n;
  }
  const ds = wordStartAfter(codes, ne, end);
  if (ds < 0) return 0;
  const de = letterRunEnd(ctx, ds, end);
  const den = lookup(codes, ds, de);
  if (!den || !(den.flags & (F.FRACTION | F.ORDINAL)) || den.n < 2 || den.n > 10 || den.n <= numerator) return 0;
  // "a second" is a moment; "one and a first" means nothing.
  if (!(den.flags & F.FRACTION) && den.n === 2) return 0;
  if ((numerator > 1) !== ((codes[de - 1] | Case.LOWER) === Ch.s)) return 0;
  ctx.tailEnd = de;
  return numerator / den.n;
}

/**
 * "one in five", "seven out of ten", "3 out of 4" after the number ending at `e`: the atom
 * becomes the fraction.
 */
export function ratioAfter(ctx: NumberReader, a: Atom, e: number): boolean {
  const { codes, end } = ctx;
  if (codes[e] !== Ch.SPACE || !a.int || a.value < 1) return false;
  let p = e + 1;
  const inWord = wordAt(codes, p, end, 'in');
  if (inWord && codes[p + 2] === Ch.SPACE) p += 3;
  else if (wordAt(codes, p, end, 'out') && codes[p + 3] === Ch.SPACE && wordAt(codes, p + 4, end, 'of') && codes[p + 6] === Ch.SPACE) p += 7;
  else return false;
  let den: number;
  let denEnd: number;
  if (isDigit(codes[p])) {
    readDigits(ctx, p, end);
    if (ctx.digitsEnd < 0 || !ctx.digitsInt || isLetter(codes[ctx.digitsEnd]) || isDigit(codes[ctx.digitsEnd])) return false;
    // "2 in 2019" is a count and a year.
    if (inWord && ctx.digitsCount === 4 && !ctx.digitsGrouped && ctx.digitsValue >= 1000 && ctx.digitsValue <= 2100) return false;
    den = ctx.digitsValue;
    denEnd = ctx.digitsEnd;
  } else if (isLetter(codes[p])) {
    denEnd = letterRunEnd(ctx, p, end);
    const entry = lookup(codes, p, denEnd);
    if (!entry || !(entry.flags & F.CARDINAL) || entry.flags & F.SCALE) return false;
    den = entry.n;
    const unit = unitAfterTens(ctx, den, denEnd, end);
    if (unit) {
      den += unit.n;
      denEnd = unit.end;
    }
  } else {
    return false;
  }
  if (!(den > a.value)) return false;
  // "3 in 10 days" is a count and a duration, not a share.
  const u = wordStartAfter(codes, denEnd, end);
  if (u >= 0 && (UNITS.has(codes, u, letterRunEnd(ctx, u, end)) || SCALE_WORDS.has(codes, u, letterRunEnd(ctx, u, end)))) return false;
  a.kind = 'fraction';
  a.value /= den;
  a.int = false;
  a.end = denEnd;
  return true;
}

/** Words of change before "by" that make what follows a share of the change: "rose by a fifth", "cut by half". */
const CHANGE = new WordTable<true>(['rose', 'rise', 'rises', 'rising', 'risen', 'fell', 'fall', 'falls', 'falling', 'fallen',
  'grew', 'grow', 'grows', 'growing', 'grown', 'increased', 'increase', 'increases', 'decreased', 'decrease', 'decreases',
  'cut', 'cuts', 'reduced', 'reduce', 'reduces', 'dropped', 'drop', 'drops', 'declined', 'decline', 'declines', 'jumped',
  'jump', 'climbed', 'climb', 'shrank', 'shrink', 'shrunk', 'expanded', 'expand', 'raised', 'raise', 'lowered', 'lower',
  'slashed', 'slash', 'boosted', 'boost', 'soared', 'plunged', 'plummeted', 'surged', 'slumped', 'halved', 'up', 'down',
  'higher', 'more', 'less', 'fewer', 'larger', 'smaller', 'bigger', 'longer', 'shorter'].map((w): [string, true] => [w, true]));

/** Whether "by" after a word of change (CHANGE) stands just before the word at `s`: "rose by" a fifth. */
function changedBy(ctx: NumberReader, s: number, floor: number): boolean {
  const { codes } = ctx;
  const byEnd = wordEndBefore(codes, s, floor);
  if (byEnd < 0) return false;
  const byStart = letterRunStart(ctx, byEnd, floor);
  if (!isWord(codes, byStart, byEnd, 'by')) return false;
  const verbEnd = wordEndBefore(codes, byStart, floor);
  return verbEnd >= 0 && CHANGE.has(codes, letterRunStart(ctx, verbEnd, floor), verbEnd);
}

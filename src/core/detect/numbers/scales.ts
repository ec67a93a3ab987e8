/**
 * Scale words after a figure: "3 million", "two hundred thousand", "9 hundred and 2".
 */
import { WordTable, isDigit, isLetter, wordAt, wordStartAfter } from '../text';
import { F, lookup } from '../lexicon';
import { type Atom, type NumberReader, letterRunEnd } from './reader';
import { UNITS } from './units';
import { fractionTail, wordTail } from './fractions';
import { readDigits } from './digits';
import { unitAfterTens } from './words';
import { Case, Ch } from '../chars';

export const SCALE_WORDS = new WordTable<number>([
  ['hundred', 100], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12], ['mn', 1e6],
  ['mln', 1e6], ['bn', 1e9], ['bln', 1e9], ['tn', 1e12], ['tln', 1e12], ['lakh', 1e5], ['crore', 1e7], ['lakhs', 1e5],
  ['crores', 1e7], ['dozen', 12], ['quadrillion', 1e15], ['quintillion', 1e18], ['sextillion', 1e21],
]);

/** Percent signs, degree signs and scale words written after a figure. */
export function afterAtom(ctx: NumberReader, a: Atom): Atom {
  const { codes, end } = ctx;
  const j = a.end;
  const c = codes[j];
  if (c === Ch.PERCENT || (c === Ch.SPACE && codes[j + 1] === Ch.PERCENT)) {
    a.end = c === Ch.PERCENT ? j + 1 : j + 2;
    a.kind = 'percent';
    a.unit = '%';
    return a;
  }
  if (c === Ch.DEGREE || (c === Ch.SPACE && codes[j + 1] === Ch.DEGREE)) {
    const d = c === Ch.DEGREE ? j : j + 1;
    const u = codes[d + 1] | Case.LOWER;
    const scale = (u === Ch.c || u === Ch.f) && !isLetter(codes[d + 2]) ? u : 0;
    a.end = scale ? d + 2 : d + 1;
    a.kind = 'measure';
    a.unit = scale === Ch.c ? '°C' : scale === Ch.f ? '°F' : '°';
    if (!scale) {
      // "37 ° Celsius"
      const s = wordStartAfter(codes, a.end, end);
      const named = s >= 0 ? UNITS.get(codes, s, letterRunEnd(ctx, s, end)) : undefined;
      if (named !== undefined && (named.unit === '°C' || named.unit === '°F')) {
        a.unit = named.unit;
        a.end = letterRunEnd(ctx, s, end);
      }
    }
    return a;
  }
  if (a.scale === 1) {
    // "1 in 5", "two point five", "two and a half": only "in ", "out of", "point" and "and" start them.
    if (c === Ch.SPACE && a.int && a.kind === undefined) {
      const n1 = codes[j + 1] | Case.LOWER;
      const n2 = codes[j + 2] | Case.LOWER;
      if (((n1 === Ch.i && n2 === Ch.n) || (n1 === Ch.o && n2 === Ch.u) || (n1 === Ch.p && n2 === Ch.o) || (n1 === Ch.a && n2 === Ch.n)) &&
        wordTail(ctx, a, j)) return a;
    }
    const s = wordStartAfter(codes, j, end);
    if (s >= 0) {
      const e = letterRunEnd(ctx, s, end);
      const scale = SCALE_WORDS.get(codes, s, e);
      if (scale !== undefined && !(scale === 100 && !a.int)) {
        a.value *= scale;
        a.scale = scale;
        a.end = e;
        // "two hundred thousand"
        const s2 = scale === 100 ? wordStartAfter(codes, e, end) : -1;
        if (s2 >= 0) {
          const e2 = letterRunEnd(ctx, s2, end);
          const scale2 = SCALE_WORDS.get(codes, s2, e2);
          if (scale2 !== undefined && scale2 > 100) {
            a.value *= scale2;
            a.scale *= scale2;
            a.end = e2;
          }
        }
        if (!a.words && a.int && !a.grouped && codes[a.end] === Ch.SPACE) {
          // "3 million and a half"
          const frac = a.scale >= 1000 ? fractionTail(ctx, a.end, end) : 0;
          if (frac > 0) {
            a.value += frac * a.scale;
            a.end = ctx.tailEnd;
          } else {
            scaledRest(ctx, a, a.scale);
          }
        }
      }
    }
  }
  return a;
}

/**
 * What follows a figure with a scale word: "9 hundred and 2", "4 thousand 3 hundred and 21",
 * "2 million five hundred thousand". Each part must be smaller than the scale before it.
 */
export function scaledRest(ctx: NumberReader, a: Atom, scale: number): void {
  const { codes, end } = ctx;
  let last = scale;
  for (;;) {
    let p = a.end + 1;
    let viaAnd = false;
    if (wordAt(codes, p, end, 'and') && codes[p + 3] === Ch.SPACE) {
      viaAnd = true;
      p += 4;
    }
    let value: number;
    let e: number;
    if (isDigit(codes[p])) {
      readDigits(ctx, p, end);
      if (ctx.digitsEnd < 0 || !ctx.digitsInt || ctx.digitsGrouped || isLetter(codes[ctx.digitsEnd]) || isDigit(codes[ctx.digitsEnd]) || ctx.digitsValue >= last) return;
      value = ctx.digitsValue;
      e = ctx.digitsEnd;
    } else if (isLetter(codes[p])) {
      e = letterRunEnd(ctx, p, end);
      const entry = lookup(codes, p, e);
      if (!entry || !(entry.flags & F.CARDINAL) || entry.flags & F.SCALE || entry.n >= last || entry.n === 0) return;
      value = entry.n;
      // "twenty two", "twenty-two"
      const unit = unitAfterTens(ctx, value, e, end);
      if (unit) {
        value += unit.n;
        e = unit.end;
      }
    } else {
      return;
    }
    // A smaller scale after the part: "3 hundred", "five hundred thousand".
    let partScale = 1;
    const s2 = wordStartAfter(codes, e, end);
    if (s2 >= 0) {
      const e2 = letterRunEnd(ctx, s2, end);
      const sc = SCALE_WORDS.get(codes, s2, e2);
      // "between 11 thousand and 12 thousand": a second number, not a part.
      if (sc !== undefined && !(sc < last && value * sc < last)) return;
      if (sc !== undefined) {
        partScale = sc;
        e = e2;
        const s3 = sc === 100 ? wordStartAfter(codes, e, end) : -1;
        const sc3 = s3 >= 0 ? SCALE_WORDS.get(codes, s3, letterRunEnd(ctx, s3, end)) : undefined;
        if (sc3 !== undefined && sc3 > 100 && sc3 < last) {
          partScale *= sc3;
          e = letterRunEnd(ctx, s3, end);
        }
      }
    }
    // A bare remainder needs "and" ("9 hundred and 2"); "5 thousand 300" may be two numbers.
    if (partScale === 1 && !viaAnd) return;
    a.value += value * partScale;
    a.end = e;
    if (partScale === 1 || codes[e] !== Ch.SPACE) return;
    last = partScale;
  }
}

/** The scale word after the number word ending at `e` ("twenty two hundred": its "hundred"), or 0. */
export function scaleFollows(ctx: NumberReader, e: number, end: number): number {
  const { codes } = ctx;
  let s = wordStartAfter(codes, e, end);
  if (s < 0 && codes[e] === Ch.HYPHEN && isLetter(codes[e + 1])) s = e + 1;
  if (s < 0) return 0;
  let se = letterRunEnd(ctx, s, end);
  const entry = lookup(codes, s, se);
  if (entry && entry.flags & F.CARDINAL && !(entry.flags & F.SCALE) && entry.n > 0 && entry.n < 10) {
    s = wordStartAfter(codes, se, end);
    if (s < 0) return 0;
    se = letterRunEnd(ctx, s, end);
  }
  return SCALE_WORDS.get(codes, s, se) ?? 0;
}

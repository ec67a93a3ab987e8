/**
 * Dates and years: "Oct. 3", "June 26, 2024", "5th of July", and when a four-digit number is a year.
 */
import { C, CLASS, type Codes, WordTable, isDigit, isLetter, isUpper, isWord, wordEndBefore, wordStartAfter } from '../text';
import { type Atom, type NumberReader, letterRunEnd, letterRunStart } from './reader';
import { FUNCTION_WORDS, isPlural } from './rates';
import { ORDINAL_SUFFIXES } from './digits';
import { Ch } from '../chars';

export const MONTHS = new WordTable<number>([
  ['january', 1], ['february', 2], ['march', 3], ['april', 4], ['may', 5], ['june', 6], ['july', 7], ['august', 8],
  ['september', 9], ['october', 10], ['november', 11], ['december', 12], ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4],
  ['jun', 6], ['jul', 7], ['aug', 8], ['sep', 9], ['sept', 9], ['oct', 10], ['nov', 11], ['dec', 12],
]);

/** Words before a year that make a four-digit number a year rather than a count. */
export const YEAR_CONTEXT = new WordTable(['in', 'since', 'by', 'until', 'till', 'from', 'during', 'before', 'after', 'of',
  'early', 'late', 'mid', 'the', 'circa', 'year', 'spring', 'summer', 'autumn', 'fall', 'winter', 'copyright',
  'through', 'to', 'between', 'and', 'than', 'around', 'back', 'season', 'fiscal', 'budget', 'class', 'its', 'their',
  'his', 'her']);

/** Whether a plain integer is part of a date; its bounds go to `ctx.dateStart`/`ctx.dateEnd`. */
export function dateAround(ctx: NumberReader, a: Atom): boolean {
  const { codes, end } = ctx;
  const v = a.value;
  // Month before: "Oct. 3", "June 26", "June 2024", "July 5, 2024".
  const p = a.start - 1;
  const sp = codes[p];
  if (p > ctx.floor && (sp === Ch.SPACE || sp === Ch.NBSP)) {
    const q = codes[p - 1] === Ch.PERIOD ? p - 1 : p;
    const ms = letterRunStart(ctx, q, ctx.floor);
    if (ms < q && isUpper(codes[ms])) {
      const month = MONTHS.get(codes, ms, q);
      const abbreviated = q < p;
      if (month !== undefined && (!abbreviated || q - ms <= 4) && (abbreviated || q - ms >= 3)) {
        if (a.digits === 4 && v >= 1000 && v <= 2100) {
          ctx.dateStart = ms;
          ctx.dateEnd = a.end;
          return true;
        }
        if (a.digits <= 2 && v >= 1 && v <= 31) {
          let e = a.end;
          if (e + 2 <= end && ORDINAL_SUFFIXES.has(codes, e, e + 2) && !isLetter(codes[e + 2])) e += 2;
          ctx.dateStart = ms;
          ctx.dateEnd = e + yearAfter(codes, e, end);
          return true;
        }
      }
    }
  }
  // Day before month: "5 July 2024", "5th July", "5th of July".
  if (a.digits <= 2 && v >= 1 && v <= 31) {
    let e = a.end;
    if (e + 2 <= end && ORDINAL_SUFFIXES.has(codes, e, e + 2)) e += 2;
    let w = wordStartAfter(codes, e, end);
    if (w >= 0 && isWord(codes, w, letterRunEnd(ctx, w, end), 'of')) w = wordStartAfter(codes, w + 2, end);
    if (w >= 0 && isUpper(codes[w])) {
      const we = letterRunEnd(ctx, w, end);
      if (we - w >= 3 && MONTHS.has(codes, w, we)) {
        let me = we;
        if (codes[me] === Ch.PERIOD && we - w <= 4) me++;
        ctx.dateStart = a.start;
        ctx.dateEnd = me + yearAfter(codes, me, end);
        return true;
      }
    }
  }
  return false;
}

/** Length of ", 2024" or " 2024" after a day, or 0. */
export function yearAfter(codes: Codes, i: number, end: number): number {
  let p = i;
  if (codes[p] === Ch.COMMA) p++;
  if (codes[p] !== Ch.SPACE) return 0;
  p++;
  for (let k = 0; k < 4; k++) if (!isDigit(codes[p + k])) return 0;
  if (p + 4 > end || isDigit(codes[p + 4])) return 0;
  return p + 4 - i;
}

export function isYear(ctx: NumberReader, a: Atom): boolean {
  const { codes } = ctx;
  const pe = wordEndBefore(codes, a.start, ctx.floor);
  if (pe >= 0 && YEAR_CONTEXT.has(codes, letterRunStart(ctx, pe, ctx.floor), pe)) return true;
  const n = wordStartAfter(codes, a.end, ctx.end);
  if (n < 0) return true;
  const ne = letterRunEnd(ctx, n, ctx.end);
  if (FUNCTION_WORDS.has(codes, n, ne)) return true;
  // "1500 troops" counts; "2024 elections" after "the" was caught above.
  return !(CLASS[codes[n]] === C.LOWER && ne - n > 3 && isPlural(codes, n, ne));
}

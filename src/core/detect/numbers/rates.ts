/**
 * What follows an amount: the counted noun ("1,000 troops") and a rate ("per day", "a month",
 * "/yr").
 */
import { type Codes, WordTable, isUpper, isWord, wordStartAfter } from '../text';
import { SCALE_WORDS } from './scales';
import { UNITS } from './units';
import { type NumberReader, letterRunEnd } from './reader';
import { Case, Ch } from '../chars';

/** Words that are not a counted noun. */
export const FUNCTION_WORDS = new WordTable(`the a an and or but nor of to in on at by for with from as is are was were be been
being has have had will would can could may might must should shall do does did that which who whom whose this these
those it its he she they we i you his her their our my your him them us me not no than then so if when while after
before since until per each every more less over under into onto about against between through during also only just
even still ago later earlier there here what where why how all both either neither such other another some any most
many much few very too said says told including within without across along among upon off out up down away back
around near like unlike whether because though although yet`.split(/\s+/));

/** Nouns a rate is counted per ("per day", "a month"). */
export const RATE_NOUNS = new WordTable(['second', 'minute', 'hour', 'day', 'week', 'month', 'year', 'annum', 'capita',
  'person', 'head', 'household', 'kilometre', 'kilometer', 'km', 'mile', 'gallon', 'litre', 'liter', 'barrel', 'tonne',
  'ton', 'share', 'unit', 'night', 'game', 'shift', 'student', 'patient', 'worker', 'employee', 'soldier', 'resident']);

export function isPlural(codes: Codes, s: number, e: number): boolean {
  return (codes[e - 1] | Case.LOWER) === Ch.s && (codes[e - 2] | Case.LOWER) !== Ch.s && e - s > 2;
}

/**
 * Whether a counted noun follows the number (one space after `i`): up to three words
 * ending at the first plural ("troops", "North Korean officers"). Its end goes to `ctx.nounEndAt`.
 */
export function countedNoun(ctx: NumberReader, i: number, end: number): boolean {
  const { codes } = ctx;
  const s = wordStartAfter(codes, i, end);
  if (s < 0) return false;
  const e1 = letterRunEnd(ctx, s, end);
  if (FUNCTION_WORDS.has(codes, s, e1) || UNITS.has(codes, s, e1) || SCALE_WORDS.has(codes, s, e1)) return false;
  let e = e1;
  let words = 1;
  let plural = isPlural(codes, s, e1);
  while (words < 3 && !plural) {
    const n = wordStartAfter(codes, e, end);
    if (n < 0) break;
    const ne = letterRunEnd(ctx, n, end);
    if (FUNCTION_WORDS.has(codes, n, ne) || RATE_NOUNS.has(codes, n, ne)) break;
    const nPlural = isPlural(codes, n, ne);
    if (!nPlural && (words === 2 || !isUpper(codes[n]))) break;
    e = ne;
    plural = nPlural;
    words++;
  }
  ctx.nounEndAt = !plural && words > 1 ? e1 : e;
  return true;
}

/** Whether "per day", "a month", "each year" or "/day" follows `i`. */
export function rateAfter(ctx: NumberReader, i: number, end: number): boolean {
  const { text, codes } = ctx;
  if (codes[i] === Ch.SLASH) {
    const e = letterRunEnd(ctx, i + 1, end);
    if (e === i + 1) return false;
    if (RATE_NOUNS.has(codes, i + 1, e)) {
      ctx.rateNoun = text.slice(i + 1, e).toLowerCase();
    } else if (isWord(codes, i + 1, e, 'yr')) {
      ctx.rateNoun = 'year';
    } else if (isWord(codes, i + 1, e, 'mo')) {
      ctx.rateNoun = 'month';
    } else {
      return false;
    }
    ctx.rateEnd = e;
    return true;
  }
  const w = wordStartAfter(codes, i, end);
  if (w < 0) return false;
  const we = letterRunEnd(ctx, w, end);
  const per = isWord(codes, w, we, 'per');
  if (!per && !isWord(codes, w, we, 'a') && !isWord(codes, w, we, 'an') && !isWord(codes, w, we, 'each') && !isWord(codes, w, we, 'every')) return false;
  const n = wordStartAfter(codes, we, end);
  if (n < 0) return false;
  const ne = letterRunEnd(ctx, n, end);
  if (!RATE_NOUNS.has(codes, n, ne)) return false;
  if (!per && !UNITS.has(codes, n, ne) && !isWord(codes, n, ne, 'head') && !isWord(codes, n, ne, 'person') && !isWord(codes, n, ne, 'night')) return false;
  if (isWord(codes, n, ne, 'second') && isWord(codes, w, we, 'a')) return false;
  ctx.rateEnd = ne;
  ctx.rateNoun = text.slice(n, ne).toLowerCase();
  return true;
}

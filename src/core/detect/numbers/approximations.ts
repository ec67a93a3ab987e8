/**
 * Approximations before a number, with the bound each sets: "more than", "up to", "about",
 * "~", "≥".
 */
import { WordTable, isWord, wordEndBefore } from '../text';
import { Bound, type NumberReader, letterRunStart } from './reader';
import { Ch } from '../chars';

/** Approximations written before a number, with the bound they set. */
export const BEFORE: Array<[string, Bound]> = [
  ['as many as', Bound.MAX], ['as much as', Bound.MAX], ['as high as', Bound.MAX], ['as few as', Bound.APPROX],
  ['as little as', Bound.APPROX], ['as low as', Bound.APPROX], ['in excess of', Bound.MIN], ['no more than', Bound.MAX],
  ['no fewer than', Bound.MIN], ['no less than', Bound.MIN], ['not more than', Bound.MAX], ['a little over', Bound.MIN],
  ['a little under', Bound.MAX], ['just shy of', Bound.MAX], ['more or less', Bound.APPROX], ['close to', Bound.APPROX],
  ['up to', Bound.MAX], ['at least', Bound.MIN], ['at most', Bound.MAX], ['more than', Bound.MIN],
  ['less than', Bound.MAX], ['fewer than', Bound.MAX], ['greater than', Bound.MIN], ['higher than', Bound.MIN],
  ['lower than', Bound.MAX], ['upwards of', Bound.MIN], ['upward of', Bound.MIN], ['just over', Bound.MIN],
  ['just under', Bound.MAX], ['well over', Bound.MIN], ['well above', Bound.MIN], ['just above', Bound.MIN],
  ['just below', Bound.MAX], ['an estimated', Bound.APPROX], ['some', Bound.APPROX], ['about', Bound.APPROX],
  ['around', Bound.APPROX], ['roughly', Bound.APPROX], ['approximately', Bound.APPROX], ['nearly', Bound.MAX],
  ['almost', Bound.MAX], ['over', Bound.MIN], ['under', Bound.MAX], ['above', Bound.MIN], ['below', Bound.MAX],
  ['estimated', Bound.APPROX], ['circa', Bound.APPROX], ['exceeding', Bound.MIN], ['upwards', Bound.MIN],
];

/** The phrases above by their last word, longest first. */
export const BEFORE_BY_LAST = new WordTable<Array<[string[], Bound]>>(groupByLast(BEFORE));

export function groupByLast(phrases: Array<[string, Bound]>): Array<[string, Array<[string[], Bound]>]> {
  const groups = new Map<string, Array<[string[], Bound]>>();
  for (const [phrase, bound] of phrases) {
    const words = phrase.split(' ');
    const last = words[words.length - 1];
    const list = groups.get(last) ?? [];
    list.push([words, bound]);
    list.sort((a, b) => b[0].length - a[0].length);
    groups.set(last, list);
  }
  return [...groups];
}

/** Start of an approximation phrase ending right before `i` (bound in `ctx.approxBound`), or -1. */
export function approxBefore(ctx: NumberReader, i: number, floor: number): number {
  const { codes } = ctx;
  const c = codes[i - 1];
  if (i - 1 >= floor) {
    if (c === Ch.TILDE || c === Ch.ALMOST_EQUAL) return setBound(ctx, i - 1, Bound.APPROX);
    if (c === Ch.GREATER || c === Ch.GREATER_EQUAL) return setBound(ctx, i - 1, Bound.MIN);
    if (c === Ch.LESS || c === Ch.LESS_EQUAL) return setBound(ctx, i - 1, Bound.MAX);
  }
  // "approx. 30", "c. 1900", "est. 500"
  if (c === Ch.SPACE && codes[i - 2] === Ch.PERIOD) {
    const we = i - 2;
    const ws = letterRunStart(ctx, we, floor);
    if (ws < we && (isWord(codes, ws, we, 'approx') || isWord(codes, ws, we, 'c') || isWord(codes, ws, we, 'est'))) return setBound(ctx, ws, Bound.APPROX);
    return -1;
  }
  const e1 = wordEndBefore(codes, i, floor);
  if (e1 < 0) return -1;
  const s1 = letterRunStart(ctx, e1, floor);
  const phrases = BEFORE_BY_LAST.get(codes, s1, e1);
  if (!phrases) return -1;
  for (const [words, bound] of phrases) {
    let s = s1;
    let ok = true;
    for (let k = words.length - 2; k >= 0; k--) {
      const e = wordEndBefore(codes, s, floor);
      if (e < 0) {
        ok = false;
        break;
      }
      const ws = letterRunStart(ctx, e, floor);
      if (!isWord(codes, ws, e, words[k])) {
        ok = false;
        break;
      }
      s = ws;
    }
    if (ok) return setBound(ctx, s, bound);
  }
  return -1;
}

export function setBound(ctx: NumberReader, start: number, bound: Bound): number {
  ctx.approxBound = bound;
  return start;
}

/**
 * Ages: "aged 25", "at age 87" (the "25-year-old" forms are read with the units).
 */
import { C, CLASS, isWord, wordEndBefore, wordStartAfter } from '../text';
import { type Expression, type NumberReader, letterRunEnd, letterRunStart } from './reader';
import { FUNCTION_WORDS, isPlural } from './rates';
import { Case, Ch } from '../chars';

/** "aged 25", "at age 87": the word before the number makes it an age in years. */
export function ageBefore(ctx: NumberReader, x: Expression): void {
  const { codes, end } = ctx;
  const ae = wordEndBefore(codes, x.start, ctx.floor);
  if (ae >= 0 && ((codes[ae - 1] | Case.LOWER) === Ch.e || (codes[ae - 1] | Case.LOWER) === Ch.d)) {
    const as = letterRunStart(ctx, ae, ctx.floor);
    const n = wordStartAfter(codes, x.end, end);
    const ne = n >= 0 ? letterRunEnd(ctx, n, end) : -1;
    const counted = n >= 0 && CLASS[codes[n]] === C.LOWER && isPlural(codes, n, ne) && !FUNCTION_WORDS.has(codes, n, ne);
    if (!counted && (isWord(codes, as, ae, 'aged') || isWord(codes, as, ae, 'age'))) {
      x.kind = 'age';
      x.unit = 'year';
      x.start = as;
    }
  }
}

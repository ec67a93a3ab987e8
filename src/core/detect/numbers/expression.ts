/**
 * The entry points of the number reader and the completion of an expression: from its first
 * atom, the range, unit, bounds, sign, label, age, year, noun and rate around it, then its
 * subtype and value, stored as one detection.
 */
import { C, CLASS, type Codes, WordTable, isDigit, isLetter, isSpace, isUpper, isWord, skipSpaces, wordAt, wordEndBefore, wordStartAfter } from '../text';
import type { NumberSubtype, NumericRange } from '../types';
import { type Entry } from '../lexicon';
import { type Atom, Bound, type NumberReader, emit, forgetRuns, letterRunEnd, letterRunStart, round } from './reader';
import { ageBefore } from './ages';
import { approxBefore } from './approximations';
import { countedNoun, rateAfter } from './rates';
import { currencyBefore } from './currency';
import { dateAround, isYear } from './dates';
import { digitAtom, readDigits, tokenEnd } from './digits';
import { rangeEnd, unitRange } from './ranges';
import { testedNegative, wordAtom } from './words';
import { unitAfter } from './units';
import { Case, Ch } from '../chars';

/** Capitalised words before a number that make it a label, not a claim ("Article 5"). */
export const REFERENCE_WORDS = new WordTable(['article', 'section', 'chapter', 'title', 'resolution', 'page', 'pages', 'vol',
  'volume', 'flight', 'route', 'highway', 'interstate', 'room', 'platform', 'gate', 'terminal', 'model', 'version',
  'windows', 'iphone', 'apollo', 'boeing', 'airbus', 'episode', 'paragraph', 'clause', 'rule', 'channel', 'precinct',
  'ward', 'lot', 'suite', 'apt', 'box', 'figure', 'fig', 'table', 'step', 'phase', 'level', 'grade', 'part', 'item']);

/** Completes an expression from its first atom and stores it. Returns where to go on. */
export function finishExpression(ctx: NumberReader, first: Atom): number {
  const { text, codes, end } = ctx;
  const x = ctx.expression;
  x.start = first.start;
  x.end = first.end;
  x.min = first.value;
  x.max = Number.isNaN(first.upper) ? first.value : first.upper;
  x.bound = first.bound;
  x.kind = first.kind;
  x.unit = first.unit;
  x.currency = undefined;
  x.factor = 1;
  x.subtype = undefined;
  x.range = false;

  const cur = first.words ? -1 : currencyBefore(ctx, first.start, ctx.floor);
  if (cur >= 0) {
    x.start = cur;
    x.currency = ctx.currencyCode;
    if (codes[cur] === Ch.CENT) x.factor = 0.01;
  } else if (first.currency !== undefined) {
    x.currency = first.currency;
  }

  // Dates: "Oct. 3", "June 26, 2024", "5 July 2024", "June 2024".
  if (!first.words && first.int && !first.grouped && cur < 0 && x.kind === undefined && first.scale === 1) {
    if (dateAround(ctx, first)) {
      emit(ctx, ctx.dateStart, ctx.dateEnd, 'date', undefined, undefined);
      return ctx.dateEnd;
    }
  }
  if (x.kind === 'date' || x.kind === 'time') {
    emit(ctx, first.start, first.end, x.kind, undefined, undefined);
    return first.end;
  }

  if (x.kind === undefined || x.kind === 'percent' || x.kind === 'measure' || x.kind === 'duration') {
    if (rangeEnd(ctx, first, x.start)) {
      const second = ctx.rangeSecond as Atom;
      x.range = true;
      let lo = first.value;
      let hi = second.value;
      // "5 to 7 million": the scale of the second end applies to the first.
      if (second.scale > 1 && first.scale === 1 && !first.grouped && lo * second.scale <= hi) lo *= second.scale;
      const loYear = first.digits === 4 && first.int && !first.grouped && first.value >= 1000 && first.value <= 2100;
      if (loYear && second.digits === 2 && second.int) hi = Math.floor(lo / 100) * 100 + hi;
      if (hi <= lo && ctx.rangeConnector === 'dash' && hi < 100 && lo < 100) {
        x.subtype = 'score';
        x.range = false;
      }
      x.min = Math.min(lo, hi);
      x.max = Math.max(lo, hi);
      x.end = second.end;
      x.unit = second.unit ?? x.unit;
      x.kind = second.kind ?? x.kind;
      if (ctx.rangeCurrency) x.currency = x.currency ?? ctx.rangeCurrency;
      if (ctx.rangeConnector === 'between' || ctx.rangeConnector === 'from') x.start = ctx.rangeLeft;
    } else if (first.kind === undefined && !first.words && first.int) {
      // A dash with no range: phone numbers and codes, not claims.
      if (codes[first.end] === Ch.HYPHEN && isDigit(codes[first.end + 1])) return tokenEnd(codes, first.end, end);
    }
  }

  unitAfter(ctx, x);
  if (!x.range && x.unit !== undefined && x.currency === undefined && (x.kind === 'measure' || x.kind === 'duration') &&
    codes[x.end] === Ch.SPACE && (wordAt(codes, x.end + 1, end, 'to') || wordAt(codes, x.end + 1, end, 'and'))) unitRange(ctx, x);
  // A "+" glued on: "1,000+".
  if (codes[x.end] === Ch.PLUS && !isDigit(codes[x.end + 1])) {
    x.bound = Bound.MIN;
    x.end++;
  }
  // "or more", "or so", "or fewer"
  const or = x.kind !== 'ordinal' ? wordStartAfter(codes, x.end, end) : -1;
  if (or >= 0 && isWord(codes, or, letterRunEnd(ctx, or, end), 'or')) {
    const w2 = wordStartAfter(codes, or + 2, end);
    if (w2 >= 0) {
      const e2 = letterRunEnd(ctx, w2, end);
      const bound = isWord(codes, w2, e2, 'so') ? Bound.APPROX
        : isWord(codes, w2, e2, 'less') || isWord(codes, w2, e2, 'fewer') ? Bound.MAX
          : isWord(codes, w2, e2, 'more') || isWord(codes, w2, e2, 'over') || isWord(codes, w2, e2, 'above') ||
            isWord(codes, w2, e2, 'higher') || isWord(codes, w2, e2, 'greater') ? Bound.MIN
            : isWord(codes, w2, e2, 'lower') || isWord(codes, w2, e2, 'below') || isWord(codes, w2, e2, 'under') ? Bound.MAX : Bound.NONE;
      if (bound !== Bound.NONE) {
        x.bound = bound;
        x.end = e2;
      }
    }
  }

  // Approximations, negative signs and reference labels on the left.
  if (!x.range || x.start === first.start || x.start === cur) {
    const left = approxBefore(ctx, x.start, ctx.floor);
    if (left >= 0) {
      x.start = left;
      if (x.bound === Bound.NONE || x.bound === Bound.APPROX) x.bound = ctx.approxBound;
    }
  }
  // "minus 5 degrees"
  const minusEnd = wordEndBefore(codes, x.start, ctx.floor);
  if (minusEnd >= 0 && x.start === first.start) {
    const minusStart = letterRunStart(ctx, minusEnd, ctx.floor);
    if (isWord(codes, minusStart, minusEnd, 'minus') || (isWord(codes, minusStart, minusEnd, 'negative') && !testedNegative(ctx, minusStart, ctx.floor))) {
      x.start = minusStart;
      const min = x.min;
      x.min = x.range ? -x.max : -min;
      x.max = x.range ? -min : -x.max;
    }
  }
  const sign = codes[x.start - 1];
  if (sign === Ch.HYPHEN && x.start === first.start && isLetter(codes[x.start - 2]) && x.start - 2 >= ctx.floor) {
    // "minus-40 degrees", "sub-500", "sub-7 nanometre"
    const ps = letterRunStart(ctx, x.start - 1, ctx.floor);
    if ((ps === ctx.floor || !isLetter(codes[ps - 1])) && isWord(codes, ps, x.start - 1, 'minus')) {
      x.start = ps;
      const min = x.min;
      x.min = x.range ? -x.max : -min;
      x.max = x.range ? -min : -x.max;
    } else if ((ps === ctx.floor || !isLetter(codes[ps - 1])) && isWord(codes, ps, x.start - 1, 'sub')) {
      x.start = ps;
      if (x.bound === Bound.NONE) x.bound = Bound.MAX;
    }
  } else if ((sign === Ch.HYPHEN || sign === Ch.MINUS_SIGN) && x.start - 1 >= ctx.floor && !first.words) {
    const before = x.start - 2 >= ctx.start ? codes[x.start - 2] : Ch.SPACE;
    if (CLASS[before] === C.SPACE || before === Ch.OPEN_PAREN || x.start - 1 === ctx.start) {
      x.start--;
      const min = x.min;
      x.min = x.range ? -x.max : -min;
      x.max = x.range ? -min : -x.max;
    }
  }
  if (!first.words && x.start === first.start) {
    const le = wordEndBefore(codes, x.start, ctx.floor);
    if (le >= 0) {
      const ls = letterRunStart(ctx, le, ctx.floor);
      if (isUpper(codes[ls]) && REFERENCE_WORDS.has(codes, ls, le)) return x.end;
    } else if (codes[x.start - 1] === Ch.SPACE && codes[x.start - 2] === Ch.PERIOD && x.start - 4 >= ctx.floor &&
      codes[x.start - 4] === Ch.N && codes[x.start - 3] === Ch.o && (x.start - 4 === ctx.start || !isLetter(codes[x.start - 5]))) {
      // "No. 1": a rank.
      x.start -= 4;
      x.kind = 'ordinal';
    }
  }

  // "a magnitude 7.8 earthquake": the scale named before the figure.
  if (x.kind === undefined && x.unit === undefined && x.currency === undefined && !first.words && x.start === first.start) {
    const me = wordEndBefore(codes, x.start, ctx.floor);
    const ms = me >= 0 ? letterRunStart(ctx, me, ctx.floor) : -1;
    if (me >= 0 && isWord(codes, ms, me, 'magnitude')) {
      x.start = ms;
      x.kind = 'measure';
      x.unit = 'magnitude';
    }
  }

  // "aged 25", "at age 87": an age in years.
  // The word before ends in "age" or "aged".
  const aged = (codes[x.start - 2] | Case.LOWER) === Ch.d ? 1 : 0;
  if ((codes[x.start - 2 - aged] | Case.LOWER) === Ch.e && (codes[x.start - 3 - aged] | Case.LOWER) === Ch.g && x.kind === undefined && !x.range && x.currency === undefined && first.int && x.min >= 0 &&
    x.min < 130 && x.start === first.start) ageBefore(ctx, x);

  // Years: a plain four-digit number from 1000 to 2100 that does not count something.
  if (!x.range && x.subtype === undefined && x.kind === undefined && x.currency === undefined && x.bound === Bound.NONE &&
    !first.words && first.int && !first.grouped && first.digits === 4 && x.min >= 1000 && x.min <= 2100 && first.scale === 1 &&
    isYear(ctx, first)) {
    x.kind = 'year';
  }

  // The counted noun, and a rate after it: "1,000 troops per day", "$2,200 a month".
  let noun: string | undefined;
  let rateUnit: string | undefined;
  const kind = x.kind;
  if (kind !== 'year' && kind !== 'decade' && kind !== 'time' && kind !== 'date' && kind !== 'percent') {
    const hasNoun = countedNoun(ctx, x.end, end);
    const nounStart = x.end + 1;
    const nounEnd = ctx.nounEndAt;
    const rateFrom = hasNoun && kind !== 'ordinal' && kind !== 'fraction' ? nounEnd : x.end;
    const rate = rateAfter(ctx, rateFrom, end);
    if (rate && (kind === undefined || kind === 'measure')) {
      rateUnit = `per ${ctx.rateNoun}`;
      if (hasNoun && rateFrom !== x.end) {
        noun = text.slice(nounStart, nounEnd);
        rateUnit = `${noun} per ${ctx.rateNoun}`;
      }
      x.end = ctx.rateEnd;
      x.subtype = 'rate';
    } else if (hasNoun && (kind === undefined || kind === 'ordinal') && x.currency === undefined) {
      noun = text.slice(nounStart, nounEnd);
    }
  }

  let subtype: NumberSubtype = x.subtype ?? (x.range ? 'range' : x.currency !== undefined ? 'money' : kind === 'decade' ? 'year' : kind ?? 'count');
  if (kind === 'multiple' && subtype === 'range') subtype = 'multiple';

  let value: number | NumericRange | undefined;
  const min = x.min * x.factor;
  const max = x.max * x.factor;
  if (kind === 'decade' || subtype === 'score' || !Number.isFinite(min)) value = undefined;
  else if (x.currency === undefined && x.unit === undefined && rateUnit === undefined && x.bound === Bound.NONE && !x.range && min === max) {
    value = round(min);
  } else {
    const r: NumericRange = {};
    if (x.bound === Bound.MIN) r.min = round(min);
    else if (x.bound === Bound.MAX) r.max = round(max);
    else {
      r.min = round(min);
      r.max = round(max);
    }
    if (x.bound === Bound.APPROX || first.bound === Bound.APPROX || (x.bound !== Bound.NONE && !Number.isNaN(first.upper))) r.approx = true;
    if (rateUnit !== undefined) r.unit = rateUnit;
    else if (x.unit !== undefined) r.unit = x.unit;
    if (x.currency !== undefined) r.currency = x.currency;
    value = r;
  }
  emit(ctx, x.start, x.end, subtype, value, noun);
  return x.end;
}

/**
 * A number starting with a digit at `i`. Returns the offset to resume scanning from.
 *
 * @param ctx - Scan state; detections go to `ctx.out`
 * @param i - Offset of the first digit
 */
export function numberAtDigit(ctx: NumberReader, i: number): number {
  forgetRuns(ctx);
  const { codes, start, end } = ctx;
  const prev = i > start ? codes[i - 1] : Ch.SPACE;
  const pk = CLASS[prev];
  if (pk === C.UPPER || pk === C.LOWER) {
    // Digits inside a word are an identifier (A4, G7, mp3) unless a space was lost
    // before a grouped figure ("amassing1,530").
    const ls = letterRunStart(ctx, i, start);
    readDigits(ctx, i, end);
    const glued = i - ls >= 4 && ctx.digitsGrouped && ctx.digitsEnd > 0 && pk === C.LOWER && !isLetter(codes[ctx.digitsEnd]);
    // A currency code written onto the figure ("USD115", "GBP3.01", "Rs20") is money.
    const code = ((i - ls === 3 && pk === C.UPPER) || (i - ls === 2 && prev === Ch.s)) && ctx.digitsEnd > 0 && !isLetter(codes[ctx.digitsEnd]) &&
      !isDigit(codes[ctx.digitsEnd]) && currencyBefore(ctx, i, start) === ls;
    if (!glued && !code) return tokenEnd(codes, i, end);
  } else if (pk === C.DASH && i - 1 > start) {
    const before = codes[i - 2];
    if (isLetter(before)) {
      // COVID-19, F-16, Su-34 are names; mid-2024 is a year.
      const ls = letterRunStart(ctx, i - 1, start);
      const we = i - 1;
      // "minus-40", "sub-500": a sign and a bound written as prefixes.
      if (!(isWord(codes, ls, we, 'mid') || isWord(codes, ls, we, 'pre') || isWord(codes, ls, we, 'post') || isWord(codes, ls, we, 'late') || isWord(codes, ls, we, 'early') ||
        isWord(codes, ls, we, 'minus') || isWord(codes, ls, we, 'sub'))) {
        return tokenEnd(codes, i, end);
      }
    } else if (isDigit(before)) {
      return tokenEnd(codes, i, end);
    }
  } else if ((prev === Ch.PERIOD || prev === Ch.UNDERSCORE || prev === Ch.SLASH || prev === Ch.HASH || prev === Ch.AT || prev === Ch.COLON || prev === Ch.COMMA) && i - 1 > start &&
    CLASS[codes[i - 2]] !== C.SPACE) {
    const b = codes[i - 2];
    if (isLetter(b) || isDigit(b) || prev === Ch.HASH || prev === Ch.AT) return tokenEnd(codes, i, end);
  }
  if (i - start < 8 && isListNumber(codes, i, start, end)) {
    let e = i;
    while (isDigit(codes[e])) e++;
    return e + 1;
  }
  const a = digitAtom(ctx, i, ctx.first);
  if (!a) return Math.max(ctx.skipTo, i + 1);
  // ".75 percent", "$.50": a decimal written without its leading zero.
  if (prev === Ch.PERIOD && i - 1 >= ctx.floor && a.int && !a.grouped && a.kind !== 'date' && a.kind !== 'time' && a.kind !== 'ordinal' &&
    (i - 1 === start || CLASS[codes[i - 2]] === C.SPACE || CLASS[codes[i - 2]] === C.CURRENCY || codes[i - 2] === Ch.OPEN_PAREN)) {
    a.start = i - 1;
    a.value /= 10 ** a.digits;
    a.int = false;
  }
  // '90s: the apostrophe stands for the century.
  if (a.kind === 'decade' && a.digits === 2 && i - 1 >= ctx.floor && (prev === Ch.APOSTROPHE || prev === Ch.RIGHT_SINGLE_QUOTE || prev === Ch.LEFT_SINGLE_QUOTE)) {
    a.start = i - 1;
  }
  return finishExpression(ctx, a);
}

/**
 * A number written in words starting at [ws, we) (`entry` from the lexicon). Returns the
 * offset to resume scanning from.
 */
export function numberAtWord(ctx: NumberReader, ws: number, we: number, entry: Entry): number {
  forgetRuns(ctx);
  if (ws < ctx.floor) return we;
  const a = wordAtom(ctx, ws, we, entry);
  if (!a) return we;
  return Math.max(finishExpression(ctx, a), we);
}

/** "1." or "2)" opening a paragraph or list item: numbering, not a claim. */
export function isListNumber(codes: Codes, i: number, start: number, end: number): boolean {
  let p = skipSpaces(codes, start, end);
  const c = codes[p];
  if (c === Ch.HYPHEN || c === Ch.ASTERISK || c === Ch.BULLET) p = skipSpaces(codes, p + 1, end);
  if (codes[p] === Ch.OPEN_PAREN) p++;
  if (p !== i) return false;
  let e = i;
  while (e < end && isDigit(codes[e])) e++;
  if (e - i > 3) return false;
  const after = codes[e];
  return (after === Ch.PERIOD || after === Ch.CLOSE_PAREN) && (e + 1 >= end || isSpace(codes[e + 1]));
}

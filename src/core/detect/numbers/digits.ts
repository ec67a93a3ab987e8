/**
 * Figures: digits with thousands separators (also lakh and continental grouping) and decimals,
 * what is written straight onto them (ordinal and scale suffixes, glued units and currency
 * codes, clock times, slashed and vulgar fractions), and numeric dates.
 */
import { C, CLASS, type Codes, WordTable, isDigit, isLetter, isUpper, isWord, wordStartAfter } from '../text';
import { type Atom, type NumberReader, atom, letterRunEnd } from './reader';
import { CURRENCY_CODES, currencyBefore } from './currency';
import { FUNCTION_WORDS } from './rates';
import { GLUED, UNITS } from './units';
import { afterAtom } from './scales';
import { Case, Ch } from '../chars';

export const GLUED_SCALE = new WordTable<number>([
  ['k', 1e3], ['m', 1e6], ['mn', 1e6], ['mln', 1e6], ['mil', 1e6], ['bn', 1e9], ['b', 1e9], ['bln', 1e9], ['tn', 1e12],
  ['tr', 1e12],
]);

export const ORDINAL_SUFFIXES = new WordTable(['st', 'nd', 'rd', 'th']);

/**
 * Reads the figure at `i`: thousands separators, decimals. Sets the `digits*` variables;
 * `ctx.digitsEnd` is negative (minus the token end) for a version number such as 1.2.3.
 */
export function readDigits(ctx: NumberReader, i: number, end: number): void {
  const { text, codes } = ctx;
  let j = i;
  let value = 0;
  while (j < end) {
    const c = codes[j];
    if (c < Ch.ZERO || c > Ch.NINE) break;
    value = value * 10 + (c - Ch.ZERO);
    j++;
  }
  const count = j - i;
  let grouped = false;
  // Lakh grouping: 12,50,000 and 1,23,45,678.
  if (codes[j] === Ch.COMMA && count <= 2 && isDigit(codes[j + 1]) && isDigit(codes[j + 2]) && codes[j + 3] === Ch.COMMA) {
    let k = j;
    let v = value;
    while (codes[k] === Ch.COMMA && isDigit(codes[k + 1]) && isDigit(codes[k + 2]) && codes[k + 3] === Ch.COMMA) {
      v = v * 100 + (codes[k + 1] - Ch.ZERO) * 10 + codes[k + 2] - Ch.ZERO;
      k += 3;
    }
    if (codes[k] === Ch.COMMA && isDigit(codes[k + 1]) && isDigit(codes[k + 2]) && isDigit(codes[k + 3]) && !isDigit(codes[k + 4])) {
      value = v * 1000 + (codes[k + 1] - Ch.ZERO) * 100 + (codes[k + 2] - Ch.ZERO) * 10 + codes[k + 3] - Ch.ZERO;
      j = k + 4;
      grouped = true;
    }
  }
  for (;;) {
    const c = codes[j];
    if (
      (c === Ch.COMMA || c === Ch.NBSP || c === Ch.NARROW_NBSP || c === Ch.THIN_SPACE || (c === Ch.SPACE && (!grouped || codes[j - 4] === Ch.SPACE))) &&
      (grouped || count <= 3) && j + 4 <= end &&
      isDigit(codes[j + 1]) && isDigit(codes[j + 2]) && isDigit(codes[j + 3]) &&
      !isDigit(codes[j + 4]) &&
      // "40 000" in groups of a plain space, but not "10 100-metre" or "5 100m".
      (c !== Ch.SPACE || (!isLetter(codes[j + 4]) && codes[j + 4] !== Ch.HYPHEN && codes[j + 4] !== Ch.SLASH))
    ) {
      value = value * 1000 + (codes[j + 1] - Ch.ZERO) * 100 + (codes[j + 2] - Ch.ZERO) * 10 + (codes[j + 3] - Ch.ZERO);
      j += 4;
      grouped = true;
      continue;
    }
    break;
  }
  let int = true;
  if (codes[j] === Ch.PERIOD && j + 1 < end && isDigit(codes[j + 1])) {
    let k = j + 1;
    while (k < end && isDigit(codes[k])) k++;
    if (codes[k] === Ch.PERIOD && k + 1 < end && isDigit(codes[k + 1])) {
      // Several dots: thousands in the continental style (1.000.000), else a version number.
      let m = j;
      let thousands = !grouped && count <= 3;
      while (codes[m] === Ch.PERIOD && m + 1 < end && isDigit(codes[m + 1])) {
        let q = m + 1;
        while (q < end && isDigit(codes[q])) q++;
        if (q - m - 1 !== 3) thousands = false;
        m = q;
      }
      ctx.digitsCount = count;
      ctx.digitsGrouped = true;
      ctx.digitsInt = true;
      if (!thousands) {
        ctx.digitsEnd = -m;
        ctx.digitsValue = NaN;
        return;
      }
      // Read the groups as digits; past 2^53 the sum may round otherwise than Number does.
      let v = value;
      for (let g = j; g < m; g += 4) v = v * 1000 + (codes[g + 1] - Ch.ZERO) * 100 + (codes[g + 2] - Ch.ZERO) * 10 + codes[g + 3] - Ch.ZERO;
      ctx.digitsEnd = m;
      ctx.digitsValue = v <= Number.MAX_SAFE_INTEGER ? v : Number(text.slice(i, m).replace(/\./g, ''));
      return;
    }
    // Decimals are left to Number, which rounds them correctly; only separators need removing.
    const figure = text.slice(i, k);
    value = Number(grouped ? figure.replace(/[,\u00a0\u202f\u2009]/g, '') : figure);
    j = k;
    int = false;
  }
  ctx.digitsEnd = j;
  ctx.digitsValue = value;
  ctx.digitsCount = count;
  ctx.digitsGrouped = grouped;
  ctx.digitsInt = int;
}

/** End of the letters-and-digits token at `i` (used to skip identifiers whole). */
export function tokenEnd(codes: Codes, i: number, end: number): number {
  while (i < end) {
    const c = codes[i];
    const k = CLASS[c];
    if (k === C.UPPER || k === C.LOWER || k === C.DIGIT) {
      i++;
    } else if ((c === Ch.HYPHEN || c === Ch.PERIOD || c === Ch.UNDERSCORE || c === Ch.SLASH) && i + 1 < end) {
      const n = CLASS[codes[i + 1]];
      if (n !== C.UPPER && n !== C.LOWER && n !== C.DIGIT) break;
      i++;
    } else {
      break;
    }
  }
  return i;
}

export const NUMERIC_DATE = /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2}))(?![A-Za-z0-9])/;

/**
 * One figure starting at digit `i`, with what is glued to it and a scale word after it.
 * Null when the digits belong to an identifier (`ctx.skipTo` then says how far to skip).
 * The atom is written into `into` (`ctx.first` or `ctx.second`).
 */
export function digitAtom(ctx: NumberReader, i: number, into: Atom): Atom | null {
  const { text, codes, end } = ctx;
  let run = i;
  while (run < end && isDigit(codes[run])) run++;
  const sep = codes[run];
  if ((sep === Ch.HYPHEN || sep === Ch.SLASH || sep === Ch.PERIOD) && isDigit(codes[run + 1])) {
    // The longest date is ten characters; one more tells whether a word goes on after it.
    const m = NUMERIC_DATE.exec(text.slice(i, Math.min(end, i + 11)));
    if (m && i + m[0].length <= end) {
      const a = atom(into, i, i + m[0].length, NaN, false);
      a.kind = 'date';
      return a;
    }
  }
  readDigits(ctx, i, end);
  if (ctx.digitsEnd < 0) {
    ctx.skipTo = -ctx.digitsEnd;
    return null;
  }
  let j = ctx.digitsEnd;
  const a = atom(into, i, j, ctx.digitsValue, false);
  a.int = ctx.digitsInt;
  a.digits = ctx.digitsCount;
  a.grouped = ctx.digitsGrouped;
  const c = codes[j];

  // A clock time: 10:30, 10:30 a.m.
  if (c === Ch.COLON && a.int && !a.grouped && a.value <= 24 && isDigit(codes[j + 1]) && isDigit(codes[j + 2]) && !isDigit(codes[j + 3])) {
    j += 3;
    a.end = j + meridiemAt(codes, j, end);
    a.kind = 'time';
    return a;
  }
  // A fraction written with a slash: 1/2, 3/4 (but not 24/7 or 9/11).
  if (c === Ch.SLASH && a.int && !a.grouped && isDigit(codes[j + 1])) {
    const numerator = a.value;
    readDigits(ctx, j + 1, end);
    // "3/8ths", "3/8s"
    let fe = ctx.digitsEnd;
    if (fe > 0 && isLetter(codes[fe])) {
      const le = letterRunEnd(ctx, fe, end);
      if (isWord(codes, fe, le, 's') || isWord(codes, fe, le, 'th') || isWord(codes, fe, le, 'ths')) fe = le;
    }
    if (ctx.digitsEnd > 0 && ctx.digitsInt && !isLetter(codes[fe]) && codes[ctx.digitsEnd] !== Ch.SLASH) {
      if (numerator < ctx.digitsValue && ctx.digitsValue <= 100 && !(numerator === 9 && ctx.digitsValue === 11)) {
        a.end = fe;
        a.value = numerator / ctx.digitsValue;
        // "1/4 mile" is a length; "3/4 of the votes" a share.
        const u = wordStartAfter(codes, fe, end);
        const unit = u >= 0 ? UNITS.get(codes, u, letterRunEnd(ctx, u, end)) : undefined;
        if (unit === undefined || unit.kind === 'percent') a.kind = 'fraction';
        else a.int = false;
        return a;
      }
      ctx.skipTo = ctx.digitsEnd;
      return null;
    }
  }
  // "2½", "10 1/2": a whole number and a fraction.
  if (a.int && !a.grouped && (c >= Ch.ONE_QUARTER || (c === Ch.SPACE && codes[j + 2] === Ch.SLASH)) && mixedFraction(ctx, a, j, c)) return afterAtom(ctx, a);
  if (isLetter(c)) {
    const e = letterRunEnd(ctx, j, end);
    if (e < end && isDigit(codes[e])) {
      // "45m2", "3km3": square and cubic measures written with a plain digit.
      const power = codes[e];
      const squared = (power === Ch.TWO || power === Ch.THREE) && !isLetter(codes[e + 1]) && !isDigit(codes[e + 1]) && !isUpper(c) ? GLUED.get(codes, j, e) : undefined;
      if (squared !== undefined && squared.kind === 'measure') {
        a.end = e + 1;
        a.kind = 'measure';
        a.unit = `${squared.unit}${power === Ch.TWO ? '²' : '³'}`;
        return a;
      }
      ctx.skipTo = tokenEnd(codes, e, end);
      return null;
    }
    const length = e - j;
    // "1st", "23rd", and with separators "1,000th".
    if (length === 2 && a.int && ORDINAL_SUFFIXES.has(codes, j, e)) {
      a.end = e;
      a.kind = 'ordinal';
      return a;
    }
    if (length === 1 && (c | Case.LOWER) === Ch.s && a.int && !a.grouped && (a.digits === 4 || a.digits === 2) && a.value % 10 === 0) {
      a.end = e;
      a.kind = 'decade';
      return a;
    }
    if (length === 2 && (isWord(codes, j, e, 'am') || isWord(codes, j, e, 'pm'))) {
      if (a.int && a.value >= 1 && a.value <= 12) {
        a.end = e;
        a.kind = 'time';
        return a;
      }
      ctx.skipTo = e;
      return null;
    }
    if (length === 1 && (c | Case.LOWER) === Ch.x && !a.grouped) {
      a.end = e;
      a.kind = 'multiple';
      return a;
    }
    // "80p": pence.
    if (length === 1 && c === Ch.p && a.int && !a.grouped && a.value < 1000 && !(codes[e] === Ch.PERIOD && isLetter(codes[e + 1]))) {
      a.end = e;
      a.value /= 100;
      a.int = false;
      a.currency = 'GBP';
      return a;
    }
    // "15C", "86F": temperatures as British and American papers write them, not "seat 15C".
    if (length === 1 && (c === Ch.C || c === Ch.F) && !a.grouped && a.value <= (c === Ch.C ? 60 : 140) && !isLabelled(ctx, i)) {
      a.end = e;
      a.kind = 'measure';
      a.unit = c === Ch.C ? '°C' : '°F';
      return a;
    }
    const singleCapital = length === 1 && isUpper(c);
    const scale = GLUED_SCALE.get(codes, j, e);
    if (scale !== undefined) {
      const currency = currencyBefore(ctx, i, ctx.floor) >= 0;
      // "3bn" and "€3m" are amounts; "3m" with no currency is three metres unless people follow.
      const letter = c | Case.LOWER;
      // "10M", "100K", "1.2b": a capital or a lone "b" needs a figure no model name has ("3M", "2B").
      const plainFigure = (a.digits >= 2 || !a.int) && (e >= end || !isLetter(codes[e]));
      const single = length === 1 && (singleCapital ? plainFigure : letter === Ch.b && !a.int && plainFigure);
      if (currency || single ||
        (!singleCapital && (letter !== Ch.b || length > 1) && (letter !== Ch.m || length > 1 || countedNounFollows(ctx, e, end)))) {
        a.end = e;
        a.value *= scale;
        a.scale = scale;
        return afterAtom(ctx, a);
      }
    }
    // "115USD", "20Rs"
    if ((length === 3 && isUpper(c) && isUpper(codes[j + 1]) && isUpper(codes[j + 2]) && CURRENCY_CODES.has(text.slice(j, e))) ||
      (length === 2 && c === Ch.R && codes[j + 1] === Ch.s)) {
      a.end = e;
      a.currency = length === 2 ? 'INR' : text.slice(j, e);
      return a;
    }
    // "60W": watts are written with a capital.
    if (!singleCapital || c === Ch.W) {
      const unit = GLUED.get(codes, j, e);
      if (unit) {
        a.end = e;
        a.unit = unit.unit;
        a.kind = unit.kind;
        // "12km/h", "3km²"
        const t = codes[e];
        if (t === Ch.SLASH && unit.kind === 'measure' && (codes[e + 1] | Case.LOWER) === Ch.h) {
          const pe = letterRunEnd(ctx, e + 1, end);
          if (isWord(codes, e + 1, pe, 'h') || isWord(codes, e + 1, pe, 'hr')) {
            a.unit = `${unit.unit}/h`;
            a.end = pe;
          }
        } else if ((t === Ch.SUPERSCRIPT_TWO || t === Ch.SUPERSCRIPT_THREE) && unit.kind === 'measure') {
          a.unit = `${unit.unit}${t === Ch.SUPERSCRIPT_TWO ? '²' : '³'}`;
          a.end = e + 1;
        }
        return a;
      }
    }
    ctx.skipTo = tokenEnd(codes, e, end);
    return null;
  }
  return afterAtom(ctx, a);
}

/** Fraction characters written after a whole number ("2½"). */
export const VULGAR = new Map<number, number>(
  ([['¼', 1 / 4], ['½', 1 / 2], ['¾', 3 / 4], ['⅓', 1 / 3], ['⅔', 2 / 3], ['⅕', 1 / 5], ['⅖', 2 / 5], ['⅗', 3 / 5], ['⅘', 4 / 5],
    ['⅙', 1 / 6], ['⅚', 5 / 6], ['⅛', 1 / 8], ['⅜', 3 / 8], ['⅝', 5 / 8], ['⅞', 7 / 8]] as Array<[string, number]>).map(([c, n]) => [c.charCodeAt(0), n]),
);

/** The fraction written after a whole number at `j` ("2½", "10 1/2"), added to the atom. */
export function mixedFraction(ctx: NumberReader, a: Atom, j: number, c: number): boolean {
  const { codes, end } = ctx;
  const vulgar = VULGAR.get(c);
  if (vulgar !== undefined) {
    a.value += vulgar;
    a.int = false;
    a.end = j + 1;
    return true;
  }
  if (c === Ch.SPACE && isDigit(codes[j + 1]) && codes[j + 2] === Ch.SLASH && isDigit(codes[j + 3])) {
    const den = isDigit(codes[j + 4]) ? (codes[j + 3] - Ch.ZERO) * 10 + codes[j + 4] - Ch.ZERO : codes[j + 3] - Ch.ZERO;
    const fe = den >= 10 ? j + 5 : j + 4;
    const num = codes[j + 1] - Ch.ZERO;
    if (num > 0 && num < den && (fe >= end || !(isLetter(codes[fe]) || isDigit(codes[fe]) || codes[fe] === Ch.SLASH))) {
      a.value += num / den;
      a.int = false;
      a.end = fe;
      return true;
    }
  }
  return false;
}

/** Length of "a.m.", "p.m.", "am" or "pm" after one optional space at `i`, or 0. */
export function meridiemAt(codes: Codes, i: number, end: number): number {
  const s = codes[i] === Ch.SPACE ? i + 1 : i;
  const c = codes[s] | Case.LOWER;
  if (c !== Ch.a && c !== Ch.p) return 0;
  let e = s + 1;
  if (codes[e] === Ch.PERIOD) e++;
  if ((codes[e] | Case.LOWER) !== Ch.m) return 0;
  e++;
  if (codes[e] === Ch.PERIOD) e++;
  if (e < end && isLetter(codes[e])) return 0;
  return e - i;
}

export function countedNounFollows(ctx: NumberReader, i: number, end: number): boolean {
  const { codes } = ctx;
  const s = wordStartAfter(codes, i, end);
  if (s < 0 || CLASS[codes[s]] !== C.LOWER) return false;
  const e = letterRunEnd(ctx, s, end);
  return !FUNCTION_WORDS.has(codes, s, e) && !DIMENSIONS.has(codes, s, e);
}

/** Words after "2.5m" that make it metres ("2.5m long"), not millions ("3m people"). */
export const DIMENSIONS = new WordTable(['long', 'wide', 'high', 'tall', 'deep', 'thick', 'away', 'across', 'apart', 'square',
  'underground', 'below', 'above', 'deep', 'wall', 'walls', 'fence', 'tower', 'bridge', 'tunnel']);

/**
 * Words that make the figure after them a label, not an amount: "seat 15C", "Flight 15F",
 * "section 12C", "Form 8F".
 */
const LABELS = new WordTable<true>(['seat', 'section', 'article', 'room', 'flat', 'apartment', 'apt', 'gate', 'row',
  'platform', 'chapter', 'page', 'paragraph', 'para', 'clause', 'form', 'rule', 'unit', 'suite', 'flight', 'bus',
  'route', 'level', 'floor', 'grade', 'class', 'block', 'exhibit', 'schedule', 'annex', 'appendix', 'box', 'line',
  'item', 'no', 'number', 'model', 'type', 'version', 'size', 'band', 'zone', 'terminal', 'stand', 'pier', 'cabin',
  'berth', 'bay', 'lot', 'plot', 'house', 'building', 'tower', 'ward', 'bed', 'cell', 'regulation', 'part', 'title',
  'figure', 'table', 'note', 'step', 'phase', 'stage', 'category', 'division', 'district', 'sector', 'area', 'road',
  'highway', 'interstate', 'exit', 'channel', 'frequency', 'vitamin'].map((w): [string, true] => [w, true]));

/** Whether the figure at `i` follows a word that makes it a label (LABELS) or a sign of one ("#", "No."). */
function isLabelled(ctx: NumberReader, i: number): boolean {
  const codes = ctx.codes;
  let e = i;
  while (e > ctx.floor && codes[e - 1] === Ch.SPACE) e--;
  if (e < i && e > ctx.floor && codes[e - 1] === Ch.PERIOD) e--;
  if (e > ctx.floor && codes[e - 1] === Ch.HASH) return true;
  let s = e;
  while (s > ctx.floor && isLetter(codes[s - 1])) s--;
  return s < e && LABELS.has(codes, s, e);
}

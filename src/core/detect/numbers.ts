/**
 * Numeric claims: the whole expression around a number (currency, scale word, unit,
 * approximation words, a range's second end), with a subtype and, when plain, a value.
 *
 * The scan calls in here only at candidates: a digit, or a word the lexicon knows as a
 * number word. From there the expression is grown right (suffixes, ranges, units, rates)
 * and then left (approximations, currency codes, months), looking at a few words each way.
 */
import type { Detection, NumericRange } from './types';
import {
  CLASS, CURRENCY, DASH, DIGIT, LOWER, QUOTE, SPACE, TERMINATOR, UPPER, isDigit, isLetter, isSpace, isUpper,
  letterRunEnd, letterRunStart, skipSpaces, skipSpacesBack, wordAt,
} from './text';
import { CARDINAL, DOZEN, type Entry, FRACTION, MULTIPLE, ORDINAL, PLURAL_SCALE, SCALE, VAGUE, lookup } from './lexicon';

/** Where the scan is, handed to the number parsers. */
export interface NumberContext {
  text: string;
  /** Paragraph bounds. */
  start: number;
  end: number;
  /** A new expression may not reach left of this (the end of the previous one). */
  floor: number;
  /** Offsets are stored relative to this. */
  base: number;
  out: Detection[];
}

type Bound = 'min' | 'max' | 'approx';

/** One number with what is written straight onto it. */
interface Atom {
  start: number;
  end: number;
  value: number;
  /** The number itself, before any scale or unit: whole, how many integer digits, grouped. */
  int: boolean;
  digits: number;
  grouped: boolean;
  words: boolean;
  scaled: boolean;
  currency?: string;
  unit?: string;
  /** 'percent', 'measure', 'duration', 'age', 'ordinal', 'decade', 'fraction', 'multiple', 'time', 'date'. */
  kind?: string;
  bound?: Bound;
  /** For vague amounts ("hundreds of", "several thousand"): the upper end. */
  upper?: number;
}

interface Unit {
  unit: string;
  kind: string;
}

const UNITS = new Map<string, Unit>();
function units(kind: string, unit: string, words: string): void {
  for (const w of words.split(' ')) UNITS.set(w, { unit, kind });
}
units('measure', 'km', 'km kilometer kilometers kilometre kilometres');
units('measure', 'm', 'meter meters metre metres');
units('measure', 'cm', 'cm centimeter centimeters centimetre centimetres');
units('measure', 'mm', 'mm millimeter millimeters millimetre millimetres');
units('measure', 'mi', 'mi mile miles');
units('measure', 'ft', 'ft foot feet');
units('measure', 'in', 'inch inches');
units('measure', 'yd', 'yard yards');
units('measure', 'acre', 'acre acres');
units('measure', 'ha', 'ha hectare hectares');
units('measure', 'kg', 'kg kilogram kilograms kilo kilos');
units('measure', 'g', 'gram grams');
units('measure', 't', 'tonne tonnes ton tons');
units('measure', 'lb', 'lb lbs pound pounds');
units('measure', 'oz', 'oz ounce ounces');
units('measure', 'l', 'litre litres liter liters');
units('measure', 'ml', 'ml');
units('measure', 'gal', 'gallon gallons');
units('measure', 'bbl', 'bbl barrel barrels');
units('measure', 'mph', 'mph');
units('measure', 'km/h', 'kph kmh');
units('measure', 'kn', 'knot knots');
units('measure', '°', 'degree degrees');
units('measure', 'MW', 'mw megawatt megawatts');
units('measure', 'GW', 'gw gigawatt gigawatts');
units('measure', 'kW', 'kw kilowatt kilowatts');
units('measure', 'kWh', 'kwh');
units('measure', 'GWh', 'gwh');
units('measure', 'TWh', 'twh');
units('measure', 'Mt', 'megaton megatons megatonne megatonnes');
units('measure', 'kt', 'kiloton kilotons kilotonne kilotonnes');
units('measure', 'GB', 'gb gigabyte gigabytes');
units('measure', 'TB', 'tb terabyte terabytes');
units('measure', 'MB', 'mb megabyte megabytes');
units('duration', 'second', 'second seconds sec secs');
units('duration', 'minute', 'minute minutes min mins');
units('duration', 'hour', 'hour hours hr hrs');
units('duration', 'day', 'day days');
units('duration', 'week', 'week weeks');
units('duration', 'month', 'month months');
units('duration', 'year', 'year years yr yrs');
units('duration', 'decade', 'decade decades');
units('duration', 'century', 'century centuries');
units('percent', '%', 'percent pct');

/** Units written straight onto the digits ("5km", "10am"). */
const GLUED = new Set(['km', 'kg', 'cm', 'mm', 'mph', 'kph', 'kmh', 'ft', 'lb', 'lbs', 'oz', 'mi', 'g', 'mw', 'gw', 'kw',
  'kwh', 'gwh', 'twh', 'gb', 'tb', 'mb', 'ml', 'h', 'hr', 'hrs', 'min', 'mins', 'yrs', 'ha', 'bbl', 'm']);

const CURRENCY_WORDS = new Map<string, [string, number]>([
  ['dollar', ['USD', 1]], ['dollars', ['USD', 1]], ['euro', ['EUR', 1]], ['euros', ['EUR', 1]], ['yen', ['JPY', 1]],
  ['yuan', ['CNY', 1]], ['renminbi', ['CNY', 1]], ['ruble', ['RUB', 1]], ['rubles', ['RUB', 1]], ['rouble', ['RUB', 1]],
  ['roubles', ['RUB', 1]], ['rupee', ['INR', 1]], ['rupees', ['INR', 1]], ['hryvnia', ['UAH', 1]], ['hryvnias', ['UAH', 1]],
  ['franc', ['CHF', 1]], ['francs', ['CHF', 1]], ['shekel', ['ILS', 1]], ['shekels', ['ILS', 1]], ['lira', ['TRY', 1]],
  ['bitcoin', ['BTC', 1]], ['cent', ['USD', 0.01]], ['cents', ['USD', 0.01]], ['pence', ['GBP', 0.01]],
  ['penny', ['GBP', 0.01]], ['pesos', ['MXN', 1]], ['won', ['KRW', 1]],
]);

const CURRENCY_CODES = new Set(['USD', 'EUR', 'GBP', 'JPY', 'CNY', 'RMB', 'RUB', 'INR', 'CHF', 'CAD', 'AUD', 'UAH',
  'KRW', 'ILS', 'TRY', 'BRL', 'MXN', 'ZAR', 'SEK', 'NOK', 'DKK', 'PLN', 'HKD', 'SGD', 'NZD', 'BTC']);

const SYMBOLS = new Map<number, string>([
  [0x24, 'USD'], [0xa3, 'GBP'], [0x20ac, 'EUR'], [0xa5, 'JPY'], [0x20b9, 'INR'], [0x20bd, 'RUB'], [0x20a9, 'KRW'],
  [0x20b4, 'UAH'], [0x20ba, 'TRY'], [0x20aa, 'ILS'], [0x20a6, 'NGN'], [0x20b1, 'PHP'], [0x0e3f, 'THB'], [0x20ab, 'VND'],
  [0xa2, 'USD'],
]);

/** Letters glued before a dollar sign: US$, A$, HK$ … */
const DOLLAR_PREFIXES = new Map<string, string>([
  ['US', 'USD'], ['A', 'AUD'], ['AU', 'AUD'], ['C', 'CAD'], ['CA', 'CAD'], ['HK', 'HKD'], ['NZ', 'NZD'], ['S', 'SGD'],
  ['R', 'BRL'], ['NT', 'TWD'], ['Mex', 'MXN'],
]);

const SCALE_WORDS = new Map<string, number>([
  ['hundred', 100], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12], ['mn', 1e6],
  ['mln', 1e6], ['bn', 1e9], ['bln', 1e9], ['tn', 1e12], ['lakh', 1e5], ['crore', 1e7],
]);

const GLUED_SCALE = new Map<string, number>([
  ['k', 1e3], ['m', 1e6], ['mn', 1e6], ['mln', 1e6], ['bn', 1e9], ['b', 1e9], ['bln', 1e9], ['tn', 1e12], ['tr', 1e12],
]);

const MONTHS = new Map<string, number>([
  ['january', 1], ['february', 2], ['march', 3], ['april', 4], ['may', 5], ['june', 6], ['july', 7], ['august', 8],
  ['september', 9], ['october', 10], ['november', 11], ['december', 12], ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4],
  ['jun', 6], ['jul', 7], ['aug', 8], ['sep', 9], ['sept', 9], ['oct', 10], ['nov', 11], ['dec', 12],
]);

/** Approximations written before a number, longest first, with the bound they set. */
const BEFORE: Array<[string[], Bound]> = [
  [['as', 'many', 'as'], 'max'], [['as', 'much', 'as'], 'max'], [['as', 'high', 'as'], 'max'],
  [['as', 'few', 'as'], 'approx'], [['as', 'little', 'as'], 'approx'], [['as', 'low', 'as'], 'approx'],
  [['in', 'excess', 'of'], 'min'], [['no', 'more', 'than'], 'max'], [['no', 'fewer', 'than'], 'min'],
  [['no', 'less', 'than'], 'min'], [['not', 'more', 'than'], 'max'], [['a', 'little', 'over'], 'min'],
  [['a', 'little', 'under'], 'max'], [['just', 'shy', 'of'], 'max'], [['more', 'or', 'less'], 'approx'],
  [['close', 'to'], 'approx'], [['up', 'to'], 'max'], [['at', 'least'], 'min'], [['at', 'most'], 'max'],
  [['more', 'than'], 'min'], [['less', 'than'], 'max'], [['fewer', 'than'], 'max'], [['greater', 'than'], 'min'],
  [['higher', 'than'], 'min'], [['lower', 'than'], 'max'], [['upwards', 'of'], 'min'], [['upward', 'of'], 'min'],
  [['just', 'over'], 'min'], [['just', 'under'], 'max'], [['well', 'over'], 'min'], [['well', 'above'], 'min'],
  [['just', 'above'], 'min'], [['just', 'below'], 'max'], [['an', 'estimated'], 'approx'], [['some'], 'approx'],
  [['about'], 'approx'], [['around'], 'approx'], [['roughly'], 'approx'], [['approximately'], 'approx'],
  [['nearly'], 'max'], [['almost'], 'max'], [['over'], 'min'], [['under'], 'max'], [['above'], 'min'],
  [['below'], 'max'], [['estimated'], 'approx'], [['circa'], 'approx'], [['exceeding'], 'min'],
  [['approx'], 'approx'], [['upwards'], 'min'],
];
const BEFORE_LAST = new Set(BEFORE.map(([words]) => words[words.length - 1]));

/** Words that are not a counted noun. */
const FUNCTION_WORDS = new Set(`the a an and or but nor of to in on at by for with from as is are was were be been
being has have had will would can could may might must should shall do does did that which who whom whose this these
those it its he she they we i you his her their our my your him them us me not no than then so if when while after
before since until per each every more less over under into onto about against between through during also only just
even still ago later earlier there here what where why how all both either neither such other another some any most
many much few very too said says told including within without across along among upon off out up down away back
around near like unlike whether because though although yet`.split(/\s+/));

/** Words before a year that make a four-digit number a year rather than a count. */
const YEAR_CONTEXT = new Set(['in', 'since', 'by', 'until', 'till', 'from', 'during', 'before', 'after', 'of', 'early',
  'late', 'mid', 'the', 'circa', 'year', 'spring', 'summer', 'autumn', 'fall', 'winter', 'copyright', 'through', 'to',
  'between', 'and', 'than', 'around', 'back', 'season', 'fiscal', 'budget', 'class', 'its', 'their', 'his', 'her']);

/** Capitalised words before a number that make it a label, not a claim ("Article 5"). */
const REFERENCE_WORDS = new Set(['article', 'section', 'chapter', 'title', 'resolution', 'page', 'pages', 'vol',
  'volume', 'flight', 'route', 'highway', 'interstate', 'room', 'platform', 'gate', 'terminal', 'model', 'version',
  'windows', 'iphone', 'apollo', 'boeing', 'airbus', 'episode', 'paragraph', 'clause', 'rule', 'channel', 'precinct',
  'ward', 'lot', 'suite', 'apt', 'box', 'figure', 'fig', 'table', 'step', 'phase', 'level', 'grade', 'part', 'item']);

/** Nouns a rate is counted per ("per day", "a month"). */
const RATE_NOUNS = new Set(['second', 'minute', 'hour', 'day', 'week', 'month', 'year', 'annum', 'capita', 'person',
  'head', 'household', 'kilometre', 'kilometer', 'km', 'mile', 'gallon', 'litre', 'liter', 'barrel', 'tonne', 'ton',
  'share', 'unit', 'night', 'game', 'shift', 'student', 'patient', 'worker', 'employee', 'soldier', 'resident']);

const ELIDED_TIME = /^(?:a\.m\.|p\.m\.|a\.m|p\.m|am|pm)(?![A-Za-z])/i;

function lowerWord(text: string, s: number, e: number): string {
  return text.slice(s, e).toLowerCase();
}

/** Word (letters) ending right before `i` after skipping spaces, as [start, end], or null. */
function wordBefore(text: string, i: number, floor: number): [number, number] | null {
  const e = skipSpacesBack(text, i, floor);
  if (e === i && i > floor && isLetter(text.charCodeAt(i - 1))) return null;
  if (e <= floor || !isLetter(text.charCodeAt(e - 1))) return null;
  return [letterRunStart(text, e, floor), e];
}

function wordAfter(text: string, i: number, end: number): [number, number] | null {
  const s = skipSpaces(text, i, end);
  if (s >= end || !isLetter(text.charCodeAt(s))) return null;
  return [s, letterRunEnd(text, s, end)];
}

/** Whether the word at [s, e) starts a new sentence or a paragraph (so capitals say nothing). */
function atSentenceStart(text: string, s: number, start: number): boolean {
  let p = skipSpacesBack(text, s, start);
  while (p > start && CLASS[text.charCodeAt(p - 1)] === QUOTE) p--;
  if (p <= start) return true;
  const c = text.charCodeAt(p - 1);
  return CLASS[c] === TERMINATOR || c === 58 || c === 0x2014 || c === 0x2013 || c === 40;
}

/**
 * Reads the digits at `i`: separators, decimals. Returns the end and value, or a negative
 * end (minus the token end) when the digits are a version number or similar.
 */
function readDigits(text: string, i: number, end: number): { end: number; value: number; digits: number; grouped: boolean; int: boolean } {
  let j = i;
  while (j < end && isDigit(text.charCodeAt(j))) j++;
  const digits = j - i;
  let grouped = false;
  for (;;) {
    const c = text.charCodeAt(j);
    if (
      (c === 44 || c === 0xa0 || c === 0x202f || c === 0x2009) && (grouped || digits <= 3) && j + 3 < end + 1 &&
      isDigit(text.charCodeAt(j + 1)) && isDigit(text.charCodeAt(j + 2)) && isDigit(text.charCodeAt(j + 3)) &&
      !isDigit(text.charCodeAt(j + 4)) && j + 4 <= end
    ) {
      j += 4;
      grouped = true;
      continue;
    }
    break;
  }
  let int = true;
  if (text.charCodeAt(j) === 46 && j + 1 < end && isDigit(text.charCodeAt(j + 1))) {
    let k = j + 1;
    while (k < end && isDigit(text.charCodeAt(k))) k++;
    if (text.charCodeAt(k) === 46 && k + 1 < end && isDigit(text.charCodeAt(k + 1))) {
      // Several dots: thousands in the continental style (1.000.000), else a version number.
      let m = j;
      let thousands = !grouped && digits <= 3;
      while (text.charCodeAt(m) === 46 && m + 1 < end && isDigit(text.charCodeAt(m + 1))) {
        let q = m + 1;
        while (q < end && isDigit(text.charCodeAt(q))) q++;
        if (q - m - 1 !== 3) thousands = false;
        m = q;
      }
      if (!thousands) return { end: -m, value: NaN, digits, grouped, int: false };
      return { end: m, value: Number(text.slice(i, m).replace(/\./g, '')), digits, grouped: true, int: true };
    }
    j = k;
    int = false;
  }
  const raw = text.slice(i, j);
  const value = grouped ? Number(raw.replace(/[,\u00a0\u202f\u2009]/g, '')) : Number(raw);
  return { end: j, value, digits, grouped, int };
}

/** End of the letters-and-digits token at `i` (used to skip identifiers whole). */
function tokenEnd(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    const k = CLASS[c];
    if (k === UPPER || k === LOWER || k === DIGIT || c === 45 || c === 46 || c === 95 || c === 47) {
      if ((c === 45 || c === 46 || c === 47) && !(i + 1 < end && /[A-Za-z0-9]/.test(text[i + 1]))) break;
      i++;
    } else {
      break;
    }
  }
  return i;
}

const NUMERIC_DATE = /(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2}))(?![A-Za-z0-9])/y;

/**
 * Parses one number starting at digit `i`, with what is glued to it and a scale word or
 * unit after it. Null when the digits belong to an identifier; `skip` then says how far.
 */
function digitAtom(ctx: NumberContext, i: number): Atom | { skip: number } {
  const { text, end } = ctx;
  const c1 = text.charCodeAt(i + 1);
  if (c1 === 45 || c1 === 47 || c1 === 46 || isDigit(c1)) {
    NUMERIC_DATE.lastIndex = i;
    const m = NUMERIC_DATE.exec(text);
    if (m && i + m[0].length <= end) {
      return { start: i, end: i + m[0].length, value: NaN, int: false, digits: 0, grouped: false, words: false, scaled: false, kind: 'date' };
    }
  }
  const d = readDigits(text, i, end);
  if (d.end < 0) return { skip: -d.end };
  let j = d.end;
  const atom: Atom = { start: i, end: j, value: d.value, int: d.int, digits: d.digits, grouped: d.grouped, words: false, scaled: false };
  const c = text.charCodeAt(j);

  // A clock time: 10:30, 10:30 a.m., 9pm.
  if (c === 58 && d.int && !d.grouped && d.value <= 24 && isDigit(text.charCodeAt(j + 1)) && isDigit(text.charCodeAt(j + 2)) && !isDigit(text.charCodeAt(j + 3))) {
    j += 3;
    const s = skipSpaces(text, j, end);
    const m = ELIDED_TIME.exec(text.slice(s, s + 4));
    atom.end = m ? s + m[0].length : j;
    atom.kind = 'time';
    return atom;
  }
  // A fraction or ratio written with a slash: 1/2, 3/4 (but not 24/7 or 9/11).
  if (c === 47 && d.int && !d.grouped && isDigit(text.charCodeAt(j + 1))) {
    const den = readDigits(text, j + 1, end);
    if (den.end > 0 && den.int && !isLetter(text.charCodeAt(den.end)) && text.charCodeAt(den.end) !== 47) {
      if (d.value < den.value && den.value <= 100 && !(d.value === 9 && den.value === 11)) {
        atom.end = den.end;
        atom.value = d.value / den.value;
        atom.kind = 'fraction';
        return atom;
      }
      return { skip: den.end };
    }
  }
  if (isLetter(c)) {
    const e = letterRunEnd(text, j, end);
    const suffix = text.slice(j, e);
    const low = suffix.toLowerCase();
    const after = e < end ? text.charCodeAt(e) : 32;
    if (isDigit(after)) return { skip: tokenEnd(text, e, end) };
    if ((low === 'st' || low === 'nd' || low === 'rd' || low === 'th') && d.int && !d.grouped) {
      atom.end = e;
      atom.kind = 'ordinal';
      return atom;
    }
    if (low === 's' && d.int && !d.grouped && (d.digits === 4 || d.digits === 2) && d.value % 10 === 0) {
      atom.end = e;
      atom.kind = 'decade';
      return atom;
    }
    if (low === 'am' || low === 'pm') {
      if (d.int && d.value >= 1 && d.value <= 12) {
        atom.end = e;
        atom.kind = 'time';
        return atom;
      }
      return { skip: e };
    }
    if (low === 'x' && !d.grouped) {
      atom.end = e;
      atom.kind = 'multiple';
      return atom;
    }
    const currency = currencyBefore(text, i, ctx.floor) !== null;
    const scale = GLUED_SCALE.get(low);
    const singleCapital = suffix.length === 1 && isUpper(suffix.charCodeAt(0));
    // "3bn" and "€3m" are amounts; "3m" with no currency is three metres unless people follow.
    if (scale !== undefined && (currency || (!singleCapital && low !== 'b' && (low !== 'm' || countedNounFollows(text, e, end))))) {
      atom.end = e;
      atom.value *= scale;
      atom.scaled = true;
      return afterAtom(ctx, atom);
    }
    if (GLUED.has(low) && !singleCapital) {
      const unit = UNITS.get(low === 'm' ? 'meter' : low === 'g' ? 'gram' : low === 'h' ? 'hour' : low);
      if (unit) {
        atom.end = e;
        atom.unit = unit.unit;
        atom.kind = unit.kind;
        return atom;
      }
    }
    return { skip: tokenEnd(text, e, end) };
  }
  return afterAtom(ctx, atom);
}

function countedNounFollows(text: string, i: number, end: number): boolean {
  const w = wordAfter(text, i, end);
  return w !== null && i < w[0] && CLASS[text.charCodeAt(w[0])] === LOWER && !FUNCTION_WORDS.has(lowerWord(text, w[0], w[1]));
}

/** Percent signs, scale words and units written after a number. */
function afterAtom(ctx: NumberContext, atom: Atom): Atom {
  const { text, end } = ctx;
  let j = atom.end;
  if (text.charCodeAt(j) === 37 || (text.charCodeAt(j) === 32 && text.charCodeAt(j + 1) === 37)) {
    atom.end = text.charCodeAt(j) === 37 ? j + 1 : j + 2;
    atom.kind = 'percent';
    atom.unit = '%';
    return atom;
  }
  if (text.charCodeAt(j) === 0xb0) {
    const u = text.charCodeAt(j + 1);
    atom.end = u === 67 || u === 70 ? j + 2 : j + 1;
    atom.kind = 'measure';
    atom.unit = u === 67 ? '°C' : u === 70 ? '°F' : '°';
    return atom;
  }
  if (!atom.scaled) {
    const w = wordAfter(text, j, end);
    if (w && w[0] === j + 1 && isSpace(text.charCodeAt(j))) {
      const scale = SCALE_WORDS.get(lowerWord(text, w[0], w[1]));
      if (scale !== undefined && !(scale === 100 && !atom.int)) {
        atom.value *= scale;
        atom.scaled = true;
        atom.end = w[1];
        j = w[1];
        // "two and a half million" is rare; "1.5 million" is the common form.
        const w2 = wordAfter(text, j, end);
        if (w2 && scale === 100) {
          const s2 = SCALE_WORDS.get(lowerWord(text, w2[0], w2[1]));
          if (s2 !== undefined && s2 > 100) {
            atom.value *= s2;
            atom.end = w2[1];
          }
        }
      }
    }
  }
  return atom;
}

/** The currency written right before `i` ("$", "US$", "€", "USD "): [start, code] or null. */
function currencyBefore(text: string, i: number, floor: number): [number, string] | null {
  let p = i;
  if (p > floor && text.charCodeAt(p - 1) === 32 && p - 1 > floor && CLASS[text.charCodeAt(p - 2)] === CURRENCY) p--;
  if (p > floor && CLASS[text.charCodeAt(p - 1)] === CURRENCY) {
    const sym = text.charCodeAt(p - 1);
    let code = SYMBOLS.get(sym) ?? 'USD';
    let s = p - 1;
    if (sym === 0x24) {
      const ls = letterRunStart(text, s, floor);
      if (ls < s) {
        const prefix = DOLLAR_PREFIXES.get(text.slice(ls, s));
        if (prefix && (ls === floor || !isLetter(text.charCodeAt(ls - 1)))) {
          code = prefix;
          s = ls;
        }
      }
    }
    if (sym === 0xa2) code = 'USD';
    return [s, code];
  }
  const w = wordBefore(text, i, floor);
  if (w && w[1] < i) {
    const word = text.slice(w[0], w[1]);
    if (CURRENCY_CODES.has(word)) return [w[0], word];
    if ((word === 'Rs' || word === 'INR') && true) return [w[0], 'INR'];
  }
  if (i - 3 >= floor && text.charCodeAt(i - 1) === 32 && text.slice(i - 4, i - 1) === 'Rs.') return [i - 4, 'INR'];
  return null;
}

/** Number words: "four", "twenty-one", "a dozen", "hundreds of", "two-thirds", "twice". */
function wordAtom(ctx: NumberContext, ws: number, we: number, entry: Entry): Atom | null {
  const { text, end, start } = ctx;
  const flags = entry.flags;
  const capital = isUpper(text.charCodeAt(ws));
  // Capitalised number words inside a sentence name something ("Five Eyes", "Group of Seven").
  if (capital && !atSentenceStart(text, ws, start)) return null;
  const atom: Atom = { start: ws, end: we, value: entry.n, int: true, digits: 0, grouped: false, words: true, scaled: false };

  if (flags & MULTIPLE) {
    atom.kind = 'multiple';
    extendAsMany(text, atom, end);
    return atom;
  }
  if (flags & VAGUE) {
    // "several thousand", "a few hundred"
    const w = wordAfter(text, we, end);
    if (!w) return null;
    const scale = SCALE_WORDS.get(lowerWord(text, w[0], w[1]));
    if (scale === undefined || scale > 1e12 || w[0] !== we + 1) return null;
    const few = lowerWord(text, ws, we) === 'few';
    if (few) {
      const a = wordBefore(text, ws, ctx.floor);
      if (!a || lowerWord(text, a[0], a[1]) !== 'a') return null;
      atom.start = a[0];
    }
    atom.end = w[1];
    atom.value = (few ? 2 : 3) * scale;
    atom.upper = (few ? 5 : 9) * scale;
    atom.bound = 'approx';
    atom.scaled = true;
    return atom;
  }
  if (flags & PLURAL_SCALE) {
    // "hundreds of", "tens of thousands of", "dozens of"
    let e = we;
    let value = entry.n;
    const word = lowerWord(text, ws, we);
    for (;;) {
      const of = wordAfter(text, e, end);
      if (!of || lowerWord(text, of[0], of[1]) !== 'of') return word === 'tens' ? null : e === we ? null : finish();
      const next = wordAfter(text, of[1], end);
      const nextEntry = next ? lookup(text, next[0], next[1]) : undefined;
      if (next && nextEntry && nextEntry.flags & PLURAL_SCALE && nextEntry.n > value) {
        value *= nextEntry.n;
        e = next[1];
        continue;
      }
      if (word === 'tens' && e === we) return null;
      return finish();
    }
    function finish(): Atom {
      atom.end = e;
      atom.value = value * 2;
      atom.bound = 'min';
      atom.kind = undefined;
      atom.scaled = true;
      return atom;
    }
  }
  if (flags & FRACTION && !(flags & CARDINAL) && !(flags & ORDINAL && !isFractionUse(text, ws, we, end, ctx.floor))) {
    return fractionAtom(ctx, atom, ws, we, entry);
  }
  if (flags & ORDINAL) {
    return ordinalAtom(ctx, atom, ws, we);
  }
  if (flags & DOZEN) {
    const a = wordBefore(text, ws, ctx.floor);
    if (!a || !/^(a|half a)$/.test(lowerWord(text, a[0], a[1]))) return null;
    atom.start = a[0];
    atom.value = 12;
    return atom;
  }
  if (flags & CARDINAL) return cardinalAtom(ctx, atom, ws, we, entry);
  return null;
}

function isFractionUse(text: string, ws: number, we: number, end: number, floor: number): boolean {
  const w = wordAfter(text, we, end);
  if (w && lowerWord(text, w[0], w[1]) === 'of') {
    const a = wordBefore(text, ws, floor);
    return a !== null && /^(a|one|two|three|four|five|six|seven|eight|nine|ten)$/.test(lowerWord(text, a[0], a[1]));
  }
  return false;
}

function fractionAtom(ctx: NumberContext, atom: Atom, ws: number, we: number, entry: Entry): Atom | null {
  const { text, end } = ctx;
  const word = lowerWord(text, ws, we);
  const after = wordAfter(text, we, end);
  const afterWord = after ? lowerWord(text, after[0], after[1]) : '';
  const a = wordBefore(text, ws, ctx.floor);
  const before = a ? lowerWord(text, a[0], a[1]) : '';
  if (word === 'half' || word === 'halves') {
    // "half of", "half a million"; "a half" stands alone too rarely to be worth the noise.
    if (afterWord === 'a' || afterWord === 'an') {
      const s = after ? wordAfter(text, after[1], end) : null;
      const scale = s ? SCALE_WORDS.get(lowerWord(text, s[0], s[1])) : undefined;
      if (s && scale !== undefined) {
        atom.end = s[1];
        atom.value = scale / 2;
        atom.scaled = true;
        return atom;
      }
      if (s && lowerWord(text, s[0], s[1]) === 'dozen') {
        atom.end = s[1];
        atom.value = 6;
        return atom;
      }
    }
    if (afterWord !== 'of' && after && after[0] === we + 1) return null;
    if (afterWord !== 'of') return null;
    atom.kind = 'fraction';
    atom.value = 0.5;
    return atom;
  }
  // "a third of", "a quarter of"
  if ((before === 'a' || before === 'one') && afterWord === 'of' && a) {
    atom.start = a[0];
    atom.kind = 'fraction';
    atom.value = 1 / entry.n;
    return atom;
  }
  return null;
}

function ordinalAtom(ctx: NumberContext, atom: Atom, ws: number, we: number): Atom | null {
  const { text, end } = ctx;
  const word = lowerWord(text, ws, we);
  const a = wordBefore(text, ws, ctx.floor);
  const before = a ? lowerWord(text, a[0], a[1]) : '';
  if (before === 'at' && word === 'first') return null;
  const after = wordAfter(text, we, end);
  const hyphen = text.charCodeAt(we) === 45 && after !== null && after[0] === we + 1;
  if (!after || (after[0] !== we + 1 && !hyphen)) return null;
  const afterWord = lowerWord(text, after[0], after[1]);
  if (afterWord === 'of' && (word === 'first' && wordAt(text, after[1] + 1, end, 'all'))) return null;
  atom.kind = 'ordinal';
  // "second deadliest", "third-largest": the superlative belongs to the claim.
  if (/est$/.test(afterWord) && afterWord.length > 4 && !FUNCTION_WORDS.has(afterWord) && !/(?:west|test|rest|nest|quest|interest|protest|chest|guest|forest|harvest|contest|request|conquest|inquest|arrest|manifest)$/.test(afterWord)) {
    atom.end = after[1];
    return atom;
  }
  if (afterWord === 'most' || afterWord === 'least') {
    const w2 = wordAfter(text, after[1], end);
    if (w2) atom.end = w2[1];
    return atom;
  }
  if (hyphen) return atom;
  if (FUNCTION_WORDS.has(afterWord) && !(afterWord === 'of' && before === 'the')) return null;
  if (word === 'second' && (before === 'a' || before === '') && CLASS[text.charCodeAt(after[0])] !== LOWER) return null;
  return atom;
}

/** Cardinal words, possibly compound: "twenty-one", "one hundred and twenty", "two million". */
function cardinalAtom(ctx: NumberContext, atom: Atom, ws: number, we: number, entry: Entry): Atom | null {
  const { text, end } = ctx;
  let total = 0;
  let current = entry.n;
  let e = we;
  let tokens = 1;
  let last = entry;
  let scaled = (entry.flags & SCALE) !== 0 && entry.n > 100;
  if (entry.flags & SCALE) {
    // "hundred"/"thousand" alone need "a" or "one" before them.
    const a = wordBefore(text, ws, ctx.floor);
    if (!a || !/^(a|an|one)$/.test(lowerWord(text, a[0], a[1]))) return null;
    atom.start = a[0];
    scaled = true;
  }
  for (;;) {
    const sep = text.charCodeAt(e);
    if (!(sep === 32 || sep === 45) || e + 1 >= end) break;
    let s = e + 1;
    let w = isLetter(text.charCodeAt(s)) ? [s, letterRunEnd(text, s, end)] : null;
    if (!w) break;
    let nextEntry = lookup(text, w[0], w[1]);
    let viaAnd = false;
    if (!nextEntry && sep === 32 && lowerWord(text, w[0], w[1]) === 'and' && last.flags & SCALE) {
      const w2 = wordAfter(text, w[1], end);
      const e2 = w2 ? lookup(text, w2[0], w2[1]) : undefined;
      if (w2 && e2 && e2.flags & CARDINAL && !(e2.flags & SCALE) && e2.n < 100) {
        w = w2;
        nextEntry = e2;
        viaAnd = true;
      } else if (w2 && lowerWord(text, w2[0], w2[1]) === 'a') {
        const w3 = wordAfter(text, w2[1], end);
        if (w3 && lowerWord(text, w3[0], w3[1]) === 'half') {
          current += 0.5;
          e = w3[1];
          atom.int = false;
          break;
        }
        break;
      } else {
        break;
      }
    }
    if (!nextEntry) break;
    s = w[0];
    const n = nextEntry.n;
    if (nextEntry.flags & CARDINAL && !(nextEntry.flags & SCALE)) {
      // "twenty-one", "hundred and five"; "five six" is not one number.
      if (!((last.n >= 20 && last.n < 100 && last.n % 10 === 0 && n < 10 && n > 0 && sep === 45) || (last.flags & SCALE) || viaAnd)) break;
      current += n;
    } else if (nextEntry.flags & SCALE) {
      if (n === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * n;
        current = 0;
      }
      scaled = true;
    } else if (nextEntry.flags & DOZEN) {
      current = (current || 1) * 12;
    } else if (nextEntry.flags & ORDINAL && sep === 45 && last.n >= 20 && last.n < 100 && nextEntry.n < 10) {
      atom.kind = 'ordinal';
      current += n;
      e = w[1];
      tokens++;
      break;
    } else if (nextEntry.flags & FRACTION && (nextEntry.word.endsWith('s') || current === 1)) {
      atom.kind = 'fraction';
      atom.value = (total + current) / n;
      atom.end = w[1];
      atom.int = false;
      return atom;
    } else {
      break;
    }
    last = nextEntry;
    e = w[1];
    tokens++;
  }
  atom.value = total + current;
  atom.end = e;
  atom.scaled = scaled;
  if (atom.kind === 'ordinal') return atom;
  // "one in five"
  const inWord = wordAfter(text, e, end);
  if (inWord && lowerWord(text, inWord[0], inWord[1]) === 'in') {
    const den = wordAfter(text, inWord[1], end);
    const denEntry = den ? lookup(text, den[0], den[1]) : undefined;
    if (den && denEntry && denEntry.flags & CARDINAL && denEntry.n > atom.value) {
      atom.kind = 'fraction';
      atom.value = atom.value / denEntry.n;
      atom.end = den[1];
      return atom;
    }
    const d = skipSpaces(text, inWord[1], end);
    if (isDigit(text.charCodeAt(d)) && inWord[1] === d - 1) {
      const dd = readDigits(text, d, end);
      if (dd.end > 0 && dd.value > atom.value && !isLetter(text.charCodeAt(dd.end))) {
        atom.kind = 'fraction';
        atom.value = atom.value / dd.value;
        atom.end = dd.end;
        return atom;
      }
    }
  }
  const timesWord = wordAfter(text, e, end);
  if (timesWord && lowerWord(text, timesWord[0], timesWord[1]) === 'times' && timesWord[0] === e + 1) {
    atom.kind = 'multiple';
    atom.end = timesWord[1];
    extendAsMany(text, atom, end);
    return atom;
  }
  if (text.charCodeAt(e) === 45 && wordAt(text, e + 1, end, 'fold')) {
    atom.kind = 'multiple';
    atom.end = e + 5;
    return atom;
  }
  // "one" stands for a person or thing far more often than it counts one.
  if (atom.value === 1 && tokens === 1 && !scaled) return null;
  if (atom.value === 0 && tokens === 1) {
    const w = wordAfter(text, e, end);
    if (!w || FUNCTION_WORDS.has(lowerWord(text, w[0], w[1]))) return null;
  }
  if (!scaled && !hasCountedContext(text, e, end)) return null;
  return afterAtom(ctx, atom);
}

/** "twice as many", "three times as much": the comparison belongs to the claim. */
function extendAsMany(text: string, atom: Atom, end: number): void {
  const as = wordAfter(text, atom.end, end);
  if (!as || lowerWord(text, as[0], as[1]) !== 'as') return;
  const many = wordAfter(text, as[1], end);
  if (many && /^(many|much|likely|large|big|high|long|fast|often)$/.test(lowerWord(text, many[0], many[1]))) atom.end = many[1];
}

/**
 * Whether what follows a number word shows it counts something: a noun or adjective, "of",
 * a unit, a hyphenated compound, or a second number forming a range.
 */
function hasCountedContext(text: string, e: number, end: number): boolean {
  const c = text.charCodeAt(e);
  if (c === 45) return isLetter(text.charCodeAt(e + 1));
  if (c === 37) return true;
  const w = wordAfter(text, e, end);
  if (!w || w[0] !== e + 1) return false;
  const word = lowerWord(text, w[0], w[1]);
  if (word === 'of' || word === 'or' || word === 'to' || word === 'percent' || word === 'per') return true;
  if (FUNCTION_WORDS.has(word)) return false;
  return true;
}

/** Completes an expression from its first atom and stores it. Returns where to go on. */
function finishExpression(ctx: NumberContext, first: Atom): number {
  const { text, end } = ctx;
  let startPos = first.start;
  let endPos = first.end;
  let min = first.value;
  let max = first.upper ?? first.value;
  let bound: Bound | undefined = first.bound;
  let kind = first.kind;
  let unit = first.unit;
  let currency: string | undefined;
  let currencyFactor = 1;
  let subtype: string | undefined;
  let range = false;

  const cur = first.words ? null : currencyBefore(text, first.start, ctx.floor);
  if (cur) {
    startPos = cur[0];
    currency = cur[1];
    if (text.charCodeAt(cur[0]) === 0xa2) {
      currencyFactor = 0.01;
    }
  }

  // Dates: "Oct. 3", "June 26, 2024", "5 July 2024", "June 2024".
  if (!first.words && first.int && !first.grouped && !cur && kind === undefined && !first.scaled) {
    const date = dateAround(ctx, first);
    if (date) {
      emit(ctx, date[0], date[1], 'date', undefined);
      return date[1];
    }
  }
  if (kind === 'date' || kind === 'time') {
    emit(ctx, first.start, first.end, kind, undefined);
    return first.end;
  }

  // A range: "10-12", "10 to 12", "between 11 thousand and 12 thousand", "two or three".
  if (kind === undefined || kind === 'percent' || kind === 'measure' || kind === 'duration') {
    const second = rangeEnd(ctx, first, startPos);
    if (second) {
      range = true;
      let lo = first.value;
      let hi = second.atom.value;
      if (second.atom.scaled && !first.scaled && !first.grouped && lo < 1000 && hi / (second.atom.value / lo) !== 0) {
        const factor = scaleOf(second.atom);
        if (factor > 1 && lo * factor <= hi) lo *= factor;
      }
      const loYear = first.digits === 4 && first.int && !first.grouped && first.value >= 1000 && first.value <= 2100;
      if (loYear && second.atom.digits === 2 && second.atom.int) hi = Math.floor(lo / 100) * 100 + hi;
      if (hi <= lo && second.connector === 'dash' && hi < 100 && lo < 100) {
        subtype = 'score';
        range = false;
      }
      min = lo;
      max = hi;
      endPos = second.atom.end;
      unit = second.atom.unit ?? unit;
      kind = second.atom.kind ?? kind;
      if (second.currency) currency = currency ?? second.currency;
      if (second.connector === 'between' || second.connector === 'from') startPos = second.leftStart;
    } else if (first.kind === undefined && !first.words && first.int) {
      // A dash with no range: phone numbers and codes, not claims.
      if (text.charCodeAt(first.end) === 45 && isDigit(text.charCodeAt(first.end + 1))) {
        return tokenEnd(text, first.end, end);
      }
    }
  }

  // Units and currencies written as words after the expression.
  let w = wordAfter(text, endPos, end);
  const hyphenated = text.charCodeAt(endPos) === 45 && w !== null && w[0] === endPos + 1;
  if (w && (w[0] === endPos + 1 || hyphenated) && kind !== 'ordinal' && kind !== 'decade' && kind !== 'fraction' && kind !== 'multiple') {
    const word = lowerWord(text, w[0], w[1]);
    const raw = text.slice(w[0], w[1]);
    let matched = true;
    if (kind === undefined && (word === 'per' || word === 'percentage' || word === 'basis')) {
      const w2 = wordAfter(text, w[1], end);
      const word2 = w2 ? lowerWord(text, w2[0], w2[1]) : '';
      if (word === 'per' && word2 === 'cent' && w2) {
        kind = 'percent';
        unit = '%';
        endPos = w2[1];
      } else if ((word === 'percentage' || word === 'basis') && w2 && (word2 === 'point' || word2 === 'points')) {
        kind = 'percent';
        unit = word === 'basis' ? 'basis points' : 'percentage points';
        endPos = w2[1];
      } else {
        matched = false;
      }
    } else if (kind === undefined && !hyphenated && CURRENCY_WORDS.has(word) && !(word === 'won' && !currency)) {
      const [code, factor] = CURRENCY_WORDS.get(word) as [string, number];
      if (word === 'won') matched = false;
      else {
        currency = currency ?? code;
        currencyFactor = factor;
        endPos = w[1];
      }
    } else if (kind === undefined && !hyphenated && CURRENCY_CODES.has(raw)) {
      currency = currency ?? raw;
      endPos = w[1];
    } else if (kind === undefined && !currency && word === 'pounds' && wordAt(text, w[1] + 1, end, 'sterling')) {
      currency = 'GBP';
      endPos = w[1] + 9;
    } else if ((kind === undefined || kind === 'percent') && UNITS.has(word) && !currency) {
      const u = UNITS.get(word) as Unit;
      if (u.kind === 'percent' && kind === undefined) {
        kind = 'percent';
        unit = '%';
        endPos = w[1];
      } else if (u.kind !== 'percent' && kind === undefined) {
        // "5-year-old": an age.
        if (hyphenated && u.unit === 'year' && text.slice(w[1], w[1] + 4) === '-old') {
          kind = 'age';
          unit = 'year';
          endPos = w[1] + 4;
        } else if (word === 'square' || word === 'sq') {
          matched = false;
        } else {
          kind = u.kind;
          unit = u.unit;
          endPos = w[1];
        }
      } else {
        matched = false;
      }
    } else if (kind === undefined && (word === 'square' || word === 'sq' || word === 'cubic' || word === 'nautical')) {
      const w2 = wordAfter(text, w[1], end);
      const u = w2 ? UNITS.get(lowerWord(text, w2[0], w2[1])) : undefined;
      if (w2 && u && u.kind === 'measure') {
        kind = 'measure';
        unit = word === 'nautical' ? 'nmi' : word === 'cubic' ? `${u.unit}³` : `${u.unit}²`;
        endPos = w2[1];
      } else {
        matched = false;
      }
    } else {
      matched = false;
    }
    if (!matched && hyphenated) {
      if (word === 'plus') {
        bound = 'min';
        endPos = w[1];
      } else if (word === 'odd') {
        bound = 'approx';
        endPos = w[1];
      } else if (word === 'fold') {
        kind = 'multiple';
        endPos = w[1];
      }
    }
    w = wordAfter(text, endPos, end);
  }
  // "°C" after a space, "+" glued on.
  if (text.charCodeAt(endPos) === 43 && !isDigit(text.charCodeAt(endPos + 1))) {
    bound = 'min';
    endPos++;
  }

  // "or more", "or so", "or fewer"
  if (w && w[0] === endPos + 1 && lowerWord(text, w[0], w[1]) === 'or' && kind !== 'ordinal') {
    const w2 = wordAfter(text, w[1], end);
    const word2 = w2 ? lowerWord(text, w2[0], w2[1]) : '';
    if (w2 && (word2 === 'more' || word2 === 'so' || word2 === 'less' || word2 === 'fewer' || word2 === 'over' || word2 === 'above')) {
      bound = word2 === 'so' ? 'approx' : word2 === 'less' || word2 === 'fewer' ? 'max' : 'min';
      endPos = w2[1];
    }
  }

  // Approximations, negative signs and reference labels on the left.
  if (!range || startPos === first.start || (cur && startPos === cur[0])) {
    const left = approxBefore(text, startPos, ctx.floor);
    if (left) {
      startPos = left[0];
      if (bound === undefined || bound === 'approx') bound = left[1];
    }
  }
  const sign = text.charCodeAt(startPos - 1);
  if ((sign === 45 || sign === 0x2212) && startPos - 1 >= ctx.floor && !first.words) {
    const before = startPos - 2 >= ctx.start ? text.charCodeAt(startPos - 2) : 32;
    if (CLASS[before] === SPACE || before === 40 || startPos - 1 === ctx.start) {
      startPos--;
      min = -min;
      max = -max;
      if (range) [min, max] = [max, min];
    }
  }
  if (!first.words && startPos === first.start) {
    const label = wordBefore(text, startPos, ctx.floor);
    if (label && isUpper(text.charCodeAt(label[0])) && REFERENCE_WORDS.has(lowerWord(text, label[0], label[1]))) {
      return endPos;
    }
    // "No. 1": a rank.
    if (!label && text.charCodeAt(startPos - 1) === 32 && text.charCodeAt(startPos - 2) === 46 && startPos - 4 >= ctx.floor &&
      text.slice(startPos - 4, startPos - 2) === 'No' && (startPos - 4 === ctx.start || !isLetter(text.charCodeAt(startPos - 5)))) {
      startPos -= 4;
      kind = 'ordinal';
    }
  }

  // Years: a plain four-digit number from 1000 to 2100 that does not count something.
  let noun: string | undefined;
  if (!range && subtype === undefined && kind === undefined && !currency && bound === undefined && !first.words &&
    first.int && !first.grouped && first.digits === 4 && min >= 1000 && min <= 2100 && !first.scaled) {
    if (isYear(text, first, ctx)) kind = 'year';
  }

  // The counted noun, and a rate after it: "1,000 troops per day", "$2,200 a month".
  let rateUnit: string | undefined;
  if (kind !== 'year' && kind !== 'decade' && kind !== 'time' && kind !== 'date' && kind !== 'percent') {
    const n = countedNoun(text, endPos, end);
    let rateFrom = endPos;
    if (n && kind !== 'ordinal' && kind !== 'fraction') {
      rateFrom = n[1];
    }
    const rate = rateAfter(text, rateFrom, end);
    if (rate && (kind === undefined || kind === 'measure')) {
      rateUnit = `per ${rate[1]}`;
      if (n && rateFrom !== endPos) {
        noun = text.slice(n[0], n[1]);
        rateUnit = `${noun} per ${rate[1]}`;
      }
      endPos = rate[0];
      subtype = 'rate';
    } else if (rate && kind === undefined) {
      endPos = rate[0];
    }
    if (n && subtype !== 'rate' && (kind === undefined || kind === 'ordinal') && !currency) noun = text.slice(n[0], n[1]);
  }

  if (subtype === undefined) {
    if (range) subtype = 'range';
    else if (currency) subtype = 'money';
    else if (kind === 'decade') subtype = 'year';
    else subtype = kind ?? 'count';
  }
  if (kind === 'multiple' && subtype === 'range') subtype = 'multiple';

  let value: number | NumericRange | undefined;
  const scaledMin = min * currencyFactor;
  const scaledMax = max * currencyFactor;
  if (subtype === 'year' && kind === 'decade') value = undefined;
  else if (subtype === 'score') value = undefined;
  else if (Number.isFinite(scaledMin)) {
    const plain = !currency && !unit && !rateUnit && bound === undefined && !range && scaledMin === scaledMax;
    if (plain) value = round(scaledMin);
    else {
      const r: NumericRange = {};
      if (bound === 'min') r.min = round(scaledMin);
      else if (bound === 'max') r.max = round(scaledMax);
      else {
        r.min = round(scaledMin);
        r.max = round(scaledMax);
      }
      if (bound === 'approx' || first.bound === 'approx' || (bound && first.upper !== undefined)) r.approx = true;
      if (rateUnit) r.unit = rateUnit;
      else if (unit) r.unit = unit;
      if (currency) r.currency = currency;
      value = r;
    }
  }
  emit(ctx, startPos, endPos, subtype, value, noun);
  return endPos;
}

function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

function scaleOf(atom: Atom): number {
  for (const factor of [1e12, 1e9, 1e6, 1e3, 100]) {
    if (atom.value >= factor && atom.value % factor === 0 || (atom.scaled && atom.value >= factor)) return factor;
  }
  return 1;
}

function emit(ctx: NumberContext, start: number, end: number, subtype: string, value: number | NumericRange | undefined, noun?: string): void {
  const d: Detection = { kind: 'number', subtype, start: start - ctx.base, end: end - ctx.base };
  if (value !== undefined) d.value = value;
  if (noun !== undefined) d.noun = noun;
  ctx.out.push(d);
  ctx.floor = end;
}

/** An approximation phrase ending right before `i`: [its start, bound] or null. */
function approxBefore(text: string, i: number, floor: number): [number, Bound] | null {
  const c = text.charCodeAt(i - 1);
  if (i - 1 >= floor) {
    if (c === 0x7e || c === 0x2248) return [i - 1, 'approx'];
    if (c === 62 || c === 0x2265) return [i - 1, 'min'];
    if (c === 60 || c === 0x2264) return [i - 1, 'max'];
  }
  const w1 = wordBefore(text, i, floor);
  if (!w1 || w1[1] === i) return null;
  let last = lowerWord(text, w1[0], w1[1]);
  let w1s = w1[0];
  // "approx." and "c." carry a period.
  if (text.charCodeAt(w1[1]) === 46) {
    if (last !== 'approx' && last !== 'c' && last !== 'est') return null;
    return [w1s, 'approx'];
  }
  if (!BEFORE_LAST.has(last)) return null;
  const words = [last];
  let p = w1s;
  for (let n = 0; n < 2; n++) {
    const w = wordBefore(text, p, floor);
    if (!w || w[1] === p) break;
    words.unshift(lowerWord(text, w[0], w[1]));
    p = w[0];
  }
  for (const [phrase, bound] of BEFORE) {
    if (phrase.length > words.length) continue;
    let same = true;
    for (let k = 0; k < phrase.length; k++) {
      if (phrase[phrase.length - 1 - k] !== words[words.length - 1 - k]) {
        same = false;
        break;
      }
    }
    if (!same) continue;
    // Walk back to the first word of the phrase.
    let s = w1s;
    for (let k = 1; k < phrase.length; k++) s = (wordBefore(text, s, floor) as [number, number])[0];
    last = phrase[0];
    w1s = s;
    return [s, bound];
  }
  return null;
}

interface RangeEnd {
  atom: Atom;
  connector: 'dash' | 'to' | 'between' | 'from' | 'or';
  leftStart: number;
  currency?: string;
}

/** The second end of a range after `first`, with how it is joined. */
function rangeEnd(ctx: NumberContext, first: Atom, startPos: number): RangeEnd | null {
  const { text, end } = ctx;
  let j = first.end;
  const c = text.charCodeAt(j);
  let connector: RangeEnd['connector'] | null = null;
  let s = -1;
  if ((c === 45 || c === 0x2013 || c === 0x2014) && !first.words) {
    s = j + 1;
    connector = 'dash';
  } else if (c === 32 && text.charCodeAt(j + 1) === 0x2013 && text.charCodeAt(j + 2) === 32 && !first.words) {
    s = j + 3;
    connector = 'dash';
  } else {
    const w = wordAfter(text, j, end);
    if (!w || w[0] !== j + 1) return null;
    const word = lowerWord(text, w[0], w[1]);
    const prev = wordBefore(text, startPos, ctx.floor);
    const prevWord = prev && prev[1] < startPos ? lowerWord(text, prev[0], prev[1]) : '';
    if (word === 'to') connector = prevWord === 'from' ? 'from' : 'to';
    else if (word === 'and' && prevWord === 'between') connector = 'between';
    else if (word === 'or') connector = 'or';
    else return null;
    s = w[1] + 1;
    if (text.charCodeAt(w[1]) !== 32) return null;
    if (connector === 'from' || connector === 'between') {
      j = prev ? prev[0] : startPos;
    }
  }
  if (s >= end) return null;
  let q = s;
  let currency: string | undefined;
  const cc = text.charCodeAt(q);
  if (CLASS[cc] === CURRENCY && isDigit(text.charCodeAt(q + 1))) {
    currency = SYMBOLS.get(cc);
    q++;
  }
  let second: Atom | null = null;
  if (isDigit(text.charCodeAt(q))) {
    if (first.words) return null;
    if (connector === 'dash') {
      // Phone numbers (555-1234) and codes are not ranges.
      const d = readDigits(text, q, end);
      if (d.end < 0 || (first.digits === 3 && d.digits === 4 && !first.grouped && !d.grouped)) return null;
      if (text.charCodeAt(d.end) === 45 && isDigit(text.charCodeAt(d.end + 1))) return null;
    }
    const a = digitAtom({ ...ctx, floor: q }, q);
    if ('skip' in a) return null;
    if (a.kind === 'time' || a.kind === 'date' || a.kind === 'ordinal' || a.kind === 'decade') return null;
    second = a;
  } else if (isLetter(text.charCodeAt(q)) && connector !== 'dash') {
    const we = letterRunEnd(text, q, end);
    const entry = lookup(text, q, we);
    if (!entry || !(entry.flags & CARDINAL) || !first.words && !(entry.flags & SCALE)) {
      if (!(entry && entry.flags & CARDINAL && !first.words)) return null;
    }
    const a = cardinalAtom({ ...ctx, floor: q }, { start: q, end: we, value: entry.n, int: true, digits: 0, grouped: false, words: true, scaled: false }, q, we, entry);
    if (!a) return null;
    second = a;
  }
  if (!second) return null;
  if (connector === 'or' && !(first.value < second.value && second.value <= 100)) return null;
  if (connector !== 'dash' && connector !== 'or' && !(first.value < second.value || (second.scaled && !first.scaled))) return null;
  if (first.kind && second.kind && first.kind !== second.kind) return null;
  return { atom: second, connector, leftStart: j, currency };
}

/** A date around a plain integer: [start, end] or null. */
function dateAround(ctx: NumberContext, atom: Atom): [number, number] | null {
  const { text, end } = ctx;
  const v = atom.value;
  // Month before: "Oct. 3", "June 26", "June 2024", "July 5, 2024".
  let p = atom.start - 1;
  if (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 0xa0) {
    let q = p;
    if (text.charCodeAt(q - 1) === 46) q--;
    const ms = letterRunStart(text, q, ctx.floor);
    if (ms < q && isUpper(text.charCodeAt(ms))) {
      const month = MONTHS.get(lowerWord(text, ms, q));
      const abbreviated = q < p;
      if (month !== undefined && (!abbreviated || q - ms <= 4) && (abbreviated || q - ms >= 3)) {
        if (lowerWord(text, ms, q) === 'may' && !atSentenceStart(text, ms, ctx.start) && atom.digits === 4) {
          // "May 2024": fine; "may 2024" is lower case and never gets here.
        }
        if (atom.digits === 4 && v >= 1000 && v <= 2100) return [ms, atom.end];
        if (atom.digits <= 2 && v >= 1 && v <= 31) {
          let e = atom.end;
          const suffix = text.slice(e, e + 2).toLowerCase();
          if (/^(st|nd|rd|th)$/.test(suffix) && !isLetter(text.charCodeAt(e + 2))) e += 2;
          const m = /^,? (\d{4})(?!\d)/.exec(text.slice(e, e + 7));
          if (m) e += m[0].length;
          return [ms, e];
        }
      }
    }
  }
  p = atom.end;
  // Day before month: "5 July 2024", "5th July".
  if (atom.digits <= 2 && v >= 1 && v <= 31) {
    let e = p;
    const suffix = text.slice(e, e + 2).toLowerCase();
    if (/^(st|nd|rd|th)$/.test(suffix)) e += 2;
    let w = wordAfter(text, e, end);
    if (w && lowerWord(text, w[0], w[1]) === 'of' && w[0] === e + 1) w = wordAfter(text, w[1], end);
    if (w && w[0] <= e + 4 && isUpper(text.charCodeAt(w[0]))) {
      const name = lowerWord(text, w[0], w[1]);
      const month = MONTHS.get(name);
      if (month !== undefined && (name.length >= 3)) {
        let me = w[1];
        if (text.charCodeAt(me) === 46 && name.length <= 4) me++;
        const m = /^,? (\d{4})(?!\d)/.exec(text.slice(me, me + 7));
        if (m) me += m[0].length;
        return [atom.start, me];
      }
    }
  }
  return null;
}

function isYear(text: string, atom: Atom, ctx: NumberContext): boolean {
  const prev = wordBefore(text, atom.start, ctx.floor);
  if (prev && prev[1] < atom.start && YEAR_CONTEXT.has(lowerWord(text, prev[0], prev[1]))) return true;
  const n = wordAfter(text, atom.end, ctx.end);
  if (!n || n[0] !== atom.end + 1) return true;
  const word = lowerWord(text, n[0], n[1]);
  if (FUNCTION_WORDS.has(word)) return true;
  // "1,500 troops" has a comma; "1500 troops" counts too.
  return !(CLASS[text.charCodeAt(n[0])] === LOWER && word.length > 3 && word.endsWith('s') && !word.endsWith('ss'));
}

/** The counted noun after a number: up to three words ending at the first plural. */
function countedNoun(text: string, i: number, end: number): [number, number] | null {
  const w = wordAfter(text, i, end);
  if (!w || w[0] !== i + 1) return null;
  const first = lowerWord(text, w[0], w[1]);
  if (FUNCTION_WORDS.has(first) || UNITS.has(first) || SCALE_WORDS.has(first)) return null;
  let e = w[1];
  let words = 1;
  let last = first;
  while (words < 3 && !(last.endsWith('s') && !last.endsWith('ss')) && text.charCodeAt(e) === 32) {
    const n = wordAfter(text, e, end);
    if (!n || n[0] !== e + 1) break;
    const word = lowerWord(text, n[0], n[1]);
    if (FUNCTION_WORDS.has(word) || RATE_NOUNS.has(word)) break;
    const plural = word.endsWith('s') && !word.endsWith('ss');
    if (!plural && words === 2) break;
    if (!plural && !isUpper(text.charCodeAt(n[0]))) break;
    e = n[1];
    last = word;
    words++;
  }
  if (!(last.endsWith('s') && !last.endsWith('ss')) && words > 1) {
    return [w[0], w[1]];
  }
  return [w[0], e];
}

/** "per day", "a month", "each year", "/day" after `i`: [end, unit noun] or null. */
function rateAfter(text: string, i: number, end: number): [number, string] | null {
  if (text.charCodeAt(i) === 47) {
    const e = letterRunEnd(text, i + 1, end);
    const word = lowerWord(text, i + 1, e);
    if (RATE_NOUNS.has(word) || word === 'yr' || word === 'mo') return [e, word === 'yr' ? 'year' : word === 'mo' ? 'month' : word];
    return null;
  }
  const w = wordAfter(text, i, end);
  if (!w || w[0] !== i + 1) return null;
  const word = lowerWord(text, w[0], w[1]);
  if (word !== 'per' && word !== 'a' && word !== 'an' && word !== 'each' && word !== 'every') return null;
  const n = wordAfter(text, w[1], end);
  if (!n || n[0] !== w[1] + 1) return null;
  const noun = lowerWord(text, n[0], n[1]);
  if (!RATE_NOUNS.has(noun)) return null;
  if (word !== 'per' && !UNITS.has(noun) && noun !== 'head' && noun !== 'person' && noun !== 'night') return null;
  if (noun === 'second' && word === 'a') return null;
  return [n[1], noun];
}

/**
 * A number starting with a digit at `i`. Returns the offset to resume scanning from.
 *
 * @param ctx - Scan state; detections go to `ctx.out`
 * @param i - Offset of the first digit
 */
export function numberAtDigit(ctx: NumberContext, i: number): number {
  const { text, start, end } = ctx;
  const prev = i > start ? text.charCodeAt(i - 1) : 32;
  const pk = CLASS[prev];
  if (pk === UPPER || pk === LOWER) {
    // Digits inside a word are an identifier (A4, G7, mp3) unless a space was lost
    // before a grouped figure ("amassing1,530").
    const ls = letterRunStart(text, i, start);
    const d = readDigits(text, i, end);
    const glued = i - ls >= 4 && d.grouped && d.end > 0 && CLASS[text.charCodeAt(i - 1)] === LOWER && !isLetter(text.charCodeAt(d.end));
    if (!glued) return tokenEnd(text, i, end);
  } else if (pk === DASH && i - 1 > start) {
    const before = text.charCodeAt(i - 2);
    if (isLetter(before)) {
      const ls = letterRunStart(text, i - 1, start);
      const word = lowerWord(text, ls, i - 1);
      if (word !== 'mid' && word !== 'pre' && word !== 'post' && word !== 'late' && word !== 'early') return tokenEnd(text, i, end);
    } else if (isDigit(before)) {
      return tokenEnd(text, i, end);
    }
  } else if ((prev === 46 || prev === 95 || prev === 47 || prev === 35 || prev === 64 || prev === 58 || prev === 44) && i - 1 > start && CLASS[text.charCodeAt(i - 2)] !== SPACE) {
    const b = text.charCodeAt(i - 2);
    if (isLetter(b) || isDigit(b) || prev === 35 || prev === 64) return tokenEnd(text, i, end);
  }
  if (isListNumber(text, i, start, end)) {
    let e = i;
    while (isDigit(text.charCodeAt(e))) e++;
    return e + 1;
  }
  const atom = digitAtom(ctx, i);
  if ('skip' in atom) return Math.max(atom.skip, i + 1);
  // '90s: the apostrophe stands for the century.
  if (atom.kind === 'decade' && atom.digits === 2 && i - 1 >= ctx.floor && (prev === 39 || prev === 0x2019 || prev === 0x2018)) {
    atom.start = i - 1;
  }
  return finishExpression(ctx, atom);
}

/**
 * A number written in words starting at [ws, we) (`entry` from the lexicon). Returns the
 * offset to resume scanning from.
 */
export function numberAtWord(ctx: NumberContext, ws: number, we: number, entry: Entry): number {
  if (ws < ctx.floor) return we;
  const atom = wordAtom(ctx, ws, we, entry);
  if (!atom) return we;
  return Math.max(finishExpression(ctx, atom), we);
}

/** "1." or "2)" opening a paragraph or list item: numbering, not a claim. */
function isListNumber(text: string, i: number, start: number, end: number): boolean {
  let p = skipSpaces(text, start, end);
  const c = text.charCodeAt(p);
  if (c === 45 || c === 42 || c === 0x2022) p = skipSpaces(text, p + 1, end);
  if (text.charCodeAt(p) === 40) p++;
  if (p !== i) return false;
  let e = i;
  while (e < end && isDigit(text.charCodeAt(e))) e++;
  if (e - i > 3) return false;
  const after = text.charCodeAt(e);
  return (after === 46 || after === 41) && (e + 1 >= end || isSpace(text.charCodeAt(e + 1)));
}

/**
 * Whether the paragraph is page furniture (a byline date, a copyright line, a page number),
 * whose numbers are not claims.
 */
export function isFurniture(text: string, start: number, end: number): boolean {
  if (end - start > 160) return false;
  const s = skipSpaces(text, start, end);
  const head = text.slice(s, Math.min(end, s + 20)).toLowerCase();
  if (/^(posted|published|updated|last updated|copyright|©|\(c\)|page \d|photo|image|credit|url\b|https?:|www\.)/.test(head)) return true;
  for (let i = s; i < end; i++) {
    const k = CLASS[text.charCodeAt(i)];
    if (k === UPPER || k === LOWER) return false;
  }
  return true;
}

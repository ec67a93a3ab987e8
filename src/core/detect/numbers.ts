/**
 * Numeric claims: the whole expression around a number (currency, scale word, unit,
 * approximation words, a range's second end), with a subtype and, when plain, a value.
 *
 * The scan calls in here only at candidates: a digit, or a word the lexicon knows as a
 * number word. From there the expression is grown right (suffixes, ranges, units, rates)
 * and then left (approximations, currency codes, months), looking at a few words each way.
 * Words are compared in place (`WordTable`, `isWord`) because this runs tens of thousands
 * of times per megabyte and building strings would dominate its cost.
 */
import type { Detection, NumericRange } from './types';
import { type DetectionList, addDetection as importedAddDetection } from './list';
import {
  C, CLASS as importedCLASS, type Codes, type ParagraphText, WordTable, isDigit as importedIsDigit, isLetter as importedIsLetter, isSpace as importedIsSpace, isUpper as importedIsUpper, isWord as importedIsWord, letterRunEnd as importedLetterRunEnd, letterRunStart as importedLetterRunStart, skipSpaces as importedSkipSpaces, skipSpacesBack as importedSkipSpacesBack, wordAt as importedWordAt, wordEndBefore as importedWordEndBefore, wordStartAfter as importedWordStartAfter,
} from './text';
import { type Entry, F, lookup as importedLookup } from './lexicon';

// The character helpers as module constants: an import is a property load on the module
// object in CommonJS output, a constant is folded into the loops that call it.
const CLASS = importedCLASS;
const isDigit = importedIsDigit;
const isLetter = importedIsLetter;
const isSpace = importedIsSpace;
const isUpper = importedIsUpper;
const isWord = importedIsWord;
const runEnd = importedLetterRunEnd;
const runStart = importedLetterRunStart;
const skipSpaces = importedSkipSpaces;
const skipSpacesBack = importedSkipSpacesBack;
const wordEndBefore = importedWordEndBefore;
const wordStartAfter = importedWordStartAfter;
const wordAt = importedWordAt;
const lookup = importedLookup;
const addDetection = importedAddDetection;

/*
 * Reading one number measures the same few words again and again (the word after the figure
 * is asked about by the scale, range, unit, "or more", rate and noun checks, the word before
 * by the currency, date, range, approximation and label checks): two thirds of the calls were
 * repeats. The last answers are kept, for the number being read only: `forgetRuns` is called
 * as each number starts, so that no answer outlives its text.
 */
let endFrom = -1;
let endLimit = -1;
let endAt = -1;
let startFrom = -1;
let startLimit = -1;
let startAt = -1;

/**
 * The unit word after a tens word (`tens`, ending at `e`) joined by a space or a hyphen:
 * "twenty two", "twenty-two". Null when there is none.
 */
function unitAfterTens(codes: Codes, tens: number, e: number, end: number): { n: number; end: number } | null {
  if (tens < 20 || tens >= 100 || (codes[e] !== 32 && codes[e] !== 45) || !isLetter(codes[e + 1])) return null;
  const ue = letterRunEnd(codes, e + 1, end);
  const unit = lookup(codes, e + 1, ue);
  return unit && unit.flags & F.CARDINAL && unit.n > 0 && unit.n < 10 ? { n: unit.n, end: ue } : null;
}

/** End of the run of letters starting at `i` (see `letterRunEnd` in text.ts). */
function letterRunEnd(codes: Codes, i: number, end: number): number {
  if (i !== endFrom || end !== endLimit) {
    endFrom = i;
    endLimit = end;
    endAt = runEnd(codes, i, end);
  }
  return endAt;
}

/** Start of the run of letters ending at `i` (see `letterRunStart` in text.ts). */
function letterRunStart(codes: Codes, i: number, start: number): number {
  if (i !== startFrom || start !== startLimit) {
    startFrom = i;
    startLimit = start;
    startAt = runStart(codes, i, start);
  }
  return startAt;
}

function forgetRuns(): void {
  endFrom = -1;
  startFrom = -1;
}

/** Where the scan is, handed to the number parsers. */
export interface NumberContext {
  text: ParagraphText;
  codes: Codes;
  /** Paragraph bounds. */
  start: number;
  end: number;
  /** A new expression may not reach left of this (the end of the previous one). */
  floor: number;
  /** Offsets are stored relative to this. */
  base: number;
  out: DetectionList;
}

const enum Bound {
  NONE = 0,
  MIN = 1,
  MAX = 2,
  APPROX = 3,
}

/** One number with what is written straight onto it. */
interface Atom {
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
  /** 'percent', 'measure', 'duration', 'ordinal', 'decade', 'fraction', 'multiple', 'time', 'date'. */
  kind: string | undefined;
  bound: Bound;
  /** For vague amounts ("several thousand"): the upper end. */
  upper: number;
  /** A currency code glued on ("115USD"). */
  currency: string | undefined;
}

function newAtom(): Atom {
  return { start: 0, end: 0, value: 0, int: true, digits: 0, grouped: false, words: false, scale: 1, unit: undefined, kind: undefined, bound: Bound.NONE, upper: NaN, currency: undefined };
}

/*
 * An expression has at most two atoms alive at once: its first number and the second end of
 * a range ("10 to 12", "from 2 kg to 5 kg"). Atoms are read by `finishExpression` and never
 * stored in a detection, so these two objects are reused for every number instead of
 * allocating one per candidate.
 */
const FIRST = newAtom();
const SECOND = newAtom();

/** Resets `a` to a plain number at [start, end) and returns it. */
function atom(a: Atom, start: number, end: number, value: number, words: boolean): Atom {
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

interface Unit {
  unit: string;
  kind: string;
}

const unitList: Array<[string, Unit]> = [];
function units(kind: string, unit: string, words: string): void {
  for (const w of words.split(' ')) unitList.push([w, { unit, kind }]);
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
units('measure', 'ml', 'ml mls millilitre millilitres milliliter milliliters');
units('measure', 'gal', 'gal gallon gallons');
units('measure', 'bbl', 'bbl barrel barrels');
units('measure', 'mph', 'mph');
units('measure', 'km/h', 'kph kmh kmph');
units('measure', 'kn', 'knot knots');
units('measure', '°', 'degree degrees deg');
units('measure', '°C', 'celsius celcius centigrade');
units('measure', '°F', 'fahrenheit farenheit');
units('measure', 'mg', 'mg milligram milligrams milligramme milligrammes');
units('measure', 'µg', 'microgram micrograms microgramme microgrammes');
units('measure', 'hl', 'hectolitre hectolitres hectoliter hectoliters');
units('measure', 'dm', 'dm decimeter decimeters decimetre decimetres');
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
units('duration', 'hour', 'hour hours hr hrs h');
units('duration', 'day', 'day days');
units('duration', 'week', 'week weeks');
units('duration', 'month', 'month months');
units('duration', 'year', 'year years yr yrs');
units('duration', 'decade', 'decade decades');
units('duration', 'century', 'century centuries');
units('percent', '%', 'percent percents pct');
const UNITS = new WordTable<Unit>(unitList);

/** Units written straight onto the digits ("5km", "10am"), with the word they stand for. */
const GLUED = new WordTable<Unit>(
  ['km', 'kg', 'cm', 'mm', 'mph', 'kph', 'kmh', 'ft', 'lb', 'lbs', 'oz', 'mi', 'mw', 'gw', 'kw', 'kwh', 'gwh', 'twh',
    'gb', 'tb', 'mb', 'ml', 'mls', 'gal', 'kmph', 'h', 'hr', 'hrs', 'min', 'mins', 'yrs', 'ha', 'bbl'].map((w): [string, Unit] => [w, UNITS.getWord(w) as Unit])
    .concat([['m', { unit: 'm', kind: 'measure' }], ['g', { unit: 'g', kind: 'measure' }], ['l', { unit: 'l', kind: 'measure' }],
      ['t', { unit: 't', kind: 'measure' }]]),
);

const CURRENCY_WORDS = new WordTable<[string, number]>([
  ['dollar', ['USD', 1]], ['dollars', ['USD', 1]], ['euro', ['EUR', 1]], ['euros', ['EUR', 1]], ['yen', ['JPY', 1]],
  ['yuan', ['CNY', 1]], ['renminbi', ['CNY', 1]], ['ruble', ['RUB', 1]], ['rubles', ['RUB', 1]], ['rouble', ['RUB', 1]],
  ['roubles', ['RUB', 1]], ['rupee', ['INR', 1]], ['rupees', ['INR', 1]], ['hryvnia', ['UAH', 1]], ['hryvnias', ['UAH', 1]],
  ['franc', ['CHF', 1]], ['francs', ['CHF', 1]], ['shekel', ['ILS', 1]], ['shekels', ['ILS', 1]], ['lira', ['TRY', 1]],
  ['bitcoin', ['BTC', 1]], ['cent', ['USD', 0.01]], ['cents', ['USD', 0.01]], ['pence', ['GBP', 0.01]],
  ['penny', ['GBP', 0.01]], ['pesos', ['MXN', 1]], ['peso', ['MXN', 1]], ['rmb', ['CNY', 1]], ['buck', ['USD', 1]],
  ['bucks', ['USD', 1]], ['quid', ['GBP', 1]], ['ringgit', ['MYR', 1]], ['baht', ['THB', 1]], ['naira', ['NGN', 1]],
  ['dirham', ['AED', 1]], ['dirhams', ['AED', 1]], ['riyal', ['SAR', 1]], ['riyals', ['SAR', 1]], ['zloty', ['PLN', 1]],
  ['zlotys', ['PLN', 1]], ['krona', ['SEK', 1]], ['kronor', ['SEK', 1]], ['forint', ['HUF', 1]], ['forints', ['HUF', 1]],
  ['tenge', ['KZT', 1]], ['lari', ['GEL', 1]], ['liras', ['TRY', 1]],
]);

/** Words naming whose currency follows: "50 Swiss francs", "10 US dollars". */
const CURRENCY_COUNTRIES = new WordTable<Array<[string, string]>>([
  ['us', [['dollar', 'USD']]], ['swiss', [['franc', 'CHF']]], ['australian', [['dollar', 'AUD']]],
  ['canadian', [['dollar', 'CAD']]], ['singapore', [['dollar', 'SGD']]], ['taiwan', [['dollar', 'TWD']]],
  ['mexican', [['peso', 'MXN']]], ['japanese', [['yen', 'JPY']]], ['chinese', [['yuan', 'CNY']]],
  ['indian', [['rupee', 'INR']]], ['pakistani', [['rupee', 'PKR']]], ['russian', [['ruble', 'RUB'], ['rouble', 'RUB']]],
  ['egyptian', [['pound', 'EGP']]], ['turkish', [['lira', 'TRY']]], ['brazilian', [['real', 'BRL']]],
  ['hong', [['kong', 'HKD']]], ['zealand', [['dollar', 'NZD']]],
]);

/** Currency codes, matched in capitals only ("USD 40", "40 EUR"). */
const CURRENCY_CODES = new Set(['USD', 'EUR', 'GBP', 'JPY', 'CNY', 'RMB', 'RUB', 'INR', 'CHF', 'CAD', 'AUD', 'UAH',
  'KRW', 'ILS', 'TRY', 'BRL', 'MXN', 'ZAR', 'SEK', 'NOK', 'DKK', 'PLN', 'HKD', 'SGD', 'NZD', 'BTC', 'MYR', 'IDR',
  'THB', 'VND', 'NGN', 'KES', 'EGP', 'SAR', 'AED', 'QAR', 'PKR', 'BDT', 'TWD', 'CZK', 'HUF', 'RON', 'ARS', 'CLP',
  'COP', 'MNT', 'GEL', 'KZT', 'KWD', 'BHD', 'OMR', 'JOD', 'MAD', 'TND', 'UGX', 'TZS', 'GHS', 'ETB', 'XOF', 'XAF', 'LKR',
  'NPR', 'MMK', 'KHR', 'LAK', 'UZS', 'AZN', 'AMD', 'BYN', 'MDL', 'RSD', 'ISK', 'BGN', 'PEN', 'UYU', 'BOB', 'PYG', 'VES']);

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

const SCALE_WORDS = new WordTable<number>([
  ['hundred', 100], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12], ['mn', 1e6],
  ['mln', 1e6], ['bn', 1e9], ['bln', 1e9], ['tn', 1e12], ['tln', 1e12], ['lakh', 1e5], ['crore', 1e7], ['lakhs', 1e5],
  ['crores', 1e7], ['dozen', 12], ['quadrillion', 1e15], ['quintillion', 1e18], ['sextillion', 1e21],
]);

const GLUED_SCALE = new WordTable<number>([
  ['k', 1e3], ['m', 1e6], ['mn', 1e6], ['mln', 1e6], ['mil', 1e6], ['bn', 1e9], ['b', 1e9], ['bln', 1e9], ['tn', 1e12],
  ['tr', 1e12],
]);

const MONTHS = new WordTable<number>([
  ['january', 1], ['february', 2], ['march', 3], ['april', 4], ['may', 5], ['june', 6], ['july', 7], ['august', 8],
  ['september', 9], ['october', 10], ['november', 11], ['december', 12], ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4],
  ['jun', 6], ['jul', 7], ['aug', 8], ['sep', 9], ['sept', 9], ['oct', 10], ['nov', 11], ['dec', 12],
]);

/** Approximations written before a number, with the bound they set. */
const BEFORE: Array<[string, Bound]> = [
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
const BEFORE_BY_LAST = new WordTable<Array<[string[], Bound]>>(groupByLast(BEFORE));

function groupByLast(phrases: Array<[string, Bound]>): Array<[string, Array<[string[], Bound]>]> {
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

/** Words that are not a counted noun. */
const FUNCTION_WORDS = new WordTable(`the a an and or but nor of to in on at by for with from as is are was were be been
being has have had will would can could may might must should shall do does did that which who whom whose this these
those it its he she they we i you his her their our my your him them us me not no than then so if when while after
before since until per each every more less over under into onto about against between through during also only just
even still ago later earlier there here what where why how all both either neither such other another some any most
many much few very too said says told including within without across along among upon off out up down away back
around near like unlike whether because though although yet`.split(/\s+/));

/** Words before a year that make a four-digit number a year rather than a count. */
const YEAR_CONTEXT = new WordTable(['in', 'since', 'by', 'until', 'till', 'from', 'during', 'before', 'after', 'of',
  'early', 'late', 'mid', 'the', 'circa', 'year', 'spring', 'summer', 'autumn', 'fall', 'winter', 'copyright',
  'through', 'to', 'between', 'and', 'than', 'around', 'back', 'season', 'fiscal', 'budget', 'class', 'its', 'their',
  'his', 'her']);

/** Capitalised words before a number that make it a label, not a claim ("Article 5"). */
const REFERENCE_WORDS = new WordTable(['article', 'section', 'chapter', 'title', 'resolution', 'page', 'pages', 'vol',
  'volume', 'flight', 'route', 'highway', 'interstate', 'room', 'platform', 'gate', 'terminal', 'model', 'version',
  'windows', 'iphone', 'apollo', 'boeing', 'airbus', 'episode', 'paragraph', 'clause', 'rule', 'channel', 'precinct',
  'ward', 'lot', 'suite', 'apt', 'box', 'figure', 'fig', 'table', 'step', 'phase', 'level', 'grade', 'part', 'item']);

/** Nouns a rate is counted per ("per day", "a month"). */
const RATE_NOUNS = new WordTable(['second', 'minute', 'hour', 'day', 'week', 'month', 'year', 'annum', 'capita',
  'person', 'head', 'household', 'kilometre', 'kilometer', 'km', 'mile', 'gallon', 'litre', 'liter', 'barrel', 'tonne',
  'ton', 'share', 'unit', 'night', 'game', 'shift', 'student', 'patient', 'worker', 'employee', 'soldier', 'resident']);

/** Words after "one" that make it a count: units, percent, currencies. */
const ONE_COUNTS = new WordTable(['week', 'month', 'year', 'hour', 'minute', 'decade', 'century', 'percent', 'dollar',
  'euro', 'pound', 'yen', 'yuan', 'ruble', 'rouble', 'rupee', 'cent', 'penny', 'km', 'kilometre', 'kilometer', 'mile',
  'metre', 'meter', 'tonne', 'ton', 'kilogram', 'kg', 'litre', 'liter', 'gallon', 'barrel', 'acre', 'hectare', 'foot',
  'inch', 'degree', 'or', 'to']);

/** Determiners after "half" that make it a fraction ("half the troops"). */
const HALF_OF = new WordTable(['the', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'these', 'those', 'all']);

/** Words before "half" that make it a noun ("the second half"). */
const NOT_HALF = new WordTable(['the', 'first', 'second', 'other', 'latter', 'former', 'this', 'that', 'each', 'either', 'better']);

/** Words after "first-", "second-" that make an adjective, not a rank. */
const NOT_RANKS = new WordTable(['class', 'hand', 'rate', 'degree', 'string', 'person']);

/** Words before "second" that make it a verb ("I second that"). */
const PRONOUNS = new WordTable(['i', 'we', 'you', 'they']);

/** Words before "second" that make it a moment ("wait a second"). */
const MOMENT = new WordTable(['a', 'one', 'split', 'per', 'each', 'every', 'that']);

/** After "twice as" / "three times as". */
const COMPARATIVES = new WordTable(['many', 'much', 'likely', 'large', 'big', 'high', 'long', 'fast', 'often']);

/** "-est" words that are no superlative. */
const NOT_SUPERLATIVE = /(?:west|test|rest|nest|quest|interest|protest|chest|guest|forest|harvest|contest|request|conquest|inquest|arrest|manifest|honest|modest|earnest|digest|suggest|invest|pest|vest|zest|best)$/;

const ORDINAL_SUFFIXES = new WordTable(['st', 'nd', 'rd', 'th']);

/** Whether the word at `s` starts a sentence or the paragraph (so capitals say nothing). */
function atSentenceStart(codes: Codes, s: number, start: number): boolean {
  let p = skipSpacesBack(codes, s, start);
  while (p > start && CLASS[codes[p - 1]] === C.QUOTE) p--;
  if (p <= start) return true;
  const c = codes[p - 1];
  return CLASS[c] === C.TERMINATOR || c === 58 || c === 0x2014 || c === 0x2013 || c === 40;
}

// readDigits results, kept in module variables rather than a fresh object per number.
let digitsEnd = 0;
let digitsValue = 0;
let digitsCount = 0;
let digitsGrouped = false;
let digitsInt = true;

/**
 * Reads the figure at `i`: thousands separators, decimals. Sets the `digits*` variables;
 * `digitsEnd` is negative (minus the token end) for a version number such as 1.2.3.
 */
function readDigits(text: ParagraphText, codes: Codes, i: number, end: number): void {
  let j = i;
  let value = 0;
  while (j < end) {
    const c = codes[j];
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    j++;
  }
  const count = j - i;
  let grouped = false;
  // Lakh grouping: 12,50,000 and 1,23,45,678.
  if (codes[j] === 44 && count <= 2 && isDigit(codes[j + 1]) && isDigit(codes[j + 2]) && codes[j + 3] === 44) {
    let k = j;
    let v = value;
    while (codes[k] === 44 && isDigit(codes[k + 1]) && isDigit(codes[k + 2]) && codes[k + 3] === 44) {
      v = v * 100 + (codes[k + 1] - 48) * 10 + codes[k + 2] - 48;
      k += 3;
    }
    if (codes[k] === 44 && isDigit(codes[k + 1]) && isDigit(codes[k + 2]) && isDigit(codes[k + 3]) && !isDigit(codes[k + 4])) {
      value = v * 1000 + (codes[k + 1] - 48) * 100 + (codes[k + 2] - 48) * 10 + codes[k + 3] - 48;
      j = k + 4;
      grouped = true;
    }
  }
  for (;;) {
    const c = codes[j];
    if (
      (c === 44 || c === 0xa0 || c === 0x202f || c === 0x2009 || (c === 32 && (!grouped || codes[j - 4] === 32))) &&
      (grouped || count <= 3) && j + 4 <= end &&
      isDigit(codes[j + 1]) && isDigit(codes[j + 2]) && isDigit(codes[j + 3]) &&
      !isDigit(codes[j + 4]) &&
      // "40 000" in groups of a plain space, but not "10 100-metre" or "5 100m".
      (c !== 32 || (!isLetter(codes[j + 4]) && codes[j + 4] !== 45 && codes[j + 4] !== 47))
    ) {
      value = value * 1000 + (codes[j + 1] - 48) * 100 + (codes[j + 2] - 48) * 10 + (codes[j + 3] - 48);
      j += 4;
      grouped = true;
      continue;
    }
    break;
  }
  let int = true;
  if (codes[j] === 46 && j + 1 < end && isDigit(codes[j + 1])) {
    let k = j + 1;
    while (k < end && isDigit(codes[k])) k++;
    if (codes[k] === 46 && k + 1 < end && isDigit(codes[k + 1])) {
      // Several dots: thousands in the continental style (1.000.000), else a version number.
      let m = j;
      let thousands = !grouped && count <= 3;
      while (codes[m] === 46 && m + 1 < end && isDigit(codes[m + 1])) {
        let q = m + 1;
        while (q < end && isDigit(codes[q])) q++;
        if (q - m - 1 !== 3) thousands = false;
        m = q;
      }
      digitsCount = count;
      digitsGrouped = true;
      digitsInt = true;
      if (!thousands) {
        digitsEnd = -m;
        digitsValue = NaN;
        return;
      }
      // Read the groups as digits; past 2^53 the sum may round otherwise than Number does.
      let v = value;
      for (let g = j; g < m; g += 4) v = v * 1000 + (codes[g + 1] - 48) * 100 + (codes[g + 2] - 48) * 10 + codes[g + 3] - 48;
      digitsEnd = m;
      digitsValue = v <= Number.MAX_SAFE_INTEGER ? v : Number(text.slice(i, m).replace(/\./g, ''));
      return;
    }
    // Decimals are left to Number, which rounds them correctly; only separators need removing.
    const figure = text.slice(i, k);
    value = Number(grouped ? figure.replace(/[,\u00a0\u202f\u2009]/g, '') : figure);
    j = k;
    int = false;
  }
  digitsEnd = j;
  digitsValue = value;
  digitsCount = count;
  digitsGrouped = grouped;
  digitsInt = int;
}

/** End of the letters-and-digits token at `i` (used to skip identifiers whole). */
function tokenEnd(codes: Codes, i: number, end: number): number {
  while (i < end) {
    const c = codes[i];
    const k = CLASS[c];
    if (k === C.UPPER || k === C.LOWER || k === C.DIGIT) {
      i++;
    } else if ((c === 45 || c === 46 || c === 95 || c === 47) && i + 1 < end) {
      const n = CLASS[codes[i + 1]];
      if (n !== C.UPPER && n !== C.LOWER && n !== C.DIGIT) break;
      i++;
    } else {
      break;
    }
  }
  return i;
}

const NUMERIC_DATE = /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2}))(?![A-Za-z0-9])/;

/** Where to resume when `digitAtom` gives up on an identifier. */
let skipTo = 0;

/**
 * One figure starting at digit `i`, with what is glued to it and a scale word after it.
 * Null when the digits belong to an identifier (`skipTo` then says how far to skip).
 * The atom is written into `into` (`FIRST` or `SECOND`).
 */
function digitAtom(ctx: NumberContext, i: number, into: Atom): Atom | null {
  const { text, codes, end } = ctx;
  let run = i;
  while (run < end && isDigit(codes[run])) run++;
  const sep = codes[run];
  if ((sep === 45 || sep === 47 || sep === 46) && isDigit(codes[run + 1])) {
    // The longest date is ten characters; one more tells whether a word goes on after it.
    const m = NUMERIC_DATE.exec(text.slice(i, Math.min(end, i + 11)));
    if (m && i + m[0].length <= end) {
      const a = atom(into, i, i + m[0].length, NaN, false);
      a.kind = 'date';
      return a;
    }
  }
  readDigits(text, codes, i, end);
  if (digitsEnd < 0) {
    skipTo = -digitsEnd;
    return null;
  }
  let j = digitsEnd;
  const a = atom(into, i, j, digitsValue, false);
  a.int = digitsInt;
  a.digits = digitsCount;
  a.grouped = digitsGrouped;
  const c = codes[j];

  // A clock time: 10:30, 10:30 a.m.
  if (c === 58 && a.int && !a.grouped && a.value <= 24 && isDigit(codes[j + 1]) && isDigit(codes[j + 2]) && !isDigit(codes[j + 3])) {
    j += 3;
    a.end = j + meridiemAt(codes, j, end);
    a.kind = 'time';
    return a;
  }
  // A fraction written with a slash: 1/2, 3/4 (but not 24/7 or 9/11).
  if (c === 47 && a.int && !a.grouped && isDigit(codes[j + 1])) {
    const numerator = a.value;
    readDigits(text, codes, j + 1, end);
    // "3/8ths", "3/8s"
    let fe = digitsEnd;
    if (fe > 0 && isLetter(codes[fe])) {
      const le = letterRunEnd(codes, fe, end);
      if (isWord(codes, fe, le, 's') || isWord(codes, fe, le, 'th') || isWord(codes, fe, le, 'ths')) fe = le;
    }
    if (digitsEnd > 0 && digitsInt && !isLetter(codes[fe]) && codes[digitsEnd] !== 47) {
      if (numerator < digitsValue && digitsValue <= 100 && !(numerator === 9 && digitsValue === 11)) {
        a.end = fe;
        a.value = numerator / digitsValue;
        // "1/4 mile" is a length; "3/4 of the votes" a share.
        const u = wordStartAfter(codes, fe, end);
        const unit = u >= 0 ? UNITS.get(codes, u, letterRunEnd(codes, u, end)) : undefined;
        if (unit === undefined || unit.kind === 'percent') a.kind = 'fraction';
        else a.int = false;
        return a;
      }
      skipTo = digitsEnd;
      return null;
    }
  }
  // "2½", "10 1/2": a whole number and a fraction.
  if (a.int && !a.grouped && (c >= 0xbc || (c === 32 && codes[j + 2] === 47)) && mixedFraction(ctx, a, j, c)) return afterAtom(ctx, a);
  if (isLetter(c)) {
    const e = letterRunEnd(codes, j, end);
    if (e < end && isDigit(codes[e])) {
      skipTo = tokenEnd(codes, e, end);
      return null;
    }
    const length = e - j;
    if (length === 2 && a.int && !a.grouped && ORDINAL_SUFFIXES.has(codes, j, e)) {
      a.end = e;
      a.kind = 'ordinal';
      return a;
    }
    if (length === 1 && (c | 32) === 115 && a.int && !a.grouped && (a.digits === 4 || a.digits === 2) && a.value % 10 === 0) {
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
      skipTo = e;
      return null;
    }
    if (length === 1 && (c | 32) === 120 && !a.grouped) {
      a.end = e;
      a.kind = 'multiple';
      return a;
    }
    const singleCapital = length === 1 && isUpper(c);
    const scale = GLUED_SCALE.get(codes, j, e);
    if (scale !== undefined) {
      const currency = currencyBefore(text, codes, i, ctx.floor) >= 0;
      // "3bn" and "€3m" are amounts; "3m" with no currency is three metres unless people follow.
      const letter = c | 32;
      // "10M", "100K", "1.2b": a capital or a lone "b" needs a figure no model name has ("3M", "2B").
      const plainFigure = (a.digits >= 2 || !a.int) && (e >= end || !isLetter(codes[e]));
      const single = length === 1 && (singleCapital ? plainFigure : letter === 98 && !a.int && plainFigure);
      if (currency || single ||
        (!singleCapital && (letter !== 98 || length > 1) && (letter !== 109 || length > 1 || countedNounFollows(codes, e, end)))) {
        a.end = e;
        a.value *= scale;
        a.scale = scale;
        return afterAtom(ctx, a);
      }
    }
    // "115USD", "20Rs"
    if ((length === 3 && isUpper(c) && isUpper(codes[j + 1]) && isUpper(codes[j + 2]) && CURRENCY_CODES.has(text.slice(j, e))) ||
      (length === 2 && c === 82 && codes[j + 1] === 115)) {
      a.end = e;
      a.currency = length === 2 ? 'INR' : text.slice(j, e);
      return a;
    }
    if (!singleCapital) {
      const unit = GLUED.get(codes, j, e);
      if (unit) {
        a.end = e;
        a.unit = unit.unit;
        a.kind = unit.kind;
        // "12km/h", "3km²"
        const t = codes[e];
        if (t === 47 && unit.kind === 'measure' && (codes[e + 1] | 32) === 104) {
          const pe = letterRunEnd(codes, e + 1, end);
          if (isWord(codes, e + 1, pe, 'h') || isWord(codes, e + 1, pe, 'hr')) {
            a.unit = `${unit.unit}/h`;
            a.end = pe;
          }
        } else if ((t === 0xb2 || t === 0xb3) && unit.kind === 'measure') {
          a.unit = `${unit.unit}${t === 0xb2 ? '²' : '³'}`;
          a.end = e + 1;
        }
        return a;
      }
    }
    skipTo = tokenEnd(codes, e, end);
    return null;
  }
  return afterAtom(ctx, a);
}

/** Fraction characters written after a whole number ("2½"). */
const VULGAR = new Map<number, number>([
  [0xbc, 1 / 4], [0xbd, 1 / 2], [0xbe, 3 / 4], [0x2153, 1 / 3], [0x2154, 2 / 3], [0x2155, 1 / 5], [0x2156, 2 / 5],
  [0x2157, 3 / 5], [0x2158, 4 / 5], [0x2159, 1 / 6], [0x215a, 5 / 6], [0x215b, 1 / 8], [0x215c, 3 / 8], [0x215d, 5 / 8],
  [0x215e, 7 / 8],
]);

/** The fraction written after a whole number at `j` ("2½", "10 1/2"), added to the atom. */
function mixedFraction(ctx: NumberContext, a: Atom, j: number, c: number): boolean {
  const { codes, end } = ctx;
  const vulgar = VULGAR.get(c);
  if (vulgar !== undefined) {
    a.value += vulgar;
    a.int = false;
    a.end = j + 1;
    return true;
  }
  if (c === 32 && isDigit(codes[j + 1]) && codes[j + 2] === 47 && isDigit(codes[j + 3])) {
    const den = isDigit(codes[j + 4]) ? (codes[j + 3] - 48) * 10 + codes[j + 4] - 48 : codes[j + 3] - 48;
    const fe = den >= 10 ? j + 5 : j + 4;
    const num = codes[j + 1] - 48;
    if (num > 0 && num < den && (fe >= end || !(isLetter(codes[fe]) || isDigit(codes[fe]) || codes[fe] === 47))) {
      a.value += num / den;
      a.int = false;
      a.end = fe;
      return true;
    }
  }
  return false;
}

/** Length of "a.m.", "p.m.", "am" or "pm" after one optional space at `i`, or 0. */
function meridiemAt(codes: Codes, i: number, end: number): number {
  const s = codes[i] === 32 ? i + 1 : i;
  const c = codes[s] | 32;
  if (c !== 97 && c !== 112) return 0;
  let e = s + 1;
  if (codes[e] === 46) e++;
  if ((codes[e] | 32) !== 109) return 0;
  e++;
  if (codes[e] === 46) e++;
  if (e < end && isLetter(codes[e])) return 0;
  return e - i;
}

function countedNounFollows(codes: Codes, i: number, end: number): boolean {
  const s = wordStartAfter(codes, i, end);
  if (s < 0 || CLASS[codes[s]] !== C.LOWER) return false;
  const e = letterRunEnd(codes, s, end);
  return !FUNCTION_WORDS.has(codes, s, e) && !DIMENSIONS.has(codes, s, e);
}

/** Words after "2.5m" that make it metres ("2.5m long"), not millions ("3m people"). */
const DIMENSIONS = new WordTable(['long', 'wide', 'high', 'tall', 'deep', 'thick', 'away', 'across', 'apart', 'square',
  'underground', 'below', 'above', 'deep', 'wall', 'walls', 'fence', 'tower', 'bridge', 'tunnel']);

/** Percent signs, degree signs and scale words written after a figure. */
function afterAtom(ctx: NumberContext, a: Atom): Atom {
  const { codes, end } = ctx;
  const j = a.end;
  const c = codes[j];
  if (c === 37 || (c === 32 && codes[j + 1] === 37)) {
    a.end = c === 37 ? j + 1 : j + 2;
    a.kind = 'percent';
    a.unit = '%';
    return a;
  }
  if (c === 0xb0 || (c === 32 && codes[j + 1] === 0xb0)) {
    const d = c === 0xb0 ? j : j + 1;
    const u = codes[d + 1] | 32;
    const scale = (u === 99 || u === 102) && !isLetter(codes[d + 2]) ? u : 0;
    a.end = scale ? d + 2 : d + 1;
    a.kind = 'measure';
    a.unit = scale === 99 ? '°C' : scale === 102 ? '°F' : '°';
    if (!scale) {
      // "37 ° Celsius"
      const s = wordStartAfter(codes, a.end, end);
      const named = s >= 0 ? UNITS.get(codes, s, letterRunEnd(codes, s, end)) : undefined;
      if (named !== undefined && (named.unit === '°C' || named.unit === '°F')) {
        a.unit = named.unit;
        a.end = letterRunEnd(codes, s, end);
      }
    }
    return a;
  }
  if (a.scale === 1) {
    // "1 in 5", "two point five", "two and a half": only "in ", "out of", "point" and "and" start them.
    if (c === 32 && a.int && a.kind === undefined) {
      const n1 = codes[j + 1] | 32;
      const n2 = codes[j + 2] | 32;
      if (((n1 === 105 && n2 === 110) || (n1 === 111 && n2 === 117) || (n1 === 112 && n2 === 111) || (n1 === 97 && n2 === 110)) &&
        wordTail(ctx, a, j)) return a;
    }
    const s = wordStartAfter(codes, j, end);
    if (s >= 0) {
      const e = letterRunEnd(codes, s, end);
      const scale = SCALE_WORDS.get(codes, s, e);
      if (scale !== undefined && !(scale === 100 && !a.int)) {
        a.value *= scale;
        a.scale = scale;
        a.end = e;
        // "two hundred thousand"
        const s2 = scale === 100 ? wordStartAfter(codes, e, end) : -1;
        if (s2 >= 0) {
          const e2 = letterRunEnd(codes, s2, end);
          const scale2 = SCALE_WORDS.get(codes, s2, e2);
          if (scale2 !== undefined && scale2 > 100) {
            a.value *= scale2;
            a.scale *= scale2;
            a.end = e2;
          }
        }
        if (!a.words && a.int && !a.grouped && codes[a.end] === 32) {
          // "3 million and a half"
          const frac = a.scale >= 1000 ? fractionTail(codes, a.end, end) : 0;
          if (frac > 0) {
            a.value += frac * a.scale;
            a.end = tailEnd;
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
function scaledRest(ctx: NumberContext, a: Atom, scale: number): void {
  const { text, codes, end } = ctx;
  let last = scale;
  for (;;) {
    let p = a.end + 1;
    let viaAnd = false;
    if (wordAt(codes, p, end, 'and') && codes[p + 3] === 32) {
      viaAnd = true;
      p += 4;
    }
    let value: number;
    let e: number;
    if (isDigit(codes[p])) {
      readDigits(text, codes, p, end);
      if (digitsEnd < 0 || !digitsInt || digitsGrouped || isLetter(codes[digitsEnd]) || isDigit(codes[digitsEnd]) || digitsValue >= last) return;
      value = digitsValue;
      e = digitsEnd;
    } else if (isLetter(codes[p])) {
      e = letterRunEnd(codes, p, end);
      const entry = lookup(codes, p, e);
      if (!entry || !(entry.flags & F.CARDINAL) || entry.flags & F.SCALE || entry.n >= last || entry.n === 0) return;
      value = entry.n;
      // "twenty two", "twenty-two"
      const unit = unitAfterTens(codes, value, e, end);
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
      const e2 = letterRunEnd(codes, s2, end);
      const sc = SCALE_WORDS.get(codes, s2, e2);
      // "between 11 thousand and 12 thousand": a second number, not a part.
      if (sc !== undefined && !(sc < last && value * sc < last)) return;
      if (sc !== undefined) {
        partScale = sc;
        e = e2;
        const s3 = sc === 100 ? wordStartAfter(codes, e, end) : -1;
        const sc3 = s3 >= 0 ? SCALE_WORDS.get(codes, s3, letterRunEnd(codes, s3, end)) : undefined;
        if (sc3 !== undefined && sc3 > 100 && sc3 < last) {
          partScale *= sc3;
          e = letterRunEnd(codes, s3, end);
        }
      }
    }
    // A bare remainder needs "and" ("9 hundred and 2"); "5 thousand 300" may be two numbers.
    if (partScale === 1 && !viaAnd) return;
    a.value += value * partScale;
    a.end = e;
    if (partScale === 1 || codes[e] !== 32) return;
    last = partScale;
  }
}

/**
 * What follows a whole number at `j` and starts with "in", "out of", "point" or "and":
 * "1 in 5", "two point five", "two and a half". True when the atom took it.
 */
function wordTail(ctx: NumberContext, a: Atom, j: number): boolean {
  const { codes, end } = ctx;
  if (!a.words && !a.grouped && ratioAfter(ctx, a, j)) return true;
  if (pointFollows(codes, a.start, j, end, ctx.floor)) {
    spokenDecimal(ctx, a, j + 7);
    if (a.end !== j) {
      // "two point two million", "1 point 5%"
      if (codes[a.end] === 37) {
        a.end++;
        a.kind = 'percent';
        a.unit = '%';
        return true;
      }
      const s = wordStartAfter(codes, a.end, end);
      const scale = s >= 0 ? SCALE_WORDS.get(codes, s, letterRunEnd(codes, s, end)) : undefined;
      if (scale !== undefined && scale >= 1000) {
        a.value *= scale;
        a.scale = scale;
        a.end = letterRunEnd(codes, s, end);
      }
      return true;
    }
  }
  const frac = fractionTail(codes, j, end);
  if (frac > 0) {
    a.value += frac;
    a.int = false;
    a.end = tailEnd;
    const s = wordStartAfter(codes, tailEnd, end);
    const scale = s >= 0 ? SCALE_WORDS.get(codes, s, letterRunEnd(codes, s, end)) : undefined;
    if (scale !== undefined) {
      a.value *= scale;
      a.scale = scale;
      a.end = letterRunEnd(codes, s, end);
    }
    return true;
  }
  return false;
}

/** Currency found by `currencyBefore`. */
let currencyCode = '';

/**
 * The start of the currency written right before `i` ("$", "US$", "€", "USD "), with its
 * code in `currencyCode`; -1 if none.
 */
function currencyBefore(text: ParagraphText, codes: Codes, i: number, floor: number): number {
  let p = i;
  if (p - 2 >= floor && codes[p - 1] === 32 && CLASS[codes[p - 2]] === C.CURRENCY) p--;
  if (p - 1 >= floor && CLASS[codes[p - 1]] === C.CURRENCY) {
    const sym = codes[p - 1];
    let code = SYMBOLS.get(sym) ?? 'USD';
    let s = p - 1;
    if (sym === 0x24) {
      const ls = letterRunStart(codes, s, floor);
      if (ls < s && s - ls <= 3) {
        const prefix = DOLLAR_PREFIXES.get(text.slice(ls, s));
        if (prefix && (ls === floor || !isLetter(codes[ls - 1]))) {
          code = prefix;
          s = ls;
        }
      }
    }
    currencyCode = code;
    return s;
  }
  // "USD115", "Rs20"
  if (i - 2 >= floor && (isUpper(codes[i - 1]) || (codes[i - 1] === 115 && codes[i - 2] === 82))) {
    const ls = letterRunStart(codes, i, floor);
    if ((ls === floor || !isLetter(codes[ls - 1])) && (i - ls === 3 || i - ls === 2)) {
      const word = text.slice(ls, i);
      if (word === 'Rs' || CURRENCY_CODES.has(word)) {
        currencyCode = word === 'Rs' ? 'INR' : word;
        return ls;
      }
    }
  }
  const we = wordEndBefore(codes, i, floor);
  if (we >= 0 && isUpper(codes[we - 1])) {
    const ws = letterRunStart(codes, we, floor);
    if (we - ws === 3 || we - ws === 2) {
      const word = text.slice(ws, we);
      if (CURRENCY_CODES.has(word)) {
        currencyCode = word;
        return ws;
      }
      if (word === 'Rs') {
        currencyCode = 'INR';
        return ws;
      }
    }
  }
  if (i - 4 >= floor && codes[i - 1] === 32 && codes[i - 2] === 46 && codes[i - 3] === 115 && codes[i - 4] === 82) {
    currencyCode = 'INR';
    return i - 4;
  }
  return -1;
}

/** Number words: "four", "twenty-one", "a dozen", "hundreds of", "two-thirds", "twice". */
function wordAtom(ctx: NumberContext, ws: number, we: number, entry: Entry): Atom | null {
  const { codes, end, start } = ctx;
  const flags = entry.flags;
  // Capitalised number words inside a sentence name something ("Five Eyes", "Group of Seven").
  if (isUpper(codes[ws]) && !atSentenceStart(codes, ws, start)) return null;
  const a = atom(FIRST, ws, we, entry.n, true);

  if (flags & F.MULTIPLE) {
    a.kind = 'multiple';
    extendAsMany(codes, a, end);
    return a;
  }
  if (flags & F.VAGUE) {
    // "several thousand", "a few hundred"
    const s = wordStartAfter(codes, we, end);
    if (s < 0) return null;
    const e = letterRunEnd(codes, s, end);
    const scale = SCALE_WORDS.get(codes, s, e);
    if (scale === undefined) return null;
    const few = isWord(codes, ws, we, 'few');
    if (few) {
      const be = wordEndBefore(codes, ws, ctx.floor);
      if (be < 0 || !isWord(codes, letterRunStart(codes, be, ctx.floor), be, 'a')) return null;
      a.start = be - 1;
    }
    a.end = e;
    a.value = (few ? 2 : 3) * scale;
    a.upper = (few ? 5 : 9) * scale;
    a.bound = Bound.APPROX;
    a.scale = scale;
    return a;
  }
  if (flags & F.PLURAL_SCALE) return pluralScaleAtom(codes, a, ws, we, entry, end);
  if (flags & F.FRACTION && !(flags & F.CARDINAL) && !(flags & F.ORDINAL && !isFractionUse(codes, ws, we, end, ctx.floor))) {
    return fractionAtom(ctx, a, ws, we, entry);
  }
  if (flags & F.ORDINAL) return ordinalAtom(ctx, a, ws, we);
  if (flags & F.DOZEN) {
    // "a dozen", "half a dozen"
    const be = wordEndBefore(codes, ws, ctx.floor);
    if (be < 0) return null;
    const bs = letterRunStart(codes, be, ctx.floor);
    if (!isWord(codes, bs, be, 'a')) return null;
    a.start = bs;
    a.value = 12;
    const he = wordEndBefore(codes, bs, ctx.floor);
    if (he >= 0 && isWord(codes, letterRunStart(codes, he, ctx.floor), he, 'half')) {
      a.start = letterRunStart(codes, he, ctx.floor);
      a.value = 6;
    }
    return a;
  }
  if (flags & F.CARDINAL) return cardinalAtom(ctx, a, ws, we, entry);
  return null;
}

/** "hundreds of", "tens of thousands of", "dozens of" */
function pluralScaleAtom(codes: Codes, a: Atom, ws: number, we: number, entry: Entry, end: number): Atom | null {
  let e = we;
  let value = entry.n;
  const tens = isWord(codes, ws, we, 'tens');
  for (;;) {
    const of = wordStartAfter(codes, e, end);
    if (of < 0 || !isWord(codes, of, letterRunEnd(codes, of, end), 'of')) break;
    const next = wordStartAfter(codes, of + 2, end);
    if (next < 0) break;
    const nextEnd = letterRunEnd(codes, next, end);
    const nextEntry = lookup(codes, next, nextEnd);
    if (nextEntry && nextEntry.flags & F.PLURAL_SCALE && nextEntry.n > value) {
      value *= nextEntry.n;
      e = nextEnd;
      continue;
    }
    break;
  }
  if (e === we && (tens || wordStartAfter(codes, we, end) < 0 || !isWord(codes, we + 1, letterRunEnd(codes, we + 1, end), 'of'))) return null;
  a.end = e;
  a.value = value * 2;
  a.bound = Bound.MIN;
  a.scale = value;
  return a;
}

function isFractionUse(codes: Codes, ws: number, we: number, end: number, floor: number): boolean {
  const s = wordStartAfter(codes, we, end);
  if (s < 0 || !isWord(codes, s, letterRunEnd(codes, s, end), 'of')) return false;
  const be = wordEndBefore(codes, ws, floor);
  if (be < 0) return false;
  const bs = letterRunStart(codes, be, floor);
  const entry = isWord(codes, bs, be, 'a') ? null : lookup(codes, bs, be);
  return isWord(codes, bs, be, 'a') || (entry !== undefined && entry !== null && (entry.flags & F.CARDINAL) !== 0 && entry.n <= 10 && entry.n > 0);
}

function fractionAtom(ctx: NumberContext, a: Atom, ws: number, we: number, entry: Entry): Atom | null {
  const { codes, end } = ctx;
  const after = wordStartAfter(codes, we, end);
  const afterEnd = after >= 0 ? letterRunEnd(codes, after, end) : -1;
  const of = after >= 0 && isWord(codes, after, afterEnd, 'of');
  if ((entry.n === 2 || entry.n === 4) && halfAmount(ctx, a, ws, we, entry.n, after, afterEnd)) return a;
  if (entry.n === 2) {
    // "half of", "half a million", "half a dozen"
    if (after >= 0 && (isWord(codes, after, afterEnd, 'a') || isWord(codes, after, afterEnd, 'an'))) {
      const s = wordStartAfter(codes, afterEnd, end);
      if (s >= 0) {
        const e = letterRunEnd(codes, s, end);
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
        const unit = UNITS.get(codes, s, letterRunEnd(codes, s, end));
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
    // "half of", "half the troops", "cut in half"; not "half-hearted" or "the second half".
    const be = wordEndBefore(codes, ws, ctx.start);
    const bs = be >= 0 ? letterRunStart(codes, be, ctx.start) : -1;
    if (be >= 0 && NOT_HALF.has(codes, bs, be)) return null;
    const inHalf = be >= 0 && isWord(codes, bs, be, 'in');
    if (!of && !inHalf && !(after >= 0 && HALF_OF.has(codes, after, afterEnd))) return null;
    a.kind = 'fraction';
    a.value = 0.5;
    return a;
  }
  // "a third of", "a quarter of"
  const be = wordEndBefore(codes, ws, ctx.floor);
  if (of && be >= 0) {
    const bs = letterRunStart(codes, be, ctx.floor);
    if (isWord(codes, bs, be, 'a') || isWord(codes, bs, be, 'one')) {
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
function halfAmount(ctx: NumberContext, a: Atom, ws: number, we: number, n: number, after: number, afterEnd: number): boolean {
  const { codes, end } = ctx;
  if (n === 2 || n === 4) {
    // "a half million", "quarter million", "a half hour", "quarter-litre"
    const hyphen = codes[we] === 45 && isLetter(codes[we + 1]);
    const s = hyphen ? we + 1 : after;
    if (s >= 0 && (codes[we - 1] | 32) !== 115) {
      const e = hyphen ? letterRunEnd(codes, s, end) : afterEnd;
      const scale = hyphen ? undefined : SCALE_WORDS.get(codes, s, e);
      const unit = scale === undefined ? UNITS.get(codes, s, e) : undefined;
      if ((scale !== undefined && scale >= 1000) || (unit !== undefined && unit.kind !== 'percent')) {
        const be = wordEndBefore(codes, ws, ctx.start);
        const bs = be >= 0 ? letterRunStart(codes, be, ctx.start) : -1;
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
  if (n === 2 && after < 0 && codes[we] !== 45) {
    // "an hour and a half", "a month and a half"
    const ae = wordEndBefore(codes, ws, ctx.floor);
    const as = ae >= 0 ? letterRunStart(codes, ae, ctx.floor) : -1;
    const ne = as >= 0 && isWord(codes, as, ae, 'a') ? wordEndBefore(codes, as, ctx.floor) : -1;
    const ns = ne >= 0 ? letterRunStart(codes, ne, ctx.floor) : -1;
    const ue = ns >= 0 && isWord(codes, ns, ne, 'and') ? wordEndBefore(codes, ns, ctx.floor) : -1;
    const us = ue >= 0 ? letterRunStart(codes, ue, ctx.floor) : -1;
    const unit = us >= 0 ? UNITS.get(codes, us, ue) : undefined;
    const oe = unit !== undefined && unit.kind !== 'percent' ? wordEndBefore(codes, us, ctx.floor) : -1;
    const os = oe >= 0 ? letterRunStart(codes, oe, ctx.floor) : -1;
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

/**
 * Ordinal words count when they rank something: "the first group", "second deadliest",
 * "third-largest". "At first", "first of all" and a bare "second" (a moment) do not.
 */
function ordinalAtom(ctx: NumberContext, a: Atom, ws: number, we: number): Atom | null {
  const { text, codes, end } = ctx;
  const be = wordEndBefore(codes, ws, ctx.floor);
  const bs = be >= 0 ? letterRunStart(codes, be, ctx.floor) : -1;
  const first = isWord(codes, ws, we, 'first');
  if (first && be >= 0 && isWord(codes, bs, be, 'at')) return null;
  const hyphen = codes[we] === 45 && we + 1 < end && isLetter(codes[we + 1]);
  // "first-class", "second-hand", "first-degree": adjectives, not ranks.
  if (hyphen && NOT_RANKS.has(codes, we + 1, letterRunEnd(codes, we + 1, end))) return null;
  // "I second that": a verb.
  if (be >= 0 && be - bs <= 4 && isWord(codes, ws, we, 'second') && PRONOUNS.has(codes, bs, be)) return null;
  const after = hyphen ? we + 1 : wordStartAfter(codes, we, end);
  a.kind = 'ordinal';
  if (after < 0) {
    // "He came second." ranks; "First, …" and "wait a second." do not.
    const next = codes[we];
    if (next === 44 && atSentenceStart(codes, ws, ctx.start)) return null;
    if (isWord(codes, ws, we, 'second') && be >= 0 && MOMENT.has(codes, bs, be)) return null;
    return a;
  }
  const afterEnd = letterRunEnd(codes, after, end);
  if (first && isWord(codes, after, afterEnd, 'of') && wordAt(codes, afterEnd + 1, end, 'all')) return null;
  if (afterEnd - after > 4 && (codes[afterEnd - 1] | 32) === 116 && (codes[afterEnd - 2] | 32) === 115 &&
    (codes[afterEnd - 3] | 32) === 101 && !NOT_SUPERLATIVE.test(text.slice(after, afterEnd).toLowerCase())) {
    a.end = afterEnd;
    return a;
  }
  if (isWord(codes, after, afterEnd, 'most') || isWord(codes, after, afterEnd, 'least')) {
    const s2 = wordStartAfter(codes, afterEnd, end);
    if (s2 >= 0) a.end = letterRunEnd(codes, s2, end);
    return a;
  }
  if (hyphen) return a;
  if (isWord(codes, ws, we, 'second') && (be < 0 || MOMENT.has(codes, bs, be)) && CLASS[codes[after]] !== C.LOWER) return null;
  // "second to none", "first to arrive" rank; "first, second and third" too.
  return a;
}

/** Cardinal words, possibly compound: "twenty-one", "one hundred and twenty", "two million". */
function cardinalAtom(ctx: NumberContext, a: Atom, ws: number, we: number, entry: Entry): Atom | null {
  const { codes, end } = ctx;
  let total = 0;
  let current = entry.n;
  let e = we;
  let tokens = 1;
  let last = entry;
  let scaled = false;
  if (entry.flags & F.SCALE) {
    // "hundred"/"thousand" alone need "a" or "one" before them.
    const be = wordEndBefore(codes, ws, ctx.floor);
    if (be < 0) return null;
    const bs = letterRunStart(codes, be, ctx.floor);
    if (!(isWord(codes, bs, be, 'a') || isWord(codes, bs, be, 'an') || isWord(codes, bs, be, 'one'))) return null;
    a.start = bs;
    scaled = true;
  }
  for (;;) {
    const sep = codes[e];
    if (!(sep === 32 || sep === 45) || e + 1 >= end || !isLetter(codes[e + 1])) break;
    let se = letterRunEnd(codes, e + 1, end);
    let next = lookup(codes, e + 1, se);
    let viaAnd = false;
    if (!next && sep === 32 && last.flags & F.SCALE && isWord(codes, e + 1, se, 'and')) {
      // "one million and a half", "one billion and a half million"
      const frac = fractionTail(codes, e, end);
      if (frac > 0) {
        let part = last.n >= 1000 ? last.n : 1;
        e = tailEnd;
        const ts = wordStartAfter(codes, e, end);
        const tscale = ts >= 0 ? SCALE_WORDS.get(codes, ts, letterRunEnd(codes, ts, end)) : undefined;
        if (tscale !== undefined && tscale < last.n) {
          part = tscale;
          e = letterRunEnd(codes, ts, end);
        }
        current += frac * part;
        a.int = false;
        break;
      }
      const s2 = wordStartAfter(codes, se, end);
      if (s2 < 0) break;
      const e2 = letterRunEnd(codes, s2, end);
      const n2 = lookup(codes, s2, e2);
      if (!(n2 && n2.flags & (F.CARDINAL | F.ORDINAL) && !(n2.flags & F.SCALE) && n2.n < 100 && n2.n > 0)) break;
      // "a hundred and two hundred" joins two numbers, not the parts of one.
      if (scaleFollows(codes, e2, end) === last.n) break;
      se = e2;
      next = n2;
      viaAnd = true;
    }
    if (!next) break;
    const n = next.n;
    // "twenty-one" or "twenty one": a tens word and a unit after it.
    const tensUnit = last.flags & F.CARDINAL && last.n >= 20 && last.n < 100 && last.n % 10 === 0 && n < 10 && n > 0 && !(last.flags & F.SCALE);
    if (next.flags & F.CARDINAL && !(next.flags & F.SCALE)) {
      // "hundred and five", "hundred five"; "five six" is not one number.
      if (!(tensUnit || (last.flags & F.SCALE) || viaAnd)) break;
      current += n;
    } else if (next.flags & F.ORDINAL && (tensUnit || (viaAnd && n < 100))) {
      // "twenty-fifth", "twenty first", "hundred and tenth"
      a.kind = 'ordinal';
      current += n;
      e = se;
      tokens++;
      break;
    } else if (next.flags & F.SCALE) {
      // "thousand thousand", "hundred hundred": two numbers, not one.
      if (last.flags & F.SCALE && n <= last.n) break;
      if (n === 100) current = (current || 1) * 100;
      else if (current === 0 && total > 0) total *= n; // "two thousand million"
      else {
        total += (current || 1) * n;
        current = 0;
      }
      scaled = true;
    } else if (next.flags & F.DOZEN) {
      current = (current || 1) * 12;
    } else if (next.flags & F.FRACTION && (codes[se - 1] === 115 || current === 1)) {
      a.kind = 'fraction';
      a.value = (total + current) / n;
      a.end = se;
      a.int = false;
      return a;
    } else if (next.flags & F.ORDINAL && n >= 100 && current > 0 && current < n) {
      // "two hundredth", "five thousandth"
      a.kind = 'ordinal';
      current *= n;
      e = se;
      tokens++;
      break;
    } else {
      break;
    }
    last = next;
    e = se;
    tokens++;
  }
  a.value = total + current;
  a.end = e;
  if (scaled) a.scale = 1000;
  if (a.kind === 'ordinal') return a;
  if (scaled && a.kind === undefined && pointFollows(codes, a.start, e, end, ctx.floor)) {
    // "two hundred point seven"
    spokenDecimal(ctx, a, e + 7);
    e = a.end;
  }
  const after = wordStartAfter(codes, e, end);
  const afterEnd = after >= 0 ? letterRunEnd(codes, after, end) : -1;
  if (after >= 0 && ratioAfter(ctx, a, e)) return a;
  if (after >= 0 && isWord(codes, after, afterEnd, 'times')) {
    a.kind = 'multiple';
    a.end = afterEnd;
    extendAsMany(codes, a, end);
    return a;
  }
  if (codes[e] === 45 && wordAt(codes, e + 1, end, 'fold')) {
    a.kind = 'multiple';
    a.end = e + 5;
    return a;
  }
  // "one" stands for a person or thing far more often than it counts one ("one of the",
  // "no one", "one day"): it counts only with a unit, a percent or a currency after it.
  // From "two" up, a number word is a numeral wherever it stands, even when the counted
  // noun is left out ("the other two").
  if (a.value === 1 && tokens === 1 && !scaled && !(after >= 0 && ONE_COUNTS.has(codes, after, afterEnd)) && fractionTail(codes, e, end) === 0 &&
    !pointFollows(codes, ws, e, end, ctx.floor) &&
    !signedWord(codes, ws, ctx.floor)) return null;
  return afterAtom(ctx, a);
}

/** Whether " point " and a figure or a number word follow `e` ("two point five"). */
function pointFollows(codes: Codes, s: number, e: number, end: number, floor: number): boolean {
  if (codes[e] !== 32 || !wordAt(codes, e + 1, end, 'point') || codes[e + 6] !== 32) return false;
  // "at one point two men left"
  const be = wordEndBefore(codes, s, floor);
  if (be >= 0 && isWord(codes, letterRunStart(codes, be, floor), be, 'at')) return false;
  const p = e + 7;
  if (isDigit(codes[p])) return true;
  if (!isLetter(codes[p])) return false;
  const entry = lookup(codes, p, letterRunEnd(codes, p, end));
  return entry !== undefined && (entry.flags & F.CARDINAL) !== 0 && (entry.flags & F.SCALE) === 0;
}

/**
 * The decimals of "two point five", "1 point 25", "point zero three" starting at `p` (after
 * "point "), added to the atom.
 */
function spokenDecimal(ctx: NumberContext, a: Atom, p: number): void {
  const { text, codes, end } = ctx;
  if (isDigit(codes[p])) {
    readDigits(text, codes, p, end);
    if (digitsEnd < 0 || !digitsInt || digitsGrouped || isLetter(codes[digitsEnd])) return;
    a.value += Number(`0.${text.slice(p, digitsEnd)}`);
    a.end = digitsEnd;
    a.int = false;
    return;
  }
  let decimals = '';
  let e = p;
  let q = p;
  for (;;) {
    if (!isLetter(codes[q])) break;
    const qe = letterRunEnd(codes, q, end);
    const entry = lookup(codes, q, qe);
    if (!entry || !(entry.flags & F.CARDINAL) || entry.flags & F.SCALE) break;
    if (entry.n >= 10) {
      // "point seventy-one"
      if (decimals !== '' || entry.n >= 100) break;
      let n = entry.n;
      let ne = qe;
      if (n >= 20 && n % 10 === 0 && (codes[qe] === 45 || codes[qe] === 32) && isLetter(codes[qe + 1])) {
        const ue = letterRunEnd(codes, qe + 1, end);
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
    if (codes[qe] !== 32) break;
    q = qe + 1;
  }
  if (decimals === '') return;
  a.value += Number(`0.${decimals}`);
  a.end = e;
  a.int = false;
}

/** End of the fraction `fractionTail` found. */
let tailEnd = 0;

/**
 * The fraction in " and a half", " and one quarter", " and three quarters", " and a third"
 * right after `i`, or 0. Its end goes to `tailEnd`.
 */
function fractionTail(codes: Codes, i: number, end: number): number {
  if (codes[i] !== 32 || !wordAt(codes, i + 1, end, 'and') || codes[i + 4] !== 32) return 0;
  const ns = i + 5;
  if (!isLetter(codes[ns])) return 0;
  const ne = letterRunEnd(codes, ns, end);
  let numerator = 1;
  if (!(isWord(codes, ns, ne, 'a') || isWord(codes, ns, ne, 'one'))) {
    const entry = lookup(codes, ns, ne);
    if (!entry || !(entry.flags & F.CARDINAL) || entry.n < 2 || entry.n > 9) return 0;
    numerator = entry.n;
  }
  const ds = wordStartAfter(codes, ne, end);
  if (ds < 0) return 0;
  const de = letterRunEnd(codes, ds, end);
  const den = lookup(codes, ds, de);
  if (!den || !(den.flags & (F.FRACTION | F.ORDINAL)) || den.n < 2 || den.n > 10 || den.n <= numerator) return 0;
  // "a second" is a moment; "one and a first" means nothing.
  if (!(den.flags & F.FRACTION) && den.n === 2) return 0;
  if ((numerator > 1) !== ((codes[de - 1] | 32) === 115)) return 0;
  tailEnd = de;
  return numerator / den.n;
}

/**
 * "one in five", "seven out of ten", "3 out of 4" after the number ending at `e`: the atom
 * becomes the fraction.
 */
function ratioAfter(ctx: NumberContext, a: Atom, e: number): boolean {
  const { text, codes, end } = ctx;
  if (codes[e] !== 32 || !a.int || a.value < 1) return false;
  let p = e + 1;
  const inWord = wordAt(codes, p, end, 'in');
  if (inWord && codes[p + 2] === 32) p += 3;
  else if (wordAt(codes, p, end, 'out') && codes[p + 3] === 32 && wordAt(codes, p + 4, end, 'of') && codes[p + 6] === 32) p += 7;
  else return false;
  let den: number;
  let denEnd: number;
  if (isDigit(codes[p])) {
    readDigits(text, codes, p, end);
    if (digitsEnd < 0 || !digitsInt || isLetter(codes[digitsEnd]) || isDigit(codes[digitsEnd])) return false;
    // "2 in 2019" is a count and a year.
    if (inWord && digitsCount === 4 && !digitsGrouped && digitsValue >= 1000 && digitsValue <= 2100) return false;
    den = digitsValue;
    denEnd = digitsEnd;
  } else if (isLetter(codes[p])) {
    denEnd = letterRunEnd(codes, p, end);
    const entry = lookup(codes, p, denEnd);
    if (!entry || !(entry.flags & F.CARDINAL) || entry.flags & F.SCALE) return false;
    den = entry.n;
    const unit = unitAfterTens(codes, den, denEnd, end);
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
  if (u >= 0 && (UNITS.has(codes, u, letterRunEnd(codes, u, end)) || SCALE_WORDS.has(codes, u, letterRunEnd(codes, u, end)))) return false;
  a.kind = 'fraction';
  a.value /= den;
  a.int = false;
  a.end = denEnd;
  return true;
}

/** The scale word after the number word ending at `e` ("twenty two hundred": its "hundred"), or 0. */
function scaleFollows(codes: Codes, e: number, end: number): number {
  let s = wordStartAfter(codes, e, end);
  if (s < 0 && codes[e] === 45 && isLetter(codes[e + 1])) s = e + 1;
  if (s < 0) return 0;
  let se = letterRunEnd(codes, s, end);
  const entry = lookup(codes, s, se);
  if (entry && entry.flags & F.CARDINAL && !(entry.flags & F.SCALE) && entry.n > 0 && entry.n < 10) {
    s = wordStartAfter(codes, se, end);
    if (s < 0) return 0;
    se = letterRunEnd(codes, s, end);
  }
  return SCALE_WORDS.get(codes, s, se) ?? 0;
}

/** Whether "minus" or "negative" stands right before the word at `ws` ("minus one"). */
function signedWord(codes: Codes, ws: number, floor: number): boolean {
  const be = wordEndBefore(codes, ws, floor);
  if (be < 0) return false;
  const bs = letterRunStart(codes, be, floor);
  return isWord(codes, bs, be, 'minus') || (isWord(codes, bs, be, 'negative') && !testedNegative(codes, bs, floor));
}

/** "tested negative 3 times": a test result, not a sign. */
function testedNegative(codes: Codes, ns: number, floor: number): boolean {
  const be = wordEndBefore(codes, ns, floor);
  if (be < 0) return false;
  const bs = letterRunStart(codes, be, floor);
  return isWord(codes, bs, be, 'tested') || isWord(codes, bs, be, 'test') || isWord(codes, bs, be, 'tests') ||
    isWord(codes, bs, be, 'back') || isWord(codes, bs, be, 'proved');
}

/** "twice as many", "three times as much": the comparison belongs to the claim. */
function extendAsMany(codes: Codes, a: Atom, end: number): void {
  const as = wordStartAfter(codes, a.end, end);
  if (as < 0 || !isWord(codes, as, letterRunEnd(codes, as, end), 'as')) return;
  const many = wordStartAfter(codes, as + 2, end);
  if (many < 0) return;
  const manyEnd = letterRunEnd(codes, many, end);
  if (COMPARATIVES.has(codes, many, manyEnd)) a.end = manyEnd;
}

interface Expression {
  start: number;
  end: number;
  min: number;
  max: number;
  bound: Bound;
  kind: string | undefined;
  unit: string | undefined;
  currency: string | undefined;
  factor: number;
  subtype: string | undefined;
  range: boolean;
}

/** The expression being completed: one object reused, since nothing keeps it. */
const expression: Expression = {
  start: 0, end: 0, min: 0, max: 0, bound: Bound.NONE, kind: undefined, unit: undefined, currency: undefined, factor: 1, subtype: undefined, range: false,
};

/** Completes an expression from its first atom and stores it. Returns where to go on. */
function finishExpression(ctx: NumberContext, first: Atom): number {
  const { text, codes, end } = ctx;
  const x = expression;
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

  const cur = first.words ? -1 : currencyBefore(text, codes, first.start, ctx.floor);
  if (cur >= 0) {
    x.start = cur;
    x.currency = currencyCode;
    if (codes[cur] === 0xa2) x.factor = 0.01;
  } else if (first.currency !== undefined) {
    x.currency = first.currency;
  }

  // Dates: "Oct. 3", "June 26, 2024", "5 July 2024", "June 2024".
  if (!first.words && first.int && !first.grouped && cur < 0 && x.kind === undefined && first.scale === 1) {
    if (dateAround(ctx, first)) {
      emit(ctx, dateStart, dateEnd, 'date', undefined, undefined);
      return dateEnd;
    }
  }
  if (x.kind === 'date' || x.kind === 'time') {
    emit(ctx, first.start, first.end, x.kind, undefined, undefined);
    return first.end;
  }

  if (x.kind === undefined || x.kind === 'percent' || x.kind === 'measure' || x.kind === 'duration') {
    if (rangeEnd(ctx, first, x.start)) {
      const second = rangeSecond as Atom;
      x.range = true;
      let lo = first.value;
      let hi = second.value;
      // "5 to 7 million": the scale of the second end applies to the first.
      if (second.scale > 1 && first.scale === 1 && !first.grouped && lo * second.scale <= hi) lo *= second.scale;
      const loYear = first.digits === 4 && first.int && !first.grouped && first.value >= 1000 && first.value <= 2100;
      if (loYear && second.digits === 2 && second.int) hi = Math.floor(lo / 100) * 100 + hi;
      if (hi <= lo && rangeConnector === 'dash' && hi < 100 && lo < 100) {
        x.subtype = 'score';
        x.range = false;
      }
      x.min = lo;
      x.max = hi;
      x.end = second.end;
      x.unit = second.unit ?? x.unit;
      x.kind = second.kind ?? x.kind;
      if (rangeCurrency) x.currency = x.currency ?? rangeCurrency;
      if (rangeConnector === 'between' || rangeConnector === 'from') x.start = rangeLeft;
    } else if (first.kind === undefined && !first.words && first.int) {
      // A dash with no range: phone numbers and codes, not claims.
      if (codes[first.end] === 45 && isDigit(codes[first.end + 1])) return tokenEnd(codes, first.end, end);
    }
  }

  unitAfter(ctx, x);
  if (!x.range && x.unit !== undefined && x.currency === undefined && (x.kind === 'measure' || x.kind === 'duration') &&
    codes[x.end] === 32 && (wordAt(codes, x.end + 1, end, 'to') || wordAt(codes, x.end + 1, end, 'and'))) unitRange(ctx, x);
  // A "+" glued on: "1,000+".
  if (codes[x.end] === 43 && !isDigit(codes[x.end + 1])) {
    x.bound = Bound.MIN;
    x.end++;
  }
  // "or more", "or so", "or fewer"
  const or = x.kind !== 'ordinal' ? wordStartAfter(codes, x.end, end) : -1;
  if (or >= 0 && isWord(codes, or, letterRunEnd(codes, or, end), 'or')) {
    const w2 = wordStartAfter(codes, or + 2, end);
    if (w2 >= 0) {
      const e2 = letterRunEnd(codes, w2, end);
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
    const left = approxBefore(codes, x.start, ctx.floor);
    if (left >= 0) {
      x.start = left;
      if (x.bound === Bound.NONE || x.bound === Bound.APPROX) x.bound = approxBound;
    }
  }
  // "minus 5 degrees"
  const minusEnd = wordEndBefore(codes, x.start, ctx.floor);
  if (minusEnd >= 0 && x.start === first.start) {
    const minusStart = letterRunStart(codes, minusEnd, ctx.floor);
    if (isWord(codes, minusStart, minusEnd, 'minus') || (isWord(codes, minusStart, minusEnd, 'negative') && !testedNegative(codes, minusStart, ctx.floor))) {
      x.start = minusStart;
      const min = x.min;
      x.min = x.range ? -x.max : -min;
      x.max = x.range ? -min : -x.max;
    }
  }
  const sign = codes[x.start - 1];
  if ((sign === 45 || sign === 0x2212) && x.start - 1 >= ctx.floor && !first.words) {
    const before = x.start - 2 >= ctx.start ? codes[x.start - 2] : 32;
    if (CLASS[before] === C.SPACE || before === 40 || x.start - 1 === ctx.start) {
      x.start--;
      const min = x.min;
      x.min = x.range ? -x.max : -min;
      x.max = x.range ? -min : -x.max;
    }
  }
  if (!first.words && x.start === first.start) {
    const le = wordEndBefore(codes, x.start, ctx.floor);
    if (le >= 0) {
      const ls = letterRunStart(codes, le, ctx.floor);
      if (isUpper(codes[ls]) && REFERENCE_WORDS.has(codes, ls, le)) return x.end;
    } else if (codes[x.start - 1] === 32 && codes[x.start - 2] === 46 && x.start - 4 >= ctx.floor &&
      codes[x.start - 4] === 78 && codes[x.start - 3] === 111 && (x.start - 4 === ctx.start || !isLetter(codes[x.start - 5]))) {
      // "No. 1": a rank.
      x.start -= 4;
      x.kind = 'ordinal';
    }
  }

  // "aged 25", "at age 87": an age in years.
  // The word before ends in "age" or "aged".
  const aged = (codes[x.start - 2] | 32) === 100 ? 1 : 0;
  if ((codes[x.start - 2 - aged] | 32) === 101 && (codes[x.start - 3 - aged] | 32) === 103 && x.kind === undefined && !x.range && x.currency === undefined && first.int && x.min >= 0 &&
    x.min < 130 && x.start === first.start) ageBefore(ctx, x);

  // Years: a plain four-digit number from 1000 to 2100 that does not count something.
  if (!x.range && x.subtype === undefined && x.kind === undefined && x.currency === undefined && x.bound === Bound.NONE &&
    !first.words && first.int && !first.grouped && first.digits === 4 && x.min >= 1000 && x.min <= 2100 && first.scale === 1 &&
    isYear(codes, first, ctx)) {
    x.kind = 'year';
  }

  // The counted noun, and a rate after it: "1,000 troops per day", "$2,200 a month".
  let noun: string | undefined;
  let rateUnit: string | undefined;
  const kind = x.kind;
  if (kind !== 'year' && kind !== 'decade' && kind !== 'time' && kind !== 'date' && kind !== 'percent') {
    const hasNoun = countedNoun(codes, x.end, end);
    const nounStart = x.end + 1;
    const nounEnd = nounEndAt;
    const rateFrom = hasNoun && kind !== 'ordinal' && kind !== 'fraction' ? nounEnd : x.end;
    const rate = rateAfter(text, codes, rateFrom, end);
    if (rate && (kind === undefined || kind === 'measure')) {
      rateUnit = `per ${rateNoun}`;
      if (hasNoun && rateFrom !== x.end) {
        noun = text.slice(nounStart, nounEnd);
        rateUnit = `${noun} per ${rateNoun}`;
      }
      x.end = rateEnd;
      x.subtype = 'rate';
    } else if (hasNoun && (kind === undefined || kind === 'ordinal') && x.currency === undefined) {
      noun = text.slice(nounStart, nounEnd);
    }
  }

  if (x.subtype === undefined) {
    if (x.range) x.subtype = 'range';
    else if (x.currency !== undefined) x.subtype = 'money';
    else if (kind === 'decade') x.subtype = 'year';
    else x.subtype = kind ?? 'count';
  }
  if (kind === 'multiple' && x.subtype === 'range') x.subtype = 'multiple';

  let value: number | NumericRange | undefined;
  const min = x.min * x.factor;
  const max = x.max * x.factor;
  if (kind === 'decade' || x.subtype === 'score' || !Number.isFinite(min)) value = undefined;
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
  emit(ctx, x.start, x.end, x.subtype, value, noun);
  return x.end;
}

/** Units, percent and currency words written after the expression ("12 percent", "40 dollars"). */
function unitAfter(ctx: NumberContext, x: Expression): void {
  const { text, codes, end } = ctx;
  const kind = x.kind;
  if (kind === 'ordinal' || kind === 'decade' || kind === 'fraction' || kind === 'multiple') return;
  if (kind === undefined && x.currency === undefined) {
    // "10 €", "10€": the symbol after the figure, not before the next one.
    const p = codes[x.end] === 32 ? x.end + 1 : x.end;
    const sym = codes[p];
    if (CLASS[sym] === C.CURRENCY && !isDigit(codes[p + 1]) && !(codes[p + 1] === 32 && isDigit(codes[p + 2]))) {
      x.currency = SYMBOLS.get(sym) ?? 'USD';
      if (sym === 0xa2) x.factor = 0.01;
      x.end = p + 1;
      return;
    }
  }
  const hyphenated = codes[x.end] === 45 && x.end + 1 < end && isLetter(codes[x.end + 1]);
  const s = hyphenated ? x.end + 1 : wordStartAfter(codes, x.end, end);
  if (s < 0) return;
  const e = letterRunEnd(codes, s, end);
  if (kind === undefined && (isWord(codes, s, e, 'per') || isWord(codes, s, e, 'percentage') || isWord(codes, s, e, 'basis'))) {
    const s2 = wordStartAfter(codes, e, end);
    if (s2 < 0) return;
    const e2 = letterRunEnd(codes, s2, end);
    if (isWord(codes, s, e, 'per')) {
      if (isWord(codes, s2, e2, 'cent')) {
        x.kind = 'percent';
        x.unit = '%';
        x.end = e2;
      }
    } else if (isWord(codes, s2, e2, 'point') || isWord(codes, s2, e2, 'points')) {
      x.kind = 'percent';
      x.unit = isWord(codes, s, e, 'basis') ? 'basis points' : 'percentage points';
      x.end = e2;
    }
    return;
  }
  if (!hyphenated && kind === undefined) {
    const money = CURRENCY_WORDS.get(codes, s, e);
    if (money) {
      x.currency = x.currency ?? money[0];
      x.factor = money[1];
      x.end = e;
      if (money[1] === 1) centsAfter(ctx, x);
      return;
    }
    if (isUpper(codes[s]) && countryCurrency(ctx, x, s, e)) return;
    if (e - s === 3 && isUpper(codes[s]) && CURRENCY_CODES.has(text.slice(s, e))) {
      x.currency = x.currency ?? text.slice(s, e);
      x.end = e;
      return;
    }
    if (x.currency === undefined && isWord(codes, s, e, 'pounds') && wordAt(codes, e + 1, end, 'sterling')) {
      x.currency = 'GBP';
      x.end = e + 9;
      return;
    }
  }
  if (x.currency === undefined && (kind === undefined || kind === 'percent')) {
    const u = UNITS.get(codes, s, e);
    if (u) {
      if (u.kind === 'percent') {
        if (kind === undefined) {
          x.kind = 'percent';
          x.unit = '%';
          x.end = e;
        }
        return;
      }
      if (kind !== undefined) return;
      const ageUnit = u.unit === 'year' || u.unit === 'month' || u.unit === 'week' || u.unit === 'day';
      if (hyphenated && ageUnit && codes[e] === 45 && isWord(codes, e + 1, letterRunEnd(codes, e + 1, end), 'old')) {
        // "5-year-old", "8-month-old": an age.
        x.kind = 'age';
        x.unit = u.unit;
        x.end = e + 4;
        return;
      }
      x.kind = u.kind;
      x.unit = u.unit;
      x.end = e;
      if (u.kind === 'measure') unitTail(ctx, x, u);
      if (!x.range && x.unit === u.unit && SUBUNITS.has(u.unit)) subunitAfter(ctx, x, u.unit);
      // "25 years old", "ten months old": an age.
      const old = ageUnit ? wordStartAfter(codes, e, end) : -1;
      if (old >= 0 && isWord(codes, old, letterRunEnd(codes, old, end), 'old')) {
        x.kind = 'age';
        x.end = old + 3;
      } else if (old >= 0 && wordAt(codes, old, end, 'of') && codes[old + 2] === 32 && wordAt(codes, old + 3, end, 'age')) {
        // "3 years of age"
        x.kind = 'age';
        x.end = old + 6;
      }
      return;
    }
    const f = codes[s] | 32;
    if (kind === undefined && (f === 115 || f === 99 || f === 110 || f === 109) &&
      (isWord(codes, s, e, 'square') || isWord(codes, s, e, 'sq') || isWord(codes, s, e, 'cubic') || isWord(codes, s, e, 'nautical') || isWord(codes, s, e, 'metric'))) {
      const s2 = wordStartAfter(codes, e, end);
      const u2 = s2 >= 0 ? UNITS.get(codes, s2, letterRunEnd(codes, s2, end)) : undefined;
      if (u2 && u2.kind === 'measure') {
        x.kind = 'measure';
        x.unit = isWord(codes, s, e, 'nautical') ? 'nmi' : isWord(codes, s, e, 'metric') ? u2.unit : isWord(codes, s, e, 'cubic') ? `${u2.unit}³` : `${u2.unit}²`;
        x.end = letterRunEnd(codes, s2, end);
        return;
      }
    }
  }
  if (hyphenated) {
    if (isWord(codes, s, e, 'plus')) {
      x.bound = Bound.MIN;
      x.end = e;
    } else if (isWord(codes, s, e, 'odd')) {
      x.bound = Bound.APPROX;
      x.end = e;
    } else if (isWord(codes, s, e, 'fold')) {
      x.kind = 'multiple';
      x.end = e;
    }
  }
}

/** "50 Swiss francs", "10 US dollars", "5 Hong Kong dollars": the country's word at [s, e). */
function countryCurrency(ctx: NumberContext, x: Expression, s: number, e: number): boolean {
  const { codes, end } = ctx;
  const countries = CURRENCY_COUNTRIES.get(codes, s, e);
  const s2 = countries ? wordStartAfter(codes, e, end) : -1;
  if (!countries || s2 < 0) return false;
  let e2 = letterRunEnd(codes, s2, end);
  for (const [noun, code] of countries) {
    const plural = (codes[e2 - 1] | 32) === 115 ? e2 - 1 : e2;
    if (!isWord(codes, s2, plural, noun) && !isWord(codes, s2, e2, noun)) continue;
    if (code === 'HKD') {
      const s3 = wordStartAfter(codes, e2, end);
      const e3 = s3 >= 0 ? letterRunEnd(codes, s3, end) : -1;
      if (s3 < 0 || !(isWord(codes, s3, e3, 'dollar') || isWord(codes, s3, e3, 'dollars'))) return false;
      e2 = e3;
    }
    x.currency = x.currency ?? code;
    x.end = e2;
    return true;
  }
  return false;
}

/** "3 dollars 50 cents", "5 pounds and 20 pence": the smaller coin after the amount. */
function centsAfter(ctx: NumberContext, x: Expression): void {
  const { text, codes, end } = ctx;
  let p = x.end + 1;
  if (codes[x.end] !== 32) return;
  if (wordAt(codes, p, end, 'and') && codes[p + 3] === 32) p += 4;
  if (!isDigit(codes[p])) return;
  readDigits(text, codes, p, end);
  if (digitsEnd < 0 || !digitsInt || digitsValue >= 100 || codes[digitsEnd] !== 32) return;
  const cents = digitsValue;
  const w = digitsEnd + 1;
  const we = letterRunEnd(codes, w, end);
  const coin = CURRENCY_WORDS.get(codes, w, we);
  if (!coin || coin[1] !== 0.01) return;
  x.min += cents / 100;
  x.max += cents / 100;
  x.end = we;
}

/** How many of the smaller unit make one of the larger: "5 feet 2 inches", "2 hours and 15 minutes". */
const SUBUNITS = new Map<string, [string, number]>([
  ['ft', ['in', 12]], ['hour', ['minute', 60]], ['minute', ['second', 60]], ['day', ['hour', 24]], ['year', ['month', 12]],
  ['week', ['day', 7]], ['lb', ['oz', 16]], ['m', ['cm', 100]], ['kg', ['g', 1000]], ['km', ['m', 1000]], ['mi', ['yd', 1760]],
]);

/** The smaller unit after a measure: "5 feet 2 inches", "1 hour and 15 minutes" (value in the larger unit). */
function subunitAfter(ctx: NumberContext, x: Expression, unit: string): void {
  const { text, codes, end } = ctx;
  const sub = SUBUNITS.get(unit) as [string, number];
  if (codes[x.end] !== 32 && codes[x.end] !== 44) return;
  let p = codes[x.end] === 44 ? x.end + 2 : x.end + 1;
  if (codes[p - 1] !== 32) return;
  if (wordAt(codes, p, end, 'and') && codes[p + 3] === 32) p += 4;
  let n: number;
  let ne: number;
  if (isDigit(codes[p])) {
    readDigits(text, codes, p, end);
    if (digitsEnd < 0 || digitsGrouped || codes[digitsEnd] !== 32) return;
    n = digitsValue;
    ne = digitsEnd;
  } else if (isLetter(codes[p])) {
    ne = letterRunEnd(codes, p, end);
    const entry = lookup(codes, p, ne);
    if (!entry || !(entry.flags & F.CARDINAL) || entry.flags & F.SCALE) return;
    n = entry.n;
    if (n >= 20 && n % 10 === 0 && (codes[ne] === 45 || codes[ne] === 32) && isLetter(codes[ne + 1])) {
      const ue = letterRunEnd(codes, ne + 1, end);
      const one = lookup(codes, ne + 1, ue);
      if (one && one.flags & F.CARDINAL && one.n > 0 && one.n < 10) {
        n += one.n;
        ne = ue;
      }
    }
    if (codes[ne] !== 32) return;
  } else {
    return;
  }
  if (!(n < sub[1])) return;
  const us = ne + 1;
  const ue = letterRunEnd(codes, us, end);
  const u = UNITS.get(codes, us, ue);
  if (!u || u.unit !== sub[0]) return;
  x.min += n / sub[1];
  x.max += n / sub[1];
  x.end = ue;
}

/** "aged 25", "at age 87": the word before the number makes it an age in years. */
function ageBefore(ctx: NumberContext, x: Expression): void {
  const { codes, end } = ctx;
  const ae = wordEndBefore(codes, x.start, ctx.floor);
  if (ae >= 0 && ((codes[ae - 1] | 32) === 101 || (codes[ae - 1] | 32) === 100)) {
    const as = letterRunStart(codes, ae, ctx.floor);
    const n = wordStartAfter(codes, x.end, end);
    const ne = n >= 0 ? letterRunEnd(codes, n, end) : -1;
    const counted = n >= 0 && CLASS[codes[n]] === C.LOWER && isPlural(codes, n, ne) && !FUNCTION_WORDS.has(codes, n, ne);
    if (!counted && (isWord(codes, as, ae, 'aged') || isWord(codes, as, ae, 'age'))) {
      x.kind = 'age';
      x.unit = 'year';
      x.start = as;
    }
  }
}

/** "from 30 degrees to 40 degrees", "between 2 kg and 5 kg": a range with the unit on both ends. */
function unitRange(ctx: NumberContext, x: Expression): void {
  const { codes, end } = ctx;
  const w = wordStartAfter(codes, x.end, end);
  if (w < 0) return;
  const we = letterRunEnd(codes, w, end);
  const pe = wordEndBefore(codes, x.start, ctx.floor);
  const ps = pe >= 0 ? letterRunStart(codes, pe, ctx.floor) : -1;
  const from = pe >= 0 && isWord(codes, ps, pe, 'from');
  const between = pe >= 0 && isWord(codes, ps, pe, 'between');
  if (!(((from || between) && isWord(codes, w, we, 'to')) || ((between || from) && isWord(codes, w, we, 'and')))) return;
  if (codes[we] !== 32) return;
  let q = we + 1;
  // "and about 0.007 kg"
  const ae = letterRunEnd(codes, q, end);
  if (ae > q && (isWord(codes, q, ae, 'about') || isWord(codes, q, ae, 'around')) && codes[ae] === 32) q = ae + 1;
  const floor = ctx.floor;
  ctx.floor = q;
  let second: Atom | null = null;
  if (isDigit(codes[q])) {
    second = digitAtom(ctx, q, SECOND);
  } else if (isLetter(codes[q])) {
    const qe = letterRunEnd(codes, q, end);
    const entry = lookup(codes, q, qe);
    if (entry && entry.flags & F.CARDINAL && !(entry.flags & F.SCALE)) second = cardinalAtom(ctx, atom(SECOND, q, qe, entry.n, true), q, qe, entry);
  }
  ctx.floor = floor;
  if (!second || second.kind !== undefined || !(second.value > x.max)) return;
  const u = wordStartAfter(codes, second.end, end);
  if (u < 0) return;
  const ue = letterRunEnd(codes, u, end);
  const unit = UNITS.get(codes, u, ue);
  const firstUnit = x.unit ?? '';
  if (!unit || !(unit.unit === firstUnit || (unit.unit === '°' && firstUnit.charCodeAt(0) === 0xb0))) return;
  x.range = true;
  x.max = second.value;
  x.start = ps;
  x.end = ue;
  // "degrees Celsius" after the second end
  if (unit.unit === '°') {
    const saved = x.unit;
    x.end = ue;
    unitTail(ctx, x, unit);
    if (x.unit === '°') x.unit = saved;
  }
}

/** After a unit word: "degrees Celsius", "degrees F", "km/h", "km²", "km2". */
function unitTail(ctx: NumberContext, x: Expression, u: Unit): void {
  const { codes, end } = ctx;
  const e = x.end;
  const c = codes[e];
  if (u.unit === '°') {
    const s = wordStartAfter(codes, e, end);
    if (s < 0) return;
    const se = letterRunEnd(codes, s, end);
    const scale = UNITS.get(codes, s, se);
    if (scale !== undefined && (scale.unit === '°C' || scale.unit === '°F')) {
      x.unit = scale.unit;
      x.end = se;
    } else if (se - s === 1 && ((codes[s] | 32) === 99 || (codes[s] | 32) === 102) && (se >= end || !isDigit(codes[se]))) {
      x.unit = (codes[s] | 32) === 99 ? '°C' : '°F';
      x.end = se;
    }
    return;
  }
  if (c === 47 && isLetter(codes[e + 1])) {
    // "km/h", "km/hr", "m/s"
    const pe = letterRunEnd(codes, e + 1, end);
    const per = isWord(codes, e + 1, pe, 'h') || isWord(codes, e + 1, pe, 'hr') ? 'h' : isWord(codes, e + 1, pe, 's') ? 's' : '';
    if (per !== '') {
      x.unit = `${u.unit}/${per}`;
      x.end = pe;
    }
    return;
  }
  if ((c === 0xb2 || c === 0xb3 || c === 50 || c === 51) && !isDigit(codes[e + 1]) && !isLetter(codes[e + 1])) {
    x.unit = `${u.unit}${c === 0xb2 || c === 50 ? '²' : '³'}`;
    x.end = e + 1;
  }
}

function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

function emit(ctx: NumberContext, start: number, end: number, subtype: string, value: number | NumericRange | undefined, noun: string | undefined): void {
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

/** The bound set by the phrase `approxBefore` found. */
let approxBound = Bound.NONE;

/** Start of an approximation phrase ending right before `i` (bound in `approxBound`), or -1. */
function approxBefore(codes: Codes, i: number, floor: number): number {
  const c = codes[i - 1];
  if (i - 1 >= floor) {
    if (c === 0x7e || c === 0x2248) return setBound(i - 1, Bound.APPROX);
    if (c === 62 || c === 0x2265) return setBound(i - 1, Bound.MIN);
    if (c === 60 || c === 0x2264) return setBound(i - 1, Bound.MAX);
  }
  // "approx. 30", "c. 1900", "est. 500"
  if (c === 32 && codes[i - 2] === 46) {
    const we = i - 2;
    const ws = letterRunStart(codes, we, floor);
    if (ws < we && (isWord(codes, ws, we, 'approx') || isWord(codes, ws, we, 'c') || isWord(codes, ws, we, 'est'))) return setBound(ws, Bound.APPROX);
    return -1;
  }
  const e1 = wordEndBefore(codes, i, floor);
  if (e1 < 0) return -1;
  const s1 = letterRunStart(codes, e1, floor);
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
      const ws = letterRunStart(codes, e, floor);
      if (!isWord(codes, ws, e, words[k])) {
        ok = false;
        break;
      }
      s = ws;
    }
    if (ok) return setBound(s, bound);
  }
  return -1;
}

function setBound(start: number, bound: Bound): number {
  approxBound = bound;
  return start;
}

// What `rangeEnd` found.
let rangeSecond: Atom | null = null;
let rangeConnector: 'dash' | 'to' | 'between' | 'from' | 'or' = 'dash';
let rangeLeft = 0;
let rangeCurrency: string | undefined;

/** Whether a range's second end follows `first` ("10-12", "10 to 12", "between 11 and 12"). */
function rangeEnd(ctx: NumberContext, first: Atom, startPos: number): boolean {
  const { text, codes, end } = ctx;
  const j = first.end;
  const c = codes[j];
  let s: number;
  rangeLeft = j;
  if ((c === 45 || c === 0x2013 || c === 0x2014) && !first.words) {
    s = j + 1;
    rangeConnector = 'dash';
  } else if (c === 32 && (codes[j + 1] === 0x2013 || codes[j + 1] === 45) && codes[j + 2] === 32 && !first.words &&
    (isDigit(codes[j + 3]) || CLASS[codes[j + 3]] === C.CURRENCY)) {
    // A spaced dash between figures: 1000 - 5000, 10 – 12
    s = j + 3;
    rangeConnector = 'dash';
  } else {
    const w = wordStartAfter(codes, j, end);
    if (w < 0) return false;
    const we = letterRunEnd(codes, w, end);
    const pe = wordEndBefore(codes, startPos, ctx.floor);
    const ps = pe >= 0 ? letterRunStart(codes, pe, ctx.floor) : -1;
    if (isWord(codes, w, we, 'to') || isWord(codes, w, we, 'through') || isWord(codes, w, we, 'thru')) rangeConnector = pe >= 0 && isWord(codes, ps, pe, 'from') ? 'from' : 'to';
    else if (isWord(codes, w, we, 'and') && pe >= 0 && isWord(codes, ps, pe, 'between')) rangeConnector = 'between';
    else if (isWord(codes, w, we, 'or')) rangeConnector = 'or';
    else return false;
    if (codes[we] !== 32) return false;
    s = we + 1;
    if (rangeConnector === 'from' || rangeConnector === 'between') rangeLeft = ps;
  }
  if (s >= end) return false;
  let q = s;
  rangeCurrency = undefined;
  const cc = codes[q];
  if (CLASS[cc] === C.CURRENCY && isDigit(codes[q + 1])) {
    rangeCurrency = SYMBOLS.get(cc);
    q++;
  }
  const connector = rangeConnector;
  const left = rangeLeft;
  const currency = rangeCurrency;
  let second: Atom | null = null;
  const floor = ctx.floor;
  if (isDigit(codes[q])) {
    if (first.words) return false;
    if (connector === 'dash') {
      // Phone numbers (555-1234) and codes are not ranges.
      readDigits(text, codes, q, end);
      if (digitsEnd < 0) return false;
      // "555-1234" is a phone number, "100-1000 litres" a range.
      if (first.digits === 3 && digitsCount === 4 && !first.grouped && !digitsGrouped) {
        const u = wordStartAfter(codes, digitsEnd, end);
        if (u < 0 || !UNITS.has(codes, u, letterRunEnd(codes, u, end))) return false;
      }
      if (codes[digitsEnd] === 45 && isDigit(codes[digitsEnd + 1])) return false;
    }
    ctx.floor = q;
    second = digitAtom(ctx, q, SECOND);
    ctx.floor = floor;
    if (!second || second.kind === 'time' || second.kind === 'date' || second.kind === 'ordinal' || second.kind === 'decade') return false;
  } else if (connector !== 'dash' && isLetter(codes[q])) {
    const we = letterRunEnd(codes, q, end);
    const entry = lookup(codes, q, we);
    if (!entry || !(entry.flags & F.CARDINAL)) return false;
    // "5 to 7 million"; "between 5 and six" too.
    if (!first.words && !(entry.flags & F.SCALE) && connector !== 'between' && connector !== 'from') return false;
    ctx.floor = q;
    second = cardinalAtom(ctx, atom(SECOND, q, we, entry.n, true), q, we, entry);
    ctx.floor = floor;
  }
  if (!second) return false;
  if (connector === 'or' && !(first.value < second.value && second.value <= 100)) return false;
  if (connector !== 'dash' && connector !== 'or' && !(first.value < second.value || (second.scale > 1 && first.scale === 1))) return false;
  // "10 to 12%" shares the unit; "rose 15% to $3.2bn" is a change, not a range.
  if (first.kind !== undefined && first.kind !== second.kind) return false;
  if (first.kind === 'percent' && (currency !== undefined || currencyBefore(text, codes, second.start, q - 1) >= 0)) return false;
  rangeSecond = second;
  rangeConnector = connector;
  rangeLeft = left;
  rangeCurrency = currency;
  return true;
}

// What `dateAround` found.
let dateStart = 0;
let dateEnd = 0;

/** Whether a plain integer is part of a date; its bounds go to `dateStart`/`dateEnd`. */
function dateAround(ctx: NumberContext, a: Atom): boolean {
  const { codes, end } = ctx;
  const v = a.value;
  // Month before: "Oct. 3", "June 26", "June 2024", "July 5, 2024".
  const p = a.start - 1;
  const sp = codes[p];
  if (p > ctx.floor && (sp === 32 || sp === 0xa0)) {
    const q = codes[p - 1] === 46 ? p - 1 : p;
    const ms = letterRunStart(codes, q, ctx.floor);
    if (ms < q && isUpper(codes[ms])) {
      const month = MONTHS.get(codes, ms, q);
      const abbreviated = q < p;
      if (month !== undefined && (!abbreviated || q - ms <= 4) && (abbreviated || q - ms >= 3)) {
        if (a.digits === 4 && v >= 1000 && v <= 2100) {
          dateStart = ms;
          dateEnd = a.end;
          return true;
        }
        if (a.digits <= 2 && v >= 1 && v <= 31) {
          let e = a.end;
          if (e + 2 <= end && ORDINAL_SUFFIXES.has(codes, e, e + 2) && !isLetter(codes[e + 2])) e += 2;
          dateStart = ms;
          dateEnd = e + yearAfter(codes, e, end);
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
    if (w >= 0 && isWord(codes, w, letterRunEnd(codes, w, end), 'of')) w = wordStartAfter(codes, w + 2, end);
    if (w >= 0 && isUpper(codes[w])) {
      const we = letterRunEnd(codes, w, end);
      if (we - w >= 3 && MONTHS.has(codes, w, we)) {
        let me = we;
        if (codes[me] === 46 && we - w <= 4) me++;
        dateStart = a.start;
        dateEnd = me + yearAfter(codes, me, end);
        return true;
      }
    }
  }
  return false;
}

/** Length of ", 2024" or " 2024" after a day, or 0. */
function yearAfter(codes: Codes, i: number, end: number): number {
  let p = i;
  if (codes[p] === 44) p++;
  if (codes[p] !== 32) return 0;
  p++;
  for (let k = 0; k < 4; k++) if (!isDigit(codes[p + k])) return 0;
  if (p + 4 > end || isDigit(codes[p + 4])) return 0;
  return p + 4 - i;
}

function isYear(codes: Codes, a: Atom, ctx: NumberContext): boolean {
  const pe = wordEndBefore(codes, a.start, ctx.floor);
  if (pe >= 0 && YEAR_CONTEXT.has(codes, letterRunStart(codes, pe, ctx.floor), pe)) return true;
  const n = wordStartAfter(codes, a.end, ctx.end);
  if (n < 0) return true;
  const ne = letterRunEnd(codes, n, ctx.end);
  if (FUNCTION_WORDS.has(codes, n, ne)) return true;
  // "1500 troops" counts; "2024 elections" after "the" was caught above.
  return !(CLASS[codes[n]] === C.LOWER && ne - n > 3 && isPlural(codes, n, ne));
}

function isPlural(codes: Codes, s: number, e: number): boolean {
  return (codes[e - 1] | 32) === 115 && (codes[e - 2] | 32) !== 115 && e - s > 2;
}

/** End of the noun found by `countedNoun`. */
let nounEndAt = 0;

/**
 * Whether a counted noun follows the number (one space after `i`): up to three words
 * ending at the first plural ("troops", "North Korean officers"). Its end goes to `nounEndAt`.
 */
function countedNoun(codes: Codes, i: number, end: number): boolean {
  const s = wordStartAfter(codes, i, end);
  if (s < 0) return false;
  const e1 = letterRunEnd(codes, s, end);
  if (FUNCTION_WORDS.has(codes, s, e1) || UNITS.has(codes, s, e1) || SCALE_WORDS.has(codes, s, e1)) return false;
  let e = e1;
  let words = 1;
  let plural = isPlural(codes, s, e1);
  while (words < 3 && !plural) {
    const n = wordStartAfter(codes, e, end);
    if (n < 0) break;
    const ne = letterRunEnd(codes, n, end);
    if (FUNCTION_WORDS.has(codes, n, ne) || RATE_NOUNS.has(codes, n, ne)) break;
    const nPlural = isPlural(codes, n, ne);
    if (!nPlural && (words === 2 || !isUpper(codes[n]))) break;
    e = ne;
    plural = nPlural;
    words++;
  }
  nounEndAt = !plural && words > 1 ? e1 : e;
  return true;
}

// What `rateAfter` found.
let rateEnd = 0;
let rateNoun = '';

/** Whether "per day", "a month", "each year" or "/day" follows `i`. */
function rateAfter(text: ParagraphText, codes: Codes, i: number, end: number): boolean {
  if (codes[i] === 47) {
    const e = letterRunEnd(codes, i + 1, end);
    if (e === i + 1) return false;
    if (RATE_NOUNS.has(codes, i + 1, e)) {
      rateNoun = text.slice(i + 1, e).toLowerCase();
    } else if (isWord(codes, i + 1, e, 'yr')) {
      rateNoun = 'year';
    } else if (isWord(codes, i + 1, e, 'mo')) {
      rateNoun = 'month';
    } else {
      return false;
    }
    rateEnd = e;
    return true;
  }
  const w = wordStartAfter(codes, i, end);
  if (w < 0) return false;
  const we = letterRunEnd(codes, w, end);
  const per = isWord(codes, w, we, 'per');
  if (!per && !isWord(codes, w, we, 'a') && !isWord(codes, w, we, 'an') && !isWord(codes, w, we, 'each') && !isWord(codes, w, we, 'every')) return false;
  const n = wordStartAfter(codes, we, end);
  if (n < 0) return false;
  const ne = letterRunEnd(codes, n, end);
  if (!RATE_NOUNS.has(codes, n, ne)) return false;
  if (!per && !UNITS.has(codes, n, ne) && !isWord(codes, n, ne, 'head') && !isWord(codes, n, ne, 'person') && !isWord(codes, n, ne, 'night')) return false;
  if (isWord(codes, n, ne, 'second') && isWord(codes, w, we, 'a')) return false;
  rateEnd = ne;
  rateNoun = text.slice(n, ne).toLowerCase();
  return true;
}

/**
 * A number starting with a digit at `i`. Returns the offset to resume scanning from.
 *
 * @param ctx - Scan state; detections go to `ctx.out`
 * @param i - Offset of the first digit
 */
export function numberAtDigit(ctx: NumberContext, i: number): number {
  forgetRuns();
  const { text, codes, start, end } = ctx;
  const prev = i > start ? codes[i - 1] : 32;
  const pk = CLASS[prev];
  if (pk === C.UPPER || pk === C.LOWER) {
    // Digits inside a word are an identifier (A4, G7, mp3) unless a space was lost
    // before a grouped figure ("amassing1,530").
    const ls = letterRunStart(codes, i, start);
    readDigits(text, codes, i, end);
    const glued = i - ls >= 4 && digitsGrouped && digitsEnd > 0 && pk === C.LOWER && !isLetter(codes[digitsEnd]);
    // A currency code written onto the figure ("USD115", "GBP3.01", "Rs20") is money.
    const code = ((i - ls === 3 && pk === C.UPPER) || (i - ls === 2 && prev === 115)) && digitsEnd > 0 && !isLetter(codes[digitsEnd]) &&
      !isDigit(codes[digitsEnd]) && currencyBefore(text, codes, i, start) === ls;
    if (!glued && !code) return tokenEnd(codes, i, end);
  } else if (pk === C.DASH && i - 1 > start) {
    const before = codes[i - 2];
    if (isLetter(before)) {
      // COVID-19, F-16, Su-34 are names; mid-2024 is a year.
      const ls = letterRunStart(codes, i - 1, start);
      const we = i - 1;
      if (!(isWord(codes, ls, we, 'mid') || isWord(codes, ls, we, 'pre') || isWord(codes, ls, we, 'post') || isWord(codes, ls, we, 'late') || isWord(codes, ls, we, 'early'))) {
        return tokenEnd(codes, i, end);
      }
    } else if (isDigit(before)) {
      return tokenEnd(codes, i, end);
    }
  } else if ((prev === 46 || prev === 95 || prev === 47 || prev === 35 || prev === 64 || prev === 58 || prev === 44) && i - 1 > start &&
    CLASS[codes[i - 2]] !== C.SPACE) {
    const b = codes[i - 2];
    if (isLetter(b) || isDigit(b) || prev === 35 || prev === 64) return tokenEnd(codes, i, end);
  }
  if (i - start < 8 && isListNumber(codes, i, start, end)) {
    let e = i;
    while (isDigit(codes[e])) e++;
    return e + 1;
  }
  const a = digitAtom(ctx, i, FIRST);
  if (!a) return Math.max(skipTo, i + 1);
  // ".75 percent", "$.50": a decimal written without its leading zero.
  if (prev === 46 && i - 1 >= ctx.floor && a.int && !a.grouped && a.kind !== 'date' && a.kind !== 'time' && a.kind !== 'ordinal' &&
    (i - 1 === start || CLASS[codes[i - 2]] === C.SPACE || CLASS[codes[i - 2]] === C.CURRENCY || codes[i - 2] === 40)) {
    a.start = i - 1;
    a.value /= 10 ** a.digits;
    a.int = false;
  }
  // '90s: the apostrophe stands for the century.
  if (a.kind === 'decade' && a.digits === 2 && i - 1 >= ctx.floor && (prev === 39 || prev === 0x2019 || prev === 0x2018)) {
    a.start = i - 1;
  }
  return finishExpression(ctx, a);
}

/**
 * A number written in words starting at [ws, we) (`entry` from the lexicon). Returns the
 * offset to resume scanning from.
 */
export function numberAtWord(ctx: NumberContext, ws: number, we: number, entry: Entry): number {
  forgetRuns();
  if (ws < ctx.floor) return we;
  const a = wordAtom(ctx, ws, we, entry);
  if (!a) return we;
  return Math.max(finishExpression(ctx, a), we);
}

/** "1." or "2)" opening a paragraph or list item: numbering, not a claim. */
function isListNumber(codes: Codes, i: number, start: number, end: number): boolean {
  let p = skipSpaces(codes, start, end);
  const c = codes[p];
  if (c === 45 || c === 42 || c === 0x2022) p = skipSpaces(codes, p + 1, end);
  if (codes[p] === 40) p++;
  if (p !== i) return false;
  let e = i;
  while (e < end && isDigit(codes[e])) e++;
  if (e - i > 3) return false;
  const after = codes[e];
  return (after === 46 || after === 41) && (e + 1 >= end || isSpace(codes[e + 1]));
}

const FURNITURE = /^(?:posted|published|updated|last updated|copyright|©|\(c\)|page \d|photo|image|credit|url\b|https?:|www\.)/i;

/**
 * Whether `c` can open a `FURNITURE` prefix: p, u, l, c, i, h, w in either case, "©" or "(".
 * Most paragraphs start with none of them, and then the regex and its slice are skipped.
 */
function opensFurniture(c: number): boolean {
  const l = c | 32;
  return l === 112 || l === 117 || l === 108 || l === 99 || l === 105 || l === 104 || l === 119 || c === 0xa9 || c === 40;
}

/** A letterless paragraph that is furniture: a page number ("12", "- 12 -") or a page counter ("3/12"). */
const PAGE_NUMBER = /^(?:[-\u2013\u2014|]\s*\d{1,4}\s*[-\u2013\u2014|]|\(\d{1,4}\)|\[\d{1,4}\]|\d{1,4}(?:\s*\/\s*\d{1,4})?)\s*$/;

/**
 * Whether the paragraph is page furniture (a byline date, a copyright line, a page number),
 * whose numbers are not claims. A paragraph without letters is furniture only when it is a
 * page number or counter: "$20", "7%" or "1,234,567" alone are still claims.
 */
export function isFurniture(text: ParagraphText, codes: Codes, start: number, end: number): boolean {
  if (end - start > 160) return false;
  const s = skipSpaces(codes, start, end);
  if (opensFurniture(codes[s]) && FURNITURE.test(text.slice(s, Math.min(end, s + 20)))) return true;
  if (end - s > 16) return false;
  for (let i = s; i < end; i++) {
    const k = CLASS[codes[i]];
    if (k === C.UPPER || k === C.LOWER) return false;
  }
  return PAGE_NUMBER.test(text.slice(s, end));
}

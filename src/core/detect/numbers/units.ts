/**
 * Units after the figure: measures, durations and percent words ("12 percent", "5 km",
 * "25 years old"), with their tails ("degrees Celsius", "km/h", "m²") and smaller units
 * ("5 feet 2 inches").
 */
import { C, CLASS, WordTable, isDigit, isLetter, isUpper, isWord, wordAt, wordStartAfter } from '../text';
import { F, lookup } from '../lexicon';
import { Bound, type Expression, type NumberReader, letterRunEnd } from './reader';
import { CURRENCY_CODES, CURRENCY_WORDS, SYMBOLS, centsAfter, countryCurrency } from './currency';
import { readDigits } from './digits';
import { Case, Ch } from '../chars';

export interface Unit {
  unit: string;
  kind: 'measure' | 'duration' | 'percent';
}

export const unitList: Array<[string, Unit]> = [];

export function units(kind: Unit['kind'], unit: string, words: string): void {
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

// An earthquake's magnitude: "a 7.8-magnitude earthquake".
units('measure', 'magnitude', 'magnitude');

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
units('measure', 'hp', 'hp bhp horsepower');
units('measure', 'nm', 'nm nanometre nanometres nanometer nanometers');
units('measure', 'W', 'watt watts');
units('measure', 'Hz', 'hz hertz');
units('measure', 'kHz', 'khz kilohertz');
units('measure', 'MHz', 'mhz megahertz');
units('measure', 'GHz', 'ghz gigahertz');
units('measure', 'kbit/s', 'kbps');
units('measure', 'Mbit/s', 'mbps');
units('measure', 'Gbit/s', 'gbps');

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

export const UNITS = new WordTable<Unit>(unitList);

/** Units written straight onto the digits ("5km", "10am"), with the word they stand for. */
export const GLUED = new WordTable<Unit>(
  ['km', 'kg', 'cm', 'mm', 'mph', 'kph', 'kmh', 'ft', 'lb', 'lbs', 'oz', 'mi', 'mw', 'gw', 'kw', 'kwh', 'gwh', 'twh',
    'gb', 'tb', 'mb', 'ml', 'mls', 'gal', 'kmph', 'h', 'hr', 'hrs', 'min', 'mins', 'yrs', 'ha', 'bbl', 'mg', 'hp', 'bhp', 'hz', 'khz', 'mhz',
    'ghz', 'kbps', 'mbps', 'gbps'].map((w): [string, Unit] => [w, UNITS.getWord(w) as Unit])
    .concat([['m', { unit: 'm', kind: 'measure' }], ['g', { unit: 'g', kind: 'measure' }], ['l', { unit: 'l', kind: 'measure' }],
      ['t', { unit: 't', kind: 'measure' }], ['w', { unit: 'W', kind: 'measure' }],
      // "5pc": per cent, as British papers write it.
      ['pc', { unit: '%', kind: 'percent' }]]),
);

/** Units, percent and currency words written after the expression ("12 percent", "40 dollars"). */
export function unitAfter(ctx: NumberReader, x: Expression): void {
  const { text, codes, end } = ctx;
  const kind = x.kind;
  if (kind === 'ordinal' || kind === 'decade' || kind === 'fraction' || kind === 'multiple') return;
  if (kind === undefined && x.currency === undefined) {
    // "10 €", "10€": the symbol after the figure, not before the next one.
    const p = codes[x.end] === Ch.SPACE ? x.end + 1 : x.end;
    const sym = codes[p];
    if (CLASS[sym] === C.CURRENCY && !isDigit(codes[p + 1]) && !(codes[p + 1] === Ch.SPACE && isDigit(codes[p + 2]))) {
      x.currency = SYMBOLS.get(sym) ?? 'USD';
      if (sym === Ch.CENT) x.factor = 0.01;
      x.end = p + 1;
      return;
    }
  }
  const hyphenated = codes[x.end] === Ch.HYPHEN && x.end + 1 < end && isLetter(codes[x.end + 1]);
  const s = hyphenated ? x.end + 1 : wordStartAfter(codes, x.end, end);
  if (s < 0) return;
  const e = letterRunEnd(ctx, s, end);
  if (kind === undefined && (isWord(codes, s, e, 'per') || isWord(codes, s, e, 'percentage') || isWord(codes, s, e, 'basis'))) {
    const s2 = wordStartAfter(codes, e, end);
    if (s2 < 0) return;
    const e2 = letterRunEnd(ctx, s2, end);
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
      if (hyphenated && ageUnit && codes[e] === Ch.HYPHEN && isWord(codes, e + 1, letterRunEnd(ctx, e + 1, end), 'old')) {
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
      if (old >= 0 && isWord(codes, old, letterRunEnd(ctx, old, end), 'old')) {
        x.kind = 'age';
        x.end = old + 3;
      } else if (old >= 0 && wordAt(codes, old, end, 'of') && codes[old + 2] === Ch.SPACE && wordAt(codes, old + 3, end, 'age')) {
        // "3 years of age"
        x.kind = 'age';
        x.end = old + 6;
      }
      return;
    }
    const f = codes[s] | Case.LOWER;
    if (kind === undefined && (f === Ch.s || f === Ch.c || f === Ch.n || f === Ch.m) &&
      (isWord(codes, s, e, 'square') || isWord(codes, s, e, 'sq') || isWord(codes, s, e, 'cubic') || isWord(codes, s, e, 'nautical') || isWord(codes, s, e, 'metric'))) {
      const s2 = wordStartAfter(codes, e, end);
      const u2 = s2 >= 0 ? UNITS.get(codes, s2, letterRunEnd(ctx, s2, end)) : undefined;
      if (u2 && u2.kind === 'measure') {
        x.kind = 'measure';
        x.unit = isWord(codes, s, e, 'nautical') ? 'nmi' : isWord(codes, s, e, 'metric') ? u2.unit : isWord(codes, s, e, 'cubic') ? `${u2.unit}³` : `${u2.unit}²`;
        x.end = letterRunEnd(ctx, s2, end);
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
    } else if (isWord(codes, s, e, 'strong') && kind === undefined && x.currency === undefined) {
      // "a 5,000-strong force", "a thousand-strong crowd": how many there are.
      x.end = e;
    }
  }
}

/** How many of the smaller unit make one of the larger: "5 feet 2 inches", "2 hours and 15 minutes". */
export const SUBUNITS = new Map<string, [string, number]>([
  ['ft', ['in', 12]], ['hour', ['minute', 60]], ['minute', ['second', 60]], ['day', ['hour', 24]], ['year', ['month', 12]],
  ['week', ['day', 7]], ['lb', ['oz', 16]], ['m', ['cm', 100]], ['kg', ['g', 1000]], ['km', ['m', 1000]], ['mi', ['yd', 1760]],
]);

/** The smaller unit after a measure: "5 feet 2 inches", "1 hour and 15 minutes" (value in the larger unit). */
export function subunitAfter(ctx: NumberReader, x: Expression, unit: string): void {
  const { codes, end } = ctx;
  const sub = SUBUNITS.get(unit) as [string, number];
  if (codes[x.end] !== Ch.SPACE && codes[x.end] !== Ch.COMMA) return;
  let p = codes[x.end] === Ch.COMMA ? x.end + 2 : x.end + 1;
  if (codes[p - 1] !== Ch.SPACE) return;
  if (wordAt(codes, p, end, 'and') && codes[p + 3] === Ch.SPACE) p += 4;
  let n: number;
  let ne: number;
  if (isDigit(codes[p])) {
    readDigits(ctx, p, end);
    if (ctx.digitsEnd < 0 || ctx.digitsGrouped || codes[ctx.digitsEnd] !== Ch.SPACE) return;
    n = ctx.digitsValue;
    ne = ctx.digitsEnd;
  } else if (isLetter(codes[p])) {
    ne = letterRunEnd(ctx, p, end);
    const entry = lookup(codes, p, ne);
    if (!entry || !(entry.flags & F.CARDINAL) || entry.flags & F.SCALE) return;
    n = entry.n;
    if (n >= 20 && n % 10 === 0 && (codes[ne] === Ch.HYPHEN || codes[ne] === Ch.SPACE) && isLetter(codes[ne + 1])) {
      const ue = letterRunEnd(ctx, ne + 1, end);
      const one = lookup(codes, ne + 1, ue);
      if (one && one.flags & F.CARDINAL && one.n > 0 && one.n < 10) {
        n += one.n;
        ne = ue;
      }
    }
    if (codes[ne] !== Ch.SPACE) return;
  } else {
    return;
  }
  if (!(n < sub[1])) return;
  const us = ne + 1;
  const ue = letterRunEnd(ctx, us, end);
  const u = UNITS.get(codes, us, ue);
  if (!u || u.unit !== sub[0]) return;
  x.min += n / sub[1];
  x.max += n / sub[1];
  x.end = ue;
}

/** After a unit word: "degrees Celsius", "degrees F", "km/h", "km²", "km2". */
export function unitTail(ctx: NumberReader, x: Expression, u: Unit): void {
  const { codes, end } = ctx;
  const e = x.end;
  const c = codes[e];
  if (u.unit === '°') {
    const s = wordStartAfter(codes, e, end);
    if (s < 0) return;
    const se = letterRunEnd(ctx, s, end);
    const scale = UNITS.get(codes, s, se);
    if (scale !== undefined && (scale.unit === '°C' || scale.unit === '°F')) {
      x.unit = scale.unit;
      x.end = se;
    } else if (se - s === 1 && ((codes[s] | Case.LOWER) === Ch.c || (codes[s] | Case.LOWER) === Ch.f) && (se >= end || !isDigit(codes[se]))) {
      x.unit = (codes[s] | Case.LOWER) === Ch.c ? '°C' : '°F';
      x.end = se;
    }
    return;
  }
  if (c === Ch.SLASH && isLetter(codes[e + 1])) {
    // "km/h", "km/hr", "m/s"
    const pe = letterRunEnd(ctx, e + 1, end);
    const per = isWord(codes, e + 1, pe, 'h') || isWord(codes, e + 1, pe, 'hr') ? 'h' : isWord(codes, e + 1, pe, 's') ? 's' : '';
    if (per !== '') {
      x.unit = `${u.unit}/${per}`;
      x.end = pe;
    }
    return;
  }
  if ((c === Ch.SUPERSCRIPT_TWO || c === Ch.SUPERSCRIPT_THREE || c === Ch.TWO || c === Ch.THREE) && !isDigit(codes[e + 1]) && !isLetter(codes[e + 1])) {
    x.unit = `${u.unit}${c === Ch.SUPERSCRIPT_TWO || c === Ch.TWO ? '²' : '³'}`;
    x.end = e + 1;
  }
}

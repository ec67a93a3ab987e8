/**
 * Money: currency symbols and codes before the figure ("$", "US$", "USD "), currency words
 * after it ("40 dollars", "50 Swiss francs"), and coins ("3 dollars 50 cents").
 */
import { C, CLASS, WordTable, isDigit, isLetter, isUpper, isWord, wordAt, wordEndBefore, wordStartAfter } from '../text';
import { type Expression, type NumberReader, letterRunEnd, letterRunStart } from './reader';
import { readDigits } from './digits';
import { Case, Ch } from '../chars';

export const CURRENCY_WORDS = new WordTable<[string, number]>([
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
export const CURRENCY_COUNTRIES = new WordTable<Array<[string, string]>>([
  ['us', [['dollar', 'USD']]], ['swiss', [['franc', 'CHF']]], ['australian', [['dollar', 'AUD']]],
  ['canadian', [['dollar', 'CAD']]], ['singapore', [['dollar', 'SGD']]], ['taiwan', [['dollar', 'TWD']]],
  ['mexican', [['peso', 'MXN']]], ['japanese', [['yen', 'JPY']]], ['chinese', [['yuan', 'CNY']]],
  ['indian', [['rupee', 'INR']]], ['pakistani', [['rupee', 'PKR']]], ['russian', [['ruble', 'RUB'], ['rouble', 'RUB']]],
  ['egyptian', [['pound', 'EGP']]], ['turkish', [['lira', 'TRY']]], ['brazilian', [['real', 'BRL']]],
  ['hong', [['kong', 'HKD']]], ['zealand', [['dollar', 'NZD']]],
]);

/** Currency codes, matched in capitals only ("USD 40", "40 EUR"). */
export const CURRENCY_CODES = new Set(['USD', 'EUR', 'GBP', 'JPY', 'CNY', 'RMB', 'RUB', 'INR', 'CHF', 'CAD', 'AUD', 'UAH',
  'KRW', 'ILS', 'TRY', 'BRL', 'MXN', 'ZAR', 'SEK', 'NOK', 'DKK', 'PLN', 'HKD', 'SGD', 'NZD', 'BTC', 'MYR', 'IDR',
  'THB', 'VND', 'NGN', 'KES', 'EGP', 'SAR', 'AED', 'QAR', 'PKR', 'BDT', 'TWD', 'CZK', 'HUF', 'RON', 'ARS', 'CLP',
  'COP', 'MNT', 'GEL', 'KZT', 'KWD', 'BHD', 'OMR', 'JOD', 'MAD', 'TND', 'UGX', 'TZS', 'GHS', 'ETB', 'XOF', 'XAF', 'LKR',
  'NPR', 'MMK', 'KHR', 'LAK', 'UZS', 'AZN', 'AMD', 'BYN', 'MDL', 'RSD', 'ISK', 'BGN', 'PEN', 'UYU', 'BOB', 'PYG', 'VES']);

/** Currency symbols, by code unit, with the currency each stands for. */
export const SYMBOLS = new Map<number, string>(
  [['$', 'USD'], ['£', 'GBP'], ['€', 'EUR'], ['¥', 'JPY'], ['₹', 'INR'], ['₽', 'RUB'], ['₩', 'KRW'], ['₴', 'UAH'], ['₺', 'TRY'],
    ['₪', 'ILS'], ['₦', 'NGN'], ['₱', 'PHP'], ['฿', 'THB'], ['₫', 'VND'], ['¢', 'USD']].map(([symbol, code]) => [symbol.charCodeAt(0), code]),
);

/** Letters glued before a dollar sign: US$, A$, HK$ … */
export const DOLLAR_PREFIXES = new Map<string, string>([
  ['US', 'USD'], ['A', 'AUD'], ['AU', 'AUD'], ['C', 'CAD'], ['CA', 'CAD'], ['HK', 'HKD'], ['NZ', 'NZD'], ['S', 'SGD'],
  ['R', 'BRL'], ['NT', 'TWD'], ['Mex', 'MXN'],
]);

/**
 * The start of the currency written right before `i` ("$", "US$", "€", "USD "), with its
 * code in `ctx.currencyCode`; -1 if none.
 */
export function currencyBefore(ctx: NumberReader, i: number, floor: number): number {
  const { text, codes } = ctx;
  let p = i;
  if (p - 2 >= floor && codes[p - 1] === Ch.SPACE && CLASS[codes[p - 2]] === C.CURRENCY) p--;
  if (p - 1 >= floor && CLASS[codes[p - 1]] === C.CURRENCY) {
    const sym = codes[p - 1];
    let code = SYMBOLS.get(sym) ?? 'USD';
    let s = p - 1;
    if (sym === Ch.DOLLAR) {
      const ls = letterRunStart(ctx, s, floor);
      if (ls < s && s - ls <= 3) {
        const prefix = DOLLAR_PREFIXES.get(text.slice(ls, s));
        if (prefix && (ls === floor || !isLetter(codes[ls - 1]))) {
          code = prefix;
          s = ls;
        }
      }
    }
    ctx.currencyCode = code;
    return s;
  }
  // "USD115", "Rs20"
  if (i - 2 >= floor && (isUpper(codes[i - 1]) || (codes[i - 1] === Ch.s && codes[i - 2] === Ch.R))) {
    const ls = letterRunStart(ctx, i, floor);
    if ((ls === floor || !isLetter(codes[ls - 1])) && (i - ls === 3 || i - ls === 2)) {
      const word = text.slice(ls, i);
      if (word === 'Rs' || CURRENCY_CODES.has(word)) {
        ctx.currencyCode = word === 'Rs' ? 'INR' : word;
        return ls;
      }
    }
  }
  const we = wordEndBefore(codes, i, floor);
  if (we >= 0 && isUpper(codes[we - 1])) {
    const ws = letterRunStart(ctx, we, floor);
    if (we - ws === 3 || we - ws === 2) {
      const word = text.slice(ws, we);
      if (CURRENCY_CODES.has(word)) {
        ctx.currencyCode = word;
        return ws;
      }
      if (word === 'Rs') {
        ctx.currencyCode = 'INR';
        return ws;
      }
    }
  }
  if (i - 4 >= floor && codes[i - 1] === Ch.SPACE && codes[i - 2] === Ch.PERIOD && codes[i - 3] === Ch.s && codes[i - 4] === Ch.R) {
    ctx.currencyCode = 'INR';
    return i - 4;
  }
  return -1;
}

/** "50 Swiss francs", "10 US dollars", "5 Hong Kong dollars": the country's word at [s, e). */
export function countryCurrency(ctx: NumberReader, x: Expression, s: number, e: number): boolean {
  const { codes, end } = ctx;
  const countries = CURRENCY_COUNTRIES.get(codes, s, e);
  const s2 = countries ? wordStartAfter(codes, e, end) : -1;
  if (!countries || s2 < 0) return false;
  let e2 = letterRunEnd(ctx, s2, end);
  for (const [noun, code] of countries) {
    const plural = (codes[e2 - 1] | Case.LOWER) === Ch.s ? e2 - 1 : e2;
    if (!isWord(codes, s2, plural, noun) && !isWord(codes, s2, e2, noun)) continue;
    if (code === 'HKD') {
      const s3 = wordStartAfter(codes, e2, end);
      const e3 = s3 >= 0 ? letterRunEnd(ctx, s3, end) : -1;
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
export function centsAfter(ctx: NumberReader, x: Expression): void {
  const { codes, end } = ctx;
  let p = x.end + 1;
  if (codes[x.end] !== Ch.SPACE) return;
  if (wordAt(codes, p, end, 'and') && codes[p + 3] === Ch.SPACE) p += 4;
  if (!isDigit(codes[p])) return;
  readDigits(ctx, p, end);
  if (ctx.digitsEnd < 0 || !ctx.digitsInt || ctx.digitsValue >= 100 || codes[ctx.digitsEnd] !== Ch.SPACE) return;
  const cents = ctx.digitsValue;
  const w = ctx.digitsEnd + 1;
  const we = letterRunEnd(ctx, w, end);
  const coin = CURRENCY_WORDS.get(codes, w, we);
  if (!coin || coin[1] !== 0.01) return;
  x.min += cents / 100;
  x.max += cents / 100;
  x.end = we;
}

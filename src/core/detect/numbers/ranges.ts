/**
 * Ranges: "10-12", "10 to 12", "between 11 and 12", "from 2 kg to 5 kg", "one or two".
 */
import { C, CLASS, isDigit, isLetter, isWord, wordEndBefore, wordStartAfter } from '../text';
import { F, lookup } from '../lexicon';
import { type Atom, type Expression, type NumberReader, atom, letterRunEnd, letterRunStart } from './reader';
import { SYMBOLS, currencyBefore } from './currency';
import { UNITS, unitTail } from './units';
import { cardinalAtom } from './words';
import { countedNounFollows, digitAtom, readDigits } from './digits';
import { Ch } from '../chars';

/** "from 30 degrees to 40 degrees", "between 2 kg and 5 kg": a range with the unit on both ends. */
export function unitRange(ctx: NumberReader, x: Expression): void {
  const { codes, end } = ctx;
  const w = wordStartAfter(codes, x.end, end);
  if (w < 0) return;
  const we = letterRunEnd(ctx, w, end);
  const pe = wordEndBefore(codes, x.start, ctx.floor);
  const ps = pe >= 0 ? letterRunStart(ctx, pe, ctx.floor) : -1;
  const from = pe >= 0 && isWord(codes, ps, pe, 'from');
  const between = pe >= 0 && isWord(codes, ps, pe, 'between');
  if (!(((from || between) && isWord(codes, w, we, 'to')) || ((between || from) && isWord(codes, w, we, 'and')))) return;
  if (codes[we] !== Ch.SPACE) return;
  let q = we + 1;
  // "and about 0.007 kg"
  const ae = letterRunEnd(ctx, q, end);
  if (ae > q && (isWord(codes, q, ae, 'about') || isWord(codes, q, ae, 'around')) && codes[ae] === Ch.SPACE) q = ae + 1;
  const floor = ctx.floor;
  ctx.floor = q;
  let second: Atom | null = null;
  if (isDigit(codes[q])) {
    second = digitAtom(ctx, q, ctx.second);
  } else if (isLetter(codes[q])) {
    const qe = letterRunEnd(ctx, q, end);
    const entry = lookup(codes, q, qe);
    if (entry && entry.flags & F.CARDINAL && !(entry.flags & F.SCALE)) second = cardinalAtom(ctx, atom(ctx.second, q, qe, entry.n, true), q, qe, entry);
  }
  ctx.floor = floor;
  if (!second || second.kind !== undefined || !(second.value > x.max)) return;
  const u = wordStartAfter(codes, second.end, end);
  if (u < 0) return;
  const ue = letterRunEnd(ctx, u, end);
  const unit = UNITS.get(codes, u, ue);
  const firstUnit = x.unit ?? '';
  if (!unit || !(unit.unit === firstUnit || (unit.unit === '°' && firstUnit.charCodeAt(0) === Ch.DEGREE))) return;
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

/** Whether a range's second end follows `first` ("10-12", "10 to 12", "between 11 and 12"). */
export function rangeEnd(ctx: NumberReader, first: Atom, startPos: number): boolean {
  const { codes, end } = ctx;
  const j = first.end;
  const c = codes[j];
  let s: number;
  ctx.rangeLeft = j;
  if ((c === Ch.HYPHEN || c === Ch.EN_DASH || c === Ch.EM_DASH) && !first.words) {
    s = j + 1;
    ctx.rangeConnector = 'dash';
  } else if (c === Ch.SLASH && CLASS[codes[j + 1]] === C.CURRENCY && isDigit(codes[j + 2]) && !first.words) {
    // "$7/$9": two amounts given as alternatives.
    s = j + 1;
    ctx.rangeConnector = 'slash';
  } else if (c === Ch.SPACE && (codes[j + 1] === Ch.EN_DASH || codes[j + 1] === Ch.HYPHEN) && codes[j + 2] === Ch.SPACE && !first.words &&
    (isDigit(codes[j + 3]) || CLASS[codes[j + 3]] === C.CURRENCY)) {
    // A spaced dash between figures: 1000 - 5000, 10 – 12
    s = j + 3;
    ctx.rangeConnector = 'dash';
  } else {
    const w = wordStartAfter(codes, j, end);
    if (w < 0) return false;
    const we = letterRunEnd(ctx, w, end);
    const pe = wordEndBefore(codes, startPos, ctx.floor);
    const ps = pe >= 0 ? letterRunStart(ctx, pe, ctx.floor) : -1;
    if (isWord(codes, w, we, 'to') || isWord(codes, w, we, 'through') || isWord(codes, w, we, 'thru')) ctx.rangeConnector = pe >= 0 && isWord(codes, ps, pe, 'from') ? 'from' : 'to';
    else if (isWord(codes, w, we, 'and') && pe >= 0 && isWord(codes, ps, pe, 'between')) ctx.rangeConnector = 'between';
    else if (isWord(codes, w, we, 'or')) ctx.rangeConnector = 'or';
    else return false;
    if (codes[we] !== Ch.SPACE) return false;
    s = we + 1;
    if (ctx.rangeConnector === 'from' || ctx.rangeConnector === 'between') ctx.rangeLeft = ps;
  }
  if (s >= end) return false;
  let q = s;
  ctx.rangeCurrency = undefined;
  const cc = codes[q];
  if (CLASS[cc] === C.CURRENCY && isDigit(codes[q + 1])) {
    ctx.rangeCurrency = SYMBOLS.get(cc);
    q++;
  }
  const connector = ctx.rangeConnector;
  const left = ctx.rangeLeft;
  const currency = ctx.rangeCurrency;
  let second: Atom | null = null;
  const floor = ctx.floor;
  if (isDigit(codes[q])) {
    if (first.words) return false;
    if (connector === 'dash') {
      // Phone numbers (555-1234) and codes are not ranges.
      readDigits(ctx, q, end);
      if (ctx.digitsEnd < 0) return false;
      // "555-1234" is a phone number, "100-1000 litres" a range.
      if (first.digits === 3 && ctx.digitsCount === 4 && !first.grouped && !ctx.digitsGrouped) {
        const u = wordStartAfter(codes, ctx.digitsEnd, end);
        if (u < 0 || !UNITS.has(codes, u, letterRunEnd(ctx, u, end))) return false;
      }
      if (codes[ctx.digitsEnd] === Ch.HYPHEN && isDigit(codes[ctx.digitsEnd + 1])) return false;
    }
    ctx.floor = q;
    second = digitAtom(ctx, q, ctx.second);
    ctx.floor = floor;
    if (!second || second.kind === 'time' || second.kind === 'date' || second.kind === 'ordinal' || second.kind === 'decade') return false;
  } else if (connector !== 'dash' && isLetter(codes[q])) {
    const we = letterRunEnd(ctx, q, end);
    const entry = lookup(codes, q, we);
    if (!entry || !(entry.flags & F.CARDINAL)) return false;
    // "5 to 7 million"; "between 5 and six" too.
    if (!first.words && !(entry.flags & F.SCALE) && connector !== 'between' && connector !== 'from') return false;
    ctx.floor = q;
    second = cardinalAtom(ctx, atom(ctx.second, q, we, entry.n, true), q, we, entry);
    ctx.floor = floor;
  }
  if (!second) return false;
  if (connector === 'or' && !(first.value < second.value && second.value <= 100)) return false;
  // "from 20 to 15 per cent" may fall; "10 to 12" and "between 11 and 12" rise.
  if (connector !== 'dash' && connector !== 'or' && !(first.value < second.value || (second.scale > 1 && first.scale === 1) || (connector === 'from' && first.value > second.value))) return false;
  // "10 to 12%" shares the unit; "rose 15% to $3.2bn" is a change, not a range.
  // "from 10% to 12": the unit written on the first end only.
  const unitOnFirst = second.kind === undefined && (connector === 'from' || connector === 'between') && first.kind === 'percent' && !countedNounFollows(ctx, second.end, end);
  if (first.kind !== undefined && first.kind !== second.kind && !unitOnFirst) return false;
  if (first.kind === 'percent' && (currency !== undefined || currencyBefore(ctx, second.start, q - 1) >= 0)) return false;
  ctx.rangeSecond = second;
  ctx.rangeConnector = connector;
  ctx.rangeLeft = left;
  ctx.rangeCurrency = currency;
  return true;
}

/**
 * Numbers written in words: cardinals ("twenty-one", "one hundred and five"), ordinals that
 * rank something, multiples ("twice", "three times as many"), vague amounts ("several
 * thousand", "hundreds of").
 */
import { C, CLASS, type Codes, WordTable, isLetter, isUpper, isWord, skipSpacesBack, wordAt, wordEndBefore, wordStartAfter } from '../text';
import { type Entry, F, lookup } from '../lexicon';
import { type Atom, Bound, type NumberReader, atom, letterRunEnd, letterRunStart } from './reader';
import { SCALE_WORDS, afterAtom, scaleFollows } from './scales';
import { fractionAtom, fractionTail, isFractionUse, pointFollows, ratioAfter, spokenDecimal } from './fractions';
import { Case, Ch } from '../chars';

/**
 * The unit word after a tens word (`tens`, ending at `e`) joined by a space or a hyphen:
 * "twenty two", "twenty-two". Null when there is none.
 */
export function unitAfterTens(ctx: NumberReader, tens: number, e: number, end: number): { n: number; end: number } | null {
  const { codes } = ctx;
  if (tens < 20 || tens >= 100 || (codes[e] !== Ch.SPACE && codes[e] !== Ch.HYPHEN) || !isLetter(codes[e + 1])) return null;
  const ue = letterRunEnd(ctx, e + 1, end);
  const unit = lookup(codes, e + 1, ue);
  return unit && unit.flags & F.CARDINAL && unit.n > 0 && unit.n < 10 ? { n: unit.n, end: ue } : null;
}

/** Words after "one" that make it a count: units, percent, currencies. */
export const ONE_COUNTS = new WordTable(['week', 'month', 'year', 'hour', 'minute', 'decade', 'century', 'percent', 'dollar',
  'euro', 'pound', 'yen', 'yuan', 'ruble', 'rouble', 'rupee', 'cent', 'penny', 'km', 'kilometre', 'kilometer', 'mile',
  'metre', 'meter', 'tonne', 'ton', 'kilogram', 'kg', 'litre', 'liter', 'gallon', 'barrel', 'acre', 'hectare', 'foot',
  'inch', 'degree', 'or', 'to']);

/** Words after "first-", "second-" that make an adjective, not a rank. */
export const NOT_RANKS = new WordTable(['class', 'hand', 'rate', 'degree', 'string', 'person']);

/** Words before "second" that make it a verb ("I second that"). */
export const PRONOUNS = new WordTable(['i', 'we', 'you', 'they']);

/** Words before "second" that make it a moment ("wait a second"). */
export const MOMENT = new WordTable(['a', 'one', 'split', 'per', 'each', 'every', 'that']);

/** After "twice as" / "three times as". */
export const COMPARATIVES = new WordTable(['many', 'much', 'likely', 'large', 'big', 'high', 'long', 'fast', 'often']);

/** "-est" words that are no superlative. */
export const NOT_SUPERLATIVE = /(?:west|test|rest|nest|quest|interest|protest|chest|guest|forest|harvest|contest|request|conquest|inquest|arrest|manifest|honest|modest|earnest|digest|suggest|invest|pest|vest|zest|best)$/;

/** Whether the word at `s` starts a sentence or the paragraph (so capitals say nothing). */
export function atSentenceStart(codes: Codes, s: number, start: number): boolean {
  let p = skipSpacesBack(codes, s, start);
  while (p > start && CLASS[codes[p - 1]] === C.QUOTE) p--;
  if (p <= start) return true;
  const c = codes[p - 1];
  return CLASS[c] === C.TERMINATOR || c === Ch.COLON || c === Ch.EM_DASH || c === Ch.EN_DASH || c === Ch.OPEN_PAREN;
}

/** Number words: "four", "twenty-one", "a dozen", "hundreds of", "two-thirds", "twice". */
export function wordAtom(ctx: NumberReader, ws: number, we: number, entry: Entry): Atom | null {
  const { codes, end, start } = ctx;
  const flags = entry.flags;
  // Capitalised number words inside a sentence name something ("Five Eyes", "Group of Seven").
  if (isUpper(codes[ws]) && !atSentenceStart(codes, ws, start)) return null;
  const a = atom(ctx.first, ws, we, entry.n, true);

  if (flags & F.MULTIPLE) {
    a.kind = 'multiple';
    extendAsMany(ctx, a, end);
    return a;
  }
  if (flags & F.VAGUE) {
    // "several thousand", "a few hundred"
    const s = wordStartAfter(codes, we, end);
    if (s < 0) return null;
    const e = letterRunEnd(ctx, s, end);
    const scale = SCALE_WORDS.get(codes, s, e);
    if (scale === undefined) return null;
    const few = isWord(codes, ws, we, 'few');
    if (few) {
      const be = wordEndBefore(codes, ws, ctx.floor);
      if (be < 0 || !isWord(codes, letterRunStart(ctx, be, ctx.floor), be, 'a')) return null;
      a.start = be - 1;
    }
    a.end = e;
    a.value = (few ? 2 : 3) * scale;
    a.upper = (few ? 5 : 9) * scale;
    a.bound = Bound.APPROX;
    a.scale = scale;
    return a;
  }
  if (flags & F.PLURAL_SCALE) return pluralScaleAtom(ctx, a, ws, we, entry, end);
  if (flags & F.FRACTION && !(flags & F.CARDINAL) && !(flags & F.ORDINAL && !isFractionUse(ctx, ws, we, end, ctx.floor))) {
    return fractionAtom(ctx, a, ws, we, entry);
  }
  if (flags & F.ORDINAL) return ordinalAtom(ctx, a, ws, we);
  if (flags & F.DOZEN) {
    // "a dozen", "half a dozen"
    const be = wordEndBefore(codes, ws, ctx.floor);
    if (be < 0) return null;
    const bs = letterRunStart(ctx, be, ctx.floor);
    if (!isWord(codes, bs, be, 'a')) return null;
    a.start = bs;
    a.value = 12;
    const he = wordEndBefore(codes, bs, ctx.floor);
    if (he >= 0 && isWord(codes, letterRunStart(ctx, he, ctx.floor), he, 'half')) {
      a.start = letterRunStart(ctx, he, ctx.floor);
      a.value = 6;
    }
    return a;
  }
  if (flags & F.CARDINAL) return cardinalAtom(ctx, a, ws, we, entry);
  return null;
}

/** "hundreds of", "tens of thousands of", "dozens of" */
export function pluralScaleAtom(ctx: NumberReader, a: Atom, ws: number, we: number, entry: Entry, end: number): Atom | null {
  const { codes } = ctx;
  let e = we;
  let value = entry.n;
  const tens = isWord(codes, ws, we, 'tens');
  for (;;) {
    const of = wordStartAfter(codes, e, end);
    if (of < 0 || !isWord(codes, of, letterRunEnd(ctx, of, end), 'of')) break;
    const next = wordStartAfter(codes, of + 2, end);
    if (next < 0) break;
    const nextEnd = letterRunEnd(ctx, next, end);
    const nextEntry = lookup(codes, next, nextEnd);
    if (nextEntry && nextEntry.flags & F.PLURAL_SCALE && nextEntry.n > value) {
      value *= nextEntry.n;
      e = nextEnd;
      continue;
    }
    break;
  }
  if (e === we && (tens || wordStartAfter(codes, we, end) < 0 || !isWord(codes, we + 1, letterRunEnd(ctx, we + 1, end), 'of'))) return null;
  a.end = e;
  a.value = value * 2;
  a.bound = Bound.MIN;
  a.scale = value;
  return a;
}

/**
 * Ordinal words count when they rank something: "the first group", "second deadliest",
 * "third-largest". "At first", "first of all" and a bare "second" (a moment) do not.
 */
export function ordinalAtom(ctx: NumberReader, a: Atom, ws: number, we: number): Atom | null {
  const { text, codes, end } = ctx;
  const be = wordEndBefore(codes, ws, ctx.floor);
  const bs = be >= 0 ? letterRunStart(ctx, be, ctx.floor) : -1;
  const first = isWord(codes, ws, we, 'first');
  if (first && be >= 0 && isWord(codes, bs, be, 'at')) return null;
  const hyphen = codes[we] === Ch.HYPHEN && we + 1 < end && isLetter(codes[we + 1]);
  // "first-class", "second-hand", "first-degree": adjectives, not ranks.
  if (hyphen && NOT_RANKS.has(codes, we + 1, letterRunEnd(ctx, we + 1, end))) return null;
  // "I second that": a verb.
  if (be >= 0 && be - bs <= 4 && isWord(codes, ws, we, 'second') && PRONOUNS.has(codes, bs, be)) return null;
  const after = hyphen ? we + 1 : wordStartAfter(codes, we, end);
  a.kind = 'ordinal';
  if (after < 0) {
    // "He came second." ranks; "First, …" and "wait a second." do not.
    const next = codes[we];
    if (next === Ch.COMMA && atSentenceStart(codes, ws, ctx.start)) return null;
    if (isWord(codes, ws, we, 'second') && be >= 0 && MOMENT.has(codes, bs, be)) return null;
    return a;
  }
  const afterEnd = letterRunEnd(ctx, after, end);
  if (first && isWord(codes, after, afterEnd, 'of') && wordAt(codes, afterEnd + 1, end, 'all')) return null;
  if (afterEnd - after > 4 && (codes[afterEnd - 1] | Case.LOWER) === Ch.t && (codes[afterEnd - 2] | Case.LOWER) === Ch.s &&
    (codes[afterEnd - 3] | Case.LOWER) === Ch.e && !NOT_SUPERLATIVE.test(text.slice(after, afterEnd).toLowerCase())) {
    a.end = afterEnd;
    return a;
  }
  if (isWord(codes, after, afterEnd, 'most') || isWord(codes, after, afterEnd, 'least')) {
    const s2 = wordStartAfter(codes, afterEnd, end);
    if (s2 >= 0) a.end = letterRunEnd(ctx, s2, end);
    return a;
  }
  if (hyphen) return a;
  if (isWord(codes, ws, we, 'second') && (be < 0 || MOMENT.has(codes, bs, be)) && CLASS[codes[after]] !== C.LOWER) return null;
  // "second to none", "first to arrive" rank; "first, second and third" too.
  return a;
}

/** Cardinal words, possibly compound: "twenty-one", "one hundred and twenty", "two million". */
export function cardinalAtom(ctx: NumberReader, a: Atom, ws: number, we: number, entry: Entry): Atom | null {
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
    const bs = letterRunStart(ctx, be, ctx.floor);
    if (!(isWord(codes, bs, be, 'a') || isWord(codes, bs, be, 'an') || isWord(codes, bs, be, 'one'))) return null;
    a.start = bs;
    scaled = true;
  }
  for (;;) {
    const sep = codes[e];
    if (!(sep === Ch.SPACE || sep === Ch.HYPHEN) || e + 1 >= end || !isLetter(codes[e + 1])) break;
    let se = letterRunEnd(ctx, e + 1, end);
    let next = lookup(codes, e + 1, se);
    let viaAnd = false;
    if (!next && sep === Ch.SPACE && last.flags & F.SCALE && isWord(codes, e + 1, se, 'and')) {
      // "one million and a half", "one billion and a half million"
      const frac = fractionTail(ctx, e, end);
      if (frac > 0) {
        let part = last.n >= 1000 ? last.n : 1;
        e = ctx.tailEnd;
        const ts = wordStartAfter(codes, e, end);
        const tscale = ts >= 0 ? SCALE_WORDS.get(codes, ts, letterRunEnd(ctx, ts, end)) : undefined;
        if (tscale !== undefined && tscale < last.n) {
          part = tscale;
          e = letterRunEnd(ctx, ts, end);
        }
        current += frac * part;
        a.int = false;
        break;
      }
      const s2 = wordStartAfter(codes, se, end);
      if (s2 < 0) break;
      const e2 = letterRunEnd(ctx, s2, end);
      const n2 = lookup(codes, s2, e2);
      if (!(n2 && n2.flags & (F.CARDINAL | F.ORDINAL) && !(n2.flags & F.SCALE) && n2.n < 100 && n2.n > 0)) break;
      // "a hundred and two hundred" joins two numbers, not the parts of one.
      if (scaleFollows(ctx, e2, end) === last.n) break;
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
    } else if (next.flags & F.FRACTION && (codes[se - 1] === Ch.s || current === 1)) {
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
  if (scaled && a.kind === undefined && pointFollows(ctx, a.start, e, end, ctx.floor)) {
    // "two hundred point seven"
    spokenDecimal(ctx, a, e + 7);
    e = a.end;
  }
  const after = wordStartAfter(codes, e, end);
  const afterEnd = after >= 0 ? letterRunEnd(ctx, after, end) : -1;
  if (after >= 0 && ratioAfter(ctx, a, e)) return a;
  if (after >= 0 && isWord(codes, after, afterEnd, 'times')) {
    a.kind = 'multiple';
    a.end = afterEnd;
    extendAsMany(ctx, a, end);
    return a;
  }
  if (codes[e] === Ch.HYPHEN && wordAt(codes, e + 1, end, 'fold')) {
    a.kind = 'multiple';
    a.end = e + 5;
    return a;
  }
  // "one" stands for a person or thing far more often than it counts one ("one of the",
  // "no one", "one day"): it counts only with a unit, a percent or a currency after it.
  // From "two" up, a number word is a numeral wherever it stands, even when the counted
  // noun is left out ("the other two").
  if (a.value === 1 && tokens === 1 && !scaled && !(after >= 0 && ONE_COUNTS.has(codes, after, afterEnd)) && fractionTail(ctx, e, end) === 0 &&
    !pointFollows(ctx, ws, e, end, ctx.floor) &&
    !signedWord(ctx, ws, ctx.floor)) return null;
  return afterAtom(ctx, a);
}

/** Whether "minus" or "negative" stands right before the word at `ws` ("minus one"). */
export function signedWord(ctx: NumberReader, ws: number, floor: number): boolean {
  const { codes } = ctx;
  const be = wordEndBefore(codes, ws, floor);
  if (be < 0) return false;
  const bs = letterRunStart(ctx, be, floor);
  return isWord(codes, bs, be, 'minus') || (isWord(codes, bs, be, 'negative') && !testedNegative(ctx, bs, floor));
}

/** "tested negative 3 times": a test result, not a sign. */
export function testedNegative(ctx: NumberReader, ns: number, floor: number): boolean {
  const { codes } = ctx;
  const be = wordEndBefore(codes, ns, floor);
  if (be < 0) return false;
  const bs = letterRunStart(ctx, be, floor);
  return isWord(codes, bs, be, 'tested') || isWord(codes, bs, be, 'test') || isWord(codes, bs, be, 'tests') ||
    isWord(codes, bs, be, 'back') || isWord(codes, bs, be, 'proved');
}

/** "twice as many", "three times as much": the comparison belongs to the claim. */
export function extendAsMany(ctx: NumberReader, a: Atom, end: number): void {
  const { codes } = ctx;
  const as = wordStartAfter(codes, a.end, end);
  if (as < 0 || !isWord(codes, as, letterRunEnd(ctx, as, end), 'as')) return;
  const many = wordStartAfter(codes, as + 2, end);
  if (many < 0) return;
  const manyEnd = letterRunEnd(ctx, many, end);
  if (COMPARATIVES.has(codes, many, manyEnd)) a.end = manyEnd;
}

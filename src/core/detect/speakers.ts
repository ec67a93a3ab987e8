/**
 * Speakers: who is written next to a speech verb. Read outwards from the verb, token by
 * token: a name ("Austin said", "said Victor Cha"), a pronoun, someone named by office or
 * role ("the defence minister said", "a senior official", "officials familiar with the
 * matter"), who heads or speaks for someone ("a spokesperson for the ministry"), with an
 * appositive or a clause between them and the verb. attribution.ts reads the verbs and
 * calls `speakerBefore` and `speakerAfter`; the fixtures are in
 * test/fixtures/detect/attributions.txt.
 */
import {
  C, CLASS as importedCLASS, type Codes, isLetter as importedIsLetter, isSpace as importedIsSpace, isUpper as importedIsUpper, isWord as importedIsWord, skipSpaces as importedSkipSpaces, skipSpacesBack as importedSkipSpacesBack,
} from './text';
import { Case, Ch } from './chars';
import { In, LISTED } from './attributionWords';

// The character helpers as module constants: an import is a property load on the module
// object in CommonJS output, a constant is folded into the loops that call it.
const CLASS = importedCLASS;
const isLetter = importedIsLetter;
const isSpace = importedIsSpace;
const isUpper = importedIsUpper;
const isWord = importedIsWord;
const skipSpaces = importedSkipSpaces;
const skipSpacesBack = importedSkipSpacesBack;

/*
 * The readers below return their result in module variables instead of fresh objects
 * (attribution.ts reads them right after each call): they run a few times for every speech
 * verb, and allocation was most of their cost.
 */

/** 1 for the code units a token is made of: letters, and . - ’ ' and the no-break hyphen. */
const TOKEN_CHARS: Uint8Array = CLASS.map((k, c) => (k === C.UPPER || k === C.LOWER || c === Ch.PERIOD || c === Ch.HYPHEN || c === Ch.RIGHT_SINGLE_QUOTE || c === Ch.APOSTROPHE || c === Ch.NON_BREAKING_HYPHEN ? 1 : 0));

function isTokenChar(c: number): boolean {
  return TOKEN_CHARS[c] === 1;
}

/** Bounds of the token found by `tokenBefore` / `tokenAfter`. */
export let tokStart = 0;
export let tokEnd = 0;

/*
 * Reading one verb asks about the same few tokens again and again: the word before the verb
 * is read by the auxiliary check, the speaker check and the run of capitals, the word before
 * a name by the run and by the role check. The answers are kept for the verb being read, in
 * slots chosen by offset and stamped with the verb's number (`verbStamp`, moved on by
 * `forgetTokens` as each verb starts), so that no answer outlives its verb.
 */
const MEMO_SLOTS = 32;
let verbStamp = 1; // slots start stamped 0: never a verb's
// tokenBefore(codes, e, floor): the token's bounds, or -1 when none ends at e.
const beforeStamp = new Int32Array(MEMO_SLOTS);
const beforeEnd = new Int32Array(MEMO_SLOTS);
const beforeFloor = new Int32Array(MEMO_SLOTS);
const beforeTokStart = new Int32Array(MEMO_SLOTS);
const beforeTokEnd = new Int32Array(MEMO_SLOTS);
// listsOf(codes, s, e): the lists the token is in.
const listsStamp = new Int32Array(MEMO_SLOTS);
const listsStart = new Int32Array(MEMO_SLOTS);
const listsEnd = new Int32Array(MEMO_SLOTS);
const listsFound = new Int32Array(MEMO_SLOTS);

/** Forgets the remembered tokens: called as each verb starts. */
export function forgetTokens(): void {
  verbStamp++;
  if (verbStamp === 0x7fffffff) {
    // Never in practice; but a stamp reused must not meet a slot written with it long ago.
    beforeStamp.fill(0);
    listsStamp.fill(0);
    verbStamp = 1;
  }
}

/** Whether a whitespace-separated token ends at `e`; its bounds go to `tokStart`/`tokEnd`. */
export function tokenBefore(codes: Codes, e: number, floor: number): boolean {
  if (e <= floor || !isTokenChar(codes[e - 1])) return false;
  const slot = e & (MEMO_SLOTS - 1);
  if (beforeStamp[slot] === verbStamp && beforeEnd[slot] === e && beforeFloor[slot] === floor) {
    if (beforeTokStart[slot] < 0) return false;
    tokStart = beforeTokStart[slot];
    tokEnd = beforeTokEnd[slot];
    return true;
  }
  beforeStamp[slot] = verbStamp;
  beforeEnd[slot] = e;
  beforeFloor[slot] = floor;
  let s = e;
  while (s > floor && isTokenChar(codes[s - 1])) s--;
  while (s < e && !isLetter(codes[s])) s++;
  if (s >= e) {
    beforeTokStart[slot] = -1;
    return false;
  }
  tokStart = s;
  tokEnd = trimPeriod(codes, s, e);
  beforeTokStart[slot] = tokStart;
  beforeTokEnd[slot] = tokEnd;
  return true;
}

/** Whether a token starts at `s`; its bounds go to `tokStart`/`tokEnd`. */
export function tokenAfter(codes: Codes, s: number, end: number): boolean {
  if (s >= end || !isLetter(codes[s])) return false;
  let e = s;
  while (e < end && isTokenChar(codes[e])) e++;
  while (e > s && !isLetter(codes[e - 1]) && codes[e - 1] !== Ch.PERIOD) e--;
  tokStart = s;
  tokEnd = trimPeriod(codes, s, e);
  return true;
}

/** A sentence period is not part of the word, but "Jr." and "U.S." keep theirs. */
function trimPeriod(codes: Codes, s: number, e: number): number {
  if (codes[e - 1] !== Ch.PERIOD || e - s <= 4) return e;
  for (let i = s; i < e - 1; i++) if (codes[i] === Ch.PERIOD) return e;
  return e - 1;
}

/** Whether [s, e) is in `list`, with or without its final period ("Gen.", "U.S."). */
export function inList(list: In, codes: Codes, s: number, e: number): boolean {
  return (listsOf(codes, s, e) & list) !== 0;
}

/** The lists [s, e) is in, with or without its final period. */
function listsOf(codes: Codes, s: number, e: number): number {
  const slot = s & (MEMO_SLOTS - 1);
  if (listsStamp[slot] === verbStamp && listsStart[slot] === s && listsEnd[slot] === e) return listsFound[slot];
  let found = LISTED.get(codes, s, e) ?? 0;
  if (codes[e - 1] === Ch.PERIOD) found |= LISTED.get(codes, s, e - 1) ?? 0;
  listsStamp[slot] = verbStamp;
  listsStart[slot] = s;
  listsEnd[slot] = e;
  listsFound[slot] = found;
  return found;
}

export function isPossessive(codes: Codes, s: number, e: number): boolean {
  if ((codes[e - 1] | Case.LOWER) === Ch.s) e--;
  const mark = codes[e - 1];
  return e > s && (mark === Ch.APOSTROPHE || mark === Ch.RIGHT_SINGLE_QUOTE);
}

export function capital(codes: Codes, s: number): boolean {
  return isUpper(codes[s]);
}

// A run of capitalised tokens (a name), left to right.
export const runStarts = new Int32Array(64);
export const runEnds = new Int32Array(64);
export let runCount = 0;

/** Whether a run of capitalised tokens (with "of", "de" … inside) ends at `e`. */
export function runBefore(codes: Codes, e: number, floor: number): boolean {
  // Collected right to left at the top of the buffers, then moved down.
  let n = 0;
  let p = e;
  while (n < 32 && tokenBefore(codes, p, floor)) {
    const s = tokStart;
    const te = tokEnd;
    if (capital(codes, s)) {
      if (isPossessive(codes, s, te)) break;
    } else if (!(n > 0 && inList(In.CONNECTOR, codes, s, te))) {
      break;
    }
    runStarts[63 - n] = s;
    runEnds[63 - n] = te;
    n++;
    const gap = s - 1;
    if (gap < floor || !isSpace(codes[gap]) || gap - 1 < floor || isSpace(codes[gap - 1])) break;
    p = gap;
  }
  let first = 64 - n;
  while (first < 64 && !capital(codes, runStarts[first])) first++;
  while (first < 64 && inList(In.STOP_CAPITAL, codes, runStarts[first], runEnds[first])) first++;
  while (first < 64 && !capital(codes, runStarts[first])) first++;
  if (first >= 64) {
    runCount = 0;
    return false;
  }
  first = Math.max(first, 56);
  runCount = 64 - first;
  for (let k = 0; k < runCount; k++) {
    runStarts[k] = runStarts[first + k];
    runEnds[k] = runEnds[first + k];
  }
  return true;
}

/** Whether a run of capitalised tokens (titles and roles allowed) starts at `s`. */
export function runAfter(codes: Codes, s: number, end: number): boolean {
  let n = 0;
  let p = s;
  while (tokenAfter(codes, p, end)) {
    const ts = tokStart;
    const te = tokEnd;
    if (!capital(codes, ts)) {
      const titled = inList(In.TITLE, codes, ts, te);
      if (!((n > 0 && (titled || inList(In.CONNECTOR, codes, ts, te))) || titled || inList(In.ROLE, codes, ts, te))) break;
    }
    runStarts[n] = ts;
    runEnds[n] = te;
    n++;
    if (isPossessive(codes, ts, te) || n >= 8) break;
    if (te >= end || !isSpace(codes[te])) break;
    p = te + 1;
  }
  while (n > 0 && !capital(codes, runStarts[n - 1])) n--;
  runCount = n;
  return n > 0;
}

// The name found in the current run by `nameOfRun`.
export let nameStart = 0;
export let nameEnd = 0;
export let namePerson = false;

/** The name in the current run, titles taken off: "Defense Secretary Lloyd Austin" → "Lloyd Austin". */
export function nameOfRun(codes: Codes): void {
  const last = runCount - 1;
  const organisation = inList(In.ORGANISATION, codes, runStarts[last], runEnds[last]);
  let from = 0;
  if (!organisation) {
    for (let k = last - 1; k >= 0; k--) {
      if (inList(In.TITLE, codes, runStarts[k], runEnds[k])) {
        from = k + 1;
        break;
      }
    }
    while (from < last && !capital(codes, runStarts[from])) from++;
  }
  nameStart = runStarts[from];
  nameEnd = runEnds[last];
  namePerson = !organisation;
}

// The speaker found by `speakerBefore` / `speakerAfter`.
export let spStart = 0;
export let spEnd = 0;
export let spSpan = 0;
export let spPerson = false;

function setSpeaker(start: number, end: number, span: number, person: boolean): boolean {
  spStart = start;
  spEnd = end;
  spSpan = span;
  spPerson = person;
  return true;
}

/** Whether every token of the run is a capitalised word or "of". */
export function onlyCapitalsOrOf(codes: Codes): boolean {
  for (let k = 0; k < runCount; k++) {
    if (!capital(codes, runStarts[k]) && !isWord(codes, runStarts[k], runEnds[k], 'of')) return false;
  }
  return true;
}

/** Whether [from, to) holds a capitalised name that is not a sentence opener; it goes to `name*`. */
export function firstNameIn(codes: Codes, from: number, to: number): boolean {
  let i = from;
  while (i < to) {
    const c = codes[i];
    if (isUpper(c) && (i === from || !isLetter(codes[i - 1])) && runAfter(codes, i, to)) {
      let firstCap = -1;
      for (let k = 0; k < runCount; k++) {
        if (capital(codes, runStarts[k]) && !inList(In.STOP_CAPITAL, codes, runStarts[k], runEnds[k])) {
          firstCap = k;
          break;
        }
      }
      const soleOpener = i === from && runCount === 1;
      const lastEnd = runEnds[runCount - 1];
      if (firstCap >= 0 && !soleOpener) {
        for (let k = firstCap; k < runCount; k++) {
          runStarts[k - firstCap] = runStarts[k];
          runEnds[k - firstCap] = runEnds[k];
        }
        runCount -= firstCap;
        if (!isPossessive(codes, runStarts[runCount - 1], runEnds[runCount - 1])) {
          nameOfRun(codes);
          return true;
        }
      }
      i = lastEnd;
      continue;
    }
    i++;
  }
  return false;
}

/** Whether a speaker is written before a verb whose left edge (after auxiliaries) is `p`. */
export function speakerBefore(codes: Codes, p: number, floor: number, sentenceStart: number): boolean {
  if (p <= floor) return false;
  const c = codes[p - 1];
  if (c === Ch.CLOSE_PAREN) {
    // "South Korea's National Intelligence Service (NIS) reported"
    let open = p - 2;
    while (open > floor && codes[open] !== Ch.OPEN_PAREN) open--;
    if (open > floor) return speakerBefore(codes, skipSpacesBack(codes, open, floor), floor, sentenceStart);
    return false;
  }
  if (c === Ch.COMMA) {
    // An appositive: "Dmitry Peskov, Putin's spokesperson, labeled" or "mate, Sen. J.D. Vance, has argued".
    const inner = skipSpacesBack(codes, p - 1, floor);
    let comma = inner - 1;
    while (comma >= floor && comma >= sentenceStart && codes[comma] !== Ch.COMMA && inner - comma <= 120) comma--;
    if (comma < floor || comma < sentenceStart || inner - comma > 120 || codes[comma] !== Ch.COMMA) return false;
    const innerStart = skipSpaces(codes, comma + 1, inner);
    if (runBefore(codes, inner, innerStart) && runStarts[0] === innerStart) {
      nameOfRun(codes);
      if (namePerson) return setSpeaker(nameStart, nameEnd, innerStart, true);
    }
    const outerEnd = skipSpacesBack(codes, comma, floor);
    if (runBefore(codes, outerEnd, floor) && outerEnd === runEnds[runCount - 1]) {
      nameOfRun(codes);
      return setSpeaker(nameStart, nameEnd, runStarts[0], namePerson);
    }
    // "The official, who asked not to be named, said", "The minister, speaking in Kyiv, said":
    // the speaker is before the clause.
    if (tokenAfter(codes, innerStart, inner) && (isWord(codes, tokStart, tokEnd, 'who') || endsIn(codes, tokStart, tokEnd, 'ing')) && codes[outerEnd - 1] !== Ch.COMMA) {
      return speakerBefore(codes, outerEnd, floor, sentenceStart);
    }
    return false;
  }
  if (!tokenBefore(codes, p, floor) || tokEnd !== p) return false;
  const ts = tokStart;
  const te = tokEnd;
  if (inList(In.PRONOUN, codes, ts, te)) return setSpeaker(ts, te, ts, true);
  // "officials familiar with the matter", "sources close to the president"
  const described = describedFrom(codes, p, floor);
  if (described >= 0) return setSpeaker(described, p, described, false);
  if (inList(In.ROLE, codes, ts, te) || (!capital(codes, ts) && inList(In.OFFICE, codes, ts, te))) {
    // "Pentagon officials", "US officials", "the ministry", "Experts", "the defence minister"
    let s = ts;
    // "Pentagon officials", "a senior US official": the capitals before the role.
    const gap = skipSpacesBack(codes, ts, floor);
    if (gap < ts && tokenBefore(codes, gap, floor) && tokEnd === gap && capital(codes, tokStart) && !inList(In.STOP_CAPITAL, codes, tokStart, tokEnd) &&
      !isPossessive(codes, tokStart, tokEnd)) {
      s = runBefore(codes, tokEnd, floor) ? runStarts[0] : tokStart;
    }
    // "the ministry", "the outgoing defence minister", "Russia's foreign minister", "the prime
    // minister's office", "a senior US official": a determiner and the words it describes with.
    const determiner = determinedFrom(codes, s, floor);
    if (determiner >= 0) s = determiner;
    if (s !== ts || capital(codes, ts)) {
      // "the head of the agency", "a spokesperson for the ministry": the one who speaks for it.
      if (speakerHolding(codes, s, te, floor)) return true;
    }
    if (!capital(codes, ts) && s === ts && (codes[te - 1] | Case.LOWER) !== Ch.s && !isWord(codes, ts, te, 'police')) return false;
    // One who holds an office is a person "he" or "she" may stand for next: "the minister".
    return setSpeaker(s, te, s, !capital(codes, ts) && inList(In.OFFICE, codes, ts, te));
  }
  if (!capital(codes, ts)) {
    // "the ministry of defence", "the leader of the opposition"
    let o = ts;
    const gap = skipSpacesBack(codes, ts, floor);
    if (gap < ts && tokenBefore(codes, gap, floor) && tokEnd === gap && isDeterminer(codes, tokStart, tokEnd)) o = tokStart;
    if (speakerHolding(codes, o, te, floor)) return true;
  }
  if (!runBefore(codes, p, floor) || runEnds[runCount - 1] !== p) return false;
  nameOfRun(codes);
  const ns = nameStart;
  const ne = nameEnd;
  const person = namePerson;
  let spanStart = runStarts[0];
  // "State Department spokesman Matthew Miller": a lower-case role and the capitals before it.
  const gap = skipSpacesBack(codes, spanStart, floor);
  if (gap < spanStart && tokenBefore(codes, gap, floor) && tokEnd === gap && !capital(codes, tokStart) &&
    (inList(In.TITLE, codes, tokStart, tokEnd) || inList(In.ROLE, codes, tokStart, tokEnd))) {
    spanStart = tokStart;
    const roleGap = skipSpacesBack(codes, tokStart, floor);
    if (runBefore(codes, roleGap, floor) && runEnds[runCount - 1] === roleGap) spanStart = runStarts[0];
  }
  if (!person && tokenBefore(codes, skipSpacesBack(codes, spanStart, floor), floor) && isWord(codes, tokStart, tokEnd, 'the') && !capital(codes, tokStart)) spanStart = tokStart;
  // "a spokesperson for Zelensky", "the head of the Wagner Group": the one who speaks for them.
  if (speakerHolding(codes, spanStart, ne, floor)) return true;
  return setSpeaker(ns, ne, spanStart, person);
}

/** Whether [s, e) opens a noun phrase that names someone by what they are: "the", "a", "his"… */
function isDeterminer(codes: Codes, s: number, e: number): boolean {
  switch (e - s) {
    case 1: return isWord(codes, s, e, 'a');
    case 2: return isWord(codes, s, e, 'an');
    case 3: return isWord(codes, s, e, 'the') || isWord(codes, s, e, 'his') || isWord(codes, s, e, 'her') || isWord(codes, s, e, 'its') ||
      isWord(codes, s, e, 'our') || isWord(codes, s, e, 'one') || isWord(codes, s, e, 'two') || isWord(codes, s, e, 'few');
    case 4: return isWord(codes, s, e, 'some') || isWord(codes, s, e, 'many') || isWord(codes, s, e, 'four') || isWord(codes, s, e, 'five') ||
      isWord(codes, s, e, 'both');
    case 5: return isWord(codes, s, e, 'their') || isWord(codes, s, e, 'three') || isWord(codes, s, e, 'other');
    case 7: return isWord(codes, s, e, 'another') || isWord(codes, s, e, 'several');
    default: return false;
  }
}

/** Whether [s, e) ends in `suffix` (lower-case ASCII) and is longer. */
function endsIn(codes: Codes, s: number, e: number, suffix: string): boolean {
  return e - s > suffix.length + 1 && isWord(codes, e - suffix.length, e, suffix);
}

/**
 * Where a speaker described after its role starts when it ends at `p`: "officials familiar
 * with the matter", "two people familiar with the talks", "sources close to the president",
 * "a person with knowledge of the plans", "diplomats briefed on the talks"; -1 if none.
 */
function describedFrom(codes: Codes, p: number, floor: number): number {
  let e = p;
  for (let n = 0; n < 8; n++) {
    if (!tokenBefore(codes, e, floor) || tokEnd !== e) return -1;
    const ws = tokStart;
    const we = tokEnd;
    const opens = isWord(codes, ws, we, 'familiar') || isWord(codes, ws, we, 'close') || isWord(codes, ws, we, 'briefed') ||
      isWord(codes, ws, we, 'knowledge');
    e = skipSpacesBack(codes, ws, floor);
    if (!opens || n === 0) continue;
    // "with knowledge of": the role is before "with".
    if (isWord(codes, ws, we, 'knowledge')) {
      if (!tokenBefore(codes, e, floor) || tokEnd !== e || !isWord(codes, tokStart, tokEnd, 'with')) return -1;
      e = skipSpacesBack(codes, tokStart, floor);
    }
    if (!tokenBefore(codes, e, floor) || tokEnd !== e) return -1;
    const hs = tokStart;
    const he = tokEnd;
    if (!inList(In.ROLE, codes, hs, he) && !isWord(codes, hs, he, 'person') && !isWord(codes, hs, he, 'persons')) return -1;
    const determiner = determinedFrom(codes, hs, floor);
    if (determiner >= 0) return determiner;
    // Plural roles speak without a determiner: "Officials familiar with the matter".
    return (codes[he - 1] | Case.LOWER) === Ch.s || capital(codes, hs) ? hs : -1;
  }
  return -1;
}

/**
 * Where the determiner opening the speaker whose office or role ends at `head` starts, when
 * up to three describing words stand between them: "the outgoing defence minister", "a
 * senior official", "Russia's foreign minister", "the country's top diplomat"; -1 if none.
 */
function determinedFrom(codes: Codes, head: number, floor: number): number {
  let s = head;
  for (let n = 0; n <= 3; n++) {
    const gap = skipSpacesBack(codes, s, floor);
    if (gap === s || !tokenBefore(codes, gap, floor) || tokEnd !== gap) return -1;
    const ps = tokStart;
    const pe = tokEnd;
    if (isDeterminer(codes, ps, pe)) return ps;
    if (isPossessive(codes, ps, pe)) {
      // "Russia's"; "the country's", "the prime minister's": with their own determiner.
      if (capital(codes, ps)) return ps;
      const own = determinedFrom(codes, ps, floor);
      return own >= 0 ? own : ps;
    }
    if (n === 3 || (capital(codes, ps) ? inList(In.STOP_CAPITAL, codes, ps, pe) : !inList(In.DESCRIBING, codes, ps, pe))) return -1;
    s = ps;
  }
  return -1;
}

/**
 * Whether the one found at [s, end) is what someone heads or speaks for, named before it
 * with a determiner: "the head of", "a spokesperson for", "the minister of". If so, that one
 * is the speaker, to `end` (a person, unless an organisation speaks for it).
 */
function speakerHolding(codes: Codes, s: number, end: number, floor: number): boolean {
  const gap = skipSpacesBack(codes, s, floor);
  if (gap === s || !tokenBefore(codes, gap, floor) || tokEnd !== gap) return false;
  if (!isWord(codes, tokStart, tokEnd, 'of') && !isWord(codes, tokStart, tokEnd, 'for')) return false;
  const before = skipSpacesBack(codes, tokStart, floor);
  if (before === tokStart || !tokenBefore(codes, before, floor) || tokEnd !== before) return false;
  const hs = tokStart;
  const he = tokEnd;
  const person = isWord(codes, hs, he, 'head') || inList(In.OFFICE, codes, hs, he);
  if (!person && !inList(In.ROLE, codes, hs, he)) return false;
  const start = determinedFrom(codes, hs, floor);
  return start >= 0 && setSpeaker(start, end, start, person);
}

/** Whether a speaker follows an inverted verb: "said Victor Cha", "said the official". */
export function speakerAfter(codes: Codes, s: number, end: number): boolean {
  if (!tokenAfter(codes, s, end)) return false;
  const ts = tokStart;
  const te = tokEnd;
  if (inList(In.PRONOUN, codes, ts, te)) return setSpeaker(ts, te, ts, true);
  if (isDeterminer(codes, ts, te)) {
    // "said the official", "said the French foreign minister", "said a senior official": the
    // longest run of describing words after the determiner that ends on a role or an office.
    let speakerEnd = -1;
    let person = false;
    let i = te;
    for (let n = 0; n < 4 && tokenAfter(codes, skipSpaces(codes, i, end), end); n++) {
      const ws = tokStart;
      const we = tokEnd;
      const upper = capital(codes, ws);
      if (inList(In.ROLE, codes, ws, we) || (!upper && inList(In.OFFICE, codes, ws, we))) {
        speakerEnd = we;
        person = !upper && inList(In.OFFICE, codes, ws, we);
      } else if (upper ? inList(In.STOP_CAPITAL, codes, ws, we) : !inList(In.DESCRIBING, codes, ws, we)) {
        break;
      }
      // Only spaces between the words: a comma or a period ends the phrase.
      if (we < end && !isSpace(codes[we])) break;
      i = we;
    }
    if (speakerEnd >= 0) return setSpeaker(ts, speakerEnd, ts, person);
  }
  if (!runAfter(codes, s, end)) return false;
  nameOfRun(codes);
  return setSpeaker(nameStart, nameEnd, nameStart, namePerson);
}


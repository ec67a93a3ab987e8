/**
 * Attributions: who is speaking. A speech verb found by the scan is read outwards for its
 * speaker ("Austin said", "said Victor Cha", "according to U.S. intelligence estimates",
 * "Dmitry Peskov, Putin's spokesperson, labeled …"), and each quote is then linked to the
 * speaker written next to it, in its sentence or in the sentence before or after, as
 * quote-attribution tools do.
 */
import type { Detection } from './types';
import type { QuoteSpan } from './quotes';
import type { Term } from './vocabulary';
import {
  C, CLASS as importedCLASS, type Codes, type ParagraphText, type Sentences, isAsciiWord, isLetter as importedIsLetter, isSpace as importedIsSpace, isUpper as importedIsUpper, isWord as importedIsWord, sentenceEndAt as importedSentenceEndAt, sentenceIndex as importedSentenceIndex, skipSpaces as importedSkipSpaces, skipSpacesBack as importedSkipSpacesBack,
} from './text';
import type { AttributionSubtype } from './types';
import { Case, Ch } from './chars';
import { In, LISTED, Trait } from './attributionWords';

// The character helpers as module constants: an import is a property load on the module
// object in CommonJS output, a constant is folded into the loops that call it.
const CLASS = importedCLASS;
const isLetter = importedIsLetter;
const isSpace = importedIsSpace;
const isUpper = importedIsUpper;
const isWord = importedIsWord;
const skipSpaces = importedSkipSpaces;
const skipSpacesBack = importedSkipSpacesBack;
const sentenceEndAt = importedSentenceEndAt;
const sentenceIndex = importedSentenceIndex;

/** A speaker met in the text, with offsets in the document. */
export interface SpeakerRef {
  name: string;
  start: number;
  end: number;
}

/** One attribution found in a paragraph (document offsets). */
export interface Attribution {
  start: number;
  end: number;
  verbStart: number;
  verbEnd: number;
  /** Index of the sentence the verb is in (0 when the paragraph has none). */
  sentence: number;
  subtype: AttributionSubtype;
  speaker: SpeakerRef;
  person: boolean;
  word: string;
  linked: boolean;
}

/*
 * The readers below return their result in module variables instead of fresh objects:
 * they run a few times for every speech verb, and allocation was most of their cost.
 */

/** 1 for the code units a token is made of: letters, and . - ’ ' and the no-break hyphen. */
const TOKEN_CHARS: Uint8Array = CLASS.map((k, c) => (k === C.UPPER || k === C.LOWER || c === Ch.PERIOD || c === Ch.HYPHEN || c === Ch.RIGHT_SINGLE_QUOTE || c === Ch.APOSTROPHE || c === Ch.NON_BREAKING_HYPHEN ? 1 : 0));

function isTokenChar(c: number): boolean {
  return TOKEN_CHARS[c] === 1;
}

/** Bounds of the token found by `tokenBefore` / `tokenAfter`. */
let tokStart = 0;
let tokEnd = 0;

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
function forgetTokens(): void {
  verbStamp++;
  if (verbStamp === 0x7fffffff) {
    // Never in practice; but a stamp reused must not meet a slot written with it long ago.
    beforeStamp.fill(0);
    listsStamp.fill(0);
    verbStamp = 1;
  }
}

/** Whether a whitespace-separated token ends at `e`; its bounds go to `tokStart`/`tokEnd`. */
function tokenBefore(codes: Codes, e: number, floor: number): boolean {
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
function tokenAfter(codes: Codes, s: number, end: number): boolean {
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
function inList(list: In, codes: Codes, s: number, e: number): boolean {
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

function isPossessive(codes: Codes, s: number, e: number): boolean {
  if ((codes[e - 1] | Case.LOWER) === Ch.s) e--;
  const mark = codes[e - 1];
  return e > s && (mark === Ch.APOSTROPHE || mark === Ch.RIGHT_SINGLE_QUOTE);
}

function capital(codes: Codes, s: number): boolean {
  return isUpper(codes[s]);
}

// A run of capitalised tokens (a name), left to right.
const runStarts = new Int32Array(64);
const runEnds = new Int32Array(64);
let runCount = 0;

/** Whether a run of capitalised tokens (with "of", "de" … inside) ends at `e`. */
function runBefore(codes: Codes, e: number, floor: number): boolean {
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
function runAfter(codes: Codes, s: number, end: number): boolean {
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
let nameStart = 0;
let nameEnd = 0;
let namePerson = false;

/** The name in the current run, titles taken off: "Defense Secretary Lloyd Austin" → "Lloyd Austin". */
function nameOfRun(codes: Codes): void {
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

/** Text of [s, e) with its spaces (no-break ones included) made plain. */
function spanText(text: ParagraphText, codes: Codes, s: number, e: number): string {
  // Read in the code units: most names have only plain spaces, and then the slice is all.
  for (let i = s; i < e; i++) {
    const c = codes[i];
    if (c !== Ch.SPACE && CLASS[c] === C.SPACE) return text.slice(s, e).replace(/\s+/g, ' ');
  }
  return text.slice(s, e);
}

// The speaker found by `speakerBefore` / `speakerAfter`.
let spStart = 0;
let spEnd = 0;
let spSpan = 0;
let spPerson = false;

function setSpeaker(start: number, end: number, span: number, person: boolean): boolean {
  spStart = start;
  spEnd = end;
  spSpan = span;
  spPerson = person;
  return true;
}

/** Context the attribution pass needs from its paragraph and the one before. */
export interface AttributionInput {
  text: ParagraphText;
  codes: Codes;
  start: number;
  end: number;
  /** [start, end, term index] of each speech verb or phrase met by the scan. */
  hits: Int32Array;
  hitCount: number;
  /** The vocabulary's terms, by index. */
  terms: readonly Term[];
  sentences: Sentences;
  /** Quotes of the paragraph (document offsets), in order. */
  quotes: readonly QuoteSpan[];
  /** Last person named in the previous paragraph, for "he said". */
  antecedent: string | null;
}

/**
 * Finds the attributions of a paragraph and the person each pronoun stands for.
 *
 * @param input - The paragraph, its speech verbs, sentences and quotes
 */
export function findAttributions(input: AttributionInput): Attribution[] {
  const hits = input.hits;
  // Made once an attribution is found: most speech verbs met have no speaker.
  let out: Attribution[] = NONE;
  let lastPerson: string | null = input.antecedent;
  const terms = input.terms;
  for (let h = 0; h < input.hitCount; h++) {
    const vs = hits[h * 3];
    const entry = terms[hits[h * 3 + 2]];
    const a = attributionAt(input, vs, hits[h * 3 + 1], entry, entry.traits, out);
    if (!a) continue;
    const name = a.speaker.name;
    if (name.length <= 3 && ((LISTED.getWord(name) ?? 0) & In.PRONOUN) !== 0) {
      if (lastPerson && (isAsciiWord(name, 'he') || isAsciiWord(name, 'she'))) {
        a.speaker = { name: lastPerson, start: a.speaker.start, end: a.speaker.end };
      }
    } else if (a.person) {
      lastPerson = name;
    }
    // Keep the list ordered by start; speakers written before the verb can start earlier.
    if (out === NONE) {
      out = [a];
      continue;
    }
    let k = out.length;
    while (k > 0 && out[k - 1].start > a.start) k--;
    if (k === out.length) out.push(a);
    else out.splice(k, 0, a);
  }
  return out;
}

/** The empty list of attributions, shared and never written. */
const NONE: Attribution[] = [];

/** The sentence of the verb `attributionAt` is reading, found once and kept with its attribution. */
let verbSentence = 0;

function attribution(start: number, end: number, vs: number, ve: number, word: string, name: string, speakerStart: number, speakerEnd: number, person: boolean, subtype: AttributionSubtype = 'reported'): Attribution {
  return { start, end, verbStart: vs, verbEnd: ve, sentence: verbSentence, subtype, speaker: { name, start: speakerStart, end: speakerEnd }, person, word, linked: false };
}

function attributionAt(input: AttributionInput, vs: number, ve: number, entry: Term, traits: number, found: readonly Attribution[]): Attribution | null {
  const { text, codes, start, end, sentences } = input;
  forgetTokens();
  const verb = entry.verb;
  let ss = vs;
  let se = vs;
  verbSentence = 0;
  if (sentences.count > 0) {
    const k = sentenceIndex(sentences, vs);
    ss = sentences.bounds[k * 2];
    se = sentences.bounds[k * 2 + 1];
    verbSentence = k;
  }
  const word = entry.word;
  if (verb === 'according') {
    const t = skipSpaces(codes, ve, end);
    if (t === ve || !isWord(codes, t, t + 2, 'to') || !isSpace(codes[t + 2])) return null;
    const npEnd = nounPhraseEnd(codes, t + 3, Math.min(se, end));
    const np = t + 3;
    if (npEnd < 0) return null;
    if (runBefore(codes, npEnd, np) && runEnds[runCount - 1] === npEnd && runCount >= 2 && onlyCapitalsOrOf(codes)) {
      nameOfRun(codes);
      return attribution(vs, npEnd, vs, t + 2, 'according to', spanText(text, codes, nameStart, nameEnd), nameStart, nameEnd, namePerson, 'according-to');
    }
    return attribution(vs, npEnd, vs, t + 2, 'according to', spanText(text, codes, np, npEnd), np, npEnd, false, 'according-to');
  }
  if (verb === 'source') {
    // A team's phrase that ends in its preposition: "in the words of the minister".
    const np = skipSpaces(codes, ve, end);
    if (np === ve) return null;
    const npEnd = nounPhraseEnd(codes, np, Math.min(se, end));
    if (npEnd < 0) return null;
    if (runBefore(codes, npEnd, np) && runEnds[runCount - 1] === npEnd && onlyCapitalsOrOf(codes)) {
      nameOfRun(codes);
      return attribution(vs, npEnd, vs, ve, word, spanText(text, codes, nameStart, nameEnd), nameStart, nameEnd, namePerson, 'according-to');
    }
    return attribution(vs, npEnd, vs, ve, word, spanText(text, codes, np, npEnd), np, npEnd, false, 'according-to');
  }

  const next = skipSpaces(codes, ve, end);
  const nextChar = next < end ? codes[next] : 32;
  if (verb === 'part' && !(traits & Trait.OPEN)) {
    const that = tokenAfter(codes, next, end) && isWord(codes, tokStart, tokEnd, 'that');
    if (!that && nextChar !== Ch.COLON && CLASS[nextChar] !== C.QUOTE && nextChar !== Ch.COMMA) return null;
  }
  if (traits & Trait.WEAK && !complementFollows(codes, next, end) && !quoteJustBefore(codes, vs, start) && !reportEndsSentence(codes, vs, next, ss, end)) return null;
  if (verb === 'name' || (verb === 'part' && traits & Trait.NAMING)) {
    // "called it a “…”", "as described by …": naming verbs report speech only next to a quote.
    if (!quoteIn(input.quotes, ss, se)) return null;
  }

  // Inverted order after a quote or a comma: "…,” said Victor Cha".
  const before = skipSpacesBack(codes, vs, start);
  const beforeChar = before > start ? codes[before - 1] : 0;
  if (verb === 'say' && (CLASS[beforeChar] === C.QUOTE || beforeChar === Ch.COMMA || before === ss) && speakerAfter(codes, next, end)) {
    return attribution(vs, spEnd, vs, ve, word, spanText(text, codes, spStart, spEnd), spStart, spEnd, spPerson);
  }

  // Auxiliaries and adverbs between the speaker and the verb: "has denied", "further elaborated".
  let p = before;
  let passive = false;
  for (let n = 0; n < 3; n++) {
    if (!tokenBefore(codes, p, start) || tokEnd !== p) break;
    const ts = tokStart;
    const te = tokEnd;
    if (inList(In.PASSIVE, codes, ts, te)) passive = true;
    else if (!inList(In.AUXILIARY, codes, ts, te) && !(te - ts > 4 && !capital(codes, ts) && (codes[te - 1] | Case.LOWER) === Ch.y && (codes[te - 2] | Case.LOWER) === Ch.l)) break;
    p = skipSpacesBack(codes, ts, start);
  }
  if (passive || verb === 'name') {
    // "as described by Pentagon Press Secretary Pat Ryder"
    if (tokenAfter(codes, next, end) && isWord(codes, tokStart, tokEnd, 'by') && speakerAfter(codes, skipSpaces(codes, tokEnd, end), end)) {
      return attribution(vs, spEnd, vs, ve, word, spanText(text, codes, spStart, spEnd), spStart, spEnd, spPerson);
    }
    if (passive) return null;
  }

  if (speakerBefore(codes, p, Math.max(ss, start), ss)) {
    return attribution(spSpan, ve, vs, ve, word, spanText(text, codes, spStart, spEnd), spStart, spEnd, spPerson);
  }
  if (verb === 'part' || verb === 'name' || relativeBefore(codes, p, start)) {
    // "…, stating that": the speaker already named in the sentence, or its subject.
    for (let k = found.length - 1; k >= 0 && found[k].start >= ss - SPEAKER_REACH; k--) {
      const f = found[k];
      if (f.start >= ss && f.start < vs) return attribution(vs, ve, vs, ve, word, f.speaker.name, f.speaker.start, f.speaker.end, f.person);
    }
    if (firstNameIn(codes, Math.max(ss, vs - SUBJECT_REACH), vs)) return attribution(vs, ve, vs, ve, word, spanText(text, codes, nameStart, nameEnd), nameStart, nameEnd, namePerson);
  }
  return null;
}

/** How far back a sentence's subject is looked for ("…, stating that"). */
const SUBJECT_REACH = 400;

/** Whether some quote overlaps [from, to) (quotes sorted by start; outer ones do not overlap). */
function quoteIn(quotes: readonly QuoteSpan[], from: number, to: number): boolean {
  const lo = firstStartingAt(quotes, from);
  if (lo < quotes.length && quotes[lo].start < to) return true;
  // A quote starting before `from` may still reach into it; nested ones sit inside an outer one.
  for (let k = lo - 1; k >= 0 && k >= lo - 4; k--) if (quotes[k].end > from) return true;
  return false;
}

function onlyCapitalsOrOf(codes: Codes): boolean {
  for (let k = 0; k < runCount; k++) {
    if (!capital(codes, runStarts[k]) && !isWord(codes, runStarts[k], runEnds[k], 'of')) return false;
  }
  return true;
}

function relativeBefore(codes: Codes, p: number, start: number): boolean {
  if (!tokenBefore(codes, p, start) || tokEnd !== p || !inList(In.RELATIVE, codes, tokStart, tokEnd)) return false;
  if (!isWord(codes, tokStart, tokEnd, 'who')) return true;
  // "…, who said": only after a name; "Three years ago, who would have predicted" asks.
  const comma = skipSpacesBack(codes, tokStart, start);
  if (codes[comma - 1] !== Ch.COMMA) return false;
  return tokenBefore(codes, skipSpacesBack(codes, comma - 1, start), start) && capital(codes, tokStart);
}

/** "that", a colon or a quote mark within the next few words. */
function complementFollows(codes: Codes, i: number, end: number): boolean {
  let p = i;
  for (let n = 0; n < 4 && p < end; n++) {
    const c = codes[p];
    if (c === Ch.COLON || CLASS[c] === C.QUOTE) return true;
    if (!tokenAfter(codes, p, end)) return c === Ch.COMMA && CLASS[codes[skipSpaces(codes, p + 1, end)]] === C.QUOTE;
    if (isWord(codes, tokStart, tokEnd, 'that')) return true;
    p = skipSpaces(codes, tokEnd, end);
  }
  return false;
}

/**
 * Whether the verb at `vs` closes its sentence after a comma and a few words, as a report
 * written after what it reports does: "The talks failed, officials say." (`next`: the first
 * character after the verb and its spaces; `ss`: the sentence start).
 */
function reportEndsSentence(codes: Codes, vs: number, next: number, ss: number, end: number): boolean {
  if (next < end && CLASS[codes[next]] !== C.TERMINATOR) return false;
  let e = skipSpacesBack(codes, vs, ss);
  for (let words = 0; words < 6 && tokenBefore(codes, e, ss) && tokEnd === e; words++) {
    const ts = tokStart;
    // "…, and she agreed": a clause of its own, not a report.
    if (isWord(codes, ts, tokEnd, 'and') || isWord(codes, ts, tokEnd, 'but') || isWord(codes, ts, tokEnd, 'or') || isWord(codes, ts, tokEnd, 'as') ||
      isWord(codes, ts, tokEnd, 'so')) return false;
    e = skipSpacesBack(codes, ts, ss);
    if (e > ss && codes[e - 1] === Ch.COMMA) return true;
  }
  return false;
}

/** Whether a quote closes just before the speaker: "…,” Putin agreed". */
function quoteJustBefore(codes: Codes, vs: number, start: number): boolean {
  let p = skipSpacesBack(codes, vs, start);
  if (tokenBefore(codes, p, start) && tokEnd === p) {
    const ts = tokStart;
    p = skipSpacesBack(codes, runBefore(codes, p, start) ? runStarts[0] : ts, start);
  }
  return p > start && CLASS[codes[p - 1]] === C.QUOTE;
}

/** Whether [from, to) holds a capitalised name that is not a sentence opener; it goes to `name*`. */
function firstNameIn(codes: Codes, from: number, to: number): boolean {
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
function speakerBefore(codes: Codes, p: number, floor: number, sentenceStart: number): boolean {
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
    const gap = skipSpacesBack(codes, ts, floor);
    if (gap < ts && tokenBefore(codes, gap, floor) && tokEnd === gap) {
      const ps = tokStart;
      const pe = tokEnd;
      if (capital(codes, ps) && !inList(In.STOP_CAPITAL, codes, ps, pe) && !isPossessive(codes, ps, pe)) {
        s = runBefore(codes, pe, floor) ? runStarts[0] : ps;
        // "a senior US official"
        const determiner = determinedFrom(codes, s, floor);
        if (determiner >= 0) s = determiner;
      } else if (isWord(codes, ps, pe, 'the') || isWord(codes, ps, pe, 'a') || isWord(codes, ps, pe, 'some') || isWord(codes, ps, pe, 'many') ||
        isWord(codes, ps, pe, 'other') || isPossessive(codes, ps, pe)) {
        s = ps;
        // "the prime minister's office": the possessive's own determiner and describing words.
        if (!capital(codes, ps) && isPossessive(codes, ps, pe)) {
          const determiner = determinedFrom(codes, ps, floor);
          if (determiner >= 0) s = determiner;
        }
      }
    }
    // "the outgoing defence minister", "a senior official", "Russia's foreign minister"
    if (s === ts && !capital(codes, ts)) {
      const determiner = determinedFrom(codes, ts, floor);
      if (determiner >= 0) s = determiner;
    }
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
      // "the country's": with its own determiner.
      if (capital(codes, ps)) return ps;
      const before = skipSpacesBack(codes, ps, floor);
      return before < ps && tokenBefore(codes, before, floor) && tokEnd === before && isDeterminer(codes, tokStart, tokEnd) ? tokStart : ps;
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
function speakerAfter(codes: Codes, s: number, end: number): boolean {
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

/** End of the noun phrase after "according to": up to a comma, a quote or the sentence end; -1 if empty. */
function nounPhraseEnd(codes: Codes, s: number, end: number): number {
  let e = s;
  let words = 0;
  while (e < end && words < 12) {
    const c = codes[e];
    const k = CLASS[c];
    if (k === C.PUNCT || (k === C.QUOTE && c !== Ch.RIGHT_SINGLE_QUOTE && c !== Ch.APOSTROPHE) || c === Ch.OPEN_PAREN || (k === C.DASH && isSpace(codes[e + 1]))) break;
    if (k === C.TERMINATOR && (c !== Ch.PERIOD || sentenceEndAt(codes, e, end) >= 0)) break;
    if (k === C.SPACE) words++;
    e++;
  }
  e = skipSpacesBack(codes, e, s);
  return e > s ? e : -1;
}

/** Whether only spaces, commas, colons or dashes lie between `a` and `b`. */
function onlyGlue(codes: Codes, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = codes[i];
    const k = CLASS[c];
    if (!(k === C.SPACE || c === Ch.COMMA || c === Ch.COLON || k === C.DASH)) return false;
  }
  return true;
}

/** Whether [a, b) reads "that", ", that" or "that:" (with spaces). */
function onlyThat(codes: Codes, a: number, b: number): boolean {
  let s = skipSpaces(codes, a, b);
  if (codes[s] === Ch.COMMA) s = skipSpaces(codes, s + 1, b);
  let e = skipSpacesBack(codes, b, s);
  if (codes[e - 1] === Ch.COLON) e--;
  return isWord(codes, s, e, 'that');
}

/**
 * Chooses the speaker of each outer quote: an attribution right after it, right before it,
 * in its sentence, or in the sentence before or after. Marks the attributions used.
 *
 * @returns For each quote, the attribution index, or -1 (valid until the next call)
 */
export function linkQuotes(codes: Codes, quotes: readonly QuoteSpan[], attributions: Attribution[], sentences: Sentences, start: number): readonly number[] {
  const links = linkList;
  const n = quotes.length;
  for (let q = 0; q < n; q++) links[q] = quotes[q].nested ? -1 : linkOne(codes, quotes[q], attributions, sentences, start);
  for (let q = 0; q < n; q++) {
    const k = links[q];
    if (k < 0) continue;
    if (attributions[k].subtype === 'reported') attributions[k].subtype = 'speaker';
    attributions[k].linked = true;
  }
  return links;
}

/**
 * The links `linkQuotes` returns, rewritten by every call (entries past the quotes given are
 * stale): the caller reads them before it links again.
 */
const linkList: number[] = [];

/** Index of the first span starting at or after `offset` in spans sorted by start (quotes, attributions). */
function firstStartingAt(spans: ReadonlyArray<{ readonly start: number }>, offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * How far before its verb an attribution can start (a long speaker with titles and an
 * appositive); lets the searches below look only near the quote, so that a paragraph with
 * thousands of quotes costs no more per quote than a short one.
 */
const SPEAKER_REACH = 240;

/** How far from a quote a speaker in the same sentence is looked for. */
const SENTENCE_REACH = 600;

function linkOne(codes: Codes, q: QuoteSpan, attributions: readonly Attribution[], sentenceList: Sentences, start: number): number {
  const count = attributions.length;
  if (count === 0) return -1;
  // Right after the quote: "…,” Austin said".
  const next = firstStartingAt(attributions, q.end);
  if (next < count) {
    const a = attributions[next];
    if (a.start - q.end <= 6 && onlyGlue(codes, q.end, a.start)) return next;
  }
  // Right before it: "Austin said: “…”", "said that “…”".
  if (q.start >= start) {
    const first = firstStartingAt(attributions, q.start - SPEAKER_REACH);
    for (let k = firstStartingAt(attributions, q.start) - 1; k >= first; k--) {
      const a = attributions[k];
      if (a.end > q.start) continue;
      if (onlyGlue(codes, a.end, q.start) && q.start - a.end <= 4) return k;
      if (q.start - a.end <= 12 && onlyThat(codes, a.end, q.start)) return k;
    }
  }
  const sentenceCount = sentenceList.count;
  if (sentenceCount === 0) return -1;
  const sentences = sentenceList.bounds;
  const sq = q.start >= start ? sentenceIndex(sentenceList, q.start) : -1;
  const eq = sentenceIndex(sentenceList, Math.max(start, q.end - 1));
  // In the sentence where it starts or ends: the nearest, within SENTENCE_REACH of the quote
  // (a "sentence" of thousands of characters is unpunctuated text, not prose).
  const from = Math.max(sentences[(sq >= 0 ? sq : eq) * 2], q.start - SENTENCE_REACH);
  const to = Math.min(sentences[eq * 2 + 1], q.end + SENTENCE_REACH);
  let best = -1;
  let bestDistance = Infinity;
  for (let k = firstStartingAt(attributions, from - SPEAKER_REACH); k < count && attributions[k].start < to; k++) {
    const a = attributions[k];
    const sa = a.sentence;
    if (sa !== sq && sa !== eq) continue;
    const d = a.start >= q.end ? a.start - q.end : a.end <= q.start ? q.start - a.end : 0;
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  if (best >= 0) return best;
  // In the sentence before: its last attribution.
  if (sq > 0) {
    const before = sentences[(sq - 1) * 2];
    for (let k = firstStartingAt(attributions, sentences[sq * 2]) - 1; k >= 0 && attributions[k].start >= before - SPEAKER_REACH; k--) {
      if (attributions[k].sentence === sq - 1) return k;
    }
  }
  // In the sentence after: its first attribution.
  if (eq + 1 < sentenceCount) {
    const after = sentences[(eq + 1) * 2 + 1];
    for (let k = firstStartingAt(attributions, q.end); k < count && attributions[k].start < after; k++) {
      if (attributions[k].sentence === eq + 1) return k;
    }
  }
  return -1;
}

/** Detection of one attribution, offsets relative to `base`. */
export function attributionDetection(a: Attribution, sentences: Sentences, base: number): Detection {
  const k = a.sentence;
  const bounds = sentences.bounds;
  return {
    kind: 'attribution',
    subtype: a.subtype,
    start: a.start - base,
    end: a.end - base,
    speaker: a.speaker.name,
    speakerStart: a.speaker.start - base,
    speakerEnd: a.speaker.end - base,
    word: a.word,
    sentenceStart: (sentences.count > 0 ? bounds[k * 2] : a.start) - base,
    sentenceEnd: (sentences.count > 0 ? bounds[k * 2 + 1] : a.end) - base,
  };
}

/** Whether the paragraph [start, end) ends by introducing what follows ("Kirby said:"). */
export function endsWithColon(codes: Codes, start: number, end: number): boolean {
  const e = skipSpacesBack(codes, end, start);
  return e > start && codes[e - 1] === Ch.COLON;
}

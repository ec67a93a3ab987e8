/**
 * Attributions: who is speaking. Each speech verb the scan found is read here: what kind of
 * verb it is ("said", "according to", "saying", "called it"), whether it reports speech where
 * it stands, and, through speakers.ts, who is written next to it ("Austin said", "said
 * Victor Cha", "according to U.S. intelligence estimates", "the defence minister said"); a
 * pronoun stands for the last person named. quoteLinks.ts then gives each quote its speaker.
 */
import type { Detection } from './types';
import type { QuoteSpan } from './quotes';
import type { Term } from './vocabulary';
import {
  C, CLASS as importedCLASS, type Codes, type ParagraphText, type Sentences, isAsciiWord, isSpace as importedIsSpace, isWord as importedIsWord, sentenceEndAt as importedSentenceEndAt, sentenceIndex as importedSentenceIndex, skipSpaces as importedSkipSpaces, skipSpacesBack as importedSkipSpacesBack,
} from './text';
import type { AttributionSubtype } from './types';
import { Case, Ch } from './chars';
import { In, LISTED, Trait } from './attributionWords';
import {
  capital, firstNameIn, forgetTokens, inList, nameEnd, nameOfRun, namePerson, nameStart, onlyCapitalsOrOf, runBefore, runCount, runEnds,
  runStarts, spEnd, spPerson, spSpan, spStart, speakerAfter, speakerBefore, tokEnd, tokStart, tokenAfter, tokenBefore,
} from './speakers';

// The character helpers as module constants: an import is a property load on the module
// object in CommonJS output, a constant is folded into the loops that call it.
const CLASS = importedCLASS;
const isSpace = importedIsSpace;
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

/** Text of [s, e) with its spaces (no-break ones included) made plain. */
function spanText(text: ParagraphText, codes: Codes, s: number, e: number): string {
  // Read in the code units: most names have only plain spaces, and then the slice is all.
  for (let i = s; i < e; i++) {
    const c = codes[i];
    if (c !== Ch.SPACE && CLASS[c] === C.SPACE) return text.slice(s, e).replace(/\s+/g, ' ');
  }
  return text.slice(s, e);
}

/**
 * How far before its verb an attribution can start (a long speaker with titles and an
 * appositive); lets the searches below look only near the quote, so that a paragraph with
 * thousands of quotes costs no more per quote than a short one.
 */
export const SPEAKER_REACH = 240;

/** Index of the first span starting at or after `offset` in spans sorted by start (quotes, attributions). */
export function firstStartingAt(spans: ReadonlyArray<{ readonly start: number }>, offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

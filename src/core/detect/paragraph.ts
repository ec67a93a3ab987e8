/**
 * One pass over one paragraph: the walk that finds every candidate (quote marks, digits,
 * keywords, sentence ends; candidates.ts), then the small passes that turn candidates into
 * detections.
 *
 * A paragraph is what a reader sees as one (structure/): lines joined across soft line
 * breaks, markup left out. Its result depends on its own reading, on what the previous
 * paragraph hands on (`Carry`: a quote still open, the last person named, a "Kirby said:"
 * lead-in) and, for a quote left open, on the first two characters of the next paragraph
 * (does it reopen the quote? see quotes.ts). Nothing else, which is what lets the
 * incremental detector re-scan only the paragraphs an edit touches.
 */
import type { DetectOptions, Detection, DetectionKind } from './types';
import { type DetectionList, addDetection as importedAddDetection, newDetectionList } from './list';
import { C, CLASS, type Codes, ParagraphText, type Sentences, WordTable, newSentences, splitSentencesInto as importedSplitSentencesInto, sentenceIndex as importedSentenceIndex } from './text';
import { F } from './lexicon';
import { type CompiledVocabulary, type PhraseMatch, compiled, matchPhrases } from './vocabulary';
import { EVENT_AT, EVENT_DIGIT, codesFor, collectCandidates, fillCodes, found, grow, useVocabulary, windowFollows } from './candidates';
import { NumberReader, isFurniture, numberAtDigit, numberAtWord } from './numbers';
import { type OpenQuote, type QuoteSpan, pairQuotes } from './quotes';
import { findCues } from './cues';
import { Reading } from './reading';
import type { ParagraphSpan, TextFormat } from './structure/span';
import { type Attribution, type AttributionInput, type SpeakerRef, attributionDetection, endsWithColon, findAttributions } from './attribution';
import { linkQuotes } from './quoteLinks';
import type { QuoteSubtype } from './types';
import { Ch } from './chars';

// Module constants rather than imports: an import is a property load on the module object
// in CommonJS output, a constant is folded into the code that uses it.
const splitSentencesInto = importedSplitSentencesInto;
const sentenceIndex = importedSentenceIndex;
const addDetection = importedAddDetection;

// Plain constants, not exports: an exported constant compiles to a property of the module object.
const QUOTE_KIND = 1;
const NUMBER_KIND = 2;
const ATTRIBUTION_KIND = 4;
const CUE_KIND = 8;
const ALL_KINDS = 15;

/**
 * At most this many detections per document by default: 35 MB of news text have that many,
 * and a result of that size keeps about 30 MB of memory.
 */
export const MAX_DETECTIONS = 250_000;

/** What a scan reads with: which kinds to report, the cue vocabulary, the text's format, how many detections at most. */
export interface ScanSettings {
  readonly kinds: number;
  readonly vocabulary: CompiledVocabulary;
  readonly format: TextFormat;
  readonly maxDetections: number;
}

/** The settings of a scan with `options`. */
export function scanSettings(options: DetectOptions | undefined): ScanSettings {
  const max = options?.maxDetections;
  return {
    kinds: kindMask(options?.kinds), vocabulary: compiled(options?.vocabulary), format: options?.format ?? 'plain',
    maxDetections: max !== undefined && max >= 0 ? max : MAX_DETECTIONS,
  };
}

/** The bit mask for a set of kinds (all four when none is given). */
function kindMask(kinds: ReadonlySet<DetectionKind> | undefined): number {
  if (!kinds) return ALL_KINDS;
  let mask = 0;
  if (kinds.has('quote')) mask |= QUOTE_KIND;
  if (kinds.has('number')) mask |= NUMBER_KIND;
  if (kinds.has('attribution')) mask |= ATTRIBUTION_KIND;
  if (kinds.has('cue')) mask |= CUE_KIND;
  return mask;
}

/**
 * What a paragraph hands to the next one. Offsets are relative to the start of the next
 * paragraph, so that two carries compare equal exactly when the next paragraph would be
 * scanned the same way.
 */
export interface Carry {
  quote: { family: number; subtype: QuoteSubtype; start: number; mark: number; speaker: SpeakerRef | null } | null;
  antecedent: string | null;
  lead: SpeakerRef | null;
}

/** What `scanParagraph` found besides the detections it appended. */
export interface ParagraphResult {
  /** A quote that began in an earlier paragraph and ends in this one (relative to `base`). */
  cross: Detection | null;
  carry: Carry | null;
}

const KIND_ORDER: Record<DetectionKind, number> = { quote: 0, number: 1, attribution: 2, cue: 3 };

/** The order of `detect()`: by start, then longer first, then kind, then subtype. */
export function compareDetections(a: Detection, b: Detection): number {
  return a.start - b.start || b.end - a.end || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.subtype < b.subtype ? -1 : a.subtype > b.subtype ? 1 : 0);
}

export function sameCarry(a: Carry | null, b: Carry | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (a.antecedent !== b.antecedent || !sameSpeaker(a.lead, b.lead)) return false;
  const qa = a.quote;
  const qb = b.quote;
  if (qa === qb) return true;
  if (!qa || !qb) return false;
  return qa.family === qb.family && qa.subtype === qb.subtype && qa.start === qb.start && qa.mark === qb.mark && sameSpeaker(qa.speaker, qb.speaker);
}

function sameSpeaker(a: SpeakerRef | null, b: SpeakerRef | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.name === b.name && a.start === b.start && a.end === b.end;
}

// Scratch buffers reused from paragraph to paragraph; the scan is synchronous.
/** [start, end, term index] of the speech verbs and of the cue words met by the events loop. */
let speechHits: Int32Array<ArrayBuffer> = new Int32Array(96);
let cueHits: Int32Array<ArrayBuffer> = new Int32Array(96);
/** Where the last phrase of a team's vocabulary was found. */
const phrase: PhraseMatch = { start: 0, end: 0 };
/*
 * Lists and sentences reused from paragraph to paragraph, each with its count: fresh arrays
 * per paragraph were 36 of the 63 MB a full scan of 10 MB allocated, and cost a garbage
 * collection every 50 ms of scanning.
 */
const quoteList: DetectionList = newDetectionList();
const numberList: DetectionList = newDetectionList();
const attributionList: DetectionList = newDetectionList();
const cueList: DetectionList = newDetectionList();
const sentenceList: Sentences = newSentences();
const NO_ATTRIBUTIONS: Attribution[] = [];

/** The paragraph being scanned, read with its edits, and the way back to the text's offsets. */
const reading = new Reading();
/** Strings out of the paragraph being scanned. */
const source = new ParagraphText();
source.written = reading;

/**
 * Detects everything in one paragraph.
 *
 * @param text - Document text
 * @param span - The paragraph: its bounds in `text` and the edits it is read with
 * @param carryIn - What the previous paragraph handed on, offsets relative to `span.start`
 * @param next - The next paragraph (its start and first characters), or null
 * @param base - Detections are stored with offsets relative to this
 * @param settings - The kinds to report and the vocabulary
 * @param out - Receives the paragraph's detections, sorted
 * @returns The cross-paragraph quote and the carry; the object is reused by the next call
 */
export function scanParagraph(text: string, span: ParagraphSpan, carryIn: Carry | null, next: ParagraphSpan | null, base: number, settings: ScanSettings, out: Detection[]): ParagraphResult {
  const kinds = settings.kinds;
  const vocabulary = settings.vocabulary;
  useVocabulary(vocabulary);
  const start = span.start;
  const nextStart = next ? next.start : -1;
  const numbers = numberList;
  numbers.count = 0;
  // Whether the paragraph is page furniture is only asked once it has a number.
  let wantNumbers = (kinds & NUMBER_KIND) !== 0;
  let furnitureChecked = false;
  const ctx = numberContext;
  ctx.out = numbers;
  const codes = codesFor(text);
  // What the scan reads: the paragraph and the character after it (its line break).
  fillCodes(Math.min(span.end + 2, text.length));
  const end = readParagraph(codes, span);
  source.text = text;
  source.codes = codes;
  source.direct = span.edits.length === 0;
  ctx.text = source;
  ctx.codes = codes;
  ctx.start = start;
  ctx.end = end;
  ctx.floor = start;
  ctx.base = base;

  collectCandidates(codes, start, end);
  const markCount = found.markCount;
  const termCount = found.termCount;
  const eventCount = found.eventCount;

  // Numbers, speech verbs and cue words, in text order. A number consumes what it spans.
  const eventBuffer = found.events;
  const terms = vocabulary.terms;
  const entryFlags = vocabulary.flags;
  let speechCount = 0;
  let cueCount = 0;
  let skipUntil = start;
  // A phrase consumes the words of its family it spans.
  let speechFloor = start;
  let cueFloor = start;
  for (let e = 0; e < eventCount; e += 2) {
    const pos = eventBuffer[e];
    if (pos < skipUntil) continue;
    const code = eventBuffer[e + 1];
    if (code === EVENT_DIGIT) {
      if (wantNumbers && !furnitureChecked) {
        wantNumbers = !isFurniture(source, codes, start, end);
        furnitureChecked = true;
      }
      if (wantNumbers && pos >= ctx.floor) skipUntil = numberAtDigit(ctx, pos);
      continue;
    }
    if (code === EVENT_AT) {
      // An e-mail address or a handle: nothing in it is a claim.
      let j = pos + 1;
      while (j < end && CLASSES[codes[j]] !== C.SPACE) j++;
      skipUntil = j;
      ctx.floor = Math.max(ctx.floor, j);
      continue;
    }
    let flags = entryFlags[code];
    if (flags & F.NUMBER_WORD) {
      const entry = terms[code];
      if (wantNumbers && !furnitureChecked) {
        wantNumbers = !isFurniture(source, codes, start, end);
        furnitureChecked = true;
      }
      if (wantNumbers && pos >= ctx.floor) skipUntil = numberAtWord(ctx, pos, pos + entry.word.length, entry);
      continue;
    }
    // The word, or a team's phrase written around it.
    let term = code;
    let s = pos;
    let we = -1;
    if (flags & F.PHRASE) {
      const found = matchPhrases(codes, start, end, pos, vocabulary.phrases[code] as NonNullable<CompiledVocabulary['phrases'][number]>, phrase);
      if (found >= 0) {
        term = found;
        s = phrase.start;
        we = phrase.end;
        flags = terms[found].flags;
      }
    }
    if (flags & F.SPEECH) {
      if (s < speechFloor) continue;
      if (we >= 0) {
        while (speechCount > 0 && speechHits[speechCount * 3 - 3] >= s) speechCount--;
        speechFloor = we;
      } else {
        we = pos + terms[code].word.length;
      }
      if (speechCount * 3 + 3 > speechHits.length) speechHits = grow(speechHits);
      speechHits[speechCount * 3] = s;
      speechHits[speechCount * 3 + 1] = we;
      speechHits[speechCount * 3 + 2] = term;
      speechCount++;
    } else if (flags & (F.SPECULATION | F.OPINION)) {
      if (s < cueFloor) continue;
      if (we >= 0) {
        while (cueCount > 0 && cueHits[cueCount * 3 - 3] >= s) cueCount--;
        cueFloor = we;
      } else {
        we = pos + terms[code].word.length;
      }
      if (cueCount * 3 + 3 > cueHits.length) cueHits = grow(cueHits);
      cueHits[cueCount * 3] = s;
      cueHits[cueCount * 3 + 1] = we;
      cueHits[cueCount * 3 + 2] = term;
      cueCount++;
    } else if (flags & F.URL) {
      const we = pos + terms[code].word.length;
      const n = codes[we];
      if (n === Ch.COLON || n === Ch.PERIOD) {
        let j = we;
        while (j < end && CLASSES[codes[j]] !== C.SPACE) j++;
        skipUntil = j;
        ctx.floor = Math.max(ctx.floor, j);
      }
    }
  }

  // Quotes.
  const carried: OpenQuote | null = carryIn?.quote
    ? { family: carryIn.quote.family, subtype: carryIn.quote.subtype, start: start + carryIn.quote.start, mark: carryIn.quote.mark }
    : null;
  // Quotes matter to quotes and to attributions (a speaker is one when a quote is near);
  // numbers and cues alone need neither quotes nor speakers.
  const wantQuotes = (kinds & (QUOTE_KIND | ATTRIBUTION_KIND)) !== 0;
  const paired = wantQuotes && (markCount > 0 || carried) ? pairQuotes(source, codes, start, end, found.marks, markCount, carried, next ? next.head0 : 0, next ? next.head1 : 0) : NO_QUOTES;
  const quotes = paired.quotes;

  const needSentences = ((kinds & CUE_KIND) !== 0 && cueCount > 0) || (wantQuotes && (speechCount > 0 || quotes.length > 0 || paired.carry !== null));
  const sentences = sentenceList;
  if (needSentences) splitSentencesInto(codes, start, end, found.terminators, termCount, sentences);
  else sentences.count = 0;

  const cues = cueList;
  cues.count = 0;
  if (kinds & CUE_KIND && cueCount > 0) findCues(source, codes, start, end, cueHits, cueCount, terms, sentences, base, cues);

  // Attributions and speakers.
  let attributions: Attribution[] = NO_ATTRIBUTIONS;
  const antecedentIn = carryIn ? carryIn.antecedent : null;
  if (kinds & (ATTRIBUTION_KIND | QUOTE_KIND) && speechCount > 0) {
    const input = attributionInput;
    input.text = source;
    input.codes = codes;
    input.start = start;
    input.end = end;
    input.hits = speechHits;
    input.hitCount = speechCount;
    input.terms = terms;
    input.sentences = sentences;
    input.quotes = quotes;
    input.antecedent = antecedentIn;
    attributions = findAttributions(input);
  }
  const speakers = speakerList;
  if (quotes.length > 0) {
    const links = linkQuotes(codes, quotes, attributions, sentences, start);
    const lead = carryIn?.lead ? { name: carryIn.lead.name, start: start + carryIn.lead.start, end: start + carryIn.lead.end } : null;
    const carriedSpeaker = carryIn?.quote?.speaker
      ? { name: carryIn.quote.speaker.name, start: start + carryIn.quote.speaker.start, end: start + carryIn.quote.speaker.end }
      : null;
    for (let q = 0; q < quotes.length; q++) {
      const quote = quotes[q];
      let speaker: SpeakerRef | null = links[q] >= 0 ? attributions[links[q]].speaker : null;
      if (!quote.nested) {
        if (quote.continued && carriedSpeaker && !(links[q] >= 0 && attributions[links[q]].start >= quote.end)) speaker = carriedSpeaker;
        if (!speaker && lead && quote.start >= start && sentences.count > 0 && sentenceIndex(sentences, quote.start) === 0) speaker = lead;
      }
      speakers[q] = speaker;
    }
  }

  // The quote handed on, with the speaker it had here. Its offsets are the text's, relative
  // to the next paragraph's start.
  let carryOut: Carry | null = null;
  const lastPerson = attributions.length > 0 ? lastPersonIn(attributions) : null;
  let lead: SpeakerRef | null = null;
  if (nextStart >= 0) {
    if (attributions.length > 0 && endsWithColon(codes, start, end)) {
      const a = attributions[attributions.length - 1];
      if (sentences.count > 0 && a.sentence === sentences.count - 1) {
        lead = { name: a.speaker.name, start: reading.toText(a.speaker.start) - nextStart, end: reading.toTextEnd(a.speaker.end) - nextStart };
      }
    }
    let quoteOut: Carry['quote'] = null;
    if (paired.carry) {
      const open = paired.carry;
      let speaker: SpeakerRef | null = null;
      if (open.start < start) {
        speaker = carryIn?.quote?.speaker
          ? { name: carryIn.quote.speaker.name, start: start + carryIn.quote.speaker.start, end: start + carryIn.quote.speaker.end }
          : null;
      } else if (attributions.length > 0) {
        const probe: QuoteSpan = { start: open.start, end, subtype: open.subtype, nested: false, unclosed: true, continued: false };
        const k = linkQuotes(codes, [probe], attributions, sentences, start)[0];
        if (k >= 0) speaker = attributions[k].speaker;
      }
      quoteOut = {
        family: open.family,
        subtype: open.subtype,
        start: reading.toText(open.start) - nextStart,
        mark: open.mark,
        speaker: speaker ? { name: speaker.name, start: reading.toText(speaker.start) - nextStart, end: reading.toTextEnd(speaker.end) - nextStart } : null,
      };
    }
    if (quoteOut || lastPerson || lead) carryOut = { quote: quoteOut, antecedent: lastPerson, lead };
  }

  // Detections.
  let cross: Detection | null = null;
  const quoteDetections = quoteList;
  quoteDetections.count = 0;
  if (kinds & QUOTE_KIND) {
    for (let q = 0; q < quotes.length; q++) {
      const quote = quotes[q];
      const d = quoteDetection(quote, speakers[q], base);
      // Merged in the reading's order (see below).
      if (quote.start < start) cross = d;
      else addDetection(quoteDetections, d, quote.start - base, quote.end - base);
    }
  }
  const attributionDetections = attributionList;
  attributionDetections.count = 0;
  if (kinds & ATTRIBUTION_KIND) {
    for (let k = 0; k < attributions.length; k++) {
      const a = attributions[k];
      addDetection(attributionDetections, attributionDetection(a, sentences, base), a.start - base, a.end - base);
    }
  }
  if (!reading.identity) {
    // The offsets of a paragraph read with edits that moved code units, moved back into the
    // text (quotes are made with them). The lists keep the reading's spans to merge by: the
    // mapping keeps their order.
    for (let k = 0; k < numbers.count; k++) spanToText(numbers.items[k], base);
    for (let k = 0; k < attributionDetections.count; k++) toTextOffsets(attributionDetections.items[k], base);
    for (let k = 0; k < cues.count; k++) toTextOffsets(cues.items[k], base);
  }
  mergeInto(out, quoteDetections, numbers, attributionDetections, cues);
  result.cross = cross;
  result.carry = carryOut;
  return result;
}

/**
 * Reads `span` into the code units (its edits made in place; the window the walk reads is
 * kept in step) and returns where its reading ends.
 */
function readParagraph(codes: Codes, span: ParagraphSpan): number {
  if (span.edits.length === 0) {
    reading.apply(codes, span);
    return span.end;
  }
  const end = reading.apply(codes, span);
  windowFollows(codes, span, reading.movedFrom);
  return end;
}

/*
 * Moving offsets from the reading to the text. A function per kind of detection: a property
 * read in one function from detections of a dozen shapes is a slow, generic lookup.
 */

/** Moves the span of a number (relative to `base`) from the paragraph's reading to the text. */
function spanToText(d: Detection, base: number): void {
  d.start = reading.toText(d.start + base) - base;
  d.end = reading.toTextEnd(d.end + base) - base;
}

/** Moves an attribution's or a cue's offsets (relative to `base`) from the paragraph's reading to the text. */
function toTextOffsets(d: Detection, base: number): void {
  d.start = reading.toText(d.start + base) - base;
  d.end = reading.toTextEnd(d.end + base) - base;
  if (d.speakerStart !== undefined) d.speakerStart = reading.toText(d.speakerStart + base) - base;
  if (d.speakerEnd !== undefined) d.speakerEnd = reading.toTextEnd(d.speakerEnd + base) - base;
  if (d.sentenceStart !== undefined) d.sentenceStart = reading.toText(d.sentenceStart + base) - base;
  if (d.sentenceEnd !== undefined) d.sentenceEnd = reading.toTextEnd(d.sentenceEnd + base) - base;
}

/**
 * The detection of a quote. One literal per set of fields, so that every field is stored in
 * the object itself: fields added afterwards went to a property array allocated for each
 * detection, and made more shapes for every reader.
 */
function quoteDetection(quote: QuoteSpan, speaker: SpeakerRef | null, base: number): Detection {
  const subtype = quote.subtype;
  // At the text's offsets already.
  const start = reading.toText(quote.start) - base;
  const end = reading.toTextEnd(quote.end) - base;
  if (speaker) {
    const name = speaker.name;
    const speakerStart = reading.toText(speaker.start) - base;
    const speakerEnd = reading.toTextEnd(speaker.end) - base;
    if (quote.nested && quote.unclosed) return { kind: 'quote', subtype, start, end, nested: true, unclosed: true, speaker: name, speakerStart, speakerEnd };
    if (quote.nested) return { kind: 'quote', subtype, start, end, nested: true, speaker: name, speakerStart, speakerEnd };
    if (quote.unclosed) return { kind: 'quote', subtype, start, end, unclosed: true, speaker: name, speakerStart, speakerEnd };
    return { kind: 'quote', subtype, start, end, speaker: name, speakerStart, speakerEnd };
  }
  if (quote.nested && quote.unclosed) return { kind: 'quote', subtype, start, end, nested: true, unclosed: true };
  if (quote.nested) return { kind: 'quote', subtype, start, end, nested: true };
  if (quote.unclosed) return { kind: 'quote', subtype, start, end, unclosed: true };
  return { kind: 'quote', subtype, start, end };
}

const NO_QUOTES = { quotes: [] as QuoteSpan[], carry: null };
const NO_CODES: Codes = new Uint16Array(0);
const CLASSES = CLASS;
const numberContext = new NumberReader(source, NO_CODES, numberList);
const attributionInput: AttributionInput = {
  text: source, codes: NO_CODES, start: 0, end: 0, hits: speechHits, hitCount: 0, terms: [], sentences: sentenceList, quotes: [], antecedent: null,
};
/** The speaker of each quote of the paragraph (stale past the paragraph's quotes). */
const speakerList: Array<SpeakerRef | null> = [];
const result: ParagraphResult = { cross: null, carry: null };

/**
 * Appends four sorted lists to `out`, keeping the order of `compareDetections`: by start,
 * then end descending, then kind, which is the order of the lists (quotes, numbers,
 * attributions, cues), each already sorted.
 */
function mergeInto(out: Detection[], la: DetectionList, lb: DetectionList, lc: DetectionList, ld: DetectionList): void {
  const na = la.count;
  const nb = lb.count;
  const nc = lc.count;
  const nd = ld.count;
  const a = la.spans;
  const b = lb.spans;
  const c = lc.spans;
  const d = ld.spans;
  const total = na + nb + nc + nd;
  // Most paragraphs have detections of one kind or none: those need no comparing.
  const only = total === na ? la : total === nb ? lb : total === nc ? lc : total === nd ? ld : null;
  if (only) {
    const items = only.items;
    for (let n = 0; n < total; n++) out.push(items[n]);
    return;
  }
  let i = 0;
  let j = 0;
  let k = 0;
  let l = 0;
  for (let n = 0; n < total; n++) {
    let from = 0;
    let start = 0;
    let end = 0;
    if (i < na) {
      from = 1;
      start = a[i * 2];
      end = a[i * 2 + 1];
    }
    if (j < nb && (from === 0 || b[j * 2] < start || (b[j * 2] === start && b[j * 2 + 1] > end))) {
      from = 2;
      start = b[j * 2];
      end = b[j * 2 + 1];
    }
    if (k < nc && (from === 0 || c[k * 2] < start || (c[k * 2] === start && c[k * 2 + 1] > end))) {
      from = 3;
      start = c[k * 2];
      end = c[k * 2 + 1];
    }
    if (l < nd && (from === 0 || d[l * 2] < start || (d[l * 2] === start && d[l * 2 + 1] > end))) {
      from = 4;
    }
    if (from === 1) out.push(la.items[i++]);
    else if (from === 2) out.push(lb.items[j++]);
    else if (from === 3) out.push(lc.items[k++]);
    else out.push(ld.items[l++]);
  }
}

function lastPersonIn(attributions: readonly Attribution[]): string | null {
  for (let k = attributions.length - 1; k >= 0; k--) {
    const a = attributions[k];
    if (a.person && isNamed(a.speaker.name)) return a.speaker.name;
  }
  return null;
}

const PERSONAL_PRONOUNS = new WordTable(['he', 'she', 'they', 'we', 'i', 'it', 'you']);

/** Whether `name` starts with a capital and is no pronoun. */
function isNamed(name: string): boolean {
  const c = name.charCodeAt(0);
  // ASCII answers without the two regular expressions (2 ms of a 10 MB scan).
  if (c < 128) return c >= Ch.A && c <= Ch.Z && !PERSONAL_PRONOUNS.hasWord(name);
  return !/^(he|she|they|we|i|it|you)$/i.test(name) && /^\p{Lu}/u.test(name);
}

/**
 * One pass over one paragraph: the scan that finds every candidate (quote marks, digits,
 * keywords, sentence ends) in a single walk over the characters, then the small passes that
 * turn candidates into detections.
 *
 * A paragraph's result depends on its own text, on what the previous paragraph hands on
 * (`Carry`: a quote still open, the last person named, a "Kirby said:" lead-in) and on the
 * first character of the next paragraph (does it reopen the quote?). Nothing else, which is
 * what lets the incremental detector re-scan only the paragraphs an edit touches.
 */
import type { Detection, DetectionKind } from './types';
import { CLASS, DIGIT, LOWER, QUOTE, SPACE, TERMINATOR, UPPER, AT, isLetter, skipSpaces, splitSentences, sentenceIndex } from './text';
import { type Entry, NUMBER_WORD, OPINION, SPECULATION, SPEECH, URL, lookupHashed } from './lexicon';
import { type NumberContext, isFurniture, numberAtDigit, numberAtWord } from './numbers';
import { type OpenQuote, type QuoteSpan, pairQuotes } from './quotes';
import { findCues } from './cues';
import { type Attribution, type SpeakerRef, attributionDetection, endsWithColon, findAttributions, linkQuotes } from './attribution';

export const QUOTE_KIND = 1;
export const NUMBER_KIND = 2;
export const ATTRIBUTION_KIND = 4;
export const CUE_KIND = 8;
export const ALL_KINDS = 15;

/** The bit mask for a set of kinds (all four when none is given). */
export function kindMask(kinds: ReadonlySet<DetectionKind> | undefined): number {
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
  quote: { family: number; subtype: string; start: number; speaker: SpeakerRef | null } | null;
  antecedent: string | null;
  lead: SpeakerRef | null;
}

export interface ParagraphResult {
  /** Detections inside the paragraph, sorted, offsets relative to `base`. */
  local: Detection[];
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
  return qa.family === qb.family && qa.subtype === qb.subtype && qa.start === qb.start && sameSpeaker(qa.speaker, qb.speaker);
}

function sameSpeaker(a: SpeakerRef | null, b: SpeakerRef | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.name === b.name && a.start === b.start && a.end === b.end;
}

// Scratch buffers reused from paragraph to paragraph; the scan is synchronous.
let marks: Int32Array<ArrayBuffer> = new Int32Array(256);
let terms: Int32Array<ArrayBuffer> = new Int32Array(256);
const speechHits: number[] = [];
const speechEntries: Entry[] = [];
const cueHits: number[] = [];
const cueEntries: Entry[] = [];

const MIN_KEYWORD = 3;
const MAX_KEYWORD = 13;

/**
 * Detects everything in the paragraph [start, end).
 *
 * @param text - Document text
 * @param start - Paragraph start (a line start)
 * @param end - Paragraph end (its line break, or the end of the text)
 * @param carryIn - What the previous paragraph handed on, offsets relative to `start`
 * @param nextStart - Start of the next paragraph, or -1
 * @param base - Detections are stored with offsets relative to this
 * @param kinds - Bit mask of the kinds to report
 */
export function scanParagraph(text: string, start: number, end: number, carryIn: Carry | null, nextStart: number, base: number, kinds: number): ParagraphResult {
  let markCount = 0;
  let termCount = 0;
  speechHits.length = 0;
  speechEntries.length = 0;
  cueHits.length = 0;
  cueEntries.length = 0;
  const numbers: Detection[] = [];
  const wantNumbers = (kinds & NUMBER_KIND) !== 0 && !isFurniture(text, start, end);
  const ctx: NumberContext = { text, start, end, floor: start, base, out: numbers };

  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    const k = CLASS[c];
    if (k === LOWER || k === UPPER) {
      let h = 0;
      let j = i;
      let ascii = true;
      for (; j < end; j++) {
        const d = text.charCodeAt(j);
        if (d >= 97 && d <= 122) h = (Math.imul(h, 31) + d) | 0;
        else if (d >= 65 && d <= 90) h = (Math.imul(h, 31) + (d | 32)) | 0;
        else {
          const dk = CLASS[d];
          if (dk === LOWER || dk === UPPER) ascii = false;
          else break;
        }
      }
      const len = j - i;
      if (ascii && len >= MIN_KEYWORD && len <= MAX_KEYWORD) {
        const entry = lookupHashed(h, text, i, j);
        if (entry !== undefined) {
          const flags = entry.flags;
          if (flags & NUMBER_WORD) {
            if (wantNumbers && i >= ctx.floor) {
              i = numberAtWord(ctx, i, j, entry);
              continue;
            }
          } else if (flags & SPEECH) {
            speechHits.push(i, j);
            speechEntries.push(entry);
          } else if (flags & (SPECULATION | OPINION)) {
            cueHits.push(i, j);
            cueEntries.push(entry);
          } else if (flags & URL) {
            const n = text.charCodeAt(j);
            if (n === 58 || n === 46) {
              while (j < end && CLASS[text.charCodeAt(j)] !== SPACE) j++;
              ctx.floor = j;
            }
          }
        }
      }
      i = j;
      continue;
    }
    if (k === DIGIT) {
      if (wantNumbers) {
        i = numberAtDigit(ctx, i);
      } else {
        i++;
      }
      continue;
    }
    if (k === QUOTE) {
      // Apostrophes inside words (Kim's, L'Amour) are by far the commonest mark: skip early.
      if (!((c === 0x2019 || c === 39) && i > start && i + 1 < end && isLetter(text.charCodeAt(i - 1)) && isLetter(text.charCodeAt(i + 1)))) {
        if (markCount === marks.length) marks = grow(marks);
        marks[markCount++] = i;
      }
    } else if (k === TERMINATOR) {
      if (termCount === terms.length) terms = grow(terms);
      terms[termCount++] = i;
    } else if (k === AT) {
      // An e-mail address or a handle: nothing in it is a claim.
      let j = i + 1;
      while (j < end && CLASS[text.charCodeAt(j)] !== SPACE) j++;
      ctx.floor = Math.max(ctx.floor, j);
      i = j;
      continue;
    }
    i++;
  }

  // Quotes.
  const carried: OpenQuote | null = carryIn?.quote
    ? { family: carryIn.quote.family, subtype: carryIn.quote.subtype, start: start + carryIn.quote.start }
    : null;
  const paired = markCount > 0 || carried ? pairQuotes(text, start, end, marks, markCount, carried, nextStart) : { quotes: [] as QuoteSpan[], carry: null };
  const quotes = paired.quotes;

  const needSentences = cueEntries.length > 0 || speechEntries.length > 0 || quotes.length > 0 || paired.carry !== null;
  const sentences = needSentences ? splitSentences(text, start, end, terms, termCount) : [];

  const cues: Detection[] = [];
  if (kinds & CUE_KIND && cueEntries.length > 0) findCues(text, start, end, cueHits, cueEntries, sentences, base, cues);

  // Attributions and speakers.
  let attributions: Attribution[] = [];
  const antecedentIn = carryIn ? carryIn.antecedent : null;
  if (kinds & (ATTRIBUTION_KIND | QUOTE_KIND) && speechEntries.length > 0) {
    attributions = findAttributions({
      text, start, end, hits: speechHits, entries: speechEntries, sentences, quotes: quotes.filter((q) => !q.nested), antecedent: antecedentIn,
    });
  }
  const speakers: Array<SpeakerRef | null> = [];
  if (quotes.length > 0) {
    const links = linkQuotes(text, quotes, attributions, sentences, start);
    const lead = carryIn?.lead ? { name: carryIn.lead.name, start: start + carryIn.lead.start, end: start + carryIn.lead.end } : null;
    const carriedSpeaker = carryIn?.quote?.speaker
      ? { name: carryIn.quote.speaker.name, start: start + carryIn.quote.speaker.start, end: start + carryIn.quote.speaker.end }
      : null;
    for (let q = 0; q < quotes.length; q++) {
      const quote = quotes[q];
      let speaker: SpeakerRef | null = links[q] >= 0 ? attributions[links[q]].speaker : null;
      if (!quote.nested) {
        if (quote.continued && carriedSpeaker && !(links[q] >= 0 && attributions[links[q]].start >= quote.end)) speaker = carriedSpeaker;
        if (!speaker && lead && quote.start >= start && sentences.length > 0 && sentenceIndex(sentences, quote.start) === 0) speaker = lead;
      }
      speakers.push(speaker);
    }
  }

  // The quote handed on, with the speaker it had here.
  let carryOut: Carry | null = null;
  const lastPerson = lastPersonIn(attributions);
  let lead: SpeakerRef | null = null;
  if (nextStart >= 0) {
    if (attributions.length > 0 && endsWithColon(text, start, end)) {
      const a = attributions[attributions.length - 1];
      if (sentences.length > 0 && sentenceIndex(sentences, a.verbStart) === sentences.length / 2 - 1) {
        lead = { name: a.speaker.name, start: a.speaker.start - nextStart, end: a.speaker.end - nextStart };
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
        const k = linkQuotes(text, [probe], attributions, sentences, start)[0];
        if (k >= 0) speaker = attributions[k].speaker;
      }
      quoteOut = {
        family: open.family,
        subtype: open.subtype,
        start: open.start - nextStart,
        speaker: speaker ? { name: speaker.name, start: speaker.start - nextStart, end: speaker.end - nextStart } : null,
      };
    }
    if (quoteOut || lastPerson || lead) carryOut = { quote: quoteOut, antecedent: lastPerson, lead };
  }

  // Detections.
  let cross: Detection | null = null;
  const quoteDetections: Detection[] = [];
  if (kinds & QUOTE_KIND) {
    for (let q = 0; q < quotes.length; q++) {
      const quote = quotes[q];
      const d: Detection = { kind: 'quote', subtype: quote.subtype, start: quote.start - base, end: quote.end - base };
      if (quote.nested) d.nested = true;
      if (quote.unclosed) d.unclosed = true;
      const speaker = speakers[q];
      if (speaker) {
        d.speaker = speaker.name;
        d.speakerStart = speaker.start - base;
        d.speakerEnd = speaker.end - base;
      }
      if (quote.start < start) cross = d;
      else quoteDetections.push(d);
    }
  }
  let attributionDetections: Detection[] = [];
  if (kinds & ATTRIBUTION_KIND && attributions.length > 0) {
    attributionDetections = attributions.map((a) => attributionDetection(a, sentences, base));
  }
  const local = merge(merge(quoteDetections, wantNumbers ? numbers : []), merge(attributionDetections, cues));
  return { local, cross, carry: carryOut };
}

function lastPersonIn(attributions: readonly Attribution[]): string | null {
  for (let k = attributions.length - 1; k >= 0; k--) {
    const a = attributions[k];
    if (a.person && !/^(he|she|they|we|i|it|you)$/i.test(a.speaker.name) && /^\p{Lu}/u.test(a.speaker.name)) {
      return a.speaker.name;
    }
  }
  return null;
}

function grow(buffer: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(buffer.length * 2);
  bigger.set(buffer);
  return bigger;
}

/** Merges two sorted lists. */
export function merge(a: Detection[], b: Detection[]): Detection[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: Detection[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compareDetections(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

export { skipSpaces };

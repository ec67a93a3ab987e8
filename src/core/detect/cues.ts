/**
 * Cues for triage: hedges that mark speculation and words that mark opinion, each with the
 * sentence it governs so tagging can suggest a kind for the whole sentence.
 */
import { type DetectionList, addDetection as importedAddDetection } from './list';
import { F } from './lexicon';
import type { Term } from './vocabulary';
import {
  type Codes, type ParagraphText, type Sentences, isUpper as importedIsUpper, letterRunEnd as importedLetterRunEnd, letterRunStart as importedLetterRunStart, sentenceIndexFrom as importedSentenceIndexFrom, skipSpaces as importedSkipSpaces, skipSpacesBack as importedSkipSpacesBack, wordAt as importedWordAt,
} from './text';
import { Ch } from './chars';

// The character helpers as module constants: an import is a property load on the module
// object in CommonJS output, a constant is folded into the loops that call it.
const isUpper = importedIsUpper;
const letterRunEnd = importedLetterRunEnd;
const letterRunStart = importedLetterRunStart;
const skipSpaces = importedSkipSpaces;
const skipSpacesBack = importedSkipSpacesBack;
const sentenceIndexFrom = importedSentenceIndexFrom;
const wordAt = importedWordAt;
const addDetection = importedAddDetection;

/** How a cue word is read: most alone, a few only in a set phrase. */
export const enum Rule {
  PLAIN = 0,
  /** "may" in capitals is the month. */
  MAY = 1,
  /** Verbs that hedge only with "to" after them: "appears to", "ought to", "needs to". */
  NEED_TO = 2,
  /** Only the set phrase "it is possible (that)". */
  POSSIBLE = 3,
}

const NEED_TO = new Set(['appears', 'appear', 'appeared', 'seems', 'seem', 'seemed', 'ought', 'needs']);

/**
 * The rule of a cue word of the default lexicon (kept with its entry: looking the word up
 * per cue cost more).
 */
export function cueRule(word: string): Rule {
  if (word === 'may') return Rule.MAY;
  if (NEED_TO.has(word)) return Rule.NEED_TO;
  if (word === 'possible') return Rule.POSSIBLE;
  return Rule.PLAIN;
}

/** How a rule's cue is written in full ("appears to", "it is possible"), for removing it by that name. */
export function ruleForms(word: string): string[] {
  const rule = cueRule(word);
  if (rule === Rule.NEED_TO) return [`${word} to`];
  if (rule === Rule.POSSIBLE) return ['it is possible', 'it is possible that', 'it was possible', 'it seems possible', 'it\u2019s possible', "it's possible"];
  return [];
}

/**
 * Turns the cue words met by the scan into cue detections.
 *
 * @param text - Document text
 * @param codes - Its code units
 * @param start - Paragraph start
 * @param end - Paragraph end
 * @param hits - [start, end, term index] of each cue word or phrase, in order
 * @param count - How many hits
 * @param terms - The vocabulary's terms, by index
 * @param sentences - Sentence boundaries of the paragraph (see `splitSentencesInto`)
 * @param base - Offsets are stored relative to this
 * @param out - Receives the detections, in order
 */
export function findCues(
  text: ParagraphText,
  codes: Codes,
  start: number,
  end: number,
  hits: Int32Array,
  count: number,
  terms: readonly Term[],
  sentences: Sentences,
  base: number,
  out: DetectionList,
): void {
  let k = 0;
  for (let h = 0; h < count; h++) {
    let s = hits[h * 3];
    let e = hits[h * 3 + 1];
    const entry = terms[hits[h * 3 + 2]];
    let written = entry.word;
    const rule = entry.rule;
    if (rule === Rule.MAY) {
      if (isUpper(codes[s])) continue;
    } else if (rule === Rule.NEED_TO) {
      const t = skipSpaces(codes, e, end);
      if (t === e || !wordAt(codes, t, end, 'to')) continue;
      e = t + 2;
      written = entry.withTo;
    } else if (rule === Rule.POSSIBLE) {
      const verbEnd = skipSpacesBack(codes, s, start);
      const verbStart = letterRunStart(codes, verbEnd, start);
      const verb = text.slice(verbStart, verbEnd).toLowerCase();
      let itEnd = -1;
      if (verb === 'is' || verb === 'was' || verb === 'seems') itEnd = skipSpacesBack(codes, verbStart, start);
      else if (verb === 's' && verbStart > start && (codes[verbStart - 1] === Ch.RIGHT_SINGLE_QUOTE || codes[verbStart - 1] === Ch.APOSTROPHE)) itEnd = verbStart - 1;
      if (itEnd < 0) continue;
      const itStart = letterRunStart(codes, itEnd, start);
      if (text.slice(itStart, itEnd).toLowerCase() !== 'it') continue;
      s = itStart;
      const t = skipSpaces(codes, e, end);
      if (t > e && wordAt(codes, t, end, 'that')) e = letterRunEnd(codes, t, end);
      written = text.slice(s, e).toLowerCase().replace(/\s+/g, ' ');
    }
    // A non-blank paragraph always has a sentence; all fields are set at once, so every
    // cue object has the same shape.
    k = sentenceIndexFrom(sentences, s, k);
    const bounds = sentences.bounds;
    const cueStart = s - base;
    const cueEnd = e - base;
    addDetection(out, {
      kind: 'cue',
      subtype: entry.flags & F.OPINION ? 'opinion' : 'speculation',
      start: cueStart,
      end: cueEnd,
      word: written,
      sentenceStart: (sentences.count > 0 ? bounds[k * 2] : s) - base,
      sentenceEnd: (sentences.count > 0 ? bounds[k * 2 + 1] : e) - base,
    }, cueStart, cueEnd);
  }
}

/**
 * Cues for triage: hedges that mark speculation and words that mark opinion, each with the
 * sentence it governs so tagging can suggest a kind for the whole sentence.
 */
import type { Detection } from './types';
import { F, type Entry } from './lexicon';
import {
  isUpper as importedIsUpper, letterRunEnd as importedLetterRunEnd, letterRunStart as importedLetterRunStart, lower as importedLower, sentenceIndex as importedSentenceIndex, skipSpaces as importedSkipSpaces, skipSpacesBack as importedSkipSpacesBack, wordAt as importedWordAt,
} from './text';

// The character helpers as module constants: an import is a property load on the module
// object in CommonJS output, a constant is folded into the loops that call it.
const isUpper = importedIsUpper;
const letterRunEnd = importedLetterRunEnd;
const letterRunStart = importedLetterRunStart;
const skipSpaces = importedSkipSpaces;
const skipSpacesBack = importedSkipSpacesBack;
const lower = importedLower;
const sentenceIndex = importedSentenceIndex;
const wordAt = importedWordAt;

/** Verbs that hedge only with "to" after them: "appears to", "ought to", "needs to". */
const NEED_TO = new Set(['appears', 'appear', 'appeared', 'seems', 'seem', 'seemed', 'ought', 'needs']);

/**
 * Turns the cue words met by the scan into cue detections.
 *
 * @param text - Document text
 * @param start - Paragraph start
 * @param end - Paragraph end
 * @param hits - Flat [start, end, …] offsets of cue words, in order
 * @param entries - The lexicon entry of each hit
 * @param sentences - Sentence boundaries of the paragraph (see `splitSentences`)
 * @param base - Offsets are stored relative to this
 * @param out - Receives the detections, in order
 */
export function findCues(
  text: string,
  start: number,
  end: number,
  hits: readonly number[],
  entries: readonly Entry[],
  sentences: readonly number[],
  base: number,
  out: Detection[],
): void {
  for (let h = 0; h < entries.length; h++) {
    const entry = entries[h];
    let s = hits[h * 2];
    let e = hits[h * 2 + 1];
    const word = entry.word;
    let written = word;
    if (word === 'may' && isUpper(text.charCodeAt(s))) continue;
    if (NEED_TO.has(word)) {
      const t = skipSpaces(text, e, end);
      if (t === e || !wordAt(text, t, end, 'to')) continue;
      e = t + 2;
      written = `${word} to`;
    } else if (word === 'possible') {
      // Only the set phrase "it is possible (that)".
      const verbEnd = skipSpacesBack(text, s, start);
      const verbStart = letterRunStart(text, verbEnd, start);
      const verb = lower(text, verbStart, verbEnd);
      let itEnd = -1;
      if (verb === 'is' || verb === 'was' || verb === 'seems') itEnd = skipSpacesBack(text, verbStart, start);
      else if (verb === 's' && verbStart >= 1 && (text[verbStart - 1] === '\u2019' || text[verbStart - 1] === "'")) itEnd = verbStart - 1;
      if (itEnd < 0) continue;
      const itStart = letterRunStart(text, itEnd, start);
      if (lower(text, itStart, itEnd) !== 'it') continue;
      s = itStart;
      const t = skipSpaces(text, e, end);
      if (t > e && wordAt(text, t, end, 'that')) e = letterRunEnd(text, t, end);
      written = lower(text, s, e).replace(/\s+/g, ' ');
    }
    // A non-blank paragraph always has a sentence; all fields are set at once, so every
    // cue object has the same shape.
    const k = sentenceIndex(sentences, s);
    out.push({
      kind: 'cue',
      subtype: entry.flags & F.OPINION ? 'opinion' : 'speculation',
      start: s - base,
      end: e - base,
      word: written,
      sentenceStart: (sentences.length > 0 ? sentences[k * 2] : s) - base,
      sentenceEnd: (sentences.length > 0 ? sentences[k * 2 + 1] : e) - base,
    });
  }
}

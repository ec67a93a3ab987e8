/**
 * Cues for triage: hedges that mark speculation and words that mark opinion, each with the
 * sentence it governs so tagging can suggest a kind for the whole sentence.
 */
import { type DetectionList, addDetection as importedAddDetection } from './list';
import { F, entryAt as importedEntryAt, entryCount } from './lexicon';
import {
  type Codes, type Sentences, isUpper as importedIsUpper, letterRunEnd as importedLetterRunEnd, letterRunStart as importedLetterRunStart, lower as importedLower, sentenceIndexFrom as importedSentenceIndexFrom, skipSpaces as importedSkipSpaces, skipSpacesBack as importedSkipSpacesBack, wordAt as importedWordAt,
} from './text';

// The character helpers as module constants: an import is a property load on the module
// object in CommonJS output, a constant is folded into the loops that call it.
const isUpper = importedIsUpper;
const letterRunEnd = importedLetterRunEnd;
const letterRunStart = importedLetterRunStart;
const skipSpaces = importedSkipSpaces;
const skipSpacesBack = importedSkipSpacesBack;
const lower = importedLower;
const sentenceIndexFrom = importedSentenceIndexFrom;
const wordAt = importedWordAt;
const entryAt = importedEntryAt;
const addDetection = importedAddDetection;

const enum Rule {
  PLAIN = 0,
  /** "may" in capitals is the month. */
  MAY = 1,
  /** Verbs that hedge only with "to" after them: "appears to", "ought to", "needs to". */
  NEED_TO = 2,
  /** Only the set phrase "it is possible (that)". */
  POSSIBLE = 3,
}

/** The rule of each lexicon entry, by entry index (looking the word up in a Set per cue cost more). */
const RULES = new Uint8Array(entryCount);
/** "appears to" and the like, one string per entry rather than one per cue. */
const WITH_TO: string[] = [];
for (let index = 0; index < entryCount; index++) {
  const word = entryAt(index).word;
  WITH_TO.push(`${word} to`);
  if (word === 'may') RULES[index] = Rule.MAY;
  else if (['appears', 'appear', 'appeared', 'seems', 'seem', 'seemed', 'ought', 'needs'].includes(word)) RULES[index] = Rule.NEED_TO;
  else if (word === 'possible') RULES[index] = Rule.POSSIBLE;
}

/**
 * Turns the cue words met by the scan into cue detections.
 *
 * @param text - Document text
 * @param codes - Its code units
 * @param start - Paragraph start
 * @param end - Paragraph end
 * @param hits - [offset, lexicon entry index] of each cue word, in order
 * @param count - How many hits
 * @param sentences - Sentence boundaries of the paragraph (see `splitSentencesInto`)
 * @param base - Offsets are stored relative to this
 * @param out - Receives the detections, in order
 */
export function findCues(
  text: string,
  codes: Codes,
  start: number,
  end: number,
  hits: Int32Array,
  count: number,
  sentences: Sentences,
  base: number,
  out: DetectionList,
): void {
  let k = 0;
  for (let h = 0; h < count; h++) {
    let s = hits[h * 2];
    const index = hits[h * 2 + 1];
    const entry = entryAt(index);
    const word = entry.word;
    let e = s + word.length;
    let written = word;
    const rule = RULES[index];
    if (rule === Rule.MAY) {
      if (isUpper(codes[s])) continue;
    } else if (rule === Rule.NEED_TO) {
      const t = skipSpaces(codes, e, end);
      if (t === e || !wordAt(codes, t, end, 'to')) continue;
      e = t + 2;
      written = WITH_TO[index];
    } else if (rule === Rule.POSSIBLE) {
      const verbEnd = skipSpacesBack(codes, s, start);
      const verbStart = letterRunStart(codes, verbEnd, start);
      const verb = lower(text, verbStart, verbEnd);
      let itEnd = -1;
      if (verb === 'is' || verb === 'was' || verb === 'seems') itEnd = skipSpacesBack(codes, verbStart, start);
      else if (verb === 's' && verbStart >= 1 && (text[verbStart - 1] === '\u2019' || text[verbStart - 1] === "'")) itEnd = verbStart - 1;
      if (itEnd < 0) continue;
      const itStart = letterRunStart(codes, itEnd, start);
      if (lower(text, itStart, itEnd) !== 'it') continue;
      s = itStart;
      const t = skipSpaces(codes, e, end);
      if (t > e && wordAt(codes, t, end, 'that')) e = letterRunEnd(codes, t, end);
      written = lower(text, s, e).replace(/\s+/g, ' ');
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

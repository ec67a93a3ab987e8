import type { Vocabulary } from './vocabulary';

/** What the detector finds. */
export type DetectionKind = 'quote' | 'number' | 'attribution' | 'cue';

/**
 * A normalised quantity: a bound on either side, whether it is approximate, and the unit
 * or currency it is counted in. An exact amount has `min === max`.
 */
export interface NumericRange {
  min?: number;
  max?: number;
  approx?: boolean;
  unit?: string;
  currency?: string;
}

/** One finding, as plain JSON-able data. Offsets are UTF-16 code units, end-exclusive. */
export interface Detection {
  kind: DetectionKind;
  /**
   * quote: 'double' | 'single' | 'guillemet' | 'low-high' | 'corner';
   * number: 'count' | 'money' | 'percent' | 'ordinal' | 'range' | 'date' | 'year' | 'time' |
   * 'measure' | 'duration' | 'age' | 'rate' | 'fraction' | 'multiple' | 'score';
   * attribution: 'speaker' | 'reported' | 'according-to'; cue: 'speculation' | 'opinion'.
   */
  subtype: string;
  start: number;
  end: number;
  /** Quote inside another quote; the outer one is the statement. */
  nested?: boolean;
  /** Quote whose closing mark never came: it runs to the end of its paragraph. */
  unclosed?: boolean;
  /** Quote: who said it; attribution: the name (titles removed, pronouns resolved when possible). */
  speaker?: string;
  /** Where the speaker is written (for a resolved pronoun, the pronoun itself). */
  speakerStart?: number;
  speakerEnd?: number;
  /** Number: normalised when the expression is plain enough to have one. */
  value?: number | NumericRange;
  /** Number: the counted noun after the expression, e.g. "troops". */
  noun?: string;
  /** Cue: the cue word(s); attribution: the speech verb. */
  word?: string;
  /** Cue / attribution: the sentence it governs. */
  sentenceStart?: number;
  sentenceEnd?: number;
}

/** Which kinds to report (all four when `kinds` is left out), and with which cue words. */
export interface DetectOptions {
  kinds?: ReadonlySet<DetectionKind>;
  /** A team's cue vocabulary (see `compileVocabulary`); the default one when left out. */
  vocabulary?: Vocabulary;
}

/** One edit as VS Code reports it in `TextDocumentChangeEvent.contentChanges`. */
export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

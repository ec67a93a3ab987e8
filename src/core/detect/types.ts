import type { TextFormat } from './structure/span';
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

/** How a quote is marked: “…” or "…", ‘…’ or '…', «…» or »…«, „…“, 「…」. */
export type QuoteSubtype = 'double' | 'single' | 'guillemet' | 'low-high' | 'corner';
/** What a number counts: a plain count, money, a share, a rank, a range, a point in time, a quantity with a unit, … */
export type NumberSubtype = 'count' | 'money' | 'percent' | 'ordinal' | 'range' | 'date' | 'year' | 'time' | 'measure' | 'duration' | 'age' |
  'rate' | 'fraction' | 'multiple' | 'score';
/** How a statement is attributed: "X said", "X reported/expressed", "according to X". */
export type AttributionSubtype = 'speaker' | 'reported' | 'according-to';
/** What a cue word signals. */
export type CueSubtype = 'speculation' | 'opinion';

/** The subtypes of each kind. */
export interface SubtypeOfKind {
  quote: QuoteSubtype;
  number: NumberSubtype;
  attribution: AttributionSubtype;
  cue: CueSubtype;
}

/** Any subtype (of the kind `K`, when given). */
export type DetectionSubtype<K extends DetectionKind = DetectionKind> = SubtypeOfKind[K];

/**
 * One finding, as plain JSON-able data. Offsets are UTF-16 code units, end-exclusive.
 * `Detection<'number'>` is a number, whose subtype is a `NumberSubtype`.
 */
export interface Detection<K extends DetectionKind = DetectionKind> {
  kind: K;
  /** One of the kind's subtypes (see `SubtypeOfKind`). */
  subtype: DetectionSubtype<K>;
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
  /**
   * How to read the text's structure: 'plain' (the default: hard-wrapped lines joined, e-mail
   * quoting and wire-copy furniture left out) or 'markdown' (CommonMark and GitHub tables;
   * nothing is detected in front matter, code, HTML, link targets).
   */
  format?: TextFormat;
  /**
   * At most this many detections per document (default MAX_DETECTIONS): past them, detection
   * stops at the next paragraph and says so (`onNotice`), so that a crafted or unlucky file
   * (a log, a CSV of numbers, a million quote marks) costs bounded memory.
   */
  maxDetections?: number;
  /** Told what detection left out or read in pieces, and why (see `DetectionNotice`). */
  onNotice?: (notice: DetectionNotice) => void;
}

/** Something detection did not do as usual, with where: for a user to be told. */
export interface DetectionNotice {
  /**
   * 'pieces': a paragraph longer than MAX_PARAGRAPH was read in pieces; 'limit': detection
   * stopped after `maxDetections`, from `offset` on nothing is detected.
   */
  readonly kind: 'pieces' | 'limit';
  /** Where in the text (a UTF-16 offset). */
  readonly offset: number;
  readonly message: string;
}

/** One edit as VS Code reports it in `TextDocumentChangeEvent.contentChanges`. */
export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

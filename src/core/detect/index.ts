/**
 * The detection engine: quoted statements, numeric claims, attributions and cues in news
 * text. Plain TypeScript with offsets in UTF-16 code units, used by the decorations, the
 * side panel, tagging suggestions and the command line alike.
 */
export type {
  DetectionKind, Detection, DetectionNotice, DetectOptions, NumericRange, TextChange, DetectionSubtype, SubtypeOfKind, QuoteSubtype, NumberSubtype,
  AttributionSubtype, CueSubtype,
} from './types';
export { MAX_PARAGRAPH, type TextFormat } from './structure';
export { MAX_DETECTIONS } from './paragraph';
export { detect, detectInBatches } from './document';
export { IncrementalDetector, type ChangedRange } from './incremental';
export { describeDetection, formatValue } from './describe';
export { compareDetections } from './paragraph';
export {
  type CueFamily, type Vocabulary, type VocabularyChanges, type VocabularyProblem, type VocabularySpec, VOCABULARY_LIMITS, compileVocabulary,
  defaultVocabulary, vocabularyWords,
} from './vocabulary';

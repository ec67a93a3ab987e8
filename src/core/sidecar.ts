/**
 * The sidecar YAML format: `<article>.tags.yaml` beside each article, holding its tags.
 * The stages live in src/core/sidecar/ (format constants, parse, serialise, the in-place
 * editable file); this module is what the rest of the code imports.
 * docs/sidecar-format.md describes the format itself.
 */
export {
  MAX_SIDECAR_LENGTH,
  METADATA_TAG_KEYS,
  PERSISTED_STATUSES,
  REQUIRED_TAG_KEYS,
  SIDECAR_VERSION,
  TAG_ID_PATTERN,
  TAG_KEYS,
  TIMESTAMP_PATTERN,
  TOP_LEVEL_KEYS,
  type TagKey,
} from './sidecar/format';
export { parseSidecar, type ParseSidecarOptions, type ParsedSidecar } from './sidecar/parse';
export { hasErrors, type Problem, type ProblemCode, type Severity } from './sidecar/problem';
export { persistedFields, samePersisted } from './sidecar/serialise';
export { SidecarFile, SidecarNotWritableError, type CreateSidecarOptions } from './sidecar/file';

import type { Tag } from './tags';
import { SidecarFile } from './sidecar/file';

/**
 * Writes a new sidecar for `tags` (the text a fresh file gets).
 *
 * @param article - The article's file name, recorded as `article`
 */
export function serialiseSidecar(article: string, tags: readonly Tag[], lineEnding: '\n' | '\r\n' = '\n'): string {
  return SidecarFile.create({ article, tags, lineEnding }).toString();
}

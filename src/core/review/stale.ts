/**
 * Stale verdicts: a verdict recorded on a tag, then the tagged text changed, so the verdict
 * may no longer hold. When a verdict field is set, the tag stores a short hash of the text
 * the verdict was given on, under {@link VERDICT_STAMP_KEY}; `check` compares it with the
 * text now; where the text's lines break and how it is spaced do not count (reflow.ts). A
 * hash rather than a copy of the text keeps the sidecar small and its diff to one line; it
 * only has to tell "the same text" from "another text".
 */
import type { Tag } from '../tags';
import { normaliseSpacing } from '../reflow';

/** The tag key holding the hash of the text a verdict was given on. */
export const VERDICT_STAMP_KEY = 'verdict-text-hash';

/** The fields that hold a verdict when the conventions name none. */
export const DEFAULT_VERDICT_FIELDS: readonly string[] = ['verdict'];

/**
 * A 32-bit FNV-1a hash of the text's UTF-16 code units, as 8 hex digits: stable across
 * platforms and versions, and cheap. Not a security measure; a collision only hides one
 * stale verdict with odds of one in four billion.
 */
export function textHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The tag with its verdict stamped on its current text; call it whenever a verdict field is
 * set or changed (and only then: moving with the text does not count).
 */
export function stampVerdict(tag: Tag): Tag {
  return { ...tag, extra: { ...tag.extra, [VERDICT_STAMP_KEY]: verdictStamp(tag.anchor.exact) } };
}

/**
 * The stamp of a verdict given on `text`: the hash of the text with its spacing made plain,
 * so that re-wrapping the paragraph leaves the verdict standing.
 */
export function verdictStamp(text: string): string {
  return textHash(normaliseSpacing(text));
}

/**
 * Whether the tag's verdict was given on other text than it has now.
 *
 * @param current - The text at the tag now (the article's text at a fuzzy tag's span);
 *   default the tag's stored text
 * @returns false when no verdict was stamped
 */
export function isVerdictStale(tag: Tag, current: string = tag.anchor.exact): boolean {
  const stamp = tag.extra?.[VERDICT_STAMP_KEY];
  // Stamps written before spacing was made plain are of the text as it was.
  return typeof stamp === 'string' && stamp !== verdictStamp(current) && stamp !== textHash(current);
}

/**
 * Where each tag of a sidecar is in its article now: what `show`, `diff` and `check` print
 * beside a tag. With the article's text the tags are found again as the editor would find
 * them (see `reanchorTags`); without it (a sidecar handed over by `git diff`, whose article
 * is not at hand) the stored line is the best there is.
 */
import { LineIndex } from '../position';
import { reanchorTags, sortTags, type Tag } from '../tags';

export interface PlacedTag {
  /** The tag as the sidecar stores it. */
  readonly stored: Tag;
  /** The tag found again in the article (its status and offsets now); the stored tag without an article. */
  readonly now: Tag;
  /** 0-based line of the tag's start in the article now. */
  readonly line: number;
  /** 0-based column (UTF-16 code units) of its start, when known. */
  readonly column: number | undefined;
  /** 0-based line and column of its end, when known. */
  readonly endLine: number | undefined;
  readonly endColumn: number | undefined;
}

/**
 * The tags in reading order, each with its position now.
 *
 * @param tags - The tags as stored
 * @param articleText - The article's text now, when available
 */
export function placeTags(tags: readonly Tag[], articleText?: string): PlacedTag[] {
  if (articleText === undefined) {
    return [...tags].map((tag) => {
      const column = columnFromContext(tag);
      return { stored: tag, now: tag, line: tag.anchor.line, column, endLine: undefined, endColumn: undefined };
    });
  }
  const lines = new LineIndex(articleText);
  const stored = new Map(tags.map((tag) => [tag.id, tag]));
  // Re-anchoring builds new anchors for every tag; when all sit exactly where they say, the
  // stored tags are the answer.
  const inPlace = tags.every((tag) => tag.status === 'anchored' && exactlyInPlace(articleText, tag));
  return (inPlace ? sortTags(tags) : reanchorTags(tags, articleText)).map((now) => {
    const start = lines.positionAt(now.anchor.start);
    const end = lines.positionAt(now.anchor.end);
    return { stored: stored.get(now.id)!, now, line: start.line, column: start.character, endLine: end.line, endColumn: end.character };
  });
}

/**
 * The column of a tag's start from its stored context alone: known when the prefix holds a
 * line break (the column is what follows it) or the whole text before the tag.
 */
function columnFromContext(tag: Tag): number | undefined {
  const { prefix, start } = tag.anchor;
  const lastBreak = Math.max(prefix.lastIndexOf('\n'), prefix.lastIndexOf('\r'));
  if (lastBreak >= 0) return prefix.length - lastBreak - 1;
  if (prefix.length === start && tag.anchor.line === 0) return start;
  return undefined;
}

/** Whether a tag's text and context are exactly at its stored offsets (re-anchoring's first step). */
export function exactlyInPlace(text: string, tag: Tag): boolean {
  const { exact, prefix, suffix, start, end } = tag.anchor;
  return end - start === exact.length && text.startsWith(exact, start) && start >= prefix.length && text.startsWith(prefix, start - prefix.length) && text.startsWith(suffix, end);
}

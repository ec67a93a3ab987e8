/**
 * A sidecar as people read it: one line per tag, in reading order.
 *
 *     L12:5 claim verdict=false "upwards of 1,000 troops per day" — Pentagon estimate
 *
 * This is also what `git diff` shows for a sidecar once `git-setup` made `show` its textconv,
 * so a changed verdict reads as one changed line, not as YAML hunks.
 */
import { CONFLICT_KEY } from '../merge';
import { BOOKKEEPING_KEYS } from '../tagFields';
import type { Tag } from '../tags';
import { placeTags, type PlacedTag } from './place';
import { oneLine, showValue } from './text';

export interface ShowOptions {
  /** The article's text now; without it, positions are the stored ones. */
  readonly articleText?: string;
  /** Print each tag's id at the end of its line. */
  readonly ids?: boolean;
}

/**
 * One line per tag, in reading order (see the module comment). Fuzzy and orphaned tags and
 * tags with a merge conflict say so in brackets after the text.
 */
export function showTags(tags: readonly Tag[], options: ShowOptions = {}): string[] {
  return placeTags(tags, options.articleText)
    .sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || a.now.anchor.start - b.now.anchor.start || (a.now.id < b.now.id ? -1 : 1))
    .map((placed) => showLine(placed, options.ids === true));
}

function showLine(placed: PlacedTag, ids: boolean): string {
  const tag = placed.now;
  const where = `L${placed.line + 1}${placed.column === undefined ? '' : `:${placed.column + 1}`}`;
  const parts = [where, tag.kind];
  for (const [key, value] of fieldsOf(tag)) parts.push(`${key}=${showValue(value)}`);
  parts.push(`"${oneLine(tag.anchor.exact)}"`);
  const marks: string[] = [];
  if (tag.status !== 'anchored') marks.push(tag.status);
  const conflict = tag.extra?.[CONFLICT_KEY];
  if (conflict !== undefined) marks.push(`merge conflict: ${conflictFields(conflict).join(', ')}`);
  if (marks.length > 0) parts.push(`[${marks.join('; ')}]`);
  if (tag.note !== undefined) parts.push(`— ${oneLine(tag.note)}`);
  if (ids) parts.push(`(${tag.id})`);
  return parts.join(' ');
}

/** The fields a team stores on a tag (its unknown keys), without bookkeeping, in file order. */
export function fieldsOf(tag: Tag): Array<[string, unknown]> {
  return Object.entries(tag.extra ?? {}).filter(([key, value]) => value !== undefined && !BOOKKEEPING_KEYS.has(key));
}

/** The fields a conflict record names (`removed` for a tag removed on one side). */
export function conflictFields(record: unknown): string[] {
  return typeof record === 'object' && record !== null && !Array.isArray(record) ? Object.keys(record) : ['(unreadable record)'];
}

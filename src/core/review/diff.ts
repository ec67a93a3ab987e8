/**
 * A tag-level changelog between two versions of an article's tags: what an editor reads in
 * review instead of YAML hunks. Tags are matched by id; a tag that only moved with its text
 * is not a change.
 */
import { CONFLICT_KEY } from '../merge';
import type { Tag } from '../tags';
import { placeTags, type PlacedTag } from './place';
import { fieldsOf } from './show';
import { DEFAULT_VERDICT_FIELDS } from './stale';

/** One version of an article's tags: as stored, and the article's text at that version if known. */
export interface TagSide {
  readonly tags: readonly Tag[];
  readonly articleText?: string;
}

export type ChangeType = 'added' | 'removed' | 'kind' | 'verdict' | 'note' | 'field' | 'text' | 'fuzzy' | 'orphan' | 'anchored' | 'conflict';

export interface TagChange {
  readonly type: ChangeType;
  readonly id: string;
  /** The tag's kind (now; before, for a removed tag). */
  readonly kind: string;
  /** 1-based line of the tag in the article (now; before, for a removed tag). */
  readonly line: number;
  /** 1-based column, when known. */
  readonly column?: number;
  /** The tagged text (now; before, for a removed tag). */
  readonly text: string;
  /** For `verdict` and `field`: which field. */
  readonly field?: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface DiffOptions {
  /** Fields that hold a verdict (reported as `verdict`, not `field`); default `verdict`. */
  readonly verdictFields?: readonly string[];
}

/** The order changes of one tag are listed in. */
const ORDER: readonly ChangeType[] = ['added', 'removed', 'text', 'kind', 'verdict', 'field', 'note', 'fuzzy', 'orphan', 'anchored', 'conflict'];

/**
 * The changes from `before` to `after` (either may be absent: a new or deleted sidecar),
 * sorted by position in the article.
 */
export function diffTags(before: TagSide | undefined, after: TagSide | undefined, options: DiffOptions = {}): TagChange[] {
  const verdicts = new Set(options.verdictFields ?? DEFAULT_VERDICT_FIELDS);
  const old = new Map(placeTags(before?.tags ?? [], before?.articleText).map((p) => [p.stored.id, p]));
  const now = placeTags(after?.tags ?? [], after?.articleText);
  const changes: TagChange[] = [];
  const at = (placed: PlacedTag, type: ChangeType, extra: Partial<TagChange> = {}): TagChange => ({
    type,
    id: placed.now.id,
    kind: placed.now.kind,
    line: placed.line + 1,
    ...(placed.column === undefined ? {} : { column: placed.column + 1 }),
    text: placed.now.anchor.exact,
    ...extra,
  });

  for (const placed of now) {
    const was = old.get(placed.stored.id);
    old.delete(placed.stored.id);
    const tag = placed.now;
    if (!was) {
      changes.push(at(placed, 'added', { after: tag.status === 'anchored' ? undefined : tag.status }));
      continue;
    }
    const a = was.stored;
    const b = placed.stored;
    if (a.anchor.exact !== b.anchor.exact) changes.push(at(placed, 'text', { before: a.anchor.exact, after: b.anchor.exact }));
    if (a.kind !== b.kind) changes.push(at(placed, 'kind', { before: a.kind, after: b.kind }));
    const fieldsBefore = new Map(fieldsOf(a));
    const fieldsAfter = new Map(fieldsOf(b));
    for (const key of new Set([...fieldsBefore.keys(), ...fieldsAfter.keys()])) {
      const x = fieldsBefore.get(key);
      const y = fieldsAfter.get(key);
      if (JSON.stringify(x) === JSON.stringify(y)) continue;
      changes.push(at(placed, verdicts.has(key) ? 'verdict' : 'field', { field: key, before: x, after: y }));
    }
    if (a.note !== b.note) changes.push(at(placed, 'note', { before: a.note, after: b.note }));
    const statusBefore = was.now.status;
    if (tag.status !== statusBefore) changes.push(at(placed, tag.status, { before: statusBefore, after: tag.status }));
    if (b.extra?.[CONFLICT_KEY] !== undefined && a.extra?.[CONFLICT_KEY] === undefined) changes.push(at(placed, 'conflict', { after: b.extra[CONFLICT_KEY] }));
  }
  for (const placed of old.values()) changes.push(at(placed, 'removed'));
  return changes.sort((x, y) => x.line - y.line || (x.column ?? 0) - (y.column ?? 0) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0) || ORDER.indexOf(x.type) - ORDER.indexOf(y.type));
}

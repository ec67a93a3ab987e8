/**
 * Three-way merge of tag lists, field by field. Two callers: the editor, for a sidecar that
 * changed on disk (a checkout, a colleague's merge) while the window still held changes it
 * had not written; and git's merge driver (`news-annotator merge-file`), for the same
 * sidecar changed on two branches.
 *
 * Tags are matched by id, never by position. A tag added on one side is kept; a tag removed
 * on one side and left alone on the other is removed; a tag removed on one side but changed
 * on the other is kept (a tag is never dropped while someone was still working on it). Within
 * a tag each field merges on its own, so a note edited here and a kind changed there both
 * survive. Only the same field changed to two different values is a conflict. Where a tag
 * sits (offsets, context, line, status) follows the article and is found again after
 * merging: a tag moved on one side takes the move, and moves alone never conflict.
 */
import { sortTags, type Tag } from './tags';
import { deepEqual } from './values';

/**
 * The key under which the merge driver records a conflict inside the tag's block, so the
 * file stays valid YAML, the tag keeps working, and `check` and the editor can point at it.
 * See docs/sidecar-format.md, "Merge conflicts".
 */
export const CONFLICT_KEY = 'merge-conflict';

export type MergeSide = 'ours' | 'theirs';

/** One field both sides changed to different values. `undefined` means absent on that side. */
export interface FieldConflict {
  readonly id: string;
  /** `text` (the tagged text), `kind`, `note`, `author`, `created`, or a field of the team's own. */
  readonly field: string;
  readonly base: unknown;
  readonly ours: unknown;
  readonly theirs: unknown;
}

/** A tag one side removed while the other changed it; it is kept, as the side that changed it has it. */
export interface RemovalConflict {
  readonly id: string;
  readonly removedBy: MergeSide;
}

export interface MergeResult {
  readonly tags: Tag[];
  /** Ids of the tags with a conflict of either kind, in tag order. */
  readonly conflicts: string[];
  readonly fieldConflicts: FieldConflict[];
  readonly removals: RemovalConflict[];
}

export interface MergeOptions {
  /**
   * How a field both sides changed is settled. `later` (the editor): the value of the side
   * whose tag was updated later, ours on a tie, and the conflict is only reported. `mark`
   * (the merge driver): our value stays in the field and the conflict is written into the
   * tag under {@link CONFLICT_KEY} for a person to settle.
   */
  readonly resolve?: 'later' | 'mark';
}

/**
 * @param base - The tags as last read from or written to disk (git's common ancestor)
 * @param ours - The tags in this window now (the branch being merged into)
 * @param theirs - The tags now on disk (the branch being merged)
 */
export function mergeTags(base: readonly Tag[], ours: readonly Tag[], theirs: readonly Tag[], options: MergeOptions = {}): MergeResult {
  const mark = options.resolve === 'mark';
  const b = byId(base);
  const o = byId(ours);
  const t = byId(theirs);
  const merged: Tag[] = [];
  const fieldConflicts: FieldConflict[] = [];
  const removals: RemovalConflict[] = [];
  const conflicted = new Set<string>();

  for (const id of new Set([...o.keys(), ...t.keys()])) {
    const old = b.get(id);
    const mine = o.get(id);
    const other = t.get(id);
    if (mine && other) {
      const tag = mergeTag(old, mine, other, mark, fieldConflicts);
      if (fieldConflicts.length > 0 && fieldConflicts[fieldConflicts.length - 1].id === id) conflicted.add(id);
      merged.push(tag);
      continue;
    }
    const kept = (mine ?? other)!;
    const removedBy: MergeSide = mine ? 'theirs' : 'ours';
    if (!old) {
      merged.push(kept);
    } else if (!sameDecisions(old, kept)) {
      // Removed on one side, changed on the other: keep it, so nobody's work is lost. Moving
      // with the article is not a change: where a tag sits is found again after merging.
      removals.push({ id, removedBy });
      conflicted.add(id);
      merged.push(mark ? withConflict(kept, { removed: removedBy }) : kept);
    }
  }
  const tags = sortTags(merged);
  return { tags, conflicts: tags.filter((tag) => conflicted.has(tag.id)).map((tag) => tag.id), fieldConflicts, removals };
}

function byId(tags: readonly Tag[]): Map<string, Tag> {
  return new Map(tags.map((tag) => [tag.id, tag]));
}

/** The fields merged one by one; the anchor and `updated` have rules of their own. */
const PLAIN_FIELDS = ['kind', 'note', 'author', 'created'] as const;

function mergeTag(base: Tag | undefined, ours: Tag, theirs: Tag, mark: boolean, conflicts: FieldConflict[]): Tag {
  if (sameTag(ours, theirs)) return ours;
  if (base && sameTag(base, ours)) return theirs;
  if (base && sameTag(base, theirs)) return ours;

  const found: FieldConflict[] = [];
  const later: MergeSide = theirs.updated > ours.updated ? 'theirs' : 'ours';
  const settle = (field: string, baseValue: unknown, mine: unknown, other: unknown): unknown => {
    if (deepEqual(mine, other)) return mine;
    if (base && deepEqual(baseValue, mine)) return other;
    if (base && deepEqual(baseValue, other)) return mine;
    found.push({ id: ours.id, field, base: baseValue, ours: mine, theirs: other });
    return mark || later === 'ours' ? mine : other;
  };

  const anchor = mergeAnchor(base, ours, theirs, (b, o, t) => settle('text', b, o, t));
  const fields: Record<string, unknown> = {};
  for (const field of PLAIN_FIELDS) fields[field] = settle(field, base?.[field], ours[field], theirs[field]);
  const extra: Record<string, unknown> = {};
  const extraKeys = new Set([...Object.keys(ours.extra ?? {}), ...Object.keys(theirs.extra ?? {})]);
  for (const key of extraKeys) {
    const value = key === CONFLICT_KEY ? mergeRecords(base?.extra?.[key], ours.extra?.[key], theirs.extra?.[key]) : settle(key, base?.extra?.[key], ours.extra?.[key], theirs.extra?.[key]);
    if (value !== undefined) extra[key] = value;
  }
  const { score: _score, extra: _extra, ...rest } = ours;
  let tag: Tag = {
    ...rest,
    ...anchor,
    kind: fields.kind as string,
    author: fields.author as string,
    created: fields.created as string,
    updated: ours.updated > theirs.updated ? ours.updated : theirs.updated,
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
  if (fields.note === undefined) delete (tag as { note?: string }).note;
  else tag = { ...tag, note: fields.note as string };
  conflicts.push(...found);
  if (mark && found.length > 0) {
    const record: Record<string, unknown> = {};
    for (const conflict of found) record[conflict.field] = { base: conflict.base ?? null, ours: conflict.ours ?? null, theirs: conflict.theirs ?? null };
    tag = withConflict(tag, record);
  }
  return tag;
}

/**
 * The anchor is merged as one unit (text, context, offsets and status belong together). A
 * side that only moved the tag (the article changed around it) gives way to a side that
 * changed the tagged text; when both moved it the position is taken from ours, and the
 * editor or `check --fix` finds it again in the merged article anyway.
 */
function mergeAnchor(base: Tag | undefined, ours: Tag, theirs: Tag, settleText: (b: string | undefined, o: string, t: string) => unknown): Pick<Tag, 'anchor' | 'status'> {
  const pick = (tag: Tag): Pick<Tag, 'anchor' | 'status'> => ({ anchor: tag.anchor, status: tag.status });
  if (sameAnchor(ours, theirs)) return pick(ours);
  if (base && sameAnchor(base, ours)) return pick(theirs);
  if (base && sameAnchor(base, theirs)) return pick(ours);
  const o = ours.anchor.exact;
  const t = theirs.anchor.exact;
  if (o === t) return pick(ours);
  const chosen = settleText(base?.anchor.exact, o, t);
  return pick(chosen === t ? theirs : ours);
}

/** Two conflict records merged: every field conflict either side still has. */
function mergeRecords(base: unknown, ours: unknown, theirs: unknown): unknown {
  const asRecord = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  if (deepEqual(ours, theirs)) return ours;
  if (deepEqual(base, ours)) return theirs;
  if (deepEqual(base, theirs)) return ours;
  const merged = { ...asRecord(theirs), ...asRecord(ours) };
  return Object.keys(merged).length > 0 ? merged : undefined;
}

function withConflict(tag: Tag, record: Record<string, unknown>): Tag {
  const previous = tag.extra?.[CONFLICT_KEY];
  const existing = typeof previous === 'object' && previous !== null && !Array.isArray(previous) ? (previous as Record<string, unknown>) : {};
  return { ...tag, extra: { ...tag.extra, [CONFLICT_KEY]: { ...existing, ...record } } };
}

function sameAnchor(a: Tag, b: Tag): boolean {
  const x = a.anchor;
  const y = b.anchor;
  return a.status === b.status && x.exact === y.exact && x.prefix === y.prefix && x.suffix === y.suffix && x.start === y.start && x.end === y.end && x.line === y.line;
}

/** Whether two versions of a tag say the same in everything a person decides (not where it sits). */
function sameDecisions(a: Tag, b: Tag): boolean {
  return a.kind === b.kind && a.note === b.note && a.updated === b.updated && a.anchor.exact === b.anchor.exact && a.author === b.author && a.created === b.created && deepEqual(a.extra ?? {}, b.extra ?? {});
}

/** Whether two tags hold the same values (what a sidecar would store; not the runtime score). */
function sameTag(a: Tag, b: Tag): boolean {
  return (
    a === b ||
    (sameAnchor(a, b) &&
      a.kind === b.kind &&
      a.note === b.note &&
      a.author === b.author &&
      a.created === b.created &&
      a.updated === b.updated &&
      deepEqual(a.extra ?? {}, b.extra ?? {}))
  );
}

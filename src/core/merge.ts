/**
 * Three-way merge of tag lists, for a sidecar that changed on disk (a checkout, a
 * colleague's merge, a hand edit) while this window still held changes it had not written.
 * A tag "changed since the common base" when what a person decides about it differs from
 * the base's: its kind, note, tagged text, other fields, or its `updated` time (which every
 * edit through the extension bumps). Where it sits (offsets, context, line, status) follows
 * the article and is found again after merging, so it never counts. Nothing is dropped
 * unless one side removed it and the other left it untouched.
 */
import { deepEqual } from './sidecar/serialise';
import { sortTags, type Tag } from './tags';

export interface MergeResult {
  readonly tags: Tag[];
  /** Ids both sides changed; the later `updated` won (ours on a tie). */
  readonly conflicts: string[];
}

/**
 * @param base - The tags as last read from or written to disk
 * @param ours - The tags in this window now
 * @param theirs - The tags now on disk
 */
export function mergeTags(base: readonly Tag[], ours: readonly Tag[], theirs: readonly Tag[]): MergeResult {
  const byId = (tags: readonly Tag[]): Map<string, Tag> => new Map(tags.map((tag) => [tag.id, tag]));
  const b = byId(base);
  const o = byId(ours);
  const t = byId(theirs);
  const ids = new Set([...o.keys(), ...t.keys()]);
  const merged: Tag[] = [];
  const conflicts: string[] = [];
  for (const id of ids) {
    const old = b.get(id);
    const mine = o.get(id);
    const other = t.get(id);
    const changed = (tag: Tag | undefined): boolean => tag !== undefined && (old === undefined || !sameEdit(tag, old));
    if (mine && other) {
      if (changed(mine) && changed(other) && !sameEdit(mine, other)) {
        conflicts.push(id);
        merged.push(other.updated > mine.updated ? other : mine);
      } else {
        merged.push(changed(other) && !changed(mine) ? other : mine);
      }
    } else if (mine) {
      // Gone on disk: they removed it. Keep it only if it is new here or we changed it since.
      if (!old || changed(mine)) merged.push(mine);
    } else if (other) {
      // Gone here: we removed it. Keep theirs only if it is new there or they changed it since.
      if (!old || changed(other)) merged.push(other);
    }
  }
  return { tags: sortTags(merged), conflicts };
}

/** Whether two versions of a tag say the same in everything a person decides. */
function sameEdit(a: Tag, b: Tag): boolean {
  return a.kind === b.kind && a.note === b.note && a.updated === b.updated && a.anchor.exact === b.anchor.exact && deepEqual(a.extra ?? {}, b.extra ?? {});
}

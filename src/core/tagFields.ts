/**
 * A tag's field values (a team's `verdict`, `source_url` …), kept in the sidecar as keys of
 * the tag's block after `note`, and in the model in `Tag.extra`. Every change of a field
 * value goes through {@link setFields}, so whatever must happen when one changes happens in
 * one place.
 */
import type { FieldValue } from './conventions/format';
import { CONFLICT_KEY } from './merge';
import { VERDICT_STAMP_KEY, isVerdictStale, verdictStamp } from './review/stale';
import { findTag, timestamp, type Tag } from './tags';

/**
 * Keys the tools keep in a tag's block beside the team's fields: a merge conflict to settle
 * and the hash of the text the fields were set on. Never a field, never reported as unknown.
 */
export const BOOKKEEPING_KEYS: ReadonlySet<string> = new Set([CONFLICT_KEY, VERDICT_STAMP_KEY]);

/** The values a tag holds beyond the format's own keys, by key. */
export function fieldValues(tag: Tag): Readonly<Record<string, unknown>> {
  return tag.extra ?? {};
}

/**
 * Sets or clears field values of one tag. An `undefined` value removes the key from the
 * sidecar; values equal to the stored ones change nothing (not even `updated`). New keys are
 * written after `note`, in the order `values` gives them.
 *
 * @throws Error if no tag has `id`
 */
export function setFields(tags: readonly Tag[], id: string, values: Readonly<Record<string, FieldValue | undefined>>, now: Date = new Date()): Tag[] {
  if (!findTag(tags, id)) throw new Error(`No tag with id ${id}.`);
  return tags.map((tag) => {
    if (tag.id !== id) return tag;
    const extra: Record<string, unknown> = { ...tag.extra };
    let changed = false;
    for (const [key, value] of Object.entries(values)) {
      const before = extra[key];
      if (value === undefined ? before === undefined : before === value) continue;
      extra[key] = value;
      changed = true;
    }
    // Setting a value again on a tag whose text changed since confirms it on the new text.
    const confirmed = !changed && isVerdictStale(tag) && Object.values(values).some((value) => value !== undefined);
    if (!changed && !confirmed) return tag;
    // What the verdict (and the other fields) were given on, so `check` can tell when the
    // tagged text changes afterwards (a stale verdict).
    const hasFields = Object.entries(extra).some(([key, value]) => value !== undefined && !BOOKKEEPING_KEYS.has(key));
    if (hasFields) extra[VERDICT_STAMP_KEY] = verdictStamp(tag.anchor.exact);
    else if (extra[VERDICT_STAMP_KEY] !== undefined) extra[VERDICT_STAMP_KEY] = undefined;
    return { ...tag, extra, updated: timestamp(now) };
  });
}

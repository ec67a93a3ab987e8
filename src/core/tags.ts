/**
 * The tag model and the pure operations on it. A list of tags is an immutable value: every
 * operation returns a new sorted array and leaves its input alone, so an adapter can keep
 * the previous lists for undo and compare objects by identity to see what changed.
 */
import { reanchor, selectorFor, shiftForChange, type AnchorStatus, type ReanchorOptions, type Selector, type TextChange } from './anchor';
import { LineIndex } from './position';

export type TagStatus = AnchorStatus;

/** Where a tag sits: a selector plus the 0-based line of `start`, kept for readers of the sidecar. */
export interface Anchor extends Selector {
  readonly line: number;
}

export interface Tag {
  /** Given once, never changed; see {@link newTagId}. */
  readonly id: string;
  /** A kind id; may be unknown to the current registry (the tag is then shown by its id). */
  readonly kind: string;
  readonly anchor: Anchor;
  /** Free text, possibly several lines (always `\n`-separated). */
  readonly note?: string;
  readonly author: string;
  /** ISO 8601 UTC, e.g. `2026-11-22T03:12:39Z`. */
  readonly created: string;
  readonly updated: string;
  /**
   * `anchored` when `anchor.exact` is the text at `anchor.start`; `fuzzy` when the tag was
   * re-anchored to a similar passage that a person should confirm (the anchor keeps the
   * originally tagged text); `orphan` when its text is gone (`start` = `end`, last known place).
   */
  readonly status: TagStatus;
  /** How well the last re-anchoring matched, 0 to 1; absent when not re-anchored this session. */
  readonly score?: number;
  /** Fields the sidecar holds that this version does not know (e.g. a team's `source`), kept as read. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** Every generated id starts with this, so an id is never read by YAML as a number or a date. */
export const TAG_ID_PREFIX = 't-';
const ID_RANDOM_LENGTH = 8;
const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A source of uniform numbers in [0, 1); injected by tests for reproducible ids. */
export type RandomSource = () => number;

/** Uses the platform's cryptographic generator, available in Node and in browsers alike. */
export const cryptoRandom: RandomSource = () => {
  const buffer = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buffer);
  return buffer[0] / 0x1_0000_0000;
};

/**
 * Makes a new tag id: `t-` and 8 random base-36 characters. Random rather than sequential
 * because two colleagues tagging the same article on different branches must not both
 * create "tag 7"; 36^8 ≈ 2.8 × 10^12 values make a collision in one sidecar negligible, and
 * ids already taken are skipped anyway.
 *
 * @param taken - Ids already in use in the sidecar
 */
export function newTagId(random: RandomSource = cryptoRandom, taken?: { has(id: string): boolean }): string {
  for (;;) {
    let id = TAG_ID_PREFIX;
    for (let i = 0; i < ID_RANDOM_LENGTH; i++) id += BASE36[Math.min(35, Math.floor(random() * 36))];
    if (!taken?.has(id)) return id;
  }
}

/** An ISO 8601 UTC timestamp to the second (`2026-11-22T03:12:39Z`), the form sidecars store. */
export function timestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Picks the author recorded on new tags: the setting if the user set one, else git's
 * `user.name`, else the operating-system user, else "unknown".
 */
export function chooseAuthor(candidates: { setting?: string; gitUserName?: string; osUserName?: string }): string {
  for (const name of [candidates.setting, candidates.gitUserName, candidates.osUserName]) {
    const trimmed = name?.trim();
    if (trimmed) return trimmed;
  }
  return 'unknown';
}

/**
 * Builds the anchor of `text[start, end)`: selector plus line.
 *
 * @param lines - A line index of `text`, when anchoring many tags in one text
 */
export function anchorFor(text: string, start: number, end: number, lines?: LineIndex): Anchor {
  const selector = selectorFor(text, start, end);
  return { ...selector, line: (lines ?? new LineIndex(text)).lineAt(selector.start) };
}

/** Orders tags by position: start, then end, then id, so overlapping tags have one order. */
export function compareTags(a: Tag, b: Tag): number {
  return a.anchor.start - b.anchor.start || a.anchor.end - b.anchor.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A sorted copy of `tags`. */
export function sortTags(tags: readonly Tag[]): Tag[] {
  return [...tags].sort(compareTags);
}

export function findTag(tags: readonly Tag[], id: string): Tag | undefined {
  return tags.find((tag) => tag.id === id);
}

/** Tags whose span contains `offset` (boundaries included), innermost first. */
export function tagsAt(tags: readonly Tag[], offset: number): Tag[] {
  return tags
    .filter((tag) => tag.status !== 'orphan' && tag.anchor.start <= offset && offset <= tag.anchor.end)
    .sort((a, b) => a.anchor.end - a.anchor.start - (b.anchor.end - b.anchor.start));
}

export function orphanTags(tags: readonly Tag[]): Tag[] {
  return tags.filter((tag) => tag.status === 'orphan');
}

export interface NewTagInput {
  readonly kind: string;
  /** The article text the offsets refer to. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly author: string;
  readonly note?: string;
  readonly now?: Date;
  readonly random?: RandomSource;
  /** A line index of `text`, when tagging many spans of one text at once. */
  readonly lines?: LineIndex;
}

/**
 * Makes a tag for `text[start, end)` with a fresh id not used in `tags`. It does not add it;
 * see {@link addTag}.
 *
 * @throws Error if the span is empty
 */
export function createTag(tags: readonly Tag[], input: NewTagInput): Tag {
  if (input.start === input.end) throw new Error('Cannot tag an empty span; select some text first.');
  const now = timestamp(input.now);
  const taken = new Set(tags.map((tag) => tag.id));
  const note = normaliseNote(input.note);
  return {
    id: newTagId(input.random, taken),
    kind: input.kind,
    anchor: anchorFor(input.text, input.start, input.end, input.lines),
    ...(note === undefined ? {} : { note }),
    author: input.author,
    created: now,
    updated: now,
    status: 'anchored',
  };
}

/**
 * Adds a tag, keeping the list sorted.
 *
 * @throws Error if a tag with the same id exists
 */
export function addTag(tags: readonly Tag[], tag: Tag): Tag[] {
  if (findTag(tags, tag.id)) throw new Error(`A tag with id ${tag.id} already exists.`);
  return sortTags([...tags, tag]);
}

/** @throws Error if no tag has `id` */
export function changeKind(tags: readonly Tag[], id: string, kind: string, now: Date = new Date()): Tag[] {
  return replace(tags, id, (tag) => (tag.kind === kind ? tag : { ...tag, kind, updated: timestamp(now) }));
}

/**
 * Sets or clears a tag's note. Line breaks are stored as `\n` whatever the editor used, and
 * an empty or all-blank note removes the note.
 *
 * @throws Error if no tag has `id`
 */
export function editNote(tags: readonly Tag[], id: string, note: string | undefined, now: Date = new Date()): Tag[] {
  const normalised = normaliseNote(note);
  return replace(tags, id, (tag) => {
    if (tag.note === normalised) return tag;
    const { note: _old, ...rest } = tag;
    return { ...rest, ...(normalised === undefined ? {} : { note: normalised }), updated: timestamp(now) };
  });
}

/** @throws Error if no tag has `id` */
export function removeTag(tags: readonly Tag[], id: string): Tag[] {
  if (!findTag(tags, id)) throw new Error(`No tag with id ${id}.`);
  return tags.filter((tag) => tag.id !== id);
}

/**
 * Re-attaches a tag (typically an orphan) to `text[start, end)`, as chosen by a person: it
 * takes the new text and context and becomes `anchored`, keeping its id, kind and note.
 *
 * @throws Error if no tag has `id` or the span is empty
 */
export function reattachTag(tags: readonly Tag[], id: string, text: string, start: number, end: number, now: Date = new Date()): Tag[] {
  if (start === end) throw new Error('Cannot attach a tag to an empty span; select some text first.');
  return sortTags(
    replace(tags, id, (tag) => {
      const { score: _score, ...rest } = tag;
      return { ...rest, anchor: anchorFor(text, start, end), status: 'anchored', updated: timestamp(now) };
    }),
  );
}

/**
 * Accepts a fuzzy re-anchoring: the tag takes the text now at its span as its own.
 *
 * @throws Error if no tag has `id`
 */
export function confirmTag(tags: readonly Tag[], id: string, text: string, now: Date = new Date()): Tag[] {
  const tag = findTag(tags, id);
  if (!tag) throw new Error(`No tag with id ${id}.`);
  if (tag.status !== 'fuzzy') return [...tags];
  return reattachTag(tags, id, text, tag.anchor.start, tag.anchor.end, now);
}

/**
 * Moves tags through one editor change (see {@link shiftForChange} for the rules). A tag
 * whose text is deleted becomes an orphan at the edit, keeping its last text; an anchored
 * tag edited inside takes its new text from `textAfter`. An orphan whose exact text is
 * typed or pasted back right at its place, with its context (an undo does exactly this),
 * is anchored again.
 *
 * `line`, `prefix` and `suffix` of tags near but outside the edit are left as they were;
 * call {@link refreshAnchors} before writing the sidecar.
 *
 * @param textAfter - The document text after the change
 */
export function applyTextChange(tags: readonly Tag[], change: TextChange, textAfter: string): Tag[] {
  let moved = false;
  const next = tags.map((tag): Tag => {
    const shifted = shiftForChange(tag.anchor, change);
    if (tag.status === 'orphan') {
      const revived = revive(tag, change, textAfter);
      if (revived) {
        moved = true;
        return revived;
      }
    }
    if (!shifted.touched && shifted.start === tag.anchor.start && shifted.end === tag.anchor.end) return tag;
    moved = true;
    if (shifted.orphaned) {
      const { score: _score, ...rest } = tag;
      return { ...rest, anchor: { ...tag.anchor, start: shifted.start, end: shifted.start }, status: 'orphan' };
    }
    if (shifted.touched && tag.status === 'anchored') {
      const selector = selectorFor(textAfter, shifted.start, shifted.end);
      return { ...tag, anchor: { ...tag.anchor, ...selector } };
    }
    return { ...tag, anchor: { ...tag.anchor, start: shifted.start, end: shifted.end } };
  });
  return moved ? sortTags(next) : [...tags];
}

function revive(tag: Tag, change: TextChange, textAfter: string): Tag | undefined {
  const { exact, prefix, suffix } = tag.anchor;
  if (change.rangeLength !== 0 || change.rangeOffset !== tag.anchor.start || exact.length === 0) return undefined;
  const from = change.rangeOffset;
  const to = from + change.text.length;
  for (let at = textAfter.indexOf(exact, from); at >= 0 && at + exact.length <= to; at = textAfter.indexOf(exact, at + 1)) {
    const end = at + exact.length;
    if (textAfter.startsWith(prefix, at - prefix.length) && at >= prefix.length && textAfter.startsWith(suffix, end)) {
      const { score: _score, ...rest } = tag;
      return { ...rest, anchor: { ...tag.anchor, start: at, end }, status: 'anchored' };
    }
  }
  return undefined;
}

/**
 * Re-takes the context and line of every anchored tag from `text`, and the line of the
 * others, so what is written matches the document. Tags that need no change are returned
 * as the same objects, so saving an unchanged article rewrites nothing.
 */
export function refreshAnchors(tags: readonly Tag[], text: string): Tag[] {
  const lines = new LineIndex(text);
  return tags.map((tag) => {
    const anchor = tag.status === 'anchored' ? anchorFor(text, tag.anchor.start, tag.anchor.end, lines) : { ...tag.anchor, line: lines.lineAt(tag.anchor.start) };
    return sameAnchor(anchor, tag.anchor) ? tag : { ...tag, anchor };
  });
}

/**
 * Finds every tag again in a text that changed outside the editor (see {@link reanchor}).
 * Anchored tags take the new position and context; fuzzy ones take the new position but
 * keep the text that was tagged, so the difference stays visible until someone confirms
 * it; orphans stay at their old position, clipped to the text.
 */
export function reanchorTags(tags: readonly Tag[], text: string, options?: ReanchorOptions): Tag[] {
  const lines = new LineIndex(text);
  // In stored order, each tag is also looked for where the last tag found with its whole
  // context moved to: after a paragraph added above, every tag is then found at once.
  let shift = 0;
  const placed = sortTags(tags).map((tag) => {
    const found = reanchorTag(tag, text, lines, { ...options, shift, trustPosition: tag.status !== 'fuzzy' });
    if (found.status === 'anchored' && found.score === 1) shift = found.anchor.start - tag.anchor.start;
    return found;
  });
  return sortTags(placed);
}

/**
 * Looks for orphaned tags again, after a large change in the editor (a paste that moved a
 * paragraph, the article reloaded from disk while open, which VS Code reports as one edit).
 * A revived tag is placed as {@link reanchorTags} places it: with the context and line of
 * where it now sits if anchored, keeping the tagged text and marked fuzzy otherwise. Tags
 * still lost, and tags that were not orphans, are returned as they were.
 */
export function reanchorOrphans(tags: readonly Tag[], text: string, options?: ReanchorOptions): Tag[] {
  if (!tags.some((tag) => tag.status === 'orphan')) return [...tags];
  const lines = new LineIndex(text);
  let changed = false;
  const next = tags.map((tag) => {
    if (tag.status !== 'orphan') return tag;
    const found = reanchorTag(tag, text, lines, options);
    if (found.status === 'orphan') return tag;
    changed = true;
    return found;
  });
  return changed ? sortTags(next) : [...tags];
}

/** One tag placed in `text` (see {@link reanchorTags}); the same object if nothing changed. */
function reanchorTag(tag: Tag, text: string, lines: LineIndex, options?: ReanchorOptions): Tag {
  const found = reanchor(text, tag.anchor, options);
  // A fuzzy tag waits for a person: finding its text again, even in one place only, does not
  // confirm it, since that place may be a twin of a passage rewritten since.
  const status = tag.status === 'fuzzy' && found.status === 'anchored' ? 'fuzzy' : found.status;
  let anchor: Anchor;
  if (status === 'anchored') anchor = anchorFor(text, found.start, found.end, lines);
  else anchor = { ...tag.anchor, start: found.start, end: found.end, line: lines.lineAt(found.start) };
  if (status === tag.status && sameAnchor(anchor, tag.anchor) && tag.score === found.score) return tag;
  return { ...tag, anchor: sameAnchor(anchor, tag.anchor) ? tag.anchor : anchor, status, score: found.score };
}

function sameAnchor(a: Anchor, b: Anchor): boolean {
  return a.start === b.start && a.end === b.end && a.line === b.line && a.exact === b.exact && a.prefix === b.prefix && a.suffix === b.suffix;
}

function replace(tags: readonly Tag[], id: string, change: (tag: Tag) => Tag): Tag[] {
  let found = false;
  const next = tags.map((tag) => {
    if (tag.id !== id) return tag;
    found = true;
    return change(tag);
  });
  if (!found) throw new Error(`No tag with id ${id}.`);
  return next;
}

function normaliseNote(note: string | undefined): string | undefined {
  if (note === undefined) return undefined;
  const normalised = note.replace(/\r\n?/g, '\n');
  return normalised.trim() === '' ? undefined : normalised;
}

/**
 * The canonical form of a sidecar: the text the extension writes for these tags, so a
 * sidecar edited by hand (or by another tool) reads like one the extension wrote, and a
 * reviewer's diff shows only what changed. Comments and keys the format does not know are
 * kept; only layout changes.
 *
 * Canonical means, for every tag: keys in the format's order (then unknown keys in their
 * order), each value in the style a new tag gets (context double-quoted, multi-line text as
 * literal blocks, nothing folded, two-space indentation, block rather than flow style), tags
 * sorted by position; and for the file: its line ending and byte order mark kept, as the
 * extension keeps them. The values themselves never change: the result is read back and
 * compared with the tags read from the input before it is returned.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { TO_STRING_OPTIONS, SIDECAR_VERSION } from '../sidecar/format';
import { readSidecar, type ParseSidecarOptions } from '../sidecar/parse';
import { hasErrors, type Problem } from '../sidecar/problem';
import { createTagNode, findPair, samePersisted } from '../sidecar/serialise';
import { SidecarFile } from '../sidecar/file';
import { compareTags, type Tag } from '../tags';
import { CanonicalCodec, type CanonicalSidecar } from './codec';

export type CanonicalResult =
  | { readonly ok: true; readonly text: string; readonly tags: Tag[] }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly message: string };

/**
 * The canonical text of a sidecar (see the module comment).
 *
 * @param text - The sidecar's text as read (a leading BOM allowed)
 * @returns the canonical text, or the problems that keep the file from being rewritten (any
 *   error: a file the extension would not write either)
 */
export function canonicalSidecar(text: string, options: ParseSidecarOptions = {}): CanonicalResult {
  const reading = readSidecar(text, options);
  if (hasErrors(reading.problems) || !reading.document) {
    return { ok: false, problems: reading.problems, message: 'has errors; fix them first (it is left as it is)' };
  }
  const document = reading.document;
  const root = document.contents;
  if (!isMap(root)) return { ok: true, text, tags: [] }; // an empty file: nothing to lay out
  root.flow = false;
  restyle(root, 'version', () => new Scalar(SIDECAR_VERSION), (node) => isScalar(node) && node.value === SIDECAR_VERSION);
  if (reading.article !== undefined) restyle(root, 'article', () => new Scalar(reading.article), () => true);

  const tagsPair = findPair(root, 'tags');
  if (tagsPair && isSeq(tagsPair.value)) {
    const seq = tagsPair.value as YAMLSeq;
    // An empty list stays `[]`, as the extension writes it.
    if (seq.items.length > 0) seq.flow = false;
    const tagOf = new Map<unknown, Tag>();
    for (const tag of reading.tags) {
      const old = reading.nodes.get(tag.id)!;
      const fresh = canonicalTagNode(document, old, tag);
      tagOf.set(fresh, tag);
      seq.items[seq.items.indexOf(old)] = fresh;
    }
    // Tags are sorted by position; a stable sort keeps the order of equal ones.
    const order = seq.items.map((item, index) => ({ item, index, tag: tagOf.get(item) }));
    order.sort((a, b) => (a.tag && b.tag ? compareTags(a.tag, b.tag) : 0) || a.index - b.index);
    seq.items = order.map((entry) => entry.item);
  }

  let output = document.toString(TO_STRING_OPTIONS);
  if (reading.lineEnding === '\r\n') output = output.replace(/\n/g, '\r\n');
  if (reading.bom) output = `\ufeff${output}`;

  // The layout may change, the content never: read the result back and compare.
  const check = readSidecar(output, options);
  const same = check.tags.length === reading.tags.length && check.tags.every((tag, i) => samePersisted(tag, reading.tags[i]));
  if (!same || hasErrors(check.problems)) {
    return { ok: false, problems: [], message: 'could not be laid out without changing its content; it is left as it is' };
  }
  return { ok: true, text: output, tags: reading.tags };
}

/** Replaces a top-level value by a fresh scalar unless it already is one in canonical style. */
function restyle(root: YAMLMap, key: string, make: () => Scalar, holds: (node: unknown) => boolean): void {
  const pair = findPair(root, key);
  if (!pair || !holds(pair.value)) return;
  const old = pair.value as Node;
  const fresh = make();
  carry(fresh, old);
  pair.value = fresh;
}

/**
 * A tag's block as a new tag gets it, with every comment of the old block moved onto the
 * same key (or the block itself) and unknown keys kept in their order after the known ones.
 */
function canonicalTagNode(document: Document, old: YAMLMap, tag: Tag): YAMLMap {
  const fresh = createTagNode(document, tag);
  fresh.flow = false;
  if (old.commentBefore) fresh.commentBefore = old.commentBefore;
  if (old.comment) fresh.comment = old.comment;
  if (old.spaceBefore) fresh.spaceBefore = true;
  for (const pair of fresh.items as Pair[]) {
    const name = (pair.key as Scalar).value as string;
    const before = findPair(old, name);
    if (!before) continue;
    if (isScalar(before.key)) {
      const key = pair.key as Scalar;
      if (before.key.commentBefore) key.commentBefore = before.key.commentBefore;
      if (before.key.spaceBefore) key.spaceBefore = true;
      if (before.key.comment) key.comment = before.key.comment;
    }
    if (before.value) carry(pair.value as Node, before.value as Node);
    if (isMap(pair.value) || isSeq(pair.value)) (pair.value as YAMLMap).flow = false;
  }
  return fresh;
}

function carry(next: Node, previous: Node): void {
  if (previous.comment) next.comment = previous.comment;
  if (previous.commentBefore) next.commentBefore = previous.commentBefore;
  if (previous.spaceBefore) next.spaceBefore = true;
}

/**
 * Writes a sidecar in canonical form: the same text as
 * `SidecarFile.create({ article, tags, lineEnding }).toString()`, with a BOM if asked; by the
 * fast writer when it can, else by `yaml`.
 *
 * @param sidecar - The article's file name, the tags (any order) and the file's line ending and BOM
 * @param codec - The codec that read the tags, if any: the blocks it read are copied as they were
 */
export function writeCanonical(sidecar: CanonicalSidecar, codec: CanonicalCodec = new CanonicalCodec()): string {
  const fast = codec.write(sidecar);
  if (fast !== undefined) return fast;
  const text = SidecarFile.create({ article: sidecar.article, tags: [...sidecar.tags], lineEnding: sidecar.lineEnding }).toString();
  return sidecar.bom ? `\ufeff${text}` : text;
}

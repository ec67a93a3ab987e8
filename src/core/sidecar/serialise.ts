/**
 * Writing tags into a `yaml` Document: a new tag becomes a new mapping with keys in the
 * fixed order; a changed tag has only its changed values replaced, so comments and styles
 * around everything else stay as they were.
 */
import { Pair, Scalar, YAMLMap, isScalar, type Document, type Node } from 'yaml';
import type { Tag } from '../tags';
import { TAG_KEYS, type TagKey } from './format';
import { deepEqual } from '../values';

type Persisted = string | number;

/**
 * The values a tag writes, in key order. Runtime-only state (`score`, and `status` when it
 * is `anchored`) and empty bookkeeping are left out.
 */
export function persistedFields(tag: Tag): Map<TagKey, Persisted> {
  const fields = new Map<TagKey, Persisted>();
  fields.set('text', tag.anchor.exact);
  fields.set('kind', tag.kind);
  if (tag.note !== undefined) fields.set('note', tag.note);
  fields.set('prefix', tag.anchor.prefix);
  fields.set('suffix', tag.anchor.suffix);
  fields.set('start', tag.anchor.start);
  fields.set('end', tag.anchor.end);
  fields.set('line', tag.anchor.line);
  if (tag.status !== 'anchored') fields.set('status', tag.status);
  fields.set('id', tag.id);
  if (tag.author !== '') fields.set('author', tag.author);
  if (tag.created !== '') fields.set('created', tag.created);
  if (tag.updated !== '') fields.set('updated', tag.updated);
  return fields;
}

/** Whether two tags would be written identically. */
export function samePersisted(a: Tag, b: Tag): boolean {
  if (a === b) return true;
  const fa = persistedFields(a);
  const fb = persistedFields(b);
  if (fa.size !== fb.size) return false;
  for (const [key, value] of fa) if (fb.get(key) !== value) return false;
  return deepEqual(a.extra ?? {}, b.extra ?? {});
}

/**
 * A scalar for one field, in the style a reviewer reads best: context always double-quoted
 * (its leading and trailing spaces and line breaks then show as such), multi-line notes as
 * literal blocks, everything else plain unless YAML needs quotes.
 */
export function scalarFor(key: string, value: Persisted): Scalar {
  const node = new Scalar(value);
  if (typeof value === 'string') {
    if (key === 'prefix' || key === 'suffix') node.type = Scalar.QUOTE_DOUBLE;
    else if (value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
  }
  return node;
}

/** A new mapping node for `tag`. */
export function createTagNode(document: Document, tag: Tag): YAMLMap {
  const map = new YAMLMap(document.schema);
  for (const [key, value] of persistedFields(tag)) map.items.push(new Pair(new Scalar(key), scalarFor(key, value)));
  for (const [key, value] of Object.entries(tag.extra ?? {})) {
    if (value !== undefined) insertField(map, new Pair(new Scalar(key), document.createNode(value)));
  }
  return map;
}

/**
 * Brings an existing tag node in line with `tag`, touching only values that differ. Keys
 * the tag no longer has are removed (their comments move to the next key); missing keys are
 * inserted where the fixed order puts them. Unknown keys are left alone unless `tag.extra`
 * names them (an `undefined` value there removes one).
 */
export function updateTagNode(document: Document, map: YAMLMap, tag: Tag): void {
  const fields = persistedFields(tag);
  for (const key of TAG_KEYS) {
    const want = fields.get(key);
    const pair = findPair(map, key);
    if (want === undefined) {
      if (pair) removePair(map, pair);
    } else if (!pair) {
      insertPair(map, new Pair(new Scalar(key), scalarFor(key, want)));
    } else if (!holds(pair.value as Node | null, want)) {
      pair.value = carryComments(scalarFor(key, want), pair.value as Node | null);
    }
  }
  for (const [key, value] of Object.entries(tag.extra ?? {})) {
    const pair = findPair(map, key);
    if (value === undefined) {
      if (pair) removePair(map, pair);
    } else if (!pair) {
      insertField(map, new Pair(new Scalar(key), document.createNode(value)));
    } else if (!deepEqual(pair.value === null ? null : (pair.value as Node).toJS(document, { maxAliasCount: 0 }), value)) {
      pair.value = carryComments(document.createNode(value) as Node, pair.value as Node | null);
    }
  }
}

/** Whether a node already holds `value`, however it was styled (`0x10` holds 16). */
function holds(node: Node | null, value: Persisted): boolean {
  if (!isScalar(node)) return false;
  if (node.value === value) return true;
  return typeof value === 'string' && typeof node.value !== 'string' && node.type === Scalar.PLAIN && node.source === value;
}

function carryComments<T extends Node>(next: T, previous: Node | null): T {
  if (previous) {
    if (previous.comment) next.comment = previous.comment;
    if (previous.commentBefore) next.commentBefore = previous.commentBefore;
    if (previous.spaceBefore) next.spaceBefore = true;
  }
  return next;
}

export function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key) as Pair | undefined;
}

function rank(pair: Pair): number {
  const key = isScalar(pair.key) ? pair.key.value : undefined;
  const at = TAG_KEYS.indexOf(key as TagKey);
  return at < 0 ? TAG_KEYS.length : at;
}

function insertPair(map: YAMLMap, pair: Pair): void {
  const wanted = rank(pair);
  const at = map.items.findIndex((other) => rank(other as Pair) > wanted);
  if (at < 0) {
    map.items.push(pair);
    return;
  }
  // A comment written above the key we insert before belongs above the mapping's first
  // line, so when inserting at the top it moves up with the new key.
  const next = map.items[at] as Pair;
  if (at === 0 && isScalar(next.key) && next.key.commentBefore) {
    (pair.key as Scalar).commentBefore = next.key.commentBefore;
    next.key.commentBefore = undefined;
  }
  map.items.splice(at, 0, pair);
}

/**
 * Puts a key the format does not define (a team's field, such as `verdict`) after `note`
 * and after the fields already there, so what people wrote about a tag reads together and
 * before the bookkeeping. Keys already in the file are never moved.
 */
function insertField(map: YAMLMap, pair: Pair): void {
  const afterNote = TAG_KEYS.indexOf('note');
  const at = map.items.findIndex((other) => {
    const position = rank(other as Pair);
    return position > afterNote && position < TAG_KEYS.length;
  });
  if (at < 0) map.items.push(pair);
  else map.items.splice(at, 0, pair);
}

/** Removes a pair, handing any comment above it to the next key (or the end of the map). */
function removePair(map: YAMLMap, pair: Pair): void {
  const at = map.items.indexOf(pair);
  const comment = isScalar(pair.key) ? pair.key.commentBefore : undefined;
  map.items.splice(at, 1);
  if (!comment) return;
  const next = map.items[at] as Pair | undefined;
  if (next && isScalar(next.key)) next.key.commentBefore = join(comment, next.key.commentBefore);
  else map.comment = join(map.comment ?? undefined, comment);
}

export function join(a: string | null | undefined, b: string | null | undefined): string | undefined {
  if (!a) return b ?? undefined;
  if (!b) return a;
  return `${a}\n${b}`;
}

export { deepEqual };

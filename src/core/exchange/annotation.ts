/**
 * An annotation read from another tool's file (or from our own W3C export), reduced to what
 * a tag can take from it. The readers of each format (w3cRead.ts, hypothesis.ts) produce
 * these; importTags.ts anchors them in the local article.
 */
import type { TextQuote } from '../anchor';
import { TAG_ID_PATTERN, TAG_KEYS } from '../sidecar';

/** Scalars a field value may be in a sidecar. */
export type ImportedFieldValue = string | number | boolean;

export interface ImportedAnnotation {
  /** 1-based place in the file, for messages. */
  readonly index: number;
  /** The annotation's id as the file has it (an IRI, a Hypothesis id), if any. */
  readonly sourceId: string | undefined;
  /** The id the tag gets: the source's own when it is a valid tag id, else one derived from it. */
  readonly tagId: string;
  /** The document the annotation is about (an IRI or URL), if given. */
  readonly source: string | undefined;
  readonly quote: TextQuote | undefined;
  /** A position in the source document, in `positionUnit`s; only ever a hint. */
  readonly position: { readonly start: number; readonly end: number } | undefined;
  readonly positionUnit: 'code-point' | 'code-unit';
  /** Tags the annotation carries (W3C bodies with purpose `tagging`, Hypothesis `tags`). */
  readonly tags: readonly string[];
  /** Its motivation and the purposes of its bodies other than tagging and commenting. */
  readonly purposes: readonly string[];
  readonly note: string | undefined;
  readonly author: string | undefined;
  /** ISO 8601 UTC to the second, when the file gave a readable time. */
  readonly created: string | undefined;
  readonly updated: string | undefined;
  /** The kind, when the file is a News Annotator export (its tagging body says it exactly). */
  readonly kind: string | undefined;
  /** Conventions fields, from a News Annotator export. */
  readonly fields: Readonly<Record<string, ImportedFieldValue>> | undefined;
  /** Why it cannot become a tag at all (a reply, a note on a whole page), if so. */
  readonly unusable: string | undefined;
}

/** What reading an import file gives: annotations, or why the file is not one of the format. */
export type ReadAnnotationsResult =
  | { readonly ok: true; readonly annotations: ImportedAnnotation[] }
  | { readonly ok: false; readonly error: string };

/** Whether `value` is a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` as a list: itself in a list, or nothing for undefined. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A non-empty string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO 8601 time in UTC to the second (`2026-11-22T03:12:39Z`), the form sidecars store;
 * undefined for anything else, so a mangled time is replaced rather than written.
 */
export function normaliseTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || !ISO_TIME.test(value.trim())) return undefined;
  const time = Date.parse(value.trim());
  if (Number.isNaN(time)) return undefined;
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A tag id for an annotation: its own id when that is a valid tag id, else the fragment or
 * last path segment of its IRI when that is one, else one derived from `seed` by a hash,
 * so importing the same file twice gives the same ids (and adds nothing the second time).
 *
 * @param prefix - Put before a hashed id, naming the format (`w-`, `h-`)
 */
export function tagIdFor(sourceId: string | undefined, seed: string, prefix: string): string {
  if (sourceId !== undefined) {
    const candidates = [sourceId];
    const hash = sourceId.indexOf('#');
    if (hash >= 0) candidates.push(decode(sourceId.slice(hash + 1)));
    const path = (hash >= 0 ? sourceId.slice(0, hash) : sourceId).replace(/[?].*$/, '').replace(/\/+$/, '');
    candidates.push(decode(path.slice(path.lastIndexOf('/') + 1)));
    for (const candidate of hash >= 0 ? candidates.slice(1) : candidates) {
      if (TAG_ID_PATTERN.test(candidate)) return candidate;
    }
    const prefixed = `${prefix}${candidates[candidates.length - 1]}`;
    if (TAG_ID_PATTERN.test(prefixed)) return prefixed;
  }
  return `${prefix}${hash64(sourceId ?? seed)}`;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * A 64-bit FNV-1a hash of `value`'s code units in base 36: short, stable across runs and
 * machines, and not a security measure (ids only need to stay apart in one sidecar).
 */
export function hash64(value: string): string {
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let i = 0; i < value.length; i++) {
    low ^= value.charCodeAt(i);
    // Multiply the 64-bit state by the FNV prime 0x100000001b3, in 32-bit halves.
    const lowTimes = Math.imul(low, 0x1b3);
    const carry = Math.floor(((low >>> 0) * 0x1b3) / 0x1_0000_0000);
    high = (Math.imul(high, 0x1b3) + (low << 8) + carry) >>> 0;
    low = lowTimes >>> 0;
  }
  return (high >>> 0).toString(36).padStart(7, '0') + (low >>> 0).toString(36).padStart(7, '0');
}

const FIELD_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const RESERVED = new Set<string>(TAG_KEYS);

/**
 * The fields of an annotation that a sidecar can hold: plain names that are not the
 * sidecar's own keys, with text, number or true/false values.
 */
export function readFields(value: unknown): Record<string, ImportedFieldValue> | undefined {
  if (!isObject(value)) return undefined;
  const fields: Record<string, ImportedFieldValue> = {};
  for (const [name, field] of Object.entries(value)) {
    if (!FIELD_NAME.test(name) || RESERVED.has(name)) continue;
    if (typeof field === 'string' || typeof field === 'boolean' || (typeof field === 'number' && Number.isFinite(field))) fields[name] = field;
  }
  return Object.keys(fields).length === 0 ? undefined : fields;
}

/**
 * Reads each item of a file with `read` (given its 1-based place), and refuses the file when
 * two annotations have the same id: which one is the annotation with that id?
 *
 * @param items - The items, or why the file has none to read
 */
export function readItems(items: unknown[] | string, read: (item: unknown, index: number) => ImportedAnnotation): ReadAnnotationsResult {
  if (typeof items === 'string') return { ok: false, error: items };
  const annotations = items.map((item, i) => read(item, i + 1));
  const seen = new Map<string, number>();
  for (const annotation of annotations) {
    const first = seen.get(annotation.tagId);
    if (first !== undefined) {
      const what = annotation.sourceId === undefined ? `the same derived id ${annotation.tagId}` : `the id ${JSON.stringify(annotation.sourceId)}`;
      return { ok: false, error: `annotations ${first} and ${annotation.index} have ${what}; ids must be unique, so it is not clear which to import. Remove or renumber one and import again.` };
    }
    seen.set(annotation.tagId, annotation.index);
  }
  return { ok: true, annotations };
}

/** The largest import file read, in UTF-16 code units: far above any real export, far below what would freeze the editor. */
export const MAX_IMPORT_LENGTH = 64 * 1024 * 1024;

/**
 * Parses an import file's text as JSON, and says where it is broken when it is not.
 *
 * @returns The value, or a message
 */
export function parseJson(source: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (source.length > MAX_IMPORT_LENGTH) return { ok: false, error: `the file is over ${MAX_IMPORT_LENGTH / (1024 * 1024)} MB; split it and import the parts.` };
  const body = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  if (body.trim() === '') return { ok: false, error: 'the file is empty, not JSON.' };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    if (at) {
      const offset = Number(at[1]);
      const before = body.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      return { ok: false, error: `the file is not valid JSON (line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '')}).` };
    }
    // V8 quotes the whole input in some messages; the token is what helps.
    return { ok: false, error: `the file is not valid JSON (${message.replace(/, "[\s\S]*" is not valid JSON$/, '')}).` };
  }
}

/**
 * A fast reader and writer for sidecars in canonical form: exactly the text the extension
 * writes for a set of tags, with nothing to report. The review commands read a whole
 * workspace at a time (a thousand sidecars in a CI job, two revisions of them for `diff`,
 * three versions of a thousand-tag file in the merge driver), and the `yaml` library, which
 * reads everything else, takes about 2.4 ms per ten-tag sidecar: 2.4 s for a thousand, over
 * the 2-second budget of `check` before any checking. This codec reads and writes the same
 * files in a few per cent of that (figures in BENCHMARKS.md).
 *
 * It is safe by construction rather than by care:
 *
 * - the writer produces byte for byte what `SidecarFile.create(…).toString()` produces (a
 *   property test compares them on random tags); a file with a value whose YAML form it
 *   does not handle itself (control characters, invisible line breaks, odd block scalars, a
 *   nested value…) it declines to write, and `writeCanonical` in canonical.ts has `yaml`
 *   write it;
 * - the reader accepts a text only if writing what it read gives the very same text back.
 *   Since the writer agrees with `yaml` and `yaml` reads back what it writes, whatever the
 *   reader accepts, it has read as `yaml` would. Anything else — a comment, a hand-styled
 *   value, a problem to report — returns `undefined`, and the caller uses the full parser.
 *
 * It does not load `yaml` (the merge driver, started by git once per conflicted sidecar,
 * would spend a tenth of its time loading it): what it needs of the format and of `yaml`'s
 * core schema is restated below, and a unit test holds each to the original.
 */
import { isKindId } from '../kinds';
import type { ParseSidecarOptions } from '../sidecar';
import { compareTags, type Tag, type TagStatus } from '../tags';

export interface CanonicalSidecar {
  readonly article?: string;
  readonly tags: readonly Tag[];
  readonly lineEnding?: '\n' | '\r\n';
  readonly bom?: boolean;
}

export interface CanonicalReading {
  readonly article: string | undefined;
  readonly tags: Tag[];
  readonly lineEnding: '\n' | '\r\n';
  readonly bom: boolean;
}

const TAG_INDENT = '    ';
const BLOCK_INDENT = '      ';

/**
 * What the codec needs of the sidecar format (src/core/sidecar/format.ts), restated so that
 * it loads without `yaml`; a unit test checks each against the format's own.
 */
export const CODEC_FORMAT = {
  version: 1,
  maxLength: 4 * 1024 * 1024,
  /** A tag's keys in the order they are written (the format's TAG_KEYS). */
  keys: ['text', 'kind', 'note', 'prefix', 'suffix', 'start', 'end', 'line', 'status', 'id', 'author', 'created', 'updated'],
  idPattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
  timestampPattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/,
} as const;

/**
 * The `yaml` core schema's tests for plain scalars that would not read back as strings
 * (`~`, `null`, `true`, `0o17`, `42`, `0x1f`, `.inf`, `.nan`, `1e5`, `1.5`), as one
 * pattern: such a string must be quoted. A unit test builds the same pattern from the
 * library's schema, so the writer quotes exactly what `yaml` quotes.
 */
export const CORE_SCHEMA_NON_STRING =
  /(?:^(?:~|[Nn]ull|NULL)?$)|(?:^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$)|(?:^0o[0-7]+$)|(?:^[-+]?[0-9]+$)|(?:^0x[0-9a-fA-F]+$)|(?:^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$)|(?:^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$)|(?:^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$)/;

/** What `yaml` refuses to write as a plain scalar (its own rule, restated). */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** What this writer leaves to `yaml`: controls but the line feed (tab included), C1 controls, invisible line breaks, a BOM, a document marker; and lone surrogates (below). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const LEAVE_TO_YAML = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u0085\u2028\u2029\ufeff]|^(?:---|\.\.\.)/;
/** Whether a value may be one to leave to `yaml` (then LEAVE_TO_YAML and LONE_SURROGATE decide): one test for the common case. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const MAYBE_LEFT_TO_YAML = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u0085\u2028\u2029\ufeff\ud800-\udfff]|^(?:---|\.\.\.)/;
/** A surrogate without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Words a plain scalar starting with a letter could be read as other than a string (YAML 1.2 core schema). */
const NON_STRING_WORDS: ReadonlySet<string> = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

/** A string value as `scalarFor(key, value)` writes it at a tag's indentation; undefined to let `yaml` do it. */
function stringValue(key: string, value: string): string | undefined {
  if (MAYBE_LEFT_TO_YAML.test(value) && (LEAVE_TO_YAML.test(value) || LONE_SURROGATE.test(value))) return undefined;
  if (key === 'prefix' || key === 'suffix') return doubleQuoted(value);
  if (value.includes('\n')) return literalBlock(value);
  if (!NOT_PLAIN.test(value) && !looksLikeNonString(value)) return value;
  const hasDouble = value.includes('"');
  const hasSingle = value.includes("'");
  if (hasDouble && !hasSingle) return `'${value}'`;
  return doubleQuoted(value);
}

/** Whether `yaml` would read the plain scalar as something else than a string. */
function looksLikeNonString(value: string): boolean {
  const first = value.charCodeAt(0);
  // A letter can only start null, true or false; anything else goes through the schema's own tests.
  if ((first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a)) return NON_STRING_WORDS.has(value);
  return CORE_SCHEMA_NON_STRING.test(value);
}

function doubleQuoted(value: string): string {
  // JSON's escapes are YAML's for everything left after LEAVE_TO_YAML; a space before an
  // escaped line break is escaped too, as `yaml` does, so no folding could eat it.
  const json = JSON.stringify(value);
  return value.includes(' \n') ? json.replace(/ (?=\\n)/g, '\\ ') : json;
}

function literalBlock(value: string): string | undefined {
  // A value ending in a line of blanks is quoted by `yaml`, and one with a line of only
  // spaces by the sidecar format (it would read back without them): both left to `yaml`.
  if (/\n[\t ]+$|(?:^|\n)[ ]+(?:\n|$)/.test(value)) return undefined;
  let endStart = value.length;
  while (endStart > 0 && (value[endStart - 1] === '\n' || value[endStart - 1] === ' ')) endStart--;
  if (endStart === 0) return undefined;
  // Chomping from the trailing line breaks: strip (none), clip (one), keep (more).
  let end = value.slice(endStart);
  const firstBreak = end.indexOf('\n');
  const chomp = firstBreak < 0 ? '-' : firstBreak === end.length - 1 ? '' : '+';
  if (end.endsWith('\n')) end = end.slice(0, -1);
  // Leading spaces (before or after leading line breaks) need the indentation given: 2,
  // relative to the key.
  const indicator = /^\n* /.test(value) ? '2' : '';
  return `|${indicator}${chomp}\n${BLOCK_INDENT}${value.slice(0, endStart).replace(/\n+/g, (breaks) => breaks + BLOCK_INDENT)}${end}`;
}

/** A key as `yaml` writes it plain; other keys (quoted, or read as something else) are left to `yaml`. */
function plainKey(key: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) && !NON_STRING_WORDS.has(key);
}

/** A one-line scalar (string, boolean, whole number, null) as `yaml` writes it; undefined to leave it to `yaml`. */
function scalarValue(key: string, value: unknown): string | undefined {
  if (typeof value === 'string') return stringValue(key, value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
  return undefined;
}

/**
 * A mapping's lines at `indent`, each value a one-line scalar, `null` or (to `depth` more
 * levels) a mapping of the same: the shape of a merge-conflict record
 * (`merge-conflict: {verdict: {base: …, ours: …, theirs: …}}`). Undefined for anything
 * else, and for an empty mapping (`yaml` writes `{}`).
 */
function mappingLines(value: unknown, indent: string, depth: number): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  let out = '';
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    if (!plainKey(key)) return undefined;
    if (item === null) out += `${indent}${key}: null\n`;
    else if (typeof item === 'object') {
      const nested = depth > 0 ? mappingLines(item, `${indent}  `, depth - 1) : undefined;
      if (nested === undefined) return undefined;
      out += `${indent}${key}:\n${nested}`;
    } else {
      const written = scalarValue(key, item);
      // A string of several lines is a block scalar, indented for the tag's level only.
      if (written === undefined || written.includes('\n')) return undefined;
      out += `${indent}${key}: ${written}\n`;
    }
  }
  return out === '' ? undefined : out;
}

/**
 * An unknown key's line(s) (` key: value`, or `key:` and a mapping of scalars below it),
 * without the tag's indentation in front of the first; undefined to let `yaml` do it.
 */
function extraValue(key: string, value: unknown): string | undefined {
  if (!plainKey(key)) return undefined;
  if (typeof value === 'object' && value !== null) {
    const lines = mappingLines(value, `${TAG_INDENT}  `, 1);
    return lines === undefined ? undefined : `${key}:\n${lines}`;
  }
  const written = scalarValue(key, value);
  return written === undefined ? undefined : `${key}: ${written}\n`;
}

/**
 * A tag's fields as the serialiser writes them (its `persistedFields`): optional ones only
 * when set; the team's fields go after `note`.
 */
function* writtenFields(tag: Tag): Generator<[string, string | number]> {
  yield ['text', tag.anchor.exact];
  yield ['kind', tag.kind];
  if (tag.note !== undefined) yield ['note', tag.note];
  yield ['prefix', tag.anchor.prefix];
  yield ['suffix', tag.anchor.suffix];
  yield ['start', tag.anchor.start];
  yield ['end', tag.anchor.end];
  yield ['line', tag.anchor.line];
  if (tag.status !== 'anchored') yield ['status', tag.status];
  yield ['id', tag.id];
  if (tag.author !== '') yield ['author', tag.author];
  if (tag.created !== '') yield ['created', tag.created];
  if (tag.updated !== '') yield ['updated', tag.updated];
}

/**
 * One tag's block (`  - text: …` and the lines after it), or undefined when a value needs
 * `yaml`. A team's fields (unknown keys) come right after `note`, as the serialiser inserts them.
 */
function tagBlock(tag: Tag): string | undefined {
  let out = '';
  let lead = '  - ';
  let fieldsDone = false;
  const fields = (): boolean => {
    fieldsDone = true;
    for (const [key, value] of Object.entries(tag.extra ?? {})) {
      if (value === undefined) continue;
      const written = extraValue(key, value);
      if (written === undefined) return false;
      out += `${TAG_INDENT}${written}`;
    }
    return true;
  };
  for (const [key, value] of writtenFields(tag)) {
    if (!fieldsDone && key !== 'text' && key !== 'kind' && key !== 'note' && !fields()) return undefined;
    const written = typeof value === 'number' ? String(value) : stringValue(key, value);
    if (written === undefined) return undefined;
    out += `${lead}${key}: ${written}\n`;
    lead = TAG_INDENT;
  }
  return out;
}

/** The top of a canonical file, up to `tags:`; undefined when the article's name needs `yaml`'s styling. */
function headerFor(article: string | undefined): string | undefined {
  let out = `version: ${CODEC_FORMAT.version}\n`;
  if (article !== undefined) {
    const written = /^[A-Za-z0-9_][A-Za-z0-9_.\-/ ()]*$/.test(article) ? stringValue('article', article) : undefined;
    if (written === undefined || written.includes('\n')) return undefined;
    out += `article: ${written}\n`;
  }
  return out;
}

/**
 * Reads and writes sidecars in canonical form, remembering every tag block it has read: a
 * block met again (the same tag in another version of the file: git's base, ours and
 * theirs, or two revisions compared by `diff`) is not read again, and a tag it read is
 * written back by copying its block. One codec serves one command run; it holds on to the
 * texts it has read.
 */
export class CanonicalCodec {
  /** Each block read (`  - text: …` up to the next tag), with its tag, or null when it is not canonical. */
  private readonly blocks = new Map<string, Tag | null>();
  /** The block each tag was read from. Tags are immutable, so the block stays theirs. */
  private readonly blockOf = new WeakMap<Tag, string>();

  /**
   * Writes a sidecar in canonical form: the same text as
   * `SidecarFile.create({ article, tags, lineEnding }).toString()`, with a BOM if asked.
   *
   * @param sidecar - The article's file name, the tags (any order) and the file's line ending and BOM
   * @returns the text, or undefined when a value needs `yaml` (`writeCanonical` in
   *   canonical.ts then has it written)
   */
  write(sidecar: CanonicalSidecar): string | undefined {
    let out = headerFor(sidecar.article);
    if (out === undefined) return undefined;
    const tags = [...sidecar.tags].sort(compareTags);
    if (tags.length === 0) out += 'tags: []\n';
    else {
      out += 'tags:\n';
      for (const tag of tags) {
        const block = this.blockOf.get(tag) ?? tagBlock(tag);
        if (block === undefined) return undefined;
        out += block;
      }
    }
    if (sidecar.lineEnding === '\r\n') out = out.replace(/\n/g, '\r\n');
    return sidecar.bom ? `\ufeff${out}` : out;
  }

  /**
   * Reads a sidecar that is in canonical form and has nothing to report (no problem the full
   * parser would list, given the same options).
   *
   * The file is read block by block, and each block is accepted only if writing the tag it
   * holds gives that very block back; with the header written back the same way and the tags
   * in the order the writer sorts them, that is the whole file written back unchanged.
   *
   * @returns what it holds, or undefined when the text is anything else (then use `SidecarFile.parse`)
   */
  read(text: string, options: ParseSidecarOptions = {}): CanonicalReading | undefined {
    if (text.length > (options.maxLength ?? CODEC_FORMAT.maxLength)) return undefined;
    const bom = text.charCodeAt(0) === 0xfeff;
    let body = bom ? text.slice(1) : text;
    const newline = body.indexOf('\n');
    const lineEnding = newline > 0 && body.charCodeAt(newline - 1) === 0x0d /* \r */ ? '\r\n' : '\n';
    if (lineEnding === '\r\n') {
      // Written with CRLF, every line ends so, and no value holds a bare CR or LF.
      if (/\r(?!\n)|(?<!\r)\n/.test(body)) return undefined;
      body = body.replace(/\r\n/g, '\n');
    } else if (body.includes('\r')) {
      return undefined;
    }
    const read = this.readBody(body, options);
    return read && { ...read, lineEnding, bom };
  }

  private readBody(body: string, options: ParseSidecarOptions): { article: string; tags: Tag[] } | undefined {
    const version = `version: ${CODEC_FORMAT.version}\narticle: `;
    if (!body.startsWith(version)) return undefined;
    const articleEnd = body.indexOf('\n', version.length);
    if (articleEnd < 0) return undefined;
    const article = scalar(body.slice(version.length, articleEnd));
    if (typeof article !== 'string' || article === '') return undefined;
    if (options.articleName !== undefined && article !== options.articleName) return undefined;
    const header = headerFor(article);
    if (header === undefined || header.length !== articleEnd + 1 || !body.startsWith(header)) return undefined;
    if (body.startsWith('tags: []\n', header.length)) return body.length === header.length + 'tags: []\n'.length ? { article, tags: [] } : undefined;
    if (!body.startsWith('tags:\n  - ', header.length)) return undefined;
    if (body.charCodeAt(body.length - 1) !== 0x0a /* \n */) return undefined;

    const tags: Tag[] = [];
    const ids = new Set<string>();
    let previous: Tag | undefined;
    for (let at = header.length + 'tags:\n'.length; at < body.length; ) {
      // A block runs to the next line that starts a tag: no line inside one can (values
      // are indented further, and blank lines of a literal block are empty).
      const next = body.indexOf('\n  - ', at);
      const end = next < 0 ? body.length : next + 1;
      const tag = this.block(body.slice(at, end));
      if (!tag || ids.has(tag.id) || (previous && compareTags(previous, tag) >= 0)) return undefined;
      if (options.kinds && !options.kinds.has(tag.kind)) return undefined;
      if (options.articleLength !== undefined && tag.anchor.end > options.articleLength) return undefined;
      ids.add(tag.id);
      tags.push(tag);
      previous = tag;
      at = end;
    }
    return { article, tags };
  }

  /** The tag of one block, read once per codec; undefined when the block is not as the writer writes it. */
  private block(text: string): Tag | undefined {
    let tag = this.blocks.get(text);
    if (tag === undefined) {
      tag = readBlock(text) ?? null;
      this.blocks.set(text, tag);
      if (tag) this.blockOf.set(tag, text);
    }
    return tag ?? undefined;
  }
}

/**
 * Reads a sidecar in canonical form with nothing to report (see {@link CanonicalCodec.read}).
 *
 * @returns what it holds, or undefined when the text is anything else (then use `SidecarFile.parse`)
 */
export function readCanonical(text: string, options: ParseSidecarOptions = {}): CanonicalReading | undefined {
  return new CanonicalCodec().read(text, options);
}

/**
 * A value as the writer lays it out: the rest of the line, and for a literal block the lines
 * after it that are indented further or empty; then the line feed.
 */
const VALUE = String.raw`([^\n]*(?:\n(?= {6}|\n)[^\n]*)*)\n`;
/** An offset: a whole number without sign or leading zero, as the writer writes one. */
const OFFSET = String.raw`(0|[1-9]\d{0,14})\n`;

/**
 * A tag block with its keys in the writer's order: text, kind, note, the team's fields,
 * context, offsets, status, id, author and dates. One pattern reads the whole block, so a
 * block costs one regular-expression match and a check of each value, whatever its size.
 */
const BLOCK = new RegExp(
  `^  - text: ${VALUE}    kind: ${VALUE}(?:    note: ${VALUE})?` +
    // The team's fields: lines at a key's indentation (then never a space) up to `prefix`.
    String.raw`((?:    (?!prefix: )[^ \n][^\n]*\n(?:(?= {6}|\n)[^\n]*\n)*)*)` +
    `    prefix: ${VALUE}    suffix: ${VALUE}    start: ${OFFSET}    end: ${OFFSET}    line: ${OFFSET}` +
    `(?:    status: ${VALUE})?    id: ${VALUE}    author: ${VALUE}    created: ${VALUE}    updated: ${VALUE}$`,
);

/** One line of the team's fields (with the lines of a literal block) from BLOCK's group. */
const FIELD = new RegExp(String.raw`    ([A-Za-z_][A-Za-z0-9_-]*): ${VALUE}`, 'y');

/** A team's field holding a mapping (`    key:` and the lines below it, at least 6 spaces in). */
const MAPPING = new RegExp(String.raw`    ([A-Za-z_][A-Za-z0-9_-]*):\n((?: {6}[^\n]*\n)+)`, 'y');
/** One line of such a mapping: its indentation (one or two levels), key and one-line value, if any. */
const MAPPING_LINE = /^( {6}| {8})([A-Za-z_][A-Za-z0-9_-]*):(?: (.+))?$/;

/**
 * The value of a mapping of one-line scalars, `null`s and mappings of the same, as
 * {@link mappingLines} writes it; undefined for anything else. The caller checks that
 * writing it again gives the same lines.
 */
function mappingOf(lines: string): Record<string, unknown> | undefined {
  const top: Record<string, unknown> = {};
  let inner: Record<string, unknown> | undefined;
  for (const line of lines.slice(0, -1).split('\n')) {
    const match = MAPPING_LINE.exec(line);
    if (!match || match[2] === '__proto__') return undefined;
    const [, indent, key, raw] = match;
    const value = raw === undefined ? undefined : raw === 'null' ? null : raw.charCodeAt(0) === 0x7c /* | */ ? undefined : scalar(raw, true);
    if (raw !== undefined && value === undefined) return undefined;
    if (indent.length === 6) {
      inner = raw === undefined ? {} : undefined;
      top[key] = raw === undefined ? inner : value;
    } else {
      if (inner === undefined || raw === undefined) return undefined;
      inner[key] = value;
    }
  }
  return top;
}

/**
 * Reads one tag block as the writer writes it: the keys in the writer's order, each value in
 * the very form the writer gives it. Checking each value by writing it again, and the order
 * by matching it, amounts to writing the whole block again and comparing, at a fraction of
 * the cost.
 *
 * @param block - `  - text: …` and the lines after it, each ending with a line feed
 * @returns the tag, or undefined when the block is anything else, or holds a tag the full
 *   parser would report a problem with
 */
function readBlock(block: string): Tag | undefined {
  const match = BLOCK.exec(block);
  if (!match) return undefined;
  // (Groups by index, not destructured: this runs before the code is optimised, where
  // destructuring an array costs an iterator.)
  const text = stringOf('text', match[1]);
  const kind = stringOf('kind', match[2]);
  const rawNote = match[3];
  const note = rawNote === undefined ? undefined : stringOf('note', rawNote);
  const rawFields = match[4];
  const prefix = match[5].charCodeAt(0) === 0x22 /* " */ ? stringOf('prefix', match[5]) : undefined;
  const suffix = match[6].charCodeAt(0) === 0x22 /* " */ ? stringOf('suffix', match[6]) : undefined;
  const from = Number(match[7]);
  const to = Number(match[8]);
  // The writer writes `status` for a fuzzy or orphaned tag only.
  const written = match[10] === undefined ? 'anchored' : stringOf('status', match[10]);
  const status: TagStatus | undefined = match[10] === undefined ? 'anchored' : written === 'fuzzy' || written === 'orphan' ? written : undefined;
  const id = stringOf('id', match[11]);
  const author = stringOf('author', match[12]);
  const created = stringOf('created', match[13]);
  const updated = stringOf('updated', match[14]);
  if (!text || kind === undefined || !isKindId(kind) || (rawNote !== undefined && note === undefined) || prefix === undefined || suffix === undefined || status === undefined) return undefined;
  if (id === undefined || !CODEC_FORMAT.idPattern.test(id) || !author || created === undefined || !CODEC_FORMAT.timestampPattern.test(created) || updated === undefined || !CODEC_FORMAT.timestampPattern.test(updated)) return undefined;
  if (from > to || (status === 'anchored' && to - from !== text.length)) return undefined;
  let extra: Record<string, unknown> | undefined;
  if (rawFields !== '') {
    extra = {};
    for (let at = 0; at < rawFields.length; ) {
      let key: string;
      let value: unknown;
      FIELD.lastIndex = at;
      const field = FIELD.exec(rawFields);
      if (field) {
        key = field[1];
        const raw = field[2];
        value = raw.charCodeAt(0) === 0x7c /* | */ ? literalValue(raw) : scalar(raw, true);
        if (value === undefined || !plainKey(key) || scalarValue(key, value) !== raw) return undefined;
        at = FIELD.lastIndex;
      } else {
        // A mapping of scalars, as a merge-conflict record is written.
        MAPPING.lastIndex = at;
        const mapping = MAPPING.exec(rawFields);
        if (!mapping) return undefined;
        key = mapping[1];
        value = mappingOf(mapping[2]);
        if (value === undefined || extraValue(key, value) !== mapping[0].slice(TAG_INDENT.length)) return undefined;
        at = MAPPING.lastIndex;
      }
      // A key of the format's here is out of the writer's order; `__proto__` is left to the full parser.
      if (KNOWN_KEYS.has(key) || key === '__proto__' || Object.hasOwn(extra, key)) return undefined;
      extra[key] = value;
    }
  }
  return {
    id,
    kind,
    anchor: { exact: text, prefix, suffix, start: from, end: to, line: Number(match[9]) },
    ...(note === undefined ? {} : { note }),
    author,
    created,
    updated,
    status,
    ...(extra === undefined ? {} : { extra }),
  };
}

/** A string value read from its raw form (plain, quoted or a literal block), if the writer writes that value so. */
function stringOf(key: string, raw: string): string | undefined {
  const value = raw.charCodeAt(0) === 0x7c /* | */ ? literalValue(raw) : scalar(raw);
  return typeof value === 'string' && stringValue(key, value) === raw ? value : undefined;
}

/** The value of a literal block (`|`, `|-`, `|+`, with `2` for leading spaces) as `yaml` reads it; undefined for any other header. */
function literalValue(raw: string): string | undefined {
  const lines = raw.split('\n');
  const header = /^\|2?([-+]?)$/.exec(lines[0]);
  if (!header) return undefined;
  const content = lines.slice(1).map((line) => line.slice(BLOCK_INDENT.length));
  let blank = 0;
  while (content.length > 0 && content[content.length - 1] === '') {
    content.pop();
    blank++;
  }
  return content.join('\n') + (header[1] === '-' ? '' : '\n') + (header[1] === '+' ? '\n'.repeat(blank) : '');
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(CODEC_FORMAT.keys);

/** A one-line scalar as written by the writer: plain, single- or double-quoted. */
function scalar(raw: string, typed = false): string | number | boolean | undefined {
  if (raw.startsWith('"')) return raw.endsWith('"') && raw.length >= 2 ? unescapeDouble(raw.slice(1, -1)) : undefined;
  if (raw.startsWith("'")) return raw.endsWith("'") && raw.length >= 2 ? raw.slice(1, -1).replace(/''/g, "'") : undefined;
  if (typed) {
    if (raw === 'true' || raw === 'false') return raw === 'true';
    if (/^-?(?:0|[1-9]\d{0,14})$/.test(raw)) return Number(raw);
  }
  return raw;
}

const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029' };

function unescapeDouble(inner: string): string | undefined {
  if (!inner.includes('\\')) return inner.includes('"') ? undefined : inner;
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === '"') return undefined;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = inner[++i];
    const width = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = inner.slice(i + 1, i + 1 + width);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) return undefined;
      out += String.fromCodePoint(parseInt(hex, 16));
      i += width;
    } else if (next !== undefined && next in ESCAPES) {
      out += ESCAPES[next];
    } else {
      return undefined;
    }
  }
  return out;
}

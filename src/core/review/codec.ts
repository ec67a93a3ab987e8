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
 *   property test compares them on random tags); any value whose YAML form it does not
 *   handle itself (control characters, invisible line breaks, odd block scalars…) is written
 *   by the `yaml` library, a tag at a time;
 * - the reader accepts a text only if writing what it read gives the very same text back.
 *   Since the writer agrees with `yaml` and `yaml` reads back what it writes, whatever the
 *   reader accepts, it has read as `yaml` would. Anything else — a comment, a hand-styled
 *   value, a problem to report — returns `undefined`, and the caller uses the full parser.
 */
import { Document, type CollectionTag, type ScalarTag } from 'yaml';
import { isKindId } from '../kinds';
import { SidecarFile, type ParseSidecarOptions } from '../sidecar';
import { MAX_SIDECAR_LENGTH, SIDECAR_VERSION, TAG_ID_PATTERN, TAG_KEYS, TIMESTAMP_PATTERN, YAML_OPTIONS } from '../sidecar/format';
import { persistedFields } from '../sidecar/serialise';
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
 * The `yaml` core schema's tests for plain scalars that would not read back as strings
 * (`42`, `true`, `0x1f`, `.nan`, `null`…): such a string must be quoted. Taken from the
 * library itself, so the writer quotes exactly what `yaml` quotes.
 */
const NON_STRING_TESTS: RegExp[] = (new Document(null, YAML_OPTIONS).schema.tags as Array<ScalarTag | CollectionTag>)
  .filter((tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && 'test' in tag && tag.test instanceof RegExp)
  .map((tag) => (tag as ScalarTag).test!);

/** What `yaml` refuses to write as a plain scalar (its own rule, restated). */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** What this writer leaves to `yaml`: controls but the line feed (tab included), C1 controls, invisible line breaks, a BOM, a document marker; and lone surrogates (below). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const LEAVE_TO_YAML = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u0085\u2028\u2029\ufeff]|^(?:---|\.\.\.)/;
const SURROGATE = /[\ud800-\udfff]/;
/** A surrogate without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Words a plain scalar starting with a letter could be read as other than a string (YAML 1.2 core schema). */
const NON_STRING_WORDS: ReadonlySet<string> = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

/** A string value as `scalarFor(key, value)` writes it at a tag's indentation; undefined to let `yaml` do it. */
function stringValue(key: string, value: string): string | undefined {
  if (LEAVE_TO_YAML.test(value) || (SURROGATE.test(value) && LONE_SURROGATE.test(value))) return undefined;
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
  return NON_STRING_TESTS.some((test) => test.test(value));
}

function doubleQuoted(value: string): string {
  // JSON's escapes are YAML's for everything left after LEAVE_TO_YAML; a space before an
  // escaped line break is escaped too, as `yaml` does, so no folding could eat it.
  return JSON.stringify(value).replace(/ (?=\\n)/g, '\\ ');
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

/** An unknown key's value when it is a simple scalar; undefined to let `yaml` do it. */
function extraValue(key: string, value: unknown): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return undefined;
  if (typeof value === 'string') return stringValue(key, value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
  return undefined;
}

/**
 * One tag's block (`  - text: …` and the lines after it), or undefined to let `yaml` do it.
 * A team's fields (unknown keys) come right after `note`, as the serialiser inserts them.
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
      out += `${TAG_INDENT}${key}: ${written}\n`;
    }
    return true;
  };
  for (const [key, value] of persistedFields(tag)) {
    if (!fieldsDone && key !== 'text' && key !== 'kind' && key !== 'note' && !fields()) return undefined;
    const written = typeof value === 'number' ? String(value) : stringValue(key, value);
    if (written === undefined) return undefined;
    out += `${lead}${key}: ${written}\n`;
    lead = TAG_INDENT;
  }
  return out;
}

/** The same block through `yaml`, for the values {@link tagBlock} leaves to it. */
function tagBlockByYaml(tag: Tag): string {
  const text = SidecarFile.create({ tags: [tag] }).toString();
  return text.slice(text.indexOf('\n  - ') + 1);
}

/**
 * Writes a sidecar in canonical form: the same text as
 * `SidecarFile.create({ article, tags, lineEnding }).toString()`, with a BOM if asked.
 *
 * @param sidecar - The article's file name, the tags (any order) and the file's line ending and BOM
 */
export function writeCanonical(sidecar: CanonicalSidecar): string {
  let out = `version: ${SIDECAR_VERSION}\n`;
  if (sidecar.article !== undefined) {
    const article = /^[A-Za-z0-9_][A-Za-z0-9_.\-/ ()]*$/.test(sidecar.article) ? stringValue('article', sidecar.article) : undefined;
    if (article !== undefined && !article.includes('\n')) out += `article: ${article}\n`;
    else {
      const text = SidecarFile.create({ article: sidecar.article }).toString();
      out += text.slice(text.indexOf('\n') + 1, text.lastIndexOf('tags:'));
    }
  }
  const tags = [...sidecar.tags].sort(compareTags);
  if (tags.length === 0) out += 'tags: []\n';
  else {
    out += 'tags:\n';
    for (const tag of tags) out += tagBlock(tag) ?? tagBlockByYaml(tag);
  }
  if (sidecar.lineEnding === '\r\n') out = out.replace(/\n/g, '\r\n');
  return sidecar.bom ? `\ufeff${out}` : out;
}

/**
 * Reads a sidecar that is in canonical form and has nothing to report (no problem the full
 * parser would list, given the same options).
 *
 * @returns what it holds, or undefined when the text is anything else (then use `SidecarFile.parse`)
 */
export function readCanonical(text: string, options: ParseSidecarOptions = {}): CanonicalReading | undefined {
  if (text.length > (options.maxLength ?? MAX_SIDECAR_LENGTH)) return undefined;
  const bom = text.charCodeAt(0) === 0xfeff;
  let body = bom ? text.slice(1) : text;
  const newline = body.indexOf('\n');
  const lineEnding = newline > 0 && body[newline - 1] === '\r' ? '\r\n' : '\n';
  if (lineEnding === '\r\n') body = body.replace(/\r\n/g, '\n');
  const read = readBody(body, options);
  if (!read) return undefined;
  if (writeCanonical({ ...read, lineEnding, bom }) !== text) return undefined;
  return { ...read, lineEnding, bom };
}

type Fields = Record<string, string | number | boolean>;

function readBody(body: string, options: ParseSidecarOptions): { article: string; tags: Tag[] } | undefined {
  const lines = body.split('\n');
  if (lines[lines.length - 1] !== '') return undefined;
  if (lines[0] !== `version: ${SIDECAR_VERSION}`) return undefined;
  if (!lines[1]?.startsWith('article: ')) return undefined;
  const article = scalar(lines[1].slice('article: '.length));
  if (typeof article !== 'string' || article === '') return undefined;
  if (options.articleName !== undefined && article !== options.articleName) return undefined;
  if (lines[2] === 'tags: []') return lines.length === 4 ? { article, tags: [] } : undefined;
  if (lines[2] !== 'tags:') return undefined;

  const tags: Tag[] = [];
  const ids = new Set<string>();
  let fields: Fields | undefined = undefined as Fields | undefined;
  const finish = (): boolean => {
    if (!fields) return true;
    const tag = toTag(fields, options);
    if (!tag || ids.has(tag.id)) return false;
    ids.add(tag.id);
    tags.push(tag);
    return true;
  };
  for (let i = 3; i < lines.length - 1; i++) {
    const line = lines[i];
    // Every line here is `  - key: value` (a new tag) or `    key: value`.
    if (line.charCodeAt(0) !== 0x20 /* space */ || line.charCodeAt(1) !== 0x20) return undefined;
    if (line.charCodeAt(2) === 0x2d /* - */ && line.charCodeAt(3) === 0x20) {
      if (!finish()) return undefined;
      fields = {};
    } else if (!fields || line.charCodeAt(2) !== 0x20 || line.charCodeAt(3) !== 0x20 || line.charCodeAt(4) === 0x20) {
      return undefined;
    }
    const colon = line.indexOf(': ', 4);
    if (colon <= 4) return undefined;
    const key = line.slice(4, colon);
    const raw = line.slice(colon + 2);
    if (key in fields) return undefined;
    const header = raw.charCodeAt(0) === 0x7c /* | */ ? /^\|2?([-+]?)$/.exec(raw) : null;
    if (header) {
      const block: string[] = [];
      while (i + 1 < lines.length - 1 && (lines[i + 1].startsWith(BLOCK_INDENT) || lines[i + 1] === '')) block.push(lines[++i].slice(BLOCK_INDENT.length));
      let blank = 0;
      while (block.length > 0 && block[block.length - 1] === '') {
        block.pop();
        blank++;
      }
      // Blank lines at the end belong to a kept block; any other block gives them back.
      if (header[1] !== '+') i -= blank;
      fields[key] = block.join('\n') + (header[1] === '-' ? '' : '\n') + (header[1] === '+' ? '\n'.repeat(blank) : '');
      continue;
    }
    const value = key === 'start' || key === 'end' || key === 'line' ? offset(raw) : scalar(raw, !KNOWN_KEYS.has(key));
    if (value === undefined) return undefined;
    fields[key] = value;
  }
  if (!finish()) return undefined;
  return { article, tags };
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(TAG_KEYS);

/** A whole number as the writer writes an offset (no sign, no leading zero), or undefined. */
function offset(raw: string): number | undefined {
  if (raw.length === 0 || raw.length > 15 || (raw.length > 1 && raw.charCodeAt(0) === 0x30)) return undefined;
  let value = 0;
  for (let i = 0; i < raw.length; i++) {
    const digit = raw.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

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

/** A tag from its fields, if the full parser would read it without reporting anything. */
function toTag(fields: Fields, options: ParseSidecarOptions): Tag | undefined {
  const { text, kind, note, prefix, suffix, start, end, line, status, id, author, created, updated } = fields;
  if (typeof text !== 'string' || text === '' || typeof kind !== 'string' || !isKindId(kind)) return undefined;
  if (options.kinds && !options.kinds.has(kind)) return undefined;
  if (typeof id !== 'string' || !TAG_ID_PATTERN.test(id)) return undefined;
  if (typeof start !== 'number' || typeof end !== 'number' || typeof line !== 'number' || start > end) return undefined;
  if (status !== undefined && status !== 'fuzzy' && status !== 'orphan') return undefined;
  if (status === undefined && end - start !== text.length) return undefined;
  if (options.articleLength !== undefined && end > options.articleLength) return undefined;
  if (typeof author !== 'string' || typeof created !== 'string' || typeof updated !== 'string') return undefined;
  if (!TIMESTAMP_PATTERN.test(created) || !TIMESTAMP_PATTERN.test(updated)) return undefined;
  if (note !== undefined && typeof note !== 'string') return undefined;
  if (typeof prefix !== 'string' || typeof suffix !== 'string') return undefined;
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) if (!(TAG_KEYS as readonly string[]).includes(key)) extra[key] = fields[key];
  return {
    id,
    kind,
    anchor: { exact: text, prefix, suffix, start, end, line },
    ...(note === undefined ? {} : { note }),
    author,
    created,
    updated,
    status: (status ?? 'anchored') as TagStatus,
    ...(Object.keys(extra).length === 0 ? {} : { extra }),
  };
}

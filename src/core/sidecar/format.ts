/**
 * The sidecar format's constants: its version, key order, limits and the exact `yaml`
 * options used to read and write it. docs/sidecar-format.md explains each choice;
 * schemas/sidecar.schema.json must agree with the key lists (a unit test checks).
 */
import { Scalar, type DocumentOptions, type ParseOptions, type SchemaOptions, type ToStringOptions } from 'yaml';
import { stringTag } from 'yaml/util';

/** The only version this code reads and writes. */
export const SIDECAR_VERSION = 1;

/** Top-level keys, in the order a new file has them. */
export const TOP_LEVEL_KEYS = ['version', 'article', 'tags'] as const;

/**
 * Keys of a tag, in the order they are written. The tagged text comes first so that a
 * reviewer reading a diff sees what was tagged before anything else, then what people
 * wrote (kind, note), then where it sits (context and offsets, which change when the article
 * does), then bookkeeping that never changes (id, author, created) and `updated` last.
 */
export const TAG_KEYS = ['text', 'kind', 'note', 'prefix', 'suffix', 'start', 'end', 'line', 'status', 'id', 'author', 'created', 'updated'] as const;

export type TagKey = (typeof TAG_KEYS)[number];

/** Keys a tag cannot do without; a tag missing one is an error. */
export const REQUIRED_TAG_KEYS: readonly TagKey[] = ['text', 'kind', 'start', 'end', 'id'];

/** Keys whose absence is worth a note but changes nothing. */
export const METADATA_TAG_KEYS: readonly TagKey[] = ['author', 'created', 'updated'];

/** Values `status` may take in a file; absent means anchored. */
export const PERSISTED_STATUSES = ['anchored', 'fuzzy', 'orphan'] as const;

/**
 * Ids people may write by hand: a letter or digit, then letters, digits, `_`, `.` or `-`,
 * at most 64 characters. Generated ids (`t-` and 8 base-36 characters) are a subset.
 */
export const TAG_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** ISO 8601 in UTC, with optional fractions of a second. */
export const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/**
 * The largest sidecar read, in UTF-16 code units (4 MB of ASCII). A heavily annotated
 * article has a few hundred tags, about 100 kB. The parser holds about 25 bytes per
 * character of a long text value, so this keeps any file within about 100 MB while it is
 * read; the token budget (bounds.ts) keeps files of many small values within theirs.
 */
export const MAX_SIDECAR_LENGTH = 4 * 1024 * 1024;

/**
 * Characters that some editors and diff viewers show as line breaks or not at all. Strings
 * holding them are written double-quoted with the character escaped, so a sidecar never
 * contains an invisible line break that VS Code would offer to "fix".
 */
const INVISIBLE_BREAKS = /[\u0085\u2028\u2029\ufeff]/;
const ESCAPES: Record<string, string> = { '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P', '\ufeff': '\\uFEFF' };

/**
 * A line of nothing but spaces or tabs cannot be told apart from indentation in a block
 * scalar, and `yaml` 2.9 writes such strings (e.g. "  \n") as blocks that read back without
 * the spaces; they are written double-quoted instead.
 */
const BLANK_LINE_WITH_SPACES = /(?:^|\n)[\t ]+(?:\n|$)/;

const sidecarString: typeof stringTag = {
  ...stringTag,
  stringify(item, ctx, onComment, onChompKeep) {
    const value = (item as Scalar).value;
    const risky = typeof value === 'string' && (INVISIBLE_BREAKS.test(value) || (value.includes('\n') && BLANK_LINE_WITH_SPACES.test(value)));
    if (!risky) return stringTag.stringify!(item, ctx, onComment, onChompKeep);
    const quoted = stringTag.stringify!({ ...item, type: Scalar.QUOTE_DOUBLE } as Scalar, ctx, onComment, onChompKeep);
    return quoted.replace(/[\u0085\u2028\u2029\ufeff]/g, (ch) => ESCAPES[ch]);
  },
};

/**
 * Options for reading: YAML 1.2 core schema, strict. Duplicate keys are reported by the
 * reader itself, in linear time (see parse.ts), not by `yaml`, whose check is quadratic.
 */
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  strict: true,
  uniqueKeys: false,
  prettyErrors: false,
  keepSourceTokens: false,
  customTags: (tags) => tags.map((tag) => (typeof tag === 'object' && tag.tag === stringTag.tag && !('collection' in tag && tag.collection) ? sidecarString : tag)),
};

/**
 * Options for writing. `lineWidth: 0` never folds long text, which would otherwise spread
 * one quote over several lines and turn a one-word change into a multi-line diff;
 * multi-line strings become literal `|` blocks; double-quoted strings keep `\n` escapes on
 * one line instead of being broken across lines.
 */
export const TO_STRING_OPTIONS: ToStringOptions = {
  indent: 2,
  indentSeq: true,
  lineWidth: 0,
  minContentWidth: 0,
  blockQuote: 'literal',
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
  doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER,
  flowCollectionPadding: true,
};

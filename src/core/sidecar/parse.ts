/**
 * Reading a sidecar: YAML text to a `yaml` Document (kept for editing in place), the tags
 * it holds, and every problem found, each with a code and a position.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { LineIndex } from '../position';
import { isKindId, type KindRegistry } from '../kinds';
import { compareTags, type Tag, type TagStatus } from '../tags';
import { MAX_SIDECAR_LENGTH, METADATA_TAG_KEYS, PERSISTED_STATUSES, REQUIRED_TAG_KEYS, SIDECAR_VERSION, TAG_ID_PATTERN, TAG_KEYS, TIMESTAMP_PATTERN, YAML_OPTIONS, type TagKey } from './format';
import { MAX_DEPTH, measureYaml } from './bounds';
import { ProblemCollector, hasErrors, type Problem } from './problem';

export interface ParseSidecarOptions {
  /** Kinds in effect; a tag of another kind gets an `unknown-kind` warning. */
  readonly kinds?: KindRegistry;
  /** The article's file name; a different `article` field gets an `article-mismatch` warning. */
  readonly articleName?: string;
  /** The article's length in code units; offsets past it get `offset-out-of-range` warnings. */
  readonly articleLength?: number;
  /** Largest text accepted, in code units; default {@link MAX_SIDECAR_LENGTH}. */
  readonly maxLength?: number;
}

export interface ParsedSidecar {
  /** The parsed document, kept to edit in place; absent only when the text was too large to parse. */
  readonly document: Document | undefined;
  /** Every tag that could be read without an error, sorted by position. */
  readonly tags: Tag[];
  readonly problems: Problem[];
  /**
   * False when any problem is an error: the file holds something this code cannot
   * reproduce, so it must not be overwritten until a person fixes it.
   */
  readonly writable: boolean;
  /** The `version` value as written (any type), if present. */
  readonly version: unknown;
  readonly article: string | undefined;
  /** The line ending the file uses (that of its first line break), kept on rewrite. */
  readonly lineEnding: '\n' | '\r\n';
  /** Whether the file started with a byte order mark, kept on rewrite. */
  readonly bom: boolean;
}

/** What {@link SidecarFile} needs beyond the public result. */
export interface SidecarReading extends ParsedSidecar {
  /** The node of each tag in `tags`, by id. */
  readonly nodes: Map<string, YAMLMap>;
  /** 0-based line where each tag in `tags` starts in the text. */
  readonly lines: Map<string, number>;
}

/**
 * Parses a sidecar's text. Never throws: anything wrong is a {@link Problem}, and tags that
 * read cleanly are returned even when others in the same file do not.
 *
 * @param text - The file's contents decoded as UTF-8 (a leading BOM is allowed)
 */
export function parseSidecar(text: string, options: ParseSidecarOptions = {}): ParsedSidecar {
  return readSidecar(text, options);
}

/**
 * {@link parseSidecar}, with the node of each tag. Never throws: should anything in the
 * reading fail unexpectedly (a bug here or in `yaml`, a stack exhausted by some input), the
 * result is a read-only file with one `parse-failed` problem, never an exception that a
 * caller might mistake for "no sidecar" and answer by writing a fresh one.
 */
export function readSidecar(raw: string, options: ParseSidecarOptions = {}): SidecarReading {
  try {
    return readUnguarded(raw, options);
  } catch (error) {
    const bom = raw.charCodeAt(0) === 0xfeff;
    const report = new ProblemCollector(bom ? raw.slice(1) : raw);
    const reason = error instanceof Error ? error.message : String(error);
    report.add('parse-failed', 'error', `News Annotator could not read this sidecar (${reason}); it leaves the file as it is. Check it for unusual YAML.`);
    return { document: undefined, tags: [], problems: report.problems, writable: false, version: undefined, article: undefined, lineEnding: '\n', bom, nodes: new Map(), lines: new Map() };
  }
}

function readUnguarded(raw: string, options: ParseSidecarOptions): SidecarReading {
  const bom = raw.charCodeAt(0) === 0xfeff;
  const text = bom ? raw.slice(1) : raw;
  const newline = text.indexOf('\n');
  const lineEnding = newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
  const report = new ProblemCollector(text);
  const result = (document: Document | undefined, tags: Tag[], version: unknown, article: string | undefined, nodes = new Map<string, YAMLMap>(), lines = new Map<string, number>()): SidecarReading => ({
    document,
    tags: tags.sort(compareTags),
    problems: report.problems,
    writable: !hasErrors(report.problems),
    version,
    article,
    lineEnding,
    bom,
    nodes,
    lines,
  });

  const maxLength = options.maxLength ?? MAX_SIDECAR_LENGTH;
  if (text.length > maxLength) {
    report.add('too-large', 'error', `This sidecar has ${text.length.toLocaleString('en')} characters, over the ${maxLength.toLocaleString('en')} (${megabytes(maxLength)} MB) that News Annotator reads, so it was not read. Split or trim it by hand; it will not be overwritten.`);
    return result(undefined, [], undefined, undefined);
  }

  // A carriage return not followed by a line feed is a line break to VS Code and to the YAML
  // specification, but not everywhere to `yaml`, which could then write back a different
  // file: such a file is read for display and left alone.
  const loneReturn = /\r(?!\n)/.exec(text);
  if (loneReturn) {
    report.add('bad-line-break', 'error', 'This line ends in a carriage return alone (CR); sidecars use LF or CR LF line endings. Change the line ending; until then the file is left as it is.', [loneReturn.index, loneReturn.index + 1]);
  }

  const shape = measureYaml(text);
  if (shape.over === 'tokens') {
    report.add(
      'too-complex',
      'error',
      `This sidecar holds more YAML than News Annotator reads in a file of its size (over ${shape.budget.toLocaleString('en')} tokens, about ${Math.round(shape.budget / 36).toLocaleString('en')} tags), so it was not read. Split or trim it by hand; it will not be overwritten.`,
      [shape.overAt ?? 0, (shape.overAt ?? 0) + 1],
    );
    return result(undefined, [], undefined, undefined);
  }
  if (shape.over === 'depth') {
    report.add('too-deep', 'error', `This sidecar nests more than ${MAX_DEPTH} levels deep here, so it was not read; a sidecar needs five. It will not be overwritten.`, [shape.overAt ?? 0, (shape.overAt ?? 0) + 1]);
    return result(undefined, [], undefined, undefined);
  }

  const document = parseQuietly(text);
  for (const error of document.errors.slice(0, MAX_SYNTAX_PROBLEMS)) {
    if (error.code === 'MISSING_CHAR' && error.message.includes('quote')) {
      // yaml reports a missing closing quote where the file ends; the line to fix is the
      // one where the quote was opened, i.e. where the runaway string starts.
      const opened = runawayStringStart(document, error.pos[0]);
      report.add('yaml-syntax', 'error', 'YAML syntax: this quoted string is never closed; add the closing quote.', opened === undefined ? error.pos : [opened, opened + 1]);
    } else {
      report.add('yaml-syntax', 'error', `YAML syntax: ${firstLine(error.message)}`, error.pos);
    }
  }
  if (document.errors.length > MAX_SYNTAX_PROBLEMS) {
    const next = document.errors[MAX_SYNTAX_PROBLEMS];
    report.add('yaml-syntax', 'error', `YAML syntax: ${(document.errors.length - MAX_SYNTAX_PROBLEMS).toLocaleString('en')} more errors from here on; fix the first ones, and these may go with them.`, next.pos);
  }
  const duplicates = duplicateKeys(document);
  for (const key of duplicates.slice(0, MAX_SYNTAX_PROBLEMS)) {
    report.add('yaml-syntax', 'error', `YAML syntax: the key "${String(key.value)}" appears more than once in this mapping; keep one.`, rangeOf(key));
  }
  const errorOffsets = [...document.errors.map((error) => error.pos[0]), ...duplicates.map((key) => key.range?.[0] ?? 0)].sort((a, b) => a - b);
  for (const warning of document.warnings) {
    report.add('yaml-warning', 'warning', `YAML: ${firstLine(warning.message)}`, warning.pos);
  }
  // Aliases are refused outright rather than limited: a sidecar never needs them, and
  // resolving none means an alias bomb costs nothing but this one pass. One problem, at the
  // first alias, keeps a bomb of thousands from flooding the Problems panel. Explicit YAML
  // tags other than the core schema's own (`!!binary`, `!!set`, `!custom`) are refused for
  // the same reason: values of types a sidecar never holds cannot be written back faithfully.
  const aliases: Node[] = [];
  const tagged: Node[] = [];
  if (text.includes('*') || text.includes('!')) {
    visit(document, {
      Alias(_key, node) {
        aliases.push(node);
      },
      Node(_key, node) {
        if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) tagged.push(node);
      },
    });
  }
  if (aliases.length > 0) {
    const more = aliases.length > 1 ? ` This file has ${aliases.length} aliases.` : '';
    report.add('yaml-alias', 'error', `YAML aliases (*name) are not allowed in a sidecar; write the value out in full.${more}`, rangeOf(aliases[0]));
  }
  if (tagged.length > 0) {
    report.add('yaml-tag', 'error', `The YAML tag ${tagged[0].tag!.replace('tag:yaml.org,2002:', '!!')} is not allowed in a sidecar; write the value as plain text or a number.`, rangeOf(tagged[0]));
  }

  const root = document.contents;
  if (root === null || root === undefined || (isScalar(root) && root.value === null)) {
    return result(document, [], undefined, undefined);
  }
  if (!isMap(root)) {
    report.add('not-a-mapping', 'error', 'A sidecar must be a mapping with version, article and tags.', root.range ?? undefined);
    return result(document, [], undefined, undefined);
  }

  const versionPair = findPair(root, 'version');
  const version = isScalar(versionPair?.value) ? versionPair.value.value : versionPair?.value;
  if (!versionPair) {
    report.add('missing-version', 'error', `The sidecar has no "version"; add "version: ${SIDECAR_VERSION}" as its first line.`, rangeOf(root.items[0]?.key as Node) ?? rangeOf(root));
  } else if (version !== SIDECAR_VERSION) {
    report.add('unsupported-version', 'error', `Sidecar version ${describe(version)} is not supported; this News Annotator reads version ${SIDECAR_VERSION}. Update the extension; the file is left untouched.`, rangeOf(versionPair.value as Node));
  }

  const articlePair = findPair(root, 'article');
  let article: string | undefined;
  if (!articlePair || isNull(articlePair.value)) {
    report.add('missing-article', 'info', 'The sidecar does not name its article ("article: <file name>").', rangeOf(root.items[0]?.key as Node) ?? rangeOf(root));
  } else if (!isScalar(articlePair.value) || typeof articlePair.value.value !== 'string') {
    report.add('bad-article', 'warning', '"article" should be the article\'s file name.', rangeOf(articlePair.value as Node));
  } else {
    article = articlePair.value.value;
    if (options.articleName !== undefined && article !== options.articleName) {
      report.add('article-mismatch', 'warning', `This sidecar says it belongs to "${article}", but it sits beside "${options.articleName}". Was it copied or renamed by hand?`, rangeOf(articlePair.value));
    }
  }

  const tags: Tag[] = [];
  const nodes = new Map<string, YAMLMap>();
  const lines = new Map<string, number>();
  if (version !== undefined && version !== SIDECAR_VERSION) return result(document, tags, version, article);

  const tagsPair = findPair(root, 'tags');
  if (!tagsPair || isNull(tagsPair.value)) return result(document, tags, version, article, nodes, lines);
  if (!isSeq(tagsPair.value)) {
    report.add('wrong-type', 'error', '"tags" must be a list of tags, one "- text: …" block each.', rangeOf(tagsPair.value as Node));
    return result(document, tags, version, article, nodes, lines);
  }
  const lineIndex = new LineIndex(text);
  for (const item of tagsPair.value.items) {
    // A tag broken by a syntax error is covered by that error; listing every field it now
    // seems to lack would bury the one message that matters.
    const range = (item as Node | null)?.range;
    if (range && hasOffsetIn(errorOffsets, range[0], range[2])) continue;
    if (isAlias(item)) continue;
    if (!isMap(item)) {
      report.add('bad-tag', 'error', 'Each entry under "tags" must be a mapping (text, kind, start, end, id …).', rangeOf(item as Node));
      continue;
    }
    const tag = readTag(document, item, report, options);
    if (!tag) continue;
    const idRange = rangeOf(findPair(item, 'id')?.value as Node);
    if (nodes.has(tag.id)) {
      report.add('duplicate-id', 'error', `Another tag already has id "${tag.id}"; ids must be unique. Give one of them a new id.`, idRange, tag.id);
      continue;
    }
    nodes.set(tag.id, item);
    lines.set(tag.id, lineIndex.lineAt(item.range?.[0] ?? 0));
    tags.push(tag);
  }
  return result(document, tags, version, article, nodes, lines);
}

type Range = readonly [number, number] | undefined;

/** Reads one tag mapping, reporting what is wrong; undefined if any error was found. */
function readTag(document: Document, map: YAMLMap, report: ProblemCollector, options: ParseSidecarOptions): Tag | undefined {
  const errorsBefore = countErrors(report.problems);
  const values: Partial<Record<TagKey, unknown>> = {};
  const ranges: Partial<Record<TagKey, Range>> = {};
  const present = new Set<TagKey>();
  const extra: Record<string, unknown> = {};
  const known = new Set<string>(TAG_KEYS);
  const idPair = findPair(map, 'id');
  const rawId = isScalar(idPair?.value) ? idPair.value.value : undefined;
  const tagId = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;

  for (const pair of map.items) {
    if (!isScalar(pair.key) || pair.key.value === null || typeof pair.key.value === 'object') {
      report.add('bad-key', 'error', 'Tag keys must be plain names such as "text" or "note".', rangeOf(pair.key as Node), tagId);
      continue;
    }
    const name = String(pair.key.value);
    const node = pair.value as Node | null;
    if (!known.has(name)) {
      const value = plainValue(document, node);
      if (value !== UNREADABLE) extra[name] = value;
      continue;
    }
    const key = name as TagKey;
    ranges[key] = rangeOf(node) ?? rangeOf(pair.key);
    if (isNull(node)) continue;
    present.add(key);
    if (isAlias(node)) continue;
    if (key === 'start' || key === 'end' || key === 'line') {
      const value = isScalar(node) ? node.value : undefined;
      if (typeof value !== 'number') {
        report.add('wrong-type', 'error', `"${key}" must be a whole number (an offset in the article).`, ranges[key], tagId);
      } else if (!Number.isInteger(value) || value < 0) {
        report.add('bad-value', 'error', `"${key}" must be a whole number, 0 or more; found ${value}.`, ranges[key], tagId);
      } else {
        values[key] = value;
      }
      continue;
    }
    const value = stringValue(node);
    if (value === undefined) {
      report.add('wrong-type', 'error', `"${key}" must be text.`, ranges[key], tagId);
      continue;
    }
    values[key] = value;
  }

  const tagRange = rangeOf(map.items[0]?.key as Node) ?? rangeOf(map);
  for (const key of REQUIRED_TAG_KEYS) {
    if (!present.has(key)) {
      report.add('missing-field', 'error', `This tag has no "${key}"${key === 'id' ? '; add a unique one such as "id: t-handmade1"' : ''}.`, ranges[key] ?? tagRange, tagId);
    }
  }
  for (const key of METADATA_TAG_KEYS) {
    if (!present.has(key)) {
      report.add('missing-metadata', 'info', `This tag has no "${key}".`, tagRange, tagId);
    }
  }

  const text = values.text as string | undefined;
  if (text === '') report.add('bad-value', 'error', '"text" must not be empty: it is the tagged text.', ranges.text, tagId);
  const kind = values.kind as string | undefined;
  if (kind !== undefined) {
    if (!isKindId(kind)) {
      report.add('bad-value', 'error', `"${kind}" is not a valid kind id (lower case letters, digits and dashes).`, ranges.kind, tagId);
    } else if (options.kinds && !options.kinds.has(kind)) {
      const known = options.kinds.ids().join(', ');
      report.add('unknown-kind', 'warning', `Unknown kind "${kind}"; the kinds in use are ${known}. The tag is kept and shown as "${kind}".`, ranges.kind, tagId);
    }
  }
  const id = values.id as string | undefined;
  if (id !== undefined && !TAG_ID_PATTERN.test(id)) {
    report.add('bad-value', 'error', `"${id}" is not a valid tag id: use letters, digits, "_", "." or "-", at most 64.`, ranges.id, tagId);
  }
  const status = values.status as string | undefined;
  if (status !== undefined && !(PERSISTED_STATUSES as readonly string[]).includes(status)) {
    report.add('bad-value', 'error', `"status" must be ${PERSISTED_STATUSES.join(', ')} or absent; found "${status}".`, ranges.status, tagId);
  }
  for (const key of ['created', 'updated'] as const) {
    const value = values[key] as string | undefined;
    if (value !== undefined && !TIMESTAMP_PATTERN.test(value)) {
      report.add('bad-timestamp', 'warning', `"${key}" should be an ISO 8601 UTC time such as 2026-11-22T03:12:39Z.`, ranges[key], tagId);
    }
  }
  const start = values.start as number | undefined;
  const end = values.end as number | undefined;
  if (start !== undefined && end !== undefined) {
    if (start > end) {
      report.add('bad-range', 'error', `"start" (${start}) is after "end" (${end}).`, ranges.start, tagId);
    } else if (text && (status ?? 'anchored') === 'anchored' && end - start !== text.length) {
      report.add('length-mismatch', 'warning', `"end" − "start" is ${end - start} but "text" is ${text.length} code units long; the tag will be found by its text.`, ranges.end, tagId);
    }
    if (options.articleLength !== undefined && end > options.articleLength) {
      report.add('offset-out-of-range', 'warning', `"end" (${end}) is past the end of the article (${options.articleLength}); the tag will be searched for by its text.`, ranges.end, tagId);
    }
  }

  if (countErrors(report.problems) > errorsBefore) return undefined;
  return {
    id: id!,
    kind: kind!,
    anchor: {
      exact: text!,
      prefix: (values.prefix as string | undefined) ?? '',
      suffix: (values.suffix as string | undefined) ?? '',
      start: start!,
      end: end!,
      line: (values.line as number | undefined) ?? 0,
    },
    ...(values.note === undefined ? {} : { note: values.note as string }),
    author: (values.author as string | undefined) ?? '',
    created: (values.created as string | undefined) ?? '',
    updated: (values.updated as string | undefined) ?? '',
    status: (status ?? 'anchored') as TagStatus,
    ...(Object.keys(extra).length === 0 ? {} : { extra }),
  };
}

/** YAML errors listed one by one; past this many, the rest are counted in one problem. */
const MAX_SYNTAX_PROBLEMS = 20;

/**
 * Parses with error objects made without stack traces: `yaml` makes one per error, and a
 * file of a few hundred thousand stray brackets would otherwise spend most of its parse,
 * and hundreds of megabytes, recording where in `yaml` each was found.
 */
function parseQuietly(text: string): Document {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseDocument(text, YAML_OPTIONS);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Keys that repeat an earlier key of the same mapping, in one pass over the document with a
 * set per mapping (`yaml`'s own check compares each key with every earlier one, which takes
 * minutes on a mapping of 80,000 keys). Keys are compared as `yaml` compares them: plain
 * values, so `1` and `"1"` differ.
 */
function duplicateKeys(document: Document): Scalar[] {
  const found: Scalar[] = [];
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          if (seen.has(pair.key.value)) found.push(pair.key);
          else seen.add(pair.key.value);
        } else if (pair.key) {
          pending.push(pair.key);
        }
        pending.push(pair.value);
      }
    } else if (isSeq(node)) {
      pending.push(...node.items);
    }
  }
  return found.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
}

/** Whether a sorted list of offsets has one in `[from, to]`. */
function hasOffsetIn(sorted: readonly number[], from: number, to: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < from) low = mid + 1;
    else high = mid;
  }
  return low < sorted.length && sorted[low] <= to;
}

const UNREADABLE = Symbol('unreadable');

/** Explicit tags a sidecar may carry: those of the YAML 1.2 core schema. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`));

/**
 * A field's value as plain data, or {@link UNREADABLE} when it holds an alias. Aliases are
 * already an error that makes the file read-only, so the tag is still shown, and its
 * unknown field, never written back, need not be reproduced.
 */
function plainValue(document: Document, node: Node | null): unknown {
  if (node === null) return null;
  if (isAlias(node)) return UNREADABLE;
  try {
    return node.toJS(document, { maxAliasCount: 0 });
  } catch {
    return UNREADABLE;
  }
}

/**
 * A scalar's text. Plain numbers and booleans count as the text they were written as, so a
 * hand-written `text: 2024` is the four characters "2024", not an error.
 */
function stringValue(node: Node | null): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return node.value;
  if ((typeof node.value === 'number' || typeof node.value === 'boolean') && typeof node.source === 'string' && !node.type?.startsWith('QUOTE')) {
    return node.source;
  }
  return undefined;
}

function countErrors(problems: readonly Problem[]): number {
  return problems.reduce((count, problem) => count + (problem.severity === 'error' ? 1 : 0), 0);
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key) as Pair | undefined;
}

function isNull(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function rangeOf(node: Node | Scalar | null | undefined): Range {
  const range = node?.range;
  return range ? [range[0], range[1]] : undefined;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

/** Start of the string node a missing closing quote ran on from. */
export function runawayStringStart(document: Document, errorOffset: number): number | undefined {
  let start: number | undefined;
  visit(document, {
    Scalar(_key, node) {
      const range = node.range;
      if (range && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && range[0] < errorOffset && errorOffset <= range[2]) {
        if (start === undefined || range[0] > start) start = range[0];
      }
    },
  });
  return start;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

function megabytes(length: number): string {
  return (length / (1024 * 1024)).toFixed(1);
}

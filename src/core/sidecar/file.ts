/**
 * One sidecar file held in memory: the parsed `yaml` Document, edited in place, and the tags
 * read from it. Only the file that changed is ever re-serialised, and a file nobody changed
 * serialises to exactly the text it was read from.
 */
import { Document, Pair, Scalar, YAMLSeq, isMap, isScalar, isSeq, visit, type YAMLMap } from 'yaml';
import { compareTags, type Tag } from '../tags';
import { SIDECAR_VERSION, TO_STRING_OPTIONS, YAML_OPTIONS } from './format';
import { readSidecar, type ParseSidecarOptions } from './parse';
import type { Problem } from './problem';
import { createTagNode, findPair, join, samePersisted, scalarFor, updateTagNode } from './serialise';

/** Thrown by edits to a sidecar that had errors when read; the file must be fixed by hand first. */
export class SidecarNotWritableError extends Error {
  readonly code = 'sidecar-not-writable';

  constructor(problems: readonly Problem[]) {
    const first = problems.find((problem) => problem.severity === 'error');
    super(
      first
        ? `The sidecar cannot be changed until its errors are fixed (line ${first.line + 1}: ${first.message})`
        : 'The sidecar cannot be changed until its errors are fixed.',
    );
    this.name = 'SidecarNotWritableError';
  }
}

export interface CreateSidecarOptions {
  /** The article's file name, written as `article`. */
  readonly article?: string;
  readonly tags?: readonly Tag[];
  /** Line ending of the new file; default `\n`. */
  readonly lineEnding?: '\n' | '\r\n';
}

interface Entry {
  tag: Tag;
  node: YAMLMap;
}

export class SidecarFile {
  /** Problems found when the file was read; empty for a file made by {@link SidecarFile.create}. */
  readonly problems: readonly Problem[];
  /** False when the file had errors: every edit then throws {@link SidecarNotWritableError}. */
  readonly writable: boolean;
  readonly lineEnding: '\n' | '\r\n';
  readonly bom: boolean;

  private readonly entries = new Map<string, Entry>();
  private readonly tagOfNode = new Map<YAMLMap, Tag>();
  private readonly parsedLines: ReadonlyMap<string, number>;
  /** What toString returns until the next edit: the text read, or the last serialisation. */
  private output: string | undefined;
  private edited = false;

  private constructor(
    private readonly document: Document | undefined,
    init: {
      tags: readonly Tag[];
      nodes: ReadonlyMap<string, YAMLMap>;
      lines: ReadonlyMap<string, number>;
      problems: readonly Problem[];
      writable: boolean;
      lineEnding: '\n' | '\r\n';
      bom: boolean;
      text: string | undefined;
    },
    private readonly defaultArticle: string | undefined,
  ) {
    this.problems = init.problems;
    this.writable = init.writable;
    this.lineEnding = init.lineEnding;
    this.bom = init.bom;
    this.output = init.text;
    this.parsedLines = init.lines;
    for (const tag of init.tags) {
      const node = init.nodes.get(tag.id)!;
      this.entries.set(tag.id, { tag, node });
      this.tagOfNode.set(node, tag);
    }
  }

  /**
   * Reads a sidecar. Never throws; look at {@link problems} and {@link writable}.
   *
   * @param text - The file's contents decoded as UTF-8
   */
  static parse(text: string, options: ParseSidecarOptions = {}): SidecarFile {
    const reading = readSidecar(text, options);
    return new SidecarFile(reading.document, { ...reading, text }, options.articleName);
  }

  /** A new sidecar holding `tags`, as {@link toString} will write it. */
  static create(options: CreateSidecarOptions = {}): SidecarFile {
    const document = new Document(null, YAML_OPTIONS);
    const file = new SidecarFile(
      document,
      { tags: [], nodes: new Map(), lines: new Map(), problems: [], writable: true, lineEnding: options.lineEnding ?? '\n', bom: false, text: undefined },
      options.article,
    );
    file.tagList();
    for (const tag of [...(options.tags ?? [])].sort(compareTags)) file.add(tag);
    return file;
  }

  /** The tags, sorted by position. */
  get tags(): Tag[] {
    return [...this.entries.values()].map((entry) => entry.tag).sort(compareTags);
  }

  get(id: string): Tag | undefined {
    return this.entries.get(id)?.tag;
  }

  /** The `article` field, if it is a string. */
  get article(): string | undefined {
    const root = this.document?.contents;
    if (!isMap(root)) return undefined;
    const value = findPair(root, 'article')?.value;
    return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
  }

  /** Whether anything was edited since the file was read or created. */
  get changed(): boolean {
    return this.edited;
  }

  /**
   * The 0-based line where a tag started in the text that was read (for diagnostics in the
   * sidecar itself); undefined for tags added since.
   */
  lineOf(id: string): number | undefined {
    return this.parsedLines.get(id);
  }

  /**
   * Adds a tag at its sorted place.
   *
   * @throws Error if the id is taken; {@link SidecarNotWritableError} if the file had errors
   */
  add(tag: Tag): void {
    this.assertWritable();
    if (this.entries.has(tag.id)) throw new Error(`A tag with id ${tag.id} already exists in this sidecar.`);
    const node = createTagNode(this.document!, tag);
    this.entries.set(tag.id, { tag, node });
    this.place(node, tag);
    this.touch();
  }

  /**
   * Rewrites a tag in place: only values that changed are replaced, and the node moves only
   * if its position in the sort order changed. Writing an unchanged tag changes nothing.
   *
   * @throws Error if no tag has this id; {@link SidecarNotWritableError} if the file had errors
   */
  update(tag: Tag): void {
    this.assertWritable();
    const entry = this.entries.get(tag.id);
    if (!entry) throw new Error(`No tag with id ${tag.id} in this sidecar.`);
    const next = withMergedExtra(entry.tag, tag);
    if (samePersisted(entry.tag, next)) {
      this.remember(entry, next);
      return;
    }
    updateTagNode(this.document!, entry.node, tag);
    this.remember(entry, next);
    this.place(entry.node, next);
    this.touch();
  }

  /**
   * Removes a tag. Comments written above it are kept, moved onto the next tag.
   *
   * @throws Error if no tag has this id; {@link SidecarNotWritableError} if the file had errors
   */
  remove(id: string): void {
    this.assertWritable();
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`No tag with id ${id} in this sidecar.`);
    const seq = this.tagList();
    const at = seq.items.indexOf(entry.node);
    seq.items.splice(at, 1);
    if (entry.node.commentBefore) {
      const next = seq.items[at] as YAMLMap | undefined;
      if (next) {
        next.commentBefore = join(entry.node.commentBefore, next.commentBefore);
        if (entry.node.spaceBefore) next.spaceBefore = true;
      } else if (at === 0) {
        seq.commentBefore = join(seq.commentBefore, entry.node.commentBefore);
      } else {
        seq.comment = join(entry.node.commentBefore, seq.comment);
      }
    }
    this.entries.delete(id);
    this.tagOfNode.delete(entry.node);
    this.touch();
  }

  /**
   * Makes the file hold exactly `tags` (the model's current state, or a previous one for
   * undo): removes tags not in it, adds new ones, updates changed ones in place.
   *
   * @returns whether anything changed
   * @throws {@link SidecarNotWritableError} if the file had errors and anything would change
   */
  setTags(tags: readonly Tag[]): boolean {
    const wanted = new Map(tags.map((tag) => [tag.id, tag]));
    const removed = [...this.entries.keys()].filter((id) => !wanted.has(id));
    const differs = (tag: Tag): boolean => {
      const entry = this.entries.get(tag.id);
      return !entry || !samePersisted(entry.tag, withMergedExtra(entry.tag, tag));
    };
    if (removed.length === 0 && !tags.some(differs)) {
      for (const tag of tags) {
        const entry = this.entries.get(tag.id)!;
        this.remember(entry, withMergedExtra(entry.tag, tag));
      }
      return false;
    }
    this.assertWritable();
    for (const id of removed) this.remove(id);
    for (const tag of tags) {
      if (this.entries.has(tag.id)) this.update(tag);
      else this.add(tag);
    }
    return true;
  }

  /**
   * Sets the `article` field, e.g. after the article was renamed.
   *
   * @throws {@link SidecarNotWritableError} if the file had errors
   */
  setArticle(name: string): void {
    this.assertWritable();
    if (this.article === name) return;
    const root = this.root();
    const pair = findPair(root, 'article');
    if (pair) pair.value = Object.assign(scalarFor('article', name), { comment: (pair.value as Scalar | null)?.comment });
    else root.items.splice(findPair(root, 'version') ? 1 : 0, 0, new Pair(new Scalar('article'), new Scalar(name)));
    this.touch();
  }

  /**
   * The file's text: byte for byte what was read if nothing changed; otherwise the edited
   * document with the file's own line ending and byte order mark.
   */
  toString(): string {
    if (this.output !== undefined) return this.output;
    cleanComments(this.document!);
    let text = this.document!.toString(TO_STRING_OPTIONS);
    if (this.lineEnding === '\r\n') text = text.replace(/\n/g, '\r\n');
    if (this.bom) text = `\ufeff${text}`;
    this.output = text;
    return text;
  }

  private assertWritable(): void {
    if (!this.writable || !this.document) throw new SidecarNotWritableError(this.problems);
  }

  private touch(): void {
    this.edited = true;
    this.output = undefined;
  }

  private remember(entry: Entry, tag: Tag): void {
    this.tagOfNode.set(entry.node, tag);
    entry.tag = tag;
  }

  /** The root mapping, made if the file was empty. */
  private root(): YAMLMap {
    const document = this.document!;
    if (!isMap(document.contents)) {
      const root = document.createNode({ version: SIDECAR_VERSION }) as YAMLMap;
      if (this.defaultArticle !== undefined) root.items.push(new Pair(new Scalar('article'), new Scalar(this.defaultArticle)));
      document.contents = root;
    }
    return document.contents as YAMLMap;
  }

  /** The `tags` sequence in block style, made if absent. */
  private tagList(): YAMLSeq {
    const root = this.root();
    const pair = findPair(root, 'tags');
    if (pair && isSeq(pair.value)) {
      pair.value.flow = false;
      return pair.value;
    }
    const seq = new YAMLSeq(this.document!.schema);
    if (pair) pair.value = seq;
    else root.items.push(new Pair(new Scalar('tags'), seq));
    return seq;
  }

  /**
   * Puts a tag's node at its sorted place, leaving it where it is if that is already right
   * (so editing a note never moves a block in the diff).
   */
  private place(node: YAMLMap, tag: Tag): void {
    this.tagOfNode.set(node, tag);
    const items = this.tagList().items as YAMLMap[];
    const at = items.indexOf(node);
    if (at >= 0) {
      const previous = items[at - 1];
      const next = items[at + 1];
      const afterPrevious = !previous || compareTags(this.tagOfNode.get(previous)!, tag) <= 0;
      const beforeNext = !next || compareTags(tag, this.tagOfNode.get(next)!) <= 0;
      if (afterPrevious && beforeNext) return;
      items.splice(at, 1);
    }
    const last = items[items.length - 1];
    if (!last || compareTags(this.tagOfNode.get(last)!, tag) <= 0) {
      items.push(node);
      return;
    }
    let target = items.findIndex((other) => compareTags(tag, this.tagOfNode.get(other)!) < 0);
    if (target < 0) target = items.length;
    items.splice(target, 0, node);
  }
}

/**
 * `next` with the unknown fields the file will hold after writing it: those of `previous`,
 * overridden by those `next` names (an `undefined` value removes one).
 */
function withMergedExtra(previous: Tag, next: Tag): Tag {
  const merged: Record<string, unknown> = { ...previous.extra };
  for (const [key, value] of Object.entries(next.extra ?? {})) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  const { extra: _extra, ...rest } = next;
  return Object.keys(merged).length === 0 ? rest : { ...rest, extra: merged };
}

/**
 * Characters JavaScript's multi-line regular expressions take for line breaks but `yaml`
 * keeps inside a comment. `yaml` prefixes each comment line with `#` using such an
 * expression, so a comment holding U+2028 would be written with its `#` after that
 * character, glued to the value before it: a hand comment `kind: claim #\u2028 checked`
 * would read back as the kind "claim \u2028# checked". They are written as spaces instead.
 * (A lone carriage return never gets this far: such a file is not rewritten at all.)
 */
const COMMENT_BREAKS = /[\u0085\u2028\u2029]/g;

function cleanComments(document: Document): void {
  const clean = (holder: { comment?: string | null; commentBefore?: string | null }): void => {
    if (holder.comment) holder.comment = holder.comment.replace(COMMENT_BREAKS, ' ');
    if (holder.commentBefore) holder.commentBefore = holder.commentBefore.replace(COMMENT_BREAKS, ' ');
  };
  clean(document);
  visit(document, (_key, node) => {
    if (node && typeof node === 'object') clean(node as { comment?: string | null; commentBefore?: string | null });
  });
}

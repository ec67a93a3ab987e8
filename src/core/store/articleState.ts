/**
 * One article's tags and its sidecar on disk, as a state with named transitions. The editor
 * adapter (src/vscode/sidecarStore.ts) does the file and editor work and reports what it
 * found here; every decision about what to show, what to write and when a file must be
 * left alone is taken in this file, in plain TypeScript, so each guarantee has one place:
 *
 * - a sidecar that could not be read fully is never written ({@link ArticleState.planWrite}
 *   refuses while the phase is `read-only`);
 * - tag changes not yet on disk are never dropped: a sidecar read while they are pending is
 *   merged with them by tag id, or, if it cannot be read, leaves them pending until it can
 *   ({@link ArticleState.reload});
 * - a write replaces only the text it was planned from: the adapter compares the file with
 *   {@link WritePlan.expected} just before replacing it, and reloads (merging) when another
 *   writer got there first.
 */
import type { TextChange } from '../anchor';
import type { KindRegistry } from '../kinds';
import { mergeTags } from '../merge';
import { SidecarFile, type Problem } from '../sidecar';
import { applyTextChange, reanchorOrphans, reanchorTags, refreshAnchors, type Tag } from '../tags';

/** What reading the sidecar gave. Text is decoded strictly, with a leading BOM kept as U+FEFF. */
export type SidecarRead =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'absent' }
  /** It exists but could not be read: no permission, a folder of that name, not UTF-8. */
  | { readonly kind: 'unreadable'; readonly reason: string };

/** What the adapter found for the article: the open document's text, else the file's. */
export type ArticleRead =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'missing' }
  /** The file exists but is not UTF-8 text; tags keep their stored offsets. */
  | { readonly kind: 'unreadable'; readonly reason: string };

/**
 * Why the sidecar is read-only. Nothing is written while one holds; tag changes are
 * refused, except that changes made before it began are kept (see {@link SidecarPhase}).
 *
 * - `errors`: the file has errors (its problems say which) and holds something this code
 *   cannot reproduce;
 * - `unreadable`: the file exists but could not be read, or reading it failed;
 * - `conflict`: the article was renamed onto a place where another sidecar already is.
 */
export interface ReadOnlyReason {
  readonly code: 'errors' | 'unreadable' | 'conflict';
  /** A sentence for people: what is wrong and what to do. */
  readonly message: string;
}

/**
 * Where the tags stand against the sidecar on disk. One of, in this order of precedence:
 *
 * - `loading`: the sidecar has not been read yet;
 * - `read-only`: see {@link ReadOnlyReason}. `pending` says whether tag changes made before
 *   the file became unreadable are held in memory; they are merged in by id once it reads
 *   again, and can be saved aside meanwhile ({@link ArticleState.unsavedCopy});
 * - `writing`: a write planned by {@link ArticleState.planWrite} is under way;
 * - `pending`: the last write failed (`error` says why); the changes stay in memory and go
 *   out with the next write;
 * - `dirty`: memory holds changes the file does not: made by a person (written after a short
 *   delay) or offsets moved by editing the article (written when the article is saved);
 * - `clean`: the file holds exactly the tags in memory.
 *
 * Transitions: `loading` → {@link ArticleState.load} → `clean` | `read-only`;
 * `clean` → {@link ArticleState.change} / {@link ArticleState.undo} → `dirty` (person);
 * `clean` → {@link ArticleState.edit} → `dirty` (editor);
 * `dirty` | `pending` → {@link ArticleState.planWrite} → `writing`
 *   → {@link ArticleState.written} → `clean` (or `dirty` if changed meanwhile)
 *   | {@link ArticleState.writeFailed} → `pending`;
 * any → {@link ArticleState.reload} → `clean` | `dirty` (merged) | `read-only`.
 *
 * Whether the article itself exists is a separate matter ({@link ArticleState.article}): a
 * sidecar whose article is missing keeps its tags as stored and can still be edited.
 */
export type SidecarPhase =
  | { readonly name: 'loading' }
  | { readonly name: 'read-only'; readonly reason: ReadOnlyReason; readonly pending: boolean }
  | { readonly name: 'writing' }
  | { readonly name: 'pending'; readonly error: string }
  | { readonly name: 'dirty'; readonly by: 'person' | 'editor' }
  | { readonly name: 'clean' };

export type ArticlePresence = 'present' | 'missing' | 'unreadable';

/** A write the adapter is to carry out: replace the sidecar holding `expected` by `output`. */
export interface WritePlan {
  readonly output: string;
  /** The sidecar's text this write was planned from; undefined when there was no file. */
  readonly expected: string | undefined;
  readonly tags: readonly Tag[];
  /** The change count when planned: changes made while writing keep the state dirty. */
  readonly revision: number;
  readonly file: SidecarFile;
}

/** What a reload did, for the adapter to log and tell. */
export type ReloadOutcome =
  | { readonly kind: 'unchanged' }
  /** The file's tags were taken as they are. */
  | { readonly kind: 'taken' }
  /** Pending changes were merged with the file's tags by id; `conflicts` lists tags both changed. */
  | { readonly kind: 'merged'; readonly conflicts: readonly string[] }
  /** The file became unreadable while changes were pending: they are kept, not written. */
  | { readonly kind: 'blocked' };

export type ChangeOutcome = { readonly kind: 'changed' } | { readonly kind: 'unchanged' } | { readonly kind: 'refused'; readonly reason: ReadOnlyReason };

export interface ArticleStateOptions {
  /** The article's file name, recorded as `article` in a new sidecar. */
  readonly articleName: string;
  /** False for an untitled document or an article with no place for a sidecar: tags live in memory only. */
  readonly hasSidecar: boolean;
  /** The kinds in effect for this article (for the unknown-kind warning). */
  readonly kinds?: () => KindRegistry;
}

type Disk = { readonly kind: 'absent' } | { readonly kind: 'file'; readonly text: string; readonly file: SidecarFile } | { readonly kind: 'unreadable'; readonly problem: Problem };

/** Previous tag lists kept for undo. */
const UNDO_LIMIT = 100;

/**
 * A change at least this long (a paste, a replace-all, the article reloaded from disk while
 * open) may have brought back the text of orphaned tags: they are looked for again.
 */
const BULK_CHANGE = 64;

export class ArticleState {
  private loaded = false;
  private disk: Disk = { kind: 'absent' };
  /** Tags of the last sidecar that read without errors: the base of every merge. */
  private base: readonly Tag[] = [];
  private current: readonly Tag[] = [];
  private articleText: string | undefined;
  private presence: ArticlePresence = 'present';
  /** What memory holds that the file does not. */
  private unsaved: 'none' | 'person' | 'editor' = 'none';
  private revision = 0;
  private inFlight: WritePlan | undefined;
  private failure: string | undefined;
  private conflict: string | undefined;
  private readonly undoStack: Array<readonly Tag[]> = [];
  private name: string;
  private placed: boolean;

  constructor(private readonly options: ArticleStateOptions) {
    this.name = options.articleName;
    this.placed = options.hasSidecar;
  }

  get phase(): SidecarPhase {
    if (!this.loaded) return { name: 'loading' };
    const reason = this.readOnlyReason();
    if (reason) return { name: 'read-only', reason, pending: this.unsaved === 'person' };
    if (this.inFlight) return { name: 'writing' };
    if (this.failure !== undefined && this.unsaved !== 'none') return { name: 'pending', error: this.failure };
    if (this.unsaved !== 'none') return { name: 'dirty', by: this.unsaved };
    return { name: 'clean' };
  }

  /** The tags as shown: those in memory (pending changes included), sorted by position. */
  get tags(): readonly Tag[] {
    return this.current;
  }

  /** Problems of the sidecar as last read. */
  get problems(): readonly Problem[] {
    if (this.disk.kind === 'file') return this.disk.file.problems;
    if (this.disk.kind === 'unreadable') return [this.disk.problem];
    return [];
  }

  /** Whether tag changes are accepted (the sidecar is not read-only). */
  get writable(): boolean {
    return this.readOnlyReason() === undefined;
  }

  get article(): ArticlePresence {
    return this.presence;
  }

  /** The article text the tag offsets refer to, while it is known. */
  get text(): string | undefined {
    return this.articleText;
  }

  /** Whether changes made by a person are in memory and not yet in the file. */
  get pending(): boolean {
    return this.unsaved === 'person';
  }

  /** Why changes are not on disk: the last write's failure, or the read-only file holding them back. */
  get writeError(): string | undefined {
    const phase = this.phase;
    if (phase.name === 'pending') return phase.error;
    if (phase.name === 'read-only' && phase.pending) {
      return `the sidecar cannot be read (${phase.reason.message}); the tag changes made here are kept in this window and merged into it by tag id once it reads again`;
    }
    return undefined;
  }

  get hasSidecar(): boolean {
    return this.placed;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  /** The 0-based line where a tag starts in the sidecar as last read or written. */
  lineOf(tagId: string): number | undefined {
    return this.disk.kind === 'file' ? this.disk.file.lineOf(tagId) : undefined;
  }

  /** The first reading: the sidecar and the article as they are now. */
  load(sidecar: SidecarRead, article: ArticleRead): void {
    this.takeArticle(article);
    this.loaded = true;
    this.takeDisk(sidecar);
  }

  /**
   * The sidecar (and perhaps the article) changed on disk, or a write found that it had.
   * Pending changes are merged with what the file holds now by tag id; if the file cannot be
   * read, they are kept in memory and the sidecar becomes read-only until it reads again.
   */
  reload(sidecar: SidecarRead, article: ArticleRead): ReloadOutcome {
    const articleChanged = article.kind === 'text' ? article.text !== this.articleText : article.kind !== this.presence;
    if (this.loaded && !articleChanged && sameAsDisk(sidecar, this.disk)) return { kind: 'unchanged' };
    this.takeArticle(article);
    if (!this.loaded || !sameAsDisk(sidecar, this.disk)) {
      this.loaded = true;
      return this.takeDisk(sidecar);
    }
    this.current = this.place(this.current);
    return { kind: 'taken' };
  }

  /**
   * The sidecar location changed: the tags now live at another place (or nowhere). Changes
   * not yet written are kept and merged with whatever the new place holds, as new tags.
   */
  relocate(hasSidecar: boolean, sidecar: SidecarRead, article: ArticleRead): ReloadOutcome {
    this.placed = hasSidecar;
    this.conflict = undefined;
    this.failure = undefined;
    if (this.unsaved === 'person') this.base = [];
    this.disk = { kind: 'absent' };
    this.takeArticle(article);
    this.loaded = true;
    return this.takeDisk(sidecar);
  }

  /**
   * A person's change. `change` gets the tags and the article text they refer to and returns
   * the new list; the previous list goes on the undo stack.
   */
  change(change: (tags: readonly Tag[], text: string) => readonly Tag[], text: string): ChangeOutcome {
    const refused = this.readOnlyReason();
    if (refused) return { kind: 'refused', reason: refused };
    this.articleText = text;
    const before = this.current;
    const after = change(before, text);
    if (after === before || sameTags(after, before)) return { kind: 'unchanged' };
    this.undoStack.push(before);
    if (this.undoStack.length > UNDO_LIMIT) this.undoStack.shift();
    this.setByPerson(after);
    return { kind: 'changed' };
  }

  /** Restores the tags as they were before the last change. */
  undo(): ChangeOutcome {
    const refused = this.readOnlyReason();
    if (refused) return { kind: 'refused', reason: refused };
    const previous = this.undoStack.pop();
    if (!previous) return { kind: 'unchanged' };
    this.setByPerson(previous);
    return { kind: 'changed' };
  }

  /**
   * Edits made in the editor, in the order applied. Offsets follow by arithmetic; a long
   * change may bring orphans back. `documentText` is asked for only when the arithmetic is
   * out of step with the document (`documentLength` differs), e.g. an edit that arrived while
   * the tags were loading; the tags are then found again in the document's text.
   *
   * @returns whether any tag moved
   */
  edit(changes: readonly TextChange[], documentLength: number, documentText: () => string): boolean {
    if (this.articleText === undefined || changes.length === 0) return false;
    if (this.current.length === 0) {
      // Nothing to move: forget the text rather than copy it on every keystroke; the first
      // tag takes the document's text afresh.
      this.articleText = undefined;
      return false;
    }
    let text = this.articleText;
    let tags = this.current;
    for (const change of changes) {
      text = text.slice(0, change.rangeOffset) + change.text + text.slice(change.rangeOffset + change.rangeLength);
      tags = applyTextChange(tags, change, text);
      if (change.rangeLength >= BULK_CHANGE || change.text.length >= BULK_CHANGE) tags = reanchorOrphans(tags, text);
    }
    if (text.length !== documentLength) {
      text = documentText();
      tags = reanchorTags(this.current, text);
    }
    this.articleText = text;
    if (sameTags(tags, this.current)) return false;
    this.current = tags;
    this.revision++;
    if (this.unsaved === 'none') this.unsaved = 'editor';
    return true;
  }

  /** The article was opened in an editor: the tags are found in its text. @returns whether any moved */
  opened(text: string): boolean {
    if (this.current.length === 0 || this.articleText === text) {
      this.articleText = text;
      return false;
    }
    const before = this.current;
    this.current = reanchorTags(before, text);
    this.articleText = text;
    return !sameTags(before, this.current);
  }

  /**
   * The article was closed with edits thrown away: offsets that followed those edits are
   * wrong now. The tags are found again in the article as it is on disk.
   */
  closedWithoutSaving(article: ArticleRead): void {
    if (this.unsaved === 'none') return;
    if (this.unsaved === 'editor') {
      // Only offsets moved: the file's tags are the tags; take them afresh.
      this.current = this.base;
      this.unsaved = 'none';
    }
    this.takeArticle(article);
    this.current = this.place(this.current);
  }

  /** The article was saved: offsets that moved with edits are due to be written. */
  articleSaved(): boolean {
    return this.unsaved !== 'none';
  }

  /** The article was deleted; its sidecar and tags are kept as they are. */
  articleDeleted(): void {
    this.presence = 'missing';
  }

  /**
   * The article was renamed. `sidecar` says what became of its sidecar: moved along (or there
   * was none), or left behind because another one was at the new place (then read-only).
   */
  renamed(articleName: string, hasSidecar: boolean, sidecar: 'moved' | 'conflict', message?: string): void {
    this.name = articleName;
    this.placed = hasSidecar;
    this.presence = 'present';
    if (sidecar === 'conflict') {
      this.conflict = message ?? 'another sidecar is already at the new place; merge the two by hand';
      return;
    }
    // The sidecar names its article: say the new name, keeping everything else as it was.
    if (this.disk.kind === 'file' && this.disk.file.writable && this.disk.file.article !== undefined && this.disk.file.article !== articleName) {
      this.disk.file.setArticle(articleName);
      this.unsaved = 'person';
      this.revision++;
    }
  }

  /**
   * The write due now, if any: the tags with context and lines taken from the article, put
   * into the sidecar as read (comments and layout kept) or a new one. Undefined when nothing
   * is to be written: no changes, read-only, no place, or the file already says exactly this.
   */
  planWrite(article: ArticleRead): WritePlan | undefined {
    if (!this.loaded || !this.placed || this.inFlight || this.unsaved === 'none' || this.readOnlyReason()) return undefined;
    const tags = article.kind === 'text' ? refreshAnchors(this.current, article.text) : [...this.current];
    let file: SidecarFile;
    if (this.disk.kind === 'file') {
      file = this.disk.file;
    } else if (tags.length === 0) {
      this.settle();
      return undefined;
    } else {
      const crlf = article.kind === 'text' && article.text.includes('\r\n');
      file = SidecarFile.create({ article: this.name, lineEnding: crlf ? '\r\n' : '\n' });
    }
    file.setTags(tags);
    const output = file.toString();
    this.current = tags;
    if (this.disk.kind === 'file' && output === this.disk.text) {
      this.settle();
      return undefined;
    }
    this.inFlight = { output, expected: this.disk.kind === 'file' ? this.disk.text : undefined, tags, revision: this.revision, file };
    return this.inFlight;
  }

  /** The planned write replaced the file. */
  written(plan: WritePlan): void {
    if (plan !== this.inFlight) return;
    this.inFlight = undefined;
    // Problems found in the text that was read may be gone (offsets, context fixed); read
    // the new text again only if there were any.
    const file = plan.file.problems.length > 0 ? SidecarFile.parse(plan.output, this.parseOptions()) : plan.file;
    this.disk = { kind: 'file', text: plan.output, file };
    this.base = plan.tags;
    this.failure = undefined;
    if (plan.revision === this.revision) this.unsaved = 'none';
  }

  /** The planned write failed; the changes stay in memory for the next one. */
  writeFailed(plan: WritePlan, reason: string): void {
    if (plan !== this.inFlight) return;
    this.inFlight = undefined;
    this.failure = reason;
  }

  /**
   * The planned write was not carried out: the file on disk was found to differ from what
   * it was planned from (the adapter reloads it next, merging).
   */
  abandon(plan: WritePlan): void {
    if (plan === this.inFlight) this.inFlight = undefined;
  }

  /**
   * The tags in memory as a sidecar file of their own, to save aside while the real one
   * cannot be written; undefined when nothing is pending.
   */
  unsavedCopy(): string | undefined {
    if (this.unsaved === 'none') return undefined;
    return SidecarFile.create({ article: this.name, tags: this.current }).toString();
  }

  private readOnlyReason(): ReadOnlyReason | undefined {
    if (this.conflict !== undefined) return { code: 'conflict', message: this.conflict };
    if (this.disk.kind === 'unreadable') return { code: 'unreadable', message: this.disk.problem.message };
    if (this.disk.kind === 'file' && !this.disk.file.writable) {
      const first = this.disk.file.problems.find((problem) => problem.severity === 'error');
      return { code: 'errors', message: first ? `line ${first.line + 1}: ${first.message}` : 'the file has errors' };
    }
    return undefined;
  }

  private setByPerson(tags: readonly Tag[]): void {
    this.current = tags;
    this.unsaved = 'person';
    this.revision++;
  }

  private settle(): void {
    this.unsaved = 'none';
    this.failure = undefined;
  }

  private takeArticle(article: ArticleRead): void {
    this.presence = article.kind === 'text' ? 'present' : article.kind;
    this.articleText = article.kind === 'text' ? article.text : undefined;
  }

  /** Tags placed in the article as known now: found again in its text, or as stored when it is not there. */
  private place(tags: readonly Tag[]): Tag[] {
    return this.articleText === undefined ? [...tags] : reanchorTags(tags, this.articleText);
  }

  private parseOptions(): { kinds?: KindRegistry; articleName: string; articleLength?: number } {
    return { kinds: this.options.kinds?.(), articleName: this.name, articleLength: this.articleText?.length };
  }

  /** Takes what is on disk, merging with pending changes, or holding them if it cannot be read. */
  private takeDisk(sidecar: SidecarRead): ReloadOutcome {
    const disk = this.readDisk(sidecar);
    this.disk = disk;
    this.conflict = undefined;
    const readable = disk.kind === 'absent' || (disk.kind === 'file' && disk.file.writable);
    if (!readable) {
      if (this.unsaved === 'person') return { kind: 'blocked' };
      // Nothing pending: show what reads cleanly, for people to see what is there.
      this.current = this.place(disk.kind === 'file' ? disk.file.tags : []);
      this.unsaved = 'none';
      return { kind: 'taken' };
    }
    const theirs = disk.kind === 'file' ? disk.file.tags : [];
    this.failure = undefined;
    if (this.unsaved === 'person') {
      const merged = mergeTags(this.base, this.current, theirs);
      this.base = theirs;
      this.current = this.place(merged.tags);
      return { kind: 'merged', conflicts: merged.conflicts };
    }
    this.base = theirs;
    this.current = this.place(theirs);
    if (this.unsaved === 'editor' && this.articleText === undefined) this.unsaved = 'none';
    return { kind: 'taken' };
  }

  private readDisk(sidecar: SidecarRead): Disk {
    if (sidecar.kind === 'absent') return { kind: 'absent' };
    if (sidecar.kind === 'unreadable') {
      return { kind: 'unreadable', problem: { code: 'unreadable', message: `This sidecar could not be read (${sidecar.reason}); News Annotator leaves it alone.`, severity: 'error', line: 0, column: 0 } };
    }
    return { kind: 'file', text: sidecar.text, file: SidecarFile.parse(sidecar.text, this.parseOptions()) };
  }
}

function sameAsDisk(sidecar: SidecarRead, disk: Disk): boolean {
  if (sidecar.kind === 'absent') return disk.kind === 'absent';
  if (sidecar.kind === 'text') return disk.kind === 'file' && disk.text === sidecar.text;
  return false;
}

function sameTags(a: readonly Tag[], b: readonly Tag[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}

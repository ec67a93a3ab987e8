import * as vscode from 'vscode';
import type { KindRegistry } from '../core/kinds';
import type { Problem } from '../core/sidecar';
import { SIDECAR_SUFFIX, articlePathFor, baseName, isSidecarPath, sidecarPathFor } from '../core/sidecarPath';
import { ArticleState, type ArticlePresence, type ReloadOutcome, type SidecarPhase, type WritePlan } from '../core/store/articleState';
import { reanchorTags, type Tag } from '../core/tags';
import { moveSidecar } from '../core/store/moveSidecars';
import { ClosedUntitled } from '../core/store/untitled';
import { ArticleEntry } from '../core/store/articleEntry';
import { errorMessage as message, readArticle, replaceFile, unsavedCopyPath, type StoreFiles } from '../core/store/sidecarIo';
import { encodeUtf8 } from '../core/utf8';
import { Settings } from '../ids';
import { Disposable } from './disposable';
import { outsideWorkspace } from './insideWorkspace';
import { moveFiles } from './sidecarMove';
import { isServed, readSidecarLocation } from './settings';

/** What the rest of the extension sees of one article's tags. */
export interface ArticleTags {
  readonly article: vscode.Uri;
  /** Undefined for an untitled document, or an article with no place for a sidecar under the settings. */
  readonly sidecar: vscode.Uri | undefined;
  readonly tags: readonly Tag[];
  /** Problems of the sidecar as read from disk. */
  readonly problems: readonly Problem[];
  /** False while the sidecar on disk cannot be read fully: it is never overwritten then. */
  readonly writable: boolean;
  /** The sidecar exists but its article does not. */
  readonly articleMissing: boolean;
  /** Why changes are not on disk (a failed write, or a sidecar that became unreadable); they are kept in memory. */
  readonly writeError: string | undefined;
  /** Where the tags stand against the sidecar on disk (see src/core/store/articleState.ts). */
  readonly phase: SidecarPhase;
  /** Line of each tag in the sidecar as last read or written, for diagnostics. */
  lineOf(tagId: string): number | undefined;
}

export type ChangeReason = 'load' | 'edit' | 'tag' | 'undo' | 'reload' | 'rename' | 'delete' | 'write';

export interface StoreChange {
  readonly article: vscode.Uri;
  readonly reason: ChangeReason;
}

/** A user-facing refusal: the message says what to do. */
export class TagStoreError extends Error {}

/** Tags are written this long after the last change to them, so a burst of edits is one write. */
const WRITE_DELAY_MS = 250;
/**
 * How long the old place of a file being renamed is taken to be the rename's, from VS Code
 * saying it will rename until it says it did (a rename that never completes stops counting
 * then), and after it did: the file watcher reports the sidecars that left with it later.
 */
const RENAME_PENDING_MS = 10_000;
const RENAME_SETTLE_MS = 2_000;

/** An article's entry: the core entry plus what only the editor side knows. */
class Entry extends ArticleEntry<vscode.Uri> implements ArticleTags {
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The user has been told about the current write failure / blocked changes. */
  told = false;

  get tags(): readonly Tag[] {
    return this.state.tags;
  }

  get problems(): readonly Problem[] {
    return this.state.problems;
  }

  get writable(): boolean {
    return this.state.writable;
  }

  get articleMissing(): boolean {
    return this.state.article === 'missing' && this.article.scheme !== 'untitled';
  }

  get writeError(): string | undefined {
    return this.state.writeError;
  }

  get phase(): SidecarPhase {
    return this.state.phase;
  }

  lineOf(tagId: string): number | undefined {
    return this.state.lineOf(tagId);
  }
}

/**
 * Keeps every article's tags: reads sidecars, follows edits in the editor, writes changes
 * back, and reloads when a sidecar changes on disk. The decisions live in
 * {@link ArticleState}; this class does the reading and writing, through the file system it
 * is given (`vscode.workspace.fs`, so it works in remote workspaces), and listens to the
 * editor.
 */
export class SidecarStore extends Disposable {
  private readonly entries = new Map<string, Entry>();
  /** The old places of renames under way or just done (see `renamingFrom`). */
  private renaming: Array<{ from: vscode.Uri; until: number }> = [];
  private readonly changed = this.register(new vscode.EventEmitter<StoreChange>());
  private readonly wrote = this.register(new vscode.EventEmitter<{ article: vscode.Uri; sidecar: vscode.Uri }>());
  /** Untitled documents with tags that were just closed, in case they were saved under a name. */
  private readonly closedUntitled = new ClosedUntitled();

  readonly onDidChange = this.changed.event;
  /** Fires after a sidecar was written to disk. */
  readonly onDidWrite = this.wrote.event;
  /** The file system given, with the open documents' text standing in for their files. */
  private readonly files: StoreFiles<vscode.Uri>;

  constructor(
    private readonly fs: vscode.FileSystem,
    private readonly kinds: (article: vscode.Uri) => KindRegistry,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.files = {
      readFile: (uri) => Promise.resolve(fs.readFile(uri)),
      openText: (uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.getText(),
      isUntitled: (uri) => uri.scheme === 'untitled',
    };
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(`**/*${SIDECAR_SUFFIX}`));
    this.register(watcher.onDidChange((uri) => void this.sidecarChangedOnDisk(uri)));
    this.register(watcher.onDidCreate((uri) => void this.sidecarChangedOnDisk(uri)));
    this.register(watcher.onDidDelete((uri) => void this.sidecarChangedOnDisk(uri)));
    this.register(vscode.workspace.onDidOpenTextDocument((document) => void this.documentOpened(document)));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.documentChanged(event)));
    this.register(vscode.workspace.onDidSaveTextDocument((document) => this.documentSaved(document)));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.documentClosed(document)));
    this.register(vscode.workspace.onWillRenameFiles((event) => this.filesRenaming(event)));
    this.register(vscode.workspace.onDidRenameFiles((event) => void this.filesRenamed(event)));
    this.register(vscode.workspace.onDidDeleteFiles((event) => this.filesDeleted(event)));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${Settings.section}.sidecar`)) void this.locationChanged();
      }),
    );
    this.register({ dispose: () => this.entries.forEach((entry) => clearTimeout(entry.timer)) });
    for (const document of vscode.workspace.textDocuments) void this.documentOpened(document);
  }

  /** Every article the store knows, loaded or not yet. */
  all(): ArticleTags[] {
    return [...this.entries.values()];
  }

  /** The article's tags as known now, without waiting for a load. */
  peek(article: vscode.Uri): ArticleTags | undefined {
    return this.entries.get(article.toString());
  }

  /** The article's tags, loading its sidecar first if needed. */
  async get(article: vscode.Uri): Promise<ArticleTags> {
    return this.ensure(article);
  }

  /** The sidecar URI for an article under the current settings. */
  sidecarFor(article: vscode.Uri): vscode.Uri | undefined {
    if (article.scheme === 'untitled') return undefined;
    const location = readSidecarLocation(article);
    const path = sidecarPathFor(article.path, location);
    return path === undefined ? undefined : article.with({ path });
  }

  /** The article a sidecar belongs to, or undefined if the URI is not a sidecar. */
  articleFor(sidecar: vscode.Uri): vscode.Uri | undefined {
    const path = articlePathFor(sidecar.path, readSidecarLocation(sidecar));
    return path === undefined ? undefined : sidecar.with({ path });
  }

  /** Loads the sidecar at `sidecar` (found by a workspace search), if it belongs to an article. */
  async loadSidecar(sidecar: vscode.Uri): Promise<ArticleTags | undefined> {
    const article = this.articleFor(sidecar);
    return article ? this.ensure(article) : undefined;
  }

  /**
   * Changes an article's tags. `change` gets the current tags and the article text they refer
   * to and returns the new list; the previous list goes on the undo stack and the sidecar is
   * written shortly after.
   *
   * @throws TagStoreError when the sidecar cannot be read fully and must not be overwritten
   */
  async update(article: vscode.Uri, change: (tags: readonly Tag[], text: string) => Tag[]): Promise<readonly Tag[]> {
    if (article.scheme !== 'untitled' && this.fs.isWritableFileSystem(article.scheme) !== true) {
      throw new TagStoreError(`this document (${article.scheme}:) cannot have a sidecar beside it; open the article file itself to tag it.`);
    }
    const entry = await this.ensure(article);
    const read = await readArticle(this.files, entry.article);
    const outcome = entry.state.change(change, read.kind === 'text' ? read.text : (entry.state.text ?? ''));
    if (outcome.kind === 'refused') throw this.refusal(entry, outcome.reason.message);
    if (outcome.kind === 'changed') this.changedByPerson(entry, 'tag');
    return entry.tags;
  }

  /**
   * Restores the tags as they were before the last change; false when there is nothing to undo.
   *
   * @throws TagStoreError when the sidecar cannot be read fully and must not be overwritten
   */
  async undo(article: vscode.Uri): Promise<boolean> {
    const entry = await this.ensure(article);
    const outcome = entry.state.undo();
    if (outcome.kind === 'refused') throw this.refusal(entry, outcome.reason.message);
    if (outcome.kind === 'unchanged') return false;
    this.changedByPerson(entry, 'undo');
    return true;
  }

  canUndo(article: vscode.Uri): boolean {
    return this.entries.get(article.toString())?.state.canUndo ?? false;
  }

  /** Writes every pending change now (used before the window closes and by tests). */
  async flush(article?: vscode.Uri): Promise<void> {
    const entries = article ? [this.entries.get(article.toString())].filter((e): e is Entry => !!e) : [...this.entries.values()];
    await Promise.all(
      entries.map(async (entry) => {
        await entry.ready;
        clearTimeout(entry.timer);
        entry.timer = undefined;
        await this.write(entry);
      }),
    );
  }

  /**
   * Before the window goes: writes what can be written, and saves aside, beside the sidecar,
   * any tag changes that cannot be (the sidecar unreadable or the write failing), so that
   * closing the window never loses them. Returns the files saved aside.
   */
  async close(): Promise<vscode.Uri[]> {
    await this.flush();
    const saved: vscode.Uri[] = [];
    for (const entry of this.entries.values()) {
      const phase = entry.phase;
      if ((phase.name === 'read-only' && phase.pending) || phase.name === 'pending') {
        const aside = await this.saveAside(entry);
        if (aside) saved.push(aside);
      }
    }
    return saved;
  }

  /**
   * Writes the tags held in memory for `article` to a file of their own beside its sidecar
   * (`<sidecar>.unsaved-<time>.yaml`, which News Annotator never reads as a sidecar), for a
   * person to merge by hand. Returns it, or undefined when nothing is pending.
   */
  async saveAside(article: vscode.Uri | ArticleTags): Promise<vscode.Uri | undefined> {
    const entry = article instanceof Entry ? article : this.entries.get((article instanceof vscode.Uri ? article : article.article).toString());
    const copy = entry?.state.unsavedCopy();
    if (!entry || !copy || !entry.sidecar) return undefined;
    const aside = entry.sidecar.with({ path: unsavedCopyPath(entry.sidecar.path, new Date()) });
    try {
      await this.fs.writeFile(aside, encodeUtf8(copy));
    } catch (error) {
      this.log.error(`Could not save the unsaved tags of ${entry.article.toString()} aside: ${message(error)}`);
      return undefined;
    }
    this.log.warn(`Saved the tag changes that could not be written to ${entry.sidecar.toString()} aside, in ${aside.toString()}`);
    return aside;
  }

  /** Forgets what is loaded and reads every known sidecar again (after a settings change). */
  async reloadAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((entry) => this.reload(entry, 'reload')));
  }

  /**
   * The sidecar setting changed: each article's tags now live elsewhere; read them from there.
   * Where that is, is decided when each entry's turn comes, so that of two quick changes
   * the later one always wins.
   */
  private async locationChanged(): Promise<void> {
    await Promise.all(
      [...this.entries.values()].map(async (entry) => {
        await entry.ready;
        // Where the sidecar is, is decided when the entry's turn comes.
        const outcome = await entry.enqueue(() => entry.relocate(this.sidecarFor(entry.article), (a, b) => a?.toString() === b?.toString()));
        if (outcome) this.afterReload(entry, outcome, 'reload');
      }),
    );
  }

  private ensure(article: vscode.Uri): Promise<Entry> {
    const key = article.toString();
    let entry = this.entries.get(key);
    if (!entry) {
      const sidecar = this.sidecarFor(article);
      entry = new Entry(article, sidecar, new ArticleState({ articleName: baseName(article.path), hasSidecar: sidecar !== undefined, kinds: () => this.kinds(article) }), this.files);
      this.entries.set(key, entry);
    }
    if (!entry.ready) {
      const loading = entry;
      entry.ready = loading.enqueue(() => this.load(loading));
    }
    const ready = entry;
    return entry.ready.then(() => ready);
  }

  /** Reads the sidecar and anchors its tags (see {@link ArticleEntry.load}). */
  private async load(entry: Entry): Promise<void> {
    const failed = await entry.load();
    if (failed !== undefined) this.log.error(`Could not load the tags of ${entry.article.toString()}: ${failed}`);
    const unreadable = entry.problems.find((p) => p.code === 'unreadable');
    if (unreadable) this.log.error(`Could not read ${entry.sidecar?.toString()}: ${unreadable.message}`);
    this.changed.fire({ article: entry.article, reason: 'load' });
  }

  private async reload(entry: Entry, reason: ChangeReason): Promise<void> {
    await entry.ready;
    const outcome = await entry.enqueue(() => entry.reload());
    if (outcome.kind === 'gone') {
      // Article and sidecar both gone: nothing is left to keep or report.
      this.entries.delete(entry.article.toString());
      clearTimeout(entry.timer);
      this.changed.fire({ article: entry.article, reason: 'delete' });
      return;
    }
    this.afterReload(entry, outcome, reason);
  }

  /** Logs, tells and schedules what a reload calls for. */
  private afterReload(entry: Entry, outcome: ReloadOutcome, reason: ChangeReason): void {
    if (outcome.kind === 'unchanged') return;
    if (outcome.kind === 'merged') {
      if (outcome.conflicts.length > 0) this.log.warn(`Tags ${outcome.conflicts.join(', ')} were changed here and on disk; the later change was kept.`);
      this.log.info(`Merged the tag changes made here with ${entry.sidecar?.toString()} as it is on disk now.`);
      this.scheduleWrite(entry, 0);
    }
    if (outcome.kind === 'blocked') this.tellBlocked(entry);
    else entry.told = false;
    this.changed.fire({ article: entry.article, reason });
  }

  private changedByPerson(entry: Entry, reason: ChangeReason): void {
    this.scheduleWrite(entry);
    this.changed.fire({ article: entry.article, reason });
  }

  private refusal(entry: Entry, reason: string): TagStoreError {
    const where = entry.sidecar ? vscode.workspace.asRelativePath(entry.sidecar) : 'the sidecar';
    return new TagStoreError(`${where} cannot be changed: ${reason}. Fix it first (see Problems); News Annotator does not change a sidecar it cannot read fully.`);
  }

  private scheduleWrite(entry: Entry, delay = WRITE_DELAY_MS): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.write(entry);
    }, delay);
  }

  /**
   * Writes the entry's tags to its sidecar, after the entry's other disk work, comparing the
   * file with what the write was planned from just before replacing it (see
   * {@link writeSidecar}).
   */
  private write(entry: Entry): Promise<void> {
    return entry.enqueue(async () => {
      const sidecar = entry.sidecar;
      if (!sidecar) return;
      const result = await entry.write({
        replace: (plan) => this.replace(sidecar, plan),
        createdMeanwhile: (error) => error instanceof vscode.FileSystemError && error.code === 'FileExists',
        reloaded: (outcome) => {
          this.log.info(`${sidecar.toString()} changed on disk since it was read; merging before writing.`);
          this.afterReload(entry, outcome, 'reload');
        },
      });
      if (result.kind === 'failed') {
        this.writeFailed(entry, sidecar, result.reason);
      } else if (result.kind === 'written') {
        const hadError = entry.told;
        entry.told = false;
        this.wrote.fire({ article: entry.article, sidecar });
        if (hadError) this.changed.fire({ article: entry.article, reason: 'write' });
      }
    });
  }

  /** Replaces the sidecar by the plan's text (see {@link replaceFile}), never over a file created meanwhile. */
  private replace(target: vscode.Uri, plan: WritePlan): Promise<void> {
    const fs = this.fs;
    return replaceFile(
      {
        outsideWorkspace: (uri) => outsideWorkspace(fs, uri),
        createParent: async (uri) => fs.createDirectory(vscode.Uri.joinPath(uri, '..')),
        temporaryBeside: (uri) => vscode.Uri.joinPath(uri, '..', `.${baseName(uri.path)}.${Math.random().toString(36).slice(2, 10)}.tmp`),
        writeFile: async (uri, content) => fs.writeFile(uri, content),
        rename: async (from, to, overwrite) => fs.rename(from, to, { overwrite }),
        delete: async (uri) => fs.delete(uri),
      },
      target,
      plan.output,
      plan.expected !== undefined,
    );
  }

  private writeFailed(entry: Entry, sidecar: vscode.Uri, reason: string): void {
    this.log.error(`Could not write ${sidecar.toString()}: ${reason}`);
    this.changed.fire({ article: entry.article, reason: 'write' });
    if (entry.told) return;
    entry.told = true;
    const where = vscode.workspace.asRelativePath(sidecar);
    void vscode.window
      .showErrorMessage(`News Annotator could not save tags to ${where}: ${reason}. They are kept in this window and saved as soon as writing works again.`, 'Retry', 'Save a Copy Aside')
      .then((choice) => this.answer(entry, choice));
  }

  /** Pending changes meet a sidecar that can no longer be read: they are kept, and the user told once. */
  private tellBlocked(entry: Entry): void {
    const sidecar = entry.sidecar;
    this.log.warn(`${sidecar?.toString()} cannot be read; the tag changes made here are kept in memory until it can.`);
    if (entry.told || !sidecar) return;
    entry.told = true;
    const where = vscode.workspace.asRelativePath(sidecar);
    void vscode.window
      .showWarningMessage(
        `News Annotator: ${where} can no longer be read (see Problems). The tag changes made here are kept in this window and merged into it by tag id once it is fixed.`,
        'Save a Copy Aside',
      )
      .then((choice) => this.answer(entry, choice));
  }

  private async answer(entry: Entry, choice: string | undefined): Promise<void> {
    if (choice === 'Retry') {
      entry.told = false;
      await this.write(entry);
    } else if (choice === 'Save a Copy Aside') {
      const aside = await this.saveAside(entry);
      if (aside) {
        const open = await vscode.window.showInformationMessage(`News Annotator saved the tags of this window in ${vscode.workspace.asRelativePath(aside)}.`, 'Open');
        if (open) await vscode.window.showTextDocument(aside);
      }
    }
  }

  private async documentOpened(document: vscode.TextDocument): Promise<void> {
    if (isSidecarPath(document.uri.path) || !isServed(document)) return;
    const adopted = this.adoptSavedUntitled(document);
    if (adopted) return this.adopt(document, adopted);
    const entry = await this.ensure(document.uri);
    if (entry.state.opened(document.getText())) this.changed.fire({ article: entry.article, reason: 'edit' });
  }

  private documentChanged(event: vscode.TextDocumentChangeEvent): void {
    const entry = this.entries.get(event.document.uri.toString());
    if (!entry || event.contentChanges.length === 0) return;
    const document = event.document;
    const length = (): number => document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    const changes = event.contentChanges.map((change) => ({ rangeOffset: change.rangeOffset, rangeLength: change.rangeLength, text: change.text }));
    if (entry.state.edit(changes, entry.tags.length > 0 ? length() : 0, () => document.getText())) {
      this.changed.fire({ article: entry.article, reason: 'edit' });
    }
  }

  private documentSaved(document: vscode.TextDocument): void {
    const adopted = this.adoptSavedUntitled(document);
    if (adopted) {
      void this.adopt(document, adopted);
      return;
    }
    const entry = this.entries.get(document.uri.toString());
    if (entry?.state.articleSaved()) this.scheduleWrite(entry, 0);
  }

  private documentClosed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (!entry) return;
    if (document.uri.scheme === 'untitled') {
      this.entries.delete(key);
      this.closedUntitled.add(entry.state.text ?? document.getText(), entry.tags, Date.now());
      return;
    }
    if (document.isDirty || entry.phase.name === 'dirty') {
      // Closed without saving: offsets that followed the thrown-away edits are wrong now;
      // find the tags again in the article as it is on disk.
      void entry.enqueue(async () => {
        await entry.closedWithoutSaving();
        this.changed.fire({ article: entry.article, reason: 'reload' });
      });
    }
  }

  /** Takes the tags of an untitled document into the file it was saved as, and writes them. */
  private async adopt(document: vscode.TextDocument, tags: readonly Tag[]): Promise<void> {
    const entry = await this.ensure(document.uri);
    const text = document.getText();
    const outcome = entry.state.change(() => reanchorTags(tags, text), text);
    if (outcome.kind === 'refused') {
      this.log.warn(`The tags of the untitled document saved as ${document.uri.toString()} were not taken: ${outcome.reason.message}`);
      return;
    }
    this.scheduleWrite(entry, 0);
    this.changed.fire({ article: entry.article, reason: 'tag' });
  }

  /** Tags of an untitled document closed moments ago with the same text: it was just saved. */
  private adoptSavedUntitled(document: vscode.TextDocument): readonly Tag[] | undefined {
    if (document.uri.scheme === 'untitled') return undefined;
    const text = document.getText();
    // Saving an untitled document opens the saved file (empty at first), saves it, then
    // empties and closes the untitled one: take its tags at the save, while they still match.
    for (const entry of this.entries.values()) {
      if (entry.article.scheme === 'untitled' && entry.tags.length > 0 && entry.state.text === text) {
        this.entries.delete(entry.article.toString());
        return entry.tags;
      }
    }
    return this.closedUntitled.take(text, Date.now());
  }

  private async sidecarChangedOnDisk(sidecar: vscode.Uri): Promise<void> {
    const article = this.articleFor(sidecar);
    if (!article) return;
    // The sidecar of an article being renamed left its old place with the rename (which
    // moves the tags in memory): read as deleted, its tags would be dropped first.
    if (this.renamingFrom(article)) return;
    const entry = this.entries.get(article.toString());
    if (entry) {
      await this.reload(entry, 'reload');
    } else {
      // A sidecar appeared (a checkout, a colleague's file): load it so views can show it.
      await this.ensure(article);
    }
  }

  /** Notes the old places of files about to be renamed (see `renamingFrom`). */
  private filesRenaming(event: vscode.FileWillRenameEvent): void {
    for (const { oldUri } of event.files) this.renaming.push({ from: oldUri, until: Date.now() + RENAME_PENDING_MS });
  }

  /** Whether `article` is at (or under) the old place of a rename under way or just done. */
  private renamingFrom(article: vscode.Uri): boolean {
    const now = Date.now();
    this.renaming = this.renaming.filter((r) => r.until > now);
    return this.renaming.some((r) => r.from.toString() === article.toString() || isInside(article, r.from));
  }

  private async filesRenamed(event: vscode.FileRenameEvent): Promise<void> {
    try {
      await this.moveRenamed(event);
    } finally {
      // The file watcher reports the old places a little after the rename: still the rename's.
      const until = Date.now() + RENAME_SETTLE_MS;
      for (const { oldUri } of event.files) for (const r of this.renaming) if (r.from.toString() === oldUri.toString()) r.until = until;
    }
  }

  private async moveRenamed(event: vscode.FileRenameEvent): Promise<void> {
    for (const { oldUri, newUri } of event.files) {
      if (isSidecarPath(oldUri.path) || isSidecarPath(newUri.path)) continue;
      const moved = [...this.entries.values()].filter((e) => e.article.toString() === oldUri.toString() || isInside(e.article, oldUri));
      if (moved.length === 0) {
        // Not loaded yet: still move a sidecar that sits at the old place.
        const oldSidecar = this.sidecarFor(oldUri);
        if (oldSidecar && (await this.exists(oldSidecar))) moved.push(await this.ensure(oldUri));
        else continue;
      }
      // Each entry moves after its own disk work only: one whose write hangs holds up no other.
      await Promise.all(
        moved.map((entry) => {
          const from = entry.article;
          const to = from.toString() === oldUri.toString() ? newUri : newUri.with({ path: newUri.path + from.path.slice(oldUri.path.length) });
          return this.moveArticle(entry, to);
        }),
      );
    }
  }

  private async moveArticle(entry: Entry, to: vscode.Uri): Promise<void> {
    await entry.ready;
    await entry.enqueue(async () => {
      const from = entry.article;
      const oldSidecar = entry.sidecar;
      const newSidecar = this.sidecarFor(to);
      this.entries.delete(from.toString());
      entry.article = to;
      entry.sidecar = newSidecar;
      this.entries.set(to.toString(), entry);
      let outcome: 'moved' | 'conflict' = 'moved';
      let conflict: string | undefined;
      if (oldSidecar && newSidecar && oldSidecar.toString() !== newSidecar.toString() && (await this.exists(oldSidecar))) {
        try {
          if ((await moveSidecar({ from: oldSidecar, to: newSidecar }, moveFiles(this.fs))) === 'kept') {
            entry.sidecar = oldSidecar;
            outcome = 'conflict';
            conflict = `${vscode.workspace.asRelativePath(newSidecar)} already exists, so this sidecar was not moved with its article; merge the two by hand`;
            void vscode.window.showWarningMessage(`News Annotator did not move ${vscode.workspace.asRelativePath(oldSidecar)}: ${vscode.workspace.asRelativePath(newSidecar)} already exists. Merge the two by hand.`);
          }
        } catch (error) {
          entry.sidecar = oldSidecar;
          void vscode.window.showErrorMessage(`News Annotator could not move ${vscode.workspace.asRelativePath(oldSidecar)}: ${message(error)}`);
        }
      }
      entry.state.renamed(baseName(to.path), entry.sidecar !== undefined, outcome, conflict);
    });
    if (entry.phase.name === 'dirty') await this.write(entry);
    this.changed.fire({ article: entry.article, reason: 'rename' });
  }

  private filesDeleted(event: vscode.FileDeleteEvent): void {
    for (const uri of event.files) {
      for (const entry of this.entries.values()) {
        if (entry.article.toString() === uri.toString() || isInside(entry.article, uri)) {
          entry.state.articleDeleted();
          this.changed.fire({ article: entry.article, reason: 'delete' });
        }
      }
    }
  }

  private async exists(uri: vscode.Uri): Promise<boolean> {
    try {
      await this.fs.stat(uri);
      return true;
    } catch {
      return false;
    }
  }
}

function isInside(uri: vscode.Uri, folder: vscode.Uri): boolean {
  return uri.scheme === folder.scheme && uri.authority === folder.authority && uri.path.startsWith(folder.path.endsWith('/') ? folder.path : `${folder.path}/`);
}

export type { ArticlePresence };

import * as vscode from 'vscode';
import { reanchor, type TextChange } from '../core/anchor';
import { KindRegistry } from '../core/kinds';
import { mergeTags } from '../core/merge';
import { SidecarFile, type Problem } from '../core/sidecar';
import { SIDECAR_SUFFIX, articlePathFor, baseName, isSidecarPath, sidecarPathFor } from '../core/sidecarPath';
import { applyTextChange, reanchorTags, refreshAnchors, sortTags, type Tag } from '../core/tags';
import { Settings } from '../ids';
import { Disposable } from './disposable';
import { isServed, readSidecarLocation } from './settings';

/** What the rest of the extension sees of one article's tags. */
export interface ArticleTags {
  readonly article: vscode.Uri;
  /** Undefined for an untitled document, or an article outside the workspace in mirror mode. */
  readonly sidecar: vscode.Uri | undefined;
  readonly tags: readonly Tag[];
  /** Problems of the sidecar as read from disk. */
  readonly problems: readonly Problem[];
  /** False while the sidecar on disk has errors: it is never overwritten then. */
  readonly writable: boolean;
  /** The sidecar exists but its article does not. */
  readonly articleMissing: boolean;
  /** Why the last write failed; the tags are kept in memory until a write succeeds. */
  readonly writeError: string | undefined;
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
/** A change at least this long is a paste, a replace-all or a reload from disk: try to find orphans again. */
const BULK_CHANGE = 64;
const UNDO_LIMIT = 100;

class Entry implements ArticleTags {
  sidecar: vscode.Uri | undefined;
  file: SidecarFile | undefined;
  tags: Tag[] = [];
  problems: Problem[] = [];
  writable = true;
  articleMissing = false;
  writeError: string | undefined;
  /** Tags as the sidecar on disk holds them (the base of a merge). */
  diskTags: Tag[] = [];
  /** The sidecar's text as last read or written, to tell our own writes from others'. */
  diskText: string | undefined;
  /** The article text the tag offsets refer to, while the article is tracked. */
  text: string | undefined;
  /** Tags changed by a person since the last write. */
  dirty = false;
  /** Offsets moved by editing the article since the last write; written when the article is saved. */
  moved = false;
  undo: Tag[][] = [];
  ready: Promise<void> | undefined;
  writing: Promise<void> = Promise.resolve();
  timer: ReturnType<typeof setTimeout> | undefined;
  errorShown = false;

  constructor(public article: vscode.Uri) {}

  lineOf(tagId: string): number | undefined {
    return this.file?.lineOf(tagId);
  }
}

/**
 * Keeps every article's tags: reads sidecars, re-anchors them against the article, follows
 * edits in the editor, writes changes back atomically, and reloads when a sidecar changes on
 * disk. All file access goes through `vscode.workspace.fs`, so it works in remote workspaces.
 */
export class SidecarStore extends Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = this.register(new vscode.EventEmitter<StoreChange>());
  private readonly wrote = this.register(new vscode.EventEmitter<{ article: vscode.Uri; sidecar: vscode.Uri }>());
  /** Untitled documents with tags that were just closed, in case they were saved under a name. */
  private readonly closedUntitled: Array<{ text: string; tags: Tag[]; at: number }> = [];

  readonly onDidChange = this.changed.event;
  /** Fires after a sidecar was written to disk. */
  readonly onDidWrite = this.wrote.event;

  constructor(
    private readonly fs: vscode.FileSystem,
    private readonly kinds: () => KindRegistry,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(`**/*${SIDECAR_SUFFIX}`));
    this.register(watcher.onDidChange((uri) => void this.sidecarChangedOnDisk(uri)));
    this.register(watcher.onDidCreate((uri) => void this.sidecarChangedOnDisk(uri)));
    this.register(watcher.onDidDelete((uri) => void this.sidecarChangedOnDisk(uri)));
    this.register(vscode.workspace.onDidOpenTextDocument((document) => void this.documentOpened(document)));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.documentChanged(event)));
    this.register(vscode.workspace.onDidSaveTextDocument((document) => this.documentSaved(document)));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.documentClosed(document)));
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
   * @throws TagStoreError when the sidecar has errors and must not be overwritten
   */
  async update(article: vscode.Uri, change: (tags: readonly Tag[], text: string) => Tag[]): Promise<readonly Tag[]> {
    if (article.scheme !== 'untitled' && vscode.workspace.fs.isWritableFileSystem(article.scheme) !== true) {
      throw new TagStoreError(`this document (${article.scheme}:) cannot have a sidecar beside it; open the article file itself to tag it.`);
    }
    const entry = await this.ensure(article);
    if (!entry.writable) {
      const first = entry.problems.find((p) => p.severity === 'error');
      const where = entry.sidecar ? vscode.workspace.asRelativePath(entry.sidecar) : 'the sidecar';
      throw new TagStoreError(
        `${where} has errors${first ? ` (line ${first.line + 1}: ${first.message})` : ''}. Fix it first (see Problems); News Annotator does not change a sidecar it cannot read fully.`,
      );
    }
    const text = this.openText(entry) ?? (await this.articleText(entry));
    entry.text = text;
    const before = entry.tags;
    const after = change(before, text);
    if (after === before || sameTags(after, before)) return before;
    entry.undo.push(before);
    if (entry.undo.length > UNDO_LIMIT) entry.undo.shift();
    entry.tags = after;
    entry.dirty = true;
    this.scheduleWrite(entry);
    this.changed.fire({ article: entry.article, reason: 'tag' });
    return after;
  }

  /** Restores the tags as they were before the last change; false when there is nothing to undo. */
  async undo(article: vscode.Uri): Promise<boolean> {
    const entry = await this.ensure(article);
    const previous = entry.undo.pop();
    if (!previous) return false;
    entry.tags = previous;
    entry.dirty = true;
    this.scheduleWrite(entry);
    this.changed.fire({ article: entry.article, reason: 'undo' });
    return true;
  }

  canUndo(article: vscode.Uri): boolean {
    return (this.entries.get(article.toString())?.undo.length ?? 0) > 0;
  }

  /** Writes every pending change now (used before the window closes and by tests). */
  async flush(article?: vscode.Uri): Promise<void> {
    const entries = article ? [this.entries.get(article.toString())].filter((e): e is Entry => !!e) : [...this.entries.values()];
    await Promise.all(
      entries.map(async (entry) => {
        clearTimeout(entry.timer);
        entry.timer = undefined;
        if (entry.dirty) await this.write(entry);
        await entry.writing;
      }),
    );
  }

  /** Forgets what is loaded and reads every known sidecar again (after a settings change). */
  async reloadAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((entry) => this.reload(entry, 'reload')));
  }

  /** The sidecar setting changed: each article's tags now live elsewhere; read them from there. */
  private async locationChanged(): Promise<void> {
    for (const entry of this.entries.values()) {
      const next = this.sidecarFor(entry.article);
      if (next?.toString() === entry.sidecar?.toString()) continue;
      await entry.ready;
      await entry.writing;
      entry.sidecar = next;
      const sidecar = await this.readSidecar(entry, next);
      const fromDisk = this.openText(entry) === undefined ? await this.readArticle(entry) : undefined;
      const articleText = this.openText(entry) ?? fromDisk ?? '';
      // Tags not written yet are kept and merged with what the new place holds.
      if (entry.dirty) entry.diskTags = [];
      if (!sidecar.failed) this.applyDiskText(entry, sidecar.text, articleText);
      entry.text = articleText;
      if (entry.dirty) this.scheduleWrite(entry);
      this.changed.fire({ article: entry.article, reason: 'reload' });
    }
  }

  private ensure(article: vscode.Uri): Promise<Entry> {
    const key = article.toString();
    let entry = this.entries.get(key);
    if (!entry) {
      entry = new Entry(article);
      entry.sidecar = this.sidecarFor(article);
      this.entries.set(key, entry);
    }
    if (!entry.ready) {
      const loading = entry;
      entry.ready = this.load(loading).then(
        () => this.changed.fire({ article: loading.article, reason: 'load' }),
        (error: unknown) => {
          // Whatever failed, the sidecar was not read fully: it must never be taken for an
          // empty one and overwritten by the next tag.
          const reason = error instanceof Error ? error.message : String(error);
          loading.writable = false;
          loading.problems = [{ code: 'unreadable', message: `This sidecar could not be read (${reason}); News Annotator leaves it alone.`, severity: 'error', line: 0, column: 0 }];
          this.log.error(`Could not load tags of ${article.toString()}: ${reason}`);
          this.changed.fire({ article: loading.article, reason: 'load' });
        },
      );
    }
    const ready = entry;
    return entry.ready.then(() => ready);
  }

  /** Reads the sidecar and anchors its tags in the article as it is now (the editor's text if open). */
  private async load(entry: Entry): Promise<void> {
    const sidecar = await this.readSidecar(entry, entry.sidecar);
    const fromDisk = this.openText(entry) === undefined ? await this.readArticle(entry) : undefined;
    // An open document's text is taken last and synchronously, so no edit can slip in between
    // taking it and anchoring the tags in it.
    const articleText = this.openText(entry) ?? fromDisk;
    entry.articleMissing = articleText === undefined && entry.article.scheme !== 'untitled';
    const text = articleText ?? '';
    if (!sidecar.failed) this.applyDiskText(entry, sidecar.text, text);
    entry.text = text;
  }

  /** Takes what is on disk as the entry's state (merging with unwritten changes, if any). */
  private applyDiskText(entry: Entry, sidecarText: string | undefined, articleText: string): void {
    entry.diskText = sidecarText;
    if (sidecarText === undefined) {
      entry.file = undefined;
      entry.problems = [];
      entry.writable = true;
      entry.diskTags = [];
      if (!entry.dirty) entry.tags = [];
      return;
    }
    const file = SidecarFile.parse(sidecarText, {
      kinds: this.kinds(),
      articleName: baseName(entry.article.path),
      articleLength: entry.articleMissing ? undefined : articleText.length,
    });
    entry.file = file;
    entry.problems = [...file.problems];
    entry.writable = file.writable;
    const theirs = entry.articleMissing ? file.tags : reanchorTags(file.tags, articleText);
    if (entry.dirty && file.writable) {
      const merged = mergeTags(entry.diskTags, entry.tags, theirs);
      entry.tags = entry.articleMissing ? merged.tags : reanchorTags(merged.tags, articleText);
      if (merged.conflicts.length > 0) {
        this.log.warn(`Tags ${merged.conflicts.join(', ')} were changed here and on disk; the later change was kept.`);
      }
    } else {
      entry.tags = theirs;
      entry.dirty = false;
    }
    entry.diskTags = file.tags;
  }

  private async reload(entry: Entry, reason: ChangeReason): Promise<void> {
    await entry.ready;
    const sidecar = await this.readSidecar(entry, entry.sidecar);
    if (sidecar.failed) {
      this.changed.fire({ article: entry.article, reason });
      return;
    }
    const sidecarText = sidecar.text;
    if (sidecarText === undefined && entry.articleMissing) {
      // Article and sidecar both gone: nothing is left to keep or report.
      this.entries.delete(entry.article.toString());
      clearTimeout(entry.timer);
      this.changed.fire({ article: entry.article, reason: 'delete' });
      return;
    }
    // A checkout may have changed the article too: read it again unless it is open.
    const fromDisk = this.openText(entry) === undefined ? await this.readArticle(entry) : undefined;
    const articleText = this.openText(entry) ?? fromDisk ?? '';
    if (sidecarText === entry.diskText && entry.writable && reason !== 'rename') return;
    this.applyDiskText(entry, sidecarText, articleText);
    entry.text = articleText;
    if (entry.dirty) this.scheduleWrite(entry);
    this.changed.fire({ article: entry.article, reason });
  }

  /** The open document's text, taken now; undefined when the article is not open. */
  private openText(entry: Entry): string | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === entry.article.toString())?.getText();
  }

  /** The article text the tags refer to: the open document's, else the file's. */
  private async articleText(entry: Entry): Promise<string> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === entry.article.toString());
    if (open) return open.getText();
    if (entry.text !== undefined) return entry.text;
    return (await this.readArticle(entry)) ?? '';
  }

  private async readArticle(entry: Entry): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === entry.article.toString());
    if (open) return open.getText();
    if (entry.article.scheme === 'untitled') return '';
    return this.readText(entry.article);
  }

  /**
   * The sidecar's text, or undefined when there is none. A sidecar that exists but cannot be
   * read makes the entry read-only with an `unreadable` problem: it must never be mistaken for
   * a missing file and overwritten.
   */
  private async readSidecar(entry: Entry, sidecar: vscode.Uri | undefined): Promise<{ text: string | undefined; failed: boolean }> {
    if (!sidecar) return { text: undefined, failed: false };
    try {
      return { text: await this.readText(sidecar), failed: false };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      entry.problems = [{ code: 'unreadable', message: `This sidecar could not be read (${reason}); News Annotator leaves it alone.`, severity: 'error', line: 0, column: 0 }];
      entry.writable = false;
      this.log.error(`Could not read ${sidecar.toString()}: ${reason}`);
      return { text: undefined, failed: true };
    }
  }

  /** A file's text (UTF-8, BOM removed as VS Code does), or undefined when it does not exist. */
  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    try {
      const bytes = await this.fs.readFile(uri);
      const text = new TextDecoder('utf-8').decode(bytes);
      return text;
    } catch (error) {
      // Nothing there, or a file where a folder on the way should be: no sidecar to read.
      const code = (error as { code?: string }).code;
      if (code === 'FileNotFound' || code === 'EntryNotFound' || code === 'FileNotADirectory' || code === 'EntryNotADirectory') return undefined;
      throw error;
    }
  }

  private scheduleWrite(entry: Entry, delay = WRITE_DELAY_MS): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.write(entry);
    }, delay);
  }

  /** Writes the entry's tags to its sidecar: temp file, then rename over the old one. */
  private write(entry: Entry): Promise<void> {
    entry.writing = entry.writing.then(async () => {
      const sidecar = entry.sidecar;
      if (!sidecar || !entry.writable) return;
      const text = await this.articleText(entry);
      const tags = entry.articleMissing ? entry.tags : refreshAnchors(entry.tags, text);
      if (!entry.file) {
        if (tags.length === 0) {
          entry.dirty = false;
          return;
        }
        entry.file = SidecarFile.create({ article: baseName(entry.article.path), lineEnding: text.includes('\r\n') ? '\r\n' : '\n' });
      }
      entry.file.setTags(tags);
      const output = entry.file.toString();
      entry.tags = tags;
      if (output === entry.diskText) {
        entry.dirty = false;
        entry.moved = false;
        return;
      }
      try {
        await this.atomicWrite(sidecar, output);
      } catch (error) {
        this.writeFailed(entry, sidecar, error);
        return;
      }
      entry.diskText = output;
      entry.diskTags = tags;
      entry.dirty = false;
      entry.moved = false;
      const hadError = entry.writeError !== undefined;
      entry.writeError = undefined;
      entry.errorShown = false;
      this.wrote.fire({ article: entry.article, sidecar });
      if (hadError) this.changed.fire({ article: entry.article, reason: 'write' });
    });
    return entry.writing;
  }

  private async atomicWrite(target: vscode.Uri, text: string): Promise<void> {
    const existing = await this.fs.stat(target).then(
      (stat) => stat,
      () => undefined,
    );
    // A rename with overwrite would replace a folder that happens to have the sidecar's name.
    if (existing && existing.type & vscode.FileType.Directory) throw new Error(`${vscode.workspace.asRelativePath(target)} is a folder, not a file`);
    const folder = vscode.Uri.joinPath(target, '..');
    await this.fs.createDirectory(folder);
    const random = Math.random().toString(36).slice(2, 10);
    const temp = vscode.Uri.joinPath(folder, `.${baseName(target.path)}.${random}.tmp`);
    await this.fs.writeFile(temp, new TextEncoder().encode(text));
    try {
      await this.fs.rename(temp, target, { overwrite: true });
    } catch (error) {
      await this.fs.delete(temp).then(undefined, () => undefined);
      throw error;
    }
  }

  private writeFailed(entry: Entry, sidecar: vscode.Uri, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    entry.writeError = reason;
    this.log.error(`Could not write ${sidecar.toString()}: ${reason}`);
    this.changed.fire({ article: entry.article, reason: 'write' });
    if (entry.errorShown) return;
    entry.errorShown = true;
    const where = vscode.workspace.asRelativePath(sidecar);
    void vscode.window
      .showErrorMessage(
        `News Annotator could not save tags to ${where}: ${reason}. They are kept in this window and saved as soon as writing works again.`,
        'Retry',
      )
      .then((choice) => {
        entry.errorShown = false;
        if (choice === 'Retry') void this.write(entry);
      });
  }

  private async documentOpened(document: vscode.TextDocument): Promise<void> {
    if (isSidecarPath(document.uri.path) || !isServed(document)) return;
    const adopted = this.adoptSavedUntitled(document);
    if (adopted) return this.adopt(document, adopted);
    const entry = await this.ensure(document.uri);
    if (entry.tags.length === 0) return;
    const text = document.getText();
    if (entry.text !== text) {
      entry.tags = reanchorTags(entry.tags, text);
      entry.text = text;
      this.changed.fire({ article: entry.article, reason: 'edit' });
    }
  }

  private documentChanged(event: vscode.TextDocumentChangeEvent): void {
    const entry = this.entries.get(event.document.uri.toString());
    if (!entry || entry.text === undefined || event.contentChanges.length === 0) return;
    if (entry.tags.length === 0) {
      // Nothing to move: forget the text rather than copy it on every keystroke; the first
      // tag takes the document's text afresh.
      entry.text = undefined;
      return;
    }
    let text = entry.text;
    let tags = entry.tags;
    for (const change of event.contentChanges) {
      const step: TextChange = { rangeOffset: change.rangeOffset, rangeLength: change.rangeLength, text: change.text };
      text = text.slice(0, step.rangeOffset) + step.text + text.slice(step.rangeOffset + step.rangeLength);
      tags = applyTextChange(tags, step, text);
      if (step.rangeLength >= BULK_CHANGE || step.text.length >= BULK_CHANGE) tags = findOrphansAgain(tags, text);
    }
    const document = event.document;
    const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    if (text.length !== length) {
      // Out of step with the document (an edit arrived while the tags were loading): take the
      // document's text and find the tags in it rather than trust the arithmetic.
      text = document.getText();
      tags = reanchorTags(entry.tags, text);
    }
    entry.text = text;
    if (tags !== entry.tags && !sameTags(tags, entry.tags)) {
      entry.tags = tags;
      entry.moved = true;
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
    if (entry && (entry.moved || entry.dirty)) {
      entry.dirty = true;
      this.scheduleWrite(entry, 0);
    }
  }

  private documentClosed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (!entry) return;
    if (document.uri.scheme === 'untitled') {
      this.entries.delete(key);
      if (entry.tags.length > 0) this.closedUntitled.push({ text: entry.text ?? document.getText(), tags: entry.tags, at: Date.now() });
      return;
    }
    if (entry.moved && !entry.dirty) {
      // Closed without saving: the offsets followed edits that were thrown away. Read the
      // article again from disk and anchor the tags there.
      entry.moved = false;
      entry.text = undefined;
      entry.ready = undefined;
      void this.ensure(entry.article).then(() => this.changed.fire({ article: entry.article, reason: 'reload' }));
    }
  }

  /** Takes the tags of an untitled document into the file it was saved as, and writes them. */
  private async adopt(document: vscode.TextDocument, tags: Tag[]): Promise<void> {
    const entry = await this.ensure(document.uri);
    const text = document.getText();
    entry.tags = reanchorTags(tags, text);
    entry.text = text;
    entry.dirty = true;
    this.scheduleWrite(entry, 0);
    this.changed.fire({ article: entry.article, reason: 'tag' });
  }

  /** Tags of an untitled document closed moments ago with the same text: it was just saved. */
  private adoptSavedUntitled(document: vscode.TextDocument): Tag[] | undefined {
    const now = Date.now();
    for (let i = this.closedUntitled.length - 1; i >= 0; i--) {
      if (now - this.closedUntitled[i].at > 10_000) this.closedUntitled.splice(i, 1);
    }
    if (document.uri.scheme === 'untitled') return undefined;
    const text = document.getText();
    // Saving an untitled document opens the saved file (empty at first), saves it, then
    // empties and closes the untitled one: take its tags at the save, while they still match.
    for (const entry of this.entries.values()) {
      if (entry.article.scheme === 'untitled' && entry.tags.length > 0 && entry.text === text) {
        this.entries.delete(entry.article.toString());
        return entry.tags;
      }
    }
    const index = this.closedUntitled.findIndex((closed) => closed.text === text);
    if (index < 0) return undefined;
    return this.closedUntitled.splice(index, 1)[0].tags;
  }

  private async sidecarChangedOnDisk(sidecar: vscode.Uri): Promise<void> {
    const article = this.articleFor(sidecar);
    if (!article) return;
    const entry = this.entries.get(article.toString());
    if (entry) {
      await this.reload(entry, 'reload');
    } else {
      // A sidecar appeared (a checkout, a colleague's file): load it so views can show it.
      await this.ensure(article);
    }
  }

  private async filesRenamed(event: vscode.FileRenameEvent): Promise<void> {
    for (const { oldUri, newUri } of event.files) {
      if (isSidecarPath(oldUri.path) || isSidecarPath(newUri.path)) continue;
      const moved = [...this.entries.values()].filter((e) => e.article.toString() === oldUri.toString() || isInside(e.article, oldUri));
      if (moved.length === 0) {
        // Not loaded yet: still move a sidecar that sits at the old place.
        const oldSidecar = this.sidecarFor(oldUri);
        if (oldSidecar && (await this.exists(oldSidecar))) moved.push(await this.ensure(oldUri));
        else continue;
      }
      for (const entry of moved) {
        const from = entry.article;
        const to = from.toString() === oldUri.toString() ? newUri : newUri.with({ path: newUri.path + from.path.slice(oldUri.path.length) });
        await this.moveArticle(entry, to);
      }
    }
  }

  private async moveArticle(entry: Entry, to: vscode.Uri): Promise<void> {
    await entry.ready;
    await entry.writing;
    const from = entry.article;
    const oldSidecar = entry.sidecar;
    const newSidecar = this.sidecarFor(to);
    this.entries.delete(from.toString());
    entry.article = to;
    entry.sidecar = newSidecar;
    this.entries.set(to.toString(), entry);
    if (oldSidecar && newSidecar && oldSidecar.toString() !== newSidecar.toString() && (await this.exists(oldSidecar))) {
      if (await this.exists(newSidecar)) {
        entry.sidecar = oldSidecar;
        entry.writable = false;
        void vscode.window.showWarningMessage(
          `News Annotator did not move ${vscode.workspace.asRelativePath(oldSidecar)}: ${vscode.workspace.asRelativePath(newSidecar)} already exists. Merge the two by hand.`,
        );
      } else {
        try {
          await this.fs.createDirectory(vscode.Uri.joinPath(newSidecar, '..'));
          await this.fs.rename(oldSidecar, newSidecar, { overwrite: false });
        } catch (error) {
          entry.sidecar = oldSidecar;
          void vscode.window.showErrorMessage(`News Annotator could not move ${vscode.workspace.asRelativePath(oldSidecar)}: ${String(error)}`);
        }
      }
    }
    entry.articleMissing = false;
    // The sidecar names its article: say the new name, keeping everything else as it was.
    if (entry.file && entry.writable && entry.sidecar === newSidecar && entry.file.article !== baseName(to.path)) {
      entry.file.setArticle(baseName(to.path));
      entry.dirty = true;
      await this.write(entry);
    }
    this.changed.fire({ article: to, reason: 'rename' });
  }

  private filesDeleted(event: vscode.FileDeleteEvent): void {
    for (const uri of event.files) {
      for (const entry of this.entries.values()) {
        if (entry.article.toString() === uri.toString() || isInside(entry.article, uri)) {
          entry.articleMissing = true;
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

function sameTags(a: readonly Tag[], b: readonly Tag[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}

/**
 * Tries to find orphaned tags again after a large change: a paste that moved a paragraph, or
 * the article reloaded from disk while open (VS Code reports that as one edit).
 */
function findOrphansAgain(tags: Tag[], text: string): Tag[] {
  if (!tags.some((tag) => tag.status === 'orphan')) return tags;
  let changed = false;
  const next = tags.map((tag) => {
    if (tag.status !== 'orphan') return tag;
    const found = reanchor(text, tag.anchor);
    if (found.status === 'orphan') return tag;
    changed = true;
    // A fuzzy match keeps the tagged text and is marked, so a person confirms it.
    return { ...tag, anchor: { ...tag.anchor, start: found.start, end: found.end }, status: found.status, score: found.score };
  });
  return changed ? sortTags(next) : tags;
}

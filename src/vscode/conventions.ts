import * as vscode from 'vscode';
import { CONVENTIONS_FILE_NAME, Conventions, describeFields, findConventions, type ConventionsFileReader, type ConventionsProblem, type LoadedConventions } from '../core/conventions';
import { compileVocabulary, type Vocabulary } from '../core/detect';
import type { KindRegistry } from '../core/kinds';
import type { Tag } from '../core/tags';
import { Commands, DIAGNOSTIC_SOURCE } from '../ids';
import { Disposable } from './disposable';

interface FolderState {
  /** The conventions in force: the last good ones when the files now have errors. */
  current: LoadedConventions;
  /** What the files say now, errors and all. */
  latest: LoadedConventions;
  /** When `current` was read. */
  loadedAt: Date;
  loading: Promise<void> | undefined;
  /** Read at least once: while a reload runs, `current` stays in force. */
  read: boolean;
}

/**
 * The conventions of each folder that holds articles: the workspace folder's
 * `.news-annotator.yaml`, and for a nested folder the same walk the command line does,
 * stopping at the workspace folder. Files are read through `workspace.fs` as data only (also
 * in Restricted Mode), reloaded when any of them or a file they extend changes, and their
 * problems shown at their lines. A file with errors never takes a team's kinds away: the
 * last good conventions stay in force, with a warning in the status bar and in Problems.
 */
export class ConventionsService extends Disposable {
  private readonly folders = new Map<string, FolderState>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('news-annotator-conventions'));
  private readonly status = this.register(vscode.window.createStatusBarItem('newsAnnotator.conventions', vscode.StatusBarAlignment.Right, 99));
  private watched = new Set<string>();
  private readonly vocabularies = new WeakMap<Conventions, Vocabulary>();
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  /** Fires after the conventions of any folder changed (a file edited, created or deleted). */
  readonly onDidChange = this.changed.event;

  /** Reads files through `workspace.fs`, in the scheme and authority of `base` (the workspace folder). */
  private readerFor(base: vscode.Uri): ConventionsFileReader {
    return {
      readFile: async (path) => {
        try {
          return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(base.with({ path })));
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code === 'FileNotFound' || code === 'EntryNotFound' || code === 'FileNotADirectory' || code === 'EntryNotADirectory') return undefined;
          throw error;
        }
      },
    };
  }

  /** A path of a conventions file as a URI in the workspace folder holding it. */
  private uriOf(path: string): vscode.Uri {
    const folder = (vscode.workspace.workspaceFolders ?? []).find((f) => path === f.uri.path || path.startsWith(`${f.uri.path}/`));
    return (folder?.uri ?? vscode.Uri.file('/')).with({ path });
  }

  constructor() {
    super();
    this.status.name = 'News Annotator: Conventions';
    this.register({ dispose: () => clearTimeout(this.reloadTimer) });
    const onFile = (uri: vscode.Uri): void => {
      if (uri.path.endsWith(`/${CONVENTIONS_FILE_NAME}`) || this.watched.has(uri.path)) this.scheduleReload();
    };
    this.watch(`**/${CONVENTIONS_FILE_NAME}`, onFile);
    this.onFile = onFile;
    this.register(vscode.workspace.onDidSaveTextDocument((document) => onFile(document.uri)));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()));
    for (const folder of vscode.workspace.workspaceFolders ?? []) void this.ensure(folder.uri.path);
  }

  /** Resolves when the conventions of every folder asked for so far are read. */
  async ready(): Promise<void> {
    while ([...this.folders.values()].some((state) => state.loading)) {
      await Promise.all([...this.folders.values()].map((state) => state.loading));
    }
  }

  /**
   * The conventions for a document: those of its folder if read, else those of the nearest
   * folder above it that are (read in the background, with a change event when they differ).
   */
  forUri(uri: vscode.Uri | undefined): Conventions {
    return this.loadedFor(uri)?.current.conventions ?? Conventions.defaults;
  }

  /** The detector's cue vocabulary for a document: the defaults changed by its conventions' `cues`. */
  vocabularyFor(uri: vscode.Uri | undefined): Vocabulary | undefined {
    const conventions = this.forUri(uri);
    if (Object.keys(conventions.cues).length === 0) return undefined;
    let vocabulary = this.vocabularies.get(conventions);
    if (!vocabulary) {
      // The entries were checked when the file was read; what compiling adds (a number word,
      // an entry that changes nothing) leaves the entry out, as the file's reference says.
      vocabulary = compileVocabulary(conventions.cues).vocabulary;
      this.vocabularies.set(conventions, vocabulary);
    }
    return vocabulary;
  }

  kindsFor(uri: vscode.Uri | undefined): KindRegistry {
    return this.forUri(uri).kinds;
  }

  /** The fields a tag's kind declares in its article's conventions, with its values as people read them. */
  fieldLines(article: vscode.Uri, tag: Tag): Array<{ label: string; value?: string }> {
    const conventions = this.forUri(article);
    const values = new Map(describeFields(conventions, tag.kind, tag.extra ?? {}).map((f) => [f.name, f.value]));
    return conventions.fieldsOf(tag.kind).map((field) => ({ label: field.label, value: values.get(field.name) }));
  }

  /** The article's path relative to the folder its conventions apply from, for overrides. */
  articlePath(uri: vscode.Uri): string | undefined {
    const root = this.loadedFor(uri)?.current.root ?? vscode.workspace.getWorkspaceFolder(uri)?.uri.path;
    if (!root || !uri.path.startsWith(`${root}/`)) return undefined;
    return uri.path.slice(root.length + 1);
  }

  /** Reads every folder's conventions again now (also what the file watcher does). */
  async reload(): Promise<void> {
    clearTimeout(this.reloadTimer);
    await Promise.all([...this.folders.keys()].map((folder) => this.load(folder)));
    this.publishProblems();
    this.changed.fire();
  }

  private loadedFor(uri: vscode.Uri | undefined): FolderState | undefined {
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : vscode.workspace.workspaceFolders?.[0];
    if (!folder || !uri) return folder ? this.folders.get(folder.uri.path) : undefined;
    const dir = uri.path.slice(0, uri.path.lastIndexOf('/')) || '/';
    const own = this.folders.get(dir);
    if (own?.read) return own;
    if (!own) void this.ensure(dir).then(() => this.changed.fire());
    // Until the folder's own files are read, the nearest folder above it that was read stands in.
    for (let at = dir; at.length >= folder.uri.path.length; at = at.slice(0, at.lastIndexOf('/')) || '/') {
      const state = this.folders.get(at);
      if (state?.read) return state;
      if (at === '/') break;
    }
    return undefined;
  }

  private ensure(folder: string): Promise<void> {
    const known = this.folders.get(folder);
    if (known) return known.loading ?? Promise.resolve();
    const empty: LoadedConventions = { conventions: Conventions.defaults, problems: [], ok: true, files: [], watched: [], root: undefined };
    const state: FolderState = { current: empty, latest: empty, loadedAt: new Date(), loading: undefined, read: false };
    this.folders.set(folder, state);
    return this.load(folder).then(() => this.publishProblems());
  }

  private load(folder: string): Promise<void> {
    const state = this.folders.get(folder)!;
    const base = this.uriOf(folder);
    const stopAt = vscode.workspace.getWorkspaceFolder(base)?.uri.path ?? folder;
    const loading: Promise<void> = findConventions(folder, this.readerFor(base), { stopAt }).then((loaded) => {
      state.latest = loaded;
      // A broken file keeps the last good conventions; a first read keeps what parsed, so a
      // team's kinds are never replaced by the defaults because of one error.
      // An empty file is what a watcher sees halfway through a save: never a last good state
      // to fall back on (delete the file to go back to the defaults).
      const good = loaded.ok && !loaded.problems.some((p) => p.code === 'empty-file');
      if (good || state.current.files.length === 0) {
        state.current = loaded;
        state.loadedAt = new Date();
      }
      for (const path of loaded.watched) {
        this.watched.add(path);
        this.watchExtended(path);
      }
      state.read = true;
      if (state.loading === loading) state.loading = undefined;
    });
    state.loading = loading;
    return loading;
  }

  private onFile: (uri: vscode.Uri) => void = () => undefined;
  /** Files extended from outside any conventions file's name, each watched on its own. */
  private readonly extendedWatchers = new Map<string, vscode.Disposable>();

  private watch(pattern: vscode.GlobPattern, onFile: (uri: vscode.Uri) => void): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const subscriptions = vscode.Disposable.from(watcher, watcher.onDidChange(onFile), watcher.onDidCreate(onFile), watcher.onDidDelete(onFile));
    return this.register(subscriptions);
  }

  /** Watches a file a conventions file extends (a shared base with another name). */
  private watchExtended(path: string): void {
    if (path.endsWith(`/${CONVENTIONS_FILE_NAME}`) || this.extendedWatchers.has(path)) return;
    const uri = this.uriOf(path);
    const folder = uri.with({ path: path.slice(0, path.lastIndexOf('/')) || '/' });
    this.extendedWatchers.set(path, this.watch(new vscode.RelativePattern(folder, path.slice(path.lastIndexOf('/') + 1)), this.onFile));
  }

  private scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), 100);
  }

  /** Problems at their lines in each conventions file, and the status bar warning. */
  private publishProblems(): void {
    this.diagnostics.clear();
    const byFile = new Map<string, { problems: ConventionsProblem[]; stale?: FolderState }>();
    let broken: FolderState | undefined;
    for (const state of this.folders.values()) {
      for (const problem of state.latest.problems) {
        const entry = byFile.get(problem.file) ?? { problems: [] };
        if (!entry.problems.some((p) => p.line === problem.line && p.column === problem.column && p.message === problem.message)) entry.problems.push(problem);
        byFile.set(problem.file, entry);
      }
      if (state.latest !== state.current) {
        broken ??= state;
        const nearest = state.latest.files[state.latest.files.length - 1];
        if (nearest) byFile.set(nearest, { ...(byFile.get(nearest) ?? { problems: [] }), stale: state });
      }
    }
    for (const [file, { problems, stale }] of byFile) {
      const uri = this.uriOf(file);
      const list = problems.map((problem) => {
        const range = new vscode.Range(problem.line, problem.column, problem.endLine, Math.max(problem.endColumn, problem.line === problem.endLine ? problem.column + 1 : 0));
        const diagnostic = new vscode.Diagnostic(range, problem.message, problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : problem.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = problem.code;
        return diagnostic;
      });
      if (stale) {
        const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), `These conventions have errors, so News Annotator keeps the last good ones (read at ${stale.loadedAt.toLocaleTimeString()}) until they are fixed.`, vscode.DiagnosticSeverity.Warning);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = 'conventions-not-applied';
        list.unshift(diagnostic);
      }
      this.diagnostics.set(uri, list);
    }
    if (broken) {
      const file = broken.latest.files[broken.latest.files.length - 1] ?? broken.latest.problems[0]?.file;
      this.status.text = '$(warning) Conventions';
      this.status.tooltip = `News Annotator: ${file ? vscode.workspace.asRelativePath(this.uriOf(file)) : 'the conventions file'} cannot be applied as it is; the last good conventions stay in force. Click to see the problems.`;
      this.status.command = 'workbench.actions.view.problems';
      this.status.accessibilityInformation = { label: this.status.tooltip, role: 'button' };
      this.status.show();
    } else {
      this.status.hide();
    }
  }
}

/** Writes `.news-annotator.yaml` with the defaults at the root of a workspace folder and opens it. */
export function registerInitConventions(write: (folder: vscode.Uri) => string): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.initConventions, async (folderArg?: unknown) => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    let folder = folderArg instanceof vscode.Uri ? folderArg : typeof folderArg === 'string' ? vscode.Uri.parse(folderArg) : undefined;
    if (!folder) {
      if (folders.length === 0) {
        void vscode.window.showInformationMessage('News Annotator: open a folder first; the conventions file lives at its root.');
        return undefined;
      }
      folder = folders.length === 1 ? folders[0].uri : (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create the conventions file in which folder?' }))?.uri;
    }
    if (!folder) return undefined;
    const file = vscode.Uri.joinPath(folder, CONVENTIONS_FILE_NAME);
    const exists = await vscode.workspace.fs.stat(file).then(
      () => true,
      () => false,
    );
    if (!exists) await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(write(folder)));
    else vscode.window.setStatusBarMessage(`News Annotator: ${vscode.workspace.asRelativePath(file)} already exists; opened it unchanged`, 5000);
    await vscode.window.showTextDocument(file, { preview: false });
    return file;
  });
}

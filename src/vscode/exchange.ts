import * as vscode from 'vscode';
import type { Conventions } from '../core/conventions';
import {
  buildClaimReviews,
  buildW3cCollection,
  groupBySource,
  planImport,
  readAnnotationFile,
  tagTable,
  toCsv,
  toJsonLines,
  type ExchangeArticle,
  type ImportedAnnotation,
  type ImportPlan,
  type KindSource,
} from '../core/exchange';
import { SIDECAR_SUFFIX, baseName } from '../core/sidecarPath';
import { Commands } from '../ids';
import { currentAuthor } from './author';
import { pickOne } from './fieldPrompt';
import { isServed } from './settings';
import { SidecarStore, TagStoreError, type ArticleTags } from './sidecarStore';

type ExportFormat = 'csv' | 'jsonl' | 'w3c' | 'claimreview';

/** What Export Tags… can be given instead of asking (a keybinding's `args`, a test). */
export interface ExportRequest {
  readonly format?: ExportFormat;
  readonly scope?: 'workspace' | 'file';
  /** The file to write; the save dialog asks when absent. */
  readonly target?: vscode.Uri;
}

/** What Import Annotations… can be given instead of asking. */
export interface ImportRequest {
  readonly file?: vscode.Uri;
  readonly format?: 'w3c' | 'hypothesis';
  /** The article the annotations are about, when they name a web page. */
  readonly article?: vscode.Uri;
  readonly kindFrom?: KindSource | 'none';
}

/** The conventions of each article, as the conventions service gives them. */
export interface ConventionsSource {
  forUri(uri: vscode.Uri): Conventions;
  /** Resolves once the conventions of every folder asked for are read. */
  ready(): Promise<void>;
}

/**
 * The conventions of each of `articles`, read to the end first: a conventions file that is
 * being read again must not make an export use another folder's fields.
 */
async function conventionsOf(source: ConventionsSource, articles: readonly vscode.Uri[]): Promise<(article: vscode.Uri) => Conventions> {
  for (const article of articles) source.forUri(article);
  await source.ready();
  const known = new Map(articles.map((article) => [article.toString(), source.forUri(article)]));
  return (article) => known.get(article.toString()) ?? source.forUri(article);
}

/** What an export or an import did, for the message and for tests. */
export interface ExchangeOutcome {
  readonly target: vscode.Uri;
  readonly count: number;
  /** Lines written to the log: what was left out and why. */
  readonly details: readonly string[];
  /** Per article, for an import. */
  readonly plans?: ReadonlyArray<{ readonly article: vscode.Uri; readonly plan: ImportPlan }>;
}

const FORMATS: ReadonlyArray<{ id: ExportFormat; label: string; detail: string; extension: string; filter: string }> = [
  { id: 'csv', label: 'CSV', detail: 'A row per tag with every conventions field, for a spreadsheet', extension: 'csv', filter: 'CSV' },
  { id: 'jsonl', label: 'JSON Lines', detail: 'A JSON object per tag and line, for scripts and data tools', extension: 'jsonl', filter: 'JSON Lines' },
  { id: 'w3c', label: 'W3C Web Annotations', detail: 'An AnnotationCollection (JSON-LD) other annotation tools can read', extension: 'w3c.json', filter: 'JSON-LD' },
  { id: 'claimreview', label: 'ClaimReview', detail: 'schema.org ClaimReview records for the claims with a verdict, to publish', extension: 'claimreview.json', filter: 'JSON-LD' },
];

/**
 * Export Tags… and Import Annotations…: the exchange formats of src/core/exchange over the
 * store's tags. Exports read every sidecar of the workspace (or the current article's);
 * imports go through the store, so they are written atomically, keep the sidecar's
 * comments, follow open editors and can be undone with Undo Tag Change.
 */
export function registerExchangeCommands(store: SidecarStore, conventions: ConventionsSource, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.exportTags, (request?: ExportRequest) => exportTags(store, conventions, log, request ?? {})),
    vscode.commands.registerCommand(Commands.importAnnotations, (request?: ImportRequest) => importAnnotations(store, conventions, log, request ?? {})),
  );
}

async function exportTags(store: SidecarStore, source: ConventionsSource, log: vscode.LogOutputChannel, request: ExportRequest): Promise<ExchangeOutcome | undefined> {
  const format = request.format ? FORMATS.find((f) => f.id === request.format) : await pickOne(FORMATS, { title: 'Export Tags', placeholder: 'Format' });
  if (!format) return undefined;
  const active = vscode.window.activeTextEditor?.document;
  const current = active && !active.isUntitled && isServed(active) ? active.uri : undefined;
  let scope = request.scope;
  if (!scope) {
    if (!current) scope = 'workspace';
    else {
      const picked = await pickOne(
        [
          { label: 'Workspace', detail: 'Every tagged article of the workspace', scope: 'workspace' as const },
          { label: 'Current File', detail: vscode.workspace.asRelativePath(current), scope: 'file' as const },
        ],
        { title: `Export Tags as ${format.label}`, placeholder: 'What to export' },
      );
      if (!picked) return undefined;
      scope = picked.scope;
    }
  }
  if (scope === 'file' && !current) {
    void vscode.window.showWarningMessage('News Annotator: open an article to export its tags.');
    return undefined;
  }

  const details: string[] = [];
  const entries = scope === 'file' ? [await store.get(current!)] : await workspaceArticles(store);
  const conventions = await conventionsOf(source, entries.map((entry) => entry.article));
  const articles: ExchangeArticle[] = [];
  for (const entry of entries) {
    const shown = vscode.workspace.asRelativePath(entry.article);
    if (!entry.writable) {
      details.push(`${shown}: its sidecar has errors (see Problems); its tags are not exported.`);
      continue;
    }
    if (entry.tags.length === 0) continue;
    const text = await articleText(entry);
    articles.push({ path: shown, text, tags: entry.tags, conventions: conventions(entry.article) });
  }

  let output: string;
  let count = articles.reduce((n, article) => n + article.tags.length, 0);
  if (format.id === 'csv') output = toCsv(tagTable(articles));
  else if (format.id === 'jsonl') output = toJsonLines(tagTable(articles));
  else if (format.id === 'w3c') output = `${JSON.stringify(buildW3cCollection(articles), null, 2)}\n`;
  else {
    const reviews = buildClaimReviews(articles);
    for (const entry of reviews.entries) {
      const where = `${entry.article}:${entry.line}: tag ${entry.tag.id}`;
      for (const missing of [...entry.missingRequired.map((m) => `lacks required ${m}`), ...entry.missingRecommended.map((m) => `lacks recommended ${m}`), ...entry.warnings]) details.push(`${where}: ${missing}`);
    }
    if (reviews.withoutVerdict > 0) details.push(`${reviews.withoutVerdict} tag(s) have no verdict yet and are not exported.`);
    count = reviews.entries.length;
    output = `${JSON.stringify(reviews.entries.map((e) => e.record), null, 2)}\n`;
  }

  const folder = (current && vscode.workspace.getWorkspaceFolder(current)) ?? vscode.workspace.workspaceFolders?.[0];
  const stem = scope === 'file' ? baseName(current!.path).replace(/\.[^.]*$/, '') : 'tags';
  const target =
    request.target ??
    (await vscode.window.showSaveDialog({
      title: `Export Tags as ${format.label}`,
      saveLabel: 'Export',
      defaultUri: folder ? vscode.Uri.joinPath(folder.uri, `${stem}.${format.extension}`) : undefined,
      filters: { [format.filter]: [format.extension.replace(/^.*\./, '')] },
    }));
  if (!target) return undefined;
  try {
    await writeAtomically(target, output);
  } catch (error) {
    void vscode.window.showErrorMessage(`News Annotator could not write ${vscode.workspace.asRelativePath(target)}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  for (const line of details) log.warn(`Export: ${line}`);
  const what = format.id === 'claimreview' ? `${count} ClaimReview record${count === 1 ? '' : 's'}` : `${count} tag${count === 1 ? '' : 's'}`;
  const message = `News Annotator: exported ${what} to ${vscode.workspace.asRelativePath(target)}${details.length > 0 ? `; ${details.length} note${details.length === 1 ? '' : 's'} in the log` : ''}.`;
  void (details.length > 0 ? vscode.window.showWarningMessage(message, 'Open', 'Show Log') : vscode.window.showInformationMessage(message, 'Open')).then((choice) => {
    if (choice === 'Open') void vscode.window.showTextDocument(target);
    if (choice === 'Show Log') log.show(true);
  });
  return { target, count, details };
}

async function importAnnotations(store: SidecarStore, source: ConventionsSource, log: vscode.LogOutputChannel, request: ImportRequest): Promise<ExchangeOutcome | undefined> {
  const file =
    request.file ??
    (
      await vscode.window.showOpenDialog({
        title: 'Import Annotations',
        openLabel: 'Import',
        canSelectMany: false,
        filters: { 'Web Annotations or Hypothesis (JSON)': ['json', 'jsonld'] },
      })
    )?.[0];
  if (!file) return undefined;
  const shownFile = vscode.workspace.asRelativePath(file);
  const refuse = (reason: string): undefined => {
    void vscode.window.showErrorMessage(`News Annotator did not import ${shownFile}: ${reason}`);
    return undefined;
  };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(file));
  } catch (error) {
    return refuse(error instanceof TypeError ? 'it is not UTF-8 text.' : `it cannot be read (${error instanceof Error ? error.message : String(error)}).`);
  }
  const read = readAnnotationFile(text, request.format);
  if (!read.ok) return refuse(read.error);
  if (read.annotations.length === 0) {
    void vscode.window.showInformationMessage(`News Annotator: ${shownFile} holds no annotations.`);
    return { target: file, count: 0, details: [] };
  }

  // Our own exports name their articles; other files name web pages, whose article is asked for.
  let grouped = groupBySource(read.annotations);
  let article = request.article;
  if (!article && !('error' in grouped) && grouped.byArticle.size === 0) {
    article = await chooseArticle();
    if (!article) return undefined;
  }
  if (article) {
    const sources = [...new Set(read.annotations.filter((a) => !a.unusable && a.source).map((a) => a.source!))];
    grouped = groupBySource(read.annotations, { article: relativeTo(article) });
    if ('error' in grouped && sources.length > 1) {
      const source = await pickOne(
        sources.map((s) => ({ label: s, description: `${read.annotations.filter((a) => a.source === s).length} annotations` })),
        { title: 'Import Annotations', placeholder: `Which document is ${vscode.workspace.asRelativePath(article)}?` },
      );
      if (!source) return undefined;
      grouped = groupBySource(read.annotations, { article: relativeTo(article), source: source.label });
    }
  }
  if ('error' in grouped) return refuse(grouped.error);

  const native = read.annotations.some((a) => a.kind !== undefined);
  let kindFrom = request.kindFrom;
  if (!kindFrom && !native && read.annotations.some((a) => a.tags.length > 0 || a.purposes.length > 0)) {
    const picked = await pickOne(
      [
        { label: 'From Their Tags', detail: 'A tag naming a kind (such as "claim" or "Opinion") gives it; the others are listed', from: 'tag' as const },
        { label: 'From Their Purpose', detail: 'An assessment is a claim, a question speculation', from: 'purpose' as const },
        { label: 'All as Claims', detail: 'Every annotation becomes a claim', from: 'none' as const },
      ],
      { title: 'Import Annotations', placeholder: 'Kinds of the imported tags' },
    );
    if (!picked) return undefined;
    kindFrom = picked.from;
  }

  const details: string[] = grouped.elsewhere.map(({ annotation, reason }) => `${describe(annotation)}: not imported: ${reason}.`);
  const targets: Array<{ uri: vscode.Uri; annotations: ImportedAnnotation[] }> = [];
  for (const [path, annotations] of grouped.byArticle) {
    const uri = article ?? resolveInWorkspace(path);
    if (!uri || !(await exists(uri))) {
      for (const annotation of annotations) details.push(`${describe(annotation)}: not imported: its article, ${path}, is not in the workspace.`);
      continue;
    }
    targets.push({ uri, annotations });
  }
  // Nothing is written unless every sidecar can take its tags.
  for (const { uri } of targets) {
    const entry = await store.get(uri);
    if (!entry.writable) return refuse(`${entry.sidecar ? vscode.workspace.asRelativePath(entry.sidecar) : 'the sidecar'} has errors (see Problems); fix it first. Nothing was imported.`);
  }

  const conventions = await conventionsOf(source, targets.map((target) => target.uri));
  const plans: Array<{ article: vscode.Uri; plan: ImportPlan }> = [];
  let added = 0;
  for (const { uri, annotations } of targets) {
    const author = await currentAuthor(uri);
    const options = { kinds: conventions(uri).kinds, kindFrom: kindFrom === 'none' ? undefined : kindFrom, author };
    let plan: ImportPlan | undefined;
    try {
      await store.update(uri, (tags, articleText) => {
        plan = planImport(articleText, tags, annotations, options);
        return plan.added.length === 0 ? [...tags] : plan.tags;
      });
    } catch (error) {
      if (error instanceof TagStoreError) return refuse(error.message);
      throw error;
    }
    if (!plan) continue;
    plans.push({ article: uri, plan });
    added += plan.added.length;
    const shown = vscode.workspace.asRelativePath(uri);
    for (const result of plan.results) {
      if (result.tag && (result.outcome === 'anchored' || result.outcome === 'fuzzy')) continue;
      if (result.outcome === 'exists' || result.outcome === 'duplicate') continue;
      details.push(`${describe(result.annotation)} (${shown}): ${result.message}`);
    }
    for (const [name, n] of plan.unmapped) details.push(`${shown}: ${n} annotation(s) tagged "${name}", which names no kind.`);
  }
  await store.flush();

  const fuzzy = plans.reduce((n, p) => n + p.plan.results.filter((r) => r.outcome === 'fuzzy').length, 0);
  for (const line of details) log.warn(`Import of ${shownFile}: ${line}`);
  const total = read.annotations.length;
  const parts = [`imported ${added} of ${total} annotation${total === 1 ? '' : 's'} from ${shownFile}`];
  if (fuzzy > 0) parts.push(`${fuzzy} on a similar passage to confirm`);
  if (details.length > 0) parts.push(`${details.length} note${details.length === 1 ? '' : 's'} in the log`);
  const message = `News Annotator: ${parts.join('; ')}.`;
  void (details.length > 0 ? vscode.window.showWarningMessage(message, 'Show Log') : vscode.window.showInformationMessage(message)).then((choice) => {
    if (choice === 'Show Log') log.show(true);
  });
  return { target: file, count: added, details, plans };
}

/** Every article of the workspace with a sidecar, loaded through the store. */
async function workspaceArticles(store: SidecarStore): Promise<ArticleTags[]> {
  const sidecars = await vscode.workspace.findFiles(`**/*${SIDECAR_SUFFIX}`, '**/{node_modules,.git}/**');
  const loaded = await Promise.all(sidecars.map((sidecar) => store.loadSidecar(sidecar)));
  const byArticle = new Map<string, ArticleTags>();
  for (const entry of loaded) if (entry) byArticle.set(entry.article.toString(), entry);
  // Articles open with tags not written yet (a tag made a moment ago) count too.
  for (const entry of store.all()) if (entry.article.scheme !== 'untitled' && entry.tags.length > 0) byArticle.set(entry.article.toString(), entry);
  return [...byArticle.values()];
}

/** The text an entry's tags are anchored in: the open document's, else the file's. */
async function articleText(entry: ArticleTags): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === entry.article.toString());
  if (open) return open.getText();
  if (entry.articleMissing) return undefined;
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(entry.article));
  } catch {
    return undefined;
  }
}

/** Asks which article annotations of a web page belong to: the current one, or another. */
async function chooseArticle(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  const current = active && !active.isUntitled && isServed(active) ? active.uri : undefined;
  if (current) {
    const picked = await pickOne(
      [
        { label: 'Current Article', detail: vscode.workspace.asRelativePath(current), other: false },
        { label: 'Choose Another Article…', detail: 'The annotations name a web page; pick the local file that holds its text', other: true },
      ],
      { title: 'Import Annotations', placeholder: 'Which article are the annotations about?' },
    );
    if (!picked) return undefined;
    if (!picked.other) return current;
  }
  const chosen = await vscode.window.showOpenDialog({ title: 'The article the annotations are about', openLabel: 'Import onto This Article', canSelectMany: false, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
  return chosen?.[0];
}

/**
 * An article path as the export wrote it, resolved in the workspace: relative to the first
 * folder holding it; in a multi-root workspace a path may also start with the folder's name,
 * as `asRelativePath` writes it. Undefined for a path outside every folder.
 */
function resolveInWorkspace(path: string): vscode.Uri | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length > 1) {
    const [first, ...rest] = path.split('/');
    const named = folders.find((folder) => folder.name === first);
    if (named && rest.length > 0) return vscode.Uri.joinPath(named.uri, ...rest);
  }
  return folders[0] ? vscode.Uri.joinPath(folders[0].uri, ...path.split('/')) : undefined;
}

/** An article's path as exports write it, for matching an annotation's source. */
function relativeTo(article: vscode.Uri): string {
  return vscode.workspace.asRelativePath(article);
}

function describe(annotation: ImportedAnnotation): string {
  return `annotation ${annotation.index}${annotation.sourceId ? ` [${annotation.sourceId}]` : ''}`;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Writes a temporary file beside the target, then renames it over the target. */
async function writeAtomically(target: vscode.Uri, text: string): Promise<void> {
  const folder = vscode.Uri.joinPath(target, '..');
  const temp = vscode.Uri.joinPath(folder, `.${baseName(target.path)}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
  try {
    await vscode.workspace.fs.rename(temp, target, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    throw error;
  }
}

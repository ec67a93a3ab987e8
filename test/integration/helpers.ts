import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NewsAnnotatorApi } from '../../src/extension';
import { parseSidecar } from '../../src/core/sidecar';
import type { Tag } from '../../src/core/tags';

export const EXTENSION_ID = 'news-annotator.news-annotator';

/** The repository the extension was loaded from (set by the test runner). */
export const repoRoot: string = process.env.NEWS_ANNOTATOR_TEST_REPO ?? path.resolve(__dirname, '..', '..', '..');

/** The workspace folder the runner opened: a fresh copy of the sample articles. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri;
}

export async function activateExtension(): Promise<vscode.Extension<NewsAnnotatorApi>> {
  const extension = vscode.extensions.getExtension<NewsAnnotatorApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is loaded`);
  await extension.activate();
  return extension;
}

/** Opens one of the sample articles in an editor and returns it. */
export async function openSample(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), name));
  return vscode.window.showTextDocument(document);
}

/** What the internal command reports for an editor (mirrors src/vscode/highlighter.ts). */
export interface DecoratedRanges {
  uri: string;
  version: number;
  visibleOnly: boolean;
  kinds: Record<'quote' | 'number' | 'attribution' | 'cue', Array<{ start: number; end: number }>>;
}

export async function decoratedRanges(editor: vscode.TextEditor): Promise<DecoratedRanges | undefined> {
  return vscode.commands.executeCommand<DecoratedRanges | undefined>('newsAnnotator._decoratedRanges', editor.document.uri);
}

/**
 * Runs `action`, then waits for the editor's decorations to be redrawn for its current
 * version and to satisfy `accept`. Waits on the highlighter's own event, not on a sleep.
 */
export async function afterRedraw(
  editor: vscode.TextEditor,
  action: () => unknown = () => undefined,
  accept: (d: DecoratedRanges) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<DecoratedRanges> {
  const api = (await activateExtension()).exports;
  const uri = editor.document.uri.toString();
  let subscription: vscode.Disposable | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const redrawn = new Promise<DecoratedRanges>((resolve, reject) => {
    const check = (d: DecoratedRanges | undefined): void => {
      if (d && d.uri === uri && d.version === editor.document.version && accept(d)) resolve(d);
    };
    subscription = api.highlighter.onDidDecorate(check);
    timer = setTimeout(() => reject(new Error(`no redraw of ${uri} within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await action();
    const now = await decoratedRanges(editor);
    if (now && now.version === editor.document.version && accept(now)) return now;
    return await redrawn;
  } finally {
    subscription?.dispose();
    clearTimeout(timer);
  }
}

/** Copies a sample article to a new file of its own, so a test never sees another's tags. */
export async function freshArticle(sample: string, name: string, folder?: string): Promise<vscode.Uri> {
  const root = workspaceRoot();
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, sample));
  const uri = folder ? vscode.Uri.joinPath(root, folder, name) : vscode.Uri.joinPath(root, name);
  await vscode.workspace.fs.writeFile(uri, bytes);
  return uri;
}

export async function showArticle(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

/** Selects the first occurrence of `needle` in the editor and returns its offsets. */
export function select(editor: vscode.TextEditor, needle: string, from = 0): { start: number; end: number } {
  const text = editor.document.getText();
  const start = text.indexOf(needle, from);
  assert.ok(start >= 0, `the article contains "${needle}"`);
  const end = start + needle.length;
  editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(end));
  return { start, end };
}

/** Resolves when `event` fires with a value `accept` takes, or rejects after a while. */
export function when<T>(event: vscode.Event<T>, accept: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const subscription = event((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once `check` holds: at once if it already does, else after a later `event`. */
export async function eventually<T>(check: () => boolean, event: vscode.Event<T>, what: string, timeoutMs = 10_000): Promise<void> {
  if (check()) return;
  await when(event, () => check(), what, timeoutMs);
}

/** The tags of a sidecar's text, which must read without an error. */
export function tagsOnDisk(yaml: string): Tag[] {
  const parsed = parseSidecar(yaml);
  assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error'), []);
  return parsed.tags;
}

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NewsAnnotatorApi } from '../../src/extension';

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

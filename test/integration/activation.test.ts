import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, openSample, repoRoot } from './helpers';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: Array<{ command: string; category?: string }>;
    viewsContainers: { activitybar: Array<{ id: string }> };
    views: Record<string, Array<{ id: string }>>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;

describe('the extension in VS Code', () => {
  it('activates when a plain-text sample article is opened', async () => {
    const editor = await openSample('000_66182b2613313ed4.txt');
    assert.equal(editor.document.languageId, 'plaintext');
    assert.match(editor.document.getText(), /Lloyd Austin/);
    const extension = await activateExtension();
    assert.equal(extension.isActive, true);
    assert.equal(extension.exports.version, extension.packageJSON.version);
  });

  it('registers every command the manifest contributes', async () => {
    await activateExtension();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length > 0, 'the manifest contributes commands');
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('shows its view container with the Tags view in the activity bar', async () => {
    await activateExtension();
    assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((c) => c.id), ['newsAnnotator']);
    // Focusing a view only succeeds when the workbench knows the container and the view.
    await vscode.commands.executeCommand('workbench.view.extension.newsAnnotator');
    await vscode.commands.executeCommand('newsAnnotator.tags.focus');
  });

  it('never activates on every event', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
  });

  it('offers the News Article language, and highlights a document switched to it', async () => {
    assert.ok((await vscode.languages.getLanguages()).includes('news-article'));
    const editor = await openSample('003_bb27b04e273cb384.txt');
    const document = await vscode.languages.setTextDocumentLanguage(editor.document, 'news-article');
    assert.equal(document.languageId, 'news-article');
    const api = (await activateExtension()).exports;
    const shown = await vscode.window.showTextDocument(document);
    const decorated = await new Promise<boolean>((resolve) => {
      const check = (): boolean => {
        const ranges = api.highlighter.decoratedIn(shown);
        return !!ranges && ranges.kinds.quote.length > 0;
      };
      if (check()) return resolve(true);
      const sub = api.highlighter.onDidDecorate(() => check() && (sub.dispose(), resolve(true)));
      setTimeout(() => (sub.dispose(), resolve(check())), 5000);
    });
    assert.ok(decorated, 'its quotes are decorated');
    await vscode.languages.setTextDocumentLanguage(document, 'plaintext');
  });
});

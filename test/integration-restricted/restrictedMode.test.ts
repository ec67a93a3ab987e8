import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { detect, type DetectionKind } from '../../src/core/detect';
import type { Tag } from '../../src/core/tags';
import { EXTENSION_ID, activateExtension, afterRedraw, eventually, exists, freshArticle, readText, select, showArticle, tagsOnDisk, when, workspaceRoot } from '../integration/helpers';

// What the runner put in the folder and the user settings (RESTRICTED in test/host/run-tests.mjs).
const WORKSPACE_AUTHOR = 'Workspace Author';
const USER_AUTHOR = 'User Author';
const MIRROR_FOLDER = 'workspace-mirror';
const REPOSITORY_GIT_USER = 'Repository Git Author';
const HOME_GIT_USER = 'Home Git Author';

const spansOf = (text: string, kind: DetectionKind): Array<{ start: number; end: number }> =>
  detect(text)
    .filter((d) => d.kind === kind)
    .map(({ start, end }) => ({ start, end }));

async function api() {
  return (await activateExtension()).exports;
}

/** Tags the selection with `command` and returns the tag and the sidecar's text once it is on disk. */
async function tagAndWrite(article: vscode.Uri, command: string): Promise<{ tag: Tag; yaml: string }> {
  const { store } = await api();
  const done = when(store.onDidWrite, (e) => e.article.toString() === article.toString(), `a write of ${article.path}`);
  const tag = await vscode.commands.executeCommand<Tag>(command);
  await done;
  await store.flush(article);
  return { tag, yaml: await readText(article.with({ path: `${article.path}.tags.yaml` })) };
}

describe('in Restricted Mode (a workspace folder VS Code does not trust)', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the folder untrusted, with the workspace settings that choose sidecars and author in place, and activates the extension', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the folder is in Restricted Mode');
    // The folder does ask for mirrored sidecars and its own author: what the tests below see ignored.
    const shipped = JSON.parse(await readText(vscode.Uri.joinPath(workspaceRoot(), '.vscode', 'settings.json')));
    assert.equal(shipped['newsAnnotator.sidecar.location'], 'mirror');
    assert.equal(shipped['newsAnnotator.sidecar.mirrorFolder'], MIRROR_FOLDER);
    assert.equal(shipped['newsAnnotator.author'], WORKSPACE_AUTHOR);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is loaded in Restricted Mode');
    await showArticle(vscode.Uri.joinPath(workspaceRoot(), '000_66182b2613313ed4.txt'));
    const exports = await api();
    assert.equal(extension.isActive, true);
    assert.equal(exports.version, extension.packageJSON.version);
    const config = vscode.workspace.getConfiguration('newsAnnotator');
    assert.equal(config.get('sidecar.location'), 'beside', "the workspace's sidecar location is not in force");
    assert.equal(config.get('sidecar.mirrorFolder'), '.annotations', "the workspace's mirror folder is not in force");
    assert.equal(config.get('author'), USER_AUTHOR, "the user's author wins over the workspace's");
  });

  it("highlights a sample article as the detector finds it, with the workspace's own highlight settings, and describes a claim in the hover", async () => {
    const editor = await showArticle(vscode.Uri.joinPath(workspaceRoot(), '000_66182b2613313ed4.txt'));
    // The workspace turns cues on (a setting Restricted Mode leaves to it): its settings are read.
    const decorated = await afterRedraw(editor, () => undefined, (d) => d.kinds.cue.length > 0);
    const text = editor.document.getText();
    for (const kind of ['quote', 'number', 'attribution', 'cue'] as const) {
      assert.ok(decorated.kinds[kind].length > 0, `some ${kind} is decorated`);
      assert.deepEqual(decorated.kinds[kind], spansOf(text, kind), `${kind} decorations match the detector`);
    }
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(text.indexOf('1,000 troops') + 2));
    const hover = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\(.)/g, '$1');
    assert.match(hover, /Numeric claim · \w+ · upwards of 1,000/);
  });

  it("writes a tag to the sidecar beside the article, not in the workspace's mirror folder, with the user's author, and lists it in the Tags view", async () => {
    const article = await freshArticle('000_66182b2613313ed4.txt', 'restricted-tag.txt');
    const editor = await showArticle(article);
    select(editor, 'upwards of 1,000 troops per day');
    const { tag, yaml } = await tagAndWrite(article, 'newsAnnotator.tagClaim');
    assert.equal(tag.author, USER_AUTHOR);
    const [onDisk] = tagsOnDisk(yaml);
    assert.equal(onDisk.kind, 'claim');
    assert.equal(onDisk.anchor.exact, 'upwards of 1,000 troops per day');
    assert.equal(onDisk.author, USER_AUTHOR, "the sidecar names the user's author, not the workspace's");
    assert.doesNotMatch(yaml, new RegExp(WORKSPACE_AUTHOR));
    assert.equal(await exists(vscode.Uri.joinPath(workspaceRoot(), MIRROR_FOLDER)), false, 'nothing is written to the mirror folder the workspace names');
    const { tagTree } = await api();
    const listed = (): boolean => tagTree.getChildren().some((n) => n.type === 'file' && n.article === article.toString());
    await eventually(listed, tagTree.onDidChangeTreeData, 'the article in the Tags view');
  });

  it("takes the author from git run outside the workspace when the user names none, never from the repository's own config", async () => {
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('newsAnnotator');
    await config().update('author', undefined, vscode.ConfigurationTarget.Global);
    try {
      // The workspace's author is still ignored: with no user setting, no author is set at all.
      assert.equal(config().get('author'), '');
      const article = await freshArticle('002_1d5a32230170d5dd.txt', 'restricted-git.txt');
      const editor = await showArticle(article);
      select(editor, '12,000 troops');
      const { tag, yaml } = await tagAndWrite(article, 'newsAnnotator.tagClaim');
      assert.notEqual(tag.author, REPOSITORY_GIT_USER, "the repository's git config is not read before the folder is trusted");
      assert.equal(tag.author, HOME_GIT_USER);
      assert.equal(tagsOnDisk(yaml)[0].author, HOME_GIT_USER);
    } finally {
      await config().update('author', USER_AUTHOR, vscode.ConfigurationTarget.Global);
    }
  });
});

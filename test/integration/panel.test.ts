import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { serialiseSidecar } from '../../src/core/sidecar';
import { createTag, type Tag } from '../../src/core/tags';
import { activateExtension, eventually, freshArticle, readText, select, showArticle, when, workspaceRoot } from './helpers';
import type { Node } from '../../src/vscode/tagTree';

const AUTHOR = 'Panel Tester';

async function api() {
  return (await activateExtension()).exports;
}

async function tagAs(editor: vscode.TextEditor, needle: string, command: string): Promise<Tag> {
  select(editor, needle);
  return vscode.commands.executeCommand<Tag>(command);
}

/** The tree's labels below `node`, as the view shows them. */
async function labels(node?: Node): Promise<string[]> {
  const { tagTree } = await api();
  return tagTree.getChildren(node).map((child) => {
    const label = tagTree.getTreeItem(child).label;
    return typeof label === 'string' ? label : (label?.label ?? '');
  });
}

async function fileNode(name: string): Promise<Node | undefined> {
  const { tagTree } = await api();
  return tagTree.getChildren().find((n) => n.type === 'file' && n.article.endsWith(`/panel/${name}`));
}

describe('the side panel', () => {
  let first: vscode.Uri;
  let second: vscode.Uri;
  const made: Record<string, Tag> = {};

  before(async () => {
    const config = vscode.workspace.getConfiguration('newsAnnotator');
    await config.update('author', AUTHOR, vscode.ConfigurationTarget.Global);
    first = await freshArticle('000_66182b2613313ed4.txt', 'a-first.txt', 'panel');
    second = await freshArticle('002_1d5a32230170d5dd.txt', 'b-second.txt', 'panel');
    const a = await showArticle(first);
    made.troops = await tagAs(a, 'upwards of 1,000 troops per day', 'newsAnnotator.tagClaim');
    made.axis = await tagAs(a, 'Axis of Aggressors', 'newsAnnotator.tagOpinion');
    made.kim = await tagAs(a, 'Kim is not stupid', 'newsAnnotator.tagOpinion');
    const b = await showArticle(second);
    made.brigades = await tagAs(b, 'four brigades, comprising 12,000 troops', 'newsAnnotator.tagClaim');
    await (await api()).store.flush();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('newsAnnotator').update('author', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('newsAnnotator.clearTagFilter');
    await vscode.commands.executeCommand('newsAnnotator.groupTagsByFile');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('newsAnnotator.clearTagFilter');
  });

  it('lists the tags by file, then kind, with counts', async () => {
    const { tagTree } = await api();
    await eventually(() => tagTree.getChildren().some((n) => n.type === 'file' && n.article === second.toString()), tagTree.onDidChangeTreeData, 'the second file in the tree');
    const file = (await fileNode('a-first.txt'))!;
    assert.equal(tagTree.getTreeItem(file).description, '3');
    assert.deepEqual(await labels(file), ['Claim', 'Opinion']);
    const [, opinion] = tagTree.getChildren(file);
    assert.equal(tagTree.getTreeItem(opinion).description, '2');
    assert.deepEqual(await labels(opinion), ['Kim is not stupid', 'Axis of Aggressors'], 'in reading order');
    const tagItem = tagTree.getTreeItem(tagTree.getChildren(opinion)[1]);
    assert.match(String(tagItem.description), /^Ln 12$/);
    assert.equal(tagItem.contextValue, 'tag.anchored');
    assert.ok(Number(tagTree.view.badge?.value) >= 4, 'the view carries a badge');
  });

  it('groups by kind, then file, when asked', async () => {
    const { tagTree } = await api();
    await vscode.commands.executeCommand('newsAnnotator.filterTagsByAuthor', AUTHOR);
    await vscode.commands.executeCommand('newsAnnotator.groupTagsByKind');
    try {
      assert.deepEqual(await labels(), ['Claim', 'Opinion']);
      const claim = tagTree.getChildren()[0];
      assert.deepEqual(await labels(claim), ['panel/a-first.txt', 'panel/b-second.txt']);
      assert.deepEqual(await labels(tagTree.getChildren(claim)[1]), ['four brigades, comprising 12,000 troops']);
    } finally {
      await vscode.commands.executeCommand('newsAnnotator.groupTagsByFile');
    }
  });

  it('opens the article and selects the tagged text when an item is chosen', async () => {
    const { tagTree } = await api();
    await showArticle(second);
    const node = tagTree.nodeOf(first.toString(), made.axis.id)!;
    const item = tagTree.getTreeItem(node);
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), first.toString());
    assert.equal(editor.document.getText(editor.selection), 'Axis of Aggressors');
  });

  it('goes to the next and previous tag in reading order, across files', async () => {
    await vscode.commands.executeCommand('newsAnnotator.filterTagsByAuthor', AUTHOR);
    const editor = await showArticle(first);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const visited: string[] = [];
    for (let i = 0; i < 4; i++) {
      await vscode.commands.executeCommand('newsAnnotator.nextTag');
      const active = vscode.window.activeTextEditor!;
      visited.push(active.document.getText(active.selection));
    }
    assert.deepEqual(visited, ['upwards of 1,000 troops per day', 'Kim is not stupid', 'Axis of Aggressors', 'four brigades, comprising 12,000 troops']);
    await vscode.commands.executeCommand('newsAnnotator.nextTag');
    assert.equal(vscode.window.activeTextEditor!.document.uri.toString(), first.toString(), 'wraps around to the first file');
    await vscode.commands.executeCommand('newsAnnotator.previousTag');
    const back = vscode.window.activeTextEditor!;
    assert.equal(back.document.getText(back.selection), 'four brigades, comprising 12,000 troops');
  });

  it('filters by kind, text, author and tags needing attention, and says so in the view', async () => {
    const { tagTree } = await api();
    await vscode.commands.executeCommand('newsAnnotator.filterTagsByAuthor', AUTHOR);
    assert.match(String(tagTree.view.description), /by Panel Tester/);
    await vscode.commands.executeCommand('newsAnnotator.filterTagsByKind', ['opinion']);
    assert.deepEqual(await labels(), ['panel/a-first.txt']);
    assert.deepEqual(await labels(tagTree.getChildren()[0]), ['Opinion']);
    await vscode.commands.executeCommand('newsAnnotator.filterTagsByKind', []);
    await vscode.commands.executeCommand('newsAnnotator.filterTagsByText', 'TROOPS');
    assert.deepEqual(await labels(), ['panel/a-first.txt', 'panel/b-second.txt']);
    assert.match(String(tagTree.view.description), /“TROOPS”/);
    await vscode.commands.executeCommand('newsAnnotator.filterTagsByText', 'no such words anywhere');
    assert.deepEqual(await labels(), ['No tags match the filter.']);
    await vscode.commands.executeCommand('newsAnnotator.clearTagFilter');
    assert.equal(tagTree.view.description, undefined, 'one click clears the filter');

    // Orphan one tag: only it shows among the tags needing attention.
    const editor = await showArticle(second);
    const span = select(editor, 'four brigades, comprising 12,000 troops');
    await editor.edit((b) => b.delete(new vscode.Range(editor.document.positionAt(span.start), editor.document.positionAt(span.end))));
    await vscode.commands.executeCommand('newsAnnotator.filterTagsByAuthor', AUTHOR);
    await vscode.commands.executeCommand('newsAnnotator.toggleOrphansOnly');
    assert.deepEqual(await labels(), ['panel/b-second.txt']);
    const orphanItem = tagTree.getTreeItem(tagTree.getChildren(tagTree.getChildren(tagTree.getChildren()[0])[0])[0]);
    assert.match(String(orphanItem.description), /^orphaned/);
    await vscode.commands.executeCommand('undo');
  });

  it('refreshes when a sidecar changes on disk', async () => {
    const { tagTree, store } = await api();
    const third = await freshArticle('004_f4608aac0cbd5e3d.txt', 'c-third.txt', 'panel');
    const text = await readText(third);
    const start = text.indexOf('675,800 casualties');
    const tag = createTag([], { kind: 'claim', text, start, end: start + '675,800 casualties'.length, author: 'A Colleague' });
    await vscode.workspace.fs.writeFile(third.with({ path: `${third.path}.tags.yaml` }), new TextEncoder().encode(serialiseSidecar('c-third.txt', [tag])));
    await eventually(() => tagTree.getChildren().some((n) => n.type === 'file' && n.article === third.toString()), tagTree.onDidChangeTreeData, 'the new sidecar in the tree');
    const node = tagTree.getChildren().find((n) => n.type === 'file' && n.article === third.toString())!;
    assert.deepEqual(await labels(tagTree.getChildren(node)[0]), ['675,800 casualties']);
    // A change to that sidecar alone refreshes that file's branch.
    const edited = serialiseSidecar('c-third.txt', [{ ...tag, kind: 'speculation' }]);
    const refreshed = when(tagTree.onDidChangeTreeData, (n) => n !== undefined && n.id === node.id, 'a refresh of that branch');
    await vscode.workspace.fs.writeFile(third.with({ path: `${third.path}.tags.yaml` }), new TextEncoder().encode(edited));
    await refreshed;
    assert.deepEqual(await labels(node), ['Speculation']);
    assert.equal(store.peek(third)?.tags[0].kind, 'speculation');
  });

  it('selects the tag under the cursor in the tree as the cursor moves', async () => {
    const { tagTree } = await api();
    await vscode.commands.executeCommand('newsAnnotator.tags.focus');
    const editor = await showArticle(first);
    const { start } = select(editor, 'Axis of Aggressors');
    const revealed = when(tagTree.view.onDidChangeSelection, (e) => e.selection[0]?.type === 'tag' && e.selection[0].tagId === made.axis.id, 'the tree to select the tag');
    editor.selection = new vscode.Selection(editor.document.positionAt(start + 3), editor.document.positionAt(start + 3));
    await revealed;
    assert.equal(vscode.window.activeTextEditor, editor, 'the editor keeps the focus');
  });

  it('triages detected claims with single keys: tags three and skips one', async () => {
    const { triage, detectedView, store } = await api();
    const article = await freshArticle('001_99513561e4769605.txt', 'd-triage.txt', 'panel');
    await showArticle(article);
    const start = await vscode.commands.executeCommand<{ active: boolean; total: number; position: number }>('newsAnnotator.startTriage');
    assert.equal(start.active, true);
    const items = detectedView.items().slice(0, 4);
    assert.equal(start.total, detectedView.items().length);
    const selected = (): string => {
      const editor = vscode.window.activeTextEditor!;
      return editor.document.getText(editor.selection);
    };
    const text = (i: number): string => vscode.window.activeTextEditor!.document.getText().slice(items[i].start, items[i].end);
    assert.equal(selected(), text(0), 'the first detection is selected');
    await vscode.commands.executeCommand('newsAnnotator.triageKey', 'c');
    assert.equal(selected(), text(1));
    await vscode.commands.executeCommand('newsAnnotator.triageSkip');
    await vscode.commands.executeCommand('newsAnnotator.triageKey', 'a');
    await vscode.commands.executeCommand('newsAnnotator.triageKey', 'o');
    assert.deepEqual({ ...triage.state }, { active: true, position: 5, total: start.total, tagged: 3, skipped: 1 });
    const tags = store.peek(article)!.tags;
    assert.deepEqual(
      tags.map((t) => [t.kind, t.anchor.start, t.anchor.end]),
      [
        ['claim', items[0].start, items[0].end],
        ['attribution', items[2].start, items[2].end],
        ['opinion', items[3].start, items[3].end],
      ],
    );
    assert.match(String(detectedView.view.description), /^Triage 5 of \d+$/);
    const stopped = await vscode.commands.executeCommand<{ active: boolean }>('newsAnnotator.stopTriage');
    assert.equal(stopped.active, false);
    assert.equal(detectedView.items().length, start.total - 3, 'the tagged detections leave the Detected view');
  });

  it('lists the untagged detections of the active article in the Detected view', async () => {
    const { detectedView } = await api();
    const editor = await showArticle(first);
    await eventually(() => detectedView.items()[0]?.uri === first.toString(), detectedView.onDidChangeTreeData, 'the Detected view to follow the editor');
    const texts = detectedView.items().map((n) => editor.document.getText().slice(n.start, n.end));
    assert.ok(texts.includes('“Putin has lost a significant number of troops in Ukraine, and instead of mobilizing, he’s turning to other countries for help,”'));
    assert.ok(!texts.includes('upwards of 1,000 troops per day'), 'a tagged number is not listed');
    const item = detectedView.getTreeItem(detectedView.items()[0]);
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    assert.equal(vscode.window.activeTextEditor!.document.getText(vscode.window.activeTextEditor!.selection), texts[0]);
  });

  it('stays quick with 100 sidecars: they load in the background and fill the tree', async () => {
    const { tagTree } = await api();
    const sample = await readText(vscode.Uri.joinPath(workspaceRoot(), '002_1d5a32230170d5dd.txt'));
    const folder = vscode.Uri.joinPath(workspaceRoot(), 'bulk');
    for (let i = 0; i < 100; i++) {
      const tags: Tag[] = [];
      for (let k = 0; k < 20; k++) {
        const start = 200 + k * 300;
        tags.push(createTag(tags, { kind: ['claim', 'speculation', 'attribution', 'opinion'][k % 4], text: sample, start, end: start + 40, author: 'Bulk' }));
      }
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `article-${i}.txt`), new TextEncoder().encode(sample));
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `article-${i}.txt.tags.yaml`), new TextEncoder().encode(serialiseSidecar(`article-${i}.txt`, tags)));
    }
    const started = Date.now();
    await vscode.commands.executeCommand('newsAnnotator.refreshTags');
    await vscode.commands.executeCommand('newsAnnotator.filterTagsByAuthor', 'Bulk');
    const files = tagTree.getChildren().filter((n) => n.type === 'file');
    assert.equal(files.length, 100);
    assert.equal(tagTree.view.badge?.value, 2000);
    assert.ok(Date.now() - started < 20_000, `loading took ${Date.now() - started} ms`);
  });
});

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Tag } from '../../src/core/tags';
import { activateExtension, eventually, exists, freshArticle, readText, select, showArticle, tagsOnDisk, when, workspaceRoot } from './helpers';

const sidecarOf = (article: vscode.Uri): vscode.Uri => article.with({ path: `${article.path}.tags.yaml` });

async function api() {
  return (await activateExtension()).exports;
}

/**
 * Runs `action`, waits until it made the article's sidecar be written, then until every
 * change is on disk (a write already under way when the action ran may not hold it yet).
 */
async function written(article: vscode.Uri, action: () => Thenable<unknown> | unknown): Promise<string> {
  const { store } = await api();
  const done = when(store.onDidWrite, (e) => e.article.toString() === article.toString(), `a write of ${article.path}`);
  await action();
  await done;
  await store.flush(article);
  return readText(sidecarOf(article));
}

describe('tagging spans and keeping them in sidecar files', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('newsAnnotator').update('sidecar.location', undefined, vscode.ConfigurationTarget.Global);
    await (await api()).store.flush();
  });

  it('tags the selection as a claim and writes it to the sidecar beside the article', async () => {
    const article = await freshArticle('000_66182b2613313ed4.txt', 'tag-selection.txt');
    const editor = await showArticle(article);
    const span = select(editor, 'upwards of 1,000 troops per day');
    const yaml = await written(article, () => vscode.commands.executeCommand('newsAnnotator.tagClaim'));
    assert.match(yaml, /^version: 1$/m);
    assert.match(yaml, /^article: tag-selection\.txt$/m);
    const [tag] = tagsOnDisk(yaml);
    assert.equal(tag.kind, 'claim');
    assert.equal(tag.anchor.exact, 'upwards of 1,000 troops per day');
    assert.deepEqual([tag.anchor.start, tag.anchor.end], [span.start, span.end]);
    assert.equal(tag.anchor.line, 2);
    assert.ok(tag.author.length > 0);
    // The tagged text comes first in its block, so a reviewer reading the diff sees it.
    assert.match(yaml, /tags:\n {2}- text: upwards of 1,000 troops per day\n {4}kind: claim\n/);
  });

  it('tags the quote under the cursor when nothing is selected', async () => {
    const article = await freshArticle('000_66182b2613313ed4.txt', 'tag-cursor.txt');
    const editor = await showArticle(article);
    const { start } = select(editor, 'significant number');
    editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(start));
    const tag = await vscode.commands.executeCommand<Tag>('newsAnnotator.tagAttribution');
    assert.match(tag.anchor.exact, /^“Putin has lost a significant number of troops in Ukraine,.*help,”$/);
    assert.equal(editor.document.getText(editor.selection), tag.anchor.exact, 'the tagged span is selected');
  });

  it('moves a tag with text typed before it and writes the new offsets when the article is saved', async () => {
    const article = await freshArticle('002_1d5a32230170d5dd.txt', 'tag-follow.txt');
    const editor = await showArticle(article);
    select(editor, '12,000 troops');
    const { store } = await api();
    await written(article, () => vscode.commands.executeCommand('newsAnnotator.tagClaim'));
    const typed = 'EDITOR’S NOTE: updated.\n';
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), typed));
    const [moved] = store.peek(article)!.tags;
    assert.equal(editor.document.getText().slice(moved.anchor.start, moved.anchor.end), '12,000 troops');
    const yaml = await written(article, () => editor.document.save());
    const [onDisk] = tagsOnDisk(yaml);
    assert.equal(onDisk.anchor.start, moved.anchor.start);
    assert.equal((await readText(article)).slice(onDisk.anchor.start, onDisk.anchor.end), '12,000 troops');
  });

  it('orphans a tag whose text is deleted, reports it in Problems, and brings it back on undo', async () => {
    const article = await freshArticle('001_99513561e4769605.txt', 'tag-orphan.txt');
    const editor = await showArticle(article);
    const span = select(editor, 'alarming and destabilizing');
    const { store } = await api();
    await written(article, () => vscode.commands.executeCommand('newsAnnotator.tagOpinion'));
    await editor.edit((b) => b.delete(new vscode.Range(editor.document.positionAt(span.start - 30), editor.document.positionAt(span.end + 5))));
    const [orphan] = store.peek(article)!.tags;
    assert.equal(orphan.status, 'orphan');
    assert.equal(orphan.anchor.exact, 'alarming and destabilizing', 'the orphan keeps its text');
    await eventually(() => vscode.languages.getDiagnostics(article).some((d) => d.code === 'orphan-tag'), vscode.languages.onDidChangeDiagnostics, 'an orphan diagnostic');
    await vscode.commands.executeCommand('undo');
    const [back] = store.peek(article)!.tags;
    assert.equal(back.status, 'anchored');
    assert.deepEqual([back.anchor.start, back.anchor.end], [span.start, span.end]);
  });

  it('reloads the tags when the sidecar changes on disk', async () => {
    const article = await freshArticle('003_bb27b04e273cb384.txt', 'tag-reload.txt');
    const editor = await showArticle(article);
    select(editor, 'There are lies, damn lies and rumors about North Korea.');
    const { store } = await api();
    const yaml = await written(article, () => vscode.commands.executeCommand('newsAnnotator.tagClaim'));
    const colleague = yaml.replace('kind: claim', 'kind: opinion').replace(/\ntags:/, '\n# reviewed by the desk\ntags:');
    // The file may be seen half written (a watcher can fire between truncating and writing):
    // wait for the reload that reads what the colleague wrote, not for the first one.
    const reloaded = when(store.onDidChange, (e) => e.article.toString() === article.toString() && e.reason === 'reload' && store.peek(article)?.tags[0]?.kind === 'opinion', 'a reload with the colleague\'s kind');
    await vscode.workspace.fs.writeFile(sidecarOf(article), new TextEncoder().encode(colleague));
    await reloaded;
    assert.equal(store.peek(article)!.tags.length, 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', article, editor.selection.start.translate(0, 3));
    const shown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(shown, /\*\*Opinion\*\* tag/);
  });

  it('keeps a malformed sidecar untouched, reports it at its line and refuses new tags', async () => {
    const article = await freshArticle('004_f4608aac0cbd5e3d.txt', 'tag-malformed.txt');
    const broken = 'version: 1\narticle: tag-malformed.txt\ntags:\n  - text: "unclosed\n    kind: claim\n';
    await vscode.workspace.fs.writeFile(sidecarOf(article), new TextEncoder().encode(broken));
    const editor = await showArticle(article);
    await eventually(() => vscode.languages.getDiagnostics(sidecarOf(article)).length > 0, vscode.languages.onDidChangeDiagnostics, 'a sidecar diagnostic');
    const diagnostics = vscode.languages.getDiagnostics(sidecarOf(article));
    assert.ok(diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error && d.range.start.line === 3), 'an error on line 4');
    select(editor, '675,800 casualties');
    const tag = await vscode.commands.executeCommand<Tag | undefined>('newsAnnotator.tagClaim');
    assert.equal(tag, undefined);
    await (await api()).store.flush(article);
    assert.equal(await readText(sidecarOf(article)), broken, 'the file is byte for byte as it was');
  });

  it('moves the sidecar with the article when the article is renamed', async () => {
    const article = await freshArticle('000_66182b2613313ed4.txt', 'tag-rename.txt');
    const editor = await showArticle(article);
    select(editor, 'Axis of Aggressors');
    await written(article, () => vscode.commands.executeCommand('newsAnnotator.tagClaim'));
    const { store } = await api();
    const renamed = vscode.Uri.joinPath(workspaceRoot(), 'renamed', 'tag-renamed.txt');
    const moved = when(store.onDidChange, (e) => e.reason === 'rename' && e.article.toString() === renamed.toString(), 'the rename');
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(article, renamed);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await moved;
    assert.equal(await exists(sidecarOf(article)), false, 'no sidecar left at the old place');
    const yaml = await readText(sidecarOf(renamed));
    assert.match(yaml, /^article: tag-renamed\.txt$/m);
    assert.equal(tagsOnDisk(yaml)[0].anchor.exact, 'Axis of Aggressors');
  });

  it('edits a note, changes the kind, removes the tag and undoes the removal', async () => {
    const article = await freshArticle('001_99513561e4769605.txt', 'tag-edit.txt');
    const editor = await showArticle(article);
    select(editor, 'up to 10,000 troops');
    const tag = await vscode.commands.executeCommand<Tag>('newsAnnotator.tagClaim');
    const ref = { article: article.toString(), id: tag.id };
    let yaml = await written(article, () => vscode.commands.executeCommand('newsAnnotator.editNote', ref, 'Pentagon figure.\nCompare with the NIS estimate.'));
    assert.match(yaml, /note: \|-\n {6}Pentagon figure\.\n {6}Compare with the NIS estimate\.\n/);
    yaml = await written(article, () => vscode.commands.executeCommand('newsAnnotator.changeKind', ref, 'speculation'));
    assert.equal(tagsOnDisk(yaml)[0].kind, 'speculation');
    yaml = await written(article, () => vscode.commands.executeCommand('newsAnnotator.removeTag', ref));
    assert.deepEqual(tagsOnDisk(yaml), []);
    yaml = await written(article, () => vscode.commands.executeCommand('newsAnnotator.undoTagChange', article));
    const [restored] = tagsOnDisk(yaml);
    assert.equal(restored.id, tag.id, 'the tag keeps its id');
    assert.equal(restored.kind, 'speculation');
    assert.equal(restored.note, 'Pentagon figure.\nCompare with the NIS estimate.');
  });

  it('edits a multi-line note in its own editor and stores it on save', async () => {
    const article = await freshArticle('002_1d5a32230170d5dd.txt', 'tag-note.txt');
    const editor = await showArticle(article);
    select(editor, '2,600 troops');
    let tag: Tag | undefined;
    await written(article, async () => (tag = await vscode.commands.executeCommand<Tag>('newsAnnotator.tagClaim')));
    assert.ok(tag);
    await vscode.commands.executeCommand('newsAnnotator.editNote', { article: article.toString(), id: tag.id });
    const noteEditor = vscode.window.activeTextEditor!;
    assert.equal(noteEditor.document.uri.scheme, 'news-annotator-note');
    await noteEditor.edit((b) => b.insert(new vscode.Position(0, 0), 'Budanov’s figure.\n\nNot confirmed by Seoul.'));
    const yaml = await written(article, () => noteEditor.document.save());
    assert.equal(tagsOnDisk(yaml)[0].note, 'Budanov’s figure.\n\nNot confirmed by Seoul.');
  });

  it('keeps the tags of an untitled document in memory and writes them when it is saved', async () => {
    const target = vscode.Uri.joinPath(workspaceRoot(), 'tag-untitled.txt');
    const untitled = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
    const editor = await vscode.window.showTextDocument(untitled);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'The minister said 40 people were hurt in the blast.'));
    select(editor, '40 people');
    const tag = await vscode.commands.executeCommand<Tag>('newsAnnotator.tagClaim');
    assert.equal(tag.anchor.exact, '40 people');
    assert.equal(await exists(sidecarOf(target)), false);
    const yaml = await written(target, () => untitled.save());
    assert.equal(tagsOnDisk(yaml)[0].id, tag.id);
  });

  it('keeps the tags in memory with a clear error when the sidecar cannot be written', async () => {
    // Sidecars go to a mirror folder, but a file stands where that folder should be.
    const blocker = vscode.Uri.joinPath(workspaceRoot(), 'blocked');
    await vscode.workspace.fs.writeFile(blocker, new TextEncoder().encode('not a folder'));
    const config = vscode.workspace.getConfiguration('newsAnnotator');
    await config.update('sidecar.location', 'mirror', vscode.ConfigurationTarget.Global);
    await config.update('sidecar.mirrorFolder', 'blocked', vscode.ConfigurationTarget.Global);
    try {
      const article = await freshArticle('003_bb27b04e273cb384.txt', 'tag-unwritable.txt');
      const editor = await showArticle(article);
      select(editor, 'a stark manifestation');
      const { store } = await api();
      const failed = when(store.onDidChange, (e) => e.reason === 'write' && e.article.toString() === article.toString(), 'a failed write');
      const tag = await vscode.commands.executeCommand<Tag>('newsAnnotator.tagOpinion');
      await failed;
      const entry = store.peek(article)!;
      assert.ok(entry.writeError, 'the failure is recorded');
      assert.equal(entry.tags[0].id, tag.id, 'the tag is kept in memory');
      // Once the obstacle is gone, the next change writes everything.
      await vscode.workspace.fs.delete(blocker);
      const done = when(store.onDidWrite, (e) => e.article.toString() === article.toString(), 'the write');
      await vscode.commands.executeCommand('newsAnnotator.editNote', { article: article.toString(), id: tag.id }, 'kept');
      const { sidecar } = await done;
      const [onDisk] = tagsOnDisk(await readText(sidecar));
      assert.equal(onDisk.id, tag.id);
      assert.equal(onDisk.note, 'kept');
    } finally {
      await config.update('sidecar.mirrorFolder', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('leaves alone a sidecar it cannot read and says why', async () => {
    const article = await freshArticle('002_1d5a32230170d5dd.txt', 'tag-unreadable.txt');
    // A folder where the sidecar file should be.
    await vscode.workspace.fs.createDirectory(sidecarOf(article));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(sidecarOf(article), 'keep.txt'), new TextEncoder().encode('mine'));
    const editor = await showArticle(article);
    select(editor, 'four brigades');
    const tag = await vscode.commands.executeCommand<Tag | undefined>('newsAnnotator.tagClaim');
    assert.equal(tag, undefined, 'tagging is refused');
    const { store } = await api();
    assert.equal(store.peek(article)!.problems[0]?.code, 'unreadable');
    assert.equal(await readText(vscode.Uri.joinPath(sidecarOf(article), 'keep.txt')), 'mine', 'nothing there was touched');
  });

  it('finds its tags again when the article changed on disk while closed', async () => {
    const article = await freshArticle('000_66182b2613313ed4.txt', 'tag-outside.txt');
    const editor = await showArticle(article);
    const passage = 'Kim is not stupid, he knows Putin needs both ammunition and troops';
    select(editor, passage);
    const yaml = await written(article, () => vscode.commands.executeCommand('newsAnnotator.tagOpinion'));
    const before = tagsOnDisk(yaml)[0];
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    // Another tool adds a line on top and corrects the quote.
    const corrected = 'Kim is not stupid: he knows Putin needs ammunition and troops';
    const changed = 'CORRECTION: an earlier version misquoted Victor Cha.\n' + (await readText(article)).replace(passage, corrected);
    await vscode.workspace.fs.writeFile(article, new TextEncoder().encode(changed));
    const { store } = await api();
    await showArticle(article);
    await eventually(() => store.peek(article)!.tags[0].status !== 'anchored', store.onDidChange, 'a re-anchor');
    const [tag] = store.peek(article)!.tags;
    assert.equal(tag.status, 'fuzzy', 'a corrected passage is re-anchored by similarity and marked for review');
    assert.equal(changed.slice(tag.anchor.start, tag.anchor.end), corrected);
    assert.equal(tag.anchor.exact, before.anchor.exact, 'it keeps the text that was tagged until someone confirms');
    await eventually(() => vscode.languages.getDiagnostics(article).some((d) => d.code === 'fuzzy-tag'), vscode.languages.onDidChangeDiagnostics, 'a fuzzy diagnostic');
    const confirmed = await vscode.commands.executeCommand<Tag>('newsAnnotator.confirmTag', { article: article.toString(), id: tag.id });
    assert.equal(confirmed.status, 'anchored');
    assert.equal(confirmed.anchor.exact, corrected);
  });

  it('keeps a tag across a line break anchored, with no flag, when the article is re-wrapped on disk while closed', async () => {
    const paragraph = 'Ukraine said on Monday that 11,000 North Korean troops had moved into the region, according to the defence minister, who added that “the operation will go on for as long as it takes, whatever Moscow claims” and declined to give a date.';
    const wrapAt = (width: number): string => {
      const lines: string[] = [];
      for (const word of paragraph.split(' ')) {
        const last = lines.length - 1;
        if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
        else lines.push(word);
      }
      return `# Kursk\n\n${lines.join('\n')}\n`;
    };
    const article = vscode.Uri.joinPath(workspaceRoot(), 'tag-rewrapped.md');
    await vscode.workspace.fs.writeFile(article, new TextEncoder().encode(wrapAt(80)));
    const editor = await showArticle(article);
    const text = editor.document.getText();
    const quoted = text.slice(text.indexOf('“'), text.indexOf('”') + 1);
    assert.ok(quoted.includes('\n'), 'the quote crosses a line break');
    select(editor, quoted);
    await written(article, () => vscode.commands.executeCommand('newsAnnotator.tagClaim'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    // A formatter re-wraps the paragraph at 64 columns.
    const rewrapped = wrapAt(64);
    await vscode.workspace.fs.writeFile(article, new TextEncoder().encode(rewrapped));
    const { store } = await api();
    await showArticle(article);
    const now = rewrapped.slice(rewrapped.indexOf('“'), rewrapped.indexOf('”') + 1);
    assert.notEqual(now, quoted, 'the line breaks moved');
    await eventually(() => store.peek(article)!.tags[0].anchor.exact === now, store.onDidChange, 'a re-anchor');
    const [tag] = store.peek(article)!.tags;
    assert.equal(tag.status, 'anchored');
    assert.deepEqual([tag.anchor.start, tag.anchor.end], [rewrapped.indexOf('“'), rewrapped.indexOf('”') + 1]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(vscode.languages.getDiagnostics(article).filter((d) => d.code === 'fuzzy-tag' || d.code === 'orphan-tag'), [], 'nothing to confirm');
  });

  it('keeps a tag across a line break anchored when its paragraph is re-wrapped in the editor in one edit, as rewrap commands do', async () => {
    const words = 'Officials in Kyiv said that “the operation will go on for as long as it takes, whatever Moscow claims about the region” and declined to say more about the troops.'.split(' ');
    const wrapAt = (width: number): string => {
      const lines: string[] = [];
      for (const word of words) {
        const last = lines.length - 1;
        if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
        else lines.push(word);
      }
      return lines.join('\n');
    };
    const article = vscode.Uri.joinPath(workspaceRoot(), 'tag-rewrap-in-editor.md');
    await vscode.workspace.fs.writeFile(article, new TextEncoder().encode(`# Kyiv\n\n${wrapAt(72)}\n`));
    const editor = await showArticle(article);
    const text = editor.document.getText();
    const quoted = text.slice(text.indexOf('“'), text.indexOf('”') + 1);
    assert.ok(quoted.includes('\n'), 'the quote crosses a line break');
    select(editor, quoted);
    const tag = await vscode.commands.executeCommand<Tag>('newsAnnotator.tagClaim');
    // The whole paragraph replaced at once, wrapped at 50 columns.
    const from = text.indexOf('Officials');
    const to = text.indexOf('troops.') + 'troops.'.length;
    const range = new vscode.Range(editor.document.positionAt(from), editor.document.positionAt(to));
    assert.ok(await editor.edit((b) => b.replace(range, wrapAt(50))));
    const now = editor.document.getText();
    const { store } = await api();
    const [after] = store.peek(article)!.tags;
    assert.equal(after.id, tag.id);
    assert.equal(after.status, 'anchored');
    assert.deepEqual([after.anchor.start, after.anchor.end], [now.indexOf('“'), now.indexOf('”') + 1]);
    assert.equal(after.anchor.exact, now.slice(now.indexOf('“'), now.indexOf('”') + 1));
  });

  it('re-attaches an orphaned tag to the selection', async () => {
    const article = await freshArticle('004_f4608aac0cbd5e3d.txt', 'tag-reattach.txt');
    const editor = await showArticle(article);
    const span = select(editor, 'This is how World Wars begin.');
    const tag = await vscode.commands.executeCommand<Tag>('newsAnnotator.tagOpinion');
    await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(span.start), editor.document.positionAt(span.end)), 'This is how wars spread.'));
    const { store } = await api();
    assert.equal(store.peek(article)!.tags[0].status, 'orphan');
    select(editor, 'This is how wars spread.');
    const yaml = await written(article, () => vscode.commands.executeCommand('newsAnnotator.reattachTag', { article: article.toString(), id: tag.id }));
    const [onDisk] = tagsOnDisk(yaml);
    assert.equal(onDisk.id, tag.id);
    assert.equal(onDisk.status, 'anchored');
    assert.equal(onDisk.anchor.exact, 'This is how wars spread.');
  });

  it('keeps the sidecar of a deleted article and reports it until the sidecar is deleted too', async () => {
    const article = await freshArticle('001_99513561e4769605.txt', 'tag-deleted.txt');
    const editor = await showArticle(article);
    select(editor, 'stark warning');
    await written(article, () => vscode.commands.executeCommand('newsAnnotator.tagOpinion'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(article);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const missing = (): boolean => vscode.languages.getDiagnostics(sidecarOf(article)).some((d) => d.code === 'missing-article');
    await eventually(missing, vscode.languages.onDidChangeDiagnostics, 'an article-missing diagnostic');
    assert.ok(await exists(sidecarOf(article)), 'the sidecar is kept');
    await vscode.workspace.fs.delete(sidecarOf(article));
    await eventually(() => !missing(), vscode.languages.onDidChangeDiagnostics, 'the diagnostic to go');
  });

  it('keeps offsets right in a CRLF article with a byte order mark, emoji and combining accents', async () => {
    const lines = ['Le ministre a déclaré : « Nous tiendrons bon. »', 'Fans 🎉🎉 cheered as Zoë Ångström (é with a combining accent: e\u0301) said the crowd hit 40,000.', '“It was 😀 unforgettable,” she said.'];
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(lines.join('\r\n') + '\r\n')]);
    const article = vscode.Uri.joinPath(workspaceRoot(), 'tag-crlf.txt');
    await vscode.workspace.fs.writeFile(article, bytes);
    const editor = await showArticle(article);
    const span = select(editor, '“It was 😀 unforgettable,”');
    const yaml = await written(article, () => vscode.commands.executeCommand('newsAnnotator.tagAttribution'));
    const [tag] = tagsOnDisk(yaml);
    // The offsets count UTF-16 code units of the text without its BOM, CRLF kept: what
    // VS Code holds, and what any tool decoding the file as UTF-8 gets.
    const fromDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(article));
    assert.equal(fromDisk.charCodeAt(0), 0x4c, 'the decoder drops the BOM');
    assert.deepEqual([tag.anchor.start, tag.anchor.end], [span.start, span.end]);
    assert.equal(fromDisk.slice(tag.anchor.start, tag.anchor.end), '“It was 😀 unforgettable,”');
    assert.equal(tag.anchor.line, 2);
    // Typing an emoji before it moves it by two code units, and the sidecar follows.
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), '🎈'));
    const moved = tagsOnDisk(await written(article, () => editor.document.save()))[0];
    assert.equal(moved.anchor.start, span.start + 2);
    const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(article));
    assert.equal(saved.slice(moved.anchor.start, moved.anchor.end), '“It was 😀 unforgettable,”');
    assert.ok(saved.includes('\r\n'), 'the article keeps its CRLF line endings');
  });

  it('keeps sidecars in a mirror folder when set, leaving the article folder untouched', async () => {
    await vscode.workspace.getConfiguration('newsAnnotator').update('sidecar.location', 'mirror', vscode.ConfigurationTarget.Global);
    const article = await freshArticle('004_f4608aac0cbd5e3d.txt', 'tag-mirror.txt', 'desk');
    const editor = await showArticle(article);
    select(editor, '$2,000');
    const { store } = await api();
    const done = when(store.onDidWrite, (e) => e.article.toString() === article.toString(), 'the mirror write');
    await vscode.commands.executeCommand('newsAnnotator.tagClaim');
    const { sidecar } = await done;
    assert.equal(sidecar.toString(), vscode.Uri.joinPath(workspaceRoot(), '.annotations', 'desk', 'tag-mirror.txt.tags.yaml').toString());
    assert.equal(await exists(sidecarOf(article)), false);
    assert.equal(tagsOnDisk(await readText(sidecar))[0].anchor.exact, '$2,000');
  });

  it('moves sidecars left beside their articles into the mirror folder on request, never over one already there', async function () {
    // It moves every sidecar of the shared test workspace, there and back: over a hundred once
    // the panel's tests have run, each seen by the file watcher and reloaded by the store.
    this.timeout(120_000);
    const { store } = await api();
    const moving = await freshArticle('003_bb27b04e273cb384.txt', 'tag-move.txt', 'moves');
    const clashing = await freshArticle('003_bb27b04e273cb384.txt', 'tag-clash.txt', 'moves');
    for (const article of [moving, clashing]) {
      const editor = await showArticle(article);
      select(editor, 'North Korea');
      await written(article, () => vscode.commands.executeCommand('newsAnnotator.tagClaim'));
    }
    const mirrored = (article: vscode.Uri): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), '.annotations', 'moves', `${article.path.split('/').pop()}.tags.yaml`);
    // Someone already keeps a sidecar for the second article in the mirror folder.
    const theirs = 'version: 1\narticle: tag-clash.txt\ntags: []\n';
    await vscode.workspace.fs.writeFile(mirrored(clashing), new TextEncoder().encode(theirs));
    const ours = await readText(sidecarOf(moving));

    await vscode.workspace.getConfiguration('newsAnnotator').update('sidecar.location', 'mirror', vscode.ConfigurationTarget.Global);
    await eventually(() => (store.peek(moving)?.tags.length ?? 0) === 0, store.onDidChange, 'the tags to be looked for in the mirror folder');
    type Moves = Record<'moved' | 'kept' | 'failed', Array<{ from: vscode.Uri; to: vscode.Uri }>>;
    const has = (list: Moves['moved'], from: vscode.Uri, to: vscode.Uri): boolean => list.some((m) => m.from.toString() === from.toString() && m.to.toString() === to.toString());
    // The shared test workspace holds other tests' sidecars too: they move as well.
    const result = await vscode.commands.executeCommand<Moves>('newsAnnotator.moveSidecars');
    assert.ok(has(result.moved, sidecarOf(moving), mirrored(moving)), 'the sidecar beside its article moved');
    assert.ok(has(result.kept, sidecarOf(clashing), mirrored(clashing)), 'the clashing one stayed');
    assert.deepEqual(result.failed, []);

    assert.equal(await exists(sidecarOf(moving)), false);
    assert.equal(await readText(mirrored(moving)), ours, 'moved byte for byte');
    await eventually(() => store.peek(moving)?.tags.length === 1, store.onDidChange, 'the moved tags to show again');
    assert.equal(store.peek(moving)?.tags[0].anchor.exact, 'North Korea');
    // Neither file of the clash was touched.
    assert.equal(await readText(mirrored(clashing)), theirs);
    assert.equal(tagsOnDisk(await readText(sidecarOf(clashing)))[0].anchor.exact, 'North Korea');

    // And back, once beside is set again: every sidecar returns to its article. Until then,
    // a sidecar left in the mirror folder says how to move it.
    await vscode.workspace.getConfiguration('newsAnnotator').update('sidecar.location', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('newsAnnotator.refreshTags');
    const advice = (): boolean => vscode.languages.getDiagnostics(mirrored(moving)).some((d) => d.message.includes('Move Sidecars to the Configured Location'));
    await eventually(advice, vscode.languages.onDidChangeDiagnostics, 'advice to move the sidecar left in the mirror folder');
    const back = await vscode.commands.executeCommand<Moves>('newsAnnotator.moveSidecars');
    for (const m of result.moved) assert.ok(has(back.moved, m.to, m.from), `${m.to.path} moved back`);
    assert.equal(await readText(sidecarOf(moving)), ours);

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const folder of [['moves'], ['.annotations', 'moves']]) await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), ...folder), { recursive: true });
  });
});

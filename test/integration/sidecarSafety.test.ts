import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { KindRegistry } from '../../src/core/kinds';
import { parseSidecar } from '../../src/core/sidecar';
import { createTag, addTag, type Tag } from '../../src/core/tags';
import { SidecarStore } from '../../src/vscode/sidecarStore';
import { activateExtension, afterRedraw, eventually, exists, freshArticle, readText, repoRoot, select, showArticle, when, workspaceRoot } from './helpers';

const sidecarOf = (article: vscode.Uri): vscode.Uri => article.with({ path: `${article.path}.tags.yaml` });
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const fixture = (name: string): string => fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'sidecars', 'good', name), 'utf8');

/** The demo sidecar of sample 000, named after the copy `name` of that sample. */
function sampleSidecar(name: string): string {
  return fixture('000_66182b2613313ed4.txt.tags.yaml').replace('article: 000_66182b2613313ed4.txt', `article: ${name}`);
}

/** The same sidecar as a colleague changed it: a note edited by hand and a tag added. */
function colleagues(yaml: string): string {
  return yaml
    .replace('note: Austin at the Pentagon press conference.', 'note: Austin, Pentagon press conference, 30 October.')
    .replace('# End of the reviewed tags.', '  - text: South Korean counterpart\n    kind: attribution\n    start: 0\n    end: 0\n    id: colleague-1\n# End of the reviewed tags.');
}

/** Tags the first `needle` of the article as a claim. */
function tagging(needle: string) {
  return (tags: readonly Tag[], text: string): Tag[] => {
    const start = text.indexOf(needle);
    assert.ok(start >= 0, needle);
    return addTag(tags, createTag(tags, { kind: 'claim', text, start, end: start + needle.length, author: 'Grace Hopper' }));
  };
}

/**
 * The workspace file system with hooks, so a test can make a write fail, or let another
 * program write at the worst moment, deterministically.
 */
class HookedFileSystem implements vscode.FileSystem {
  beforeRead: ((uri: vscode.Uri) => Promise<void> | void) | undefined;
  beforeRename: ((source: vscode.Uri, target: vscode.Uri) => Promise<void> | void) | undefined;
  private readonly real = vscode.workspace.fs;

  stat(uri: vscode.Uri): Thenable<vscode.FileStat> {
    return this.real.stat(uri);
  }
  readDirectory(uri: vscode.Uri): Thenable<[string, vscode.FileType][]> {
    return this.real.readDirectory(uri);
  }
  createDirectory(uri: vscode.Uri): Thenable<void> {
    return this.real.createDirectory(uri);
  }
  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    await this.beforeRead?.(uri);
    return this.real.readFile(uri);
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): Thenable<void> {
    return this.real.writeFile(uri, content);
  }
  delete(uri: vscode.Uri, options?: { recursive?: boolean; useTrash?: boolean }): Thenable<void> {
    return this.real.delete(uri, options);
  }
  async rename(source: vscode.Uri, target: vscode.Uri, options?: { overwrite?: boolean }): Promise<void> {
    await this.beforeRename?.(source, target);
    return this.real.rename(source, target, options);
  }
  copy(source: vscode.Uri, target: vscode.Uri, options?: { overwrite?: boolean }): Thenable<void> {
    return this.real.copy(source, target, options);
  }
  isWritableFileSystem(scheme: string): boolean | undefined {
    return this.real.isWritableFileSystem(scheme);
  }
}

describe('sidecars are never overwritten', () => {
  const log = vscode.window.createOutputChannel('News Annotator (tests)', { log: true });
  let own: SidecarStore | undefined;

  afterEach(async () => {
    own?.dispose();
    own = undefined;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await (await activateExtension()).exports.store.flush();
  });
  after(() => log.dispose());

  it('keeps a sidecar with an alias in a field it does not know, byte for byte, when a tag is added', async () => {
    const article = await freshArticle('000_66182b2613313ed4.txt', 'safety-alias.txt');
    const hand = sampleSidecar('safety-alias.txt')
      .replace('tags:\n', 'sources: &wire {outlet: AP}\ntags:\n')
      .replace('    id: t-0gb1ueig\n', '    id: t-0gb1ueig\n    source: [*wire]\n');
    await vscode.workspace.fs.writeFile(sidecarOf(article), encode(hand));
    const editor = await showArticle(article);
    const { store } = (await activateExtension()).exports;
    select(editor, 'Pentagon press conference');
    const tag = await vscode.commands.executeCommand<Tag | undefined>('newsAnnotator.tagClaim');
    assert.equal(tag, undefined, 'the tag is refused');
    await store.flush(article);
    assert.equal(await readText(sidecarOf(article)), hand, 'the file is as it was');
    assert.equal(store.peek(article)!.tags.length, 4, 'its four tags are shown');
    const alias = (): boolean => vscode.languages.getDiagnostics(sidecarOf(article)).some((d) => d.code === 'invalid-sidecar' && d.message.includes('[yaml-alias]') && d.severity === vscode.DiagnosticSeverity.Error);
    await eventually(alias, vscode.languages.onDidChangeDiagnostics, 'the alias reported in Problems');
  });

  it('keeps tags made here while the sidecar was conflicted, and writes them merged by id once it is fixed', async () => {
    const article = await freshArticle('000_66182b2613313ed4.txt', 'safety-conflict.txt');
    const original = sampleSidecar('safety-conflict.txt');
    await vscode.workspace.fs.writeFile(sidecarOf(article), encode(original));
    const files = new HookedFileSystem();
    own = new SidecarStore(files, () => KindRegistry.defaults, log);
    await own.get(article);

    // The first write fails, so the new tag is pending in memory.
    files.beforeRename = () => {
      throw vscode.FileSystemError.NoPermissions('the sidecar (in this test)');
    };
    const failed = when(own.onDidChange, (e) => e.reason === 'write', 'the failed write');
    const [mine] = (await own.update(article, tagging('Pentagon press conference'))).filter((t) => t.anchor.exact === 'Pentagon press conference');
    await failed;
    assert.equal(own.peek(article)!.phase.name, 'pending');

    // A pull leaves conflict markers in the sidecar.
    const blocked = when(own.onDidChange, () => own!.peek(article)!.phase.name === 'read-only', 'the conflicted sidecar read');
    await vscode.workspace.fs.writeFile(sidecarOf(article), encode(`<<<<<<< HEAD\n${original}=======\n${colleagues(original)}>>>>>>> theirs\n`));
    await blocked;
    const entry = own.peek(article)!;
    assert.ok(entry.tags.some((t) => t.id === mine.id), 'the pending tag is still there');
    assert.match(entry.writeError ?? '', /merged into it by tag id/);
    await assert.rejects(own.update(article, tagging('South Korean counterpart')), /cannot be changed/);

    // Resolved by taking the colleague's side; writing works again.
    files.beforeRename = undefined;
    const written = when(own.onDidWrite, (e) => e.article.toString() === article.toString(), 'the merged write');
    await vscode.workspace.fs.writeFile(sidecarOf(article), encode(colleagues(original)));
    await written;
    const onDisk = parseSidecar(await readText(sidecarOf(article)));
    assert.deepEqual(onDisk.problems.filter((p) => p.severity === 'error'), []);
    assert.ok(onDisk.tags.some((t) => t.id === mine.id), 'our tag is written');
    assert.ok(onDisk.tags.some((t) => t.id === 'colleague-1'), "the colleague's tag is kept");
    assert.equal(onDisk.tags.find((t) => t.id === 't-ha7p5dlt')?.note, 'Austin, Pentagon press conference, 30 October.', "the colleague's note is kept");
  });

  it('merges what another program wrote just before its own write, instead of writing over it', async () => {
    const article = await freshArticle('000_66182b2613313ed4.txt', 'safety-race.txt');
    const original = sampleSidecar('safety-race.txt');
    await vscode.workspace.fs.writeFile(sidecarOf(article), encode(original));
    const files = new HookedFileSystem();
    own = new SidecarStore(files, () => KindRegistry.defaults, log);
    await own.get(article);

    // Another window writes its version at the last moment: after the tag change, as the
    // store reads the sidecar once more before replacing it.
    let armed = false;
    files.beforeRead = async (uri) => {
      if (!armed || uri.toString() !== sidecarOf(article).toString()) return;
      armed = false;
      fs.writeFileSync(sidecarOf(article).fsPath, colleagues(original));
    };
    const renames: string[] = [];
    files.beforeRename = async (source) => {
      renames.push(new TextDecoder().decode(await vscode.workspace.fs.readFile(source)));
    };
    const written = when(own.onDidWrite, (e) => e.article.toString() === article.toString(), 'the write');
    const [mine] = (await own.update(article, tagging('Pentagon press conference'))).filter((t) => t.anchor.exact === 'Pentagon press conference');
    armed = true;
    await written;
    assert.ok(renames.length >= 1);
    for (const text of renames) assert.ok(parseSidecar(text).tags.some((t) => t.id === 'colleague-1'), 'no write ever left out the other version');
    const onDisk = parseSidecar(await readText(sidecarOf(article))).tags;
    assert.ok(onDisk.some((t) => t.id === mine.id), 'our tag is written');
    assert.ok(onDisk.some((t) => t.id === 'colleague-1'), "the other program's tag is kept");
    assert.equal(onDisk.find((t) => t.id === 't-ha7p5dlt')?.note, 'Austin, Pentagon press conference, 30 October.');
  });

  it('merges an outside change that lands while a tag waits to be written', async () => {
    const article = await freshArticle('000_66182b2613313ed4.txt', 'safety-outside.txt');
    const original = sampleSidecar('safety-outside.txt');
    await vscode.workspace.fs.writeFile(sidecarOf(article), encode(original));
    const editor = await showArticle(article);
    const { store } = (await activateExtension()).exports;
    await store.get(article);
    select(editor, 'Pentagon press conference');
    const written = when(store.onDidWrite, (e) => e.article.toString() === article.toString(), 'the write');
    const tag = await vscode.commands.executeCommand<Tag>('newsAnnotator.tagClaim');
    // A checkout or another window, before the tag's write goes out.
    fs.writeFileSync(sidecarOf(article).fsPath, colleagues(original));
    await written;
    await store.flush(article);
    const onDisk = parseSidecar(await readText(sidecarOf(article))).tags;
    assert.ok(onDisk.some((t) => t.id === tag.id), 'our tag is written');
    assert.ok(onDisk.some((t) => t.id === 'colleague-1'), "the outside tag is kept");
  });

  it('moves the tags of a renamed folder’s articles even while one article’s write hangs', async () => {
    const a = await freshArticle('000_66182b2613313ed4.txt', 'a.txt', 'safety-folder');
    const b = await freshArticle('000_66182b2613313ed4.txt', 'b.txt', 'safety-folder');
    await vscode.workspace.fs.writeFile(sidecarOf(a), encode(sampleSidecar('a.txt')));
    await vscode.workspace.fs.writeFile(sidecarOf(b), encode(sampleSidecar('b.txt')));
    const files = new HookedFileSystem();
    own = new SidecarStore(files, () => KindRegistry.defaults, log);
    await own.get(a);
    await own.get(b);

    // a's write stops answering at the rename, as a remote file system may.
    let fail: (error: Error) => void = () => undefined;
    const hanging = new Promise<void>((_resolve, reject) => (fail = reject));
    let reached: () => void = () => undefined;
    const atRename = new Promise<void>((resolve) => (reached = resolve));
    files.beforeRename = (_source, target) => {
      if (target.path.endsWith('/a.txt.tags.yaml')) {
        reached();
        return hanging;
      }
    };
    await own.update(a, tagging('Pentagon press conference'));
    void own.flush(a);
    await atRename;

    const folder = vscode.Uri.joinPath(workspaceRoot(), 'safety-folder');
    const renamed = vscode.Uri.joinPath(workspaceRoot(), 'safety-folder-renamed');
    const movedB = when(own.onDidChange, (e) => e.reason === 'rename' && e.article.path === `${renamed.path}/b.txt`, 'b moved with its folder');
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(folder, renamed);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await movedB;
    const entry = own.peek(vscode.Uri.joinPath(renamed, 'b.txt'))!;
    assert.equal(entry.sidecar?.path, `${renamed.path}/b.txt.tags.yaml`);
    assert.equal(entry.tags.length, 4);
    fail(new Error('the file system gave up (in this test)'));
  });

  describe('with a mirror folder setting that leads out of the workspace', () => {
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('newsAnnotator');
    afterEach(async () => {
      await config().update('sidecar.mirrorFolder', undefined, vscode.ConfigurationTarget.Global);
      await config().update('sidecar.location', undefined, vscode.ConfigurationTarget.Global);
    });

    it('refuses a mirror folder given as ../ or an absolute path, and writes nothing there', async () => {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'news-annotator-outside-'));
      const { store } = (await activateExtension()).exports;
      for (const folder of [path.relative(workspaceRoot().fsPath, outside), outside]) {
        await config().update('sidecar.location', 'mirror', vscode.ConfigurationTarget.Global);
        await config().update('sidecar.mirrorFolder', folder, vscode.ConfigurationTarget.Global);
        const article = await freshArticle('000_66182b2613313ed4.txt', `safety-escape-${folder.startsWith('/') ? 'absolute' : 'relative'}.txt`);
        const editor = await showArticle(article);
        select(editor, 'Pentagon press conference');
        const tag = await vscode.commands.executeCommand<Tag>('newsAnnotator.tagClaim');
        assert.ok(tag, 'tagging still works');
        await store.flush(article);
        const entry = store.peek(article)!;
        assert.equal(entry.sidecar, undefined, `no sidecar place for ${folder}`);
        assert.equal(entry.tags.length, 1, 'the tag is kept in memory');
      }
      assert.deepEqual(fs.readdirSync(outside), [], 'nothing was written outside the workspace');
    });

    it('refuses to write through a symbolic link in the workspace that leads out of it', async () => {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'news-annotator-outside-'));
      fs.symlinkSync(outside, path.join(workspaceRoot().fsPath, 'safety-link'));
      const { store } = (await activateExtension()).exports;
      await config().update('sidecar.location', 'mirror', vscode.ConfigurationTarget.Global);
      await config().update('sidecar.mirrorFolder', 'safety-link', vscode.ConfigurationTarget.Global);
      const article = await freshArticle('000_66182b2613313ed4.txt', 'safety-symlink.txt');
      const editor = await showArticle(article);
      select(editor, 'Pentagon press conference');
      const failed = when(store.onDidChange, (e) => e.reason === 'write' && e.article.toString() === article.toString(), 'the refused write');
      await vscode.commands.executeCommand('newsAnnotator.tagClaim');
      await failed;
      assert.match(store.peek(article)!.writeError ?? '', /safety-link leads out of the workspace folder/);
      assert.deepEqual(fs.readdirSync(outside), [], 'nothing was written through the link');
      assert.equal(await exists(vscode.Uri.joinPath(workspaceRoot(), 'safety-link', 'safety-symlink.txt.tags.yaml')), false);
    });
  });

  it('shows what a sidecar holds in hovers as plain text, and lets hover links act only on the hovered document', async () => {
    const article = await freshArticle('000_66182b2613313ed4.txt', 'safety-hover.txt');
    const crafted = sampleSidecar('safety-hover.txt')
      .replace('note: Austin at the Pentagon press conference.', 'note: "[Tag /etc/passwd](command:newsAnnotator.tagAs?%5B%7B%22uri%22%3A%22file%3A%2F%2F%2Fetc%2Fpasswd%22%7D%5D) $(alert) <b>bold</b> https://evil.example"')
      .replace('created: 2026-11-20T10:01:00Z', 'created: "[Open](command:workbench.action.terminal.new)"');
    await vscode.workspace.fs.writeFile(sidecarOf(article), encode(crafted));
    const editor = await showArticle(article);
    const { store } = (await activateExtension()).exports;
    const entry = await store.get(article);
    const tag = entry.tags.find((t) => t.id === 't-ha7p5dlt')!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', article, editor.document.positionAt(tag.anchor.start + 3));
    const shown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(shown, /Attribution/);
    const links = [...shown.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
    assert.ok(links.length > 0);
    assert.deepEqual([...new Set(links)], ['newsAnnotator._hoverAction'], 'the only links are the hover’s own');
    assert.match(shown, /\\\[Tag \/etc\/passwd\\\]/, 'the note is shown as text');
    assert.doesNotMatch(shown, /(?<!\\)\$\(alert\)|(?<!\\)<b>|(?<!\\):\/\/evil/);

    // A link for anything but the hovered document's own tags and spans does nothing.
    const other = await freshArticle('001_99513561e4769605.txt', 'safety-hover-other.txt');
    assert.equal(await vscode.commands.executeCommand('newsAnnotator._hoverAction', { action: 'tagAs', article: other.toString(), start: 0, end: 10, kind: 'claim' }), undefined);
    assert.equal(await vscode.commands.executeCommand('newsAnnotator._hoverAction', { action: 'remove', article: article.toString(), id: 'no-such-tag' }), undefined);
    assert.equal(await vscode.commands.executeCommand('newsAnnotator._hoverAction', { action: 'tagAs', article: article.toString(), start: -1, end: 5, kind: 'claim' }), undefined);
    await store.flush();
    assert.equal(await exists(sidecarOf(other)), false, 'no sidecar was made for the other article');
    assert.equal(store.peek(article)!.tags.length, 4);
    // The hover's own link works on its own tag.
    await vscode.commands.executeCommand('newsAnnotator._hoverAction', { action: 'remove', article: article.toString(), id: tag.id });
    assert.equal(store.peek(article)!.tags.length, 3);
    // A detected span is tagged as a kind in effect only, and never through an inherited name:
    // the hover's own link, as clicked, works; the same request with another kind does not.
    const { number } = (await afterRedraw(editor, undefined, (d) => d.kinds.number.length > 0)).kinds;
    const figure = number.find((n) => !store.peek(article)!.tags.some((t) => t.anchor.start < n.end && n.start < t.anchor.end));
    assert.ok(figure, 'a figure outside every tag');
    const offered = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', article, editor.document.positionAt(figure.start));
    const shownNow = offered.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    const requests = [...shownNow.matchAll(/\]\(command:newsAnnotator\._hoverAction\?([^)]+)\)/g)].map((m) => (JSON.parse(decodeURIComponent(m[1])) as Array<Record<string, unknown>>)[0]);
    const request = requests.find((r) => r.action === 'tagAs' && r.kind === 'claim');
    assert.ok(request, 'the hover offers to tag the figure as a claim');
    assert.equal(await vscode.commands.executeCommand('newsAnnotator._hoverAction', { ...request, kind: 'made-up' }), undefined);
    assert.equal(await vscode.commands.executeCommand('newsAnnotator._hoverAction', { ...request, action: 'constructor', id: tag.id }), undefined);
    assert.equal(store.peek(article)!.tags.length, 3);
    await vscode.commands.executeCommand('newsAnnotator._hoverAction', request);
    assert.equal(store.peek(article)!.tags.length, 4);
  });

  it('keeps the byte order mark of a sidecar it rewrites', async () => {
    const article = await freshArticle('000_66182b2613313ed4.txt', 'safety-bom.txt');
    await vscode.workspace.fs.writeFile(sidecarOf(article), new Uint8Array([0xef, 0xbb, 0xbf, ...encode(sampleSidecar('safety-bom.txt'))]));
    const editor = await showArticle(article);
    const { store } = (await activateExtension()).exports;
    await store.get(article);
    select(editor, 'Pentagon press conference');
    const written = when(store.onDidWrite, (e) => e.article.toString() === article.toString(), 'the write');
    await vscode.commands.executeCommand('newsAnnotator.tagClaim');
    await written;
    const bytes = await vscode.workspace.fs.readFile(sidecarOf(article));
    assert.deepEqual([...bytes.slice(0, 4)], [0xef, 0xbb, 0xbf, 0x23], 'BOM, then "# Reviewed…"');
  });

  it('leaves alone a sidecar that is not UTF-8, and says so in Problems', async () => {
    const article = await freshArticle('000_66182b2613313ed4.txt', 'safety-latin1.txt');
    // "Zoë" in Latin-1 inside an otherwise valid sidecar.
    const utf8 = encode(sampleSidecar('safety-latin1.txt').replace('author: Ada Lovelace', 'author: Zo@'));
    const latin1 = utf8.map((byte) => (byte === 0x40 ? 0xeb : byte));
    await vscode.workspace.fs.writeFile(sidecarOf(article), latin1);
    const editor = await showArticle(article);
    const { store } = (await activateExtension()).exports;
    const entry = await store.get(article);
    assert.equal(entry.writable, false);
    assert.match(entry.problems[0].message, /not valid UTF-8 \(first bad byte at offset \d+\)/);
    select(editor, 'Pentagon press conference');
    assert.equal(await vscode.commands.executeCommand<Tag | undefined>('newsAnnotator.tagClaim'), undefined);
    await store.flush(article);
    assert.deepEqual([...(await vscode.workspace.fs.readFile(sidecarOf(article)))], [...latin1], 'byte for byte as it was');
    await eventually(() => vscode.languages.getDiagnostics(sidecarOf(article)).some((d) => d.message.includes('not valid UTF-8')), vscode.languages.onDidChangeDiagnostics, 'a diagnostic');
  });
});

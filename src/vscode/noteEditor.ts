import * as vscode from 'vscode';
import type { KindRegistry } from '../core/kinds';
import { editNote, findTag } from '../core/tags';
import { Schemes } from '../ids';
import { Disposable } from './disposable';
import { SidecarStore } from './sidecarStore';
import type { TagRef } from './tagCommands';

/**
 * Tag notes as files of their own (`news-annotator-note:`), so a note of several paragraphs
 * is edited in a real editor, with Markdown, undo and Ctrl+S, and saving writes the sidecar.
 */
export class NoteFileSystem extends Disposable implements vscode.FileSystemProvider {
  private readonly changes = this.register(new vscode.EventEmitter<vscode.FileChangeEvent[]>());
  readonly onDidChangeFile = this.changes.event;

  constructor(
    private readonly store: SidecarStore,
    private readonly kinds: () => KindRegistry,
  ) {
    super();
    this.register(vscode.workspace.registerFileSystemProvider(Schemes.note, this, { isCaseSensitive: true }));
    this.register(
      store.onDidChange(({ article }) => {
        const open = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === Schemes.note && refOf(d.uri).article === article.toString());
        if (open.length > 0) this.changes.fire(open.map((d) => ({ type: vscode.FileChangeType.Changed, uri: d.uri })));
      }),
    );
  }

  /** The note document's URI: its name says which tag it belongs to. */
  uriFor(ref: TagRef, kindLabel: string, excerpt: string): vscode.Uri {
    const name = `${kindLabel} note — ${excerpt.replace(/[\\/?#%]/g, ' ')}.md`;
    return vscode.Uri.from({ scheme: Schemes.note, path: `/${ref.id}/${name}`, query: new URLSearchParams({ article: ref.article, id: ref.id }).toString() });
  }

  async open(ref: TagRef): Promise<void> {
    const article = vscode.Uri.parse(ref.article);
    const tag = findTag((await this.store.get(article)).tags, ref.id);
    if (!tag) return;
    const flat = tag.anchor.exact.replace(/\s+/g, ' ').trim();
    const uri = this.uriFor(ref, this.kinds().labelFor(tag.kind), flat.length > 40 ? `${flat.slice(0, 39)}…` : flat);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    vscode.window.setStatusBarMessage('$(note) Edit the note, then save (Ctrl+S) to store it in the sidecar', 6000);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const tag = await this.tagOf(uri);
    const note = new TextEncoder().encode(tag.note ?? '');
    return { type: vscode.FileType.File, ctime: Date.parse(tag.created), mtime: Date.parse(tag.updated), size: note.byteLength };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return new TextEncoder().encode((await this.tagOf(uri)).note ?? '');
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { article, id } = refOf(uri);
    const note = new TextDecoder().decode(content);
    await this.store.update(vscode.Uri.parse(article), (tags) => editNote(tags, id, note));
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Notes belong to tags; there are no folders here.');
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Remove the tag instead (News Annotator: Remove Tag).');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('A note is named after its tag.');
  }

  private async tagOf(uri: vscode.Uri) {
    const { article, id } = refOf(uri);
    const tag = findTag((await this.store.get(vscode.Uri.parse(article))).tags, id);
    if (!tag) throw vscode.FileSystemError.FileNotFound(uri);
    return tag;
  }
}

function refOf(uri: vscode.Uri): TagRef {
  const query = new URLSearchParams(uri.query);
  return { article: query.get('article') ?? '', id: query.get('id') ?? '' };
}

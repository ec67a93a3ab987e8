import * as vscode from 'vscode';
import type { FieldValue } from '../core/conventions';
import type { KindRegistry, TagKind } from '../core/kinds';
import { overlapping, suggestKind } from '../core/suggest';
import { setFields } from '../core/tagFields';
import { addTag, changeKind, confirmTag, createTag, editNote, findTag, reattachTag, removeTag, tagsAt, type Tag } from '../core/tags';
import { tagTarget } from '../core/target';
import { Commands, ContextKeys, TagKindCommands } from '../ids';
import { currentAuthor } from './author';
import type { ConventionsService } from './conventions';
import { DetectionService } from './detections';
import { askField, askRequiredFields, pickOne } from './fieldPrompt';
import { Disposable } from './disposable';
import { SidecarStore, TagStoreError } from './sidecarStore';

/** A tag named from a hover link, a tree item or a code action. */
export interface TagRef {
  readonly article: string;
  readonly id: string;
}

/** A span named from a hover link or the triage: tag exactly this. */
export interface SpanRef {
  readonly uri: string;
  readonly start: number;
  readonly end: number;
  readonly kind?: string;
  readonly note?: string;
  /** Field values to give the tag; required fields not given are asked for. */
  readonly fields?: Readonly<Record<string, FieldValue>>;
}

interface ResolvedSpan {
  readonly uri: vscode.Uri;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly kind?: string;
  readonly note?: string;
  readonly fields?: Readonly<Record<string, FieldValue>>;
}

function isTagRef(value: unknown): value is TagRef {
  return typeof value === 'object' && value !== null && typeof (value as TagRef).article === 'string' && typeof (value as TagRef).id === 'string';
}

function isSpanRef(value: unknown): value is SpanRef {
  const span = value as SpanRef;
  return typeof value === 'object' && value !== null && typeof span.uri === 'string' && Number.isInteger(span.start) && Number.isInteger(span.end);
}

/**
 * Tagging commands: tag as a kind, change kind, edit note, remove, undo, re-attach an
 * orphan and confirm a fuzzy re-anchor. Each works on the selection or the cursor, or on a
 * tag or span passed by a link, a view or a test.
 */
export class TagCommands extends Disposable {
  constructor(
    private readonly store: SidecarStore,
    private readonly detections: DetectionService,
    private readonly conventions: ConventionsService,
    private readonly openNote: (ref: TagRef) => Promise<void>,
  ) {
    super();
    this.register(vscode.commands.registerCommand(Commands.setTagField, (ref?: unknown, name?: unknown, value?: unknown) => this.setField(ref, name, value)));
    for (const [kind, command] of Object.entries(TagKindCommands)) {
      this.register(vscode.commands.registerCommand(command, (span?: unknown) => this.tag(kind, span)));
    }
    this.register(vscode.commands.registerCommand(Commands.tagAs, (span?: unknown) => this.tagAs(span)));
    this.register(vscode.commands.registerCommand(Commands.changeKind, (ref?: unknown, kind?: unknown) => this.changeKind(ref, kind)));
    this.register(vscode.commands.registerCommand(Commands.editNote, (ref?: unknown, note?: unknown) => this.editNote(ref, note)));
    this.register(vscode.commands.registerCommand(Commands.removeTag, (ref?: unknown) => this.remove(ref)));
    this.register(vscode.commands.registerCommand(Commands.undoTagChange, (uri?: unknown) => this.undo(uri)));
    this.register(vscode.commands.registerCommand(Commands.reattachTag, (ref?: unknown) => this.reattach(ref)));
    this.register(vscode.commands.registerCommand(Commands.confirmTag, (ref?: unknown) => this.confirm(ref)));

    const updateContext = (): void => this.updateContext();
    this.register(vscode.window.onDidChangeActiveTextEditor(updateContext));
    this.register(vscode.window.onDidChangeTextEditorSelection(updateContext));
    this.register(store.onDidChange(updateContext));
    updateContext();
  }

  private readonly contextValues = new Map<string, boolean>();

  private updateContext(): void {
    const editor = vscode.window.activeTextEditor;
    const article = editor && this.detections.get(editor.document) !== undefined;
    const tags = editor ? (this.store.peek(editor.document.uri)?.tags ?? []) : [];
    const offset = editor ? editor.document.offsetAt(editor.selection.active) : -1;
    this.setContext(ContextKeys.isArticle, !!article);
    this.setContext(ContextKeys.cursorInTag, tagsAt(tags, offset).length > 0);
    this.setContext(ContextKeys.canUndoTag, !!editor && this.store.canUndo(editor.document.uri));
  }

  /** Sets a context key only when its value changes: the cursor moves far more often. */
  private setContext(key: string, value: boolean): void {
    if (this.contextValues.get(key) === value) return;
    this.contextValues.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  /** The kinds in force for an article (its folder's conventions). */
  private kinds(article?: vscode.Uri): KindRegistry {
    return this.conventions.kindsFor(article ?? vscode.window.activeTextEditor?.document.uri);
  }

  /**
   * Tags the span passed, else the selection / detection / sentence at the cursor, as `kind`,
   * after asking for the fields the kind requires; Escape at any prompt tags nothing.
   */
  private async tag(kind: string, spanArg?: unknown, note?: string): Promise<Tag | undefined> {
    const target = await this.resolveSpan(spanArg);
    if (!target) return undefined;
    const registry = this.kinds(target.uri);
    if (!registry.has(kind) || registry.isRetired(kind)) {
      const why = registry.has(kind) ? 'is retired in' : 'is not a kind of';
      void vscode.window.showWarningMessage(`News Annotator: "${registry.labelFor(kind)}" ${why} the conventions of ${vscode.workspace.asRelativePath(target.uri)}; kinds: ${registry.active().map((k) => k.label).join(', ')}.`);
      return undefined;
    }
    const conventions = this.conventions.forUri(target.uri);
    const label = registry.labelFor(kind);
    const fields = await askRequiredFields(conventions, kind, `Tag “${excerpt(target.text, 40)}” as ${label}`, target.fields);
    if (!fields) {
      vscode.window.setStatusBarMessage(`News Annotator: not tagged as ${label}`, 3000);
      return undefined;
    }
    const author = await currentAuthor(target.uri);
    let created: Tag | undefined;
    const ok = await this.guard(() =>
      this.store.update(target.uri, (tags, text) => {
        const same = tags.find((t) => t.status !== 'orphan' && t.kind === kind && t.anchor.start === target.start && t.anchor.end === target.end);
        if (same) {
          created = same;
          return [...tags];
        }
        const tag = createTag(tags, { kind, text, start: target.start, end: target.end, author, note: note ?? target.note });
        const added = addTag(tags, tag);
        const after = Object.keys(fields).length > 0 ? setFields(added, tag.id, fields) : added;
        created = findTag(after, tag.id);
        return after;
      }),
    );
    if (!ok || !created) return undefined;
    vscode.window.setStatusBarMessage(`$(tag) Tagged as ${label}: ${excerpt(created.anchor.exact, 60)}`, 4000);
    return created;
  }

  /** Sets (or clears) one field of a tag: picked from its kind's fields, asked for, written. */
  private async setField(refArg?: unknown, nameArg?: unknown, valueArg?: unknown): Promise<Tag | undefined> {
    const found = await this.resolveTag(refArg, 'set a field of');
    if (!found) return undefined;
    const conventions = this.conventions.forUri(found.article);
    const fields = conventions.fieldsOf(found.tag.kind);
    if (fields.length === 0) {
      void vscode.window.showInformationMessage(`News Annotator: ${conventions.kinds.labelFor(found.tag.kind)} tags have no fields in this folder's conventions.`);
      return undefined;
    }
    const values = found.tag.extra ?? {};
    let field = typeof nameArg === 'string' ? fields.find((f) => f.name === nameArg) : undefined;
    if (!field) {
      const picked = await vscode.window.showQuickPick(
        fields.map((f) => ({ label: f.label, description: values[f.name] === undefined ? undefined : String(values[f.name]), detail: f.description, field: f })),
        { title: `Set a field of the ${conventions.kinds.labelFor(found.tag.kind)} tag “${excerpt(found.tag.anchor.exact, 40)}”` },
      );
      field = picked?.field;
    }
    if (!field) return undefined;
    const value = valueArg !== undefined ? (valueArg as FieldValue | null) : await askField(conventions, field, `${field.label} of “${excerpt(found.tag.anchor.exact, 40)}”`, values[field.name], true);
    if (value === undefined) return undefined;
    const name = field.name;
    return this.updateOne(found.article, found.tag.id, (tags) => setFields(tags, found.tag.id, { [name]: value === null ? undefined : value }));
  }

  private async tagAs(spanArg?: unknown): Promise<Tag | undefined> {
    const target = await this.resolveSpan(spanArg);
    if (!target) return undefined;
    if (target.kind) return this.tag(target.kind, { ...target, uri: target.uri.toString() });
    const detector = this.detections.get(await vscode.workspace.openTextDocument(target.uri));
    const near = detector ? overlapping(detector.detectionsIn(target.start, target.end), target.start, target.end) : [];
    const registry = this.kinds(target.uri);
    const suggested = suggestKind(near, registry);
    const items = registry
      .active()
      .map((kind) => kindItem(kind, kind.id === suggested));
    items.sort((a, b) => Number(b.tagKind.id === suggested) - Number(a.tagKind.id === suggested));
    const picked = await pickOne(items, {
      title: `Tag “${excerpt(target.text, 50)}” as…`,
      placeholder: suggested ? `Suggested: ${registry.labelFor(suggested)} (from what was detected here)` : 'Choose a kind',
    });
    if (!picked) return undefined;
    return this.tag(picked.tagKind.id, { ...target, uri: target.uri.toString() });
  }

  private async changeKind(refArg?: unknown, kindArg?: unknown): Promise<Tag | undefined> {
    const found = await this.resolveTag(refArg, 'change the kind of');
    if (!found) return undefined;
    let kind = typeof kindArg === 'string' ? kindArg : undefined;
    const registry = this.kinds(found.article);
    if (!kind) {
      const items = registry
        .active()
        .filter((k) => k.id !== found.tag.kind)
        .map((k) => kindItem(k, false));
      const picked = await pickOne(items, { title: `Change ${registry.labelFor(found.tag.kind)} “${excerpt(found.tag.anchor.exact, 40)}” to…` });
      kind = picked?.tagKind.id;
    }
    if (!kind) return undefined;
    const next = kind;
    // The new kind's required fields are asked for; Escape leaves the tag as it was.
    const given = Object.fromEntries(Object.entries(found.tag.extra ?? {}).filter((e): e is [string, FieldValue] => typeof e[1] === 'string' || typeof e[1] === 'boolean'));
    const fields = await askRequiredFields(this.conventions.forUri(found.article), next, `Change “${excerpt(found.tag.anchor.exact, 40)}” to ${registry.labelFor(next)}`, given);
    if (!fields) return undefined;
    const added = Object.fromEntries(Object.entries(fields).filter(([name]) => given[name] === undefined));
    return this.updateOne(found.article, found.tag.id, (tags) => {
      const changed = changeKind(tags, found.tag.id, next);
      return Object.keys(added).length > 0 ? setFields(changed, found.tag.id, added) : changed;
    });
  }

  private async editNote(refArg?: unknown, noteArg?: unknown): Promise<Tag | undefined> {
    const found = await this.resolveTag(refArg, 'edit the note of');
    if (!found) return undefined;
    if (typeof noteArg !== 'string') {
      // Notes can run to several paragraphs: edit them in a real editor, saved with Ctrl+S.
      await this.openNote({ article: found.article.toString(), id: found.tag.id });
      return found.tag;
    }
    return this.updateOne(found.article, found.tag.id, (tags) => editNote(tags, found.tag.id, noteArg));
  }

  private async remove(refArg?: unknown): Promise<boolean> {
    const found = await this.resolveTag(refArg, 'remove');
    if (!found) return false;
    const ok = await this.guard(() => this.store.update(found.article, (tags) => removeTag(tags, found.tag.id)));
    if (ok) {
      const label = this.kinds(found.article).labelFor(found.tag.kind);
      vscode.window.setStatusBarMessage(`$(trash) Removed ${label} tag “${excerpt(found.tag.anchor.exact, 40)}” — News Annotator: Undo Tag Change restores it`, 6000);
    }
    return ok;
  }

  private async undo(uriArg?: unknown): Promise<boolean> {
    const uri = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : uriArg instanceof vscode.Uri ? uriArg : vscode.window.activeTextEditor?.document.uri;
    if (!uri) return false;
    const undone = await this.store.undo(uri);
    if (!undone) vscode.window.setStatusBarMessage('News Annotator: no tag change to undo in this article', 3000);
    return undone;
  }

  /** Attaches an orphaned (or any) tag to the current selection. */
  private async reattach(refArg?: unknown): Promise<Tag | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty) {
      void vscode.window.showInformationMessage('News Annotator: select the text the tag belongs to, then run Re-attach Tag to Selection.');
      return undefined;
    }
    const article = editor.document.uri;
    let ref = isTagRef(refArg) ? refArg : undefined;
    if (!ref) {
      const { tags } = await this.store.get(article);
      const orphans = tags.filter((t) => t.status !== 'anchored');
      if (orphans.length === 0) {
        void vscode.window.showInformationMessage('News Annotator: this article has no orphaned or re-anchored tags.');
        return undefined;
      }
      const picked = orphans.length === 1 ? { tag: orphans[0] } : await vscode.window.showQuickPick(orphans.map((tag) => this.tagItem(tag, article)), { title: 'Re-attach which tag to the selection?' });
      if (!picked) return undefined;
      ref = { article: article.toString(), id: picked.tag.id };
    }
    if (ref.article !== article.toString()) {
      void vscode.window.showWarningMessage('News Annotator: a tag can only be re-attached within its own article.');
      return undefined;
    }
    const id = ref.id;
    const text = editor.document.getText();
    const start = editor.document.offsetAt(editor.selection.start);
    const end = editor.document.offsetAt(editor.selection.end);
    return this.updateOne(article, id, (tags) => reattachTag(tags, id, text, start, end));
  }

  private async confirm(refArg?: unknown): Promise<Tag | undefined> {
    const found = await this.resolveTag(refArg, 'confirm');
    if (!found) return undefined;
    return this.updateOne(found.article, found.tag.id, (tags, text) => confirmTag(tags, found.tag.id, text));
  }

  /** The span to tag, with its document text; undefined (after saying why) when there is none. */
  private async resolveSpan(arg: unknown): Promise<ResolvedSpan | undefined> {
    if (isSpanRef(arg)) {
      const uri = vscode.Uri.parse(arg.uri);
      const document = await vscode.workspace.openTextDocument(uri);
      const text = document.getText();
      if (arg.start < 0 || arg.end > text.length || arg.start >= arg.end) return undefined;
      return { ...arg, uri, text: text.slice(arg.start, arg.end) };
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('News Annotator: open an article and select the text to tag.');
      return undefined;
    }
    const { document } = editor;
    const text = document.getText();
    const start = document.offsetAt(editor.selection.start);
    const end = document.offsetAt(editor.selection.end);
    const detector = this.detections.get(document);
    const around = start === end && detector ? detector.detectionsIn(start, start) : [];
    const target = tagTarget(text, { start, end }, around);
    if (!target) {
      void vscode.window.showInformationMessage('News Annotator: nothing to tag here. Select some text, or put the cursor in a sentence.');
      return undefined;
    }
    if (target.source !== 'selection') {
      // Show what is being tagged.
      const range = new vscode.Range(document.positionAt(target.start), document.positionAt(target.end));
      editor.selection = new vscode.Selection(range.start, range.end);
    }
    return { uri: document.uri, start: target.start, end: target.end, text: text.slice(target.start, target.end) };
  }

  /** The tag passed, else the one under the cursor, else one picked from the article's tags. */
  private async resolveTag(arg: unknown, verb: string): Promise<{ article: vscode.Uri; tag: Tag } | undefined> {
    if (isTagRef(arg)) {
      const article = vscode.Uri.parse(arg.article);
      const tag = findTag((await this.store.get(article)).tags, arg.id);
      if (!tag) {
        void vscode.window.showWarningMessage(`News Annotator: that tag no longer exists (it may have been removed on disk).`);
        return undefined;
      }
      return { article, tag };
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const article = editor.document.uri;
    const { tags } = await this.store.get(article);
    const offset = editor.document.offsetAt(editor.selection.active);
    const under = tagsAt(tags, offset).sort((a, b) => a.anchor.end - a.anchor.start - (b.anchor.end - b.anchor.start));
    if (under.length === 1) return { article, tag: under[0] };
    const choices = under.length > 1 ? under : tags;
    if (choices.length === 0) {
      void vscode.window.showInformationMessage(`News Annotator: this article has no tags to ${verb}.`);
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      choices.map((tag) => this.tagItem(tag, article)),
      { title: `Which tag do you want to ${verb}?`, matchOnDescription: true, matchOnDetail: true },
    );
    return picked ? { article, tag: picked.tag } : undefined;
  }

  private tagItem(tag: Tag, article: vscode.Uri): vscode.QuickPickItem & { tag: Tag } {
    const registry = this.kinds(article);
    const kind = registry.get(tag.kind);
    const state = tag.status === 'orphan' ? ' · orphaned' : tag.status === 'fuzzy' ? ' · re-anchored, to confirm' : '';
    return {
      label: `$(${kind?.icon ?? 'tag'}) ${excerpt(tag.anchor.exact, 70)}`,
      description: `${registry.labelFor(tag.kind)} · line ${tag.anchor.line + 1}${state}`,
      detail: tag.note ? excerpt(tag.note, 100) : undefined,
      tag,
    };
  }

  /** Changes one tag and returns it as it is afterwards; undefined if the change was refused. */
  private async updateOne(article: vscode.Uri, id: string, change: (tags: readonly Tag[], text: string) => Tag[]): Promise<Tag | undefined> {
    let updated: Tag | undefined;
    const ok = await this.guard(() =>
      this.store.update(article, (tags, text) => {
        const after = change(tags, text);
        updated = findTag(after, id);
        return after;
      }),
    );
    return ok ? updated : undefined;
  }

  /** Runs a store change, turning refusals into a clear message; false if it did not happen. */
  private async guard(change: () => Promise<unknown>): Promise<boolean> {
    try {
      await change();
      return true;
    } catch (error) {
      if (error instanceof TagStoreError) {
        void vscode.window.showErrorMessage(`News Annotator: ${error.message}`);
        return false;
      }
      throw error;
    }
  }
}

function kindItem(kind: TagKind, suggested: boolean): vscode.QuickPickItem & { tagKind: TagKind } {
  return {
    label: `$(${kind.icon}) ${kind.label}`,
    description: [suggested ? 'suggested' : undefined, kind.key ? `key ${kind.key}` : undefined].filter(Boolean).join(' · ') || undefined,
    detail: kind.description,
    tagKind: kind,
  };
}

export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}


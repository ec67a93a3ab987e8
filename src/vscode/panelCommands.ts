import * as vscode from 'vscode';
import type { Conventions } from '../core/conventions';
import type { KindRegistry } from '../core/kinds';
import { markdownQuote, readingOrder, stepTag } from '../core/tagIndex';
import { findTag } from '../core/tags';
import { Commands } from '../ids';
import { SidecarStore } from './sidecarStore';
import type { TagRef } from './tagCommands';
import { TagTree } from './tagTree';

/**
 * Commands of the Tags view: moving from tag to tag, grouping, filtering, copying, and
 * opening a tag from the tree.
 */
export function registerPanelCommands(store: SidecarStore, tree: TagTree, kinds: (article?: vscode.Uri) => KindRegistry, conventions: (article?: vscode.Uri) => Conventions): vscode.Disposable {
  const step = async (direction: 1 | -1): Promise<TagRef | undefined> => {
    const articles = tree.articles();
    const order = readingOrder(articles, tree.matcher());
    if (order.length === 0) {
      vscode.window.setStatusBarMessage('News Annotator: no tags to go to', 3000);
      return undefined;
    }
    const labels = new Map(articles.map((a) => [a.key, a.label]));
    const editor = vscode.window.activeTextEditor;
    const here = editor?.document.uri.toString();
    const offset = editor ? editor.document.offsetAt(editor.selection.start) : 0;
    const label = (key: string): string => labels.get(key) ?? vscode.workspace.asRelativePath(vscode.Uri.parse(key));
    const target = stepTag(order, here, offset, direction, label);
    if (!target) return undefined;
    const ref = { article: target.article, id: target.tag.id };
    await reveal(ref, false);
    return ref;
  };

  const reveal = async (ref: TagRef, preserveFocus: boolean): Promise<void> => {
    const article = vscode.Uri.parse(ref.article);
    const entry = await store.get(article);
    const tag = findTag(entry.tags, ref.id);
    if (!tag) return;
    if (entry.articleMissing) {
      void vscode.window.showWarningMessage(`News Annotator: ${vscode.workspace.asRelativePath(article)} does not exist any more; its tags are kept in ${entry.sidecar ? vscode.workspace.asRelativePath(entry.sidecar) : 'memory'}.`);
      return;
    }
    const document = await vscode.workspace.openTextDocument(article);
    const range = new vscode.Range(document.positionAt(tag.anchor.start), document.positionAt(tag.anchor.end));
    const editor = await vscode.window.showTextDocument(document, { preserveFocus, preview: true, selection: range });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    if (tag.status === 'orphan') {
      vscode.window.setStatusBarMessage('$(warning) This tag is orphaned: select where it belongs and run Re-attach Tag to Selection, or remove it', 6000);
    }
    const node = tree.nodeOf(ref.article, ref.id);
    if (node && tree.view.visible) await tree.view.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
  };

  const pickKinds = async (): Promise<void> => {
    const current = new Set(tree.currentFilter.kinds ?? []);
    const registry = kinds();
    const present = new Set(tree.articles().flatMap((a) => a.tags.map((t) => t.kind)));
    const ids = [...registry.ids(), ...[...present].filter((k) => !registry.has(k)).sort()];
    const items = ids.map((id) => ({ label: registry.labelFor(id), description: registry.get(id)?.description, id, picked: current.has(id) }));
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Show tags of these kinds', placeHolder: 'Pick none to show every kind' });
    if (picked) tree.setFilter({ ...tree.currentFilter, kinds: picked.map((p) => p.id) });
  };

  const askText = async (): Promise<void> => {
    const text = await vscode.window.showInputBox({ title: 'Show tags whose text or note contains', value: tree.currentFilter.text ?? '', placeHolder: 'e.g. troops (empty clears)' });
    if (text !== undefined) tree.setFilter({ ...tree.currentFilter, text: text.trim() || undefined });
  };

  const pickAuthor = async (): Promise<void> => {
    const authors = [...new Set(tree.articles().flatMap((a) => a.tags.map((t) => t.author)))].sort();
    const items = [{ label: 'Any author', author: undefined as string | undefined }, ...authors.map((author) => ({ label: author, author }))];
    const picked = await vscode.window.showQuickPick(items, { title: 'Show tags by' });
    if (picked) tree.setFilter({ ...tree.currentFilter, author: picked.author });
  };

  /** The enum fields of the conventions of every article listed, merged by name. */
  const enumFields = (): ReturnType<Conventions['enumFields']> => {
    const byName = new Map<string, ReturnType<Conventions['enumFields']>[number]>();
    const sources = [vscode.workspace.workspaceFolders?.[0]?.uri, ...tree.articles().map((a) => vscode.Uri.parse(a.key))];
    for (const uri of sources) {
      for (const field of conventions(uri).enumFields()) {
        const known = byName.get(field.name);
        if (!known) byName.set(field.name, field);
        else byName.set(field.name, { ...known, values: [...known.values, ...field.values.filter((v) => !known.values.some((k) => k.value === v.value))] });
      }
    }
    return [...byName.values()];
  };

  const pickField = async (): Promise<void> => {
    const fields = enumFields();
    if (fields.length === 0) {
      void vscode.window.showInformationMessage('News Annotator: the conventions define no enum fields (such as a verdict) to filter by.');
      return;
    }
    const field = fields.length === 1 ? fields[0] : (await vscode.window.showQuickPick(fields.map((f) => ({ label: f.label, description: f.name, field: f })), { title: 'Filter tags by which field?' }))?.field;
    if (!field) return;
    const current = new Set(tree.currentFilter.fields?.[field.name] ?? []);
    const picked = await vscode.window.showQuickPick(
      field.values.map((v) => ({ label: v.label, description: v.label === v.value ? undefined : v.value, value: v.value, picked: current.has(v.value) })),
      { canPickMany: true, title: `Show tags whose ${field.label} is`, placeHolder: 'Pick none to drop this condition' },
    );
    if (picked) tree.setFilter({ ...tree.currentFilter, fields: { ...tree.currentFilter.fields, [field.name]: picked.map((p) => p.value) } });
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.filterTagsByField, async (name?: unknown, values?: unknown) => {
      if (typeof name === 'string' && Array.isArray(values)) tree.setFilter({ ...tree.currentFilter, fields: { ...tree.currentFilter.fields, [name]: values.map(String) } });
      else await pickField();
    }),
    vscode.commands.registerCommand(Commands.toggleRuleBreachesOnly, () => tree.setFilter({ ...tree.currentFilter, breakingRules: !tree.currentFilter.breakingRules })),
    vscode.commands.registerCommand(Commands.nextTag, () => step(1)),
    vscode.commands.registerCommand(Commands.previousTag, () => step(-1)),
    vscode.commands.registerCommand(Commands.groupTagsByKind, () => tree.setGrouping('kind')),
    vscode.commands.registerCommand(Commands.groupTagsByFile, () => tree.setGrouping('file')),
    vscode.commands.registerCommand(Commands.filterTagsByKind, async (ids?: unknown) => {
      if (Array.isArray(ids)) tree.setFilter({ ...tree.currentFilter, kinds: ids.map(String) });
      else await pickKinds();
    }),
    vscode.commands.registerCommand(Commands.filterTagsByText, async (text?: unknown) => {
      if (typeof text === 'string') tree.setFilter({ ...tree.currentFilter, text: text.trim() || undefined });
      else await askText();
    }),
    vscode.commands.registerCommand(Commands.filterTagsByAuthor, async (author?: unknown) => {
      if (typeof author === 'string') tree.setFilter({ ...tree.currentFilter, author: author.trim() || undefined });
      else await pickAuthor();
    }),
    vscode.commands.registerCommand(Commands.toggleOrphansOnly, () => tree.setFilter({ ...tree.currentFilter, orphansOnly: !tree.currentFilter.orphansOnly })),
    vscode.commands.registerCommand(Commands.clearTagFilter, () => tree.setFilter({})),
    vscode.commands.registerCommand(Commands.filterTags, async () => {
      const f = tree.currentFilter;
      const choice = await vscode.window.showQuickPick(
        [
          { label: '$(symbol-enum) By kind…', run: pickKinds, description: f.kinds?.length ? f.kinds.map((k) => kinds().labelFor(k)).join(', ') : undefined },
          { label: '$(search) By text…', run: askText, description: f.text ? `“${f.text}”` : undefined },
          { label: '$(person) By author…', run: pickAuthor, description: f.author },
          { label: `$(warning) ${f.orphansOnly ? 'Show all tags' : 'Only tags needing attention (orphaned or re-anchored)'}`, run: async () => tree.setFilter({ ...f, orphansOnly: !f.orphansOnly }) },
          { label: '$(list-filter) By field value (e.g. verdict)…', run: pickField, description: Object.entries(f.fields ?? {}).filter(([, v]) => v.length > 0).map(([k, v]) => `${k}: ${v.join(', ')}`).join('; ') || undefined },
          { label: `$(error) ${f.breakingRules ? 'Show tags whether or not they break a rule' : 'Only tags breaking a rule of the conventions'}`, run: async () => tree.setFilter({ ...f, breakingRules: !f.breakingRules }) },
          { label: '$(clear-all) Clear filter', run: async () => tree.setFilter({}) },
        ],
        { title: 'Filter Tags' },
      );
      await choice?.run();
    }),
    vscode.commands.registerCommand(Commands.copyTagAsMarkdown, async (ref?: TagRef) => {
      if (!ref) return;
      const article = vscode.Uri.parse(ref.article);
      const tag = findTag((await store.get(article)).tags, ref.id);
      if (!tag) return;
      const text = markdownQuote(tag, vscode.workspace.asRelativePath(article), kinds(article));
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage('$(copy) Copied the tag as a Markdown quote', 3000);
      return text;
    }),
    vscode.commands.registerCommand(Commands.refreshTags, () => tree.scan()),
    vscode.commands.registerCommand(Commands.revealTag, (ref: TagRef, preserveFocus = true) => reveal(ref, preserveFocus)),
  );
}

import * as vscode from 'vscode';
import { describeFields, evaluateTags } from '../core/conventions';
import type { KindRegistry } from '../core/kinds';
import { SIDECAR_SUFFIX } from '../core/sidecarPath';
import { countKinds, describeFilter, isFilterActive, readingOrder, sortArticles, tagMatcher, type ArticleTagList, type Grouping, type TagFilter } from '../core/tagIndex';
import { tagsAt, type Tag } from '../core/tags';
import { Commands, ContextKeys, Views } from '../ids';
import type { ConventionsService } from './conventions';
import { Disposable } from './disposable';
import { escapeMarkdown } from './markdown';
import { SidecarStore } from './sidecarStore';
import { excerpt } from './tagCommands';
import { gutterIcon } from './tagDecorations';

export interface FileNode {
  readonly type: 'file';
  readonly id: string;
  readonly article: string;
  /** Set when the tree is grouped by kind: the kind this file appears under. */
  readonly kind?: string;
}

export interface KindNode {
  readonly type: 'kind';
  readonly id: string;
  readonly kind: string;
  /** Set when grouped by file: the file this kind appears under. */
  readonly article?: string;
}

/** A tag in the tree; `article` and `id` make it a TagRef for the tag commands. */
export interface TagNode {
  readonly type: 'tag';
  readonly id: string;
  readonly article: string;
  readonly tagId: string;
  /** Under a file or a kind node. */
  readonly parent: string;
}

export interface MessageNode {
  readonly type: 'message';
  readonly id: string;
  readonly text: string;
}

export type Node = FileNode | KindNode | TagNode | MessageNode;

const STATE_GROUPING = 'newsAnnotator.tags.grouping';
const STATE_FILTER = 'newsAnnotator.tags.filter';

/**
 * The Tags view: every tag of the workspace, grouped by file then kind or by kind then file,
 * filtered by kind, text, author or attention needed. Nodes keep their identity between
 * refreshes so that a change to one sidecar redraws only that file's branch.
 */
export class TagTree extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this.register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;
  private readonly nodes = new Map<string, Node>();
  private grouping: Grouping;
  private filter: TagFilter;
  private topLevel = new Set<string>();
  private pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private revealTimer: ReturnType<typeof setTimeout> | undefined;
  private scanning: Thenable<void> = Promise.resolve();
  private loaded = { done: 0, total: 0 };
  /** Tags that break a rule, worked out per list of tags (lists are replaced, never changed). */
  private breaking = new WeakMap<readonly Tag[], Set<string>>();

  constructor(
    private readonly store: SidecarStore,
    private readonly conventions: ConventionsService,
    private readonly state: vscode.Memento,
  ) {
    super();
    this.register(
      conventions.onDidChange(() => {
        this.breaking = new WeakMap();
        this.refreshAll();
      }),
    );
    this.grouping = state.get<Grouping>(STATE_GROUPING, 'file');
    this.filter = state.get<TagFilter>(STATE_FILTER, {});
    this.view = this.register(vscode.window.createTreeView(Views.tags, { treeDataProvider: this, showCollapseAll: true }));
    this.register({ dispose: () => (clearTimeout(this.timer), clearTimeout(this.revealTimer)) });
    this.register(store.onDidChange(({ article }) => this.schedule(article.toString())));
    this.register(vscode.window.onDidChangeTextEditorSelection((e) => this.scheduleReveal(e.textEditor)));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.scan()));
    this.register(this.view.onDidChangeVisibility(({ visible }) => visible && this.updateHeader()));
    this.updateContext();
    this.updateHeader();
    void this.scan();
  }

  /** Finds every sidecar of the workspace and loads them in the background, filling the view in. */
  scan(): Thenable<void> {
    this.scanning = vscode.window.withProgress({ location: { viewId: Views.tags }, title: 'Reading tags' }, async () => {
      const found = await vscode.workspace.findFiles(`**/*${SIDECAR_SUFFIX}`, '**/node_modules/**');
      this.loaded = { done: 0, total: found.length };
      this.updateHeader();
      // A few at a time: the view fills in while the extension host stays free for typing.
      for (let i = 0; i < found.length; i += 8) {
        await Promise.all(found.slice(i, i + 8).map((uri) => this.store.loadSidecar(uri).catch(() => undefined)));
        this.loaded = { done: Math.min(found.length, i + 8), total: found.length };
        this.updateHeader();
      }
    });
    return this.scanning;
  }

  /** Resolves when the current workspace scan has finished (for tests and commands). */
  async whenScanned(): Promise<void> {
    await this.scanning;
  }

  get currentGrouping(): Grouping {
    return this.grouping;
  }

  get currentFilter(): TagFilter {
    return this.filter;
  }

  setGrouping(grouping: Grouping): void {
    this.grouping = grouping;
    void this.state.update(STATE_GROUPING, grouping);
    this.updateContext();
    this.refreshAll();
  }

  setFilter(filter: TagFilter): void {
    this.filter = filter;
    void this.state.update(STATE_FILTER, filter);
    this.updateContext();
    this.refreshAll();
  }

  /** The kinds of an article's folder; without an article, of the first workspace folder. */
  private kinds(article?: string): KindRegistry {
    return this.conventions.kindsFor(article === undefined ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.parse(article));
  }

  /** The filter's test for one tag, with what "breaks a rule" means for each article. */
  matcher(): (tag: Tag) => boolean {
    const breaking = new WeakSet<Tag>();
    if (this.filter.breakingRules) {
      for (const entry of this.store.all()) {
        let ids = this.breaking.get(entry.tags);
        if (!ids) {
          const findings = evaluateTags(entry.tags, this.conventions.forUri(entry.article), { articlePath: this.conventions.articlePath(entry.article) });
          ids = new Set(findings.map((f) => f.tagId!));
          this.breaking.set(entry.tags, ids);
        }
        for (const tag of entry.tags) if (ids.has(tag.id)) breaking.add(tag);
      }
    }
    return tagMatcher(this.filter, (tag) => breaking.has(tag));
  }

  /** The articles with their tags, as the index reads them. */
  articles(): ArticleTagList[] {
    return this.store
      .all()
      .filter((entry) => entry.tags.length > 0)
      .map((entry) => ({ key: entry.article.toString(), label: vscode.workspace.asRelativePath(entry.article), tags: entry.tags }));
  }

  /** The node of a tag, for revealing it. */
  nodeOf(article: string, tagId: string): TagNode | undefined {
    const entry = this.store.peek(vscode.Uri.parse(article));
    const tag = entry?.tags.find((t) => t.id === tagId);
    if (!tag || !this.matcher()(tag)) return undefined;
    const parent = this.grouping === 'file' ? this.kindNode(tag.kind, article) : this.fileNode(article, tag.kind);
    return this.tagNode(article, tagId, parent.id);
  }

  getChildren(node?: Node): Node[] {
    const matches = this.matcher();
    if (!node) {
      const articles = sortArticles(this.articles());
      let top: Node[];
      if (this.grouping === 'file') {
        top = articles.filter((a) => a.tags.some(matches)).map((a) => this.fileNode(a.key));
      } else {
        const all = articles.flatMap((a) => a.tags.filter(matches));
        top = countKinds(all, this.kinds()).map(({ kind }) => this.kindNode(kind));
      }
      this.topLevel = new Set(top.map((n) => n.id));
      if (top.length === 0 && isFilterActive(this.filter) && articles.length > 0) {
        return [{ type: 'message', id: 'message:no-match', text: 'No tags match the filter.' }];
      }
      return top;
    }
    if (node.type === 'file') {
      const tags = this.tagsOf(node.article).filter(matches);
      if (node.kind !== undefined) return tags.filter((t) => t.kind === node.kind).map((t) => this.tagNode(node.article, t.id, node.id));
      return countKinds(tags, this.kinds(node.article)).map(({ kind }) => this.kindNode(kind, node.article));
    }
    if (node.type === 'kind') {
      if (node.article !== undefined) {
        return ordered(this.tagsOf(node.article).filter((t) => t.kind === node.kind && matches(t))).map((t) => this.tagNode(node.article!, t.id, node.id));
      }
      return sortArticles(this.articles())
        .filter((a) => a.tags.some((t) => t.kind === node.kind && matches(t)))
        .map((a) => this.fileNode(a.key, node.kind));
    }
    return [];
  }

  getParent(node: Node): Node | undefined {
    if (node.type === 'tag') return this.nodes.get(node.parent);
    if (node.type === 'kind' && node.article !== undefined) return this.fileNode(node.article);
    if (node.type === 'file' && node.kind !== undefined) return this.kindNode(node.kind);
    return undefined;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const registry = this.kinds('article' in node ? node.article : undefined);
    const matches = this.matcher();
    switch (node.type) {
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon('filter');
        item.command = { title: 'Clear Filter', command: Commands.clearTagFilter };
        item.tooltip = 'Click to clear the filter';
        return item;
      }
      case 'file': {
        const uri = vscode.Uri.parse(node.article);
        const tags = this.tagsOf(node.article).filter((t) => matches(t) && (node.kind === undefined || t.kind === node.kind));
        const item = new vscode.TreeItem(uri, this.expandFile(node) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.label = vscode.workspace.asRelativePath(uri);
        const attention = tags.filter((t) => t.status !== 'anchored').length;
        item.description = `${tags.length}${attention > 0 ? ` · ${attention} need attention` : ''}`;
        const entry = this.store.peek(uri);
        item.tooltip = `${vscode.workspace.asRelativePath(uri)}: ${tags.length} ${tags.length === 1 ? 'tag' : 'tags'}${entry?.articleMissing ? ' (the article is missing)' : ''}`;
        item.contextValue = 'file';
        // A collapsible item with a resource would get the theme's folder icon otherwise.
        item.iconPath = entry?.articleMissing ? new vscode.ThemeIcon('warning') : vscode.ThemeIcon.File;
        return item;
      }
      case 'kind': {
        const tags = node.article !== undefined ? this.tagsOf(node.article) : this.articles().flatMap((a) => a.tags);
        const count = tags.filter((t) => t.kind === node.kind && matches(t)).length;
        const item = new vscode.TreeItem(registry.labelFor(node.kind), node.article !== undefined ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = String(count);
        item.iconPath = kindIcon(registry, node.kind);
        item.tooltip = `${registry.labelFor(node.kind)}: ${count} ${count === 1 ? 'tag' : 'tags'}${registry.has(node.kind) ? '' : ' (a kind the conventions do not define)'}`;
        item.contextValue = 'kind';
        return item;
      }
      case 'tag': {
        const tag = this.tagsOf(node.article).find((t) => t.id === node.tagId);
        const item = new vscode.TreeItem(tag ? excerpt(tag.anchor.exact, 80) : '(removed)');
        item.id = node.id;
        if (!tag) return item;
        const state = tag.status === 'orphan' ? 'orphaned' : tag.status === 'fuzzy' ? 're-anchored, confirm' : undefined;
        const parts = [state ?? `Ln ${tag.anchor.line + 1}`];
        if (tag.note) parts.push(excerpt(tag.note, 60));
        item.description = parts.join(' · ');
        item.iconPath =
          tag.status === 'orphan'
            ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
            : tag.status === 'fuzzy'
              ? new vscode.ThemeIcon('question', new vscode.ThemeColor('list.warningForeground'))
              : kindIcon(registry, tag.kind);
        item.tooltip = tagTooltip(tag, registry, describeFields(this.conventions.forUri(vscode.Uri.parse(node.article)), tag.kind, tag.extra ?? {}));
        item.contextValue = `tag.${tag.status}`;
        item.accessibilityInformation = { label: `${registry.labelFor(tag.kind)}${state ? `, ${state}` : ''}: ${tag.anchor.exact}. Line ${tag.anchor.line + 1}.${tag.note ? ` Note: ${tag.note}` : ''}` };
        item.command = { title: 'Open', command: Commands.revealTag, arguments: [{ article: node.article, id: node.tagId }] };
        return item;
      }
    }
  }

  private tagsOf(article: string): readonly Tag[] {
    return this.store.peek(vscode.Uri.parse(article))?.tags ?? [];
  }

  /** The active article's branch opens by itself; so do all of them when there are few. */
  private expandFile(node: FileNode): boolean {
    if (node.kind !== undefined) return false;
    return vscode.window.activeTextEditor?.document.uri.toString() === node.article || this.topLevel.size <= 3;
  }

  private fileNode(article: string, kind?: string): FileNode {
    const id = kind === undefined ? `file:${article}` : `kind:${kind}/file:${article}`;
    return this.remember({ type: 'file', id, article, kind });
  }

  private kindNode(kind: string, article?: string): KindNode {
    const id = article === undefined ? `kind:${kind}` : `file:${article}/kind:${kind}`;
    return this.remember({ type: 'kind', id, kind, article });
  }

  private tagNode(article: string, tagId: string, parent: string): TagNode {
    return this.remember({ type: 'tag', id: `${parent}/tag:${tagId}`, article, tagId, parent });
  }

  private remember<T extends Node>(node: T): T {
    const known = this.nodes.get(node.id);
    if (known) return known as T;
    this.nodes.set(node.id, node);
    return node;
  }

  private schedule(article: string): void {
    this.pending.add(article);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), 80);
  }

  /** Redraws only the branches of the articles that changed, unless the top level changes. */
  private flush(): void {
    const changed = [...this.pending];
    this.pending.clear();
    this.updateHeader();
    if (this.grouping === 'kind') return this.changed.fire(undefined);
    const matches = this.matcher();
    for (const article of changed) {
      const shown = this.topLevel.has(`file:${article}`);
      const shouldShow = this.tagsOf(article).some(matches);
      if (shown !== shouldShow) return this.changed.fire(undefined);
    }
    for (const article of changed) {
      if (this.topLevel.has(`file:${article}`)) this.changed.fire(this.fileNode(article));
    }
  }

  private refreshAll(): void {
    this.updateHeader();
    this.changed.fire(undefined);
  }

  private updateHeader(): void {
    const registry = this.kinds();
    const articles = this.articles();
    const shown = readingOrder(articles, this.matcher());
    const attention = shown.filter((p) => p.tag.status !== 'anchored').length;
    const filterText = describeFilter(this.filter, registry);
    const loading = this.loaded.done < this.loaded.total ? `reading ${this.loaded.done} of ${this.loaded.total} sidecars` : '';
    this.view.description = [filterText, loading].filter(Boolean).join(' · ') || undefined;
    this.view.badge =
      shown.length > 0
        ? { value: shown.length, tooltip: `${shown.length} ${shown.length === 1 ? 'tag' : 'tags'}${attention > 0 ? `, ${attention} needing attention` : ''}${filterText ? ` (filtered: ${filterText})` : ''}` }
        : undefined;
    this.view.message = undefined;
  }

  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.tagsGroupedBy, this.grouping);
    void vscode.commands.executeCommand('setContext', ContextKeys.tagFilterActive, isFilterActive(this.filter));
  }

  /** Follows the cursor: the tag it is in is selected in the tree, without taking focus. */
  private scheduleReveal(editor: vscode.TextEditor): void {
    if (!this.view.visible) return;
    clearTimeout(this.revealTimer);
    this.revealTimer = setTimeout(() => {
      const tags = this.store.peek(editor.document.uri)?.tags ?? [];
      const [tag] = tagsAt(tags, editor.document.offsetAt(editor.selection.active)).filter((t) => t.status !== 'orphan');
      if (!tag) return;
      const node = this.nodeOf(editor.document.uri.toString(), tag.id);
      if (node && this.view.selection[0]?.id !== node.id) void this.view.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
    }, 150);
  }
}

function ordered(tags: readonly Tag[]): Tag[] {
  return [...tags.filter((t) => t.status !== 'orphan'), ...tags.filter((t) => t.status === 'orphan')];
}

function kindIcon(registry: KindRegistry, kind: string): { light: vscode.Uri; dark: vscode.Uri } | vscode.ThemeIcon {
  const found = registry.get(kind);
  if (!found) return new vscode.ThemeIcon('tag');
  return { light: gutterIcon(found.color.light), dark: gutterIcon(found.color.dark) };
}

function tagTooltip(tag: Tag, registry: KindRegistry, fields: ReadonlyArray<{ label: string; value: string }>): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(undefined, true);
  const status = tag.status === 'orphan' ? ' · orphaned: its text is no longer in the article' : tag.status === 'fuzzy' ? ' · re-anchored to similar text; confirm it' : '';
  markdown.appendMarkdown(`**${escapeMarkdown(registry.labelFor(tag.kind))}**${status}\n\n`);
  markdown.appendMarkdown(`> ${escapeMarkdown(excerpt(tag.anchor.exact, 400))}\n\n`);
  if (fields.length > 0) markdown.appendMarkdown(`${fields.map((f) => `${escapeMarkdown(f.label)}: **${escapeMarkdown(f.value)}**`).join('  \n')}\n\n`);
  if (tag.note) markdown.appendMarkdown(`${escapeMarkdown(tag.note)}\n\n`);
  markdown.appendMarkdown(`_${escapeMarkdown(tag.author)} · ${tag.updated.slice(0, 10)}_`);
  return markdown;
}

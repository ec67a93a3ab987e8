import * as vscode from 'vscode';
import type { KindRegistry, TagKind } from '../core/kinds';
import type { Tag } from '../core/tags';
import { Disposable } from './disposable';
import { SidecarStore } from './sidecarStore';

/** Kinds a sidecar uses that the conventions no longer define are drawn in grey. */
const UNKNOWN_KIND: TagKind = { id: '', label: '', color: { light: '#6e7681', dark: '#8b949e' }, icon: 'tag' };

/** `#rgb`, `#rrggbb` or `#rrggbbaa` with the alpha replaced by `alpha` (two hex digits). */
export function withAlpha(hex: string, alpha: string): string {
  let digits = hex.replace('#', '');
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  return `#${digits.slice(0, 6)}${alpha}`;
}

/** A small filled tag shape in the kind's colour for the gutter. */
export function gutterIcon(color: string): vscode.Uri {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">` +
    `<path d="M2 3.5A1.5 1.5 0 0 1 3.5 2h4.38a1.5 1.5 0 0 1 1.06.44l4.62 4.62a1.5 1.5 0 0 1 0 2.12l-4.38 4.38a1.5 1.5 0 0 1-2.12 0L2.44 8.94A1.5 1.5 0 0 1 2 7.88z" fill="${color}"/>` +
    `<circle cx="5.5" cy="5.5" r="1.3" fill="#ffffff"/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
}

interface KindTypes {
  anchored: vscode.TextEditorDecorationType;
  fuzzy: vscode.TextEditorDecorationType;
  kind: TagKind;
}

/** What was last drawn in an editor, per kind and colour: for tests and tools. */
export interface DrawnTags {
  readonly kind: string;
  readonly color: { readonly light: string; readonly dark: string };
  readonly ranges: ReadonlyArray<{ readonly start: number; readonly end: number }>;
}

/**
 * Draws tagged spans: a background in the kind's colour, a gutter icon and an overview-ruler
 * mark, so tags stand apart from the detector's underlines. A fuzzily re-anchored tag also
 * gets a dashed outline until someone confirms it. Kinds follow the conventions of each
 * article's folder: decoration types are made per kind and colour, so a change of
 * conventions makes new types only for kinds whose colours changed.
 */
export class TagDecorator extends Disposable {
  private readonly types = new Map<string, KindTypes>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly pending = new Set<string>();
  private readonly drawn = new Map<string, DrawnTags[]>();
  private readonly redrawn = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** Fires after an editor's tags were drawn. */
  readonly onDidDraw = this.redrawn.event;

  /** The kinds, colours and spans last drawn for a document. */
  drawnIn(uri: vscode.Uri): readonly DrawnTags[] {
    return this.drawn.get(uri.toString()) ?? [];
  }

  constructor(
    private readonly store: SidecarStore,
    private readonly kinds: (article?: vscode.Uri) => KindRegistry,
    onKindsChanged?: vscode.Event<unknown>,
  ) {
    super();
    if (onKindsChanged) this.register(onKindsChanged(() => vscode.window.visibleTextEditors.forEach((e) => this.draw(e))));
    this.register({ dispose: () => this.types.forEach((t) => (t.anchored.dispose(), t.fuzzy.dispose())) });
    this.register({ dispose: () => clearTimeout(this.timer) });
    this.register(store.onDidChange(({ article, reason }) => this.schedule(article.toString(), reason === 'edit' ? 60 : 0)));
    this.register(vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.draw(e))));
    vscode.window.visibleTextEditors.forEach((e) => this.draw(e));
  }

  /** Recreates decoration types (after the kinds or their colours changed) and redraws. */
  refreshKinds(): void {
    this.types.forEach((t) => (t.anchored.dispose(), t.fuzzy.dispose()));
    this.types.clear();
    vscode.window.visibleTextEditors.forEach((e) => this.draw(e));
  }

  private schedule(article: string, delay: number): void {
    this.pending.add(article);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const due = new Set(this.pending);
      this.pending.clear();
      for (const editor of vscode.window.visibleTextEditors) if (due.has(editor.document.uri.toString())) this.draw(editor);
    }, delay);
  }

  private typesFor(kindId: string, article: vscode.Uri): KindTypes {
    const kind = this.kinds(article).get(kindId) ?? UNKNOWN_KIND;
    const key = `${kind.id}\u0000${kind.color.light}\u0000${kind.color.dark}`;
    let types = this.types.get(key);
    if (!types) {
      const themed = (color: string, fuzzy: boolean): vscode.ThemableDecorationRenderOptions => ({
        backgroundColor: withAlpha(color, '30'),
        overviewRulerColor: color,
        gutterIconPath: gutterIcon(color),
        gutterIconSize: '75%',
        ...(fuzzy ? { border: `1px dashed ${color}`, borderRadius: '2px' } : {}),
      });
      const make = (fuzzy: boolean): vscode.TextEditorDecorationType =>
        vscode.window.createTextEditorDecorationType({
          light: themed(kind.color.light, fuzzy),
          dark: themed(kind.color.dark, fuzzy),
          overviewRulerLane: vscode.OverviewRulerLane.Full,
          rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
        });
      types = { anchored: make(false), fuzzy: make(true), kind };
      this.types.set(key, types);
    }
    return types;
  }

  private draw(editor: vscode.TextEditor): void {
    if (this.isDisposed) return;
    const tags = this.store.peek(editor.document.uri)?.tags ?? [];
    const byType = new Map<vscode.TextEditorDecorationType, vscode.Range[]>();
    for (const types of this.types.values()) {
      byType.set(types.anchored, []);
      byType.set(types.fuzzy, []);
    }
    const last = editor.document.lineAt(editor.document.lineCount - 1);
    const length = editor.document.offsetAt(last.range.end);
    const drawn = new Map<KindTypes, DrawnTags & { ranges: Array<{ start: number; end: number }> }>();
    for (const tag of tags) {
      if (tag.status === 'orphan' || tag.anchor.end > length) continue;
      const types = this.typesFor(tag.kind, editor.document.uri);
      const type = tag.status === 'fuzzy' ? types.fuzzy : types.anchored;
      const ranges = byType.get(type) ?? [];
      ranges.push(rangeOf(editor.document, tag));
      byType.set(type, ranges);
      let record = drawn.get(types);
      if (!record) drawn.set(types, (record = { kind: tag.kind, color: types.kind.color, ranges: [] }));
      record.ranges.push({ start: tag.anchor.start, end: tag.anchor.end });
    }
    for (const [type, ranges] of byType) editor.setDecorations(type, ranges);
    this.drawn.set(editor.document.uri.toString(), [...drawn.values()]);
    this.redrawn.fire(editor.document.uri);
  }
}

export function rangeOf(document: vscode.TextDocument, tag: Tag): vscode.Range {
  return new vscode.Range(document.positionAt(tag.anchor.start), document.positionAt(tag.anchor.end));
}

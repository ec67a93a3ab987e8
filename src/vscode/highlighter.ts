import * as vscode from 'vscode';
import type { Detection, DetectionKind } from '../core/detect';
import { Colors } from '../ids';
import { DetectionService } from './detections';
import { Disposable } from './disposable';
import { affectsHighlighting, HighlightSettings, readHighlightSettings } from './settings';

export const HIGHLIGHT_KINDS: readonly DetectionKind[] = ['quote', 'number', 'attribution', 'cue'];

/** What is decorated in one editor, as offsets, for the internal test command. */
export interface DecoratedRanges {
  uri: string;
  version: number;
  /** Whether only the visible ranges were decorated (a document past the size threshold). */
  visibleOnly: boolean;
  kinds: Record<DetectionKind, Array<{ start: number; end: number }>>;
}

/**
 * Never by colour alone: each kind has its own line style, so highlights read for people who
 * do not tell the colours apart and in high-contrast themes, plus a mark in the overview ruler.
 */
function renderOptions(kind: DetectionKind): vscode.DecorationRenderOptions {
  const color = (id: string): vscode.ThemeColor => new vscode.ThemeColor(id);
  switch (kind) {
    case 'quote':
      return {
        backgroundColor: color(Colors.quoteBackground),
        borderColor: color(Colors.quoteBorder),
        borderStyle: 'solid',
        borderWidth: '0 0 2px 0',
        overviewRulerColor: color(Colors.quoteBorder),
        overviewRulerLane: vscode.OverviewRulerLane.Left,
      };
    case 'number':
      return {
        backgroundColor: color(Colors.numberBackground),
        borderColor: color(Colors.numberBorder),
        borderStyle: 'dashed',
        borderWidth: '1px',
        borderRadius: '3px',
        overviewRulerColor: color(Colors.numberBorder),
        overviewRulerLane: vscode.OverviewRulerLane.Center,
      };
    case 'attribution':
      return {
        backgroundColor: color(Colors.attributionBackground),
        borderColor: color(Colors.attributionBorder),
        borderStyle: 'double',
        borderWidth: '0 0 3px 0',
        overviewRulerColor: color(Colors.attributionBorder),
        overviewRulerLane: vscode.OverviewRulerLane.Right,
      };
    case 'cue':
      return {
        backgroundColor: color(Colors.cueBackground),
        borderColor: color(Colors.cueBorder),
        borderStyle: 'dotted',
        borderWidth: '0 0 2px 0',
        overviewRulerColor: color(Colors.cueBorder),
        overviewRulerLane: vscode.OverviewRulerLane.Right,
      };
  }
}

interface CachedRanges {
  version: number;
  settingsKey: string;
  /** The detector the ranges came from: a new one (another cue vocabulary) means new ranges. */
  detector?: object;
  decorated: DecoratedRanges;
  ranges: Record<DetectionKind, vscode.Range[]>;
}

/** Lines decorated above and below the visible ones in a large document, so scrolling a little shows highlights at once. */
const VISIBLE_MARGIN_LINES = 80;

/**
 * Decorates what the detector finds in every visible editor of a served language. Detection
 * follows each keystroke (the service re-scans only touched paragraphs); redrawing waits for
 * a short pause in typing, and results are cached per document version so switching editors
 * shows them at once.
 */
export class Highlighter extends Disposable {
  private readonly types: Record<DetectionKind, vscode.TextEditorDecorationType>;
  private readonly cache = new Map<string, CachedRanges>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly switchedOff = new Set<string>();
  private readonly applied = new Map<vscode.TextEditor, DecoratedRanges>();
  private readonly decorated = this.register(new vscode.EventEmitter<DecoratedRanges>());
  /** Fires after an editor's decorations were set. */
  readonly onDidDecorate = this.decorated.event;

  constructor(private readonly detections: DetectionService) {
    super();
    this.types = Object.fromEntries(
      HIGHLIGHT_KINDS.map((kind) => [kind, this.register(vscode.window.createTextEditorDecorationType(renderOptions(kind)))]),
    ) as Record<DetectionKind, vscode.TextEditorDecorationType>;

    this.register(detections.onDidChange(({ document }) => this.schedule(document)));
    this.register(vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const editor of [...this.applied.keys()]) if (!editors.includes(editor)) this.applied.delete(editor);
      for (const editor of editors) this.decorate(editor);
    }));
    this.register(vscode.window.onDidChangeTextEditorVisibleRanges(({ textEditor }) => {
      if (this.applied.get(textEditor)?.visibleOnly) this.schedule(textEditor.document, 30);
    }));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (!affectsHighlighting(event)) return;
      this.cache.clear();
      for (const editor of vscode.window.visibleTextEditors) this.decorate(editor);
    }));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => {
      this.cache.delete(document.uri.toString());
      this.switchedOff.delete(document.uri.toString());
    }));
    this.register({ dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) });
    for (const editor of vscode.window.visibleTextEditors) this.decorate(editor);
  }

  /** Switches all highlighting of `document` off or on again; returns whether it is now on. */
  toggle(document: vscode.TextDocument): boolean {
    const id = document.uri.toString();
    const on = this.switchedOff.has(id);
    if (on) this.switchedOff.delete(id);
    else this.switchedOff.add(id);
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document === document) this.decorate(editor);
    }
    return on;
  }

  isSwitchedOff(document: vscode.TextDocument): boolean {
    return this.switchedOff.has(document.uri.toString());
  }

  /** What is decorated now in `editor`, as offsets. */
  decoratedIn(editor: vscode.TextEditor): DecoratedRanges | undefined {
    return this.applied.get(editor);
  }

  private schedule(document: vscode.TextDocument, delay?: number): void {
    const id = document.uri.toString();
    clearTimeout(this.timers.get(id));
    const wait = delay ?? readHighlightSettings(document).delay;
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        for (const editor of vscode.window.visibleTextEditors) {
          if (editor.document === document) this.decorate(editor);
        }
      }, wait),
    );
  }

  private decorate(editor: vscode.TextEditor): void {
    if (this.isDisposed) return;
    const { document } = editor;
    const detector = this.switchedOff.has(document.uri.toString()) ? undefined : this.detections.get(document);
    if (!detector) {
      if (this.applied.has(editor) || this.switchedOff.has(document.uri.toString())) this.clear(editor);
      return;
    }
    const settings = readHighlightSettings(document);
    const visibleOnly = detector.text.length > settings.largeFileThreshold;
    let cached: CachedRanges;
    if (visibleOnly) {
      const window = visibleWindow(editor);
      cached = this.compute(document, detector.detectionsIn(window.start, window.end), settings, true);
    } else {
      const id = document.uri.toString();
      const settingsKey = JSON.stringify(settings.kinds);
      const hit = this.cache.get(id);
      if (hit && hit.version === document.version && hit.settingsKey === settingsKey && hit.detector === detector) {
        cached = hit;
      } else {
        cached = { ...this.compute(document, detector.detections, settings), detector };
        this.cache.set(id, cached);
      }
    }
    for (const kind of HIGHLIGHT_KINDS) editor.setDecorations(this.types[kind], cached.ranges[kind]);
    this.applied.set(editor, cached.decorated);
    this.decorated.fire(cached.decorated);
  }

  private compute(
    document: vscode.TextDocument,
    detections: readonly Detection[],
    settings: HighlightSettings,
    visibleOnly = false,
  ): CachedRanges {
    const ranges = emptyByKind<vscode.Range>();
    const offsets = emptyByKind<{ start: number; end: number }>();
    for (const detection of detections) {
      if (!settings.kinds[detection.kind]) continue;
      ranges[detection.kind].push(new vscode.Range(document.positionAt(detection.start), document.positionAt(detection.end)));
      offsets[detection.kind].push({ start: detection.start, end: detection.end });
    }
    return {
      version: document.version,
      settingsKey: JSON.stringify(settings.kinds),
      ranges,
      decorated: { uri: document.uri.toString(), version: document.version, visibleOnly, kinds: offsets },
    };
  }

  private clear(editor: vscode.TextEditor): void {
    for (const kind of HIGHLIGHT_KINDS) editor.setDecorations(this.types[kind], []);
    const decorated: DecoratedRanges = {
      uri: editor.document.uri.toString(),
      version: editor.document.version,
      visibleOnly: false,
      kinds: emptyByKind(),
    };
    this.applied.set(editor, decorated);
    this.decorated.fire(decorated);
  }
}

function emptyByKind<T>(): Record<DetectionKind, T[]> {
  return { quote: [], number: [], attribution: [], cue: [] };
}

/** Offsets spanning the editor's visible ranges widened by a margin of lines. */
function visibleWindow(editor: vscode.TextEditor): { start: number; end: number } {
  const { document } = editor;
  const visible = editor.visibleRanges.length > 0 ? editor.visibleRanges : [new vscode.Range(0, 0, 0, 0)];
  const firstLine = Math.max(0, Math.min(...visible.map((r) => r.start.line)) - VISIBLE_MARGIN_LINES);
  const lastLine = Math.min(document.lineCount - 1, Math.max(...visible.map((r) => r.end.line)) + VISIBLE_MARGIN_LINES);
  return {
    start: document.offsetAt(new vscode.Position(firstLine, 0)),
    end: document.offsetAt(document.lineAt(lastLine).range.end),
  };
}

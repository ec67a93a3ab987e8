import * as vscode from 'vscode';
import { describeDetection } from '../core/detect';
import { untaggedDetections, type TriageItem } from '../core/triage';
import { Commands, Views } from '../ids';
import { DetectionService } from './detections';
import { Disposable } from './disposable';
import { SidecarStore } from './sidecarStore';
import { excerpt } from './tagCommands';

/**
 * A detection in the Detected view. It carries `uri`, `start` and `end`, so the tag commands
 * take it as the span to tag when run from the view's menus.
 */
export interface DetectionNode {
  readonly uri: string;
  readonly start: number;
  readonly end: number;
  readonly detectionKind: string;
  readonly subtype: string;
  readonly speaker?: string;
}

/** The active article's quotes, numbers and attributions that nobody has tagged yet. */
export class DetectedView extends Disposable implements vscode.TreeDataProvider<DetectionNode> {
  private readonly changed = this.register(new vscode.EventEmitter<DetectionNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<DetectionNode>;
  private nodes: DetectionNode[] = [];
  private document: vscode.TextDocument | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Set by the triage while it runs: "Triage 3 of 17". */
  progress: string | undefined;

  constructor(
    private readonly detections: DetectionService,
    private readonly store: SidecarStore,
  ) {
    super();
    this.view = this.register(vscode.window.createTreeView(Views.detected, { treeDataProvider: this }));
    this.register({ dispose: () => clearTimeout(this.timer) });
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)));
    this.register(detections.onDidChange(({ document }) => document === this.document && this.schedule(300)));
    this.register(store.onDidChange(({ article }) => article.toString() === this.document?.uri.toString() && this.schedule(50)));
    this.register(this.view.onDidChangeVisibility(({ visible }) => visible && this.schedule(0)));
    this.register(vscode.commands.registerCommand(Commands.revealDetection, (node: DetectionNode) => revealDetection(node)));
    this.rebuild();
  }

  /** The untagged detections of the active article, as the view lists them. */
  items(): readonly DetectionNode[] {
    return this.nodes;
  }

  nodeAt(start: number, end: number): DetectionNode | undefined {
    return this.nodes.find((n) => n.start === start && n.end === end);
  }

  /** Rebuilds now (the triage calls this before reading the list). */
  rebuild(): void {
    const editor = vscode.window.activeTextEditor;
    const document = editor?.document;
    const detector = document ? this.detections.get(document) : undefined;
    if (!document || !detector) {
      // Keep showing the last article while focus is in a view or a panel.
      if (editor) {
        this.document = undefined;
        this.nodes = [];
      }
    } else {
      this.document = document;
      const tags = this.store.peek(document.uri)?.tags ?? [];
      this.nodes = untaggedDetections(detector.detections, tags).map((item: TriageItem) => ({
        uri: document.uri.toString(),
        start: item.start,
        end: item.end,
        detectionKind: item.kind,
        subtype: item.subtype,
        ...(item.speaker ? { speaker: item.speaker } : {}),
      }));
    }
    this.updateHeader();
    this.changed.fire(undefined);
  }

  updateHeader(): void {
    const name = this.document ? vscode.workspace.asRelativePath(this.document.uri) : undefined;
    this.view.description = this.progress ?? (name ? `${this.nodes.length} untagged · ${name}` : undefined);
    this.view.message = this.document && this.nodes.length === 0 ? 'Everything detected in this article is tagged.' : undefined;
  }

  getChildren(node?: DetectionNode): DetectionNode[] {
    return node ? [] : this.nodes;
  }

  getParent(): undefined {
    return undefined;
  }

  getTreeItem(node: DetectionNode): vscode.TreeItem {
    const document = this.document;
    const text = document?.getText(new vscode.Range(document.positionAt(node.start), document.positionAt(node.end))) ?? '';
    const item = new vscode.TreeItem(excerpt(text, 80));
    item.id = `${node.uri}#${node.start}-${node.end}`;
    const line = document ? document.positionAt(node.start).line + 1 : 0;
    item.description = `Ln ${line} · ${node.subtype}${node.speaker ? ` · ${node.speaker}` : ''}`;
    item.iconPath = new vscode.ThemeIcon(node.detectionKind === 'quote' ? 'quote' : node.detectionKind === 'number' ? 'symbol-number' : 'person');
    const detector = document ? this.detections.get(document) : undefined;
    const detection = detector?.detectionsIn(node.start, node.end).find((d) => d.start === node.start && d.end === node.end && d.kind === node.detectionKind);
    item.tooltip = detection && detector ? describeDetection(detection, detector.text) : text;
    item.contextValue = 'detection';
    item.command = { title: 'Select', command: Commands.revealDetection, arguments: [node] };
    return item;
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.rebuild(), delay);
  }
}

/** Selects a detection in its editor (the Detected view's click). */
export async function revealDetection(node: DetectionNode, preserveFocus = true): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(node.uri));
  const range = new vscode.Range(document.positionAt(node.start), document.positionAt(node.end));
  const editor = await vscode.window.showTextDocument(document, { preserveFocus, preview: true, selection: range });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

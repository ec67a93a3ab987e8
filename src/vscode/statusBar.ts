import * as vscode from 'vscode';
import { Views } from '../ids';
import { DetectionService } from './detections';
import { Disposable } from './disposable';
import { Highlighter } from './highlighter';

/** Counts of quotes and numeric claims in the active file; a click opens the Detected view. */
export class DetectionStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('newsAnnotator.counts', vscode.StatusBarAlignment.Right, 100));
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly detections: DetectionService,
    private readonly highlighter: Highlighter,
  ) {
    super();
    this.item.name = 'News Annotator: Detections';
    this.item.command = `${Views.detected}.focus`;
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this.register(highlighter.onDidDecorate(() => this.scheduleUpdate()));
    this.register({ dispose: () => clearTimeout(this.timer) });
    this.update();
  }

  private scheduleUpdate(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), 50);
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor;
    const detector = editor ? this.detections.get(editor.document) : undefined;
    if (!editor || !detector) {
      this.item.hide();
      return;
    }
    let quotes = 0;
    let numbers = 0;
    for (const d of detector.detections) {
      if (d.kind === 'quote' && !d.nested) quotes++;
      else if (d.kind === 'number') numbers++;
    }
    const off = this.highlighter.isSwitchedOff(editor.document);
    this.item.text = `$(quote) ${quotes}  $(symbol-number) ${numbers}${off ? '  $(eye-closed)' : ''}`;
    this.item.tooltip = `News Annotator: ${quotes} ${quotes === 1 ? 'quote' : 'quotes'}, ${numbers} numeric ${numbers === 1 ? 'claim' : 'claims'}${off ? ' (highlights off)' : ''}. Click to open the Detected view.`;
    this.item.accessibilityInformation = { label: this.item.tooltip, role: 'button' };
    this.item.show();
  }
}

import * as vscode from 'vscode';
import type { KindRegistry } from '../core/kinds';
import { suggestKind } from '../core/suggest';
import { addTag, changeKind, createTag, findTag } from '../core/tags';
import { TriageSession, type TriageProgress } from '../core/triage';
import { Commands, ContextKeys } from '../ids';
import { currentAuthor } from './author';
import { DetectedView, revealDetection } from './detectedView';
import { DetectionService } from './detections';
import { Disposable } from './disposable';
import { SidecarStore, TagStoreError } from './sidecarStore';

export interface TriageState extends TriageProgress {
  readonly active: boolean;
}

/**
 * Triage Detected Claims: steps through the active article's untagged detections, selecting
 * each, and takes one key per decision: a kind's key tags it, Enter takes the suggested kind,
 * Space or → skips, Backspace or ← goes back, Escape stops. The keys are bound only while a
 * triage runs (the `newsAnnotator.triageActive` context), so typing is untouched otherwise.
 */
export class Triage extends Disposable {
  private session: TriageSession | undefined;
  private editor: vscode.TextEditor | undefined;
  private busy = false;
  private readonly highlight = this.register(
    vscode.window.createTextEditorDecorationType({
      border: '1px solid',
      borderColor: new vscode.ThemeColor('focusBorder'),
      borderRadius: '2px',
    }),
  );
  private readonly hint = this.register(vscode.window.createTextEditorDecorationType({}));
  private readonly status = this.register(vscode.window.createStatusBarItem('newsAnnotator.triage', vscode.StatusBarAlignment.Left, 1000));
  private readonly changed = this.register(new vscode.EventEmitter<TriageState>());
  /** Fires after every step of a triage, and when it ends. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly store: SidecarStore,
    private readonly detections: DetectionService,
    private readonly view: DetectedView,
    private readonly kinds: (article?: vscode.Uri) => KindRegistry,
  ) {
    super();
    this.status.name = 'News Annotator: Triage';
    this.status.command = Commands.stopTriage;
    this.register(vscode.commands.registerCommand(Commands.startTriage, () => this.start()));
    this.register(vscode.commands.registerCommand(Commands.stopTriage, () => this.stop()));
    this.register(vscode.commands.registerCommand(Commands.triageKey, (key: unknown) => this.key(String(key))));
    this.register(vscode.commands.registerCommand(Commands.triageAccept, () => this.accept()));
    this.register(vscode.commands.registerCommand(Commands.triageSkip, () => this.step(() => this.session?.skip())));
    this.register(vscode.commands.registerCommand(Commands.triageBack, () => this.step(() => this.session?.back())));
    this.register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (!this.session || event.document !== this.editor?.document) return;
        for (const change of event.contentChanges) this.session.applyChange(change);
      }),
    );
    this.register(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // Moving to another article ends the pass; focus going to a view or panel does not.
        if (this.session && editor && editor.document !== this.editor?.document) void this.stop();
      }),
    );
  }

  get state(): TriageState {
    const progress = this.session?.progress() ?? { position: 0, total: 0, tagged: 0, skipped: 0 };
    return { active: this.session !== undefined, ...progress };
  }

  async start(): Promise<TriageState> {
    const editor = vscode.window.activeTextEditor ?? this.lastArticleEditor();
    if (!editor || !this.detections.get(editor.document)) {
      void vscode.window.showInformationMessage('News Annotator: open an article, then run Triage Detected Claims.');
      return this.state;
    }
    await this.store.get(editor.document.uri);
    this.view.rebuild();
    const items = this.view.items().map((n) => ({ start: n.start, end: n.end, kind: n.detectionKind, subtype: n.subtype, ...(n.speaker ? { speaker: n.speaker } : {}) }));
    if (items.length === 0) {
      void vscode.window.showInformationMessage('News Annotator: everything detected in this article is already tagged.');
      return this.state;
    }
    this.session = new TriageSession(items);
    this.editor = editor;
    await vscode.commands.executeCommand('setContext', ContextKeys.triageActive, true);
    await this.show();
    return this.state;
  }

  async stop(): Promise<TriageState> {
    const session = this.session;
    if (!session) return this.state;
    const { tagged, skipped } = session.progress();
    this.session = undefined;
    await vscode.commands.executeCommand('setContext', ContextKeys.triageActive, false);
    this.editor?.setDecorations(this.highlight, []);
    this.editor?.setDecorations(this.hint, []);
    this.status.hide();
    this.view.progress = undefined;
    this.view.rebuild();
    vscode.window.setStatusBarMessage(`$(checklist) Triage ${session.done ? 'finished' : 'stopped'}: ${tagged} tagged, ${skipped} skipped`, 6000);
    const state = { ...session.progress(), active: false };
    this.changed.fire(state);
    return state;
  }

  /** A single key: the kind with that triage key tags the current detection. */
  private async key(key: string): Promise<TriageState> {
    const registry = this.kinds(this.editor?.document.uri);
    const kind = registry.byKey(key.toLowerCase()) ?? (registry.has(key) && !registry.isRetired(key) ? registry.get(key) : undefined);
    if (!kind) {
      const keys = registry
        .active()
        .filter((k) => k.key)
        .map((k) => `${k.key} ${k.label}`)
        .join(', ');
      vscode.window.setStatusBarMessage(`No kind on “${key}”. Keys: ${keys}`, 3000);
      return this.state;
    }
    return this.tagCurrent(kind.id);
  }

  /** Enter: tags the current detection with the suggested kind. */
  private async accept(): Promise<TriageState> {
    const kind = this.suggestion();
    if (!kind) {
      vscode.window.setStatusBarMessage('No suggestion here: press a kind’s key', 3000);
      return this.state;
    }
    return this.tagCurrent(kind);
  }

  private suggestion(): string | undefined {
    const item = this.session?.current;
    const document = this.editor?.document;
    const detector = document ? this.detections.get(document) : undefined;
    if (!item || !detector) return undefined;
    const around = detector.detectionsIn(item.start, item.end);
    return suggestKind(around.length > 0 ? around : [item], this.kinds(document?.uri));
  }

  private async tagCurrent(kind: string): Promise<TriageState> {
    const session = this.session;
    const editor = this.editor;
    const item = session?.current;
    if (!session || !editor || !item || this.busy) return this.state;
    this.busy = true;
    try {
      const article = editor.document.uri;
      const existing = session.currentTag;
      const author = await currentAuthor(article);
      let id = existing;
      await this.store.update(article, (tags, text) => {
        if (existing && findTag(tags, existing)) return changeKind(tags, existing, kind);
        const tag = createTag(tags, { kind, text, start: item.start, end: item.end, author });
        id = tag.id;
        return addTag(tags, tag);
      });
      if (id) session.tagged(id);
    } catch (error) {
      if (error instanceof TagStoreError) {
        void vscode.window.showErrorMessage(`News Annotator: ${error.message}`);
        await this.stop();
        return this.state;
      }
      throw error;
    } finally {
      this.busy = false;
    }
    await this.show();
    return this.state;
  }

  private async step(move: () => unknown): Promise<TriageState> {
    if (!this.session || this.busy) return this.state;
    move();
    await this.show();
    return this.state;
  }

  private async show(): Promise<void> {
    const session = this.session;
    const editor = this.editor;
    if (!session || !editor) return;
    if (session.done) {
      await this.stop();
      return;
    }
    const item = session.current!;
    const { position, total } = session.progress();
    const revealed = await revealDetection({ uri: editor.document.uri.toString(), start: item.start, end: item.end, detectionKind: item.kind, subtype: item.subtype }, false);
    this.editor = revealed;
    const range = new vscode.Range(revealed.document.positionAt(item.start), revealed.document.positionAt(item.end));
    const registry = this.kinds(revealed.document.uri);
    const keys = registry
      .active()
      .filter((k) => k.key)
      .map((k) => `${k.key} ${k.label}`)
      .join(' · ');
    const suggested = this.suggestion();
    const existing = session.currentTag ? findTag(this.store.peek(revealed.document.uri)?.tags ?? [], session.currentTag) : undefined;
    // Short, because it sits at the end of a line; the status bar item carries the full help.
    const keyLetters = registry
      .active()
      .filter((k) => k.key)
      .map((k) => k.key)
      .join(' ');
    const parts = [`${position}/${total}`, existing ? `tagged ${registry.labelFor(existing.kind)}` : undefined, keyLetters, suggested ? `⏎ ${registry.labelFor(suggested)}` : undefined, '␣ skip', '⌫ back', 'esc'];
    const hint = `  ${parts.filter(Boolean).join('  ')}`;
    revealed.setDecorations(this.highlight, [range]);
    revealed.setDecorations(this.hint, [
      {
        range: new vscode.Range(range.end, range.end),
        renderOptions: { after: { contentText: hint, color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic', margin: '0 0 0 0.5em' } },
      },
    ]);
    this.status.text = `$(checklist) Triage ${position}/${total}`;
    this.status.tooltip = `Triage Detected Claims: ${keys}; Enter takes the suggestion; Space skips; Backspace goes back; Escape (or a click here) stops.`;
    this.status.show();
    this.view.progress = `Triage ${position} of ${total}`;
    this.view.updateHeader();
    const node = this.view.nodeAt(item.start, item.end);
    if (node && this.view.view.visible) await this.view.view.reveal(node, { select: true, focus: false }).then(undefined, () => undefined);
    this.changed.fire(this.state);
  }

  private lastArticleEditor(): vscode.TextEditor | undefined {
    return vscode.window.visibleTextEditors.find((e) => this.detections.get(e.document) !== undefined);
  }
}

import * as vscode from 'vscode';
import { defaultConventionsText } from './core/conventions';
import type { KindRegistry } from './core/kinds';
import { ConventionsService, registerInitConventions } from './vscode/conventions';
import { onDidShowPrompt, type FieldPromptShown } from './vscode/fieldPrompt';
import { DetectedView } from './vscode/detectedView';
import { DetectionService } from './vscode/detections';
import { registerExchangeCommands } from './vscode/exchange';
import { TagDiagnostics } from './vscode/diagnostics';
import { registerHighlightCommands } from './vscode/highlightCommands';
import { Highlighter } from './vscode/highlighter';
import { DetectionHoverProvider } from './vscode/hover';
import { createLog, registerLogCommands } from './vscode/log';
import { NoteFileSystem } from './vscode/noteEditor';
import { registerPanelCommands } from './vscode/panelCommands';
import { SidecarMover } from './vscode/sidecarMove';
import { SidecarStore } from './vscode/sidecarStore';
import { DetectionStatusBar } from './vscode/statusBar';
import { TagCommands } from './vscode/tagCommands';
import { TagDecorator } from './vscode/tagDecorations';
import { TagHoverProvider, registerHoverActions } from './vscode/tagHover';
import { TagTree } from './vscode/tagTree';
import { Triage } from './vscode/triage';

/** What the extension hands to other extensions and to its integration tests. */
export interface NewsAnnotatorApi {
  readonly version: string;
  readonly highlighter: Highlighter;
  readonly store: SidecarStore;
  readonly tagTree: TagTree;
  readonly detectedView: DetectedView;
  readonly triage: Triage;
  readonly conventions: ConventionsService;
  readonly tagDecorator: TagDecorator;
  /** Fires when a kind or a field is asked for (tests answer the prompt through it). */
  readonly onDidShowPrompt: vscode.Event<FieldPromptShown>;
}

let store: SidecarStore | undefined;

export function activate(context: vscode.ExtensionContext): NewsAnnotatorApi {
  const log = createLog();
  const conventions = new ConventionsService();
  // The kinds of the article's folder; without one, of the article in the active editor.
  const kinds = (article?: vscode.Uri): KindRegistry => conventions.kindsFor(article ?? vscode.window.activeTextEditor?.document.uri);
  const detections = new DetectionService((uri) => conventions.vocabularyFor(uri), conventions.onDidChange);
  const highlighter = new Highlighter(detections);
  store = new SidecarStore(vscode.workspace.fs, kinds, log);
  const notes = new NoteFileSystem(store, kinds);
  const tagTree = new TagTree(store, conventions, context.workspaceState);
  const detectedView = new DetectedView(detections, store);
  const triage = new Triage(store, detections, detectedView, kinds);
  const tagDecorator = new TagDecorator(store, kinds, conventions.onDidChange);
  context.subscriptions.push(
    conventions,
    registerInitConventions(() => defaultConventionsText()),
    log,
    registerLogCommands(log),
    detections,
    highlighter,
    store,
    notes,
    tagDecorator,
    new TagDiagnostics(store, conventions),
    new TagCommands(store, detections, conventions, (ref) => notes.open(ref)),
    vscode.languages.registerHoverProvider('*', new TagHoverProvider(store, kinds, (article, tag) => conventions.fieldLines(article, tag))),
    vscode.languages.registerHoverProvider('*', new DetectionHoverProvider(detections, store, kinds)),
    registerHoverActions(store, (document, start, end) => detections.get(document)?.detectionsIn(start, end).some((d) => d.start === start && d.end === end) ?? false, kinds),
    new DetectionStatusBar(detections, highlighter),
    registerHighlightCommands(detections, highlighter),
    tagTree,
    detectedView,
    triage,
    registerPanelCommands(store, tagTree, kinds, (article) => conventions.forUri(article)),
    new SidecarMover(log),
    registerExchangeCommands(store, conventions, log),
  );
  log.info(`News Annotator ${context.extension.packageJSON.version} activated`);
  return { version: context.extension.packageJSON.version as string, highlighter, store, tagTree, detectedView, triage, conventions, tagDecorator, onDidShowPrompt };
}

/** Writes tag changes still waiting for their short delay, or saves aside those that cannot be written. */
export async function deactivate(): Promise<void> {
  await store?.close();
}

import * as vscode from 'vscode';
import { KindRegistry } from './core/kinds';
import { DetectionService } from './vscode/detections';
import { TagDiagnostics } from './vscode/diagnostics';
import { registerHighlightCommands } from './vscode/highlightCommands';
import { Highlighter } from './vscode/highlighter';
import { DetectionHoverProvider } from './vscode/hover';
import { createLog, registerLogCommands } from './vscode/log';
import { NoteFileSystem } from './vscode/noteEditor';
import { SidecarStore } from './vscode/sidecarStore';
import { DetectionStatusBar } from './vscode/statusBar';
import { TagCommands } from './vscode/tagCommands';
import { TagDecorator } from './vscode/tagDecorations';
import { TagHoverProvider } from './vscode/tagHover';

/** What the extension hands to other extensions and to its integration tests. */
export interface NewsAnnotatorApi {
  readonly version: string;
  readonly highlighter: Highlighter;
  readonly store: SidecarStore;
}

let store: SidecarStore | undefined;

export function activate(context: vscode.ExtensionContext): NewsAnnotatorApi {
  const log = createLog();
  const kinds = (): KindRegistry => KindRegistry.defaults;
  const detections = new DetectionService();
  const highlighter = new Highlighter(detections);
  store = new SidecarStore(vscode.workspace.fs, kinds, log);
  const notes = new NoteFileSystem(store, kinds);
  context.subscriptions.push(
    log,
    registerLogCommands(log),
    detections,
    highlighter,
    store,
    notes,
    new TagDecorator(store, kinds),
    new TagDiagnostics(store, kinds),
    new TagCommands(store, detections, kinds, (ref) => notes.open(ref)),
    vscode.languages.registerHoverProvider('*', new TagHoverProvider(store, kinds)),
    vscode.languages.registerHoverProvider('*', new DetectionHoverProvider(detections, store, kinds)),
    new DetectionStatusBar(detections, highlighter),
    registerHighlightCommands(detections, highlighter),
  );
  log.info(`News Annotator ${context.extension.packageJSON.version} activated`);
  return { version: context.extension.packageJSON.version as string, highlighter, store };
}

/** Writes tag changes still waiting for their short delay before the window goes. */
export async function deactivate(): Promise<void> {
  await store?.flush();
}

import * as vscode from 'vscode';
import { DetectionService } from './vscode/detections';
import { registerHighlightCommands } from './vscode/highlightCommands';
import { Highlighter } from './vscode/highlighter';
import { DetectionHoverProvider } from './vscode/hover';
import { createLog, registerLogCommands } from './vscode/log';
import { DetectionStatusBar } from './vscode/statusBar';

/** What the extension hands to other extensions and to its integration tests. */
export interface NewsAnnotatorApi {
  readonly version: string;
  readonly highlighter: Highlighter;
}

export function activate(context: vscode.ExtensionContext): NewsAnnotatorApi {
  const log = createLog();
  const detections = new DetectionService();
  const highlighter = new Highlighter(detections);
  context.subscriptions.push(
    log,
    registerLogCommands(log),
    detections,
    highlighter,
    vscode.languages.registerHoverProvider('*', new DetectionHoverProvider(detections)),
    new DetectionStatusBar(detections, highlighter),
    registerHighlightCommands(detections, highlighter),
  );
  log.info(`News Annotator ${context.extension.packageJSON.version} activated`);
  return { version: context.extension.packageJSON.version as string, highlighter };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}

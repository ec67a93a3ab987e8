import * as vscode from 'vscode';
import { createLog, registerLogCommands } from './vscode/log';

/** What the extension hands to other extensions and to its integration tests. */
export interface NewsAnnotatorApi {
  readonly version: string;
}

export function activate(context: vscode.ExtensionContext): NewsAnnotatorApi {
  const log = createLog();
  context.subscriptions.push(log, registerLogCommands(log));
  log.info(`News Annotator ${context.extension.packageJSON.version} activated`);
  return { version: context.extension.packageJSON.version as string };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}

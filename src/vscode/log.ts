import * as vscode from 'vscode';
import { Commands } from '../ids';

/** The extension's log, shown under Output › News Annotator. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('News Annotator', { log: true });
}

export function registerLogCommands(log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.showLog, () => log.show(true));
}

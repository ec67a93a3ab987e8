import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { chooseAuthor } from '../core/tags';
import { Settings } from '../ids';

let gitUserName: Promise<string | undefined> | undefined;

/**
 * Who is tagging: the `newsAnnotator.author` setting, else git's `user.name` for the
 * workspace, else the operating-system user.
 */
export async function currentAuthor(resource?: vscode.Uri): Promise<string> {
  const setting = vscode.workspace.getConfiguration(Settings.section, resource).get<string>(Settings.author, '').trim();
  if (setting) return setting;
  gitUserName ??= readGitUserName(resource);
  let osUserName: string | undefined;
  try {
    osUserName = os.userInfo().username;
  } catch {
    osUserName = undefined;
  }
  return chooseAuthor({ gitUserName: await gitUserName, osUserName });
}

function readGitUserName(resource?: vscode.Uri): Promise<string | undefined> {
  const folder = (resource && vscode.workspace.getWorkspaceFolder(resource)) ?? vscode.workspace.workspaceFolders?.[0];
  // In Restricted Mode git runs outside the workspace: a repository's own git config is not
  // read until its folder is trusted.
  const cwd = folder?.uri.scheme === 'file' && vscode.workspace.isTrusted ? folder.uri.fsPath : undefined;
  return new Promise((resolve) => {
    try {
      // Git may be missing (a web or a bare machine): then the OS user stands in.
      execFile('git', ['config', 'user.name'], { cwd, timeout: 3000 }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
    } catch {
      resolve(undefined);
    }
  });
}

import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { findProgram, isProgramOnDisk } from '../core/findProgram';
import { chooseAuthor } from '../core/tags';
import { Settings } from '../ids';

/** git's answer, asked once in Restricted Mode and once more when the workspace is trusted. */
const gitUserName = new Map<boolean, Promise<string | undefined>>();

/**
 * Who is tagging: the `newsAnnotator.author` setting, else git's `user.name` for the
 * workspace, else the operating-system user.
 */
export async function currentAuthor(resource?: vscode.Uri): Promise<string> {
  const setting = vscode.workspace.getConfiguration(Settings.section, resource).get<string>(Settings.author, '').trim();
  if (setting) return setting;
  const trusted = vscode.workspace.isTrusted;
  if (!gitUserName.has(trusted)) gitUserName.set(trusted, readGitUserName(resource));
  let osUserName: string | undefined;
  try {
    osUserName = os.userInfo().username;
  } catch {
    osUserName = undefined;
  }
  return chooseAuthor({ gitUserName: await gitUserName.get(trusted), osUserName });
}

function readGitUserName(resource?: vscode.Uri): Promise<string | undefined> {
  const folder = (resource && vscode.workspace.getWorkspaceFolder(resource)) ?? vscode.workspace.workspaceFolders?.[0];
  // In Restricted Mode git runs in the home folder: a repository's own git config is not
  // read until its folder is trusted.
  const cwd = folder?.uri.scheme === 'file' && vscode.workspace.isTrusted ? folder.uri.fsPath : os.homedir();
  // git is found on PATH without looking in the workspace (see findProgram): a repository
  // cannot ship a git of its own for this to run.
  const git = findGit();
  if (!git) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    try {
      execFile(git, ['config', 'user.name'], { cwd, timeout: 3000, windowsHide: true }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
    } catch {
      resolve(undefined);
    }
  });
}

/** The absolute path of git outside every workspace folder, or undefined (a web or a bare machine: then the OS user stands in). */
export function findGit(): string | undefined {
  return findProgram('git', {
    pathVariable: process.env.PATH,
    platform: process.platform,
    untrusted: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    isProgram: isProgramOnDisk,
  });
}

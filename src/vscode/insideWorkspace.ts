import { realpath } from 'node:fs/promises';
import { sep } from 'node:path';
import * as vscode from 'vscode';

/**
 * Why writing `target` could land outside its workspace folder, or undefined if it cannot.
 * A repository can ship a symbolic link (`.annotations -> /home/someone/.config`) as well as
 * settings; the path alone, checked in src/core/sidecarPath.ts, cannot see one. Local files
 * are resolved to their real paths; on other file systems every existing folder on the way
 * is checked not to be a link. A file outside every workspace folder (an article opened on
 * its own) is the user's own choice of place and is not refused.
 *
 * @param target - The file about to be written
 */
export async function outsideWorkspace(fs: vscode.FileSystem, target: vscode.Uri): Promise<string | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(target);
  if (!folder) return undefined;
  const relative = target.path.slice(folder.uri.path.length).split('/').filter(Boolean);
  if (target.scheme === 'file') {
    const root = await realpath(folder.uri.fsPath).catch(() => folder.uri.fsPath);
    // The deepest folder on the way that exists already is where the write would go.
    for (let depth = relative.length - 1; depth >= 0; depth--) {
      const real = await realpath(vscode.Uri.joinPath(folder.uri, ...relative.slice(0, depth)).fsPath).catch(() => undefined);
      if (real === undefined) continue;
      if (real === root || real.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) return undefined;
      return `${vscode.workspace.asRelativePath(vscode.Uri.joinPath(folder.uri, ...relative.slice(0, depth)))} leads out of the workspace folder (a symbolic link)`;
    }
    return undefined;
  }
  for (let depth = 1; depth < relative.length; depth++) {
    const on = vscode.Uri.joinPath(folder.uri, ...relative.slice(0, depth));
    const stat = await fs.stat(on).then(
      (s) => s,
      () => undefined,
    );
    if (!stat) break;
    if (stat.type & vscode.FileType.SymbolicLink) return `${vscode.workspace.asRelativePath(on)} is a symbolic link, which could lead out of the workspace folder`;
  }
  return undefined;
}

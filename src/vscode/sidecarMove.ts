import * as vscode from 'vscode';
import { SIDECAR_SUFFIX, mirrorFolderProblem, relocatedSidecarPath } from '../core/sidecarPath';
import { moveSidecars as moveCore, type MoveFiles, type MoveResult as CoreMoveResult, type Relocation as CoreRelocation } from '../core/store/moveSidecars';
import { Commands, Settings } from '../ids';
import { Disposable } from './disposable';
import { outsideWorkspace } from './insideWorkspace';
import { readSidecarLocation } from './settings';

/** A sidecar that sits where the location setting no longer looks, and where it belongs. */
export type Relocation = CoreRelocation<vscode.Uri>;
export type MoveResult = CoreMoveResult<vscode.Uri>;

/** Where a sidecar belongs under the location setting, when it is not there; else undefined. */
export function relocationOf(sidecar: vscode.Uri): vscode.Uri | undefined {
  if (!vscode.workspace.getWorkspaceFolder(sidecar)) return undefined;
  const target = relocatedSidecarPath(sidecar.path, readSidecarLocation(sidecar));
  return target === undefined ? undefined : sidecar.with({ path: target });
}

/** Every sidecar of the workspace that the location setting does not look for where it is. */
export async function findMisplacedSidecars(): Promise<Relocation[]> {
  const out: Relocation[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const options = readSidecarLocation(folder.uri);
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `**/*${SIDECAR_SUFFIX}`), '**/node_modules/**');
    for (const from of found) {
      const target = relocatedSidecarPath(from.path, options);
      if (target !== undefined) out.push({ from, to: from.with({ path: target }) });
    }
  }
  return out.sort((a, b) => (a.from.path < b.from.path ? -1 : a.from.path > b.from.path ? 1 : 0));
}

/**
 * Moves each sidecar to its place through `fs` (see the core {@link moveCore}): never
 * overwriting, never out of the workspace, and reporting a move that hangs instead of
 * waiting on it.
 */
export function moveSidecars(relocations: readonly Relocation[], fs: vscode.FileSystem = vscode.workspace.fs, timeoutMs?: number): Promise<MoveResult> {
  return moveCore(relocations, moveFiles(fs), timeoutMs);
}

/** The file work of moving sidecars, through `fs`: never overwriting, never out of the workspace. */
export function moveFiles(fs: vscode.FileSystem): MoveFiles<vscode.Uri> {
  return {
    exists: async (uri) => {
      try {
        await fs.stat(uri);
        return true;
      } catch {
        return false;
      }
    },
    outsideWorkspace: (uri) => outsideWorkspace(fs, uri),
    createParent: async (uri) => fs.createDirectory(vscode.Uri.joinPath(uri, '..')),
    rename: async (from, to) => fs.rename(from, to, { overwrite: false }),
  };
}

/**
 * The "Move Sidecars to the Configured Location" command, and the offer to run it when the
 * location setting changes while sidecars sit in the old place: without it their tags would
 * no longer show (they stay on disk, untouched, until moved).
 */
export class SidecarMover extends Disposable {
  private offerTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly warned = new Set<string>();

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    this.register(vscode.commands.registerCommand(Commands.moveSidecars, () => this.run()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(`${Settings.section}.sidecar`)) return;
        // Both settings often change together; offer once they have.
        clearTimeout(this.offerTimer);
        this.offerTimer = setTimeout(() => void this.offer(), 300);
      }),
    );
    this.register({ dispose: () => clearTimeout(this.offerTimer) });
    this.refuseMirrorFolder();
  }

  /**
   * Says so, once per value, when a workspace folder's mirror folder setting leads out of it:
   * no sidecar is then written for its articles (their tags stay in memory), since the
   * setting may come from a repository and must not steer writes elsewhere.
   */
  private refuseMirrorFolder(): boolean {
    let refused = false;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const location = readSidecarLocation(folder.uri);
      if (location.location !== 'mirror') continue;
      const problem = mirrorFolderProblem(location.mirrorFolder);
      if (!problem) continue;
      refused = true;
      const key = `${folder.uri.toString()}\n${location.mirrorFolder}`;
      if (this.warned.has(key)) continue;
      this.warned.add(key);
      const message = `News Annotator does not use the sidecar mirror folder "${location.mirrorFolder}" of ${folder.name}: ${problem}. Tags made there are kept in memory and not written until ${Settings.section}.${Settings.sidecarMirrorFolder} names a folder inside the workspace folder.`;
      this.log.warn(message);
      void vscode.window.showWarningMessage(message, 'Open Settings').then((pick) => pick && vscode.commands.executeCommand('workbench.action.openSettings', `${Settings.section}.${Settings.sidecarMirrorFolder}`));
    }
    return refused;
  }

  /** Moves every misplaced sidecar and says what happened; returns the result for tests. */
  async run(): Promise<MoveResult> {
    const misplaced = await findMisplacedSidecars();
    if (misplaced.length === 0) {
      void vscode.window.showInformationMessage('Every sidecar is where the sidecar location setting says.');
      return { moved: [], kept: [], failed: [] };
    }
    const result = await moveSidecars(misplaced);
    for (const { from, to } of result.moved) this.log.info(`Moved ${vscode.workspace.asRelativePath(from)} to ${vscode.workspace.asRelativePath(to)}`);
    for (const { from, to } of result.kept) this.log.warn(`Kept ${vscode.workspace.asRelativePath(from)}: ${vscode.workspace.asRelativePath(to)} exists already; merge the two by hand`);
    for (const { from, reason } of result.failed) this.log.error(`Could not move ${vscode.workspace.asRelativePath(from)}: ${reason}`);
    const parts = [`Moved ${plural(result.moved.length, 'sidecar')}.`];
    if (result.kept.length > 0) parts.push(`${plural(result.kept.length, 'sidecar')} kept where ${result.kept.length === 1 ? 'it was' : 'they were'}: a sidecar already exists at the new place (see the log).`);
    if (result.failed.length > 0) parts.push(`${plural(result.failed.length, 'sidecar')} could not be moved (see the log).`);
    const message = parts.join(' ');
    if (result.kept.length > 0 || result.failed.length > 0) void vscode.window.showWarningMessage(message, 'Show Log').then((pick) => pick && this.log.show());
    else void vscode.window.showInformationMessage(message);
    return result;
  }

  private async offer(): Promise<void> {
    if (this.refuseMirrorFolder()) return;
    const misplaced = await findMisplacedSidecars();
    if (misplaced.length === 0) return;
    const pick = await vscode.window.showInformationMessage(
      `${plural(misplaced.length, 'sidecar')} ${misplaced.length === 1 ? 'is' : 'are'} still in the old place, where News Annotator no longer looks for ${misplaced.length === 1 ? 'its' : 'their'} tags. Move ${misplaced.length === 1 ? 'it' : 'them'} to where the sidecar location setting says?`,
      'Move Sidecars',
    );
    if (pick) await this.run();
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

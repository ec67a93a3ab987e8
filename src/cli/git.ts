/**
 * The little of git the review commands need, through the `git` program itself: resolving
 * revisions, listing what changed between two trees, and reading many files of a revision
 * through one `git cat-file --batch` process (one process for a thousand files, not a
 * thousand processes).
 */
import { spawnSync } from 'node:child_process';
import { findProgram, isProgramOnDisk } from '../core/findProgram';

/** A git command failed; `message` is git's own first line of complaint. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

let gitProgram: string | undefined | null = null;

/**
 * git's absolute path, found once on the absolute entries of PATH. Handing the OS a bare
 * `git` would, on Windows, run a `git.exe` in the working directory first, which is the
 * repository under review: a repository must not choose the program its review runs.
 */
function gitPath(): string | undefined {
  if (gitProgram === null) gitProgram = findProgram('git', { pathVariable: process.env.PATH, platform: process.platform, untrusted: [], isProgram: isProgramOnDisk });
  return gitProgram;
}

/** Runs git in `cwd` and returns its stdout; throws {@link GitError} with git's message on failure. */
export function git(args: readonly string[], cwd: string, input?: string | Buffer): Buffer {
  const program = gitPath();
  if (!program) throw new GitError('git is not installed (or not on PATH)');
  const result = spawnSync(program, args, { cwd, input, maxBuffer: 1024 * 1024 * 1024, windowsHide: true });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new GitError(code === 'ENOENT' ? 'git is not installed (or not on PATH)' : `git could not be run (${result.error.message})`);
  }
  if (result.status !== 0) {
    const stderr = result.stderr.toString('utf8').trim().split('\n').find((line) => line.trim() !== '') ?? `git ${args[0]} failed`;
    throw new GitError(stderr.replace(/^(fatal|error): /, ''));
  }
  return result.stdout;
}

/** The top folder of the work tree containing `cwd`, or undefined outside a repository. */
export function workTreeRoot(cwd: string): string | undefined {
  try {
    return git(['rev-parse', '--show-toplevel'], cwd).toString('utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * The commit a revision names.
 *
 * @throws {@link GitError} "unknown revision 'X'" when it names none
 */
export function resolveCommit(revision: string, cwd: string): string {
  if (revision.startsWith('-')) throw new GitError(`unknown revision '${revision}'`);
  try {
    return git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], cwd).toString('utf8').trim();
  } catch (error) {
    if (error instanceof GitError && /not installed|could not be run/.test(error.message)) throw error;
    throw new GitError(`unknown revision '${revision}'`);
  }
}

/** The best common ancestor of two commits (what `A...B` compares against). */
export function mergeBase(a: string, b: string, cwd: string): string {
  return git(['merge-base', a, b], cwd).toString('utf8').trim();
}

/** One changed path between two trees; renames carry both paths. */
export interface ChangedPath {
  readonly status: 'A' | 'D' | 'M' | 'R' | 'T' | 'C';
  /** The path before (differs from `path` for a rename or copy). */
  readonly from: string;
  readonly path: string;
}

/**
 * The paths that differ between `from` and `to` (a commit), or between `from` and the work
 * tree when `to` is undefined, with renames detected. Paths are relative to the repository root.
 *
 * @param untracked - With no `to`: also list untracked files (not ignored) as added
 */
export function changedPaths(from: string, to: string | undefined, cwd: string, untracked = false): ChangedPath[] {
  const args = ['-c', 'core.quotePath=false', 'diff', '--no-ext-diff', '--no-textconv', '--name-status', '-z', '-M', from];
  if (to !== undefined) args.push(to);
  const fields = git(args, cwd).toString('utf8').split('\0');
  const changes: ChangedPath[] = [];
  for (let i = 0; i + 1 < fields.length; ) {
    const code = fields[i++];
    const status = code[0] as ChangedPath['status'];
    if (status === 'R' || status === 'C') {
      changes.push({ status, from: fields[i], path: fields[i + 1] });
      i += 2;
    } else {
      changes.push({ status, from: fields[i], path: fields[i] });
      i += 1;
    }
  }
  if (to === undefined && untracked) {
    const others = git(['-c', 'core.quotePath=false', 'ls-files', '-z', '--others', '--exclude-standard'], cwd).toString('utf8').split('\0');
    for (const file of others) if (file !== '') changes.push({ status: 'A', from: file, path: file });
  }
  return changes;
}

/** Every file path of a commit's tree, relative to the repository root. */
export function listTree(commit: string, cwd: string): string[] {
  return git(['-c', 'core.quotePath=false', 'ls-tree', '-r', '-z', '--name-only', '--full-tree', commit], cwd)
    .toString('utf8')
    .split('\0')
    .filter((file) => file !== '');
}

/**
 * Reads many files of one commit at once: the commit's tree is listed once, then every
 * blob is read by its id through one `git cat-file --batch` (asking by `commit:path` makes
 * git walk the tree again for each file, four times slower for a thousand files). Missing
 * paths are absent from the result.
 *
 * @param paths - Paths relative to the repository root
 * @returns each found path's bytes
 */
export function readBlobs(commit: string, paths: readonly string[], cwd: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  if (paths.length === 0) return found;
  const ids = new Map<string, string>();
  for (const entry of git(['-c', 'core.quotePath=false', 'ls-tree', '-r', '-z', '--full-tree', commit], cwd).toString('utf8').split('\0')) {
    // "<mode> <type> <id>\t<path>"
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, id] = entry.slice(0, tab).split(' ');
    if (type === 'blob') ids.set(entry.slice(tab + 1), id);
  }
  const asked = paths.filter((file) => ids.has(file));
  if (asked.length === 0) return found;
  const output = git(['cat-file', '--batch'], cwd, asked.map((file) => `${ids.get(file)}\n`).join(''));
  let at = 0;
  for (const file of asked) {
    const newline = output.indexOf(0x0a, at);
    if (newline < 0) break;
    const header = output.subarray(at, newline).toString('utf8');
    at = newline + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) continue;
    const size = Number(match[2]);
    if (match[1] === 'blob') found.set(file, output.subarray(at, at + size));
    at += size + 1;
  }
  return found;
}

/**
 * The command line's file work, in one place: finding sidecars and articles under the paths
 * a user gives, reading them as strict UTF-8, and replacing a file safely.
 *
 * Every command that touches the disk goes through here, so the rules hold everywhere:
 *
 * - **Walking** visits files given by name as they are and folders recursively, in a stable
 *   (sorted) order, skipping `.git`, `node_modules` and other tools' folders, and never
 *   following a symbolic link to a folder (a link loop cannot hang a run). A path that does
 *   not exist is reported, not fatal: the other paths are still walked.
 * - **Reading** goes through {@link readTextFile}: UTF-8 only, a BOM removed, line endings
 *   kept; directories, binary files and invalid UTF-8 are refused with a message that says
 *   which. {@link readForUpdate} also keeps the bytes read, for the next point.
 * - **Writing** ({@link replaceFile}) writes a temporary file beside the target and renames
 *   it over the target (atomic on one file system), and only after checking that the file
 *   still holds exactly the bytes that were read: a file changed by someone else in the
 *   meantime is never overwritten. Callers never pass text derived from a malformed input:
 *   the sidecar code refuses to produce any.
 *
 * Paths are handled as the user wrote them (relative to the working directory or absolute);
 * {@link displayPath} turns them into the `/`-separated form the output prints.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SIDECAR_SUFFIX } from '../core/sidecarPath';
import { decodeText, readFileBytes, readTextFile, type ReadTextResult } from './readText';

export { readTextFile, type ReadTextResult };

/** Folders never walked into: version control, dependencies, editor and build caches. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['.git', '.hg', '.svn', 'node_modules', '.test-host']);

/** A path that could not be used, with the reason, for a message on stderr. */
export interface PathProblem {
  readonly path: string;
  readonly message: string;
}

export interface WalkResult {
  /** Files found, in the order given and, inside each folder, sorted by name. */
  readonly files: string[];
  readonly problems: PathProblem[];
}

/**
 * Lists the files under `paths`: a file as given, a folder recursively (see the module
 * comment for what is skipped).
 *
 * @param paths - Files or folders, relative to the working directory or absolute
 * @param accept - Which files of a folder to keep (by path); files named directly are always kept
 */
export function walk(paths: readonly string[], accept: (file: string) => boolean = () => true): WalkResult {
  const files: string[] = [];
  const problems: PathProblem[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  const visit = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: dir, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) visit(full);
      } else if (entry.isFile() || (entry.isSymbolicLink() && isFile(full))) {
        if (accept(full)) add(full);
      }
    }
  };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({ path: given, message: code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file or folder' : `cannot be read (${code ?? String(error)})` });
      continue;
    }
    if (stat.isDirectory()) visit(given);
    else add(given);
  }
  return { files, problems };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Whether a path names a sidecar (`….tags.yaml` with a name before the suffix). */
export function isSidecarFile(file: string): boolean {
  const name = path.basename(file);
  return name.endsWith(SIDECAR_SUFFIX) && name.length > SIDECAR_SUFFIX.length;
}

/** The article beside a sidecar: the sidecar's path without `.tags.yaml`. */
export function articleOf(sidecar: string): string {
  return sidecar.slice(0, -SIDECAR_SUFFIX.length);
}

/** The sidecar beside an article. */
export function sidecarOf(article: string): string {
  return article + SIDECAR_SUFFIX;
}

/** Whether a path exists and is a regular file (following links). */
export function fileExists(file: string): boolean {
  return isFile(file);
}

/** A file read for rewriting: its text and the exact bytes it had, for {@link replaceFile}. */
export interface ReadForUpdate {
  readonly text: string;
  readonly bytes: Buffer;
}

/**
 * Reads a file to rewrite it later: strict UTF-8 as {@link readTextFile}, keeping the bytes.
 *
 * @returns the text and bytes, or why the file cannot be read as text
 */
export function readForUpdate(file: string): ({ ok: true } & ReadForUpdate) | Extract<ReadTextResult, { ok: false }> {
  const read = readFileBytes(file);
  if (!read.ok) return read;
  const decoded = decodeText(read.bytes);
  return decoded.ok ? { ok: true, text: decoded.text, bytes: read.bytes } : decoded;
}

/** Why {@link replaceFile} did not write. */
export class FileChangedError extends Error {
  constructor(readonly file: string) {
    super('changed on disk while it was being processed; it was left as it is now (run the command again)');
    this.name = 'FileChangedError';
  }
}

/**
 * Replaces a file's content atomically, only if it still holds `expected` (the bytes read
 * before), so a concurrent change is never overwritten. The new file keeps the old one's
 * permissions. `text` is written as UTF-8 exactly as given (a BOM, if wanted, is its first
 * character).
 *
 * @param expected - The bytes the file had when read, or `undefined` for a file that must not exist yet
 * @throws {@link FileChangedError} if the file changed or appeared since; an I/O error if writing failed (nothing is replaced then)
 */
export function replaceFile(file: string, text: string, expected: Uint8Array | undefined): void {
  let current: Buffer | undefined;
  let mode: number | undefined;
  try {
    current = fs.readFileSync(file);
    mode = fs.statSync(file).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const unchanged = expected === undefined ? current === undefined : current !== undefined && Buffer.compare(current, expected) === 0;
  if (!unchanged) throw new FileChangedError(file);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    fs.writeFileSync(temp, text, { encoding: 'utf8', mode: mode ?? 0o644, flag: 'wx' });
    if (mode !== undefined) fs.chmodSync(temp, mode);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** A path as the output prints it: relative to the working directory when inside it, `/`-separated. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  const shown = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
  return shown.split(path.sep).join('/');
}

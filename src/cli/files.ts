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
 * - **Where sidecars are** follows the workspace's `newsAnnotator.sidecar.location` setting
 *   (see {@link useSidecarLayout}): beside each article, or in a mirror folder.
 *
 * Paths are handled as the user wrote them (relative to the working directory or absolute);
 * {@link displayPath} turns them into the `/`-separated form the output prints.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { articlePathFor, mirrorFolderProblem, SIDECAR_SUFFIX, sidecarPathFor } from '../core/sidecarPath';
import type { ParsedArgs } from './args';
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

/**
 * Where sidecars are for this run: beside their articles (the default), or under a mirror
 * folder of the workspace, at the article's path inside the workspace (the extension's
 * `newsAnnotator.sidecar.location: mirror`). Absolute, `/`-separated paths.
 */
export interface SidecarLayout {
  readonly location: 'beside' | 'mirror';
  /** The workspace folder the settings came from (mirror: the articles' paths are taken from it). */
  readonly root?: string;
  /** The mirror folder, inside `root`. */
  readonly mirror?: string;
}

let layout: SidecarLayout = { location: 'beside' };

/** The options that choose the layout, for a command's `parseArgs` spec. */
export const LAYOUT_OPTIONS = { 'sidecar-location': 'value', 'mirror-folder': 'value' } as const;

/** The options' lines for a command's usage text. */
export const LAYOUT_USAGE = `  --sidecar-location beside|mirror
                        where sidecars are (default: the workspace's .vscode/settings.json,
                        newsAnnotator.sidecar.location, else beside each article)
  --mirror-folder DIR   with mirror: the folder inside the workspace that mirrors the
                        articles' paths (default: the setting, else .annotations)`;

/** The largest settings file read: it is the repository's, so untrusted. */
const MAX_SETTINGS_BYTES = 1024 * 1024;

/**
 * Decides where sidecars are for this run, from `--sidecar-location` and `--mirror-folder`,
 * else the workspace's `.vscode/settings.json` (the nearest one from the working directory
 * up, not above the repository's root), as the extension does. The settings are the
 * repository's, so untrusted: the mirror folder must be a relative path that stays inside
 * the workspace folder, also once symbolic links are followed.
 *
 * @returns warnings to print (a settings file with errors), or an error message (exit 2)
 */
export function useSidecarLayout(parsed: ParsedArgs, cwd: string = process.cwd()): { warnings: string[] } | { error: string } {
  const warnings: string[] = [];
  const flagLocation = parsed.values.get('sidecar-location');
  if (flagLocation !== undefined && flagLocation !== 'beside' && flagLocation !== 'mirror') return { error: `--sidecar-location must be beside or mirror; got '${flagLocation}'` };
  const found = findWorkspaceSettings(path.resolve(cwd));
  let settings: Record<string, unknown> = {};
  if (found.settings !== undefined) {
    const read = readSettings(found.settings);
    if (typeof read === 'string') warnings.push(read);
    else settings = read.values;
    if (typeof read !== 'string' && read.warning) warnings.push(read.warning);
  }
  const fromSettings = settings['newsAnnotator.sidecar.location'];
  const location = flagLocation ?? (fromSettings === 'mirror' ? 'mirror' : 'beside');
  if (fromSettings !== undefined && fromSettings !== 'beside' && fromSettings !== 'mirror' && flagLocation === undefined) {
    warnings.push(`${displayPath(found.settings!, cwd)}: newsAnnotator.sidecar.location must be beside or mirror; sidecars are looked for beside their articles`);
  }
  if (location === 'beside') {
    layout = { location: 'beside' };
    return { warnings };
  }
  const settingFolder = settings['newsAnnotator.sidecar.mirrorFolder'];
  const folder = parsed.values.get('mirror-folder') ?? (typeof settingFolder === 'string' ? settingFolder : '.annotations');
  const source = parsed.values.has('mirror-folder') ? '--mirror-folder' : typeof settingFolder === 'string' ? `newsAnnotator.sidecar.mirrorFolder in ${displayPath(found.settings!, cwd)}` : 'the mirror folder';
  const problem = mirrorFolderProblem(folder);
  if (problem) return { error: `${source} '${folder}' cannot be used: ${problem}` };
  const root = toSlashes(found.root);
  const mirror = toSlashes(path.resolve(found.root, folder.trim()));
  // A mirror folder that is a link leading out of the workspace is refused, as the extension refuses to write through it.
  const real = realInside(found.root, path.resolve(found.root, folder.trim()));
  if (!real) return { error: `${source} '${folder}' leads out of the workspace folder through a symbolic link` };
  layout = { location: 'mirror', root, mirror };
  return { warnings };
}

/**
 * {@link useSidecarLayout} for a command: prints its warnings on stderr, prefixed with the
 * command's name.
 *
 * @returns false after printing the error when the layout cannot be used (exit 2)
 */
export function applySidecarLayout(parsed: ParsedArgs, io: { stderr: { write(text: string): unknown } }, command: string): boolean {
  const result = useSidecarLayout(parsed);
  if ('error' in result) {
    io.stderr.write(`news-annotator ${command}: ${result.error}\n`);
    return false;
  }
  for (const warning of result.warnings) io.stderr.write(`news-annotator ${command}: ${warning}\n`);
  return true;
}

/** The layout in force (see {@link useSidecarLayout}). */
export function sidecarLayout(): SidecarLayout {
  return layout;
}

/**
 * The workspace folder: the nearest folder from `start` up holding `.vscode/settings.json`,
 * not above the repository's root (the first folder with `.git`); without one, the
 * repository's root, else `start`.
 */
function findWorkspaceSettings(start: string): { root: string; settings?: string } {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const settings = path.join(dir, '.vscode', 'settings.json');
    if (isFile(settings)) return { root: dir, settings };
    if (fs.existsSync(path.join(dir, '.git'))) return { root: dir };
    if (path.dirname(dir) === dir) return { root: start };
  }
}

/** A VS Code settings file (JSON with comments and trailing commas), bounded in size. */
function readSettings(file: string): { values: Record<string, unknown>; warning?: string } | string {
  const shown = displayPath(file);
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (error) {
    return `${shown}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); sidecars are looked for beside their articles`;
  }
  if (size > MAX_SETTINGS_BYTES) return `${shown}: larger than ${MAX_SETTINGS_BYTES / 1024} KB, not read; sidecars are looked for beside their articles`;
  const read = readTextFile(file);
  if (!read.ok) return `${shown}: ${read.message}; sidecars are looked for beside their articles`;
  const errors: ParseError[] = [];
  const values: unknown = parseJsonc(read.text, errors, { allowTrailingComma: true, disallowComments: false });
  const object = typeof values === 'object' && values !== null && !Array.isArray(values) ? (values as Record<string, unknown>) : {};
  const warning = errors.length > 0 ? `${shown}: is not valid JSON (at offset ${errors[0].offset}); the settings read from it are used` : undefined;
  return { values: object, warning };
}

/** Whether `target`, once symbolic links are followed, is strictly inside `root` (true when it does not exist yet). */
function realInside(root: string, target: string): boolean {
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    return true;
  }
  // The nearest part of the path that exists decides where the rest goes.
  for (let probe = target; ; probe = path.dirname(probe)) {
    let real: string;
    try {
      real = fs.realpathSync(probe);
    } catch {
      if (path.dirname(probe) === probe) return false;
      continue;
    }
    const relative = path.relative(realRoot, real);
    return probe === target ? relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) : !relative.startsWith('..') && !path.isAbsolute(relative);
  }
}

function toSlashes(file: string): string {
  return file.split(path.sep).join('/');
}

/** `absolute` in the form the user gave `like` (relative to the working directory, or absolute). */
function sameForm(absolute: string, like: string): string {
  const native = absolute.split('/').join(path.sep);
  return path.isAbsolute(like) ? native : path.relative(process.cwd(), native) || '.';
}

/** Whether a file's name is a sidecar's (`….tags.yaml` with a name before the suffix), wherever it is. */
export function namesSidecar(file: string): boolean {
  const name = path.basename(file);
  return name.endsWith(SIDECAR_SUFFIX) && name.length > SIDECAR_SUFFIX.length;
}

/** Whether a path names a sidecar (`….tags.yaml` with a name before the suffix; with a mirror folder, inside it). */
export function isSidecarFile(file: string): boolean {
  if (!namesSidecar(file)) return false;
  if (layout.location === 'beside') return true;
  return articlePathFor(toSlashes(path.resolve(file)), mirrorOptions()) !== undefined;
}

/** The article of a sidecar: the sidecar's path without `.tags.yaml`, or its place in the workspace for a mirrored one. */
export function articleOf(sidecar: string): string {
  if (layout.location === 'mirror') {
    const article = articlePathFor(toSlashes(path.resolve(sidecar)), mirrorOptions());
    if (article !== undefined) return sameForm(article, sidecar);
  }
  return sidecar.slice(0, -SIDECAR_SUFFIX.length);
}

/**
 * The sidecar of an article: beside it, or at its path under the mirror folder. An article
 * outside the workspace folder has no mirrored place; its sidecar is looked for beside it.
 */
export function sidecarOf(article: string): string {
  if (layout.location === 'mirror') {
    const sidecar = sidecarPathFor(toSlashes(path.resolve(article)), mirrorOptions());
    if (sidecar !== undefined) return sameForm(sidecar, article);
  }
  return article + SIDECAR_SUFFIX;
}

/**
 * The folders to walk for the sidecars of the articles under `paths`: with a mirror folder,
 * a folder of articles is walked at its mirrored place too (a folder inside the mirror, or
 * one holding it, as given).
 */
export function sidecarRoots(paths: readonly string[]): string[] {
  if (layout.location === 'beside') return [...paths];
  const roots: string[] = [];
  for (const given of paths) {
    roots.push(given);
    const absolute = toSlashes(path.resolve(given));
    const { root, mirror } = layout;
    const insideRoot = absolute === root || absolute.startsWith(`${root}/`);
    const touchesMirror = absolute === mirror || absolute.startsWith(`${mirror}/`) || mirror!.startsWith(`${absolute}/`);
    if (!insideRoot || touchesMirror || isFile(given)) continue;
    const mirrored = absolute === root ? mirror! : `${mirror}${absolute.slice(root!.length)}`;
    if (fs.existsSync(mirrored)) roots.push(sameForm(mirrored, given));
  }
  return roots;
}

function mirrorOptions(): { location: 'mirror'; mirrorFolder: string; workspaceRoot: string } {
  return { location: 'mirror', mirrorFolder: path.posix.relative(layout.root!, layout.mirror!), workspaceRoot: layout.root! };
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
  if (current === undefined) makeMirrorFolders(file);
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

/**
 * A new sidecar in the mirror folder may need its folders made (the mirror holds the
 * articles' folders): they are, only inside the mirror folder, and never through a
 * symbolic link leading out of the workspace.
 */
function makeMirrorFolders(file: string): void {
  if (layout.location !== 'mirror') return;
  const folder = path.dirname(path.resolve(file));
  const slashes = toSlashes(folder);
  if (slashes !== layout.mirror && !slashes.startsWith(`${layout.mirror}/`)) return;
  const root = layout.root!.split('/').join(path.sep);
  if (!realInside(root, folder)) throw new Error(`${displayPath(folder)} leads out of the workspace folder through a symbolic link`);
  fs.mkdirSync(folder, { recursive: true });
}

/** A path as the output prints it: relative to the working directory when inside it, `/`-separated. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  const shown = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
  return shown.split(path.sep).join('/');
}

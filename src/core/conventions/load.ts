/**
 * Finding and reading conventions files through a minimal file reader, so the command line
 * reads with Node's `fs` and the editor with `vscode.workspace.fs` (remote workspaces too).
 *
 * The search is EditorConfig's: from the article's folder upwards, every
 * `.news-annotator.yaml` found applies, nearer files over farther ones, and the walk stops
 * at a file with `root: true`, at the repository root or at the folder given as the limit
 * (the workspace folder). Each file's `extends` are read before it, relative to it.
 */
import { normalise } from '../sidecarPath';
import { Conventions } from './conventions';
import { CONVENTIONS_FILE_NAME, LIMITS } from './format';
import { parseConventions, type ConventionsLayer } from './parse';
import { ConventionsProblems, hasConventionsErrors, type ConventionsProblem } from './problem';
import { mergeLayers } from './resolve';

/** What the loader needs from a file system. Paths are absolute, with `/` separators. */
export interface ConventionsFileReader {
  /** The file's text, or undefined when there is no file there; throws when it cannot be read. */
  readFile(path: string): Promise<string | undefined>;
  /** Whether `folder` is a repository root (holds `.git`); the walk stops there. */
  isRepositoryRoot?(folder: string): Promise<boolean>;
}

export interface LoadedConventions {
  readonly conventions: Conventions;
  /** Problems of every file read, each naming its file. */
  readonly problems: readonly ConventionsProblem[];
  /** False when any problem is an error: an editor keeps the last good conventions then. */
  readonly ok: boolean;
  /** Every conventions file that applies, farthest first (bases are in `conventions.sources`). */
  readonly files: readonly string[];
  /** Every path read or looked for through `extends`, to watch for changes. */
  readonly watched: readonly string[];
  /**
   * The folder article paths are taken relative to for `severityOf` and override globs: that
   * of the farthest file that applies (undefined when none does).
   */
  readonly root: string | undefined;
}

export interface FindOptions {
  /** Never look above this folder (the workspace folder). */
  readonly stopAt?: string;
}

/**
 * The conventions that apply to articles in `folder`: every conventions file from there up
 * to the first with `root: true`, the repository root or `stopAt`, merged over the defaults.
 * Never throws; a folder with no file gets {@link Conventions.defaults}.
 *
 * @param folder - The article's folder, absolute, with `/` separators
 */
export async function findConventions(folder: string, reader: ConventionsFileReader, options: FindOptions = {}): Promise<LoadedConventions> {
  const stopAt = options.stopAt === undefined ? undefined : normalise(options.stopAt);
  const found: Array<{ file: string; text: string | undefined; error?: string }> = [];
  let boundary: string | undefined = stopAt;
  for (let dir = normalise(folder); ; ) {
    const file = join(dir, CONVENTIONS_FILE_NAME);
    const read = await readSafely(reader, file);
    if (read.text !== undefined || read.error !== undefined) {
      found.unshift({ file, ...read });
      if (read.text !== undefined && parseConventions(read.text, file).layer.root) break;
    }
    const atRepository = reader.isRepositoryRoot ? await reader.isRepositoryRoot(dir).catch(() => false) : false;
    if (atRepository) boundary ??= dir;
    if (dir === stopAt || atRepository || dir === '/' || !isInside(dir, stopAt)) break;
    dir = parent(dir);
  }
  if (found.length === 0) return { conventions: Conventions.defaults, problems: [], ok: true, files: [], watched: [], root: undefined };
  const root = parent(found[0].file);
  // Without a workspace folder or repository to stay in, `extends` stays inside the folder
  // of the farthest file.
  const limit = boundary ?? root;
  const layers: ConventionsLayer[] = [];
  const problems: ConventionsProblem[] = [];
  const watched: string[] = [];
  for (const { file, text, error } of found) {
    const prefix = relative(root, parent(file));
    if (error !== undefined) {
      const report = new ConventionsProblems(file, '');
      report.error('unreadable', `This conventions file could not be read (${error}).`);
      problems.push(...report.problems);
      continue;
    }
    const loaded = await loadLayers(file, text!, reader, limit);
    watched.push(...loaded.watched);
    layers.push(...loaded.layers.map((layer) => withGlobPrefix(layer, prefix)));
  }
  const conventions = mergeLayers(layers);
  // Merging may report problems (a triage key two kinds share) into the layers' collectors.
  const all = dedupe([...problems, ...layers.flatMap((layer) => layer.report.problems)]);
  return { conventions, problems: all, ok: !hasConventionsErrors(all), files: found.map((f) => f.file), watched: [...new Set(watched)], root };
}

/**
 * One conventions file and the files it extends, in merge order (bases first). Cycles,
 * missing files, files outside `boundary` and nesting past the limits are problems at the
 * `extends` entry that names them (in each layer's `report`); nothing here can loop or read
 * without end.
 *
 * @param text - The text of `file`, already read
 * @param boundary - Folder every extended file must be inside
 */
export async function loadLayers(file: string, text: string, reader: ConventionsFileReader, boundary: string): Promise<{ layers: ConventionsLayer[]; watched: string[] }> {
  const layers: ConventionsLayer[] = [];
  const watched: string[] = [file];
  const included = new Set<string>();
  const visit = async (path: string, source: string, stack: readonly string[]): Promise<void> => {
    const { layer } = parseConventions(source, path);
    included.add(path);
    for (const base of layer.extends) {
      const target = normalise(join(parent(path), base.path));
      if (!isInside(target, boundary)) {
        layer.report.error('extends-outside', `"${base.path}" is outside the workspace folder (${boundary}); conventions may only extend files inside it.`, base.range);
        continue;
      }
      if (stack.includes(target) || target === path) {
        const chain = [...stack, path, target].map((p) => relative(boundary, p)).join(' → ');
        layer.report.error('extends-cycle', `"extends" goes round in a circle (${chain}); remove one of the links.`, base.range);
        continue;
      }
      if (included.has(target)) continue;
      if (stack.length + 1 >= LIMITS.extendsDepth) {
        layer.report.error('extends-too-deep', `"extends" nests more than ${LIMITS.extendsDepth} files deep; "${base.path}" is not read.`, base.range);
        continue;
      }
      if (included.size >= LIMITS.extendsFiles) {
        layer.report.error('over-limit', `More than ${LIMITS.extendsFiles} files are extended in all; "${base.path}" is not read.`, base.range);
        continue;
      }
      watched.push(target);
      const read = await readSafely(reader, target);
      if (read.error !== undefined) {
        layer.report.error('unreadable', `"${base.path}" could not be read (${read.error}).`, base.range);
      } else if (read.text === undefined) {
        layer.report.error('extends-missing', `"${base.path}" does not exist (looked for ${relative(boundary, target)}).`, base.range);
      } else {
        await visit(target, read.text, [...stack, path]);
      }
    }
    layers.push(layer);
  };
  await visit(normalise(file), text, []);
  return { layers, watched };
}

async function readSafely(reader: ConventionsFileReader, path: string): Promise<{ text: string | undefined; error?: string }> {
  try {
    return { text: await reader.readFile(path) };
  } catch (error) {
    return { text: undefined, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A layer whose override globs are taken relative to `prefix` (a nested file's folder). */
function withGlobPrefix(layer: ConventionsLayer, prefix: string): ConventionsLayer {
  if (prefix === '' || layer.overrides.length === 0) return layer;
  return { ...layer, overrides: layer.overrides.map((o) => ({ ...o, files: o.files.map((glob) => `${prefix}/${glob}`) })) };
}

function dedupe(problems: ConventionsProblem[]): ConventionsProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}\u0000${p.line}\u0000${p.column}\u0000${p.code}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function join(folder: string, name: string): string {
  return folder.endsWith('/') ? `${folder}${name}` : `${folder}/${name}`;
}

function parent(path: string): string {
  const at = path.lastIndexOf('/');
  return at <= 0 ? '/' : path.slice(0, at);
}

/** Whether `path` is `folder` or inside it; always true without a folder. */
function isInside(path: string, folder: string | undefined): boolean {
  if (folder === undefined) return true;
  const f = normalise(folder);
  return path === f || path.startsWith(f === '/' ? '/' : `${f}/`);
}

/** `path` relative to `folder` (which contains it), '' for the folder itself. */
export function relative(folder: string, path: string): string {
  const f = normalise(folder);
  const p = normalise(path);
  if (p === f) return '';
  return p.startsWith(`${f}/`) ? p.slice(f.length + 1) : f === '/' ? p.slice(1) : p;
}

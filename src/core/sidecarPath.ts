/**
 * Where an article's sidecar lives, and which article a sidecar belongs to. Paths are plain
 * strings with `/` separators (the path part of a URI); nothing here uses Node's `path`, so
 * it runs unchanged in a web extension.
 */

/** Every sidecar's name ends with this: `article.txt` → `article.txt.tags.yaml`. */
export const SIDECAR_SUFFIX = '.tags.yaml';

export interface SidecarLocation {
  /**
   * `beside`: next to the article. `mirror`: under `mirrorFolder`, at the article's path
   * relative to the workspace root, for people who keep the sources folder untouched.
   */
  readonly location: 'beside' | 'mirror';
  /**
   * For `mirror`: a folder relative to `workspaceRoot` (e.g. `.annotations`), strictly inside
   * it. An absolute path, or one that climbs out with `..`, gives no place at all (see
   * {@link mirrorFolderProblem}): a setting a cloned repository ships must not make the
   * extension write anywhere else.
   */
  readonly mirrorFolder?: string;
  /** For `mirror`: the workspace folder the article's relative path is taken from. */
  readonly workspaceRoot?: string;
}

/**
 * The sidecar path for an article.
 *
 * @param articlePath - The article's path, `/`-separated
 * @returns undefined in `mirror` mode when the article is not inside the workspace root (or
 * the mirror settings are missing): there is no place for it that keeps the sources untouched
 */
export function sidecarPathFor(articlePath: string, options: SidecarLocation = { location: 'beside' }): string | undefined {
  const article = normalise(articlePath);
  if (options.location === 'beside') return article + SIDECAR_SUFFIX;
  const mirror = mirrorRoot(options);
  const root = options.workspaceRoot === undefined ? undefined : normalise(options.workspaceRoot);
  if (mirror === undefined || root === undefined) return undefined;
  const relative = relativeTo(root, article);
  if (relative === undefined || relativeTo(mirror, article) !== undefined) return undefined;
  return `${mirror}/${relative}${SIDECAR_SUFFIX}`;
}

/**
 * The article a sidecar belongs to: the inverse of {@link sidecarPathFor}.
 *
 * @returns undefined if the path is not a sidecar under these settings
 */
export function articlePathFor(sidecarPath: string, options: SidecarLocation = { location: 'beside' }): string | undefined {
  if (!isSidecarPath(sidecarPath, options)) return undefined;
  const sidecar = normalise(sidecarPath);
  const stripped = sidecar.slice(0, -SIDECAR_SUFFIX.length);
  if (options.location === 'beside') return stripped;
  const relative = relativeTo(mirrorRoot(options)!, stripped)!;
  return `${normalise(options.workspaceRoot!)}/${relative}`;
}

/**
 * Whether a path names a sidecar: it ends in `.tags.yaml` with something before it, and in
 * `mirror` mode it lies inside the mirror folder.
 */
export function isSidecarPath(path: string, options: SidecarLocation = { location: 'beside' }): boolean {
  const normalised = normalise(path);
  const name = baseName(normalised);
  if (!name.endsWith(SIDECAR_SUFFIX) || name.length === SIDECAR_SUFFIX.length) return false;
  if (options.location === 'beside') return true;
  const mirror = mirrorRoot(options);
  return mirror !== undefined && options.workspaceRoot !== undefined && relativeTo(mirror, normalised) !== undefined;
}

/**
 * Where a sidecar belongs after the location setting changed, when it still sits in the
 * other place: a sidecar beside its article when `options` says `mirror`, or one inside the
 * mirror folder when it says `beside`.
 *
 * @param sidecarPath - A sidecar's path, `/`-separated
 * @param options - The location now in force, with the mirror folder and workspace root
 *   given in both modes (they say where the mirror folder is)
 * @returns The path it should move to, or undefined when it is in its place already (or
 *   has no place under `options`)
 */
export function relocatedSidecarPath(sidecarPath: string, options: SidecarLocation): string | undefined {
  const mirror: SidecarLocation = { ...options, location: 'mirror' };
  if (mirrorRoot(mirror) === undefined) return undefined;
  const inMirror = isSidecarPath(sidecarPath, mirror);
  if (options.location === 'mirror') {
    if (inMirror || !isSidecarPath(sidecarPath)) return undefined;
    return sidecarPathFor(normalise(sidecarPath).slice(0, -SIDECAR_SUFFIX.length), mirror);
  }
  if (!inMirror) return undefined;
  const article = articlePathFor(sidecarPath, mirror);
  return article === undefined ? undefined : sidecarPathFor(article);
}

/** The last segment of a path: what a sidecar records as its `article`. */
export function baseName(path: string): string {
  const normalised = normalise(path);
  return normalised.slice(normalised.lastIndexOf('/') + 1);
}

/**
 * Why a mirror folder setting cannot be used, or undefined if it can: it must be a relative
 * path that stays strictly inside the workspace folder. (Symbolic links on the way, which
 * only the file system can see, are checked by the editor adapter before writing.)
 *
 * @param folder - The setting as written
 */
export function mirrorFolderProblem(folder: string | undefined): string | undefined {
  const trimmed = folder?.trim() ?? '';
  if (trimmed === '') return 'it is empty';
  if (trimmed.startsWith('/') || trimmed.startsWith('\\') || /^[A-Za-z]:/.test(trimmed) || trimmed.startsWith('~')) return 'it is an absolute path; it must be a folder inside the workspace folder, such as .annotations';
  const inside = normalise(`/root/${trimmed.replace(/\\/g, '/')}`);
  if (inside === '/root') return 'it names the workspace folder itself';
  if (!inside.startsWith('/root/')) return 'it leads out of the workspace folder (..); it must be a folder inside it, such as .annotations';
  return undefined;
}

function mirrorRoot(options: SidecarLocation): string | undefined {
  if (options.workspaceRoot === undefined || mirrorFolderProblem(options.mirrorFolder) !== undefined) return undefined;
  const root = normalise(options.workspaceRoot);
  return normalise(`${root}/${options.mirrorFolder!.trim().replace(/\\/g, '/')}`);
}

/** `path` relative to `folder`, or undefined when it is not strictly inside it. */
function relativeTo(folder: string, path: string): string | undefined {
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  return path.startsWith(prefix) && path.length > prefix.length ? path.slice(prefix.length) : undefined;
}

/**
 * Collapses `//`, `.` and `..` segments and drops a trailing `/`, in the posix manner; a
 * leading `/` is kept. `..` never climbs above the root.
 */
export function normalise(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined;
}

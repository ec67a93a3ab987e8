import * as path from 'node:path';
import { diffTags, type TagSide } from '../core/review/diff';
import { formatJson, formatMarkdown, formatText, type ArticleChanges } from '../core/review/diffFormat';
import { loadSidecar } from '../core/review/load';
import { choice, parseArgs } from './args';
import { applySidecarLayout, articleOf, displayPath, fileExists, isSidecarFile, LAYOUT_OPTIONS, LAYOUT_USAGE, readTextFile, sidecarOf } from './files';
import { changedPaths, GitError, mergeBase, readBlobs, resolveCommit, workTreeRoot } from './git';
import { decodeText } from './readText';
import type { Io, Subcommand } from './run';

const USAGE = `Usage: news-annotator diff [REV-RANGE | OLD NEW] [--format text|markdown|json] [-- PATH...]

A tag-level changelog: tags added, removed, re-kinded, re-attached, verdicts and other
fields changed (old → new), notes changed, tags that became fuzzy or orphaned, and merge
conflicts, each with its article, line and tagged text. A tag that only moved with its
text is not a change.

What is compared (as git diff does):
  (nothing)      the last commit (HEAD) and the work tree, untracked files included
  REV            REV and the work tree
  A..B           commit A and commit B
  A...B          where B branched from A, and B (what a pull request shows)
  OLD NEW        two files: sidecars, or articles with their sidecars beside them

Options:
  --format F     text (default): article:line:col: change  kind "text"
                 markdown: a table for a pull request comment or a CI step summary
                 json: {"summary", "files": [{"article", "changes": [...]}]}
  -- PATH...     only these files or folders
${LAYOUT_USAGE}

Exit code: 0 compared (with or without changes), 1 a sidecar could not be read completely
(its readable tags were still compared; the problem is on stderr), 2 bad usage, an unknown
revision, or a path that cannot be read.
`;

type Format = 'text' | 'markdown' | 'json';

export const diff: Subcommand = {
  name: 'diff',
  summary: 'tag-level changelog between two revisions or two files',
  usage: USAGE,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseArgs(args, { format: 'value', ...LAYOUT_OPTIONS });
    const fail = (message: string, code = 2): number => {
      io.stderr.write(`news-annotator diff: ${message}\n`);
      return code;
    };
    if (typeof parsed === 'string') return fail(`${parsed}\n\n${USAGE}`);
    if (!applySidecarLayout(parsed, io, 'diff')) return 2;
    const format = choice<Format>(parsed, 'format', ['text', 'markdown', 'json']);
    if (typeof format !== 'string') return fail(format.error);
    const positional = parsed.positional;
    let result: { files: ArticleChanges[]; warnings: string[] } | string;
    if (positional.length === 2 && positional.every((file) => fileExists(file) || fileExists(sidecarOf(file)))) {
      result = diffFiles(positional[0], positional[1]);
    } else if (positional.length <= 2) {
      result = diffRevisions(positional, parsed.afterDashes);
    } else {
      return fail(`too many arguments\n\n${USAGE}`);
    }
    if (typeof result === 'string') return fail(result);
    for (const warning of result.warnings) io.stderr.write(`news-annotator diff: ${warning}\n`);
    const render = format === 'markdown' ? formatMarkdown : format === 'json' ? formatJson : formatText;
    io.stdout.write(render(result.files));
    return result.warnings.length > 0 ? 1 : 0;
  },
};

/** One side of a comparison: file contents by path, or undefined when absent there. */
type Reader = (file: string) => Buffer | string | undefined;

function side(sidecarPath: string | undefined, articlePath: string | undefined, read: Reader, label: string, warnings: string[]): TagSide | undefined {
  if (sidecarPath === undefined) return undefined;
  const raw = read(sidecarPath);
  if (raw === undefined) return undefined;
  const text = typeof raw === 'string' ? raw : decoded(raw, `${sidecarPath}${label}`, warnings);
  if (text === undefined) return { tags: [] };
  const loaded = loadSidecar(text);
  if (!loaded.writable) {
    const problem = loaded.problems.find((p) => p.severity === 'error');
    warnings.push(`${sidecarPath}${label}: has errors (line ${(problem?.line ?? 0) + 1}: ${problem?.message ?? 'unreadable'}); only its tags that read cleanly are compared`);
  }
  const article = articlePath === undefined ? undefined : read(articlePath);
  const articleText = article === undefined ? undefined : typeof article === 'string' ? article : decodeText(article).ok ? (decodeText(article) as { text: string }).text : undefined;
  return { tags: loaded.tags, articleText };
}

function decoded(bytes: Buffer, name: string, warnings: string[]): string | undefined {
  const result = decodeText(bytes);
  if (result.ok) return result.text;
  warnings.push(`${name}: ${result.message}`);
  return undefined;
}

function diffFiles(oldFile: string, newFile: string): { files: ArticleChanges[]; warnings: string[] } | string {
  const warnings: string[] = [];
  const paths = (file: string): [string, string] => (isSidecarFile(file) ? [file, articleOf(file)] : [sidecarOf(file), file]);
  const [oldSidecar, oldArticle] = paths(oldFile);
  const [newSidecar, newArticle] = paths(newFile);
  for (const file of [oldSidecar, newSidecar]) {
    const read = readTextFile(file);
    if (!read.ok && read.problem !== 'missing') return `${displayPath(file)}: ${read.message}`;
  }
  const readFile: Reader = (file) => {
    const read = readTextFile(file);
    return read.ok ? read.text : undefined;
  };
  const before = side(oldSidecar, oldArticle, readFile, '', warnings);
  const after = side(newSidecar, newArticle, readFile, '', warnings);
  return { files: [{ article: displayPath(newArticle), changes: diffTags(before, after) }], warnings };
}

function diffRevisions(positional: readonly string[], pathspecs: readonly string[]): { files: ArticleChanges[]; warnings: string[] } | string {
  const cwd = process.cwd();
  const root = workTreeRoot(cwd);
  if (root === undefined) return 'not in a git repository (to compare two files, give both: diff OLD NEW)';
  let from: string;
  let to: string | undefined;
  try {
    if (positional.length === 0) {
      from = resolveCommit('HEAD', root);
    } else if (positional.length === 2) {
      from = resolveCommit(positional[0], root);
      to = resolveCommit(positional[1], root);
    } else {
      const range = positional[0];
      const dots = range.indexOf('...') >= 0 ? '...' : range.indexOf('..') >= 0 ? '..' : undefined;
      if (dots) {
        const [a, b] = range.split(dots);
        const left = resolveCommit(a || 'HEAD', root);
        to = resolveCommit(b || 'HEAD', root);
        from = dots === '...' ? mergeBase(left, to, root) : left;
      } else {
        from = resolveCommit(range, root);
      }
    }
  } catch (error) {
    return error instanceof GitError ? error.message : String(error);
  }

  const prefixes = pathspecs.map((spec) => path.relative(root, path.resolve(cwd, spec)).split(path.sep).join('/'));
  const wanted = (file: string): boolean => prefixes.length === 0 || prefixes.some((prefix) => prefix === '' || file === prefix || file.startsWith(`${prefix}/`));

  let changes;
  try {
    changes = changedPaths(from, to, root, to === undefined);
  } catch (error) {
    return error instanceof GitError ? error.message : String(error);
  }
  // git's paths are relative to the repository's root; where sidecars are is decided on absolute paths.
  const inRepo = (file: string): string => path.join(root, file);
  const fromRepo = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  const isSidecar = (file: string): boolean => isSidecarFile(inRepo(file));
  const sidecarFor = (file: string): string => fromRepo(sidecarOf(inRepo(file)));
  const articleFor = (file: string): string => fromRepo(articleOf(inRepo(file)));
  // Each sidecar to compare: its path before and after (they differ for a rename).
  const pairs = new Map<string, { before: string | undefined; after: string | undefined }>();
  for (const change of changes) {
    if (!wanted(change.path) && !wanted(change.from)) continue;
    const before = change.status === 'A' ? undefined : isSidecar(change.from) ? change.from : sidecarFor(change.from);
    const after = change.status === 'D' ? undefined : isSidecar(change.path) ? change.path : sidecarFor(change.path);
    const key = after ?? before!;
    const existing = pairs.get(key);
    pairs.set(key, { before: existing?.before ?? before, after: existing?.after ?? after });
  }
  const oldPaths = new Set<string>();
  const newPaths = new Set<string>();
  for (const pair of pairs.values()) {
    if (pair.before) oldPaths.add(pair.before).add(articleFor(pair.before));
    if (pair.after) newPaths.add(pair.after).add(articleFor(pair.after));
  }
  let oldBlobs: Map<string, Buffer>;
  let newBlobs: Map<string, Buffer> | undefined;
  try {
    oldBlobs = readBlobs(from, [...oldPaths], root);
    newBlobs = to === undefined ? undefined : readBlobs(to, [...newPaths], root);
  } catch (error) {
    return error instanceof GitError ? error.message : String(error);
  }
  const readOld: Reader = (file) => oldBlobs.get(file);
  const readNew: Reader = newBlobs
    ? (file) => newBlobs!.get(file)
    : (file) => {
        const read = readTextFile(path.join(root, file));
        return read.ok ? read.text : undefined;
      };

  const warnings: string[] = [];
  const files: ArticleChanges[] = [];
  const shown = (file: string): string => displayPath(path.join(root, file), cwd);
  for (const pair of [...pairs.values()].sort((a, b) => ((a.after ?? a.before)! < (b.after ?? b.before)! ? -1 : 1))) {
    const before = side(pair.before, pair.before && articleFor(pair.before), readOld, ` (at ${from.slice(0, 12)})`, warnings);
    const after = side(pair.after, pair.after && articleFor(pair.after), readNew, to ? ` (at ${to.slice(0, 12)})` : '', warnings);
    if (!before && !after) continue;
    const changed = diffTags(before, after);
    if (changed.length > 0) files.push({ article: shown(articleFor((pair.after && after ? pair.after : pair.before)!)), changes: changed });
  }
  return { files, warnings };
}

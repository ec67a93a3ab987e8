import * as fs from 'node:fs';
import * as path from 'node:path';
import { version } from '../../package.json';
import { findConventions, type ConventionsFileReader, type FindingSeverity, type LoadedConventions } from '../core/conventions';
import { atOrAbove, checkSidecar, findRenamedArticle, type CheckResult } from '../core/review/check';
import { countFindings, formatGithub, formatJson, formatSarif, formatSummary, formatText, type ReportedFinding } from '../core/review/checkFormat';
import { choice, parseArgs } from './args';
import { applySidecarLayout, articleOf, displayPath, fileExists, FileChangedError, isSidecarFile, LAYOUT_OPTIONS, LAYOUT_USAGE, readForUpdate, readTextFile, replaceFile, sidecarOf, sidecarRoots, walk } from './files';
import { changedPaths, GitError, resolveCommit, workTreeRoot } from './git';
import type { Io, Subcommand } from './run';

const USAGE = `Usage: news-annotator check [PATH...] [--format text|json|github|sarif] [--fail-level error|warning]
                            [--changed-since REF] [--fix]

Validates every sidecar against its article and the team's conventions
(.news-annotator.yaml, found as EditorConfig finds its files; the defaults without one):
YAML and format errors, undefined or retired kinds, missing or invalid fields, tags that
no longer anchor exactly (and what re-anchoring would do: find them elsewhere, mark them
fuzzy, orphan them), sidecars whose article is gone or was renamed without them, files not
laid out as the extension writes them, verdicts given on text that changed since, and
merge conflicts. Rule ids and severities come from the conventions' rules:.

PATHs are sidecars, articles or folders (.git and node_modules are skipped); default: the
current folder. Output, one finding per line, pointing at the tag in the article when
there is one:

  path:line:col: severity rule-id message

Options:
  --format F           text (default); json; github (workflow annotations, errors first,
                       within GitHub's limits, and the full table in $GITHUB_STEP_SUMMARY
                       when set); sarif (SARIF 2.1.0)
  --fail-level L       error (default) or warning: the lowest severity that fails
  --changed-since REF  only sidecars whose sidecar or article changed since the git
                       revision REF (committed, staged, unstaged or untracked)
  --fix                rewrite the positions that re-anchoring finds exactly, and nothing
                       else; then report what is left
${LAYOUT_USAGE}

Exit code: 0 no finding at or above the fail level, 1 such findings, 2 bad usage, an
unknown revision, a path that cannot be read or a conventions file with errors.
`;

type Format = 'text' | 'json' | 'github' | 'sarif';

const fsReader: ConventionsFileReader = {
  async readFile(file) {
    const read = readTextFile(file);
    if (read.ok) return read.text;
    if (read.problem === 'missing') return undefined;
    throw new Error(read.message);
  },
  async isRepositoryRoot(folder) {
    return fs.existsSync(path.join(folder, '.git'));
  },
};

export const check: Subcommand = {
  name: 'check',
  summary: 'validate sidecars against their articles and the conventions',
  usage: USAGE,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseArgs(args, { format: 'value', 'fail-level': 'value', 'changed-since': 'value', fix: 'flag', ...LAYOUT_OPTIONS });
    const usageError = (message: string): number => {
      io.stderr.write(`news-annotator check: ${message}\n`);
      return 2;
    };
    if (typeof parsed === 'string') return usageError(`${parsed}\n\n${USAGE}`);
    if (!applySidecarLayout(parsed, io, 'check')) return 2;
    const format = choice<Format>(parsed, 'format', ['text', 'json', 'github', 'sarif']);
    if (typeof format !== 'string') return usageError(format.error);
    const failLevel = choice<'error' | 'warning'>(parsed, 'fail-level', ['error', 'warning']);
    if (typeof failLevel !== 'string') return usageError(failLevel.error);
    const cwd = process.cwd();

    const given = [...parsed.positional, ...parsed.afterDashes];
    const roots = (given.length > 0 ? given : ['.']).map((file) => (!isSidecarFile(file) && fileExists(file) ? sidecarOf(file) : file));
    const articlesGiven = new Set((given.length > 0 ? given : []).filter((file) => !isSidecarFile(file) && fileExists(file)).map((file) => path.resolve(file)));
    let configError = false;
    const found = walk(
      sidecarRoots(roots.filter((root) => !(articlesGiven.has(path.resolve(articleOf(root))) && !fileExists(root)))),
      isSidecarFile,
    );
    for (const problem of found.problems) {
      io.stderr.write(`news-annotator check: ${displayPath(problem.path)}: ${problem.message}\n`);
      configError = true;
    }
    let sidecars = found.files;

    const since = parsed.values.get('changed-since');
    if (since !== undefined) {
      const root = workTreeRoot(cwd);
      if (root === undefined) return usageError('--changed-since needs a git repository');
      let changed: Set<string>;
      try {
        const commit = resolveCommit(since, root);
        changed = new Set(changedPaths(commit, undefined, root, true).flatMap((c) => [c.path, c.from]).map((file) => path.join(root, file)));
      } catch (error) {
        return usageError(error instanceof GitError ? error.message : String(error));
      }
      sidecars = sidecars.filter((file) => changed.has(path.resolve(file)) || changed.has(path.resolve(articleOf(file))));
    }

    const conventionsByFolder = new Map<string, Promise<LoadedConventions>>();
    const reportedConventions = new Set<string>();
    const conventionsFor = async (folder: string): Promise<LoadedConventions> => {
      let found = conventionsByFolder.get(folder);
      if (!found) conventionsByFolder.set(folder, (found = findConventions(folder.split(path.sep).join('/'), fsReader)));
      const loaded = await found;
      for (const problem of loaded.problems) {
        const key = `${problem.file}:${problem.line}:${problem.column}:${problem.code}`;
        if (reportedConventions.has(key)) continue;
        reportedConventions.add(key);
        io.stderr.write(`${displayPath(problem.file)}:${problem.line + 1}:${problem.column + 1}: ${problem.severity} conventions ${problem.message} [${problem.code}]\n`);
        if (problem.severity === 'error') configError = true;
      }
      return loaded;
    };

    const fix = parsed.flags.has('fix');
    const reported: ReportedFinding[] = [];
    for (const sidecar of sidecars) {
      const article = articleOf(sidecar);
      const sidecarShown = displayPath(sidecar);
      const articleShown = displayPath(article);
      const read = readForUpdate(sidecar);
      if (!read.ok) {
        reported.push({ rule: 'invalid-sidecar', severity: 'error', message: `This sidecar ${read.message}.`, file: 'sidecar', line: 0, column: 0, path: sidecarShown, sidecar: sidecarShown });
        continue;
      }
      const articleRead = readTextFile(article);
      const loaded = await conventionsFor(path.resolve(path.dirname(article)));
      const articlePath = loaded.root === undefined ? undefined : path.relative(loaded.root, path.resolve(article)).split(path.sep).join('/');
      const input = {
        sidecarText: read.text,
        articleText: articleRead.ok ? articleRead.text : undefined,
        articleName: path.basename(article),
        conventions: loaded.conventions,
        articlePath,
        articleProblem: !articleRead.ok && articleRead.problem !== 'missing' ? articleRead.message : undefined,
      };
      let result: CheckResult = checkSidecar(input);
      if (!articleRead.ok && articleRead.problem === 'missing' && result.sidecar.tags.length > 0) {
        const renamedTo = findRenamedArticle(result.sidecar.tags, candidateArticles(article));
        if (renamedTo !== undefined) result = checkSidecar({ ...input, renamedTo: path.basename(renamedTo) });
      }
      if (fix && result.fixed) {
        const file = result.sidecar.file();
        file.setTags(result.fixed);
        const text = file.toString();
        try {
          replaceFile(sidecar, text, read.bytes);
          const count = result.findings.filter((f) => f.rule === 'anchor-moved').length;
          io.stderr.write(`news-annotator check: ${sidecarShown}: ${count === 1 ? 'moved 1 tag to where its text is' : `moved ${count} tags to where their text is`} now\n`);
          result = checkSidecar({ ...input, sidecarText: text });
        } catch (error) {
          io.stderr.write(`news-annotator check: ${sidecarShown}: ${error instanceof FileChangedError ? error.message : `could not be written (${(error as Error).message})`}\n`);
        }
      }
      for (const finding of result.findings) {
        reported.push({ ...finding, path: finding.file === 'article' ? articleShown : sidecarShown, sidecar: sidecarShown });
      }
    }

    if (format === 'text') io.stdout.write(formatText(reported));
    else if (format === 'json') io.stdout.write(formatJson(reported));
    else if (format === 'sarif') io.stdout.write(formatSarif(reported, { version, baseUri: `${pathToFileUri(cwd)}/` }));
    else {
      const summaryFile = process.env.GITHUB_STEP_SUMMARY;
      let summaryWritten = false;
      if (summaryFile) {
        try {
          fs.appendFileSync(summaryFile, formatSummary(reported));
          summaryWritten = true;
        } catch (error) {
          io.stderr.write(`news-annotator check: could not write the step summary (${(error as Error).message})\n`);
        }
      }
      io.stdout.write(formatGithub(reported, summaryWritten));
    }
    if (format === 'text' && reported.length > 0) {
      const counts = countFindings(reported);
      io.stderr.write(`${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} note${counts.info === 1 ? '' : 's'} in ${sidecars.length} sidecar${sidecars.length === 1 ? '' : 's'}\n`);
    }
    if (configError) return 2;
    return reported.some((f) => atOrAbove(f.severity, failLevel as FindingSeverity)) ? 1 : 0;
  },
};

/** Articles without a sidecar beside the missing one, with its extension: where it may have gone. */
function candidateArticles(missing: string): Array<{ path: string; text: string }> {
  const folder = path.dirname(missing);
  const extension = path.extname(missing);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const candidates: Array<{ path: string; text: string }> = [];
  for (const name of names.sort()) {
    const file = path.join(folder, name);
    if (path.extname(name) !== extension || isSidecarFile(file) || fileExists(sidecarOf(file))) continue;
    const read = readTextFile(file);
    if (read.ok) candidates.push({ path: file, text: read.text });
  }
  return candidates;
}

function pathToFileUri(folder: string): string {
  return `file://${folder.split(path.sep).map(encodeURIComponent).join('/')}`;
}

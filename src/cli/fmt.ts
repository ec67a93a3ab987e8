import { canonicalSidecar } from '../core/review/canonical';
import { readCanonical } from '../core/review/codec';
import { parseArgs } from './args';
import { applySidecarLayout, displayPath, FileChangedError, isSidecarFile, LAYOUT_OPTIONS, LAYOUT_USAGE, readForUpdate, replaceFile, sidecarOf, sidecarRoots, walk, fileExists } from './files';
import type { Io, Subcommand } from './run';

const USAGE = `Usage: news-annotator fmt [PATH...] [--check]

Rewrites sidecars into canonical form: exactly as the extension writes them (key order,
quoting, indentation, tags sorted by position), keeping comments and keys it does not know.
Values never change. PATHs are sidecars, articles (their sidecar is formatted) or folders
(every sidecar inside; .git and node_modules are skipped); default: the current folder.

Options:
  --check   change nothing; list the sidecars that are not in canonical form
${LAYOUT_USAGE}

A sidecar with errors is never rewritten: its first error is reported instead.
Exit code: 0 every sidecar is (now) canonical, 1 some sidecar has errors or, with --check,
is not canonical, 2 bad usage or a path that cannot be read.
`;

export const fmt: Subcommand = {
  name: 'fmt',
  summary: 'rewrite sidecars in the form the extension writes (--check only reports)',
  usage: USAGE,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseArgs(args, { check: 'flag', ...LAYOUT_OPTIONS });
    if (typeof parsed === 'string') {
      io.stderr.write(`news-annotator fmt: ${parsed}\n\n${USAGE}`);
      return 2;
    }
    if (!applySidecarLayout(parsed, io, 'fmt')) return 2;
    const checkOnly = parsed.flags.has('check');
    const given = [...parsed.positional, ...parsed.afterDashes];
    const roots = (given.length > 0 ? given : ['.']).map((file) => (isSidecarFile(file) || !fileExists(file) || !fileExists(sidecarOf(file)) ? file : sidecarOf(file)));
    const found = walk(sidecarRoots(roots), isSidecarFile);
    let usage = false;
    let failed = false;
    for (const problem of found.problems) {
      io.stderr.write(`news-annotator fmt: ${displayPath(problem.path)}: ${problem.message}\n`);
      usage = true;
    }
    for (const file of found.files) {
      const shown = displayPath(file);
      const read = readForUpdate(file);
      if (!read.ok) {
        io.stderr.write(`news-annotator fmt: ${shown}: ${read.message}\n`);
        if (read.problem === 'missing' || read.problem === 'directory') usage = true;
        else failed = true;
        continue;
      }
      if (readCanonical(read.text)) continue;
      const result = canonicalSidecar(read.text);
      if (!result.ok) {
        const problem = result.problems.find((p) => p.severity === 'error');
        io.stderr.write(`news-annotator fmt: ${shown}${problem ? `:${problem.line + 1}:${problem.column + 1}` : ''}: ${problem ? `${problem.message} ` : ''}(${result.message})\n`);
        failed = true;
        continue;
      }
      if (result.text === read.text) continue;
      if (checkOnly) {
        io.stdout.write(`${shown}: not in canonical form\n`);
        failed = true;
        continue;
      }
      try {
        replaceFile(file, result.text, read.bytes);
        io.stdout.write(`${shown}: formatted\n`);
      } catch (error) {
        io.stderr.write(`news-annotator fmt: ${shown}: ${error instanceof FileChangedError ? error.message : `could not be written (${(error as Error).message})`}\n`);
        failed = true;
      }
    }
    return usage ? 2 : failed ? 1 : 0;
  },
};

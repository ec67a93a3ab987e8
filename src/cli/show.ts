import { loadSidecar } from '../core/review/load';
import { showTags } from '../core/review/show';
import { parseArgs } from './args';
import { applySidecarLayout, articleOf, displayPath, fileExists, LAYOUT_OPTIONS, LAYOUT_USAGE, namesSidecar, readTextFile, sidecarOf } from './files';
import type { Io, Subcommand } from './run';

const USAGE = `Usage: news-annotator show FILE [--stored] [--ids]

Prints the tags of an article (or of its sidecar) in reading order, one line each:

  L12:5 claim verdict=false "upwards of 1,000 troops per day" — Pentagon estimate

Positions are where each tag is in the article now (1-based line:column); fuzzy and
orphaned tags and merge conflicts are marked in brackets.

Options:
  --stored   use the positions stored in the sidecar and do not read the article: what
             git diff needs as a textconv, where the two sides' articles are not at hand
             (git-setup configures this)
  --ids      end each line with the tag's id
${LAYOUT_USAGE}

A sidecar with errors is printed as written, with its problems on stderr, so git diff
still works on it. Exit code: 0 shown, 2 bad usage or a file that cannot be read.
`;

export const show: Subcommand = {
  name: 'show',
  summary: 'print an article\'s tags one per line (also a git textconv)',
  usage: USAGE,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseArgs(args, { stored: 'flag', ids: 'flag', ...LAYOUT_OPTIONS });
    const fail = (message: string): number => {
      io.stderr.write(`news-annotator show: ${message}\n`);
      return 2;
    };
    if (typeof parsed === 'string') return fail(`${parsed}\n\n${USAGE}`);
    if (!applySidecarLayout(parsed, io, 'show')) return 2;
    const files = [...parsed.positional, ...parsed.afterDashes];
    if (files.length !== 1) return fail(`${files.length === 0 ? 'no file given' : 'give one file'}\n\n${USAGE}`);
    const given = files[0];
    // A file named as a sidecar is one wherever it is (git hands the textconv a temporary copy).
    const isSidecarFile = namesSidecar;
    const sidecar = isSidecarFile(given) ? given : sidecarOf(given);
    const article = isSidecarFile(given) ? articleOf(given) : given;
    if (!isSidecarFile(given) && !fileExists(given)) {
      const read = readTextFile(given);
      return fail(`${displayPath(given)}: ${read.ok ? 'not a file' : read.message}`);
    }
    if (!isSidecarFile(given) && !fileExists(sidecar)) {
      io.stderr.write(`news-annotator show: ${displayPath(given)} has no tags (no ${displayPath(sidecar)})\n`);
      return 0;
    }
    const read = readTextFile(sidecar);
    if (!read.ok) return fail(`${displayPath(sidecar)}: ${read.message}`);
    const loaded = loadSidecar(read.text);
    if (!loaded.writable) {
      for (const problem of loaded.problems.filter((p) => p.severity === 'error')) {
        io.stderr.write(`news-annotator show: ${displayPath(sidecar)}:${problem.line + 1}:${problem.column + 1}: ${problem.message}\n`);
      }
      io.stdout.write(read.text.endsWith('\n') || read.text === '' ? read.text : `${read.text}\n`);
      return 0;
    }
    let articleText: string | undefined;
    if (!parsed.flags.has('stored') && fileExists(article)) {
      const text = readTextFile(article);
      if (text.ok) articleText = text.text;
      else io.stderr.write(`news-annotator show: ${displayPath(article)}: ${text.message}; positions are the stored ones\n`);
    }
    const lines = showTags(loaded.tags, { articleText, ids: parsed.flags.has('ids') });
    io.stdout.write(lines.map((line) => `${line}\n`).join(''));
    return 0;
  },
};

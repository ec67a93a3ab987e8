import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from './args';
import { FileChangedError, readForUpdate, replaceFile } from './files';
import { git, GitError, workTreeRoot } from './git';
import type { Io, Subcommand } from './run';

/** The line `.gitattributes` gets: sidecars diff and merge through News Annotator. */
export const ATTRIBUTES_LINE = '*.tags.yaml diff=news-annotator merge=news-annotator';

const USAGE = `Usage: news-annotator git-setup [--print] [--command CMD]

Makes git read and merge sidecars as tags, in the repository you are in:

  .gitattributes   ${ATTRIBUTES_LINE}
  git config       diff.news-annotator.textconv   "CMD show --stored"
                   merge.news-annotator.name      (a description)
                   merge.news-annotator.driver    "CMD merge-file %O %A %B --path %P"

.gitattributes is committed and shared; merge drivers and textconv live in each clone's
git config (git never takes commands from a repository), so every colleague and every CI
job runs git-setup once. Running it again changes nothing.

Options:
  --print        only print what it would do
  --command CMD  how git should run News Annotator (default: news-annotator when that is
                 this program on PATH, else this node and this script by absolute path)

Exit code: 0 done (or nothing to do), 2 not in a git repository or bad usage.
`;

interface Setting {
  readonly key: string;
  readonly value: string;
}

export const gitSetup: Subcommand = {
  name: 'git-setup',
  summary: 'install the diff textconv and merge driver for sidecars in this repository',
  usage: USAGE,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseArgs(args, { print: 'flag', command: 'value' });
    const fail = (message: string): number => {
      io.stderr.write(`news-annotator git-setup: ${message}\n`);
      return 2;
    };
    if (typeof parsed === 'string') return fail(`${parsed}\n\n${USAGE}`);
    if (parsed.positional.length > 0) return fail(`unexpected argument '${parsed.positional[0]}'\n\n${USAGE}`);
    const root = workTreeRoot(process.cwd());
    if (root === undefined) return fail('not in a git repository');
    const printOnly = parsed.flags.has('print');
    const command = parsed.values.get('command') ?? selfCommand();
    const settings: Setting[] = [
      { key: 'diff.news-annotator.textconv', value: `${command} show --stored` },
      { key: 'merge.news-annotator.name', value: 'News Annotator: merge sidecars tag by tag' },
      { key: 'merge.news-annotator.driver', value: `${command} merge-file %O %A %B --path %P` },
    ];
    try {
      const attributes = path.join(root, '.gitattributes');
      const read = readForUpdate(attributes);
      if (!read.ok && read.problem !== 'missing') return fail(`.gitattributes ${read.message}`);
      const current = read.ok ? read.text : '';
      const lines = current.split(/\r?\n/);
      if (lines.some((line) => line.trim() === ATTRIBUTES_LINE)) {
        io.stdout.write(`.gitattributes: already has ${ATTRIBUTES_LINE}\n`);
      } else if (printOnly) {
        io.stdout.write(`.gitattributes: would add ${ATTRIBUTES_LINE}\n`);
      } else {
        const separator = current === '' || current.endsWith('\n') ? '' : current.includes('\r\n') ? '\r\n' : '\n';
        const ending = current.includes('\r\n') ? '\r\n' : '\n';
        replaceFile(attributes, `${current}${separator}${ATTRIBUTES_LINE}${ending}`, read.ok ? read.bytes : undefined);
        io.stdout.write(`.gitattributes: added ${ATTRIBUTES_LINE}\n`);
      }
      for (const setting of settings) {
        const now = configValue(setting.key, root);
        if (now === setting.value) {
          io.stdout.write(`git config ${setting.key}: already ${quote(setting.value)}\n`);
        } else if (printOnly) {
          io.stdout.write(`git config ${setting.key} ${quote(setting.value)}${now === undefined ? '' : ` (now ${quote(now)})`}\n`);
        } else {
          git(['config', '--local', setting.key, setting.value], root);
          io.stdout.write(`git config ${setting.key}: set to ${quote(setting.value)}\n`);
        }
      }
    } catch (error) {
      if (error instanceof GitError || error instanceof FileChangedError) return fail(error.message);
      throw error;
    }
    return 0;
  },
};

function configValue(key: string, root: string): string | undefined {
  try {
    return git(['config', '--local', '--get', key], root).toString('utf8').replace(/\n$/, '');
  } catch {
    return undefined;
  }
}

/**
 * How git should start this program: `news-annotator` when that name on PATH is this very
 * script (a global install), else this node binary and this script by absolute path (a
 * checkout, `npx`), quoted for the shell git runs the command in.
 */
function selfCommand(): string {
  const script = fs.realpathSync(process.argv[1] ?? '');
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    try {
      if (fs.realpathSync(path.join(dir, 'news-annotator')) === script) return 'news-annotator';
    } catch {
      // not in this folder
    }
  }
  return `${shellQuote(process.execPath)} ${shellQuote(script)}`;
}

function shellQuote(word: string): string {
  return /^[A-Za-z0-9_/.:@%+=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function quote(value: string): string {
  return `"${value}"`;
}

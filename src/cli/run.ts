import { version } from '../../package.json';
import { check } from './check';
import { diff } from './diff';
import { exportCommand } from './export';
import { fmt } from './fmt';
import { gitSetup } from './gitSetup';
import { importCommand } from './import';
import { mergeFile } from './mergeFile';
import { scan } from './scan';
import { show } from './show';
import { stats } from './stats';

export interface Output {
  write(text: string): unknown;
}

export interface Io {
  stdout: Output;
  stderr: Output;
}

/** One subcommand of the command line: `news-annotator <name> …`. */
export interface Subcommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(args: string[], io: Io): Promise<number>;
}

const subcommands: Subcommand[] = [scan, check, show, diff, fmt, mergeFile, gitSetup, exportCommand, importCommand, stats];

function usage(): string {
  const width = Math.max(0, ...subcommands.map((c) => c.name.length));
  const lines = subcommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: news-annotator <command> [options]',
    '',
    'Commands:',
    ...(lines.length > 0 ? lines : ['  (none yet)']),
    '',
    'Options:',
    '  -h, --help     show this help, or a command\'s help after its name',
    '  -v, --version  print the version',
    '',
  ].join('\n');
}

/**
 * Runs the command line with `args` (without the node and script paths) and returns the
 * exit code: 0 success, 1 the command found problems, 2 bad usage or unreadable input.
 */
export async function runCli(args: string[], io: Io): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '-v' || name === '--version') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const command = subcommands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`news-annotator: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    io.stdout.write(command.usage);
    return 0;
  }
  return command.run(rest, io);
}

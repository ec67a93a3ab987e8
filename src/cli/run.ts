import { version } from '../../package.json';

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

/**
 * The subcommands by name, each loaded only when it runs: a process pays for reading and
 * compiling the code of its own command only (the merge driver, run by git once per
 * conflicted sidecar, does not load the detector, the conventions or the export formats).
 * The bundler makes each `import()` a separate chunk (see esbuild.mjs). In the order the
 * help lists them.
 */
const subcommands: ReadonlyArray<readonly [string, () => Promise<Subcommand>]> = [
  ['scan', async () => (await import('./scan.js')).scan],
  ['check', async () => (await import('./check.js')).check],
  ['show', async () => (await import('./show.js')).show],
  ['diff', async () => (await import('./diff.js')).diff],
  ['fmt', async () => (await import('./fmt.js')).fmt],
  ['merge-file', async () => (await import('./mergeFile.js')).mergeFile],
  ['git-setup', async () => (await import('./gitSetup.js')).gitSetup],
  ['export', async () => (await import('./export.js')).exportCommand],
  ['import', async () => (await import('./import.js')).importCommand],
  ['stats', async () => (await import('./stats.js')).stats],
];

/** The general help, with every command's one-line summary (which loads them all: help is not a hot path). */
async function usage(): Promise<string> {
  const commands = await Promise.all(subcommands.map(([, load]) => load()));
  const width = Math.max(0, ...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: news-annotator <command> [options]',
    '',
    'Commands:',
    ...lines,
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
    io.stdout.write(await usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '-v' || name === '--version') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const load = subcommands.find(([known]) => known === name)?.[1];
  if (!load) {
    io.stderr.write(`news-annotator: unknown command '${name}'\n\n${await usage()}`);
    return 2;
  }
  const command = await load();
  if (rest.includes('-h') || rest.includes('--help')) {
    io.stdout.write(command.usage);
    return 0;
  }
  return command.run(rest, io);
}

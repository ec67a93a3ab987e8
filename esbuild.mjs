// Bundles the extension and the command line. `--production` minifies and drops
// source maps (what the .vsix ships); `--watch` rebuilds on change. The command line is one
// small bundle, dist/cli.js, that loads the bundle of the one command it runs,
// dist/cli/<command>.js (see src/cli/run.ts): a process reads and compiles only its own
// command's code. `--bench` bundles each
// bench/*.bench.ts (and the runner) into out/bench-bundle/ with the options of the
// production bundles, so that `npm run bench` times the code users run.
import * as esbuild from 'esbuild';
import { chmod, readdir, rm } from 'node:fs/promises';

const bench = process.argv.includes('--bench');
const production = process.argv.includes('--production') || bench;
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  // approx-string-match is ESM-only; the bundle is CommonJS, which esbuild handles.
  mainFields: ['module', 'main'],
};

/**
 * The command line's own imports of its subcommands (`import('./check.js')` in
 * src/cli/run.ts) are left out of dist/cli.js and point to each command's bundle instead;
 * `commands` collects them, to be bundled next.
 */
const commands = new Set();
const commandBundles = {
  name: 'command-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\/\w+\.js$/ }, (args) => {
      if (args.kind !== 'dynamic-import' || !/[\\/]src[\\/]cli[\\/]run\.ts$/.test(args.importer)) return undefined;
      const name = args.path.slice(2, -3);
      commands.add(name);
      return { path: `./cli/${name}.js`, external: true };
    });
  },
};

const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [commandBundles],
    // `import()` of a command's bundle becomes `require()`: no ES module loader to start.
    supported: { 'dynamic-import': false },
  },
];

/** Each command's bundle, once the main bundle has named them. */
const commandTarget = () => ({ ...common, entryPoints: [...commands].sort().map((name) => `src/cli/${name}.ts`), outdir: 'dist/cli' });

if (bench) {
  const benches = (await readdir('bench')).filter((name) => name.endsWith('.bench.ts')).map((name) => `bench/${name}`);
  await rm('out/bench-bundle', { recursive: true, force: true });
  await esbuild.build({ ...common, entryPoints: ['bench/run.ts', ...benches], outdir: 'out/bench-bundle', outbase: 'bench' });
} else if (watch) {
  for (const options of targets) {
    const context = await esbuild.context(options);
    await context.rebuild();
    await context.watch();
  }
  await (await esbuild.context(commandTarget())).watch();
  console.log('esbuild: watching src/ for changes');
} else {
  await rm('dist/cli', { recursive: true, force: true });
  await Promise.all(targets.map((options) => esbuild.build(options)));
  await esbuild.build(commandTarget());
  await chmod('dist/cli.js', 0o755);
}

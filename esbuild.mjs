// Bundles the extension and the command line. `--production` minifies and drops
// source maps (what the .vsix ships); `--watch` rebuilds on change. `--bench` bundles each
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

const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
];

if (bench) {
  const benches = (await readdir('bench')).filter((name) => name.endsWith('.bench.ts')).map((name) => `bench/${name}`);
  await rm('out/bench-bundle', { recursive: true, force: true });
  await esbuild.build({ ...common, entryPoints: ['bench/run.ts', ...benches], outdir: 'out/bench-bundle', outbase: 'bench' });
} else if (watch) {
  for (const options of targets) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('esbuild: watching src/ for changes');
} else {
  await Promise.all(targets.map((options) => esbuild.build(options)));
  await chmod('dist/cli.js', 0o755);
}

import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Runs every `*.bench.js` beside this file (bench/*.bench.ts, each bundled by esbuild with
 * the options of the shipped bundles: see esbuild.mjs), one after another, each printing
 * its own figures. `npm run bench -- detect` runs only the benches whose file name
 * contains "detect".
 */
async function main(): Promise<void> {
  const filter = process.argv[2];
  const benches = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.js'))
    .filter((name) => filter === undefined || name.includes(filter))
    .sort();
  if (benches.length === 0) {
    console.error(filter ? `no benchmark matches '${filter}'` : 'no benchmarks found');
    process.exitCode = 1;
    return;
  }
  console.log(`node ${process.version} · ${process.platform}/${process.arch}`);
  for (const name of benches) {
    const mod = (await import(path.join(__dirname, name))) as { run(): Promise<void> | void };
    console.log(`\n== ${name.replace(/\.bench\.js$/, '')}`);
    await mod.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

// Runs every check and test and ends with one line "N passed, N failed":
//   type check + compile (tsc), lint (eslint), package check (vsce), bundle (esbuild), unit and grammar tests
//   (mocha in plain Node), integration tests (mocha inside real VS Code, see test/host/).
// Options: --unit (skip integration), --integration (skip unit), --grep PATTERN, --verbose.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.includes('--unit') ? 'unit' : args.includes('--integration') ? 'integration' : undefined;
const grepAt = args.indexOf('--grep');
const grep = grepAt >= 0 ? args[grepAt + 1] : undefined;
const verbose = args.includes('--verbose');

let passed = 0;
let failed = 0;

function step(name, command, commandArgs) {
  const started = Date.now();
  const result = spawnSync(command, commandArgs, { cwd: root, encoding: 'utf8' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    passed++;
    console.log(`  ✓ ${name} (${seconds} s)`);
    return true;
  }
  failed++;
  console.log(`  ✗ ${name}`);
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim();
  for (const line of output.split('\n').slice(0, 60)) console.log(`      ${line}`);
  return false;
}

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) found.push(...findTests(full));
    else if (name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

async function unitTests() {
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: function Silent() {} });
  if (grep) mocha.grep(grep);
  for (const file of findTests(join(root, 'out', 'test', 'unit'))) mocha.addFile(file);
  await mocha.loadFilesAsync();
  await new Promise((done) => {
    const runner = mocha.run(() => done());
    runner.on('pass', (test) => {
      passed++;
      console.log(`  ✓ unit › ${test.fullTitle()}`);
    });
    runner.on('fail', (test, error) => {
      failed++;
      console.log(`  ✗ unit › ${test.fullTitle()}`);
      for (const line of String(error?.stack ?? error).split('\n').slice(0, 15)) console.log(`      ${line}`);
    });
  });
}

async function main() {
  // A stale out/ could hold compiled tests whose sources are gone; start clean.
  rmSync(join(root, 'out'), { recursive: true, force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const compiled = step('type check and compile (tsc)', process.execPath, [tsc, '-p', '.']);
  if (!only) step('lint (eslint)', process.execPath, [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.']);
  if (!only) step('package (.vsix of runtime files under 300 KB)', process.execPath, [join(root, 'scripts', 'check-package.mjs')]);
  const built = step('bundle (esbuild)', process.execPath, [join(root, 'esbuild.mjs')]);
  if (only !== 'integration' && compiled) await unitTests();
  if (only !== 'unit' && compiled && built) {
    const { runIntegrationTests } = await import('../test/host/run-tests.mjs');
    const result = await runIntegrationTests({ grep, verbose, timeoutSeconds: Number(process.env.NEWS_ANNOTATOR_TEST_TIMEOUT ?? 600) });
    passed += result.passed;
    failed += result.failed;
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

main().catch((error) => {
  console.log(`  ✗ the test runner crashed: ${error?.stack ?? error}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exitCode = 1;
});

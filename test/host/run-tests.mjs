// Runs the integration suite (out/test/integration) inside real VS Code and reports one line
// per test. Used by scripts/test.mjs; also runnable alone:
//   node test/host/run-tests.mjs [--grep PATTERN] [--timeout SECONDS] [--verbose]
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openBrowser, startServer, workbenchUrl } from './host.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');

/** Copies the sample articles (and any workspace fixtures) into a fresh folder to open. */
export async function makeWorkspace() {
  const workspace = await mkdtemp(join(tmpdir(), 'news-annotator-ws-'));
  for (const name of await readdir(join(repoRoot, 'samples'))) {
    await cp(join(repoRoot, 'samples', name), join(workspace, name));
  }
  const extra = join(repoRoot, 'test', 'fixtures', 'workspace');
  if (existsSync(extra)) await cp(extra, workspace, { recursive: true });
  return workspace;
}

/**
 * @param {object} [options]
 * @param {string} [options.grep] only tests whose full title matches
 * @param {number} [options.timeoutSeconds] the whole run's limit
 * @param {boolean} [options.verbose] echo the extension host's console
 * @param {(line: string) => void} [options.print]
 * @returns {Promise<{passed: number, failed: number, timedOut: boolean}>}
 */
export async function runIntegrationTests({ grep, timeoutSeconds = 600, verbose = false, print = console.log } = {}) {
  const testsPath = join(repoRoot, 'out', 'test', 'integration');
  for (const needed of [join(testsPath, 'index.js'), join(repoRoot, 'dist', 'extension.js')]) {
    if (!existsSync(needed)) throw new Error(`${needed} is missing: run 'npm run build && npm run compile-tests' first`);
  }
  const logDir = join(repoRoot, '.test-host', 'logs');
  await mkdir(logDir, { recursive: true });
  const logLines = [];
  const log = (line) => {
    logLines.push(line);
    if (verbose) print(`    │ ${line}`);
  };

  const workspace = await makeWorkspace();
  const state = await mkdtemp(join(tmpdir(), 'news-annotator-run-'));
  const summaryPath = join(state, 'summary.json');
  const server = await startServer({
    workspace,
    env: {
      NEWS_ANNOTATOR_TEST_SUMMARY: summaryPath,
      NEWS_ANNOTATOR_TEST_WORKSPACE: workspace,
      NEWS_ANNOTATOR_TEST_REPO: repoRoot,
      ...(grep ? { NEWS_ANNOTATOR_TEST_GREP: grep } : {}),
    },
    onOutput: (line) => log(`[server] ${line}`),
  });
  let browser;
  let timedOut = false;
  let exitCode;
  try {
    const opened = await openBrowser();
    browser = opened.browser;
    const { page } = opened;
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = Array.isArray(args) ? args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') : String(args);
      log(`[${type}] ${text}`);
    });
    const exited = new Promise((resolveExit) => {
      page.exposeFunction('codeAutomationExit', (code) => resolveExit(code)).catch(() => {});
    });
    page.on('pageerror', (error) => log(`[page] ${error.message}`));
    await page.goto(workbenchUrl(server, { extensionPath: repoRoot, testsPath }));
    let timer;
    const limit = new Promise((resolveLimit) => {
      timer = setTimeout(() => {
        timedOut = true;
        resolveLimit(undefined);
      }, timeoutSeconds * 1000);
    });
    exitCode = await Promise.race([exited, limit]);
    clearTimeout(timer);
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
    await writeFile(join(logDir, 'integration.log'), logLines.join('\n') + '\n');
  }

  let results = [];
  try {
    results = JSON.parse(await readFile(summaryPath, 'utf8')).tests;
  } catch {
    // no summary: the suite never started (reported below)
  }
  await rm(state, { recursive: true, force: true });
  await rm(workspace, { recursive: true, force: true });

  let passed = 0;
  let failed = 0;
  for (const test of results) {
    if (test.state === 'passed') {
      passed++;
      print(`  ✓ integration › ${test.title} (${test.durationMs} ms)`);
    } else if (test.state === 'failed') {
      failed++;
      print(`  ✗ integration › ${test.title}`);
      for (const line of String(test.error ?? '').split('\n').slice(0, 12)) print(`      ${line}`);
    }
  }
  const running = results.find((t) => t.state === 'running');
  if (timedOut) {
    failed++;
    print(`  ✗ integration › the run timed out after ${timeoutSeconds} s${running ? ` during "${running.title}"` : ''}`);
  } else if (results.length === 0) {
    failed++;
    print(`  ✗ integration › the suite did not run (exit code ${exitCode}); see .test-host/logs/integration.log`);
  } else if (exitCode !== 0 && failed === 0) {
    failed++;
    print(`  ✗ integration › VS Code reported exit code ${exitCode}; see .test-host/logs/integration.log`);
  }
  if (failed > 0) print(`  (extension host and server log: .test-host/logs/integration.log)`);
  return { passed, failed, timedOut };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const { passed, failed } = await runIntegrationTests({
    grep: option('--grep'),
    timeoutSeconds: Number(option('--timeout') ?? 600),
    verbose: args.includes('--verbose'),
  });
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

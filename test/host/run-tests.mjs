// Runs the integration suites (out/test/integration, then out/test/integration-restricted in
// Restricted Mode) inside real VS Code and reports one line per test. Used by scripts/test.mjs;
// also runnable alone:
//   node test/host/run-tests.mjs [--grep PATTERN] [--timeout SECONDS] [--verbose]
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
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

/** The settings the Restricted Mode suite's workspace ships and the user settings beside them. */
export const RESTRICTED = {
  workspaceSettings: {
    'newsAnnotator.sidecar.location': 'mirror',
    'newsAnnotator.sidecar.mirrorFolder': 'workspace-mirror',
    'newsAnnotator.author': 'Workspace Author',
    // Not restricted: proves the workspace's settings file is read at all.
    'newsAnnotator.highlight.cues': true,
  },
  userSettings: { 'newsAnnotator.author': 'User Author' },
  repositoryGitUser: 'Repository Git Author',
  homeGitUser: 'Home Git Author',
};

/**
 * A fresh folder VS Code has never trusted: the sample articles, a `.vscode/settings.json`
 * that asks for mirrored sidecars and names an author, and a git repository whose own config
 * names another author.
 */
async function makeRestrictedWorkspace(state) {
  const workspace = await makeWorkspace();
  await mkdir(join(workspace, '.vscode'), { recursive: true });
  await writeFile(join(workspace, '.vscode', 'settings.json'), JSON.stringify(RESTRICTED.workspaceSettings, null, 2));
  const git = (args, cwd) => execFileSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  git(['init', '--quiet'], workspace);
  git(['config', 'user.name', RESTRICTED.repositoryGitUser], workspace);
  // git's global config for the extension host: what git says when run outside the workspace.
  const globalConfig = join(state, 'gitconfig');
  await writeFile(globalConfig, `[user]\n\tname = ${RESTRICTED.homeGitUser}\n`);
  return { workspace, env: { GIT_CONFIG_GLOBAL: globalConfig, GIT_CONFIG_NOSYSTEM: '1' } };
}

/**
 * Runs one compiled mocha suite inside real VS Code, in a code-server of its own.
 * @returns {Promise<{passed: number, failed: number, timedOut: boolean}>}
 */
async function runSuite({ label, testsPath, logName, trust = false, settings, setUp, grep, timeoutSeconds, verbose, print }) {
  for (const needed of [join(testsPath, 'index.js'), join(repoRoot, 'dist', 'extension.js')]) {
    if (!existsSync(needed)) throw new Error(`${needed} is missing: run 'npm run build && npm run compile-tests' first`);
  }
  const logDir = join(repoRoot, '.test-host', 'logs');
  await mkdir(logDir, { recursive: true });
  const logFile = `.test-host/logs/${logName}.log`;
  const logLines = [];
  const log = (line) => {
    logLines.push(line);
    if (verbose) print(`    │ ${line}`);
  };

  const state = await mkdtemp(join(tmpdir(), 'news-annotator-run-'));
  const { workspace, env: extraEnv = {} } = setUp ? await setUp(state) : { workspace: await makeWorkspace() };
  const summaryPath = join(state, 'summary.json');
  const server = await startServer({
    workspace,
    trust,
    settings,
    env: {
      NEWS_ANNOTATOR_TEST_SUMMARY: summaryPath,
      NEWS_ANNOTATOR_TEST_WORKSPACE: workspace,
      NEWS_ANNOTATOR_TEST_REPO: repoRoot,
      ...(grep ? { NEWS_ANNOTATOR_TEST_GREP: grep } : {}),
      ...extraEnv,
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
    await writeFile(join(logDir, `${logName}.log`), logLines.join('\n') + '\n');
  }

  let results;
  try {
    results = JSON.parse(await readFile(summaryPath, 'utf8')).tests;
  } catch {
    // no summary: the suite never started (reported below)
  }
  await rm(state, { recursive: true, force: true });
  await rm(workspace, { recursive: true, force: true });

  let passed = 0;
  let failed = 0;
  for (const test of results ?? []) {
    if (test.state === 'passed') {
      passed++;
      print(`  ✓ ${label} › ${test.title} (${test.durationMs} ms)`);
    } else if (test.state === 'failed') {
      failed++;
      print(`  ✗ ${label} › ${test.title}`);
      for (const line of String(test.error ?? '').split('\n').slice(0, 12)) print(`      ${line}`);
    }
  }
  const running = results?.find((t) => t.state === 'running');
  // Under --grep a suite may hold none of the chosen tests: it ran, and has nothing to say
  // (runIntegrationTests reports a pattern that no suite matched).
  const emptyIsFine = Boolean(grep) && results !== undefined && exitCode === 0;
  if (timedOut) {
    failed++;
    print(`  ✗ ${label} › the run timed out after ${timeoutSeconds} s${running ? ` during "${running.title}"` : ''}`);
  } else if ((results ?? []).length === 0 && !emptyIsFine) {
    failed++;
    print(`  ✗ ${label} › the suite did not run (exit code ${exitCode}); see ${logFile}`);
  } else if (exitCode !== 0 && failed === 0) {
    failed++;
    print(`  ✗ ${label} › VS Code reported exit code ${exitCode}; see ${logFile}`);
  }
  if (failed > 0) print(`  (extension host and server log: ${logFile})`);
  return { passed, failed, timedOut };
}

/** Runs the Restricted Mode suite alone (same options as {@link runIntegrationTests}). */
export async function runRestrictedTests({ grep, timeoutSeconds = 600, verbose = false, print = console.log } = {}) {
  return runSuite({
    grep,
    timeoutSeconds,
    verbose,
    print,
    label: 'integration (Restricted Mode)',
    logName: 'integration-restricted',
    testsPath: join(repoRoot, 'out', 'test', 'integration-restricted'),
    trust: true,
    settings: RESTRICTED.userSettings,
    setUp: makeRestrictedWorkspace,
  });
}

/**
 * Runs the integration suite (out/test/integration) with workspace trust off, then the
 * Restricted Mode suite (out/test/integration-restricted) in a folder VS Code does not trust.
 * @param {object} [options]
 * @param {string} [options.grep] only tests whose full title matches
 * @param {number} [options.timeoutSeconds] each run's limit
 * @param {boolean} [options.verbose] echo the extension host's console
 * @param {(line: string) => void} [options.print]
 * @returns {Promise<{passed: number, failed: number, timedOut: boolean}>}
 */
export async function runIntegrationTests({ grep, timeoutSeconds = 600, verbose = false, print = console.log } = {}) {
  const common = { grep, timeoutSeconds, verbose, print };
  const main = await runSuite({ ...common, label: 'integration', logName: 'integration', testsPath: join(repoRoot, 'out', 'test', 'integration') });
  const restricted = await runRestrictedTests(common);
  const passed = main.passed + restricted.passed;
  let failed = main.failed + restricted.failed;
  if (grep && passed + failed === 0) {
    failed++;
    print(`  ✗ integration › no test's title matches --grep ${grep}`);
  }
  return { passed, failed, timedOut: main.timedOut || restricted.timedOut };
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

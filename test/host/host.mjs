// Real VS Code for tests, try-it and screenshots: the workbench served by code-server on
// loopback, opened in Debian's headless Chromium through playwright-core. The extension runs
// in VS Code's own Node extension host with the real `vscode` API.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const codeServerEntry = join(here, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps dialling Google's hosts, which this
// kind of machine refuses; the rest keep it headless-friendly and quiet.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Settings for the throwaway profile: quiet, no welcome page, no telemetry. */
const baseSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'window.commandCenter': false,
  'editor.wordWrap': 'on',
  'editor.minimap.enabled': false,
};

/**
 * Workspace trust on, and no modal asking to trust the folder at startup: an untrusted folder
 * then simply opens in Restricted Mode, as it does for someone who chose "Don't Trust".
 */
const restrictedModeSettings = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
};

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer /healthz within ${timeoutMs / 1000} s`);
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts code-server on 127.0.0.1 with a throwaway profile and opens `workspace`.
 *
 * @param {object} options
 * @param {string} options.workspace folder to open
 * @param {object} [options.settings] user settings merged over the quiet defaults
 * @param {Record<string,string>} [options.env] extra environment for code-server and so the extension host
 * @param {(line: string) => void} [options.onOutput] code-server's own output, line by line
 * @param {number} [options.port] the port to listen on (default: any free one)
 * @param {boolean} [options.trust] keep workspace trust on, so `workspace` (never trusted in
 *   the throwaway profile) opens in Restricted Mode, without the startup prompt
 */
export async function startServer({ workspace, settings = {}, env = {}, onOutput, port: requestedPort, trust = false }) {
  const state = await mkdtemp(join(tmpdir(), 'news-annotator-host-'));
  const userData = join(state, 'user-data');
  await mkdir(join(userData, 'User'), { recursive: true });
  await mkdir(join(state, 'extensions'), { recursive: true });
  await mkdir(join(state, 'xdg-config'), { recursive: true });
  await mkdir(join(state, 'xdg-data'), { recursive: true });
  const trustSettings = trust ? restrictedModeSettings : {};
  await writeFile(join(userData, 'User', 'settings.json'), JSON.stringify({ ...baseSettings, ...trustSettings, ...settings }, null, 2));
  const config = join(state, 'config.yaml');
  await writeFile(config, 'auth: none\ncert: false\n');

  const port = requestedPort ?? (await freePort());
  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', userData,
    '--extensions-dir', join(state, 'extensions'),
    '--config', config,
    '--disable-telemetry',
    '--disable-update-check',
    ...(trust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    workspace,
  ];
  const child = spawn(process.execPath, args, {
    detached: true, // its own process group, so stop() can take the watcher children too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(state, 'xdg-config'),
      XDG_DATA_HOME: join(state, 'xdg-data'),
      ...env,
    },
  });
  const forward = (chunk) => {
    if (!onOutput) return;
    for (const line of chunk.toString().split('\n')) if (line.trim()) onOutput(line);
  };
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup(child, 'SIGTERM');
    const exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', resolve);
    });
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    killGroup(child, 'SIGKILL'); // the file watcher child outlives a plain SIGTERM
    await rm(state, { recursive: true, force: true }).catch(() => {});
  };

  try {
    await waitForHealth(port, child, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, workspace, child, stop, baseUrl: `http://127.0.0.1:${port}` };
}

/**
 * The workbench URL that loads the extension at `extensionPath` in development mode and,
 * with `testsPath`, runs the mocha suite whose index module is in that folder.
 */
export function workbenchUrl(server, { extensionPath, testsPath }) {
  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = [['extensionDevelopmentPath', remote(extensionPath)], ['skipWelcome', 'true']];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  const query = new URLSearchParams({ folder: server.workspace, payload: JSON.stringify(payload) });
  return `${server.baseUrl}/?${query}`;
}

/** Launches headless Chromium and opens a page of the given size. */
export async function openBrowser({ width = 1400, height = 900, colorScheme = 'light' } = {}) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const context = await browser.newContext({ viewport: { width, height }, colorScheme });
  const page = await context.newPage();
  return { browser, page };
}

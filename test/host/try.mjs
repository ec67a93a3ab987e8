// Opens the extension in real VS Code on a demo workspace of the sample articles.
//   node test/host/try.mjs                 desktop `code` if installed, else code-server on 127.0.0.1
//   node test/host/try.mjs --port 3210     code-server on that port
//   node test/host/try.mjs --fresh         start the demo workspace again from the samples
//   node test/host/try.mjs --screenshot FILE [--scenario NAME] [--theme light|dark|hc]
//                                          save a PNG of the workbench (see scenarios.mjs)
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser, startServer, workbenchUrl } from './host.mjs';
import { scenarios, selectTheme, themes } from './scenarios.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};

/** The demo workspace: a copy of samples/, kept between runs so tags made while trying stay. */
async function demoWorkspace(fresh) {
  const folder = join(repoRoot, '.test-host', 'demo');
  if (fresh) await rm(folder, { recursive: true, force: true });
  if (!existsSync(folder)) {
    await mkdir(folder, { recursive: true });
    for (const name of await readdir(join(repoRoot, 'samples'))) {
      await cp(join(repoRoot, 'samples', name), join(folder, name));
    }
  }
  return folder;
}

function hasDesktopCode() {
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function screenshot(file, scenarioName, themeName) {
  const scenario = scenarios[scenarioName];
  if (!scenario) throw new Error(`unknown scenario '${scenarioName}'; known: ${Object.keys(scenarios).join(', ')}`);
  const theme = themes[themeName];
  if (!theme) throw new Error(`unknown theme '${themeName}'; known: ${Object.keys(themes).join(', ')}`);
  // Screenshots always start from the pristine samples so they are reproducible.
  const workspace = await demoWorkspace(true);
  // Files a scenario adds to the workspace beside the samples.
  for (const [name, text] of Object.entries(scenario.files ?? {})) await writeFile(join(workspace, name), text);
  const server = await startServer({ workspace, settings: { 'newsAnnotator.author': 'Dana Reyes', ...(scenario.settings ?? {}) } });
  const { browser, page } = await openBrowser({ width: 1400, height: 860, colorScheme: themeName === 'light' ? 'light' : 'dark' });
  try {
    await page.goto(workbenchUrl(server, { extensionPath: repoRoot }));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForTimeout(1500);
    await selectTheme(page, theme);
    await scenario.run(page);
    await page.screenshot({ path: resolve(file) });
    console.log(`saved ${file}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function serve(port) {
  const workspace = await demoWorkspace(args.includes('--fresh'));
  const server = await startServer({ workspace, port });
  const url = workbenchUrl(server, { extensionPath: repoRoot });
  console.log(`News Annotator is running in VS Code (code-server) on the sample articles in ${workspace}`);
  console.log(`Open: ${url}`);
  console.log('Press Ctrl+C to stop.');
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => {});
}

const shot = option('--screenshot');
if (shot) {
  await screenshot(shot, option('--scenario', 'article'), option('--theme', 'light'));
} else if (!args.includes('--port') && !args.includes('--server') && hasDesktopCode()) {
  const workspace = await demoWorkspace(args.includes('--fresh'));
  console.log(`Opening VS Code with News Annotator on ${workspace}`);
  spawn('code', ['--extensionDevelopmentPath', repoRoot, workspace], { stdio: 'inherit', detached: true }).unref();
} else {
  await serve(Number(option('--port', '3210')));
}

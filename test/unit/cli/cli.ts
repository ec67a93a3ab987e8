/**
 * Running the built command line as users run it: `node dist/cli.js` in a child process,
 * in a folder of real files. The bundle is built once per test run from the current sources.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../support/paths';

export const cliPath = path.join(repoRoot, 'dist', 'cli.js');
let built = false;

/** Builds dist/cli.js from the sources (once): a stale bundle would test old code. */
export function buildCli(): void {
  if (built) return;
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  built = true;
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `news-annotator ARGS` in `cwd`, with GitHub's variables cleared unless given. */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): CliResult {
  const clean = { ...process.env, GITHUB_STEP_SUMMARY: undefined, GITHUB_ACTIONS: undefined, ...env };
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', env: clean as NodeJS.ProcessEnv });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

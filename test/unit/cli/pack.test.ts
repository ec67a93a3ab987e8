/**
 * The command line as CI installs it: `npm pack`, then `npm install -g` of the tarball into
 * a temporary prefix, offline, and the installed `news-annotator` run on a workspace.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturePath, repoRoot } from '../../support/paths';
import { tempDir } from './cli';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('the npm package of the command line', function () {
  this.timeout(180000);
  let temp: ReturnType<typeof tempDir>;
  let tarball = '';

  before(() => {
    temp = tempDir('news-annotator-pack-');
    const pack = spawnSync(npm, ['pack', '--json', '--pack-destination', temp.dir], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = path.join(temp.dir, info.filename);
    // The command line's entry and one bundle per command (no source maps, nothing else).
    const files = info.files.map((f) => f.path).sort();
    assert.deepEqual(files.filter((file) => !file.startsWith('dist/cli/')), ['LICENSE', 'README.md', 'dist/cli.js', 'package.json']);
    const commands = files.filter((file) => file.startsWith('dist/cli/'));
    assert.ok(commands.includes('dist/cli/mergeFile.js') && commands.includes('dist/cli/check.js'), commands.join(', '));
    assert.ok(commands.every((file) => /^dist\/cli\/\w+\.js$/.test(file)), commands.join(', '));
  });

  after(() => {
    temp.remove();
    // npm pack builds the production bundle; leave the development one for the tests after.
    spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot });
  });

  it('has no runtime dependencies to fetch: the bundle carries them', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { dependencies?: object; bin: Record<string, string> };
    assert.equal(manifest.dependencies, undefined);
    assert.deepEqual(manifest.bin, { 'news-annotator': 'dist/cli.js' });
  });

  it('installs globally from the tarball without the network, and its news-annotator runs', () => {
    const prefix = path.join(temp.dir, 'prefix');
    const install = spawnSync(npm, ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], { encoding: 'utf8' });
    assert.equal(install.status, 0, install.stderr);
    const bin = path.join(prefix, 'bin', 'news-annotator');
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    assert.equal(version.stdout.trim(), (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
    const check = spawnSync(bin, ['check', '--format', 'json'], { cwd: fixturePath('review', 'workspaces', 'drifted'), encoding: 'utf8' });
    assert.equal(check.status, 1, check.stderr);
    assert.deepEqual((JSON.parse(check.stdout) as { summary: object }).summary, { error: 1, warning: 3, info: 0 });
  });
});

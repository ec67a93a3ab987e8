/**
 * The command line with sidecars kept in a mirror folder (`newsAnnotator.sidecar.location:
 * mirror` in the workspace's .vscode/settings.json), where git and the file system are
 * involved: diff over revisions from a subfolder, and a mirror folder that is a symbolic
 * link out of the workspace. The other commands are covered by the `mirror` fixture
 * workspace in review.test.ts.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturePath } from '../../support/paths';
import { buildCli, runCli, tempDir } from './cli';

describe('the command line with sidecars in a mirror folder', function () {
  this.timeout(60000);
  before(buildCli);

  const copy = (): { dir: string; remove(): void } => {
    const temp = tempDir('news-annotator-mirror-');
    fs.cpSync(fixturePath('review', 'workspaces', 'mirror'), temp.dir, { recursive: true });
    return temp;
  };

  it('lists a verdict changed in the mirror folder under its article with diff, run from a subfolder', () => {
    const temp = copy();
    try {
      const git = (...args: string[]): void => {
        const result = spawnSync('git', ['-c', 'user.name=Desk', '-c', 'user.email=desk@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: temp.dir, encoding: 'utf8' });
        assert.equal(result.status, 0, result.stderr);
      };
      git('init', '-q', '-b', 'main');
      git('add', '-A');
      git('commit', '-qm', 'tags');
      const sidecar = path.join(temp.dir, '.annotations', 'stories', 'briefing.txt.tags.yaml');
      fs.writeFileSync(sidecar, fs.readFileSync(sidecar, 'utf8').replace('verdict: misleading', 'verdict: inaccurate'));
      git('commit', '-qam', 'verdict');
      const result = runCli(['diff', 'HEAD~1..HEAD'], path.join(temp.dir, 'stories'));
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^briefing\.txt:1:70: verdict: misleading → inaccurate {2}claim "upwards of 1,000 troops per day"$/m);
      // Told that sidecars are beside their articles, the same change is a sidecar without its article.
      const beside = runCli(['diff', '--sidecar-location', 'beside', 'HEAD~1..HEAD'], temp.dir);
      assert.doesNotMatch(beside.stdout, /^stories\/briefing\.txt:/m);
    } finally {
      temp.remove();
    }
  });

  it('refuses a mirror folder that is a symbolic link leading out of the workspace, and reads nothing through it', () => {
    const temp = copy();
    const outside = tempDir('news-annotator-outside-');
    try {
      fs.cpSync(path.join(temp.dir, '.annotations'), outside.dir, { recursive: true });
      fs.rmSync(path.join(temp.dir, '.annotations'), { recursive: true });
      fs.symlinkSync(outside.dir, path.join(temp.dir, '.annotations'));
      for (const args of [['check'], ['show', 'stories/briefing.txt'], ['stats']]) {
        const result = runCli(args, temp.dir);
        assert.equal(result.code, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
        assert.match(result.stderr, /'\.annotations' leads out of the workspace folder through a symbolic link/);
        assert.equal(result.stdout, '');
      }
    } finally {
      temp.remove();
      outside.remove();
    }
  });

  it('imports tags into the mirror folder, making its folders, and then checks and shows them there', () => {
    const source = copy();
    const target = copy();
    try {
      const exported = runCli(['export', '--format', 'w3c', '--out', 'tags.json'], source.dir);
      assert.equal(exported.code, 0, exported.stderr);
      fs.rmSync(path.join(target.dir, '.annotations'), { recursive: true });
      const imported = runCli(['import', path.join(source.dir, 'tags.json'), '--format', 'w3c'], target.dir);
      assert.equal(imported.code, 0, imported.stdout + imported.stderr);
      assert.ok(fs.existsSync(path.join(target.dir, '.annotations', 'stories', 'briefing.txt.tags.yaml')), 'written in the mirror folder');
      assert.ok(!fs.existsSync(path.join(target.dir, 'stories', 'briefing.txt.tags.yaml')), 'nothing written beside the article');
      const shown = runCli(['show', 'stories/briefing.txt'], target.dir);
      assert.equal(shown.stdout, runCli(['show', 'stories/briefing.txt'], source.dir).stdout);
      assert.match(shown.stdout, /^L1:70 claim verdict=misleading "upwards of 1,000 troops per day"$/m);
    } finally {
      source.remove();
      target.remove();
    }
  });
});

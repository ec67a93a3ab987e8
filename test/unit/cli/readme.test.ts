/**
 * The README's "Reviewing in git" example is real output: `diff --format markdown` between
 * two commits of tags on the sample articles (test/fixtures/review/readme/old → new).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturePath, repoRoot } from '../../support/paths';
import { buildCli, runCli, tempDir } from './cli';

describe('the README example of a tag changelog', function () {
  this.timeout(60000);
  before(buildCli);

  it('is exactly what diff --format markdown prints for the sample articles', () => {
    const temp = tempDir('news-annotator-readme-');
    try {
      const git = (...args: string[]): void => {
        const result = spawnSync('git', ['-c', 'user.name=Desk', '-c', 'user.email=desk@example.org', ...args], { cwd: temp.dir, encoding: 'utf8' });
        assert.equal(result.status, 0, result.stderr);
      };
      git('init', '-q', '-b', 'main');
      for (const name of fs.readdirSync(fixturePath('review', 'readme', 'old'))) {
        fs.copyFileSync(path.join(repoRoot, 'samples', name.replace(/\.tags\.yaml$/, '')), path.join(temp.dir, name.replace(/\.tags\.yaml$/, '')));
        fs.copyFileSync(fixturePath('review', 'readme', 'old', name), path.join(temp.dir, name));
      }
      git('add', '-A');
      git('commit', '-qm', 'Tags before review');
      for (const name of fs.readdirSync(fixturePath('review', 'readme', 'new'))) fs.copyFileSync(fixturePath('review', 'readme', 'new', name), path.join(temp.dir, name));
      git('commit', '-qam', 'Tags after review');
      const result = runCli(['diff', '--format', 'markdown', 'HEAD~1..HEAD'], temp.dir);
      assert.equal(result.code, 0, result.stderr);
      const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
      const table = result.stdout.replace(/^### /, '');
      assert.ok(readme.includes(table), `README.md should show:\n${result.stdout}`);
    } finally {
      temp.remove();
    }
  });
});

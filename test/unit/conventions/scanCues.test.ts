/**
 * `news-annotator scan` with a team's cue vocabularies: the built command line in a child
 * process, on a temporary repository with a conventions file.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readFixture, repoRoot } from '../../support/paths';

const cli = path.join(repoRoot, 'dist', 'cli.js');
const ARTICLE = 'The minister is understood to have resigned. Prices may rise, officials said.\n';

describe('scanning with the team\'s cue vocabularies', () => {
  let repo = '';
  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-cues-'));
    fs.mkdirSync(path.join(repo, '.git'));
    fs.mkdirSync(path.join(repo, 'desk'));
    fs.mkdirSync(path.join(repo, 'plain'));
    fs.writeFileSync(path.join(repo, 'desk', '.news-annotator.yaml'), readFixture('conventions', 'minimal', '.news-annotator.yaml'));
    fs.writeFileSync(path.join(repo, 'desk', 'article.txt'), ARTICLE);
    fs.writeFileSync(path.join(repo, 'plain', 'article.txt'), ARTICLE);
  });
  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  const cues = (file: string): { code: number | null; words: string[]; stderr: string } => {
    const result = spawnSync(process.execPath, [cli, 'scan', '--json', '--kinds', 'cue', file], { cwd: repo, encoding: 'utf8' });
    const parsed = JSON.parse(result.stdout) as { files: Array<{ detections: Array<{ text: string }> }> };
    return { code: result.status, words: parsed.files[0].detections.map((d) => d.text.toLowerCase()), stderr: result.stderr };
  };

  it('adds and removes the cues the conventions of the article\'s folder name', () => {
    const desk = cues('desk/article.txt');
    assert.equal(desk.code, 0, desk.stderr);
    assert.ok(desk.words.includes('is understood to'), desk.words.join(', '));
    assert.ok(!desk.words.includes('may'));
  });

  it('keeps the default vocabulary where no conventions file applies', () => {
    const plain = cues('plain/article.txt');
    assert.ok(plain.words.includes('may'), plain.words.join(', '));
    assert.ok(!plain.words.includes('is understood to'));
  });

  it('reports a broken conventions file on stderr with its line, and exits 2', () => {
    fs.writeFileSync(path.join(repo, 'plain', '.news-annotator.yaml'), 'version: 1\nkinds:\n  statistic:\n    color: teal\n');
    const broken = cues('plain/article.txt');
    fs.rmSync(path.join(repo, 'plain', '.news-annotator.yaml'));
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /plain\/\.news-annotator\.yaml:4:12: error bad-color /);
  });
});

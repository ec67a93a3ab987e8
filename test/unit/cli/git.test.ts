/**
 * The review commands with real git: a temporary repository where two branches tag the
 * same article differently, merged with the driver `git-setup` installed, and read back
 * through the textconv and `diff`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFLICT_KEY } from '../../../src/core/merge';
import { SidecarFile, serialiseSidecar } from '../../../src/core/sidecar';
import { changeKind, createTag, editNote, type Tag } from '../../../src/core/tags';
import { readFixture } from '../../support/paths';
import { buildCli, runCli, tempDir } from './cli';

const article = readFixture('review', 'workspaces', 'clean', 'briefing.txt');
const SIDECAR = 'briefing.txt.tags.yaml';
let clock = Date.parse('2026-11-20T09:00:00Z');
let seed = 41;
const random = (): number => {
  seed = (seed * 16807) % 2147483647;
  return (seed - 1) / 2147483646;
};
const later = (): Date => new Date((clock += 60_000));

function tag(tags: readonly Tag[], text: string, kind = 'claim'): Tag {
  const start = article.indexOf(text);
  return createTag(tags, { kind, text: article, start, end: start + text.length, author: 'Ada Lovelace', now: later(), random });
}

describe('reviewing tags in a real git repository', function () {
  this.timeout(120000);
  let repo = '';
  let remove = (): void => {};
  const git = (...args: string[]): { code: number | null; out: string } => {
    const result = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_EDITOR: 'true', GIT_PAGER: 'cat' } });
    return { code: result.status, out: `${result.stdout}${result.stderr}` };
  };
  const commit = (tags: readonly Tag[], message: string): void => {
    fs.writeFileSync(path.join(repo, SIDECAR), serialiseSidecar('briefing.txt', tags));
    assert.equal(git('commit', '-q', '-am', message).code, 0);
  };
  const sidecarNow = (): SidecarFile => SidecarFile.parse(fs.readFileSync(path.join(repo, SIDECAR), 'utf8'));

  let base: Tag[] = [];

  before(() => {
    buildCli();
    const temp = tempDir('news-annotator-git-');
    repo = temp.dir;
    remove = temp.remove;
    for (const args of [['init', '-q', '-b', 'main'], ['config', 'user.email', 'desk@example.org'], ['config', 'user.name', 'Desk'], ['config', 'commit.gpgsign', 'false']]) {
      assert.equal(git(...args).code, 0);
    }
    fs.writeFileSync(path.join(repo, 'briefing.txt'), article);
    base = [tag([], 'upwards of 1,000 troops per day')];
    base.push(tag(base, 'a sign of desperation', 'opinion'));
    fs.writeFileSync(path.join(repo, SIDECAR), serialiseSidecar('briefing.txt', base));
    assert.equal(git('add', '-A').code, 0);
    assert.equal(git('commit', '-qm', 'Tag the briefing').code, 0);
  });

  after(() => remove());

  it('git-setup writes .gitattributes and the git config, and changes nothing when run again', () => {
    const first = runCli(['git-setup'], repo);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(fs.readFileSync(path.join(repo, '.gitattributes'), 'utf8'), '*.tags.yaml diff=news-annotator merge=news-annotator\n');
    assert.match(git('config', '--get', 'merge.news-annotator.driver').out, /merge-file %O %A %B --path %P/);
    assert.match(git('config', '--get', 'diff.news-annotator.textconv').out, /show --stored/);
    const again = runCli(['git-setup'], repo);
    assert.equal(again.code, 0);
    assert.doesNotMatch(again.stdout, /added|set to/);
    assert.equal(fs.readFileSync(path.join(repo, '.gitattributes'), 'utf8'), '*.tags.yaml diff=news-annotator merge=news-annotator\n');
    const printed = runCli(['git-setup', '--print'], repo);
    assert.match(printed.stdout, /already/);
    assert.equal(git('add', '.gitattributes').code, 0);
    assert.equal(git('commit', '-qm', 'Merge sidecars by tag').code, 0);
  });

  it('merges two branches that tagged the same article differently, which a line merge cannot', () => {
    assert.equal(git('checkout', '-qb', 'desk-b').code, 0);
    const theirs = changeKind([...base, tag(base, 'Officials could not confirm the figure', 'speculation')], base[0].id, 'speculation', later());
    commit(theirs, 'Desk B: a speculation, and the figure is speculation');
    assert.equal(git('checkout', '-q', 'main').code, 0);
    const ours = editNote([...base, tag(base, 'About 10,000 North Korean troops')], base[0].id, 'Pentagon figure', later());
    commit(ours, 'Desk A: the troop count, and a note');

    // Git's own line merge stumbles on these: two tags added at the same place.
    const versions = ['main~1', 'main', 'desk-b'].map((rev, i) => {
      const file = path.join(repo, '.git', `version-${i}.yaml`);
      fs.writeFileSync(file, git('cat-file', 'blob', `${rev}:${SIDECAR}`).out);
      return file;
    });
    const lineMerge = git('merge-file', '-p', versions[1], versions[0], versions[2]);
    assert.ok((lineMerge.code ?? 0) > 0, `a line merge conflicts:\n${lineMerge.out}`);

    const merge = git('merge', '--no-edit', 'desk-b');
    assert.equal(merge.code, 0, merge.out);
    const merged = sidecarNow();
    assert.deepEqual(merged.problems.filter((p) => p.severity === 'error'), []);
    assert.equal(merged.tags.length, 4);
    const figure = merged.get(base[0].id)!;
    assert.equal(figure.kind, 'speculation');
    assert.equal(figure.note, 'Pentagon figure');
    const check = runCli(['check'], repo);
    assert.equal(check.code, 0, check.stdout + check.stderr);
  });

  it('shows a sidecar in git diff and git log as tags, one line each', () => {
    const log = git('log', '-p', '-1', '--first-parent', 'HEAD~1', '--', SIDECAR);
    assert.match(log.out, /^\+L\d+(?::\d+)? claim "About 10,000 North Korean troops"$/m);
    assert.match(log.out, /^-L1(?::\d+)? claim "upwards of 1,000 troops per day"$/m);
    assert.match(log.out, /^\+L1(?::\d+)? claim "upwards of 1,000 troops per day" — Pentagon figure$/m);
    assert.doesNotMatch(log.out, /prefix:/);
  });

  it('lists the merge as tag changes with diff over a revision range', () => {
    const text = runCli(['diff', 'HEAD~1..HEAD'], repo);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^briefing\.txt:\d+:\d+: kind: claim → speculation {2}speculation "upwards of 1,000 troops per day"$/m);
    assert.match(text.stdout, /^briefing\.txt:\d+:\d+: added {2}speculation "Officials could not confirm the figure"$/m);
    const markdown = runCli(['diff', '--format', 'markdown', 'main~1...desk-b'], repo);
    assert.match(markdown.stdout, /^### Tag changes: 1 added, 1 kind changed$/m);
    const unknown = runCli(['diff', 'no-such-branch..HEAD'], repo);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown revision 'no-such-branch'/);
  });

  it('leaves a real conflict as valid YAML, marked where check reports it, and never drops a tag', () => {
    const before = sidecarNow().tags;
    assert.equal(git('checkout', '-qb', 'desk-c').code, 0);
    commit(editNote(before, base[1].id, 'Austin’s words, not ours', later()), 'Desk C: note');
    assert.equal(git('checkout', '-q', 'main').code, 0);
    commit(editNote(before, base[1].id, 'Opinion of the Secretary', later()), 'Desk A: note');

    const merge = git('merge', '--no-edit', 'desk-c');
    assert.equal(merge.code, 1, merge.out);
    assert.match(merge.out, /CONFLICT/);
    assert.match(git('status', '--porcelain').out, /^UU briefing\.txt\.tags\.yaml$/m);
    const file = sidecarNow();
    assert.deepEqual(file.problems.filter((p) => p.severity === 'error'), [], 'the conflicted file is still valid YAML');
    assert.deepEqual(file.tags.map((t) => t.id).sort(), before.map((t) => t.id).sort());
    const conflicted = file.get(base[1].id)!;
    assert.equal(conflicted.note, 'Opinion of the Secretary');
    assert.deepEqual(conflicted.extra?.[CONFLICT_KEY], { note: { base: null, ours: 'Opinion of the Secretary', theirs: 'Austin’s words, not ours' } });

    const check = runCli(['check'], repo);
    assert.equal(check.code, 1);
    assert.match(check.stdout, /^briefing\.txt:\d+:\d+: error merge-conflict .*\(note\)/m);
    assert.equal(git('merge', '--abort').code, 0);
  });

  it('runs the git installed on the machine, never a git the repository ships, even with the working folder on PATH', () => {
    const marker = path.join(repo, 'planted-git-ran');
    const planted = path.join(repo, 'git');
    fs.writeFileSync(planted, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`, { mode: 0o755 });
    try {
      const result = runCli(['check', '--format', 'json', '--changed-since', 'HEAD'], repo, { PATH: `.:${process.env.PATH ?? ''}` });
      assert.equal(fs.existsSync(marker), false, 'the git in the repository ran');
      assert.notEqual(result.code, 2, result.stderr);
    } finally {
      fs.rmSync(planted, { force: true });
      fs.rmSync(marker, { force: true });
    }
  });

  it('limits check to what changed since a revision, and refuses a revision that does not exist', () => {
    fs.writeFileSync(path.join(repo, 'second.txt'), article);
    fs.writeFileSync(path.join(repo, 'second.txt.tags.yaml'), serialiseSidecar('second.txt', [{ ...tag([], 'a sign of desperation', 'rumour') }]).replace('version: 1', 'version: 1 # hand-edited'));
    const all = runCli(['check', '--format', 'json'], repo);
    const changed = runCli(['check', '--format', 'json', '--changed-since', 'HEAD'], repo);
    const paths = (out: string): string[] => [...new Set((JSON.parse(out) as { findings: Array<{ sidecar: string }> }).findings.map((f) => f.sidecar))];
    assert.deepEqual(paths(changed.stdout), ['second.txt.tags.yaml']);
    assert.ok(paths(all.stdout).includes('second.txt.tags.yaml'));
    const unknown = runCli(['check', '--changed-since', 'v9.9'], repo);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown revision 'v9\.9'/);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findConventions, type ConventionsFileReader } from '../../../src/core/conventions';
import { nodeConventionsReader } from '../../../src/cli/conventionsReader';
import { fixturePath } from '../../support/paths';

const fixture = (...parts: string[]): string => fixturePath('conventions', ...parts).split(path.sep).join('/');

/** A reader over the fixture folders that counts reads, to show nothing is read twice or forever. */
function countingReader(): ConventionsFileReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile: (file) => {
      reads.push(file);
      return nodeConventionsReader.readFile(file);
    },
    isRepositoryRoot: nodeConventionsReader.isRepositoryRoot,
  };
}

describe('finding and merging conventions files', () => {
  it('merges extended files in order, the file itself last, key by key', async () => {
    const loaded = await findConventions(fixture('extends', 'desk'), nodeConventionsReader, { stopAt: fixture('extends') });
    assert.deepEqual(loaded.problems, []);
    const { conventions } = loaded;
    assert.deepEqual(conventions.sources, [fixture('extends', 'shared', 'newsroom.yaml'), fixture('extends', 'shared', 'desk.yaml'), fixture('extends', 'desk', '.news-annotator.yaml')]);
    const statistic = conventions.kinds.get('statistic')!;
    assert.equal(statistic.label, 'Statistic', 'the file itself wins over its bases');
    assert.equal(statistic.key, 'f', 'a later base wins over an earlier one');
    assert.equal(statistic.description, 'A number whose source must be named.', 'what no later file sets is kept');
    assert.equal(conventions.kinds.isRetired('opinion'), true);
    assert.deepEqual(conventions.kinds.active().map((k) => k.id), ['claim', 'speculation', 'attribution', 'statistic']);
    assert.equal(conventions.openKinds, false, 'set by the first base and never changed');
    assert.equal(conventions.severityOf('fuzzy-tag'), 'error');
    assert.equal(conventions.severityOf('unknown-field'), 'off');
    assert.deepEqual(conventions.cues, { speculation: { add: ['is understood to', 'reportedly'], remove: [] }, opinion: { add: ['shameful'], remove: [] } });
    assert.deepEqual(conventions.publish, { organization: 'Example Newsroom', url: 'https://news.example.org', factCheckUrl: 'https://news.example.org/fact-checks/{id}' });
    assert.equal(loaded.root, fixture('extends', 'desk'));
  });

  it('applies overrides by glob, the last matching block winning, and leaves other paths alone', async () => {
    const { conventions } = await findConventions(fixture('extends', 'desk'), nodeConventionsReader, { stopAt: fixture('extends') });
    assert.equal(conventions.severityOf('required-field', 'news/2024/budget.txt'), 'error');
    assert.equal(conventions.severityOf('required-field', 'opinion/column.txt'), 'off');
    assert.equal(conventions.severityOf('required-field', 'opinion/letters/2024/one.txt'), 'warning');
    assert.equal(conventions.severityOf('required-field', 'budget.draft.txt'), 'off');
    assert.equal(conventions.severityOf('required-field', 'news/budget.draft.txt'), 'error', '"*" stays within one folder');
    assert.equal(conventions.severityOf('orphan-tag', 'opinion/column.txt'), 'warning', 'an override changes only the rules it names');
  });

  it('reports a cycle in extends at the entry that closes it, and stops', async () => {
    const reader = countingReader();
    const loaded = await findConventions(fixture('cycle'), reader, { stopAt: fixture('cycle') });
    assert.equal(loaded.ok, false);
    const cycle = loaded.problems.find((p) => p.code === 'extends-cycle')!;
    assert.equal(cycle.file, fixture('cycle', 'two.yaml'));
    assert.equal(cycle.line, 2, "the line of the entry naming one.yaml");
    assert.match(cycle.message, /one\.yaml → two\.yaml → one\.yaml/);
    assert.equal(reader.reads.length, 3, 'each file is read once');
    assert.equal(loaded.conventions.kinds.get('statistic')?.label, 'Statistic', 'the rest still applies');
  });

  it('reports an extended file that does not exist at its line', async () => {
    const loaded = await findConventions(fixture('missing'), nodeConventionsReader, { stopAt: fixturePath('conventions') });
    assert.deepEqual(loaded.problems.map((p) => [p.code, p.line]), [['extends-missing', 1]]);
    assert.ok(loaded.watched.includes(fixture('shared', 'nowhere.yaml')), 'the missing file is watched, to apply it once it appears');
  });

  it('refuses to extend a file outside the workspace folder, by a relative or an absolute path', async () => {
    const reader = countingReader();
    const loaded = await findConventions(fixture('outside', 'ws'), reader, { stopAt: fixture('outside', 'ws') });
    assert.deepEqual(loaded.problems.map((p) => p.code), ['extends-outside', 'extends-outside']);
    assert.ok(!reader.reads.includes(fixture('outside', 'secret.yaml')), 'the file outside is never read');
    assert.ok(!loaded.conventions.kinds.has('leaked'));
  });

  describe('from an article\'s folder, as the command line does', () => {
    let repo: string;
    before(() => {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'conventions-lookup-'));
      fs.cpSync(fixturePath('conventions', 'lookup'), copy, { recursive: true });
      fs.mkdirSync(path.join(copy, 'repo', '.git'));
      repo = path.join(copy, 'repo').split(path.sep).join('/');
    });
    after(() => fs.rmSync(path.dirname(repo), { recursive: true, force: true }));

    it('takes the nearest file over farther ones, up to the repository root and no further', async () => {
      const loaded = await findConventions(`${repo}/opinion/columns`, nodeConventionsReader);
      assert.deepEqual(loaded.files, [`${repo}/.news-annotator.yaml`, `${repo}/opinion/.news-annotator.yaml`]);
      const { conventions } = loaded;
      assert.equal(conventions.kinds.get('statistic')?.label, 'Figure');
      assert.equal(conventions.kinds.get('statistic')?.key, 't');
      assert.equal(conventions.kinds.isRetired('claim'), true);
      assert.ok(!conventions.kinds.has('outside'), 'the file above the repository is not read');
      assert.equal(loaded.root, repo);
      assert.equal(conventions.severityOf('orphan-tag', 'opinion/columns/article.txt'), 'off', 'a nested file\'s globs are relative to its folder');
      assert.equal(conventions.severityOf('orphan-tag', 'opinion/article.txt'), 'info');
      assert.equal(conventions.severityOf('orphan-tag', 'plain/article.txt'), 'error');
    });

    it('uses the repository\'s file for a folder without one', async () => {
      const loaded = await findConventions(`${repo}/plain`, nodeConventionsReader);
      assert.deepEqual(loaded.files, [`${repo}/.news-annotator.yaml`]);
      assert.equal(loaded.conventions.kinds.get('statistic')?.label, 'Statistic');
    });

    it('stops at a file with root: true', async () => {
      const loaded = await findConventions(`${repo}/standalone`, nodeConventionsReader);
      assert.deepEqual(loaded.files, [`${repo}/standalone/.news-annotator.yaml`]);
      assert.ok(loaded.conventions.kinds.has('rumour'));
      assert.ok(!loaded.conventions.kinds.has('statistic'));
    });

    it('gives the defaults where no file applies', async () => {
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'conventions-none-'));
      fs.mkdirSync(path.join(empty, '.git'));
      const loaded = await findConventions(empty.split(path.sep).join('/'), nodeConventionsReader);
      fs.rmSync(empty, { recursive: true, force: true });
      assert.deepEqual(loaded.files, []);
      assert.deepEqual(loaded.conventions.kinds.ids(), ['claim', 'speculation', 'attribution', 'opinion']);
    });
  });

  it('reports a conventions file that cannot be read instead of taking it for absent', async () => {
    const reader: ConventionsFileReader = {
      readFile: async (file) => {
        if (file.endsWith('.news-annotator.yaml')) throw new Error('permission denied');
        return undefined;
      },
    };
    const loaded = await findConventions('/ws/articles', reader, { stopAt: '/ws' });
    assert.equal(loaded.ok, false);
    assert.deepEqual(loaded.problems.map((p) => [p.code, p.file]), [['unreadable', '/ws/.news-annotator.yaml'], ['unreadable', '/ws/articles/.news-annotator.yaml']]);
  });
});

describe('the README\'s example conventions file', () => {
  it('is the fixture, and reads without a problem together with the base it extends', async () => {
    const readme = fs.readFileSync(path.join(fixturePath('..', '..'), 'README.md'), 'utf8');
    const block = /## For teams[^]*?```yaml\n([^]*?)```/.exec(readme)?.[1];
    const file = fs.readFileSync(fixturePath('conventions', 'readme', '.news-annotator.yaml'), 'utf8');
    assert.equal(block, file);
    const loaded = await findConventions(fixture('readme'), nodeConventionsReader, { stopAt: fixture() });
    assert.deepEqual(loaded.problems, []);
    const { conventions } = loaded;
    assert.deepEqual(conventions.kinds.active().map((k) => k.id), ['claim', 'speculation', 'attribution', 'statistic']);
    assert.equal(conventions.severityOf('orphan-tag'), 'error', 'from the newsroom base');
    assert.equal(conventions.severityOf('required-field', 'opinion/2024/column.md'), 'info');
  });
});

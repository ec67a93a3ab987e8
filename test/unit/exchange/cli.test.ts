/**
 * export, import and stats run as users run them: the built command line in a child
 * process, on a copy of the fixture workspace in a temporary folder.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSidecar } from '../../../src/core/sidecar';
import { fixturePath, readFixture, repoRoot } from '../../support/paths';
import { copyWorkspace, expected, sidecarText, workspaceArticlePaths } from './workspace';

const cli = path.join(repoRoot, 'dist', 'cli.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cwd: string, ...args: string[]): Run {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the workspace's articles and conventions without any sidecar: a fresh checkout to import into. */
function freshCopy(): string {
  const dir = copyWorkspace();
  for (const article of workspaceArticlePaths()) fs.rmSync(path.join(dir, `${article}.tags.yaml`));
  return dir;
}

/** Every sidecar under `dir` with its bytes, to see that nothing was written. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.tags.yaml')) files.set(path.relative(dir, full), fs.readFileSync(full, 'utf8'));
    }
  };
  visit(dir);
  return files;
}

describe('news-annotator export, import and stats', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  const workspace = (): string => {
    const dir = copyWorkspace();
    dirs.push(dir);
    return dir;
  };
  const fresh = (): string => {
    const dir = freshCopy();
    dirs.push(dir);
    return dir;
  };

  before(() => {
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  });

  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const [format, file] of [['csv', 'export.csv'], ['jsonl', 'export.jsonl'], ['w3c', 'export.w3c.json'], ['claimreview', 'export.claimreview.json']] as const) {
    it(`exports the workspace as ${format} exactly as the expected file`, () => {
      const result = run(workspace(), 'export', '--format', format);
      assert.equal(result.stdout, expected(file));
      assert.equal(result.code, 0, result.stderr);
    });
  }

  it('counts the workspace\'s tags as the expected tables and JSON', () => {
    const dir = workspace();
    const table = run(dir, 'stats');
    assert.equal(table.stdout, expected('stats.txt'));
    assert.equal(table.code, 0);
    const json = run(dir, 'stats', '--json', 'desk', 'world');
    assert.equal(json.stdout, expected('stats.json'));
  });

  it('says on stderr what each ClaimReview record lacks, and with --strict writes nothing and fails', () => {
    const dir = workspace();
    const loose = run(dir, 'export', '--format', 'claimreview', '--out', 'checks.json');
    assert.equal(loose.code, 0);
    assert.match(loose.stderr, /^desk\/002_1d5a32230170d5dd\.txt:4: tag t-desk0002: warning: lacks recommended itemReviewed\.appearance/m);
    assert.match(loose.stderr, /^world\/001_99513561e4769605\.txt:1: tag t-rjomt8dp: warning: lacks recommended itemReviewed\.author/m);
    assert.match(loose.stderr, /wrote 4 ClaimReview records from 4 articles to checks\.json/);
    const strict = run(dir, 'export', '--format', 'claimreview', '--strict', '--out', 'strict.json');
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /^world\/001_99513561e4769605\.txt:1: tag t-rjomt8dp: error: lacks recommended itemReviewed\.author/m);
    assert.match(strict.stderr, /--strict: records are incomplete \(above\); nothing was written/);
    assert.ok(!fs.existsSync(path.join(dir, 'strict.json')));
  });

  it('writes --out atomically and leaves a file that already holds the export untouched', () => {
    const dir = workspace();
    assert.equal(run(dir, 'export', '--format', 'csv', '--out', 'tags.csv').code, 0);
    const file = path.join(dir, 'tags.csv');
    assert.equal(fs.readFileSync(file, 'utf8'), expected('export.csv'));
    const before = fs.statSync(file).mtimeMs;
    fs.utimesSync(file, new Date(2020, 0, 1), new Date(2020, 0, 1));
    assert.equal(run(dir, 'export', '--format', 'csv', '--out', 'tags.csv').code, 0);
    assert.notEqual(fs.statSync(file).mtimeMs, before);
    assert.equal(fs.statSync(file).mtime.getFullYear(), 2020, 'an unchanged export is not rewritten');
    assert.deepEqual(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp')), [], 'no temporary file is left');
  });

  it('never writes over a file that is not a text export', () => {
    const dir = workspace();
    const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]);
    fs.writeFileSync(path.join(dir, 'photo.png'), image);
    const result = run(dir, 'export', '--format', 'csv', '--out', 'photo.png');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /photo\.png: exists and is not a text export/);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'photo.png')), image);
  });

  it('leaves a sidecar with errors out of the export, says so, and exports the rest', () => {
    const dir = workspace();
    fs.copyFileSync(path.join(repoRoot, 'samples', '003_bb27b04e273cb384.txt'), path.join(dir, 'desk', 'broken.txt'));
    fs.copyFileSync(fixturePath('sidecars', 'bad', 'syntax-error.tags.yaml'), path.join(dir, 'desk', 'broken.txt.tags.yaml'));
    const result = run(dir, 'export', '--format', 'csv');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^news-annotator export: desk\/broken\.txt\.tags\.yaml:\d+:\d+: .*\(the sidecar has errors; its tags are not included\)$/m);
    assert.equal(result.stdout, expected('export.csv'));
  });

  it('exports an empty table from a folder without sidecars, and says there were none', () => {
    const dir = fresh();
    const result = run(dir, 'export', '--format', 'csv');
    assert.equal(result.code, 0);
    assert.equal(result.stdout, 'article,line,column,kind,text,note,status,author,created,updated,id\r\n');
    assert.match(result.stderr, /no sidecars \(\*\.tags\.yaml\) found; the export is empty/);
  });

  it('refuses bad usage and paths that do not exist with exit code 2, writing nothing', () => {
    const dir = workspace();
    for (const [args, message] of [
      [['export'], /--format is required/],
      [['export', '--format', 'xml'], /--format must be one of csv, jsonl, w3c, claimreview; got 'xml'/],
      [['export', '--format', 'csv', '--strict'], /--strict applies to --format claimreview only/],
      [['export', '--format', 'w3c', '--base', 'not a url'], /--base must be an absolute URL/],
      [['export', '--format', 'csv', '--out', 'x.csv', 'no-such-folder'], /no-such-folder: no such file or folder/],
      [['stats', '--verbose'], /unknown option '--verbose'/],
      [['import', '--format', 'w3c'], /no FILE given/],
    ] as const) {
      const result = run(dir, ...args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
    }
    assert.ok(!fs.existsSync(path.join(dir, 'x.csv')));
  });

  it('stops with exit code 2 when the conventions file is broken', () => {
    const dir = workspace();
    fs.writeFileSync(path.join(dir, '.news-annotator.yaml'), 'version: 1\nkinds: [not, a, mapping\n');
    const result = run(dir, 'export', '--format', 'csv', '--out', 'x.csv');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /\.news-annotator\.yaml:\d+:\d+: /);
    assert.ok(!fs.existsSync(path.join(dir, 'x.csv')));
  });

  describe('import', () => {
    it('reproduces the exported tags in a fresh copy of the articles, and a second import adds nothing', () => {
      const source = workspace();
      assert.equal(run(source, 'export', '--format', 'w3c', '--out', 'tags.json').code, 0);
      const dir = fresh();
      const first = run(dir, 'import', path.join(source, 'tags.json'), '--format', 'w3c');
      assert.equal(first.code, 1, 'the orphan is reported as not found');
      assert.match(first.stdout, /annotation 6 \[urn:x-news-annotator:desk\/002_1d5a32230170d5dd\.txt#t-desk0006\]: not found in the article: “a reckless gamble by Pyongyang”\./);
      assert.match(first.stdout, /^desk\/002_1d5a32230170d5dd\.txt:4: claim, fuzzy \(a similar passage, match 0\.88: confirm it\) “1,500 special forces/m);
      assert.match(first.stdout, /^world\/000_66182b2613313ed4\.txt\.tags\.yaml: 4 added \(4 anchored\)\.$/m);
      const withoutOrphan = expected('export.csv').split('\r\n').filter((line) => !line.endsWith(',t-desk0006')).join('\r\n');
      assert.equal(run(dir, 'export', '--format', 'csv').stdout, withoutOrphan);
      const written = snapshot(dir);
      const second = run(dir, 'import', path.join(source, 'tags.json'), '--format', 'w3c');
      assert.match(second.stdout, /^world\/000_66182b2613313ed4\.txt\.tags\.yaml: 0 added, 4 already there\.$/m);
      assert.deepEqual(snapshot(dir), written, 'the second import changes no byte');
    });

    it('finds the tags again in articles edited since the export', () => {
      const source = workspace();
      assert.equal(run(source, 'export', '--format', 'w3c', '--out', 'tags.json', 'world').code, 0);
      const dir = fresh();
      const article = path.join(dir, 'world', '000_66182b2613313ed4.txt');
      fs.writeFileSync(article, `UPDATED: the Pentagon briefing transcript is now linked below.\n\n${fs.readFileSync(article, 'utf8')}`);
      const result = run(dir, 'import', path.join(source, 'tags.json'), '--format', 'w3c');
      assert.equal(result.code, 0, result.stdout + result.stderr);
      const text = fs.readFileSync(article, 'utf8');
      const tags = parseSidecar(fs.readFileSync(`${article}.tags.yaml`, 'utf8')).tags;
      const original = parseSidecar(sidecarText('world/000_66182b2613313ed4.txt')).tags;
      assert.deepEqual(tags.map((t) => t.id), original.map((t) => t.id));
      for (const tag of tags) {
        assert.equal(text.slice(tag.anchor.start, tag.anchor.end), tag.anchor.exact);
        assert.equal(tag.anchor.line, original.find((t) => t.id === tag.id)!.anchor.line + 2);
      }
    });

    it('imports a Hypothesis export onto the matching article, keeping the sidecar\'s comments and tags', () => {
      const dir = workspace();
      const sidecar = path.join(dir, 'world', '000_66182b2613313ed4.txt.tags.yaml');
      const before = fs.readFileSync(sidecar, 'utf8');
      const result = run(dir, 'import', fixturePath('exchange', 'hypothesis', 'client-export-000.json'), '--format', 'hypothesis', '--article', 'world/000_66182b2613313ed4.txt');
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /^world\/000_66182b2613313ed4\.txt:3: claim “upwards of 1,000 troops per day” \[Wd8pH2pCEe-5eAf7gHi9jK\]$/m);
      const after = fs.readFileSync(sidecar, 'utf8');
      for (const line of before.split('\n').filter((l) => l.trimStart().startsWith('#'))) assert.ok(after.includes(line), `keeps ${line}`);
      const tags = parseSidecar(after).tags;
      assert.equal(tags.length, 5);
      const imported = tags.find((t) => t.id === 'Wd8pH2pCEe-5eAf7gHi9jK')!;
      assert.deepEqual([imported.kind, imported.author, imported.note, imported.created], ['claim', 'Dana Reyes', 'Pentagon estimate; ISW has a lower figure.', '2024-10-24T11:00:00Z']);
    });

    it('maps Hypothesis tags to kinds and reports the rows it could not import and the tags no kind maps', () => {
      const dir = fresh();
      const result = run(dir, 'import', fixturePath('exchange', 'hypothesis', 'search-001.json'), '--format', 'hypothesis', '--article', 'world/001_99513561e4769605.txt', '--kind-from', 'tag');
      assert.equal(result.code, 1);
      assert.match(result.stdout, /^world\/001_99513561e4769605\.txt:3: speculation “officials hinting/m);
      assert.match(result.stdout, /annotation 4 \[Pn4hB2pCEe-2mWq8vYt6sg\]: not imported: it is a page note/);
      assert.match(result.stdout, /annotation 5 \[Ry8kD2pCEe-9nXa1bZc3dE\]: not imported: it is a reply/);
      assert.match(result.stdout, /annotation 6 \[Tb6nF2pCEe-3cYd5eFg7hI\]: not found in the article/);
      assert.match(result.stdout, /Tags that name no kind \(tagged claim\): nk-troops \(1\); map them with --map NAME=KIND\./);
      assert.match(result.stdout, /^world\/001_99513561e4769605\.txt\.tags\.yaml: 3 added \(2 anchored, 1 fuzzy, to confirm\), 4 not imported\.$/m);
    });

    it('writes nothing with --dry-run', () => {
      const dir = fresh();
      const result = run(dir, 'import', fixturePath('exchange', 'hypothesis', 'search-001.json'), '--format', 'hypothesis', '--article', 'world/001_99513561e4769605.txt', '--dry-run');
      assert.match(result.stdout, /3 to add/);
      assert.deepEqual(snapshot(dir), new Map());
    });

    it('refuses files that are not JSON, not annotations, or give one id twice, and writes nothing', () => {
      const dir = workspace();
      const before = snapshot(dir);
      const annotation = { type: 'Annotation', id: 'urn:x-news-annotator:world/000_66182b2613313ed4.txt#t-same', target: { source: 'urn:x-news-annotator:world/000_66182b2613313ed4.txt', selector: { type: 'TextQuoteSelector', exact: 'a sign of desperation' } } };
      const cases: Array<[string, string, string[], RegExp]> = [
        ['notes.json', 'claim: this is YAML, not JSON\n', ['--format', 'w3c'], /notes\.json: the file is not valid JSON \(Unexpected token/],
        ['person.json', '{"type": "Person", "name": "Ada"}', ['--format', 'w3c'], /person\.json: the file is not a Web Annotation collection: expected "type": "AnnotationCollection", "AnnotationPage" or "Annotation", found "Person"\./],
        ['twice.json', JSON.stringify([annotation, annotation]), ['--format', 'w3c'], /twice\.json: annotations 1 and 2 have the id "urn:x-news-annotator:world\/000_66182b2613313ed4\.txt#t-same"; ids must be unique/],
        ['hyp.json', readFixture('exchange', 'hypothesis', 'search-001.json'), ['--format', 'w3c'], /looks like a Hypothesis export .* import it with --format hypothesis/],
        ['hyp.json', '{}', ['--format', 'hypothesis', '--article', 'nowhere.txt'], /nowhere\.txt: no such article/],
        ['binary.json', '\u0000\u0001', ['--format', 'w3c'], /binary\.json: looks binary/],
      ];
      for (const [name, content, options, message] of cases) {
        fs.writeFileSync(path.join(dir, name), content);
        const result = run(dir, 'import', name, ...options);
        assert.equal(result.code, 2, `${name}: ${result.stdout}${result.stderr}`);
        assert.match(result.stderr, message);
      }
      assert.deepEqual(snapshot(dir), before);
    });

    it('never rewrites a sidecar with errors, and imports nothing anywhere then', () => {
      const source = workspace();
      assert.equal(run(source, 'export', '--format', 'w3c', '--out', 'tags.json').code, 0);
      const dir = fresh();
      const broken = path.join('world', '001_99513561e4769605.txt.tags.yaml');
      const text = `${sidecarText('world/001_99513561e4769605.txt')}  - text: [unclosed\n`;
      fs.writeFileSync(path.join(dir, broken), text);
      const result = run(dir, 'import', path.join(source, 'tags.json'), '--format', 'w3c');
      assert.equal(result.code, 2);
      assert.match(result.stderr, /world\/001_99513561e4769605\.txt\.tags\.yaml:\d+:\d+: .*\(the sidecar has errors and is never rewritten until they are fixed\); nothing was imported/);
      assert.deepEqual(snapshot(dir), new Map([[broken, text]]), 'no other article got its tags either');
    });

    it('asks which document to take when a file covers several and none is the article', () => {
      const dir = fresh();
      const both = { rows: [...JSON.parse(readFixture('exchange', 'hypothesis', 'search-001.json')).rows, ...JSON.parse(readFixture('exchange', 'hypothesis', 'client-export-000.json')).annotations] };
      fs.writeFileSync(path.join(dir, 'both.json'), JSON.stringify(both));
      const unclear = run(dir, 'import', 'both.json', '--format', 'hypothesis', '--article', 'world/000_66182b2613313ed4.txt');
      assert.equal(unclear.code, 2);
      assert.match(unclear.stderr, /covers 2 documents .*choose the one that is world\/000_66182b2613313ed4\.txt with --source/);
      const chosen = run(dir, 'import', 'both.json', '--format', 'hypothesis', '--article', 'world/000_66182b2613313ed4.txt', '--source', 'https://news.example.com/2024/10/austin-north-korea-troops');
      assert.equal(chosen.code, 1, 'the other page\'s annotations are reported as not imported');
      assert.match(chosen.stdout, /world\/000_66182b2613313ed4\.txt\.tags\.yaml: 1 added \(1 anchored\)\./);
    });
  });
});

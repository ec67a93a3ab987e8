import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { KindRegistry } from '../../src/core/kinds';
import { MAX_SIDECAR_LENGTH, SidecarFile, parseSidecar, serialiseSidecar, type ParseSidecarOptions } from '../../src/core/sidecar';
import { articlePathFor } from '../../src/core/sidecarPath';
import { fixturePath, readFixture } from '../support/paths';

interface Expected {
  options?: ParseSidecarOptions;
  writable: boolean;
  tagIds: string[];
  problems: Array<{ code: string; severity: string; line: number; column: number }>;
}

const BAD = fixturePath('sidecars', 'bad');
const badFixtures = fs.readdirSync(BAD).filter((name) => name.endsWith('.tags.yaml')).sort();

describe('bad sidecars', () => {
  it('each have their expected problems written beside them', () => {
    assert.ok(badFixtures.length >= 20);
    for (const name of badFixtures) assert.ok(fs.existsSync(`${BAD}/${name.replace('.tags.yaml', '.expected.json')}`), name);
  });

  for (const name of badFixtures) {
    it(`report exactly the expected problems for ${name}`, () => {
      const expected = JSON.parse(fs.readFileSync(`${BAD}/${name.replace('.tags.yaml', '.expected.json')}`, 'utf8')) as Expected;
      const text = fs.readFileSync(`${BAD}/${name}`, 'utf8');
      const parsed = parseSidecar(text, { kinds: KindRegistry.defaults, ...expected.options });
      assert.deepEqual(
        parsed.problems.map((p) => ({ code: p.code, severity: p.severity, line: p.line, column: p.column })),
        expected.problems,
      );
      assert.equal(parsed.writable, expected.writable);
      assert.deepEqual(parsed.tags.map((t) => t.id), expected.tagIds);
      for (const problem of parsed.problems) {
        assert.ok(problem.message.length > 10, `${problem.code} needs a message a person can act on`);
        assert.ok(problem.endLine! >= problem.line);
      }
      const file = SidecarFile.parse(text, { kinds: KindRegistry.defaults, ...expected.options });
      assert.equal(file.toString(), text, 'a bad file is given back untouched');
    });
  }
});

describe('sidecar problems', function () {
  // Parsing large files is slow on a busy machine; the figures that matter are in the bench.
  this.timeout(30_000);

  const good = readFixture('sidecars', 'good', '001_99513561e4769605.txt.tags.yaml');

  it('refuse a sidecar over the size limit without parsing it', () => {
    const huge = `version: 1\n# ${'x'.repeat(MAX_SIDECAR_LENGTH)}\n`;
    const parsed = parseSidecar(huge);
    assert.deepEqual(parsed.problems.map((p) => [p.code, p.severity, p.line]), [['too-large', 'error', 0]]);
    assert.match(parsed.problems[0].message, /over the 20\.0 MB limit/);
    assert.equal(parsed.document, undefined);
    assert.equal(parsed.writable, false);
    assert.equal(SidecarFile.parse(huge).toString(), huge);
  });

  it('read a large sidecar of 1,000 tags completely when it is under the limit', () => {
    const file = SidecarFile.parse(good);
    const [template] = file.tags;
    const tags = Array.from({ length: 1000 }, (_, i) => ({ ...template, id: `t-${i.toString(36).padStart(8, '0')}`, anchor: { ...template.anchor, start: i * 10, end: i * 10 + template.anchor.exact.length } }));
    const text = serialiseSidecar('big.txt', tags);
    const parsed = parseSidecar(text, { kinds: KindRegistry.defaults });
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.tags.length, 1000);
  });

  it('honour a smaller size limit when asked', () => {
    assert.equal(parseSidecar(good, { maxLength: 100 }).problems[0].code, 'too-large');
  });

  it('refuse every alias, so an alias bomb is never expanded', () => {
    const parsed = parseSidecar(readFixture('sidecars', 'bad', 'alias-bomb.tags.yaml'));
    assert.equal(parsed.problems.filter((p) => p.code === 'yaml-alias').length, 1);
    assert.match(parsed.problems[0].message, /73 aliases/);
  });

  it('give positions after a BOM as VS Code does, with the BOM not counted', () => {
    const withBom = `\ufeffversion: 2\ntags: []\n`;
    const [problem] = parseSidecar(withBom).problems;
    assert.deepEqual([problem.code, problem.line, problem.column], ['unsupported-version', 0, 9]);
  });

  it('give the right lines in a CRLF sidecar', () => {
    const crlf = readFixture('sidecars', 'bad', 'wrong-type.tags.yaml').replace(/\n/g, '\r\n');
    const [problem] = parseSidecar(crlf).problems;
    assert.deepEqual([problem.code, problem.line, problem.column, problem.endLine, problem.endColumn], ['wrong-type', 7, 11, 7, 15]);
  });

  it('warn when offsets run past the end of the article, keeping the file writable', () => {
    const parsed = parseSidecar(good, { articleLength: 1000 });
    assert.deepEqual(parsed.problems.map((p) => [p.code, p.severity, p.tagId]), [
      ['offset-out-of-range', 'warning', parsed.tags[2].id],
      ['offset-out-of-range', 'warning', parsed.tags[3].id],
    ]);
    assert.equal(parsed.writable, true);
  });

  it('keep a tag of an unknown kind and let it be edited', () => {
    const text = readFixture('sidecars', 'bad', 'unknown-kind.tags.yaml');
    const file = SidecarFile.parse(text, { kinds: KindRegistry.defaults });
    assert.equal(file.writable, true);
    assert.equal(file.tags[0].kind, 'rumour');
    file.update({ ...file.tags[0], kind: 'claim' });
    assert.deepEqual(parseSidecar(file.toString(), { kinds: KindRegistry.defaults }).problems, []);
  });

  it('still list the tags of a sidecar whose article is missing, as stored', () => {
    const sidecar = '/desk/articles/gone.txt.tags.yaml';
    assert.equal(articlePathFor(sidecar), '/desk/articles/gone.txt');
    const parsed = parseSidecar(readFixture('sidecars', 'good', 'status-and-overlap.tags.yaml'), { articleName: 'gone.txt' });
    assert.deepEqual(parsed.problems.map((p) => p.code), ['article-mismatch']);
    assert.deepEqual(parsed.tags.map((t) => t.status), ['anchored', 'anchored', 'anchored', 'fuzzy', 'orphan']);
  });

  it('accept overlapping tags and return them in a stable order', () => {
    const parsed = parseSidecar(readFixture('sidecars', 'good', 'status-and-overlap.tags.yaml'));
    assert.deepEqual(parsed.tags.slice(0, 3).map((t) => [t.anchor.start, t.anchor.end]), [[0, 63], [18, 63], [43, 53]]);
  });

  it('read a hand-written "text: 2024" as the text "2024"', () => {
    const text = readFixture('sidecars', 'bad', 'length-mismatch.tags.yaml').replace('text: the Kremlin said', 'text: 2024').replace('end: 40', 'end: 14');
    const parsed = parseSidecar(text);
    assert.equal(parsed.tags[0].anchor.exact, '2024');
    assert.deepEqual(parsed.problems, []);
  });
});

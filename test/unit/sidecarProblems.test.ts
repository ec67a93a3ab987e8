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
    assert.match(parsed.problems[0].message, /over the 4,194,304 \(4\.0 MB\) that News Annotator reads/);
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

  it('read 5,000 tags, near the most a sidecar may hold, completely', () => {
    const [template] = SidecarFile.parse(good).tags;
    const tags = Array.from({ length: 5000 }, (_, i) => ({ ...template, id: `t-${i.toString(36).padStart(8, '0')}`, anchor: { ...template.anchor, start: i * 10, end: i * 10 + template.anchor.exact.length } }));
    const parsed = parseSidecar(serialiseSidecar('big.txt', tags));
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.tags.length, 5000);
  });

  const refusal = (text: string): Array<[string, number, number]> => {
    const parsed = parseSidecar(text);
    assert.equal(parsed.document, undefined, 'not parsed');
    assert.equal(parsed.writable, false);
    assert.equal(SidecarFile.parse(text).toString(), text, 'given back untouched');
    return parsed.problems.map((p) => [p.code, p.line, p.column]);
  };

  it('refuse a mapping of 40,000 keys before parsing it, saying where it goes over', () => {
    const text = `version: 1\n${Array.from({ length: 40_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`;
    const [[code, line]] = refusal(text);
    assert.equal(code, 'too-complex');
    assert.ok(line > 1000 && line < 40_000, `at line ${line}`);
    assert.match(parseSidecar(text).problems[0].message, /more YAML than News Annotator reads in a file of its size/);
  });

  it('refuse a 2 MB flow sequence before parsing it', () => {
    assert.deepEqual(refusal(`x: [${'1,'.repeat(1_000_000)}1]\n`).map(([code]) => code), ['too-complex']);
  });

  it('refuse nesting 100,000 deep, in brackets or in dashes, at the level that goes too deep', () => {
    // The 64th bracket or dash opens the 65th level, counting the document's own.
    assert.deepEqual(refusal(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), [['too-deep', 0, 63]]);
    assert.deepEqual(refusal(`${'- '.repeat(100_000)}a\n`), [['too-deep', 0, 126]]);
  });

  it('report a key repeated in a mapping, in one pass whatever its size', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `    k${i}: ${i}`);
    const text = `version: 1\nextra:\n  map:\n${keys.join('\n')}\n    k1999: again\n    1: number\n    "1": text\n`;
    const problems = parseSidecar(text).problems.filter((p) => p.code === 'yaml-syntax');
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [[2003, 4]], 'k1999 again; 1 and "1" are different keys');
    assert.match(problems[0].message, /"k1999" appears more than once/);
  });

  it('list the first twenty YAML errors, and count the rest in one problem', () => {
    const problems = parseSidecar(']'.repeat(1000)).problems.filter((p) => p.code === 'yaml-syntax');
    assert.equal(problems.length, 21);
    assert.match(problems[20].message, /980 more errors from here on/);
  });

  it('leave alone a sidecar with a carriage return alone as a line ending', () => {
    const text = good.replace('tags:\n', 'tags:\r');
    const parsed = parseSidecar(text);
    const line = good.split('\n').findIndex((l) => l === 'tags:');
    assert.deepEqual(parsed.problems.find((p) => p.code === 'bad-line-break'), { code: 'bad-line-break', message: parsed.problems.find((p) => p.code === 'bad-line-break')!.message, severity: 'error', line, column: 5, endLine: line, endColumn: 5 });
    assert.equal(parsed.writable, false);
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

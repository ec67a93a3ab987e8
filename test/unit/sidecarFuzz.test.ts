import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { KindRegistry } from '../../src/core/kinds';
import { SidecarFile, parseSidecar, type ParsedSidecar } from '../../src/core/sidecar';
import { createTag } from '../../src/core/tags';
import { readFixture } from '../support/paths';

/**
 * Pieces of YAML, sidecar and otherwise, that a hand-edited, half-merged or hostile file is
 * made of: structure, every indicator, anchors and aliases, tags, directives, quotes and
 * escapes, line endings of every kind, tabs, BOMs and conflict markers.
 */
const PIECES = [
  'version: 1\n', 'version: 2\n', 'article: a.txt\n', 'tags:\n', 'tags: []\n', '  - ', '    ', '  ', ' ', '\t', '\n', '\r\n', '\r',
  'text: ', 'kind: claim\n', 'kind: Claim\n', 'start: 0\n', 'end: 5\n', 'end: -1\n', 'line: 0\n', 'id: t-aaaaaaa1\n', 'id: t-aaaaaaa1\n',
  'note: |\n', 'note: >-\n', 'prefix: ""\n', 'suffix: "\\n"\n', 'status: fuzzy\n', 'status: lost\n', 'created: 2026-11-20T09:16:40Z\n',
  'source: ', 'sources: ', '&a ', '&wire ', '*a', '*wire', '[', ']', '{', '}', ',', ':', ': ', '? ', '- ', '-', '"', "'", '\\', '\\u00e9',
  '|', '|-', '>', '#', '# comment\n', '!!str ', '!!map ', '!!binary ', '!x ', '!<tag:yaml.org,2002:str> ', '%YAML 1.2\n', '%TAG ! x\n',
  '---\n', '...\n', '\ufeff', '\u2028', '\u0085', '\u0000', '<<: ', '~', 'null', '1e3', '0x1F', '.inf', 'yes', 'héllo', '😀', '\ud800',
  '<<<<<<< HEAD\n', '=======\n', '>>>>>>> theirs\n', '@', '`', '%',
];

const yamlish = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((pieces) => pieces.join(''));

/** A real sidecar with pieces spliced in at random places, as a bad merge or hand edit would. */
const good = readFixture('sidecars', 'good', '000_66182b2613313ed4.txt.tags.yaml');
const damaged = fc
  .array(fc.tuple(fc.nat(good.length), fc.nat(40), fc.constantFrom(...PIECES)), { minLength: 1, maxLength: 6 })
  .map((edits) => edits.reduce((text, [at, cut, piece]) => text.slice(0, at % (text.length + 1)) + piece + text.slice((at % (text.length + 1)) + cut), good));

const anyInput = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme-ascii', maxLength: 200 }), yamlish, damaged);

/** A seeded source of numbers, so a failing case found by shrinking fails again. */
function seeded(seed = 42): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

const NEW_TAG = { kind: 'claim', text: 'The minister said 40 people were hurt.', start: 18, end: 27, author: 'Ada', now: new Date('2026-11-22T09:00:00Z') };

/** Checks what every reading must satisfy, whatever the input. */
function checkReading(text: string, parsed: ParsedSidecar): void {
  const body = parsed.bom ? text.slice(1) : text;
  const lineCount = body.split(/\r\n|\r|\n/).length;
  for (const problem of parsed.problems) {
    assert.ok(problem.message.length > 10, `${problem.code} has a message`);
    assert.ok(problem.line >= 0 && problem.line < lineCount, `${problem.code} at line ${problem.line} of ${lineCount}`);
    assert.ok(problem.column >= 0);
    assert.ok((problem.endLine ?? problem.line) >= problem.line);
  }
  assert.equal(parsed.writable, !parsed.problems.some((p) => p.severity === 'error'));
  assert.equal(new Set(parsed.tags.map((tag) => tag.id)).size, parsed.tags.length, 'tag ids are unique');
}

describe('reading any text as a sidecar (fuzzing)', function () {
  this.timeout(120_000);

  it('never throws, and gives every problem a position inside the file', () => {
    fc.assert(
      fc.property(anyInput, (text) => {
        const parsed = parseSidecar(text, { kinds: KindRegistry.defaults, articleName: 'a.txt', articleLength: 1000 });
        checkReading(text, parsed);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives back the bytes it read untouched, and refuses every edit to a file with errors', () => {
    fc.assert(
      fc.property(anyInput, (text) => {
        const file = SidecarFile.parse(text, { kinds: KindRegistry.defaults });
        assert.equal(file.toString(), text);
        const tag = createTag([], { ...NEW_TAG, random: seeded() });
        if (!file.writable) {
          assert.throws(() => file.add(tag), /cannot be changed until its errors are fixed/);
          assert.equal(file.toString(), text);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('writes a file without errors that reads back with its own tags and a new one', () => {
    fc.assert(
      fc.property(fc.oneof(yamlish, damaged), (text) => {
        const file = SidecarFile.parse(text, { kinds: KindRegistry.defaults });
        fc.pre(file.writable);
        const before = file.tags;
        const tag = createTag(before, { ...NEW_TAG, random: seeded() });
        file.add(tag);
        const out = file.toString();
        const reread = parseSidecar(out, { kinds: KindRegistry.defaults });
        assert.deepEqual(reread.problems.filter((p) => p.severity === 'error'), [], out);
        assert.deepEqual(reread.tags.map((t) => t.id).sort(), [...before.map((t) => t.id), tag.id].sort());
      }),
      { numRuns: 500 },
    );
  });

  it('reports a hand-written alias inside a field it does not know instead of throwing', () => {
    const text = readFixture('sidecars', 'bad', 'alias-in-unknown-field.tags.yaml');
    const parsed = parseSidecar(text);
    assert.deepEqual(parsed.problems.map((p) => p.code), ['yaml-alias']);
    assert.equal(parsed.writable, false);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { Document, type CollectionTag, type ScalarTag } from 'yaml';
import { KindRegistry } from '../../../src/core/kinds';
import { writeCanonical } from '../../../src/core/review/canonical';
import { CanonicalCodec, CODEC_FORMAT, CORE_SCHEMA_NON_STRING, readCanonical } from '../../../src/core/review/codec';
import { MAX_SIDECAR_LENGTH, SIDECAR_VERSION, TAG_ID_PATTERN, TAG_KEYS, TIMESTAMP_PATTERN, YAML_OPTIONS } from '../../../src/core/sidecar/format';
import { SidecarFile } from '../../../src/core/sidecar';
import type { Tag } from '../../../src/core/tags';
import { fixturePath } from '../../support/paths';

/** Strings that stress YAML's quoting rules, mixed into random ones. */
const awkward = fc.constantFrom(
  '2024', 'true', 'null', '~', '0x1f', '.nan', '1e5', '-', '- item', '? key', ': x', 'a: b', 'a #b', '#tag', 'end:', ' lead', 'trail ',
  '"quoted"', "it's", `both ' and "`, '[x]', '{y}', '*star', '&anchor', '!bang', '|pipe', '>gt', '%pct', '@at', '`tick`',
  'line one\nline two', 'two\n\nbreaks', 'ends\n', 'ends twice\n\n', '\nstarts', ' \n', 'tab\there', 'nul\u0000', 'sep\u2028x', 'bom\ufeff',
  'nbsp\u00a0x', 'emoji 😀', 'flag 🇺🇦', 'lone \ud800', 'back\\slash', 'space \nbreak', '---', '...', 'é', '“curly”', '« guillemets »',
);
const text = fc.oneof(awkward, fc.string({ minLength: 1, maxLength: 12 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }));
/** Values as the merge driver records a conflict (a mapping of field to base/ours/theirs, or `removed`), and odder mappings. */
const scalarOrNull = fc.oneof(text, fc.boolean(), fc.integer(), fc.constant(null), fc.double());
const conflictRecord = fc.oneof(
  fc.dictionary(fc.constantFrom('verdict', 'kind', 'note', 'text', 'null', 'a b'), fc.oneof(fc.record({ base: scalarOrNull, ours: scalarOrNull, theirs: scalarOrNull }), scalarOrNull)),
  fc.record({ removed: fc.constantFrom('ours', 'theirs') }),
  fc.constant([]),
);
const timestamp = fc.constantFrom('2026-11-20T09:16:40Z', '2026-11-21T10:00:00.250Z');

const tagArb: fc.Arbitrary<Tag> = fc
  .record({
    id: fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,10}$/),
    kind: fc.constantFrom('claim', 'opinion', 'statistic'),
    exact: text,
    prefix: fc.oneof(text, fc.constant('')),
    suffix: fc.oneof(text, fc.constant('')),
    start: fc.nat(5000),
    line: fc.nat(200),
    status: fc.constantFrom('anchored', 'fuzzy', 'orphan'),
    note: fc.option(text, { nil: undefined }),
    author: fc.oneof(text, fc.constant('Ada Lovelace')),
    created: timestamp,
    updated: timestamp,
    extra: fc.option(fc.dictionary(fc.constantFrom('verdict', 'source_url', 'reviewed', 'count', 'true', 'merge-conflict'), fc.oneof(text, fc.boolean(), fc.integer(), conflictRecord)), { nil: undefined }),
  })
  .map((r): Tag => ({
    id: r.id,
    kind: r.kind,
    anchor: { exact: r.exact, prefix: r.prefix, suffix: r.suffix, start: r.start, end: r.start + (r.status === 'orphan' ? 0 : r.exact.length), line: r.line },
    ...(r.note === undefined ? {} : { note: r.note }),
    author: r.author,
    created: r.created,
    updated: r.updated,
    status: r.status as Tag['status'],
    ...(r.extra && Object.keys(r.extra).length > 0 ? { extra: r.extra } : {}),
  }));

const uniqueTags = fc.uniqueArray(tagArb, { selector: (tag) => tag.id, maxLength: 6 });

describe('the fast sidecar codec', () => {
  it('writes byte for byte what SidecarFile.create writes, whatever the values', () => {
    fc.assert(
      fc.property(uniqueTags, fc.constantFrom('\n', '\r\n') as fc.Arbitrary<'\n' | '\r\n'>, fc.constantFrom('a.txt', 'notes/b.md', '2024.txt', 'x: y.txt'), (tags, lineEnding, article) => {
        const expected = SidecarFile.create({ article, tags, lineEnding }).toString();
        assert.equal(writeCanonical({ article, tags, lineEnding }), expected);
        // The codec alone writes the same, or declines (values it leaves to yaml).
        const fast = new CanonicalCodec().write({ article, tags, lineEnding });
        if (fast !== undefined) assert.equal(fast, expected);
      }),
      { numRuns: 400 },
    );
  });

  it('writes a merge-conflict record itself, as yaml would, so that a merge with a conflict does not load yaml', () => {
    fc.assert(
      fc.property(tagArb, fc.constantFrom('verdict', 'kind', 'note'), fc.oneof(fc.constant(null), fc.constantFrom('accurate', 'it\'s: odd', '2024', 'true')), (tag, field, base) => {
        const record = { [field]: { base, ours: 'accurate', theirs: 'misleading' } };
        const tags = [{ ...tag, extra: { verdict: 'accurate', 'merge-conflict': record } }, { ...tag, id: `${tag.id}-2`, extra: { 'merge-conflict': { removed: 'ours' } } }];
        const fast = new CanonicalCodec().write({ article: 'a.txt', tags, lineEnding: '\n' });
        // Values the codec writes itself: no control characters, invisible breaks or lone surrogates.
        // eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
        const plain = (value: string): boolean => !/[\n\u0000-\u0009\u000b-\u001f\u007f-\u009f\u0085\u2028\u2029\ufeff\ud800-\udfff]|^(?:---|\.\.\.)/.test(value);
        if ([tag.anchor.exact, tag.anchor.prefix, tag.anchor.suffix, tag.note ?? '', tag.author].every(plain)) assert.notEqual(fast, undefined);
        if (fast !== undefined) assert.equal(fast, SidecarFile.create({ article: 'a.txt', tags, lineEnding: '\n' }).toString());
      }),
      { numRuns: 200 },
    );
  });

  it('holds the same constants as the sidecar format, which it restates so as not to load yaml', () => {
    assert.equal(CODEC_FORMAT.version, SIDECAR_VERSION);
    assert.equal(CODEC_FORMAT.maxLength, MAX_SIDECAR_LENGTH);
    assert.deepEqual(CODEC_FORMAT.keys, TAG_KEYS);
    assert.equal(CODEC_FORMAT.idPattern.source, TAG_ID_PATTERN.source);
    assert.equal(CODEC_FORMAT.timestampPattern.source, TIMESTAMP_PATTERN.source);
  });

  it('quotes exactly the plain scalars the yaml core schema would read as something else than a string', () => {
    const tests = (new Document(null, YAML_OPTIONS).schema.tags as Array<ScalarTag | CollectionTag>)
      .filter((tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && 'test' in tag && tag.test instanceof RegExp)
      .map((tag) => (tag as ScalarTag).test!);
    assert.ok(tests.length >= 6 && tests.every((test) => test.flags === ''));
    assert.equal(CORE_SCHEMA_NON_STRING.source, tests.map((test) => `(?:${test.source})`).join('|'));
  });

  it('reads only what the full parser reads the same way, with nothing to report', () => {
    fc.assert(
      fc.property(uniqueTags, fc.boolean(), (tags, bom) => {
        const written = writeCanonical({ article: 'a.txt', tags, bom });
        const parsed = SidecarFile.parse(written, { kinds: KindRegistry.defaults });
        const fast = readCanonical(written, { kinds: KindRegistry.defaults });
        if (fast) {
          assert.deepEqual(parsed.problems, []);
          assert.deepEqual(fast.tags, parsed.tags);
          assert.equal(fast.article, 'a.txt');
          assert.equal(fast.bom, bom);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reads every clean file of ordinary text itself, so the fast path is the common one', () => {
    const words = fc.array(fc.constantFrom('the', 'minister', 'said', '1,000', 'troops', '“no', 'comment”', 'per', 'day.', 'Kim’s', '—', '(AP)'), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
    const ordinary = tagArb.chain((tag) =>
      fc.record({ exact: words, note: fc.option(fc.tuple(words, words).map(([a, b]) => `${a}\n${b}`), { nil: undefined }) }).map(({ exact, note }) => {
        const { note: _note, extra: _extra, ...rest } = tag;
        const extra =
          tag.status === 'fuzzy'
            ? { verdict: 'misleading', 'verdict-text-hash': '0b1c2d3e', reviewed: true, count: 3 }
            : tag.status === 'orphan'
              ? { verdict: 'accurate', 'merge-conflict': { verdict: { base: null, ours: 'accurate', theirs: 'it’s: misleading' }, kind: { base: 'claim', ours: 'claim', theirs: 'opinion' } } }
              : tag.kind === 'opinion'
                ? { 'merge-conflict': { removed: 'theirs' } }
                : undefined;
        return { ...rest, author: 'Ada Lovelace', anchor: { ...tag.anchor, exact, prefix: ` ${exact} `, suffix: exact, end: tag.anchor.start + (tag.status === 'orphan' ? 0 : exact.length) }, ...(note === undefined ? {} : { note }), ...(extra ? { extra } : {}) };
      }),
    );
    fc.assert(
      fc.property(fc.uniqueArray(ordinary, { selector: (tag) => tag.id, maxLength: 6 }), (tags) => {
        const written = writeCanonical({ article: 'a.txt', tags });
        assert.ok(readCanonical(written), written);
      }),
      { numRuns: 200 },
    );
  });

  it('declines every fixture that is not canonical, and reads the canonical ones as the parser does', () => {
    const dir = fixturePath('sidecars', 'good');
    for (const name of fs.readdirSync(dir)) {
      const content = fs.readFileSync(`${dir}/${name}`, 'utf8');
      const fast = readCanonical(content);
      const parsed = SidecarFile.parse(content);
      if (fast) assert.deepEqual(fast.tags, parsed.tags, name);
      if (/#/.test(content)) assert.equal(fast, undefined, `${name} has comments`);
    }
  });

  it('declines a file with a comment, a hand-styled value or an unknown kind', () => {
    const tag: Tag = { id: 't-1', kind: 'claim', anchor: { exact: 'forty', prefix: 'about ', suffix: ' people', start: 6, end: 11, line: 0 }, author: 'Ada', created: '2026-11-20T09:16:40Z', updated: '2026-11-20T09:16:40Z', status: 'anchored' };
    const written = writeCanonical({ article: 'a.txt', tags: [tag] });
    assert.ok(readCanonical(written));
    assert.equal(readCanonical(`# reviewed\n${written}`), undefined);
    assert.equal(readCanonical(written.replace('prefix: "about "', "prefix: 'about '")), undefined);
    assert.equal(readCanonical(written.replace('kind: claim', 'kind: rumour'), { kinds: KindRegistry.defaults }), undefined);
    assert.equal(readCanonical(written, { articleName: 'b.txt' }), undefined);
  });
});

describe('the fast sidecar codec on edited files', () => {
  /** One edit a hand or a tool might make: a character put in, taken out or replaced, a line break style changed, a block moved or repeated. */
  const edit = fc.oneof(
    fc.record({ type: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(' ', '\n', '\r\n', '\r', '#', '"', "'", ':', '-', '|', '  - ', '      ', 'x', '\t', '\\', '0', '\ufeff') }),
    fc.record({ type: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ type: fc.constant('swap' as const), at: fc.nat() }),
    fc.record({ type: fc.constant('repeat' as const), at: fc.nat() }),
  );
  type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

  function apply(text: string, change: Edit): string {
    const at = change.at % (text.length + 1);
    if (change.type === 'insert') return text.slice(0, at) + change.text + text.slice(at);
    if (change.type === 'delete') return text.slice(0, at) + text.slice(at + change.length);
    const blocks = text.split(/(?=^ {2}- )/m);
    if (blocks.length < 3) return text;
    const i = 1 + (at % (blocks.length - 1));
    if (change.type === 'repeat') return [...blocks.slice(0, i + 1), blocks[i], ...blocks.slice(i + 1)].join('');
    const j = i === blocks.length - 1 ? i - 1 : i + 1;
    if (j < 1) return text;
    [blocks[i], blocks[j]] = [blocks[j], blocks[i]];
    return blocks.join('');
  }

  it('reads an edited file only when the full parser reads the very same tags from it, with nothing to report', () => {
    fc.assert(
      fc.property(uniqueTags, fc.constantFrom('\n', '\r\n') as fc.Arbitrary<'\n' | '\r\n'>, fc.array(edit, { minLength: 1, maxLength: 3 }), (tags, lineEnding, edits) => {
        const written = writeCanonical({ article: 'a.txt', tags, lineEnding });
        const edited = edits.reduce(apply, written);
        const fast = readCanonical(edited, { kinds: KindRegistry.defaults });
        if (!fast) return;
        const parsed = SidecarFile.parse(edited, { kinds: KindRegistry.defaults });
        assert.deepEqual(parsed.problems, [], edited);
        assert.deepEqual(fast.tags, parsed.tags, edited);
        assert.equal(writeCanonical({ article: fast.article, tags: fast.tags, lineEnding: fast.lineEnding, bom: fast.bom }), edited);
      }),
      { numRuns: 1500 },
    );
  });

  it('reads a block seen before from its memory, and gives the same tags as a fresh reading', () => {
    fc.assert(
      fc.property(uniqueTags, uniqueTags, (first, second) => {
        const codec = new CanonicalCodec();
        const a = writeCanonical({ article: 'a.txt', tags: first });
        const b = writeCanonical({ article: 'a.txt', tags: [...first.filter((tag) => !second.some((other) => other.id === tag.id)), ...second] });
        for (const text of [a, b, a]) {
          const shared = codec.read(text);
          const fresh = readCanonical(text);
          assert.deepEqual(shared, fresh);
          if (shared) assert.equal(codec.write(shared), text);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the very same tag object for a block it read in two files, so that comparing versions is cheap', () => {
    const tag: Tag = { id: 't-1', kind: 'claim', anchor: { exact: 'forty', prefix: 'about ', suffix: ' people', start: 6, end: 11, line: 0 }, author: 'Ada', created: '2026-11-20T09:16:40Z', updated: '2026-11-20T09:16:40Z', status: 'anchored' };
    const other: Tag = { ...tag, id: 't-2', anchor: { ...tag.anchor, start: 20, end: 25 } };
    const codec = new CanonicalCodec();
    const one = codec.read(writeCanonical({ article: 'a.txt', tags: [tag] }))!;
    const two = codec.read(writeCanonical({ article: 'a.txt', tags: [tag, other] }))!;
    assert.equal(two.tags[0], one.tags[0]);
    assert.deepEqual(two.tags[1], other);
  });

  it('declines hostile blocks of many lines without trying their lines every way (no runaway backtracking)', () => {
    const head = 'version: 1\narticle: a.txt\ntags:\n  - text: a\n    kind: claim\n';
    const lines = ['    note: x', '      y', '', '    f: x', '    prefix: ""', '    kind: claim', '    f: |', '      ', '     z', '    status: fuzzy', '    start: 1', '    id: t-1'];
    for (const a of lines) {
      for (const b of lines) {
        const hostile = head + `${a}\n${b}\n`.repeat(20000);
        assert.equal(readCanonical(hostile), undefined, JSON.stringify([a, b]));
      }
    }
  });
});

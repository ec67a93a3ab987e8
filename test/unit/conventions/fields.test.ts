import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { conventionsFromText, factCheckUrl, isDate, parseFieldInput, ratingValue, requiredFields, type FieldSpec } from '../../../src/core/conventions';
import { parseSidecar, serialiseSidecar } from '../../../src/core/sidecar';
import { SidecarFile } from '../../../src/core/sidecar/file';
import { setFields } from '../../../src/core/tagFields';
import { VERDICT_STAMP_KEY, textHash } from '../../../src/core/review/stale';
import { createTag, editNote } from '../../../src/core/tags';
import { readFixture } from '../../support/paths';

const { conventions } = conventionsFromText(readFixture('conventions', 'extends', 'shared', 'newsroom.yaml'));
const now = new Date('2026-11-22T09:00:00Z');
const later = new Date('2026-11-23T10:00:00Z');
const text = 'The ministry said 12,000 troops crossed the border on Tuesday.';

describe('typed fields', () => {
  it('reads what a person types into the value to store, or says why it does not fit', () => {
    const field = (type: FieldSpec['type'], extra: Partial<FieldSpec> = {}): FieldSpec => ({ name: 'x', label: 'X', type, required: false, ...extra });
    assert.deepEqual(parseFieldInput(field('boolean'), ' TRUE '), { value: true });
    assert.deepEqual(parseFieldInput(field('date'), '2024-11-05'), { value: '2024-11-05' });
    assert.ok('error' in parseFieldInput(field('date'), '5 Nov 2024'));
    assert.ok('error' in parseFieldInput(field('url'), 'example.org'));
    assert.deepEqual(parseFieldInput(field('url'), 'https://example.org/a b'.replace(' ', '%20')), { value: 'https://example.org/a%20b' });
    assert.ok('error' in parseFieldInput(field('string', { maxLength: 3 }), 'four'));
    assert.deepEqual(parseFieldInput(field('string'), '   '), { value: undefined });
    assert.ok('error' in parseFieldInput(field('enum', { values: ['a', 'b'] }), 'c'));
    assert.equal(isDate('2024-02-29'), true);
    assert.equal(isDate('2023-02-29'), false);
  });

  it('asks for required fields first, then those a chosen value makes required', () => {
    assert.deepEqual(requiredFields(conventions, 'claim').map((f) => f.name), ['review']);
    assert.deepEqual(requiredFields(conventions, 'claim', { review: 'open' }).map((f) => f.name), []);
    assert.deepEqual(requiredFields(conventions, 'claim', { review: 'reviewed' }).map((f) => f.name), ['verdict']);
    assert.deepEqual(requiredFields(conventions, 'opinion').map((f) => f.name), []);
  });

  it('rates a verdict on its scale, worst 1, with no rating off the scale', () => {
    const scale = conventions.ratings.get('verdict')!;
    assert.deepEqual(scale.values.map((v) => ratingValue(scale, v.value)), [4, 3, 2, 1, undefined]);
  });

  it('fills a fact-check URL template with URL-encoded values', () => {
    const publish = { factCheckUrl: 'https://news.example.org/{path}/{id}?kind={kind}&a={article}' };
    assert.equal(factCheckUrl(publish, { id: 't-1', kind: 'claim', path: 'news/a b.txt' }), 'https://news.example.org/news/a%20b.txt/t-1?kind=claim&a=a%20b');
    assert.equal(factCheckUrl({}, { id: 't-1', kind: 'claim', path: 'a' }), undefined);
  });
});

describe('field values in the sidecar', () => {
  const tag = createTag([], { kind: 'claim', text, start: 18, end: 31, author: 'Ada', note: 'Army figure', now, random: () => 0.5 });

  it('are written after the note, in the order given, and read back as they were', () => {
    const tags = setFields([tag], tag.id, { review: 'reviewed', verdict: 'accurate', checked: true }, later);
    const yaml = serialiseSidecar('a.txt', tags);
    assert.match(yaml, /kind: claim\n {4}note: Army figure\n {4}review: reviewed\n {4}verdict: accurate\n {4}checked: true\n {4}verdict-text-hash: [0-9a-f]{8}\n {4}prefix:/);
    const [read] = parseSidecar(yaml).tags;
    assert.deepEqual(read.extra, { review: 'reviewed', verdict: 'accurate', checked: true, [VERDICT_STAMP_KEY]: textHash(tag.anchor.exact) });
    assert.equal(read.updated, '2026-11-23T10:00:00Z');
  });

  it('go after the fields already there when added to a tag that has some, and leave other keys where they are', () => {
    const file = SidecarFile.create({ article: 'a.txt', tags: setFields([tag], tag.id, { review: 'open' }, now) });
    const written = `${file.toString()}    source: kept at the end\n`;
    const reread = SidecarFile.parse(written);
    const [current] = reread.tags;
    reread.update(setFields([current], current.id, { verdict: 'misleading' }, later)[0]);
    assert.match(reread.toString(), /note: Army figure\n {4}review: open\n {4}verdict-text-hash: [0-9a-f]{8}\n {4}verdict: misleading\n {4}prefix:[^]*updated: 2026-11-23T10:00:00Z\n {4}source: kept at the end\n$/);
  });

  it('are removed by an undefined value, and unchanged values change nothing, not even the date', () => {
    const withVerdict = setFields([tag], tag.id, { verdict: 'accurate' }, now);
    assert.equal(setFields(withVerdict, tag.id, { verdict: 'accurate' }, later)[0], withVerdict[0]);
    const cleared = setFields(withVerdict, tag.id, { verdict: undefined }, later);
    const file = SidecarFile.create({ article: 'a.txt', tags: withVerdict });
    file.setTags(cleared);
    assert.doesNotMatch(file.toString(), /verdict/);
    assert.throws(() => setFields([tag], 't-nothere', { verdict: 'x' }), /No tag with id t-nothere/);
  });

  it('survive other edits of the tag and any round trip through the file', () => {
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.boolean());
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/).filter((k) => !['text', 'kind', 'note', 'prefix', 'suffix', 'start', 'end', 'line', 'status', 'id', 'author', 'created', 'updated'].includes(k)), value, { maxKeys: 5 }), (values) => {
        const tags = editNote(setFields([tag], tag.id, values, later), tag.id, 'Changed note', later);
        const [read] = parseSidecar(serialiseSidecar('a.txt', tags)).tags;
        const { [VERDICT_STAMP_KEY]: _stamp, ...fields } = read.extra ?? {};
        assert.deepEqual(fields, { ...values });
      }),
      { numRuns: 200 },
    );
  });
});

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildW3cCollection } from '../../../src/core/exchange';
import { CodePointIndex } from '../../../src/core/exchange/codePoints';
import { ANNOTATION_CONTEXT } from '../../../src/core/exchange/w3c';
import { expected, loadWorkspace } from './workspace';

type Json = Record<string, unknown>;

/** The motivations the Web Annotation vocabulary defines (a body's purpose must be one). */
const MOTIVATIONS = ['assessing', 'bookmarking', 'classifying', 'commenting', 'describing', 'editing', 'highlighting', 'identifying', 'linking', 'moderating', 'questioning', 'replying', 'tagging'];
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;
const XSD_DATETIME_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/**
 * The requirements of the Web Annotation Data Model (W3C Recommendation, 2017) that apply to
 * what the export writes, checked one by one: MUSTs of sections 3 (annotations, bodies,
 * targets, selectors, agents, dates) and 5 (collections and pages).
 */
function assertWebAnnotationCollection(collection: Json): Json[] {
  const context = collection['@context'];
  assert.ok(context === ANNOTATION_CONTEXT || (Array.isArray(context) && context.includes(ANNOTATION_CONTEXT)), 'the collection names the Web Annotation context');
  assert.match(String(collection.id), ABSOLUTE_IRI, 'the collection has an IRI');
  assert.equal(collection.type, 'AnnotationCollection');
  assert.ok(Number.isInteger(collection.total) && (collection.total as number) >= 0, 'total is a non-negative integer');
  if (collection.total === 0) {
    assert.equal(collection.first, undefined, 'an empty collection has no pages');
    return [];
  }
  const page = collection.first as Json;
  assert.ok(page && typeof page === 'object', 'the first page is in the file');
  assert.match(String(page.id), ABSOLUTE_IRI, 'the page has an IRI');
  assert.equal(page.type, 'AnnotationPage');
  assert.ok(Array.isArray(page.items) && page.items.length > 0, 'a page has items');
  assert.equal(collection.last, page.id, 'the only page is also the last');
  const items = page.items as Json[];
  assert.equal(items.length, collection.total, 'total counts the annotations');
  const ids = new Set<string>();
  for (const annotation of items) {
    assert.match(String(annotation.id), ABSOLUTE_IRI, 'an annotation has exactly one IRI');
    assert.ok(!ids.has(annotation.id as string), `annotation ids are unique (${annotation.id})`);
    ids.add(annotation.id as string);
    assert.equal(annotation.type, 'Annotation');
    for (const key of ['created', 'modified'] as const) {
      if (annotation[key] !== undefined) assert.match(String(annotation[key]), XSD_DATETIME_UTC, `${key} is an xsd:dateTime in UTC`);
    }
    if (annotation.creator !== undefined) {
      const creator = annotation.creator as Json;
      assert.ok(['Person', 'Organization', 'Software'].includes(creator.type as string), 'a creator is an agent of a known class');
      assert.ok(typeof creator.name === 'string' && creator.name !== '', 'a creator has a name');
    }
    const bodies = annotation.body as Json[];
    assert.ok(Array.isArray(bodies) && bodies.length > 0, 'every tag has at least its kind as a body');
    for (const body of bodies) {
      assert.equal(body.type, 'TextualBody');
      assert.equal(typeof body.value, 'string', 'a TextualBody has exactly one value');
      assert.ok(MOTIVATIONS.includes(body.purpose as string), `purpose ${String(body.purpose)} is a motivation of the vocabulary`);
    }
    assert.equal(bodies.filter((body) => body.purpose === 'tagging').length, 1, 'one tagging body: the kind');
    const target = annotation.target as Json;
    assert.ok(target && typeof target === 'object', 'an annotation has a target');
    assert.match(String(target.source), ABSOLUTE_IRI, 'a specific resource has exactly one source IRI');
    const selectors = target.selector as Json[];
    assert.ok(Array.isArray(selectors) && selectors.length > 0);
    const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
    assert.ok(quote, 'every tag has a TextQuoteSelector');
    assert.ok(typeof quote.exact === 'string' && quote.exact !== '', 'a TextQuoteSelector has exactly one exact');
    assert.equal(typeof quote.prefix, 'string');
    assert.equal(typeof quote.suffix, 'string');
    for (const position of selectors.filter((s) => s.type === 'TextPositionSelector')) {
      assert.ok(Number.isInteger(position.start) && (position.start as number) >= 0, 'start is a non-negative integer');
      assert.ok(Number.isInteger(position.end) && (position.end as number) >= (position.start as number), 'end is an integer not before start');
    }
  }
  return items;
}

describe('exchange: W3C Web Annotation export', () => {
  it('writes the sample articles\' tags as the expected AnnotationCollection', () => {
    assert.equal(`${JSON.stringify(buildW3cCollection(loadWorkspace()), null, 2)}\n`, expected('export.w3c.json'));
  });

  it('meets the Web Annotation model\'s required fields in the collection, its page and every annotation', () => {
    const items = assertWebAnnotationCollection(buildW3cCollection(loadWorkspace()));
    assert.equal(items.length, 16);
  });

  it('writes an empty collection without pages for a workspace without tags', () => {
    const collection = buildW3cCollection([]);
    assert.equal(collection.total, 0);
    assertWebAnnotationCollection(collection);
  });

  it('counts TextPositionSelector offsets in code points, so a flag emoji is two characters, not four', () => {
    const articles = loadWorkspace();
    const unicode = articles.find((a) => a.path === 'desk/unicode.txt')!;
    const items = assertWebAnnotationCollection(buildW3cCollection([unicode]));
    const characters = [...unicode.text!];
    for (const item of items) {
      const selectors = (item.target as Json).selector as Json[];
      const quote = selectors.find((s) => s.type === 'TextQuoteSelector')!;
      const position = selectors.find((s) => s.type === 'TextPositionSelector')!;
      assert.equal(characters.slice(position.start as number, position.end as number).join(''), quote.exact);
    }
    const second = (items[1].target as Json).selector as Json[];
    assert.deepEqual([second[1].start, second[1].end], [79, 107], 'two code units fewer than the sidecar\'s 81…109');
  });

  it('gives a fuzzy or orphaned tag only its quote, and says its status, so no position selects other words', () => {
    const items = assertWebAnnotationCollection(buildW3cCollection(loadWorkspace()));
    const byId = (id: string): Json => items.find((item) => String(item.id).endsWith(`#${id}`))!;
    for (const [id, status] of [['t-desk0005', 'fuzzy'], ['t-desk0006', 'orphan']]) {
      const item = byId(id);
      assert.deepEqual(((item.target as Json).selector as Json[]).map((s) => s.type), ['TextQuoteSelector']);
      assert.deepEqual(item.newsAnnotator, { status });
    }
    assert.equal(byId('t-d37qljh8').newsAnnotator && (byId('t-d37qljh8').newsAnnotator as Json).status, undefined);
  });

  it('puts the kind in a tagging body, the note in a commenting one, and conventions fields in the extension', () => {
    const items = buildW3cCollection(loadWorkspace()).first as Json;
    const claim = (items.items as Json[]).find((item) => String(item.id).endsWith('#t-rjomt8dp'))!;
    assert.deepEqual(claim.body, [
      { type: 'TextualBody', purpose: 'tagging', value: 'claim' },
      { type: 'TextualBody', purpose: 'commenting', value: 'Pentagon figure; compare with the South Korean\nintelligence estimate (NIS briefing).', format: 'text/markdown' },
    ]);
    assert.deepEqual(claim.newsAnnotator, { fields: { verdict: 'mostly-accurate', source_url: 'https://www.state.gov/briefings/', claim_date: '2024-10-23' } });
    assert.deepEqual(claim.creator, { type: 'Person', name: 'Ada Lovelace' });
  });

  it('names articles under a base URL when one is given, percent-encoding each path segment', () => {
    const [article] = loadWorkspace();
    const collection = buildW3cCollection([{ ...article, path: 'desk/a b/é.txt' }], { base: 'https://news.example/articles/' });
    const first = ((collection.first as Json).items as Json[])[0];
    assert.equal((first.target as Json).source, 'https://news.example/articles/desk/a%20b/%C3%A9.txt');
    assert.match(String(first.id), /^https:\/\/news\.example\/articles\/desk\/a%20b\/%C3%A9\.txt#t-/);
  });
});

/** Letters, an accent, emoji and lone halves of surrogate pairs, to build texts from. */
const PIECES = ['a', ' ', 'é', 'e\u0301', '😀', '🇺🇦', '\ud83d', '\ude00', '\n'];

describe('exchange: code points and code units', () => {
  it('converts an offset to code points and back to the same code unit, in any text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 20 }), fc.nat(40), (pieces, raw) => {
        const text = pieces.join('');
        const index = new CodePointIndex(text);
        const offset = Math.min(raw, text.length);
        const point = index.toCodePoint(offset);
        // An offset between the halves of a pair counts the whole character, as spreading does.
        assert.equal(point, [...text.slice(0, offset)].length);
        const splitsPair = offset > 0 && offset < text.length && /[\ud800-\udbff]/.test(text[offset - 1]) && /[\udc00-\udfff]/.test(text[offset]);
        assert.equal(index.toCodeUnit(point), splitsPair ? offset + 1 : offset);
      }),
    );
  });

  it('counts an emoji as one code point and two code units', () => {
    const index = new CodePointIndex('a😀b😀c');
    assert.equal(index.length, 5);
    assert.deepEqual([0, 1, 3, 4, 6, 7].map((o) => index.toCodePoint(o)), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((p) => index.toCodeUnit(p)), [0, 1, 3, 4, 6, 7]);
  });
});

import * as assert from 'node:assert/strict';
import { groupBySource, planImport, readW3cAnnotations } from '../../../src/core/exchange';
import { hash64, normaliseTime, parseJson, tagIdFor } from '../../../src/core/exchange/annotation';
import { localPathOf } from '../../../src/core/exchange/sources';
import { KindRegistry } from '../../../src/core/kinds';
import { readFixture } from '../../support/paths';
import { articleText } from './workspace';

const ARTICLE = 'world/000_66182b2613313ed4.txt';
const OPTIONS = { kinds: KindRegistry.defaults, author: 'Importer', now: new Date('2026-12-01T12:00:00Z') };

function otherTool() {
  const parsed = parseJson(readFixture('exchange', 'w3c', 'other-tool.json'));
  assert.ok(parsed.ok);
  const read = readW3cAnnotations(parsed.value);
  assert.ok(read.ok, read.ok ? '' : read.error);
  return read.annotations;
}

function planFor(kindFrom?: 'tag' | 'purpose') {
  const grouped = groupBySource(otherTool(), { article: ARTICLE });
  assert.ok(!('error' in grouped));
  return planImport(articleText('000_66182b2613313ed4.txt'), [], grouped.byArticle.get(ARTICLE)!, { ...OPTIONS, kindFrom });
}

describe('exchange: W3C import from another tool', () => {
  it('reads bodyValue, motivations, creators given as IRIs or nicknames, and quotes inside refinedBy', () => {
    const [assessing, opinion, wholeDocument, highlight] = otherTool();
    assert.deepEqual([assessing.tagId, assessing.note, assessing.author, assessing.purposes, assessing.created], ['17', 'Check against the ISW daily figure.', 'kim', ['assessing'], '2024-10-24T07:00:00Z']);
    assert.deepEqual([opinion.tags, opinion.note, opinion.author, opinion.updated], [['Opinion'], 'Loaded phrase; attribute it.', 'Jo Doe', '2024-10-24T09:06:30Z']);
    assert.match(wholeDocument.unusable!, /whole document/);
    assert.equal(highlight.quote?.exact, 'may only provide a temporary boost');
    assert.equal(highlight.positionUnit, 'code-point');
  });

  it('maps kinds from purposes: an assessment is a claim; purposes nothing maps are reported', () => {
    const plan = planFor('purpose');
    assert.deepEqual(plan.results.map((r) => [r.outcome, r.tag?.kind]), [['anchored', 'claim'], ['anchored', 'claim'], ['unusable', undefined], ['anchored', 'claim']]);
    assert.deepEqual([...plan.unmapped], [['highlighting', 1]]);
  });

  it('maps kinds from tags by a kind\'s id or label in any case', () => {
    const plan = planFor('tag');
    assert.equal(plan.results[1].tag!.kind, 'opinion');
    assert.equal(plan.results[0].tag!.kind, 'claim', 'no tag: the default kind');
  });

  it('places a quote by its text when the web page\'s position is off, and never on another passage', () => {
    const text = articleText('000_66182b2613313ed4.txt');
    for (const result of planFor('tag').results) {
      if (!result.tag) continue;
      assert.equal(text.slice(result.tag.anchor.start, result.tag.anchor.end), result.annotation.quote!.exact);
    }
  });
});

describe('exchange: reading import files that are not what they should be', () => {
  it('says where a file that is not JSON breaks', () => {
    const result = parseJson('{\n  "type": "AnnotationCollection",\n  "total": 1\n  "first": {}\n}');
    assert.ok(!result.ok);
    assert.match(result.error, /^the file is not valid JSON \(line 4, column 3: Expected ',' or '}' after property value\)\.$/);
    const token = parseJson('hello');
    assert.ok(!token.ok && token.error === 'the file is not valid JSON (Unexpected token \'h\').');
    const empty = parseJson('  \n');
    assert.ok(!empty.ok && /empty/.test(empty.error));
  });

  it('refuses JSON that is not an annotation collection, saying what it expected', () => {
    for (const [value, message] of [
      [{ name: 'not annotations' }, /expected "type": "AnnotationCollection", "AnnotationPage" or "Annotation", and it has no type/],
      [{ type: 'Person' }, /found "Person"/],
      [42, /not an object or a list/],
      [{ type: 'AnnotationCollection', total: 3, first: 'http://example.org/page1' }, /its first page is only a link \(http:\/\/example\.org\/page1\)/],
      [{ type: 'AnnotationPage' }, /no "items" list/],
    ] as const) {
      const result = readW3cAnnotations(value);
      assert.ok(!result.ok);
      assert.match(result.error, message);
    }
  });

  it('refuses a file that gives two annotations the same id, naming both', () => {
    const annotation = { type: 'Annotation', id: 'http://example.org/anno/1', target: { source: 'x', selector: { type: 'TextQuoteSelector', exact: 'a' } } };
    const result = readW3cAnnotations([annotation, { ...annotation, bodyValue: 'other' }]);
    assert.ok(!result.ok);
    assert.match(result.error, /^annotations 1 and 2 have the id "http:\/\/example\.org\/anno\/1"; ids must be unique/);
  });

  it('reads a single annotation, a page and a plain list as well as a collection', () => {
    const annotation = { type: 'Annotation', id: 'urn:x:1', target: { source: 'x', selector: { type: 'TextQuoteSelector', exact: 'a' } } };
    for (const value of [annotation, { type: 'AnnotationPage', items: [annotation] }, [annotation], { type: ['AnnotationCollection'], first: { type: 'AnnotationPage', items: [annotation] } }]) {
      const result = readW3cAnnotations(value);
      assert.ok(result.ok && result.annotations.length === 1);
    }
    const empty = readW3cAnnotations({ type: 'AnnotationCollection', total: 0 });
    assert.ok(empty.ok && empty.annotations.length === 0);
  });

  it('marks an item that is no annotation as unusable and reads the rest', () => {
    const result = readW3cAnnotations([{ type: 'Person', name: 'x' }, { type: 'Annotation', id: 'urn:x:2', target: { source: 'x', selector: { type: 'TextQuoteSelector', exact: 'a' } } }]);
    assert.ok(result.ok);
    assert.match(result.annotations[0].unusable!, /not an Annotation/);
    assert.equal(result.annotations[1].unusable, undefined);
  });
});

describe('exchange: ids, times and sources of imported annotations', () => {
  it('keeps an id that is a valid tag id, or takes the fragment or last segment of an IRI', () => {
    assert.equal(tagIdFor('Qx7aK2pBEe-1y_9pL3sPdQ', 'seed', 'h-'), 'Qx7aK2pBEe-1y_9pL3sPdQ');
    assert.equal(tagIdFor('urn:x-news-annotator:desk/a.txt#t-abc12345', 'seed', 'w-'), 't-abc12345');
    assert.equal(tagIdFor('http://example.org/anno/17', 'seed', 'w-'), '17');
    assert.equal(tagIdFor('http://example.org/anno/17/', 'seed', 'w-'), '17');
    assert.equal(tagIdFor('_leading-underscore', 'seed', 'h-'), 'h-_leading-underscore');
  });

  it('derives the same id from the same annotation every time, and different ids from different ones', () => {
    const a = tagIdFor(undefined, 'source\nexact\n12', 'w-');
    assert.equal(a, tagIdFor(undefined, 'source\nexact\n12', 'w-'));
    assert.notEqual(a, tagIdFor(undefined, 'source\nexact\n13', 'w-'));
    assert.match(a, /^w-[0-9a-z]{14}$/);
    assert.equal(hash64(''), hash64(''));
    assert.notEqual(hash64('ab'), hash64('ba'));
  });

  it('turns any ISO 8601 time into UTC to the second, and refuses what is not one', () => {
    assert.equal(normaliseTime('2024-10-24T09:12:44.123456+00:00'), '2024-10-24T09:12:44Z');
    assert.equal(normaliseTime('2024-10-24T11:00:00+02:00'), '2024-10-24T09:00:00Z');
    assert.equal(normaliseTime('2024-10-24'), '2024-10-24T00:00:00Z');
    for (const bad of ['yesterday', 'March 7, 2024', '', 1_700_000_000, undefined]) assert.equal(normaliseTime(bad), undefined);
  });

  it('maps our own article IRIs to paths inside the folder, and nothing else', () => {
    assert.equal(localPathOf('urn:x-news-annotator:desk/a%20b.txt'), 'desk/a b.txt');
    assert.equal(localPathOf('https://news.example/articles/desk/a.txt', 'https://news.example/articles/'), 'desk/a.txt');
    assert.equal(localPathOf('https://news.example/articles/desk/a.txt'), undefined);
    assert.equal(localPathOf('urn:x-news-annotator:../../etc/passwd'), undefined, 'never out of the folder');
    assert.equal(localPathOf('urn:x-news-annotator:desk/../../secret.txt'), undefined);
    assert.equal(localPathOf('urn:x-news-annotator:%2Fetc%2Fpasswd'), undefined, 'never an absolute path');
    assert.equal(localPathOf('urn:x-news-annotator:%E0%A4%A'), undefined, 'a broken escape is no path');
  });
});

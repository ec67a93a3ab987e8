import * as assert from 'node:assert/strict';
import { groupBySource, planImport, readHypothesisAnnotations, readW3cAnnotations, type GroupOptions, type ImportedAnnotation, type SourceGroups } from '../../../src/core/exchange';
import { parseJson } from '../../../src/core/exchange/annotation';
import { KindRegistry } from '../../../src/core/kinds';
import { readFixture } from '../../support/paths';
import { articleText } from './workspace';

const ARTICLE = 'world/001_99513561e4769605.txt';
/** Groups annotations by article, failing the test when the choice is unclear. */
function groups(annotations: readonly ImportedAnnotation[], options: GroupOptions = {}): SourceGroups {
  const result = groupBySource(annotations, options);
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  return result;
}

const OPTIONS = { kinds: KindRegistry.defaults, author: 'Importer', now: new Date('2026-12-01T12:00:00Z') };

function read(name: string) {
  const parsed = parseJson(readFixture('exchange', 'hypothesis', name));
  assert.ok(parsed.ok);
  const result = readHypothesisAnnotations(parsed.value);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.annotations;
}

describe('exchange: Hypothesis import', () => {
  it('reads every row of an API search answer, keeping Hypothesis ids as tag ids', () => {
    const annotations = read('search-001.json');
    assert.deepEqual(
      annotations.map((a) => a.tagId),
      ['Qx7aK2pBEe-1y_9pL3sPdQ', 'Zr2uL8pBEe-4kYQ1nLm8Ww', 'a9Vm2pBEe-7hT3xQw0rKlA', 'Pn4hB2pCEe-2mWq8vYt6sg', 'Ry8kD2pCEe-9nXa1bZc3dE', 'Tb6nF2pCEe-3cYd5eFg7hI', 'Uc7oG2pCEe-4dZe6fGh8iJ'],
    );
    const first = annotations[0];
    assert.equal(first.author, 'Dana Reyes', 'the display name, when there is one');
    assert.equal(annotations[1].author, 'sam_okafor', 'else the user name of acct:name@authority');
    assert.equal(first.created, '2024-10-24T09:12:44Z');
    assert.equal(first.updated, '2024-10-24T09:15:02Z');
    assert.deepEqual(first.tags, ['Speculation', 'nk-troops']);
    assert.equal(first.positionUnit, 'code-unit');
  });

  it('imports the rows onto the matching local article, by quote, with kinds from their tags', () => {
    const text = articleText('001_99513561e4769605.txt');
    const grouped = groups(read('search-001.json'), { article: ARTICLE });
    const plan = planImport(text, [], grouped.byArticle.get(ARTICLE)!, { ...OPTIONS, kindFrom: 'tag' });
    assert.deepEqual(
      plan.results.map((r) => [r.annotation.tagId, r.outcome, r.tag?.kind]),
      [
        ['Qx7aK2pBEe-1y_9pL3sPdQ', 'anchored', 'speculation'],
        ['Zr2uL8pBEe-4kYQ1nLm8Ww', 'anchored', 'claim'],
        ['a9Vm2pBEe-7hT3xQw0rKlA', 'fuzzy', 'claim'],
        ['Pn4hB2pCEe-2mWq8vYt6sg', 'unusable', undefined],
        ['Ry8kD2pCEe-9nXa1bZc3dE', 'unusable', undefined],
        ['Tb6nF2pCEe-3cYd5eFg7hI', 'not-found', undefined],
        ['Uc7oG2pCEe-4dZe6fGh8iJ', 'unusable', undefined],
      ],
    );
    const speculation = plan.results[0].tag!;
    assert.equal(text.slice(speculation.anchor.start, speculation.anchor.end), 'officials hinting that North Korean soldiers could soon see combat on Ukrainian soil');
    assert.equal(speculation.note, 'Which officials? Ask the Pentagon desk for names.');
    assert.equal(text.slice(plan.results[2].tag!.anchor.start, plan.results[2].tag!.anchor.end), 'growing North Korea-Russia collaboration isn’t just about Ukraine');
    assert.equal(plan.results[1].tag!.note, undefined, 'an empty Hypothesis text is no note');
    assert.deepEqual([...plan.unmapped], [['nk-troops', 1]]);
    assert.match(plan.results[3].message, /page note/);
    assert.match(plan.results[4].message, /reply/);
    assert.match(plan.results[6].message, /only selectors of the web page's structure \(such as a RangeSelector\)/);
  });

  it('tags every row as a claim when kinds are not mapped, and reports their tags as unmapped', () => {
    const grouped = groups(read('search-001.json'), { article: ARTICLE });
    const plan = planImport(articleText('001_99513561e4769605.txt'), [], grouped.byArticle.get(ARTICLE)!, OPTIONS);
    assert.deepEqual([...new Set(plan.added.map((t) => t.kind))], ['claim']);
    assert.deepEqual([...plan.unmapped].sort(), [['Claim', 1], ['Speculation', 1], ['claim', 1], ['nk-troops', 1]]);
  });

  it('maps source tags to kinds through an explicit mapping first', () => {
    const grouped = groups(read('search-001.json'), { article: ARTICLE });
    const plan = planImport(articleText('001_99513561e4769605.txt'), [], grouped.byArticle.get(ARTICLE)!, { ...OPTIONS, kindFrom: 'tag', kindMap: { 'NK-troops': 'attribution' } });
    assert.equal(plan.results[0].tag!.kind, 'speculation', 'the first tag that maps decides');
    assert.deepEqual([...plan.unmapped], []);
  });

  it('reads the client\'s export file and imports it onto its article', () => {
    const annotations = read('client-export-000.json');
    assert.equal(annotations.length, 1);
    const text = articleText('000_66182b2613313ed4.txt');
    const plan = planImport(text, [], groups(annotations, { article: 'world/000_66182b2613313ed4.txt' }).byArticle.get('world/000_66182b2613313ed4.txt')!, OPTIONS);
    assert.equal(plan.results[0].outcome, 'anchored');
    assert.equal(text.slice(plan.added[0].anchor.start, plan.added[0].anchor.end), 'upwards of 1,000 troops per day');
  });

  it('asks which web page is the article when the file covers several, and leaves the others out once told', () => {
    const annotations = [...read('search-001.json'), ...read('client-export-000.json')];
    const unclear = groupBySource(annotations, { article: ARTICLE });
    assert.ok('error' in unclear);
    assert.match(unclear.error, /covers 2 documents \(https:\/\/news\.example\.com\/2024\/10\/north-korea-russia-warning \(4 annotations\), https:\/\/news\.example\.com\/2024\/10\/austin-north-korea-troops \(1\)\); choose the one that is world\/001_99513561e4769605\.txt with --source/);
    const grouped = groups(annotations, { article: ARTICLE, source: 'https://news.example.com/2024/10/north-korea-russia-warning' });
    assert.equal(grouped.byArticle.get(ARTICLE)!.length, 7);
    assert.equal(grouped.elsewhere.length, 1);
    assert.match(grouped.elsewhere[0].reason, /austin-north-korea-troops, not https:\/\/news\.example\.com\/2024\/10\/north-korea-russia-warning/);
  });

  it('says which document a Hypothesis row is about when no article is named', () => {
    const grouped = groups(read('search-001.json'));
    assert.equal(grouped.byArticle.size, 0);
    assert.match(grouped.elsewhere[0].reason, /https:\/\/news\.example\.com\/2024\/10\/north-korea-russia-warning, is no article of this folder; import it with --article/);
  });

  it('tells a W3C file from a Hypothesis export, and the other way round', () => {
    const hypothesis = parseJson(readFixture('exchange', 'hypothesis', 'search-001.json'));
    assert.ok(hypothesis.ok);
    const asW3c = readW3cAnnotations(hypothesis.value);
    assert.ok(!asW3c.ok && /Hypothesis export.*--format hypothesis/.test(asW3c.error));
    const asHypothesis = readHypothesisAnnotations({ type: 'AnnotationCollection', total: 0 });
    assert.ok(!asHypothesis.ok && /--format w3c/.test(asHypothesis.error));
  });
});

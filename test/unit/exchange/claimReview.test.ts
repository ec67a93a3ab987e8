import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Conventions } from '../../../src/core/conventions';
import { buildClaimReviews } from '../../../src/core/exchange';
import type { Tag } from '../../../src/core/tags';
import { CONVENTIONS, WORKSPACE, expected, loadWorkspace, readConventions } from './workspace';

type Json = Record<string, unknown>;

/**
 * What Google's fact-check documentation (developers.google.com, "Fact check (ClaimReview)
 * structured data") requires and recommends, per type.
 */
const GOOGLE = {
  ClaimReview: { required: ['claimReviewed', 'reviewRating', 'url'], recommended: ['author', 'datePublished', 'itemReviewed'] },
  Claim: { required: [], recommended: ['appearance', 'author', 'datePublished', 'firstAppearance'] },
  Rating: { required: ['alternateName'], recommended: ['bestRating', 'name', 'ratingValue', 'worstRating'] },
  Organization: { required: [], recommended: ['name', 'url'] },
};

function missingFrom(node: Json, type: keyof typeof GOOGLE): string[] {
  assert.equal(node['@type'], type);
  return [...GOOGLE[type].required, ...GOOGLE[type].recommended].filter((key) => node[key] === undefined);
}

describe('exchange: ClaimReview export', () => {
  it('writes the sample articles\' claims with a verdict as the expected ClaimReview records', () => {
    const { entries, withoutVerdict } = buildClaimReviews(loadWorkspace(), CONVENTIONS);
    assert.equal(`${JSON.stringify(entries.map((e) => e.record), null, 2)}\n`, expected('export.claimreview.json'));
    assert.deepEqual(entries.map((e) => e.tag.id), ['t-desk0001', 't-desk0002', 't-d37qljh8', 't-rjomt8dp']);
    assert.equal(withoutVerdict, 3, 'claims without a verdict yet are counted, not exported');
  });

  it('gives a tag that carries everything every required and recommended property Google lists', () => {
    const entry = buildClaimReviews(loadWorkspace(), CONVENTIONS).entries.find((e) => e.tag.id === 't-d37qljh8')!;
    const record = entry.record;
    assert.equal(record['@context'], 'https://schema.org');
    assert.deepEqual(missingFrom(record, 'ClaimReview'), []);
    assert.deepEqual(missingFrom(record.author as Json, 'Organization'), []);
    assert.deepEqual(missingFrom(record.itemReviewed as Json, 'Claim'), []);
    assert.deepEqual(missingFrom(record.reviewRating as Json, 'Rating'), []);
    assert.deepEqual([entry.missingRequired, entry.missingRecommended, entry.warnings], [[], [], []]);
    assert.deepEqual(record.reviewRating, { '@type': 'Rating', ratingValue: 2, bestRating: 4, worstRating: 1, alternateName: 'Misleading', name: 'Misleading' });
    assert.equal(record.claimReviewed, 'Russia is losing more than 1,000 troops a day in Ukraine', 'the summary field, not the tagged text');
    assert.deepEqual((record.itemReviewed as Json).author, { '@type': 'Person', name: 'Lloyd Austin' });
    assert.equal(record.url, 'https://desk.example/checks/000_66182b2613313ed4/t-d37qljh8');
  });

  it('names exactly the properties each record lacks, and only those', () => {
    for (const entry of buildClaimReviews(loadWorkspace(), CONVENTIONS).entries) {
      const record = entry.record;
      const absent = [
        ...missingFrom(record, 'ClaimReview'),
        ...missingFrom(record.itemReviewed as Json, 'Claim').map((key) => `itemReviewed.${key}`),
        ...missingFrom(record.reviewRating as Json, 'Rating').map((key) => `reviewRating.${key}`),
      ];
      const reported = [...entry.missingRequired, ...entry.missingRecommended].map((m) => m.split(' ')[0].replace(/,$/, ''));
      const offScale = entry.tag.id === 't-desk0002';
      const expectedAbsent = offScale ? absent.filter((key) => !['reviewRating.bestRating', 'reviewRating.ratingValue', 'reviewRating.worstRating'].includes(key)) : absent;
      assert.deepEqual(reported.sort(), expectedAbsent.sort(), entry.tag.id);
    }
  });

  it('finds the speaker of a quote with the detector when no speaker field is set', () => {
    const entries = buildClaimReviews(loadWorkspace(), CONVENTIONS).entries;
    const nis = entries.find((e) => e.tag.id === 't-desk0001')!;
    assert.deepEqual((nis.record.itemReviewed as Json).author, { '@type': 'Person', name: 'National Intelligence Service' });
    const unsaid = entries.find((e) => e.tag.id === 't-rjomt8dp')!;
    assert.deepEqual(unsaid.missingRecommended, ['itemReviewed.author (a "speaker" field, or a detected speaker)']);
  });

  it('rates a verdict off the scale by its label alone, without a number', () => {
    const entry = buildClaimReviews(loadWorkspace(), CONVENTIONS).entries.find((e) => e.tag.id === 't-desk0002')!;
    assert.deepEqual(entry.record.reviewRating, { '@type': 'Rating', alternateName: 'Unsupported', name: 'Unsupported' });
    assert.ok(!entry.missingRecommended.some((m) => m.startsWith('reviewRating')));
  });

  it('warns when claimReviewed is longer than 75 characters', () => {
    const entry = buildClaimReviews(loadWorkspace(), CONVENTIONS).entries.find((e) => e.tag.id === 't-desk0001')!;
    assert.deepEqual(entry.warnings, ['claimReviewed is 88 characters, over the 75 that fit on a phone; add a short "summary" field']);
  });

  it('reports a verdict that is not on the scale as not fitting, without inventing a rating', () => {
    const [article] = loadWorkspace().filter((a) => a.path === 'world/000_66182b2613313ed4.txt');
    const tags = article.tags.map((t): Tag => (t.id === 't-d37qljh8' ? { ...t, extra: { ...t.extra, verdict: 'pants-on-fire' } } : t));
    const [entry] = buildClaimReviews([{ ...article, tags }], CONVENTIONS).entries;
    assert.deepEqual(entry.record.reviewRating, { '@type': 'Rating', alternateName: 'pants-on-fire', name: 'pants-on-fire' });
    assert.match(entry.warnings[0], /"pants-on-fire" is not on the "truth" scale/);
    assert.match(entry.missingRecommended.join('\n'), /reviewRating\.ratingValue \(the verdict "pants-on-fire" is not on the "truth" scale\)/);
  });

  it('lists the url as missing for every record when the conventions do not say where fact-checks are published', () => {
    const withoutPublish = fs.readFileSync(path.join(WORKSPACE, '.news-annotator.yaml'), 'utf8').replace(/^publish:[\s\S]*$/m, '');
    const bare = readConventions(withoutPublish);
    assert.deepEqual(bare.publish, {});
    const { entries } = buildClaimReviews(loadWorkspace(), bare);
    assert.equal(entries.length, 4);
    for (const entry of entries) {
      assert.deepEqual(entry.missingRequired, ['url (publish.fact_check_url in the conventions)']);
      assert.ok(entry.missingRecommended.includes('author.name (publish.organization)'));
      assert.equal(entry.record.url, undefined);
    }
  });

  it('exports nothing for a workspace whose conventions give claims no verdict field', () => {
    const result = buildClaimReviews(loadWorkspace(), Conventions.defaults);
    assert.deepEqual([result.entries.length, result.withoutVerdict], [0, 0]);
  });

  it('fills {article} in the fact-check URL with the article\'s file name without its extension, percent-encoded', () => {
    const [article] = loadWorkspace();
    const conventions = readConventions(fs.readFileSync(path.join(WORKSPACE, '.news-annotator.yaml'), 'utf8').replace('checks/{article}/{id}', '{kind}/{article}?p={path}'));
    const [entry] = buildClaimReviews([{ ...article, path: 'desk/a b/é.txt' }], conventions).entries;
    assert.equal(entry.record.url, 'https://desk.example/claim/%C3%A9?p=desk/a%20b/%C3%A9.txt');
  });
});

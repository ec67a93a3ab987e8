import * as assert from 'node:assert/strict';
import { Conventions } from '../../../src/core/conventions';
import { computeStats, formatStats } from '../../../src/core/exchange';
import { CONVENTIONS, expected, loadWorkspace, readConventions } from './workspace';

describe('exchange: stats', () => {
  it('counts the sample articles\' tags as the expected aligned tables', () => {
    assert.equal(formatStats(computeStats(loadWorkspace(), CONVENTIONS)), expected('stats.txt'));
  });

  it('counts the sample articles\' tags as the expected JSON', () => {
    assert.equal(`${JSON.stringify(computeStats(loadWorkspace(), CONVENTIONS), null, 2)}\n`, expected('stats.json'));
  });

  it('gives the share of fuzzy and orphaned tags, and the claims lacking a required verdict', () => {
    const stats = computeStats(loadWorkspace(), CONVENTIONS);
    assert.equal(stats.tags, 16);
    assert.equal(stats.fuzzyRate, 1 / 16);
    assert.equal(stats.orphanRate, 1 / 16);
    assert.equal(stats.missingRequired, 3);
    assert.deepEqual(stats.missingByField, { 'claim.verdict': 3 });
    assert.deepEqual(stats.byFolder, { desk: 8, world: 8 });
  });

  it('counts a field required only once another field has a value', () => {
    const [article] = loadWorkspace();
    const conventions = readConventions('version: 1\nkinds:\n  claim:\n    fields:\n      verdict: {type: enum, values: [accurate, inaccurate]}\n      evidence: {type: url, required_when: {verdict: accurate}}\n');
    const stats = computeStats([article], conventions);
    assert.deepEqual(stats.missingByField, { 'claim.evidence': 1 }, 'only t-desk0001 has the verdict "accurate"');
  });

  it('reports zero rates and no tables but the summary for a workspace without tags', () => {
    const stats = computeStats([], Conventions.defaults);
    assert.deepEqual([stats.tags, stats.fuzzyRate, stats.orphanRate], [0, 0, 0]);
    assert.equal(formatStats(stats), '0 articles, 0 tags; fuzzy 0.0 %, orphan 0.0 %; 0 lacking a required field\n\nStatus    Tags    Share\nanchored     0    0.0 %\nfuzzy        0    0.0 %\norphan       0    0.0 %\n');
  });
});

import * as assert from 'node:assert/strict';
import { describeFilter, isFilterActive, tagMatcher } from '../../../src/core/tagIndex';
import { KindRegistry } from '../../../src/core/kinds';
import { parseSidecar } from '../../../src/core/sidecar';
import { readFixture } from '../../support/paths';

const { tags } = parseSidecar(readFixture('conventions', 'rules', 'article.txt.tags.yaml'));

describe('filtering tags by field value and by rule', () => {
  it('keeps the tags whose field has one of the chosen values', () => {
    const matches = tagMatcher({ fields: { review: ['reviewed'] } });
    assert.deepEqual(tags.filter(matches).map((t) => t.id).sort(), ['t-clean001', 't-noverdic']);
    assert.deepEqual(tags.filter(tagMatcher({ fields: { review: ['reviewed'], verdict: ['accurate'] } })).map((t) => t.id), ['t-clean001']);
  });

  it('drops a field condition with no values, and says what it filters', () => {
    assert.equal(isFilterActive({ fields: { verdict: [] } }), false);
    assert.equal(tags.filter(tagMatcher({ fields: { verdict: [] } })).length, tags.length);
    assert.equal(describeFilter({ fields: { verdict: ['misleading', 'inaccurate'] }, breakingRules: true }, KindRegistry.defaults), 'verdict: misleading, inaccurate · breaking rules');
  });

  it('keeps only the tags breaking a rule, as the caller decides per article', () => {
    const breaking = new Set(['t-nofield', 't-orphan01']);
    assert.deepEqual(tags.filter(tagMatcher({ breakingRules: true }, (t) => breaking.has(t.id))).map((t) => t.id).sort(), ['t-nofield', 't-orphan01']);
    assert.equal(isFilterActive({ breakingRules: true }), true);
  });
});

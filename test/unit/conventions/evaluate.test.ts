import * as assert from 'node:assert/strict';
import { conventionsFromText, evaluateTags, Conventions, CONVENTIONS_FILE_NAME, RULE_IDS, RULES } from '../../../src/core/conventions';
import { parseSidecar } from '../../../src/core/sidecar';
import { readFixture } from '../../support/paths';

const { conventions } = conventionsFromText(readFixture('conventions', 'rules', CONVENTIONS_FILE_NAME));
const sidecar = parseSidecar(readFixture('conventions', 'rules', 'article.txt.tags.yaml'), { articleName: 'article.txt' });
const expected = JSON.parse(readFixture('conventions', 'rules', 'expected-findings.json')) as Record<string, Array<[string, string, string]>>;

describe('the rules applied to tags', () => {
  it('reads the fixture sidecar without errors', () => {
    assert.deepEqual(sidecar.problems.filter((p) => p.severity === 'error'), []);
    assert.equal(sidecar.tags.length, 8);
  });

  for (const [path, findings] of Object.entries(expected)) {
    it(`finds exactly the expected rule breaches for ${path}`, () => {
      const found = evaluateTags(sidecar.tags, conventions, { articlePath: path });
      assert.deepEqual(found.map((f) => [f.tagId, f.ruleId, f.severity]), findings);
    });
  }

  it('covers every rule of the table with the fixture', () => {
    const seen = new Set(evaluateTags(sidecar.tags, conventions, { articlePath: 'article.txt' }).map((f) => f.ruleId));
    const evaluated = RULE_IDS.filter((id) => !('reportedBy' in RULES[id]));
    assert.deepEqual(evaluated.filter((id) => !seen.has(id)), []);
  });

  it('points each finding at its tag in the article and names what to fix', () => {
    const findings = evaluateTags(sidecar.tags, conventions);
    const missing = findings.find((f) => f.tagId === 't-noverdic')!;
    assert.deepEqual(missing.articleRange, { start: 0, end: 17 });
    assert.match(missing.message, /has no Verdict \(required when review is reviewed\)/);
    const invalid = findings.filter((f) => f.tagId === 't-badvalue' && f.ruleId === 'invalid-field').map((f) => f.message);
    assert.match(invalid[0], /^Review must be one of open, reviewed; found "done"/);
    assert.ok(invalid.some((m) => /Checked on must be a date written YYYY-MM-DD; found "2024-02-30"/.test(m)), 'a date that does not exist is refused');
    assert.ok(invalid.some((m) => m.startsWith(`Summary is ${'A summary far longer than twenty characters'.length} characters long; at most 20`)));
  });

  it('reports nothing for a rule set to off, and nothing at all for clean tags', () => {
    const { conventions: quiet } = conventionsFromText(`version: 1\nrules:\n${RULE_IDS.map((id) => `  ${id}: off`).join('\n')}\n`);
    assert.deepEqual(evaluateTags(sidecar.tags, quiet), []);
    const clean = sidecar.tags.filter((t) => t.id === 't-clean001');
    assert.deepEqual(evaluateTags(clean, conventions), []);
  });

  it('leaves tags of the default kinds alone under the default conventions, fuzzy and orphan aside', () => {
    const findings = evaluateTags(sidecar.tags, Conventions.defaults);
    assert.deepEqual([...new Set(findings.map((f) => f.ruleId))].sort(), ['fuzzy-tag', 'orphan-tag', 'undefined-kind', 'unknown-field']);
    assert.equal(findings.find((f) => f.ruleId === 'undefined-kind')?.severity, RULES['undefined-kind'].severity);
  });
});

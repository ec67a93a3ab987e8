/**
 * `check --format sarif` against the SARIF 2.1.0 JSON schema (OASIS, vendored under
 * test/fixtures/review/sarif/ with its licence), validated with ajv in draft-04 mode, the
 * draft the schema is written in.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { fixturePath } from '../../support/paths';
import { buildCli, runCli, tempDir } from './cli';

describe('check --format sarif', function () {
  this.timeout(60000);
  const schema = JSON.parse(fs.readFileSync(fixturePath('review', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);

  before(buildCli);

  for (const workspace of ['clean', 'drifted', 'malformed', 'missing-article', 'stale-verdict', 'unknown-kind']) {
    it(`is a valid SARIF 2.1.0 log on the ${workspace} workspace, with one result per finding`, () => {
      const temp = tempDir('news-annotator-sarif-');
      try {
        const dir = path.join(temp.dir, 'workspace');
        fs.cpSync(fixturePath('review', 'workspaces', workspace), dir, { recursive: true });
        const sarif = runCli(['check', '--format', 'sarif'], dir);
        const json = runCli(['check', '--format', 'json'], dir);
        const log = JSON.parse(sarif.stdout) as { version: string; runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> };
        const valid = validate(log);
        assert.ok(valid, JSON.stringify(validate.errors, null, 2));
        assert.equal(log.version, '2.1.0');
        const findings = (JSON.parse(json.stdout) as { findings: Array<{ rule: string; line: number }> }).findings;
        assert.deepEqual(
          log.runs[0].results.map((r) => [r.ruleId, r.locations[0].physicalLocation.region.startLine]),
          findings.map((f) => [f.rule, f.line]),
        );
        assert.equal(sarif.code, json.code);
      } finally {
        temp.remove();
      }
    });
  }

  it('fails validation when a result lacks its message, so the check above can fail', () => {
    const broken = { version: '2.1.0', runs: [{ tool: { driver: { name: 'news-annotator' } }, results: [{ ruleId: 'x' }] }] };
    assert.equal(validate(broken), false);
  });
});

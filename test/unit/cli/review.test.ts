/**
 * The review commands on fixture workspaces, compared with expected output files.
 *
 * Each folder of test/fixtures/review/workspaces/ is a small workspace with a cases.json:
 * `[{"name", "args", "exit", "files"?}]`. Every case runs the built command line in a fresh
 * copy of the workspace and must print exactly expected/<workspace>/<name>.stdout (and
 * .stderr, .summary for GitHub's step summary), exit with `exit`, and leave each file named
 * in `files` as expected/<workspace>/<name>.files/<file>. See test/fixtures/review/README.md.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturePath } from '../../support/paths';
import { buildCli, runCli, tempDir } from './cli';

interface Case {
  name: string;
  args: string[];
  exit: number;
  files?: string[];
}

const workspaces = fixturePath('review', 'workspaces');
const expectedRoot = fixturePath('review', 'expected');
/** Set to write the expected files from the current output (then read every one of them). */
const update = process.env.NEWS_ANNOTATOR_UPDATE_EXPECTED === '1';

function compare(actual: string, file: string, encoding: BufferEncoding = 'utf8'): void {
  if (update) {
    // An empty expectation is no file at all.
    if (actual === '') fs.rmSync(file, { force: true });
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, actual, encoding);
    }
    return;
  }
  const expected = fs.existsSync(file) ? fs.readFileSync(file, encoding) : '';
  assert.equal(actual, expected, `differs from ${path.relative(fixturePath(), file)}`);
}

for (const workspace of fs.readdirSync(workspaces).sort()) {
  const cases = JSON.parse(fs.readFileSync(path.join(workspaces, workspace, 'cases.json'), 'utf8')) as Case[];
  describe(`news-annotator on the ${workspace} workspace`, function () {
    this.timeout(60000);
    before(buildCli);

    for (const c of cases) {
      it(`${c.args.join(' ')} prints what expected/${workspace}/${c.name} holds and exits with ${c.exit}`, () => {
        const temp = tempDir(`news-annotator-${workspace}-`);
        try {
          const dir = path.join(temp.dir, 'workspace');
          fs.cpSync(path.join(workspaces, workspace), dir, { recursive: true });
          const summary = path.join(temp.dir, 'summary.md');
          const result = runCli(c.args, dir, c.args.includes('github') ? { GITHUB_STEP_SUMMARY: summary } : {});
          const normalise = (text: string): string => text.split(dir).join('$WORKSPACE');
          const expected = path.join(expectedRoot, workspace, c.name);
          compare(normalise(result.stdout), `${expected}.stdout`);
          compare(normalise(result.stderr), `${expected}.stderr`);
          if (fs.existsSync(summary) || fs.existsSync(`${expected}.summary`)) compare(fs.existsSync(summary) ? fs.readFileSync(summary, 'utf8') : '', `${expected}.summary`);
          // Files are compared byte for byte (read as latin1), so a malformed input left alone is checked exactly.
          for (const file of c.files ?? []) compare(fs.readFileSync(path.join(dir, file), 'latin1'), path.join(`${expected}.files`, file), 'latin1');
          assert.equal(result.code, c.exit, result.stderr);
        } finally {
          temp.remove();
        }
      });
    }
  });
}

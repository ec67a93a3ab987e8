// Compares the detector's speed with that of another version, on a machine whose load
// changes from minute to minute: both versions are bundled as the shipped bundles are
// (esbuild, minified), then timed alternately, each run in a process of its own, by
// processor time; the verdict is the median of the rounds' ratios.
//
//   npm run bench:compare -- REV [FORM ...] [--rounds N]
//
// REV: a commit, branch or tag to compare the working tree with. FORM: line, wrap, md (full
// detection of the bench corpus one paragraph per line, hard-wrapped, as Markdown) and
// linereader, wrapreader, mdreader (the structure reader alone); all six by default.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 5;
const [rev, ...asked] = args;
const FORMS = ['line', 'wrap', 'md', 'linereader', 'wrapreader', 'mdreader'];
const forms = asked.length > 0 ? asked : FORMS;
if (!rev || !Number.isInteger(rounds) || rounds < 1 || forms.some((f) => !FORMS.includes(f))) {
  console.error(`usage: npm run bench:compare -- REV [${FORMS.join('|')} ...] [--rounds N]`);
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'news-annotator-compare-'));
const other = join(scratch, 'tree');
const entry = join('bench', 'compare', 'detectOnce.ts');
try {
  execFileSync('git', ['worktree', 'add', '--detach', '--quiet', other, rev], { cwd: root, stdio: 'inherit' });
  // The timing entry of this version, in both trees: only the detector differs.
  cpSync(join(root, entry), join(other, entry));
  const bundles = { [rev]: join(scratch, 'other.js'), 'working tree': join(scratch, 'this.js') };
  for (const [tree, outfile] of [[other, bundles[rev]], [root, bundles['working tree']]]) {
    await esbuild.build({
      entryPoints: [join(tree, entry)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true,
      nodePaths: [join(root, 'node_modules')], logLevel: 'warning',
    });
  }
  const once = (bundle, form) => JSON.parse(execFileSync(process.execPath, [bundle, form, '5'], { encoding: 'utf8' }));
  console.log(`${rev} against the working tree, ${rounds} alternated rounds, MB/s by processor time (median of 5 runs a process)`);
  for (const form of forms) {
    const ratios = [];
    for (let r = 0; r < rounds; r++) {
      const a = once(bundles[rev], form);
      const b = once(bundles['working tree'], form);
      if (a.result !== b.result) throw new Error(`${form}: the two versions disagree (${a.result} against ${b.result})`);
      ratios.push(b.mbPerSecond / a.mbPerSecond);
      console.log(`  ${form.padEnd(10)} round ${r + 1}: ${a.mbPerSecond.toFixed(1)} → ${b.mbPerSecond.toFixed(1)} MB/s`);
    }
    ratios.sort((x, y) => x - y);
    console.log(`  ${form.padEnd(10)} working tree ÷ ${rev}, median of ${rounds}: ${ratios[rounds >> 1].toFixed(3)}`);
  }
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', other], { cwd: root, stdio: 'ignore' });
  rmSync(scratch, { recursive: true, force: true });
}

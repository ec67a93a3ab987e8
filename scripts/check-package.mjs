// Packages the extension with vsce and checks the .vsix: runtime files only, under 300 KB.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
// The command line ships in its npm tarball, not here: the .vsix carries the extension's bundle.
const limit = 300 * 1024;
const allowed = [
  /^package\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/,
  /^dist\/extension\.js$/, /^syntaxes\/[^/]+\.json$/, /^schemas\/[^/]+\.json$/,
  /^media\/[^/]+\.(svg|png)$/, /^language-configuration\.json$/,
];

const files = execFileSync(process.execPath, [vsce, 'ls'], { cwd: root, encoding: 'utf8' })
  .split('\n').map((l) => l.trim()).filter(Boolean);
const strays = files.filter((f) => !allowed.some((pattern) => pattern.test(f)));
const out = join(root, '.test-host', 'news-annotator.vsix');
mkdirSync(dirname(out), { recursive: true });
rmSync(out, { force: true });
// The README's images stay relative and the manifest names no repository: the project has no
// public home yet to point them at.
// `vscode:prepublish` makes the production bundle first.
try {
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', out], { cwd: root, stdio: 'pipe' });
} catch (error) {
  console.error(`${error.stdout ?? ''}${error.stderr ?? ''}`.replace(/^npm warn Unknown user config.*\n/gm, ''));
  process.exit(1);
}
const size = statSync(out).size;
// Leave a development bundle behind for the tests that follow.
execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
console.log(`${files.length} files, ${(size / 1024).toFixed(1)} KB`);
if (strays.length > 0) {
  console.error(`not runtime files: ${strays.join(', ')}`);
  process.exit(1);
}
if (size > limit) {
  console.error(`the .vsix is ${(size / 1024).toFixed(1)} KB, over the ${limit / 1024} KB limit`);
  process.exit(1);
}

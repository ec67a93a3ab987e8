import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, found from wherever the compiled tests run (out/, or a temp outDir). */
export const repoRoot: string = findRoot();

function findRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    // tsc copies package.json into its output folder (the CLI imports it); tsconfig.json
    // stays behind, so it tells the real root from the copy.
    if (
      fs.existsSync(manifest) &&
      fs.existsSync(path.join(dir, 'tsconfig.json')) &&
      JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'news-annotator'
    ) {
      return dir;
    }
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** Absolute path of a file under test/fixtures/. */
export function fixturePath(...parts: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', ...parts);
}

/** A fixture file's text, decoded as UTF-8. */
export function readFixture(...parts: string[]): string {
  return fs.readFileSync(fixturePath(...parts), 'utf8');
}

/** The sample articles of the demo workspace, as [file name, text] pairs. */
export function sampleArticles(): Array<[string, string]> {
  const dir = path.join(repoRoot, 'samples');
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]);
}

/**
 * The exchange fixture workspace (test/fixtures/exchange/workspace/): sidecars in two
 * folders for articles of samples/ (and one of test/fixtures/sidecars/articles/), and the
 * conventions they are written under.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { conventionsFromText, type Conventions } from '../../../src/core/conventions';
import { readArticleTags, type ExchangeArticle } from '../../../src/core/exchange';
import { KindRegistry } from '../../../src/core/kinds';
import { fixturePath, repoRoot } from '../../support/paths';

export const WORKSPACE = fixturePath('exchange', 'workspace');

/**
 * The conventions of `.news-annotator.yaml` in the fixture workspace, read by the product's
 * own parser: a verdict on the `truth` scale, the fields a ClaimReview reads, and where the
 * desk publishes its fact-checks.
 */
export const CONVENTIONS: Conventions = readConventions(fs.readFileSync(path.join(WORKSPACE, '.news-annotator.yaml'), 'utf8'));

/** Conventions from a file's text, failing the test on any problem in it. */
export function readConventions(text: string): Conventions {
  const { conventions, problems } = conventionsFromText(text);
  assert.deepEqual(problems.map((p) => p.message), []);
  return conventions;
}

/** Every sidecar of the fixture workspace, as `folder/article.txt` paths. */
export function workspaceArticlePaths(): string[] {
  const found: string[] = [];
  for (const folder of fs.readdirSync(WORKSPACE).sort()) {
    const dir = path.join(WORKSPACE, folder);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir).sort()) if (name.endsWith('.tags.yaml')) found.push(`${folder}/${name.slice(0, -'.tags.yaml'.length)}`);
  }
  return found;
}

/** The text of a fixture article, found by file name in samples/ or the sidecar fixtures' articles. */
export function articleText(name: string): string {
  for (const candidate of [path.join(repoRoot, 'samples', name), fixturePath('sidecars', 'articles', name)]) {
    if (fs.existsSync(candidate)) return fs.readFileSync(candidate, 'utf8');
  }
  throw new Error(`no article text for ${name}`);
}

export function sidecarText(articlePath: string): string {
  return fs.readFileSync(path.join(WORKSPACE, `${articlePath}.tags.yaml`), 'utf8');
}

/** The workspace's articles with their tags anchored, as the command line reads them. */
export function loadWorkspace(): ExchangeArticle[] {
  return workspaceArticlePaths().map((articlePath) => {
    const name = path.basename(articlePath);
    const read = readArticleTags(articlePath, sidecarText(articlePath), articleText(name), KindRegistry.defaults);
    assert.ok(read.article, `${articlePath} reads without errors`);
    return read.article;
  });
}

/** Writes the fixture workspace, articles included, into a new temporary folder. */
export function copyWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'na-exchange-'));
  fs.copyFileSync(path.join(WORKSPACE, '.news-annotator.yaml'), path.join(dir, '.news-annotator.yaml'));
  for (const articlePath of workspaceArticlePaths()) {
    fs.mkdirSync(path.join(dir, path.dirname(articlePath)), { recursive: true });
    fs.writeFileSync(path.join(dir, articlePath), articleText(path.basename(articlePath)));
    fs.writeFileSync(path.join(dir, `${articlePath}.tags.yaml`), sidecarText(articlePath));
  }
  return dir;
}

/** An expected output file of test/fixtures/exchange/expected/. */
export function expected(name: string): string {
  return fs.readFileSync(fixturePath('exchange', 'expected', name), 'utf8');
}

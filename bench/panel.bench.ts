/**
 * Side-panel figures for a large workspace: 100 sidecars of 100 tags each (10,000 tags).
 * What the panel does at that size: read every sidecar in the background, then build the
 * top level, filter, and walk the reading order for Next Tag. Prints figures only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KindRegistry } from '../src/core/kinds';
import { SidecarFile, serialiseSidecar } from '../src/core/sidecar';
import { countKinds, readingOrder, sortArticles, stepTag, tagMatcher, type ArticleTagList } from '../src/core/tagIndex';
import { createTag, reanchorTags, sortTags, type Tag } from '../src/core/tags';
import { repoRoot } from '../test/support/paths';
import { report, time } from './measure';

const ARTICLES = 100;
const TAGS_PER_ARTICLE = 100;

function sampleTexts(): string[] {
  const dir = path.join(repoRoot, 'samples');
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((n) => fs.readFileSync(path.join(dir, n), 'utf8'));
}

function tagsFor(text: string, seed: number): Tag[] {
  const tags: Tag[] = [];
  const stride = Math.floor((text.length - 80) / TAGS_PER_ARTICLE);
  for (let i = 0; i < TAGS_PER_ARTICLE; i++) {
    const start = i * stride;
    tags.push(createTag(tags, {
      kind: ['claim', 'speculation', 'attribution', 'opinion'][(i + seed) % 4],
      text,
      start,
      end: start + 25 + (i % 40),
      author: i % 7 === 0 ? 'Grace' : 'Ada',
      note: i % 5 === 0 ? `Check source ${i}` : undefined,
      now: new Date('2026-11-22T09:00:00Z'),
    }));
  }
  return sortTags(tags);
}

export function run(): void {
  const samples = sampleTexts();
  // Articles long enough to hold 100 tags: each sample three times over.
  const articles = Array.from({ length: ARTICLES }, (_, i) => [samples[i % samples.length], samples[(i + 1) % samples.length], samples[(i + 2) % samples.length]].join('\n'));
  const sidecars = articles.map((text, i) => serialiseSidecar(`article-${i}.txt`, tagsFor(text, i)));
  const megabytes = sidecars.reduce((sum, s) => sum + s.length, 0) / 1e6;
  console.log(`  ${ARTICLES} sidecars × ${TAGS_PER_ARTICLE} tags (${(megabytes).toFixed(1)} MB of YAML)`);

  let lists: ArticleTagList[] = [];
  const load = time(() => {
    lists = sidecars.map((yaml, i) => {
      const file = SidecarFile.parse(yaml);
      return { key: `file:///ws/article-${i}.txt`, label: `desk/article-${i}.txt`, tags: reanchorTags(file.tags, articles[i]) };
    });
  }, 3, 1);
  report('read + anchor all 100 sidecars (background, total)', load.median, 'ms');
  report('  per sidecar (the view fills in after each)', load.median / ARTICLES, 'ms');

  const registry = KindRegistry.defaults;
  const top = time(() => sortArticles(lists).map((l) => countKinds(l.tags, registry)), 50);
  report('top level: files with kind counts', top.median, 'ms', { max: 16 });
  const filtered = time(() => readingOrder(lists, tagMatcher({ kinds: ['claim', 'opinion'], text: 'the' })), 50);
  report('filter by two kinds and text, all 10,000 tags', filtered.median, 'ms', { max: 16 });
  const order = readingOrder(lists, tagMatcher({}));
  const labels = new Map(lists.map((l) => [l.key, l.label]));
  const step = time(() => stepTag(order, lists[50].key, 1000, 1, (k) => labels.get(k) ?? k), 200);
  report('Next Tag from the middle of the workspace', step.median, 'ms', { max: 5 });
  const one = time(() => {
    const file = SidecarFile.parse(sidecars[7]);
    reanchorTags(file.tags, articles[7]);
  }, 20);
  report('re-read one changed sidecar (100 tags)', one.median, 'ms', { max: 50 });
}

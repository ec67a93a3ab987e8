/**
 * Sidecar figures: loading and anchoring a heavily annotated article's sidecar, writing one
 * tag change, and a 10,000-tag sidecar for scale. Prints figures; `BENCHMARKS.md` explains them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SidecarFile, serialiseSidecar } from '../src/core/sidecar';
import { LineIndex } from '../src/core/position';
import { createTag, reanchorTags, sortTags, type Tag } from '../src/core/tags';
import { report, time } from './measure';

/** The sample articles joined into one long article (about 30 kB, 130 paragraphs). */
function loadArticle(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const samples = path.join(dir, 'samples');
    if (fs.existsSync(samples)) {
      return fs
        .readdirSync(samples)
        .filter((name) => name.endsWith('.txt'))
        .sort()
        .map((name) => fs.readFileSync(path.join(samples, name), 'utf8'))
        .join('\n');
    }
    if (path.dirname(dir) === dir) throw new Error('samples/ not found');
  }
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

/** `count` tags of 20 to 120 code units spread over the article, a third with notes. */
function makeTags(article: string, count: number): Tag[] {
  const random = seeded(count);
  const lines = new LineIndex(article);
  const tags: Tag[] = [];
  const stride = Math.max(1, Math.floor((article.length - 150) / count));
  for (let i = 0; i < count; i++) {
    const start = i * stride + Math.floor(random() * Math.min(stride, 30));
    const end = Math.min(article.length, start + 20 + Math.floor(random() * 100));
    const note = i % 3 === 0 ? `Checked against the wire copy (${i}).\nSecond line of the note.` : undefined;
    tags.push(createTag([], { kind: ['claim', 'speculation', 'attribution', 'opinion'][i % 4], text: article, start, end, author: 'Ada Lovelace', note, random, lines, now: new Date('2026-11-22T09:00:00Z') }));
  }
  return sortTags(tags);
}

/**
 * The article after an edit outside the editor: a paragraph added at the top (every offset
 * moves), one sentence reworded in each of ten paragraphs (some tags go fuzzy or orphan).
 */
function editOutside(article: string): string {
  const paragraphs = article.split('\n');
  for (let i = 3; i < paragraphs.length; i += Math.floor(paragraphs.length / 10)) {
    paragraphs[i] = paragraphs[i].replace(/ the /, ' a ').replace(/, /, ' — ');
  }
  return `UPDATE, 22 November: this article was revised after publication.\n${paragraphs.join('\n')}`;
}

function loadFigures(article: string, count: number, runs: number, target: number | undefined): void {
  const tags = makeTags(article, count);
  const text = serialiseSidecar('article.txt', tags);
  const changed = editOutside(article);
  const load = (articleText: string) => () => reanchorTags(SidecarFile.parse(text).tags, articleText);
  const statuses = reanchorTags(SidecarFile.parse(text).tags, changed).reduce((counts, tag) => ({ ...counts, [tag.status]: (counts[tag.status] ?? 0) + 1 }), {} as Record<string, number>);
  console.log(`  ${count} tags: sidecar ${(text.length / 1024).toFixed(0)} kB; after the outside edit: ${Object.entries(statuses).map(([s, n]) => `${n} ${s}`).join(', ')}`);
  report(`load + anchor ${count} tags, article unchanged (median)`, time(load(article), runs).median, 'ms', target === undefined ? undefined : { max: target });
  report(`load + anchor ${count} tags, article edited outside (median)`, time(load(changed), runs).median, 'ms', target === undefined ? undefined : { max: target });
  report(`  of which parse only (median)`, time(() => SidecarFile.parse(text), runs).median, 'ms');
}

export function run(): void {
  const article = loadArticle();
  console.log(`  article: ${article.length} UTF-16 code units`);

  loadFigures(article, 200, 20, 100);
  loadFigures(article, 1000, 7, 500);

  const tags = makeTags(article, 200);
  const file = SidecarFile.parse(serialiseSidecar('article.txt', tags));
  let round = 0;
  const write = time(() => {
    const tag = tags[(round * 37) % tags.length];
    file.update({ ...tag, note: `Edited note, round ${round++}`, updated: '2026-11-23T10:00:00Z' });
    return file.toString();
  }, 50);
  report('write one tag change, 200 tags (update + toString, median)', write.median, 'ms', { max: 50 });
  report('write one tag change, 200 tags (p95)', write.p95, 'ms');

  // 5,000 tags: near the most a sidecar may hold (see src/core/sidecar/bounds.ts).
  const many = makeTags(`${article}\n`.repeat(6), 5_000);
  const big = serialiseSidecar('article.txt', many);
  console.log(`  5,000 tags (for scale): sidecar ${(big.length / 1024 / 1024).toFixed(1)} MB`);
  const bigFile = SidecarFile.parse(big);
  report('  parse 5,000 tags', time(() => SidecarFile.parse(big), 3, 1).median, 'ms');
  let bigRound = 0;
  report('  one tag change + toString, 5,000 tags', time(() => {
    bigFile.update({ ...many[bigRound % many.length], note: `round ${bigRound++}` });
    return bigFile.toString();
  }, 3, 1).median, 'ms');
}

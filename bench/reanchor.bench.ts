/**
 * Re-anchoring speed on the load path: 300 short tags (a name, a figure) found again in an
 * article of 100 kB and of 1 MB, unchanged and after an outside edit that moves every
 * offset and rewords ten passages. `npm run bench -- reanchor`; BENCHMARKS.md explains it.
 */
import { LineIndex } from '../src/core/position';
import { createTag, reanchorTags, sortTags, type Tag } from '../src/core/tags';
import { buildCorpus, seededRandom } from './corpus';
import { report, time } from './measure';

/** `count` tags on names and figures spread evenly over the article. */
function shortTags(article: string, count: number): Tag[] {
  const random = seededRandom(count);
  const lines = new LineIndex(article);
  const spans: Array<[number, number]> = [];
  for (const m of article.matchAll(/\b\p{Lu}\p{Ll}{2,}\b|\d[\d,.]*\d/gu)) spans.push([m.index, m.index + m[0].length]);
  const tags: Tag[] = [];
  const stride = spans.length / count;
  for (let i = 0; i < count; i++) {
    const [start, end] = spans[Math.floor(i * stride)];
    tags.push(createTag(tags, { kind: i % 2 ? 'claim' : 'attribution', text: article, start, end, author: 'Ada Lovelace', random, lines, now: new Date('2026-11-22T09:00:00Z') }));
  }
  return sortTags(tags);
}

/** A paragraph added on top (every offset moves) and one sentence reworded in each of ten places. */
function editOutside(article: string): string {
  let text = `UPDATE, 22 November: this article was revised after publication.\n${article}`;
  for (let i = 1; i <= 10; i++) {
    const at = text.indexOf(' the ', Math.floor((text.length * i) / 11));
    if (at >= 0) text = `${text.slice(0, at)} a ${text.slice(at + 5)}`;
  }
  return text;
}

function statuses(tags: readonly Tag[]): string {
  const counts = new Map<string, number>();
  for (const tag of tags) counts.set(tag.status, (counts.get(tag.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
}

export function run(): void {
  for (const [label, bytes, target, runs] of [
    ['100 kB', 100 * 1024, 100, 15],
    ['1 MB', 1024 * 1024, 500, 5],
  ] as const) {
    const article = buildCorpus(bytes);
    const tags = shortTags(article, 300);
    const edited = editOutside(article);
    console.log(`  ${label} article (${article.length.toLocaleString('en')} code units), 300 tags; after the edit: ${statuses(reanchorTags(tags, edited))}`);
    for (const [what, text] of [
      ['unchanged', article],
      ['edited outside', edited],
    ] as const) {
      const timing = time(() => reanchorTags(tags, text), runs, 2);
      report(`re-anchor 300 short tags, ${label}, ${what} (median, wall)`, timing.median, 'ms', { max: target });
      report(`  fastest of ${runs} runs (wall)`, timing.best, 'ms', { max: target });
      report(`  processor time (median)`, timing.cpuMedian, 'ms', { max: target });
    }
  }
}

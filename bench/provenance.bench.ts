/**
 * Re-anchoring judged by character provenance over many random outside-edit sequences: how
 * many tags land on their own passage, on another one (with or without a flag), or are
 * orphaned. The generator is test/support/provenance.ts, the same as the property test's;
 * this runs it at scale. `npm run bench -- provenance`; NEWS_ANNOTATOR_PROVENANCE_RUNS sets
 * the number of sequences per mode (default 10,000). BENCHMARKS.md explains the figures.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type EditKind, emptyTally, runSequence, type Tally } from '../test/support/provenance';

/** The sample articles, found from the bundle's folder or the working directory. */
function articles(): string[] {
  for (const from of [__dirname, process.cwd()]) {
    for (let dir = from; ; dir = path.dirname(dir)) {
      const samples = path.join(dir, 'samples');
      if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(samples)) {
        return fs
          .readdirSync(samples)
          .filter((name) => name.endsWith('.txt'))
          .sort()
          .map((name) => fs.readFileSync(path.join(samples, name), 'utf8'));
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error('samples/ not found: run the benchmark from the repository');
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(3)} %`;
}

function print(mode: string, tally: Tally, ms: number): void {
  const c = tally.counts;
  console.log(`  ${mode}: ${tally.sequences.toLocaleString('en')} sequences, ${tally.checks.toLocaleString('en')} tag checks, ${(ms / 1000).toFixed(0)} s`);
  console.log(`    anchored on its own passage        ${String(c['anchored-right']).padStart(8)}  ${percent(c['anchored-right'], tally.checks)}`);
  console.log(`    anchored on another passage        ${String(c['anchored-wrong']).padStart(8)}  ${percent(c['anchored-wrong'], tally.checks)}   ← must be 0`);
  console.log(`    anchored on an indistinguishable twin ${String(c['anchored-twin']).padStart(5)}  ${percent(c['anchored-twin'], tally.checks)}`);
  console.log(`    fuzzy on its own passage           ${String(c['fuzzy-right']).padStart(8)}  ${percent(c['fuzzy-right'], tally.checks)}`);
  console.log(`    fuzzy on another passage (flagged) ${String(c['fuzzy-wrong']).padStart(8)}  ${percent(c['fuzzy-wrong'], tally.checks)}`);
  console.log(`    orphan                             ${String(c.orphan).padStart(8)}  ${percent(c.orphan, tally.checks)}  (${tally.needlessOrphans} with their text still whole in the article)`);
  for (const wrong of tally.wrong.slice(0, 5)) {
    console.log(`    wrong: seed ${wrong.seed}, step ${wrong.step} (${wrong.edits.join(', ')}): “${wrong.exact.slice(0, 60)}”`);
  }
}

export function run(): void {
  const runs = Number(process.env.NEWS_ANNOTATOR_PROVENANCE_RUNS ?? 10_000);
  const texts = articles();
  for (const mode of ['once', 'resave'] as const) {
    const tally = emptyTally();
    const started = Date.now();
    for (let seed = 1; seed <= runs; seed++) {
      // 1 to 10 edits per sequence, 10 tags each, the article chosen by the seed.
      runSequence(texts[seed % texts.length], seed, { steps: 1 + ((seed * 7919) % 10), tags: 10, mode }, tally);
    }
    print(mode === 'once' ? 'found again from the tags as first stored' : 'written back after every edit', tally, Date.now() - started);
  }
  // Edits that change no word: every tag should stay anchored on its own passage.
  const tally = emptyTally();
  const started = Date.now();
  for (let seed = 1; seed <= runs / 5; seed++) {
    runSequence(texts[seed % texts.length], seed, { steps: 1 + ((seed * 7919) % 10), tags: 10, mode: 'resave', kinds: LAYOUT }, tally);
  }
  print(`only edits that change no word (${LAYOUT.join(', ')}), written back`, tally, Date.now() - started);
}

const LAYOUT: EditKind[] = ['rewrap', 'whitespace', 'crlf'];

/**
 * What reading a sidecar costs, for real sidecars and for crafted or unlucky ones: each file
 * is read in a process of its own, so its processor time and the peak memory it took (above
 * the process with the file's text already in memory) are its own. Target: at most 1 s of
 * processor time per MB and 200 MB of memory, or refused before parsing with a problem.
 * `npm run bench -- sidecarBounds`; BENCHMARKS.md explains the figures.
 */
import { fork } from 'node:child_process';
import { parseSidecar, serialiseSidecar } from '../src/core/sidecar';
import { createTag, sortTags, type Tag } from '../src/core/tags';
import { seededRandom } from './corpus';

const CASE = 'NEWS_ANNOTATOR_BOUNDS_CASE';

function tagsFile(count: number): string {
  const random = seededRandom(count);
  const text = 'The minister said that about 40 people were hurt in the blast, officials in the capital confirmed on Tuesday. '.repeat(60);
  const tags: Tag[] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.floor(random() * (text.length - 120));
    const end = start + 5 + Math.floor(random() * 100);
    const note = i % 3 === 0 ? `Checked against the wire copy (${i}).\nSecond line.` : undefined;
    tags.push(createTag(tags, { kind: 'claim', text, start, end, author: 'Ada Lovelace', note, random, now: new Date('2026-11-22T09:00:00Z') }));
  }
  return serialiseSidecar('article.txt', sortTags(tags));
}

/** The files read, by name: what they are and how to make them. */
const FILES: Array<[string, string, () => string]> = [
  ['tags-1000', 'a sidecar of 1,000 tags', () => tagsFile(1000)],
  ['tags-5000', 'a sidecar of 5,000 tags', () => tagsFile(5000)],
  ['keys-40000', 'a mapping of 40,000 keys', () => `version: 1\n${Array.from({ length: 40_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`],
  ['keys-80000', 'a mapping of 80,000 keys', () => `version: 1\n${Array.from({ length: 80_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`],
  ['flow-2mb', 'x: [1,1,1,…] of 2 MB', () => `x: [${'1,'.repeat(1_000_000)}1]\n`],
  ['flow-19mb', 'x: [1,1,1,…] of 19 MB', () => `x: [${'1,'.repeat(10_000_000)}1]\n`],
  ['deep-100000', '100,000-deep [[[…]]]', () => `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ['dashes-100000', '100,000 nested "- - - …"', () => `${'- '.repeat(100_000)}a\n`],
  ['closers-1m', '1,000,000 stray "]"', () => ']'.repeat(1_000_000)],
  ['quotes-3mb', '3 MB of \'"\'', () => '"'.repeat(3 * 1024 * 1024)],
  ['literal-3mb', 'a 3 MB block literal', () => `version: 1\nx: |\n${'  a long note that runs on and on\n'.repeat(90_000)}`],
];

interface Measured {
  name: string;
  megabytes: number;
  cpuMs: number;
  peakMb: number;
  problem: string;
}

/** In the child: reads one file and reports. The reader is warmed up first, as it is in an editor that has read a sidecar before. */
function measureOne(name: string): void {
  const warm = tagsFile(100);
  for (let i = 0; i < 5; i++) parseSidecar(warm);
  const text = FILES.find(([n]) => n === name)![2]();
  const before = process.memoryUsage().rss;
  const c0 = process.cpuUsage();
  const parsed = parseSidecar(text);
  const cpu = process.cpuUsage(c0);
  const peak = Math.max(process.resourceUsage().maxRSS * 1024, process.memoryUsage().rss) - before;
  const error = parsed.problems.find((p) => p.severity === 'error');
  const result: Measured = {
    name,
    megabytes: text.length / (1024 * 1024),
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakMb: peak / (1024 * 1024),
    problem: error ? `${error.code}${error.code === 'yaml-syntax' ? '' : ` (line ${error.line + 1})`}` : `read: ${parsed.tags.length} tags`,
  };
  process.send!(result, () => process.disconnect());
}

function measureInChild(name: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { env: { ...process.env, [CASE]: name }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => resolve(message as Measured));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`${name}: the reading process ended with code ${code}`))));
  });
}

export async function run(): Promise<void> {
  console.log('  file                                size       processor time   per MB      peak memory   outcome');
  for (const [name, label] of FILES) {
    const m = await measureInChild(name);
    const perMb = m.cpuMs / Math.max(m.megabytes, 1 / 1024);
    const withinTime = m.cpuMs <= Math.max(1000 * m.megabytes, 50);
    const verdict = withinTime && m.peakMb <= 200 ? '✓' : '✗';
    console.log(
      `  ${label.padEnd(34)} ${m.megabytes.toFixed(2).padStart(6)} MB ${m.cpuMs.toFixed(0).padStart(9)} ms ${perMb.toFixed(0).padStart(8)} ms/MB ${m.peakMb.toFixed(0).padStart(9)} MB   ${verdict} ${m.problem}`,
    );
  }
}

if (process.env[CASE]) measureOne(process.env[CASE]);

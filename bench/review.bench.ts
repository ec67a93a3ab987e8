/**
 * Review figures: `check` of a workspace of 1,000 articles with 10 tags each, `diff` of that
 * workspace between two revisions, and the merge driver on a 1,000-tag sidecar. Each runs
 * the shipped command line (`dist/cli.js`, production build) in a child process, so the
 * figures include starting Node, as in CI. BENCHMARKS.md explains them.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineIndex } from '../src/core/position';
import { writeCanonical } from '../src/core/review/canonical';
import { CanonicalCodec } from '../src/core/review/codec';
import { SidecarFile } from '../src/core/sidecar';
import { changeKind, createTag, editNote, sortTags, type Tag } from '../src/core/tags';
import { setFields } from '../src/core/tagFields';
import { report, time } from './measure';

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'esbuild.mjs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('repository root not found');
  }
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

/** `count` tags of 20 to 80 code units spread over the text, a third with notes, claims with a verdict. */
function makeTags(text: string, count: number, random: () => number): Tag[] {
  const lines = new LineIndex(text);
  const tags: Tag[] = [];
  const stride = Math.floor((text.length - 100) / count);
  for (let i = 0; i < count; i++) {
    const start = i * stride + Math.floor(random() * 10);
    const end = start + 20 + Math.floor(random() * 60);
    const note = i % 3 === 0 ? `Checked against the wire copy (${i}).` : undefined;
    const kind = ['claim', 'speculation', 'attribution', 'opinion'][i % 4];
    let tag = createTag(tags, { kind, text, start, end, author: 'Ada Lovelace', note, random, lines, now: new Date('2026-11-22T09:00:00Z') });
    if (kind === 'claim') tag = setFields([tag], tag.id, { verdict: 'accurate' }, new Date('2026-11-22T09:05:00Z'))[0];
    tags.push(tag);
  }
  return sortTags(tags);
}

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

/**
 * Processor time (user + system) used so far by this process's finished children, in ms,
 * from /proc (the kernel counts it in clock ticks, 10 ms here); undefined off Linux.
 */
function childrenCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

interface CliTiming {
  /** Wall-clock times in ms: median and fastest. */
  readonly median: number;
  readonly min: number;
  /** Processor time of the child (user + system) in ms: median and least, if known. */
  readonly cpuMedian?: number;
  readonly cpuMin?: number;
  readonly code: number | null;
}

/** Runs the CLI `runs` times (after one untimed run); wall and processor times, and the last exit code. */
function timeCli(cli: string, args: string[], cwd: string, runs: number, before?: () => void): CliTiming {
  const samples: number[] = [];
  const cpu: number[] = [];
  let code: number | null = null;
  for (let i = 0; i < runs + 1; i++) {
    before?.();
    const c0 = childrenCpuMs();
    const t0 = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const c1 = childrenCpuMs();
    code = result.status;
    if (result.status !== 0 && result.status !== 1) throw new Error(`news-annotator ${args.join(' ')} failed: ${result.stderr}`);
    if (i === 0) continue; // the first run warms the file system cache
    samples.push(ms);
    if (c0 !== undefined && c1 !== undefined) cpu.push(c1 - c0);
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const middle = (values: number[]): number | undefined => (values.length > 0 ? values[Math.floor(values.length / 2)] : undefined);
  return { median: middle(samples)!, min: samples[0], cpuMedian: middle(cpu), cpuMin: cpu[0], code };
}

/** Prints a command's figure: the median wall time against its target, with the fastest run and the processor time. */
function reportCli(label: string, timing: CliTiming, max?: number): void {
  const cpu = timing.cpuMedian === undefined ? '' : `; cpu ${timing.cpuMedian.toFixed(0)}, min ${timing.cpuMin!.toFixed(0)}`;
  report(`${label} (median; min ${timing.min.toFixed(0)}${cpu})`, timing.median, 'ms', max === undefined ? undefined : { max });
}

export function run(): void {
  const root = repoRoot();
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(build.stderr);
  const cli = path.join(root, 'dist', 'cli.js');
  const samples = fs
    .readdirSync(path.join(root, 'samples'))
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => fs.readFileSync(path.join(root, 'samples', name), 'utf8'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-annotator-bench-'));
  try {
    // 1,000 articles in 10 folders, each a sample article with its figures varied, 10 tags each.
    const random = seeded(20261122);
    const workspace = path.join(dir, 'newsroom');
    const sidecars: Array<{ file: string; article: string; text: string; tags: Tag[] }> = [];
    for (let i = 0; i < 1000; i++) {
      const folder = path.join(workspace, `desk-${i % 10}`);
      fs.mkdirSync(folder, { recursive: true });
      const text = samples[i % samples.length].replace(/\d/g, (d) => String((Number(d) + i) % 10));
      const name = `story-${String(i).padStart(4, '0')}.txt`;
      const tags = makeTags(text, 10, random);
      fs.writeFileSync(path.join(folder, name), text);
      const file = path.join(folder, `${name}.tags.yaml`);
      fs.writeFileSync(file, writeCanonical({ article: name, tags }));
      sidecars.push({ file, article: name, text, tags });
    }
    // The team's conventions declare the verdict the claims carry.
    fs.writeFileSync(path.join(workspace, '.news-annotator.yaml'), 'version: 1\nkinds:\n  claim:\n    fields:\n      verdict: {type: enum, values: [accurate, misleading, inaccurate, unsupported]}\n');
    const bytes = sidecars.reduce((sum, s) => sum + fs.statSync(s.file).size, 0);
    console.log(`  workspace: 1,000 articles in 10 folders, 10,000 tags, ${(bytes / 1024 / 1024).toFixed(1)} MB of sidecars`);
    git(workspace, 'init', '-q', '-b', 'main');
    git(workspace, 'add', '-A');
    git(workspace, '-c', 'user.name=Bench', '-c', 'user.email=bench@example.org', 'commit', '-qm', 'first revision');

    const check = timeCli(cli, ['check'], workspace, 5);
    reportCli('check, 1,000 articles × 10 tags', check, 2000);

    // The second revision changes every sidecar: a verdict, a note, a kind, or a new tag.
    const later = new Date('2026-11-23T10:00:00Z');
    for (const [i, sidecar] of sidecars.entries()) {
      let tags = sidecar.tags;
      const tag = tags[i % tags.length];
      if (i % 4 === 0) tags = setFields(tags, tag.id, { verdict: 'misleading' }, later);
      else if (i % 4 === 1) tags = editNote(tags, tag.id, 'Revised after the correction.', later);
      else if (i % 4 === 2) tags = changeKind(tags, tag.id, 'opinion', later);
      else tags = [...tags, createTag(tags, { kind: 'claim', text: sidecar.text, start: 5, end: 25, author: 'Grace Hopper', random, now: later })];
      fs.writeFileSync(sidecar.file, writeCanonical({ article: sidecar.article, tags }));
    }
    git(workspace, 'add', '-A');
    git(workspace, '-c', 'user.name=Bench', '-c', 'user.email=bench@example.org', 'commit', '-qm', 'second revision');
    const diff = timeCli(cli, ['diff', 'HEAD~1..HEAD'], workspace, 5);
    reportCli('diff HEAD~1..HEAD, every sidecar changed', diff, 3000);
    const markdown = timeCli(cli, ['diff', '--format', 'markdown', 'HEAD~1..HEAD'], workspace, 5);
    reportCli('diff --format markdown, the same', markdown, 3000);

    // A 1,000-tag sidecar changed on two branches: 100 tags edited on each side, 20 added on each.
    const long = samples.join('\n').repeat(2);
    const base = makeTags(long, 1000, random);
    let ours = base;
    let theirs = base;
    for (let i = 0; i < 100; i++) {
      ours = editNote(ours, base[i * 10].id, `Ours ${i}`, later);
      theirs = changeKind(theirs, base[i * 10 + 5].id, 'opinion', later);
    }
    for (let i = 0; i < 20; i++) {
      ours = [...ours, createTag(ours, { kind: 'claim', text: long, start: i * 97, end: i * 97 + 30, author: 'A', random, now: later })];
      theirs = [...theirs, createTag(theirs, { kind: 'claim', text: long, start: i * 89 + 7, end: i * 89 + 40, author: 'B', random, now: later })];
    }
    // The review commands' reader against the yaml library, in this process (warm).
    const ten = fs.readFileSync(sidecars[0].file, 'utf8');
    const yamlTen = time(() => SidecarFile.parse(ten), 200, 20);
    const codecTen = time(() => new CanonicalCodec().read(ten), 200, 20);
    report(`read a 10-tag sidecar: yaml (SidecarFile.parse; cpu ${yamlTen.cpuMedian.toFixed(2)})`, yamlTen.median, 'ms');
    report(`read a 10-tag sidecar: fast codec (cpu ${codecTen.cpuMedian.toFixed(3)})`, codecTen.median, 'ms');
    const longText = writeCanonical({ article: 'long.txt', tags: base });
    const yamlLong = time(() => SidecarFile.parse(longText), 10, 2);
    const codecLong = time(() => new CanonicalCodec().read(longText), 10, 2);
    const writeLong = time(() => SidecarFile.create({ article: 'long.txt', tags: [...base] }).toString(), 10, 2);
    const codecWriteLong = time(() => new CanonicalCodec().write({ article: 'long.txt', tags: base }), 10, 2);
    report(`read a 1,000-tag sidecar: yaml (cpu ${yamlLong.cpuMedian.toFixed(1)})`, yamlLong.median, 'ms');
    report(`read a 1,000-tag sidecar: fast codec (cpu ${codecLong.cpuMedian.toFixed(1)})`, codecLong.median, 'ms');
    report(`write a 1,000-tag sidecar: yaml (cpu ${writeLong.cpuMedian.toFixed(1)})`, writeLong.median, 'ms');
    report(`write a 1,000-tag sidecar: fast codec (cpu ${codecWriteLong.cpuMedian.toFixed(1)})`, codecWriteLong.median, 'ms');

    const mergeDir = path.join(dir, 'merge');
    fs.mkdirSync(mergeDir);
    const texts = { base: writeCanonical({ article: 'long.txt', tags: base }), ours: writeCanonical({ article: 'long.txt', tags: ours }), theirs: writeCanonical({ article: 'long.txt', tags: theirs }) };
    for (const [name, text] of Object.entries(texts)) fs.writeFileSync(path.join(mergeDir, `${name}.yaml`), text);
    console.log(`  merge: 1,000-tag sidecar (${(texts.base.length / 1024).toFixed(0)} kB), 100 tags changed and 20 added on each side`);
    const merge = timeCli(cli, ['merge-file', 'base.yaml', 'ours.yaml', 'theirs.yaml'], mergeDir, 7, () => fs.writeFileSync(path.join(mergeDir, 'ours.yaml'), texts.ours));
    reportCli('merge-file, clean', merge, 200);
    const conflicting = setFields(ours, base[3].id, { verdict: 'inaccurate' }, later);
    const theirsConflict = setFields(theirs, base[3].id, { verdict: 'misleading' }, later);
    const conflictTexts = { ours: writeCanonical({ article: 'long.txt', tags: conflicting }), theirs: writeCanonical({ article: 'long.txt', tags: theirsConflict }) };
    fs.writeFileSync(path.join(mergeDir, 'theirs2.yaml'), conflictTexts.theirs);
    const conflict = timeCli(cli, ['merge-file', 'base.yaml', 'ours.yaml', 'theirs2.yaml'], mergeDir, 7, () => fs.writeFileSync(path.join(mergeDir, 'ours.yaml'), conflictTexts.ours));
    reportCli('merge-file, one conflict marked', conflict, 200);
    // A side the fast codec does not read (a comment someone added): that side goes through yaml.
    const commented = texts.ours.replace('tags:\n', 'tags:\n  # checked against the wire copy\n');
    const slow = timeCli(cli, ['merge-file', 'base.yaml', 'ours.yaml', 'theirs.yaml'], mergeDir, 5, () => fs.writeFileSync(path.join(mergeDir, 'ours.yaml'), commented));
    reportCli('merge-file, ours has a comment (read by yaml)', slow);
    const startup = timeCli(cli, ['--version'], root, 7);
    reportCli('  of which starting node and the bundle (--version)', startup);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root });
  }
}

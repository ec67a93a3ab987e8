/**
 * Detection throughput on a 10 MB corpus, and the cost of re-detecting after a
 * one-character edit in a 1 MB document. Prints figures; `BENCHMARKS.md` explains them.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { type DetectOptions, type DetectionKind, IncrementalDetector, type TextChange, detect } from '../src/core/detect';
import { buildCorpus, seededRandom } from './corpus';
import { report, time } from './measure';
import { asMarkdown, hardWrap } from '../test/support/text';

const MB = 1024 * 1024;

/** Prints the median throughput of `runs` runs with its target, then the best run's and the median by processor time. */
export function throughput(label: string, bytes: number, fn: () => unknown, runs: number, target?: number): void {
  const t = time(fn, runs, 2);
  report(label, bytes / MB / (t.median / 1000), 'MB/s', target !== undefined ? { min: target } : undefined);
  report(`  best of ${runs}`, bytes / MB / (t.best / 1000), 'MB/s');
  // On a machine shared with other work, the processor time the runs took shows the code's
  // own cost without the waits for a core.
  report('  by processor time (median)', bytes / MB / (t.cpuMedian / 1000), 'MB/s');
}

/** The edit that undoes `edit` made to `doc`. */
function undo(doc: string, edit: TextChange): TextChange {
  return edit.text.length > 0
    ? { rangeOffset: edit.rangeOffset, rangeLength: edit.text.length, text: '' }
    : { rangeOffset: edit.rangeOffset, rangeLength: 0, text: doc.slice(edit.rangeOffset, edit.rangeOffset + edit.rangeLength) };
}

/** A one-character edit somewhere in a text of `length`: typing a letter, a digit, a quote mark, Enter, or deleting. */
function randomEdit(length: number, random: () => number): { rangeOffset: number; rangeLength: number; text: string } {
  const offset = Math.floor(random() * length);
  const r = random();
  if (r < 0.2) return { rangeOffset: offset, rangeLength: 1, text: '' };
  const typed = r < 0.55 ? 'e' : r < 0.7 ? ' ' : r < 0.8 ? '7' : r < 0.9 ? '\u201c' : r < 0.95 ? '"' : '\n';
  return { rangeOffset: offset, rangeLength: 0, text: typed };
}

/** The garbage collector, for measuring what a result keeps alive (null if it cannot be had). */
function exposeGc(): (() => void) | null {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];
}

/** Random one-character edits in `doc`, timed; then whether the result equals a full scan. */
function editing(doc: string, form: string, options: DetectOptions): void {
  const docBytes = Buffer.byteLength(doc, 'utf8');
  const detector = new IncrementalDetector(doc, options);
  const random = seededRandom(7);
  const edits = 2000;
  const applyTimes: number[] = [];
  const visibleTimes: number[] = [];
  const warmup = 200;
  // Each edit is undone by the next (typing a character, then deleting it): the document
  // stays what it was, so that random edits do not pile up into damage no writer leaves for
  // long (a deleted closing code fence turns the rest of a Markdown document into code).
  let applied = 0;
  const timed = (edit: TextChange, n: number): void => {
    applied++;
    const t0 = process.hrtime.bigint();
    const changed = detector.applyChanges([edit]);
    const t1 = process.hrtime.bigint();
    // What an editor redraws: the visible lines around the edit (about 60 lines of prose).
    const from = Math.max(0, Math.min(changed.changedFrom, edit.rangeOffset - 3000));
    detector.detectionsIn(from, Math.max(changed.changedTo, edit.rangeOffset + 3000));
    const t2 = process.hrtime.bigint();
    if (n >= warmup) {
      applyTimes.push(Number(t1 - t0) / 1e6);
      visibleTimes.push(Number(t2 - t0) / 1e6);
    }
  };
  for (let n = 0; n < edits / 2 + warmup; n++) {
    const edit = randomEdit(doc.length, random);
    timed(edit, n);
    timed(undo(doc, edit), n);
  }
  applyTimes.sort((a, b) => a - b);
  visibleTimes.sort((a, b) => a - b);
  console.log(`  ${edits} random one-character edits (each undone by the next) in a ${(docBytes / MB).toFixed(2)} MB document, ${form} (${detector.paragraphCount} paragraphs):`);
  report('applyChanges, median', percentile(applyTimes, 0.5), 'ms', { max: 1 });
  report('applyChanges, 95th percentile', percentile(applyTimes, 0.95), 'ms');
  report('applyChanges + detectionsIn(visible range), median', percentile(visibleTimes, 0.5), 'ms', { max: 1 });
  report('applyChanges + detectionsIn(visible range), 95th percentile', percentile(visibleTimes, 0.95), 'ms');
  report('applyChanges + detectionsIn(visible range), worst', visibleTimes[visibleTimes.length - 1], 'ms');

  let pending: TextChange | null = null;
  const fullRead = time(() => {
    const edit = pending ?? randomEdit(doc.length, random);
    pending = pending ? null : undo(doc, edit);
    applied++;
    detector.applyChanges([edit]);
    return detector.detections.length;
  }, 20, 4);
  report('applyChanges + reading all `detections` (materialised)', fullRead.median, 'ms');
  if (pending) {
    applied++;
    detector.applyChanges([pending]);
  }
  const text = detector.text;
  report('full detect() of the same document, for comparison', time(() => detect(text, options), 10, 2).median, 'ms');
  const same = JSON.stringify(detector.detections) === JSON.stringify(detect(text, options));
  console.log(`  incremental result equals a full scan after ${applied} edits: ${same ? 'yes' : 'NO'}`);
}

export function run(): void {
  const corpus = buildCorpus(10 * MB);
  const bytes = Buffer.byteLength(corpus, 'utf8');
  const found = detect(corpus);
  const counts = new Map<string, number>();
  for (const d of found) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
  console.log(`  corpus: ${(bytes / MB).toFixed(2)} MB UTF-8, ${corpus.length} UTF-16 units, ${found.length} detections (` +
    [...counts].map(([k, n]) => `${k} ${n}`).join(', ') + ')');

  throughput('bare regex pass /["\u201c\u201d]/g (for scale)', bytes, () => corpus.match(/["\u201c\u201d]/g)?.length, 10);
  throughput('detect: quotes + numbers + attributions + cues', bytes, () => detect(corpus), 10, 120);
  for (const kind of ['quote', 'number', 'attribution', 'cue'] as DetectionKind[]) {
    throughput(`detect: ${kind} only`, bytes, () => detect(corpus, { kinds: new Set([kind]) }), 5);
  }
  // The same text hard-wrapped at 72 columns with blank lines between paragraphs, as plain
  // text and Markdown often are: twice as many (shorter) paragraphs, and quotes over lines.
  const wrapped = hardWrap(corpus, 72);
  throughput('detect: the same text hard-wrapped at 72 columns', Buffer.byteLength(wrapped, 'utf8'), () => detect(wrapped), 5, 100);
  // And as Markdown articles: front matter, headings, code, HTML, links and emphasis, the
  // prose hard-wrapped at 72 columns.
  const markdown = asMarkdown(corpus, 72).text;
  throughput('detect: the same text as Markdown, hard-wrapped at 72', Buffer.byteLength(markdown, 'utf8'), () => detect(markdown, { format: 'markdown' }), 5, 100);
  const incrementalBuild = time(() => new IncrementalDetector(corpus), 3, 1);
  report('IncrementalDetector construction, 10 MB', incrementalBuild.median, 'ms');

  // Editing a 1 MB document: one paragraph per line, and hard-wrapped Markdown.
  editing(corpus.slice(0, corpus.indexOf('\n', MB) + 1), 'one paragraph per line', {});
  const markdownCut = markdown.indexOf('\n\n', MB);
  editing(markdown.slice(0, markdownCut + 1), 'Markdown hard-wrapped at 72', { format: 'markdown' });

  const gc = exposeGc();
  if (gc) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = detect(corpus);
    gc();
    const after = process.memoryUsage().heapUsed;
    report('heap kept by the result of a 10 MB detect(), per detection', (after - before) / kept.length, 'bytes');
    report('heap kept by the result of a 10 MB detect(), total', (after - before) / MB, 'MB');
  }
}

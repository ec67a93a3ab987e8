/**
 * One side of `npm run bench:compare` (scripts/bench-compare.mjs): bundled from the sources
 * of one version of the detector, it times that version on one form of the bench corpus and
 * prints one line of JSON. The comparing script runs two versions alternately, each in a
 * process of its own, so that a machine's changing load falls on both alike.
 *
 * Arguments: FORM (line, wrap, md: a full detect of the corpus one paragraph per line,
 * hard-wrapped at 72, as Markdown; linereader, wrapreader, mdreader: the structure reader
 * alone over the same text), then RUNS.
 */
import { detect } from '../../src/core/detect';
import { ParagraphSpan, structureReader } from '../../src/core/detect/structure';
import { buildCorpus } from '../corpus';
import { asMarkdown, hardWrap } from '../../test/support/text';

const MB = 1024 * 1024;
const form = process.argv[2] ?? 'line';
const runs = Number(process.argv[3] ?? 5);
const corpus = buildCorpus(10 * MB);
const base = form.replace(/reader$/, '');
const text = base === 'line' ? corpus : base === 'wrap' ? hardWrap(corpus, 72) : asMarkdown(corpus, 72).text;
const format = base === 'md' ? 'markdown' : 'plain';
const job = form.endsWith('reader')
  ? (): number => {
      const reader = structureReader(text, 0, text.length, format, null);
      const span = new ParagraphSpan();
      let n = 0;
      while (reader.next(span)) n += span.edits.length + 1;
      return n;
    }
  : (): number => detect(text, { format }).length;
// The first run warms the code up and gives what both versions must agree on.
const result = job();
const cpu: number[] = [];
for (let i = 0; i < runs; i++) {
  const before = process.cpuUsage();
  job();
  const used = process.cpuUsage(before);
  cpu.push((used.user + used.system) / 1000);
}
cpu.sort((a, b) => a - b);
console.log(JSON.stringify({ form, result, mbPerSecond: Buffer.byteLength(text, 'utf8') / MB / (cpu[runs >> 1] / 1000) }));

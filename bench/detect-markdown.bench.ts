/**
 * Reading Markdown's structure: the detector's own CommonMark block and inline scanner
 * against markdown-it (a well-kept CommonMark parser, the one VS Code's preview uses), on
 * the bench corpus written as Markdown articles. A parser can only be used if parsing alone
 * leaves room for detection within the speed target (all four kinds ≥ 100 MB/s on this
 * text); the figures show whether it does. `BENCHMARKS.md` explains them.
 */
import MarkdownIt from 'markdown-it';
import { detect } from '../src/core/detect';
import { ParagraphSpan, structureReader } from '../src/core/detect/structure';
import { buildCorpus } from './corpus';
import { throughput } from './detect.bench';
import { asMarkdown } from '../test/support/text';

const MB = 1024 * 1024;

/** Every paragraph the detector's Markdown reader hands out (with its inline markup read), counted. */
function scanStructure(text: string): number {
  const reader = structureReader(text, 0, text.length, 'markdown', null);
  const span = new ParagraphSpan();
  let n = 0;
  while (reader.next(span)) n += span.edits.length + 1;
  return n;
}

export function run(): void {
  const markdown = asMarkdown(buildCorpus(10 * MB), 72).text;
  const bytes = Buffer.byteLength(markdown, 'utf8');
  console.log(`  corpus as Markdown (front matter, headings, code, HTML, links, emphasis, hard-wrapped at 72): ${(bytes / MB).toFixed(2)} MB`);
  const md = new MarkdownIt('commonmark');
  const blocksOnly = new MarkdownIt('commonmark');
  blocksOnly.core.ruler.disable('inline');
  throughput('the detector\'s Markdown reader: blocks and inline markup', bytes, () => scanStructure(markdown), 5);
  throughput('markdown-it parse, blocks and inline (commonmark)', bytes, () => md.parse(markdown, {}).length, 5);
  throughput('markdown-it parse, blocks only', bytes, () => blocksOnly.parse(markdown, {}).length, 5);
  throughput('detect(format: markdown): all four kinds, with the detector\'s reader', bytes, () => detect(markdown, { format: 'markdown' }), 5, 100);
}

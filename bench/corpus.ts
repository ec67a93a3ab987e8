/**
 * A reproducible corpus of news text for the benchmarks: the sample articles' paragraphs,
 * shuffled and recombined by a seeded generator, with their figures varied, until the
 * corpus reaches the size asked for. The same seed always gives the same text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mulberry32 } from '../test/support/provenance';

/** mulberry32 (the provenance test's generator): small, fast, and good enough to shuffle paragraphs. */
export const seededRandom = mulberry32;

/** samples/ of the repository, found from the compiled file (out/ or a temporary outDir) or the working directory. */
function findSamples(): string {
  for (const from of [__dirname, process.cwd()]) {
    for (let dir = from; ; dir = path.dirname(dir)) {
      const samples = path.join(dir, 'samples');
      if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(samples)) return samples;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error('samples/ not found: run the benchmark from the repository');
}

/** The non-blank lines of the sample articles. */
export function sampleParagraphs(): string[] {
  const dir = findSamples();
  const paragraphs: string[] = [];
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
    for (const line of fs.readFileSync(path.join(dir, name), 'utf8').split(/\r\n|\r|\n/)) {
      if (line.trim() !== '') paragraphs.push(line);
    }
  }
  return paragraphs;
}

/** Rewrites each digit with a random one (keeping separators, so "1,000" stays grouped). */
function varyFigures(paragraph: string, random: () => number): string {
  return paragraph.replace(/\d+/g, (digits) => {
    if (random() < 0.3) return digits;
    let out = '';
    for (let i = 0; i < digits.length; i++) {
      const lowest = i === 0 && digits.length > 1 ? 1 : 0;
      out += String(lowest + Math.floor(random() * (10 - lowest)));
    }
    return out;
  });
}

/**
 * News text of at least `bytes` bytes of UTF-8: articles of 5 to 30 paragraphs drawn from
 * the samples, separated by blank lines, paragraphs separated by one line break or two.
 *
 * @param bytes - Size to reach
 * @param seed - Seed of the generator
 */
export function buildCorpus(bytes: number, seed = 20241024): string {
  const random = seededRandom(seed);
  const paragraphs = sampleParagraphs();
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const length = 5 + Math.floor(random() * 26);
    const blankLines = random() < 0.5;
    for (let p = 0; p < length && size < bytes; p++) {
      const paragraph = varyFigures(paragraphs[Math.floor(random() * paragraphs.length)], random);
      const piece = paragraph + (blankLines ? '\n\n' : '\n');
      parts.push(piece);
      size += Buffer.byteLength(piece, 'utf8');
    }
    parts.push('\n');
    size += 1;
  }
  return parts.join('');
}

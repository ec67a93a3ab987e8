/**
 * Quotes and their speakers: each outer quote is given the attribution written next to it,
 * in its sentence, or in the sentence before or after, as quote-attribution tools do.
 */
import type { QuoteSpan } from './quotes';
import { C, CLASS, type Codes, type Sentences, isWord, sentenceIndex, skipSpaces, skipSpacesBack } from './text';
import { Ch } from './chars';
import { type Attribution, SPEAKER_REACH, firstStartingAt } from './attribution';

/**
 * Chooses the speaker of each outer quote: an attribution right after it, right before it,
 * in its sentence, or in the sentence before or after. Marks the attributions used.
 *
 * @returns For each quote, the attribution index, or -1 (valid until the next call)
 */
export function linkQuotes(codes: Codes, quotes: readonly QuoteSpan[], attributions: Attribution[], sentences: Sentences, start: number): readonly number[] {
  const links = linkList;
  const n = quotes.length;
  for (let q = 0; q < n; q++) links[q] = quotes[q].nested ? -1 : linkOne(codes, quotes[q], attributions, sentences, start);
  for (let q = 0; q < n; q++) {
    const k = links[q];
    if (k < 0) continue;
    if (attributions[k].subtype === 'reported') attributions[k].subtype = 'speaker';
    attributions[k].linked = true;
  }
  return links;
}

/**
 * The links `linkQuotes` returns, rewritten by every call (entries past the quotes given are
 * stale): the caller reads them before it links again.
 */
const linkList: number[] = [];



/** How far from a quote a speaker in the same sentence is looked for. */
const SENTENCE_REACH = 600;

function linkOne(codes: Codes, q: QuoteSpan, attributions: readonly Attribution[], sentenceList: Sentences, start: number): number {
  const count = attributions.length;
  if (count === 0) return -1;
  // Right after the quote: "…,” Austin said".
  const next = firstStartingAt(attributions, q.end);
  if (next < count) {
    const a = attributions[next];
    if (a.start - q.end <= 6 && onlyGlue(codes, q.end, a.start)) return next;
  }
  // Right before it: "Austin said: “…”", "said that “…”".
  if (q.start >= start) {
    const first = firstStartingAt(attributions, q.start - SPEAKER_REACH);
    for (let k = firstStartingAt(attributions, q.start) - 1; k >= first; k--) {
      const a = attributions[k];
      if (a.end > q.start) continue;
      if (onlyGlue(codes, a.end, q.start) && q.start - a.end <= 4) return k;
      if (q.start - a.end <= 12 && onlyThat(codes, a.end, q.start)) return k;
    }
  }
  const sentenceCount = sentenceList.count;
  if (sentenceCount === 0) return -1;
  const sentences = sentenceList.bounds;
  const sq = q.start >= start ? sentenceIndex(sentenceList, q.start) : -1;
  const eq = sentenceIndex(sentenceList, Math.max(start, q.end - 1));
  // In the sentence where it starts or ends: the nearest, within SENTENCE_REACH of the quote
  // (a "sentence" of thousands of characters is unpunctuated text, not prose).
  const from = Math.max(sentences[(sq >= 0 ? sq : eq) * 2], q.start - SENTENCE_REACH);
  const to = Math.min(sentences[eq * 2 + 1], q.end + SENTENCE_REACH);
  let best = -1;
  let bestDistance = Infinity;
  for (let k = firstStartingAt(attributions, from - SPEAKER_REACH); k < count && attributions[k].start < to; k++) {
    const a = attributions[k];
    const sa = a.sentence;
    if (sa !== sq && sa !== eq) continue;
    const d = a.start >= q.end ? a.start - q.end : a.end <= q.start ? q.start - a.end : 0;
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  if (best >= 0) return best;
  // In the sentence before: its last attribution.
  if (sq > 0) {
    const before = sentences[(sq - 1) * 2];
    for (let k = firstStartingAt(attributions, sentences[sq * 2]) - 1; k >= 0 && attributions[k].start >= before - SPEAKER_REACH; k--) {
      if (attributions[k].sentence === sq - 1) return k;
    }
  }
  // In the sentence after: its first attribution.
  if (eq + 1 < sentenceCount) {
    const after = sentences[(eq + 1) * 2 + 1];
    for (let k = firstStartingAt(attributions, q.end); k < count && attributions[k].start < after; k++) {
      if (attributions[k].sentence === eq + 1) return k;
    }
  }
  return -1;
}

/** Whether only spaces, commas, colons or dashes lie between `a` and `b`. */
function onlyGlue(codes: Codes, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = codes[i];
    const k = CLASS[c];
    if (!(k === C.SPACE || c === Ch.COMMA || c === Ch.COLON || k === C.DASH)) return false;
  }
  return true;
}

/** Whether [a, b) reads "that", ", that" or "that:" (with spaces). */
function onlyThat(codes: Codes, a: number, b: number): boolean {
  let s = skipSpaces(codes, a, b);
  if (codes[s] === Ch.COMMA) s = skipSpaces(codes, s + 1, b);
  let e = skipSpacesBack(codes, b, s);
  if (codes[e - 1] === Ch.COLON) e--;
  return isWord(codes, s, e, 'that');
}

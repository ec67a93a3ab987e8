/**
 * What a tag command tags: the selection (trimmed of surrounding white space), else the
 * detection under the cursor, else the sentence around it. Sentence boundaries are the
 * detector's own, so "the sentence" means the same thing everywhere in the product.
 */
import { C, CLASS, splitSentences } from './detect/text';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface TagTarget extends Span {
  /** Where the span came from, for messages ("Tagged the sentence as Claim"). */
  readonly source: 'selection' | 'detection' | 'sentence';
}

/** The fields of a detection this module reads. */
export interface DetectionSpan extends Span {
  readonly kind: string;
}

/**
 * Picks the span a tag command should tag.
 *
 * @param text - The article text
 * @param selection - The selection, or an empty span at the cursor
 * @param detections - Detections that contain the cursor (any order)
 * @returns undefined when there is nothing to tag (an all-blank selection, a blank line)
 */
export function tagTarget(text: string, selection: Span, detections: readonly DetectionSpan[]): TagTarget | undefined {
  if (selection.end > selection.start) {
    const trimmed = trimSpan(text, selection.start, selection.end);
    return trimmed ? { ...trimmed, source: 'selection' } : undefined;
  }
  const offset = selection.start;
  // The smallest quote, number or attribution around the cursor: a number inside a quote is
  // what the cursor is on. Cues are single words, too small to be what someone means to tag.
  const around = detections
    .filter((d) => d.kind !== 'cue' && d.start <= offset && offset <= d.end && d.end > d.start)
    .sort((a, b) => a.end - a.start - (b.end - b.start));
  if (around.length > 0) return { start: around[0].start, end: around[0].end, source: 'detection' };
  const sentence = sentenceAt(text, offset);
  return sentence ? { ...sentence, source: 'sentence' } : undefined;
}

/** `[start, end)` without leading and trailing white space; undefined if nothing is left. */
export function trimSpan(text: string, start: number, end: number): Span | undefined {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return e > s ? { start: s, end: e } : undefined;
}

/**
 * The sentence containing `offset`, within its paragraph (a non-blank line). At the very end
 * of a sentence (the cursor after its full stop) that sentence is returned.
 */
export function sentenceAt(text: string, offset: number): Span | undefined {
  const at = Math.max(0, Math.min(offset, text.length));
  let start = at;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = at;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  if (trimSpan(text, start, end) === undefined) return undefined;
  const terminators: number[] = [];
  for (let i = start; i < end; i++) if (CLASS[text.charCodeAt(i)] === C.TERMINATOR) terminators.push(i);
  const bounds = splitSentences(text, start, end, terminators, terminators.length);
  for (let k = 0; k < bounds.length; k += 2) {
    if (at <= bounds[k + 1]) return { start: Math.min(bounds[k], bounds[k + 1]), end: bounds[k + 1] };
  }
  // After the last sentence's end (trailing spaces): the last sentence.
  return bounds.length >= 2 ? { start: bounds[bounds.length - 2], end: bounds[bounds.length - 1] } : undefined;
}


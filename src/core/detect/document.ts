import type { DetectOptions, Detection } from './types';
import { forEachParagraph, nextParagraphStart } from './text';
import { type Carry, compareDetections, kindMask, releaseWindow, scanParagraph } from './paragraph';

/** Start and end of every paragraph of `text`, flat: [start0, end0, start1, end1, …]. */
export function paragraphBounds(text: string, from = 0, to = text.length): number[] {
  const bounds: number[] = [];
  forEachParagraph(text, from, to, (s, e) => {
    bounds.push(s, e);
  });
  return bounds;
}

/**
 * Finds the quoted statements, numeric claims, attributions and cues in `text`.
 *
 * @param text - Article text; offsets in the result are UTF-16 code units into it
 * @param options - Which kinds to report (all four by default)
 * @returns Detections sorted by start, then end descending, then kind
 */
export function detect(text: string, options?: DetectOptions): Detection[] {
  const kinds = kindMask(options?.kinds);
  const bounds = paragraphBounds(text);
  let out: Detection[] = [];
  const cross: Detection[] = [];
  let carry: Carry | null = null;
  const count = bounds.length / 2;
  for (let p = 0; p < count; p++) {
    const start = bounds[p * 2];
    const end = bounds[p * 2 + 1];
    const nextStart = p + 1 < count ? bounds[p * 2 + 2] : -1;
    const result = scanParagraph(text, start, end, carry, nextStart, 0, kinds, out);
    if (result.cross) cross.push(result.cross);
    carry = result.carry;
  }
  releaseWindow();
  if (cross.length > 0) out = mergeSorted(out, cross);
  return out;
}

/** Merges two lists sorted by `compareDetections`. */
export function mergeSorted(a: Detection[], b: Detection[]): Detection[] {
  const out: Detection[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(compareDetections(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

export { nextParagraphStart };

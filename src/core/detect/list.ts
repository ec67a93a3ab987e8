import type { Detection } from './types';

/**
 * Detections found in one paragraph, in a list the scan reuses from paragraph to paragraph:
 * `items[0..count)` are the current paragraph's, anything after is stale. (A fresh array
 * per list and paragraph was most of what a full scan allocated.) `spans` holds the start
 * and end of each, so that merging the lists compares numbers instead of reading detections
 * of a dozen shapes.
 */
export interface DetectionList {
  items: Detection[];
  spans: Int32Array;
  count: number;
}

/** An empty list. */
export function newDetectionList(): DetectionList {
  return { items: [], spans: new Int32Array(64), count: 0 };
}

/** Appends `d`, which spans [start, end), to `list`. */
export function addDetection(list: DetectionList, d: Detection, start: number, end: number): void {
  const n = list.count;
  if (n * 2 + 2 > list.spans.length) {
    const bigger = new Int32Array(list.spans.length * 2);
    bigger.set(list.spans);
    list.spans = bigger;
  }
  list.items[n] = d;
  list.spans[n * 2] = start;
  list.spans[n * 2 + 1] = end;
  list.count = n + 1;
}

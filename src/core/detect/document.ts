import type { DetectOptions, Detection, DetectionNotice } from './types';
import { type Carry, type ScanSettings, compareDetections, scanParagraph, scanSettings } from './paragraph';
import { releaseText } from './candidates';
import { MAX_PARAGRAPH, ParagraphSpan, type StructureReader, structureReader } from './structure';

/** The notice for a paragraph read in pieces, at the start of its first piece. */
export function piecesNotice(offset: number): DetectionNotice {
  return {
    kind: 'pieces',
    offset,
    message: `a paragraph longer than ${MAX_PARAGRAPH.toLocaleString('en')} characters is read in pieces: a quote or a number across two pieces is read as two`,
  };
}

/** The notice for detection stopped at `offset` after `max` detections. */
export function limitNotice(offset: number, max: number): DetectionNotice {
  return { kind: 'limit', offset, message: `detection stopped after ${max.toLocaleString('en')} detections: nothing is detected from here on` };
}

/**
 * A document scanned a paragraph at a time, in order: the loop shared by `detect` and
 * `detectInBatches`.
 */
class DocumentScan {
  private readonly reader: StructureReader;
  private current = new ParagraphSpan();
  private following = new ParagraphSpan();
  private more: boolean;
  private carry: Carry | null = null;
  private count = 0;
  /** The quote across paragraphs that ended in the paragraph last scanned, if any. */
  cross: Detection | null = null;
  /** Where the quote still open after the paragraph last scanned starts (it ends in a later one), or -1. */
  openFrom = -1;

  constructor(private readonly text: string, private readonly settings: ScanSettings, private readonly onNotice: ((notice: DetectionNotice) => void) | undefined) {
    this.reader = structureReader(text, 0, text.length, settings.format, null);
    this.more = this.reader.next(this.current);
  }

  /** Scans the next paragraph, appending its detections to `out`; false when none is left (or the limit is reached). */
  step(out: Detection[]): boolean {
    if (!this.more) return false;
    const current = this.current;
    if (this.count >= this.settings.maxDetections) {
      this.onNotice?.(limitNotice(current.start, this.settings.maxDetections));
      this.more = false;
      return false;
    }
    if (current.piece === 1) this.onNotice?.(piecesNotice(current.start));
    const hasNext = this.reader.next(this.following);
    const following = this.following;
    // Nothing is carried over wire furniture (see ParagraphSpan.afterBreak).
    const next = hasNext && !following.afterBreak ? following : null;
    const before = out.length;
    const result = scanParagraph(this.text, current, this.carry, next, 0, this.settings, out);
    this.cross = result.cross;
    this.carry = result.carry;
    this.openFrom = next && result.carry?.quote ? next.start + result.carry.quote.start : -1;
    this.count += out.length - before + (result.cross ? 1 : 0);
    this.current = following;
    this.following = current;
    this.more = hasNext;
    return true;
  }
}

/**
 * Finds the quoted statements, numeric claims, attributions and cues in `text`.
 *
 * @param text - Article text; offsets in the result are UTF-16 code units into it
 * @param options - Which kinds to report (all four by default), the cue vocabulary, the
 *   text's format (plain text by default), the most detections to make
 * @returns Detections sorted by start, then end descending, then kind
 */
export function detect(text: string, options?: DetectOptions): Detection[] {
  const out: Detection[] = [];
  const cross: Detection[] = [];
  const scan = new DocumentScan(text, scanSettings(options), options?.onNotice);
  while (scan.step(out)) if (scan.cross) cross.push(scan.cross);
  releaseText();
  return cross.length > 0 ? insertSorted(out, cross) : out;
}

/**
 * `detect`, handing the detections to `batch` a few at a time, in the order `detect` returns
 * them, as soon as they are final: what a long text costs in memory is then a paragraph's
 * detections, not the document's (a quote left open over several paragraphs holds back what
 * follows its start until it ends).
 *
 * @param text - Article text
 * @param options - As for `detect`
 * @param batch - Receives each batch; the array is not reused
 */
export function detectInBatches(text: string, options: DetectOptions | undefined, batch: (detections: Detection[]) => void): void {
  const scan = new DocumentScan(text, scanSettings(options), options?.onNotice);
  let pending: Detection[] = [];
  try {
    for (;;) {
      const more = scan.step(pending);
      if (more && scan.cross) pending = insertSorted(pending, [scan.cross]);
      const from = more ? scan.openFrom : -1;
      if (from < 0) {
        if (pending.length > 0) batch(pending);
        pending = [];
      } else {
        // What starts before the open quote is final.
        let k = 0;
        while (k < pending.length && pending[k].start < from) k++;
        if (k > 0) {
          batch(pending.slice(0, k));
          pending = pending.slice(k);
        }
      }
      if (!more) break;
    }
  } finally {
    releaseText();
  }
}

/**
 * `list` with `extra` merged in, both sorted by `compareDetections`. A few quotes across
 * paragraphs are inserted where they belong (a merge of all 68,000 detections of a 10 MB
 * text took 2 ms); many are merged.
 */
function insertSorted(list: Detection[], extra: Detection[]): Detection[] {
  if (extra.length > 32) return mergeSorted(list, extra);
  for (const d of extra) {
    // After the last element that does not sort after `d`, as the merge would put it.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareDetections(list[mid], d) <= 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, d);
  }
  return list;
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

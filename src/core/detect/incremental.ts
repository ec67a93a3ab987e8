/**
 * Re-detection after an edit, re-scanning only the paragraphs whose results can change.
 *
 * Each paragraph keeps its detections with offsets relative to its own start, so an edit
 * only moves the start of the paragraphs after it. A paragraph's result depends on its own
 * text, on the `Carry` handed on by the paragraph before and on the few paragraphs after it
 * (whether the next one reopens a quote, whether a hard-wrapped quote closes within the next
 * `WRAP_LOOKAHEAD` lines; see quotes.ts). So after an edit the touched paragraphs are
 * re-scanned together with that many paragraphs before them and one after, and the scan
 * then walks on only while the carry
 * it hands on differs from the one handed on before the edit (a quote that now runs on, a
 * speaker that changed). The result is always what `detect()` returns for the new text.
 *
 * The text itself is kept as one chunk per paragraph (the paragraph and the line breaks
 * after it), because rebuilding a megabyte string on every keystroke costs more than the
 * whole re-detection: it is joined only when `text` is read.
 */
import type { DetectOptions, Detection, TextChange } from './types';
import { type Carry, type ScanSettings, compareDetections, releaseText, sameCarry, scanParagraph, scanSettings } from './paragraph';
import { mergeSorted, paragraphBounds } from './document';
import { WRAP_LOOKAHEAD } from './quotes';

interface Paragraph {
  start: number;
  end: number;
  /** The paragraph's text and the line breaks (and blank lines) up to the next paragraph. */
  chunk: string;
  /** Detections inside the paragraph, offsets relative to `start`. */
  local: Detection[];
  /** A quote that began in an earlier paragraph and ended here, relative to `start`. */
  cross: Detection | null;
  carry: Carry | null;
}

/** The range of the new text whose detections may differ after `applyChanges`. */
export interface ChangedRange {
  changedFrom: number;
  changedTo: number;
}

/** Copies a detection with every offset moved by `delta`. */
function moved(d: Detection, delta: number): Detection {
  const copy: Detection = { ...d, start: d.start + delta, end: d.end + delta };
  if (d.speakerStart !== undefined) copy.speakerStart = d.speakerStart + delta;
  if (d.speakerEnd !== undefined) copy.speakerEnd = d.speakerEnd + delta;
  if (d.sentenceStart !== undefined) copy.sentenceStart = d.sentenceStart + delta;
  if (d.sentenceEnd !== undefined) copy.sentenceEnd = d.sentenceEnd + delta;
  return copy;
}

/**
 * Keeps the detections of a document up to date as it is edited. `detections` always
 * equals `detect(text, options)`.
 */
export class IncrementalDetector {
  private paragraphs: Paragraph[] = [];
  /** Text before the first paragraph (blank lines). */
  private prefix = '';
  private length: number;
  private joined: string | null;
  private readonly settings: ScanSettings;
  private cache: Detection[] | null = null;

  /**
   * @param text - The document's text
   * @param options - Which kinds to report (all four by default) and the cue vocabulary; a
   *   detector keeps them for its life (a new vocabulary needs a new detector)
   */
  constructor(text: string, options?: DetectOptions) {
    this.settings = scanSettings(options);
    this.length = text.length;
    this.joined = text;
    const { prefix, paragraphs } = this.scanRegion(text, '', 0);
    this.prefix = prefix;
    this.paragraphs = paragraphs;
    releaseText();
  }

  /** The document's text after the changes applied so far (joined on first read after a change). */
  get text(): string {
    if (this.joined === null) {
      const parts = [this.prefix];
      for (const p of this.paragraphs) parts.push(p.chunk);
      this.joined = parts.join('');
    }
    return this.joined;
  }

  /** Every detection, sorted as `detect()` sorts them; built on first read after a change. */
  get detections(): readonly Detection[] {
    if (this.cache === null) {
      const local: Detection[] = [];
      const cross: Detection[] = [];
      for (const p of this.paragraphs) {
        for (const d of p.local) local.push(moved(d, p.start));
        if (p.cross) cross.push(moved(p.cross, p.start));
      }
      this.cache = cross.length > 0 ? mergeSorted(local, cross) : local;
    }
    return this.cache;
  }

  /** How many paragraphs the document has (blank lines are not paragraphs). */
  get paragraphCount(): number {
    return this.paragraphs.length;
  }

  /**
   * The detections overlapping [from, to), sorted; for an empty range, those touching
   * `from`. Costs the paragraphs in the range, not the whole document: what an editor
   * needs for its visible lines.
   *
   * @param from - Start offset in the current text
   * @param to - End offset (exclusive)
   */
  detectionsIn(from: number, to: number): Detection[] {
    const paragraphs = this.paragraphs;
    const out: Detection[] = [];
    const cross: Detection[] = [];
    const overlaps = (s: number, e: number): boolean => (from === to ? s <= from && e >= from : s < to && e > from);
    let k = this.firstEndingAtOrAfter(from);
    for (; k < paragraphs.length; k++) {
      const p = paragraphs[k];
      if (p.start > to) break;
      for (const d of p.local) {
        if (overlaps(d.start + p.start, d.end + p.start)) out.push(moved(d, p.start));
      }
      if (p.cross && overlaps(p.cross.start + p.start, p.cross.end + p.start)) cross.push(moved(p.cross, p.start));
    }
    // A quote running on past `to` is stored where it ends.
    for (let q = k - 1; q >= 0 && q + 1 < paragraphs.length && paragraphs[q].carry?.quote; q++) {
      const p = paragraphs[q + 1];
      if (p.cross && overlaps(p.cross.start + p.start, p.cross.end + p.start)) cross.push(moved(p.cross, p.start));
    }
    if (cross.length === 0) return out;
    cross.sort(compareDetections);
    return mergeSorted(out, cross);
  }

  /**
   * Applies edits given as VS Code gives them in `TextDocumentChangeEvent.contentChanges`.
   * Each change is applied in array order, its `rangeOffset`/`rangeLength` read against
   * the text as the previous changes left it. (VS Code lists the changes of one event so
   * that this works: several cursors' edits come in reverse document order.)
   *
   * @param changes - The edits, in the order to apply them
   * @returns The range of the new text whose detections may differ from before
   */
  applyChanges(changes: ReadonlyArray<TextChange>): ChangedRange {
    let from = -1;
    let to = -1;
    for (const change of changes) {
      const offset = Math.max(0, Math.min(change.rangeOffset, this.length));
      const length = Math.max(0, Math.min(change.rangeLength, this.length - offset));
      const delta = change.text.length - length;
      if (from >= 0) {
        // Carry the range found so far through this edit.
        if (from >= offset + length) from += delta;
        else if (from > offset) from = offset;
        if (to >= offset + length) to += delta;
        else if (to > offset) to = offset + change.text.length;
      }
      const range = this.applyOne(offset, length, change.text);
      from = from < 0 ? range.changedFrom : Math.min(from, range.changedFrom);
      to = to < 0 ? range.changedTo : Math.max(to, range.changedTo);
    }
    if (from < 0) return { changedFrom: 0, changedTo: 0 };
    return { changedFrom: from, changedTo: to };
  }

  private applyOne(offset: number, length: number, inserted: string): ChangedRange {
    const paragraphs = this.paragraphs;
    const count = paragraphs.length;
    const delta = inserted.length - length;
    this.cache = null;
    this.joined = null;

    // Paragraphs touching the edit are [first, last]. Those whose scan looks ahead into them
    // are re-scanned too, and one after, since a paragraph hands a carry on.
    const first = this.firstEndingAtOrAfter(offset);
    let last = first - 1;
    while (last + 1 < count && paragraphs[last + 1].start <= offset + length) last++;
    const lo = Math.max(0, first - WRAP_LOOKAHEAD);
    const hi = Math.min(count - 1, last + 1);
    // The region is whole chunks: from a paragraph start (or the text start, prefix
    // included) to the next paragraph's start (or the text end).
    const fromTop = first === 0;
    const regionStart = fromTop ? 0 : paragraphs[lo].start;
    const parts: string[] = fromTop ? [this.prefix] : [];
    for (let k = lo; k <= hi; k++) parts.push(paragraphs[k].chunk);
    const old = parts.join('');
    const region = old.slice(0, offset - regionStart) + inserted + old.slice(offset + length - regionStart);
    const carryIn = fromTop || lo === 0 ? null : paragraphs[lo - 1].carry;
    const after = this.chunksAfter(hi);

    const scanned = this.scanRegion(region, after, regionStart, carryIn);
    const fresh = scanned.paragraphs;
    if (fromTop) this.prefix = scanned.prefix;
    let changedFrom = regionStart;
    let changedTo = regionStart + region.length;
    let removeCount = hi >= lo ? hi - lo + 1 : 0;

    // Walk on while the carry handed to the next paragraph differs from before the edit.
    let next = hi + 1;
    let carryNew = fresh.length > 0 ? fresh[fresh.length - 1].carry : carryIn;
    let carryOld = hi >= 0 && hi < count ? paragraphs[hi].carry : null;
    while (next < count && !sameCarry(carryNew, carryOld)) {
      const p = paragraphs[next];
      const following = this.chunksAfter(next);
      const local: Detection[] = [];
      const text = following ? p.chunk + following : p.chunk;
      const result = scanParagraph(text, 0, p.end - p.start, carryNew, following ? p.chunk.length : -1, 0, this.settings, local);
      const start = p.start + delta;
      fresh.push({ start, end: p.end + delta, chunk: p.chunk, local, cross: result.cross, carry: result.carry });
      carryOld = p.carry;
      carryNew = result.carry;
      changedTo = start + p.chunk.length;
      removeCount++;
      next++;
    }

    for (let k = lo; k < lo + removeCount; k++) {
      const p = paragraphs[k];
      if (p.cross) changedFrom = Math.min(changedFrom, p.cross.start + p.start);
    }
    for (const p of fresh) {
      if (p.cross) changedFrom = Math.min(changedFrom, p.cross.start + p.start);
    }
    for (let k = lo + removeCount; k < count; k++) {
      paragraphs[k].start += delta;
      paragraphs[k].end += delta;
    }
    if (removeCount === fresh.length) {
      for (let k = 0; k < fresh.length; k++) paragraphs[lo + k] = fresh[k];
    } else {
      paragraphs.splice(lo, removeCount, ...fresh);
    }
    this.length += delta;
    releaseText();
    return { changedFrom: Math.max(0, changedFrom), changedTo: Math.min(this.length, Math.max(changedTo, changedFrom)) };
  }

  /** The text of the paragraphs a scan of paragraph `k` looks ahead into. */
  private chunksAfter(k: number): string {
    const paragraphs = this.paragraphs;
    const to = Math.min(paragraphs.length, k + 1 + WRAP_LOOKAHEAD);
    if (k + 1 >= to) return '';
    if (k + 2 === to) return paragraphs[k + 1].chunk;
    let text = '';
    for (let j = k + 1; j < to; j++) text += paragraphs[j].chunk;
    return text;
  }

  /** Index of the first paragraph whose end is at or after `offset` (count if none). */
  private firstEndingAtOrAfter(offset: number): number {
    const paragraphs = this.paragraphs;
    let lo = 0;
    let hi = paragraphs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (paragraphs[mid].end < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Scans the paragraphs of `region` (whole chunks; `after` is the text that follows it,
   * whose first paragraph starts right at its beginning), starting with `carryIn`.
   * Paragraph starts come out shifted by `offset`.
   */
  private scanRegion(region: string, after: string, offset: number, carryIn: Carry | null = null): { prefix: string; paragraphs: Paragraph[] } {
    const text = after ? region + after : region;
    const bounds = paragraphBounds(text, 0, region.length);
    const out: Paragraph[] = [];
    let carry = carryIn;
    const n = bounds.length / 2;
    for (let k = 0; k < n; k++) {
      const start = bounds[k * 2];
      const end = bounds[k * 2 + 1];
      const chunkEnd = k + 1 < n ? bounds[k * 2 + 2] : region.length;
      const nextStart = k + 1 < n ? bounds[k * 2 + 2] : after ? region.length : -1;
      const local: Detection[] = [];
      const result = scanParagraph(text, start, end, carry, nextStart, start, this.settings, local);
      out.push({ start: start + offset, end: end + offset, chunk: region.slice(start, chunkEnd), local, cross: result.cross, carry: result.carry });
      carry = result.carry;
    }
    return { prefix: n > 0 ? region.slice(0, bounds[0]) : region, paragraphs: out };
  }
}

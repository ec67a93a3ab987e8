/**
 * Re-detection after an edit, re-scanning only the paragraphs whose results can change.
 *
 * The document is kept as one record per paragraph (as structure/ reads paragraphs): its
 * bounds, the edits it is read with, the structure reader's state at the start of its line,
 * and its detections with offsets relative to its own start, so that an edit only moves
 * the start of the records after it. A paragraph's bounds depend on the lines around it (a
 * line break is a soft wrap or not depending on the line before and the two after it; a
 * Markdown line can turn the line above into a heading or a table), and its detections on
 * its own reading, on the `Carry` handed on by the paragraph before and on the first
 * characters of the paragraph after. So after an edit the structure is read again from a
 * record two lines before the edit, until a paragraph comes out where an old one was, with
 * the same reader state, well past the edit: from there on, the old records stand. The
 * detections are then scanned again for the new paragraphs, and for the old ones after them
 * only while the carry handed on differs from the one handed on before the edit (a quote
 * that now runs on, a speaker that changed). The result is always what `detect()` returns
 * for the new text.
 *
 * The text itself is kept as one chunk per record (the paragraph and what follows it up to
 * the next one), because rebuilding a megabyte string on every keystroke costs more than
 * the whole re-detection: it is joined only when `text` is read.
 */
import type { DetectOptions, Detection, TextChange } from './types';
import { type Carry, type ScanSettings, compareDetections, releaseText, sameCarry, scanParagraph, scanSettings } from './paragraph';
import { mergeSorted } from './document';
import { FRONT_MATTER_LIMIT, ParagraphSpan, type ReaderState, frontMatterEnd, structureReader } from './structure';

interface Paragraph {
  start: number;
  end: number;
  /** Start of the line the paragraph starts on (a structure reader can resume there). */
  lineStart: number;
  firstInLine: boolean;
  /** The structure reader's state at `lineStart` (first paragraphs of their line only). */
  state: ReaderState | null;
  /** The paragraph's edits (see ParagraphSpan), offsets relative to `start`; null when none. */
  edits: number[] | null;
  head0: number;
  head1: number;
  /** Nothing is carried into it (see ParagraphSpan.afterBreak). */
  afterBreak: boolean;
  /** The text from `start` to the next paragraph's start (or the text end). */
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

/** How many first-in-line paragraphs before an edit the structure is read again from: two lines, and one more whose scan reads how the next paragraph starts. */
const RESTART_BACK = 3;
/** How many line breaks must separate an old paragraph from the edit (and from the end of what was read) for its structure to stand. */
const SETTLED_LINES = 3;

/**
 * The next paragraph as the scan of the one before reads it: its start and first two
 * characters; null when nothing is carried into it.
 */
function nextOf(start: number, head0: number, head1: number, afterBreak: boolean): ParagraphSpan | null {
  if (afterBreak) return null;
  const span = new ParagraphSpan();
  span.start = start;
  span.head0 = head0;
  span.head1 = head1;
  return span;
}

/** Whether `text` holds at least `n` line breaks in [from, to). */
function hasLines(text: string, from: number, to: number, n: number): boolean {
  let i = Math.max(0, from);
  for (let k = 0; k < n; k++) {
    const lf = text.indexOf('\n', i);
    const cr = text.indexOf('\r', i);
    const at = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    if (at < 0 || at >= to) return false;
    i = text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
  }
  return true;
}

function sameEdits(a: number[] | null, b: number[] | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** The edits of `span` relative to its start, or null when it has none. */
function relativeEdits(span: ParagraphSpan): number[] | null {
  if (span.edits.length === 0) return null;
  const out = span.edits.slice();
  for (let k = 0; k < out.length; k += 3) {
    out[k] -= span.start;
    out[k + 1] -= span.start;
  }
  return out;
}

/**
 * Keeps the detections of a document up to date as it is edited. `detections` always
 * equals `detect(text, options)`.
 */
export class IncrementalDetector {
  private paragraphs: Paragraph[] = [];
  /** Text before the first paragraph. */
  private prefix = '';
  private length: number;
  private joined: string | null;
  private readonly settings: ScanSettings;
  private cache: Detection[] | null = null;
  /**
   * Markdown front matter: up to where an edit can change it (its closing line, or as far
   * as it may run when unclosed), -1 when the document does not open with one; undefined
   * until read after an edit near the top.
   */
  private frontReach: number | undefined;

  /**
   * @param text - The document's text
   * @param options - Which kinds to report (all four by default), the cue vocabulary and the
   *   text's format; a detector keeps them for its life (new options need a new detector)
   */
  constructor(text: string, options?: DetectOptions) {
    this.settings = scanSettings(options);
    this.length = text.length;
    this.joined = text;
    const read = this.readStructure(text, 0, null, 0, -1, -1, -1);
    this.prefix = text.slice(0, read.spans.length > 0 ? read.spans[0].start : text.length);
    this.paragraphs = this.scanSpans(text, 0, read.spans, read.states, text.length, null, null);
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

  /** How many paragraphs the document has, as a reader sees them. */
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

    // The paragraph whose chunk holds the edit, and the one whose chunk holds its end.
    const touched = this.lastStartingAtOrBefore(offset);
    const last = Math.max(touched, this.lastStartingAtOrBefore(offset + length));
    // Read the structure again from a few first-in-line paragraphs before.
    let restart = touched;
    for (let n = 0; n < RESTART_BACK && restart >= 0; ) {
      restart--;
      if (restart >= 0 && paragraphs[restart].firstInLine) n++;
    }
    while (restart > 0 && !paragraphs[restart].firstInLine) restart--;
    const fromTop = this.readsFromTop(offset);
    if (restart < 0 || fromTop) restart = -1;
    const regionStart = restart < 0 ? 0 : paragraphs[restart].lineStart;
    const regionEnd = last + 1 < count ? paragraphs[last + 1].start : this.length;
    const old = this.slice(regionStart, regionEnd);
    const region = old.slice(0, offset - regionStart) + inserted + old.slice(offset + length - regionStart);
    const editEnd = offset - regionStart + inserted.length;

    // Read on into the old paragraphs after the region until one stands as it was (and, from
    // the top, as far as front matter may run).
    let extra = 4;
    let read: { spans: ParagraphSpan[]; states: Array<ReaderState | null>; sync: number; text: string };
    for (;;) {
      const upTo = Math.min(count, last + 1 + extra);
      const after = this.chunks(last + 1, upTo);
      const text = after ? region + after : region;
      if (fromTop && text.length <= FRONT_MATTER_LIMIT && upTo < count) {
        extra *= 2;
        continue;
      }
      const scanned = this.readStructure(text, regionStart, restart < 0 ? null : paragraphs[restart].state, delta, editEnd, last + 1, upTo);
      if (scanned.sync >= 0 || upTo === count) {
        read = { ...scanned, sync: scanned.sync >= 0 ? scanned.sync : count, text };
        break;
      }
      // Nothing stood yet (a code fence opened, say): read further on.
      extra *= 2;
    }
    const sync = read.sync;
    const spans = read.spans;
    const first = Math.max(restart, 0);
    // The local text ends where the first paragraph that stands starts.
    const textEnd = sync < count ? paragraphs[sync].start + delta - regionStart : read.text.length;
    const carryIn = first > 0 ? paragraphs[first - 1].carry : null;
    const nextAfter = sync < count ? nextOf(textEnd, paragraphs[sync].head0, paragraphs[sync].head1, paragraphs[sync].afterBreak) : null;
    const fresh = this.scanSpans(read.text, regionStart, spans, read.states, textEnd, carryIn, nextAfter);

    // What comes before the first new paragraph: the prefix, or the tail of the paragraph before.
    const head = read.text.slice(0, spans.length > 0 ? spans[0].start - regionStart : textEnd);
    if (first === 0) {
      this.prefix = restart < 0 ? head : this.prefix.slice(0, regionStart) + head;
    } else {
      const before = paragraphs[first - 1];
      before.chunk = before.chunk.slice(0, regionStart - before.start) + head;
    }

    let changedFrom = regionStart;
    let changedTo = regionStart + textEnd;
    let removeCount = sync - first;

    // Walk on while the carry handed to the next paragraph differs from before the edit.
    let next = sync;
    let carryNew = fresh.length > 0 ? fresh[fresh.length - 1].carry : carryIn;
    let carryOld = sync > 0 ? paragraphs[sync - 1].carry : null;
    const span = new ParagraphSpan();
    while (next < count && !sameCarry(carryNew, carryOld)) {
      const p = paragraphs[next];
      const following = next + 1 < count ? paragraphs[next + 1] : null;
      span.reset(p.lineStart - p.start, 0, p.firstInLine);
      span.end = p.end - p.start;
      if (p.edits) for (const v of p.edits) span.edits.push(v);
      span.head0 = p.head0;
      span.head1 = p.head1;
      const local: Detection[] = [];
      const result = scanParagraph(p.chunk, span, carryNew, following ? nextOf(p.chunk.length, following.head0, following.head1, following.afterBreak) : null, 0, this.settings, local);
      const start = p.start + delta;
      fresh.push({ ...p, start, end: p.end + delta, lineStart: p.lineStart + delta, local, cross: result.cross, carry: result.carry });
      carryOld = p.carry;
      carryNew = result.carry;
      changedTo = start + p.chunk.length;
      removeCount++;
      next++;
    }

    for (let k = first; k < first + removeCount; k++) {
      const p = paragraphs[k];
      if (p.cross) changedFrom = Math.min(changedFrom, p.cross.start + p.start);
    }
    for (const p of fresh) {
      if (p.cross) changedFrom = Math.min(changedFrom, p.cross.start + p.start);
    }
    for (let k = first + removeCount; k < count; k++) {
      const p = paragraphs[k];
      p.start += delta;
      p.end += delta;
      p.lineStart += delta;
    }
    if (removeCount === fresh.length) {
      for (let k = 0; k < fresh.length; k++) paragraphs[first + k] = fresh[k];
    } else {
      paragraphs.splice(first, removeCount, ...fresh);
    }
    this.length += delta;
    if (offset <= FRONT_MATTER_LIMIT) this.frontReach = undefined;
    releaseText();
    return { changedFrom: Math.max(0, changedFrom), changedTo: Math.min(this.length, Math.max(changedTo, changedFrom)) };
  }

  /**
   * Reads the paragraphs of `text` (which starts at `offset` of the new document) with the
   * reader state `state`, and the reader's state at each (first in its line). When
   * `oldFrom` >= 0, stops at the first paragraph that matches an old paragraph of index in
   * [oldFrom, oldTo) (moved by `delta`), well after `editEnd` (in `text`) and well before
   * the end of `text`, and returns that index as `sync` (-1 when none matched).
   */
  private readStructure(text: string, offset: number, state: ReaderState | null, delta: number, editEnd: number, oldFrom: number, oldTo: number): { spans: ParagraphSpan[]; states: Array<ReaderState | null>; sync: number } {
    const reader = structureReader(text, 0, text.length, this.settings.format, state);
    const spans: ParagraphSpan[] = [];
    const states: Array<ReaderState | null> = [];
    const paragraphs = this.paragraphs;
    let j = oldFrom;
    for (;;) {
      const span = new ParagraphSpan();
      if (!reader.next(span)) break;
      span.start += offset;
      span.end += offset;
      span.lineStart += offset;
      for (let k = 0; k < span.edits.length; k += 3) {
        span.edits[k] += offset;
        span.edits[k + 1] += offset;
      }
      if (oldFrom >= 0 && span.firstInLine) {
        while (j < oldTo && paragraphs[j].start + delta < span.start) j++;
        const p = j < oldTo ? paragraphs[j] : null;
        if (p && p.start + delta === span.start && p.firstInLine && p.lineStart + delta === span.lineStart && p.end + delta === span.end &&
          hasLines(text, editEnd, span.lineStart - offset, SETTLED_LINES) && hasLines(text, span.end - offset, text.length, SETTLED_LINES) &&
          p.afterBreak === span.afterBreak && sameEdits(p.edits, relativeEdits(span)) && reader.stateAtParagraph().equals(p.state)) {
          return { spans, states, sync: j };
        }
      }
      states.push(span.firstInLine ? reader.stateAtParagraph() : null);
      spans.push(span);
    }
    return { spans, states, sync: -1 };
  }

  /**
   * Scans the paragraphs `spans` of `text` (which starts at `offset` of the document and
   * whose paragraphs' chunks end at `textEnd`), starting with `carryIn`; `after` is the
   * paragraph that follows the last one, or null.
   */
  private scanSpans(text: string, offset: number, spans: ParagraphSpan[], states: Array<ReaderState | null>, textEnd: number, carryIn: Carry | null, after: ParagraphSpan | null): Paragraph[] {
    const out: Paragraph[] = [];
    let carry = carryIn;
    const local = new ParagraphSpan();
    for (let k = 0; k < spans.length; k++) {
      const span = spans[k];
      local.copyFrom(span);
      local.start -= offset;
      local.end -= offset;
      local.lineStart -= offset;
      for (let e = 0; e < local.edits.length; e += 3) {
        local.edits[e] -= offset;
        local.edits[e + 1] -= offset;
      }
      const next = k + 1 < spans.length ? nextOf(spans[k + 1].start - offset, spans[k + 1].head0, spans[k + 1].head1, spans[k + 1].afterBreak) : after;
      const detections: Detection[] = [];
      const result = scanParagraph(text, local, carry, next, local.start, this.settings, detections);
      const chunkEnd = k + 1 < spans.length ? spans[k + 1].start - offset : textEnd;
      out.push({
        start: span.start, end: span.end, lineStart: span.lineStart, firstInLine: span.firstInLine,
        state: states[k],
        edits: relativeEdits(span), head0: span.head0, head1: span.head1, afterBreak: span.afterBreak,
        chunk: text.slice(local.start, chunkEnd), local: detections, cross: result.cross, carry: result.carry,
      });
      carry = result.carry;
    }
    return out;
  }

  /** Whether an edit at `offset` must read the structure from the top: Markdown front matter it may change. */
  private readsFromTop(offset: number): boolean {
    if (this.settings.format !== 'markdown' || offset > FRONT_MATTER_LIMIT) return false;
    if (this.frontReach === undefined) this.frontReach = frontMatterEnd(this.slice(0, Math.min(this.length, FRONT_MATTER_LIMIT + 1024)));
    return offset <= this.frontReach;
  }

  /** The text of [from, to) (offsets in the text before the edit being applied). */
  private slice(from: number, to: number): string {
    const paragraphs = this.paragraphs;
    const parts: string[] = [];
    let k = this.lastStartingAtOrBefore(from);
    let at = k < 0 ? 0 : paragraphs[k].start;
    let chunk = k < 0 ? this.prefix : paragraphs[k].chunk;
    while (at < to) {
      const s = Math.max(from, at);
      const e = Math.min(to, at + chunk.length);
      if (e > s) parts.push(chunk.slice(s - at, e - at));
      at += chunk.length;
      k++;
      if (k >= paragraphs.length) break;
      chunk = paragraphs[k].chunk;
    }
    return parts.join('');
  }

  /** The chunks of paragraphs [from, to), joined. */
  private chunks(from: number, to: number): string {
    if (from >= to) return '';
    if (from + 1 === to) return this.paragraphs[from].chunk;
    const parts: string[] = [];
    for (let k = from; k < to; k++) parts.push(this.paragraphs[k].chunk);
    return parts.join('');
  }

  /** Index of the last paragraph starting at or before `offset` (-1 if none). */
  private lastStartingAtOrBefore(offset: number): number {
    const paragraphs = this.paragraphs;
    let lo = 0;
    let hi = paragraphs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (paragraphs[mid].start <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
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
}

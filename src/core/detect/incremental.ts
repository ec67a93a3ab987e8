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
import type { DetectOptions, Detection, DetectionNotice, TextChange } from './types';
import { type Carry, type ScanSettings, compareDetections, sameCarry, scanParagraph, scanSettings } from './paragraph';
import { releaseText } from './candidates';
import { limitNotice, mergeSorted, piecesNotice } from './document';
import { FRONT_MATTER_LIMIT, ParagraphSpan, type ReaderState, frontMatterEnd, structureReader } from './structure';
import { Ch } from './chars';

/**
 * One paragraph (see ParagraphSpan), kept small: a log of half a million short lines makes
 * half a million of them.
 */
interface Paragraph {
  start: number;
  end: number;
  /** Start of the line the paragraph starts on (a structure reader can resume there). */
  lineStart: number;
  /** FIRST_IN_LINE, AFTER_BREAK and DORMANT, and the piece number (see ParagraphSpan.piece) times PIECE. */
  flags: number;
  /** The structure reader's state at `lineStart` (first paragraphs of their line only). */
  state: ReaderState | null;
  /** The paragraph's edits (see ParagraphSpan), offsets relative to `start`; null when none. */
  edits: number[] | null;
  /** The first two code units it reads, the second times 65536. */
  heads: number;
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

/** No prose before it on its line (see ParagraphSpan.firstInLine). */
const FIRST_IN_LINE = 1;
/** Nothing is carried into it (see ParagraphSpan.afterBreak). */
const AFTER_BREAK = 2;
/** Past the document's limit of detections: not scanned (see `enforceLimit`). */
const DORMANT = 4;
const PIECE = 8;

/** The detections of a paragraph that has none: shared, never written. */
const NONE: Detection[] = [];

function flagsOf(span: ParagraphSpan, dormant: boolean): number {
  return (span.firstInLine ? FIRST_IN_LINE : 0) | (span.afterBreak ? AFTER_BREAK : 0) | (dormant ? DORMANT : 0) | span.piece * PIECE;
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
 * The next paragraph as the scan of the one before reads it: its start (`start`) and first
 * two characters; null when nothing is carried into it.
 */
function nextOf(start: number, p: Paragraph): ParagraphSpan | null {
  if (p.flags & AFTER_BREAK) return null;
  const span = new ParagraphSpan();
  span.start = start;
  span.head0 = p.heads & 0xffff;
  span.head1 = p.heads >>> 16;
  return span;
}

/** `nextOf` for a span read but not yet stored. */
function nextOfSpan(start: number, next: ParagraphSpan): ParagraphSpan | null {
  if (next.afterBreak) return null;
  const span = new ParagraphSpan();
  span.start = start;
  span.head0 = next.head0;
  span.head1 = next.head1;
  return span;
}

/** The span of a stored paragraph, relative to its start (its chunk is the text). */
function spanOf(p: Paragraph, into: ParagraphSpan): ParagraphSpan {
  into.reset(p.lineStart - p.start, 0, (p.flags & FIRST_IN_LINE) !== 0, (p.flags & AFTER_BREAK) !== 0);
  into.end = p.end - p.start;
  if (p.edits) for (const v of p.edits) into.edits.push(v);
  into.head0 = p.heads & 0xffff;
  into.head1 = p.heads >>> 16;
  return into;
}

/** Whether `text` holds at least `n` line breaks in [from, to). */
function hasLines(text: string, from: number, to: number, n: number): boolean {
  let i = Math.max(0, from);
  for (let k = 0; k < n; k++) {
    const lf = text.indexOf('\n', i);
    const cr = text.indexOf('\r', i);
    const at = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    if (at < 0 || at >= to) return false;
    i = text.charCodeAt(at) === Ch.CR && text.charCodeAt(at + 1) === Ch.LF ? at + 2 : at + 1;
  }
  return true;
}

function detectionCount(p: Paragraph): number {
  return p.local.length + (p.cross ? 1 : 0);
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
  /** How many detections the paragraphs hold, and whether some are dormant (past the limit). */
  private total = 0;
  private limited = false;

  /**
   * @param text - The document's text
   * @param options - Which kinds to report (all four by default), the cue vocabulary and the
   *   text's format; a detector keeps them for its life (new options need a new detector)
   */
  constructor(text: string, options?: DetectOptions) {
    this.settings = scanSettings(options);
    this.length = text.length;
    this.joined = text;
    // Read and scanned a paragraph ahead, as `detect` does.
    const reader = structureReader(text, 0, text.length, this.settings.format, null);
    const max = this.settings.maxDetections;
    const paragraphs = this.paragraphs;
    let current = new ParagraphSpan();
    let following = new ParagraphSpan();
    let more = reader.next(current);
    let state = more ? reader.stateAtParagraph() : null;
    this.prefix = text.slice(0, more ? current.start : text.length);
    let carry: Carry | null = null;
    let made = 0;
    while (more) {
      const hasNext = reader.next(following);
      const nextState = hasNext ? reader.stateAtParagraph() : null;
      const chunk = text.slice(current.start, hasNext ? following.start : text.length);
      const record: Paragraph = {
        start: current.start, end: current.end, lineStart: current.lineStart, flags: flagsOf(current, made >= max), state: current.firstInLine ? state : null,
        edits: relativeEdits(current), heads: current.head0 + current.head1 * 65536, chunk, local: NONE, cross: null, carry: null,
      };
      if (made < max) {
        const local: Detection[] = [];
        const result = scanParagraph(text, current, carry, hasNext && !following.afterBreak ? following : null, current.start, this.settings, local);
        record.local = local.length > 0 ? local : NONE;
        record.cross = result.cross;
        record.carry = result.carry;
        made += local.length + (result.cross ? 1 : 0);
        carry = result.carry;
      }
      paragraphs.push(record);
      const spare = current;
      current = following;
      following = spare;
      state = nextState;
      more = hasNext;
    }
    this.enforceLimit();
    releaseText();
  }

  /**
   * What detection left out or read in pieces (see `DetectionNotice`): paragraphs read in
   * pieces, and where detection stopped when the document has more detections than the limit.
   */
  get notices(): DetectionNotice[] {
    const out: DetectionNotice[] = [];
    for (const p of this.paragraphs) {
      if (p.flags & DORMANT) {
        out.push(limitNotice(p.start, this.settings.maxDetections));
        break;
      }
      if ((p.flags & ~(PIECE - 1)) === PIECE) out.push(piecesNotice(p.start));
    }
    return out;
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
      if (restart >= 0 && paragraphs[restart].flags & FIRST_IN_LINE) n++;
    }
    while (restart > 0 && !(paragraphs[restart].flags & FIRST_IN_LINE)) restart--;
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
    const nextAfter = sync < count ? nextOf(textEnd, paragraphs[sync]) : null;
    // At most as many detections as the limit leaves: the paragraphs before hold at most the
    // total less those replaced (a paste of a million quote marks makes no more).
    let replaced = 0;
    for (let k = first; k < sync; k++) replaced += detectionCount(paragraphs[k]);
    const budget = this.settings.maxDetections - (this.total - replaced);
    const fresh = this.scanSpans(read.text, regionStart, spans, read.states, textEnd, carryIn, nextAfter, budget);
    if (fresh.length > 0 && fresh[fresh.length - 1].flags & DORMANT) this.limited = true;

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
    let made = 0;
    for (const p of fresh) made += detectionCount(p);
    while (next < count && !(paragraphs[next].flags & DORMANT) && !sameCarry(carryNew, carryOld)) {
      if (made >= budget) {
        // Past the limit: what follows is scanned again, in order, by `enforceLimit`.
        for (let k = next; k < count; k++) this.makeDormant(paragraphs[k]);
        this.limited = true;
        break;
      }
      const p = paragraphs[next];
      const following = next + 1 < count ? paragraphs[next + 1] : null;
      const local: Detection[] = [];
      const result = scanParagraph(p.chunk, spanOf(p, span), carryNew, following ? nextOf(p.chunk.length, following) : null, 0, this.settings, local);
      const start = p.start + delta;
      fresh.push({ ...p, start, end: p.end + delta, lineStart: p.lineStart + delta, local: local.length > 0 ? local : NONE, cross: result.cross, carry: result.carry });
      made += local.length + (result.cross ? 1 : 0);
      carryOld = p.carry;
      carryNew = result.carry;
      changedTo = start + p.chunk.length;
      removeCount++;
      next++;
    }

    for (let k = first; k < first + removeCount; k++) {
      const p = paragraphs[k];
      if (p.cross) changedFrom = Math.min(changedFrom, p.cross.start + p.start);
      this.total -= detectionCount(p);
    }
    for (const p of fresh) {
      if (p.cross) changedFrom = Math.min(changedFrom, p.cross.start + p.start);
      this.total += detectionCount(p);
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
    if (this.limited || this.total >= this.settings.maxDetections) {
      const stoppedAt = this.enforceLimit();
      if (stoppedAt >= 0) changedTo = this.length;
    }
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
        if (p && p.start + delta === span.start && p.lineStart + delta === span.lineStart && p.end + delta === span.end &&
          (p.flags & ~DORMANT) === flagsOf(span, false) && hasLines(text, editEnd, span.lineStart - offset, SETTLED_LINES) &&
          hasLines(text, span.end - offset, text.length, SETTLED_LINES) && sameEdits(p.edits, relativeEdits(span)) && reader.stateAtParagraph().equals(p.state)) {
          return { spans, states, sync: j };
        }
      }
      states.push(span.firstInLine ? reader.stateAtParagraph() : null);
      spans.push(span);
    }
    return { spans, states, sync: -1 };
  }

  /**
   * Keeps the document within its limit of detections: a paragraph is scanned when the
   * paragraphs before it hold fewer than `maxDetections`, as `detect` scans them, and dormant
   * otherwise. Costs a walk over the paragraphs, only in documents at the limit. Returns the
   * index of the first paragraph whose state changed, or -1.
   */
  private enforceLimit(): number {
    const paragraphs = this.paragraphs;
    const max = this.settings.maxDetections;
    let changed = -1;
    let sum = 0;
    let k = 0;
    for (; k < paragraphs.length && sum < max; k++) {
      const p = paragraphs[k];
      if (p.flags & DORMANT) {
        if (changed < 0) changed = k;
        this.rescan(k, k > 0 ? paragraphs[k - 1].carry : null);
      }
      sum += detectionCount(p);
    }
    this.limited = k < paragraphs.length;
    for (; k < paragraphs.length; k++) {
      const p = paragraphs[k];
      if (p.flags & DORMANT) continue;
      if (changed < 0) changed = k;
      this.makeDormant(p);
    }
    this.total = sum;
    return changed;
  }

  /** Leaves `p` unscanned, past the limit. */
  private makeDormant(p: Paragraph): void {
    if (p.flags & DORMANT) return;
    this.total -= detectionCount(p);
    p.flags |= DORMANT;
    p.local = NONE;
    p.cross = null;
    p.carry = null;
  }

  /** Scans paragraph `k` again from its stored text and edits, with `carryIn`. */
  private rescan(k: number, carryIn: Carry | null): void {
    const paragraphs = this.paragraphs;
    const p = paragraphs[k];
    const following = k + 1 < paragraphs.length ? paragraphs[k + 1] : null;
    const local: Detection[] = [];
    const result = scanParagraph(p.chunk, spanOf(p, new ParagraphSpan()), carryIn, following ? nextOf(p.chunk.length, following) : null, 0, this.settings, local);
    p.local = local.length > 0 ? local : NONE;
    p.cross = result.cross;
    p.carry = result.carry;
    p.flags &= ~DORMANT;
  }

  /**
   * Scans the paragraphs `spans` of `text` (which starts at `offset` of the document and
   * whose paragraphs' chunks end at `textEnd`), starting with `carryIn`; `after` is the
   * paragraph that follows the last one, or null. Once `budget` detections are made, the
   * paragraphs after are left dormant (see `enforceLimit`).
   */
  private scanSpans(text: string, offset: number, spans: ParagraphSpan[], states: Array<ReaderState | null>, textEnd: number, carryIn: Carry | null, after: ParagraphSpan | null, budget: number): Paragraph[] {
    const out: Paragraph[] = [];
    let carry = carryIn;
    let made = 0;
    const local = new ParagraphSpan();
    for (let k = 0; k < spans.length; k++) {
      const span = spans[k];
      const chunkEnd = k + 1 < spans.length ? spans[k + 1].start - offset : textEnd;
      if (made >= budget) {
        out.push({
          start: span.start, end: span.end, lineStart: span.lineStart, flags: flagsOf(span, true), state: states[k], edits: relativeEdits(span),
          heads: span.head0 + span.head1 * 65536, chunk: text.slice(span.start - offset, chunkEnd), local: NONE, cross: null, carry: null,
        });
        continue;
      }
      local.copyFrom(span);
      local.start -= offset;
      local.end -= offset;
      local.lineStart -= offset;
      for (let e = 0; e < local.edits.length; e += 3) {
        local.edits[e] -= offset;
        local.edits[e + 1] -= offset;
      }
      const next = k + 1 < spans.length ? nextOfSpan(spans[k + 1].start - offset, spans[k + 1]) : after;
      const detections: Detection[] = [];
      const result = scanParagraph(text, local, carry, next, local.start, this.settings, detections);
      out.push({
        start: span.start, end: span.end, lineStart: span.lineStart, flags: flagsOf(span, false), state: states[k], edits: relativeEdits(span),
        heads: span.head0 + span.head1 * 65536, chunk: text.slice(local.start, chunkEnd), local: detections.length > 0 ? detections : NONE,
        cross: result.cross, carry: result.carry,
      });
      made += detections.length + (result.cross ? 1 : 0);
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

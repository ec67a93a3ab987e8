/**
 * Triage: walking through every detected quote, number and attribution of an article that
 * nobody has tagged yet, one at a time, tagging or skipping each; as in an accept/reject
 * annotation loop. The session is plain state; the editor adapter draws it and feeds keys.
 */
import { shiftForChange, type TextChange } from './anchor';
import type { Tag } from './tags';

/** The fields of a detection triage reads. */
export interface TriageDetection {
  readonly kind: string;
  readonly subtype: string;
  readonly start: number;
  readonly end: number;
  readonly nested?: boolean;
  readonly speaker?: string;
}

export interface TriageItem {
  start: number;
  end: number;
  readonly kind: string;
  readonly subtype: string;
  readonly speaker?: string;
}

/** Kinds of detection worth a decision; cues are single words that help suggest a kind. */
const TRIAGED = new Set(['quote', 'number', 'attribution']);

/**
 * The detections still to decide on, in reading order: quotes (the outer statement, not
 * quotes nested in it), numbers and attributions that no tag covers.
 */
export function untaggedDetections(detections: readonly TriageDetection[], tags: readonly Tag[]): TriageItem[] {
  const spans = tags.filter((t) => t.status !== 'orphan').map((t) => t.anchor);
  return detections
    .filter((d) => TRIAGED.has(d.kind) && !d.nested && d.end > d.start)
    .filter((d) => !spans.some((s) => s.start <= d.start && d.end <= s.end))
    .map((d) => ({ start: d.start, end: d.end, kind: d.kind, subtype: d.subtype, ...(d.speaker ? { speaker: d.speaker } : {}) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
}

export interface TriageProgress {
  /** 1-based position of the current item; total + 1 when done. */
  readonly position: number;
  readonly total: number;
  readonly tagged: number;
  readonly skipped: number;
}

export class TriageSession {
  private index = 0;
  /** Tag id given to each item, by item. */
  private readonly tags = new Map<TriageItem, string>();
  private readonly skips = new Set<TriageItem>();

  constructor(readonly items: TriageItem[]) {}

  get current(): TriageItem | undefined {
    return this.items[this.index];
  }

  get done(): boolean {
    return this.index >= this.items.length;
  }

  /** The tag made for the current item in this session, if any (going back to change it). */
  get currentTag(): string | undefined {
    const item = this.current;
    return item ? this.tags.get(item) : undefined;
  }

  progress(): TriageProgress {
    return { position: Math.min(this.index + 1, this.items.length + 1), total: this.items.length, tagged: this.tags.size, skipped: this.skips.size };
  }

  /** Records the tag given to the current item and moves on. */
  tagged(tagId: string): void {
    const item = this.current;
    if (!item) return;
    this.tags.set(item, tagId);
    this.skips.delete(item);
    this.index++;
  }

  skip(): void {
    const item = this.current;
    if (!item) return;
    if (!this.tags.has(item)) this.skips.add(item);
    this.index++;
  }

  /** Goes back one item; false at the first. */
  back(): boolean {
    if (this.index === 0) return false;
    this.index--;
    return true;
  }

  /** Moves the items with an edit of the article; an item whose text is deleted is skipped. */
  applyChange(change: TextChange): void {
    for (const item of this.items) {
      const shifted = shiftForChange(item, change);
      item.start = shifted.start;
      item.end = shifted.orphaned ? shifted.start : shifted.end;
    }
    // Items emptied by the edit are passed over when reached.
    while (this.current && this.current.end <= this.current.start) this.skip();
  }
}

/**
 * Tags of untitled documents that were just closed. Saving an untitled document under a
 * name closes it and opens the saved file; its tags are handed to the file whose text is
 * the same, if that file opens within a short while.
 */
import type { Tag } from '../tags';

/** How long the tags of a closed untitled document wait for its saved file to open. */
export const ADOPT_WITHIN_MS = 10_000;

export class ClosedUntitled {
  private readonly closed: Array<{ readonly text: string; readonly tags: readonly Tag[]; readonly at: number }> = [];

  constructor(private readonly withinMs = ADOPT_WITHIN_MS) {}

  /** An untitled document with these tags was closed at `now` (milliseconds). */
  add(text: string, tags: readonly Tag[], now: number): void {
    if (tags.length > 0) this.closed.push({ text, tags, at: now });
  }

  /**
   * The tags of the most recently closed untitled document with this text, closed within the
   * limit, handed over once; undefined if there is none. Older ones are forgotten.
   */
  take(text: string, now: number): readonly Tag[] | undefined {
    for (let i = this.closed.length - 1; i >= 0; i--) {
      if (now - this.closed[i].at > this.withinMs) this.closed.splice(i, 1);
    }
    for (let i = this.closed.length - 1; i >= 0; i--) {
      if (this.closed[i].text === text) return this.closed.splice(i, 1)[0].tags;
    }
    return undefined;
  }
}

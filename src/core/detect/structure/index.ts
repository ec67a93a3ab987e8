/**
 * Structure readers: the paragraphs of a text as a reader sees them, for each format, with
 * a paragraph too long to scan in one piece handed out in pieces.
 */
import { MARKDOWN_START, MarkdownReader, MarkdownState } from './markdown';
import { PLAIN_START, PlainReader, PlainState } from './plain';
import { DELETE, ParagraphSpan, type ReaderState, type StructureReader, type TextFormat } from './span';
import { Ch } from '../chars';

export { FRONT_MATTER_LIMIT, frontMatterEnd } from './markdownLines';
export { DELETE, PLACEHOLDER, ParagraphSpan, type ReaderState, type StructureReader, type TextFormat } from './span';

/**
 * The longest piece of a paragraph scanned at once, in code units (64K: news paragraphs are
 * under 5,000). A longer paragraph (a log, a CSV or a minified file opened as text) is read
 * in pieces, cut at a space where there is one: each piece costs the scan's buffers no more
 * than a long paragraph, and a quote or a number across a cut is read as two.
 */
export const MAX_PARAGRAPH = 1 << 16;

/**
 * A reader of the paragraphs of `text` in [from, to).
 *
 * @param text - The text
 * @param from - A line start
 * @param to - Where the text ends for the reader
 * @param format - How to read its structure
 * @param state - The reader's state at `from` (from `stateAtParagraph` of an earlier reader), or null at the text start
 */
export function structureReader(text: string, from: number, to: number, format: TextFormat, state: ReaderState | null): StructureReader {
  const reader = format === 'markdown'
    ? new MarkdownReader(text, from, to, state instanceof MarkdownState ? state : MARKDOWN_START)
    : new PlainReader(text, from, to, state instanceof PlainState ? state : PLAIN_START);
  return new PieceReader(text, reader);
}

/** Hands out the paragraphs of another reader, a long one in pieces of at most MAX_PARAGRAPH. */
class PieceReader implements StructureReader {
  private readonly whole = new ParagraphSpan();
  /** Where the next piece of `whole` starts; -1 when none is left. */
  private at = -1;
  private piece = 0;

  constructor(private readonly text: string, private readonly reader: StructureReader) {}

  stateAtParagraph(): ReaderState {
    return this.reader.stateAtParagraph();
  }

  next(into: ParagraphSpan): boolean {
    if (this.at < 0) {
      if (!this.reader.next(into)) return false;
      if (into.end - into.start <= MAX_PARAGRAPH) return true;
      this.whole.copyFrom(into);
      this.at = into.start;
      this.piece = 0;
    }
    this.cut(into);
    return true;
  }

  /** Writes the next piece of `whole` into `into`. */
  private cut(into: ParagraphSpan): void {
    const whole = this.whole;
    const text = this.text;
    const start = this.at;
    let end = whole.end;
    const edits = whole.edits;
    if (end - start > MAX_PARAGRAPH) {
      end = start + MAX_PARAGRAPH;
      // At the last space of the piece's second half, outside every edit, not inside a surrogate pair.
      let cut = -1;
      for (let i = end; i > start + (MAX_PARAGRAPH >> 1); i--) {
        const c = text.charCodeAt(i - 1);
        if ((c === Ch.SPACE || c === Ch.LF) && !insideEdit(edits, i)) {
          cut = i;
          break;
        }
      }
      if (cut < 0) {
        cut = end;
        while (insideEdit(edits, cut) || (text.charCodeAt(cut) >= 0xdc00 && text.charCodeAt(cut) <= 0xdfff)) cut--;
      }
      end = cut;
    }
    into.reset(whole.lineStart, start, this.piece === 0 ? whole.firstInLine : false, this.piece === 0 ? whole.afterBreak : false);
    into.piece = this.piece + 1;
    let e = end;
    while (e > start && text.charCodeAt(e - 1) === Ch.SPACE) e--;
    into.end = e;
    for (let k = Math.max(0, editBefore(edits, start)); k < edits.length && edits[k] < e; k += 3) {
      if (edits[k] >= start && edits[k + 1] <= e) into.edits.push(edits[k], edits[k + 1], edits[k + 2]);
    }
    into.setHead(text);
    // The next piece starts at its first character that is read.
    let next = end;
    for (;;) {
      while (next < whole.end && (text.charCodeAt(next) === Ch.SPACE || text.charCodeAt(next) === Ch.LF)) next++;
      const k = editAt(edits, next);
      if (k < 0 || edits[k + 2] !== DELETE) break;
      next = edits[k + 1];
    }
    this.at = next < whole.end ? next : -1;
    this.piece++;
  }
}

/** Index of the last edit starting at or before `i` (edits are sorted and do not overlap), or -1. */
function editBefore(edits: readonly number[], i: number): number {
  let lo = 0;
  let hi = edits.length / 3;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edits[mid * 3] <= i) lo = mid + 1;
    else hi = mid;
  }
  return (lo - 1) * 3;
}

/** Index of the edit starting at `i`, or -1. */
function editAt(edits: readonly number[], i: number): number {
  const k = editBefore(edits, i);
  return k >= 0 && edits[k] === i ? k : -1;
}

/** Whether offset `i` falls strictly inside one of `edits`. */
function insideEdit(edits: readonly number[], i: number): boolean {
  const k = editBefore(edits, i - 1);
  return k >= 0 && edits[k] < i && i < edits[k + 1];
}

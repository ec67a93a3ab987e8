/**
 * Paragraphs as a reader sees them. A structure reader (plain.ts, markdown.ts) walks the
 * lines of a text and hands out one `ParagraphSpan` per paragraph: where it is in the text,
 * and the changes that turn its characters into what a reader reads (a soft line break and
 * the markup around it read as one space, emphasis markers left out, inline code read as one
 * placeholder). The scan then reads the paragraph with those changes made (see reading.ts),
 * and every offset it reports still points into the text.
 */

/** The formats whose structure is read: plain text (with e-mail quoting and wire-copy furniture) and Markdown. */
export type TextFormat = 'plain' | 'markdown';

/** Stands for something that is not prose but is part of a sentence (inline code, an autolink): a word of its own, never a letter or a space. */
export const PLACEHOLDER = 0xfffc;

/** Deletes the range: the code of an edit that leaves nothing in place of what it covers. */
export const DELETE = -1;

/**
 * Empties an array that is filled again soon, keeping its storage: setting `length = 0`
 * gives the storage up, so that the next pushes allocate it anew (per paragraph, that was
 * a tenth of the Markdown reader's time, in allocation and collection); `pop` keeps it.
 */
export function empty(a: number[]): void {
  while (a.length !== 0) a.pop();
}

/**
 * One paragraph. The object is reused by the reader that fills it: copy what must outlive
 * the next call.
 */
export class ParagraphSpan {
  /** Start of the line the paragraph starts on: where a reader can resume reading structure. */
  lineStart = 0;
  /** Whether no paragraph before it starts on the same line (table cells after the first do). */
  firstInLine = true;
  /**
   * Whether wire furniture (a byline, an end mark: the end of one story and the start of
   * another) stands between it and the paragraph before: nothing is carried over it (a quote
   * left open, the person "he" stands for). Code, tables and other blocks with no prose
   * carry on, as a reader reads on past a figure.
   */
  afterBreak = false;
  /** Bounds of its characters in the text, [start, end): from its first to its last non-space character. */
  start = 0;
  end = 0;
  /**
   * The changes a reader makes, as [from, to, code] triples in text order, inside
   * [start, end) and not overlapping: the range [from, to) reads as the code unit `code`,
   * or as nothing when `code` is DELETE.
   */
  edits: number[] = [];
  /** The first two code units a reader reads (0 when there are fewer): whether it reopens a quote. */
  head0 = 0;
  head1 = 0;
  /** For a paragraph too long to scan at once (see MAX_PARAGRAPH): which piece of it this is, from 1; 0 for a whole paragraph. */
  piece = 0;

  /** Empties the span for a paragraph starting at `start` on the line starting at `lineStart`. */
  reset(lineStart: number, start: number, firstInLine: boolean, afterBreak = false): void {
    this.lineStart = lineStart;
    this.firstInLine = firstInLine;
    this.afterBreak = afterBreak;
    this.start = start;
    this.end = start;
    empty(this.edits);
    this.head0 = 0;
    this.head1 = 0;
    this.piece = 0;
  }

  /** Adds an edit after the ones already there. */
  edit(from: number, to: number, code: number): void {
    this.edits.push(from, to, code);
  }

  /** Copies `other` into this span. */
  copyFrom(other: ParagraphSpan): void {
    this.lineStart = other.lineStart;
    this.firstInLine = other.firstInLine;
    this.afterBreak = other.afterBreak;
    this.start = other.start;
    this.end = other.end;
    empty(this.edits);
    for (const v of other.edits) this.edits.push(v);
    this.head0 = other.head0;
    this.head1 = other.head1;
    this.piece = other.piece;
  }

  /**
   * `copyFrom`, taking `other`'s edits rather than copying them: `other` is left with this
   * span's old edits array, to be reset before it is used again.
   */
  takeFrom(other: ParagraphSpan): void {
    const edits = this.edits;
    this.copyFields(other);
    this.edits = other.edits;
    other.edits = edits;
  }

  private copyFields(other: ParagraphSpan): void {
    this.lineStart = other.lineStart;
    this.firstInLine = other.firstInLine;
    this.afterBreak = other.afterBreak;
    this.start = other.start;
    this.end = other.end;
    this.head0 = other.head0;
    this.head1 = other.head1;
    this.piece = other.piece;
  }

  /** Sets `head0`/`head1` from the text and the edits (call once the span is complete). */
  setHead(text: string): void {
    let found = 0;
    let i = this.start;
    let k = 0;
    const edits = this.edits;
    while (found < 2 && i < this.end) {
      if (k < edits.length && edits[k] === i) {
        const code = edits[k + 2];
        i = edits[k + 1];
        k += 3;
        if (code === DELETE) continue;
        if (found === 0) this.head0 = code;
        else this.head1 = code;
        found++;
        continue;
      }
      const c = text.charCodeAt(i++);
      if (found === 0) this.head0 = c;
      else this.head1 = c;
      found++;
    }
  }
}

/**
 * What a structure reader needs to resume at a line start as if it had read everything
 * before: small, immutable, comparable.
 */
export interface ReaderState {
  equals(other: ReaderState | null): boolean;
}

/** Reads the paragraphs of a text one at a time. */
export interface StructureReader {
  /**
   * Fills `into` with the next paragraph and returns true, or returns false at the end.
   * Paragraphs come in text order.
   */
  next(into: ParagraphSpan): boolean;
  /** The reader's state at the start of the line of the paragraph last returned (for resuming there). */
  stateAtParagraph(): ReaderState;
}

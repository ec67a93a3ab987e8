/**
 * A paragraph read as a reader reads it. The scan works on the code units of the text (see
 * `Codes` in text.ts), its own copy: the edits of a `ParagraphSpan` are made in that copy,
 * in place, before the paragraph is scanned. An edit that keeps the length (a line break
 * read as a space) changes one code unit and no offset; one that does not (markup left out,
 * a Windows line break) moves the rest of the paragraph left, and `Reading` maps the offsets
 * the scan reports back into the text.
 */
import type { Codes } from './text';
import { DELETE, type ParagraphSpan } from './structure/span';

export class Reading {
  /** Whether the paragraph was read at its own offsets (no edit changed a length). */
  identity = true;
  /** The paragraph's end in the text, and where its reading ends in the code units. */
  textEnd = 0;
  end = 0;
  /** The pieces of the reading: piece k starts at viewFrom[k] and stands for [textFrom[k], textTo[k]) of the text. */
  private viewFrom = new Int32Array(16);
  private textFrom = new Int32Array(16);
  private textTo = new Int32Array(16);
  /** Whether piece k is one code unit standing for a whole range (a replacement) rather than a run kept as written. */
  private replaced = new Uint8Array(16);
  private count = 0;
  /**
   * Whether every edit was one code unit for one (then no piece is recorded: offsets are
   * the text's), and those edits, valid while the paragraph is scanned.
   */
  single = false;
  edits: readonly number[] = [];
  /**
   * Where the first edit that changes a length starts (the paragraph's end when none does):
   * before it the reading's offsets are the text's, whatever the edits.
   */
  movedFrom = 0;

  /**
   * Makes the edits of `span` in `codes` (which hold the text's code units over
   * [span.start, span.end] at least) and returns where the reading ends.
   */
  apply(codes: Codes, span: ParagraphSpan): number {
    const edits = span.edits;
    const start = span.start;
    const end = span.end;
    this.textEnd = end;
    this.count = 0;
    this.identity = true;
    this.single = false;
    this.movedFrom = end;
    if (edits.length === 0) {
      this.end = end;
      return end;
    }
    const moved = firstMoving(edits);
    if (moved < 0) {
      // Each edit one code unit for one (a line break read as a space, the commonest): nothing
      // moves, and only where they are is kept, for `writtenAt`.
      for (let k = 0; k < edits.length; k += 3) codes[edits[k]] = edits[k + 2];
      this.single = true;
      this.edits = edits;
      this.end = end;
      return end;
    }
    // Edits one code unit for one stay inside the runs read as written (they move no offset
    // and map as those runs do): fewer pieces, and a run over many lines copied at once.
    this.edits = edits;
    this.movedFrom = edits[moved];
    const n = edits.length;
    let w = start;
    let r = start;
    /** The next one-for-one edit not made yet: those from j to the next other edit all are. */
    let j = 0;
    for (let k = moved; k < n; k += 3) {
      const from = edits[k];
      const to = edits[k + 1];
      const code = edits[k + 2];
      if (isOneForOne(edits, k)) continue;
      if (from > r) {
        if (w !== r) codes.copyWithin(w, r, from);
        for (; j < k; j += 3) codes[w + (edits[j] - r)] = edits[j + 2];
        this.piece(w, r, from, 0);
        w += from - r;
      }
      j = k + 3;
      if (code !== DELETE) {
        codes[w] = code;
        this.piece(w, from, to, 1);
        w++;
        this.identity = false;
      } else if (to > from) {
        this.identity = false;
      }
      r = to;
    }
    if (end > r) {
      if (w !== r) codes.copyWithin(w, r, end);
      for (; j < n; j += 3) codes[w + (edits[j] - r)] = edits[j + 2];
      this.piece(w, r, end, 0);
      w += end - r;
    }
    if (w < end) {
      // What follows the reading reads as what follows the paragraph (its line break).
      codes.fill(end < codes.length ? codes[end] : 10, w, end);
    }
    this.end = w;
    return w;
  }

  private piece(view: number, from: number, to: number, replaced: number): void {
    const n = this.count;
    if (n === this.viewFrom.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      this.viewFrom = grow(this.viewFrom, new Int32Array(n * 2));
      this.textFrom = grow(this.textFrom, new Int32Array(n * 2));
      this.textTo = grow(this.textTo, new Int32Array(n * 2));
      this.replaced = grow(this.replaced, new Uint8Array(n * 2));
    }
    this.viewFrom[n] = view;
    this.textFrom[n] = from;
    this.textTo[n] = to;
    this.replaced[n] = replaced;
    this.count = n + 1;
  }

  /** The last piece starting at or before `o` (the reading's offsets are past the paragraph's start). */
  private pieceAt(o: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.viewFrom[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Where [start, end) of the reading is in the text when it lies within one run read as
   * written (no edit inside it), or -1.
   */
  writtenAt(start: number, end: number): number {
    // Read as written unless an edit falls inside.
    if (this.single) return editFrom(this.edits, start) < end ? -1 : start;
    const n = this.count;
    if (n === 0 || start < this.viewFrom[0] || end > this.end) return -1;
    const k = this.pieceAt(start);
    if (this.replaced[k]) return -1;
    if (end > (k + 1 < n ? this.viewFrom[k + 1] : this.end)) return -1;
    const at = this.textFrom[k] + (start - this.viewFrom[k]);
    // Unless a one-for-one edit falls inside.
    return editFrom(this.edits, at) < at + (end - start) ? -1 : at;
  }

  /** The text offset of the reading's offset `o` taken as a start (of a span, a name, a sentence). */
  toText(o: number): number {
    if (o < this.movedFrom || this.identity || this.count === 0 || o < this.viewFrom[0]) return o;
    if (o >= this.end) return this.textEnd + (o - this.end);
    const k = this.pieceAt(o);
    return this.replaced[k] ? this.textFrom[k] : this.textFrom[k] + (o - this.viewFrom[k]);
  }

  /** The text offset of the reading's offset `o` taken as an end (exclusive): after the piece it closes, not before the next. */
  toTextEnd(o: number): number {
    if (o <= this.movedFrom || this.identity || this.count === 0 || o <= this.viewFrom[0]) return o;
    if (o > this.end) return this.textEnd + (o - this.end);
    const k = this.pieceAt(o - 1);
    return this.replaced[k] ? this.textTo[k] : this.textFrom[k] + (o - this.viewFrom[k]);
  }
}

/** The index of the first edit that does not replace one code unit by one, or -1 when every edit does. */
function firstMoving(edits: readonly number[]): number {
  for (let k = 0; k < edits.length; k += 3) if (!isOneForOne(edits, k)) return k;
  return -1;
}

/** Whether the edit at `k` replaces one code unit by one. */
function isOneForOne(edits: readonly number[], k: number): boolean {
  return edits[k + 1] - edits[k] === 1 && edits[k + 2] !== DELETE;
}

/** Where the first of `edits` starting at or after `i` starts, or +Infinity. */
function editFrom(edits: readonly number[], i: number): number {
  let lo = 0;
  let hi = edits.length / 3;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edits[mid * 3] < i) lo = mid + 1;
    else hi = mid;
  }
  return lo * 3 < edits.length ? edits[lo * 3] : Infinity;
}

/**
 * Offsets and line/character positions, the way VS Code counts them: 0-based lines and
 * characters in UTF-16 code units, with "\r\n", "\r" and "\n" each ending a line.
 */

/** A 0-based line and character (UTF-16 code units), as in `vscode.Position`. */
export interface Position {
  line: number;
  character: number;
}

/**
 * The line starts of a text, for converting between offsets and positions in O(log lines).
 * Build one per text version; it does not follow edits.
 */
export class LineIndex {
  private readonly starts: number[];

  /**
   * @param text - The text to index
   */
  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /** How many lines the text has (an empty text, or one ending in a line break, counts the empty last line). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset where `line` starts (clamped to the existing lines). */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset where `line`'s content ends, before its line break. */
  lineEnd(line: number): number {
    const l = Math.max(0, Math.min(line, this.starts.length - 1));
    if (l + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[l + 1] - 1;
    if (end > this.starts[l] && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The 0-based line containing `offset` (clamped into the text). */
  lineAt(offset: number): number {
    const o = Math.max(0, Math.min(Math.floor(offset), this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The position of `offset`, clamped to the text. An offset inside a "\r\n" pair, or on
   * the line break itself, is the end of its line, as VS Code's `positionAt` has it.
   *
   * @param offset - UTF-16 offset into the text
   */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(Math.floor(offset), this.text.length));
    const line = this.lineAt(o);
    return { line, character: Math.min(o, this.lineEnd(line)) - this.starts[line] };
  }

  /**
   * The offset of `position`, clamped: a line past the end is the end of the text, a
   * character past the end of its line is the end of that line.
   *
   * @param position - 0-based line and character
   */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return Math.max(start, Math.min(start + Math.max(0, Math.floor(position.character)), this.lineEnd(position.line)));
  }
}

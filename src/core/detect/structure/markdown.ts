/**
 * The paragraphs of a Markdown document, as the rendered article shows them. The block
 * structure follows CommonMark, with GitHub's tables: block quotes and list items hold
 * paragraphs (their marks on every line are markup), headings are paragraphs of their own,
 * each table cell is one, and a paragraph runs over all its lines (one sentence per line,
 * or hard-wrapped). Front matter, fenced and indented code, math blocks, raw HTML blocks of
 * the script, pre, style and comment kinds, thematic breaks and link reference definitions
 * hold no prose; other HTML blocks are read with their tags left out. Inline markup is read
 * in inline.ts; what a line is, taken alone, in markdownLines.ts.
 *
 * Why a scanner of its own rather than a CommonMark library: the detector reads 100 MB/s
 * and re-reads a paragraph around each keystroke, so the structure must be read at a few
 * hundred MB/s and resumed at any paragraph from a small state. markdown-it and micromark
 * parse whole documents into tokens at 10-40 MB/s (see BENCHMARKS.md) and cannot resume
 * mid-document; this scanner reads only what decides where prose is, line by line.
 */
import { C, CLASS } from '../text';
import { MarkupFinder, inlineEdits } from './inline';
import { afterDateline, isByline, isEndMark } from './news';
import { ParagraphSpan, type ReaderState, type StructureReader, empty } from './span';
import { Ch } from '../chars';
import { ATX, DELIMITER_CELL, FENCE_OPEN, FOOTNOTE, FRONT_MATTER_LIMIT, HTML_BLOCK, HTML_ENDS, HTML_RAW, HTML_RAW_END, REFERENCE, SETEXT, closingLine, hasWords, htmlBlockStart, isThematicBreak, itemMarker, proseStart, tableCells } from './markdownLines';

const enum Leaf {
  NONE = 0,
  PARAGRAPH = 1,
  FENCE = 2,
  INDENTED = 3,
  HTML = 4,
  TABLE = 5,
  MATH = 6,
}

const enum Box {
  QUOTE = 1,
  ITEM = 2,
}

/** The reader's state at a line start: its open containers and the block open in them. */
export class MarkdownState implements ReaderState {
  constructor(
    /** [kind, content indent] of each open container, outermost first. */
    readonly boxes: readonly number[],
    readonly leaf: number,
    /** The open fence: its character, length and indentation (0 when none). */
    readonly fence: number,
    readonly fenceLength: number,
    readonly fenceIndent: number,
    readonly htmlKind: number,
    /** Whether the line is the document's first (front matter may open there). */
    readonly atTop: boolean,
  ) {}

  equals(other: ReaderState | null): boolean {
    if (!(other instanceof MarkdownState)) return false;
    if (other.leaf !== this.leaf || other.fence !== this.fence || other.fenceLength !== this.fenceLength || other.fenceIndent !== this.fenceIndent ||
      other.htmlKind !== this.htmlKind || other.atTop !== this.atTop || other.boxes.length !== this.boxes.length) return false;
    for (let k = 0; k < this.boxes.length; k++) if (other.boxes[k] !== this.boxes[k]) return false;
    return true;
  }
}

export const MARKDOWN_START = new MarkdownState([], Leaf.NONE, 0, 0, 0, 0, true);

/** States made so far, by their numbers: states are immutable and compared by value, so one object serves all equal ones. */
const SHARED_STATES = new Map<string, MarkdownState>();

/** The states outside any container with no fence or HTML open, by leaf * 2 + (1 on the first line). */
const TOP_LEVEL: MarkdownState[] = [];
for (let leaf = 0; leaf <= Leaf.MATH; leaf++) {
  TOP_LEVEL.push(new MarkdownState([], leaf, 0, 0, 0, 0, false), leaf === Leaf.NONE ? MARKDOWN_START : new MarkdownState([], leaf, 0, 0, 0, 0, true));
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** How many states a reader keeps at hand (see `currentState`). */
const RECENT_STATES = 8;

/** Where the first non-space character from (pos, col) is, tabs advancing to the next multiple of 4. */
class Cursor {
  pos = 0;
  col = 0;
}

export class MarkdownReader implements StructureReader {
  private at: number;
  private readonly boxes: number[] = [];
  private leaf: number = Leaf.NONE;
  private fence = 0;
  private fenceLength = 0;
  private fenceIndent = 0;
  private htmlKind = 0;
  private atTop: boolean;
  /** The paragraph being read: [start, end) of each of its lines' content. */
  private lines: number[] = [];
  private paragraphLineStart = 0;
  private paragraphState: MarkdownState = MARKDOWN_START;
  /** Whether the paragraph being read is the text of an HTML block. */
  private paragraphHtml = false;
  /**
   * The state before the line being read, and before the paragraph's last line, which may
   * turn into a table's header row.
   */
  private lineState: MarkdownState = MARKDOWN_START;
  private lastLineState: MarkdownState = MARKDOWN_START;
  private lastLineStart = 0;
  /** Wire furniture (a byline, an end mark) was passed since the last paragraph: nothing is carried over it. */
  private broken = false;
  /** Paragraphs found and not handed out yet, with their states. */
  private readonly ready: ParagraphSpan[] = [];
  private readonly readyStates: Array<MarkdownState | null> = [];
  private readyAt = 0;
  /** How many of `ready` (and `readyStates`) are in use: the arrays are reused, not emptied. */
  private readyCount = 0;
  private readonly spare: ParagraphSpan[] = [];
  private handedState: MarkdownState = MARKDOWN_START;
  private readonly cursor = new Cursor();
  private readonly hasCr: boolean;
  private done = false;
  private readonly finder: MarkupFinder;
  /** The last states `currentState` looked up (at most RECENT_STATES), and where the next one goes. */
  private readonly recent: MarkdownState[] = [];
  private recentAt = 0;

  /**
   * @param text - The text
   * @param from - A line start to read from
   * @param to - Where the text ends for this reader
   * @param state - The state at `from` (MARKDOWN_START at the document's top)
   */
  constructor(private readonly text: string, from: number, private readonly to: number, state: MarkdownState = MARKDOWN_START) {
    this.at = from;
    for (const v of state.boxes) this.boxes.push(v);
    this.leaf = state.leaf;
    this.fence = state.fence;
    this.fenceLength = state.fenceLength;
    this.fenceIndent = state.fenceIndent;
    this.htmlKind = state.htmlKind;
    this.atTop = state.atTop && from === 0;
    const cr = text.indexOf('\r', from);
    this.hasCr = cr >= 0 && cr < to;
    this.finder = new MarkupFinder(text);
  }

  stateAtParagraph(): ReaderState {
    return this.handedState;
  }

  next(into: ParagraphSpan): boolean {
    while (this.readyAt >= this.readyCount) {
      if (this.readyAt > 0) {
        this.readyCount = 0;
        this.readyAt = 0;
      }
      if (this.done) return false;
      if (this.at >= this.to) {
        this.closeLeaf();
        this.done = true;
        continue;
      }
      this.readLine();
    }
    const span = this.ready[this.readyAt];
    // The span goes back to the spare ones, which are reset before use: its edits are taken, not copied.
    into.takeFrom(span);
    this.handedState = this.readyStates[this.readyAt] ?? this.handedState;
    this.spare.push(span);
    this.readyAt++;
    return true;
  }

  /**
   * The reader's state now, as a `MarkdownState` shared with every equal one: states are
   * compared by value and the incremental detector keeps one per paragraph, so a document
   * makes a few. Asked at every line start, so the usual ones come without a lookup.
   */
  private currentState(): MarkdownState {
    const boxes = this.boxes;
    const top = this.atTop ? 1 : 0;
    if (boxes.length === 0 && this.fence === 0 && this.htmlKind === 0) return TOP_LEVEL[this.leaf * 2 + top];
    if (this.isNow(this.lineState)) return this.lineState;
    // Inside a list or a quote, lines go back and forth between a few states: the last ones
    // made are compared before a key is built (building it cost more than the rest of the line).
    const recent = this.recent;
    for (let k = 0; k < recent.length; k++) if (this.isNow(recent[k])) return recent[k];
    const key = `${this.leaf},${this.fence},${this.fenceLength},${this.fenceIndent},${this.htmlKind},${top},${boxes.join(',')}`;
    let state = SHARED_STATES.get(key);
    if (!state) {
      state = new MarkdownState(boxes.slice(), this.leaf, this.fence, this.fenceLength, this.fenceIndent, this.htmlKind, this.atTop);
      if (SHARED_STATES.size >= 4096) SHARED_STATES.clear();
      SHARED_STATES.set(key, state);
    }
    recent[this.recentAt] = state;
    this.recentAt = (this.recentAt + 1) % RECENT_STATES;
    return state;
  }

  /** Whether `state` is the reader's state now. */
  private isNow(state: MarkdownState): boolean {
    return state.leaf === this.leaf && state.fence === this.fence && state.fenceLength === this.fenceLength && state.fenceIndent === this.fenceIndent &&
      state.htmlKind === this.htmlKind && state.atTop === this.atTop && sameNumbers(state.boxes, this.boxes);
  }

  private readLine(): void {
    if (this.boxes.length === 0 && (this.leaf === Leaf.PARAGRAPH || this.leaf === Leaf.NONE) && this.fence === 0 && this.htmlKind === 0 &&
      !this.hasCr && !this.atTop && !this.proseLines()) return;
    const text = this.text;
    const ls = this.at;
    let le: number;
    if (this.hasCr) {
      le = ls;
      while (le < this.to) {
        const c = text.charCodeAt(le);
        if (c === Ch.LF || c === Ch.CR) break;
        le++;
      }
    } else {
      le = text.indexOf('\n', ls);
      if (le < 0 || le > this.to) le = this.to;
    }
    this.at = le >= this.to ? this.to : text.charCodeAt(le) === Ch.CR && text.charCodeAt(le + 1) === Ch.LF ? le + 2 : le + 1;
    this.lineState = this.currentState();
    if (this.atTop) {
      this.atTop = false;
      if (this.frontMatter(ls, le)) return;
    }
    this.line(ls, le);
  }

  /**
   * Most lines of an article are prose outside any container, or blank lines between its
   * paragraphs: they are read here in one loop, without the general line reading (`line`),
   * which they would pass through untouched. A blank line ends the paragraph open; a line
   * that is surely prose (see proseStart) starts one or goes on with it. Stops after the
   * paragraph it ends (to hand it out) and returns false, or before any other line and
   * returns true (the line is left to `line`).
   */
  private proseLines(): boolean {
    const text = this.text;
    const to = this.to;
    const lines = this.lines;
    let ls = this.at;
    while (ls < to) {
      // (A blank line is seen without a search.)
      let le = text.charCodeAt(ls) === Ch.LF ? ls : text.indexOf('\n', ls);
      if (le < 0 || le > to) le = to;
      const next = le >= to ? to : le + 1;
      // The state at the line start: outside any container, in a paragraph or not.
      const state = TOP_LEVEL[this.leaf * 2];
      if (ls === le) {
        this.lineState = state;
        if (lines.length !== 0) {
          this.closeLeaf();
          this.at = next;
          return false;
        }
        this.leaf = Leaf.NONE;
        ls = next;
        continue;
      }
      const p = proseStart(text, ls, le);
      if (p < 0) break;
      this.lineState = state;
      if (this.leaf === Leaf.PARAGRAPH) this.addLine(ls, p, le);
      else this.startParagraph(ls, p, le);
      ls = next;
    }
    this.at = ls;
    return ls < to;
  }

  /** Front matter opening on the first line: skipped to its closing line. */
  private frontMatter(ls: number, le: number): boolean {
    const end = closingLine(this.text.slice(0, Math.min(this.to, FRONT_MATTER_LIMIT)), ls, le);
    if (end < 0) return false;
    this.at = Math.min(end, this.to);
    return true;
  }

  /** Moves `cursor` from (pos, col) past up to `max` columns of spaces and tabs; returns the columns passed. */
  private skipSpaces(pos: number, col: number, le: number, max: number): number {
    const text = this.text;
    const cursor = this.cursor;
    let p = pos;
    let c = col;
    while (p < le && c - col < max) {
      const ch = text.charCodeAt(p);
      if (ch === Ch.SPACE) c++;
      else if (ch === Ch.TAB) c = (c & ~3) + 4;
      else break;
      p++;
    }
    cursor.pos = p;
    cursor.col = c;
    return c - col;
  }

  private line(ls: number, le: number): void {
    const text = this.text;
    const boxes = this.boxes;
    const cursor = this.cursor;
    if (boxes.length === 0 && (this.leaf === Leaf.PARAGRAPH || this.leaf === Leaf.NONE)) {
      // Most lines are prose outside any container: a blank line ends a paragraph, and a line
      // that is surely prose (see proseStart) starts a paragraph or goes on with one.
      if (ls === le) {
        this.closeLeaf();
        return;
      }
      const p = proseStart(text, ls, le);
      if (p >= 0) {
        if (this.leaf === Leaf.PARAGRAPH) this.addLine(ls, p, le);
        else this.startParagraph(ls, p, le);
        return;
      }
    }
    let pos = ls;
    let col = 0;
    // The containers the line continues.
    let matched = 0;
    for (; matched < boxes.length; matched += 2) {
      if (boxes[matched] === Box.QUOTE) {
        this.skipSpaces(pos, col, le, 3);
        if (cursor.pos >= le || text.charCodeAt(cursor.pos) !== Ch.GREATER) break;
        pos = cursor.pos + 1;
        col = cursor.col + 1;
        if (pos < le && (text.charCodeAt(pos) === Ch.SPACE || text.charCodeAt(pos) === Ch.TAB)) {
          col = text.charCodeAt(pos) === Ch.TAB ? (col & ~3) + 4 : col + 1;
          pos++;
        }
      } else {
        const indent = this.skipSpaces(pos, col, le, 1 << 20);
        if (cursor.pos >= le) continue;
        if (indent < boxes[matched + 1]) break;
        this.skipSpaces(pos, col, le, boxes[matched + 1]);
        pos = cursor.pos;
        col = cursor.col;
      }
    }
    this.skipSpaces(pos, col, le, 1 << 20);
    const blank = cursor.pos >= le;

    if (matched === boxes.length) {
      if (this.continueRaw(pos, col, le, blank)) return;
    } else {
      if (this.leaf === Leaf.PARAGRAPH && !blank && !this.startsBlock(cursor.pos, cursor.col - col, le, boxes[matched] === Box.ITEM)) {
        // A lazy continuation line.
        this.addLine(ls, cursor.pos, le);
        return;
      }
      this.closeLeaf();
      while (boxes.length > matched) boxes.pop();
    }

    // New containers.
    let opened = false;
    for (;;) {
      const indent = this.skipSpaces(pos, col, le, 1 << 20);
      if (indent >= 4 || cursor.pos >= le) break;
      const p = cursor.pos;
      const c = text.charCodeAt(p);
      if (c === Ch.GREATER) {
        this.closeLeaf();
        boxes.push(Box.QUOTE, 0);
        pos = p + 1;
        col = cursor.col + 1;
        if (pos < le && (text.charCodeAt(pos) === Ch.SPACE || text.charCodeAt(pos) === Ch.TAB)) {
          col = text.charCodeAt(pos) === Ch.TAB ? (col & ~3) + 4 : col + 1;
          pos++;
        }
        opened = true;
        continue;
      }
      const width = itemMarker(text, p, le);
      if (width === 0 || isThematicBreak(text, p, le)) break;
      const markerCol = col + indent;
      this.skipSpaces(p + width, markerCol + width, le, 1 << 20);
      const empty = cursor.pos >= le;
      // An empty item, or a numbered one not starting at 1, cannot interrupt a paragraph.
      if (this.leaf === Leaf.PARAGRAPH && !opened && (empty || (width > 1 && !(text.charCodeAt(p) === Ch.ONE && width === 2)))) break;
      let spaces = cursor.col - (markerCol + width);
      if (empty || spaces > 4) spaces = 1;
      this.closeLeaf();
      boxes.push(Box.ITEM, indent + width + spaces);
      this.skipSpaces(p + width, markerCol + width, le, spaces);
      pos = cursor.pos;
      col = cursor.col;
      opened = true;
    }

    this.leafLine(ls, le, pos, col, opened);
  }

  /**
   * Whether a line whose content starts at `p` (indented `indent` columns) starts a block, so
   * that it cannot continue a paragraph lazily. Where the line leaves a list item, any item
   * marker starts the next item.
   */
  private startsBlock(p: number, indent: number, le: number, leavesItem: boolean): boolean {
    if (indent >= 4) return false;
    const text = this.text;
    const rest = text.slice(p, Math.min(le, p + 200));
    const c = text.charCodeAt(p);
    if (c === Ch.GREATER || isThematicBreak(text, p, le) || ATX.test(rest) || FENCE_OPEN.test(rest)) return true;
    if (c === Ch.LESS && (HTML_RAW.test(rest) || rest.startsWith('<!') || rest.startsWith('<?') || HTML_BLOCK.test(rest))) return true;
    const width = itemMarker(text, p, le);
    if (width === 0) return false;
    if (leavesItem) return true;
    const empty = text.slice(p + width, le).trim() === '';
    return !empty && (width === 1 || (text.charCodeAt(p) === Ch.ONE && width === 2));
  }

  /** Lines inside a fence, a math block or a raw HTML block: true when the line was taken by it. */
  private continueRaw(pos: number, col: number, le: number, blank: boolean): boolean {
    const text = this.text;
    const cursor = this.cursor;
    switch (this.leaf) {
      case Leaf.FENCE: {
        const indent = this.skipSpaces(pos, col, le, 1 << 20);
        const p = cursor.pos;
        if (indent < 4 && text.charCodeAt(p) === this.fence) {
          let e = p;
          while (e < le && text.charCodeAt(e) === this.fence) e++;
          if (e - p >= this.fenceLength && text.slice(e, le).trim() === '') this.endRaw();
        }
        return true;
      }
      case Leaf.MATH:
        if (text.slice(cursor.pos, le).trim() === '$$') this.endRaw();
        return true;
      case Leaf.HTML:
        if (this.htmlKind <= 5) {
          const line = text.slice(pos, le);
          if (this.htmlKind === 1 ? HTML_RAW_END.test(line) : line.includes(HTML_ENDS[this.htmlKind])) this.endRaw();
          return true;
        }
        if (blank) {
          this.closeLeaf();
          return true;
        }
        this.lines.push(pos, this.trimEnd(pos, le));
        return true;
      default:
        return false;
    }
  }

  /**
   * Ends a fence, a math block or a raw HTML block at its closing line. What it was is
   * forgotten, as `closeLeaf` forgets it: the state after is the one shared by every line
   * outside any block, which `currentState` hands out without a lookup.
   */
  private endRaw(): void {
    this.leaf = Leaf.NONE;
    this.fence = 0;
    this.fenceLength = 0;
    this.fenceIndent = 0;
    this.htmlKind = 0;
  }

  private trimEnd(s: number, e: number): number {
    const text = this.text;
    while (e > s && (text.charCodeAt(e - 1) === Ch.SPACE || text.charCodeAt(e - 1) === Ch.TAB)) e--;
    return e;
  }

  /** The leaf block of a line whose containers are read; its content starts at (pos, col). */
  private leafLine(ls: number, le: number, pos: number, col: number, opened: boolean): void {
    const text = this.text;
    const cursor = this.cursor;
    const indent = this.skipSpaces(pos, col, le, 1 << 20);
    const p = cursor.pos;
    if (p >= le) {
      // A blank line: ends a paragraph, a table, an HTML block; an indented code block goes on.
      if (this.leaf !== Leaf.INDENTED) this.closeLeaf();
      return;
    }
    if (this.leaf === Leaf.INDENTED) {
      if (indent >= 4) return;
      this.closeLeaf();
    }
    if (indent >= 4) {
      if (this.leaf === Leaf.PARAGRAPH) this.addLine(ls, p, le);
      else {
        this.closeLeaf();
        this.leaf = Leaf.INDENTED;
      }
      return;
    }
    const c = text.charCodeAt(p);
    // The rest is sliced only for a line opening as a pattern below may match.
    const rest = c === Ch.HASH || c === Ch.BACKTICK || c === Ch.TILDE || c === Ch.DOLLAR || c === Ch.LESS || c === Ch.EQUALS || c === Ch.HYPHEN ||
      c === Ch.OPEN_BRACKET ? text.slice(p, le) : '';
    if (c === Ch.HASH && ATX.test(rest)) {
      this.closeLeaf();
      let s = p;
      while (s < le && text.charCodeAt(s) === Ch.HASH) s++;
      let e = this.trimEnd(s, le);
      // An optional closing sequence of #s after a space.
      let h = e;
      while (h > s && text.charCodeAt(h - 1) === Ch.HASH) h--;
      if (h < e && (h === s || text.charCodeAt(h - 1) === Ch.SPACE || text.charCodeAt(h - 1) === Ch.TAB)) e = this.trimEnd(s, h);
      this.skipSpaces(s, 0, e, 1 << 20);
      if (cursor.pos < e) this.emit(ls, [cursor.pos, e], this.lineState, false, false);
      return;
    }
    const m = c === Ch.BACKTICK || c === Ch.TILDE ? FENCE_OPEN.exec(rest) : null;
    if (m) {
      if (c === Ch.TILDE || !m[2].includes('`')) {
        this.closeLeaf();
        this.leaf = Leaf.FENCE;
        this.fence = c;
        this.fenceLength = m[1].length;
        this.fenceIndent = indent;
        return;
      }
    }
    if (c === Ch.DOLLAR && rest.trimEnd() === '$$') {
      this.closeLeaf();
      this.leaf = Leaf.MATH;
      return;
    }
    if (c === Ch.LESS) {
      const kind = htmlBlockStart(rest);
      if (kind > 0 && !(kind === 7 && this.leaf === Leaf.PARAGRAPH)) {
        this.closeLeaf();
        this.leaf = Leaf.HTML;
        this.htmlKind = kind;
        if (kind <= 5) {
          if (kind === 1 ? HTML_RAW_END.test(rest) : rest.includes(HTML_ENDS[kind], kind === 2 ? 4 : 2)) this.endRaw();
        } else {
          this.paragraphLineStart = ls;
          this.paragraphState = this.lineState;
          this.paragraphHtml = true;
          this.lines.push(p, this.trimEnd(p, le));
        }
        return;
      }
    }
    if (this.leaf === Leaf.PARAGRAPH && !opened && (c === Ch.EQUALS || c === Ch.HYPHEN) && SETEXT.test(rest)) {
      // The paragraph above is a heading; its underline is markup.
      this.closeLeaf();
      return;
    }
    if ((c === Ch.HYPHEN || c === Ch.ASTERISK || c === Ch.UNDERSCORE) && isThematicBreak(text, p, le)) {
      this.closeLeaf();
      return;
    }
    // A delimiter row opens with "|", ":" or "-".
    if (this.leaf === Leaf.PARAGRAPH && !opened && (c === Ch.PIPE || c === Ch.COLON || c === Ch.HYPHEN) && this.delimiterRow(p, le)) return;
    if (this.leaf === Leaf.TABLE) {
      if (!opened) {
        this.emitRow(ls, p, le, this.lineState);
        return;
      }
      this.closeLeaf();
    }
    // Definitions of links and footnotes come in runs at the end of an article, often with no
    // blank line between them: unlike CommonMark, one may end the paragraph above it.
    if (c === Ch.OPEN_BRACKET && !opened) {
      if (REFERENCE.test(rest)) {
        this.closeLeaf();
        return;
      }
      const footnote = FOOTNOTE.exec(rest);
      if (footnote) {
        this.closeLeaf();
        if (p + footnote[0].length < le) this.startParagraph(ls, p + footnote[0].length, le);
        return;
      }
    }
    if (this.leaf !== Leaf.PARAGRAPH) {
      this.startParagraph(ls, p, le);
      return;
    }
    this.addLine(ls, p, le);
  }

  private startParagraph(ls: number, p: number, le: number): void {
    this.leaf = Leaf.PARAGRAPH;
    this.paragraphLineStart = ls;
    this.paragraphState = this.lineState;
    this.paragraphHtml = false;
    this.keepLastLine(ls);
    this.lines.push(p, this.trimEnd(p, le));
  }

  private addLine(ls: number, p: number, le: number): void {
    if (this.lines.length === 0) {
      this.startParagraph(ls, p, le);
      return;
    }
    this.keepLastLine(ls);
    this.lines.push(p, this.trimEnd(p, le));
  }

  private keepLastLine(ls: number): void {
    this.lastLineStart = ls;
    this.lastLineState = this.lineState;
  }

  /** A delimiter row under a paragraph's last line whose cells it matches: that line becomes a table's header row. */
  private delimiterRow(p: number, le: number): boolean {
    const text = this.text;
    const lines = this.lines;
    if (lines.length === 0) return false;
    const row = text.slice(p, le);
    if (!row.includes('|') || !row.includes('-')) return false;
    const cells = tableCells(text, p, le);
    if (cells.length === 0) return false;
    for (let k = 0; k < cells.length; k += 2) if (!DELIMITER_CELL.test(text.slice(cells[k], cells[k + 1]))) return false;
    const hs = lines[lines.length - 2];
    const he = lines[lines.length - 1];
    const header = tableCells(text, hs, he);
    if (header.length !== cells.length) return false;
    // The lines before the header stay a paragraph.
    lines.length -= 2;
    const state = this.lastLineState;
    const lineStart = this.lastLineStart;
    this.closeLeaf();
    this.emitRow(lineStart, hs, he, state);
    this.leaf = Leaf.TABLE;
    return true;
  }

  /** Each non-empty cell of the row [p, le) as a paragraph. */
  private emitRow(ls: number, p: number, le: number, state: MarkdownState): void {
    const cells = tableCells(this.text, p, this.trimEnd(p, le));
    let first = true;
    for (let k = 0; k < cells.length; k += 2) {
      if (cells[k] >= cells[k + 1]) continue;
      if (this.emit(ls, [cells[k], cells[k + 1]], first ? state : null, !first, false)) first = false;
    }
  }

  /** Ends the block open: a paragraph or the text of an HTML block is handed out. */
  private closeLeaf(): void {
    const leaf = this.leaf;
    if ((leaf === Leaf.PARAGRAPH || leaf === Leaf.HTML) && this.lines.length > 0) {
      this.emit(this.paragraphLineStart, this.lines, this.paragraphState, false, this.paragraphHtml);
    }
    empty(this.lines);
    this.leaf = Leaf.NONE;
    this.fence = 0;
    this.fenceLength = 0;
    this.fenceIndent = 0;
    this.htmlKind = 0;
  }

  /** Hands out a paragraph made of the line contents `segments` ([start, end) pairs); false when it holds no prose. */
  private emit(ls: number, segments: number[], state: MarkdownState | null, inLine: boolean, html: boolean): boolean {
    const text = this.text;
    let start = segments[0];
    const end = segments[segments.length - 1];
    if (segments.length === 2) {
      // Wire furniture: a byline or an end mark is no prose; a dateline opens none.
      if (isEndMark(text, start, end) || isByline(text, start, end)) {
        this.broken = true;
        return false;
      }
    }
    if (CLASS[text.charCodeAt(start + 1)] === C.UPPER) start = afterDateline(text, start, segments[1]);
    const span = this.spare.pop() ?? new ParagraphSpan();
    span.reset(ls, start, !inLine, this.broken);
    span.end = end;
    const out = span.edits;
    // Between two lines: the line break, the container marks and the spaces read as one space
    // (a backslash ending a line is a hard break).
    if (this.finder.next(segments[0], end) >= end) {
      // Most paragraphs hold no character that may start markup: no inline edits, and no
      // backslash ending a line.
      for (let k = 1; k + 1 < segments.length; k += 2) out.push(segments[k], segments[k + 1], 32);
    } else this.mergeEdits(segments, html, start, out);
    if (html && !hasWords(text, start, end, span.edits)) {
      this.spare.push(span);
      return false;
    }
    span.setHead(text);
    this.ready[this.readyCount] = span;
    this.readyStates[this.readyCount] = state;
    this.readyCount++;
    this.broken = false;
    return true;
  }

  /**
   * Appends to `out` the inline edits of the paragraph made of `segments` merged with the
   * line breaks between them, in text order, leaving out those inside an earlier one and
   * before `start`.
   */
  private mergeEdits(segments: number[], html: boolean, start: number, out: number[]): void {
    const text = this.text;
    const edits = inlineEdits(text, segments, html, this.finder);
    let i = 0;
    // The end of the last inline edit not inside an earlier one, and of the last edit kept.
    let inlineEnd = -1;
    let lastEnd = start;
    for (let k = 1; k + 1 < segments.length; k += 2) {
      let e = segments[k];
      if (text.charCodeAt(e - 1) === Ch.BACKSLASH && e - 1 > segments[k - 1]) e--;
      for (; i < edits.length && edits[i] <= e; i += 3) {
        if (edits[i] < inlineEnd) continue;
        inlineEnd = edits[i + 1];
        if (edits[i] < lastEnd) continue;
        out.push(edits[i], edits[i + 1], edits[i + 2]);
        lastEnd = edits[i + 1];
      }
      if (e < lastEnd) continue;
      out.push(e, segments[k + 1], 32);
      lastEnd = segments[k + 1];
    }
    for (; i < edits.length; i += 3) {
      if (edits[i] < inlineEnd) continue;
      inlineEnd = edits[i + 1];
      if (edits[i] < lastEnd) continue;
      out.push(edits[i], edits[i + 1], edits[i + 2]);
      lastEnd = edits[i + 1];
    }
  }
}

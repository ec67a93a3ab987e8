/**
 * The paragraphs of plain text. Articles come one paragraph per line, or hard-wrapped at
 * 60-100 columns (wire copy, e-mail, text pasted from a terminal), with or without blank
 * lines between paragraphs, and nothing in the file says which. So each line break is
 * judged where it stands, the way a reader does: it is a soft wrap when the line before it
 * is filled up to where the next line's first word would not have fitted, and the lines
 * around are no longer than wrapped lines are; otherwise it ends a paragraph, and a file
 * written one paragraph per line reads exactly as it always did.
 *
 * Also structure, not prose: e-mail quoting (`>` and `> >` before each line, a change of
 * depth ends a paragraph), a story's end marks, bylines, and datelines (news.ts).
 */
import { C, CLASS } from '../text';
import { afterDateline, isByline, isEndMark } from './news';
import { ParagraphSpan, type ReaderState, type StructureReader } from './span';
import { Ch } from '../chars';

/**
 * The longest line taken for a hard-wrapped one, in code units: text is wrapped at 60-100
 * columns, while a paragraph written on one line is most often longer.
 */
export const MAX_WRAP = 100;
/**
 * A line and the next line's first word must together be longer than this for the break
 * between them to be a wrap: text wrapped at this width or wider is joined, and short lines
 * (a dateline over a byline, a list of short items) are left alone.
 */
export const MIN_FILL = 50;

/** What the plain reader knows about one line. */
class Line {
  /** Start of the line, end of its content (trailing spaces left out), start of the next line (or the text end). */
  start = 0;
  contentEnd = 0;
  next = 0;
  /** Start of its prose: after the e-mail quote marks and the spaces that follow them. */
  contentStart = 0;
  /** How many `>` quote it. */
  depth = 0;
  /** Blank, furniture (end mark, byline) or prose. */
  kind = LineKind.BLANK;
  /**
   * The details below are read only when a line break next to the line is judged (see
   * `details`): in text written one paragraph per line, most lines are too long for that.
   */
  detailed = false;
  /** It opens a list item: 1 with a bullet ("- ", "* ", "• "), 2 with a number ("1. ", "2) "); 0 if none. */
  item = 0;
  /** Whether it has a letter or a digit ("|" alone between a dateline and a byline has none). */
  wordy = false;
  /** Visible length, from the line start to the end of its content. */
  get length(): number {
    return this.contentEnd - this.start;
  }
}

const enum LineKind {
  BLANK = 0,
  SKIP = 1,
  PROSE = 2,
}

/**
 * The reader's state at a line start: how long the line before it was (-1 when it was no
 * prose; past MAX_WRAP, only that it was longer counts) and how deep it was quoted. States
 * are shared (see `plainState`): the incremental detector keeps one per paragraph.
 */
export class PlainState implements ReaderState {
  constructor(readonly previousLength: number, readonly previousDepth: number) {}

  equals(other: ReaderState | null): boolean {
    return other instanceof PlainState && other.previousLength === this.previousLength && other.previousDepth === this.previousDepth;
  }
}

export const PLAIN_START = new PlainState(-1, 0);

/** The states of the usual depths, by depth and length + 1. */
const STATES: PlainState[][] = [];
for (let depth = 0; depth < 4; depth++) STATES.push(Array.from({ length: MAX_WRAP + 3 }, (_, n) => new PlainState(n - 1, depth)));

/** The state for a line before of `length` (-1 when no prose) quoted `depth` deep. */
function plainState(length: number, depth: number): PlainState {
  const n = Math.min(length, MAX_WRAP + 1);
  return depth < STATES.length ? STATES[depth][n + 1] : new PlainState(n, depth);
}

export class PlainReader implements StructureReader {
  /** Lines i-1 to i+2 around the current one, in a ring (index & 3). */
  private readonly ring: Line[] = [new Line(), new Line(), new Line(), new Line()];
  /** Number of the current line; lines are numbered from the reader's start. */
  private line = 0;
  /** How many lines are read into the ring (numbers below this are known). */
  private known = 0;
  /** Where the next unread line starts. */
  private at: number;
  private readonly hasCr: boolean;
  /** The line the paragraph last returned starts on, and the length and depth of the prose line before it (-1 when none). */
  private paragraphLine = 0;
  private previousLength = -1;
  private previousDepth = 0;
  /** The list item the paragraph being read opens with (see Line.item), -1 until read. */
  private paragraphItem = -1;

  private itemOfParagraph(): number {
    if (this.paragraphItem < 0) this.paragraphItem = this.details(this.lineAt(this.paragraphLine) as Line).item;
    return this.paragraphItem;
  }

  /**
   * @param text - The text
   * @param from - A line start to read from
   * @param to - Where the text ends for this reader
   * @param state - The state at `from` (of the line before it), PLAIN_START at the text start
   */
  constructor(private readonly text: string, from: number, private readonly to: number, private readonly state: PlainState = PLAIN_START) {
    this.at = from;
    // indexOf('\n') is much faster than a loop, but only right when no lone CR ends a line.
    const cr = to - from < 4096 ? from : text.indexOf('\r', from);
    this.hasCr = cr >= 0 && cr < to;
  }

  stateAtParagraph(): ReaderState {
    if (this.paragraphLine === 0) return this.state;
    return this.previousLength < 0 ? PLAIN_START : plainState(this.previousLength, this.previousDepth);
  }

  /** Line `n`, read when first asked for; null past the end. Only n - 1 to n + 2 of the current line are kept. */
  private lineAt(n: number): Line | null {
    while (this.known <= n) {
      if (this.at >= this.to) return null;
      this.readLine(this.ring[this.known & 3]);
      this.known++;
    }
    return n < 0 ? null : this.ring[n & 3];
  }

  private readLine(line: Line): void {
    const text = this.text;
    const to = this.to;
    const s = this.at;
    let e: number;
    if (this.hasCr) {
      e = s;
      while (e < to) {
        const c = text.charCodeAt(e);
        if (c === Ch.LF || c === Ch.CR) break;
        e++;
      }
    } else {
      e = text.indexOf('\n', s);
      if (e < 0 || e > to) e = to;
    }
    line.start = s;
    line.next = e >= to ? to : text.charCodeAt(e) === Ch.CR && text.charCodeAt(e + 1) === Ch.LF ? e + 2 : e + 1;
    this.at = line.next;
    let ce = e;
    while (ce > s && CLASS[text.charCodeAt(ce - 1)] === C.SPACE) ce--;
    line.contentEnd = ce;
    let cs = s;
    while (cs < ce && CLASS[text.charCodeAt(cs)] === C.SPACE) cs++;
    if (cs >= ce) {
      line.kind = LineKind.BLANK;
      line.contentStart = ce;
      line.depth = 0;
      return;
    }
    // E-mail quoting: "> ", ">> ", "> > ".
    let depth = 0;
    while (cs < ce && text.charCodeAt(cs) === Ch.GREATER) {
      depth++;
      cs++;
      while (cs < ce && CLASS[text.charCodeAt(cs)] === C.SPACE) cs++;
    }
    line.depth = depth;
    line.contentStart = cs;
    line.detailed = false;
    if (cs >= ce) {
      line.kind = LineKind.BLANK;
      return;
    }
    // End marks and bylines are short.
    // (Only a line opening as one of them can be one: most lines are not asked.)
    const c = text.charCodeAt(cs);
    line.kind = ce - cs <= 100 && (c === Ch.B || c === Ch.b || c === Ch.HYPHEN || c === Ch.HASH || c === Ch.OPEN_PAREN || c === Ch.E) &&
      (isEndMark(text, cs, ce) || isByline(text, cs, ce)) ? LineKind.SKIP : LineKind.PROSE;
  }

  /** Reads the details of `line` (see Line.detailed). */
  private details(line: Line): Line {
    if (line.detailed) return line;
    const text = this.text;
    const cs = line.contentStart;
    const ce = line.contentEnd;
    let l = cs;
    while (l < ce && !isWordClass(CLASS[text.charCodeAt(l)])) l++;
    line.wordy = l < ce;
    line.item = startsItem(text, cs, ce);
    line.detailed = true;
    return line;
  }

  /** The length of the first word of `line` (a prose line). */
  private firstWord(line: Line): number {
    const text = this.text;
    const cs = line.contentStart;
    const ce = line.contentEnd;
    // A no-break space does not break a line: the first word runs to a plain space.
    let w = cs;
    while (w < ce && text.charCodeAt(w) !== Ch.SPACE && text.charCodeAt(w) !== Ch.TAB) w++;
    return w - cs;
  }

  /**
   * Whether the break after line `n` (a prose line, `a`) is a soft wrap into line n + 1;
   * `joined` when the break before it is one.
   */
  private joins(n: number, a: Line, joined: boolean): boolean {
    if (a.length > MAX_WRAP) return false;
    const b = this.lineAt(n + 1);
    if (!b || b.kind !== LineKind.PROSE || b.depth !== a.depth || !this.details(a).wordy || !this.details(b).wordy) return false;
    // A numbered line opens an item in a list, after a colon or an item: "3. According to…"
    // after a full line ending "on Oct." goes on a sentence.
    if (b.item === ITEM_BULLET) return false;
    if (b.item === ITEM_NUMBER && (this.itemOfParagraph() !== 0 || this.text.charCodeAt(a.contentEnd - 1) === Ch.COLON)) return false;
    // The line and the next one's first word must be longer than MIN_FILL, and than the next
    // line. A full line longer than the next needs no look at that word (most wrapped lines).
    if (a.length < MIN_FILL || b.length > a.length) {
      const fit = a.length + 1 + this.firstWord(b);
      if (fit <= MIN_FILL || b.length >= fit) return false;
    }
    // The lines around must be wrapped lines too, not paragraphs written on one line. (A line
    // wrapped into this one is one.)
    if (!joined) {
      const x = n - 1 >= 0 ? this.lineAt(n - 1) : null;
      const xLength = x ? (x.kind === LineKind.PROSE && x.depth === a.depth ? x.length : -1) : this.state.previousDepth === a.depth ? this.state.previousLength : -1;
      if (xLength > MAX_WRAP) return false;
    }
    const y = this.lineAt(n + 2);
    if (y && y.kind === LineKind.PROSE && y.depth === a.depth && y.length > MAX_WRAP) return false;
    return true;
  }


  next(into: ParagraphSpan): boolean {
    const text = this.text;
    let skipped = false;
    for (;;) {
      const first = this.lineAt(this.line);
      if (!first) return false;
      if (first.kind !== LineKind.PROSE) {
        if (first.kind === LineKind.SKIP) skipped = true;
        this.line++;
        continue;
      }
      const n0 = this.line;
      this.paragraphLine = n0;
      const x = n0 > 0 ? (this.lineAt(n0 - 1) as Line) : null;
      this.previousLength = x && x.kind === LineKind.PROSE ? x.length : -1;
      this.previousDepth = x ? x.depth : 0;
      this.paragraphItem = -1;
      // Two capitals open every dateline; most paragraphs open with one.
      const cs = first.contentStart;
      const c1 = text.charCodeAt(cs + 1);
      const start = CLASS[c1] === C.UPPER ? afterDateline(text, cs, first.contentEnd) : cs;
      into.reset(first.start, start, true, skipped);
      let n = n0;
      let line = first;
      while (this.joins(n, line, n > n0)) {
        const b = this.lineAt(n + 1) as Line;
        // The line break, with the spaces and quote marks around it, reads as one space.
        into.edit(line.contentEnd, b.contentStart, 32);
        n++;
        line = b;
      }
      into.end = line.contentEnd;
      into.setHead(text);
      this.line = n + 1;
      return true;
    }
  }
}

function isWordClass(k: number): boolean {
  return k === C.UPPER || k === C.LOWER || k === C.DIGIT;
}

const ITEM_BULLET = 1;
const ITEM_NUMBER = 2;

/** The list item the line content at [s, e) opens: "- ", "* ", "+ ", "• " (bullet), "1. ", "12) " (number); 0 if none (see Line.item). */
function startsItem(text: string, s: number, e: number): number {
  const c = text.charCodeAt(s);
  if (c === Ch.HYPHEN || c === Ch.ASTERISK || c === Ch.PLUS || c === Ch.BULLET) return s + 1 < e && CLASS[text.charCodeAt(s + 1)] === C.SPACE ? ITEM_BULLET : 0;
  if (c < Ch.ZERO || c > Ch.NINE) return 0;
  let i = s + 1;
  while (i < e && i - s < 4 && text.charCodeAt(i) >= Ch.ZERO && text.charCodeAt(i) <= Ch.NINE) i++;
  const d = text.charCodeAt(i);
  return (d === Ch.PERIOD || d === Ch.CLOSE_PAREN) && i + 1 < e && CLASS[text.charCodeAt(i + 1)] === C.SPACE ? ITEM_NUMBER : 0;
}

/**
 * Text that reads the same when only its line breaks and spacing changed: a paragraph
 * re-wrapped at another width (an editor's rewrap, a Markdown formatter, wire copy pasted
 * from a terminal), a double space after a full stop collapsed, CRLF line endings. For a
 * tag, such text is still the text it was put on.
 *
 * A run of spacing is either spaces and tabs, or one line break with the indentation and
 * the e-mail or Markdown quote marks (`>`) that open the next line. Two line breaks or more
 * (a blank line) end a paragraph: they match only two or more again.
 */

/** One run of spacing (see the module comment), as found in a tag's text. */
const RUN = /[ \t]*(?:(?:\r\n?|\n)[ \t]*(?:>[ \t]*)*)+|[ \t]+/g;
/** What one run within a paragraph may have become. */
const SOFT_RUN = '(?:[ \\t]*(?:\\r\\n?|\\n)[ \\t]*(?:>[ \\t]*)*|[ \\t]+)';
/** The least of SOFT_RUN: one space or tab, or one line break. */
const SHORTEST_SOFT_RUN = '(?:[ \\t]|[ \\t]*?(?:\\r\\n?|\\n))';
/** What a run holding a paragraph break may have become: a paragraph break. */
const HARD_RUN = '[ \\t]*(?:(?:\\r\\n?|\\n)[ \\t]*(?:>[ \\t]*)*){2,}';
/** Spacing at the start or at the end of a text. */
const EDGES = /^(?:[ \t\r\n]|(?<=\n)>)+|[ \t\r\n]+$/g;

/** Longer texts are left to the fuzzy search. */
const MAX_LENGTH = 4096;
/**
 * The most runs of spacing one regular expression is built with: a pattern of a thousand
 * runs or two overflows the engine's stack, so a longer text is matched as a chain of
 * patterns of at most this many runs (see Chain).
 */
const MAX_RUNS = 64;
/**
 * How many links of a chain one search may try after its first: matching a long text from
 * every place where its first 64 words stand again (a text of one word repeated, in an
 * article of it) would otherwise cost the square of the article's length.
 */
const MAX_LINKS = 10_000;

/**
 * The places of `text` in `haystack` written with other spacing (not those written the same:
 * `indexOf` finds those), in order, at most `limit`. Nothing when `text` has no spacing, or
 * is longer than MAX_LENGTH.
 *
 * The pattern searched for has a literal piece before every run of spacing (spacing at the
 * ends of `text` is matched by looking beside each place found), so a search costs at most
 * the length of each run of spaces it meets after a piece matched: linear in the haystack,
 * whatever it holds.
 */
export function reflowedOccurrences(haystack: string, text: string, limit: number): Array<[number, number]> {
  const core = text.replace(EDGES, '');
  if (core.length === 0 || core.length > MAX_LENGTH || core.length === text.length && !hasRun(core)) return [];
  const lead = text.slice(0, text.indexOf(core));
  const trail = text.slice(text.indexOf(core) + core.length);
  const pattern = Chain.of(reflowPieces(core), '');
  const out: Array<[number, number]> = [];
  pattern?.each(haystack, false, (found, foundEnd) => {
    let start = found;
    let end = foundEnd;
    // The spacing at the ends as it was, if it still is; else the whole run there.
    if (lead && haystack.startsWith(lead, start - lead.length)) start -= lead.length;
    else if (lead) {
      start = runStartBefore(haystack, start);
      if (!sameKindOfRun(lead, haystack.slice(start, found))) return true;
    }
    if (trail && haystack.startsWith(trail, end)) end += trail.length;
    else if (trail) {
      end = runEndAfter(haystack, end);
      if (!sameKindOfRun(trail, haystack.slice(foundEnd, end))) return true;
    }
    if (end - start !== text.length || !haystack.startsWith(text, start)) out.push([start, end]);
    return out.length < limit;
  });
  return out;
}

/**
 * Finds `before + text + after` written with any other spacing (a tag's text with its
 * context around it) in the `ranges` [from, to) of `haystack`: where each `text` so
 * surrounded starts and ends, in order, at most `limit` of them; nothing when any of the
 * three is longer than MAX_LENGTH. The spacing at the outer ends of the context does not
 * count.
 */
export function reflowedWithContext(haystack: string, before: string, text: string, after: string, ranges: ReadonlyArray<readonly [number, number]>, limit: number): Array<[number, number]> {
  if (text.length > MAX_LENGTH || before.length > MAX_LENGTH || after.length > MAX_LENGTH) return [];
  const head = before.replace(/^[ \t\r\n>]+/, '');
  const tail = after.replace(/[ \t\r\n>]+$/, '');
  // A pattern opening with a run of spacing would cost the square of a long run. Text that
  // is only spacing, or that shares a run with its context, has no place of its own to find.
  const opens = isSpacing(text.charCodeAt(0));
  const closes = isSpacing(text.charCodeAt(text.length - 1));
  if (text.replace(EDGES, '').length === 0 || (opens && (head.length === 0 || isSpacing(before.charCodeAt(before.length - 1)))) || (closes && isSpacing(after.charCodeAt(0)))) return [];
  // Spacing that ends the text takes as little as it can (as much as it had, ideally).
  const pattern = Chain.of([...reflowPieces(head), MARK, ...reflowPieces(text, true), MARK, ...reflowPieces(tail)], 'd');
  const out: Array<[number, number]> = [];
  if (!pattern) return out;
  for (const [from, to] of merged(ranges, haystack.length)) {
    // Places may overlap (a repeated phrase): each is looked for one code unit after the last.
    pattern.each(haystack.slice(from, to), true, (_start, _end, marks) => {
      out.push([from + marks[0], from + marks[1]]);
      return out.length < limit;
    });
    if (out.length >= limit) break;
  }
  return out;
}

/** `ranges` clipped to [0, length), in order, overlapping ones joined. */
function merged(ranges: ReadonlyArray<readonly [number, number]>, length: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [from, to] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const s = Math.max(0, from);
    const e = Math.min(length, to);
    if (s >= e) continue;
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/**
 * Where `text`, with `before` and `after` around it written with any other spacing, ends
 * when it starts at `at` in `haystack`; -1 if it does not.
 */
export function reflowedAt(haystack: string, before: string, text: string, after: string, at: number): number {
  // The context may have grown by its line endings (CRLF) or shrunk by its spaces.
  const from = at - 2 * before.length - 8;
  const to = at + 2 * (text.length + after.length) + 8;
  for (const [s, e] of reflowedWithContext(haystack, before, text, after, [[from, to]], 64)) {
    if (s === at) return e;
    if (s > at) break;
  }
  return -1;
}

/**
 * Whether `before` (a tag's prefix), written with any other spacing, ends at `at` in
 * `haystack`. The spacing at its outer start does not count.
 */
export function reflowedEndsAt(haystack: string, before: string, at: number): boolean {
  const head = before.replace(/^[ \t\r\n>]+/, '');
  if (head.length === 0 || head.length > MAX_LENGTH) return false;
  const from = Math.max(0, at - 2 * head.length - 8);
  let found = false;
  Chain.of([...reflowPieces(head), { source: '$', run: false }], '')?.each(haystack.slice(from, at), false, () => !(found = true));
  return found;
}

/** `text` with each run of spacing written as one space (a paragraph break as two line breaks), and none at either end. */
export function normaliseSpacing(text: string): string {
  return text.replace(EDGES, '').replace(RUN, (run) => (lineBreaks(run) >= 2 ? '\n\n' : ' '));
}

/** Whether `text` has a run of spacing. */
function hasRun(text: string): boolean {
  RUN.lastIndex = 0;
  return RUN.test(text);
}

/** Whether `now` (spacing found beside a place) can be what `was` (spacing at an end of a tag's text) became. */
function sameKindOfRun(was: string, now: string): boolean {
  return now.length > 0 && (lineBreaks(was) >= 2) === (lineBreaks(now) >= 2);
}

/** The start of the spacing (with the quote marks that open a line) that ends at `at`. */
function runStartBefore(text: string, at: number): number {
  let i = at;
  for (;;) {
    // Spaces, tabs and '>' back to a line break: the start of a line, taken whole.
    let j = i;
    while (j > 0 && isBlankOrQuote(text.charCodeAt(j - 1))) j--;
    if (j > 0 && isLineBreak(text.charCodeAt(j - 1))) {
      i = j - 1;
      continue;
    }
    // No line break before: only spaces and tabs.
    while (i > 0 && isBlank(text.charCodeAt(i - 1))) i--;
    return i;
  }
}

/** The end of the spacing (with the quote marks that open a line) that starts at `at`. */
function runEndAfter(text: string, at: number): number {
  let i = at;
  for (;;) {
    while (i < text.length && isBlank(text.charCodeAt(i))) i++;
    if (i >= text.length || !isLineBreak(text.charCodeAt(i))) return i;
    i++;
    while (i < text.length && isBlankOrQuote(text.charCodeAt(i))) i++;
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isBlankOrQuote(c: number): boolean {
  return c === 32 || c === 9 || c === 62;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** A piece of a pattern: a literal, a run of spacing, or a mark (an empty group whose place is reported). */
interface Piece {
  readonly source: string;
  readonly run: boolean;
}

const MARK: Piece = { source: '()', run: false };

/**
 * A pattern built from pieces, as one regular expression per MAX_RUNS runs of spacing: the
 * first is searched for, each next one must match where the one before ended. A run of
 * spacing is greedy and the piece after it opens with a character that is not spacing, so
 * the chain matches where the whole pattern would.
 */
class Chain {
  private constructor(private readonly links: readonly RegExp[]) {}

  /**
   * The chain of `pieces`, with `flags` besides 'g' (the first link) or 'y' (the others);
   * null if the engine refuses a link (it must never stop a tag from being looked for
   * otherwise).
   */
  static of(pieces: readonly Piece[], flags: string): Chain | null {
    const sources: string[] = [];
    let source = '';
    let runs = 0;
    for (const piece of pieces) {
      if (piece.run && ++runs > MAX_RUNS) {
        sources.push(source);
        source = '';
        runs = 1;
      }
      source += piece.source;
    }
    sources.push(source);
    try {
      return new Chain(sources.map((link, i) => new RegExp(link, flags + (i === 0 ? 'g' : 'y'))));
    } catch {
      return null;
    }
  }

  /**
   * Hands each place where the whole chain matches in `haystack`, in order, to `take` (its
   * start, its end, and the places of the marks) until it returns false. After a place, the
   * search goes on from its end, or one code unit after its start when `overlapping`. An
   * engine limit met on the way (a link is compiled at its first use) ends the search as if
   * nothing more were found, and so does running out of MAX_LINKS.
   */
  each(haystack: string, overlapping: boolean, take: (start: number, end: number, marks: number[]) => boolean): void {
    const [first, ...rest] = this.links;
    let links = MAX_LINKS;
    first.lastIndex = 0;
    try {
      for (let m = first.exec(haystack); m; m = first.exec(haystack)) {
        const marks: number[] = [];
        addMarks(m, marks);
        let end = m.index + m[0].length;
        let whole = true;
        for (const link of rest) {
          if (--links < 0) return;
          link.lastIndex = end;
          const n = link.exec(haystack);
          if (!n) {
            whole = false;
            break;
          }
          addMarks(n, marks);
          end = n.index + n[0].length;
        }
        if (whole && !take(m.index, end, marks)) return;
        first.lastIndex = whole && !overlapping && end > m.index ? end : m.index + 1;
      }
    } catch {
      // Nothing more is found: the tag is looked for the other ways.
    }
  }
}

/** Adds the places of the marks matched by `m` (its groups) to `marks`. */
function addMarks(m: RegExpExecArray, marks: number[]): void {
  const indices = m.indices;
  if (indices) for (let g = 1; g < indices.length; g++) marks.push((indices[g] as [number, number])[0]);
}

/** The pieces of a pattern matching `text` with its spacing written any other way. */
function reflowPieces(text: string, shortestEnd = false): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
    if (m.index > at) pieces.push({ source: escape(text.slice(at, m.index)), run: false });
    const last = m.index + m[0].length === text.length;
    // As it was, if it still is; else as little as the pattern allows.
    const run = lineBreaks(m[0]) >= 2 ? HARD_RUN : SOFT_RUN;
    pieces.push({ source: last && shortestEnd ? `(?:${escape(m[0])}|${lineBreaks(m[0]) >= 2 ? run : SHORTEST_SOFT_RUN})` : run, run: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) pieces.push({ source: escape(text.slice(at)), run: false });
  return pieces;
}

function isSpacing(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function lineBreaks(run: string): number {
  let n = 0;
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    if (c === 10 || (c === 13 && run.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

function escape(literal: string): string {
  return literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

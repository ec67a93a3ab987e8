/**
 * Markdown inline markup: what a reader of the rendered article does not read. Code spans
 * and autolinks read as one placeholder (a word that is no word); raw HTML, comments, the
 * brackets and targets of links and images, footnote references, emphasis and
 * strikethrough markers and backslashes read as nothing; a few entities read as the
 * character they stand for. Link text, image alt text and emphasised words are read.
 *
 * The scan is one pass over the paragraph's lines (`segments`: the line break and the
 * container marks between two lines read as one space, so markup may run over a line
 * break), following CommonMark where it decides what is markup at all: a backtick run is
 * a code span only if a run of the same length closes it, an asterisk only if it flanks a
 * word, an underscore not inside a word.
 */
import { C, CLASS } from '../text';
import { DELETE, PLACEHOLDER, empty } from './span';
import { Case, Ch } from '../chars';

/** ASCII punctuation a backslash escapes. */
function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

function isPunctuation(c: number): boolean {
  if (c < 128) return isAsciiPunctuation(c);
  const k = CLASS[c];
  return k === C.QUOTE || k === C.TERMINATOR || k === C.DASH || k === C.OPEN || k === C.CLOSE || k === C.PUNCT;
}

function isWhitespace(c: number): boolean {
  return c === Ch.SPACE || c === Ch.TAB || c === Ch.LF || c === Ch.CR || CLASS[c] === C.SPACE;
}

/** Entities that stand for a character the detector reads (quote marks, dashes, spaces, &). */
const ENTITIES = new Map<string, number>(
  [['amp', '&'], ['quot', '"'], ['apos', "'"], ['lt', '<'], ['gt', '>'], ['nbsp', '\u00a0'], ['ldquo', '“'], ['rdquo', '”'], ['lsquo', '‘'],
    ['rsquo', '’'], ['laquo', '«'], ['raquo', '»'], ['bdquo', '„'], ['sbquo', '‚'], ['mdash', '—'], ['ndash', '–'], ['hellip', '…'],
    ['euro', '€'], ['pound', '£'], ['yen', '¥'], ['cent', '¢'], ['deg', '°'], ['percnt', '%'], ['thinsp', '\u2009'], ['ensp', '\u2002'],
    ['emsp', '\u2003']].map(([name, character]) => [name, character.charCodeAt(0)]),
);

/** An HTML tag name. */
const TAG_NAME = /^[A-Za-z][A-Za-z0-9-]*/;

/**
 * Finds the inline markup of a paragraph: its edits ([from, to, code] triples) sorted by
 * where they start, some perhaps inside an earlier one (to be left out). The array is the
 * scanner's own, good until the next call.
 *
 * @param text - The text
 * @param segments - The paragraph's lines, [start, end) pairs in order: what lies between two is a line break (and container marks)
 * @param html - Only HTML is markup (the lines of an HTML block): tags, comments and entities
 * @param finder - Finds the characters that may start markup in `text`
 */
export function inlineEdits(text: string, segments: readonly number[], html: boolean, finder: MarkupFinder): readonly number[] {
  scanner.reset(text, segments, finder);
  scanner.run(html);
  return scanner.sorted();
}

/** The characters that may start markup outside HTML blocks (see MARKUP). */
const MARKUP_CHARS = /[\\`[\]!*_~<&]/g;
/** How many characters `MarkupFinder.next` looks at one by one before it searches. */
const NEAR = 16;
/** How much of the text one search looks at, at most (a reader of a few paragraphs searches no further). */
const SEARCH_CHUNK = 1 << 14;

/**
 * Finds the characters that may start markup in one text, for the paragraphs of one reader
 * in text order. A regular expression finds them three times as fast as a loop over the
 * characters; each search answers for every paragraph up to the character it found, so that
 * a text is searched once, and it searches a piece of the text at a time, so that a reader
 * of a few paragraphs does not search to the end of a text that holds no markup.
 */
export class MarkupFinder {
  /** The piece of the text searched, and where it starts. */
  private chunk = '';
  private base = 0;
  /** The last search started at `from` and found a character at `at`; -1 when none is known. */
  private from = -1;
  private at = -1;

  constructor(private readonly text: string) {}

  /** The first character that may start markup in [i, limit), or `limit` if none. */
  next(i: number, limit: number): number {
    if (i >= this.from && i <= this.at) return this.at < limit ? this.at : limit;
    // Markup comes in pairs a few characters apart ("*word*", "[text](", "`code`"): a few
    // characters are looked at one by one, which costs less than starting a search.
    const from = i;
    const text = this.text;
    const near = Math.min(limit, i + NEAR);
    for (; i < near; i++) {
      const c = text.charCodeAt(i);
      if (c < 128 && MARKUP[c] !== 0) {
        this.from = from;
        this.at = i;
        return i;
      }
    }
    while (i < limit) {
      if (i >= this.from && i <= this.at) return this.at < limit ? this.at : limit;
      const chunkEnd = this.base + this.chunk.length;
      if (i < this.base || i >= chunkEnd) {
        this.base = i;
        this.chunk = this.text.slice(i, i + SEARCH_CHUNK);
      }
      // test() rather than exec(): no match object is made; the one character found ends where lastIndex stands.
      const search = MARKUP_CHARS;
      search.lastIndex = i - this.base;
      if (search.test(this.chunk)) {
        this.from = from;
        this.at = this.base + search.lastIndex - 1;
      } else {
        this.from = -1;
        this.at = -1;
        i = this.base + this.chunk.length;
        if (i >= this.text.length) break;
      }
    }
    return limit;
  }
}

/**
 * The characters that may start markup (1), and those of HTML alone (2): the scan skips
 * the others in a tight loop. (A regular expression searching for them ran on past the
 * paragraph when it held none, and cost a tenth of a scan.)
 */
const MARKUP = new Uint8Array(128);
for (const ch of '\\`[]!*_~') MARKUP[ch.charCodeAt(0)] = 1;
for (const ch of '<&') MARKUP[ch.charCodeAt(0)] = 3;

/** The ASCII characters that decide something in a link's target (see `linkTargetEnd`). */
const TARGET_SPECIAL = new Uint8Array(128);
for (const ch of '\\"\'()<') TARGET_SPECIAL[ch.charCodeAt(0)] = 1;

/** How many link and image openers are kept open at most: a line of brackets costs no more. */
const MAX_BRACKETS = 256;
/** How far an HTML tag may run. */
const MAX_TAG = 4096;

/** One scanner, reset for each paragraph: most paragraphs have no markup, and objects made per paragraph cost more than the scan. */
class InlineScanner {
  private text = '';
  private segments: readonly number[] = [];
  /** Openers of links and images not closed yet: [offset, 1 for "[" or 2 for "!["]. */
  private readonly brackets: number[] = [];
  /**
   * The backtick runs of the paragraph by length, found on the first code span asked for,
   * and how far each list was used: a run without its closer costs a search once, not once
   * per opener (a line of mixed runs was quadratic).
   */
  private runs: Map<number, number[]> | null = null;
  private runUsed: Map<number, number> | null = null;
  /** The closing strings ("-->", "?>"…) found to be missing after some offset: not searched again. */
  private noClose: Map<string, number> | null = null;
  /** The edits found, in the order found (a link's opening bracket after what it holds). */
  private readonly edits: number[] = [];

  private finder: MarkupFinder | null = null;

  reset(text: string, segments: readonly number[], finder: MarkupFinder): void {
    this.finder = finder;
    this.text = text;
    this.segments = segments;
    empty(this.brackets);
    this.runs = null;
    this.runUsed = null;
    this.noClose = null;
    empty(this.edits);
    this.hint = 0;
  }

  /** The code unit before `i` in reading order (a line break reads as a space; 32 at the paragraph start). */
  private charBefore(i: number): number {
    const s = this.segments;
    const k = this.segmentAt(i);
    if (k < s.length && i === s[k]) return k === 0 ? 32 : 10;
    if (k < s.length && i > s[k]) return this.text.charCodeAt(i - 1);
    // Right after a segment's end.
    return k > 0 && i === s[k - 1] ? this.text.charCodeAt(i - 1) : 32;
  }

  /** Index of the first segment ending after `i` (its pair's start index); `segments.length` past the last. Asked in text order mostly, so it walks on from the last answer. */
  private segmentAt(i: number): number {
    const s = this.segments;
    let k = this.hint;
    if (k >= s.length || (k > 0 && i < s[k - 1])) {
      let lo = 0;
      let hi = s.length / 2;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (s[mid * 2 + 1] <= i) lo = mid + 1;
        else hi = mid;
      }
      k = lo * 2;
    }
    while (k < s.length && s[k + 1] <= i) k += 2;
    this.hint = k;
    return k;
  }

  private hint = 0;


  /** The code unit at `i` in reading order, 10 at a segment's end (the line break), 32 past the last. */
  private charAt(i: number): number {
    const s = this.segments;
    const k = this.segmentAt(i);
    if (k >= s.length) return 32;
    return i < s[k] ? 10 : this.text.charCodeAt(i);
  }

  run(html: boolean): void {
    const s = this.segments;
    const text = this.text;
    const wanted = 2;
    const table = MARKUP;
    const finder = this.finder as MarkupFinder;
    let k = 0;
    let i = s.length > 0 ? s[0] : 0;
    while (k < s.length) {
      // A construct may end in a later segment: go on from there.
      const e = s[k + 1];
      if (i >= e) {
        k += 2;
        continue;
      }
      if (i < s[k]) i = s[k];
      let c: number;
      if (html) {
        c = text.charCodeAt(i);
        while (c >= 128 || (table[c] & wanted) === 0) {
          if (++i >= e) break;
          c = text.charCodeAt(i);
        }
        if (i >= e) continue;
      } else {
        i = finder.next(i, e);
        if (i >= e) continue;
        c = text.charCodeAt(i);
      }
      let next = i + 1;
      if (c === Ch.LESS) next = this.angle(i, html);
      else if (c === Ch.AMPERSAND) next = this.entity(i);
      else if (!html) {
        if (c === Ch.BACKSLASH) next = this.backslash(i);
        else if (c === Ch.BACKTICK) next = this.codeSpan(i);
        else if (c === Ch.OPEN_BRACKET) this.pushBracket(i, 1);
        else if (c === Ch.EXCLAMATION && text.charCodeAt(i + 1) === Ch.OPEN_BRACKET) {
          this.pushBracket(i, 2);
          next = i + 2;
        } else if (c === Ch.CLOSE_BRACKET) next = this.closeBracket(i);
        else if (c === Ch.ASTERISK || c === Ch.UNDERSCORE || c === Ch.TILDE) next = this.delimiters(i, c);
      }
      i = next;
    }
  }

  private pushBracket(i: number, kind: number): void {
    // Past the limit, the older half is forgotten at once (one at a time was quadratic).
    if (this.brackets.length >= MAX_BRACKETS * 2) this.brackets.splice(0, MAX_BRACKETS);
    this.brackets.push(i, kind);
  }

  private edit(from: number, to: number, code: number): void {
    this.edits.push(from, to, code);
  }

  /** The edits found, sorted by where they start. */
  sorted(): readonly number[] {
    const e = this.edits;
    const n = e.length;
    // Found in order but for a link's opening bracket, found after its text: an insertion
    // sort (stable) puts the few out of place where they belong.
    for (let k = 3; k < n; k += 3) {
      const from = e[k];
      if (e[k - 3] <= from) continue;
      const to = e[k + 1];
      const code = e[k + 2];
      let j = k - 3;
      while (j >= 0 && e[j] > from) {
        e[j + 3] = e[j];
        e[j + 4] = e[j + 1];
        e[j + 5] = e[j + 2];
        j -= 3;
      }
      e[j + 3] = from;
      e[j + 4] = to;
      e[j + 5] = code;
    }
    return e;
  }

  private backslash(i: number): number {
    const n = this.text.charCodeAt(i + 1);
    if (i + 1 < this.segments[this.segments.length - 1] && isAsciiPunctuation(n) && this.charAt(i + 1) === n) {
      this.edit(i, i + 1, DELETE);
      return i + 2;
    }
    return i + 1;
  }

  /** A code span opening with the backtick run at `i`: read as one placeholder. */
  private codeSpan(i: number): number {
    const text = this.text;
    let e = i;
    while (text.charCodeAt(e) === Ch.BACKTICK && this.charAt(e) === Ch.BACKTICK) e++;
    // The closing run: the next run of exactly as many backticks, in any later segment.
    const runs = this.backtickRuns().get(e - i);
    if (!runs) return e;
    const used = this.runUsed ?? (this.runUsed = new Map());
    let k = used.get(e - i) ?? 0;
    while (k < runs.length && runs[k] <= i) k++;
    used.set(e - i, k);
    if (k >= runs.length) return e;
    const close = runs[k] + (e - i);
    this.edit(i, close, PLACEHOLDER);
    return close;
  }

  /** Start offsets of the paragraph's backtick runs, by length (see `runs`). */
  private backtickRuns(): Map<number, number[]> {
    if (this.runs) return this.runs;
    const runs = new Map<number, number[]>();
    const text = this.text;
    const s = this.segments;
    for (let k = 0; k < s.length; k += 2) {
      for (let i = text.indexOf('`', s[k]); i >= 0 && i < s[k + 1]; i = text.indexOf('`', i)) {
        let r = i;
        while (r < s[k + 1] && text.charCodeAt(r) === Ch.BACKTICK) r++;
        const list = runs.get(r - i) ?? runs.set(r - i, []).get(r - i) as number[];
        list.push(i);
        i = r;
      }
    }
    this.runs = runs;
    return runs;
  }

  /** `<`: an autolink, an HTML comment, processing instruction, declaration, CDATA or tag. */
  private angle(i: number, html: boolean): number {
    const text = this.text;
    // Every construct opens with a letter, "/", "!" or "?" after the "<".
    const n = text.charCodeAt(i + 1);
    if (!((n | Case.LOWER) >= Ch.a && (n | Case.LOWER) <= Ch.z) && n !== Ch.SLASH && n !== Ch.EXCLAMATION && n !== Ch.QUESTION) return i + 1;
    const end = this.segments[this.segments.length - 1];
    const rest = text.slice(i, Math.min(end, i + 4096));
    let m: RegExpExecArray | null;
    if (!html && (m = /^<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>/.exec(rest) ?? /^<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>/.exec(rest))) {
      this.edit(i, i + m[0].length, PLACEHOLDER);
      return i + m[0].length;
    }
    let close = '';
    if (rest.startsWith('<!--')) close = '-->';
    else if (rest.startsWith('<?')) close = '?>';
    else if (rest.startsWith('<![CDATA[')) close = ']]>';
    else if (/^<![A-Za-z]/.test(rest)) close = '>';
    if (close) {
      const missing = this.noClose?.get(close);
      if (missing !== undefined && missing <= i) return i + 1;
      const at = text.indexOf(close, i + 2);
      if (at < 0 || at >= end) {
        (this.noClose ?? (this.noClose = new Map())).set(close, i);
        return i + 1;
      }
      this.edit(i, at + close.length, DELETE);
      return at + close.length;
    }
    const tag = this.tagEnd(i);
    if (tag < 0) return i + 1;
    this.edit(i, tag, DELETE);
    return tag;
  }

  /** End of the HTML open or closing tag at `i` (attributes may run over line breaks), or -1. */
  private tagEnd(i: number): number {
    const text = this.text;
    const end = Math.min(this.segments[this.segments.length - 1], i + MAX_TAG);
    let j = i + 1;
    const closing = text.charCodeAt(j) === Ch.SLASH;
    if (closing) j++;
    const name = TAG_NAME.exec(text.slice(j, j + 64));
    if (!name) return -1;
    j += name[0].length;
    if (closing) {
      while (j < end && isWhitespace(text.charCodeAt(j))) j++;
      return text.charCodeAt(j) === Ch.GREATER ? j + 1 : -1;
    }
    // Attributes: name, then = and a value (quoted or not), separated by whitespace.
    for (let n = 0; n < 256 && j < end; n++) {
      const c = text.charCodeAt(j);
      if (c === Ch.GREATER) return j + 1;
      if (c === Ch.SLASH && text.charCodeAt(j + 1) === Ch.GREATER) return j + 2;
      if (!isWhitespace(c)) return -1;
      while (j < end && isWhitespace(text.charCodeAt(j))) j++;
      const a = text.charCodeAt(j);
      if (a === Ch.GREATER || (a === Ch.SLASH && text.charCodeAt(j + 1) === Ch.GREATER)) continue;
      const attr = /^[A-Za-z_:][A-Za-z0-9_.:-]*/.exec(text.slice(j, j + 128));
      if (!attr) return -1;
      j += attr[0].length;
      let v = j;
      while (v < end && isWhitespace(text.charCodeAt(v))) v++;
      if (text.charCodeAt(v) !== Ch.EQUALS) continue;
      v++;
      while (v < end && isWhitespace(text.charCodeAt(v))) v++;
      const q = text.charCodeAt(v);
      if (q === Ch.QUOTE || q === Ch.APOSTROPHE) {
        const close = text.indexOf(q === Ch.QUOTE ? '"' : "'", v + 1);
        if (close < 0 || close >= end) return -1;
        j = close + 1;
      } else {
        let u = v;
        while (u < end && !isWhitespace(text.charCodeAt(u)) && !'"\'=<>`'.includes(text[u])) u++;
        if (u === v) return -1;
        j = u;
      }
    }
    return -1;
  }

  private entity(i: number): number {
    const m = /^&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/.exec(this.text.slice(i, i + 40));
    if (!m) return i + 1;
    const code = m[1] ? Number(m[1]) : m[2] ? parseInt(m[2], 16) : ENTITIES.get(m[3]) ?? -1;
    if (code <= 0 || code > 0xffff || (code >= 0xd800 && code <= 0xdfff)) return i + m[0].length;
    this.edit(i, i + m[0].length, code);
    return i + m[0].length;
  }

  /** `]` closing a link or an image: its brackets and target read as nothing, its text as written. */
  private closeBracket(i: number): number {
    const b = this.brackets;
    if (b.length === 0) return i + 1;
    const kind = b.pop() as number;
    const open = b.pop() as number;
    const text = this.text;
    const end = this.segments[this.segments.length - 1];
    // A footnote reference: [^1].
    if (kind === 1 && text.charCodeAt(open + 1) === Ch.CARET && i > open + 2) {
      this.edit(open, i + 1, DELETE);
      return i + 1;
    }
    const c = text.charCodeAt(i + 1);
    if (c === Ch.OPEN_PAREN) {
      const close = this.linkTargetEnd(i + 2, end);
      if (close < 0) return i + 1;
      this.edit(open, open + kind, DELETE);
      this.edit(i, close, DELETE);
      return close;
    }
    if (c === Ch.OPEN_BRACKET) {
      const close = text.indexOf(']', i + 2);
      if (close < 0 || close >= end || close - i > 1000) return i + 1;
      this.edit(open, open + kind, DELETE);
      this.edit(i, close + 1, DELETE);
      return close + 1;
    }
    // A task list box: "[ ]" or "[x]".
    if (i === open + 2 && kind === 1 && ' xX'.includes(text[open + 1])) {
      this.edit(open, i + 1, DELETE);
      return i + 1;
    }
    return i + 1;
  }

  /** End of an inline link's target "(dest "title")" whose content starts at `i` (after its parenthesis), or -1. */
  private linkTargetEnd(i: number, end: number): number {
    const text = this.text;
    let depth = 1;
    let quote = 0;
    for (let j = i; j < end && j - i < 2048; j++) {
      const c = text.charCodeAt(j);
      // Most of a target is letters, digits and punctuation that decide nothing: one look each.
      if (c < 128 && TARGET_SPECIAL[c] === 0) continue;
      if (c === Ch.BACKSLASH) {
        j++;
        continue;
      }
      if (quote) {
        if (c === quote) quote = 0;
        continue;
      }
      if ((c === Ch.QUOTE || c === Ch.APOSTROPHE) && isWhitespace(text.charCodeAt(j - 1))) quote = c;
      else if (c === Ch.OPEN_PAREN) depth++;
      else if (c === Ch.CLOSE_PAREN && --depth === 0) return j + 1;
      else if (c === Ch.LESS && j === i) {
        const close = text.indexOf('>', j);
        if (close < 0 || close >= end) return -1;
        j = close;
      }
    }
    return -1;
  }

  /** A run of `*`, `_` or `~` that opens or closes emphasis (or strikethrough): read as nothing. */
  private delimiters(i: number, c: number): number {
    const text = this.text;
    let e = i;
    while (text.charCodeAt(e) === c && this.charAt(e) === c) e++;
    if (c === Ch.TILDE && e - i > 2) return e;
    const before = this.charBefore(i);
    const after = this.charAt(e);
    const left = !isWhitespace(after) && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before));
    const right = !isWhitespace(before) && (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after));
    let markup: boolean;
    if (c === Ch.UNDERSCORE) markup = (left && (!right || isPunctuation(before))) || (right && (!left || isPunctuation(after)));
    else markup = left || right;
    if (markup) this.edit(i, e, DELETE);
    return e;
  }
}

const scanner = new InlineScanner();

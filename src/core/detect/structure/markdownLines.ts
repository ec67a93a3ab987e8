/**
 * What a Markdown line is, taken alone: the patterns and tests of block starts (headings,
 * fences, HTML blocks, reference definitions, thematic breaks, table delimiter cells), front
 * matter's extent, and whether a line or a paragraph is surely prose. The reader that puts
 * lines into blocks and paragraphs is markdown.ts.
 */
import { C, CLASS } from '../text';
import { DELETE } from './span';
import { Case, Ch } from '../chars';

/** How far front matter may run from the top of the document (its closing line must come within). */
export const FRONT_MATTER_LIMIT = 32768;

export function isAsciiLetter(c: number): boolean {
  return (c | Case.LOWER) >= Ch.a && (c | Case.LOWER) <= Ch.z;
}

/**
 * Where the content of the line [ls, le) starts when the line is surely prose, or -1: after
 * fewer than four spaces, a letter, a quote mark or a parenthesis opens no block and no
 * container, nor does emphasis ("*", "**", "_" right before a letter or a digit: a list
 * item's "*" is followed by a space, a thematic break's by nothing but its kind and spaces),
 * nor a number not followed by "." or ")" (as a numbered item's is).
 */
export function proseStart(text: string, ls: number, le: number): number {
  let p = ls;
  while (p < le && p - ls < 4 && text.charCodeAt(p) === Ch.SPACE) p++;
  if (p >= le || p - ls >= 4) return -1;
  const c = text.charCodeAt(p);
  if (c >= 128 || isAsciiLetter(c) || c === Ch.QUOTE || c === Ch.APOSTROPHE || c === Ch.OPEN_PAREN) return p;
  if (c >= Ch.ZERO && c <= Ch.NINE) {
    let q = p + 1;
    while (q < le && q - p < 10 && text.charCodeAt(q) >= Ch.ZERO && text.charCodeAt(q) <= Ch.NINE) q++;
    const d = text.charCodeAt(q);
    return q < le && d !== Ch.PERIOD && d !== Ch.CLOSE_PAREN ? p : -1;
  }
  if (c !== Ch.ASTERISK && c !== Ch.UNDERSCORE) return -1;
  let q = p + 1;
  while (q < le && q - p < 3 && text.charCodeAt(q) === c) q++;
  const d = text.charCodeAt(q);
  return q < le && (d >= 128 || isAsciiLetter(d) || (d >= Ch.ZERO && d <= Ch.NINE)) ? p : -1;
}

export const ATX = /^#{1,6}(?:[ \t]|$)/;
export const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
export const SETEXT = /^(?:=+|-+)[ \t]*$/;
export const HTML_RAW = /^<(?:script|pre|style|textarea)(?:[\s>]|$)/i;
export const HTML_RAW_END = /<\/(?:script|pre|style|textarea)>/i;
export const HTML_BLOCK = /^<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|\/?>|$)/i;
export const HTML_TAG_LINE = /^(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)\s*$/;
export const HTML_ENDS = ['', '', '-->', '?>', '>', ']]>'];
export const REFERENCE = /^\[(?:[^\]\\]|\\.){1,999}\]:[ \t]*(?:<[^>\n]*>|\S+)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$/;
export const FOOTNOTE = /^\[\^[^\]\s]{1,100}\]:[ \t]*/;
export const DELIMITER_CELL = /^:?-+:?$/;

/**
 * Whether [p, e) is a thematic break: three or more of one of - * _, spaces and tabs
 * between them and nothing else. (A regular expression for it overflowed the stack on a
 * line of a million asterisks.)
 */
export function isThematicBreak(text: string, p: number, e: number): boolean {
  const c = text.charCodeAt(p);
  if (c !== Ch.HYPHEN && c !== Ch.ASTERISK && c !== Ch.UNDERSCORE) return false;
  let n = 0;
  for (let i = p; i < e; i++) {
    const d = text.charCodeAt(i);
    if (d === c) n++;
    else if (d !== Ch.SPACE && d !== Ch.TAB) return false;
  }
  return n >= 3;
}

/**
 * Where the front matter opening with the first line [ls, le) of `text` ends (after its
 * closing line's break), or -1 when the line opens none or no closing line follows in `text`.
 */
export function closingLine(text: string, ls: number, le: number): number {
  const first = text.slice(ls, le).trimEnd();
  if (first !== '---' && first !== '+++') return -1;
  const closes = first === '---' ? /^(?:---|\.\.\.)[ \t]*$/ : /^\+\+\+[ \t]*$/;
  let s = text.charCodeAt(le) === Ch.CR && text.charCodeAt(le + 1) === Ch.LF ? le + 2 : le + 1;
  while (s < text.length) {
    let e = s;
    while (e < text.length && text.charCodeAt(e) !== Ch.LF && text.charCodeAt(e) !== Ch.CR) e++;
    const next = text.charCodeAt(e) === Ch.CR && text.charCodeAt(e + 1) === Ch.LF ? e + 2 : e + 1;
    if (closes.test(text.slice(s, e))) return Math.min(next, text.length);
    s = next;
  }
  return -1;
}

/**
 * Up to where an edit can change the front matter `text` opens with (the end of its closing
 * line, or FRONT_MATTER_LIMIT when none closes it yet), or -1 when its first line opens
 * none. `text` is the document's first FRONT_MATTER_LIMIT characters at least.
 */
export function frontMatterEnd(text: string): number {
  let le = 0;
  while (le < text.length && text.charCodeAt(le) !== Ch.LF && text.charCodeAt(le) !== Ch.CR) le++;
  const first = text.slice(0, le).trimEnd();
  if (first !== '---' && first !== '+++') return le;
  const end = closingLine(text.slice(0, FRONT_MATTER_LIMIT), 0, le);
  return end < 0 ? FRONT_MATTER_LIMIT : end;
}

/** Whether the paragraph [start, end) read with `edits` has a letter or a digit. */
export function hasWords(text: string, start: number, end: number, edits: number[]): boolean {
  let k = 0;
  for (let i = start; i < end; i++) {
    while (k < edits.length && edits[k + 1] <= i) k += 3;
    if (k < edits.length && edits[k] <= i) {
      if (edits[k + 2] !== DELETE) {
        const c = CLASS[edits[k + 2]];
        if (c === C.UPPER || c === C.LOWER || c === C.DIGIT) return true;
      }
      i = edits[k + 1] - 1;
      continue;
    }
    const c = CLASS[text.charCodeAt(i)];
    if (c === C.UPPER || c === C.LOWER || c === C.DIGIT) return true;
  }
  return false;
}

/** The width of a list marker at `p` ("-", "*", "+", "1.", "12)") followed by a space or the line end, or 0. */
export function itemMarker(text: string, p: number, le: number): number {
  const c = text.charCodeAt(p);
  let e = p;
  if (c === Ch.HYPHEN || c === Ch.ASTERISK || c === Ch.PLUS) e = p + 1;
  else {
    while (e < le && e - p < 9 && text.charCodeAt(e) >= Ch.ZERO && text.charCodeAt(e) <= Ch.NINE) e++;
    if (e === p || (text.charCodeAt(e) !== Ch.PERIOD && text.charCodeAt(e) !== Ch.CLOSE_PAREN)) return 0;
    e++;
  }
  if (e < le && text.charCodeAt(e) !== Ch.SPACE && text.charCodeAt(e) !== Ch.TAB) return 0;
  return e - p;
}

/** The kind of HTML block (1 to 7, as CommonMark numbers them) the line `rest` opens, or 0. */
export function htmlBlockStart(rest: string): number {
  if (HTML_RAW.test(rest)) return 1;
  if (rest.startsWith('<!--')) return 2;
  if (rest.startsWith('<?')) return 3;
  if (rest.startsWith('<![CDATA[')) return 5;
  if (/^<![A-Za-z]/.test(rest)) return 4;
  if (HTML_BLOCK.test(rest)) return 6;
  if (HTML_TAG_LINE.test(rest)) return 7;
  return 0;
}

/** The cells of a table row [p, e): [start, end) of each, trimmed; pipes in code spans and escaped ones do not split. */
export function tableCells(text: string, p: number, e: number): number[] {
  const out: number[] = [];
  let s = p;
  if (text.charCodeAt(s) === Ch.PIPE) s++;
  let end = e;
  if (end > s && text.charCodeAt(end - 1) === Ch.PIPE && text.charCodeAt(end - 2) !== Ch.BACKSLASH) end--;
  let cell = s;
  let code = 0;
  for (let i = s; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 124;
    if (c === Ch.BACKSLASH) {
      i++;
      continue;
    }
    if (c === Ch.BACKTICK) {
      let r = i;
      while (r < end && text.charCodeAt(r) === Ch.BACKTICK) r++;
      if (code === 0) code = r - i;
      else if (code === r - i) code = 0;
      i = r - 1;
      continue;
    }
    if (c === Ch.PIPE && (code === 0 || i === end)) {
      let a = cell;
      let b = i;
      while (a < b && (text.charCodeAt(a) === Ch.SPACE || text.charCodeAt(a) === Ch.TAB)) a++;
      while (b > a && (text.charCodeAt(b - 1) === Ch.SPACE || text.charCodeAt(b - 1) === Ch.TAB)) b--;
      out.push(a, b);
      cell = i + 1;
    }
  }
  return out;
}

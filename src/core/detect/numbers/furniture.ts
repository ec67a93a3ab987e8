/**
 * Page furniture whose numbers are no claims: bylines with dates, copyright lines, page
 * numbers and counters.
 */
import { C, CLASS, type Codes, type ParagraphText, skipSpaces } from '../text';
import { Case, Ch } from '../chars';

export const FURNITURE = /^(?:posted|published|updated|last updated|copyright|©|\(c\)|page \d|photo|image|credit|url\b|https?:|www\.)/i;

/**
 * Whether `c` can open a `FURNITURE` prefix: p, u, l, c, i, h, w in either case, "©" or "(".
 * Most paragraphs start with none of them, and then the regex and its slice are skipped.
 */
export function opensFurniture(c: number): boolean {
  const l = c | Case.LOWER;
  return l === Ch.p || l === Ch.u || l === Ch.l || l === Ch.c || l === Ch.i || l === Ch.h || l === Ch.w || c === Ch.COPYRIGHT || c === Ch.OPEN_PAREN;
}

/** A letterless paragraph that is furniture: a page number ("12", "- 12 -") or a page counter ("3/12"). */
export const PAGE_NUMBER = /^(?:[-\u2013\u2014|]\s*\d{1,4}\s*[-\u2013\u2014|]|\(\d{1,4}\)|\[\d{1,4}\]|\d{1,4}(?:\s*\/\s*\d{1,4})?)\s*$/;

/**
 * Whether the paragraph is page furniture (a byline date, a copyright line, a page number),
 * whose numbers are not claims. A paragraph without letters is furniture only when it is a
 * page number or counter: "$20", "7%" or "1,234,567" alone are still claims.
 */
export function isFurniture(text: ParagraphText, codes: Codes, start: number, end: number): boolean {
  if (end - start > 160) return false;
  const s = skipSpaces(codes, start, end);
  if (opensFurniture(codes[s]) && FURNITURE.test(text.slice(s, Math.min(end, s + 20)))) return true;
  if (end - s > 16) return false;
  for (let i = s; i < end; i++) {
    const k = CLASS[codes[i]];
    if (k === C.UPPER || k === C.LOWER) return false;
  }
  return PAGE_NUMBER.test(text.slice(s, end));
}

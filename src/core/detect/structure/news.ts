/**
 * Wire-copy furniture, in plain text and Markdown alike: the end marks of a story, bylines
 * and datelines are structure, not prose.
 */
import { Case, Ch } from '../chars';

/** Lines that end a story: -30-, - 30 -, -- 30 --, ###, # # #, END, ENDS, (END), -0-. */
const END_MARK = /^(?:-{1,3} ?30 ?-{1,3}|#{3}|# # #|\(?END\)?|ENDS|-0-)$/;

/** Whether the line [s, e) (trimmed) is a story's end mark. */
export function isEndMark(text: string, s: number, e: number): boolean {
  if (e - s > 10) return false;
  const c = text.charCodeAt(s);
  // - # ( E
  if (c !== Ch.HYPHEN && c !== Ch.HASH && c !== Ch.OPEN_PAREN && c !== Ch.E) return false;
  return END_MARK.test(text.slice(s, e));
}

/** Lower-case words a name may hold ("Ursula von der Leyen") or join names with. */
const NAME_PARTICLES = new Set(['and', 'de', 'van', 'von', 'der', 'den', 'al', 'bin', 'da', 'di', 'du', 'la', 'le', 'del', 'dos', 'el', 'ibn']);

/**
 * Whether the line [s, e) (trimmed) is a byline: "By Jane Smith", "By JANE SMITH and JOHN
 * DOE, Associated Press", "by Outside Contributor | Reuters". Only names follow "By": a
 * sentence that starts with "By" ("By Monday, 5,000 had left.") is prose.
 */
export function isByline(text: string, s: number, e: number): boolean {
  if (e - s > 100 || e - s < 5) return false;
  const c = text.charCodeAt(s);
  if ((c !== Ch.B && c !== Ch.b) || (text.charCodeAt(s + 1) | Case.LOWER) !== Ch.y || text.charCodeAt(s + 2) !== Ch.SPACE) return false;
  const words = text.slice(s + 3, e).split(/[\s,|/]+|\s[-–—]\s/).filter(Boolean);
  if (words.length === 0 || words.length > 12) return false;
  for (const word of words) {
    if (NAME_PARTICLES.has(word) || word === '&') continue;
    // A name: a capital first, then letters, periods (initials), hyphens and apostrophes.
    if (!/^\p{Lu}[\p{L}.'’-]*$/u.test(word)) return false;
  }
  // A sentence ends with its terminator; a name may end with an initial's period only.
  const last = words[words.length - 1];
  return !/[!?]$/.test(last) && !(last.endsWith('.') && !/^\p{Lu}\.$/u.test(last) && !/\.\p{Lu}\.$/u.test(last));
}

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
/**
 * A dateline opening a story: a place in capitals, perhaps its region or country, a date and
 * the agency, then a dash: "WASHINGTON —", "KYIV, Ukraine (AP) —", "SEOUL, Oct 25 (Reuters) -".
 */
const DATELINE = new RegExp(
  `^\\p{Lu}[\\p{Lu}'’.-]+(?: \\p{Lu}[\\p{Lu}'’.-]+){0,3}(?:, \\p{Lu}[\\p{L}'’.-]*(?: \\p{Lu}[\\p{L}'’.-]*){0,2}){0,2}` +
    `(?:,? ${MONTH} \\d{1,2})?(?: \\([\\p{L} .&']{2,30}\\))? ?(?:—|–|--?) +`,
  'u',
);

/** Where the prose of a paragraph starting at `s` begins after its dateline, or `s` if it has none. */
export function afterDateline(text: string, s: number, e: number): number {
  const m = DATELINE.exec(text.slice(s, Math.min(e, s + 120)));
  if (!m || s + m[0].length >= e) return s;
  return s + m[0].length;
}

/**
 * Anchors: how a tag finds its text again. A tag stores a selector in the spirit of the W3C
 * Web Annotation model — the exact text, a little context either side, and the position it
 * had — so it can be found after the article changes in ways nobody told us about (a git
 * pull, another tool). Edits we do see (the editor's change events) are cheaper and exact:
 * {@link shiftForChange} moves spans by offset arithmetic instead.
 *
 * Every offset here is a 0-based index in UTF-16 code units, the unit of JavaScript strings
 * and of VS Code's `document.offsetAt`.
 */
import search from 'approx-string-match';
import { ContextPattern, editDistance } from './editDistance';
import { reflowedAt, reflowedEndsAt, reflowedOccurrences, reflowedWithContext } from './reflow';

export { editDistance };

/**
 * How much context a selector keeps on each side. 32 characters is about five or six words:
 * enough to tell apart the repeated phrases news copy is full of ("the Kremlin said", "per
 * cent"), short enough that an edit a sentence away leaves the context intact, and it keeps
 * the sidecar small and its diffs readable. Hypothesis stores the same amount for the same
 * reasons.
 */
export const CONTEXT_LENGTH = 32;

/**
 * The lowest combined score (see {@link reanchor}) at which a changed passage is still taken
 * to be the tagged one. 0.75 accepts a quote with an eighth of its characters changed and
 * half its context gone (a corrected quote whose next paragraph was cut), which a person
 * would recognise at once, while the context floor below still keeps a short tag from
 * landing elsewhere. Fuzzy matches are flagged for review, so erring this way costs a click;
 * anything less is an orphan for a person to re-attach.
 */
export const FUZZY_THRESHOLD = 0.75;

/**
 * The least context similarity a match needs unless its text is long and unique. This is
 * what keeps a short tag such as "10,000" from jumping to another "10,000" in a different
 * paragraph after its own sentence was deleted.
 */
export const MIN_CONTEXT_SIMILARITY = 0.5;

/**
 * The least similarity each side of the context (prefix and suffix, separately) needs for a
 * tag to be anchored without a flag. Averaging the two sides hides the commonest wrong
 * place: when a sentence is deleted, the next one slides into its place, so everything
 * before a short tag still matches while everything after it is new. A quarter of a side
 * may change (a word or two beside the tag); more, and the place is offered as fuzzy for a
 * person to confirm. The same bar marks a context found around other text as the tag's own
 * place, rewritten.
 */
export const CLEAR_SIDE_SIMILARITY = 0.75;

/**
 * The similarity at which one side of the context makes another occurrence of the text a
 * rival: half of it, some 16 code units, is more than chance gives two passages.
 */
export const MIN_SIDE_SIMILARITY = 0.5;

/**
 * How far either side of where the tag should be the fuzzy search looks first. Most outside
 * edits are local (a corrected sentence, a paragraph added above), so a window of a few
 * kilobytes finds the passage while keeping the bit-parallel search cheap; only when neither
 * the window nor an exact occurrence gives anything is the whole article searched.
 */
export const SEARCH_WINDOW = 4096;

/** A fuzzy match may differ from the stored text in at most this share of its characters. */
const MAX_QUOTE_ERROR_RATE = 0.3;

/** The text itself counts twice as much as its surroundings when scoring a fuzzy match. */
const QUOTE_WEIGHT = 2;
const CONTEXT_WEIGHT = 1;

/**
 * How far from its old place a tag's text, with one side of its context intact, still
 * counts as having stayed there (a sentence or two added or deleted beside it): the guess
 * that it moved with the tags before it is then not taken on trust.
 */
const NEIGHBOURHOOD = 512;

/** Code units of context right beside a far occurrence compared before scoring it in full, and the edits allowed in them. */
const BESIDE = 8;
const BESIDE_ERRORS = 1;

/** The shortest stored context that says anything about a place on its own. */
const MIN_EVIDENCE = 8;

/**
 * Occurrences of a tag's text scored at most. A 1 MB article holds a common name a few
 * thousand times; past this many the text is no evidence at all, and the tag is found by its
 * context or not at all.
 */
const MAX_OCCURRENCES = 20_000;

/** The text of a tag and what surrounded it when it was last known to be right. */
export interface TextQuote {
  readonly exact: string;
  /** Up to {@link CONTEXT_LENGTH} code units before `exact` (fewer at the start of the text). */
  readonly prefix: string;
  /** Up to {@link CONTEXT_LENGTH} code units after `exact` (fewer at the end of the text). */
  readonly suffix: string;
}

/** A text quote plus the position it had, used as a hint when searching. */
export interface Selector extends TextQuote {
  readonly start: number;
  readonly end: number;
}

export type AnchorStatus = 'anchored' | 'fuzzy' | 'orphan';

export interface Reanchored {
  readonly start: number;
  readonly end: number;
  /**
   * `anchored`: the exact text was found with its context (or is long and unique);
   * `fuzzy`: a similar passage in a similar context was found and should be confirmed;
   * `orphan`: nothing good enough; `start` = `end` = the old position, clipped to the text.
   */
  readonly status: AnchorStatus;
  /** 0 to 1: how well text and context match where the tag landed (1 = unchanged). */
  readonly score: number;
}

export interface ReanchorOptions {
  /** Minimum combined score for a fuzzy match; default {@link FUZZY_THRESHOLD}. */
  readonly threshold?: number;
  /** Code units searched either side of the hint before the whole text; default {@link SEARCH_WINDOW}. */
  readonly window?: number;
  /** Minimum context similarity; default {@link MIN_CONTEXT_SIMILARITY}. */
  readonly minContext?: number;
  /**
   * How far the text around the tag is believed to have moved, e.g. by the tags before it
   * in the same article: the tag is looked for at its old position plus this too.
   */
  readonly shift?: number;
  /**
   * False when the stored position is itself unconfirmed (a fuzzy tag placed on one of
   * several places alike): finding the text there proves nothing, and the tag is anchored
   * again only where its text and context are found in one place alone. Default true.
   */
  readonly trustPosition?: boolean;
}

/** One edit as VS Code reports it: replace `rangeLength` code units at `rangeOffset` by `text`. */
export interface TextChange {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface ShiftedSpan {
  readonly start: number;
  readonly end: number;
  /** The change removed every character of the span; it is now empty at the edit. */
  readonly orphaned: boolean;
  /** The change altered the span's own text (grew, shrank, clipped or removed it). */
  readonly touched: boolean;
}

/**
 * Builds the selector for `text[start, end)`: the exact text and up to
 * {@link CONTEXT_LENGTH} code units of context on each side. Bounds that fall inside a
 * surrogate pair are widened to take the whole character, and context is shortened rather
 * than cut through one, so every stored string is well-formed UTF-16 (and valid UTF-8 on disk).
 *
 * @param text - The whole article text
 * @param start - Offset of the first tagged code unit
 * @param end - Offset just after the last tagged code unit
 */
export function selectorFor(text: string, start: number, end: number): Selector {
  let from = clamp(Math.min(start, end), 0, text.length);
  let to = clamp(Math.max(start, end), 0, text.length);
  if (splitsPair(text, from)) from -= 1;
  if (splitsPair(text, to)) to += 1;
  let prefixStart = Math.max(0, from - CONTEXT_LENGTH);
  if (splitsPair(text, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(text.length, to + CONTEXT_LENGTH);
  if (splitsPair(text, suffixEnd)) suffixEnd -= 1;
  return {
    exact: text.slice(from, to),
    prefix: text.slice(prefixStart, from),
    suffix: text.slice(to, suffixEnd),
    start: from,
    end: to,
  };
}

/** Whether `offset` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/**
 * Finds a selector's text in `text`, which may have changed since the selector was made.
 * A tag is never silently moved to another passage: it is `anchored` only where nothing else
 * could be the passage it was put on, and offered as `fuzzy`, for a person to confirm,
 * wherever a choice was made.
 *
 * 1. The old position, if the exact text and its whole context are still there, however
 *    their lines break now: `anchored` (unless `options.trustPosition` is false).
 * 2. Otherwise every occurrence of the exact text, however its lines now break (near where
 *    the tag should be, and further away where the context right beside it matches), and
 *    the approximate
 *    occurrences (up to 30 % edits) near where it should be are scored together as
 *    (2 × text similarity + context similarity) / 3, so that an exact occurrence elsewhere
 *    with a weaker context loses to a corrected one in place. Where it should be is the old
 *    position, or that plus `options.shift` (how far the tags before it moved).
 * 3. The best is `anchored` only if it is the exact text, each side of its context is at
 *    least half like the stored one, no other place scores within two characters of
 *    context of it, no other occurrence has one side of the context intact (a twin, or the
 *    tag's own passage beside a deleted sentence), and where the tag was, the text before
 *    it is not still there around other text (a rewritten passage). Otherwise it is
 *    `fuzzy` if it scores at least the threshold with enough context, or is a long quote
 *    found once.
 * 4. Only when nothing acceptable is found near is the whole text searched approximately;
 *    failing that, the tag is an orphan at its old position.
 *
 * It never returns `anchored` on text different from `exact`, except in how its lines break
 * and how it is spaced (see reflow.ts): re-wrapping a paragraph moves no tag.
 *
 * @param text - The article text now
 * @param selector - What the tag stored: exact, prefix, suffix and the old position as a hint
 */
export function reanchor(text: string, selector: Selector, options: ReanchorOptions = {}): Reanchored {
  const { exact, prefix, suffix } = selector;
  const threshold = options.threshold ?? FUZZY_THRESHOLD;
  const minContext = options.minContext ?? MIN_CONTEXT_SIMILARITY;
  const windowSize = options.window ?? SEARCH_WINDOW;
  const hint = clamp(Number.isFinite(selector.start) ? selector.start : 0, 0, text.length);
  const expected = clamp(hint + (options.shift ?? 0), 0, text.length);
  const orphan = (score: number): Reanchored => ({ start: hint, end: hint, status: 'orphan', score });
  if (exact.length === 0) return orphan(0);

  const trusted = options.trustPosition ?? true;
  if (trusted && text.startsWith(exact, hint) && hasExactContext(text, hint, hint + exact.length, prefix, suffix)) {
    return { start: hint, end: hint + exact.length, status: 'anchored', score: 1 };
  }
  // The same, with the lines broken or spaced otherwise (a re-wrapped paragraph keeps its
  // length: a space became a line break, or the other way round).
  if (trusted) {
    const end = reflowedAt(text, prefix, exact, suffix, hint);
    if (end >= 0) return { start: hint, end, status: 'anchored', score: 1 };
  }
  const scorer = new Scorer(text, selector, hint, expected);
  const plausible = (c: Candidate): boolean => Math.max(c.prefix, c.suffix) >= MIN_SIDE_SIMILARITY && c.context >= minContext;

  // Every occurrence near where the tag should be is scored; one further away only if a
  // few code units of context right beside it match (a moved passage, a twin), since a
  // common name occurs thousands of times in a long article and nearly all of them are no
  // candidate at all. If that leaves none, all are scored.
  const exacts: Candidate[] = [];
  const nearby = windows(text.length, exact.length, windowSize, hint, expected);
  const distant: Span[] = [];
  const consider = (start: number, end: number): void => {
    if (nearby.some(([from, to]) => start >= from && start < to) || scorer.besideMatches(start, end)) exacts.push(scorer.score(start, end, 0));
    else distant.push({ start, end });
  };
  let seen = 0;
  for (let at = text.indexOf(exact); at >= 0 && seen < MAX_OCCURRENCES; at = text.indexOf(exact, at + 1), seen++) consider(at, at + exact.length);
  // The same text with its lines broken or spaced otherwise (reflow.ts) is the text too: a
  // re-wrapped paragraph leaves every tag in it where it was.
  const reflowed = reflowedOccurrences(text, exact, MAX_OCCURRENCES - seen);
  for (const [start, end] of reflowed) consider(start, end);
  if (reflowed.length > 0) exacts.sort((a, b) => a.start - b.start);
  if (exacts.length === 0) for (const d of distant) exacts.push(scorer.score(d.start, d.end, 0));
  const acceptable = (c: Candidate): boolean => c.context >= minContext && c.score >= threshold;
  const fuzzies: Candidate[] = [];
  const maxErrors = Math.floor(exact.length * MAX_QUOTE_ERROR_RATE);
  if (maxErrors > 0) {
    // `search` reports only the closest matches in what it is given, so the exact
    // occurrences, already scored, are blanked out of what it searches (else a copy would
    // hide a corrected passage), and the place itself is searched on its own first (else a
    // closer match further away would).
    const find = (from: number, to: number): void => {
      for (const match of search(masked(text, from, to, exacts), exact, maxErrors)) {
        fuzzies.push(scorer.score(from + match.start, from + match.end, match.errors));
      }
    };
    const around = (radius: number): void => windows(text.length, exact.length, radius, hint, expected).forEach(([from, to]) => find(from, to));
    const found = (): boolean => exacts.some(acceptable) || fuzzies.some(acceptable);
    around(2 * CONTEXT_LENGTH + maxErrors);
    around(2 * NEIGHBOURHOOD);
    if (!found()) around(windowSize);
    if (!found() && text.length > 2 * windowSize) find(0, text.length);
  }

  // The text with its whole context, however their lines break now, in one place alone near
  // where the tag should be, and no other place with a text and context like it (a twin, a
  // corrected passage) anywhere: that is the tagged passage, as at its old position in
  // step 1 (the line endings or the spacing before it changed, so the offsets moved).
  const around = nearby.map(([from, to]): [number, number] => [from - 2 * prefix.length - 8, to + 2 * suffix.length + 8]);
  const places = reflowedWithContext(text, prefix, exact, suffix, around, 2);
  if (places.length === 1) {
    const place = scorer.score(places[0][0], places[0][1], 0);
    // Any other place with one side of the context alike is a rival, as in step 3: the
    // tag's own passage beside an edit, say, while a copy of it has the whole context.
    const rival = [...exacts, ...fuzzies.filter(acceptable)].some((c) => !overlaps(c, place) && plausible(c));
    // Where the tag was, its whole prefix still ends, but not its text: rewritten in place.
    const rewrittenThere = prefix.length >= MIN_EVIDENCE && [hint, expected].some((at) => at !== place.start && reflowedEndsAt(text, prefix, at));
    if (!rival && !rewrittenThere) return { start: place.start, end: place.end, status: 'anchored', score: 1 };
  }

  const candidates = [...exacts, ...fuzzies];
  const best = pickBest(candidates);
  if (!best) return orphan(0);
  const flagged: Reanchored = { start: best.start, end: best.end, status: 'fuzzy', score: best.score };
  if (best.errors > 0) return acceptable(best) ? flagged : orphan(best.score);

  // The exact text is anchored only if nothing else could be the tagged passage: no other
  // occurrence with one side of its context intact (a twin whose context an edit touched,
  // or the tag's own passage beside a deleted sentence), no corrected passage in place with
  // as good a context, and none scoring within a character or two of context.
  const rivals = [...exacts, ...fuzzies.filter(acceptable)].filter((c) => c !== best && !overlaps(c, best) && plausible(c));
  // Where the tag was, the text before it is still there (at least as well as before the
  // best place) but the tag's text is not: it was rewritten in place, and the exact text
  // elsewhere is another passage until a person says otherwise.
  const rewritten = (): boolean => rewrittenInPlace(selector, scorer, best, hint, expected) || contextElsewhere(text, selector, scorer, best, hint, expected, windowSize);
  // A tag moves silently a long way only to where its text and whole context are (a moved
  // passage); a similar context far away is another passage that looks alike.
  const far = nearness(best.start, hint, expected) > NEIGHBOURHOOD && best.context < 1;
  // Places whose context differs by a character or two are as good as each other: a
  // person, not a rounding error, chooses between them.
  const margin = (2 * CONTEXT_WEIGHT) / ((QUOTE_WEIGHT + CONTEXT_WEIGHT) * Math.max(1, prefix.length + suffix.length));
  const tied = candidates.some((c) => c !== best && best.score - c.score <= margin && !overlaps(c, best));
  const clearOnBothSides = best.prefix >= CLEAR_SIDE_SIMILARITY && best.suffix >= CLEAR_SIDE_SIMILARITY && best.context >= minContext;
  if (rivals.length === 0 && !tied && !far && clearOnBothSides && !rewritten()) return { start: best.start, end: best.end, status: 'anchored', score: best.score };
  // A long quote found once, whatever surrounds it now, is offered for confirmation: it was
  // moved, or it is all that is left of a passage that was there twice.
  const longAndUnique = exacts.length === 1 && exact.length >= CONTEXT_LENGTH;
  if (acceptable(best) || longAndUnique) return flagged;
  return orphan(best.score);
}

/**
 * Whether, where the tag was (or should be), the text before it is still there, at least as
 * well as before `best`, but the tag's text is not: it was rewritten in place, and its text
 * elsewhere is another passage until a person says otherwise.
 */
function rewrittenInPlace(selector: Selector, scorer: Scorer, best: Candidate, hint: number, expected: number): boolean {
  return [hint, expected].some((at) => {
    if (selector.prefix.length < MIN_EVIDENCE || best.start === at || scorer.before(at) < Math.max(MIN_SIDE_SIMILARITY, best.prefix)) return false;
    // The one change silently followed there: words inserted just before the tag, which
    // leave what follows the tag as it was.
    const insertedBefore = best.start > at && best.start - at <= CONTEXT_LENGTH + selector.exact.length && best.suffix === 1;
    return !insertedBefore;
  });
}

/** `text[from, to)` with every exact occurrence in it blanked out. */
function masked(text: string, from: number, to: number, exacts: readonly Candidate[]): string {
  let out = '';
  let at = from;
  for (const c of exacts) {
    if (c.end <= from || c.start >= to) continue;
    const start = Math.max(from, c.start);
    const end = Math.min(to, c.end);
    if (start < at) continue;
    out += text.slice(at, start) + BLANK.repeat(end - start);
    at = end;
  }
  return out + text.slice(at, to);
}

/** A code unit no article holds (a noncharacter), to blank text out of a search. */
const BLANK = '\uffff';

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Whether, within `radius` of where the tag should be, one side of its context is still
 * there almost whole around some other text than `best`: the tag's own place, rewritten.
 * Only the ends of the context nearest the tag are looked for. Words inserted just before
 * the tag (or just after it) leave such an end beside `best` with the other side intact:
 * that is no other place.
 */
function contextElsewhere(text: string, selector: Selector, scorer: Scorer, best: Candidate, hint: number, expected: number, radius: number): boolean {
  const reach = CONTEXT_LENGTH + selector.exact.length;
  const otherStart = (at: number): boolean => at !== best.start && !(best.start > at && best.start - at <= reach && best.suffix === 1);
  const otherEnd = (at: number): boolean => at !== best.end && !(at > best.end && at - best.end <= reach && best.prefix === 1);
  const tail = selector.prefix.slice(-MIN_EVIDENCE * 2);
  const head = selector.suffix.slice(0, MIN_EVIDENCE * 2);
  for (const [from, to] of windows(text.length, selector.exact.length, radius, hint, expected)) {
    if (tail.length === MIN_EVIDENCE * 2) {
      for (const at of occurrences(text, tail, from, to)) if (otherStart(at + tail.length) && scorer.before(at + tail.length) >= CLEAR_SIDE_SIMILARITY) return true;
    }
    if (head.length === MIN_EVIDENCE * 2) {
      for (const at of occurrences(text, head, from, to)) if (otherEnd(at) && scorer.after(at) >= CLEAR_SIDE_SIMILARITY) return true;
    }
  }
  return false;
}

/** Offsets of `exact` in `text[from, to)`. */
function occurrences(text: string, exact: string, from: number, to: number): number[] {
  const start = Math.max(0, from);
  const region = text.slice(start, Math.min(text.length, to));
  const out: number[] = [];
  for (let at = region.indexOf(exact); at >= 0; at = region.indexOf(exact, at + 1)) out.push(start + at);
  return out;
}

interface Candidate {
  readonly start: number;
  readonly end: number;
  /** Edits between the stored text and this place's text; 0 for the exact text. */
  readonly errors: number;
  /** Combined score, 0 to 1. */
  readonly score: number;
  /** Context similarity, both sides together and each alone, 0 to 1. */
  readonly context: number;
  readonly prefix: number;
  readonly suffix: number;
  /** Distance from where the tag should be, for choosing among equals. */
  readonly distance: number;
}

/** Scores places against one selector, with its context prepared once. */
class Scorer {
  private readonly prefix: ContextPattern;
  private readonly suffix: ContextPattern;
  private readonly prefixEnd: ContextPattern;
  private readonly suffixStart: ContextPattern;

  constructor(
    private readonly text: string,
    private readonly selector: Selector,
    private readonly hint: number,
    private readonly expected: number,
  ) {
    this.prefix = new ContextPattern(selector.prefix);
    this.suffix = new ContextPattern(selector.suffix);
    this.prefixEnd = new ContextPattern(selector.prefix.slice(-BESIDE));
    this.suffixStart = new ContextPattern(selector.suffix.slice(0, BESIDE));
  }

  /**
   * Whether the code units right beside `[start, end)` nearly match the stored context on
   * either side: a cheap test of whether a place is worth scoring at all.
   */
  besideMatches(start: number, end: number): boolean {
    const { prefix, suffix } = this.selector;
    const near = Math.min(BESIDE, prefix.length);
    if (near > 0 && this.prefixEnd.distanceTo(this.text, Math.max(0, start - near), start) <= BESIDE_ERRORS) return true;
    const after = Math.min(BESIDE, suffix.length);
    return after > 0 && this.suffixStart.distanceTo(this.text, end, Math.min(this.text.length, end + after)) <= BESIDE_ERRORS;
  }

  /** Similarity of the stored prefix to the text just before `at`. */
  before(at: number): number {
    const { prefix } = this.selector;
    return prefix.length === 0 ? 1 : Math.max(0, 1 - this.prefix.distanceTo(this.text, Math.max(0, at - prefix.length), at) / prefix.length);
  }

  /** Similarity of the stored suffix to the text just after `at`. */
  after(at: number): number {
    const { suffix } = this.selector;
    return suffix.length === 0 ? 1 : Math.max(0, 1 - this.suffix.distanceTo(this.text, at, Math.min(this.text.length, at + suffix.length)) / suffix.length);
  }

  score(start: number, end: number, errors: number): Candidate {
    const { prefix, suffix, exact } = this.selector;
    const before = prefix.length === 0 ? 0 : this.prefix.distanceTo(this.text, Math.max(0, start - prefix.length), start);
    const after = suffix.length === 0 ? 0 : this.suffix.distanceTo(this.text, end, Math.min(this.text.length, end + suffix.length));
    const total = prefix.length + suffix.length;
    const context = total === 0 ? 1 : Math.max(0, 1 - (before + after) / total);
    const quote = 1 - errors / exact.length;
    return {
      start,
      end,
      errors,
      score: (QUOTE_WEIGHT * quote + CONTEXT_WEIGHT * context) / (QUOTE_WEIGHT + CONTEXT_WEIGHT),
      context,
      prefix: prefix.length === 0 ? 1 : Math.max(0, 1 - before / prefix.length),
      suffix: suffix.length === 0 ? 1 : Math.max(0, 1 - after / suffix.length),
      distance: nearness(start, this.hint, this.expected),
    };
  }
}

/** The ranges the near search covers: around the old position and where the tag should be, merged. */
function windows(length: number, exactLength: number, size: number, hint: number, expected: number): Array<[number, number]> {
  const around = (at: number): [number, number] => [Math.max(0, at - size), Math.min(length, at + exactLength + size)];
  const [a, b] = [around(Math.min(hint, expected)), around(Math.max(hint, expected))];
  return b[0] <= a[1] ? [[a[0], Math.max(a[1], b[1])]] : [a, b];
}

function nearness(at: number, hint: number, expected: number): number {
  return Math.min(Math.abs(at - hint), Math.abs(at - expected));
}

function pickBest(candidates: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const candidate of candidates) if (!best || better(candidate, best)) best = candidate;
  return best;
}

/** Higher score wins; among equal scores the one nearer where the tag should be. */
function better(a: Candidate, b: Candidate): boolean {
  if (Math.abs(a.score - b.score) > 1e-9) return a.score > b.score;
  return a.distance < b.distance;
}

function hasExactContext(text: string, start: number, end: number, prefix: string, suffix: string): boolean {
  return start >= prefix.length && text.startsWith(prefix, start - prefix.length) && text.startsWith(suffix, end);
}

/**
 * How much the text around `[start, end)` resembles the stored context: 1 minus the edit
 * distance of prefix and suffix over their combined length. An empty context (a tag at
 * both ends of a tiny text) carries no evidence either way and counts as a match.
 */
export function contextSimilarity(text: string, start: number, end: number, prefix: string, suffix: string): number {
  const total = prefix.length + suffix.length;
  if (total === 0) return 1;
  const before = text.slice(Math.max(0, start - prefix.length), start);
  const after = text.slice(end, end + suffix.length);
  if (before === prefix && after === suffix) return 1;
  const distance = editDistance(prefix, before) + editDistance(suffix, after);
  return Math.max(0, 1 - distance / total);
}

/**
 * Moves a span through one edit, the way a reader would expect the highlight to move:
 *
 * - an edit wholly before the span (or ending exactly at its start) shifts it;
 * - an edit wholly after it (or starting exactly at its end) leaves it alone;
 * - typing exactly at either boundary is *outside* the span, so text typed just before or
 *   after a tagged quote does not join the tag;
 * - an edit inside the span (a pure insertion strictly inside, or a replacement of some but
 *   not all of its text) grows or shrinks it, and replacement text becomes part of the tag;
 * - a replacement straddling a boundary clips the span to its surviving characters; the new
 *   text lies outside the tag;
 * - an edit removing every character of the span orphans it: the span becomes empty at the
 *   edit's start. An empty span stays put when text is typed at its position, so an undo
 *   that puts the text back puts it right after the orphan, where it can be revived.
 *
 * @param span - Offsets before the change
 * @param change - The edit, in offsets before the change
 */
export function shiftForChange(span: Span, change: TextChange): ShiftedSpan {
  const { start, end } = span;
  const a = change.rangeOffset;
  const b = change.rangeOffset + change.rangeLength;
  const inserted = change.text.length;
  const delta = inserted - change.rangeLength;
  const moved = (s: number, e: number, touched: boolean): ShiftedSpan => ({ start: s, end: e, orphaned: false, touched });

  if (a === b) {
    if (inserted === 0) return moved(start, end, false);
    if (a < start || (a === start && start < end)) return moved(start + delta, end + delta, false);
    if (a >= end) return moved(start, end, false);
    return moved(start, end + delta, true);
  }
  if (b <= start) return moved(start + delta, end + delta, false);
  if (a >= end) return moved(start, end, false);
  if (a <= start && b >= end) return { start: a, end: a, orphaned: start < end, touched: true };
  if (a >= start && b <= end) return moved(start, end + delta, true);
  if (a < start) return moved(a + inserted, end + delta, true);
  return moved(start, a, true);
}

/**
 * Applies {@link shiftForChange} to many spans for a sequence of changes given in the order
 * they are applied (VS Code's `contentChanges` of one event can be applied in array order).
 * `orphaned` and `touched` accumulate over the sequence.
 */
export function shiftForChanges(spans: readonly Span[], changes: readonly TextChange[]): ShiftedSpan[] {
  let current: ShiftedSpan[] = spans.map((span) => ({ start: span.start, end: span.end, orphaned: false, touched: false }));
  for (const change of changes) {
    current = current.map((span) => {
      const next = shiftForChange(span, change);
      return { start: next.start, end: next.end, orphaned: span.orphaned || next.orphaned, touched: span.touched || next.touched };
    });
  }
  return current;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

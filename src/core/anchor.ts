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
 * How far either side of the old position the fuzzy search looks first. Most outside edits
 * are local (a corrected sentence, a paragraph added above), so a window of a few kilobytes
 * finds the passage while keeping the bit-parallel search cheap; only when the window finds
 * nothing good is the whole article searched.
 */
export const SEARCH_WINDOW = 4096;

/** A fuzzy match may differ from the stored text in at most this share of its characters. */
const MAX_QUOTE_ERROR_RATE = 0.3;

/** The text itself counts twice as much as its surroundings when scoring a fuzzy match. */
const QUOTE_WEIGHT = 2;
const CONTEXT_WEIGHT = 1;

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
 * The cascade, cheapest and surest first:
 *
 * 1. the old position, if the exact text and its context are still there;
 * 2. the exact text elsewhere: the occurrence whose context matches best, the nearest to the
 *    old position among equals. Accepted if its context is similar enough, or if the text is
 *    at least {@link CONTEXT_LENGTH} long and occurs once (a long unique quote is itself proof);
 * 3. a fuzzy match: approximate occurrences of the exact text (up to 30 % edits), first near
 *    the old position, then anywhere, scored as (2 × text similarity + context similarity) / 3;
 *    the best at or above the threshold, with enough context, is returned as `fuzzy`;
 * 4. otherwise an orphan at the old position.
 *
 * It never returns `anchored` on text different from `exact`, and never prefers another
 * occurrence over one whose context matches better.
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
  const orphan = (score: number): Reanchored => ({ start: hint, end: hint, status: 'orphan', score });
  if (exact.length === 0) return orphan(0);

  if (hint === selector.start && text.startsWith(exact, hint) && hasExactContext(text, hint, hint + exact.length, prefix, suffix)) {
    return { start: hint, end: hint + exact.length, status: 'anchored', score: 1 };
  }

  const exactHits: Candidate[] = [];
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    exactHits.push(score(text, at, at + exact.length, 0, selector, hint));
  }
  const bestExact = pickBest(exactHits);
  if (bestExact) {
    const longAndUnique = exactHits.length === 1 && exact.length >= CONTEXT_LENGTH;
    if (bestExact.context >= minContext || longAndUnique) {
      return { start: bestExact.start, end: bestExact.end, status: 'anchored', score: bestExact.score };
    }
  }

  const maxErrors = Math.floor(exact.length * MAX_QUOTE_ERROR_RATE);
  let best: Candidate | undefined;
  const consider = (candidate: Candidate): void => {
    if (candidate.context < minContext || candidate.score < threshold) return;
    if (!best || better(candidate, best)) best = candidate;
  };
  if (maxErrors > 0) {
    const from = Math.max(0, hint - windowSize);
    const to = Math.min(text.length, hint + exact.length + windowSize);
    fuzzyCandidates(text, from, to, selector, maxErrors, hint).forEach(consider);
    if (!best && (from > 0 || to < text.length)) {
      fuzzyCandidates(text, 0, text.length, selector, maxErrors, hint).forEach(consider);
    }
  }
  if (best) return { start: best.start, end: best.end, status: 'fuzzy', score: best.score };
  return orphan(bestExact?.score ?? 0);
}

interface Candidate {
  start: number;
  end: number;
  /** Combined score, 0 to 1. */
  score: number;
  /** Context similarity alone, 0 to 1. */
  context: number;
  /** Distance from the hint, for tie-breaking. */
  distance: number;
}

function fuzzyCandidates(text: string, from: number, to: number, selector: Selector, maxErrors: number, hint: number): Candidate[] {
  const matches = search(text.slice(from, to), selector.exact, maxErrors);
  return matches.map((match) => score(text, from + match.start, from + match.end, match.errors, selector, hint));
}

function score(text: string, start: number, end: number, errors: number, selector: Selector, hint: number): Candidate {
  const quote = 1 - errors / selector.exact.length;
  const context = contextSimilarity(text, start, end, selector.prefix, selector.suffix);
  return {
    start,
    end,
    score: (QUOTE_WEIGHT * quote + CONTEXT_WEIGHT * context) / (QUOTE_WEIGHT + CONTEXT_WEIGHT),
    context,
    distance: Math.abs(start - hint),
  };
}

function pickBest(candidates: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const candidate of candidates) if (!best || better(candidate, best)) best = candidate;
  return best;
}

/** Higher score wins; among equal scores the one nearer the old position. */
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

/** Levenshtein distance in code units; only ever called on context-sized strings. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
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

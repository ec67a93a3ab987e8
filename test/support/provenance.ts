/**
 * Outside edits with every character's origin tracked, to judge re-anchoring by what it
 * should find rather than by what it happens to find: each code unit of the edited text
 * knows its index in the starting text, or that it was typed since. A tag placed on text
 * that did not come from its own passage is on a wrong passage. The starting text repeats
 * names, figures and phrases, and sometimes a whole paragraph, as news copy does; those
 * repeats are distinct passages, and are what a tag must not wander to.
 *
 * Used by the property test (test/unit/reanchorProvenance.test.ts, a few hundred sequences)
 * and the benchmark (bench/provenance.bench.ts, 10,000 sequences).
 */
import { createTag, reanchorTags, refreshAnchors, type Tag } from '../../src/core/tags';

/** A text whose every code unit remembers where it came from. */
export interface Traced {
  readonly text: string;
  /** Per code unit: its index in the starting text, or {@link NEW} for anything added since. */
  readonly origin: readonly number[];
}

/**
 * Origin of text typed after the start: never the passage of any tag. (A copy of a passage
 * carries the passage's origins; see {@link randomEdit}.)
 */
export const NEW = -1;

export type Random = () => number;

/** A reproducible random source (mulberry32). */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function traced(text: string): Traced {
  return { text, origin: Array.from({ length: text.length }, (_, i) => i) };
}

/** Replaces `remove` code units at `at` by `insert`, whose units come from `origins` (default: new). */
export function splice(t: Traced, at: number, remove: number, insert: string, origins?: readonly number[]): Traced {
  const added = origins ?? new Array<number>(insert.length).fill(NEW);
  return {
    text: t.text.slice(0, at) + insert + t.text.slice(at + remove),
    origin: [...t.origin.slice(0, at), ...added, ...t.origin.slice(at + remove)],
  };
}

/** Replaces single code units in place (a substitution keeps the origin of what it replaces). */
function substitute(t: Traced, replace: (ch: string, i: number) => string): Traced {
  let text = '';
  const origin: number[] = [];
  for (let i = 0; i < t.text.length; i++) {
    const next = replace(t.text[i], i);
    text += next;
    for (let k = 0; k < next.length; k++) origin.push(k === next.length - 1 ? t.origin[i] : NEW);
  }
  return { text, origin };
}

const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const int = (rand: Random, low: number, high: number): number => low + Math.floor(rand() * (high - low + 1));

interface Range {
  start: number;
  end: number;
}

/** Paragraphs: runs between line breaks, each with the break that ends it. */
function paragraphs(text: string): Range[] {
  const out: Range[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      out.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out.filter((p) => p.end - p.start > 1);
}

/** Sentences, each with the spaces that follow it. */
function sentences(text: string): Range[] {
  const out: Range[] = [];
  const re = /[^.!?\n]+[.!?]+["”’]?[ \t]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

function words(text: string, pattern = /[\p{L}\p{N}][\p{L}\p{N}'’,.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu): Range[] {
  const out: Range[] = [];
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

const PHRASES = [
  'officials said',
  'according to a spokesman',
  'the ministry confirmed on Tuesday',
  'Russia',
  'North Korea',
  'Putin',
  '10,000 troops',
  'at least 3,000',
  'Perhaps',
  '“We will not comment,”',
  'the Pentagon said',
  'in a statement',
];

const WORDS = ['reportedly', 'Seoul', 'Moscow', 'troops', 'soldiers', 'analysts', 'Kremlin', 'said', 'claimed', 'new', '12,000', 'however', 'Pyongyang'];

const NEW_PARAGRAPHS = [
  'UPDATE: This article was revised after publication to correct a figure.',
  'Editor’s note: an earlier version of this story misidentified a spokesman.',
  'Officials in Seoul said the deployment could grow. Perhaps it will.',
  'Reporting by the Associated Press; additional reporting by staff.',
];

export type EditKind =
  | 'insert-words'
  | 'paste-copy'
  | 'delete-range'
  | 'delete-sentence'
  | 'reword'
  | 'correct-figure'
  | 'move-paragraph'
  | 'duplicate-paragraph'
  | 'add-paragraph'
  | 'quotes'
  | 'whitespace'
  | 'rewrap'
  | 'crlf';

const EDITS: Array<[EditKind, number]> = [
  ['insert-words', 12],
  ['paste-copy', 8],
  ['delete-range', 10],
  ['delete-sentence', 10],
  ['reword', 12],
  ['correct-figure', 8],
  ['move-paragraph', 8],
  ['duplicate-paragraph', 6],
  ['add-paragraph', 8],
  ['quotes', 5],
  ['whitespace', 5],
  ['rewrap', 5],
  ['crlf', 3],
];
const TOTAL_WEIGHT = EDITS.reduce((sum, [, w]) => sum + w, 0);

/** One random outside edit, of a kind chosen by weight (or the kind given). */
export function randomEdit(t: Traced, rand: Random, kind?: EditKind): { kind: EditKind; next: Traced } {
  if (!kind) {
    let roll = rand() * TOTAL_WEIGHT;
    kind = EDITS.find(([, w]) => (roll -= w) < 0)?.[0] ?? 'reword';
  }
  const text = t.text;
  const paras = paragraphs(text);
  const boundaries = [0, ...paras.map((p) => p.end)];
  switch (kind) {
    case 'insert-words': {
      const at = pick(rand, [0, ...words(text).map((w) => w.end)]);
      return { kind, next: splice(t, at, 0, ` ${pick(rand, PHRASES)}`) };
    }
    case 'paste-copy': {
      // A sentence copied and pasted as a paragraph of its own elsewhere. From the text
      // alone, a copy whose original is later deleted cannot be told from a sentence that was
      // moved, so a copy carries the origins of what it copies: a tag found on it is right.
      const all = sentences(text);
      if (all.length === 0) return { kind, next: t };
      const from = pick(rand, all);
      const end = from.start + text.slice(from.start, from.end).trimEnd().length;
      const at = pick(rand, boundaries);
      return { kind, next: splice(t, at, 0, `${text.slice(from.start, end)}\n`, [...t.origin.slice(from.start, end), NEW]) };
    }
    case 'delete-range': {
      const at = int(rand, 0, Math.max(0, text.length - 1));
      return { kind, next: splice(t, at, Math.min(int(rand, 1, 80), text.length - at), '') };
    }
    case 'delete-sentence': {
      const all = sentences(text);
      if (all.length === 0) return { kind, next: t };
      const s = pick(rand, all);
      return { kind, next: splice(t, s.start, s.end - s.start, '') };
    }
    case 'reword': {
      const all = words(text);
      if (all.length === 0) return { kind, next: t };
      const w = pick(rand, all);
      const old = text.slice(w.start, w.end);
      const replacement = pick(rand, WORDS.filter((x) => x !== old));
      return { kind, next: splice(t, w.start, w.end - w.start, replacement) };
    }
    case 'correct-figure': {
      const figures = words(text, /\d[\d,.]*\d|\d/g);
      if (figures.length === 0) return randomEdit(t, rand, 'reword');
      const f = pick(rand, figures);
      const digits = [...text.slice(f.start, f.end)].map((c, i) => (/\d/.test(c) ? i : -1)).filter((i) => i >= 0);
      const at = f.start + pick(rand, digits);
      const digit = String((Number(text[at]) + int(rand, 1, 8)) % 10);
      return { kind, next: substitute(t, (ch, i) => (i === at ? digit : ch)) };
    }
    case 'move-paragraph': {
      if (paras.length < 2) return { kind, next: t };
      const p = pick(rand, paras);
      const cut = splice(t, p.start, p.end - p.start, '');
      const moved = t.text.slice(p.start, p.end);
      const para = moved.endsWith('\n') ? moved : `${moved}\n`;
      const at = pick(rand, [0, ...paragraphs(cut.text).map((q) => q.end)]);
      const origins = [...t.origin.slice(p.start, p.end), ...(moved.endsWith('\n') ? [] : [NEW])];
      return { kind, next: splice(cut, at, 0, para, origins) };
    }
    case 'duplicate-paragraph': {
      if (paras.length === 0) return { kind, next: t };
      // A paragraph repeated right before or after itself gives the same text either way,
      // so, as with a pasted copy, the copy carries the origins of its original.
      const p = pick(rand, paras);
      const copy = text.slice(p.start, p.end);
      const origins = [...t.origin.slice(p.start, p.end), ...(copy.endsWith('\n') ? [] : [NEW])];
      return { kind, next: splice(t, pick(rand, [p.start, p.end]), 0, copy.endsWith('\n') ? copy : `${copy}\n`, origins) };
    }
    case 'add-paragraph':
      return { kind, next: splice(t, pick(rand, [0, 0, ...boundaries]), 0, `${pick(rand, NEW_PARAGRAPHS)}\n`) };
    case 'quotes': {
      const curly = rand() < 0.5;
      let open = true;
      return {
        kind,
        next: substitute(t, (ch) => {
          if (curly && ch === '"') {
            const mark = open ? '“' : '”';
            open = !open;
            return mark;
          }
          if (curly && ch === "'") return '’';
          if (!curly && (ch === '“' || ch === '”')) return '"';
          if (!curly && (ch === '‘' || ch === '’')) return "'";
          return ch;
        }),
      };
    }
    case 'whitespace': {
      // Double spaces after sentences, or runs of spaces collapsed.
      if (rand() < 0.5) return { kind, next: substitute(t, (ch, i) => (ch === ' ' && /[.!?”]/.test(text[i - 1] ?? '') ? '  ' : ch)) };
      let next = t;
      for (let i = next.text.length - 1; i > 0; i--) if (next.text[i] === ' ' && next.text[i - 1] === ' ') next = splice(next, i, 1, '');
      return { kind, next };
    }
    case 'rewrap': {
      // Hard-wraps one paragraph at 60 to 80 columns, as some tools do on export.
      if (paras.length === 0) return { kind, next: t };
      const p = pick(rand, paras);
      const width = int(rand, 60, 80);
      let column = 0;
      return {
        kind,
        next: substitute(t, (ch, i) => {
          if (i < p.start || i >= p.end) return ch;
          column++;
          if (ch === ' ' && column > width) {
            column = 0;
            return '\n';
          }
          return ch;
        }),
      };
    }
    case 'crlf': {
      if (text.includes('\r\n')) {
        let next = t;
        for (let i = next.text.length - 2; i >= 0; i--) if (next.text[i] === '\r' && next.text[i + 1] === '\n') next = splice(next, i, 1, '');
        return { kind, next };
      }
      return { kind, next: substitute(t, (ch) => (ch === '\n' ? '\r\n' : ch)) };
    }
  }
}

export type TagShape = 'word' | 'figure' | 'phrase' | 'sentence' | 'quote';

/** Spans a fact-checker tags: a name, a figure, a phrase, a sentence, a quotation. */
export function pickSpans(text: string, rand: Random, count: number): Array<Range & { shape: TagShape }> {
  const ws = words(text);
  const names = ws.filter((w) => /^\p{Lu}/u.test(text.slice(w.start, w.end)));
  const figures = words(text, /\d[\d,.]*\d|\d/g);
  const sents = sentences(text);
  const quotes: Range[] = [];
  for (let m = /“[^”\n]{3,300}”/g, found = m.exec(text); found; found = m.exec(text)) quotes.push({ start: found.index, end: found.index + found[0].length });
  const out: Array<Range & { shape: TagShape }> = [];
  for (let i = 0; i < count; i++) {
    const roll = rand();
    if (roll < 0.3 && names.length > 0) out.push({ ...pick(rand, names), shape: 'word' });
    else if (roll < 0.5 && figures.length > 0) out.push({ ...pick(rand, figures), shape: 'figure' });
    else if (roll < 0.75 && ws.length > 6) {
      const first = int(rand, 0, ws.length - 6);
      out.push({ start: ws[first].start, end: ws[first + int(rand, 1, 5)].end, shape: 'phrase' });
    } else if (roll < 0.9 && sents.length > 0) {
      const s = pick(rand, sents);
      out.push({ start: s.start, end: s.start + text.slice(s.start, s.end).trimEnd().length, shape: 'sentence' });
    } else if (quotes.length > 0) out.push({ ...pick(rand, quotes), shape: 'quote' });
    else if (ws.length > 0) out.push({ ...pick(rand, ws), shape: 'word' });
  }
  return out;
}

/**
 * `anchored-twin`: anchored on another passage, but one no reading of the text could tell
 * from the tag's own: either a twin, which had the tag's whole selector (32 code units of
 * context, the text, 32 of context) in the starting text, so that only its position told
 * them apart, or a passage that has exactly the selector the tag stored around it (line
 * endings aside), at the very offset the tag stored (as if nothing had moved) or while the
 * tag's own passage no longer has it. Reported on its own, not as wrong. (When both twins
 * moved, a tag must still be flagged: a test holds re-anchoring to that.)
 */
export type Verdict = 'anchored-right' | 'anchored-wrong' | 'anchored-twin' | 'fuzzy-right' | 'fuzzy-wrong' | 'orphan';

/**
 * Judges a placed tag: right when at least half of the code units it now covers came from
 * its own passage in the starting text (`from`, `to`), wrong otherwise.
 */
export function judge(tag: Tag, t: Traced, from: number, to: number): Verdict {
  if (tag.status === 'orphan') return 'orphan';
  const { start, end } = tag.anchor;
  let own = 0;
  for (let i = start; i < end; i++) if (t.origin[i] >= from && t.origin[i] < to) own++;
  const right = end > start && own * 2 >= end - start;
  if (tag.status === 'anchored') return right ? 'anchored-right' : 'anchored-wrong';
  return right ? 'fuzzy-right' : 'fuzzy-wrong';
}

export interface Tally {
  sequences: number;
  checks: number;
  counts: Record<Verdict, number>;
  /** Whether the tag's whole text was still there, from its own passage, when it was orphaned. */
  needlessOrphans: number;
  /** The first few wrong, unflagged placements, to reproduce. */
  wrong: Array<{ seed: number; step: number; edits: EditKind[]; exact: string; placedText: string }>;
}

export function emptyTally(): Tally {
  return { sequences: 0, checks: 0, counts: { 'anchored-right': 0, 'anchored-wrong': 0, 'anchored-twin': 0, 'fuzzy-right': 0, 'fuzzy-wrong': 0, orphan: 0 }, needlessOrphans: 0, wrong: [] };
}

export interface SequenceOptions {
  /** Outside edits in the sequence. */
  readonly steps: number;
  readonly tags: number;
  /**
   * `once`: after every edit, the tags as first stored are found again in the text;
   * `resave`: after every edit, the tags are found again and written back (context and
   * offsets taken afresh, as the extension does), so a wrong place would stick.
   */
  readonly mode: 'once' | 'resave';
  /** Give the starting article a duplicated paragraph, with identical surroundings. */
  readonly duplicate?: boolean;
  /** Only edits of these kinds, each as likely (default: all kinds, by weight). */
  readonly kinds?: readonly EditKind[];
}

/** Builds a starting article: a sample, perhaps with one paragraph repeated right after itself. */
export function startingText(article: string, rand: Random, duplicate: boolean): string {
  if (!duplicate) return article;
  const paras = paragraphs(article);
  if (paras.length === 0) return article;
  const p = pick(rand, paras);
  const para = article.slice(p.start, p.end);
  return article.slice(0, p.end) + (para.endsWith('\n') ? para : `\n${para}`) + article.slice(p.end);
}

/** Runs one sequence of outside edits over `article` and adds what happened to the tags to `tally`. */
export function runSequence(article: string, seed: number, options: SequenceOptions, tally: Tally): void {
  const rand = mulberry32(seed);
  const start = startingText(article, rand, options.duplicate ?? rand() < 0.3);
  let t = traced(start);
  const spans = pickSpans(start, rand, options.tags);
  const idRandom = mulberry32(seed ^ 0x5bd1e995);
  const original: Tag[] = [];
  for (const span of spans) {
    original.push(createTag(original, { kind: 'claim', text: start, start: span.start, end: span.end, author: 'test', random: idRandom, now: new Date('2026-11-22T09:00:00Z') }));
  }
  const home = new Map(original.map((tag) => [tag.id, tag.anchor]));
  const twins = new Map(original.map((tag) => [tag.id, twinPassages(start, tag.anchor)]));
  let stored: Tag[] = original;
  const edits: EditKind[] = [];
  tally.sequences++;
  for (let step = 1; step <= options.steps; step++) {
    const edit = randomEdit(t, rand, options.kinds ? pick(rand, options.kinds) : undefined);
    edits.push(edit.kind);
    t = edit.next;
    const placed = reanchorTags(stored, t.text);
    for (const tag of placed) {
      const from = home.get(tag.id)!;
      let verdict = judge(tag, t, from.start, from.end);
      const before = stored.find((s) => s.id === tag.id)!.anchor;
      const onTwin = twins.get(tag.id)!.some((twin) => judge(tag, t, twin.start, twin.end) === 'anchored-right');
      // Placed at the first character of its own passage with the stored selector around it,
      // it is where the tag belongs by all a reader can see, even if the rest of the passage
      // is a copy that an edit put there (a duplicated paragraph moved after its own start).
      const looksStored =
        holdsSelector(t.text, tag.anchor.start, before) && (tag.anchor.start === before.start || tag.anchor.start === t.origin.indexOf(from.start) || !ownHoldsSelector(t, from, before));
      if (verdict === 'anchored-wrong' && (onTwin || looksStored)) {
        verdict = 'anchored-twin';
      }
      tally.checks++;
      tally.counts[verdict]++;
      if (verdict === 'orphan' && survives(t, from.start, from.end)) tally.needlessOrphans++;
      if (verdict === 'anchored-wrong' && tally.wrong.length < 20) {
        tally.wrong.push({ seed, step, edits: [...edits], exact: tag.anchor.exact, placedText: t.text.slice(tag.anchor.start, tag.anchor.end) });
      }
    }
    if (options.mode === 'resave') stored = refreshAnchors(placed, t.text);
  }
}

/** Whether the stored selector is around `at`, line endings aside (CRLF counts as LF). */
function holdsSelector(text: string, at: number, anchor: { prefix: string; exact: string; suffix: string }): boolean {
  const lf = (s: string): string => s.replace(/\r\n/g, '\n');
  const whole = lf(anchor.prefix + anchor.exact + anchor.suffix);
  const around = lf(text.slice(Math.max(0, at - anchor.prefix.length - 64), at + anchor.exact.length + anchor.suffix.length + 64));
  const before = lf(text.slice(Math.max(0, at - anchor.prefix.length - 64), at));
  return around.startsWith(whole, before.length - lf(anchor.prefix).length);
}

/** Whether the tag's own passage, where its first character now is, still has the stored selector around it. */
function ownHoldsSelector(t: Traced, from: { start: number }, anchor: { prefix: string; exact: string; suffix: string }): boolean {
  const at = t.origin.indexOf(from.start);
  return at >= 0 && holdsSelector(t.text, at, anchor);
}

/** The other passages of the starting text with the tag's whole selector around them: its twins. */
function twinPassages(text: string, anchor: { prefix: string; exact: string; suffix: string; start: number }): Range[] {
  const whole = anchor.prefix + anchor.exact + anchor.suffix;
  const out: Range[] = [];
  for (let at = text.indexOf(whole); at >= 0; at = text.indexOf(whole, at + 1)) {
    const start = at + anchor.prefix.length;
    if (start !== anchor.start) out.push({ start, end: start + anchor.exact.length });
  }
  return out;
}

/** Whether every code unit of the passage is still there, in order and together. */
function survives(t: Traced, from: number, to: number): boolean {
  const at = t.origin.indexOf(from);
  if (at < 0) return false;
  for (let k = 1; k < to - from; k++) if (t.origin[at + k] !== from + k) return false;
  return true;
}

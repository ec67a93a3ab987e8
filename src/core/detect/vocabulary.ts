/**
 * Cue vocabularies: the words and phrases the scan reads as speculation (hedges), opinion
 * and attribution (speech verbs, "according to"). The default vocabulary is the lexicon's;
 * a team adds and removes words and phrases per family with `compileVocabulary`, never
 * patterns. A vocabulary is compiled once into the keyword automaton the scan runs, so that
 * a team's words cost the scan no more than the default ones: a phrase is found from the
 * longest of its words, which the automaton recognises like any keyword, and is checked
 * around it only where that word occurs.
 */
import { type Automaton, BASE_ENTRIES, type Entry, F, type VerbClass, buildAutomaton } from './lexicon';
import { Rule, cueRule, ruleForms } from './cues';
import { verbTraits } from './attributionWords';
import { C, CLASS, type Codes } from './text';
import { Ch } from './chars';

/** The families of cue words a team can change. */
export type CueFamily = 'speculation' | 'opinion' | 'attribution';

/** The changes to one family: words and phrases to add, words to take out of the defaults. */
export interface VocabularyChanges {
  readonly add?: readonly string[];
  readonly remove?: readonly string[];
}

/**
 * A team's changes to the cue vocabulary, e.g.
 * `{ speculation: { add: ['is understood to'], remove: ['may'] } }`. Entries are words or
 * phrases (letters, spaces, hyphens, apostrophes and periods), matched whole and without
 * regard to case; never regular expressions.
 */
export interface VocabularySpec {
  readonly speculation?: VocabularyChanges;
  readonly opinion?: VocabularyChanges;
  readonly attribution?: VocabularyChanges;
}

/** Something wrong with one entry of a `VocabularySpec`; the entry is skipped (error) or had no effect (warning). */
export interface VocabularyProblem {
  readonly family: CueFamily;
  readonly list: 'add' | 'remove';
  /** Index of the entry in its list (-1 when the list itself is the problem). */
  readonly index: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/**
 * A compiled vocabulary, opaque: pass it in `DetectOptions.vocabulary`. Compiling costs a
 * few milliseconds, detecting with it nothing more than with the default; keep one per set
 * of conventions and reuse it. `signature` is the same for vocabularies that find the same
 * words, and empty for the default one.
 */
export interface Vocabulary {
  readonly signature: string;
}

/** How much a team's vocabulary may hold: entries per add or remove list, characters per entry, words per phrase. */
export const VOCABULARY_LIMITS = { entries: 500, characters: 64, words: 8 } as const;

/**
 * Rows of the keyword automaton, all words together (the default lexicon makes about
 * 1,250): bounds its table at 512 KB whatever a conventions file holds.
 */
export const MAX_AUTOMATON_NODES = 4096;
/** Trie nodes the words may make: the automaton has two rows more (between words, inside a word). */
const MAX_NODES = MAX_AUTOMATON_NODES - 2;

/** Everything the scan knows about a keyword or a phrase: one shape for all, so that reading them stays monomorphic. */
export interface Term {
  /** As detections report it: the word, or the phrase with single spaces, lower case. */
  readonly word: string;
  readonly flags: number;
  /** Number words: their value. */
  readonly n: number;
  /** Attribution words: how they find their speaker. */
  readonly verb: VerbClass | undefined;
  /** Cue words: how they are read. */
  readonly rule: Rule;
  /** Attribution words: OPEN / WEAK / NAMING traits (see attribution.ts). */
  readonly traits: number;
  /** `word` followed by " to", for the cues read only with it ("appears to"). */
  readonly withTo: string;
}

/** A phrase of a team's vocabulary, checked around its key word. */
export interface Phrase {
  /** Its words (runs of letters), lower case. */
  readonly pieces: readonly string[];
  /** What stands between piece k and k + 1: ' ' for any spaces or one line break, else the characters themselves. */
  readonly glues: readonly string[];
  /** What is written after the last piece ("." of "U.S."), or ''. */
  readonly tail: string;
  /** The piece the automaton finds. */
  readonly key: number;
  /** Index of the phrase's term. */
  readonly term: number;
}

const FAMILIES: readonly CueFamily[] = ['speculation', 'opinion', 'attribution'];
const FAMILY_FLAG: Record<CueFamily, number> = { speculation: F.SPECULATION, opinion: F.OPINION, attribution: F.SPEECH };
const CUE_FLAGS = F.SPECULATION | F.OPINION | F.SPEECH;
/** Prepositions that, ending an attribution phrase, put its source after it ("in the words of"). */
const SOURCE_ENDINGS = new Set(['to', 'of', 'by', 'from', 'per', 'via']);

/** The compiled form behind `Vocabulary`. */
export class CompiledVocabulary implements Vocabulary {
  /** Flags of the automaton's words, by word index: a typed array spares the scan a load from a term object per keyword. */
  readonly flags: Int32Array;
  readonly transitions: Int32Array;
  readonly accepts: Int32Array;
  readonly depth: Uint8Array;

  constructor(
    /** The automaton's words first (index = accepted index), then the phrases' terms. */
    readonly terms: readonly Term[],
    readonly wordCount: number,
    automaton: Automaton,
    /** The phrases keyed on each word, longest first, by word index. */
    readonly phrases: ReadonlyArray<readonly Phrase[] | undefined>,
    readonly signature: string,
  ) {
    this.flags = Int32Array.from(terms.slice(0, wordCount), (t) => t.flags);
    this.transitions = automaton.transitions;
    this.accepts = automaton.accepts;
    this.depth = automaton.depth;
  }
}

function term(word: string, flags: number, n: number, verb: VerbClass | undefined, rule: Rule, traits: number): Term {
  return { word, flags, n, verb, rule, traits, withTo: `${word} to` };
}

function baseTerm(entry: Entry, flags: number): Term {
  // A default word a team adds to attributions reports speech the plain way ("Austin said").
  const verb = entry.verb ?? (flags & F.SPEECH ? 'say' : undefined);
  return term(entry.word, flags, entry.n, verb, flags & (F.SPECULATION | F.OPINION) ? cueRule(entry.word) : Rule.PLAIN, flags & F.SPEECH ? verbTraits(entry.word) : 0);
}

/** An entry of a team's list, read into words. */
interface Parsed {
  /** Lower case, spaces made single. */
  readonly written: string;
  readonly pieces: string[];
  readonly glues: string[];
  readonly tail: string;
}

function isLetterCode(c: number): boolean {
  const k = CLASS[c];
  return k === C.UPPER || k === C.LOWER;
}

function isAsciiWord(word: string): boolean {
  return /^[a-z]+$/.test(word);
}

const GLUE_CHARS = /^[-\u2010\u2011'\u2019\u02bc.]$/;

/** Reads an entry into words and what stands between them; a string is the reason it cannot be read. */
function parseEntry(value: unknown): Parsed | string {
  if (typeof value !== 'string') return 'is not text';
  const written = value.trim().replace(/\s+/g, ' ').toLowerCase();
  if (written === '') return 'is empty';
  if (written.length > VOCABULARY_LIMITS.characters) return `is longer than ${VOCABULARY_LIMITS.characters} characters`;
  const pieces: string[] = [];
  const glues: string[] = [];
  let glue = '';
  for (let i = 0; i < written.length; ) {
    const c = written.charCodeAt(i);
    if (isLetterCode(c)) {
      let j = i;
      while (j < written.length && isLetterCode(written.charCodeAt(j))) j++;
      if (pieces.length > 0) glues.push(glue);
      else if (glue !== '') return `starts with '${glue.trim()}': an entry starts with a letter`;
      pieces.push(written.slice(i, j));
      glue = '';
      i = j;
      continue;
    }
    const ch = written[i];
    if (ch !== ' ' && !GLUE_CHARS.test(ch)) {
      return `holds '${ch}': entries are words and phrases (letters, spaces, hyphens, apostrophes, periods), not patterns`;
    }
    glue += ch;
    if (glue.replace(/ /g, '').length > 1) return `has '${glue.trim()}' between two words: one hyphen, apostrophe or period at most`;
    i++;
  }
  if (pieces.length > VOCABULARY_LIMITS.words) return `has more than ${VOCABULARY_LIMITS.words} words`;
  const tail = glue.trim();
  if (tail !== '' && tail !== '.') return `ends with '${tail}'`;
  // A glue of spaces and one character is read as that character with spaces around: "U.S. officials".
  return { written, pieces, glues: glues.map((g) => (g.trim() === '' ? ' ' : g)), tail };
}

/** The automaton's words that are numbers or URL starts: a team's word cannot be one. */
const RESERVED = new Map<string, number>();
for (const entry of BASE_ENTRIES) if (entry.flags & (F.NUMBER_WORD | F.URL)) RESERVED.set(entry.word, entry.flags);

/** Where each default cue word is, by the forms a removal may name it by ("according to", "appears to"). */
const DEFAULT_FORMS = new Map<string, Entry>();
for (const entry of BASE_ENTRIES) {
  if (!(entry.flags & CUE_FLAGS)) continue;
  DEFAULT_FORMS.set(entry.word, entry);
  if (entry.verb === 'according') DEFAULT_FORMS.set(`${entry.word} to`, entry);
  if (entry.flags & (F.SPECULATION | F.OPINION)) for (const form of ruleForms(entry.word)) DEFAULT_FORMS.set(form, entry);
}

function addPrefixes(prefixes: Set<string>, word: string): void {
  for (let k = 1; k <= word.length; k++) prefixes.add(word.slice(0, k));
}

function article(family: CueFamily): string {
  return family === 'opinion' || family === 'attribution' ? `an ${family}` : `a ${family}`;
}

function familiesOf(flags: number): CueFamily[] {
  return FAMILIES.filter((f) => flags & FAMILY_FLAG[f]);
}

interface Addition {
  readonly family: CueFamily;
  readonly index: number;
  readonly parsed: Parsed;
}

/**
 * Compiles a team's changes to the cue vocabulary. Never throws: an entry that cannot be
 * used (not text, empty, too long, not a word or phrase, over the limits) is skipped with an
 * error, one that changes nothing (a duplicate, a word already there, a removal of a word
 * not in the defaults) gives a warning.
 *
 * @param spec - Words and phrases to add and remove, per family
 * @returns The vocabulary (the default one when nothing changes) and the problems found
 */
export function compileVocabulary(spec: VocabularySpec): { vocabulary: Vocabulary; problems: VocabularyProblem[] } {
  const problems: VocabularyProblem[] = [];
  const problem = (family: CueFamily, list: 'add' | 'remove', index: number, message: string, severity: 'error' | 'warning' = 'error'): void => {
    problems.push({ family, list, index, message, severity });
  };
  // The default words' flags, changed by the removals below.
  const flags = new Map<string, number>();
  for (const entry of BASE_ENTRIES) flags.set(entry.word, entry.flags);
  const removed: string[] = [];
  const additions: Addition[] = [];
  const source = (typeof spec === 'object' && spec !== null ? spec : {}) as Record<string, unknown>;

  for (const family of FAMILIES) {
    const changes = source[family];
    if (changes === undefined || changes === null) continue;
    if (typeof changes !== 'object' || Array.isArray(changes)) {
      problem(family, 'add', -1, `${family}: expected a mapping with 'add' and 'remove' lists`);
      continue;
    }
    const lists = changes as Record<string, unknown>;
    for (const list of ['remove', 'add'] as const) {
      const items = lists[list];
      if (items === undefined || items === null) continue;
      if (!Array.isArray(items)) {
        problem(family, list, -1, `${family}.${list}: expected a list of words and phrases`);
        continue;
      }
      const seen = new Set<string>();
      const limit = Math.min(items.length, VOCABULARY_LIMITS.entries);
      if (items.length > limit) {
        problem(family, list, limit, `${family}.${list}: only the first ${limit} entries are read; the ${items.length - limit} after them are ignored`);
      }
      for (let index = 0; index < limit; index++) {
        const parsed = parseEntry(items[index]);
        const label = typeof items[index] === 'string' ? `'${(items[index] as string).trim().slice(0, 80)}'` : `entry ${index + 1}`;
        if (typeof parsed === 'string') {
          problem(family, list, index, `${family}.${list}: ${label} ${parsed}; it is ignored`);
          continue;
        }
        if (seen.has(parsed.written)) {
          problem(family, list, index, `${family}.${list}: ${label} is listed twice`, 'warning');
          continue;
        }
        seen.add(parsed.written);
        if (list === 'remove') {
          const entry = DEFAULT_FORMS.get(parsed.written);
          const bit = FAMILY_FLAG[family];
          if (!entry || !(entry.flags & bit)) {
            const other = entry ? familiesOf(entry.flags & CUE_FLAGS) : [];
            const where = other.length > 0 ? ` (it is ${other.map((f) => `${article(f)} word`).join(' and ')})` : '';
            problem(family, list, index, `${family}.remove: ${label} is not a default ${family} word${where}; nothing is removed`, 'warning');
            continue;
          }
          flags.set(entry.word, (flags.get(entry.word) ?? 0) & ~bit);
          removed.push(`${family}:${entry.word}`);
        } else {
          additions.push({ family, index, parsed });
        }
      }
    }
  }

  // Additions come after every removal: a word both removed and added stays. Each new word
  // must fit in the automaton: its prefixes are counted as it is added, in the order given.
  const words = new Map<string, number>(flags);
  const prefixes = new Set<string>();
  for (const entry of BASE_ENTRIES) addPrefixes(prefixes, entry.word);
  const fits = (family: CueFamily, index: number, label: string, word: string): boolean => {
    if (words.has(word)) return true;
    let fresh = 0;
    for (let k = 1; k <= word.length; k++) if (!prefixes.has(word.slice(0, k))) fresh++;
    if (prefixes.size + fresh > MAX_NODES) {
      problem(family, 'add', index, `${family}.add: ${label} does not fit: the word lists are larger than the scan can hold (${MAX_AUTOMATON_NODES} automaton states); it is ignored`);
      return false;
    }
    addPrefixes(prefixes, word);
    return true;
  };
  const phraseList: Array<{ parsed: Parsed; family: CueFamily; key: number }> = [];
  const added: string[] = [];
  const order: string[] = BASE_ENTRIES.map((e) => e.word);
  for (const { family, index, parsed } of additions) {
    const bit = FAMILY_FLAG[family];
    const label = `'${parsed.written}'`;
    const single = parsed.pieces.length === 1 && parsed.tail === '';
    if (single) {
      const word = parsed.pieces[0];
      const reserved = RESERVED.get(word);
      if (reserved !== undefined) {
        problem(family, 'add', index, `${family}.add: ${label} is read as ${reserved & F.URL ? 'the start of a web address' : 'a number'}, not as a cue; it is ignored`);
        continue;
      }
      if (!isAsciiWord(word)) {
        problem(family, 'add', index, `${family}.add: ${label} has letters outside a–z: a single word is found only when written with a–z; it is ignored`);
        continue;
      }
      const before = words.get(word) ?? 0;
      if (before & bit) {
        const removedToo = removed.includes(`${family}:${word}`);
        problem(family, 'add', index, removedToo ? `${family}.add: ${label} is also removed; it is kept` : `${family}.add: ${label} is already ${article(family)} word`, 'warning');
        if (!removedToo) continue;
      }
      const others = familiesOf(before & CUE_FLAGS & ~bit);
      if (others.length > 0) {
        problem(family, 'add', index, `${family}.add: ${label} is also ${others.map((f) => `${article(f)} word`).join(' and ')}; remove it there to make it ${family} only`, 'warning');
      }
      if (!fits(family, index, label, word)) continue;
      if (!words.has(word)) order.push(word);
      words.set(word, before | bit);
      added.push(`${family}+${word}`);
      continue;
    }
    // A phrase: found from its longest word of plain letters that is not a number word.
    let key = -1;
    parsed.pieces.forEach((piece, k) => {
      if (!isAsciiWord(piece) || RESERVED.has(piece)) return;
      if (key < 0 || piece.length > parsed.pieces[key].length) key = k;
    });
    if (key < 0) {
      problem(family, 'add', index, `${family}.add: ${label} needs a word written with the letters a–z only that is not a number; it is ignored`);
      continue;
    }
    const word = parsed.pieces[key];
    if (!fits(family, index, label, word)) continue;
    if (!words.has(word)) order.push(word);
    words.set(word, (words.get(word) ?? 0) | F.PHRASE);
    phraseList.push({ parsed, family, key });
    added.push(`${family}+${parsed.written}`);
  }

  if (removed.length === 0 && added.length === 0) return { vocabulary: defaultVocabulary, problems };

  // Words left with no role are dropped, so that the scan does not stop at them.
  const kept = order.filter((word) => (words.get(word) ?? 0) !== 0);
  const baseByWord = new Map(BASE_ENTRIES.map((e) => [e.word, e]));
  const terms: Term[] = kept.map((word) => {
    const f = words.get(word) ?? 0;
    const base = baseByWord.get(word);
    if (base) return baseTerm(base, f);
    return term(word, f, 0, f & F.SPEECH ? (SOURCE_ENDINGS.has(word) ? 'source' : 'say') : undefined, cueRule(word), 0);
  });
  const indexOf = new Map(kept.map((word, k) => [word, k]));
  const phrases: Array<Phrase[] | undefined> = new Array(kept.length).fill(undefined);
  for (const p of phraseList) {
    const k = indexOf.get(p.parsed.pieces[p.key]);
    if (k === undefined) continue;
    const bit = FAMILY_FLAG[p.family];
    const last = p.parsed.pieces[p.parsed.pieces.length - 1];
    const verb: VerbClass | undefined = bit === F.SPEECH ? (SOURCE_ENDINGS.has(last) ? 'source' : 'say') : undefined;
    const t = terms.length;
    terms.push(term(p.parsed.written, bit, 0, verb, Rule.PLAIN, 0));
    const list = phrases[k] ?? (phrases[k] = []);
    list.push({ pieces: p.parsed.pieces, glues: p.parsed.glues, tail: p.parsed.tail, key: p.key, term: t });
    list.sort((a, b) => terms[b.term].word.length - terms[a.term].word.length);
  }
  const signature = JSON.stringify([[...removed].sort(), [...added].sort()]);
  return { vocabulary: new CompiledVocabulary(terms, kept.length, buildAutomaton(kept), phrases, signature), problems };
}

function compileDefault(): CompiledVocabulary {
  const words = BASE_ENTRIES.map((e) => e.word);
  const terms = BASE_ENTRIES.map((e) => baseTerm(e, e.flags));
  return new CompiledVocabulary(terms, terms.length, buildAutomaton(words), [], '');
}

/** The default vocabulary: the lexicon's own cue words and phrases. */
export const defaultVocabulary: Vocabulary = compileDefault();

/** The compiled vocabulary behind `vocabulary` (the default one when none is given). */
export function compiled(vocabulary: Vocabulary | undefined): CompiledVocabulary {
  if (vocabulary === undefined) return defaultVocabulary as CompiledVocabulary;
  if (!(vocabulary instanceof CompiledVocabulary)) throw new TypeError('DetectOptions.vocabulary: expected a vocabulary made by compileVocabulary');
  return vocabulary;
}

/**
 * The words and phrases of one family in `vocabulary`, as detections report them, sorted:
 * what a team's conventions can remove, or what their additions made.
 *
 * @param vocabulary - A vocabulary (the default one when left out)
 * @param family - The family to list
 */
export function vocabularyWords(vocabulary: Vocabulary | undefined, family: CueFamily): string[] {
  const v = compiled(vocabulary);
  const bit = FAMILY_FLAG[family];
  const out: string[] = [];
  for (const t of v.terms) {
    if (!(t.flags & bit)) continue;
    out.push(t.verb === 'according' ? `${t.word} to` : t.rule === Rule.NEED_TO ? t.withTo : t.word);
  }
  return out.sort();
}

/** Where a phrase was found: written by `matchPhrases`. */
export interface PhraseMatch {
  start: number;
  end: number;
}

/**
 * The first of `phrases` (longest first) written around the key word found at `at`, within
 * the paragraph [start, end): its term index, with its bounds written to `found`; -1 if
 * none is.
 */
export function matchPhrases(codes: Codes, start: number, end: number, at: number, phrases: readonly Phrase[], found: PhraseMatch): number {
  for (const phrase of phrases) if (matchPhrase(codes, start, end, at, phrase, found)) return phrase.term;
  return -1;
}

function matchPhrase(codes: Codes, start: number, end: number, at: number, phrase: Phrase, found: PhraseMatch): boolean {
  const pieces = phrase.pieces;
  // The key piece, then the pieces after it, then those before it (right to left).
  let e = matchPiece(codes, at, end, pieces[phrase.key]);
  if (e < 0) return false;
  for (let k = phrase.key + 1; k < pieces.length; k++) {
    const g = matchGlue(codes, e, end, phrase.glues[k - 1]);
    if (g < 0) return false;
    e = matchPiece(codes, g, end, pieces[k]);
    if (e < 0) return false;
  }
  if (phrase.tail !== '') {
    e = matchGlue(codes, e, end, phrase.tail);
    if (e < 0) return false;
  } else if (e < end && isWordCode(codes[e])) {
    return false;
  }
  let s = at;
  for (let k = phrase.key - 1; k >= 0; k--) {
    const g = matchGlueBack(codes, s, start, phrase.glues[k]);
    if (g < 0) return false;
    s = matchPieceBack(codes, g, start, pieces[k]);
    if (s < 0) return false;
  }
  if (s > start && isWordCode(codes[s - 1])) return false;
  found.start = s;
  found.end = e;
  return true;
}

function isWordCode(c: number): boolean {
  const k = CLASS[c];
  return k === C.UPPER || k === C.LOWER || k === C.DIGIT;
}

function lowerCode(c: number): number {
  if (c < 128) return c >= Ch.A && c <= Ch.Z ? c | 32 : c;
  return String.fromCharCode(c).toLowerCase().charCodeAt(0);
}

/** End of `piece` written at `i` (ignoring case), or -1. */
function matchPiece(codes: Codes, i: number, end: number, piece: string): number {
  if (i + piece.length > end) return -1;
  for (let k = 0; k < piece.length; k++) if (lowerCode(codes[i + k]) !== piece.charCodeAt(k)) return -1;
  return i + piece.length;
}

/** Start of `piece` written to end at `i`, or -1. */
function matchPieceBack(codes: Codes, i: number, start: number, piece: string): number {
  const s = i - piece.length;
  if (s < start) return -1;
  return matchPiece(codes, s, i, piece) === i ? s : -1;
}

/** Whether `c` matches the glue character `g`: any hyphen for a hyphen, any apostrophe for one. */
function glueChar(c: number, g: number): boolean {
  if (g === Ch.HYPHEN || g === Ch.UNICODE_HYPHEN || g === Ch.NON_BREAKING_HYPHEN) return c === Ch.HYPHEN || c === Ch.UNICODE_HYPHEN || c === Ch.NON_BREAKING_HYPHEN;
  if (g === Ch.APOSTROPHE || g === Ch.RIGHT_SINGLE_QUOTE || g === Ch.MODIFIER_APOSTROPHE) return c === Ch.APOSTROPHE || c === Ch.RIGHT_SINGLE_QUOTE || c === Ch.MODIFIER_APOSTROPHE;
  return c === g;
}

function isGap(c: number): boolean {
  const k = CLASS[c];
  return k === C.SPACE || k === C.NEWLINE;
}

/** End of `glue` written at `i`, or -1: a space of the glue is one or more spaces or line breaks. */
function matchGlue(codes: Codes, i: number, end: number, glue: string): number {
  for (let k = 0; k < glue.length; k++) {
    const g = glue.charCodeAt(k);
    if (g === Ch.SPACE) {
      if (i >= end || !isGap(codes[i])) return -1;
      while (i < end && isGap(codes[i])) i++;
    } else {
      if (i >= end || !glueChar(codes[i], g)) return -1;
      i++;
    }
  }
  return i;
}

/** Start of `glue` written to end at `i`, or -1. */
function matchGlueBack(codes: Codes, i: number, start: number, glue: string): number {
  for (let k = glue.length - 1; k >= 0; k--) {
    const g = glue.charCodeAt(k);
    if (g === Ch.SPACE) {
      if (i <= start || !isGap(codes[i - 1])) return -1;
      while (i > start && isGap(codes[i - 1])) i--;
    } else {
      if (i <= start || !glueChar(codes[i - 1], g)) return -1;
      i--;
    }
  }
  return i;
}

/**
 * The words that start a detection: number words, speech verbs, cue words. The scan runs
 * them as an automaton over the characters (see TRANSITIONS), so recognising a keyword costs
 * one table load per character and no string is built.
 */
import { C, CLASS, type Codes, WordTable } from './text';
import { Ch } from './chars';

/** What a keyword can start (bit flags; a const enum so tests compile to literals). */
export const enum F {
  CARDINAL = 1 << 0,
  SCALE = 1 << 1,
  PLURAL_SCALE = 1 << 2,
  DOZEN = 1 << 3,
  ORDINAL = 1 << 4,
  FRACTION = 1 << 5,
  MULTIPLE = 1 << 6,
  VAGUE = 1 << 7,
  SPEECH = 1 << 8,
  SPECULATION = 1 << 9,
  OPINION = 1 << 10,
  URL = 1 << 11,
  /** The key word of one or more phrases a team added (see vocabulary.ts). */
  PHRASE = 1 << 12,
  NUMBER_WORD = CARDINAL | SCALE | PLURAL_SCALE | DOZEN | ORDINAL | FRACTION | MULTIPLE | VAGUE,
}


/**
 * How a speech verb finds its speaker: 'say' before or after it ("Austin said", "said
 * Austin"), 'name' next to a quote ("called it"), 'part' a participle ("saying that"),
 * 'according' with "to" and a source after it, 'source' a phrase that ends in its
 * preposition and has its source after it ("in the words of the minister").
 */
export type VerbClass = 'say' | 'name' | 'part' | 'according' | 'source';

export interface Entry {
  readonly word: string;
  readonly flags: number;
  /** Number words: the value (cardinal, ordinal rank, fraction denominator, multiple). */
  readonly n: number;
  /** Speech verbs: their class. */
  readonly verb?: VerbClass;
}

const entries: Entry[] = [];
const byWord = new Map<string, Entry>();

function add(words: string, flags: number, n = 0, verb?: VerbClass): void {
  for (const word of words.split(/\s+/).filter(Boolean)) {
    const old = byWord.get(word);
    const entry: Entry = old
      ? { word, flags: old.flags | flags, n: old.n || n, verb: old.verb ?? verb }
      : { word, flags, n, verb };
    byWord.set(word, entry);
  }
}

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINALS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const TENTHS = ['', '', 'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];

UNITS.forEach((w, n) => add(w, F.CARDINAL, n));
TENS.forEach((w, n) => w && add(w, F.CARDINAL, n * 10));
ORDINALS.forEach((w, n) => n > 0 && add(w, F.ORDINAL, n));
TENTHS.forEach((w, n) => w && add(w, F.ORDINAL, n * 10));
add('hundredth', F.ORDINAL, 100);
add('thousandth', F.ORDINAL, 1000);
add('millionth', F.ORDINAL, 1e6);
add('hundred', F.CARDINAL | F.SCALE, 100);
add('thousand', F.CARDINAL | F.SCALE, 1e3);
add('million', F.CARDINAL | F.SCALE, 1e6);
add('billion', F.CARDINAL | F.SCALE, 1e9);
add('trillion', F.CARDINAL | F.SCALE, 1e12);
add('quadrillion', F.CARDINAL | F.SCALE, 1e15);
add('quintillion', F.CARDINAL | F.SCALE, 1e18);
add('hundreds', F.PLURAL_SCALE, 100);
add('thousands', F.PLURAL_SCALE, 1e3);
add('millions', F.PLURAL_SCALE, 1e6);
add('billions', F.PLURAL_SCALE, 1e9);
add('trillions', F.PLURAL_SCALE, 1e12);
add('tens', F.PLURAL_SCALE, 10);
add('dozens', F.PLURAL_SCALE, 12);
add('scores', F.PLURAL_SCALE, 20);
add('dozen', F.DOZEN, 12);
add('half halves', F.FRACTION, 2);
add('third thirds', F.FRACTION, 3);
add('quarter quarters', F.FRACTION, 4);
add('fifths', F.FRACTION, 5);
add('sixths', F.FRACTION, 6);
add('eighths', F.FRACTION, 8);
add('tenths', F.FRACTION, 10);
add('fourths', F.FRACTION, 4);
add('sevenths', F.FRACTION, 7);
add('ninths', F.FRACTION, 9);
add('hundredths', F.FRACTION, 100);
add('thousandths', F.FRACTION, 1000);
// Ordinals that also name a part: "a fifth of", "one tenth".
['fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'hundredth', 'thousandth', 'millionth']
  .forEach((w) => add(w, F.FRACTION));
add('twice', F.MULTIPLE, 2);
add('thrice', F.MULTIPLE, 3);
add('twofold', F.MULTIPLE, 2);
add('threefold', F.MULTIPLE, 3);
add('fourfold', F.MULTIPLE, 4);
add('fivefold', F.MULTIPLE, 5);
add('tenfold', F.MULTIPLE, 10);
add('hundredfold', F.MULTIPLE, 100);
add('several few', F.VAGUE);

add(`said says say told tells stated added adds warned warns warn argued argues argue claimed claim
  noted wrote writes declared declares agreed agrees explained explains insisted insists insist denied denies
  deny confirmed confirms announced announces acknowledged acknowledges asserted asserts reported reports
  stressed stresses emphasized emphasised emphasizes urged urges admitted admits conceded concedes cautioned
  countered replied responded asked recalled predicted predicts maintained maintains alleged tweeted
  elaborated expressed voiced suggested testified remarked commented complained boasted vowed pledged
  promised concluded acknowledged disclosed revealed`, F.SPEECH, 0, 'say');
add(`called calls labeled labelled labels described describes dubbed termed branded`, F.SPEECH, 0, 'name');
add(`saying adding stating warning noting arguing claiming insisting explaining declaring asserting stressing
  emphasizing emphasising urging acknowledging conceding cautioning calling labeling labelling describing`, F.SPEECH, 0, 'part');
add('according', F.SPEECH, 0, 'according');

add(`could may might reportedly potentially possibly perhaps probably likely unlikely presumably apparently
  allegedly purportedly supposedly seemingly rumored rumoured appears appear appeared seems seem seemed possible
  maybe conceivably unconfirmed unverified`, F.SPECULATION);
add(`must should ought needs desperate desperately desperation disastrous disastrously catastrophic shameful
  outrageous absurd ridiculous terrible terribly horrible horrific appalling awful alarming troubling worrying
  disturbing shocking astonishing stark grim ominous ominously reckless recklessly irresponsible unacceptable
  foolish naive myopic stupid evil vital crucial brilliant excellent tragic dire deplorable disgraceful egregious
  unthinkable flippantly blatant blatantly brutal barbaric heinous incompetent corrupt pathetic laughable baseless
  misguided wrongheaded cowardly courageous heroic disgusting despicable scandalous`, F.OPINION);

add('http https www ftp', F.URL);

for (const entry of byWord.values()) entries.push(entry);

/** The default lexicon: number words, speech verbs, cue words, URL starts. */
export const BASE_ENTRIES: readonly Entry[] = entries;

const byText = new WordTable<Entry>(entries.map((entry): [string, Entry] => [entry.word, entry]));

/** The keyword written at [start, end) of the text, ignoring case; undefined if none. */
export function lookup(codes: Codes, start: number, end: number): Entry | undefined {
  return byText.get(codes, start, end);
}

/*
 * The scan walks every character once, so it runs the keywords as an automaton: a state is
 * the keyword prefix read so far in the current word, and one table load per character
 * moves it on. Letters move between prefixes; any other character either leaves the state
 * (0, between words) or, when something must happen, yields an action code at or above
 * A.SPECIAL.
 *
 * A state is written as the offset of its row in TRANSITIONS (its trie node times 32), so
 * that the next load needs no multiplication: the load of each character waits on the one
 * before, and the shift on that path cost a tenth of the walk.
 */

/** Automaton states (row offsets) and action codes. */
export const enum A {
  /** Between words. */
  OUT = 0,
  /** Inside a word that is no keyword. */
  DEAD = 32,
  /**
   * Above every row offset: 2^19 trie nodes fit below it. The default lexicon has about
   * 1,250; a team's vocabulary is capped well below (see vocabulary.ts).
   */
  SPECIAL = 1 << 24,
  /** A word ends (only from a state that completed a keyword). */
  ACT_BREAK = SPECIAL,
  ACT_DIGIT = SPECIAL + 1,
  ACT_QUOTE = SPECIAL + 2,
  ACT_TERMINATOR = SPECIAL + 3,
  ACT_AT = SPECIAL + 4,
}

const COLUMN_DIGIT = 27;
const COLUMN_QUOTE = 28;
const COLUMN_TERMINATOR = 29;
const COLUMN_AT = 30;
/** Letters outside ASCII: no keyword has one, so they end any prefix in a dead word. */
const COLUMN_OTHER_LETTER = 31;

/**
 * Column of every UTF-16 code unit in TRANSITIONS: 1-26 ASCII letters, then the action
 * classes, 31 the other letters, 0 the rest. One table for all code units spares the walk a
 * branch on ASCII per character.
 */
export const COLUMNS: Uint8Array = (() => {
  const columns = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    const low = c | 32;
    const k = CLASS[c];
    if (c < 128 && low >= Ch.a && low <= Ch.z) columns[c] = low - 96;
    else if (k === C.UPPER || k === C.LOWER) columns[c] = COLUMN_OTHER_LETTER;
    else if (c >= Ch.ZERO && c <= Ch.NINE) columns[c] = COLUMN_DIGIT;
    else if (k === C.QUOTE) columns[c] = COLUMN_QUOTE;
    else if (k === C.TERMINATOR) columns[c] = COLUMN_TERMINATOR;
    else if (c === Ch.AT) columns[c] = COLUMN_AT;
  }
  return columns;
})();

/** Trie nodes of the two fixed states. */
const NODE_OUT = 0;
const NODE_DEAD = 1;

/** The keyword automaton of a word list (see TRANSITIONS below). */
export interface Automaton {
  /** Next state (or action) for [state + COLUMNS[code unit]]. */
  readonly transitions: Int32Array;
  /** The word index a state completes, or -1, by [state >> 5]. */
  readonly accepts: Int32Array;
  /** Length of the prefix a state stands for, by [state >> 5]. */
  readonly depth: Uint8Array;
}

/**
 * Builds the automaton that recognises `words` (lower-case ASCII letters a-z only), word
 * k being accepted as index k.
 */
export function buildAutomaton(words: readonly string[]): Automaton {
  const children: Array<Map<number, number>> = [new Map(), new Map()];
  const accept: number[] = [-1, -1];
  const depth: number[] = [0, 0];
  const root = children[NODE_OUT];
  words.forEach((word, index) => {
    let state = -1;
    for (let k = 0; k < word.length; k++) {
      const c = word.charCodeAt(k);
      const map = state < 0 ? root : children[state];
      let next = map.get(c);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        accept.push(-1);
        depth.push(k + 1);
        map.set(c, next);
      }
      state = next;
    }
    accept[state] = index;
  });
  const count = children.length;
  if (count * 32 > A.SPECIAL) throw new Error('lexicon: too many automaton states');
  // One column per letter and one per kind of other character keeps the table small
  // (32 columns instead of 128), so that it stays in the processor's cache.
  const transitions = new Int32Array(count * 32);
  for (let state = 0; state < count; state++) {
    const row = state * 32;
    const accepting = accept[state] >= 0;
    for (let column = 0; column < 32; column++) {
      let v: number;
      if (column >= 1 && column <= 26) {
        // Only a word start (A.OUT) or a keyword prefix can move into the trie.
        const map = state === NODE_DEAD ? undefined : children[state];
        const next = map?.get(96 + column);
        v = next === undefined ? A.DEAD : next * 32;
      } else if (column === COLUMN_OTHER_LETTER) v = A.DEAD;
      else if (column === COLUMN_DIGIT) v = A.ACT_DIGIT;
      else if (column === COLUMN_QUOTE) v = A.ACT_QUOTE;
      else if (column === COLUMN_TERMINATOR) v = A.ACT_TERMINATOR;
      else if (column === COLUMN_AT) v = A.ACT_AT;
      else v = accepting ? A.ACT_BREAK : A.OUT;
      transitions[row + column] = v;
    }
  }
  return { transitions, accepts: Int32Array.from(accept), depth: Uint8Array.from(depth) };
}

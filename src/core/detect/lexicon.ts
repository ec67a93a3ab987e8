/**
 * The words that start a detection: number words, speech verbs, cue words. The scan hashes
 * every word as it walks over it and probes this table, so recognising a keyword costs one
 * typed-array probe and a string is only built for the rare hits.
 */

export const CARDINAL = 1 << 0;
export const SCALE = 1 << 1;
export const PLURAL_SCALE = 1 << 2;
export const DOZEN = 1 << 3;
export const ORDINAL = 1 << 4;
export const FRACTION = 1 << 5;
export const MULTIPLE = 1 << 6;
export const VAGUE = 1 << 7;
export const SPEECH = 1 << 8;
export const SPECULATION = 1 << 9;
export const OPINION = 1 << 10;
export const URL = 1 << 11;

/** Flags that make a word the start of a numeric expression. */
export const NUMBER_WORD = CARDINAL | SCALE | PLURAL_SCALE | DOZEN | ORDINAL | FRACTION | MULTIPLE | VAGUE;

/** How a speech verb finds its speaker. */
export type VerbClass = 'say' | 'name' | 'part' | 'according';

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

UNITS.forEach((w, n) => add(w, CARDINAL, n));
TENS.forEach((w, n) => w && add(w, CARDINAL, n * 10));
ORDINALS.forEach((w, n) => n > 0 && add(w, ORDINAL, n));
TENTHS.forEach((w, n) => w && add(w, ORDINAL, n * 10));
add('hundredth', ORDINAL, 100);
add('thousandth', ORDINAL, 1000);
add('millionth', ORDINAL, 1e6);
add('hundred', CARDINAL | SCALE, 100);
add('thousand', CARDINAL | SCALE, 1e3);
add('million', CARDINAL | SCALE, 1e6);
add('billion', CARDINAL | SCALE, 1e9);
add('trillion', CARDINAL | SCALE, 1e12);
add('hundreds', PLURAL_SCALE, 100);
add('thousands', PLURAL_SCALE, 1e3);
add('millions', PLURAL_SCALE, 1e6);
add('billions', PLURAL_SCALE, 1e9);
add('trillions', PLURAL_SCALE, 1e12);
add('tens', PLURAL_SCALE, 10);
add('dozens', PLURAL_SCALE, 12);
add('scores', PLURAL_SCALE, 20);
add('dozen', DOZEN, 12);
add('half halves', FRACTION, 2);
add('third thirds', FRACTION, 3);
add('quarter quarters', FRACTION, 4);
add('fifths', FRACTION, 5);
add('sixths', FRACTION, 6);
add('eighths', FRACTION, 8);
add('tenths', FRACTION, 10);
add('twice', MULTIPLE, 2);
add('thrice', MULTIPLE, 3);
add('twofold', MULTIPLE, 2);
add('threefold', MULTIPLE, 3);
add('fourfold', MULTIPLE, 4);
add('fivefold', MULTIPLE, 5);
add('tenfold', MULTIPLE, 10);
add('hundredfold', MULTIPLE, 100);
add('several few', VAGUE);

add(`said says say told tells stated added adds warned warns warn argued argues argue claimed claim
  noted wrote writes declared declares agreed agrees explained explains insisted insists insist denied denies
  deny confirmed confirms announced announces acknowledged acknowledges asserted asserts reported reports
  stressed stresses emphasized emphasised emphasizes urged urges admitted admits conceded concedes cautioned
  countered replied responded asked recalled predicted predicts maintained maintains alleged tweeted
  elaborated expressed voiced suggested testified remarked commented complained boasted vowed pledged
  promised concluded acknowledged disclosed revealed`, SPEECH, 0, 'say');
add(`called calls labeled labelled labels described describes dubbed termed branded`, SPEECH, 0, 'name');
add(`saying adding stating warning noting arguing claiming insisting explaining declaring asserting stressing
  emphasizing emphasising urging acknowledging conceding cautioning calling labeling labelling describing`, SPEECH, 0, 'part');
add('according', SPEECH, 0, 'according');

add(`could may might reportedly potentially possibly perhaps probably likely unlikely presumably apparently
  allegedly purportedly supposedly seemingly rumored rumoured appears appear appeared seems seem seemed possible
  maybe conceivably unconfirmed unverified`, SPECULATION);
add(`must should ought needs desperate desperately desperation disastrous disastrously catastrophic shameful
  outrageous absurd ridiculous terrible terribly horrible horrific appalling awful alarming troubling worrying
  disturbing shocking astonishing stark grim ominous ominously reckless recklessly irresponsible unacceptable
  foolish naive myopic stupid evil vital crucial brilliant excellent tragic dire deplorable disgraceful egregious
  unthinkable flippantly blatant blatantly brutal barbaric heinous incompetent corrupt pathetic laughable baseless
  misguided wrongheaded cowardly courageous heroic disgusting despicable scandalous`, OPINION);

add('http https www ftp', URL);

for (const entry of byWord.values()) entries.push(entry);

const SIZE = 4096;
const MASK = SIZE - 1;
const slotHash = new Int32Array(SIZE);
const slotEntry = new Int16Array(SIZE).fill(-1);

/** The hash the scan computes while walking a word: lower-case ASCII letters only. */
export function hashWord(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c |= 32;
    h = (Math.imul(h, 31) + c) | 0;
  }
  return h;
}

entries.forEach((entry, index) => {
  const h = hashWord(entry.word, 0, entry.word.length);
  let slot = h & MASK;
  while (slotEntry[slot] >= 0) slot = (slot + 1) & MASK;
  slotHash[slot] = h;
  slotEntry[slot] = index;
});

/** The keyword written at [start, end) whose hash is `h`, ignoring case; undefined if none. */
export function lookupHashed(h: number, text: string, start: number, end: number): Entry | undefined {
  let slot = h & MASK;
  for (;;) {
    const index = slotEntry[slot];
    if (index < 0) return undefined;
    if (slotHash[slot] === h) {
      const entry = entries[index];
      const word = entry.word;
      if (word.length === end - start) {
        let same = true;
        for (let k = 0; k < word.length; k++) {
          let c = text.charCodeAt(start + k);
          if (c >= 65 && c <= 90) c |= 32;
          if (c !== word.charCodeAt(k)) {
            same = false;
            break;
          }
        }
        if (same) return entry;
      }
    }
    slot = (slot + 1) & MASK;
  }
}

/** The keyword written at [start, end), ignoring case; undefined if none. */
export function lookup(text: string, start: number, end: number): Entry | undefined {
  return lookupHashed(hashWord(text, start, end), text, start, end);
}

/**
 * Attributions: who is speaking. A speech verb found by the scan is read outwards for its
 * speaker ("Austin said", "said Victor Cha", "according to U.S. intelligence estimates",
 * "Dmitry Peskov, Putin's spokesperson, labeled …"), and each quote is then linked to the
 * speaker written next to it, in its sentence or in the sentence before or after, as
 * quote-attribution tools do.
 */
import type { Detection } from './types';
import type { Entry } from './lexicon';
import type { QuoteSpan } from './quotes';
import {
  CLASS, DASH, LOWER, PUNCT, QUOTE, SPACE, TERMINATOR, UPPER, isLetter, isSpace, isUpper, lower,
  sentenceEndAt, sentenceIndex, skipSpaces, skipSpacesBack,
} from './text';

/** A speaker met in the text, with offsets in the document. */
export interface SpeakerRef {
  name: string;
  start: number;
  end: number;
}

/** One attribution found in a paragraph (document offsets). */
export interface Attribution {
  start: number;
  end: number;
  verbStart: number;
  verbEnd: number;
  subtype: string;
  speaker: SpeakerRef;
  person: boolean;
  word: string;
  linked: boolean;
}

const AUXILIARIES = new Set(['has', 'have', 'had', 'also', 'later', 'further', 'previously', 'repeatedly', 'publicly',
  'recently', 'then', 'would', 'will', 'did', 'does', 'do', 'once', 'again', 'earlier', 'since', 'already', 'has',
  'subsequently', 'reportedly', 'privately', 'openly', 'flatly', 'firmly', 'quickly', 'immediately', 'simply', 'even',
  'still', 'never', 'often', 'frequently', 'first', 'initially', 'just', 'not', 'could', 'may', 'might', 'should',
  'can', 'must']);
const PASSIVE = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being']);
const PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'you']);
const RELATIVES = new Set(['who', 'that', 'which']);
const CONNECTORS = new Set(['of', 'for', 'the', 'de', 'van', 'von', 'der', 'den', 'bin', 'al', 'da', 'di', 'du', 'la',
  'le', 'y', 'and', 'on', 'del', 'dos', 'das', 'ibn', 'el']);
const STOP_CAPITALS = new Set(['the', 'this', 'that', 'these', 'those', 'a', 'an', 'in', 'on', 'at', 'but', 'and',
  'however', 'despite', 'yet', 'so', 'meanwhile', 'as', 'if', 'when', 'while', 'after', 'before', 'according', 'some',
  'many', 'most', 'several', 'both', 'all', 'then', 'now', 'still', 'also', 'for', 'with', 'by', 'from', 'to', 'of',
  'or', 'nor', 'there', 'here', 'former', 'retired', 'late', 'his', 'her', 'their', 'its', 'our', 'my', 'your']);
const TITLES = new Set(['president', 'vice', 'secretary', 'minister', 'prime', 'spokesman', 'spokeswoman',
  'spokesperson', 'general', 'gen', 'lt', 'lieutenant', 'maj', 'major', 'col', 'colonel', 'sen', 'senator', 'rep',
  'representative', 'gov', 'governor', 'dr', 'mr', 'mrs', 'ms', 'prof', 'professor', 'adm', 'admiral', 'sgt',
  'sergeant', 'capt', 'captain', 'cmdr', 'commander', 'chairman', 'chairwoman', 'chair', 'director', 'chief', 'leader',
  'chancellor', 'ambassador', 'commissioner', 'mayor', 'judge', 'justice', 'king', 'queen', 'prince', 'princess',
  'pope', 'sheikh', 'speaker', 'premier', 'deputy', 'marshal', 'officer', 'secretary-general', 'ret', 'supreme',
  'press', 'foreign', 'defense', 'defence', 'state', 'interior', 'homeland', 'security', 'treasury', 'finance',
  'health', 'energy', 'commerce', 'intelligence', 'envoy', 'emir', 'attorney', 'editor', 'ceo', 'founder', 'head',
  'lord', 'sir', 'dame', 'rabbi', 'imam', 'bishop', 'cardinal', 'senior', 'national', 'adviser', 'advisor',
  'communications', 'council', 'house', 'white', 'department', 'pentagon', 'kremlin', 'army', 'navy', 'staff',
  'u.s.', 'us', 'uk', 'u.k.', 'un', 'u.n.', 'nato', 'eu', 'former', 'acting', 'interim', 'executive', 'member',
  'first', 'lady', 'coach', 'manager', 'analyst', 'expert', 'professor', 'fellow', 'researcher', 'correspondent']);
/** Last words that make a capitalised run an organisation, not a person. */
const ORGANISATIONS = new Set(['council', 'committee', 'ministry', 'department', 'service', 'agency', 'institute',
  'office', 'house', 'kremlin', 'pentagon', 'commission', 'court', 'army', 'forces', 'bank', 'fund', 'union',
  'organization', 'organisation', 'party', 'government', 'parliament', 'assembly', 'senate', 'congress',
  'directorate', 'center', 'centre', 'university', 'association', 'board', 'bureau', 'authority', 'command', 'times',
  'post', 'news', 'press', 'agency', 'group', 'company', 'corporation', 'inc', 'ltd', 'police', 'ministry', 'war',
  'studies', 'foundation', 'network', 'tribunal', 'nations', 'states', 'korea', 'russia', 'china', 'ukraine', 'iran',
  'pyongyang', 'moscow', 'beijing', 'washington', 'kyiv', 'seoul', 'tehran', 'nis', 'nato', 'un', 'eu']);
/** Nouns that can speak without a name: "officials said", "experts warn". */
const ROLES = new Set(['official', 'officials', 'spokesman', 'spokeswoman', 'spokesperson', 'spokespeople', 'expert',
  'experts', 'analyst', 'analysts', 'source', 'sources', 'ministry', 'government', 'police', 'authorities',
  'diplomat', 'diplomats', 'witness', 'witnesses', 'resident', 'residents', 'researcher', 'researchers', 'scientist',
  'scientists', 'critic', 'critics', 'lawmaker', 'lawmakers', 'senators', 'observers', 'statement', 'report',
  'study', 'survey', 'aide', 'aides', 'adviser', 'advisers', 'advisor', 'advisors', 'commentators', 'insiders',
  'investigators', 'prosecutors', 'officers', 'leaders', 'generals', 'commanders', 'agency', 'department', 'office',
  'military', 'army', 'administration', 'embassy', 'spokesmen', 'organizers', 'organisers', 'activists', 'doctors',
  'economists', 'historians', 'experts', 'campaigners', 'regulators', 'executives', 'kremlin', 'pentagon', 'ministry',
  'white', 'people', 'students', 'voters', 'authors', 'scholars', 'journalists', 'media']);
/** Participles that report speech even without "that" after them. */
const OPEN_PARTICIPLES = new Set(['saying']);
/**
 * Verbs that are as often something else ("has maintained a neutral stance", "intelligence
 * reports"): speech only when "that", a colon or a quote follows, or a quote comes just before.
 */
const WEAK_VERBS = new Set(['maintained', 'maintains', 'responded', 'expressed', 'voiced', 'reports', 'reported',
  'notes', 'noted', 'suggested', 'revealed', 'concluded', 'predicted', 'predicts', 'admitted', 'admits', 'recalled',
  'agreed', 'agrees', 'asked', 'elaborated', 'disclosed', 'claim', 'pledged', 'promised', 'vowed', 'concedes',
  'conceded', 'argue', 'warn', 'insist', 'deny', 'say']);

function isTokenChar(c: number): boolean {
  const k = CLASS[c];
  return k === UPPER || k === LOWER || c === 46 || c === 45 || c === 0x2019 || c === 39 || c === 0x2011;
}

interface Token {
  start: number;
  end: number;
  word: string;
  capital: boolean;
}

/** The whitespace-separated token ending at `e`, or null if `e` does not end one. */
function tokenBefore(text: string, e: number, floor: number): Token | null {
  if (e <= floor || !isTokenChar(text.charCodeAt(e - 1))) return null;
  let s = e;
  while (s > floor && isTokenChar(text.charCodeAt(s - 1))) s--;
  while (s < e && !isLetter(text.charCodeAt(s))) s++;
  if (s >= e) return null;
  let we = e;
  // A sentence period is not part of the word, but "Jr." and "U.S." keep theirs.
  if (text.charCodeAt(we - 1) === 46 && !text.slice(s, we - 1).includes('.') && we - s > 4) we--;
  return { start: s, end: we, word: text.slice(s, we).toLowerCase(), capital: isUpper(text.charCodeAt(s)) };
}

function tokenAfter(text: string, s: number, end: number): Token | null {
  if (s >= end || !isLetter(text.charCodeAt(s))) return null;
  let e = s;
  while (e < end && isTokenChar(text.charCodeAt(e))) e++;
  while (e > s && !isLetter(text.charCodeAt(e - 1)) && text.charCodeAt(e - 1) !== 46) e--;
  if (text.charCodeAt(e - 1) === 46 && !text.slice(s, e - 1).includes('.') && e - s > 4) e--;
  return { start: s, end: e, word: text.slice(s, e).toLowerCase(), capital: isUpper(text.charCodeAt(s)) };
}

function isPossessive(token: Token): boolean {
  return /['\u2019]s?$/.test(token.word);
}

/** A run of capitalised tokens ending at `e` (the speaker before a verb). */
interface Run {
  tokens: Token[];
}

function runBefore(text: string, e: number, floor: number): Run | null {
  const tokens: Token[] = [];
  let p = e;
  for (;;) {
    const t = tokenBefore(text, p, floor);
    if (!t) break;
    if (t.capital) {
      if (isPossessive(t)) break;
      tokens.unshift(t);
    } else if (CONNECTORS.has(t.word) && tokens.length > 0) {
      tokens.unshift(t);
    } else {
      break;
    }
    const gap = t.start - 1;
    if (gap < floor || !isSpace(text.charCodeAt(gap)) || gap - 1 < floor || isSpace(text.charCodeAt(gap - 1))) break;
    p = gap;
  }
  while (tokens.length > 0 && !tokens[0].capital) tokens.shift();
  while (tokens.length > 0 && STOP_CAPITALS.has(tokens[0].word)) tokens.shift();
  while (tokens.length > 0 && !tokens[0].capital) tokens.shift();
  if (tokens.length === 0) return null;
  return { tokens: tokens.slice(-8) };
}

function runAfter(text: string, s: number, end: number): Run | null {
  const tokens: Token[] = [];
  let p = s;
  for (;;) {
    const t = tokenAfter(text, p, end);
    if (!t) break;
    if (t.capital) tokens.push(t);
    else if ((CONNECTORS.has(t.word) || TITLES.has(t.word)) && tokens.length > 0) tokens.push(t);
    else if (TITLES.has(t.word) || ROLES.has(t.word)) tokens.push(t);
    else break;
    if (isPossessive(t) || tokens.length >= 8) break;
    const gap = t.end;
    if (gap >= end || !isSpace(text.charCodeAt(gap))) break;
    p = gap + 1;
  }
  while (tokens.length > 0 && !tokens[tokens.length - 1].capital) tokens.pop();
  if (tokens.length === 0) return null;
  return { tokens };
}

/** The name in a run, titles taken off: "Defense Secretary Lloyd Austin" → "Lloyd Austin". */
function nameOf(text: string, run: Run): SpeakerRef & { person: boolean } {
  const tokens = run.tokens;
  const last = tokens[tokens.length - 1];
  const organisation = ORGANISATIONS.has(last.word.replace(/[.]$/, ''));
  let from = 0;
  if (!organisation) {
    for (let k = tokens.length - 2; k >= 0; k--) {
      if (TITLES.has(tokens[k].word.replace(/\.$/, '')) || TITLES.has(tokens[k].word)) {
        from = k + 1;
        break;
      }
    }
    while (from < tokens.length - 1 && !tokens[from].capital) from++;
  }
  const first = tokens[from];
  return { name: text.slice(first.start, last.end).replace(/\s+/g, ' '), start: first.start, end: last.end, person: !organisation };
}

/** Context the attribution pass needs from its paragraph and the one before. */
export interface AttributionInput {
  text: string;
  start: number;
  end: number;
  /** Flat [start, end, …] of speech verbs met by the scan. */
  hits: readonly number[];
  entries: readonly Entry[];
  sentences: readonly number[];
  /** Outer quotes of the paragraph (document offsets), in order. */
  quotes: readonly QuoteSpan[];
  /** Last person named in the previous paragraph, for "he said". */
  antecedent: string | null;
}

/**
 * Finds the attributions of a paragraph and the person each pronoun stands for.
 *
 * @param input - The paragraph, its speech verbs, sentences and quotes
 */
export function findAttributions(input: AttributionInput): Attribution[] {
  const { hits, entries } = input;
  const out: Attribution[] = [];
  let lastPerson: string | null = input.antecedent;
  for (let h = 0; h < entries.length; h++) {
    const a = attributionAt(input, hits[h * 2], hits[h * 2 + 1], entries[h], out);
    if (!a) continue;
    const pronoun = a.speaker.name.toLowerCase();
    if (pronoun === 'he' || pronoun === 'she') {
      if (lastPerson) a.speaker = { name: lastPerson, start: a.speaker.start, end: a.speaker.end };
    } else if (a.person && !PRONOUNS.has(a.speaker.name.toLowerCase())) {
      lastPerson = a.speaker.name;
    }
    // Keep the list ordered by start; speakers written before the verb can start earlier.
    let k = out.length;
    while (k > 0 && out[k - 1].start > a.start) k--;
    out.splice(k, 0, a);
  }
  return out;
}

function sentenceBounds(sentences: readonly number[], offset: number): [number, number] {
  if (sentences.length === 0) return [offset, offset];
  const k = sentenceIndex(sentences, offset);
  return [sentences[k * 2], sentences[k * 2 + 1]];
}

function attributionAt(input: AttributionInput, vs: number, ve: number, entry: Entry, found: readonly Attribution[]): Attribution | null {
  const { text, start, end, sentences } = input;
  const verb = entry.verb;
  const [ss, se] = sentenceBounds(sentences, vs);
  const word = lower(text, vs, ve);
  if (verb === 'according') {
    const t = skipSpaces(text, ve, end);
    if (t === ve || lower(text, t, t + 3) !== 'to ') return null;
    const np = nounPhraseAfter(text, t + 3, Math.min(se, end), sentences);
    if (!np) return null;
    const run = runBefore(text, np[1], np[0]);
    let speaker: SpeakerRef;
    let person = false;
    if (run && run.tokens[run.tokens.length - 1].end === np[1] && isUpper(text.charCodeAt(np[1] - 1)) !== null && run.tokens.length >= 2 && !run.tokens.some((tk) => !tk.capital && tk.word !== 'of')) {
      const n = nameOf(text, run);
      speaker = { name: n.name, start: n.start, end: n.end };
      person = n.person;
    } else {
      speaker = { name: text.slice(np[0], np[1]).replace(/\s+/g, ' '), start: np[0], end: np[1] };
    }
    return { start: vs, end: np[1], verbStart: vs, verbEnd: t + 2, subtype: 'according-to', speaker, person, word: 'according to', linked: false };
  }

  const next = skipSpaces(text, ve, end);
  const nextChar = next < end ? text.charCodeAt(next) : 32;
  if (verb === 'part' && !OPEN_PARTICIPLES.has(word)) {
    const t = tokenAfter(text, next, end);
    if (!(t && t.word === 'that') && nextChar !== 58 && CLASS[nextChar] !== QUOTE && nextChar !== 44) return null;
  }
  if (WEAK_VERBS.has(word) && !complementFollows(text, next, end) && !quoteJustBefore(text, vs, start)) return null;
  if (verb === 'name' || (verb === 'part' && /^(calling|labeling|labelling|describing)$/.test(word))) {
    // "called it a “…”", "as described by …": naming verbs report speech only next to a quote.
    if (!input.quotes.some((q) => q.start < se && q.end > ss)) return null;
  }

  // Inverted order after a quote or a comma: "…,” said Victor Cha".
  const before = skipSpacesBack(text, vs, start);
  const beforeChar = before > start ? text.charCodeAt(before - 1) : 0;
  if (verb === 'say' && (CLASS[beforeChar] === QUOTE || beforeChar === 44 || before === ss)) {
    const right = speakerAfter(text, next, end);
    if (right) {
      return { start: vs, end: right.end, verbStart: vs, verbEnd: ve, subtype: 'reported', speaker: right, person: right.person, word, linked: false };
    }
  }

  // Auxiliaries and adverbs between the speaker and the verb: "has denied", "further elaborated".
  let p = before;
  let passive = false;
  for (let n = 0; n < 3; n++) {
    const t = tokenBefore(text, p, start);
    if (!t || t.end !== p) break;
    if (PASSIVE.has(t.word)) passive = true;
    else if (!AUXILIARIES.has(t.word) && !(t.word.endsWith('ly') && !t.capital && t.word.length > 4)) break;
    p = skipSpacesBack(text, t.start, start);
  }
  if (passive) {
    // "as described by Pentagon Press Secretary Pat Ryder"
    const by = tokenAfter(text, next, end);
    if (by && by.word === 'by') {
      const right = speakerAfter(text, skipSpaces(text, by.end, end), end);
      if (right) return { start: vs, end: right.end, verbStart: vs, verbEnd: ve, subtype: 'reported', speaker: right, person: right.person, word, linked: false };
    }
    return null;
  }
  if (verb === 'name' || verb === 'say') {
    const by = tokenAfter(text, next, end);
    if (by && by.word === 'by' && verb === 'name') {
      const right = speakerAfter(text, skipSpaces(text, by.end, end), end);
      if (right) return { start: vs, end: right.end, verbStart: vs, verbEnd: ve, subtype: 'reported', speaker: right, person: right.person, word, linked: false };
    }
  }

  const left = speakerBefore(text, p, Math.max(ss, start), ss);
  if (left) {
    return { start: left.spanStart, end: ve, verbStart: vs, verbEnd: ve, subtype: 'reported', speaker: left, person: left.person, word, linked: false };
  }
  if (verb === 'part' || verb === 'name' || relativeBefore(text, p, start)) {
    // "…, stating that": the subject of the sentence, or the speaker already named in it.
    for (let k = found.length - 1; k >= 0; k--) {
      if (found[k].start >= ss && found[k].start < vs) {
        const f = found[k];
        return { start: vs, end: ve, verbStart: vs, verbEnd: ve, subtype: 'reported', speaker: f.speaker, person: f.person, word, linked: false };
      }
    }
    const subject = firstNameIn(text, ss, vs);
    if (subject) return { start: vs, end: ve, verbStart: vs, verbEnd: ve, subtype: 'reported', speaker: subject, person: subject.person, word, linked: false };
  }
  return null;
}

function relativeBefore(text: string, p: number, start: number): boolean {
  const t = tokenBefore(text, p, start);
  if (t === null || t.end !== p || !RELATIVES.has(t.word)) return false;
  if (t.word !== 'who') return true;
  // "…, who said": only after a name; "Three years ago, who would have predicted" asks.
  const comma = skipSpacesBack(text, t.start, start);
  if (text.charCodeAt(comma - 1) !== 44) return false;
  const before = tokenBefore(text, skipSpacesBack(text, comma - 1, start), start);
  return before !== null && before.capital;
}

/** "that", a colon or a quote mark within the next few words. */
function complementFollows(text: string, i: number, end: number): boolean {
  let p = i;
  for (let n = 0; n < 4 && p < end; n++) {
    const c = text.charCodeAt(p);
    if (c === 58 || CLASS[c] === QUOTE) return true;
    const t = tokenAfter(text, p, end);
    if (!t) return c === 44 && CLASS[text.charCodeAt(skipSpaces(text, p + 1, end))] === QUOTE;
    if (t.word === 'that') return true;
    p = skipSpaces(text, t.end, end);
  }
  return false;
}

/** Whether a quote closes just before the speaker: "…,” Putin agreed". */
function quoteJustBefore(text: string, vs: number, start: number): boolean {
  let p = skipSpacesBack(text, vs, start);
  const t = tokenBefore(text, p, start);
  if (t && t.end === p) {
    const run = runBefore(text, p, start);
    p = skipSpacesBack(text, run ? run.tokens[0].start : t.start, start);
  }
  const c = text.charCodeAt(p - 1);
  return p > start && CLASS[c] === QUOTE;
}

/** The first capitalised name in [from, to) that is not a sentence opener. */
function firstNameIn(text: string, from: number, to: number): (SpeakerRef & { person: boolean }) | null {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isUpper(c) && (i === from || !isLetter(text.charCodeAt(i - 1)))) {
      const run = runAfter(text, i, to);
      if (run) {
        const caps = run.tokens.filter((t) => t.capital && !STOP_CAPITALS.has(t.word));
        const soleOpener = i === from && run.tokens.length === 1;
        if (caps.length > 0 && !soleOpener) {
          const firstCap = run.tokens.indexOf(caps[0]);
          const trimmed = { tokens: run.tokens.slice(firstCap) };
          const n = nameOf(text, trimmed);
          if (!isPossessive(trimmed.tokens[trimmed.tokens.length - 1])) return n;
        }
        i = run.tokens[run.tokens.length - 1].end;
        continue;
      }
    }
    i++;
  }
  return null;
}

interface SpeakerFound extends SpeakerRef {
  person: boolean;
  spanStart: number;
}

/** The speaker written before a verb whose left edge (after auxiliaries) is `p`. */
function speakerBefore(text: string, p: number, floor: number, sentenceStart: number): SpeakerFound | null {
  if (p <= floor) return null;
  const c = text.charCodeAt(p - 1);
  if (c === 41) {
    // "South Korea's National Intelligence Service (NIS) reported"
    const open = text.lastIndexOf('(', p - 1);
    if (open > floor) return speakerBefore(text, skipSpacesBack(text, open, floor), floor, sentenceStart);
    return null;
  }
  if (c === 44) {
    // An appositive: "Dmitry Peskov, Putin's spokesperson, labeled" or "mate, Sen. J.D. Vance, has argued".
    const inner = skipSpacesBack(text, p - 1, floor);
    const comma = text.lastIndexOf(',', inner - 1);
    if (comma < floor || comma < sentenceStart) return null;
    if (inner - comma > 120) return null;
    const innerRun = runBefore(text, inner, skipSpaces(text, comma + 1, inner));
    if (innerRun && innerRun.tokens[0].start === skipSpaces(text, comma + 1, inner)) {
      const n = nameOf(text, innerRun);
      if (n.person) return { ...n, spanStart: innerRun.tokens[0].start };
    }
    const outer = runBefore(text, skipSpacesBack(text, comma, floor), floor);
    if (outer && skipSpacesBack(text, comma, floor) === outer.tokens[outer.tokens.length - 1].end) {
      const n = nameOf(text, outer);
      return { ...n, spanStart: outer.tokens[0].start };
    }
    return null;
  }
  const t = tokenBefore(text, p, floor);
  if (!t || t.end !== p) return null;
  if (PRONOUNS.has(t.word)) {
    return { name: text.slice(t.start, t.end), start: t.start, end: t.end, person: true, spanStart: t.start };
  }
  if (ROLES.has(t.word)) {
    // "Pentagon officials", "US officials", "the ministry", "Experts"
    let s = t.start;
    const prev = tokenBefore(text, skipSpacesBack(text, t.start, floor), floor);
    if (prev && prev.end === skipSpacesBack(text, t.start, floor) && prev.end < t.start) {
      if (prev.capital && !STOP_CAPITALS.has(prev.word) && !isPossessive(prev)) {
        const run = runBefore(text, prev.end, floor);
        s = run ? run.tokens[0].start : prev.start;
      } else if (prev.word === 'the' || prev.word === 'a' || prev.word === 'some' || prev.word === 'many' || prev.word === 'other' || isPossessive(prev)) {
        s = prev.start;
      }
    }
    if (!t.capital && s === t.start && t.word.endsWith('s') === false && t.word !== 'police') return null;
    return { name: text.slice(s, t.end).replace(/\s+/g, ' '), start: s, end: t.end, person: false, spanStart: s };
  }
  const run = runBefore(text, p, floor);
  if (!run || run.tokens[run.tokens.length - 1].end !== p) return null;
  const n = nameOf(text, run);
  let spanStart = run.tokens[0].start;
  // "State Department spokesman Matthew Miller": a lower-case role and the capitals before it.
  const gap = skipSpacesBack(text, spanStart, floor);
  const role = tokenBefore(text, gap, floor);
  if (role && role.end === gap && gap < spanStart && !role.capital && (TITLES.has(role.word) || ROLES.has(role.word))) {
    spanStart = role.start;
    const before = runBefore(text, skipSpacesBack(text, role.start, floor), floor);
    if (before && before.tokens[before.tokens.length - 1].end === skipSpacesBack(text, role.start, floor)) spanStart = before.tokens[0].start;
  }
  const det = tokenBefore(text, skipSpacesBack(text, spanStart, floor), floor);
  if (det && det.word === 'the' && !det.capital && !n.person) spanStart = det.start;
  return { ...n, spanStart };
}

/** The speaker after an inverted verb: "said Victor Cha", "said the official". */
function speakerAfter(text: string, s: number, end: number): (SpeakerRef & { person: boolean }) | null {
  const t = tokenAfter(text, s, end);
  if (!t) return null;
  if (PRONOUNS.has(t.word)) return { name: text.slice(t.start, t.end), start: t.start, end: t.end, person: true };
  if (t.word === 'the' || t.word === 'a') {
    const r = tokenAfter(text, skipSpaces(text, t.end, end), end);
    if (r && ROLES.has(r.word)) return { name: text.slice(t.start, r.end), start: t.start, end: r.end, person: false };
  }
  const run = runAfter(text, s, end);
  if (!run) return null;
  const caps = run.tokens.filter((k) => k.capital);
  if (caps.length === 0) return null;
  const n = nameOf(text, run);
  return n;
}

/** The noun phrase after "according to": up to a comma, a quote or the sentence end. */
function nounPhraseAfter(text: string, s: number, end: number, sentences: readonly number[]): [number, number] | null {
  void sentences;
  let e = s;
  let words = 0;
  while (e < end && words < 12) {
    const c = text.charCodeAt(e);
    const k = CLASS[c];
    if (k === PUNCT || k === QUOTE && c !== 0x2019 && c !== 39 || c === 40 || k === DASH && isSpace(text.charCodeAt(e + 1))) break;
    if (k === TERMINATOR && (c !== 46 || sentenceEndAt(text, e, end) >= 0)) break;
    if (k === SPACE) words++;
    e++;
  }
  e = skipSpacesBack(text, e, s);
  if (e <= s) return null;
  return [s, e];
}

/** Whether only spaces, commas, colons or dashes lie between `a` and `b`. */
function onlyGlue(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    const k = CLASS[c];
    if (!(k === SPACE || c === 44 || c === 58 || k === DASH)) return false;
  }
  return true;
}

/**
 * Chooses the speaker of each outer quote: an attribution right after it, right before it,
 * in its sentence, or in the sentence before or after. Marks the attributions used.
 *
 * @returns For each quote, the attribution index, or -1
 */
export function linkQuotes(text: string, quotes: readonly QuoteSpan[], attributions: Attribution[], sentences: readonly number[], start: number): number[] {
  const links: number[] = [];
  for (const q of quotes) {
    links.push(nested(q) ? -1 : linkOne(text, q, attributions, sentences, start));
  }
  for (const k of links) if (k >= 0 && attributions[k].subtype === 'reported') attributions[k].subtype = 'speaker';
  for (const k of links) if (k >= 0) attributions[k].linked = true;
  return links;
}

function nested(q: QuoteSpan): boolean {
  return q.nested;
}

function linkOne(text: string, q: QuoteSpan, attributions: readonly Attribution[], sentences: readonly number[], start: number): number {
  if (attributions.length === 0) return -1;
  for (let k = 0; k < attributions.length; k++) {
    const a = attributions[k];
    if (a.start >= q.end && a.start - q.end <= 6 && onlyGlue(text, q.end, a.start)) return k;
  }
  if (q.start >= start) {
    for (let k = attributions.length - 1; k >= 0; k--) {
      const a = attributions[k];
      if (a.end > q.start) continue;
      if (onlyGlue(text, a.end, q.start) && q.start - a.end <= 4) return k;
      const between = text.slice(a.end, q.start).trim().toLowerCase();
      if (between === 'that' || between === ', that' || between === 'that:') return k;
    }
  }
  if (sentences.length === 0) return -1;
  const sq = q.start >= start ? sentenceIndex(sentences, q.start) : -1;
  const eq = sentenceIndex(sentences, Math.max(start, q.end - 1));
  let best = -1;
  let bestDistance = Infinity;
  for (let k = 0; k < attributions.length; k++) {
    const a = attributions[k];
    const sa = sentenceIndex(sentences, a.verbStart);
    if (sa !== sq && sa !== eq) continue;
    const d = a.start >= q.end ? a.start - q.end : a.end <= q.start ? q.start - a.end : 0;
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  if (best >= 0) return best;
  if (sq > 0) {
    for (let k = attributions.length - 1; k >= 0; k--) {
      if (sentenceIndex(sentences, attributions[k].verbStart) === sq - 1) return k;
    }
  }
  for (let k = 0; k < attributions.length; k++) {
    if (sentenceIndex(sentences, attributions[k].verbStart) === eq + 1 && attributions[k].start > q.end) return k;
  }
  return -1;
}

/** Detection of one attribution, offsets relative to `base`. */
export function attributionDetection(a: Attribution, sentences: readonly number[], base: number): Detection {
  const d: Detection = {
    kind: 'attribution',
    subtype: a.subtype,
    start: a.start - base,
    end: a.end - base,
    speaker: a.speaker.name,
    speakerStart: a.speaker.start - base,
    speakerEnd: a.speaker.end - base,
    word: a.word,
  };
  if (sentences.length > 0) {
    const k = sentenceIndex(sentences, a.verbStart);
    d.sentenceStart = sentences[k * 2] - base;
    d.sentenceEnd = sentences[k * 2 + 1] - base;
  }
  return d;
}

/** Whether the paragraph [start, end) ends by introducing what follows ("Kirby said:"). */
export function endsWithColon(text: string, start: number, end: number): boolean {
  const e = skipSpacesBack(text, end, start);
  return e > start && text.charCodeAt(e - 1) === 58;
}


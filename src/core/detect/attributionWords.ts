/**
 * The words attribution reading knows: auxiliaries and passives between a speaker and a
 * verb, pronouns, relatives, the connectors and titles inside a speaker's name, roles and
 * organisations that speak, and the speech verbs that need more than themselves to report
 * speech. Lists of words, no reading: attribution.ts and speakers.ts do that.
 */
import { WordTable } from './text';

const AUXILIARIES = ['has', 'have', 'had', 'also', 'later', 'further', 'previously', 'repeatedly', 'publicly',
  'recently', 'then', 'would', 'will', 'did', 'does', 'do', 'once', 'again', 'earlier', 'since', 'already', 'has',
  'subsequently', 'reportedly', 'privately', 'openly', 'flatly', 'firmly', 'quickly', 'immediately', 'simply', 'even',
  'still', 'never', 'often', 'frequently', 'first', 'initially', 'just', 'not', 'could', 'may', 'might', 'should',
  'can', 'must'];
const PASSIVE = ['was', 'were', 'is', 'are', 'be', 'been', 'being'];
const PRONOUNS = ['he', 'she', 'they', 'we', 'i', 'it', 'you'];
const RELATIVES = ['who', 'that', 'which'];
const CONNECTORS = ['of', 'for', 'the', 'de', 'van', 'von', 'der', 'den', 'bin', 'al', 'da', 'di', 'du', 'la',
  'le', 'y', 'and', 'on', 'del', 'dos', 'das', 'ibn', 'el'];
const STOP_CAPITALS = ['the', 'this', 'that', 'these', 'those', 'a', 'an', 'in', 'on', 'at', 'but', 'and',
  'however', 'despite', 'yet', 'so', 'meanwhile', 'as', 'if', 'when', 'while', 'after', 'before', 'according', 'some',
  'many', 'most', 'several', 'both', 'all', 'then', 'now', 'still', 'also', 'for', 'with', 'by', 'from', 'to', 'of',
  'or', 'nor', 'there', 'here', 'former', 'retired', 'late', 'his', 'her', 'their', 'its', 'our', 'my', 'your'];
const TITLES = ['president', 'vice', 'secretary', 'minister', 'prime', 'spokesman', 'spokeswoman',
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
  'first', 'lady', 'coach', 'manager', 'analyst', 'expert', 'professor', 'fellow', 'researcher', 'correspondent'];
/** Last words that make a capitalised run an organisation, not a person. */
const ORGANISATIONS = ['council', 'committee', 'ministry', 'department', 'service', 'agency', 'institute',
  'office', 'house', 'kremlin', 'pentagon', 'commission', 'court', 'army', 'forces', 'bank', 'fund', 'union',
  'organization', 'organisation', 'party', 'government', 'parliament', 'assembly', 'senate', 'congress',
  'directorate', 'center', 'centre', 'university', 'association', 'board', 'bureau', 'authority', 'command', 'times',
  'post', 'news', 'press', 'agency', 'group', 'company', 'corporation', 'inc', 'ltd', 'police', 'ministry', 'war',
  'studies', 'foundation', 'network', 'tribunal', 'nations', 'states', 'korea', 'russia', 'china', 'ukraine', 'iran',
  'pyongyang', 'moscow', 'beijing', 'washington', 'kyiv', 'seoul', 'tehran', 'nis', 'nato', 'un', 'eu'];
/** Nouns that can speak without a name: "officials said", "experts warn". */
const ROLES = ['official', 'officials', 'spokesman', 'spokeswoman', 'spokesperson', 'spokespeople', 'expert',
  'experts', 'analyst', 'analysts', 'source', 'sources', 'ministry', 'government', 'police', 'authorities',
  'diplomat', 'diplomats', 'witness', 'witnesses', 'resident', 'residents', 'researcher', 'researchers', 'scientist',
  'scientists', 'critic', 'critics', 'lawmaker', 'lawmakers', 'senators', 'observers', 'statement', 'report',
  'study', 'survey', 'aide', 'aides', 'adviser', 'advisers', 'advisor', 'advisors', 'commentators', 'insiders',
  'investigators', 'prosecutors', 'officers', 'leaders', 'generals', 'commanders', 'agency', 'department', 'office',
  'military', 'army', 'administration', 'embassy', 'spokesmen', 'organizers', 'organisers', 'activists', 'doctors',
  'economists', 'historians', 'experts', 'campaigners', 'regulators', 'executives', 'kremlin', 'pentagon', 'ministry',
  'white', 'people', 'students', 'voters', 'authors', 'scholars', 'journalists', 'media',
  // Organisations that speak through statements: "the company said", "said the court".
  'company', 'firm', 'group', 'bank', 'club', 'council', 'committee', 'court', 'party', 'union', 'board',
  'commission', 'airline', 'charity', 'regulator', 'watchdog', 'university', 'hospital', 'team', 'campaign',
  'organisation', 'organization', 'foundation', 'institute', 'broadcaster', 'newspaper', 'operator',
  'manufacturer', 'carmaker', 'retailer', 'insurer', 'lender'];
/**
 * Offices that name the one who holds them, in lower case after a determiner: "the defence
 * minister said", "said the president", "the club's head coach told reporters".
 */
const OFFICES = ['president', 'minister', 'secretary', 'spokesman', 'spokeswoman', 'spokesperson', 'general',
  'governor', 'chairman', 'chairwoman', 'chair', 'director', 'chief', 'leader', 'chancellor', 'ambassador',
  'commissioner', 'mayor', 'judge', 'king', 'queen', 'prince', 'princess', 'pope', 'premier', 'deputy', 'marshal',
  'officer', 'commander', 'envoy', 'emir', 'attorney', 'editor', 'ceo', 'founder', 'adviser', 'advisor', 'coach',
  'manager', 'professor', 'senator', 'congressman', 'congresswoman', 'representative', 'colonel', 'captain',
  'admiral', 'sergeant', 'lieutenant', 'prosecutor', 'lawyer', 'negotiator', 'executive', 'president-elect',
  'secretary-general', 'economist', 'historian', 'author', 'owner', 'candidate', 'lawmaker',
  'official', 'analyst', 'expert', 'researcher', 'scientist', 'diplomat', 'aide', 'correspondent', 'doctor'];
/**
 * Words that stand between a determiner and an office or a role besides titles and roles:
 * "the outgoing defence minister", "a senior official", "the country's top diplomat".
 */
const MODIFIERS = ['new', 'top', 'outgoing', 'incoming', 'local', 'regional', 'then', 'current', 'previous',
  'junior', 'military', 'ruling', 'opposition', 'party', 'government', 'ministry', 'regime', 'federal', 'central',
  'district', 'city', 'county', 'provincial', 'border', 'police', 'air', 'force', 'foreign', 'economy',
  'economic', 'trade', 'education', 'justice', 'transport', 'culture', 'agriculture', 'labour', 'labor',
  'environment', 'defence', 'defense', 'industry', 'team', 'club', 'company', 'hospital', 'school', 'union',
  'campaign', 'election', 'chief', 'deputy', 'vice', 'assistant', 'associate', 'principal', 'special',
  'general', 'lead', 'main', 'public', 'medical', 'legal', 'political', 'security'];
/** Which of the lists above a word is in (a word can be in several: "press", "council"). */
export const enum In {
  AUXILIARY = 1,
  PASSIVE = 2,
  PRONOUN = 4,
  RELATIVE = 8,
  CONNECTOR = 16,
  STOP_CAPITAL = 32,
  TITLE = 64,
  ORGANISATION = 128,
  ROLE = 256,
  OFFICE = 512,
  MODIFIER = 1024,
  /** The lowercase words a determiner may open a speaker with before its office or role (see speakers.ts). */
  DESCRIBING = TITLE | ROLE | OFFICE | MODIFIER,
}

/**
 * Every word of the lists above with the lists it is in: one lookup tells all a token is,
 * where asking each list in turn hashed the same token up to three times.
 */
export const LISTED = new WordTable<number>(listedWords([
  [AUXILIARIES, In.AUXILIARY], [PASSIVE, In.PASSIVE], [PRONOUNS, In.PRONOUN], [RELATIVES, In.RELATIVE], [CONNECTORS, In.CONNECTOR],
  [STOP_CAPITALS, In.STOP_CAPITAL], [TITLES, In.TITLE], [ORGANISATIONS, In.ORGANISATION], [ROLES, In.ROLE],
  [OFFICES, In.OFFICE], [MODIFIERS, In.MODIFIER],
]));

function listedWords(lists: Array<[readonly string[], In]>): Array<[string, number]> {
  const flags = new Map<string, number>();
  for (const [words, list] of lists) for (const w of words) flags.set(w, (flags.get(w) ?? 0) | list);
  return [...flags];
}

/** Participles that report speech even without "that" after them. */
const OPEN_PARTICIPLES = new WordTable(['saying']);
/**
 * Verbs that are as often something else ("has maintained a neutral stance", "intelligence
 * reports"): speech only when "that", a colon or a quote follows, or a quote comes just before.
 */
const WEAK_VERBS = new WordTable(['maintained', 'maintains', 'responded', 'expressed', 'voiced', 'reports', 'reported',
  'notes', 'noted', 'suggested', 'revealed', 'concluded', 'predicted', 'predicts', 'admitted', 'admits', 'recalled',
  'agreed', 'agrees', 'asked', 'elaborated', 'disclosed', 'claim', 'pledged', 'promised', 'vowed', 'concedes',
  'conceded', 'argue', 'warn', 'insist', 'deny', 'say']);

/** Participles that name speech only next to a quote ("calling it a “…”"). */
const NAMING_PARTICIPLES = new WordTable(['calling', 'labeling', 'labelling', 'describing']);

export const enum Trait {
  OPEN = 1,
  WEAK = 2,
  NAMING = 4,
}

/** The traits of a speech verb of the default lexicon: kept with its entry, not looked up for every verb met. */
export function verbTraits(word: string): number {
  return (OPEN_PARTICIPLES.hasWord(word) ? Trait.OPEN : 0) | (WEAK_VERBS.hasWord(word) ? Trait.WEAK : 0) |
    (NAMING_PARTICIPLES.hasWord(word) ? Trait.NAMING : 0);
}

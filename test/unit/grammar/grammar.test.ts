/**
 * The grammar files as data: they parse, every pattern compiles, every include resolves,
 * every scope is one the docs list, every quote ends with its line, and no line, however
 * odd, takes the tokenizer long.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, sampleArticles } from '../../support/paths';
import {
  ARTICLE_SCOPE,
  INJECTION_SCOPE,
  MARKDOWN_SCOPE,
  articleGrammarPath,
  compilePatterns,
  hasMarkdownGrammar,
  injectionGrammarPath,
  lineStartState,
  loadGrammar,
  markdownGrammarPath,
  tokenize,
  tokenizeLineWithin,
} from './textmate';

interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
  patterns?: Rule[];
  captures?: Record<string, Rule>;
  beginCaptures?: Record<string, Rule>;
  endCaptures?: Record<string, Rule>;
}

interface Grammar extends Rule {
  scopeName: string;
  injectionSelector?: string;
  repository?: Record<string, Rule>;
}

const readJson = (file: string): Grammar => JSON.parse(fs.readFileSync(file, 'utf8')) as Grammar;
let article: Grammar;
let injection: Grammar;

/** Every rule of a grammar, nested ones and captures included. */
function rulesOf(grammar: Grammar): Rule[] {
  const out: Rule[] = [];
  const visit = (rule: Rule): void => {
    out.push(rule);
    rule.patterns?.forEach(visit);
    for (const captures of [rule.captures, rule.beginCaptures, rule.endCaptures]) Object.values(captures ?? {}).forEach(visit);
  };
  // The grammar's own `name` is its display name, not a scope.
  grammar.patterns?.forEach(visit);
  Object.values(grammar.repository ?? {}).forEach(visit);
  return out;
}

/** The scopes the grammar can give, as documented in docs/grammar.md. */
const DOCUMENTED_SCOPES = [
  'string.quoted.double.news-article',
  'string.quoted.single.news-article',
  'string.quoted.other.guillemet.news-article',
  'string.quoted.other.low-high.news-article',
  'string.quoted.other.corner.news-article',
  'punctuation.definition.string.begin.news-article',
  'punctuation.definition.string.end.news-article',
  ...['count', 'money', 'percent', 'date', 'year', 'time', 'measure', 'duration', 'age', 'range', 'ordinal', 'fraction'].map(
    (subtype) => `constant.numeric.${subtype}.news-article`,
  ),
];

describe('the grammar files', () => {
  before(() => {
    // Read here rather than on load, so a file that is not valid JSON fails this suite
    // with the parser's message instead of stopping the whole run.
    article = readJson(articleGrammarPath);
    injection = readJson(injectionGrammarPath);
  });

  it('carry the scope names the manifest registers them under', () => {
    assert.equal(article.scopeName, ARTICLE_SCOPE);
    assert.equal(injection.scopeName, INJECTION_SCOPE);
  });

  it('compile every pattern with Oniguruma', async () => {
    for (const [file, grammar] of [[articleGrammarPath, article], [injectionGrammarPath, injection]] as const) {
      for (const rule of rulesOf(grammar)) {
        for (const pattern of [rule.match, rule.begin, rule.end].filter((p): p is string => p !== undefined)) {
          await assert.doesNotReject(compilePatterns([pattern]), `${path.basename(file)}: ${pattern}`);
        }
      }
    }
  });

  it('resolve every include', () => {
    const markdown = hasMarkdownGrammar() ? readJson(markdownGrammarPath) : undefined;
    const repositories: Record<string, Record<string, Rule> | undefined> = {
      [ARTICLE_SCOPE]: article.repository,
      [MARKDOWN_SCOPE]: markdown?.repository,
    };
    for (const [grammar, own] of [[article, article.repository], [injection, injection.repository]] as const) {
      for (const { include } of rulesOf(grammar)) {
        if (!include) continue;
        const [scope, name] = include.startsWith('#') ? [grammar.scopeName, include.slice(1)] : include.split('#');
        if (scope === MARKDOWN_SCOPE && !markdown) continue;
        const repository = scope === grammar.scopeName ? own : repositories[scope];
        assert.ok(repository?.[name], `${grammar.scopeName}: ${include} names no rule`);
      }
    }
  });

  it('give only the scopes docs/grammar.md lists, and the docs list every one of them', () => {
    const given = new Set<string>();
    for (const rule of [...rulesOf(article), ...rulesOf(injection)]) if (rule.name) rule.name.split(' ').forEach((s) => given.add(s));
    assert.deepEqual([...given].sort(), [...DOCUMENTED_SCOPES].sort());
    const docs = fs.readFileSync(path.join(repoRoot, 'docs', 'grammar.md'), 'utf8');
    for (const scope of DOCUMENTED_SCOPES) assert.ok(docs.includes(scope), `docs/grammar.md does not mention ${scope}`);
  });

  it('end every quote with its line at the latest', () => {
    const quotes = rulesOf(article).filter((rule) => rule.begin !== undefined);
    assert.ok(quotes.length > 0);
    for (const rule of quotes) assert.match(rule.end ?? '', /\|\$$/, `${rule.name} can run past the end of its line`);
  });

  it('inject only the News Article rules and Markdown’s own inline rules', () => {
    assert.deepEqual(
      (injection.patterns ?? []).map((p) => p.include),
      [`${MARKDOWN_SCOPE}#inline`, `${ARTICLE_SCOPE}#quotes`, `${ARTICLE_SCOPE}#numbers`],
    );
    assert.match(injection.injectionSelector ?? '', /^text\.html\.markdown\b/);
  });
});

describe('the grammar at line ends', function () {
  // Loading VS Code's Markdown grammar and the grammars it embeds takes a moment.
  this.timeout(20_000);

  const lines = [
    ...sampleArticles().flatMap(([, text]) => text.split(/\r?\n/)),
    'He said “we will win, and ‘then «we go',
    '„Unclosed, ‚and nested',
    '»Umgekehrt, «and more',
    '「開いたまま『まだ',
    "He said 'the soldiers' pay, and “more",
  ];

  it('leaves no rule open at the end of any line', async () => {
    const grammar = await loadGrammar(ARTICLE_SCOPE);
    const fresh = lineStartState(grammar);
    for (const line of lines) {
      const { state } = tokenizeLineWithin(grammar, line, fresh, 0);
      assert.ok(state.equals(fresh), `a rule is still open after: ${line.slice(0, 80)}`);
    }
  });

  it('leaves no quote open at the end of any line of Markdown prose', async () => {
    // Markdown's paragraph rule rightly stays open from line to line, so the check is
    // what the next line carries: none of the injection's scopes.
    const grammar = await loadGrammar(MARKDOWN_SCOPE);
    for (const line of lines) {
      const next = tokenize(grammar, `${line}\nplain words`).filter((token) => token.text === 'plain words');
      assert.equal(next.length, 1, `the line after ${line.slice(0, 80)} is one token`);
      assert.deepEqual(next[0].scopes.filter((s) => s.endsWith('.news-article')), [], `a quote is still open after: ${line.slice(0, 80)}`);
    }
  });
});

describe('the grammar on hostile lines', function () {
  this.timeout(60_000);
  // A pattern that backtracks or looks ahead without bound makes a line's cost grow with
  // the square of its length. Timing a line eight times longer tells the two apart on any
  // machine: linear work grows about eightfold, quadratic work sixty-fourfold. Lines that
  // stay this fast at full length are fine whatever the ratio says.
  const SHORT = 2_500;
  const LONG = 20_000;
  const MAX_GROWTH = 24;
  const FAST_ENOUGH_MS = 100;
  const fill = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  const hostile: Record<string, string> = {
    'straight apostrophes': "'",
    'opening single quotes that never close': "'a ",
    'plural possessives inside an open single quote': "boss' ",
    'double marks': '“',
    'alternating nested marks': '“a ‘b «c „d ',
    digits: '1',
    'digit groups': '1,000,',
    'dotted digits': '1.1.',
    'month names': 'June ',
    'number words': 'twenty-one thousand ',
    'currency signs': '$1 €',
  };
  // VS Code's own inline-math rule is slow on a line of dollar signs whether or not the
  // injection is there, so that line measures only the News Article grammar.
  const markdownsOwnSlowLines = new Set(['currency signs']);

  // Processor time of this process, not the wall clock: on a machine busy with other work
  // the wall clock counts the time the tokenizer waited for a core, which is not its cost.
  function fastest(grammar: Awaited<ReturnType<typeof loadGrammar>>, line: string): number {
    const fresh = lineStartState(grammar);
    let best = Infinity;
    for (let run = 0; run < 5; run++) {
      const started = process.cpuUsage();
      tokenizeLineWithin(grammar, line, fresh, 0);
      const used = process.cpuUsage(started);
      best = Math.min(best, (used.user + used.system) / 1e3);
    }
    return best;
  }

  for (const scopeName of [ARTICLE_SCOPE, MARKDOWN_SCOPE] as const) {
    it(`takes time in proportion to a line’s length, not its square (${scopeName})`, async () => {
      const grammar = await loadGrammar(scopeName);
      for (const [what, unit] of Object.entries(hostile)) {
        if (scopeName === MARKDOWN_SCOPE && markdownsOwnSlowLines.has(what)) continue;
        const prefix = what.startsWith('plural possessives') ? '‘' : '';
        const long = fastest(grammar, prefix + fill(unit, LONG));
        if (long < FAST_ENOUGH_MS) continue;
        const short = fastest(grammar, prefix + fill(unit, SHORT));
        assert.ok(long / Math.max(short, 0.5) < MAX_GROWTH, `${what}: ${SHORT} characters take ${short.toFixed(1)} ms, ${LONG} take ${long.toFixed(1)} ms`);
      }
    });
  }
});

describe('number words', () => {
  const UNITS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
  const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
  const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
  // Every word from two to ninety-nine, the way news copy writes them.
  const cardinals = [...UNITS.slice(1), ...TEENS, ...TENS.flatMap((tens) => [tens, ...UNITS.map((unit) => `${tens}-${unit}`)])];

  it('colours every cardinal from two to ninety-nine as a count, inside a sentence and at its start', async () => {
    const grammar = await loadGrammar(ARTICLE_SCOPE);
    for (const word of cardinals) {
      const capitalised = word[0].toUpperCase() + word.slice(1);
      const text = `They saw ${word} ships. ${capitalised} more came.`;
      const counts = tokenize(grammar, text).filter((t) => t.scopes.includes('constant.numeric.count.news-article')).map((t) => t.text);
      assert.deepEqual(counts, [word, capitalised], text);
    }
  });

  it('colours the scale words and vague amounts that start a count', async () => {
    const grammar = await loadGrammar(ARTICLE_SCOPE);
    const phrases = ['one hundred', 'two thousand', 'several thousand', 'a few hundred', 'a dozen', 'a million', 'dozens', 'hundreds', 'thousands', 'millions', 'billions'];
    for (const phrase of phrases) {
      const text = `They counted ${phrase} of ships.`;
      const counts = tokenize(grammar, text).filter((t) => t.scopes.includes('constant.numeric.count.news-article')).map((t) => t.text);
      assert.deepEqual(counts, [phrase], text);
    }
  });
});

interface Manifest {
  contributes?: {
    languages?: Array<{ id: string; aliases?: string[]; configuration?: string; extensions?: string[] }>;
    grammars?: Array<{ language?: string; scopeName: string; path: string; injectTo?: string[] }>;
  };
}

describe('the manifest contributions for the grammar', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
  const language = manifest.contributes?.languages?.find((l) => l.id === 'news-article');
  const grammars = manifest.contributes?.grammars ?? [];

  before(function () {
    // The grammar files come first; the manifest registers them in a change of its own.
    if (!language && !grammars.some((g) => g.scopeName.startsWith(ARTICLE_SCOPE))) this.skip();
  });

  it('registers the News Article language with its configuration, and no file extension of its own', () => {
    assert.ok(language, 'no news-article language');
    assert.deepEqual(language.aliases, ['News Article', 'news-article']);
    assert.equal(path.resolve(repoRoot, language.configuration ?? ''), path.join(repoRoot, 'language-configuration.json'));
    // People choose it for a .txt file; it must not take .txt over from plain text.
    assert.equal(language.extensions, undefined);
  });

  it('registers the grammar for the language and the injection for Markdown, by their real paths', () => {
    const own = grammars.find((g) => g.scopeName === ARTICLE_SCOPE);
    const injected = grammars.find((g) => g.scopeName === INJECTION_SCOPE);
    assert.equal(own?.language, 'news-article');
    assert.equal(path.resolve(repoRoot, own?.path ?? ''), articleGrammarPath);
    assert.equal(injected?.language, undefined);
    assert.deepEqual(injected?.injectTo, [MARKDOWN_SCOPE]);
    assert.equal(path.resolve(repoRoot, injected?.path ?? ''), injectionGrammarPath);
  });
});

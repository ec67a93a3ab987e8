/**
 * Loads the extension's TextMate grammars the way VS Code does (vscode-textmate over the
 * Oniguruma WebAssembly build) and turns tokens into plain offset ranges the tests can
 * compare with the detector's spans.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as Oniguruma from 'vscode-oniguruma';
import type * as Textmate from 'vscode-textmate';
import { repoRoot } from '../../support/paths';

// Resolved from the repository, not from this file: compiled tests may run from an outDir
// outside the checkout, where no node_modules is in reach.
const requireFromRoot = createRequire(path.join(repoRoot, 'package.json'));
const vsctm = requireFromRoot('vscode-textmate') as typeof Textmate;
const oniguruma = requireFromRoot('vscode-oniguruma') as typeof Oniguruma;

export const ARTICLE_SCOPE = 'text.news-article';
export const INJECTION_SCOPE = 'text.news-article.injection';
export const MARKDOWN_SCOPE = 'text.html.markdown';

export const articleGrammarPath = path.join(repoRoot, 'syntaxes', 'news-article.tmLanguage.json');
export const injectionGrammarPath = path.join(repoRoot, 'syntaxes', 'news-article.injection.tmLanguage.json');

/** VS Code's built-in extensions, from the code-server copy the integration tests run. */
const builtinExtensions = path.join(repoRoot, 'test', 'host', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');
export const markdownGrammarPath = path.join(builtinExtensions, 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json');

/** Grammars contributed by the built-in extensions: where each scope lives, and what injects into what. */
interface BuiltinGrammars {
  paths: Map<string, string>;
  injections: Map<string, string[]>;
}

let builtins: BuiltinGrammars | undefined;

/**
 * Indexes the built-in extensions' grammar contributions, so a Markdown document is
 * tokenized with what VS Code 1.100 really has around it: the YAML of front matter, HTML,
 * the languages of fenced code, and the other grammars injected into Markdown (math).
 */
function builtinGrammars(): BuiltinGrammars {
  if (builtins) return builtins;
  builtins = { paths: new Map(), injections: new Map() };
  if (!fs.existsSync(builtinExtensions)) return builtins;
  for (const name of fs.readdirSync(builtinExtensions)) {
    const manifest = path.join(builtinExtensions, name, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const contributes = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { contributes?: { grammars?: GrammarContribution[] } }).contributes;
    for (const grammar of contributes?.grammars ?? []) {
      if (!builtins.paths.has(grammar.scopeName)) builtins.paths.set(grammar.scopeName, path.join(builtinExtensions, name, grammar.path));
      for (const target of grammar.injectTo ?? []) builtins.injections.set(target, [...(builtins.injections.get(target) ?? []), grammar.scopeName]);
    }
  }
  return builtins;
}

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

let onigLib: Promise<Textmate.IOnigLib> | undefined;

/** The WebAssembly module can be loaded once per process, so every registry shares it. */
function loadOniguruma(): Promise<Textmate.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = fs.readFileSync(requireFromRoot.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

function readGrammar(file: string): Textmate.IRawGrammar {
  return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
}

/** Whether the Markdown grammar of the code-server copy is on disk. */
export function hasMarkdownGrammar(): boolean {
  return fs.existsSync(markdownGrammarPath);
}

function markdownGrammarOrFail(): Textmate.IRawGrammar {
  if (!hasMarkdownGrammar()) {
    throw new Error(
      `VS Code's Markdown grammar is missing at ${markdownGrammarPath}. ` +
        'It comes with the code-server copy used by the integration tests: run `npm install` in test/host.',
    );
  }
  return readGrammar(markdownGrammarPath);
}

/** The registry VS Code would build with this extension installed (its injection registered as package.json will). */
function createRegistry(): Textmate.Registry {
  return new vsctm.Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (name) => {
      if (name === ARTICLE_SCOPE) return readGrammar(articleGrammarPath);
      if (name === INJECTION_SCOPE) return readGrammar(injectionGrammarPath);
      if (name === MARKDOWN_SCOPE) return markdownGrammarOrFail();
      const builtin = builtinGrammars().paths.get(name);
      return builtin ? readGrammar(builtin) : null;
    },
    getInjections: (name) => {
      const injected = [...(builtinGrammars().injections.get(name) ?? [])];
      if (name === MARKDOWN_SCOPE) injected.push(INJECTION_SCOPE);
      return injected;
    },
  });
}

const grammars = new Map<string, Promise<Textmate.IGrammar>>();

/**
 * The grammar for `scopeName`: `text.news-article` on its own, or `text.html.markdown`
 * with the News Article injection applied.
 */
export function loadGrammar(scopeName: typeof ARTICLE_SCOPE | typeof MARKDOWN_SCOPE): Promise<Textmate.IGrammar> {
  let grammar = grammars.get(scopeName);
  if (!grammar) {
    grammar = createRegistry()
      .loadGrammar(scopeName)
      .then((loaded) => {
        if (!loaded) throw new Error(`no grammar for ${scopeName}`);
        return loaded;
      });
    grammars.set(scopeName, grammar);
  }
  return grammar;
}

/** One token with offsets into the whole text (UTF-16 code units, end-exclusive). */
export interface Token {
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

/**
 * How long one line may take before `tokenize` gives up with a clear message instead of
 * hanging the run; generous, because how fast is the business of the hostile-line test.
 */
const LINE_TIME_LIMIT_MS = 5_000;

/**
 * Tokenizes `text` line by line, carrying the rule stack across lines as the editor does.
 * Line breaks (`\n`, `\r\n`) belong to no token.
 */
export function tokenize(grammar: Textmate.IGrammar, text: string): Token[] {
  const tokens: Token[] = [];
  let state = vsctm.INITIAL;
  let offset = 0;
  for (const line of text.split('\n')) {
    const content = line.endsWith('\r') ? line.slice(0, -1) : line;
    const result = grammar.tokenizeLine(content, state, LINE_TIME_LIMIT_MS);
    if (result.stoppedEarly) throw new Error(`tokenizing stopped early (over ${LINE_TIME_LIMIT_MS} ms) on: ${content.slice(0, 80)}`);
    for (const token of result.tokens) {
      const end = Math.min(token.endIndex, content.length);
      if (end > token.startIndex) {
        tokens.push({ start: offset + token.startIndex, end: offset + end, text: content.slice(token.startIndex, end), scopes: token.scopes });
      }
    }
    state = result.ruleStack;
    offset += line.length + 1;
  }
  return tokens;
}

/** Whether `scope` is `prefix` or a dot-separated refinement of it (`string.quoted` ⊃ `string.quoted.double.news-article`). */
export function scopeMatches(scope: string, prefix: string): boolean {
  return scope === prefix || scope.startsWith(`${prefix}.`);
}

/** Merged [start, end) ranges of the tokens carrying a scope that starts with `prefix`. */
export function rangesWithScope(tokens: Token[], prefix: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const token of tokens) {
    if (!token.scopes.some((scope) => scopeMatches(scope, prefix))) continue;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === token.start) last[1] = token.end;
    else ranges.push([token.start, token.end]);
  }
  return ranges;
}

/** The text of each range, for readable assertions. */
export function textsOf(text: string, ranges: Array<[number, number]>): string[] {
  return ranges.map(([start, end]) => text.slice(start, end));
}

/** Tokenizes `text` with the News Article grammar and returns the text of each run carrying `prefix`. */
export async function coloured(text: string, prefix: string, scopeName: typeof ARTICLE_SCOPE | typeof MARKDOWN_SCOPE = ARTICLE_SCOPE): Promise<string[]> {
  const grammar = await loadGrammar(scopeName);
  return textsOf(text, rangesWithScope(tokenize(grammar, text), prefix));
}

/** Compiles `patterns` into an Oniguruma scanner (throws on a pattern Oniguruma rejects). */
export async function compilePatterns(patterns: string[]): Promise<Textmate.OnigScanner> {
  return (await loadOniguruma()).createOnigScanner(patterns);
}

/** The state the grammar is in at the start of a line that follows a complete one. */
export function lineStartState(grammar: Textmate.IGrammar): Textmate.StateStack {
  return grammar.tokenizeLine('', vsctm.INITIAL).ruleStack;
}

/** Tokenizes one line from `state`, with VS Code's time limit; reports whether it stopped early. */
export function tokenizeLineWithin(grammar: Textmate.IGrammar, line: string, state: Textmate.StateStack, timeLimitMs: number): { stoppedEarly: boolean; state: Textmate.StateStack } {
  const result = grammar.tokenizeLine(line, state, timeLimitMs);
  return { stoppedEarly: result.stoppedEarly, state: result.ruleStack };
}

/**
 * Runs the caret fixtures of test/fixtures/grammar: `.txt` files with the News Article
 * grammar, `.md` files with VS Code's Markdown grammar and the injection. A `detect:<kind>`
 * scope on a caret line asks the detector instead, which is how the files show where the
 * grammar and the detector part ways.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { type DetectionKind, detect } from '../../../src/core/detect';
import { fixturePath } from '../../support/paths';
import { type CaretAssertion, type CaretCase, parseCaretFixture } from './caretFixture';
import { ARTICLE_SCOPE, MARKDOWN_SCOPE, type Token, loadGrammar, scopeMatches, tokenize } from './textmate';

const DIR = fixturePath('grammar');
const DETECT = 'detect:';

/** What each character carries: its grammar scopes, and `detect:<kind>` for each detection over it. */
function scopesByOffset(text: string, tokens: Token[], withDetector: boolean): string[][] {
  const scopes: string[][] = Array.from({ length: text.length }, () => []);
  for (const token of tokens) for (let i = token.start; i < token.end; i++) scopes[i] = [...token.scopes];
  if (withDetector) {
    for (const d of detect(text)) for (let i = d.start; i < d.end; i++) scopes[i].push(`${DETECT}${d.kind}`);
  }
  return scopes;
}

/** The assertion's failures, one readable line each. */
function failures(text: string, scopes: string[][], a: CaretAssertion, file: string): string[] {
  const out: string[] = [];
  const marked = JSON.stringify(text.slice(a.start, a.end));
  for (let i = a.start; i < a.end; i++) {
    const here = scopes[i];
    const missing = a.present.filter((want) => !here.some((s) => scopeMatches(s, want)));
    const unwanted = a.absent.filter((not) => here.some((s) => scopeMatches(s, not)));
    if (missing.length + unwanted.length === 0) continue;
    const problems = [...missing.map((m) => `lacks ${m}`), ...unwanted.map((u) => `has ${u}`)].join(', ');
    out.push(`${file}:${a.line} ${marked}: ${JSON.stringify(text[i])} at column ${i - text.lastIndexOf('\n', i - 1) - 1} ${problems} (carries: ${here.join(' ') || 'nothing'})`);
    break;
  }
  return out;
}

const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((name) => /\.(txt|md)$/.test(name) && name !== 'README.md').sort() : [];

/** The file's cases, or the error that kept it from parsing (reported as a failing test, not a crash). */
function casesOf(file: string): CaretCase[] | Error {
  try {
    return parseCaretFixture(fs.readFileSync(`${DIR}/${file}`, 'utf8'), file);
  } catch (error) {
    return error as Error;
  }
}

describe('grammar fixtures', function () {
  // The first Markdown case loads VS Code's Markdown grammar and the grammars it embeds.
  this.timeout(20_000);

  it('has fixture files to run', () => {
    assert.ok(files.length > 0, `no .txt or .md fixtures in ${DIR}`);
  });

  for (const file of files) {
    const scopeName = file.endsWith('.md') ? MARKDOWN_SCOPE : ARTICLE_SCOPE;
    const cases = casesOf(file);
    describe(file, () => {
      if (cases instanceof Error) {
        it('parses', () => assert.fail(cases.message));
        return;
      }
      for (const c of cases) {
        it(`${c.title} (line ${c.line})`, async () => {
          assert.ok(c.assertions.length > 0, `${file}:${c.line} has no caret lines`);
          const grammar = await loadGrammar(scopeName);
          const withDetector = c.assertions.some((a) => [...a.present, ...a.absent].some((s) => s.startsWith(DETECT)));
          const scopes = scopesByOffset(c.text, tokenize(grammar, c.text), withDetector);
          const problems = c.assertions.flatMap((a) => failures(c.text, scopes, a, file));
          assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
        });
      }
    });
  }
});

/** Kinds a `detect:` scope may name, so a typo fails instead of passing vacuously. */
const KINDS: readonly DetectionKind[] = ['quote', 'number', 'attribution', 'cue'];

describe('the caret fixture format', () => {
  it('reads a case title, its text and a caret line under the text', () => {
    const [c] = parseCaretFixture('%% A title\nHe said “no”.\n        ^^^^ string.quoted - constant.numeric\n', 'inline');
    assert.equal(c.title, 'A title');
    assert.equal(c.text, 'He said “no”.');
    assert.deepEqual(c.assertions, [{ line: 3, start: 8, end: 12, present: ['string.quoted'], absent: ['constant.numeric'] }]);
  });

  it('measures carets from the start of their own text line in a case of several lines', () => {
    const [c] = parseCaretFixture('%% Two lines\nfirst\nsecond 2\n       ^ constant.numeric\n', 'inline');
    assert.equal(c.text.slice(c.assertions[0].start, c.assertions[0].end), '2');
  });

  it('rejects carets that reach past their text line', () => {
    assert.throws(() => parseCaretFixture('%% Too long\nab\n^^^ plain\n', 'inline'), /past the end/);
  });

  it('uses only detector kinds that exist in every fixture', () => {
    for (const file of files) {
      const cases = casesOf(file);
      if (cases instanceof Error) continue;
      for (const c of cases) {
        for (const a of c.assertions) {
          for (const scope of [...a.present, ...a.absent].filter((s) => s.startsWith(DETECT))) {
            assert.ok(KINDS.includes(scope.slice(DETECT.length) as DetectionKind), `${file}:${a.line}: unknown ${scope}`);
          }
        }
      }
    }
  });
});

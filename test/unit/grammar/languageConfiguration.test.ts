/**
 * The News Article language configuration: the pairs it closes and surrounds, and the word
 * pattern VS Code uses to select words, compiled the way VS Code compiles it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../support/paths';

interface LanguageConfiguration {
  comments?: unknown;
  brackets?: Array<[string, string]>;
  autoClosingPairs?: Array<{ open: string; close: string; notIn?: string[] }>;
  surroundingPairs?: Array<[string, string]>;
  wordPattern?: { pattern: string; flags?: string };
}

const configuration = JSON.parse(fs.readFileSync(path.join(repoRoot, 'language-configuration.json'), 'utf8')) as LanguageConfiguration;

const PAIRS: Array<[string, string]> = [
  ['“', '”'],
  ['‘', '’'],
  ['«', '»'],
  ['"', '"'],
  ["'", "'"],
  ['(', ')'],
  ['[', ']'],
];

/** The words VS Code would find in `text`: it adds the global flag to the configured ones. */
function words(text: string): string[] {
  const pattern = configuration.wordPattern;
  assert.ok(pattern, 'no wordPattern');
  return text.match(new RegExp(pattern.pattern, `g${pattern.flags ?? ''}`)) ?? [];
}

describe('the News Article language configuration', () => {
  it('auto-closes curly, straight and angle quotes, parentheses and brackets', () => {
    assert.deepEqual(
      (configuration.autoClosingPairs ?? []).map((p): [string, string] => [p.open, p.close]),
      PAIRS,
    );
  });

  it('surrounds a selection with the same pairs', () => {
    assert.deepEqual(configuration.surroundingPairs, PAIRS);
  });

  it('declares no comment syntax, since prose has none', () => {
    assert.equal(configuration.comments, undefined);
  });

  it('keeps apostrophes, hyphens and digit groups inside one word', () => {
    assert.deepEqual(words('Kim’s don\'t COVID-19 rock-solid 1,000 4.99 12% 10:30 2024/25 5km naïve'), [
      'Kim’s', "don't", 'COVID-19', 'rock-solid', '1,000', '4.99', '12%', '10:30', '2024/25', '5km', 'naïve',
    ]);
  });

  it('leaves quote marks, sentence punctuation and possessive marks out of words', () => {
    assert.deepEqual(words('“Yes,” the soldiers\' pay. End.Next'), ['Yes', 'the', 'soldiers', 'pay', 'End', 'Next']);
  });

  it('has a word pattern that never matches an empty string', () => {
    assert.deepEqual(words('“ ” — … , . ; !'), []);
    assert.ok(!new RegExp(configuration.wordPattern?.pattern ?? '', configuration.wordPattern?.flags).test(''));
  });
});

/**
 * Team cue vocabularies: words and phrases added to and removed from the speculation,
 * opinion and attribution families. The cases of test/fixtures/detect/vocabulary.txt are
 * read with the vocabulary of vocabulary.json beside it.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  type Detection, IncrementalDetector, VOCABULARY_LIMITS, type VocabularySpec, compileVocabulary, defaultVocabulary, detect, vocabularyWords,
} from '../../../src/core/detect';
import { readFixture, sampleArticles } from '../../support/paths';
import { fixtureCases, parseMarkup } from './markup';

const spec = JSON.parse(readFixture('detect', 'vocabulary.json')) as VocabularySpec;
const team = compileVocabulary(spec);
const CUES_AND_ATTRIBUTIONS = new Set(['cue', 'attribution'] as const);

function show(text: string, d: { kind: string; subtype: string; start: number; end: number }): string {
  return `${d.kind}/${d.subtype} ${JSON.stringify(text.slice(d.start, d.end))}`;
}

describe('fixtures/detect/vocabulary.txt, with the vocabulary of vocabulary.json', () => {
  it('compiles the fixture vocabulary without problems', () => {
    assert.deepEqual(team.problems, []);
  });

  const cases = fixtureCases(readFixture('detect', 'vocabulary.txt'));
  for (const section of [...new Set(cases.map((c) => c.section))]) {
    describe(section, () => {
      for (const c of cases.filter((x) => x.section === section)) {
        const { text, expected } = parseMarkup(c.source, 'cue');
        it(`finds exactly the marked cues and attributions in ${JSON.stringify(text)} (line ${c.line})`, () => {
          const found = detect(text, { kinds: CUES_AND_ATTRIBUTIONS, vocabulary: team.vocabulary });
          assert.deepEqual(found.map((d) => show(text, d)), expected.map((e) => show(text, e)));
          expected.forEach((e, k) => {
            if (e.speaker !== undefined) assert.equal(found[k].speaker, e.speaker, `speaker of ${show(text, e)}`);
          });
        });
      }
    });
  }
});

describe('compileVocabulary', () => {
  it('gives back the default vocabulary when nothing changes, which detects as no vocabulary does', () => {
    for (const empty of [{}, { speculation: {} }, { opinion: { add: [], remove: [] } }] as VocabularySpec[]) {
      const { vocabulary, problems } = compileVocabulary(empty);
      assert.equal(vocabulary, defaultVocabulary);
      assert.deepEqual(problems, []);
    }
    for (const [, text] of sampleArticles()) assert.deepStrictEqual(detect(text, { vocabulary: defaultVocabulary }), detect(text));
  });

  it('reports a cue found through a phrase with the phrase as its word', () => {
    const text = 'The army is understood to be ready.';
    const cue = detect(text, { vocabulary: team.vocabulary }).find((d) => d.kind === 'cue');
    assert.equal(cue?.word, 'is understood to');
    assert.equal(cue?.subtype, 'speculation');
    assert.deepEqual([cue?.sentenceStart, cue?.sentenceEnd], [0, text.length]);
  });

  it('changes only what the team listed: the other words of each family are still found', () => {
    const text = 'Officials said the army might attack, a reckless move, according to Kirby.';
    const words = (vocabulary = defaultVocabulary): string[] => detect(text, { vocabulary }).filter((d) => d.kind !== 'number').map((d) => `${d.kind}:${d.word}`);
    assert.deepEqual(words(), ['attribution:said', 'cue:might', 'cue:reckless', 'attribution:according to']);
    assert.deepEqual(words(team.vocabulary), ['attribution:said', 'cue:might', 'cue:reckless']);
  });

  it('lists the words of a family, with a team\'s changes', () => {
    assert.ok(vocabularyWords(undefined, 'speculation').includes('could'));
    assert.ok(vocabularyWords(undefined, 'attribution').includes('according to'));
    assert.ok(!vocabularyWords(team.vocabulary, 'speculation').includes('could'));
    assert.ok(vocabularyWords(team.vocabulary, 'speculation').includes('is understood to'));
    assert.ok(vocabularyWords(team.vocabulary, 'attribution').includes('in the words of'));
  });

  it('gives the same signature to the same changes in any order, and another to other changes', () => {
    const a = compileVocabulary({ speculation: { add: ['tend', 'is thought to'], remove: ['may'] } }).vocabulary;
    const b = compileVocabulary({ speculation: { remove: ['may'], add: ['Is  thought to', 'tend'] } }).vocabulary;
    const c = compileVocabulary({ speculation: { add: ['tend'] } }).vocabulary;
    assert.equal(a.signature, b.signature);
    assert.notEqual(a.signature, c.signature);
    assert.equal(defaultVocabulary.signature, '');
  });

  it('removes a default word by any name it is written with', () => {
    for (const name of ['appears', 'appears to', 'APPEARS TO', 'possible', 'it is possible']) {
      const family = name.includes('possible') ? 'possible' : 'appears';
      const { vocabulary, problems } = compileVocabulary({ speculation: { remove: [name] } });
      assert.deepEqual(problems, [], name);
      const text = family === 'possible' ? 'It is possible that it rains.' : 'It appears to rain.';
      assert.deepEqual(detect(text, { vocabulary, kinds: new Set(['cue']) }), [], name);
    }
  });

  it('skips unusable entries with an error that says which entry and why', () => {
    const { vocabulary, problems } = compileVocabulary({
      speculation: { add: ['', '  ', 'is (thought|believed) to', 'x'.repeat(65), 7 as unknown as string, 'a b c d e f g h i', 'twenty', 'http', 'is  thought to'] },
    });
    const summary = problems.map((p) => [p.family, p.list, p.index, p.severity]);
    assert.deepEqual(summary, [
      ['speculation', 'add', 0, 'error'],
      ['speculation', 'add', 1, 'error'],
      ['speculation', 'add', 2, 'error'],
      ['speculation', 'add', 3, 'error'],
      ['speculation', 'add', 4, 'error'],
      ['speculation', 'add', 5, 'error'],
      ['speculation', 'add', 6, 'error'],
      ['speculation', 'add', 7, 'error'],
    ]);
    assert.match(problems[0].message, /is empty/);
    assert.match(problems[2].message, /'\(': entries are words and phrases .*not patterns/);
    assert.match(problems[3].message, /longer than 64 characters/);
    assert.match(problems[4].message, /not text/);
    assert.match(problems[5].message, /more than 8 words/);
    assert.match(problems[6].message, /read as a number/);
    assert.match(problems[7].message, /web address/);
    // The usable entry after them still counts.
    assert.equal(detect('It is thought to rain.', { vocabulary, kinds: new Set(['cue']) }).length, 1);
  });

  it('warns about entries that change nothing: duplicates, words already there, removals of words not in the defaults', () => {
    const { problems } = compileVocabulary({
      speculation: { add: ['tend', 'Tend', 'might'], remove: ['reckless', 'nonsense'] },
      opinion: { add: ['might'] },
    });
    assert.deepEqual(problems.map((p) => [p.family, p.list, p.index, p.severity]), [
      ['speculation', 'remove', 0, 'warning'],
      ['speculation', 'remove', 1, 'warning'],
      ['speculation', 'add', 1, 'warning'],
      ['speculation', 'add', 2, 'warning'],
      ['opinion', 'add', 0, 'warning'],
    ]);
    assert.match(problems[0].message, /'reckless' is not a default speculation word \(it is an opinion word\)/);
    assert.match(problems[2].message, /listed twice/);
    assert.match(problems[3].message, /already a speculation word/);
    assert.match(problems[4].message, /also a speculation word/);
  });

  it(`reads at most ${VOCABULARY_LIMITS.entries} entries per list and says how many it ignored`, () => {
    const many = Array.from({ length: VOCABULARY_LIMITS.entries + 20 }, (_, k) => `word${String.fromCharCode(97 + (k % 26))}${String.fromCharCode(97 + Math.floor(k / 26) % 26)} said`);
    const { problems } = compileVocabulary({ attribution: { add: many } });
    const over = problems.find((p) => p.index === VOCABULARY_LIMITS.entries);
    assert.ok(over, JSON.stringify(problems.slice(0, 3)));
    assert.match(over.message, /only the first 500 entries are read; the 20 after them are ignored/);
  });

  it('refuses what does not fit in the scan\'s automaton with an error, and keeps what does', () => {
    // Random words share few prefixes: three families of 500 outgrow the automaton.
    const random = fc.sample(fc.stringMatching(/^[a-z]{10,14}$/), { numRuns: 1500, seed: 7 });
    const { vocabulary, problems } = compileVocabulary({
      speculation: { add: random.slice(0, 500) }, opinion: { add: random.slice(500, 1000) }, attribution: { add: random.slice(1000) },
    });
    const refused = problems.filter((p) => /does not fit/.test(p.message));
    assert.ok(refused.length > 0 && refused.every((p) => p.severity === 'error'));
    const first = random[0];
    assert.equal(detect(`They ${first} it.`, { vocabulary, kinds: new Set(['cue']) }).length, 1);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (a, b, c) => {
        const { problems } = compileVocabulary({ speculation: a, opinion: { add: b, remove: c } } as unknown as VocabularySpec);
        for (const p of problems) assert.equal(typeof p.message, 'string');
      }),
      { numRuns: 300 },
    );
    assert.doesNotThrow(() => compileVocabulary(null as unknown as VocabularySpec));
  });

  it('refuses a vocabulary that was not made by compileVocabulary', () => {
    assert.throws(() => detect('text', { vocabulary: { signature: '' } }), /compileVocabulary/);
  });
});

describe('IncrementalDetector with a team vocabulary', () => {
  it('equals a full scan with the same vocabulary after edits', () => {
    const words = fc.constantFrom('is', 'understood', 'to', 'may', 'well', 'the army', 'said', 'Smith', 'quipped', 'in the words of', 'could', '\n', ' ', '.', 'tend');
    const text = fc.array(words, { minLength: 3, maxLength: 40 }).map((w) => w.join(' '));
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat(6), insert: words });
    fc.assert(
      fc.property(text, fc.array(edit, { minLength: 1, maxLength: 6 }), (initial, edits) => {
        const options = { vocabulary: team.vocabulary };
        const detector = new IncrementalDetector(initial, options);
        let current = initial;
        for (const e of edits) {
          const rangeOffset = Math.floor(e.at * current.length);
          const rangeLength = Math.min(e.remove, current.length - rangeOffset);
          current = current.slice(0, rangeOffset) + e.insert + current.slice(rangeOffset + rangeLength);
          detector.applyChanges([{ rangeOffset, rangeLength, text: e.insert }]);
          assert.deepStrictEqual(detector.detections as Detection[], detect(current, options));
        }
      }),
      { numRuns: 300 },
    );
  });
});

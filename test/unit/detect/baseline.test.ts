/**
 * Text written one paragraph per line (the sample articles, and the cases of the case files
 * whose line breaks all end a paragraph) must read exactly as it did before paragraphs were
 * joined across hard wraps and the Markdown reader came: fixtures/detect/baseline/
 * one-per-line.json holds what that detector found, field by field (made by generate.mjs
 * beside it, from the detector's source at the recorded commit).
 */
import * as assert from 'node:assert/strict';
import { type Detection, detect, formatValue } from '../../../src/core/detect';
import { readFixture, sampleArticles } from '../../support/paths';

interface Recorded {
  source: string;
  text?: string;
  detections: unknown[][];
}

function record(d: Detection): unknown[] {
  return [
    d.kind, d.subtype, d.start, d.end, d.value === undefined ? null : formatValue(d.value), d.speaker ?? null, d.speakerStart ?? null,
    d.speakerEnd ?? null, d.word ?? null, d.nested ?? false, d.unclosed ?? false, d.noun ?? null, d.sentenceStart ?? null, d.sentenceEnd ?? null,
  ];
}

/**
 * Detections added on purpose since the recording, by case (its source), as "kind text": a
 * case listed here must still find everything recorded, and nothing else but these.
 */
const ADDED: Record<string, readonly string[]> = {
  // A speaker named by an office after a determiner ("the chairman said"), read since.
  'numbers-written.txt:145': ['attribution the chairman said'],
};

const baseline = JSON.parse(readFixture('detect', 'baseline', 'one-per-line.json')) as { commit: string; texts: Recorded[] };
const samples = new Map(sampleArticles().map(([name, text]) => [`samples/${name}`, text]));

describe(`text written one paragraph per line reads as with the detector of ${baseline.commit.slice(0, 7)}`, () => {
  it('has a recorded result for every sample article and a few hundred fixture cases', () => {
    for (const name of samples.keys()) assert.ok(baseline.texts.some((t) => t.source === name), name);
    assert.ok(baseline.texts.length > 300);
  });
  for (const t of baseline.texts.filter((x) => x.source.startsWith('samples/'))) {
    it(`finds exactly the recorded detections in ${t.source}`, () => {
      const text = samples.get(t.source);
      assert.ok(text !== undefined, `${t.source} is missing`);
      assert.deepEqual(detect(text).map(record), t.detections);
    });
  }
  it('finds exactly the recorded detections in every recorded case of the case files', () => {
    const differ: string[] = [];
    for (const t of baseline.texts.filter((x) => !x.source.startsWith('samples/'))) {
      const added = ADDED[t.source] ?? [];
      const text = t.text as string;
      const found = detect(text);
      const extra = found.filter((d) => added.includes(`${d.kind} ${text.slice(d.start, d.end)}`));
      assert.equal(extra.length, added.length, `${t.source}: the detections added on purpose, ${added.join(', ')}`);
      const got = JSON.stringify(found.filter((d) => !extra.includes(d)).map(record));
      if (got !== JSON.stringify(t.detections)) differ.push(`${t.source} ${JSON.stringify(t.text)}\n    now:  ${got}\n    then: ${JSON.stringify(t.detections)}`);
    }
    assert.equal(differ.length, 0, `detections differ in:\n  ${differ.join('\n  ')}`);
  });
});

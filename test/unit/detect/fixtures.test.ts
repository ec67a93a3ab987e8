/**
 * Runs the case files of test/fixtures/detect: every line is a text whose expected
 * detections of the file's kind are marked up in place. The detector must find exactly
 * the marked spans with their subtypes, plus any value, speaker or flag the markup gives.
 */
import * as assert from 'node:assert/strict';
import { type Detection, type DetectionKind, detect, formatValue } from '../../../src/core/detect';
import { readFixture } from '../../support/paths';
import { type Expected, fixtureCases, parseMarkup } from './markup';

const FILES: Array<[string, DetectionKind]> = [
  ['quotes.txt', 'quote'],
  ['numbers.txt', 'number'],
  ['numbers-written.txt', 'number'],
  ['attributions.txt', 'attribution'],
  ['cues.txt', 'cue'],
];

function show(text: string, s: { start: number; end: number; subtype: string }): string {
  return `${s.subtype} ${JSON.stringify(text.slice(s.start, s.end))} [${s.start}, ${s.end})`;
}

function check(text: string, expected: Expected[], found: Detection[]): void {
  const want = expected.map((e) => show(text, e));
  const got = found.map((d) => show(text, d));
  assert.deepEqual(got, want, `detections differ in:\n  ${JSON.stringify(text)}`);
  expected.forEach((e, k) => {
    const d = found[k];
    const where = show(text, e);
    if (e.value !== undefined) assert.equal(d.value === undefined ? undefined : formatValue(d.value), e.value, `value of ${where}`);
    if (e.speaker !== undefined) assert.equal(d.speaker, e.speaker, `speaker of ${where}`);
    if (e.kind === 'quote') assert.equal(d.nested === true, e.nested, `nested flag of ${where}`);
    if (e.kind === 'quote') assert.equal(d.unclosed === true, e.flags.includes('unclosed'), `unclosed flag of ${where}`);
  });
}

for (const [file, kind] of FILES) {
  describe(`fixtures/detect/${file}`, () => {
    const cases = fixtureCases(readFixture('detect', file));
    const sections = [...new Set(cases.map((c) => c.section))];
    for (const section of sections) {
      describe(section || 'cases', () => {
        for (const c of cases.filter((x) => x.section === section)) {
          const { text, expected } = parseMarkup(c.source, kind);
          const label = text.length > 70 ? `${text.slice(0, 69)}…` : text;
          const what = expected.length === 0 ? `finds no ${kind} in` : `finds exactly the marked ${kind}s in`;
          it(`${what} ${JSON.stringify(label)} (line ${c.line})`, () => {
            const found = detect(text, { kinds: new Set([kind]) });
            check(text, expected.filter((e) => e.kind === kind), found);
          });
        }
      });
    }
  });
}

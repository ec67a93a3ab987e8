/**
 * Runs the case files of test/fixtures/detect: every line is a text whose expected
 * detections of the file's kind are marked up in place. The detector must find exactly
 * the marked spans with their subtypes, plus any value, speaker or flag the markup gives.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { type Detection, type DetectionKind, type TextFormat, detect, formatValue } from '../../../src/core/detect';
import { fixturePath, readFixture } from '../../support/paths';
import { type Expected, fixtureCases, parseMarkup } from './markup';

const FILES: Array<[string, DetectionKind]> = [
  ['quotes.txt', 'quote'],
  ['quotes-slips.txt', 'quote'],
  ['numbers.txt', 'number'],
  ['numbers-written.txt', 'number'],
  ['attributions.txt', 'attribution'],
  ['cues.txt', 'cue'],
];

function show(text: string, s: { start: number; end: number; subtype: string }): string {
  return `${s.subtype} ${JSON.stringify(text.slice(s.start, s.end))} [${s.start}, ${s.end})`;
}

function check(text: string, expected: Expected[], found: Detection[], kinds = false): void {
  const label = (s: { kind: string; start: number; end: number; subtype: string }): string => (kinds ? `${s.kind}/` : '') + show(text, s);
  const want = expected.map(label);
  const got = found.map(label);
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

/**
 * Whole articles, every detection of every kind marked: Markdown (markdown/*.md, read as
 * Markdown) and plain text with structure (plain/*.txt).
 */
const ARTICLES: Array<[string, TextFormat]> = [['markdown', 'markdown'], ['plain', 'plain']];

for (const [folder, format] of ARTICLES) {
  describe(`fixtures/detect/${folder}`, () => {
    for (const name of fs.readdirSync(fixturePath('detect', folder)).sort()) {
      it(`finds exactly the marked detections of every kind in ${name}, read as ${format === 'markdown' ? 'Markdown' : 'plain text'}`, () => {
        const { text, expected } = parseMarkup(readFixture('detect', folder, name), 'quote');
        check(text, expected, detect(text, { format }), true);
      });
    }
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

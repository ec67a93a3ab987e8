/**
 * How far the grammar's colours agree with the detector's spans on shared texts: the
 * sample articles and, when present, the detector's own case files. The grammar is a
 * cheaper, line-based layer, so agreement is not total; the floors below were measured
 * and keep it from sliding. Where the two differ by design, docs/grammar.md says why and
 * test/fixtures/grammar/differences.txt shows it case by case.
 *
 * Set NEWS_ANNOTATOR_GRAMMAR_REPORT=1 to print the measured figures.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { type DetectionKind, detect } from '../../../src/core/detect';
import { fixturePath, sampleArticles } from '../../support/paths';
import { ARTICLE_SCOPE, loadGrammar, rangesWithScope, tokenize } from './textmate';

type Kind = Extract<DetectionKind, 'quote' | 'number'>;

/** The grammar's scope for each detector kind. */
const SCOPE: Record<Kind, string> = { quote: 'string.quoted', number: 'constant.numeric' };

interface Agreement {
  /** Characters coloured by the grammar and inside a detection. */
  both: number;
  /** Characters coloured by the grammar or inside a detection. */
  either: number;
  /** Detections, and how many of them the grammar colours at least in part. */
  detections: number;
  touched: number;
  /** Runs the grammar colours, and how many of them overlap a detection. */
  runs: number;
  confirmed: number;
}

const overlaps = (a: [number, number], b: [number, number]): boolean => a[0] < b[1] && b[0] < a[1];

/**
 * Compares one text. Line breaks count for neither side: the grammar never colours them,
 * and a detection running over several paragraphs spans them only because it must.
 */
function compare(text: string, coloured: Array<[number, number]>, detected: Array<[number, number]>, into: Agreement): void {
  const inGrammar = new Uint8Array(text.length);
  const inDetector = new Uint8Array(text.length);
  for (const [s, e] of coloured) inGrammar.fill(1, s, e);
  for (const [s, e] of detected) inDetector.fill(1, s, e);
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n' || text[i] === '\r') continue;
    if (inGrammar[i] && inDetector[i]) into.both++;
    if (inGrammar[i] || inDetector[i]) into.either++;
  }
  into.detections += detected.length;
  into.touched += detected.filter((d) => coloured.some((c) => overlaps(c, d))).length;
  into.runs += coloured.length;
  into.confirmed += coloured.filter((c) => detected.some((d) => overlaps(c, d))).length;
}

async function measure(texts: string[]): Promise<Record<Kind, Agreement>> {
  const grammar = await loadGrammar(ARTICLE_SCOPE);
  const result: Record<Kind, Agreement> = {
    quote: { both: 0, either: 0, detections: 0, touched: 0, runs: 0, confirmed: 0 },
    number: { both: 0, either: 0, detections: 0, touched: 0, runs: 0, confirmed: 0 },
  };
  for (const text of texts) {
    const tokens = tokenize(grammar, text);
    const detections = detect(text);
    for (const kind of ['quote', 'number'] as const) {
      const detected = detections.filter((d) => d.kind === kind && !d.nested).map((d): [number, number] => [d.start, d.end]);
      compare(text, rangesWithScope(tokens, SCOPE[kind]), detected, result[kind]);
    }
  }
  return result;
}

/**
 * The plain text of each case in one of the detector's case files: one case per line, `#`
 * lines and blank lines skipped, `{{header|…}}` markup taken out, `¶` a line break.
 */
function detectorCases(file: string): string[] | undefined {
  const full = fixturePath('detect', file);
  if (!fs.existsSync(full)) return undefined;
  return fs
    .readFileSync(full, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.replace(/\{\{[^|{}]*\|/g, '').replace(/\}\}/g, '').replace(/¶/g, '\n'));
}

/**
 * Floors, measured when they were set (figures in docs/grammar.md) and rounded down to
 * leave room for small changes on either side. Characters: both / either. Detections: the
 * share of the detector's spans the grammar colours at least in part. Runs: the share of
 * the grammar's coloured runs that overlap a detection.
 */
interface Floors {
  characters: number;
  detections: number;
  runs: number;
}

const SETS: Array<{ name: string; texts: () => string[] | undefined; kinds: Partial<Record<Kind, Floors>> }> = [
  {
    name: 'the sample articles',
    texts: () => sampleArticles().map(([, text]) => text),
    kinds: {
      quote: { characters: 0.97, detections: 0.95, runs: 0.95 },
      number: { characters: 0.55, detections: 0.8, runs: 0.85 },
    },
  },
  {
    name: 'the detector’s quote cases on one line',
    texts: () => detectorCases('quotes.txt')?.filter((text) => !text.includes('\n')),
    kinds: { quote: { characters: 0.95, detections: 0.9, runs: 0.9 } },
  },
  {
    // Where a grammar that ends every quote at its line cannot follow the detector: quotes
    // reopened paragraph after paragraph and quotes hard-wrapped over single line breaks.
    name: 'the detector’s quote cases over several lines',
    texts: () => detectorCases('quotes.txt')?.filter((text) => text.includes('\n')),
    kinds: { quote: { characters: 0.6, detections: 0.8, runs: 0.95 } },
  },
  {
    name: 'the detector’s number cases',
    texts: () => detectorCases('numbers.txt'),
    kinds: { number: { characters: 0.6, detections: 0.8, runs: 0.85 } },
  },
];

const ratio = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);

describe('agreement between the grammar and the detector', function () {
  this.timeout(20_000);

  for (const set of SETS) {
    describe(`on ${set.name}`, () => {
      let measured: Record<Kind, Agreement> | undefined;

      before(async function () {
        const texts = set.texts();
        if (!texts) this.skip();
        else measured = await measure(texts);
      });

      for (const [kind, floors] of Object.entries(set.kinds) as Array<[Kind, Floors]>) {
        it(`colours ${kind}s over at least ${floors.characters} of the characters either one marks`, () => {
          const a = (measured as Record<Kind, Agreement>)[kind];
          if (process.env.NEWS_ANNOTATOR_GRAMMAR_REPORT) {
            console.log(
              `${set.name}, ${kind}s: characters ${ratio(a.both, a.either).toFixed(3)} (${a.both}/${a.either}), ` +
                `detections coloured ${ratio(a.touched, a.detections).toFixed(3)} (${a.touched}/${a.detections}), ` +
                `runs confirmed ${ratio(a.confirmed, a.runs).toFixed(3)} (${a.confirmed}/${a.runs})`,
            );
          }
          assert.ok(a.either > 0, `no ${kind} on either side: nothing was compared`);
          assert.ok(ratio(a.both, a.either) >= floors.characters, `characters: ${a.both}/${a.either}`);
        });

        it(`colours at least ${floors.detections} of the detector’s ${kind}s`, () => {
          const a = (measured as Record<Kind, Agreement>)[kind];
          assert.ok(ratio(a.touched, a.detections) >= floors.detections, `detections coloured: ${a.touched}/${a.detections}`);
        });

        it(`has at least ${floors.runs} of its coloured ${kind} runs confirmed by the detector`, () => {
          const a = (measured as Record<Kind, Agreement>)[kind];
          assert.ok(ratio(a.confirmed, a.runs) >= floors.runs, `runs confirmed: ${a.confirmed}/${a.runs}`);
        });
      }
    });
  }
});

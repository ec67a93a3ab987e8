/**
 * The fixture markup of test/fixtures/detect (see its README): text with the expected
 * detections written around the words they cover, `{{subtype=value@speaker|text}}`,
 * nestable, with `¶` standing for a line break.
 */
import type { DetectionKind } from '../../../src/core/detect';

export interface Expected {
  kind: DetectionKind;
  subtype: string;
  start: number;
  end: number;
  /** As `formatValue` writes it, when the fixture gives one. */
  value?: string;
  speaker?: string;
  /** Written inside another expected quote. */
  nested: boolean;
  /** Flags after `!`: "unclosed". */
  flags: string[];
}

export interface Marked {
  text: string;
  expected: Expected[];
}

const KIND_ALIASES: Record<string, DetectionKind> = {
  quote: 'quote', q: 'quote', number: 'number', n: 'number', attribution: 'attribution', a: 'attribution', cue: 'cue', c: 'cue',
};

/**
 * Parses marked-up text into the plain text and the detections it expects.
 *
 * @param source - Marked-up text
 * @param defaultKind - Kind of annotations that do not name one
 */
export function parseMarkup(source: string, defaultKind: DetectionKind): Marked {
  let text = '';
  const open: Array<{ header: string; start: number }> = [];
  const expected: Expected[] = [];
  let i = 0;
  while (i < source.length) {
    if (source.startsWith('{{', i)) {
      const bar = source.indexOf('|', i + 2);
      if (bar < 0) throw new Error(`markup: "{{" without "|" at ${i}`);
      open.push({ header: source.slice(i + 2, bar), start: text.length });
      i = bar + 1;
    } else if (source.startsWith('}}', i) && open.length > 0) {
      const { header, start } = open.pop() as { header: string; start: number };
      expected.push({ ...parseHeader(header, defaultKind), start, end: text.length, nested: false });
      i += 2;
    } else {
      text += source[i] === '¶' ? '\n' : source[i];
      i++;
    }
  }
  if (open.length > 0) throw new Error(`markup: unclosed "{{${open[0].header}|"`);
  for (const e of expected) {
    e.nested = e.kind === 'quote' && expected.some((o) => o !== e && o.kind === 'quote' && o.start <= e.start && o.end >= e.end && (o.start < e.start || o.end > e.end));
  }
  expected.sort((a, b) => a.start - b.start || b.end - a.end);
  return { text, expected };
}

function parseHeader(header: string, defaultKind: DetectionKind): Omit<Expected, 'start' | 'end' | 'nested'> {
  let rest = header;
  let kind = defaultKind;
  const colon = rest.indexOf(':');
  if (colon >= 0 && KIND_ALIASES[rest.slice(0, colon)]) {
    kind = KIND_ALIASES[rest.slice(0, colon)];
    rest = rest.slice(colon + 1);
  }
  let flags: string[] = [];
  const bang = rest.indexOf('!');
  if (bang >= 0) {
    flags = rest.slice(bang + 1).split(',');
    rest = rest.slice(0, bang);
  }
  let speaker: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    speaker = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let value: string | undefined;
  const eq = rest.indexOf('=');
  if (eq >= 0) {
    value = rest.slice(eq + 1);
    rest = rest.slice(0, eq);
  }
  return { kind, subtype: rest, value, speaker, flags };
}

/** A case of a fixture file: its section and its marked-up line. */
export interface FixtureCase {
  section: string;
  source: string;
  line: number;
}

/**
 * The cases of a fixture file: one per line; `# ` lines name the section of those after
 * them; blank lines are ignored.
 *
 * @param file - The fixture file's content
 */
export function fixtureCases(file: string): FixtureCase[] {
  const cases: FixtureCase[] = [];
  let section = '';
  file.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    if (line.startsWith('#')) section = line.replace(/^#+\s*/, '');
    else cases.push({ section, source: line, line: index + 1 });
  });
  return cases;
}

/** Precision, recall and F1 of predicted spans against expected ones. */
export interface Score {
  expected: number;
  found: number;
  exact: { precision: number; recall: number; f1: number };
  overlap: { precision: number; recall: number; f1: number };
}

interface Span {
  start: number;
  end: number;
}

function prf(matchedFound: number, found: number, matchedExpected: number, expected: number): { precision: number; recall: number; f1: number } {
  const precision = found === 0 ? 1 : matchedFound / found;
  const recall = expected === 0 ? 1 : matchedExpected / expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/**
 * Scores spans: exact (same start and end) and overlap (any shared character, each span
 * matched at most once, in order), the way quotation and number recognisers are compared.
 *
 * @param expected - Spans of the annotation
 * @param found - Spans of the detector
 */
export function scoreSpans(expected: readonly Span[], found: readonly Span[]): Score {
  const exactKeys = new Set(expected.map((s) => `${s.start}:${s.end}`));
  const exactHits = found.filter((s) => exactKeys.has(`${s.start}:${s.end}`)).length;
  const usedExpected = new Set<number>();
  let overlapFound = 0;
  for (const f of found) {
    const k = expected.findIndex((e, index) => !usedExpected.has(index) && e.start < f.end && f.start < e.end);
    if (k >= 0) {
      usedExpected.add(k);
      overlapFound++;
    }
  }
  return {
    expected: expected.length,
    found: found.length,
    exact: prf(exactHits, found.length, exactHits, expected.length),
    overlap: prf(overlapFound, found.length, usedExpected.size, expected.length),
  };
}

/**
 * The caret fixtures of test/fixtures/grammar (see its README): cases named by a `%%`
 * line, article text, and under a text line `^^^ scopes - scopes` lines saying what the
 * marked characters must carry and must not.
 */

/** One caret line: a range of its case's text and what every character of it must (not) carry. */
export interface CaretAssertion {
  /** 1-based line of the caret line in the fixture file, for messages. */
  line: number;
  start: number;
  end: number;
  present: string[];
  absent: string[];
}

export interface CaretCase {
  title: string;
  /** 1-based line of the title in the fixture file. */
  line: number;
  /** The case's text lines joined with `\n`, caret lines left out. */
  text: string;
  assertions: CaretAssertion[];
}

const CARETS = /^( *)(\^+)(?:[ \t]+(.*))?$/;

/** `plain` stands for "neither a quote nor a number". */
const PLAIN = ['string.quoted', 'constant.numeric'];

/**
 * Parses a caret fixture into its cases.
 *
 * @param source - The fixture file's content
 * @param file - Its name, for error messages
 */
export function parseCaretFixture(source: string, file: string): CaretCase[] {
  const cases: CaretCase[] = [];
  let current: CaretCase | undefined;
  let lines: string[] = [];
  let lastText: { start: number; length: number } | undefined;
  const finish = (): void => {
    // Blank lines that only separate one case from the next are not part of its text.
    while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
    if (current) current.text = lines.join('\n');
  };
  source.split(/\r?\n/).forEach((raw, index) => {
    const lineNumber = index + 1;
    const where = `${file}:${lineNumber}`;
    if (raw.startsWith('%%')) {
      finish();
      current = { title: raw.slice(2).trim(), line: lineNumber, text: '', assertions: [] };
      if (!current.title) throw new Error(`${where}: a case needs a title after "%%"`);
      cases.push(current);
      lines = [];
      lastText = undefined;
      return;
    }
    if (!current) {
      if (raw.trim() === '') return;
      throw new Error(`${where}: text before the first "%%" title`);
    }
    const carets = CARETS.exec(raw);
    if (!carets) {
      const start = lines.reduce((sum, line) => sum + line.length + 1, 0);
      lines.push(raw);
      lastText = { start, length: raw.length };
      return;
    }
    if (!lastText) throw new Error(`${where}: caret line with no text line above it`);
    const column = carets[1].length;
    const width = carets[2].length;
    if (column + width > lastText.length) throw new Error(`${where}: carets reach past the end of the text line`);
    const assertion: CaretAssertion = { line: lineNumber, start: lastText.start + column, end: lastText.start + column + width, present: [], absent: [] };
    let negated = false;
    for (const word of (carets[3] ?? '').split(/\s+/).filter(Boolean)) {
      if (word === '-') negated = true;
      else if (word === 'plain') assertion.absent.push(...PLAIN);
      else (negated ? assertion.absent : assertion.present).push(word);
    }
    if (assertion.present.length + assertion.absent.length === 0) throw new Error(`${where}: carets with nothing to check`);
    current.assertions.push(assertion);
  });
  finish();
  return cases;
}

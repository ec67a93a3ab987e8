/**
 * Problems found in a sidecar, shaped so that the editor's diagnostics and the command
 * line's `check` can both print them: a stable code to filter or document, a sentence for
 * people, a severity, and a 0-based position in the sidecar text (after any BOM).
 */
import { LineIndex } from '../position';

export type Severity = 'error' | 'warning' | 'info';

/**
 * Every code a sidecar problem can carry. Errors make the file read-only for the extension
 * until fixed; warnings and information do not. The format documentation lists each.
 */
export type ProblemCode =
  | 'too-large'
  | 'too-complex'
  | 'too-deep'
  | 'yaml-syntax'
  | 'bad-line-break'
  | 'yaml-warning'
  | 'yaml-alias'
  | 'yaml-tag'
  | 'not-a-mapping'
  | 'missing-version'
  | 'unsupported-version'
  | 'bad-article'
  | 'article-mismatch'
  | 'missing-article'
  | 'wrong-type'
  | 'bad-tag'
  | 'bad-key'
  | 'missing-field'
  | 'bad-value'
  | 'bad-range'
  | 'unknown-kind'
  | 'duplicate-id'
  | 'bad-timestamp'
  | 'missing-metadata'
  | 'length-mismatch'
  | 'offset-out-of-range'
  | 'unreadable'
  | 'parse-failed';

export interface Problem {
  readonly code: ProblemCode;
  readonly message: string;
  readonly severity: Severity;
  /** 0-based line in the sidecar text. */
  readonly line: number;
  /** 0-based column in UTF-16 code units. */
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** The id of the tag concerned, when the problem is about one tag. */
  readonly tagId?: string;
}

/** Whether any problem is an error, i.e. whether the file must not be rewritten. */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/** Collects problems for one text, turning offset ranges into lines and columns. */
export class ProblemCollector {
  readonly problems: Problem[] = [];
  private lines: LineIndex | undefined;

  constructor(private readonly text: string) {}

  add(code: ProblemCode, severity: Severity, message: string, range?: readonly [number, number] | readonly number[], tagId?: string): void {
    this.lines ??= new LineIndex(this.text);
    const start = range?.[0] ?? 0;
    const end = Math.max(start, range?.[1] ?? start);
    const from = this.lines.positionAt(start);
    // A problem is shown on the first line of what it is about: underlining a whole block
    // note or a whole tag tells the reader less than pointing at where it starts.
    const to = this.lines.positionAt(Math.min(end, this.lineEnd(from.line)));
    this.problems.push({
      code,
      message,
      severity,
      line: from.line,
      column: from.character,
      endLine: to.line,
      endColumn: to.character,
      ...(tagId === undefined ? {} : { tagId }),
    });
  }

  /** Offset of the end of a line's content, before its line break. */
  private lineEnd(line: number): number {
    return this.lines!.lineEnd(line);
  }
}

/**
 * Problems found in a conventions file, each with a stable code, a sentence for people, a
 * severity and a 0-based position in the file that has it, so the editor can show them at
 * their line and the command line can print `file:line:col`.
 */
import { LineIndex } from '../position';

export type ConventionsSeverity = 'error' | 'warning' | 'info';

/** Every code a conventions problem can carry; docs/conventions.md lists each. */
export type ConventionsProblemCode =
  | 'too-large'
  | 'unreadable'
  | 'yaml-syntax'
  | 'yaml-warning'
  | 'yaml-alias'
  | 'duplicate-key'
  | 'not-a-mapping'
  | 'empty-file'
  | 'missing-version'
  | 'unsupported-version'
  | 'unknown-key'
  | 'wrong-type'
  | 'bad-value'
  | 'bad-kind-id'
  | 'bad-color'
  | 'bad-icon'
  | 'bad-key'
  | 'duplicate-triage-key'
  | 'bad-field-name'
  | 'bad-field-type'
  | 'unknown-field'
  | 'unknown-scale'
  | 'bad-url'
  | 'bad-glob'
  | 'unknown-rule'
  | 'over-limit'
  | 'extends-missing'
  | 'extends-cycle'
  | 'extends-outside'
  | 'extends-too-deep';

export interface ConventionsProblem {
  readonly code: ConventionsProblemCode;
  readonly message: string;
  readonly severity: ConventionsSeverity;
  /** The file the problem is in, as the loader named it. */
  readonly file: string;
  /** 0-based line and column (UTF-16 code units) in that file. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** An offset range `[start, end]` in a file's text, as the `yaml` nodes give them. */
export type Range = readonly [number, number] | readonly number[] | undefined;

/** Collects problems for one file, turning offsets into lines and columns. */
export class ConventionsProblems {
  readonly problems: ConventionsProblem[] = [];
  private lines: LineIndex | undefined;

  constructor(
    readonly file: string,
    private readonly text: string,
  ) {}

  error(code: ConventionsProblemCode, message: string, range?: Range): void {
    this.add(code, 'error', message, range);
  }

  warning(code: ConventionsProblemCode, message: string, range?: Range): void {
    this.add(code, 'warning', message, range);
  }

  add(code: ConventionsProblemCode, severity: ConventionsSeverity, message: string, range?: Range): void {
    this.lines ??= new LineIndex(this.text);
    const start = Math.max(0, Math.min(this.text.length, range?.[0] ?? 0));
    const end = Math.max(start, Math.min(this.text.length, range?.[1] ?? start));
    const from = this.lines.positionAt(start);
    // Shown on the first line of what it is about, as sidecar problems are.
    const to = this.lines.positionAt(Math.min(end, this.lines.lineEnd(from.line)));
    this.problems.push({ code, message, severity, file: this.file, line: from.line, column: from.character, endLine: to.line, endColumn: to.character });
  }
}

/** Whether any problem is an error. */
export function hasConventionsErrors(problems: readonly ConventionsProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/**
 * The shapes of `check`'s output: one line per finding for people and editors' problem
 * matchers, JSON for tools, GitHub workflow annotations plus a step summary, and SARIF 2.1.0
 * for code-scanning dashboards.
 */
import { RULES, isRuleId, type FindingSeverity } from '../conventions';
import type { CheckFinding } from './check';
import { markdownCell, oneLine } from './text';

/** A finding with the path of the file it points into, as the output shows it. */
export interface ReportedFinding extends CheckFinding {
  readonly path: string;
  /** The sidecar the finding comes from. */
  readonly sidecar: string;
}

/** `path:line:col: severity rule-id message`, 1-based, one line per finding. */
export function formatText(findings: readonly ReportedFinding[]): string {
  return findings.map((f) => `${f.path}:${f.line + 1}:${f.column + 1}: ${f.severity} ${f.rule} ${oneLine(f.message)}\n`).join('');
}

/** Counts by severity. */
export function countFindings(findings: readonly ReportedFinding[]): Record<FindingSeverity, number> {
  const counts: Record<FindingSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** `{"summary": {"error", "warning", "info"}, "findings": [...]}`, positions 1-based. */
export function formatJson(findings: readonly ReportedFinding[]): string {
  const list = findings.map((f) => ({
    path: f.path,
    line: f.line + 1,
    column: f.column + 1,
    ...(f.endLine === undefined ? {} : { endLine: f.endLine + 1, endColumn: (f.endColumn ?? 0) + 1 }),
    severity: f.severity,
    rule: f.rule,
    message: f.message,
    sidecar: f.sidecar,
    ...(f.tagId === undefined ? {} : { tagId: f.tagId }),
  }));
  return `${JSON.stringify({ summary: countFindings(findings), findings: list }, null, 2)}\n`;
}

/**
 * GitHub shows at most 10 error, 10 warning and 10 notice annotations per step; more are
 * dropped without a word. So errors come first, each level is cut at its limit, and the
 * rest is counted in one last notice pointing at the step summary.
 */
export const GITHUB_ANNOTATIONS_PER_LEVEL = 10;

/** Workflow commands (`::error file=…,line=…::message`), errors first, within GitHub's limits. */
export function formatGithub(findings: readonly ReportedFinding[], summaryWritten: boolean): string {
  const out: string[] = [];
  let left = 0;
  for (const severity of ['error', 'warning', 'info'] as const) {
    const level = findings.filter((f) => f.severity === severity);
    // The last notice slot is kept for the "N more" line when anything is cut.
    const room = severity === 'info' ? GITHUB_ANNOTATIONS_PER_LEVEL - 1 : GITHUB_ANNOTATIONS_PER_LEVEL;
    const shown = level.length > GITHUB_ANNOTATIONS_PER_LEVEL || severity !== 'info' ? level.slice(0, room) : level;
    left += level.length - shown.length;
    for (const f of shown) {
      const command = severity === 'info' ? 'notice' : severity;
      const props = [`file=${property(f.path)}`, `line=${f.line + 1}`, `col=${f.column + 1}`];
      if (f.endLine !== undefined) props.push(`endLine=${f.endLine + 1}`, `endColumn=${(f.endColumn ?? 0) + 1}`);
      props.push(`title=${property(`News Annotator: ${f.rule}`)}`);
      out.push(`::${command} ${props.join(',')}::${data(f.message)}`);
    }
  }
  if (left > 0) out.push(`::notice title=${property('News Annotator')}::${data(`${left} more finding${left === 1 ? '' : 's'} not shown as annotations (GitHub shows ${GITHUB_ANNOTATIONS_PER_LEVEL} per level and step)${summaryWritten ? '; the step summary lists them all' : '; run check --format text to see them all'}.`)}`);
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/** A Markdown summary for `$GITHUB_STEP_SUMMARY`: counts, then every finding in a table. */
export function formatSummary(findings: readonly ReportedFinding[]): string {
  const counts = countFindings(findings);
  const out = [`### News Annotator check: ${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} note${counts.info === 1 ? '' : 's'}`, ''];
  if (findings.length > 0) {
    out.push('| File | Line | Severity | Rule | Message |', '| --- | ---: | --- | --- | --- |');
    for (const f of findings) out.push(`| ${markdownCell(f.path)} | ${f.line + 1} | ${f.severity} | ${markdownCell(f.rule)} | ${markdownCell(f.message)} |`);
  }
  return `${out.join('\n')}\n`;
}

export interface SarifOptions {
  readonly version: string;
  /** Absolute `file:` URI of the folder paths are relative to, ending in `/`. */
  readonly baseUri: string;
}

/** A SARIF 2.1.0 log: one run, the rules of the table, one result per finding. */
export function formatSarif(findings: readonly ReportedFinding[], options: SarifOptions): string {
  const ruleIds = [...new Set(findings.map((f) => f.rule))].sort();
  const level = (severity: FindingSeverity): 'error' | 'warning' | 'note' => (severity === 'info' ? 'note' : severity);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'news-annotator',
            version: options.version,
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: isRuleId(id) ? RULES[id].description : id },
              ...(isRuleId(id) ? { defaultConfiguration: { level: level(RULES[id].severity) } } : {}),
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: options.baseUri } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: level(f.severity),
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.path.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' },
                region: {
                  startLine: f.line + 1,
                  startColumn: f.column + 1,
                  ...(f.endLine === undefined ? {} : { endLine: f.endLine + 1, endColumn: (f.endColumn ?? 0) + 1 }),
                },
              },
            },
          ],
          ...(f.tagId === undefined ? {} : { properties: { tagId: f.tagId, sidecar: f.sidecar } }),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Escapes for a workflow command's message. */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes for a workflow command's property value. */
function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * The review check: everything wrong with one sidecar and its article, as findings with a
 * rule id, a severity from the conventions and a place. One implementation for the command
 * line (`news-annotator check`) and the editor's Problems panel.
 *
 * A finding about a tag points at the tag's span in the article (where it is now); a
 * finding about the file (a YAML error, a layout that is not canonical, a missing article)
 * points into the sidecar.
 */
import { evaluateTags, isEmptyValue, type Conventions, type Finding, type FindingSeverity, type RuleId } from '../conventions';
import { CONFLICT_KEY } from '../merge';
import { LineIndex } from '../position';
import type { Problem } from '../sidecar/problem';
import { reanchorTags, type Tag } from '../tags';
import { exactlyInPlace } from './place';
import { conflictFields } from './show';
import { loadSidecar, type LoadedSidecar } from './load';
import { DEFAULT_VERDICT_FIELDS, isVerdictStale } from './stale';
import { excerpt } from './text';

export interface CheckFinding {
  readonly rule: string;
  readonly severity: FindingSeverity;
  readonly message: string;
  /** Which file the position is in. */
  readonly file: 'article' | 'sidecar';
  /** 0-based line and column (UTF-16 code units) of the start, and of the end when known. */
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly tagId?: string;
}

export interface CheckInput {
  /** The sidecar's text. */
  readonly sidecarText: string;
  /** The article's text, or undefined when it does not exist (or cannot be read). */
  readonly articleText: string | undefined;
  /** The article's file name, as the sidecar's `article` field should say. */
  readonly articleName: string;
  readonly conventions: Conventions;
  /** The article's path relative to the conventions' folder, `/`-separated, for `overrides`. */
  readonly articlePath?: string;
  /** When the article is missing: where it seems to have gone (see {@link findRenamedArticle}). */
  readonly renamedTo?: string;
  /** Why the article could not be read, when it exists but is not text. */
  readonly articleProblem?: string;
}

export interface CheckResult {
  readonly findings: CheckFinding[];
  /** The sidecar as read. */
  readonly sidecar: LoadedSidecar;
  /**
   * The tags with every position that re-anchoring finds exactly brought up to date, and
   * everything else as stored; undefined when there is nothing to fix that way (or the
   * file cannot be rewritten). What `check --fix` writes.
   */
  readonly fixed: Tag[] | undefined;
}

/**
 * Checks one sidecar against its article and the conventions.
 */
export function checkSidecar(input: CheckInput): CheckResult {
  const { conventions } = input;
  const findings: CheckFinding[] = [];
  const severityOf = (rule: string): FindingSeverity | undefined => {
    const level = conventions.severityOf(rule, input.articlePath);
    return level === 'off' ? undefined : level;
  };

  const sidecar = loadSidecar(input.sidecarText, { articleName: input.articleName, articleLength: input.articleText?.length });
  findings.push(
    ...sidecarFileFindings({
      problems: sidecar.problems,
      canonical: sidecar.writable ? sidecar.isCanonical() : undefined,
      articleMissing: input.articleText === undefined,
      articleName: input.articleName,
      articleProblem: input.articleProblem,
      renamedTo: input.renamedTo,
      conventions,
      articlePath: input.articlePath,
    }),
  );

  const articleText = input.articleText;
  const tags = sidecar.tags;
  let lineIndex: LineIndex | undefined;
  const lines = (): LineIndex | undefined => (articleText === undefined ? undefined : (lineIndex ??= new LineIndex(articleText)));
  // Most tags of a checked-in sidecar sit exactly where it says; only if one does not are
  // they all found again (which builds new anchors, and costs).
  const inPlace = articleText !== undefined && tags.every((tag) => tag.status === 'anchored' && exactlyInPlace(articleText, tag));
  const now = articleText === undefined || inPlace ? tags : reanchorTags(tags, articleText);
  const nowById = new Map(now.map((tag) => [tag.id, tag]));
  const atTag = (tag: Tag, rule: string, message: string): void => {
    const level = severityOf(rule);
    if (!level) return;
    const index = lines();
    if (index) {
      const start = index.positionAt(tag.anchor.start);
      const end = index.positionAt(tag.anchor.end);
      findings.push({ rule, severity: level, message, file: 'article', line: start.line, column: start.character, endLine: end.line, endColumn: end.character, tagId: tag.id });
    } else {
      const line = sidecar.file().lineOf(tag.id);
      findings.push({ rule, severity: level, message, file: 'sidecar', line: line ?? 0, column: 0, tagId: tag.id });
    }
  };

  let fixable = false;
  const fixed: Tag[] = [];
  for (const stored of tags) {
    const tag = nowById.get(stored.id)!;
    // Anchored on its text with the lines broken or spaced otherwise (a re-wrapped paragraph).
    const rewrapped = tag.status === 'anchored' && tag.anchor.exact !== stored.anchor.exact;
    const shifted = tag.anchor.start !== stored.anchor.start || tag.anchor.end !== stored.anchor.end || tag.anchor.line !== stored.anchor.line;
    const moved = tag.status !== stored.status || shifted || rewrapped;
    if (articleText !== undefined && moved) {
      if (tag.status === 'anchored') {
        const how = rewrapped ? 'with its lines broken or spaced otherwise' : 'exactly';
        const where = shifted ? `at line ${tag.anchor.line + 1}, not where the sidecar says (line ${stored.anchor.line + 1}, offset ${stored.anchor.start})` : 'where the sidecar says';
        atTag(tag, 'anchor-moved', `The tag on ${quote(stored)} is found ${how} ${where}; \`news-annotator check --fix\` updates it.`);
        fixable = true;
      } else if (tag.status === 'fuzzy' && stored.status !== 'fuzzy') {
        const score = tag.score === undefined ? '' : ` (${Math.round(tag.score * 100)}% similar)`;
        atTag(tag, 'anchor-fuzzy', `The text of the tag on ${quote(stored)} changed in the article; re-anchoring would mark it fuzzy on “${excerpt(articleText.slice(tag.anchor.start, tag.anchor.end), 80)}”${score}. Confirm or re-attach it.`);
      } else if (tag.status === 'orphan' && stored.status !== 'orphan') {
        atTag(tag, 'anchor-orphan', `The text of the tag on ${quote(stored)} is no longer in the article; re-anchoring would make it an orphan. Re-attach it or remove it.`);
      }
    }
    fixed.push(tag.status === 'anchored' ? tag : stored);
  }
  // The conventions' rules on the tags as stored (their fuzzy and orphan rules report what
  // the sidecar says; the anchor rules above report what re-anchoring would change), and the
  // review's own rules on single tags.
  const ruleFindings = [
    ...evaluateTags(tags, conventions, { articlePath: input.articlePath }),
    ...reviewTagFindings(now, conventions, { articlePath: input.articlePath, articleText, stored: new Map(tags.map((tag) => [tag.id, tag])) }),
  ];
  for (const finding of ruleFindings) {
    const tag = nowById.get(finding.tagId ?? '');
    if (tag) atTag(tag, finding.ruleId, finding.message);
  }

  findings.sort((a, b) => (a.file === b.file ? 0 : a.file === 'article' ? -1 : 1) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  return { findings, sidecar, fixed: fixable && sidecar.writable ? fixed : undefined };
}

export interface SidecarFileInput {
  /** The sidecar parser's problems. */
  readonly problems: readonly Problem[];
  /** Whether the file is laid out as the extension writes it; undefined when not known (nothing is said). */
  readonly canonical?: boolean;
  readonly articleMissing: boolean;
  /** The article's file name. */
  readonly articleName: string;
  /** Why the article could not be read, when it exists but is not text. */
  readonly articleProblem?: string;
  /** When the article is missing: where it seems to have gone. */
  readonly renamedTo?: string;
  readonly conventions: Conventions;
  readonly articlePath?: string;
}

/**
 * The findings about a sidecar file itself, placed in the sidecar: its parser problems
 * (`invalid-sidecar` for errors, `sidecar-warning` otherwise, the parser's code in brackets),
 * a layout that is not canonical, and a missing or renamed article. Shared by `check` and
 * the editor's Problems panel, so both say the same with the same ids and severities.
 */
export function sidecarFileFindings(input: SidecarFileInput): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const add = (rule: string, message: string, at?: { line: number; column: number; endLine?: number; endColumn?: number }, severity?: FindingSeverity): void => {
    const level = input.conventions.severityOf(rule, input.articlePath);
    if (level === 'off') return;
    findings.push({ rule, severity: severity && rank(severity) < rank(level) ? severity : level, message, file: 'sidecar', line: at?.line ?? 0, column: at?.column ?? 0, endLine: at?.endLine, endColumn: at?.endColumn });
  };
  for (const problem of input.problems) {
    if (problem.code === 'unknown-kind') continue; // the conventions' undefined-kind says it, with their severity
    if (problem.severity === 'error') add('invalid-sidecar', `${problem.message} [${problem.code}]`, problem);
    else add('sidecar-warning', `${problem.message} [${problem.code}]`, problem, problem.severity === 'info' ? 'info' : undefined);
  }
  if (input.canonical === false) add('non-canonical', 'This sidecar is not laid out as the extension writes it; run `news-annotator fmt` on it.');
  if (input.articleMissing) {
    if (input.articleProblem !== undefined) {
      add('missing-article', `The article ${input.articleName} ${input.articleProblem}; its tags cannot be checked against it.`);
    } else if (input.renamedTo !== undefined) {
      add('renamed-article', `The article ${input.articleName} is gone, and ${input.renamedTo} holds this sidecar's tagged texts: it seems to have been renamed without its sidecar. Rename the sidecar to ${input.renamedTo}.tags.yaml (git mv).`);
    } else {
      add('missing-article', `The article ${input.articleName} does not exist. Restore it, or delete this sidecar if its tags are no longer needed.`);
    }
  }
  return findings;
}

export interface ReviewTagOptions {
  /** The article's path relative to the conventions' folder, for `overrides`. */
  readonly articlePath?: string;
  /** The article's text now, to tell what text a fuzzy tag sits on. */
  readonly articleText?: string;
  /** The tags as stored, by id, when `tags` were found again since (their stored text counts). */
  readonly stored?: ReadonlyMap<string, Tag>;
}

/**
 * The review's findings about single tags that the conventions' evaluator does not make: a
 * verdict given on other text than the tag has now (`stale-verdict`) and a merge conflict
 * left in the tag (`merge-conflict`), with the conventions' severities. The editor's
 * Problems panel shows these beside `evaluateTags`' findings, as `check` prints them.
 *
 * @param tags - The tags, as found in the article now
 */
export function reviewTagFindings(tags: readonly Tag[], conventions: Conventions, options: ReviewTagOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const add = (tag: Tag, ruleId: RuleId, message: string): void => {
    const severity = conventions.severityOf(ruleId, options.articlePath);
    if (severity !== 'off') findings.push({ ruleId, severity, message, tagId: tag.id, articleRange: { start: tag.anchor.start, end: tag.anchor.end } });
  };
  for (const tag of tags) {
    const stored = options.stored?.get(tag.id) ?? tag;
    const current = tag.status === 'fuzzy' && options.articleText !== undefined ? options.articleText.slice(tag.anchor.start, tag.anchor.end) : stored.anchor.exact;
    const verdicts = verdictFields(conventions, stored.kind).filter((field) => !isEmptyValue(stored.extra?.[field]));
    if (verdicts.length > 0 && isVerdictStale(stored, current)) {
      add(tag, 'stale-verdict', `The ${verdicts.join(' and ')} of the tag on ${quote(stored)} was given on other text; the tagged text changed since. Review it again (setting it confirms it).`);
    }
    const conflict = stored.extra?.[CONFLICT_KEY];
    if (conflict !== undefined) {
      add(tag, 'merge-conflict', `A merge left a conflict on the tag on ${quote(stored)} (${conflictFields(conflict).join(', ')}): settle it and remove its "${CONFLICT_KEY}:" entry from the sidecar.`);
    }
  }
  return findings;
}

/** A tag's text as findings quote it. */
function quote(tag: Tag): string {
  return `“${excerpt(tag.anchor.exact, 80)}”`;
}

/** The fields of a kind that hold a verdict: enum fields on a rating scale, and `verdict`. */
export function verdictFields(conventions: Conventions, kind: string): string[] {
  const scaled = conventions.fieldsOf(kind).filter((field) => field.type === 'enum' && field.scale !== undefined).map((field) => field.name);
  return [...new Set([...scaled, ...DEFAULT_VERDICT_FIELDS])];
}

/**
 * Where an article seems to have gone: the candidate holding most of the sidecar's tagged
 * texts (at least half of them, and at least one).
 *
 * @param candidates - Articles without a sidecar, near the missing one, with their texts
 */
export function findRenamedArticle(tags: readonly Tag[], candidates: ReadonlyArray<{ readonly path: string; readonly text: string }>): string | undefined {
  const texts = tags.map((tag) => tag.anchor.exact).filter((text) => text.length > 0);
  if (texts.length === 0) return undefined;
  let best: { path: string; found: number } | undefined;
  for (const candidate of candidates) {
    const found = texts.filter((text) => candidate.text.includes(text)).length;
    if (found * 2 >= texts.length && found > 0 && (!best || found > best.found)) best = { path: candidate.path, found };
  }
  return best?.path;
}

function rank(severity: FindingSeverity): number {
  return severity === 'error' ? 3 : severity === 'warning' ? 2 : 1;
}

/** Whether a finding is at or above a level. */
export function atOrAbove(severity: FindingSeverity, level: FindingSeverity): boolean {
  return rank(severity) >= rank(level);
}

/**
 * The three shapes of `diff`'s output: text for a terminal, a Markdown table for a pull
 * request comment or a CI step summary, and JSON for other tools.
 */
import type { ChangeType, TagChange } from './diff';
import { excerpt, markdownCell, oneLine, showValue } from './text';

/** The changes of one article. */
export interface ArticleChanges {
  /** The article's path, as the output shows it. */
  readonly article: string;
  readonly changes: readonly TagChange[];
}

/** A change in words, e.g. `verdict: misleading → false`. */
export function describeChange(change: TagChange): string {
  const arrow = (): string => `${showValue(change.before)} → ${showValue(change.after)}`;
  switch (change.type) {
    case 'added':
      return change.after === undefined ? 'added' : `added (${String(change.after)})`;
    case 'removed':
      return 'removed';
    case 'text':
      return `re-attached, was "${oneLine(String(change.before))}"`;
    case 'kind':
      return `kind: ${arrow()}`;
    case 'verdict':
    case 'field':
      return `${change.field}: ${arrow()}`;
    case 'note':
      return change.before === undefined ? 'note added' : change.after === undefined ? 'note removed' : 'note changed';
    case 'fuzzy':
      return 'became fuzzy (the text changed; confirm or re-attach)';
    case 'orphan':
      return 'became orphaned (its text is gone)';
    case 'anchored':
      return `anchored again (was ${String(change.before)})`;
    case 'conflict':
      return 'merge conflict to settle';
  }
}

/** Counts per change type, in a sentence: `3 added, 1 removed, 2 verdicts changed`. */
export function summarise(files: readonly ArticleChanges[]): string {
  const counts = new Map<ChangeType, number>();
  for (const file of files) for (const change of file.changes) counts.set(change.type, (counts.get(change.type) ?? 0) + 1);
  const words: Array<[ChangeType, string, string]> = [
    ['added', 'added', 'added'],
    ['removed', 'removed', 'removed'],
    ['kind', 'kind changed', 'kinds changed'],
    ['verdict', 'verdict changed', 'verdicts changed'],
    ['field', 'field changed', 'fields changed'],
    ['note', 'note changed', 'notes changed'],
    ['text', 're-attached', 're-attached'],
    ['fuzzy', 'became fuzzy', 'became fuzzy'],
    ['orphan', 'orphaned', 'orphaned'],
    ['anchored', 'anchored again', 'anchored again'],
    ['conflict', 'merge conflict', 'merge conflicts'],
  ];
  const parts = words.filter(([type]) => counts.has(type)).map(([type, one, many]) => `${counts.get(type)} ${counts.get(type) === 1 ? one : many}`);
  return parts.length === 0 ? 'no tag changes' : parts.join(', ');
}

/** `article:line:col: change kind "text"`, one line per change, articles in the order given. */
export function formatText(files: readonly ArticleChanges[]): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const change of file.changes) {
      const where = `${file.article}:${change.line}${change.column === undefined ? '' : `:${change.column}`}`;
      lines.push(`${where}: ${describeChange(change)}  ${change.kind} "${oneLine(change.text)}"`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** A Markdown heading with the counts, then one table row per change. */
export function formatMarkdown(files: readonly ArticleChanges[]): string {
  const all = files.filter((file) => file.changes.length > 0);
  const out = [`### Tag changes: ${summarise(all)}`, ''];
  if (all.length === 0) return `${out.join('\n')}\n`;
  out.push('| Article | Line | Change | Kind | Tagged text |', '| --- | ---: | --- | --- | --- |');
  for (const file of all) {
    for (const change of file.changes) {
      out.push(`| ${markdownCell(file.article)} | ${change.line} | ${markdownCell(describeChange(change))} | ${markdownCell(change.kind)} | ${markdownCell(excerpt(change.text, 100))} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** `{"summary": "…", "files": [{"article", "changes": [...]}]}` */
export function formatJson(files: readonly ArticleChanges[]): string {
  return `${JSON.stringify({ summary: summarise(files), files: files.filter((file) => file.changes.length > 0) }, null, 2)}\n`;
}

/** Text safe inside a Markdown table cell: pipes escaped, no line breaks, no HTML. */

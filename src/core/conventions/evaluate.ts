/**
 * The rules applied to one article's tags: a pure function from tags and conventions to
 * findings, shared by the editor's Problems panel and the command line's checks.
 */
import { BOOKKEEPING_KEYS } from '../tagFields';
import type { Tag } from '../tags';
import type { Conventions } from './conventions';
import { fieldValueProblem, isEmptyValue, isFieldRequired } from './fields';
import type { Finding, RuleId } from './rules';

export interface EvaluateOptions {
  /**
   * The article's path relative to the folder of the conventions (see
   * `LoadedConventions.root`), with `/` separators, for `overrides`; without it only
   * `rules:` and the defaults decide severities.
   */
  readonly articlePath?: string;
}

/**
 * Checks every tag of an article against the conventions and returns what breaks a rule, in
 * tag order (a tag's findings in rule-table order). Rules set to `off` report nothing.
 */
export function evaluateTags(tags: readonly Tag[], conventions: Conventions, options: EvaluateOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const severities = new Map<RuleId, ReturnType<Conventions['severityOf']>>();
  const severity = (rule: RuleId): ReturnType<Conventions['severityOf']> => {
    let found = severities.get(rule);
    if (found === undefined) severities.set(rule, (found = conventions.severityOf(rule, options.articlePath)));
    return found;
  };
  const registry = conventions.kinds;
  for (const tag of tags) {
    const add = (ruleId: RuleId, message: string): void => {
      const level = severity(ruleId);
      if (level === 'off') return;
      findings.push({ ruleId, severity: level, message, tagId: tag.id, articleRange: { start: tag.anchor.start, end: tag.anchor.end } });
    };
    const quoted = excerpt(tag.anchor.exact);
    const kind = registry.get(tag.kind);
    if (!kind) {
      add('undefined-kind', `The kind "${tag.kind}" of the tag on “${quoted}” is not defined by the conventions; kinds: ${registry.active().map((k) => k.id).join(', ')}.`);
    } else if (kind.retired) {
      add('retired-kind', `${kind.label} is a retired kind; give the tag on “${quoted}” a current kind.`);
    }
    if (kind) {
      const values = tag.extra ?? {};
      const fields = conventions.fieldsOf(tag.kind);
      for (const field of fields) {
        const value = values[field.name];
        if (isEmptyValue(value)) {
          if (isFieldRequired(field, values)) {
            const why = field.required ? '' : ` (required when ${Object.entries(field.requiredWhen ?? {}).map(([name, wanted]) => `${name} is ${wanted.join(' or ')}`).join(' and ')})`;
            add('required-field', `The ${kind.label} tag on “${quoted}” has no ${field.label}${why}.`);
          }
          continue;
        }
        const problem = fieldValueProblem(field, value);
        if (problem) add('invalid-field', `${problem} (${kind.label} tag on “${quoted}”)`);
      }
      for (const key of Object.keys(values)) {
        if (values[key] === undefined || BOOKKEEPING_KEYS.has(key) || fields.some((field) => field.name === key)) continue;
        add('unknown-field', `The ${kind.label} tag on “${quoted}” has "${key}", which is not a field of ${kind.label}${fields.length > 0 ? ` (fields: ${fields.map((f) => f.name).join(', ')})` : ''}.`);
      }
    }
    if (tag.status === 'fuzzy') {
      const score = tag.score !== undefined ? ` (${Math.round(tag.score * 100)}% similar)` : '';
      add('fuzzy-tag', `${registry.labelFor(tag.kind)} tag re-anchored to similar text${score}; it was “${quoted}”. Confirm it, re-attach it, or delete it.`);
    } else if (tag.status === 'orphan') {
      add('orphan-tag', `Orphaned ${registry.labelFor(tag.kind)} tag: “${quoted}” is no longer in the article. Select where it belongs and re-attach it, or delete it.`);
    }
  }
  return findings;
}

function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

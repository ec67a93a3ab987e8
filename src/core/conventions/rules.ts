/**
 * Every rule a conventions file can set a severity for, in one table: its id (written in
 * `rules:` and shown with each finding), its default severity and what it checks. The
 * evaluator (evaluate.ts), the command line and the editor all read this table; adding a
 * rule is adding a row here and the code that reports it.
 */
import type { RuleSeverity } from './format';

export interface RuleInfo {
  /** Severity when no `rules:` entry or override says otherwise. */
  readonly severity: RuleSeverity;
  /** One line for `rules:` completion, the documentation and `--help`. */
  readonly description: string;
  /**
   * `check`: reported by the review check (`news-annotator check`, and the Problems panel
   * through the same code in src/core/review/check.ts), which reads the sidecar's text and
   * the article; absent: by {@link evaluateTags} from the tags alone.
   */
  readonly reportedBy?: 'check';
}

export const RULES = {
  'undefined-kind': {
    severity: 'warning',
    description: 'A tag has a kind the conventions do not define (an error when open_kinds is false).',
  },
  'retired-kind': {
    severity: 'warning',
    description: 'A tag has a kind the conventions retired; the tag stays, but should be given a current kind.',
  },
  'required-field': {
    severity: 'error',
    description: 'A tag lacks a field its kind requires (always, or because of another field\'s value).',
  },
  'invalid-field': {
    severity: 'error',
    description: 'A tag\'s field value does not fit the field\'s type (not one of the values, not a URL or date, too long).',
  },
  'unknown-field': {
    severity: 'info',
    description: 'A tag has a key its kind declares no field for (perhaps a field renamed or a typo).',
  },
  'fuzzy-tag': {
    severity: 'info',
    description: 'A tag was re-anchored to similar text after the article changed; a person should confirm it.',
  },
  'orphan-tag': {
    severity: 'warning',
    description: 'A tag\'s text is no longer in the article; re-attach it or remove it.',
  },
  'invalid-sidecar': {
    severity: 'error',
    description: 'A sidecar has a YAML or format error; it is not rewritten until it is fixed.',
    reportedBy: 'check',
  },
  'sidecar-warning': {
    severity: 'warning',
    description: 'A sidecar has something to fix that does not stop it being read (a bad timestamp, a length that does not match the text…); the parser\'s notes stay notes.',
    reportedBy: 'check',
  },
  'non-canonical': {
    severity: 'warning',
    description: 'A sidecar is not laid out as the extension writes it; `news-annotator fmt` rewrites it.',
    reportedBy: 'check',
  },
  'missing-article': {
    severity: 'error',
    description: 'A sidecar\'s article does not exist.',
    reportedBy: 'check',
  },
  'renamed-article': {
    severity: 'error',
    description: 'A sidecar\'s article was renamed (or moved) without it; rename the sidecar too.',
    reportedBy: 'check',
  },
  'anchor-moved': {
    severity: 'warning',
    description: 'A tag\'s text is no longer where the sidecar says but is found exactly elsewhere, or its lines now break otherwise (a re-wrapped paragraph); `check --fix` updates the sidecar.',
    reportedBy: 'check',
  },
  'anchor-fuzzy': {
    severity: 'warning',
    description: 'A tag\'s text changed in the article; re-anchoring would mark it fuzzy on similar text.',
    reportedBy: 'check',
  },
  'anchor-orphan': {
    severity: 'error',
    description: 'A tag\'s text is gone from the article; re-anchoring would make it an orphan.',
    reportedBy: 'check',
  },
  'stale-verdict': {
    severity: 'warning',
    description: 'A tag\'s verdict was given on other text than it has now; review the verdict again.',
    reportedBy: 'check',
  },
  'merge-conflict': {
    severity: 'error',
    description: 'A merge left a conflict marked in a tag (under merge-conflict:); settle it and remove the entry.',
    reportedBy: 'check',
  },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

/** Rule ids in table order. */
export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** Whether `id` names a rule of the table. */
export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, id);
}

/** A severity a finding is reported with: every severity but `off`. */
export type FindingSeverity = Exclude<RuleSeverity, 'off'>;

/**
 * One rule broken somewhere. Tag findings carry the tag's id and its place in the article;
 * findings about a whole file (added by other checks) carry neither.
 */
export interface Finding {
  readonly ruleId: RuleId;
  readonly severity: FindingSeverity;
  readonly message: string;
  readonly tagId?: string;
  /** 0-based UTF-16 offsets of the tag's span in the article, when it has one. */
  readonly articleRange?: { readonly start: number; readonly end: number };
}

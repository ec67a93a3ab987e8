/**
 * The conventions in force for an article: kinds, typed fields, rating scales, cue
 * vocabularies, rule severities and publishing details, merged from the defaults, the
 * files a conventions file extends, and the file itself. Immutable, like the registry it
 * holds, so a view handed one never sees it change.
 */
import picomatch from 'picomatch';
import { KindRegistry } from '../kinds';
import type { CueVocabularySpec, FieldSpec, PublishSettings, RatingScale, RuleOverride, RuleSeverity } from './format';
import { RULES, isRuleId } from './rules';

/** What makes up conventions: every property of {@link Conventions}. */
export type ConventionsInit = Pick<Conventions, 'kinds' | 'openKinds' | 'fields' | 'ratings' | 'cues' | 'publish' | 'rules' | 'overrides' | 'sources'>;

/** An enum field as the tag filters offer it: one entry per field name, over every kind. */
export interface EnumFieldChoice {
  readonly name: string;
  readonly label: string;
  readonly values: ReadonlyArray<{ readonly value: string; readonly label: string }>;
}

export class Conventions {
  /** Kinds in effect, retired ones included (their tags stay visible). */
  readonly kinds: KindRegistry;
  /** False: a tag whose kind is not defined breaks `undefined-kind` as an error. */
  readonly openKinds: boolean;
  /** Typed fields per kind id, in declaration order. */
  readonly fields: ReadonlyMap<string, readonly FieldSpec[]>;
  /** Verdict scales by id. */
  readonly ratings: ReadonlyMap<string, RatingScale>;
  /** The team's changes to the detector's cue vocabularies. */
  readonly cues: CueVocabularySpec;
  readonly publish: PublishSettings;
  /** Severities set in `rules:`, by rule id. */
  readonly rules: ReadonlyMap<string, RuleSeverity>;
  readonly overrides: readonly RuleOverride[];
  /** The files merged into these conventions, bases first; empty for the defaults. */
  readonly sources: readonly string[];
  private readonly matchers: ReadonlyArray<(path: string) => boolean>;

  constructor(init: ConventionsInit) {
    ({ kinds: this.kinds, openKinds: this.openKinds, fields: this.fields, ratings: this.ratings, cues: this.cues, publish: this.publish, rules: this.rules, overrides: this.overrides, sources: this.sources } = init);
    this.matchers = init.overrides.map((override) => picomatch(override.files as string[], { dot: true }));
  }

  /** What a workspace without a conventions file gets: the four default kinds, no fields. */
  static readonly defaults = new Conventions({
    kinds: KindRegistry.defaults,
    openKinds: true,
    fields: new Map(),
    ratings: new Map(),
    cues: {},
    publish: {},
    rules: new Map(),
    overrides: [],
    sources: [],
  });

  /** The fields of a kind, in declaration order (none for kinds without fields or unknown kinds). */
  fieldsOf(kind: string): readonly FieldSpec[] {
    return this.fields.get(kind) ?? [];
  }

  field(kind: string, name: string): FieldSpec | undefined {
    return this.fieldsOf(kind).find((field) => field.name === name);
  }

  /** The rating scale an enum field takes its values from, if it has one. */
  scaleOf(field: FieldSpec): RatingScale | undefined {
    return field.scale === undefined ? undefined : this.ratings.get(field.scale);
  }

  /** The label of an enum value: the scale's label when the field has a scale, else the value. */
  valueLabel(field: FieldSpec, value: string): string {
    return this.scaleOf(field)?.values.find((v) => v.value === value)?.label ?? value;
  }

  /**
   * Every enum field of every kind, merged by name (a `verdict` on claims and on statistics
   * is one filter), with the union of their values in declaration order.
   */
  enumFields(): EnumFieldChoice[] {
    const byName = new Map<string, { name: string; label: string; values: Array<{ value: string; label: string }> }>();
    for (const fields of this.fields.values()) {
      for (const field of fields) {
        if (field.type !== 'enum') continue;
        let choice = byName.get(field.name);
        if (!choice) byName.set(field.name, (choice = { name: field.name, label: field.label, values: [] }));
        for (const value of field.values ?? []) {
          if (!choice.values.some((v) => v.value === value)) choice.values.push({ value, label: this.valueLabel(field, value) });
        }
      }
    }
    return [...byName.values()];
  }

  /**
   * The severity of a rule for one article: the last matching `overrides` block that sets
   * it, else `rules:`, else the rule's default (`undefined-kind` is an error when
   * `open_kinds` is false). Unknown rule ids are `off`.
   *
   * @param ruleId - A rule id of the table in rules.ts
   * @param articlePath - The article's path relative to the folder of the conventions file,
   *   with `/` separators; without it, overrides are not consulted
   */
  severityOf(ruleId: string, articlePath?: string): RuleSeverity {
    if (articlePath !== undefined) {
      const path = articlePath.replace(/\\/g, '/').replace(/^\.\//, '');
      for (let i = this.overrides.length - 1; i >= 0; i--) {
        const severity = this.overrides[i].rules[ruleId];
        if (severity !== undefined && this.matchers[i](path)) return severity;
      }
    }
    const set = this.rules.get(ruleId);
    if (set !== undefined) return set;
    if (!isRuleId(ruleId)) return 'off';
    if (ruleId === 'undefined-kind' && !this.openKinds) return 'error';
    return RULES[ruleId].severity;
  }
}

/**
 * The rating of a verdict on its scale for structured data such as ClaimReview: the worst
 * value is 1 and the best is the number of values from best to worst; a value off the scale
 * (listed after `worst`) or unknown has none.
 */
export function ratingValue(scale: RatingScale, value: string): number | undefined {
  const best = scale.values.findIndex((v) => v.value === scale.best);
  const worst = scale.values.findIndex((v) => v.value === scale.worst);
  const at = scale.values.findIndex((v) => v.value === value);
  if (at < 0 || best < 0 || worst < 0 || at < best || at > worst) return undefined;
  return worst - at + 1;
}

/**
 * A published fact-check's URL from the `publish.fact_check_url` template, or undefined
 * when the conventions give none. `{article}` is the article's file name without its
 * extension (a slug, as fact-check URLs use), `{path}` its `/`-separated path; values are
 * URL-encoded, `{path}` segment by segment.
 *
 * @param values - The tag's id and kind, and the article's path relative to the conventions' folder
 */
export function factCheckUrl(publish: PublishSettings, values: { id: string; kind: string; path: string }): string | undefined {
  if (!publish.factCheckUrl) return undefined;
  const name = values.path.slice(values.path.lastIndexOf('/') + 1);
  const article = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
  const filled: Record<string, string> = { id: values.id, kind: values.kind, article };
  return publish.factCheckUrl.replace(/\{(id|kind|article|path)\}/g, (_m, key: string) =>
    key === 'path' ? values.path.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(filled[key]),
  );
}

/**
 * What the exchange formats need to know of a team's conventions: the typed fields of each
 * kind (stored as keys of a tag's block, read from `Tag.extra`), the verdict scales and the
 * `publish:` section. Plain data, so an export or import runs the same in the editor, on
 * the command line and in tests.
 */

/** The type of a field, as the conventions declare it. */
export type ExchangeFieldType = 'string' | 'enum' | 'url' | 'date' | 'boolean';

/** A field value as stored in a sidecar: text, or true/false for boolean fields. */
export type ExchangeFieldValue = string | boolean;

/** One typed field of a kind. */
export interface ExchangeField {
  readonly name: string;
  readonly type: ExchangeFieldType;
  /** Required on every tag of the kind. */
  readonly required: boolean;
  /** Required once other fields have one of the given values (every condition must hold). */
  readonly requiredWhen?: Readonly<Record<string, readonly ExchangeFieldValue[]>>;
  /** `enum` fields: the allowed values, in order. */
  readonly values?: readonly string[];
  /** `enum` fields bound to a rating scale: its id. */
  readonly scale?: string;
}

export interface ExchangeRating {
  readonly value: string;
  readonly label: string;
}

/**
 * An ordered verdict scale, best first. Values after `worst` (such as "unsupported") are
 * verdicts off the scale: they have a label but no rating.
 */
export interface ExchangeScale {
  readonly id: string;
  readonly values: readonly ExchangeRating[];
  readonly best: string;
  readonly worst: string;
}

export interface ExchangePublish {
  /** The fact-checking organisation's name, as published. */
  readonly organization?: string;
  /** Its home page. */
  readonly url?: string;
  /** Where a published fact-check lives, with `{id}`, `{kind}`, `{article}` or `{path}` in it. */
  readonly factCheckUrl?: string;
}

/** The conventions in force for the articles being exported, imported or counted. */
export interface ExchangeConventions {
  /** The fields of a kind, in the order the conventions list them (none for an unknown kind). */
  fieldsOf(kind: string): readonly ExchangeField[];
  /** Every field name any kind declares, in the conventions' order, each once. */
  fieldNames(): readonly string[];
  /** A rating scale by id. */
  scale(id: string): ExchangeScale | undefined;
  readonly publish: ExchangePublish;
}

/** The conventions of a workspace without a conventions file: no fields, no scales. */
export const NO_CONVENTIONS: ExchangeConventions = {
  fieldsOf: () => [],
  fieldNames: () => [],
  scale: () => undefined,
  publish: {},
};

/**
 * Builds {@link ExchangeConventions} from plain lists, for tests and for callers that hold
 * the conventions as data.
 */
export function exchangeConventions(spec: {
  fields?: Readonly<Record<string, readonly ExchangeField[]>>;
  scales?: readonly ExchangeScale[];
  publish?: ExchangePublish;
}): ExchangeConventions {
  const fields = spec.fields ?? {};
  const names: string[] = [];
  for (const list of Object.values(fields)) for (const field of list) if (!names.includes(field.name)) names.push(field.name);
  return {
    fieldsOf: (kind) => (Object.prototype.hasOwnProperty.call(fields, kind) ? fields[kind] : []),
    fieldNames: () => names,
    scale: (id) => spec.scales?.find((scale) => scale.id === id),
    publish: spec.publish ?? {},
  };
}

/**
 * Whether `field` is required on a tag with these field values: always, or because every
 * condition of `requiredWhen` holds.
 */
export function isRequired(field: ExchangeField, values: Readonly<Record<string, unknown>>): boolean {
  if (field.required) return true;
  const conditions = field.requiredWhen;
  if (!conditions) return false;
  const entries = Object.entries(conditions);
  return entries.length > 0 && entries.every(([name, allowed]) => allowed.some((value) => values[name] === value));
}

/** Whether a stored field value counts as given (not absent, null or blank text). */
export function hasValue(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  return typeof value !== 'string' || value.trim() !== '';
}

/**
 * The fields a tag's kind requires that the tag lacks, in the conventions' order.
 *
 * @param values - The tag's field values (`Tag.extra`)
 */
export function missingRequiredFields(conventions: ExchangeConventions, kind: string, values: Readonly<Record<string, unknown>> = {}): string[] {
  return conventions
    .fieldsOf(kind)
    .filter((field) => isRequired(field, values) && !hasValue(values[field.name]))
    .map((field) => field.name);
}

/**
 * The field holding a kind's verdict: the first bound to a rating scale, else one named
 * `verdict`; undefined when the kind has none.
 */
export function verdictFieldOf(conventions: ExchangeConventions, kind: string): ExchangeField | undefined {
  const fields = conventions.fieldsOf(kind);
  return fields.find((field) => field.scale !== undefined) ?? fields.find((field) => field.name === 'verdict');
}

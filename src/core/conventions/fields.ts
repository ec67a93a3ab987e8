/**
 * Typed field values: checking a value against its field, reading what a person typed into
 * a value, and deciding whether a field is required given the tag's other values.
 */
import type { Conventions } from './conventions';
import type { FieldSpec, FieldValue } from './format';
import { isWebUrl } from './parse';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a calendar date written `YYYY-MM-DD`. */
export function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whether a stored value counts as absent: no key, `null`, or blank text. */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * What is wrong with a field's value, in a sentence; undefined when it fits. An absent value
 * fits (whether it is required is {@link isFieldRequired}'s question).
 */
export function fieldValueProblem(field: FieldSpec, value: unknown): string | undefined {
  if (isEmptyValue(value)) return undefined;
  switch (field.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${field.label} must be true or false.`;
    case 'string':
      if (typeof value !== 'string') return `${field.label} must be text.`;
      if (field.maxLength !== undefined && value.length > field.maxLength) return `${field.label} is ${value.length} characters long; at most ${field.maxLength} are allowed.`;
      return undefined;
    case 'enum':
      if (typeof value !== 'string' || !(field.values ?? []).includes(value)) return `${field.label} must be one of ${(field.values ?? []).join(', ')}; found ${JSON.stringify(value)}.`;
      return undefined;
    case 'url':
      return typeof value === 'string' && isWebUrl(value) ? undefined : `${field.label} must be an http or https URL; found ${JSON.stringify(value)}.`;
    case 'date':
      return typeof value === 'string' && isDate(value) ? undefined : `${field.label} must be a date written YYYY-MM-DD; found ${JSON.stringify(value)}.`;
  }
}

/**
 * Reads what a person typed for a field (an input box) into the value to store, or says
 * why it does not fit. Blank input is `undefined` (no value).
 */
export function parseFieldInput(field: FieldSpec, input: string): { value: FieldValue | undefined } | { error: string } {
  const text = input.trim();
  if (text === '') return { value: undefined };
  let value: FieldValue = field.type === 'string' ? input.replace(/\r\n?/g, '\n') : text;
  if (field.type === 'boolean') {
    const lower = text.toLowerCase();
    if (lower !== 'true' && lower !== 'false') return { error: `${field.label} must be true or false.` };
    value = lower === 'true';
  }
  const problem = fieldValueProblem(field, value);
  return problem ? { error: problem } : { value };
}

/** Whether `field` must have a value, given the tag's field values. */
export function isFieldRequired(field: FieldSpec, values: Readonly<Record<string, unknown>>): boolean {
  if (field.required) return true;
  if (!field.requiredWhen) return false;
  return Object.entries(field.requiredWhen).every(([name, wanted]) => wanted.some((w) => values[name] === w));
}

/**
 * The fields a new tag of `kind` must be given before it is written: required ones, and
 * those required by the values already chosen (asked in declaration order, so a condition
 * on an earlier field is known when a later one is considered).
 */
export function requiredFields(conventions: Conventions, kind: string, values: Readonly<Record<string, unknown>> = {}): FieldSpec[] {
  return conventions.fieldsOf(kind).filter((field) => isEmptyValue(values[field.name]) && isFieldRequired(field, values));
}

/** A tag's field values as people read them, in declaration order: enum values by label. */
export function describeFields(conventions: Conventions, kind: string, values: Readonly<Record<string, unknown>>): Array<{ name: string; label: string; value: string }> {
  return conventions
    .fieldsOf(kind)
    .filter((field) => !isEmptyValue(values[field.name]))
    .map((field) => {
      const value = values[field.name];
      const text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : field.type === 'enum' && typeof value === 'string' ? conventions.valueLabel(field, value) : String(value);
      return { name: field.name, label: field.label, value: text };
    });
}

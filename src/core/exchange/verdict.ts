/**
 * The conventions as the exchange formats read them: which field of a kind holds its verdict,
 * and every field name a team declares.
 */
import type { Conventions, FieldSpec } from '../conventions';

/**
 * The field holding a kind's verdict: the first bound to a rating scale, else one named
 * `verdict`; undefined when the kind has none.
 */
export function verdictFieldOf(conventions: Conventions, kind: string): FieldSpec | undefined {
  const fields = conventions.fieldsOf(kind);
  return fields.find((field) => field.scale !== undefined) ?? fields.find((field) => field.name === 'verdict');
}

/** Every field name any kind declares in any of `conventions`, in declaration order, each once. */
export function declaredFieldNames(conventions: readonly Conventions[]): string[] {
  const names: string[] = [];
  for (const one of new Set(conventions)) {
    for (const fields of one.fields.values()) for (const field of fields) if (!names.includes(field.name)) names.push(field.name);
  }
  return names;
}

/**
 * The `kinds:` and `ratings:` sections of one conventions file: each kind's look, its
 * typed fields, and the verdict scales enum fields can use. Checks what one file can tell
 * by itself; what depends on other files (a key taken by a base's kind, a scale defined in
 * a base) is checked when the files are merged (resolve.ts).
 */
import { isMap, isScalar, type Node } from 'yaml';
import { CODICON_NAME, KIND_ID_PATTERN, TRIAGE_KEY, isHexColor } from '../kinds';
import { FIELD_KEYS, FIELD_NAME_PATTERN, FIELD_TYPES, KIND_KEYS, LIMITS, SCALE_KEYS, SCALE_VALUE_KEYS, type ColorPair, type FieldSpec, type FieldType, type FieldValue, type RatingScale, type RatingValue } from './format';
import type { ConventionsProblemCode, ConventionsProblems, Range } from './problem';
import { booleanOf, entriesOf, itemText, itemsOf, rangeOf, textOf, warnUnknownKeys, type Entry } from './yamlNodes';
import { TAG_KEYS } from '../sidecar/format';

/** What one file says about one kind; absent keys leave the base's value. */
export interface KindLayer {
  readonly id: string;
  readonly range: Range;
  readonly label?: string;
  readonly description?: string;
  readonly color?: ColorPair;
  readonly icon?: string;
  readonly key?: string;
  readonly keyRange?: Range;
  readonly retired?: boolean;
  /** Fields declared here; each replaces a same-named field of a base. */
  readonly fields?: readonly FieldLayer[];
}

export interface FieldLayer extends FieldSpec {
  readonly range: Range;
  readonly scaleRange?: Range;
  readonly requiredWhenRange?: Range;
}

export interface ScaleLayer extends RatingScale {
  readonly range: Range;
}

/** Makes "source_url" read "Source URL" and "verdict" "Verdict". */
export function labelFromName(name: string): string {
  const words = name.split(/[_-]+/).filter(Boolean).map((word) => (['url', 'id', 'uri'].includes(word) ? word.toUpperCase() : word));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The entries of a mapping of named definitions (kinds, fields, scales): at most `limit` of
 * them, without those whose name `badName` finds fault with (reported at the name).
 */
function namedEntries(entry: Entry, report: ConventionsProblems, what: string, limit: number, badName: (name: string) => [ConventionsProblemCode, string] | undefined): Entry[] {
  const entries = entriesOf(entry.value, report, what, entry.range);
  if (!entries) return [];
  if (entries.length > limit) report.error('over-limit', `${what} has ${entries.length} entries; the first ${limit} are read, the rest are ignored.`, entries[limit].keyRange);
  return entries.slice(0, limit).filter((named) => {
    const fault = badName(named.key);
    if (fault) report.error(fault[0], fault[1], named.keyRange);
    return !fault;
  });
}

export function parseKinds(entry: Entry, report: ConventionsProblems): KindLayer[] {
  const entries = namedEntries(entry, report, '"kinds"', LIMITS.kinds, (id) =>
    KIND_ID_PATTERN.test(id) ? undefined : ['bad-kind-id', `Kind id "${id}" must be lower-case letters, digits and dashes, starting with a letter (e.g. "statistic").`],
  );
  return entries.map((kind) => parseKind(kind, report)).filter((kind): kind is KindLayer => kind !== undefined);
}

function parseKind(kind: Entry, report: ConventionsProblems): KindLayer | undefined {
  const entries = entriesOf(kind.value, report, `Kind "${kind.key}"`, kind.keyRange);
  if (!entries) return undefined;
  warnUnknownKeys(entries, KIND_KEYS, report, `kind "${kind.key}"`);
  const layer: { -readonly [K in keyof KindLayer]: KindLayer[K] } = { id: kind.key, range: kind.keyRange };
  for (const entry of entries) {
    const what = `"${entry.key}" of kind "${kind.key}"`;
    switch (entry.key) {
      case 'label':
        layer.label = textOf(entry, report, what, 80);
        break;
      case 'description':
        layer.description = textOf(entry, report, what, LIMITS.text, true);
        break;
      case 'color':
        layer.color = colorOf(entry, report, kind.key);
        break;
      case 'icon': {
        const icon = textOf(entry, report, what, 80);
        if (icon !== undefined && !CODICON_NAME.test(icon)) {
          report.error('bad-icon', `Icon "${icon}" is not a codicon name: lower-case words joined by dashes, such as "graph" or "comment-discussion".`, entry.range);
        } else {
          layer.icon = icon;
        }
        break;
      }
      case 'key': {
        const node = entry.value;
        const key = isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
        if (key === undefined || !TRIAGE_KEY.test(key)) {
          report.error('bad-key', `The triage key of kind "${kind.key}" must be one lower-case letter or digit.`, entry.range);
        } else {
          layer.key = key;
          layer.keyRange = entry.range;
        }
        break;
      }
      case 'retired':
        layer.retired = booleanOf(entry, report, what);
        break;
      case 'fields':
        layer.fields = parseFields(entry, report, kind.key);
        break;
    }
  }
  return layer;
}

function colorOf(entry: Entry, report: ConventionsProblems, kind: string): ColorPair | undefined {
  const bad = (at: Range, value: unknown): undefined => {
    report.error('bad-color', `${JSON.stringify(value)} is not a colour: kind "${kind}" needs hex colours such as "#00796b" (quoted, since # starts a comment).`, at);
    return undefined;
  };
  const node = entry.value;
  if (isScalar(node)) {
    // One colour for both theme families.
    return isHexColor(node.value) ? { light: node.value, dark: node.value } : bad(entry.range, node.value);
  }
  const entries = entriesOf(node, report, `"color" of kind "${kind}"`, entry.range);
  if (!entries) return undefined;
  warnUnknownKeys(entries, ['light', 'dark'], report, `the colour of kind "${kind}"`);
  const pair: Partial<Record<'light' | 'dark', string>> = {};
  for (const item of entries) {
    if (item.key !== 'light' && item.key !== 'dark') continue;
    const value = isScalar(item.value) ? item.value.value : item.value;
    if (!isHexColor(value)) return bad(item.range, value);
    pair[item.key] = value;
  }
  if (!pair.light || !pair.dark) {
    report.error('bad-color', `The colour of kind "${kind}" needs both "light" and "dark" (or one colour for both).`, entry.range);
    return undefined;
  }
  return { light: pair.light, dark: pair.dark };
}

function parseFields(entry: Entry, report: ConventionsProblems, kind: string): FieldLayer[] {
  const entries = namedEntries(entry, report, `"fields" of kind "${kind}"`, LIMITS.fields, (name) => {
    if (!FIELD_NAME_PATTERN.test(name)) return ['bad-field-name', `Field name "${name}" must be lower-case letters, digits and underscores, starting with a letter (e.g. "source_url").`];
    if ((TAG_KEYS as readonly string[]).includes(name)) return ['bad-field-name', `"${name}" is a key every tag already has; give the field another name.`];
    return undefined;
  });
  return entries.map((field) => parseField(field, report, kind)).filter((field): field is FieldLayer => field !== undefined);
}

function parseField(field: Entry, report: ConventionsProblems, kind: string): FieldLayer | undefined {
  const entries = entriesOf(field.value, report, `Field "${field.key}" of kind "${kind}"`, field.keyRange);
  if (!entries) return undefined;
  warnUnknownKeys(entries, FIELD_KEYS, report, `field "${field.key}"`);
  const where = `field "${field.key}" of kind "${kind}"`;
  const get = (key: string): Entry | undefined => entries.find((e) => e.key === key);
  const typeEntry = get('type');
  if (!typeEntry) {
    report.error('bad-field-type', `The ${where} needs a "type": ${FIELD_TYPES.join(', ')}.`, field.keyRange);
    return undefined;
  }
  const typeNode = typeEntry.value;
  const type = isScalar(typeNode) ? typeNode.value : undefined;
  if (typeof type !== 'string' || !(FIELD_TYPES as readonly string[]).includes(type)) {
    report.error('bad-field-type', `${JSON.stringify(type ?? null)} is not a field type; use one of ${FIELD_TYPES.join(', ')}.`, typeEntry.range);
    return undefined;
  }
  const spec: { -readonly [K in keyof FieldLayer]: FieldLayer[K] } = { name: field.key, type: type as FieldType, label: labelFromName(field.key), required: false, range: field.keyRange };
  let ok = true;
  for (const entry of entries) {
    const what = `"${entry.key}" of ${where}`;
    switch (entry.key) {
      case 'label':
        spec.label = textOf(entry, report, what, 80) ?? spec.label;
        break;
      case 'description':
        spec.description = textOf(entry, report, what, LIMITS.text, true);
        break;
      case 'required':
        spec.required = booleanOf(entry, report, what) ?? false;
        break;
      case 'required_when':
        spec.requiredWhen = requiredWhenOf(entry, report, where);
        spec.requiredWhenRange = entry.range;
        break;
      case 'max_length': {
        const node = entry.value;
        const value = isScalar(node) ? node.value : undefined;
        if (type !== 'string') {
          report.error('bad-value', `"max_length" applies to string fields only; ${where} is ${type}.`, entry.keyRange);
        } else if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > LIMITS.maxLength) {
          report.error('bad-value', `"max_length" must be a whole number from 1 to ${LIMITS.maxLength}.`, entry.range);
        } else {
          spec.maxLength = value;
        }
        break;
      }
      case 'values': {
        if (type !== 'enum') {
          report.error('bad-value', `"values" applies to enum fields only; ${where} is ${type}.`, entry.keyRange);
          break;
        }
        const values = enumValuesOf(entry, report, where);
        if (values) spec.values = values;
        else ok = false;
        break;
      }
      case 'scale': {
        if (type !== 'enum') {
          report.error('bad-value', `"scale" applies to enum fields only; ${where} is ${type}.`, entry.keyRange);
          break;
        }
        spec.scale = textOf(entry, report, what, 64);
        spec.scaleRange = entry.range;
        break;
      }
    }
  }
  if (type === 'enum' && spec.values === undefined && spec.scale === undefined) {
    if (ok) report.error('bad-value', `The enum ${where} needs "values" (a list) or a "scale" from "ratings".`, typeEntry.range);
    return undefined;
  }
  return spec;
}

function enumValuesOf(entry: Entry, report: ConventionsProblems, where: string): string[] | undefined {
  const items = itemsOf(entry, report, `"values" of ${where}`);
  if (!items) return undefined;
  if (items.length === 0) {
    report.error('bad-value', `"values" of ${where} must list at least one value.`, entry.range);
    return undefined;
  }
  if (items.length > LIMITS.enumValues) {
    report.error('over-limit', `${where} has ${items.length} values; at most ${LIMITS.enumValues} are read.`, rangeOf(items[LIMITS.enumValues]));
  }
  const values: string[] = [];
  for (const item of items.slice(0, LIMITS.enumValues)) {
    const value = itemText(item, report, `A value of ${where}`, entry.range);
    if (value === undefined) continue;
    if (value.length > 64) report.error('over-limit', `The value "${value.slice(0, 20)}…" of ${where} is longer than 64 characters.`, rangeOf(item));
    else if (values.includes(value)) report.error('duplicate-key', `"${value}" is listed twice in ${where}.`, rangeOf(item));
    else values.push(value);
  }
  return values.length > 0 ? values : undefined;
}

function requiredWhenOf(entry: Entry, report: ConventionsProblems, where: string): Record<string, FieldValue[]> | undefined {
  const entries = entriesOf(entry.value, report, `"required_when" of ${where}`, entry.range);
  if (!entries || entries.length === 0) {
    if (entries) report.error('bad-value', `"required_when" of ${where} needs a condition, e.g. {status: reviewed}.`, entry.range);
    return undefined;
  }
  const conditions: Record<string, FieldValue[]> = {};
  for (const condition of entries) {
    const items = isMap(condition.value) ? undefined : itemsOf(condition, report, `The condition on "${condition.key}"`, true);
    if (!items) {
      if (isMap(condition.value)) report.error('wrong-type', `The condition on "${condition.key}" must be a value or a list of values.`, condition.range);
      continue;
    }
    const values: FieldValue[] = [];
    for (const item of items) {
      const value = isScalar(item) ? item.value : undefined;
      if (typeof value === 'string' || typeof value === 'boolean') values.push(value);
      else report.error('wrong-type', `A value in the condition on "${condition.key}" must be text or true/false.`, rangeOf(item) ?? condition.range);
    }
    if (values.length > 0) conditions[condition.key] = values;
  }
  return Object.keys(conditions).length > 0 ? conditions : undefined;
}

export function parseRatings(entry: Entry, report: ConventionsProblems): ScaleLayer[] {
  const entries = namedEntries(entry, report, '"ratings"', LIMITS.scales, (name) =>
    FIELD_NAME_PATTERN.test(name) ? undefined : ['bad-value', `Scale name "${name}" must be lower-case letters, digits and underscores, starting with a letter (e.g. "verdict").`],
  );
  return entries.map((scale) => parseScale(scale, report)).filter((scale): scale is ScaleLayer => scale !== undefined);
}

function parseScale(scale: Entry, report: ConventionsProblems): ScaleLayer | undefined {
  const where = `rating scale "${scale.key}"`;
  const entries = entriesOf(scale.value, report, `The ${where}`, scale.keyRange);
  if (!entries) return undefined;
  warnUnknownKeys(entries, SCALE_KEYS, report, where);
  const get = (key: string): Entry | undefined => entries.find((e) => e.key === key);
  const valuesEntry = get('values');
  if (!valuesEntry) {
    report.error('bad-value', `The ${where} needs "values": its verdicts, best first.`, scale.keyRange);
    return undefined;
  }
  const items = itemsOf(valuesEntry, report, `"values" of the ${where}`) ?? [];
  if (items.length > LIMITS.scaleValues) report.error('over-limit', `The ${where} has ${items.length} values; at most ${LIMITS.scaleValues} are read.`, rangeOf(items[LIMITS.scaleValues]));
  const values: RatingValue[] = [];
  for (const item of items.slice(0, LIMITS.scaleValues)) {
    const value = scaleValueOf(item, report, where, valuesEntry.range);
    if (!value) continue;
    if (values.some((v) => v.value === value.value)) report.error('duplicate-key', `"${value.value}" is listed twice in the ${where}.`, rangeOf(item));
    else values.push(value);
  }
  if (values.length === 0) {
    report.error('bad-value', `The ${where} must list at least one value.`, valuesEntry.range);
    return undefined;
  }
  const end = (key: 'best' | 'worst', fallback: string): string => {
    const found = get(key);
    if (!found) return fallback;
    const value = textOf(found, report, `"${key}" of the ${where}`, 64);
    if (value === undefined) return fallback;
    if (!values.some((v) => v.value === value)) {
      report.error('bad-value', `"${key}" must be one of the scale's values (${values.map((v) => v.value).join(', ')}).`, found.range);
      return fallback;
    }
    return value;
  };
  const best = end('best', values[0].value);
  let worst = end('worst', values[values.length - 1].value);
  if (values.findIndex((v) => v.value === worst) < values.findIndex((v) => v.value === best)) {
    report.error('bad-value', `"worst" comes before "best" in the ${where}; list the values best first.`, get('worst')?.range);
    worst = values[values.length - 1].value;
  }
  const labelEntry = get('label');
  const label = (labelEntry && textOf(labelEntry, report, `"label" of the ${where}`, 80)) || labelFromName(scale.key);
  return { id: scale.key, label, values, best, worst, range: scale.keyRange };
}

function scaleValueOf(item: Node | null, report: ConventionsProblems, where: string, at: Range): RatingValue | undefined {
  if (isScalar(item)) {
    const value = itemText(item, report, `A value of the ${where}`, at);
    return value === undefined ? undefined : { value, label: labelFromName(value) };
  }
  const entries = entriesOf(item, report, `A value of the ${where}`, rangeOf(item) ?? at);
  if (!entries) return undefined;
  warnUnknownKeys(entries, SCALE_VALUE_KEYS, report, `a value of the ${where}`);
  const get = (key: string): Entry | undefined => entries.find((e) => e.key === key);
  const valueEntry = get('value');
  const value = valueEntry ? textOf(valueEntry, report, `"value" in the ${where}`, 64) : undefined;
  if (value === undefined) {
    if (!valueEntry) report.error('bad-value', `Each value of the ${where} needs "value" (what the sidecar stores).`, rangeOf(item) ?? at);
    return undefined;
  }
  const labelEntry = get('label');
  const descriptionEntry = get('description');
  const label = (labelEntry && textOf(labelEntry, report, `"label" of "${value}"`, 80)) || labelFromName(value);
  const description = descriptionEntry ? textOf(descriptionEntry, report, `"description" of "${value}"`, LIMITS.text, true) : undefined;
  return { value, label, ...(description ? { description } : {}) };
}

/**
 * Checks a value against the subset of JSON Schema draft-07 the repository's schemas use,
 * and returns where it fails. Enough to keep the schemas honest without a validator
 * dependency.
 */
export type Schema = Record<string, unknown>;

export function schemaViolations(value: unknown, node: Schema, root: Schema = node, path = '$'): string[] {
  if (typeof node.$ref === 'string') {
    const target = node.$ref.replace(/^#\//, '').split('/').reduce<unknown>((at, part) => (at as Schema)[part], root) as Schema;
    return schemaViolations(value, target, root, path);
  }
  if (Array.isArray(node.anyOf)) {
    const all = (node.anyOf as Schema[]).map((option) => schemaViolations(value, option, root, path));
    if (!all.some((found) => found.length === 0)) return [`${path}: matches none of anyOf (${all.map((f) => f[0]).join(' | ')})`];
  }
  if (node.not && schemaViolations(value, node.not as Schema, root, path).length === 0) return [`${path}: matches "not"`];
  const found: string[] = [];
  if (node.type !== undefined) {
    const types = Array.isArray(node.type) ? (node.type as string[]) : [node.type as string];
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    const ok = types.some((type) => type === actual || (type === 'integer' && Number.isInteger(value)));
    if (!ok) return [`${path}: expected ${types.join(' or ')}, got ${actual}`];
  }
  if ('const' in node && value !== node.const) found.push(`${path}: expected ${JSON.stringify(node.const)}`);
  if (Array.isArray(node.enum) && !node.enum.includes(value)) found.push(`${path}: not one of ${node.enum.join(', ')}`);
  if (typeof value === 'number') {
    if (typeof node.minimum === 'number' && value < node.minimum) found.push(`${path}: below ${node.minimum}`);
    if (typeof node.maximum === 'number' && value > node.maximum) found.push(`${path}: above ${node.maximum}`);
  }
  if (typeof value === 'string') {
    if (typeof node.minLength === 'number' && value.length < node.minLength) found.push(`${path}: too short`);
    if (typeof node.maxLength === 'number' && value.length > node.maxLength) found.push(`${path}: too long`);
    if (typeof node.pattern === 'string' && !new RegExp(node.pattern, 'u').test(value)) found.push(`${path}: does not match ${node.pattern}`);
  }
  if (Array.isArray(value)) {
    if (typeof node.minItems === 'number' && value.length < node.minItems) found.push(`${path}: fewer than ${node.minItems} items`);
    if (typeof node.maxItems === 'number' && value.length > node.maxItems) found.push(`${path}: more than ${node.maxItems} items`);
    if (node.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) found.push(`${path}: items repeat`);
    if (node.items) value.forEach((item, i) => found.push(...schemaViolations(item, node.items as Schema, root, `${path}[${i}]`)));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    const properties = (node.properties as Record<string, Schema> | undefined) ?? {};
    for (const key of (node.required as string[] | undefined) ?? []) if (!(key in object)) found.push(`${path}: missing ${key}`);
    if (typeof node.maxProperties === 'number' && Object.keys(object).length > node.maxProperties) found.push(`${path}: more than ${node.maxProperties} keys`);
    for (const [key, child] of Object.entries(object)) {
      if (node.propertyNames) found.push(...schemaViolations(key, node.propertyNames as Schema, root, `${path} key ${key}`));
      if (key in properties) found.push(...schemaViolations(child, properties[key], root, `${path}.${key}`));
      else if (node.additionalProperties === false) found.push(`${path}: unexpected key ${key}`);
      else if (typeof node.additionalProperties === 'object') found.push(...schemaViolations(child, node.additionalProperties as Schema, root, `${path}.${key}`));
    }
  }
  return found;
}

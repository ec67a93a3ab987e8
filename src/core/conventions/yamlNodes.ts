/**
 * Reading values out of `yaml` nodes with a problem for everything that is not what was
 * expected, at the node's position. Shared by the parsers of the conventions file's parts.
 */
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { ConventionsProblems, Range } from './problem';

/** One entry of a mapping whose key is plain text. */
export interface Entry {
  readonly key: string;
  readonly keyRange: Range;
  readonly value: Node | null;
  /** The value's range, else the key's. */
  readonly range: Range;
}

export function rangeOf(node: unknown): Range {
  const range = (node as Node | null | undefined)?.range;
  return range ? [range[0], range[1]] : undefined;
}

/**
 * The entries of a mapping, in order; a problem (and undefined) when `node` is not one.
 * Keys that are not plain text are reported and skipped.
 */
export function entriesOf(node: Node | null, report: ConventionsProblems, what: string, at: Range): Entry[] | undefined {
  if (node === null || (isScalar(node) && node.value === null)) return [];
  if (!isMap(node)) {
    report.error('wrong-type', `${what} must be a mapping (key: value lines).`, rangeOf(node) ?? at);
    return undefined;
  }
  const entries: Entry[] = [];
  for (const pair of node.items as Pair[]) {
    const keyNode = pair.key as Node | null;
    if (!isScalar(keyNode) || (typeof keyNode.value !== 'string' && typeof keyNode.value !== 'number')) {
      report.error('wrong-type', `Keys in ${what} must be plain names.`, rangeOf(keyNode) ?? rangeOf(node));
      continue;
    }
    const value = pair.value as Node | null;
    entries.push({ key: String(keyNode.value), keyRange: rangeOf(keyNode), value, range: rangeOf(value) ?? rangeOf(keyNode) });
  }
  return entries;
}

/** Reports keys not in `known` as warnings (they are kept in the file and ignored). */
export function warnUnknownKeys(entries: readonly Entry[], known: readonly string[], report: ConventionsProblems, where: string): void {
  for (const entry of entries) {
    if (known.includes(entry.key)) continue;
    const near = closest(entry.key, known);
    report.warning('unknown-key', `Unknown key "${entry.key}" in ${where}; it is ignored.${near ? ` Did you mean "${near}"?` : ''} Known keys: ${known.join(', ')}.`, entry.keyRange);
  }
}

/** The known key within two edits of `key`, if there is exactly one candidate worth naming. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot be below it. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      smallest = Math.min(smallest, row[j]);
    }
    if (smallest >= limit) return limit;
    previous = row;
  }
  return previous[b.length];
}

export function isNullNode(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

/** A text value; a problem and undefined otherwise. Empty text is refused unless `allowEmpty`. */
export function textOf(entry: Entry, report: ConventionsProblems, what: string, maxLength: number, allowEmpty = false): string | undefined {
  const node = entry.value;
  if (!isScalar(node) || typeof node.value !== 'string') {
    report.error('wrong-type', `${what} must be text.`, entry.range);
    return undefined;
  }
  const value = node.value;
  if (!allowEmpty && value.trim() === '') {
    report.error('bad-value', `${what} must not be empty.`, entry.range);
    return undefined;
  }
  if (value.length > maxLength) {
    report.error('over-limit', `${what} is ${value.length} characters long; at most ${maxLength} are allowed.`, entry.range);
    return undefined;
  }
  return value;
}

export function booleanOf(entry: Entry, report: ConventionsProblems, what: string): boolean | undefined {
  const node = entry.value;
  if (!isScalar(node) || typeof node.value !== 'boolean') {
    report.error('wrong-type', `${what} must be true or false.`, entry.range);
    return undefined;
  }
  return node.value;
}

/** The items of a list; a single scalar is taken as a list of one when `single` allows it. */
export function itemsOf(entry: Entry, report: ConventionsProblems, what: string, single = false): Array<Node | null> | undefined {
  const node = entry.value;
  if (isNullNode(node)) return [];
  if (isSeq(node)) return node.items as Array<Node | null>;
  if (single && isScalar(node)) return [node];
  report.error('wrong-type', `${what} must be a list${single ? ' (or a single value)' : ''}, e.g. [a, b].`, entry.range);
  return undefined;
}

/** A scalar list item as text; a problem and undefined otherwise. */
export function itemText(node: Node | null, report: ConventionsProblems, what: string, at: Range): string | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
    report.error('wrong-type', `${what} must be non-empty text.`, rangeOf(node) ?? at);
    return undefined;
  }
  return node.value;
}

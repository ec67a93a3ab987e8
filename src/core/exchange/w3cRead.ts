/**
 * Reading W3C Web Annotations: an `AnnotationCollection` with its pages in the file (our
 * own export, or another tool's), an `AnnotationPage`, a single `Annotation`, or a list of
 * them. Only what a tag can hold is kept; anything else in the file is ignored.
 */
import { isKindId } from '../kinds';
import {
  asList,
  isObject,
  normaliseTime,
  readFields,
  readItems,
  tagIdFor,
  text,
  type ImportedAnnotation,
  type ReadAnnotationsResult,
} from './annotation';
import { ANNOTATION_CONTEXT, EXTENSION_KEY } from './w3c';

/** Pages followed at most: a collection is a file here, not a crawl. */
const MAX_PAGES = 10_000;

/**
 * Reads a parsed JSON value as Web Annotations.
 *
 * @param json - The file's contents after `JSON.parse`
 */
export function readW3cAnnotations(json: unknown): ReadAnnotationsResult {
  const native = isNativeExport(json);
  return readItems(annotationItems(json), (item, index) => readAnnotation(item, index, native));
}

/** The annotation objects of the file, or why there are none to read. */
function annotationItems(json: unknown): unknown[] | string {
  if (Array.isArray(json)) return json;
  if (!isObject(json)) return 'the file is not a Web Annotation collection: it holds a JSON value that is not an object or a list.';
  const types = typesOf(json);
  if (types.includes('Annotation')) return [json];
  if (types.includes('AnnotationPage')) return pageItems(json);
  if (types.includes('AnnotationCollection')) {
    const first = json.first;
    if (typeof first === 'string') {
      return `the collection's annotations are not in this file: its first page is only a link (${first}). Save the pages themselves and import those.`;
    }
    if (isObject(first)) return pageItems(first);
    if (Array.isArray(json.items)) return json.items;
    if (json.total === 0 || json.first === undefined) return [];
    return 'the collection has no "first" page holding its annotations.';
  }
  if (Array.isArray(json.rows) || (Array.isArray(json.annotations) && 'export_date' in json)) {
    return 'this looks like a Hypothesis export (it has "rows" or "annotations"), not a W3C collection; import it with --format hypothesis.';
  }
  const type = json.type ?? json['@type'];
  return `the file is not a Web Annotation collection: expected "type": "AnnotationCollection", "AnnotationPage" or "Annotation"${type === undefined ? ', and it has no type' : `, found ${JSON.stringify(type)}`}.`;
}

/** Items of a page and of the pages it links to with `next`, when they are in the file. */
function pageItems(page: Record<string, unknown>): unknown[] | string {
  const items: unknown[] = [];
  let current: unknown = page;
  for (let pages = 0; isObject(current) && pages < MAX_PAGES; pages++) {
    if (!Array.isArray(current.items)) return 'an annotation page has no "items" list.';
    items.push(...current.items);
    current = current.next;
  }
  return items;
}

/** Whether the file is a News Annotator export: its context declares our extension. */
function isNativeExport(json: unknown): boolean {
  if (!isObject(json)) return false;
  return asList(json['@context']).some((context) => isObject(context) && EXTENSION_KEY in context) && asList(json['@context']).includes(ANNOTATION_CONTEXT);
}

function typesOf(node: Record<string, unknown>): string[] {
  return asList(node.type ?? node['@type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^oa:/, ''));
}

function readAnnotation(item: unknown, index: number, native: boolean): ImportedAnnotation {
  const base = { index, positionUnit: 'code-point' as const, tags: [], purposes: [], kind: undefined, fields: undefined };
  if (!isObject(item) || !typesOf(item).includes('Annotation')) {
    return { ...base, sourceId: undefined, tagId: `w-item-${index}`, source: undefined, quote: undefined, position: undefined, note: undefined, author: undefined, created: undefined, updated: undefined, unusable: 'it is not an Annotation (no "type": "Annotation")' };
  }
  const sourceId = text(item.id) ?? text(item['@id']);
  const tags: string[] = [];
  const notes: string[] = [];
  const purposes: string[] = asList(item.motivation).filter((m): m is string => typeof m === 'string').map(stripPrefix);
  if (typeof item.bodyValue === 'string' && item.bodyValue.trim() !== '') notes.push(item.bodyValue);
  for (const body of asList(item.body)) {
    if (!isObject(body) || typeof body.value !== 'string') continue;
    const bodyPurposes = asList(body.purpose).filter((p): p is string => typeof p === 'string').map(stripPrefix);
    if (bodyPurposes.includes('tagging')) {
      if (body.value.trim() !== '') tags.push(body.value.trim());
      continue;
    }
    if (body.value.trim() !== '') notes.push(body.value);
    for (const purpose of bodyPurposes) if (purpose !== 'commenting' && !purposes.includes(purpose)) purposes.push(purpose);
  }
  const target = pickTarget(item.target);
  const quote = target.quote;
  const seed = `${target.source ?? ''}\n${quote?.exact ?? ''}\n${target.position?.start ?? ''}`;
  const extension = isObject(item[EXTENSION_KEY]) ? item[EXTENSION_KEY] : undefined;
  const kind = native && tags.length > 0 && isKindId(tags[0]) ? tags[0] : undefined;
  return {
    ...base,
    sourceId,
    tagId: tagIdFor(sourceId, seed, 'w-'),
    source: target.source,
    quote,
    position: target.position,
    tags: kind ? tags.slice(1) : tags,
    purposes,
    note: notes.length > 0 ? notes.join('\n\n') : undefined,
    author: creatorName(item.creator),
    created: normaliseTime(item.created),
    updated: normaliseTime(item.modified) ?? normaliseTime(item.created),
    kind,
    fields: native ? readFields(extension?.fields) : undefined,
    unusable: target.unusable,
  };
}

interface TargetReading {
  source: string | undefined;
  quote: ImportedAnnotation['quote'];
  position: ImportedAnnotation['position'];
  unusable: string | undefined;
}

/**
 * The first target with a text selector. A target that is only an IRI is a note on a whole
 * document, which has no span to tag.
 */
function pickTarget(value: unknown): TargetReading {
  const targets = asList(value);
  let source: string | undefined;
  for (const target of targets) {
    if (typeof target === 'string') {
      source ??= target;
      continue;
    }
    if (!isObject(target)) continue;
    const own = text(target.source) ?? (isObject(target.source) ? text(target.source.id) : undefined) ?? text(target.id);
    source ??= own;
    const reading = readSelectors(target.selector);
    if (reading.quote || reading.position) return { source: own, ...reading, unusable: undefined };
  }
  if (targets.length === 0) return { source, quote: undefined, position: undefined, unusable: 'it has no target' };
  return { source, quote: undefined, position: undefined, unusable: 'its target is a whole document, not a passage of text (no TextQuoteSelector or TextPositionSelector)' };
}

/** The first quote and position selectors, among the selectors given and their `refinedBy` chains. */
export function readSelectors(value: unknown): { quote: ImportedAnnotation['quote']; position: ImportedAnnotation['position'] } {
  let quote: ImportedAnnotation['quote'];
  let position: ImportedAnnotation['position'];
  const queue = asList(value);
  for (let i = 0; i < queue.length && i < 64; i++) {
    const selector = queue[i];
    if (!isObject(selector)) continue;
    const type = stripPrefix(String(selector.type ?? selector['@type'] ?? ''));
    if (type === 'TextQuoteSelector' && !quote && typeof selector.exact === 'string' && selector.exact !== '') {
      quote = {
        exact: selector.exact,
        prefix: typeof selector.prefix === 'string' ? selector.prefix : '',
        suffix: typeof selector.suffix === 'string' ? selector.suffix : '',
      };
    } else if (type === 'TextPositionSelector' && !position && isOffset(selector.start) && isOffset(selector.end) && selector.start <= selector.end) {
      position = { start: selector.start, end: selector.end };
    }
    if (selector.refinedBy !== undefined) queue.push(...asList(selector.refinedBy));
  }
  return { quote, position };
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function stripPrefix(term: string): string {
  return term.replace(/^oa:/, '');
}

/** A creator's name: an agent's `name` or `nickname`, a string, or the last part of an IRI. */
function creatorName(value: unknown): string | undefined {
  const creator = asList(value)[0];
  if (isObject(creator)) return text(creator.name)?.trim() ?? text(creator.nickname)?.trim() ?? lastSegment(text(creator.id));
  if (typeof creator === 'string') return /^[a-z][a-z0-9+.-]*:/i.test(creator) ? lastSegment(creator) : creator.trim() || undefined;
  return undefined;
}

function lastSegment(iri: string | undefined): string | undefined {
  if (iri === undefined) return undefined;
  const trimmed = iri.replace(/[#?].*$/, '').replace(/\/+$/, '');
  const last = trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':')) + 1);
  return last || undefined;
}

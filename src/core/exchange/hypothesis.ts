/**
 * Reading Hypothesis annotations: the JSON of its API (`GET /api/search` answers
 * `{"total": N, "rows": [...]}`), the file its client's "Export" writes
 * (`{"export_date", "export_userid", "client_version", "annotations": [...]}`), a bare list
 * of annotations, or one annotation. Each annotation has `id`, `uri`, `created`, `updated`,
 * `user` (`acct:name@authority`), `text` (Markdown), `tags`, and `target`: a list of
 * `{source, selector: [...]}` whose selectors are W3C `TextQuoteSelector`,
 * `TextPositionSelector` and a DOM `RangeSelector` (of no use outside the web page).
 *
 * Hypothesis counts positions in UTF-16 code units of the web page's text, so they are only
 * a hint here: the page's text is never the local article's byte for byte.
 */
import { asList, isObject, normaliseTime, readItems, tagIdFor, text, type ImportedAnnotation, type ReadAnnotationsResult } from './annotation';
import { readSelectors } from './w3cRead';

/**
 * Reads a parsed JSON value as Hypothesis annotations.
 *
 * @param json - The file's contents after `JSON.parse`
 */
export function readHypothesisAnnotations(json: unknown): ReadAnnotationsResult {
  return readItems(hypothesisRows(json), readRow);
}

function hypothesisRows(json: unknown): unknown[] | string {
  if (Array.isArray(json)) return json;
  if (!isObject(json)) return 'the file is not a Hypothesis export: it holds a JSON value that is not an object or a list.';
  if (Array.isArray(json.rows)) return json.rows;
  if (Array.isArray(json.annotations)) return json.annotations;
  if ('target' in json && ('uri' in json || 'id' in json)) return [json];
  const type = json.type ?? json['@type'];
  if (typeof type === 'string' && /Annotation(Collection|Page)?$/.test(type)) {
    return 'this looks like a W3C Web Annotation file, not a Hypothesis export; import it with --format w3c.';
  }
  return 'the file is not a Hypothesis export: expected the API\'s {"rows": [...]}, the client export\'s {"annotations": [...]}, or a list of annotations.';
}

function readRow(row: unknown, index: number): ImportedAnnotation {
  const base = { index, positionUnit: 'code-unit' as const, purposes: [], kind: undefined, fields: undefined };
  if (!isObject(row)) {
    return { ...base, sourceId: undefined, tagId: `h-row-${index}`, source: undefined, quote: undefined, position: undefined, tags: [], note: undefined, author: undefined, created: undefined, updated: undefined, unusable: 'it is not an annotation object' };
  }
  const sourceId = text(row.id);
  let source = text(row.uri);
  let quote: ImportedAnnotation['quote'];
  let position: ImportedAnnotation['position'];
  let otherSelectors = false;
  for (const target of asList(row.target)) {
    if (!isObject(target)) continue;
    if (asList(target.selector).length > 0) otherSelectors = true;
    const selectors = readSelectors(target.selector);
    if (selectors.quote || selectors.position) {
      source = text(target.source) ?? source;
      quote = selectors.quote;
      position = selectors.position;
      break;
    }
  }
  const references = asList(row.references);
  const unusable =
    references.length > 0 && !quote
      ? 'it is a reply to another annotation'
      : !quote && !position
        ? otherSelectors
          ? 'it has no TextQuoteSelector or TextPositionSelector, only selectors of the web page\'s structure (such as a RangeSelector), which do not apply to the local text'
          : 'it is a page note: it annotates the whole page, not a passage'
        : undefined;
  const note = typeof row.text === 'string' && row.text.trim() !== '' ? row.text : undefined;
  const seed = `${source ?? ''}\n${quote?.exact ?? ''}\n${position?.start ?? ''}`;
  return {
    ...base,
    sourceId,
    tagId: tagIdFor(sourceId, seed, 'h-'),
    source,
    quote,
    position,
    tags: asList(row.tags).filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.trim()),
    note,
    author: authorOf(row),
    created: normaliseTime(row.created),
    updated: normaliseTime(row.updated) ?? normaliseTime(row.created),
    unusable,
  };
}

/** The display name if the row has one, else the user name of `acct:name@authority`. */
function authorOf(row: Record<string, unknown>): string | undefined {
  const info = row.user_info;
  const display = isObject(info) ? text(info.display_name)?.trim() : undefined;
  if (display) return display;
  const user = text(row.user);
  if (!user) return undefined;
  const match = /^acct:([^@]+)@/.exec(user);
  return match ? match[1] : user;
}

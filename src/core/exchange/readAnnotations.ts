/**
 * Reading an import file whose format may not be known: Hypothesis's JSON has `rows` (API)
 * or `annotations` (client export) of objects with `uri` and `target`; anything else is read
 * as W3C Web Annotations.
 */
import { isObject, parseJson, type ReadAnnotationsResult } from './annotation';
import { readHypothesisAnnotations } from './hypothesis';
import { readW3cAnnotations } from './w3cRead';

export type AnnotationFormat = 'w3c' | 'hypothesis';

/** The format a parsed import file looks like. */
export function guessFormat(json: unknown): AnnotationFormat {
  const looksHypothesis = (row: unknown): boolean => isObject(row) && 'uri' in row && Array.isArray(row.target);
  if (Array.isArray(json)) return json.length > 0 && json.every(looksHypothesis) ? 'hypothesis' : 'w3c';
  if (!isObject(json)) return 'w3c';
  if (Array.isArray(json.rows) || (Array.isArray(json.annotations) && 'export_date' in json)) return 'hypothesis';
  return looksHypothesis(json) && json.type === undefined ? 'hypothesis' : 'w3c';
}

/**
 * Parses an import file's text and reads its annotations in `format`, or in the format it
 * looks like when none is given.
 */
export function readAnnotationFile(text: string, format?: AnnotationFormat): ReadAnnotationsResult & { readonly format?: AnnotationFormat } {
  const json = parseJson(text);
  if (!json.ok) return json;
  const chosen = format ?? guessFormat(json.value);
  const result = chosen === 'w3c' ? readW3cAnnotations(json.value) : readHypothesisAnnotations(json.value);
  return { ...result, format: chosen };
}

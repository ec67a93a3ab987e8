/**
 * Tags as a W3C Web Annotation `AnnotationCollection` (JSON-LD), for other annotation tools
 * and archives. Each tag is one `Annotation`: its kind a `TextualBody` with purpose
 * `tagging`, its note one with purpose `commenting`, its target the article with a
 * `TextQuoteSelector` (exact text and context, which survives edits) and, when the tag is
 * anchored, a `TextPositionSelector`.
 *
 * Offsets: the model counts positions in Unicode code points, so `start`/`end` here are
 * code points, converted from the UTF-16 code units the sidecar stores. A consumer written
 * in any language then selects the same characters; the two counts only differ past an
 * emoji or another character outside the Basic Multilingual Plane.
 */
import type { Tag } from '../tags';
import { sortArticles, type ExchangeArticle } from './articles';
import { CodePointIndex } from './codePoints';

/** The Web Annotation vocabulary's JSON-LD context. */
export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** Article IRIs start with this unless a base URL is given: a path is not an IRI by itself. */
export const DEFAULT_ARTICLE_BASE = 'urn:x-news-annotator:';

/** The collection's own IRI; the export is a snapshot, not a resource with a home. */
export const COLLECTION_ID = 'urn:x-news-annotator:collection';

/**
 * What the product adds to an annotation beyond the model: the tag's conventions fields and
 * its status when it is not anchored. Declared as a JSON literal in the context, so JSON-LD
 * processors carry it as data and other tools ignore it.
 */
export const EXTENSION_KEY = 'newsAnnotator';
const EXTENSION_CONTEXT = { [EXTENSION_KEY]: { '@id': 'urn:x-news-annotator:terms#tag', '@type': '@json' } };

export interface W3cOptions {
  /**
   * Prefix of article IRIs, e.g. `https://news.example/articles/`, where the articles are
   * published; default {@link DEFAULT_ARTICLE_BASE}.
   */
  readonly base?: string;
}

/**
 * The IRI of an article: the base and the article's path, each segment percent-encoded.
 *
 * @param path - `/`-separated, relative
 */
export function articleIri(path: string, base: string = DEFAULT_ARTICLE_BASE): string {
  return base + path.split('/').map(encodeURIComponent).join('/');
}

/** The IRI of a tag's annotation: its article's IRI with the tag id as fragment. */
export function annotationIri(path: string, tagId: string, base?: string): string {
  return `${articleIri(path, base)}#${encodeURIComponent(tagId)}`;
}

/**
 * Builds the collection of every tag of `articles`, in article then reading order.
 *
 * @returns A JSON-able object; `JSON.stringify(value, null, 2)` is the file
 */
export function buildW3cCollection(articles: readonly ExchangeArticle[], options: W3cOptions = {}): Record<string, unknown> {
  const items: Array<Record<string, unknown>> = [];
  for (const article of sortArticles(articles)) {
    const points = article.text === undefined ? undefined : new CodePointIndex(article.text);
    for (const tag of article.tags) items.push(annotationOf(article.path, tag, points, options.base));
  }
  const pageId = `${COLLECTION_ID}#page-1`;
  return {
    '@context': [ANNOTATION_CONTEXT, EXTENSION_CONTEXT],
    id: COLLECTION_ID,
    type: 'AnnotationCollection',
    label: 'Tags exported by News Annotator',
    total: items.length,
    ...(items.length === 0 ? {} : { first: { id: pageId, type: 'AnnotationPage', startIndex: 0, items }, last: pageId }),
  };
}

function annotationOf(path: string, tag: Tag, points: CodePointIndex | undefined, base: string | undefined): Record<string, unknown> {
  const body: Array<Record<string, unknown>> = [{ type: 'TextualBody', purpose: 'tagging', value: tag.kind }];
  if (tag.note !== undefined) body.push({ type: 'TextualBody', purpose: 'commenting', value: tag.note, format: 'text/markdown' });
  const { exact, prefix, suffix, start, end } = tag.anchor;
  const selector: Array<Record<string, unknown>> = [{ type: 'TextQuoteSelector', exact, prefix, suffix }];
  // A fuzzy tag sits on a passage that differs from its text, and an orphan on none: their
  // position would select other words than the quote, so only anchored tags give one.
  if (tag.status === 'anchored' && points) selector.push({ type: 'TextPositionSelector', start: points.toCodePoint(start), end: points.toCodePoint(end) });
  const extension: Record<string, unknown> = {};
  if (tag.status !== 'anchored') extension.status = tag.status;
  const fields = Object.entries(tag.extra ?? {}).filter(([, value]) => value !== undefined);
  if (fields.length > 0) extension.fields = Object.fromEntries(fields);
  return {
    id: annotationIri(path, tag.id, base),
    type: 'Annotation',
    ...(tag.created ? { created: tag.created } : {}),
    ...(tag.updated ? { modified: tag.updated } : {}),
    ...(tag.author ? { creator: { type: 'Person', name: tag.author } } : {}),
    body,
    target: { source: articleIri(path, base), selector },
    ...(Object.keys(extension).length === 0 ? {} : { [EXTENSION_KEY]: extension }),
  };
}

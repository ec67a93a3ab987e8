/**
 * Which local article an imported annotation is about. Annotations name their document by
 * IRI: our own exports by `urn:x-news-annotator:<path>` (or a base URL given at export),
 * other tools by the web page's URL. Paths found here are relative, `/`-separated and never
 * leave the folder the import runs in.
 */
import { normalise } from '../sidecarPath';
import type { ImportedAnnotation } from './annotation';
import { DEFAULT_ARTICLE_BASE } from './w3c';

/**
 * The relative path an annotation's source names, if it names a local article: the part
 * after {@link DEFAULT_ARTICLE_BASE} or after `base`, percent-decoded. Undefined for any
 * other IRI, and for a path that climbs out of the folder (`../`) or is absolute.
 *
 * @param base - The base URL the export was made with, if not the default
 */
export function localPathOf(source: string | undefined, base?: string): string | undefined {
  if (source === undefined) return undefined;
  let rest: string | undefined;
  for (const prefix of [DEFAULT_ARTICLE_BASE, base]) {
    if (prefix && source.startsWith(prefix)) {
      rest = source.slice(prefix.length);
      break;
    }
  }
  if (rest === undefined) return undefined;
  let path: string;
  try {
    path = rest.replace(/[?#].*$/, '').split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
  const normalised = normalise(path);
  if (normalised === '' || normalised.startsWith('/') || normalised === '..' || normalised.startsWith('../')) return undefined;
  return normalised;
}

export interface SourceGroups {
  /** Annotations per local article path, in the file's order. */
  readonly byArticle: ReadonlyMap<string, ImportedAnnotation[]>;
  /** Annotations about a document that is not a local article, with the reason. */
  readonly elsewhere: ReadonlyArray<{ readonly annotation: ImportedAnnotation; readonly reason: string }>;
}

/**
 * Sorts annotations by the article they belong to.
 *
 * With `article` given (the `--article` option), every annotation goes to it when the file
 * is about one document; when it is about several, only those whose source names that
 * article (its path, or a URL ending in its file name) do, and the others are reported.
 * Without it, each goes to the article its source names ({@link localPathOf}).
 *
 * @param article - The target article's relative path, if one was chosen
 */
export function groupBySource(annotations: readonly ImportedAnnotation[], article: string | undefined, base?: string): SourceGroups {
  const byArticle = new Map<string, ImportedAnnotation[]>();
  const elsewhere: Array<{ annotation: ImportedAnnotation; reason: string }> = [];
  const add = (path: string, annotation: ImportedAnnotation): void => {
    const list = byArticle.get(path);
    if (list) list.push(annotation);
    else byArticle.set(path, [annotation]);
  };
  if (article !== undefined) {
    const sources = new Set(annotations.filter((a) => !a.unusable).map((a) => a.source ?? ''));
    const name = article.slice(article.lastIndexOf('/') + 1);
    for (const annotation of annotations) {
      if (sources.size <= 1 || annotation.unusable || namesArticle(annotation.source, article, name, base)) add(article, annotation);
      else elsewhere.push({ annotation, reason: `it is about ${annotation.source ?? 'no document'}, not ${article}` });
    }
    return { byArticle, elsewhere };
  }
  for (const annotation of annotations) {
    const path = localPathOf(annotation.source, base);
    if (path !== undefined) add(path, annotation);
    else {
      const reason =
        annotation.source === undefined
          ? 'it does not say which document it is about; import it with --article'
          : `its document, ${annotation.source}, is no article of this folder; import it with --article${base === undefined ? ' (or --base)' : ''}`;
      elsewhere.push({ annotation, reason });
    }
  }
  return { byArticle, elsewhere };
}

function namesArticle(source: string | undefined, article: string, name: string, base: string | undefined): boolean {
  if (source === undefined) return false;
  if (localPathOf(source, base) === article) return true;
  const path = source.replace(/[?#].*$/, '').replace(/\/+$/, '');
  let last = path.slice(path.lastIndexOf('/') + 1);
  try {
    last = decodeURIComponent(last);
  } catch {
    // Keep the raw segment.
  }
  return last === name;
}

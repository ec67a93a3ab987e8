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
  /** Annotations about a document that is not a local article (or not the one chosen), with the reason. */
  readonly elsewhere: ReadonlyArray<{ readonly annotation: ImportedAnnotation; readonly reason: string }>;
}

export interface GroupOptions {
  /** The article to import onto (`--article`), as a relative path. */
  readonly article?: string;
  /** Only annotations about this document (`--source`), when the file covers several. */
  readonly source?: string;
  /** The base URL the export was made with, if not the default. */
  readonly base?: string;
}

/**
 * Sorts annotations by the local article they belong to.
 *
 * Without `article`, each goes to the article its source names ({@link localPathOf}). With
 * it, every annotation goes there when the file is about one document; when the file covers
 * several, those whose source names the article (its path, or a URL ending in its file name)
 * do, and if none does, `source` must say which document's annotations to take. Annotations
 * left out are listed with the reason.
 *
 * @returns The groups, or a message when the choice is not clear
 */
export function groupBySource(annotations: readonly ImportedAnnotation[], options: GroupOptions = {}): SourceGroups | { readonly error: string } {
  const { article, source, base } = options;
  const byArticle = new Map<string, ImportedAnnotation[]>();
  const elsewhere: Array<{ annotation: ImportedAnnotation; reason: string }> = [];
  const add = (path: string, annotation: ImportedAnnotation): void => {
    const list = byArticle.get(path);
    if (list) list.push(annotation);
    else byArticle.set(path, [annotation]);
  };
  let candidates = annotations;
  if (source !== undefined) {
    candidates = annotations.filter((a) => a.source === source);
    if (candidates.length === 0) return { error: `no annotation of the file is about ${source}; it covers ${describeSources(annotations)}.` };
    for (const annotation of annotations) if (annotation.source !== source) elsewhere.push({ annotation, reason: `it is about ${annotation.source ?? 'no document'}, not ${source}` });
  }
  if (article !== undefined) {
    const sources = new Set(candidates.filter((a) => !a.unusable).map((a) => a.source ?? ''));
    const name = article.slice(article.lastIndexOf('/') + 1);
    const naming = candidates.filter((a) => namesArticle(a.source, article, name, base));
    if (sources.size > 1 && naming.length === 0) {
      return { error: `the file covers ${sources.size} documents (${describeSources(candidates)}); choose the one that is ${article} with --source.` };
    }
    for (const annotation of candidates) {
      if (sources.size <= 1 || naming.includes(annotation)) add(article, annotation);
      else elsewhere.push({ annotation, reason: `it is about ${annotation.source ?? 'no document'}, not ${article}` });
    }
    return { byArticle, elsewhere };
  }
  for (const annotation of candidates) {
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

/** "URL (N annotations), URL (M)", most annotated first, for messages. */
function describeSources(annotations: readonly ImportedAnnotation[]): string {
  const counts = new Map<string, number>();
  for (const a of annotations) if (!a.unusable) counts.set(a.source ?? '(no document)', (counts.get(a.source ?? '(no document)') ?? 0) + 1);
  const list = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = list.slice(0, 5).map(([name, n], i) => `${name} (${n}${i === 0 ? ` annotation${n === 1 ? '' : 's'}` : ''})`);
  return list.length > 5 ? `${shown.join(', ')} and ${list.length - 5} more` : shown.join(', ');
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

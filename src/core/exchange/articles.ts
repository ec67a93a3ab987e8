/**
 * The articles an export, an import or a count works on: each with its path, its text when
 * it could be read, and its tags found again in that text. How the files were found and read
 * is the caller's business (the command line walks folders, the editor asks its store).
 */
import type { Conventions } from '../conventions';
import type { KindRegistry } from '../kinds';
import { loadSidecar } from '../review/load';
import type { Problem } from '../sidecar';
import { reanchorTags, type Tag } from '../tags';

export interface ExchangeArticle {
  /** The article's path, `/`-separated, relative to where the export was run (or the workspace folder). */
  readonly path: string;
  /** The article's text; undefined when the article is missing (its tags keep their last place). */
  readonly text: string | undefined;
  /** The tags, anchored in `text` (status anchored, fuzzy or orphan), sorted by position. */
  readonly tags: readonly Tag[];
  /** The conventions in force for the article, when they differ from those the export was given. */
  readonly conventions?: Conventions;
}

export interface ReadArticleResult {
  /** Undefined when the sidecar has errors: its tags are not trusted for export. */
  readonly article: ExchangeArticle | undefined;
  readonly problems: readonly Problem[];
}

/**
 * Reads one sidecar and finds its tags again in the article, as the editor does on load.
 * A sidecar with errors yields no article: an export skips it (and says so) rather than
 * publish tags the product itself refuses to rewrite.
 *
 * @param path - The article's path as it should appear in the export
 * @param sidecarText - The sidecar's contents decoded as UTF-8
 * @param articleText - The article's text, or undefined when it is missing
 */
export function readArticleTags(path: string, sidecarText: string, articleText: string | undefined, kinds?: KindRegistry): ReadArticleResult {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const file = loadSidecar(sidecarText, { kinds, articleName: name, articleLength: articleText?.length });
  if (!file.writable) return { article: undefined, problems: file.problems };
  const tags = articleText === undefined ? file.tags : reanchorTags(file.tags, articleText);
  return { article: { path, text: articleText, tags }, problems: file.problems };
}

/** Articles in a stable order: by path, compared code unit by code unit. */
export function sortArticles<T extends { readonly path: string }>(articles: readonly T[]): T[] {
  return [...articles].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

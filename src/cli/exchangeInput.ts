/**
 * What `export` and `stats` read: every sidecar under the paths given, its article's text,
 * and the conventions of the article's folder, as {@link ExchangeArticle}s. Sidecars with
 * errors are left out and said so on stderr; the export of the others goes on.
 */
import { findConventions, type Conventions } from '../core/conventions';
import { readArticleTags, type ExchangeArticle } from '../core/exchange';
import { folderOf, nodeConventionsReader } from './conventionsReader';
import { articleOf, displayPath, fileExists, isSidecarFile, readTextFile, sidecarOf, sidecarRoots, walk } from './files';
import type { Io } from './run';

export interface TaggedArticles {
  readonly articles: ExchangeArticle[];
  /** Sidecars read (with or without errors). */
  readonly sidecars: number;
  /** Sidecars left out because they have errors or cannot be read. */
  readonly skipped: number;
  /** A path or a conventions file could not be used: the command should exit 2 and write nothing. */
  readonly usageError: boolean;
}

/**
 * Finds and reads the tagged articles under `paths` (files or folders; default `.`),
 * reporting problems on stderr prefixed with `command`.
 */
export async function readTaggedArticles(paths: readonly string[], io: Io, command: string): Promise<TaggedArticles> {
  const say = (text: string): void => void io.stderr.write(`news-annotator ${command}: ${text}\n`);
  // An article given by name stands for its sidecar; one without a sidecar has no tags.
  const roots: string[] = [];
  for (const given of paths.length > 0 ? paths : ['.']) {
    if (isSidecarFile(given) || !fileExists(given)) roots.push(given);
    else if (fileExists(sidecarOf(given))) roots.push(sidecarOf(given));
  }
  const found = walk(sidecarRoots(roots), isSidecarFile);
  let usageError = false;
  for (const problem of found.problems) {
    say(`${displayPath(problem.path)}: ${problem.message}`);
    usageError = true;
  }
  const conventionsOf = new Map<string, Promise<Conventions | undefined>>();
  const articles: ExchangeArticle[] = [];
  let skipped = 0;
  for (const sidecar of found.files) {
    const article = articleOf(sidecar);
    const shown = displayPath(article);
    const folder = folderOf(article);
    let loading = conventionsOf.get(folder);
    if (!loading) {
      loading = findConventions(folder, nodeConventionsReader).then((loaded) => {
        for (const problem of loaded.problems.filter((p) => p.severity === 'error')) {
          say(`${displayPath(problem.file)}:${problem.line + 1}:${problem.column + 1}: ${problem.message}`);
        }
        return loaded.ok ? loaded.conventions : undefined;
      });
      conventionsOf.set(folder, loading);
    }
    const conventions = await loading;
    if (!conventions) {
      usageError = true;
      continue;
    }
    const sidecarRead = readTextFile(sidecar);
    if (!sidecarRead.ok) {
      say(`${displayPath(sidecar)}: ${sidecarRead.message}; its tags are not included`);
      skipped++;
      continue;
    }
    let text: string | undefined;
    if (fileExists(article)) {
      const articleRead = readTextFile(article);
      if (articleRead.ok) text = articleRead.text;
      else say(`${shown}: ${articleRead.message}; its tags keep their stored places`);
    } else {
      say(`${shown}: the article is missing; its tags keep their stored places`);
    }
    const read = readArticleTags(shown, sidecarRead.text, text, conventions.kinds);
    if (!read.article) {
      const first = read.problems.find((p) => p.severity === 'error');
      say(`${displayPath(sidecar)}${first ? `:${first.line + 1}:${first.column + 1}: ${first.message}` : ''} (the sidecar has errors; its tags are not included)`);
      skipped++;
      continue;
    }
    articles.push({ ...read.article, conventions });
  }
  return { articles, sidecars: found.files.length, skipped, usageError };
}

/**
 * The workspace's tags as the side panel sees them: filtered, grouped by file then kind or
 * by kind then file, and put in reading order for "next tag" / "previous tag". Plain data in
 * and out, so it is tested and measured without VS Code.
 */
import type { KindRegistry } from './kinds';
import type { Tag } from './tags';

/** One article's tags, as the index reads them. */
export interface ArticleTagList {
  /** A stable key for the article (its URI). */
  readonly key: string;
  /** The path shown to people, relative to the workspace; files are ordered by it. */
  readonly label: string;
  readonly tags: readonly Tag[];
}

export interface TagFilter {
  /** Only these kind ids; undefined or empty for every kind. */
  readonly kinds?: readonly string[];
  /** Only tags whose text or note contains this, ignoring case. */
  readonly text?: string;
  /** Only tags by this author, ignoring case. */
  readonly author?: string;
  /** Only tags that need attention: orphaned or fuzzily re-anchored. */
  readonly orphansOnly?: boolean;
  /** Only tags whose field has one of the values, per field name (e.g. `verdict: [misleading]`). */
  readonly fields?: Readonly<Record<string, readonly string[]>>;
  /** Only tags that break a rule of the conventions. */
  readonly breakingRules?: boolean;
}

export type Grouping = 'file' | 'kind';

/** Whether the filter lets anything out. */
export function isFilterActive(filter: TagFilter): boolean {
  return (filter.kinds?.length ?? 0) > 0 || !!filter.text?.trim() || !!filter.author?.trim() || !!filter.orphansOnly || fieldConditions(filter).length > 0 || !!filter.breakingRules;
}

function fieldConditions(filter: TagFilter): Array<[string, Set<string>]> {
  return Object.entries(filter.fields ?? {})
    .filter(([, values]) => values.length > 0)
    .map(([name, values]) => [name, new Set(values)]);
}

/**
 * Makes a test for one tag from a filter. Built once per filter so that checking ten
 * thousand tags costs string comparisons only.
 *
 * @param breaksRules - Whether a tag breaks a rule of its article's conventions, for
 *   `breakingRules`; without it that condition lets every tag through
 */
export function tagMatcher(filter: TagFilter, breaksRules?: (tag: Tag) => boolean): (tag: Tag) => boolean {
  const kinds = filter.kinds && filter.kinds.length > 0 ? new Set(filter.kinds) : undefined;
  const text = filter.text?.trim().toLocaleLowerCase();
  const author = filter.author?.trim().toLocaleLowerCase();
  const orphans = !!filter.orphansOnly;
  const fields = fieldConditions(filter);
  const breaking = filter.breakingRules && breaksRules;
  return (tag) =>
    (!kinds || kinds.has(tag.kind)) &&
    (!orphans || tag.status !== 'anchored') &&
    (!author || tag.author.toLocaleLowerCase() === author) &&
    (!text || searchText(tag).includes(text)) &&
    fields.every(([name, values]) => values.has(String(tag.extra?.[name]))) &&
    (!breaking || breaking(tag));
}

/**
 * Each tag's text and note in lower case, made once per tag: tags are replaced, never
 * changed, so a filter typed letter by letter does not lower-case ten thousand texts again
 * for every letter. The NUL between them keeps a search from matching across the two.
 */
const folded = new WeakMap<Tag, string>();

function searchText(tag: Tag): string {
  let text = folded.get(tag);
  if (text === undefined) {
    text = (tag.note ? `${tag.anchor.exact}\u0000${tag.note}` : tag.anchor.exact).toLocaleLowerCase();
    folded.set(tag, text);
  }
  return text;
}

/** Compares file labels as people expect: `article-2` before `article-10`. */
const collator = new Intl.Collator(undefined, { numeric: true });

/** Articles in the order the panel lists them: by label, so the list does not jump around. */
export function sortArticles<T extends ArticleTagList>(articles: readonly T[]): T[] {
  return [...articles].sort((a, b) => collator.compare(a.label, b.label) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export interface KindCount {
  readonly kind: string;
  readonly count: number;
}

/**
 * The kinds present among `tags`, in the registry's order, then unknown kinds by id, each
 * with its number of tags.
 */
export function countKinds(tags: readonly Tag[], registry: KindRegistry): KindCount[] {
  const counts = new Map<string, number>();
  for (const tag of tags) counts.set(tag.kind, (counts.get(tag.kind) ?? 0) + 1);
  const known = registry.ids().filter((id) => counts.has(id));
  const unknown = [...counts.keys()].filter((id) => !registry.has(id)).sort();
  return [...known, ...unknown].map((kind) => ({ kind, count: counts.get(kind)! }));
}

/** A tag's place in the whole workspace's reading order. */
export interface TagPosition {
  readonly article: string;
  readonly tag: Tag;
}

/**
 * Every matching tag in reading order: files by label, tags by position. Orphans have no
 * place in the text and come last within their file, in the order they were stored.
 */
export function readingOrder(articles: readonly ArticleTagList[], matches: (tag: Tag) => boolean): TagPosition[] {
  const out: TagPosition[] = [];
  for (const article of sortArticles(articles)) {
    const placed = article.tags.filter((t) => t.status !== 'orphan' && matches(t));
    const orphans = article.tags.filter((t) => t.status === 'orphan' && matches(t));
    for (const tag of [...placed, ...orphans]) out.push({ article: article.key, tag });
  }
  return out;
}

/**
 * The tag to go to from a place in an article: the first tag starting after `offset` (or,
 * going back, the last one starting before it), moving on across files and wrapping around.
 *
 * @param order - From {@link readingOrder}
 * @param article - The key of the article the cursor is in (may have no tags)
 * @param offset - The cursor's offset; the selection's start when a tag is selected
 * @param articleOrder - Labels by key, to place an article with no tags among the others
 */
export function stepTag(
  order: readonly TagPosition[],
  article: string | undefined,
  offset: number,
  direction: 1 | -1,
  articleOrder?: (key: string) => string,
): TagPosition | undefined {
  if (order.length === 0) return undefined;
  if (article === undefined) return direction === 1 ? order[0] : order[order.length - 1];
  const label = articleOrder ?? ((key: string) => key);
  const here = label(article);
  // Tags of one article are contiguous in reading order, so files are compared once per
  // block rather than once per tag: Next Tag stays instant with ten thousand tags.
  const fileSide = (key: string): number => Math.sign(collator.compare(label(key), here) || (key < article ? -1 : key > article ? 1 : 0));
  // Orphans have no place in the text; they count as after everything else in their file.
  const tagSide = (p: TagPosition): number => Math.sign((p.tag.status === 'orphan' ? Infinity : p.tag.anchor.start) - offset);
  const blocks: Array<[number, number]> = [];
  for (let i = 0; i < order.length; ) {
    let j = i + 1;
    while (j < order.length && order[j].article === order[i].article) j++;
    blocks.push([i, j]);
    i = j;
  }
  if (direction === 1) {
    for (const [i, j] of blocks) {
      if (order[i].article === article) {
        for (let k = i; k < j; k++) if (tagSide(order[k]) > 0) return order[k];
      } else if (fileSide(order[i].article) > 0) {
        return order[i];
      }
    }
    return order[0];
  }
  for (let b = blocks.length - 1; b >= 0; b--) {
    const [i, j] = blocks[b];
    if (order[i].article === article) {
      for (let k = j - 1; k >= i; k--) if (tagSide(order[k]) < 0) return order[k];
    } else if (fileSide(order[i].article) < 0) {
      return order[j - 1];
    }
  }
  return order[order.length - 1];
}

/** The filter in a few words for the view's description: `claim, opinion · "troops" · orphans`. */
export function describeFilter(filter: TagFilter, registry: KindRegistry): string {
  const parts: string[] = [];
  if (filter.kinds && filter.kinds.length > 0) parts.push(filter.kinds.map((k) => registry.labelFor(k)).join(', '));
  if (filter.text?.trim()) parts.push(`“${filter.text.trim()}”`);
  if (filter.author?.trim()) parts.push(`by ${filter.author.trim()}`);
  if (filter.orphansOnly) parts.push('needing attention');
  for (const [name, values] of fieldConditions(filter)) parts.push(`${name}: ${[...values].join(', ')}`);
  if (filter.breakingRules) parts.push('breaking rules');
  return parts.join(' · ');
}

/**
 * A tag as a Markdown quote with where it comes from, for pasting into a review or a chat:
 *
 * > “Putin has lost a significant number of troops…”
 *
 * — `article.txt`, line 2 · Claim · Note: …
 */
export function markdownQuote(tag: Tag, articleLabel: string, registry: KindRegistry): string {
  const quoted = tag.anchor.exact
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
  const source = `— \`${articleLabel}\`, line ${tag.anchor.line + 1} · ${registry.labelFor(tag.kind)}`;
  const note = tag.note ? `\n\n${tag.note}` : '';
  return `${quoted}\n\n${source}${note}\n`;
}

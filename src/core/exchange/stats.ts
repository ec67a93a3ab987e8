/**
 * Counts over tags, for a desk's overview (`news-annotator stats`): by kind, verdict,
 * status, author and folder; how many tags lost their footing (fuzzy, orphan); which tags
 * lack a field their kind requires.
 */
import { Conventions, requiredFields } from '../conventions';
import type { TagStatus } from '../tags';
import type { ExchangeArticle } from './articles';
import { verdictFieldOf } from './verdict';

/** Counts by name, largest first, then by name. */
export type Counts = Readonly<Record<string, number>>;

export interface TagStats {
  readonly articles: number;
  readonly tags: number;
  readonly byKind: Counts;
  /** Verdicts of tags whose kind has a verdict field; `(none)` counts those without one yet. */
  readonly byVerdict: Counts;
  readonly byStatus: Readonly<Record<TagStatus, number>>;
  readonly byAuthor: Counts;
  /** By the article's folder (`.` for the top). */
  readonly byFolder: Counts;
  /** Shares of all tags, 0 to 1 (0 when there are no tags). */
  readonly fuzzyRate: number;
  readonly orphanRate: number;
  /** Tags lacking at least one field their kind requires. */
  readonly missingRequired: number;
  /** Per `kind.field`, how many tags lack it. */
  readonly missingByField: Counts;
}

export const NO_VERDICT = '(none)';
export const NO_AUTHOR = '(unknown)';

/**
 * Counts the tags of `articles`.
 *
 * @param articles - Articles with their anchored tags
 * @param fallback - The conventions of articles that do not carry their own
 */
export function computeStats(articles: readonly ExchangeArticle[], fallback: Conventions = Conventions.defaults): TagStats {
  const byKind = new Map<string, number>();
  const byVerdict = new Map<string, number>();
  const byAuthor = new Map<string, number>();
  const byFolder = new Map<string, number>();
  const missingByField = new Map<string, number>();
  const byStatus: Record<TagStatus, number> = { anchored: 0, fuzzy: 0, orphan: 0 };
  let tags = 0;
  let missingRequired = 0;
  for (const article of articles) {
    const conventions = article.conventions ?? fallback;
    const slash = article.path.lastIndexOf('/');
    const folder = slash < 0 ? '.' : article.path.slice(0, slash);
    for (const tag of article.tags) {
      tags++;
      count(byKind, tag.kind);
      byStatus[tag.status]++;
      count(byAuthor, tag.author.trim() || NO_AUTHOR);
      count(byFolder, folder);
      const verdictField = verdictFieldOf(conventions, tag.kind);
      const verdict = tag.extra?.[verdictField?.name ?? 'verdict'];
      if (verdictField || verdict !== undefined) count(byVerdict, typeof verdict === 'string' && verdict.trim() !== '' ? verdict.trim() : NO_VERDICT);
      const missing = requiredFields(conventions, tag.kind, tag.extra);
      if (missing.length > 0) missingRequired++;
      for (const field of missing) count(missingByField, `${tag.kind}.${field.name}`);
    }
  }
  return {
    articles: articles.length,
    tags,
    byKind: sorted(byKind),
    byVerdict: sorted(byVerdict),
    byStatus,
    byAuthor: sorted(byAuthor),
    byFolder: sorted(byFolder),
    fuzzyRate: tags === 0 ? 0 : byStatus.fuzzy / tags,
    orphanRate: tags === 0 ? 0 : byStatus.orphan / tags,
    missingRequired,
    missingByField: sorted(missingByField),
  };
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function sorted(map: Map<string, number>): Counts {
  return Object.fromEntries([...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/**
 * The counts as aligned text tables, one per grouping, for a terminal.
 */
export function formatStats(stats: TagStats): string {
  const out: string[] = [];
  const articles = `${stats.articles} article${stats.articles === 1 ? '' : 's'}`;
  const tags = `${stats.tags} tag${stats.tags === 1 ? '' : 's'}`;
  out.push(`${articles}, ${tags}; fuzzy ${percent(stats.fuzzyRate)}, orphan ${percent(stats.orphanRate)}; ${stats.missingRequired} lacking a required field`);
  const sections: Array<[string, Counts]> = [
    ['Kind', stats.byKind],
    ['Status', stats.byStatus],
    ['Verdict', stats.byVerdict],
    ['Author', stats.byAuthor],
    ['Folder', stats.byFolder],
    ['Missing required field', stats.missingByField],
  ];
  for (const [title, counts] of sections) {
    const entries = Object.entries(counts);
    if (entries.length === 0) continue;
    out.push('', ...table(title, entries, stats.tags));
  }
  return `${out.join('\n')}\n`;
}

function table(title: string, entries: ReadonlyArray<[string, number]>, total: number): string[] {
  const nameWidth = Math.max(title.length, ...entries.map(([name]) => [...name].length));
  const countWidth = Math.max(4, ...entries.map(([, n]) => String(n).length));
  const pad = (name: string): string => name + ' '.repeat(nameWidth - [...name].length);
  const lines = [`${pad(title)}  ${'Tags'.padStart(countWidth)}  ${'Share'.padStart(7)}`];
  for (const [name, n] of entries) lines.push(`${pad(flat(name))}  ${String(n).padStart(countWidth)}  ${percent(total === 0 ? 0 : n / total).padStart(7)}`);
  return lines;
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)} %`;
}

/** A name on one line: an author or verdict with a line break must not break the table. */
function flat(name: string): string {
  return name.replace(/[\r\n\t]+/g, ' ');
}

/**
 * Tags as schema.org `ClaimReview` records (JSON-LD), the structured data fact-checkers
 * publish and fact-check consumers (Google's Fact Check Explorer, search engines, research
 * archives) read. One record per tag that carries a verdict: a field of its kind bound to a
 * rating scale of the conventions (or a field named `verdict`).
 *
 * Properties, as Google's fact-check documentation lists them: required `claimReviewed`,
 * `reviewRating` (with `alternateName`) and `url`; recommended `author`, `datePublished`,
 * `itemReviewed` (a `Claim` with `author`, `datePublished`, `appearance` and
 * `firstAppearance`), and the rating's `ratingValue`, `bestRating`, `worstRating` and
 * `name`. What each is made from is in docs/export-formats.md.
 */
import { Conventions, factCheckUrl, ratingValue, type FieldSpec } from '../conventions';
import type { Tag } from '../tags';
import { sortArticles, type ExchangeArticle } from './articles';
import { fieldSpeaker, findSpeakers } from './speakers';
import { verdictFieldOf } from './verdict';

/** Google shows `claimReviewed` on one line on a phone up to about this many characters. */
export const CLAIM_REVIEWED_MAX = 75;

const SUMMARY_FIELDS = ['summary', 'claim_reviewed', 'claim_summary'];
const APPEARANCE_FIELDS = ['source_url', 'appearance', 'source'];
const FIRST_APPEARANCE_FIELDS = ['first_appearance', 'first_appearance_url'];
const CLAIM_DATE_FIELDS = ['claim_date', 'date', 'said_on'];

export interface ClaimReviewEntry {
  readonly article: string;
  readonly tag: Tag;
  /** 1-based line of the tag, for messages. */
  readonly line: number;
  readonly record: Record<string, unknown>;
  /** Required properties it lacks (Google ignores such a record). */
  readonly missingRequired: readonly string[];
  /** Recommended properties it lacks. */
  readonly missingRecommended: readonly string[];
  /** Other things a person should know (a long `claimReviewed`, a verdict off the scale). */
  readonly warnings: readonly string[];
}

export interface ClaimReviewExport {
  /** One per tag with a verdict, in article then reading order. */
  readonly entries: readonly ClaimReviewEntry[];
  /** Tags of a kind with a verdict field whose verdict is not set yet. */
  readonly withoutVerdict: number;
}

export interface ClaimReviewOptions {
  /** Speaker of each tag by article path and tag id; found with the detector when not given. */
  readonly speakers?: (article: ExchangeArticle) => ReadonlyMap<string, string>;
}

/**
 * Builds the ClaimReview records of every tag with a verdict.
 *
 * @param articles - Articles with their anchored tags, in any order
 * @param fallback - The conventions of articles that do not carry their own
 */
export function buildClaimReviews(articles: readonly ExchangeArticle[], fallback: Conventions = Conventions.defaults, options: ClaimReviewOptions = {}): ClaimReviewExport {
  const entries: ClaimReviewEntry[] = [];
  let withoutVerdict = 0;
  for (const article of sortArticles(articles)) {
    const conventions = article.conventions ?? fallback;
    let speakers: ReadonlyMap<string, string> | undefined;
    for (const tag of article.tags) {
      const fields = conventions.fieldsOf(tag.kind);
      const verdictField = verdictFieldOf(conventions, tag.kind);
      if (!verdictField) continue;
      const verdict = tag.extra?.[verdictField.name];
      if (typeof verdict !== 'string' || verdict.trim() === '') {
        withoutVerdict++;
        continue;
      }
      speakers ??= options.speakers?.(article) ?? (article.text === undefined ? new Map() : findSpeakers(article.text, article.tags));
      entries.push(reviewOf(article, tag, fields, verdictField, verdict.trim(), conventions, speakers.get(tag.id) ?? fieldSpeaker(tag)));
    }
  }
  return { entries, withoutVerdict };
}

function reviewOf(article: ExchangeArticle, tag: Tag, fields: readonly FieldSpec[], verdictField: FieldSpec, verdict: string, conventions: Conventions, speaker: string | undefined): ClaimReviewEntry {
  const missingRequired: string[] = [];
  const missingRecommended: string[] = [];
  const warnings: string[] = [];
  // A role's field: one with a name the role is known by (declared or not), else the first
  // declared field of the role's type.
  const value = (names: readonly string[], type?: FieldSpec['type']): string | undefined => {
    const typed = type ? fields.find((f) => f.type === type && f !== verdictField) : undefined;
    const candidates = typed ? [...names, typed.name] : names;
    for (const name of candidates) {
      const raw = tag.extra?.[name];
      if (typeof raw === 'string' && raw.trim() !== '') return raw.trim();
    }
    return undefined;
  };

  const summary = value(SUMMARY_FIELDS);
  const claimReviewed = (summary ?? tag.anchor.exact).replace(/\s+/g, ' ').trim();
  if ([...claimReviewed].length > CLAIM_REVIEWED_MAX) {
    warnings.push(`claimReviewed is ${[...claimReviewed].length} characters, over the ${CLAIM_REVIEWED_MAX} that fit on a phone; add a short "summary" field`);
  }

  const publish = conventions.publish;
  const url = factCheckUrl(publish, { id: tag.id, kind: tag.kind, path: article.path });
  if (!url) missingRequired.push('url (publish.fact_check_url in the conventions)');

  const author: Record<string, unknown> = { '@type': 'Organization' };
  if (publish.organization) author.name = publish.organization;
  else missingRecommended.push('author.name (publish.organization)');
  if (publish.url) author.url = publish.url;
  else missingRecommended.push('author.url (publish.url)');

  const rating = ratingOf(verdictField, verdict, conventions, warnings, missingRecommended);

  const claim: Record<string, unknown> = { '@type': 'Claim' };
  if (speaker) claim.author = { '@type': 'Person', name: speaker };
  else missingRecommended.push('itemReviewed.author (a "speaker" field, or a detected speaker)');
  const claimDate = value(CLAIM_DATE_FIELDS, 'date');
  if (claimDate) claim.datePublished = claimDate;
  else missingRecommended.push('itemReviewed.datePublished (a date field)');
  const appearance = value(APPEARANCE_FIELDS, 'url');
  const firstAppearance = value(FIRST_APPEARANCE_FIELDS) ?? appearance;
  if (appearance) claim.appearance = [{ '@type': 'CreativeWork', url: appearance }];
  else missingRecommended.push('itemReviewed.appearance (a url field such as "source_url")');
  if (firstAppearance) claim.firstAppearance = { '@type': 'CreativeWork', url: firstAppearance };
  else missingRecommended.push('itemReviewed.firstAppearance (a url field such as "source_url")');

  const datePublished = /^\d{4}-\d{2}-\d{2}/.exec(tag.updated)?.[0];
  if (!datePublished) missingRecommended.push('datePublished (the tag has no "updated" time)');

  const record: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    ...(url ? { url } : {}),
    claimReviewed,
    author,
    ...(datePublished ? { datePublished } : {}),
    reviewRating: rating,
    itemReviewed: claim,
  };
  const line = tag.anchor.line + 1;
  return { article: article.path, tag, line, record, missingRequired, missingRecommended, warnings };
}

/**
 * The `Rating` of a verdict. On a scale (best first), the best value rates highest and the
 * worst 1; values listed after the worst ("unsupported") are verdicts without a number.
 */
function ratingOf(field: FieldSpec, verdict: string, conventions: Conventions, warnings: string[], missing: string[]): Record<string, unknown> {
  const scale = conventions.scaleOf(field);
  const label = conventions.valueLabel(field, verdict);
  const rating: Record<string, unknown> = { '@type': 'Rating', alternateName: label, name: label };
  if (!scale) {
    missing.push(`reviewRating.ratingValue, bestRating, worstRating (the "${field.name}" field has no rating scale)`);
    return rating;
  }
  if (!scale.values.some((v) => v.value === verdict)) {
    warnings.push(`the verdict "${verdict}" is not on the "${scale.id}" scale, so it has no rating number; fix the tag's ${field.name}`);
    missing.push(`reviewRating.ratingValue (the verdict "${verdict}" is not on the "${scale.id}" scale)`);
    return rating;
  }
  const value = ratingValue(scale, verdict);
  const best = ratingValue(scale, scale.best);
  if (value === undefined || best === undefined) return rating;
  return { '@type': 'Rating', ratingValue: value, bestRating: best, worstRating: 1, alternateName: label, name: label };
}

/**
 * Tags leaving and entering the workspace: rows for CSV and JSON Lines, W3C Web Annotation
 * collections (written and read), Hypothesis exports (read), schema.org ClaimReview
 * records, and counts. Plain data in, plain data out: no file system, no editor.
 */
export { readArticleTags, sortArticles, type ExchangeArticle, type ReadArticleResult } from './articles';
export { readHypothesisAnnotations } from './hypothesis';
export { readW3cAnnotations } from './w3cRead';
export { buildW3cCollection, articleIri, annotationIri, DEFAULT_ARTICLE_BASE, type W3cOptions } from './w3c';
export { tagTable, toCsv, toJsonLines, type TagRow, type TagTable, type CsvOptions } from './rows';
export { buildClaimReviews, CLAIM_REVIEWED_MAX, type ClaimReviewEntry, type ClaimReviewExport } from './claimReview';
export { computeStats, formatStats, type TagStats } from './stats';
export { planImport, type ImportOptions, type ImportPlan, type ImportResult, type ImportOutcome, type KindSource } from './importTags';
export { groupBySource, localPathOf, type GroupOptions, type SourceGroups } from './sources';
export type { ImportedAnnotation, ReadAnnotationsResult } from './annotation';
export { declaredFieldNames, verdictFieldOf } from './verdict';
export { guessFormat, readAnnotationFile, type AnnotationFormat } from './readAnnotations';
export { parseJson } from './annotation';

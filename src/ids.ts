/**
 * Every identifier the extension shares with its manifest: commands, views, context keys,
 * settings and colours. Each is written once here; `test/unit/manifest.test.ts` checks that
 * package.json and this module agree.
 */

export const EXTENSION_ID = 'news-annotator.news-annotator';

export const Commands = {
  showLog: 'newsAnnotator.showLog',
  toggleHighlights: 'newsAnnotator.toggleHighlights',
  listDetections: 'newsAnnotator.listDetections',
  /** Internal: the ranges currently decorated per kind in an editor, for tests. */
  decoratedRanges: 'newsAnnotator._decoratedRanges',
} as const;

export const Views = {
  container: 'newsAnnotator',
  tags: 'newsAnnotator.tags',
} as const;

export const Languages = {
  newsArticle: 'news-article',
} as const;

/** Setting keys below the `newsAnnotator` section. */
export const Settings = {
  section: 'newsAnnotator',
  highlightQuotes: 'highlight.quotes',
  highlightNumbers: 'highlight.numbers',
  highlightAttributions: 'highlight.attributions',
  highlightCues: 'highlight.cues',
  highlightLanguages: 'highlight.languages',
  highlightLargeFileThreshold: 'highlight.largeFileThreshold',
  highlightDelay: 'highlight.delay',
} as const;

/** Theme colour ids, contributed in package.json with light, dark and high-contrast defaults. */
export const Colors = {
  quoteBackground: 'newsAnnotator.quoteBackground',
  quoteBorder: 'newsAnnotator.quoteBorder',
  numberBackground: 'newsAnnotator.numberBackground',
  numberBorder: 'newsAnnotator.numberBorder',
  attributionBackground: 'newsAnnotator.attributionBackground',
  attributionBorder: 'newsAnnotator.attributionBorder',
  cueBackground: 'newsAnnotator.cueBackground',
  cueBorder: 'newsAnnotator.cueBorder',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

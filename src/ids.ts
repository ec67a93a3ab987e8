/**
 * Every identifier the extension shares with its manifest: commands, views, context keys,
 * settings and colours. Each is written once here; `test/unit/manifest.test.ts` checks that
 * package.json and this module agree.
 */

export const EXTENSION_ID = 'news-annotator.news-annotator';

export const Commands = {
  showLog: 'newsAnnotator.showLog',
} as const;

export const Views = {
  container: 'newsAnnotator',
  tags: 'newsAnnotator.tags',
} as const;

export const Languages = {
  served: ['plaintext', 'markdown', 'news-article'],
  newsArticle: 'news-article',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

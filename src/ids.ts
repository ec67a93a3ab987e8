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
  tagClaim: 'newsAnnotator.tagClaim',
  tagSpeculation: 'newsAnnotator.tagSpeculation',
  tagAttribution: 'newsAnnotator.tagAttribution',
  tagOpinion: 'newsAnnotator.tagOpinion',
  tagAs: 'newsAnnotator.tagAs',
  changeKind: 'newsAnnotator.changeKind',
  editNote: 'newsAnnotator.editNote',
  removeTag: 'newsAnnotator.removeTag',
  undoTagChange: 'newsAnnotator.undoTagChange',
  reattachTag: 'newsAnnotator.reattachTag',
  confirmTag: 'newsAnnotator.confirmTag',
  /** Internal: the ranges currently decorated per kind in an editor, for tests. */
  decoratedRanges: 'newsAnnotator._decoratedRanges',
} as const;

/** The tag command of each default kind; other kinds are reached through Tag as…. */
export const TagKindCommands: Readonly<Record<string, string>> = {
  claim: Commands.tagClaim,
  speculation: Commands.tagSpeculation,
  attribution: Commands.tagAttribution,
  opinion: Commands.tagOpinion,
};

export const ContextKeys = {
  /** The active editor shows a document the extension serves. */
  isArticle: 'newsAnnotator.isArticle',
  /** The cursor is inside a tagged span. */
  cursorInTag: 'newsAnnotator.cursorInTag',
  /** The active article has a tag change to undo. */
  canUndoTag: 'newsAnnotator.canUndoTag',
} as const;

export const Schemes = {
  /** Virtual documents for editing a tag's note in a real editor. */
  note: 'news-annotator-note',
} as const;

export const DIAGNOSTIC_SOURCE = 'News Annotator';

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
  author: 'author',
  sidecarLocation: 'sidecar.location',
  sidecarMirrorFolder: 'sidecar.mirrorFolder',
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

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
  nextTag: 'newsAnnotator.nextTag',
  previousTag: 'newsAnnotator.previousTag',
  groupTagsByKind: 'newsAnnotator.groupTagsByKind',
  groupTagsByFile: 'newsAnnotator.groupTagsByFile',
  filterTags: 'newsAnnotator.filterTags',
  filterTagsByKind: 'newsAnnotator.filterTagsByKind',
  filterTagsByText: 'newsAnnotator.filterTagsByText',
  filterTagsByAuthor: 'newsAnnotator.filterTagsByAuthor',
  toggleOrphansOnly: 'newsAnnotator.toggleOrphansOnly',
  clearTagFilter: 'newsAnnotator.clearTagFilter',
  copyTagAsMarkdown: 'newsAnnotator.copyTagAsMarkdown',
  refreshTags: 'newsAnnotator.refreshTags',
  moveSidecars: 'newsAnnotator.moveSidecars',
  exportTags: 'newsAnnotator.exportTags',
  importAnnotations: 'newsAnnotator.importAnnotations',
  startTriage: 'newsAnnotator.startTriage',
  stopTriage: 'newsAnnotator.stopTriage',
  triageKey: 'newsAnnotator.triageKey',
  triageAccept: 'newsAnnotator.triageAccept',
  triageSkip: 'newsAnnotator.triageSkip',
  triageBack: 'newsAnnotator.triageBack',
  initConventions: 'newsAnnotator.initConventions',
  setTagField: 'newsAnnotator.setTagField',
  filterTagsByField: 'newsAnnotator.filterTagsByField',
  toggleRuleBreachesOnly: 'newsAnnotator.toggleRuleBreachesOnly',
  /** Tree helper: open an article and select a tag. */
  revealTag: 'newsAnnotator._revealTag',
  /** Tree helper: select a detection in its editor. */
  revealDetection: 'newsAnnotator._revealDetection',
  /** Internal: the ranges currently decorated per kind in an editor, for tests. */
  decoratedRanges: 'newsAnnotator._decoratedRanges',
  /** Hover links: one checked action on the hovered document (see src/vscode/tagHover.ts). */
  hoverAction: 'newsAnnotator._hoverAction',
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
  /** How the Tags view groups: `file` or `kind`. */
  tagsGroupedBy: 'newsAnnotator.tagsGroupedBy',
  /** The Tags view has a filter set. */
  tagFilterActive: 'newsAnnotator.tagFilterActive',
  /** A triage pass is under way: single keys tag the selected detection. */
  triageActive: 'newsAnnotator.triageActive',
} as const;

export const Schemes = {
  /** Virtual documents for editing a tag's note in a real editor. */
  note: 'news-annotator-note',
} as const;

export const DIAGNOSTIC_SOURCE = 'News Annotator';

export const Views = {
  container: 'newsAnnotator',
  tags: 'newsAnnotator.tags',
  detected: 'newsAnnotator.detected',
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

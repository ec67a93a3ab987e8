/**
 * The actions a hover link may ask for, and the check every request passes before anything
 * runs. Hovers show text read from sidecars and articles, which a repository controls; the
 * hover is trusted with one command only, and that command runs nothing this check has not
 * accepted: a known action, on a document the user has open, on one of that document's own
 * tags, or on a detected span inside it as one of the kinds in effect.
 */

/** Actions on one tag of the hovered document. */
export const TAG_HOVER_ACTIONS = ['editNote', 'changeKind', 'setField', 'remove', 'confirm'] as const;
export type TagHoverAction = (typeof TAG_HOVER_ACTIONS)[number];

/** What a hover link asks for: one action on one tag, or on one span, of one document. */
export type HoverAction =
  | { readonly action: TagHoverAction; readonly article: string; readonly id: string }
  | { readonly action: 'tagAs'; readonly article: string; readonly start: number; readonly end: number; readonly kind: string };

/** What the check may look at: the documents open in editors, and what each holds. */
export interface HoverActionContext {
  /** The text length of the open document with this URI, or `undefined` if none is open. */
  documentLength(article: string): number | undefined;
  /** Whether the document has a tag with this id. */
  hasTag(article: string, id: string): boolean;
  /** Whether exactly this span of the document is a detection (a quote, a figure…). */
  isDetected(article: string, start: number, end: number): boolean;
  /** Whether `kind` is one of the kinds in effect (not retired) for the document. */
  isActiveKind(article: string, kind: string): boolean;
}

const TAG_ACTIONS: ReadonlySet<string> = new Set(TAG_HOVER_ACTIONS);

/**
 * The request as a {@link HoverAction} if it may run, else `undefined`. Only the request's
 * own properties are read (never inherited ones such as `constructor`), and only strings and
 * whole numbers of the expected shape are accepted.
 */
export function checkHoverAction(request: unknown, context: HoverActionContext): HoverAction | undefined {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return undefined;
  const own = (key: string): unknown => (Object.prototype.hasOwnProperty.call(request, key) ? (request as Record<string, unknown>)[key] : undefined);
  const action = own('action');
  const article = own('article');
  if (typeof action !== 'string' || typeof article !== 'string') return undefined;
  const length = context.documentLength(article);
  if (length === undefined) return undefined;
  if (TAG_ACTIONS.has(action)) {
    const id = own('id');
    if (typeof id !== 'string' || !context.hasTag(article, id)) return undefined;
    return { action: action as TagHoverAction, article, id };
  }
  if (action !== 'tagAs') return undefined;
  const [start, end, kind] = [own('start'), own('end'), own('kind')];
  if (typeof kind !== 'string' || !Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return undefined;
  const [from, to] = [start as number, end as number];
  if (from < 0 || to > length || from >= to) return undefined;
  if (!context.isActiveKind(article, kind) || !context.isDetected(article, from, to)) return undefined;
  return { action: 'tagAs', article, start: from, end: to, kind };
}

/**
 * A Markdown link that runs `command` with `action` as its one argument.
 *
 * @param title - Markdown, already escaped
 */
export function hoverActionLink(command: string, title: string, action: HoverAction): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([action]))})`;
}

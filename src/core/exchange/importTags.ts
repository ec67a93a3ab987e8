/**
 * Turning imported annotations into tags of one local article. Each is found in the
 * article's text with the same re-anchoring as an article changed outside the editor
 * (`reanchor`): at its position when the quoted text is there with its context, else the
 * same text where its context fits best, else a similar passage (the tag is then `fuzzy`,
 * for a person to confirm), else it is reported as not found. Nothing is placed on a
 * passage the quote does not match.
 */
import { CONTEXT_LENGTH, reanchor, type Selector } from '../anchor';
import type { KindRegistry } from '../kinds';
import { LineIndex } from '../position';
import { anchorFor, compareTags, sortTags, timestamp, type Anchor, type Tag } from '../tags';
import type { ImportedAnnotation } from './annotation';
import { CodePointIndex } from './codePoints';

export type KindSource = 'tag' | 'purpose';

export interface ImportOptions {
  /** The kinds in force: a source tag or purpose naming one (by id or label) maps to it. */
  readonly kinds: KindRegistry;
  /** Where a kind comes from: the annotation's tags, its purposes/motivation, or nowhere (all default). */
  readonly kindFrom?: KindSource;
  /** The kind of annotations nothing maps; default `claim`. */
  readonly defaultKind?: string;
  /** Extra mappings, source tag or purpose (any case) to kind id: `{ "fact-check": "claim" }`. */
  readonly kindMap?: Readonly<Record<string, string>>;
  /** Author of annotations that name none (the person importing). */
  readonly author: string;
  /** The time recorded on annotations that give none. */
  readonly now?: Date;
  /** Keep annotations whose text is not found as orphan tags instead of leaving them out. */
  readonly keepUnanchored?: boolean;
}

/**
 * `exists`: a tag with the annotation's id is there already, on the same text (imported
 * before); `id-taken`: a different tag has that id (it is kept, the annotation is not
 * imported); `duplicate`: the same passage has the same kind and note under another id.
 */
export type ImportOutcome = 'anchored' | 'fuzzy' | 'orphan' | 'not-found' | 'exists' | 'id-taken' | 'duplicate' | 'unusable';

export interface ImportResult {
  readonly annotation: ImportedAnnotation;
  readonly outcome: ImportOutcome;
  /** The tag made or found, when there is one. */
  readonly tag?: Tag;
  /** One sentence for the report. */
  readonly message: string;
}

export interface ImportPlan {
  /** The article's tags after the import: the existing ones and the added ones, sorted. */
  readonly tags: Tag[];
  readonly added: Tag[];
  /** One result per annotation, in the file's order. */
  readonly results: ImportResult[];
  /** Source tags (or purposes) that named no kind, with how many annotations had each. */
  readonly unmapped: ReadonlyMap<string, number>;
}

/**
 * What a motivation or body purpose of the Web Annotation model means as a kind, for
 * `kindFrom: 'purpose'`: an assessment is about a claim, a question about something not
 * established. Other purposes map only through {@link ImportOptions.kindMap}.
 */
const PURPOSE_KINDS: Readonly<Record<string, string>> = { assessing: 'claim', questioning: 'speculation' };

/**
 * Plans the import of `annotations` into one article: which become tags, and what happened
 * to each. Pure: the caller writes `added` through the sidecar code.
 *
 * @param articleText - The local article's text
 * @param existing - Its tags now (already anchored in `articleText`)
 */
export function planImport(articleText: string, existing: readonly Tag[], annotations: readonly ImportedAnnotation[], options: ImportOptions): ImportPlan {
  const now = timestamp(options.now);
  const lines = new LineIndex(articleText);
  let points: CodePointIndex | undefined;
  const byId = new Map(existing.map((tag) => [tag.id, tag]));
  const placed: Tag[] = [...existing];
  const added: Tag[] = [];
  const results: ImportResult[] = [];
  const unmapped = new Map<string, number>();

  for (const annotation of annotations) {
    const result = (outcome: ImportOutcome, message: string, tag?: Tag): void => {
      results.push({ annotation, outcome, message, ...(tag ? { tag } : {}) });
    };
    if (annotation.unusable) {
      result('unusable', `not imported: ${annotation.unusable}.`);
      continue;
    }
    const quote = annotation.quote;
    if (!quote) {
      result('unusable', 'not imported: it gives a position but no quoted text, so nothing can confirm the position is the passage meant.');
      continue;
    }
    const known = byId.get(annotation.tagId);
    if (known) {
      if (known.anchor.exact === quote.exact) result('exists', `already imported (tag ${known.id}).`, known);
      else result('id-taken', `not imported: the article already has another tag with id ${known.id} (${short(known.anchor.exact)}); it was kept.`, known);
      continue;
    }

    let hint = 0;
    if (annotation.position) {
      points ??= new CodePointIndex(articleText);
      hint = annotation.positionUnit === 'code-point' ? points.toCodeUnit(annotation.position.start) : Math.min(annotation.position.start, articleText.length);
    }
    const selector: Selector = { exact: quote.exact, prefix: lastCodeUnits(quote.prefix), suffix: firstCodeUnits(quote.suffix), start: hint, end: hint + quote.exact.length };
    const found = reanchor(articleText, selector);
    if (found.status === 'orphan' && !options.keepUnanchored) {
      result('not-found', `not found in the article: ${short(quote.exact)}.`);
      continue;
    }
    let anchor: Anchor;
    if (found.status === 'anchored') anchor = anchorFor(articleText, found.start, found.end, lines);
    else anchor = { ...selector, start: found.start, end: found.end, line: lines.lineAt(found.start) };

    const kind = kindOf(annotation, options, unmapped);
    const note = normaliseNote(annotation.note);
    const duplicate = placed.find((tag) => tag.status !== 'orphan' && tag.kind === kind && tag.anchor.start === anchor.start && tag.anchor.end === anchor.end && tag.note === note);
    if (duplicate && found.status !== 'orphan') {
      result('duplicate', `not imported: the same passage is already tagged ${kind} with the same note (tag ${duplicate.id}).`, duplicate);
      continue;
    }
    const created = annotation.created ?? now;
    const tag: Tag = {
      id: annotation.tagId,
      kind,
      anchor,
      ...(note === undefined ? {} : { note }),
      author: annotation.author ?? options.author,
      created,
      updated: annotation.updated ?? created,
      status: found.status,
      ...(found.status === 'anchored' ? {} : { score: found.score }),
      ...(annotation.fields ? { extra: { ...annotation.fields } } : {}),
    };
    placed.push(tag);
    added.push(tag);
    byId.set(tag.id, tag);
    const line = anchor.line + 1;
    if (found.status === 'anchored') result('anchored', `tagged ${kind} at line ${line}.`, tag);
    else if (found.status === 'fuzzy') result('fuzzy', `tagged ${kind} on a similar passage at line ${line} (match ${found.score.toFixed(2)}); confirm it in the editor.`, tag);
    else result('orphan', `kept as an orphan tag (its text is not in the article): ${short(quote.exact)}.`, tag);
  }
  return { tags: sortTags(placed), added: [...added].sort(compareTags), results, unmapped };
}

/** The kind of an annotation: its own (our exports), the first source tag or purpose that maps, else the default. */
function kindOf(annotation: ImportedAnnotation, options: ImportOptions, unmapped: Map<string, number>): string {
  if (annotation.kind) return annotation.kind;
  const candidates = options.kindFrom === 'purpose' ? annotation.purposes : annotation.tags;
  let kind: string | undefined;
  for (const candidate of candidates) {
    const mapped = options.kindFrom === undefined ? undefined : mapKind(candidate, options);
    if (mapped === undefined) unmapped.set(candidate, (unmapped.get(candidate) ?? 0) + 1);
    else kind ??= mapped;
  }
  return kind ?? options.defaultKind ?? 'claim';
}

function mapKind(candidate: string, options: ImportOptions): string | undefined {
  const key = candidate.trim().toLowerCase();
  for (const [from, to] of Object.entries(options.kindMap ?? {})) if (from.trim().toLowerCase() === key) return to;
  const kind = options.kinds.list().find((k) => k.id === key || k.label.toLowerCase() === key);
  if (kind) return kind.id;
  const purpose = options.kindFrom === 'purpose' ? PURPOSE_KINDS[key] : undefined;
  return purpose !== undefined && options.kinds.has(purpose) ? purpose : undefined;
}

/** The last {@link CONTEXT_LENGTH} code units of a prefix, never starting inside a surrogate pair. */
function lastCodeUnits(prefix: string): string {
  if (prefix.length <= CONTEXT_LENGTH) return prefix;
  let from = prefix.length - CONTEXT_LENGTH;
  if (isLowSurrogate(prefix.charCodeAt(from))) from++;
  return prefix.slice(from);
}

/** The first {@link CONTEXT_LENGTH} code units of a suffix, never ending inside a surrogate pair. */
function firstCodeUnits(suffix: string): string {
  if (suffix.length <= CONTEXT_LENGTH) return suffix;
  let to = CONTEXT_LENGTH;
  if (isLowSurrogate(suffix.charCodeAt(to))) to--;
  return suffix.slice(0, to);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function normaliseNote(note: string | undefined): string | undefined {
  if (note === undefined) return undefined;
  const normalised = note.replace(/\r\n?/g, '\n');
  return normalised.trim() === '' ? undefined : normalised;
}

/** A quote for a message: on one line, at most 60 characters. */
export function short(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  return `“${flat.length > 60 ? `${flat.slice(0, 59)}…` : flat}”`;
}

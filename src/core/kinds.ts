/**
 * Tag kinds: what a fact-checker can call a span of text. The defaults live here and
 * nowhere else; a team's conventions file adds, relabels, recolours or retires kinds
 * (src/core/conventions/), so every other module asks a {@link KindRegistry} and never
 * assumes there are exactly four kinds.
 */

/** A colour for each theme family; hex `#rgb`, `#rrggbb` or `#rrggbbaa`. */
export interface KindColor {
  readonly light: string;
  readonly dark: string;
}

export interface TagKind {
  /** Stable id written into sidecars: lower case, digits and dashes, starting with a letter. */
  readonly id: string;
  /** Shown in menus, hovers and the tag list ("Claim"). */
  readonly label: string;
  /** One sentence for quick picks and the conventions documentation. */
  readonly description?: string;
  /** Base colour of the kind; adapters add their own transparency for backgrounds. */
  readonly color: KindColor;
  /** A codicon name without the `$()` wrapper, e.g. `megaphone`. */
  readonly icon: string;
  /** Single lower-case letter or digit for keyboard triage in the tag list. */
  readonly key?: string;
  /**
   * A kind a team no longer uses: tags that have it stay visible and editable, but no new
   * tag can be given it (it is left out of {@link KindRegistry.active}).
   */
  readonly retired?: boolean;
}

/** The pattern every kind id must match. Kept strict so ids are safe in YAML, CSS and ids. */
export const KIND_ID_PATTERN = /^[a-z][a-z0-9-]*$/;

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
/** A codicon name as written without `$()`: lower-case words joined by dashes. */
export const CODICON_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A triage key: one lower-case letter or digit. */
export const TRIAGE_KEY = /^[a-z0-9]$/;

/**
 * The kinds every workspace starts with, in menu order. Each colour has a darker light-theme
 * variant and a lighter dark-theme variant so the four stay apart from each other in both.
 */
export const DEFAULT_KINDS: readonly TagKind[] = Object.freeze(
  [
    {
      id: 'claim',
      label: 'Claim',
      description: 'A statement of fact that can be checked.',
      color: { light: '#b35c00', dark: '#f0a04b' },
      icon: 'megaphone',
      key: 'c',
    },
    {
      id: 'speculation',
      label: 'Speculation',
      description: 'A guess, forecast or hedged statement presented without firm evidence.',
      color: { light: '#6f42c1', dark: '#b392f0' },
      icon: 'question',
      key: 's',
    },
    {
      id: 'attribution',
      label: 'Attribution',
      description: 'Words credited to a named or unnamed source.',
      color: { light: '#0a6ebd', dark: '#6cb6ff' },
      icon: 'quote',
      key: 'a',
    },
    {
      id: 'opinion',
      label: 'Opinion',
      description: 'A judgement or value statement rather than a checkable fact.',
      color: { light: '#b3246b', dark: '#f47eb5' },
      icon: 'comment-discussion',
      key: 'o',
    },
  ].map(freezeKind),
);

export type KindProblemCode =
  | 'kind-not-an-object'
  | 'kind-id-invalid'
  | 'kind-id-duplicate'
  | 'kind-label-missing'
  | 'kind-color-invalid'
  | 'kind-icon-invalid'
  | 'kind-key-invalid'
  | 'kind-key-duplicate'
  | 'kind-retired-invalid';

/**
 * Something wrong with one kind definition. Positions are given as the kind's index and
 * field so that whoever read the definitions (a conventions file parser) can map them to a
 * line and column.
 */
export interface KindProblem {
  readonly code: KindProblemCode;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  /** Index of the offending kind in the list that was checked. */
  readonly index: number;
  readonly field?: keyof TagKind;
}

/**
 * Checks one candidate kind and returns what is wrong with it (empty when it is usable).
 *
 * @param candidate - A value read from somewhere untrusted, e.g. a conventions file
 * @param index - Its position in the list, echoed in each problem
 */
export function validateKind(candidate: unknown, index = 0): KindProblem[] {
  const problems: KindProblem[] = [];
  const add = (code: KindProblemCode, message: string, field?: keyof TagKind): void => {
    problems.push({ code, message, severity: 'error', index, field });
  };
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    add('kind-not-an-object', 'A kind must be a mapping with at least id, label, color and icon.');
    return problems;
  }
  const kind = candidate as Record<string, unknown>;
  if (typeof kind.id !== 'string' || !KIND_ID_PATTERN.test(kind.id)) {
    add('kind-id-invalid', `Kind id ${JSON.stringify(kind.id)} must match ${KIND_ID_PATTERN.source} (lower case, digits, dashes).`, 'id');
  }
  if (typeof kind.label !== 'string' || kind.label.trim() === '') {
    add('kind-label-missing', 'A kind needs a non-empty label.', 'label');
  }
  const color = kind.color as Partial<KindColor> | undefined;
  if (typeof color !== 'object' || color === null || !isHexColor(color.light) || !isHexColor(color.dark)) {
    add('kind-color-invalid', 'A kind needs color.light and color.dark as hex colours such as #b35c00.', 'color');
  }
  if (typeof kind.icon !== 'string' || !CODICON_NAME.test(kind.icon)) {
    add('kind-icon-invalid', `Icon ${JSON.stringify(kind.icon)} is not a codicon name such as "megaphone".`, 'icon');
  }
  if (kind.key !== undefined && (typeof kind.key !== 'string' || !TRIAGE_KEY.test(kind.key))) {
    add('kind-key-invalid', `Key ${JSON.stringify(kind.key)} must be a single lower-case letter or digit.`, 'key');
  }
  if (kind.retired !== undefined && typeof kind.retired !== 'boolean') {
    add('kind-retired-invalid', '"retired" must be true or false.', 'retired');
  }
  return problems;
}

/** Whether `value` is a hex colour a kind may have (`#rgb`, `#rrggbb` or `#rrggbbaa`). */
export function isHexColor(value: unknown): value is string {
  return typeof value === 'string' && HEX_COLOR.test(value);
}

/** Whether `id` is a syntactically valid kind id (it may still be unknown to a registry). */
export function isKindId(id: unknown): id is string {
  return typeof id === 'string' && KIND_ID_PATTERN.test(id);
}

/**
 * The kinds in effect for a workspace, in display order. Immutable: merging conventions
 * yields a new registry, so a registry handed to a view never changes under it.
 */
export class KindRegistry {
  private readonly ordered: readonly TagKind[];
  private readonly byId: ReadonlyMap<string, TagKind>;

  private constructor(kinds: readonly TagKind[]) {
    this.ordered = Object.freeze([...kinds]);
    this.byId = new Map(kinds.map((kind) => [kind.id, kind]));
  }

  /** The registry of {@link DEFAULT_KINDS}. */
  static readonly defaults: KindRegistry = new KindRegistry(DEFAULT_KINDS);

  /**
   * Builds a registry from candidate kinds, keeping the valid ones and reporting the rest.
   * A later duplicate id or triage key is reported and dropped (the id) or ignored (the key).
   *
   * @param candidates - Kind definitions in display order
   */
  static create(candidates: readonly unknown[]): { registry: KindRegistry; problems: KindProblem[] } {
    const problems: KindProblem[] = [];
    const kinds: TagKind[] = [];
    const ids = new Set<string>();
    const keys = new Set<string>();
    candidates.forEach((candidate, index) => {
      const own = validateKind(candidate, index);
      problems.push(...own);
      if (own.length > 0) return;
      const kind = candidate as TagKind;
      if (ids.has(kind.id)) {
        problems.push({ code: 'kind-id-duplicate', message: `Kind "${kind.id}" is defined twice; the first definition wins.`, severity: 'error', index, field: 'id' });
        return;
      }
      ids.add(kind.id);
      let accepted = kind;
      if (kind.key !== undefined) {
        if (keys.has(kind.key)) {
          problems.push({ code: 'kind-key-duplicate', message: `Key "${kind.key}" is already used by another kind; "${kind.id}" gets no key.`, severity: 'warning', index, field: 'key' });
          accepted = withoutKey(kind);
        } else {
          keys.add(kind.key);
        }
      }
      kinds.push(freezeKind(accepted));
    });
    return { registry: new KindRegistry(kinds), problems };
  }

  /**
   * Returns a registry where `overrides` replace same-id kinds field by field and new ids
   * are appended, in the overrides' order. This is how conventions will extend the defaults.
   *
   * @param overrides - Partial kinds; each needs at least an `id`
   */
  merge(overrides: readonly (Partial<TagKind> & { id: string })[]): { registry: KindRegistry; problems: KindProblem[] } {
    const merged: unknown[] = this.ordered.map((kind) => ({ ...kind }));
    for (const override of overrides) {
      const at = merged.findIndex((kind) => (kind as TagKind).id === override.id);
      if (at >= 0) merged[at] = { ...(merged[at] as TagKind), ...override };
      else merged.push(override);
    }
    return KindRegistry.create(merged);
  }

  /** All kinds in display order, retired ones included (tags may still have them). */
  list(): readonly TagKind[] {
    return this.ordered;
  }

  /** The kinds a new tag may have: every kind but the retired ones, in display order. */
  active(): readonly TagKind[] {
    return this.ordered.filter((kind) => !kind.retired);
  }

  /** Whether `id` is a kind this registry defines but that no new tag may have. */
  isRetired(id: string): boolean {
    return this.byId.get(id)?.retired === true;
  }

  /**
   * Whether both registries draw every kind alike (same ids, colours and icons), so views
   * that made a decoration or an icon per kind can keep them.
   */
  looksLike(other: KindRegistry): boolean {
    if (other === this) return true;
    if (other.size !== this.size) return false;
    return this.ordered.every((kind) => {
      const theirs = other.get(kind.id);
      return !!theirs && theirs.icon === kind.icon && theirs.color.light === kind.color.light && theirs.color.dark === kind.color.dark;
    });
  }

  /** All kind ids in display order. */
  ids(): string[] {
    return this.ordered.map((kind) => kind.id);
  }

  get size(): number {
    return this.ordered.length;
  }

  get(id: string): TagKind | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The kind bound to a triage key, if any; a retired kind's key tags nothing. */
  byKey(key: string): TagKind | undefined {
    return this.ordered.find((kind) => kind.key === key && !kind.retired);
  }

  /**
   * A label for any id, including ids no longer defined (a sidecar written under other
   * conventions): those show as their id so the tag is still visible and editable.
   */
  labelFor(id: string): string {
    return this.byId.get(id)?.label ?? id;
  }
}

function withoutKey(kind: TagKind): TagKind {
  const { key: _key, ...rest } = kind;
  return rest;
}

function freezeKind(kind: TagKind): TagKind {
  return Object.freeze({ ...kind, color: Object.freeze({ ...kind.color }) });
}

import { VOCABULARY_LIMITS } from '../detect/vocabulary';

/**
 * The conventions file's constants: its name, version, keys, limits and the types of what
 * it declares once resolved. docs/conventions.md explains each choice;
 * schemas/conventions.schema.json must agree with the key lists (a unit test checks).
 */

/** The file a team commits at the root of a workspace folder (or of any folder below it). */
export const CONVENTIONS_FILE_NAME = '.news-annotator.yaml';

/** The only version this code reads. */
export const CONVENTIONS_VERSION = 1;

/** Top-level keys, in the order the documentation and `Create Conventions File` give them. */
export const TOP_LEVEL_KEYS = ['$schema', 'version', 'root', 'extends', 'open_kinds', 'kinds', 'ratings', 'cues', 'rules', 'overrides', 'publish'] as const;

/** Keys of one kind. */
export const KIND_KEYS = ['label', 'description', 'color', 'icon', 'key', 'retired', 'fields'] as const;

/** Keys of one field. */
export const FIELD_KEYS = ['type', 'label', 'description', 'required', 'required_when', 'max_length', 'values', 'scale'] as const;

/** The types a field may have. */
export const FIELD_TYPES = ['string', 'enum', 'url', 'date', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Keys of one rating scale, and of one value of a scale. */
export const SCALE_KEYS = ['label', 'values', 'best', 'worst'] as const;
export const SCALE_VALUE_KEYS = ['value', 'label', 'description'] as const;

/** The detector's cue families a team may change, and what each list does. */
export const CUE_FAMILIES = ['speculation', 'opinion', 'attribution'] as const;
export type CueFamily = (typeof CUE_FAMILIES)[number];
export const CUE_LIST_KEYS = ['add', 'remove'] as const;

export const OVERRIDE_KEYS = ['files', 'rules'] as const;
export const PUBLISH_KEYS = ['organization', 'url', 'fact_check_url'] as const;

/** Placeholders a `fact_check_url` template may hold. */
export const URL_PLACEHOLDERS = ['id', 'kind', 'article', 'path'] as const;

export const SEVERITIES = ['error', 'warning', 'info', 'off'] as const;
/** How a rule's findings are reported; `off` reports nothing. */
export type RuleSeverity = (typeof SEVERITIES)[number];

/**
 * Field names: lower case, digits and underscores, starting with a letter, so they are
 * plain YAML keys and read well as `verdict:` or `source_url:` in a sidecar.
 */
export const FIELD_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * The largest conventions file read, in UTF-16 code units. A newsroom's file with dozens of
 * kinds and long vocabularies is a few kilobytes; anything past this is not a file a person
 * wrote, and it is refused before parsing so it cannot freeze the editor.
 */
export const MAX_CONVENTIONS_LENGTH = 256 * 1024;

/** Limits on what one file (and the merge of its `extends`) may declare. */
export const LIMITS = {
  /** Kinds per file; the tag menus stop being usable long before. */
  kinds: 64,
  /** Fields per kind. */
  fields: 32,
  /** Rating scales, and values per scale. */
  scales: 16,
  scaleValues: 32,
  /** Values of one enum field. */
  enumValues: 64,
  /** Entries of one cue list (`add` or `remove` of one family) in one file: the detector's own cap. */
  cueEntries: VOCABULARY_LIMITS.entries,
  /** Entries of one family's merged `add` list, over all files. */
  cueEntriesMerged: 2000,
  /** Characters and words of one cue entry, as the detector takes them. */
  cueEntryLength: VOCABULARY_LIMITS.characters,
  cueEntryWords: VOCABULARY_LIMITS.words,
  /** Files one conventions file may pull in through `extends`, counting nested ones. */
  extendsFiles: 16,
  /** How deep `extends` may nest. */
  extendsDepth: 8,
  /** Override blocks, and globs per block. */
  overrides: 64,
  overrideGlobs: 32,
  /** Longest label, description or URL, in characters. */
  text: 500,
  /** Longest `max_length` a string field may allow. */
  maxLength: 100_000,
} as const;

/** A colour per theme family, as a kind has it. */
export interface ColorPair {
  readonly light: string;
  readonly dark: string;
}

/** A field value as stored in a sidecar: text, or true/false for boolean fields. */
export type FieldValue = string | boolean;

/** One typed field of a kind, resolved. */
export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  /** Shown in prompts, hovers and filters; from the name when the file gives none. */
  readonly label: string;
  readonly description?: string;
  /** Required on every tag of the kind. */
  readonly required: boolean;
  /**
   * Required once other fields have one of the given values: `{ status: ['reviewed'] }`
   * makes the field required when `status` is `reviewed`. Every condition must hold.
   */
  readonly requiredWhen?: Readonly<Record<string, readonly FieldValue[]>>;
  /** `string` fields: the most characters a value may have. */
  readonly maxLength?: number;
  /** `enum` fields: the allowed values, in order. */
  readonly values?: readonly string[];
  /** `enum` fields bound to a rating scale: its id (values and labels come from it). */
  readonly scale?: string;
}

export interface RatingValue {
  readonly value: string;
  readonly label: string;
  readonly description?: string;
}

/**
 * An ordered verdict scale, best first. Values after `worst` (such as "unsupported") are
 * verdicts off the scale: they have a label but no rating.
 */
export interface RatingScale {
  readonly id: string;
  readonly label: string;
  readonly values: readonly RatingValue[];
  readonly best: string;
  readonly worst: string;
}

/** Words and phrases to add to or remove from one cue family of the detector. */
export interface CueList {
  readonly add: readonly string[];
  readonly remove: readonly string[];
}

/** The team's changes to the detector's cue vocabularies, per family. */
export type CueVocabularySpec = Readonly<Partial<Record<CueFamily, CueList>>>;

export interface PublishSettings {
  /** The fact-checking organisation's name, as published. */
  readonly organization?: string;
  /** Its home page. */
  readonly url?: string;
  /** Where a published fact-check lives, with `{id}`, `{kind}`, `{article}` or `{path}` in it. */
  readonly factCheckUrl?: string;
}

/** Rule severities for articles whose path matches one of `files`. */
export interface RuleOverride {
  readonly files: readonly string[];
  readonly rules: Readonly<Record<string, RuleSeverity>>;
}

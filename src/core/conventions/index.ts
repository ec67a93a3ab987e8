/**
 * Team conventions: the `.news-annotator.yaml` file a newsroom keeps in git, read into the
 * kinds, fields, verdict scales, cue vocabularies, rule severities and publishing details in
 * force for an article, and the rules applied to its tags. Plain TypeScript: the command
 * line and the editor apply exactly the same conventions. docs/conventions.md documents the
 * file.
 */
export {
  CONVENTIONS_FILE_NAME,
  CONVENTIONS_VERSION,
  CUE_FAMILIES,
  FIELD_NAME_PATTERN,
  FIELD_TYPES,
  LIMITS,
  MAX_CONVENTIONS_LENGTH,
  SEVERITIES,
  TOP_LEVEL_KEYS,
  type ColorPair,
  type CueFamily,
  type CueList,
  type CueVocabularySpec,
  type FieldSpec,
  type FieldType,
  type FieldValue,
  type PublishSettings,
  type RatingScale,
  type RatingValue,
  type RuleOverride,
  type RuleSeverity,
} from './format';
export { Conventions, factCheckUrl, ratingValue, type EnumFieldChoice } from './conventions';
export { parseConventions, isWebUrl, type ConventionsLayer, type ParsedConventions } from './parse';
export { mergeLayers } from './resolve';
export { findConventions, loadLayers, type ConventionsFileReader, type FindOptions, type LoadedConventions } from './load';
export { hasConventionsErrors, type ConventionsProblem, type ConventionsProblemCode, type ConventionsSeverity } from './problem';
export { RULES, RULE_IDS, isRuleId, type Finding, type FindingSeverity, type RuleId, type RuleInfo } from './rules';
export { evaluateTags, type EvaluateOptions } from './evaluate';
export { describeFields, fieldValueProblem, isDate, isEmptyValue, isFieldRequired, parseFieldInput, requiredFields } from './fields';
export { defaultConventionsText } from './defaults';

import { Conventions } from './conventions';
import { parseConventions } from './parse';
import type { ConventionsProblem } from './problem';
import { mergeLayers } from './resolve';

/**
 * The conventions of one file's text on its own, its `extends` not followed, for tests and
 * tools that have only the text.
 */
export function conventionsFromText(text: string, file = '.news-annotator.yaml'): { conventions: Conventions; problems: readonly ConventionsProblem[] } {
  const { layer } = parseConventions(text, file);
  const conventions = mergeLayers([layer]);
  return { conventions, problems: layer.report.problems };
}

/**
 * The text "Create Conventions File" writes: the defaults in force without a file, written
 * out with a comment on every section, so a team starts from what it already has and sees
 * what it can change. Made from the same tables the code reads, so it never drifts.
 */
import { DEFAULT_KINDS } from '../kinds';
import { CONVENTIONS_VERSION, CUE_FAMILIES, FIELD_TYPES } from './format';
import { RULES, RULE_IDS } from './rules';

/**
 * The default conventions file.
 *
 * @param schemaUrl - Written as `$schema` so editors with YAML support complete and check it
 */
export function defaultConventionsText(schemaUrl?: string): string {
  const lines: string[] = [
    '# News Annotator conventions: how this team annotates. Committed beside the articles, it is',
    '# read by every colleague\'s VS Code and by the command line. Reference: docs/conventions.md.',
  ];
  if (schemaUrl) lines.push(`$schema: ${schemaUrl}`);
  lines.push(
    `version: ${CONVENTIONS_VERSION}`,
    '',
    '# root: true stops the command line\'s search for conventions files in folders further up.',
    'root: true',
    '',
    '# extends: shared base files, relative to this one (later entries and this file win).',
    '# extends: [../newsroom/.news-annotator.yaml]',
    '',
    '# open_kinds: false makes a tag whose kind is not defined below an error, not a warning.',
    'open_kinds: true',
    '',
    '# kinds: what a span can be tagged as. Relabel, recolour or retire (retired: true) the',
    '# defaults, or add kinds of your own. color: hex colours for light and dark themes;',
    '# icon: a codicon name; key: the letter that tags during triage. fields: typed values',
    `# asked for when tagging (types: ${FIELD_TYPES.join(', ')}; required: true, or required_when).`,
    'kinds:',
  );
  for (const kind of DEFAULT_KINDS) {
    lines.push(
      `  ${kind.id}:`,
      `    label: ${kind.label}`,
      `    description: ${kind.description}`,
      `    color: {light: "${kind.color.light}", dark: "${kind.color.dark}"}`,
      `    icon: ${kind.icon}`,
      `    key: ${kind.key}`,
    );
    if (kind.id === 'claim') {
      lines.push(
        '    # fields:',
        '    #   verdict: {type: enum, scale: verdict, required_when: {review: reviewed}}',
        '    #   review: {type: enum, values: [open, reviewed], required: true}',
        '    #   source_url: {type: url}',
      );
    }
  }
  lines.push(
    '',
    '# ratings: verdict scales, best first, for enum fields (scale: verdict) and for exports.',
    '# Values listed after "worst" are verdicts off the scale.',
    'ratings: {}',
    '#  verdict:',
    '#    values: [accurate, misleading, inaccurate, {value: unsupported, label: Unsupported}]',
    '#    best: accurate',
    '#    worst: inaccurate',
    '',
    `# cues: words and phrases added to or removed from the detector's ${CUE_FAMILIES.join(', ')}`,
    '# vocabularies. Plain words only, never patterns.',
    'cues: {}',
    '#  speculation:',
    '#    add: ["is understood to"]',
    '#    remove: [may]',
    '',
    '# rules: the severity of each check (error, warning, info or off).',
    'rules:',
  );
  for (const id of RULE_IDS) lines.push(`  ${id}: ${RULES[id].severity} # ${RULES[id].description}`);
  lines.push(
    '',
    '# overrides: other severities for articles whose path (relative to this file) matches.',
    'overrides: []',
    '#  - files: ["opinion/**"]',
    '#    rules: {required-field: off}',
    '',
    '# publish: who publishes the fact-checks, for exports such as ClaimReview.',
    'publish: {}',
    '#  organization: Example Fact Check',
    '#  url: https://factcheck.example.org',
    '#  fact_check_url: https://factcheck.example.org/checks/{id}',
    '',
  );
  return lines.join('\n');
}

/**
 * Reading one conventions file: YAML text to what it declares (a layer, merged with its
 * bases later by resolve.ts), and every problem found, each at its position. Never throws,
 * whatever the input: YAML errors, wrong types, aliases and oversized files are problems.
 */
import picomatch from 'picomatch';
import { isScalar, parseDocument, visit, type Node } from 'yaml';
import { CONVENTIONS_VERSION, CUE_FAMILIES, CUE_LIST_KEYS, LIMITS, MAX_CONVENTIONS_LENGTH, OVERRIDE_KEYS, PUBLISH_KEYS, SEVERITIES, TOP_LEVEL_KEYS, URL_PLACEHOLDERS, type CueFamily, type CueList, type CueVocabularySpec, type PublishSettings, type RuleOverride, type RuleSeverity } from './format';
import { compileVocabulary } from '../detect';
import { runawayStringStart } from '../sidecar/parse';
import { ConventionsProblems, type ConventionsProblem, type Range } from './problem';
import { isRuleId, RULE_IDS } from './rules';
import { parseKinds, parseRatings, type KindLayer, type ScaleLayer } from './parseKinds';
import { booleanOf, entriesOf, itemText, itemsOf, rangeOf, textOf, warnUnknownKeys, type Entry } from './yamlNodes';

export interface RuleSetting {
  readonly id: string;
  readonly severity: RuleSeverity;
  readonly range: Range;
}

/** What one file declares. Absent keys leave what its bases (or the defaults) say. */
export interface ConventionsLayer {
  readonly file: string;
  /** `root: true`: the command line's search for conventions stops at this file. */
  readonly root: boolean;
  readonly extends: ReadonlyArray<{ readonly path: string; readonly range: Range }>;
  readonly openKinds?: boolean;
  readonly kinds: readonly KindLayer[];
  readonly ratings: readonly ScaleLayer[];
  readonly cues: CueVocabularySpec;
  readonly rules: readonly RuleSetting[];
  readonly overrides: ReadonlyArray<RuleOverride & { readonly range: Range }>;
  readonly publish: PublishSettings;
  /** Where problems found later (when merging) are reported. */
  readonly report: ConventionsProblems;
}

export interface ParsedConventions {
  readonly layer: ConventionsLayer;
  readonly problems: readonly ConventionsProblem[];
}

const YAML_OPTIONS = { version: '1.2', schema: 'core', strict: true, uniqueKeys: true, prettyErrors: false } as const;

/**
 * Parses the text of one conventions file.
 *
 * @param text - The file's contents decoded as UTF-8 (a leading BOM is allowed)
 * @param file - Its path, echoed in every problem
 */
export function parseConventions(text: string, file = '.news-annotator.yaml'): ParsedConventions {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // An oversized file is reported at its first line, without indexing all of its lines.
  const report = new ConventionsProblems(file, source.length > MAX_CONVENTIONS_LENGTH ? source.slice(0, source.indexOf('\n') + 1 || 1) : source);
  const layer = { file, root: false, extends: [], kinds: [], ratings: [], cues: {}, rules: [], overrides: [], publish: {}, report } as { -readonly [K in keyof ConventionsLayer]: ConventionsLayer[K] };
  const done = (): ParsedConventions => ({ layer, problems: report.problems });
  try {
    if (source.length > MAX_CONVENTIONS_LENGTH) {
      report.error('too-large', `This conventions file is ${Math.round(source.length / 1024)} KB, over the ${MAX_CONVENTIONS_LENGTH / 1024} KB limit, so it was not read.`);
      return done();
    }
    const document = parseDocument(source, YAML_OPTIONS);
    for (const error of document.errors) {
      if (error.code === 'DUPLICATE_KEY') {
        report.error('duplicate-key', 'This key appears twice in the same mapping (a kind, field or rule defined twice?); remove or merge one.', error.pos);
      } else if (error.code === 'MISSING_CHAR' && error.message.includes('quote')) {
        // Reported where the file ends; the line to fix is where the quote was opened.
        const opened = runawayStringStart(document, error.pos[0]);
        report.error('yaml-syntax', 'YAML syntax: this quoted text is never closed; add the closing quote.', opened === undefined ? error.pos : [opened, opened + 1]);
      } else {
        report.error('yaml-syntax', `YAML syntax: ${error.message.split('\n')[0]}`, error.pos);
      }
    }
    for (const warning of document.warnings) report.warning('yaml-warning', `YAML: ${warning.message.split('\n')[0]}`, warning.pos);
    // Aliases are refused, not resolved: the file never needs them, and an alias bomb then
    // costs one pass over the nodes.
    let alias: Node | undefined;
    let aliases = 0;
    if (source.includes('*')) {
      visit(document, {
        Alias(_key, node) {
          alias ??= node;
          aliases++;
          return visit.SKIP;
        },
      });
    }
    if (alias) {
      report.error('yaml-alias', `YAML aliases (*name) are not allowed in a conventions file; write the value out in full.${aliases > 1 ? ` This file has ${aliases}.` : ''}`, rangeOf(alias));
      return done();
    }
    const root = document.contents as Node | null;
    if (root === null || (isScalar(root) && root.value === null)) {
      report.warning('empty-file', `The file is empty; start it with "version: ${CONVENTIONS_VERSION}", or delete it to use the defaults.`);
      return done();
    }
    const entries = entriesOf(root, report, 'A conventions file', rangeOf(root));
    if (!entries) return done();
    warnUnknownKeys(entries, TOP_LEVEL_KEYS, report, 'the conventions file');
    const version = entries.find((e) => e.key === 'version');
    if (!version) {
      report.warning('missing-version', `No "version"; add "version: ${CONVENTIONS_VERSION}" as the first line.`, entries[0]?.keyRange);
    } else if (!isScalar(version.value) || version.value.value !== CONVENTIONS_VERSION) {
      report.error('unsupported-version', `Conventions version ${JSON.stringify(isScalar(version.value) ? version.value.value : null)} is not supported; this News Annotator reads version ${CONVENTIONS_VERSION}. The file is not applied.`, version.range);
      return done();
    }
    for (const entry of entries) readTopLevel(entry, layer, report);
  } catch (error) {
    // Nothing above should throw; if something does, the file is reported, not the editor broken.
    report.error('yaml-syntax', `The file could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return done();
}

function readTopLevel(entry: Entry, layer: { -readonly [K in keyof ConventionsLayer]: ConventionsLayer[K] }, report: ConventionsProblems): void {
  switch (entry.key) {
    case 'root':
      layer.root = booleanOf(entry, report, '"root"') ?? false;
      break;
    case 'extends':
      layer.extends = extendsOf(entry, report);
      break;
    case 'open_kinds':
      layer.openKinds = booleanOf(entry, report, '"open_kinds"');
      break;
    case 'kinds':
      layer.kinds = parseKinds(entry, report);
      break;
    case 'ratings':
      layer.ratings = parseRatings(entry, report);
      break;
    case 'cues':
      layer.cues = cuesOf(entry, report);
      break;
    case 'rules':
      layer.rules = rulesOf(entry, report, 'rules');
      break;
    case 'overrides':
      layer.overrides = overridesOf(entry, report);
      break;
    case 'publish':
      layer.publish = publishOf(entry, report);
      break;
  }
}

function extendsOf(entry: Entry, report: ConventionsProblems): Array<{ path: string; range: Range }> {
  const items = itemsOf(entry, report, '"extends"', true) ?? [];
  if (items.length > LIMITS.extendsFiles) report.error('over-limit', `"extends" lists ${items.length} files; at most ${LIMITS.extendsFiles} are read.`, rangeOf(items[LIMITS.extendsFiles]));
  const paths: Array<{ path: string; range: Range }> = [];
  for (const item of items.slice(0, LIMITS.extendsFiles)) {
    const path = itemText(item, report, 'An "extends" entry (a relative path)', entry.range);
    if (path === undefined) continue;
    if (path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(path) || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
      report.error('extends-outside', `"${path}" is not a relative path; "extends" takes paths relative to this file, inside the workspace folder.`, rangeOf(item));
      continue;
    }
    paths.push({ path: path.replace(/\\/g, '/'), range: rangeOf(item) });
  }
  return paths;
}

/** A cue entry: words of letters, digits, apostrophes, hyphens and periods, separated by single spaces. */
const CUE_ENTRY = /^[\p{L}\p{M}\p{N}'’ʼ.‐‑-]+(?: [\p{L}\p{M}\p{N}'’ʼ.‐‑-]+)*$/u;

function cuesOf(entry: Entry, report: ConventionsProblems): CueVocabularySpec {
  const entries = entriesOf(entry.value, report, '"cues"', entry.range);
  if (!entries) return {};
  warnUnknownKeys(entries, CUE_FAMILIES, report, '"cues"');
  const spec: Partial<Record<CueFamily, CueList>> = {};
  for (const family of entries) {
    if (!(CUE_FAMILIES as readonly string[]).includes(family.key)) continue;
    const lists = entriesOf(family.value, report, `"cues.${family.key}"`, family.range);
    if (!lists) continue;
    warnUnknownKeys(lists, CUE_LIST_KEYS, report, `"cues.${family.key}"`);
    const list = { add: [] as string[], remove: [] as string[] };
    const ranges = { add: [] as Range[], remove: [] as Range[] };
    for (const which of lists) {
      if (which.key !== 'add' && which.key !== 'remove') continue;
      const items = itemsOf(which, report, `"cues.${family.key}.${which.key}"`) ?? [];
      if (items.length > LIMITS.cueEntries) {
        report.error('over-limit', `"cues.${family.key}.${which.key}" has ${items.length} entries; the first ${LIMITS.cueEntries} are used and the other ${items.length - LIMITS.cueEntries} ignored.`, rangeOf(items[LIMITS.cueEntries]));
      }
      for (const item of items.slice(0, LIMITS.cueEntries)) {
        const raw = itemText(item, report, `A cue entry`, which.range);
        if (raw === undefined) continue;
        const words = raw.trim().replace(/\s+/g, ' ').toLowerCase();
        if (words.length > LIMITS.cueEntryLength || words.split(' ').length > LIMITS.cueEntryWords) {
          report.error('over-limit', `The cue "${raw.slice(0, 30)}${raw.length > 30 ? '…' : ''}" is too long: at most ${LIMITS.cueEntryWords} words and ${LIMITS.cueEntryLength} characters. It is ignored.`, rangeOf(item));
        } else if (!CUE_ENTRY.test(words)) {
          report.error('bad-value', `The cue "${raw}" must be plain words (letters, digits, apostrophes, hyphens, periods and spaces); patterns and punctuation are not read. It is ignored.`, rangeOf(item));
        } else if (!list[which.key].includes(words)) {
          list[which.key].push(words);
          ranges[which.key].push(rangeOf(item));
        }
      }
    }
    // The detector has the last word on an entry (a number word cannot be a cue; removing a
    // word that is no default cue changes nothing): say so at the entry rather than drop it
    // unseen. Adding a word the family already has is what the team wants, and goes unsaid.
    const family_ = family.key as CueFamily;
    for (const problem of compileVocabulary({ [family_]: list }).problems) {
      if (problem.severity !== 'error' && problem.list === 'add') continue;
      const at = problem.index >= 0 ? ranges[problem.list][problem.index] : family.range;
      report.warning('bad-value', `The cue ${problem.message.replace(/^[a-z]+\.[a-z]+: /, '')}.`, at);
    }
    spec[family_] = list;
  }
  return spec;
}

function rulesOf(entry: Entry, report: ConventionsProblems, where: string): RuleSetting[] {
  const entries = entriesOf(entry.value, report, `"${where}"`, entry.range);
  if (!entries) return [];
  const rules: RuleSetting[] = [];
  for (const rule of entries) {
    if (!isRuleId(rule.key)) {
      report.warning('unknown-rule', `There is no rule "${rule.key}"; it is ignored. Rules: ${RULE_IDS.join(', ')}.`, rule.keyRange);
      continue;
    }
    const value = isScalar(rule.value) ? rule.value.value : undefined;
    if (typeof value !== 'string' || !(SEVERITIES as readonly string[]).includes(value)) {
      report.error('bad-value', `The severity of "${rule.key}" must be one of ${SEVERITIES.join(', ')}.`, rule.range);
      continue;
    }
    rules.push({ id: rule.key, severity: value as RuleSeverity, range: rule.range });
  }
  return rules;
}

function overridesOf(entry: Entry, report: ConventionsProblems): Array<RuleOverride & { range: Range }> {
  const items = itemsOf(entry, report, '"overrides"') ?? [];
  if (items.length > LIMITS.overrides) report.error('over-limit', `"overrides" has ${items.length} blocks; at most ${LIMITS.overrides} are read.`, rangeOf(items[LIMITS.overrides]));
  const overrides: Array<RuleOverride & { range: Range }> = [];
  for (const item of items.slice(0, LIMITS.overrides)) {
    const at = rangeOf(item) ?? entry.range;
    const entries = entriesOf(item, report, 'Each entry of "overrides"', at);
    if (!entries) continue;
    warnUnknownKeys(entries, OVERRIDE_KEYS, report, 'an override');
    const filesEntry = entries.find((e) => e.key === 'files');
    const rulesEntry = entries.find((e) => e.key === 'rules');
    if (!filesEntry || !rulesEntry) {
      report.error('bad-value', 'An override needs "files" (globs such as "opinion/**") and "rules" (rule: severity).', at);
      continue;
    }
    const globs: string[] = [];
    const globItems = itemsOf(filesEntry, report, '"files"', true) ?? [];
    for (const glob of globItems.slice(0, LIMITS.overrideGlobs)) {
      const pattern = itemText(glob, report, 'A glob in "files"', filesEntry.range);
      if (pattern === undefined) continue;
      if (pattern.length > 256 || !isUsableGlob(pattern)) {
        report.error('bad-glob', `"${pattern.slice(0, 60)}" is not a glob this can match: use a path relative to this file's folder, with *, ** and {a,b}.`, rangeOf(glob));
        continue;
      }
      globs.push(pattern.replace(/^\.\//, ''));
    }
    if (globItems.length > LIMITS.overrideGlobs) report.error('over-limit', `At most ${LIMITS.overrideGlobs} globs are read per override.`, rangeOf(globItems[LIMITS.overrideGlobs]));
    const rules = rulesOf(rulesEntry, report, 'rules');
    if (globs.length > 0) overrides.push({ files: globs, rules: Object.fromEntries(rules.map((r) => [r.id, r.severity])), range: at });
  }
  return overrides;
}

function isUsableGlob(pattern: string): boolean {
  if (pattern.startsWith('/') || pattern.split('/').includes('..')) return false;
  try {
    picomatch.makeRe(pattern);
    return true;
  } catch {
    return false;
  }
}

function publishOf(entry: Entry, report: ConventionsProblems): PublishSettings {
  const entries = entriesOf(entry.value, report, '"publish"', entry.range);
  if (!entries) return {};
  warnUnknownKeys(entries, PUBLISH_KEYS, report, '"publish"');
  const publish: { -readonly [K in keyof PublishSettings]: PublishSettings[K] } = {};
  for (const item of entries) {
    if (item.key === 'organization') {
      publish.organization = textOf(item, report, '"publish.organization"', 200);
    } else if (item.key === 'url') {
      const url = textOf(item, report, '"publish.url"', LIMITS.text);
      if (url !== undefined && !isWebUrl(url)) report.error('bad-url', `"${url}" is not an http or https URL.`, item.range);
      else publish.url = url;
    } else if (item.key === 'fact_check_url') {
      const template = textOf(item, report, '"publish.fact_check_url"', LIMITS.text);
      if (template === undefined) continue;
      const problem = templateProblem(template);
      if (problem) report.error('bad-url', problem, item.range);
      else publish.factCheckUrl = template;
    }
  }
  return publish;
}

/** Whether `text` is an absolute http(s) URL. */
export function isWebUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** What is wrong with a fact-check URL template, or undefined when it is usable. */
function templateProblem(template: string): string | undefined {
  const placeholders = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
  const unknown = placeholders.filter((p) => !(URL_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length > 0) return `Unknown placeholder {${unknown[0]}} in the fact-check URL; use ${URL_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`;
  const sample = template.replace(/\{[^{}]*\}/g, 'x');
  if (!isWebUrl(sample)) return `"${template}" is not an http or https URL (with {id} and the like where the tag's values go).`;
  return undefined;
}

/**
 * Merging conventions files into the conventions in force: the defaults, then each base a
 * file extends (in the order listed, each after its own bases), then the file itself. A
 * later file overrides an earlier one key by key: a kind's label or colour, a field, a scale,
 * a rule's severity; cue lists add up; overrides are tried last-first.
 */
import { DEFAULT_KINDS, KindRegistry, type TagKind } from '../kinds';
import { Conventions } from './conventions';
import { LIMITS, type CueFamily, type CueList, type FieldSpec, type PublishSettings, type RatingScale, type RuleOverride, type RuleSeverity } from './format';
import type { ConventionsLayer } from './parse';
import type { FieldLayer } from './parseKinds';
import { labelFromName } from './parseKinds';
import type { Range } from './problem';

/**
 * Colours given to new kinds that name none, in order; picked to stay apart from the four
 * defaults and from each other in both theme families.
 */
const SPARE_COLORS: ReadonlyArray<TagKind['color']> = [
  { light: '#00796b', dark: '#4db6ac' },
  { light: '#5d7a00', dark: '#b5cc5b' },
  { light: '#8d5524', dark: '#d9a066' },
  { light: '#455a94', dark: '#9fb3e6' },
  { light: '#a0522d', dark: '#e5986b' },
  { light: '#2e7d32', dark: '#81c784' },
];

interface MergedKind {
  kind: { -readonly [K in keyof TagKind]: TagKind[K] };
  fields: Map<string, FieldLayer & { layer: ConventionsLayer }>;
  /** Where the key was last set, to report a clash there. */
  keyAt?: { layer: ConventionsLayer; range: Range };
  order: number;
}

/**
 * Merges layers, bases first, into conventions. Problems that only show once files are
 * merged (a key two kinds share, a scale or field that does not exist) are added to the
 * layer whose file has the line to fix.
 */
export function mergeLayers(layers: readonly ConventionsLayer[]): Conventions {
  const kinds = new Map<string, MergedKind>();
  DEFAULT_KINDS.forEach((kind, order) => kinds.set(kind.id, { kind: { ...kind }, fields: new Map(), order }));
  let openKinds = true;
  const ratings = new Map<string, RatingScale>();
  const cues: Partial<Record<CueFamily, { add: string[]; remove: string[] }>> = {};
  const rules = new Map<string, RuleSeverity>();
  const overrides: RuleOverride[] = [];
  let publish: PublishSettings = {};
  let spare = 0;

  for (const layer of layers) {
    if (layer.openKinds !== undefined) openKinds = layer.openKinds;
    for (const defined of layer.kinds) {
      let merged = kinds.get(defined.id);
      if (!merged) {
        if (kinds.size >= LIMITS.kinds + DEFAULT_KINDS.length) {
          layer.report.error('over-limit', `Kind "${defined.id}" is one kind too many: at most ${LIMITS.kinds} kinds can be added.`, defined.range);
          continue;
        }
        const color = defined.color ?? SPARE_COLORS[spare++ % SPARE_COLORS.length];
        merged = { kind: { id: defined.id, label: labelFromName(defined.id), color, icon: 'tag' }, fields: new Map(), order: kinds.size };
        kinds.set(defined.id, merged);
      }
      const kind = merged.kind;
      if (defined.label !== undefined) kind.label = defined.label;
      if (defined.description !== undefined) kind.description = defined.description;
      if (defined.color !== undefined) kind.color = defined.color;
      if (defined.icon !== undefined) kind.icon = defined.icon;
      if (defined.retired !== undefined) kind.retired = defined.retired;
      if (defined.key !== undefined) {
        kind.key = defined.key;
        merged.keyAt = { layer, range: defined.keyRange };
      }
      for (const field of defined.fields ?? []) merged.fields.set(field.name, { ...field, layer });
    }
    for (const scale of layer.ratings) ratings.set(scale.id, scale);
    for (const [family, list] of Object.entries(layer.cues) as Array<[CueFamily, CueList]>) {
      const into = (cues[family] ??= { add: [], remove: [] });
      for (const word of list.remove) {
        into.add = into.add.filter((w) => w !== word);
        if (!into.remove.includes(word)) into.remove.push(word);
      }
      for (const word of list.add) {
        into.remove = into.remove.filter((w) => w !== word);
        if (!into.add.includes(word)) into.add.push(word);
      }
      if (into.add.length > LIMITS.cueEntriesMerged) {
        layer.report.error('over-limit', `The merged "cues.${family}.add" has ${into.add.length} entries; the first ${LIMITS.cueEntriesMerged} are used.`);
        into.add = into.add.slice(0, LIMITS.cueEntriesMerged);
      }
    }
    for (const rule of layer.rules) rules.set(rule.id, rule.severity);
    for (const { range: _range, ...override } of layer.overrides) overrides.push(override);
    publish = { ...publish, ...definedOnly(layer.publish) };
  }

  const ordered = [...kinds.values()].sort((a, b) => a.order - b.order);
  clearKeyClashes(ordered);
  const fields = new Map<string, FieldSpec[]>();
  for (const merged of ordered) {
    const resolved = [...merged.fields.values()].map((field) => resolveField(field, merged.kind.id, merged.fields, ratings)).filter((f): f is FieldSpec => f !== undefined);
    if (resolved.length > 0) fields.set(merged.kind.id, resolved);
  }
  const { registry } = KindRegistry.create(ordered.map((merged) => merged.kind));
  const sources = layers.map((layer) => layer.file);
  return new Conventions({ kinds: registry, openKinds, fields, ratings, cues, publish, rules, overrides, sources });
}

/**
 * Two current kinds on one triage key: the kind whose key was set later (a team's new kind
 * rather than a default) loses it, and the file that set it gets the problem.
 */
function clearKeyClashes(ordered: MergedKind[]): void {
  const owners = new Map<string, MergedKind>();
  const byTime = [...ordered].sort((a, b) => Number(!!a.keyAt) - Number(!!b.keyAt) || a.order - b.order);
  for (const merged of byTime) {
    const key = merged.kind.key;
    if (key === undefined || merged.kind.retired) continue;
    const owner = owners.get(key);
    if (!owner) {
      owners.set(key, merged);
      continue;
    }
    const at = merged.keyAt;
    at?.layer.report.error('duplicate-triage-key', `Key "${key}" is already the triage key of kind "${owner.kind.id}"; give "${merged.kind.id}" another key (or change that of "${owner.kind.id}").`, at.range);
    delete merged.kind.key;
  }
}

function resolveField(field: FieldLayer & { layer: ConventionsLayer }, kind: string, all: ReadonlyMap<string, FieldLayer>, ratings: ReadonlyMap<string, RatingScale>): FieldSpec | undefined {
  const { layer, range: _range, scaleRange, requiredWhenRange, ...spec } = field;
  let values = spec.values;
  if (spec.scale !== undefined) {
    const scale = ratings.get(spec.scale);
    if (!scale) {
      const known = [...ratings.keys()];
      layer.report.error('unknown-scale', `There is no rating scale "${spec.scale}" for field "${spec.name}" of kind "${kind}"; ${known.length > 0 ? `scales: ${known.join(', ')}` : 'define it under "ratings"'}.`, scaleRange);
      if (!values) return undefined;
    } else {
      const scaleValues = scale.values.map((v) => v.value);
      const outside = (values ?? []).filter((v) => !scaleValues.includes(v));
      if (outside.length > 0) layer.report.error('bad-value', `"${outside[0]}" is not a value of the rating scale "${scale.id}"; leave "values" out to take the scale's.`, scaleRange);
      values = values?.filter((v) => scaleValues.includes(v)) ?? scaleValues;
    }
  }
  let requiredWhen = spec.requiredWhen;
  if (requiredWhen) {
    const missing = Object.keys(requiredWhen).filter((name) => !all.has(name) || name === spec.name);
    if (missing.length > 0) {
      layer.report.error('unknown-field', `"required_when" of field "${spec.name}" names "${missing[0]}", which is not another field of kind "${kind}".`, requiredWhenRange);
      requiredWhen = Object.fromEntries(Object.entries(requiredWhen).filter(([name]) => !missing.includes(name)));
      if (Object.keys(requiredWhen).length === 0) requiredWhen = undefined;
    }
  }
  const resolved: FieldSpec = { ...spec, ...(values ? { values } : {}) };
  if (requiredWhen) return { ...resolved, requiredWhen };
  const { requiredWhen: _dropped, ...rest } = resolved;
  return rest;
}

function definedOnly(publish: PublishSettings): PublishSettings {
  return Object.fromEntries(Object.entries(publish).filter(([, value]) => value !== undefined)) as PublishSettings;
}

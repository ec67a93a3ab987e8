/**
 * Which kind to offer first when someone tags a span, from what the detector found there.
 * Typed against a minimal shape of a detection so it does not depend on the detector's
 * module, only on the fields it promises.
 */
import type { KindRegistry } from './kinds';

/** The fields of a detection this module reads. */
export interface DetectionLike {
  readonly kind: string;
  readonly subtype: string;
  readonly speaker?: string;
  readonly start: number;
  readonly end: number;
}

/** The detector's cue subtypes (`Detection.subtype` when `kind` is `cue`). */
const SPECULATION_CUE = 'speculation';
const OPINION_CUE = 'opinion';

/**
 * Suggests a kind for a span from the detections overlapping it, most specific first: a
 * quote with a speaker (or an attribution) → `attribution`; a speculation cue →
 * `speculation`; an opinion cue → `opinion`; a number → `claim`. A hedged sentence that
 * contains a number is speculation, not a claim, hence the order. Kinds the registry does
 * not have (a team removed them) are skipped.
 *
 * @param detections - Detections overlapping the span to tag
 * @param registry - The kinds in effect
 * @returns a kind id, or undefined when nothing suggests one
 */
export function suggestKind(detections: readonly DetectionLike[], registry: KindRegistry): string | undefined {
  const has = (predicate: (detection: DetectionLike) => boolean): boolean => detections.some(predicate);
  const rules: Array<[string, boolean]> = [
    ['attribution', has((d) => (d.kind === 'quote' && !!d.speaker?.trim()) || d.kind === 'attribution')],
    ['speculation', has((d) => d.kind === 'cue' && d.subtype === SPECULATION_CUE)],
    ['opinion', has((d) => d.kind === 'cue' && d.subtype === OPINION_CUE)],
    ['claim', has((d) => d.kind === 'number')],
  ];
  return rules.find(([kind, matches]) => matches && registry.has(kind))?.[0];
}

/**
 * The detections that overlap `[start, end)`; an empty span (a cursor) overlaps detections
 * that contain it, boundaries included.
 */
export function overlapping<T extends DetectionLike>(detections: readonly T[], start: number, end: number): T[] {
  if (start === end) return detections.filter((d) => d.start <= start && start <= d.end);
  return detections.filter((d) => d.start < end && start < d.end);
}

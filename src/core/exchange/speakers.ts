/**
 * Who made a claim, for ClaimReview's `itemReviewed.author`: the speaker the detector finds
 * for the quote the tag is in (or holds), else for the attribution governing its sentence,
 * else the `speaker` field of an attribution tag over the same words.
 */
import { detect, type Detection } from '../detect';
import type { Tag } from '../tags';

const SPEAKER_FIELDS = ['speaker', 'claimant', 'claim_author'] as const;

/**
 * The speaker of each tag of one article that has one.
 *
 * @param text - The article text the tags are anchored in
 * @param tags - All tags of the article (attribution tags can name the speaker of a claim)
 * @returns Speaker by tag id
 */
export function findSpeakers(text: string, tags: readonly Tag[]): Map<string, string> {
  const speakers = new Map<string, string>();
  let detections: Detection[] | undefined;
  for (const tag of tags) {
    if (tag.status === 'orphan') continue;
    const own = fieldSpeaker(tag);
    if (own) {
      speakers.set(tag.id, own);
      continue;
    }
    detections ??= detect(text, { kinds: new Set(['quote', 'attribution']) });
    const found = detectedSpeaker(tag, detections) ?? taggedSpeaker(tag, tags);
    if (found) speakers.set(tag.id, found);
  }
  return speakers;
}

/** A speaker written on the tag itself (a `speaker` field), if any. */
export function fieldSpeaker(tag: Tag): string | undefined {
  for (const name of SPEAKER_FIELDS) {
    const value = tag.extra?.[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

function detectedSpeaker(tag: Tag, detections: readonly Detection[]): string | undefined {
  const { start, end } = tag.anchor;
  const overlaps = (d: { start: number; end: number }): boolean => d.start < end && start < d.end;
  const quote = detections.find((d) => d.kind === 'quote' && d.speaker && overlaps(d));
  if (quote?.speaker) return quote.speaker;
  const attribution = detections.find(
    (d) => d.kind === 'attribution' && d.speaker && d.sentenceStart !== undefined && d.sentenceEnd !== undefined && d.sentenceStart <= start && end <= d.sentenceEnd,
  );
  return attribution?.speaker;
}

function taggedSpeaker(tag: Tag, tags: readonly Tag[]): string | undefined {
  for (const other of tags) {
    if (other === tag || other.kind !== 'attribution' || other.status === 'orphan') continue;
    if (other.anchor.start < tag.anchor.end && tag.anchor.start < other.anchor.end) {
      const speaker = fieldSpeaker(other);
      if (speaker) return speaker;
    }
  }
  return undefined;
}

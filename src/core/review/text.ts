/**
 * Small text helpers for the review commands' output: one line per tag, whatever the tag's
 * text holds.
 */
import { normaliseSpacing } from '../reflow';

/** Line breaks shown as ⏎ so a multi-line text stays on one output line. */
export function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n|\u2028|\u2029|\u0085/g, ' ⏎ ');
}

/**
 * `text` on one line, cut to `max` characters with an ellipsis: the words only, without the
 * `>` quote marks that open the lines of a block quote.
 */
export function excerpt(text: string, max: number): string {
  const flat = normaliseSpacing(text).replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** A field value as the output shows it: strings as they are, anything else as JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(none)';
  return typeof value === 'string' ? oneLine(value) : JSON.stringify(value);
}

/** Text safe inside a Markdown table cell: on one line, pipes and backslashes escaped, no HTML. */
export function markdownCell(text: string): string {
  return oneLine(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

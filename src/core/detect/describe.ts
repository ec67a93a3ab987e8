import type { Detection, NumericRange } from './types';

/**
 * A normalised value as short text: "1000", "≥1000", "11000–12000", "~10 day", "2000 USD",
 * "12%". Fixtures write expected values in this form.
 *
 * @param value - A detection's `value`
 */
export function formatValue(value: number | NumericRange): string {
  if (typeof value === 'number') return String(value);
  const { min, max, approx, unit, currency } = value;
  let core: string;
  if (min !== undefined && max !== undefined) core = min === max ? String(min) : `${min}–${max}`;
  else if (min !== undefined) core = `≥${min}`;
  else if (max !== undefined) core = `≤${max}`;
  else core = '?';
  if (approx) core = `~${core}`;
  if (unit === '%') core += '%';
  else if (unit) core += ` ${unit}`;
  if (currency) core += ` ${currency}`;
  return core;
}

function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu);
  return words ? words.length : 0;
}

/**
 * A short human label for a detection, as the editor's hover shows it:
 * "Numeric claim · money · $2,000 = 2000 USD", "Quote · 31 words · attributed to Lloyd
 * Austin", "Speculation cue: could".
 *
 * @param d - The detection
 * @param text - The text it was found in
 */
export function describeDetection(d: Detection, text: string): string {
  const written = text.slice(d.start, d.end).replace(/\s+/g, ' ');
  switch (d.kind) {
    case 'quote': {
      const parts = [`Quote · ${countWords(written)} words`];
      if (d.speaker) parts.push(`attributed to ${d.speaker}`);
      if (d.nested) parts.push('nested');
      if (d.unclosed) parts.push('no closing mark');
      return parts.join(' · ');
    }
    case 'number': {
      let label = `Numeric claim · ${d.subtype} · ${written}`;
      if (d.value !== undefined) label += ` = ${formatValue(d.value)}`;
      if (d.noun) label += ` · ${d.noun}`;
      return label;
    }
    case 'attribution': {
      const how = d.subtype === 'according-to' ? 'according to' : d.subtype === 'speaker' ? 'quoted speaker' : 'reported speech';
      return `Attribution · ${how} · ${d.speaker ?? written}`;
    }
    case 'cue':
      return `${d.subtype === 'opinion' ? 'Opinion' : 'Speculation'} cue: ${d.word ?? written}`;
  }
}

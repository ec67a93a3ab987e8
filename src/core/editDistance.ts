/**
 * Edit distances for comparing a tag's stored context with the text around a candidate
 * place. A news article can hold a short tag's text thousands of times ("Putin", "10,000"),
 * and each occurrence's context is compared on both sides, so the comparison of two strings
 * of up to 32 code units (the stored context length) is done bit-parallel: one machine word
 * holds a whole column of the edit-distance table.
 */

/**
 * Levenshtein distance in code units, by the classic table. Used for strings longer than a
 * machine word, which stored context never is unless a sidecar was written by hand.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

/** The longest pattern {@link ContextPattern} handles bit-parallel: one 32-bit word. */
const WORD = 32;

/**
 * A string prepared once for many distance computations against slices of a text: the
 * global edit distance of Myers' bit-vector algorithm in Hyyrö's formulation, O(slice
 * length) word operations per comparison instead of O(pattern × slice) table cells.
 */
export class ContextPattern {
  /** For each code unit of the pattern, the bit mask of where it occurs: Latin-1 in a table, the rest in a map. */
  private readonly low = new Int32Array(256);
  private readonly high = new Map<number, number>();

  constructor(readonly pattern: string) {
    if (pattern.length > WORD) return;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      if (code < 256) this.low[code] |= 1 << i;
      else this.high.set(code, (this.high.get(code) ?? 0) | (1 << i));
    }
  }

  /** Levenshtein distance between the pattern and `text[from, to)`. */
  distanceTo(text: string, from: number, to: number): number {
    const m = this.pattern.length;
    const n = to - from;
    if (m === 0) return n;
    if (n <= 0) return m;
    if (m > WORD) return editDistance(this.pattern, text.slice(from, to));
    const high = 1 << (m - 1);
    let pv = m === WORD ? -1 : (1 << m) - 1;
    let mv = 0;
    let score = m;
    for (let j = from; j < to; j++) {
      const code = text.charCodeAt(j);
      const eq = code < 256 ? this.low[code] : (this.high.get(code) ?? 0);
      const xv = eq | mv;
      const xh = (((eq & pv) + pv) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (ph & high) score++;
      else if (mh & high) score--;
      // Shifting a 1 in: the table's first row grows by one per column, as the distance
      // between the whole pattern and text, not a search for it, requires.
      ph = (ph << 1) | 1;
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
    }
    return score;
  }
}

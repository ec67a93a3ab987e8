/**
 * Converting offsets between UTF-16 code units (what JavaScript strings, VS Code and the
 * sidecar count) and Unicode code points (what the W3C Web Annotation model's
 * TextPositionSelector counts). They differ only past a character outside the Basic
 * Multilingual Plane (an emoji, some CJK), which counts two code units and one code point.
 */
export class CodePointIndex {
  /** Code-unit offsets of the second half of every surrogate pair, ascending; empty for most articles. */
  private readonly lowSurrogates: number[] = [];

  /**
   * @param text - The text the offsets refer to
   */
  constructor(private readonly text: string) {
    for (let i = 0; i + 1 < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          this.lowSurrogates.push(i + 1);
          i++;
        }
      }
    }
  }

  /** The length of the text in code points. */
  get length(): number {
    return this.text.length - this.lowSurrogates.length;
  }

  /**
   * The code-point offset of a code-unit offset. An offset between the halves of a pair
   * counts as after the character.
   */
  toCodePoint(offset: number): number {
    const o = clamp(offset, this.text.length);
    return o - this.countBelow(o);
  }

  /** The code-unit offset of a code-point offset (clamped to the text). */
  toCodeUnit(offset: number): number {
    let o = clamp(offset, this.length);
    // Each pair before the position adds one code unit; walk the sorted list once.
    for (const low of this.lowSurrogates) {
      if (low <= o) o++;
      else break;
    }
    return Math.min(o, this.text.length);
  }

  /** How many second halves lie strictly below `offset` (binary search). */
  private countBelow(offset: number): number {
    let lo = 0;
    let hi = this.lowSurrogates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.lowSurrogates[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function clamp(offset: number, max: number): number {
  return Math.max(0, Math.min(Number.isFinite(offset) ? Math.floor(offset) : 0, max));
}

/**
 * Texts rewritten the way articles come: hard-wrapped, one sentence per line, as Markdown
 * with front matter, code and links. Each rewriting keeps the prose as a reader reads it and
 * says where every character of the original went, so that the detections of the two can be
 * compared.
 */

/** A text made from another, with where each of the other's characters went. */
export interface Rewritten {
  text: string;
  /** For each offset of the original (and its length): the offset in `text`. */
  at: Int32Array;
}

/** Builds a `Rewritten`: pieces of the original kept in order, markup put in between. */
class Rewriter {
  private readonly parts: string[] = [];
  private length = 0;
  readonly at: Int32Array;

  constructor(private readonly original: string) {
    this.at = new Int32Array(original.length + 1);
  }

  /** Keeps [from, to) of the original. */
  keep(from: number, to: number): void {
    for (let i = from; i < to; i++) this.at[i] = this.length + (i - from);
    this.parts.push(this.original.slice(from, to));
    this.length += to - from;
  }

  /** Writes `text` in place of [from, to) of the original (a run of spaces read the same way, say). */
  replace(from: number, to: number, text: string): void {
    for (let i = from; i < to; i++) this.at[i] = this.length;
    this.insert(text);
  }

  insert(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  done(): Rewritten {
    this.at[this.original.length] = this.length;
    return { text: this.parts.join(''), at: this.at };
  }
}

/** Where the characters of `a`'s original went in `b`, when `b` rewrote `a.text`. */
function compose(a: Rewritten, b: Rewritten): Rewritten {
  return { text: b.text, at: a.at.map((i) => b.at[i]) };
}

/** The end of a span of the original that ends at `end`, in the rewritten text. */
export function endIn(rewritten: Rewritten, end: number): number {
  return end === 0 ? rewritten.at[0] : rewritten.at[end - 1] + 1;
}

/**
 * `text` hard-wrapped at `width` columns, with a blank line between its paragraphs (its
 * lines), as plain-text and Markdown articles often are.
 */
export function hardWrap(text: string, width: number): string {
  return hardWrapped(text, width).text;
}

/** `hardWrap`, saying where each character went. */
export function hardWrapped(text: string, width: number): Rewritten {
  const out = new Rewriter(text);
  // A line is as many characters as fit, ending before a run of spaces (or at the end).
  const line = new RegExp(`(\\S.{0,${width - 1}})(?: +|$)`, 'g');
  let at = 0;
  text.split('\n').forEach((paragraph, k) => {
    if (k > 0) {
      out.replace(at - 1, at, '\n\n');
    }
    let last = 0;
    const lines: Array<[number, number, number]> = [];
    for (const m of paragraph.matchAll(line)) {
      const s = m.index;
      lines.push([s, s + m[1].length, s + m[0].length]);
    }
    lines.forEach(([s, e, next], n) => {
      out.keep(at + last, at + s);
      out.keep(at + s, at + e);
      if (n + 1 < lines.length) out.replace(at + e, at + next, '\n');
      else out.keep(at + e, at + next);
      last = next;
    });
    out.keep(at + last, at + paragraph.length);
    at += paragraph.length + 1;
  });
  return out.done();
}

/**
 * `text` (one paragraph per line) as Markdown written one sentence per line, a blank line
 * between paragraphs: semantic line breaks.
 */
export function oneSentencePerLine(text: string): Rewritten {
  const out = new Rewriter(text);
  let at = 0;
  text.split('\n').forEach((paragraph, k) => {
    if (k > 0) out.replace(at - 1, at, '\n\n');
    let last = 0;
    // A space after a sentence end, before a capital or an opening mark.
    for (const m of paragraph.matchAll(/(?<=[a-z0-9][.!?]["”’]?) (?=[A-Z“"])/g)) {
      out.keep(at + last, at + m.index);
      out.replace(at + m.index, at + m.index + 1, '\n');
      last = m.index + 1;
    }
    out.keep(at + last, at + paragraph.length);
    at += paragraph.length + 1;
  });
  return out.done();
}

/**
 * Markdown blocks with no prose in them, put between paragraphs: nothing in them may be
 * detected. Each holds quotes, numbers, dates, speech verbs and cue words.
 */
export const NON_PROSE_BLOCKS = [
  '```python\nprint("not a quote", 2024)  # said Kirby, could be 5\n```',
  '<!-- "a comment" said 10,000 people on 2024-11-04 -->',
  '    indented = "code" + 5  # could',
  '<img src="chart-2024.png" alt="Chart" data-count="10,000">',
  '***',
  '~~~\n“Fenced with tildes,” she said, 3 times.\n~~~',
  '$$\nx = 10^{6} \\text{"said"}\n$$',
  '<script>\nconst quote = "we will win"; // 2024\n</script>',
];

/**
 * `text` (one paragraph per line) as a Markdown article: front matter, a heading, the
 * paragraphs hard-wrapped at `width` (with a blank line between them), blocks with no prose
 * between some of them, the first word of every third paragraph emphasised, the last word of
 * every other one a link with a title, and reference definitions at the end. Read as
 * Markdown, the prose is the original's.
 */
export function asMarkdown(text: string, width = 72): Rewritten {
  // Inline markup first, around whole words: emphasis and links are read as the words alone.
  const marked = new Rewriter(text);
  let at = 0;
  text.split('\n').forEach((paragraph, k) => {
    const words = [...paragraph.matchAll(/(?<=^| )[A-Za-z]{3,}(?= |$)/g)];
    const first = k % 3 === 0 ? words[0] : undefined;
    const last = k % 2 === 1 && words.length > 1 ? words[words.length - 1] : undefined;
    let kept = 0;
    for (const [w, open, close] of [[first, '*', '*'], [last, '[', `](https://example.com/2024/${k} "Source, 5 May 2024")`]] as const) {
      if (!w) continue;
      marked.keep(at + kept, at + w.index);
      marked.insert(open);
      marked.keep(at + w.index, at + w.index + w[0].length);
      marked.insert(close);
      kept = w.index + w[0].length;
    }
    marked.keep(at + kept, at + paragraph.length + (at + paragraph.length < text.length ? 1 : 0));
    at += paragraph.length + 1;
  });
  const inline = marked.done();
  const wrapped = hardWrapped(inline.text, width);
  // Then the blocks around and between the paragraphs.
  const doc = new Rewriter(wrapped.text);
  doc.insert('---\ntitle: "Troops in Kursk: 10,000 more"\ndate: 2024-11-01\nsaid: could\n---\n\n# A briefing\n\n');
  let from = 0;
  let paragraph = 0;
  let k = 0;
  for (const m of wrapped.text.matchAll(/\n\n/g)) {
    doc.keep(from, m.index + 2);
    if (m.index > from) paragraph = from;
    // Not after a list item: an indented block there would be the item's.
    if (k % 4 === 1 && !/^(?:[-*+] |\d{1,9}[.)] )/.test(wrapped.text.slice(paragraph, paragraph + 12))) {
      doc.insert(`${NON_PROSE_BLOCKS[(k >> 2) % NON_PROSE_BLOCKS.length]}\n\n`);
    }
    from = m.index + 2;
    k++;
  }
  doc.keep(from, wrapped.text.length);
  doc.insert('\n\n[source]: https://example.com/2024 "Reported 5 May 2024"\n');
  return compose(compose(inline, wrapped), doc.done());
}

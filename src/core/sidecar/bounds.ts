/**
 * What a sidecar may cost to read. The `yaml` parser spends about the same time and memory
 * on every token it reads (a key, a value, a comma, an indicator), a microsecond or two and
 * a couple of hundred bytes, a little more inside flow collections (`[…]`, `{…}`), so a
 * file's cost is known from its tokens before it is parsed. Counting them takes yaml's own
 * lexer, without building anything, and stops as soon as the file is over its budget.
 * Nesting depth is bounded as well: the parser and everything that walks a document recurse
 * once per level, and a few thousand levels exhaust the stack.
 */
import { CST, Lexer } from 'yaml';

/**
 * Tokens a file may hold: a base that any small file gets, plus so many per megabyte of
 * text, up to a ceiling. A sidecar as the extension writes it has about 280,000 tokens per
 * megabyte; the rate leaves room for hand-written files with short values, and keeps the
 * parse to well under a second per megabyte. The ceiling keeps memory near 150 MB whatever
 * the file: about 6,000 tags, far past any article's.
 */
export const TOKEN_BUDGET = { base: 20_000, perMegabyte: 400_000, ceiling: 600_000 } as const;

/** Tokens inside a flow collection, and its brackets and commas, cost this many: they hold more memory each. */
const FLOW_WEIGHT = 3;

/** Deepest nesting read. A sidecar needs five levels; the parser's stack gives out in the thousands. */
export const MAX_DEPTH = 64;

export interface YamlShape {
  /** Weighted tokens counted, up to just past the budget. */
  readonly tokens: number;
  /** The budget for this text. */
  readonly budget: number;
  /** Deepest nesting seen, estimated from indentation, indicators and brackets. */
  readonly depth: number;
  /** Offset of the token that went over a bound, if any did. */
  readonly overAt: number | undefined;
  readonly over: 'tokens' | 'depth' | undefined;
}

/** The token budget for a text of `length` UTF-16 code units. */
export function tokenBudget(length: number): number {
  return Math.min(TOKEN_BUDGET.ceiling, TOKEN_BUDGET.base + Math.floor((TOKEN_BUDGET.perMegabyte * length) / (1024 * 1024)));
}

/**
 * Counts a text's YAML tokens and estimates its nesting, stopping at the first bound it
 * goes over. Linear in the text, and never more work than the budget's worth of tokens.
 */
export function measureYaml(text: string, budget = tokenBudget(text.length)): YamlShape {
  let tokens = 0;
  let offset = 0;
  let flow = 0;
  let depth = 0;
  // Indentation of the open block levels, and the indicators ("- ", "? ") on this line.
  const indents: number[] = [];
  let indicators = 0;
  let atLineStart = true;
  let lineIndent = 0;
  const shape = (over: YamlShape['over']): YamlShape => ({ tokens, budget, depth, overAt: over ? offset : undefined, over });
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    const flowToken = flow > 0 || type === 'flow-seq-start' || type === 'flow-map-start' || type === 'flow-seq-end' || type === 'flow-map-end' || type === 'comma';
    tokens += flowToken ? FLOW_WEIGHT : 1;
    if (tokens > budget) return shape('tokens');
    if (type === 'newline' || (token.length > 1 && token.endsWith('\n'))) {
      atLineStart = true;
      lineIndent = 0;
      indicators = 0;
    } else if (type === 'space' && atLineStart) {
      lineIndent = token.length;
    } else if (type !== 'doc-mode' && type !== 'scalar' && type !== 'comment') {
      if (atLineStart) {
        while (indents.length > 0 && indents[indents.length - 1] >= lineIndent) indents.pop();
        indents.push(lineIndent);
        atLineStart = false;
      }
      if (type === 'seq-item-ind' || type === 'explicit-key-ind') indicators++;
      if (type === 'flow-seq-start' || type === 'flow-map-start') flow++;
      if ((type === 'flow-seq-end' || type === 'flow-map-end') && flow > 0) flow--;
      depth = Math.max(depth, indents.length + indicators + flow);
      if (depth > MAX_DEPTH) return shape('depth');
    }
    // The lexer's own markers (document start, scalar start, flow error end) are not text.
    if (type !== 'doc-mode' && type !== 'scalar' && type !== 'flow-error-end') offset += token.length;
  }
  return shape(undefined);
}

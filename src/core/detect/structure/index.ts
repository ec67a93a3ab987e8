/**
 * Structure readers: the paragraphs of a text as a reader sees them, for each format.
 */
import { MARKDOWN_START, MarkdownReader, MarkdownState } from './markdown';
import { PLAIN_START, PlainReader, PlainState } from './plain';
import type { ReaderState, StructureReader, TextFormat } from './span';

export { FRONT_MATTER_LIMIT, frontMatterEnd } from './markdown';
export { DELETE, PLACEHOLDER, ParagraphSpan, type ReaderState, type StructureReader, type TextFormat } from './span';

/**
 * A reader of the paragraphs of `text` in [from, to).
 *
 * @param text - The text
 * @param from - A line start
 * @param to - Where the text ends for the reader
 * @param format - How to read its structure
 * @param state - The reader's state at `from` (from `stateAtParagraph` of an earlier reader), or null at the text start
 */
export function structureReader(text: string, from: number, to: number, format: TextFormat, state: ReaderState | null): StructureReader {
  switch (format) {
    case 'markdown':
      return new MarkdownReader(text, from, to, state instanceof MarkdownState ? state : MARKDOWN_START);
    case 'plain':
      return new PlainReader(text, from, to, state instanceof PlainState ? state : PLAIN_START);
  }
}

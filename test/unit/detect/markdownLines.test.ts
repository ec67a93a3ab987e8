/**
 * The Markdown reader's lines outside any container: blank lines, prose and the lines that
 * open blocks, read as CommonMark reads them (a surely-prose line is read in a loop of its own).
 */
import * as assert from 'node:assert/strict';
import { DELETE, ParagraphSpan, structureReader } from '../../../src/core/detect/structure';

/** The paragraphs of a Markdown text, each as a reader reads it (its edits made). */
function paragraphs(text: string): string[] {
  const reader = structureReader(text, 0, text.length, 'markdown', null);
  const span = new ParagraphSpan();
  const out: string[] = [];
  while (reader.next(span)) {
    let read = '';
    let i = span.start;
    for (let k = 0; k < span.edits.length; k += 3) {
      read += text.slice(i, span.edits[k]);
      if (span.edits[k + 2] !== DELETE) read += String.fromCharCode(span.edits[k + 2]);
      i = span.edits[k + 1];
    }
    out.push(read + text.slice(i, span.end));
  }
  return out;
}

describe('Markdown lines outside any container', () => {
  it('go on with a paragraph when they open with a number, or with emphasis before a word', () => {
    const text = 'Troops were counted on\n2024 lists, and then\n*again* by the army\n__twice__ and\n3) not as an item.\n';
    assert.deepEqual(paragraphs(text), ['Troops were counted on 2024 lists, and then again by the army twice and 3) not as an item.']);
  });

  it('end a paragraph when they open a numbered item from 1, a bulleted item or a thematic break', () => {
    const text = 'Before a list\n1. the first item.\n\nBefore bullets\n* a bullet\n\nBefore a break\n***\nafter it.\n\nTen\n10. stays with the paragraph.\n';
    assert.deepEqual(paragraphs(text), ['Before a list', 'the first item.', 'Before bullets', 'a bullet', 'Before a break', 'after it.', 'Ten 10. stays with the paragraph.']);
  });

  it('read blank lines, however many, as one paragraph break', () => {
    const text = 'One paragraph\nover two lines.\n\n\n\nAnother one.\n\n';
    assert.deepEqual(paragraphs(text), ['One paragraph over two lines.', 'Another one.']);
  });
});

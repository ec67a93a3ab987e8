import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../src/core/position';

describe('LineIndex', () => {
  it('counts LF, CRLF and a lone CR each as one line break', () => {
    const lines = new LineIndex('a\nb\r\nc\rd');
    assert.equal(lines.lineCount, 4);
    assert.deepEqual([0, 1, 2, 3].map((l) => lines.lineStart(l)), [0, 2, 5, 7]);
    assert.deepEqual(lines.positionAt(5), { line: 2, character: 0 });
    assert.deepEqual(lines.positionAt(8), { line: 3, character: 1 });
  });

  it('finds the line of an offset, the way tags record their line', () => {
    const lines = new LineIndex('one\ntwo\r\nthree\rfour');
    assert.deepEqual([0, 3, 4, 8, 9, 15, 99].map((o) => lines.lineAt(o)), [0, 0, 1, 1, 2, 3, 3]);
  });

  it('does not treat U+2028 as a line break, since VS Code does not', () => {
    assert.equal(new LineIndex('a\u2028b').lineCount, 1);
  });

  it('counts an empty last line after a final line break', () => {
    assert.equal(new LineIndex('one\n').lineCount, 2);
    assert.equal(new LineIndex('').lineCount, 1);
  });

  it('puts an offset inside a CRLF pair at the end of its line, as VS Code does', () => {
    const lines = new LineIndex('ab\r\ncd');
    assert.deepEqual(lines.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(lines.positionAt(3), { line: 0, character: 2 });
    assert.deepEqual(lines.positionAt(4), { line: 1, character: 0 });
  });

  it('counts characters in UTF-16 code units', () => {
    const lines = new LineIndex('😀 x\ny');
    assert.deepEqual(lines.positionAt(3), { line: 0, character: 3 });
    assert.equal(lines.offsetAt({ line: 1, character: 0 }), 5);
  });

  it('clamps offsets and positions outside the text', () => {
    const lines = new LineIndex('ab\ncd');
    assert.deepEqual(lines.positionAt(-4), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(99), { line: 1, character: 2 });
    assert.equal(lines.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(lines.offsetAt({ line: 9, character: 0 }), 5);
    assert.equal(lines.offsetAt({ line: -1, character: 3 }), 0);
  });

  it('turns every offset that is not inside a line break into a position and back', () => {
    const pieces = fc.constantFrom('a', 'bc', ' ', '\n', '\r\n', '\r', '😀', '“');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const lines = new LineIndex(text);
        for (let offset = 0; offset <= text.length; offset++) {
          const insideCrlf = text[offset - 1] === '\r' && text[offset] === '\n';
          const position = lines.positionAt(offset);
          if (!insideCrlf) assert.equal(lines.offsetAt(position), offset);
          assert.ok(position.line >= 0 && position.line < lines.lineCount);
        }
      }),
    );
  });
});

import * as assert from 'node:assert/strict';
import { escapeMarkdown } from '../../src/vscode/markdown';

describe('escaping text for hovers', () => {
  const hostile = '[Tag this](command:newsAnnotator.tagAs?%5B%7B%22uri%22%3A%22file%3A%2F%2F%2Fetc%2Fpasswd%22%7D%5D) $(alert) <img src=x onerror=alert(1)> https://evil.example www.evil.example &lt; `code` **bold** _it_ # head\n- item';

  it('leaves no link, icon, tag, entity, autolink or emphasis for Markdown to act on', () => {
    const escaped = escapeMarkdown(hostile);
    // Every special character is preceded by a backslash (itself escaped in turn).
    const unescaped = /(?<!\\)(?:\\\\)*[[\]()<>$&:`*_#]/;
    assert.doesNotMatch(escaped, unescaped, escaped);
  });

  it('keeps line breaks as Markdown line breaks', () => {
    assert.equal(escapeMarkdown('one\r\ntwo\nthree'), 'one  \ntwo  \nthree');
  });
});

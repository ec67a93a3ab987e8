/**
 * Escapes text for a MarkdownString so that text from an article or a sidecar renders as
 * written and can do nothing else: every Markdown punctuation mark, `$` (which with theme
 * icons on starts an icon, `$(name)`), `&` (an HTML entity) and `:` (an autolink scheme) is
 * backslash-escaped, and line breaks stay line breaks.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$&:]/g, '\\$&').replace(/\r?\n/g, '  \n');
}

/**
 * `text` hard-wrapped at `width` columns, with a blank line between its paragraphs (its
 * lines), as plain-text and Markdown articles often are.
 */
export function hardWrap(text: string, width: number): string {
  const line = new RegExp(`(\\S.{0,${width - 1}})(?: +|$)`, 'g');
  return text
    .split('\n')
    .map((paragraph) => paragraph.replace(line, (_: string, kept: string) => `${kept}\n`).replace(/\n$/, ''))
    .join('\n\n');
}

import * as vscode from 'vscode';
import type { KindRegistry } from '../core/kinds';
import { tagsAt, type Tag } from '../core/tags';
import { Commands } from '../ids';
import { escapeMarkdown } from './markdown';
import { SidecarStore } from './sidecarStore';
import type { TagRef } from './tagCommands';
import { rangeOf } from './tagDecorations';

/** Link to a command with JSON arguments, for trusted hovers. */
export function commandLink(title: string, command: string, ...args: unknown[]): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

/** Commands a hover may run from its links. */
export const HOVER_COMMANDS: readonly string[] = [
  Commands.editNote,
  Commands.changeKind,
  Commands.removeTag,
  Commands.confirmTag,
  Commands.tagAs,
  Commands.tagClaim,
  Commands.tagSpeculation,
  Commands.tagAttribution,
  Commands.tagOpinion,
  Commands.setTagField,
];

/** A tagged span's hover: kind, note, author and date, with links to edit or remove it. */
export class TagHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly store: SidecarStore,
    private readonly kinds: (article?: vscode.Uri) => KindRegistry,
    /** The fields the tag's kind declares, in order, with the tag's value as text if it has one. */
    private readonly fields: (article: vscode.Uri, tag: Tag) => ReadonlyArray<{ label: string; value?: string }> = () => [],
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const entry = this.store.peek(document.uri);
    if (!entry) return undefined;
    const found = tagsAt(entry.tags, document.offsetAt(position)).filter((t) => t.status !== 'orphan');
    if (found.length === 0) return undefined;
    const markdown = new vscode.MarkdownString(undefined, true);
    markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    found.forEach((tag, i) => {
      if (i > 0) markdown.appendMarkdown('\n\n---\n\n');
      markdown.appendMarkdown(this.describe(document.uri, tag));
    });
    return new vscode.Hover(markdown, rangeOf(document, found[0]));
  }

  private describe(article: vscode.Uri, tag: Tag): string {
    const registry = this.kinds(article);
    const kind = registry.get(tag.kind);
    const ref: TagRef = { article: article.toString(), id: tag.id };
    const lines = [`$(${kind?.icon ?? 'tag'}) **${escapeMarkdown(registry.labelFor(tag.kind))}** tag${kind?.retired ? ' (a retired kind)' : ''}`];
    if (tag.status === 'fuzzy') {
      lines[0] += ` · re-anchored by similarity${tag.score !== undefined ? ` (${Math.round(tag.score * 100)}%)` : ''}: it was “${escapeMarkdown(tag.anchor.exact)}”`;
    }
    const fields = this.fields(article, tag);
    const filled = fields.filter((f) => f.value !== undefined);
    if (filled.length > 0) lines.push(filled.map((f) => `${escapeMarkdown(f.label)}: **${escapeMarkdown(f.value!)}**`).join('  \n'));
    lines.push(tag.note ? escapeMarkdown(tag.note) : '_No note._');
    const when = tag.updated !== tag.created ? `tagged ${day(tag.created)}, changed ${day(tag.updated)}` : `tagged ${day(tag.created)}`;
    lines.push(`_${escapeMarkdown(tag.author)} · ${when}_`);
    const links = [
      commandLink('Edit Note', Commands.editNote, ref),
      commandLink('Change Kind', Commands.changeKind, ref),
      ...(fields.length > 0 ? [commandLink('Set Field', Commands.setTagField, ref)] : []),
      commandLink('Remove', Commands.removeTag, ref),
    ];
    if (tag.status === 'fuzzy') links.unshift(commandLink('Confirm', Commands.confirmTag, ref));
    lines.push(links.join(' · '));
    return lines.join('\n\n');
  }
}

function day(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

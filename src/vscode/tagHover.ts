import * as vscode from 'vscode';
import { CODICON_NAME, type KindRegistry } from '../core/kinds';
import { tagsAt, type Tag } from '../core/tags';
import { Commands } from '../ids';
import { escapeMarkdown } from './markdown';
import { SidecarStore } from './sidecarStore';
import type { TagRef } from './tagCommands';
import { rangeOf } from './tagDecorations';

/**
 * What a hover link asks for: one action on one tag, or on one span, of the hovered
 * document. Hover links run {@link Commands.hoverAction} only, which checks the request
 * against the documents shown and the tags they have before running the real command, so a
 * link could not act on any other file even if one were smuggled into a hover.
 */
export type HoverAction =
  | { readonly action: 'editNote' | 'changeKind' | 'setField' | 'remove' | 'confirm'; readonly article: string; readonly id: string }
  | { readonly action: 'tagAs'; readonly article: string; readonly start: number; readonly end: number; readonly kind: string };

/** The one command hover links may run. */
export const HOVER_COMMANDS: readonly string[] = [Commands.hoverAction];

/**
 * A markdown link running one {@link HoverAction}.
 *
 * @param title - Markdown, already escaped
 */
export function hoverLink(title: string, action: HoverAction): string {
  return `[${title}](command:${Commands.hoverAction}?${encodeURIComponent(JSON.stringify([action]))})`;
}

const TAG_ACTIONS: Readonly<Record<string, string>> = {
  editNote: Commands.editNote,
  changeKind: Commands.changeKind,
  setField: Commands.setTagField,
  remove: Commands.removeTag,
  confirm: Commands.confirmTag,
};

/**
 * Registers {@link Commands.hoverAction}: runs a hover link's action if it concerns a
 * document shown in an editor and, for a tag, a tag that document has; for a span, a span
 * inside it that `isDetected` confirms.
 */
export function registerHoverActions(store: SidecarStore, isDetected: (document: vscode.TextDocument, start: number, end: number) => boolean): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.hoverAction, async (request?: unknown) => {
    const action = request as Partial<Record<string, unknown>> | undefined;
    const article = typeof action?.article === 'string' ? action.article : undefined;
    const document = vscode.window.visibleTextEditors.map((e) => e.document).find((d) => d.uri.toString() === article);
    if (!action || !document) return undefined;
    const command = typeof action.action === 'string' ? TAG_ACTIONS[action.action] : undefined;
    if (command) {
      const id = typeof action.id === 'string' ? action.id : undefined;
      if (!id || !store.peek(document.uri)?.tags.some((tag) => tag.id === id)) return undefined;
      const ref: TagRef = { article: document.uri.toString(), id };
      return vscode.commands.executeCommand(command, ref);
    }
    const { start, end, kind } = action;
    if (action.action !== 'tagAs' || typeof kind !== 'string' || !Number.isInteger(start) || !Number.isInteger(end)) return undefined;
    const [from, to] = [start as number, end as number];
    if (from < 0 || to > document.getText().length || from >= to || !isDetected(document, from, to)) return undefined;
    return vscode.commands.executeCommand(Commands.tagAs, { uri: document.uri.toString(), start: from, end: to, kind });
  });
}

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
    const on = (action: 'editNote' | 'changeKind' | 'setField' | 'remove' | 'confirm'): HoverAction => ({ action, article: article.toString(), id: tag.id });
    const icon = kind?.icon !== undefined && CODICON_NAME.test(kind.icon) ? kind.icon : 'tag';
    const lines = [`$(${icon}) **${escapeMarkdown(registry.labelFor(tag.kind))}** tag${kind?.retired ? ' (a retired kind)' : ''}`];
    if (tag.status === 'fuzzy' && tag.score === 1) {
      lines[0] += ' · found where the same text and context appear more than once, or where the passage changed around it: confirm this is the tagged passage';
    } else if (tag.status === 'fuzzy') {
      lines[0] += ` · re-anchored by similarity${tag.score !== undefined ? ` (${Math.round(tag.score * 100)}%)` : ''}: it was “${escapeMarkdown(tag.anchor.exact)}”`;
    }
    const fields = this.fields(article, tag);
    const filled = fields.filter((f) => f.value !== undefined);
    if (filled.length > 0) lines.push(filled.map((f) => `${escapeMarkdown(f.label)}: **${escapeMarkdown(f.value!)}**`).join('  \n'));
    lines.push(tag.note ? escapeMarkdown(tag.note) : '_No note._');
    const when = tag.updated !== tag.created ? `tagged ${day(tag.created)}, changed ${day(tag.updated)}` : `tagged ${day(tag.created)}`;
    lines.push(`_${escapeMarkdown(tag.author)} · ${escapeMarkdown(when)}_`);
    const links = [
      hoverLink('Edit Note', on('editNote')),
      hoverLink('Change Kind', on('changeKind')),
      ...(fields.length > 0 ? [hoverLink('Set Field', on('setField'))] : []),
      hoverLink('Remove', on('remove')),
    ];
    if (tag.status === 'fuzzy') links.unshift(hoverLink('Confirm', on('confirm')));
    lines.push(links.join(' · '));
    return lines.join('\n\n');
  }
}

function day(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

import * as vscode from 'vscode';
import { checkHoverAction, hoverActionLink, type HoverAction, type HoverActionContext, type TagHoverAction } from '../core/hoverAction';
import { CODICON_NAME, type KindRegistry } from '../core/kinds';
import { tagsAt, type Tag } from '../core/tags';
import { Commands } from '../ids';
import { escapeMarkdown } from './markdown';
import { SidecarStore } from './sidecarStore';
import type { TagRef } from './tagCommands';
import { rangeOf } from './tagDecorations';

/** The one command hover links may run. */
export const HOVER_COMMANDS: readonly string[] = [Commands.hoverAction];

/**
 * A markdown link running one {@link HoverAction} through {@link Commands.hoverAction}.
 *
 * @param title - Markdown, already escaped
 */
export function hoverLink(title: string, action: HoverAction): string {
  return hoverActionLink(Commands.hoverAction, title, action);
}

const TAG_ACTIONS: Readonly<Record<TagHoverAction, string>> = {
  editNote: Commands.editNote,
  changeKind: Commands.changeKind,
  setField: Commands.setTagField,
  remove: Commands.removeTag,
  confirm: Commands.confirmTag,
};

/**
 * Registers {@link Commands.hoverAction}: runs a hover link's action once
 * {@link checkHoverAction} accepts it against the documents shown in editors, their tags,
 * their detections (`isDetected`) and their kinds in effect.
 */
export function registerHoverActions(
  store: SidecarStore,
  isDetected: (document: vscode.TextDocument, start: number, end: number) => boolean,
  kinds: (article?: vscode.Uri) => KindRegistry,
): vscode.Disposable {
  const shown = (article: string): vscode.TextDocument | undefined => vscode.window.visibleTextEditors.map((e) => e.document).find((d) => d.uri.toString() === article);
  const context: HoverActionContext = {
    documentLength: (article) => shown(article)?.getText().length,
    hasTag: (article, id) => {
      const document = shown(article);
      return document !== undefined && (store.peek(document.uri)?.tags.some((tag) => tag.id === id) ?? false);
    },
    isDetected: (article, start, end) => {
      const document = shown(article);
      return document !== undefined && isDetected(document, start, end);
    },
    isActiveKind: (article, kind) => {
      const document = shown(article);
      return document !== undefined && kinds(document.uri).active().some((k) => k.id === kind);
    },
  };
  return vscode.commands.registerCommand(Commands.hoverAction, async (request?: unknown) => {
    const action = checkHoverAction(request, context);
    if (!action) return undefined;
    if (action.action === 'tagAs') {
      return vscode.commands.executeCommand(Commands.tagAs, { uri: action.article, start: action.start, end: action.end, kind: action.kind });
    }
    const ref: TagRef = { article: action.article, id: action.id };
    return vscode.commands.executeCommand(TAG_ACTIONS[action.action], ref);
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
    const on = (action: TagHoverAction): HoverAction => ({ action, article: article.toString(), id: tag.id });
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

import * as vscode from 'vscode';
import type { KindRegistry } from '../core/kinds';
import type { Tag } from '../core/tags';
import { Commands, DIAGNOSTIC_SOURCE } from '../ids';
import { Disposable } from './disposable';
import { relocationOf } from './sidecarMove';
import { SidecarStore } from './sidecarStore';
import type { TagRef } from './tagCommands';
import { excerpt } from './tagCommands';

export const DiagnosticCodes = {
  orphan: 'orphan-tag',
  fuzzy: 'fuzzy-tag',
  articleMissing: 'article-missing',
  writeFailed: 'write-failed',
} as const;

interface TagDiagnostic {
  diagnostic: vscode.Diagnostic;
  ref: TagRef;
}

/**
 * Reports what needs a person's eye in the Problems panel: sidecar errors at their line,
 * orphaned tags (in the article and in the sidecar), fuzzy re-anchors to confirm, and
 * sidecars whose article is gone. Quick fixes re-attach, confirm or delete.
 */
export class TagDiagnostics extends Disposable implements vscode.CodeActionProvider {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('news-annotator'));
  /** Tag diagnostics per document URI, for the quick fixes. */
  private readonly byDocument = new Map<string, TagDiagnostic[]>();
  /** Which documents each article put diagnostics on, to clear them when it changes. */
  private readonly owned = new Map<string, string[]>();

  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly store: SidecarStore,
    private readonly kinds: () => KindRegistry,
  ) {
    super();
    this.register(store.onDidChange(({ article }) => this.refresh(article)));
    this.register(vscode.languages.registerCodeActionsProvider('*', this, { providedCodeActionKinds: TagDiagnostics.providedCodeActionKinds }));
    for (const entry of store.all()) this.refresh(entry.article);
  }

  private refresh(article: vscode.Uri): void {
    for (const uri of this.owned.get(article.toString()) ?? []) {
      this.collection.delete(vscode.Uri.parse(uri));
      this.byDocument.delete(uri);
    }
    const entry = this.store.peek(article);
    if (!entry) return;
    const onArticle: TagDiagnostic[] = [];
    const onSidecar: TagDiagnostic[] = [];
    const plain: vscode.Diagnostic[] = [];
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === article.toString());

    for (const problem of entry.problems) {
      const range = new vscode.Range(problem.line, problem.column, problem.endLine ?? problem.line, problem.endColumn ?? problem.column + 1);
      plain.push(make(range, problem.message, severityOf(problem.severity), problem.code));
    }
    const top = new vscode.Range(0, 0, 0, 0);
    if (entry.articleMissing) {
      const relocation = entry.sidecar && relocationOf(entry.sidecar);
      const message = relocation
        ? `This sidecar is not where the newsAnnotator.sidecar.location setting looks for tags, so its article is taken to be ${vscode.workspace.asRelativePath(entry.article)}, which does not exist. Run "Move Sidecars to the Configured Location" to move it to ${vscode.workspace.asRelativePath(relocation)}, or change the setting back.`
        : `The article ${vscode.workspace.asRelativePath(entry.article)} does not exist any more. Restore it, or delete this sidecar if its tags are no longer needed.`;
      plain.push(make(top, message, vscode.DiagnosticSeverity.Warning, DiagnosticCodes.articleMissing));
    }
    if (entry.writeError) {
      const message = `Tags could not be written here (${entry.writeError}); they are kept in the open window until a write succeeds.`;
      plain.push(make(top, message, vscode.DiagnosticSeverity.Error, DiagnosticCodes.writeFailed));
    }
    for (const tag of entry.tags) {
      if (tag.status === 'anchored') continue;
      const ref: TagRef = { article: article.toString(), id: tag.id };
      const message = this.message(tag);
      const severity = tag.status === 'orphan' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
      const code = tag.status === 'orphan' ? DiagnosticCodes.orphan : DiagnosticCodes.fuzzy;
      if (document && !entry.articleMissing) {
        const range = new vscode.Range(document.positionAt(tag.anchor.start), document.positionAt(tag.anchor.end));
        onArticle.push({ diagnostic: make(range, message, severity, code), ref });
      }
      const line = entry.lineOf(tag.id);
      if (entry.sidecar && line !== undefined) {
        onSidecar.push({ diagnostic: make(new vscode.Range(line, 0, line, 200), message, severity, code), ref });
      }
    }

    const owned: string[] = [];
    if (document && onArticle.length > 0) {
      this.collection.set(article, onArticle.map((d) => d.diagnostic));
      this.byDocument.set(article.toString(), onArticle);
      owned.push(article.toString());
    }
    if (entry.sidecar && (plain.length > 0 || onSidecar.length > 0)) {
      this.collection.set(entry.sidecar, [...plain, ...onSidecar.map((d) => d.diagnostic)]);
      this.byDocument.set(entry.sidecar.toString(), onSidecar);
      owned.push(entry.sidecar.toString());
    }
    this.owned.set(article.toString(), owned);
  }

  private message(tag: Tag): string {
    const kind = this.kinds().labelFor(tag.kind);
    if (tag.status === 'orphan') {
      return `Orphaned ${kind} tag: “${excerpt(tag.anchor.exact, 80)}” is no longer in the article. Select where it belongs and re-attach it, or delete it.`;
    }
    const score = tag.score !== undefined ? ` (${Math.round(tag.score * 100)}% similar)` : '';
    return `${kind} tag re-anchored to similar text${score}; it was “${excerpt(tag.anchor.exact, 80)}”. Confirm it, re-attach it, or delete it.`;
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const found = this.byDocument.get(document.uri.toString()) ?? [];
    const actions: vscode.CodeAction[] = [];
    for (const { diagnostic, ref } of found) {
      if (!diagnostic.range.intersection(range) && !context.diagnostics.some((d) => d.message === diagnostic.message)) continue;
      const editor = vscode.window.activeTextEditor;
      const canReattach = editor?.document.uri.toString() === ref.article && !editor.selection.isEmpty;
      if (diagnostic.code === DiagnosticCodes.fuzzy) actions.push(action('Confirm the re-anchored tag', Commands.confirmTag, ref, diagnostic, true));
      if (canReattach) actions.push(action('Re-attach the tag to the selection', Commands.reattachTag, ref, diagnostic, diagnostic.code === DiagnosticCodes.orphan));
      actions.push(action(diagnostic.code === DiagnosticCodes.orphan ? 'Delete the orphaned tag' : 'Delete the tag', Commands.removeTag, ref, diagnostic, false));
    }
    return actions;
  }
}

function make(range: vscode.Range, message: string, severity: vscode.DiagnosticSeverity, code: string): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(range, message, severity);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = code;
  return diagnostic;
}

function action(title: string, command: string, ref: TagRef, diagnostic: vscode.Diagnostic, preferred: boolean): vscode.CodeAction {
  const fix = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  fix.command = { title, command, arguments: [ref] };
  fix.diagnostics = [diagnostic];
  fix.isPreferred = preferred;
  return fix;
}

function severityOf(severity: 'error' | 'warning' | 'info'): vscode.DiagnosticSeverity {
  return severity === 'error' ? vscode.DiagnosticSeverity.Error : severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
}


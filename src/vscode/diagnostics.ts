import * as vscode from 'vscode';
import { evaluateTags } from '../core/conventions';
import { reviewTagFindings } from '../core/review/check';
import { Commands, DIAGNOSTIC_SOURCE } from '../ids';
import type { ConventionsService } from './conventions';
import { Disposable } from './disposable';
import { relocationOf } from './sidecarMove';
import { SidecarStore } from './sidecarStore';
import type { TagRef } from './tagCommands';

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
 * sidecars whose article is gone, and every tag that breaks a rule of the conventions
 * (orphaned and fuzzy tags among them) at the tag's place in the article, with the rule id
 * as the code and the severity the conventions give it. Orphans and fuzzy tags are also
 * listed in the sidecar. Quick fixes re-attach, confirm or delete.
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
    private readonly conventions: ConventionsService,
  ) {
    super();
    this.register(store.onDidChange(({ article }) => this.refresh(article)));
    this.register(conventions.onDidChange(() => store.all().forEach((entry) => this.refresh(entry.article))));
    // Opening an article turns its findings' line-only places into exact spans.
    this.register(vscode.workspace.onDidOpenTextDocument((document) => this.store.peek(document.uri) && this.refresh(document.uri)));
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
      // A kind the conventions do not define is the undefined-kind rule's finding, reported
      // below with the team's severity; the sidecar parser's own warning would repeat it.
      if (problem.code === 'unknown-kind') continue;
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
    const conventions = this.conventions.forUri(article);
    const articlePath = this.conventions.articlePath(article);
    // The same findings as `news-annotator check`: the conventions' rules and the review's
    // rules on single tags (stale verdicts, merge conflicts), from one implementation in core.
    const findings = [...evaluateTags(entry.tags, conventions, { articlePath }), ...reviewTagFindings(entry.tags, conventions, { articlePath, articleText: document?.getText() })];
    for (const finding of findings) {
      const tag = entry.tags.find((t) => t.id === finding.tagId);
      if (!tag) continue;
      const ref: TagRef = { article: article.toString(), id: tag.id };
      const severity = severityOf(finding.severity);
      if (!entry.articleMissing) {
        // An article not open yet gets the tag's line; opening it refines the place.
        const range = document ? new vscode.Range(document.positionAt(tag.anchor.start), document.positionAt(tag.anchor.end)) : new vscode.Range(tag.anchor.line, 0, tag.anchor.line, 0);
        onArticle.push({ diagnostic: make(range, finding.message, severity, finding.ruleId), ref });
      }
      const line = entry.lineOf(tag.id);
      if ((tag.status !== 'anchored' || entry.articleMissing) && entry.sidecar && line !== undefined) {
        onSidecar.push({ diagnostic: make(new vscode.Range(line, 0, line, 200), finding.message, severity, finding.ruleId), ref });
      }
    }

    const owned: string[] = [];
    if (onArticle.length > 0) {
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

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const found = this.byDocument.get(document.uri.toString()) ?? [];
    const actions: vscode.CodeAction[] = [];
    for (const { diagnostic, ref } of found) {
      if (!diagnostic.range.intersection(range) && !context.diagnostics.some((d) => d.message === diagnostic.message)) continue;
      const code = diagnostic.code;
      if (code === 'required-field' || code === 'invalid-field') {
        actions.push(action('Set a field of the tag…', Commands.setTagField, ref, diagnostic, true));
        continue;
      }
      if (code === 'retired-kind' || code === 'undefined-kind' || code === 'unknown-field') {
        if (code !== 'unknown-field') actions.push(action('Change the kind of the tag…', Commands.changeKind, ref, diagnostic, true));
        continue;
      }
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


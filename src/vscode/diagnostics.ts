import * as vscode from 'vscode';
import { evaluateTags } from '../core/conventions';
import { reviewTagFindings, sidecarFileFindings } from '../core/review/check';
import { loadSidecar } from '../core/review/load';
import { baseName, SIDECAR_SUFFIX } from '../core/sidecarPath';
import { Commands, DIAGNOSTIC_SOURCE } from '../ids';
import type { ConventionsService } from './conventions';
import { Disposable } from './disposable';
import { relocationOf } from './sidecarMove';
import { SidecarStore } from './sidecarStore';
import type { TagRef } from './tagCommands';

/**
 * Codes the quick fixes and tests look for. All but `write-failed` (which only the editor
 * meets) are rule ids of the conventions, the same `news-annotator check` prints.
 */
export const DiagnosticCodes = {
  orphan: 'orphan-tag',
  fuzzy: 'fuzzy-tag',
  articleMissing: 'missing-article',
  writeFailed: 'write-failed',
} as const;

interface TagDiagnostic {
  diagnostic: vscode.Diagnostic;
  ref: TagRef;
}

/**
 * Reports what needs a person's eye in the Problems panel, as `news-annotator check` does
 * (the same core functions, rule ids as codes, severities from the conventions): sidecar
 * problems at their line (`invalid-sidecar`, `sidecar-warning`), a sidecar not laid out as
 * the extension writes it while it is open (`non-canonical`), sidecars whose article is gone
 * (`missing-article`), and every tag that breaks a rule (orphaned and fuzzy tags, stale
 * verdicts, merge conflicts…) at the tag's place in the article. Orphans and fuzzy tags are
 * also listed in the sidecar. Quick fixes re-attach, confirm or delete.
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
    this.register(
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (this.store.peek(document.uri)) this.refresh(document.uri);
        this.refreshSidecar(document);
      }),
    );
    // An open sidecar's layout is judged on its text in the editor: again when that changes
    // (reloaded from disk, or saved after an edit).
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.refreshSidecar(event.document)));
    this.register(vscode.workspace.onDidSaveTextDocument((document) => this.refreshSidecar(document)));
    this.register(vscode.languages.registerCodeActionsProvider('*', this, { providedCodeActionKinds: TagDiagnostics.providedCodeActionKinds }));
    for (const entry of store.all()) this.refresh(entry.article);
  }

  /** Refreshes the findings of the article whose sidecar `document` is, if it is one. */
  private refreshSidecar(document: vscode.TextDocument): void {
    if (!document.uri.path.endsWith(SIDECAR_SUFFIX)) return;
    const owner = this.store.all().find((entry) => entry.sidecar?.toString() === document.uri.toString());
    if (owner) this.refresh(owner.article);
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

    const conventions = this.conventions.forUri(article);
    const articlePath = this.conventions.articlePath(article);
    const sidecarDocument = entry.sidecar && vscode.workspace.textDocuments.find((d) => d.uri.toString() === entry.sidecar!.toString());
    const top = new vscode.Range(0, 0, 0, 0);
    const relocation = entry.articleMissing && entry.sidecar ? relocationOf(entry.sidecar) : undefined;
    for (const finding of sidecarFileFindings({
      problems: entry.problems,
      // Known only for a sidecar open in the editor (and one that could be rewritten).
      canonical: sidecarDocument && entry.writable && !sidecarDocument.isDirty ? loadSidecar(sidecarDocument.getText()).isCanonical() : undefined,
      articleMissing: entry.articleMissing,
      articleName: baseName(article.path),
      conventions,
      articlePath,
    })) {
      const range = new vscode.Range(finding.line, finding.column, finding.endLine ?? finding.line, finding.endColumn ?? finding.column + 1);
      // A sidecar left in the other place after the location setting changed: say how to move it.
      const message =
        finding.rule === 'missing-article' && relocation
          ? `${finding.message} This sidecar is not where the newsAnnotator.sidecar.location setting looks for tags; run "Move Sidecars to the Configured Location" to move it to ${vscode.workspace.asRelativePath(relocation)}, or change the setting back.`
          : finding.message;
      plain.push(make(range, message, severityOf(finding.severity), finding.rule));
    }
    if (entry.writeError) {
      const message = `Tags could not be written here (${entry.writeError}); they are kept in the open window until a write succeeds.`;
      plain.push(make(top, message, vscode.DiagnosticSeverity.Error, DiagnosticCodes.writeFailed));
    }
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


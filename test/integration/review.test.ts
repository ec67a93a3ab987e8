/**
 * The review check's findings in the real Problems panel: a sidecar that a git merge left
 * with a conflict, and a verdict given on other text than the tag holds, reported at the tag
 * in the article, as `news-annotator check` reports them, and cleared once settled.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CONFLICT_KEY } from '../../src/core/merge';
import { VERDICT_STAMP_KEY, textHash } from '../../src/core/review/stale';
import { serialiseSidecar } from '../../src/core/sidecar';
import { createTag, type Tag } from '../../src/core/tags';
import { activateExtension, eventually, freshArticle, readText, showArticle } from './helpers';

describe('review findings in the Problems panel', () => {
  before(async () => {
    await activateExtension();
  });

  it('shows a merge conflict and a stale verdict at their tags in the article, and clears them once settled', async () => {
    const article = await freshArticle('000_66182b2613313ed4.txt', 'review-findings.txt');
    const text = await readText(article);
    const tagOf = (tags: readonly Tag[], words: string, extra: Record<string, unknown>): Tag => {
      const start = text.indexOf(words);
      assert.ok(start >= 0);
      return { ...createTag(tags, { kind: 'claim', text, start, end: start + words.length, author: 'Desk', now: new Date('2026-11-20T10:00:00Z') }), extra };
    };
    const conflicted = tagOf([], 'upwards of 1,000 troops per day', { verdict: 'accurate', [CONFLICT_KEY]: { verdict: { base: null, ours: 'accurate', theirs: 'misleading' } } });
    const stale = tagOf([conflicted], 'a sign of desperation', { verdict: 'misleading', [VERDICT_STAMP_KEY]: textHash('a sign of strength') });
    const sidecar = vscode.Uri.file(`${article.fsPath}.tags.yaml`);
    await vscode.workspace.fs.writeFile(sidecar, new TextEncoder().encode(serialiseSidecar('review-findings.txt', [conflicted, stale])));

    const editor = await showArticle(article);
    const codes = (): Map<string, vscode.Diagnostic> => new Map(vscode.languages.getDiagnostics(article).map((d) => [String(d.code), d]));
    await eventually(() => codes().has('merge-conflict') && codes().has('stale-verdict'), vscode.languages.onDidChangeDiagnostics, 'the review findings on the article');
    const conflict = codes().get('merge-conflict')!;
    assert.equal(editor.document.getText(conflict.range), 'upwards of 1,000 troops per day');
    assert.equal(conflict.severity, vscode.DiagnosticSeverity.Error);
    assert.match(conflict.message, /A merge left a conflict .*\(verdict\)/);
    const verdict = codes().get('stale-verdict')!;
    assert.equal(editor.document.getText(verdict.range), 'a sign of desperation');
    assert.equal(verdict.severity, vscode.DiagnosticSeverity.Warning);

    // Settled by hand in the sidecar, as a reviewer does after a merge.
    const { [CONFLICT_KEY]: _conflict, ...settled } = conflicted.extra!;
    await vscode.workspace.fs.writeFile(sidecar, new TextEncoder().encode(serialiseSidecar('review-findings.txt', [{ ...conflicted, extra: settled }, stale])));
    // The sidecar is read again: wait for the findings of the new text, where the verdict is
    // still stale and the conflict is gone.
    await eventually(() => !codes().has('merge-conflict') && codes().has('stale-verdict'), vscode.languages.onDidChangeDiagnostics, 'the merge conflict finding to clear, the stale verdict staying');
  });
});

/**
 * The review check's findings in the real Problems panel: a sidecar that a git merge left
 * with a conflict, and a verdict given on other text than the tag holds, reported at the tag
 * in the article, as `news-annotator check` reports them, and cleared once settled; and the
 * same findings, rule ids and severities as the built command line prints for the same files.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFLICT_KEY } from '../../src/core/merge';
import { VERDICT_STAMP_KEY, textHash } from '../../src/core/review/stale';
import { serialiseSidecar } from '../../src/core/sidecar';
import { createTag, type Tag } from '../../src/core/tags';
import { activateExtension, eventually, freshArticle, readText, repoRoot, showArticle, workspaceRoot } from './helpers';

/** Runs the built command line (dist/cli.js) in `cwd`. */
function cli(args: readonly string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonFinding {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning' | 'info';
  readonly rule: string;
}

const SEVERITIES: Record<JsonFinding['severity'], vscode.DiagnosticSeverity> = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information };

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

  it('shows a sidecar written by the merge driver with a conflict, and a malformed one, with the findings, ids and severities check prints', async () => {
    const article = await freshArticle('000_66182b2613313ed4.txt', 'review-merged.txt');
    const text = await readText(article);
    const at = (tags: readonly Tag[], words: string, extra: Record<string, unknown>): Tag => {
      const start = text.indexOf(words);
      assert.ok(start >= 0);
      return { ...createTag(tags, { kind: 'claim', text, start, end: start + words.length, author: 'Desk', now: new Date('2026-11-20T10:00:00Z') }), extra };
    };
    // Base, ours and theirs as two branches leave them: the same verdict set differently on
    // each side (a conflict), and a verdict given on other text than the tag holds.
    const figure = at([], 'upwards of 1,000 troops per day', { verdict: 'unsupported' });
    const stale = at([figure], 'a sign of desperation', { verdict: 'misleading', [VERDICT_STAMP_KEY]: textHash('a sign of strength') });
    const side = (verdict: string): string => serialiseSidecar('review-merged.txt', [{ ...figure, extra: { verdict } }, stale]);
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'news-annotator-merge-'));
    try {
      for (const [name, verdict] of [['base', 'unsupported'], ['ours', 'accurate'], ['theirs', 'misleading']]) fs.writeFileSync(path.join(temp, `${name}.yaml`), side(verdict));
      const merge = cli(['merge-file', 'base.yaml', 'ours.yaml', 'theirs.yaml', '--path', 'review-merged.txt.tags.yaml'], temp);
      assert.equal(merge.code, 1, `the merge driver reports the conflict: ${merge.stderr}`);
      const sidecar = vscode.Uri.file(`${article.fsPath}.tags.yaml`);
      await vscode.workspace.fs.writeFile(sidecar, fs.readFileSync(path.join(temp, 'ours.yaml')));
    } finally {
      fs.rmSync(temp, { recursive: true, force: true });
    }
    // A sidecar with a YAML error beside another article.
    const broken = await freshArticle('004_f4608aac0cbd5e3d.txt', 'review-broken.txt');
    const brokenSidecar = vscode.Uri.file(`${broken.fsPath}.tags.yaml`);
    await vscode.workspace.fs.writeFile(brokenSidecar, new TextEncoder().encode('version: 1\narticle: review-broken.txt\ntags:\n  - text: "unclosed\n    kind: claim\n'));

    await showArticle(broken);
    await showArticle(article);
    const root = workspaceRoot().fsPath;
    const check = cli(['check', '--format', 'json', 'review-merged.txt', 'review-broken.txt'], root);
    assert.equal(check.code, 1, check.stderr);
    const printed = (JSON.parse(check.stdout) as { findings: JsonFinding[] }).findings;
    const expected = (file: string): string[] =>
      printed
        .filter((f) => f.path === file)
        .map((f) => `${f.rule} ${SEVERITIES[f.severity]} ${f.line}:${f.column}`)
        .sort();
    const shown = (uri: vscode.Uri): string[] =>
      vscode.languages
        .getDiagnostics(uri)
        .map((d) => `${String(d.code)} ${d.severity} ${d.range.start.line + 1}:${d.range.start.character + 1}`)
        .sort();
    const same = (): boolean =>
      JSON.stringify(shown(article)) === JSON.stringify(expected('review-merged.txt')) && JSON.stringify(shown(brokenSidecar)) === JSON.stringify(expected('review-broken.txt.tags.yaml'));
    assert.ok(expected('review-merged.txt').some((f) => f.startsWith('merge-conflict ')) && expected('review-merged.txt').some((f) => f.startsWith('stale-verdict ')), check.stdout);
    assert.ok(expected('review-broken.txt.tags.yaml').some((f) => f.startsWith('invalid-sidecar ')), check.stdout);
    await eventually(same, vscode.languages.onDidChangeDiagnostics, 'the Problems panel to hold what check prints').catch((error: unknown) => {
      assert.fail(`${String(error)}\nProblems: ${JSON.stringify([shown(article), shown(brokenSidecar)])}\ncheck: ${JSON.stringify([expected('review-merged.txt'), expected('review-broken.txt.tags.yaml')])}`);
    });
  });

  it('says non-canonical for an open sidecar laid out by hand, as check does, and nothing for one the extension wrote', async () => {
    const article = await freshArticle('000_66182b2613313ed4.txt', 'review-layout.txt');
    const text = await readText(article);
    const start = text.indexOf('a sign of desperation');
    const tag = createTag([], { kind: 'claim', text, start, end: start + 'a sign of desperation'.length, author: 'Desk', now: new Date('2026-11-20T10:00:00Z') });
    const sidecar = vscode.Uri.file(`${article.fsPath}.tags.yaml`);
    const written = serialiseSidecar('review-layout.txt', [tag]);
    // The same data, with the kind quoted by hand.
    const byHand = written.replace('    kind: claim\n', "    kind: 'claim'\n");
    assert.notEqual(byHand, written);
    await vscode.workspace.fs.writeFile(sidecar, new TextEncoder().encode(byHand));
    await showArticle(article);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(sidecar), { preview: false });
    const check = cli(['check', '--format', 'json', 'review-layout.txt'], workspaceRoot().fsPath);
    const rules = (JSON.parse(check.stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.path === 'review-layout.txt.tags.yaml').map((f) => `${f.rule} ${SEVERITIES[f.severity]}`);
    assert.deepEqual(rules, [`non-canonical ${vscode.DiagnosticSeverity.Warning}`]);
    const codes = (): string[] => vscode.languages.getDiagnostics(sidecar).map((d) => `${String(d.code)} ${d.severity}`);
    await eventually(() => JSON.stringify(codes()) === JSON.stringify(rules), vscode.languages.onDidChangeDiagnostics, 'non-canonical on the open sidecar');
    // Written as the extension writes it, the finding goes.
    await vscode.workspace.fs.writeFile(sidecar, new TextEncoder().encode(written));
    await eventually(() => codes().length === 0, vscode.languages.onDidChangeDiagnostics, 'the non-canonical finding to clear');
  });
});

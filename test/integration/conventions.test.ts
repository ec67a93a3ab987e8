import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseConventions } from '../../src/core/conventions';
import { parseSidecar } from '../../src/core/sidecar';
import type { Tag } from '../../src/core/tags';
import type { FieldPromptShown } from '../../src/vscode/fieldPrompt';
import { activateExtension, afterRedraw, decoratedRanges, eventually, exists, readText, select, showArticle, when, workspaceRoot } from './helpers';

async function api() {
  return (await activateExtension()).exports;
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A folder of its own with a copy of a sample article and, if given, a conventions file. */
async function teamFolder(name: string, conventions?: string): Promise<{ folder: vscode.Uri; article: vscode.Uri; file: vscode.Uri }> {
  const folder = vscode.Uri.joinPath(workspaceRoot(), name);
  await vscode.workspace.fs.createDirectory(folder);
  const article = vscode.Uri.joinPath(folder, 'article.txt');
  await vscode.workspace.fs.writeFile(article, await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), '000_66182b2613313ed4.txt')));
  const file = vscode.Uri.joinPath(folder, '.news-annotator.yaml');
  if (conventions !== undefined) await vscode.workspace.fs.writeFile(file, encode(conventions));
  return { folder, article, file };
}

/** Writes a conventions file and waits until the article's conventions satisfy `check`. */
async function writeConventions(file: vscode.Uri, text: string, article: vscode.Uri, check: () => boolean, what: string): Promise<void> {
  const { conventions } = await api();
  await vscode.workspace.fs.writeFile(file, encode(text));
  conventions.kindsFor(article);
  await eventually(check, conventions.onDidChange, what, 15_000);
}

/** Runs `start` and answers the prompt it shows with `answer`; resolves with what `start` resolved. */
async function answering<T>(start: () => Thenable<T>, answer: (prompt: FieldPromptShown) => Promise<void>): Promise<T> {
  const prompt = when((await api()).onDidShowPrompt, () => true, 'a prompt');
  const result = start();
  await answer(await prompt);
  return result;
}

async function choose(prompt: FieldPromptShown, label: string): Promise<void> {
  const pick = prompt.quickPick!;
  const item = pick.items.find((i) => i.label.replace(/^\$\([^)]*\) /, '') === label);
  assert.ok(item, `the pick offers ${label} (it offers ${pick.items.map((i) => i.label).join(', ')})`);
  // Typing the label filters the list to it, as a person would; Enter takes it.
  pick.value = label;
  await eventually(() => pick.activeItems[0] === item, pick.onDidChangeActive, `${label} active`);
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

const STATISTIC = `version: 1
kinds:
  statistic:
    label: Statistic
    description: A figure whose source must be named.
    color: {light: "#00796b", dark: "#4db6ac"}
    icon: graph
    key: t
`;

describe('team conventions in the repository', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await (await api()).store.flush();
  });

  // The workspace is shared with the other suites: leave it as it was found.
  after(async () => {
    for (const name of ['team-kinds', 'team-verdict', 'team-rules', 'team-broken', 'team-retired', 'team-init', 'team-cues']) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), name), { recursive: true }).then(undefined, () => undefined);
    }
  });

  it('shows a kind added to the conventions file in Tag as…, the Tags view and the decorations, without a reload', async () => {
    const { article, file } = await teamFolder('team-kinds');
    const { conventions, tagTree, tagDecorator } = await api();
    const editor = await showArticle(article);
    await conventions.ready();
    assert.ok(!conventions.kindsFor(article).has('statistic'));
    await writeConventions(file, STATISTIC, article, () => conventions.kindsFor(article).has('statistic'), 'the statistic kind');

    select(editor, 'upwards of 1,000 troops per day');
    const tag = await answering(
      () => vscode.commands.executeCommand<Tag | undefined>('newsAnnotator.tagAs'),
      async (prompt) => {
        const labels = prompt.quickPick!.items.map((i) => i.label.replace(/^\$\([^)]*\) /, ''));
        assert.deepEqual(labels.slice().sort(), ['Attribution', 'Claim', 'Opinion', 'Speculation', 'Statistic']);
        await choose(prompt, 'Statistic');
      },
    );
    assert.equal(tag?.kind, 'statistic');

    const drawn = await new Promise<ReturnType<typeof tagDecorator.drawnIn>>((resolve) => {
      const check = (): boolean => tagDecorator.drawnIn(article).some((d) => d.kind === 'statistic');
      if (check()) resolve(tagDecorator.drawnIn(article));
      else void when(tagDecorator.onDidDraw, check, 'the statistic decoration').then(() => resolve(tagDecorator.drawnIn(article)));
    });
    const statistic = drawn.find((d) => d.kind === 'statistic')!;
    assert.deepEqual(statistic.color, { light: '#00796b', dark: '#4db6ac' });
    assert.deepEqual(statistic.ranges, [{ start: tag!.anchor.start, end: tag!.anchor.end }]);

    await tagTree.whenScanned();
    await eventually(() => tagTree.articles().some((a) => a.key === article.toString()), (await api()).store.onDidChange, 'the article in the tree');
    const fileNode = tagTree.getChildren().find((n) => n.type === 'file' && n.article === article.toString())!;
    const kindNodes = tagTree.getChildren(fileNode);
    assert.deepEqual(kindNodes.map((n) => tagTree.getTreeItem(n).label), ['Statistic']);

    // A new colour in the file redraws the tags in it, still without a reload.
    await writeConventions(file, STATISTIC.replace('#00796b', '#123456'), article, () => conventions.kindsFor(article).get('statistic')?.color.light === '#123456', 'the new colour');
    await eventually(() => tagDecorator.drawnIn(article).some((d) => d.kind === 'statistic' && d.color.light === '#123456'), tagDecorator.onDidDraw, 'the redraw in the new colour');
  });

  it('asks for a required verdict when tagging a claim, writes it to the sidecar, and tags nothing on Escape', async () => {
    const { article } = await teamFolder('team-verdict', 'version: 1\nkinds:\n  claim:\n    fields:\n      verdict: {type: enum, values: [accurate, misleading, inaccurate, unsupported], required: true}\n      source_url: {type: url}\n');
    const { conventions, store } = await api();
    const editor = await showArticle(article);
    await eventually(() => conventions.forUri(article).fieldsOf('claim').length === 2, conventions.onDidChange, 'the claim fields');

    select(editor, 'upwards of 1,000 troops per day');
    const written = when(store.onDidWrite, (e) => e.article.toString() === article.toString(), 'the sidecar write');
    const tag = await answering(
      () => vscode.commands.executeCommand<Tag | undefined>('newsAnnotator.tagClaim'),
      async (prompt) => {
        assert.equal(prompt.field?.name, 'verdict');
        await choose(prompt, 'misleading');
      },
    );
    assert.equal(tag?.extra?.verdict, 'misleading');
    await written;
    const yaml = await readText(article.with({ path: `${article.path}.tags.yaml` }));
    // The field sits after the note's place; the verdict's stamp (the hash of the text it was
    // given on, for stale-verdict checks) follows it.
    assert.match(yaml, /kind: claim\n {4}verdict: misleading\n {4}verdict-text-hash: [0-9a-f]{8}\n {4}prefix:/);
    assert.equal(parseSidecar(yaml).tags[0].extra?.verdict, 'misleading');

    select(editor, '10,000 or more');
    const cancelled = await answering(
      () => vscode.commands.executeCommand<Tag | undefined>('newsAnnotator.tagClaim'),
      async () => {
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      },
    );
    assert.equal(cancelled, undefined);
    assert.equal(store.peek(article)!.tags.length, 1, 'Escape tags nothing');

    // The Tags view filters by the verdict, and by breaking a rule.
    const { tagTree } = await api();
    const shown = (): string[] => tagTree.articles().flatMap((a) => a.tags.filter(tagTree.matcher()).map((t) => t.id));
    await vscode.commands.executeCommand('newsAnnotator.filterTagsByField', 'verdict', ['misleading']);
    assert.deepEqual(shown(), [tag!.id]);
    await vscode.commands.executeCommand('newsAnnotator.filterTagsByField', 'verdict', ['accurate']);
    assert.deepEqual(shown(), []);
    await vscode.commands.executeCommand('newsAnnotator.clearTagFilter');
    await vscode.commands.executeCommand('newsAnnotator.toggleRuleBreachesOnly');
    assert.ok(!shown().includes(tag!.id), 'a tag with its verdict breaks no rule');
    await vscode.commands.executeCommand('newsAnnotator.clearTagFilter');
  });

  it('reports a tag that breaks a rule in Problems at its place, with the rule id, and clears it once fixed', async () => {
    const { article } = await teamFolder('team-rules', 'version: 1\nkinds:\n  claim:\n    fields:\n      verdict: {type: enum, values: [accurate, misleading], required: true}\n');
    const text = await readText(article);
    const start = text.indexOf('10,000 or more');
    const sidecar = `version: 1\narticle: article.txt\ntags:\n  - text: 10,000 or more\n    kind: claim\n    start: ${start}\n    end: ${start + 14}\n    id: t-needsverdict\n`;
    await vscode.workspace.fs.writeFile(article.with({ path: `${article.path}.tags.yaml` }), encode(sidecar));
    const editor = await showArticle(article);
    const finding = (): vscode.Diagnostic | undefined => vscode.languages.getDiagnostics(article).find((d) => d.code === 'required-field');
    await eventually(() => finding() !== undefined, vscode.languages.onDidChangeDiagnostics, 'the required-field finding', 15_000);
    assert.equal(editor.document.offsetAt(finding()!.range.start), start);
    assert.equal(finding()!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(finding()!.message, /has no Verdict/);

    const fixed = await vscode.commands.executeCommand<Tag | undefined>('newsAnnotator.setTagField', { article: article.toString(), id: 't-needsverdict' }, 'verdict', 'accurate');
    const entry = (await api()).store.peek(article)!;
    assert.equal(fixed?.extra?.verdict, 'accurate', JSON.stringify({ writable: entry.writable, problems: entry.problems, fields: (await api()).conventions.forUri(article).fieldsOf('claim'), tags: entry.tags }));
    await eventually(() => finding() === undefined, vscode.languages.onDidChangeDiagnostics, 'the finding cleared');
  });

  it('shows a broken conventions file\'s problem at its line and keeps the last good kinds in force', async () => {
    const { article, file } = await teamFolder('team-broken', STATISTIC);
    const { conventions } = await api();
    await showArticle(article);
    await eventually(() => conventions.kindsFor(article).has('statistic'), conventions.onDidChange, 'the good conventions');

    await vscode.workspace.fs.writeFile(file, encode(`${STATISTIC}  prediction:\n    color: teal\n`));
    const problem = (): vscode.Diagnostic | undefined => vscode.languages.getDiagnostics(file).find((d) => d.code === 'bad-color');
    await eventually(() => problem() !== undefined, vscode.languages.onDidChangeDiagnostics, 'the bad colour reported', 15_000);
    assert.equal(problem()!.range.start.line, 9);
    assert.ok(vscode.languages.getDiagnostics(file).some((d) => d.code === 'conventions-not-applied'), 'Problems says the last good conventions are kept');
    assert.ok(conventions.kindsFor(article).has('statistic'), `the team's kinds stay (${conventions.kindsFor(article).ids().join(', ')} from ${conventions.forUri(article).sources.join(', ')})`);
    assert.ok(!conventions.kindsFor(article).has('prediction'), 'nothing of the broken file applies');

    await vscode.workspace.fs.writeFile(file, encode(`${STATISTIC}  prediction:\n    color: "#336699"\n`));
    await eventually(() => conventions.kindsFor(article).has('prediction'), conventions.onDidChange, 'the fixed file applied');
    await eventually(() => vscode.languages.getDiagnostics(file).length === 0, vscode.languages.onDidChangeDiagnostics, 'the problems cleared');
  });

  it('keeps a retired kind\'s old tag visible and editable, flags it, and offers the kind no more', async () => {
    const { article, file } = await teamFolder('team-retired');
    const text = await readText(article);
    const start = text.indexOf('Kim is not stupid');
    await vscode.workspace.fs.writeFile(article.with({ path: `${article.path}.tags.yaml` }), encode(`version: 1\narticle: article.txt\ntags:\n  - text: Kim is not stupid\n    kind: opinion\n    start: ${start}\n    end: ${start + 17}\n    id: t-oldopinion\n`));
    await vscode.workspace.fs.writeFile(file, encode('version: 1\nkinds:\n  opinion:\n    retired: true\n'));
    const { conventions, tagDecorator } = await api();
    const editor = await showArticle(article);
    await eventually(() => conventions.kindsFor(article).isRetired('opinion'), conventions.onDidChange, 'opinion retired');
    await eventually(() => vscode.languages.getDiagnostics(article).some((d) => d.code === 'retired-kind'), vscode.languages.onDidChangeDiagnostics, 'the retired-kind finding', 15_000);
    await eventually(() => tagDecorator.drawnIn(article).some((d) => d.kind === 'opinion' && d.ranges.some((r) => r.start === start)), tagDecorator.onDidDraw, 'the old tag drawn');

    const edited = await vscode.commands.executeCommand<Tag>('newsAnnotator.editNote', { article: article.toString(), id: 't-oldopinion' }, 'Still an opinion');
    assert.equal(edited.note, 'Still an opinion', 'the old tag stays editable');

    select(editor, 'Axis of Aggressors');
    await answering(
      () => vscode.commands.executeCommand('newsAnnotator.tagAs'),
      async (prompt) => {
        const labels = prompt.quickPick!.items.map((i) => i.label);
        assert.ok(!labels.some((l) => l.endsWith('Opinion')), `Tag as… leaves the retired kind out (${labels.join(', ')})`);
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      },
    );
  });

  it('highlights the cues of the team\'s vocabulary, and follows the file when it changes', async () => {
    const { article, file } = await teamFolder('team-cues', 'version: 1\ncues:\n  speculation:\n    add: ["is understood to"]\n');
    await vscode.workspace.fs.writeFile(article, encode('The minister is understood to have resigned. Prices could rise.\n'));
    const { conventions } = await api();
    await vscode.workspace.getConfiguration('newsAnnotator').update('highlight.cues', true, vscode.ConfigurationTarget.Global);
    try {
      const editor = await showArticle(article);
      const cueTexts = (d: { kinds: { cue: Array<{ start: number; end: number }> } }): string[] => d.kinds.cue.map((r) => editor.document.getText().slice(r.start, r.end));
      await eventually(() => conventions.forUri(article).cues.speculation !== undefined, conventions.onDidChange, 'the cue vocabulary');
      const drawn = await afterRedraw(editor, () => undefined, (d) => cueTexts(d).includes('is understood to')).catch(async (error: Error) => {
        const now = await decoratedRanges(editor);
        throw new Error(`${error.message}; drawn now: ${JSON.stringify(now && { version: now.version, docVersion: editor.document.version, cues: cueTexts(now) })}`);
      });
      assert.ok(cueTexts(drawn).includes('could'), 'the default cues stay');

      await vscode.workspace.fs.writeFile(file, encode('version: 1\ncues:\n  speculation:\n    remove: [could]\n'));
      const redrawn = await afterRedraw(editor, () => undefined, (d) => !cueTexts(d).includes('could'));
      assert.ok(!cueTexts(redrawn).includes('is understood to'), 'the removed addition is gone');
    } finally {
      await vscode.workspace.getConfiguration('newsAnnotator').update('highlight.cues', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('writes the default conventions with a comment on every section and opens them', async () => {
    const folder = vscode.Uri.joinPath(workspaceRoot(), 'team-init');
    await vscode.workspace.fs.createDirectory(folder);
    const file = await vscode.commands.executeCommand<vscode.Uri>('newsAnnotator.initConventions', folder);
    assert.ok(await exists(file));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), file.toString());
    const text = await readText(file);
    assert.deepEqual(parseConventions(text).problems, []);
    for (const section of ['version', 'root', 'open_kinds', 'kinds', 'ratings', 'cues', 'rules', 'overrides', 'publish']) {
      const lines = text.split('\n');
      const at = lines.findIndex((line) => line.startsWith(`${section}:`));
      assert.ok(at > 0 && lines[at - 1].startsWith('#'), `${section} has a comment above it`);
    }
  });
});

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { detect, type DetectionKind } from '../../src/core/detect';
import { type DecoratedRanges, afterRedraw, decoratedRanges, openSample, workspaceRoot } from './helpers';

const spansOf = (text: string, kind: DetectionKind): Array<{ start: number; end: number }> =>
  detect(text)
    .filter((d) => d.kind === kind)
    .map(({ start, end }) => ({ start, end }));

async function setHighlight(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('newsAnnotator').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('highlighting in the editor', () => {
  afterEach(async () => {
    for (const key of ['highlight.quotes', 'highlight.cues', 'highlight.largeFileThreshold']) await setHighlight(key, undefined);
  });

  it('decorates the quotes, numbers and attributions the detector finds in a sample article', async () => {
    const editor = await openSample('000_66182b2613313ed4.txt');
    const decorated = await afterRedraw(editor);
    const text = editor.document.getText();
    for (const kind of ['quote', 'number', 'attribution'] as const) {
      assert.ok(decorated.kinds[kind].length > 0, `some ${kind} is decorated`);
      assert.deepEqual(decorated.kinds[kind], spansOf(text, kind), `${kind} decorations match the detector`);
    }
    assert.deepEqual(decorated.kinds.cue, [], 'cues are off by default');
    assert.equal(decorated.visibleOnly, false);
  });

  it('follows typing: decorations shift with the text and a typed quote is decorated', async () => {
    const editor = await openSample('001_99513561e4769605.txt');
    const before = await afterRedraw(editor);
    const typed = '“We will respond,” the minister said. ';
    const decorated = await afterRedraw(editor, () => editor.edit((b) => b.insert(new vscode.Position(0, 0), typed)));
    const text = editor.document.getText();
    assert.ok(text.startsWith(typed));
    assert.deepEqual(decorated.kinds.quote, spansOf(text, 'quote'));
    assert.deepEqual(decorated.kinds.number, spansOf(text, 'number'));
    assert.deepEqual(decorated.kinds.quote[0], { start: 0, end: '“We will respond,”'.length });
    // Everything that was decorated before is still decorated, moved by the typed length.
    const shifted = before.kinds.number.map(({ start, end }) => ({ start: start + typed.length, end: end + typed.length }));
    assert.deepEqual(decorated.kinds.number, shifted);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('decorates a quote hard-wrapped over lines of a Markdown file as one range once its closing mark is typed', async () => {
    const wrapped = '# Briefing\n\n“We will not back down,\nwhatever the cost\nKirby told reporters.\n';
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: wrapped });
    const editor = await vscode.window.showTextDocument(document);
    const open = await afterRedraw(editor);
    const opening = wrapped.indexOf('“');
    // Unclosed, the quote runs to the end of its paragraph: the three lines are one paragraph.
    assert.deepEqual(open.kinds.quote, [{ start: opening, end: wrapped.indexOf('reporters.') + 'reporters.'.length }]);
    const closed = (d: DecoratedRanges): boolean => d.kinds.quote.length > 0 && d.kinds.quote[0].end < wrapped.indexOf('Kirby') + 2;
    const typed = await afterRedraw(editor, () => editor.edit((b) => b.insert(document.positionAt(wrapped.indexOf('cost') + 4), ',”')), closed);
    const text = editor.document.getText();
    assert.deepEqual(typed.kinds.quote, [{ start: opening, end: text.indexOf('cost,”') + 'cost,”'.length }]);
    assert.deepEqual(typed.kinds.quote, detect(text, { format: 'markdown' }).filter((d) => d.kind === 'quote').map(({ start, end }) => ({ start, end })));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('decorates nothing in the front matter and code of a Markdown article, and a hard-wrapped attribution as one range across the line break', async () => {
    await setHighlight('highlight.cues', true);
    const article = [
      '---', 'title: "Troops in Kursk"', 'date: 2024-11-01', 'said: could', '---', '', '# Briefing', '',
      'The offensive will go on through the winter, according to', 'the defence minister, who said "we have 10,000 more" on Monday.', '',
      '```python', 'x = "not a quote"  # 2024 could', '```', '', 'Officials `2024-11-04` said it could last.', '',
    ].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: article });
    const editor = await vscode.window.showTextDocument(document);
    const decorated = await afterRedraw(editor, () => undefined, (d) => d.kinds.attribution.length > 0);
    const frontMatter = { start: 0, end: article.indexOf('---', 3) + 3 };
    const code = { start: article.indexOf('```python'), end: article.lastIndexOf('```') + 3 };
    const inlineCode = { start: article.indexOf('`2024'), end: article.indexOf('04`') + 3 };
    const all = (['quote', 'number', 'attribution', 'cue'] as const).flatMap((kind) => decorated.kinds[kind].map((r) => ({ kind, ...r })));
    for (const blockOf of [frontMatter, code, inlineCode]) {
      const inside = all.filter((r) => r.start < blockOf.end && r.end > blockOf.start);
      assert.deepEqual(inside.map((r) => `${r.kind} ${JSON.stringify(article.slice(r.start, r.end))}`), [], 'nothing decorated in front matter or code');
    }
    const according = article.indexOf('according to');
    assert.deepEqual(decorated.kinds.attribution, [{ start: according, end: article.indexOf('minister,') + 'minister'.length }]);
    assert.ok(article.slice(decorated.kinds.attribution[0].start, decorated.kinds.attribution[0].end).includes('\n'), 'the attribution runs over the line break');
    assert.deepEqual(decorated.kinds.quote, [{ start: article.indexOf('"we have'), end: article.indexOf('more"') + 5 }]);
    assert.deepEqual(decorated.kinds.cue.map((r) => article.slice(r.start, r.end)), ['could']);
    // What the editor decorates is what the detector finds in the text read as Markdown.
    for (const kind of ['quote', 'number', 'attribution', 'cue'] as const) {
      assert.deepEqual(decorated.kinds[kind], detect(article, { format: 'markdown' }).filter((d) => d.kind === kind).map(({ start, end }) => ({ start, end })));
    }
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('removes the quote decorations when quotes are switched off in settings, and keeps the rest', async () => {
    const editor = await openSample('002_1d5a32230170d5dd.txt');
    const on = await afterRedraw(editor);
    assert.ok(on.kinds.quote.length > 0);
    const off = await afterRedraw(editor, () => setHighlight('highlight.quotes', false), (d) => d.kinds.quote.length === 0);
    assert.deepEqual(off.kinds.number, on.kinds.number);
    const back = await afterRedraw(editor, () => setHighlight('highlight.quotes', undefined), (d) => d.kinds.quote.length > 0);
    assert.deepEqual(back.kinds.quote, on.kinds.quote);
  });

  it('shows cues only when they are switched on', async () => {
    const editor = await openSample('003_bb27b04e273cb384.txt');
    const decorated = await afterRedraw(editor, () => setHighlight('highlight.cues', true), (d) => d.kinds.cue.length > 0);
    assert.deepEqual(decorated.kinds.cue, spansOf(editor.document.getText(), 'cue'));
  });

  it('switches every highlight of the editor off and on with Toggle Highlights', async () => {
    const editor = await openSample('004_f4608aac0cbd5e3d.txt');
    const on = await afterRedraw(editor);
    const off = await afterRedraw(editor, () => vscode.commands.executeCommand('newsAnnotator.toggleHighlights'), (d) => d.kinds.number.length === 0);
    assert.deepEqual(off.kinds, { quote: [], number: [], attribution: [], cue: [] });
    const back = await afterRedraw(editor, () => vscode.commands.executeCommand('newsAnnotator.toggleHighlights'), (d) => d.kinds.number.length > 0);
    assert.deepEqual(back.kinds, on.kinds);
  });

  async function hoverAt(editor: vscode.TextEditor, offset: number): Promise<string> {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      editor.document.positionAt(offset),
    );
    return hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
      .join('\n')
      .replace(/\\(.)/g, '$1');
  }

  it('describes a numeric claim and a quote with its speaker in the hover', async () => {
    const editor = await openSample('000_66182b2613313ed4.txt');
    const text = editor.document.getText();
    const number = await hoverAt(editor, text.indexOf('1,000 troops') + 2);
    assert.match(number, /Numeric claim · \w+ · upwards of 1,000/);
    const quote = await hoverAt(editor, text.indexOf('Putin has lost') + 3);
    assert.match(quote, /Quote · \d+ words · attributed to Austin/);
    assert.equal(await hoverAt(editor, text.indexOf('administration')), '', 'no hover on plain text');
  });

  it('shows decorations at once when switching back to an editor', async () => {
    const first = await openSample('000_66182b2613313ed4.txt');
    const before = await afterRedraw(first);
    await openSample('001_99513561e4769605.txt');
    const again = await vscode.window.showTextDocument(first.document);
    const now = await decoratedRanges(again);
    assert.ok(now, 'decorations were set when the editor became visible');
    assert.deepEqual(now.kinds, before.kinds);
  });

  it('stays responsive on a 1 MB article by decorating around the visible lines', async () => {
    const samples = await Promise.all(
      ['000_66182b2613313ed4.txt', '002_1d5a32230170d5dd.txt', '004_f4608aac0cbd5e3d.txt'].map(async (n) =>
        new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), n))),
      ),
    );
    let big = '';
    for (let i = 0; big.length < 1_000_000; i++) big += samples[i % samples.length] + '\n';
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'one-megabyte.txt');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(big));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const decorated = await afterRedraw(editor);
    assert.equal(decorated.visibleOnly, true);
    assert.ok(decorated.kinds.quote.length > 0 && decorated.kinds.number.length > 0);
    const lastVisible = editor.document.offsetAt(editor.visibleRanges[editor.visibleRanges.length - 1].end);
    assert.ok(decorated.kinds.number.every((s) => s.start <= lastVisible + 200_000), 'only the lines around the view are decorated');

    // A keystroke re-detects only its paragraph; the redraw and the command answer promptly.
    const started = Date.now();
    const typed = await afterRedraw(editor, () => editor.edit((b) => b.insert(new vscode.Position(0, 0), '12 ')));
    assert.equal(typed.kinds.number[0]?.start, 0);
    await decoratedRanges(editor);
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 3000, `redraw and command took ${elapsed} ms`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseSidecar } from '../../src/core/sidecar';
import type { Tag } from '../../src/core/tags';
import type { ExchangeOutcome } from '../../src/vscode/exchange';
import type { FieldPromptShown } from '../../src/vscode/fieldPrompt';
import { activateExtension, eventually, readText, repoRoot, showArticle, workspaceRoot } from './helpers';

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'exchange');
const ARTICLES = ['world/000_66182b2613313ed4.txt', 'world/001_99513561e4769605.txt', 'desk/002_1d5a32230170d5dd.txt', 'desk/unicode.txt'];

async function api() {
  return (await activateExtension()).exports;
}

function articleSource(article: string): string {
  const name = path.basename(article);
  const sample = path.join(repoRoot, 'samples', name);
  return fs.existsSync(sample) ? sample : path.join(repoRoot, 'test', 'fixtures', 'sidecars', 'articles', name);
}

/**
 * A folder of the workspace holding the exchange fixture articles and conventions, with
 * their sidecars when `sidecars` is set; resolves once its conventions are read.
 */
async function exchangeFolder(name: string, sidecars: boolean, conventionsText = (text: string): string => text): Promise<vscode.Uri> {
  const folder = vscode.Uri.joinPath(workspaceRoot(), name);
  const conventionsFile = conventionsText(fs.readFileSync(path.join(FIXTURES, 'workspace', '.news-annotator.yaml'), 'utf8'));
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '.news-annotator.yaml'), new TextEncoder().encode(conventionsFile));
  for (const article of ARTICLES) {
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, article), fs.readFileSync(articleSource(article)));
    if (sidecars) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `${article}.tags.yaml`), fs.readFileSync(path.join(FIXTURES, 'workspace', `${article}.tags.yaml`)));
  }
  const { conventions } = await api();
  const probe = vscode.Uri.joinPath(folder, ARTICLES[0]);
  conventions.forUri(probe);
  await eventually(() => conventions.forUri(probe).fieldsOf('claim').some((f) => f.name === 'verdict'), conventions.onDidChange, `the conventions of ${name}`, 15_000);
  return folder;
}

/** An expected output with its article paths moved under `folder`. */
function expectedUnder(file: string, folder: string): string {
  return fs
    .readFileSync(path.join(FIXTURES, 'expected', file), 'utf8')
    .replace(/urn:x-news-annotator:(world|desk)\//g, `urn:x-news-annotator:${folder}/$1/`)
    .replace(/^(world|desk)\//gm, `${folder}/$1/`)
    .replace(/"article":"(world|desk)\//g, `"article":"${folder}/$1/`);
}

/** Runs a command and answers each prompt it shows with the next label. */
async function answering<T>(start: () => Thenable<T>, labels: readonly string[]): Promise<T> {
  const { onDidShowPrompt } = await api();
  let next = 0;
  const answered: Array<Promise<void>> = [];
  const subscription = onDidShowPrompt((prompt) => {
    const label = labels[next++];
    answered.push(choose(prompt, label));
  });
  try {
    const result = await start();
    await Promise.all(answered);
    assert.equal(next, labels.length, `the command asked ${next} question(s), not ${labels.length}`);
    return result;
  } finally {
    subscription.dispose();
  }
}

async function choose(prompt: FieldPromptShown, label: string | undefined): Promise<void> {
  const pick = prompt.quickPick!;
  assert.ok(label, `an unexpected prompt: ${pick.placeholder}`);
  const item = pick.items.find((i) => i.label === label);
  assert.ok(item, `the pick offers ${label} (it offers ${pick.items.map((i) => i.label).join(', ')})`);
  pick.value = label;
  await eventually(() => pick.activeItems[0] === item, pick.onDidChangeActive, `${label} active`);
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

/** The tags on disk for an article of `folder`. */
async function sidecarTags(folder: vscode.Uri, article: string): Promise<Tag[]> {
  const parsed = parseSidecar(await readText(vscode.Uri.joinPath(folder, `${article}.tags.yaml`)));
  assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error'), []);
  return parsed.tags;
}

function fixtureTags(article: string): Tag[] {
  return parseSidecar(fs.readFileSync(path.join(FIXTURES, 'workspace', `${article}.tags.yaml`), 'utf8')).tags;
}

/** What an import must carry over: everything but the place, which follows the article. */
function carried(tag: Tag): Record<string, unknown> {
  return { id: tag.id, kind: tag.kind, text: tag.anchor.exact, note: tag.note, author: tag.author, created: tag.created, updated: tag.updated, extra: tag.extra ? { ...tag.extra } : undefined };
}

describe('exporting and importing tags', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await (await api()).store.flush();
  });

  it('exports the current file as CSV after a pick of the format and of the scope', async () => {
    const folder = await exchangeFolder('exchange-csv', true);
    await showArticle(vscode.Uri.joinPath(folder, 'world/000_66182b2613313ed4.txt'));
    const target = vscode.Uri.joinPath(workspaceRoot(), 'exchange-current.csv');
    const outcome = await answering(() => vscode.commands.executeCommand<ExchangeOutcome>('newsAnnotator.exportTags', { target }), ['CSV', 'Current File']);
    assert.equal(outcome.count, 4);
    const lines = expectedUnder('export.csv', 'exchange-csv').split('\r\n');
    const wanted = [lines[0], ...lines.filter((line) => line.startsWith('exchange-csv/world/000_')), ''].join('\r\n');
    assert.equal(await readText(target), wanted);
  });

  it('exports a workspace with every tagged article, each sidecar read through the store', async () => {
    const folder = await exchangeFolder('exchange-jsonl', true);
    const target = vscode.Uri.joinPath(workspaceRoot(), 'exchange-all.jsonl');
    const outcome = await answering(() => vscode.commands.executeCommand<ExchangeOutcome>('newsAnnotator.exportTags', { target }), ['JSON Lines']);
    assert.ok(outcome.count >= 16);
    const ours = (await readText(target)).split('\n').filter((line) => line.startsWith(`{"article":"${path.basename(folder.path)}/`));
    assert.equal(`${ours.join('\n')}\n`, expectedUnder('export.jsonl', 'exchange-jsonl'));
  });

  it('exports W3C Web Annotations with positions in code points, as the expected file has them', async () => {
    const folder = await exchangeFolder('exchange-w3c', true);
    await showArticle(vscode.Uri.joinPath(folder, 'desk/unicode.txt'));
    const target = vscode.Uri.joinPath(workspaceRoot(), 'exchange-unicode.w3c.json');
    await vscode.commands.executeCommand('newsAnnotator.exportTags', { format: 'w3c', scope: 'file', target });
    const exported = JSON.parse(await readText(target)) as { total: number; first: { items: Array<{ id: string }> } };
    const wanted = JSON.parse(expectedUnder('export.w3c.json', 'exchange-w3c')) as { first: { items: Array<{ id: string }> } };
    assert.equal(exported.total, 2);
    assert.deepEqual(exported.first.items, wanted.first.items.filter((item) => item.id.includes('/desk/unicode.txt#')));
  });

  it('exports ClaimReview records for the claims with a verdict, and logs what each lacks', async () => {
    // Its own fact-check URL tells this folder's records from those of the other tests' folders.
    await exchangeFolder('exchange-claims', true, (text) => text.replace('https://desk.example/checks/', 'https://claims.example/checks/'));
    const target = vscode.Uri.joinPath(workspaceRoot(), 'exchange.claimreview.json');
    const outcome = await vscode.commands.executeCommand<ExchangeOutcome>('newsAnnotator.exportTags', { format: 'claimreview', scope: 'workspace', target });
    const records = (JSON.parse(await readText(target)) as Array<{ url?: string }>).filter((r) => r.url?.startsWith('https://claims.example/checks/'));
    const wanted = fs.readFileSync(path.join(FIXTURES, 'expected', 'export.claimreview.json'), 'utf8').replace(/https:\/\/desk\.example\/checks\//g, 'https://claims.example/checks/');
    assert.deepEqual(records, JSON.parse(wanted));
    assert.ok(outcome.details.some((line) => /exchange-claims\/world\/001_99513561e4769605\.txt:1: tag t-rjomt8dp: lacks recommended itemReviewed\.author/.test(line)), outcome.details.join('\n'));
  });

  it('imports a W3C export into a fresh copy of the articles, reproducing the tags, and a second import adds nothing', async () => {
    const folder = await exchangeFolder('exchange-import', false);
    const file = vscode.Uri.joinPath(folder, 'tags.w3c.json');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(expectedUnder('export.w3c.json', 'exchange-import')));
    const first = await vscode.commands.executeCommand<ExchangeOutcome>('newsAnnotator.importAnnotations', { file });
    assert.equal(first.count, 15, 'all but the orphan, whose text is not in the article');
    assert.ok(first.details.some((line) => /annotation 6 .*not found in the article: “a reckless gamble by Pyongyang”/.test(line)), first.details.join('\n'));
    for (const article of ARTICLES) {
      const wanted = fixtureTags(article).filter((tag) => tag.id !== 't-desk0006');
      const onDisk = await sidecarTags(folder, article);
      assert.deepEqual(onDisk.map(carried), wanted.map(carried), article);
      const text = await readText(vscode.Uri.joinPath(folder, article));
      for (const tag of onDisk.filter((t) => t.status !== 'fuzzy')) assert.equal(text.slice(tag.anchor.start, tag.anchor.end), tag.anchor.exact);
      if (article.startsWith('desk/002')) assert.equal(onDisk.find((t) => t.id === 't-desk0005')!.status, 'fuzzy', 'the tag whose text changed is fuzzy again');
    }
    const before = await readText(vscode.Uri.joinPath(folder, `${ARTICLES[0]}.tags.yaml`));
    const second = await vscode.commands.executeCommand<ExchangeOutcome>('newsAnnotator.importAnnotations', { file });
    assert.equal(second.count, 0);
    assert.equal(await readText(vscode.Uri.joinPath(folder, `${ARTICLES[0]}.tags.yaml`)), before);
  });

  it('imports onto an article edited in the editor, at the edited places, and Undo Tag Change takes it back', async () => {
    const folder = await exchangeFolder('exchange-edited', false);
    const article = vscode.Uri.joinPath(folder, 'world/000_66182b2613313ed4.txt');
    const editor = await showArticle(article);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'UPDATED: the briefing transcript is linked below.\n'));
    const file = vscode.Uri.joinPath(folder, 'tags.w3c.json');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(expectedUnder('export.w3c.json', 'exchange-edited')));
    const { store } = await api();
    const outcome = await vscode.commands.executeCommand<ExchangeOutcome>('newsAnnotator.importAnnotations', { file });
    const plan = outcome.plans!.find((p) => p.article.toString() === article.toString())!;
    assert.deepEqual(plan.plan.results.map((r) => r.outcome), ['anchored', 'anchored', 'anchored', 'anchored']);
    const tags = store.peek(article)!.tags;
    for (const tag of tags) {
      assert.equal(editor.document.getText(new vscode.Range(editor.document.positionAt(tag.anchor.start), editor.document.positionAt(tag.anchor.end))), tag.anchor.exact);
      assert.equal(tag.anchor.line, fixtureTags('world/000_66182b2613313ed4.txt').find((t) => t.id === tag.id)!.anchor.line + 1);
    }
    await vscode.commands.executeCommand('newsAnnotator.undoTagChange');
    assert.deepEqual(store.peek(article)!.tags, []);
  });

  it('imports a Hypothesis export onto the current article, asking which article and where kinds come from', async () => {
    const folder = await exchangeFolder('exchange-hypothesis', false);
    const article = vscode.Uri.joinPath(folder, 'world/001_99513561e4769605.txt');
    await showArticle(article);
    const file = vscode.Uri.joinPath(folder, 'hypothesis.json');
    await vscode.workspace.fs.writeFile(file, fs.readFileSync(path.join(FIXTURES, 'hypothesis', 'search-001.json')));
    const outcome = await answering(() => vscode.commands.executeCommand<ExchangeOutcome>('newsAnnotator.importAnnotations', { file }), ['Current Article', 'From Their Tags']);
    assert.equal(outcome.count, 3);
    const tags = await sidecarTags(folder, 'world/001_99513561e4769605.txt');
    assert.deepEqual(
      tags.map((t) => [t.id, t.kind, t.status, t.author]),
      [
        ['Qx7aK2pBEe-1y_9pL3sPdQ', 'speculation', 'anchored', 'Dana Reyes'],
        ['Zr2uL8pBEe-4kYQ1nLm8Ww', 'claim', 'anchored', 'sam_okafor'],
        ['a9Vm2pBEe-7hT3xQw0rKlA', 'claim', 'fuzzy', 'Dana Reyes'],
      ],
    );
    const details = outcome.details.join('\n');
    for (const expected of [/annotation 4 \[Pn4hB2pCEe-2mWq8vYt6sg\].*page note/, /annotation 5 \[Ry8kD2pCEe-9nXa1bZc3dE\].*reply/, /annotation 6 \[Tb6nF2pCEe-3cYd5eFg7hI\].*not found/, /tagged "nk-troops", which names no kind/]) {
      assert.match(details, expected);
    }
  });

  it('refuses a file that is not annotations and writes nothing', async () => {
    const folder = await exchangeFolder('exchange-refused', false);
    const file = vscode.Uri.joinPath(folder, 'notes.json');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('{"title": "not annotations"}'));
    const outcome = await vscode.commands.executeCommand<ExchangeOutcome | undefined>('newsAnnotator.importAnnotations', { file });
    assert.equal(outcome, undefined);
    for (const article of ARTICLES) {
      await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, `${article}.tags.yaml`))), `no sidecar for ${article}`);
    }
  });
});

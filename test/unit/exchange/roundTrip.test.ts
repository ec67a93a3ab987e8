import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildW3cCollection, groupBySource, planImport, readW3cAnnotations, type ExchangeArticle, type GroupOptions, type ImportedAnnotation, type SourceGroups } from '../../../src/core/exchange';
import { parseJson } from '../../../src/core/exchange/annotation';
import { KindRegistry } from '../../../src/core/kinds';
import { SidecarFile, parseSidecar } from '../../../src/core/sidecar';
import type { Tag } from '../../../src/core/tags';
import { loadWorkspace, sidecarText } from './workspace';

/** Groups annotations by article, failing the test when the choice is unclear. */
function groups(annotations: readonly ImportedAnnotation[], options: GroupOptions = {}): SourceGroups {
  const result = groupBySource(annotations, options);
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  return result;
}

const OPTIONS = { kinds: KindRegistry.defaults, author: 'Importer', now: new Date('2026-12-01T12:00:00Z') };

/** Exports `articles` as W3C JSON text and reads that text back, as a file would be. */
function exportAndRead(articles: readonly ExchangeArticle[]) {
  const parsed = parseJson(JSON.stringify(buildW3cCollection(articles), null, 2));
  assert.ok(parsed.ok);
  const read = readW3cAnnotations(parsed.value);
  assert.ok(read.ok, read.ok ? '' : read.error);
  return read.annotations;
}

/** What a person sees of a tag: everything but the runtime match score. */
function visible(tag: Tag): Record<string, unknown> {
  return { id: tag.id, kind: tag.kind, anchor: tag.anchor, note: tag.note, author: tag.author, created: tag.created, updated: tag.updated, status: tag.status, extra: tag.extra ? { ...tag.extra } : undefined };
}

/** Inserts `insert` at `at` in the article and moves nothing else: what an outside edit does. */
function edited(article: ExchangeArticle, at: number, insert: string): string {
  return article.text!.slice(0, at) + insert + article.text!.slice(at);
}

describe('exchange: W3C round trip', () => {
  it('reproduces every tag, with its id, kind, note, fields, author and times, in a fresh copy of the articles', () => {
    const articles = loadWorkspace();
    const grouped = groups(exportAndRead(articles));
    assert.deepEqual(grouped.elsewhere, []);
    for (const article of articles) {
      const plan = planImport(article.text!, [], grouped.byArticle.get(article.path) ?? [], OPTIONS);
      const imported = plan.tags.map(visible);
      // Orphans have no text to anchor, so they are reported and left out (see the next test).
      const wanted = article.tags.filter((tag) => tag.status !== 'orphan').map(visible);
      assert.deepEqual(imported, wanted, article.path);
    }
  });

  it('reports an orphan as not found, and keeps it as an orphan only when asked', () => {
    const articles = loadWorkspace();
    const desk = articles.find((a) => a.path === 'desk/002_1d5a32230170d5dd.txt')!;
    const annotations = groups(exportAndRead([desk])).byArticle.get(desk.path)!;
    const plan = planImport(desk.text!, [], annotations, OPTIONS);
    const orphan = plan.results.find((r) => r.annotation.tagId === 't-desk0006')!;
    assert.equal(orphan.outcome, 'not-found');
    assert.match(orphan.message, /not found in the article: “a reckless gamble by Pyongyang”/);
    const kept = planImport(desk.text!, [], annotations, { ...OPTIONS, keepUnanchored: true });
    const tag = kept.tags.find((t) => t.id === 't-desk0006')!;
    assert.equal(tag.status, 'orphan');
    assert.equal(tag.anchor.exact, 'a reckless gamble by Pyongyang');
  });

  it('adds nothing when the same file is imported a second time', () => {
    for (const article of loadWorkspace()) {
      const annotations = groups(exportAndRead([article])).byArticle.get(article.path)!;
      const first = planImport(article.text!, [], annotations, OPTIONS);
      const second = planImport(article.text!, first.tags, annotations, OPTIONS);
      assert.deepEqual(second.added, []);
      assert.equal(second.tags.length, first.tags.length);
      assert.ok(second.results.every((r) => ['exists', 'not-found'].includes(r.outcome)), article.path);
    }
  });

  it('finds every tag again after a paragraph was added above them and a word changed near one', () => {
    const articles = loadWorkspace();
    const world = articles.find((a) => a.path === 'world/000_66182b2613313ed4.txt')!;
    const annotations = groups(exportAndRead([world])).byArticle.get(world.path)!;
    const preface = 'EDITOR’S NOTE: This article was updated on Friday with the Pentagon’s latest figures.\n';
    let text = edited(world, 0, preface);
    text = text.replace('Russia is losing upwards', 'Russia is now losing upwards');
    const plan = planImport(text, [], annotations, OPTIONS);
    assert.deepEqual(plan.results.map((r) => r.outcome), ['anchored', 'anchored', 'anchored', 'anchored']);
    for (const tag of plan.tags) {
      const original = world.tags.find((t) => t.id === tag.id)!;
      assert.equal(text.slice(tag.anchor.start, tag.anchor.end), original.anchor.exact, tag.id);
      assert.equal(tag.anchor.line, original.anchor.line + 1, `${tag.id} moved down a line`);
      assert.deepEqual({ ...visible(tag), anchor: undefined }, { ...visible(original), anchor: undefined });
    }
  });

  it('marks a tag whose words were changed in the article as fuzzy instead of placing it as if nothing changed', () => {
    const world = loadWorkspace().find((a) => a.path === 'world/000_66182b2613313ed4.txt')!;
    const annotations = groups(exportAndRead([world])).byArticle.get(world.path)!;
    const text = world.text!.replace('upwards of 1,000 troops per day', 'upwards of 1,200 troops every day');
    const plan = planImport(text, [], annotations, OPTIONS);
    const claim = plan.results.find((r) => r.annotation.tagId === 't-d37qljh8')!;
    assert.equal(claim.outcome, 'fuzzy');
    assert.equal(text.slice(claim.tag!.anchor.start, claim.tag!.anchor.end), 'upwards of 1,200 troops every day');
    assert.equal(claim.tag!.anchor.exact, 'upwards of 1,000 troops per day', 'the tag keeps what was tagged until someone confirms it');
  });

  it('keeps anchored tags on their own text when random text is inserted before and after them', () => {
    const article = loadWorkspace().find((a) => a.path === 'world/001_99513561e4769605.txt')!;
    const annotations = groups(exportAndRead([article])).byArticle.get(article.path)!;
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(article.text!.length), (insert, at) => {
        const text = edited(article, at, insert);
        const plan = planImport(text, [], annotations, OPTIONS);
        for (const result of plan.results) {
          if (result.outcome === 'anchored') assert.equal(text.slice(result.tag!.anchor.start, result.tag!.anchor.end), result.annotation.quote!.exact);
          else assert.notEqual(result.outcome, 'exists');
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a different tag that has the id an annotation brings, and reports the clash', () => {
    const world = loadWorkspace().find((a) => a.path === 'world/000_66182b2613313ed4.txt')!;
    const annotations = groups(exportAndRead([world])).byArticle.get(world.path)!;
    const other = world.tags.map((tag) => (tag.id === 't-d37qljh8' ? { ...tag, anchor: { ...world.tags[0].anchor } } : tag));
    const plan = planImport(world.text!, other, annotations, OPTIONS);
    const clash = plan.results.find((r) => r.annotation.tagId === 't-d37qljh8')!;
    assert.equal(clash.outcome, 'id-taken');
    assert.match(clash.message, /another tag with id t-d37qljh8 \(“a sign of desperation”\); it was kept/);
    assert.deepEqual(plan.added, []);
  });

  it('adds imported tags to a sidecar through the sidecar code, keeping its comments and its tags', () => {
    const articles = loadWorkspace();
    const world = articles.find((a) => a.path === 'world/000_66182b2613313ed4.txt')!;
    const desk = articles.find((a) => a.path === 'desk/002_1d5a32230170d5dd.txt')!;
    // The desk's tags exported from 002, imported onto 000 (the --article case): only what is found is added.
    const annotations = groups(exportAndRead([desk]), { article: world.path }).byArticle.get(world.path)!;
    const before = sidecarText(world.path);
    const file = SidecarFile.parse(before);
    const plan = planImport(world.text!, world.tags, annotations, OPTIONS);
    for (const tag of plan.added) file.add(tag);
    const after = file.toString();
    for (const comment of ['# Reviewed by the desk on 2026-11-20', '# Lede', '# speaker confirmed from the transcript', '# Numbers: check against the ISW daily update.', '# End of the reviewed tags.']) {
      assert.ok(after.includes(comment), `keeps "${comment}"`);
    }
    const reread = parseSidecar(after);
    assert.deepEqual(reread.problems.filter((p) => p.severity === 'error'), []);
    assert.deepEqual(reread.tags.map((t) => t.id).filter((id) => world.tags.some((t) => t.id === id)), world.tags.map((t) => t.id));
    assert.equal(reread.tags.length, world.tags.length + plan.added.length);
  });
});

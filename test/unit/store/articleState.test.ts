import * as assert from 'node:assert/strict';
import { KindRegistry } from '../../../src/core/kinds';
import { SidecarFile, parseSidecar } from '../../../src/core/sidecar';
import { ArticleState, type ArticleRead, type SidecarRead } from '../../../src/core/store/articleState';
import { addTag, createTag, editNote, removeTag, type Tag } from '../../../src/core/tags';
import { readFixture } from '../../support/paths';

const ARTICLE = 'samples/000_66182b2613313ed4.txt';
const articleText = readFixture('..', '..', ARTICLE);
const sidecarText = readFixture('sidecars', 'good', '000_66182b2613313ed4.txt.tags.yaml');
const article: ArticleRead = { kind: 'text', text: articleText };
const onDisk = (text: string): SidecarRead => ({ kind: 'text', text });
const absent: SidecarRead = { kind: 'absent' };

function seeded(seed = 7): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

function fresh(): ArticleState {
  return new ArticleState({ articleName: '000_66182b2613313ed4.txt', hasSidecar: true, kinds: () => KindRegistry.defaults });
}

function loaded(sidecar: SidecarRead = onDisk(sidecarText)): ArticleState {
  const state = fresh();
  state.load(sidecar, article);
  return state;
}

/** Tags `needle` (its first occurrence) as a claim. */
function tagging(needle: string, random = seeded()) {
  return (tags: readonly Tag[], text: string): Tag[] => {
    const start = text.indexOf(needle);
    assert.ok(start >= 0, needle);
    return addTag(tags, createTag(tags, { kind: 'claim', text, start, end: start + needle.length, author: 'Grace Hopper', random, now: new Date('2026-11-22T09:00:00Z') }));
  };
}

const ids = (tags: readonly Tag[]): string[] => tags.map((tag) => tag.id).sort();
const idsIn = (yaml: string): string[] => ids(parseSidecar(yaml).tags);

/** A colleague's version of the sidecar: one tag's note changed and one tag added by hand. */
const colleagues = sidecarText
  .replace('note: Austin at the Pentagon press conference.', 'note: Austin, Pentagon press conference, 30 October.')
  .replace(
    '# End of the reviewed tags.',
    '  - text: South Korean counterpart\n    kind: attribution\n    start: 0\n    end: 0\n    id: colleague-1\n# End of the reviewed tags.',
  );

describe('an article state', () => {
  it('is loading until the sidecar is read, then clean with its tags found in the article', () => {
    const state = fresh();
    assert.deepEqual(state.phase, { name: 'loading' });
    state.load(onDisk(sidecarText), article);
    assert.deepEqual(state.phase, { name: 'clean' });
    assert.equal(state.tags.length, 4);
    assert.ok(state.tags.every((tag) => tag.status === 'anchored' && articleText.slice(tag.anchor.start, tag.anchor.end) === tag.anchor.exact));
    assert.equal(state.planWrite(article), undefined, 'nothing to write');
  });

  it('never replaces a sidecar holding an alias in a field it does not know, however many tags are added', () => {
    // The case that once turned a 4-tag sidecar into a 1-tag one.
    const hand = sidecarText.replace('tags:\n', 'sources: &wire {outlet: AP}\ntags:\n').replace('    id: t-0gb1ueig\n', '    id: t-0gb1ueig\n    source: [*wire]\n');
    const state = loaded(onDisk(hand));
    assert.equal(state.phase.name, 'read-only');
    assert.equal(state.writable, false);
    assert.deepEqual(state.problems.map((p) => p.code), ['yaml-alias']);
    const outcome = state.change(tagging('North Korea'), articleText);
    assert.equal(outcome.kind, 'refused');
    assert.equal(state.undo().kind, 'refused');
    assert.equal(state.planWrite(article), undefined);
    assert.equal(state.tags.length, 4, 'the tags that read cleanly are still shown');
  });

  it('is read-only when the sidecar exists but cannot be read, and says why', () => {
    const state = loaded({ kind: 'unreadable', reason: 'it is not valid UTF-8 (first bad byte at offset 12)' });
    const phase = state.phase;
    assert.equal(phase.name, 'read-only');
    assert.equal(phase.name === 'read-only' && phase.reason.code, 'unreadable');
    assert.match(state.problems[0].message, /not valid UTF-8 \(first bad byte at offset 12\)/);
    assert.equal(state.change(tagging('North Korea'), articleText).kind, 'refused');
  });

  it('plans a write from the text it read after a change, keeping comments, and is clean once written', () => {
    const state = loaded();
    assert.equal(state.change(tagging('Pentagon press conference'), articleText).kind, 'changed');
    assert.deepEqual(state.phase, { name: 'dirty', by: 'person' });
    const plan = state.planWrite(article)!;
    assert.equal(plan.expected, sidecarText, 'it is to replace exactly the text that was read');
    assert.equal(idsIn(plan.output).length, 5);
    assert.ok(plan.output.startsWith('# Reviewed by the desk on 2026-11-20'), 'comments kept');
    assert.deepEqual(state.phase, { name: 'writing' });
    state.written(plan);
    assert.deepEqual(state.phase, { name: 'clean' });
    assert.equal(state.planWrite(article), undefined);
  });

  it('stays dirty when the tags change while a write is under way', () => {
    const state = loaded();
    state.change(tagging('Pentagon press conference'), articleText);
    const plan = state.planWrite(article)!;
    state.change(tagging('South Korean counterpart', seeded(9)), articleText);
    state.written(plan);
    assert.deepEqual(state.phase, { name: 'dirty', by: 'person' });
    assert.equal(idsIn(state.planWrite(article)!.output).length, 6);
  });

  it('keeps the changes after a failed write and sends them with the next one', () => {
    const state = loaded();
    state.change(tagging('Pentagon press conference'), articleText);
    state.writeFailed(state.planWrite(article)!, 'EACCES: permission denied');
    assert.deepEqual(state.phase, { name: 'pending', error: 'EACCES: permission denied' });
    assert.equal(state.writeError, 'EACCES: permission denied');
    const retry = state.planWrite(article)!;
    assert.equal(retry.expected, sidecarText);
    assert.equal(idsIn(retry.output).length, 5);
    state.written(retry);
    assert.equal(state.writeError, undefined);
  });

  it('keeps changes made here when the sidecar turns unreadable (git conflict markers), and merges them by id once it is fixed', () => {
    const state = loaded();
    state.change(tagging('Pentagon press conference'), articleText);
    const mine = state.tags.find((tag) => tag.anchor.exact === 'Pentagon press conference')!;
    state.writeFailed(state.planWrite(article)!, 'EACCES: permission denied');

    const conflicted = `<<<<<<< HEAD\n${sidecarText}=======\n${colleagues}>>>>>>> theirs\n`;
    assert.deepEqual(state.reload(onDisk(conflicted), article), { kind: 'blocked' });
    const phase = state.phase;
    assert.equal(phase.name === 'read-only' && phase.pending, true);
    assert.ok(state.tags.some((tag) => tag.id === mine.id), 'the pending tag is still shown');
    assert.match(state.writeError!, /kept in this window and merged into it by tag id/);
    assert.equal(state.planWrite(article), undefined, 'nothing is written over the conflicted file');
    assert.equal(idsIn(state.unsavedCopy()!).length, 5, 'the pending tags can be saved aside');

    // The conflict is resolved by taking the colleague's side.
    assert.equal(state.reload(onDisk(colleagues), article).kind, 'merged');
    const plan = state.planWrite(article)!;
    assert.equal(plan.expected, colleagues);
    const written = parseSidecar(plan.output).tags;
    assert.ok(written.some((tag) => tag.id === mine.id), 'the pending tag is written');
    assert.ok(written.some((tag) => tag.id === 'colleague-1'), "the colleague's tag is kept");
    assert.equal(written.find((tag) => tag.id === 't-ha7p5dlt')?.note, 'Austin, Pentagon press conference, 30 October.', "the colleague's note is kept");
  });

  it("merges another writer's changes found just before writing, instead of writing over them", () => {
    const state = loaded();
    state.change((tags, text) => editNote(tagging('Pentagon press conference')(tags, text), 't-0gb1ueig', 'Our note.', new Date('2026-11-22T10:00:00Z')), articleText);
    const plan = state.planWrite(article)!;
    // The adapter reads the file again before replacing it and finds the colleague's version.
    state.abandon(plan);
    assert.deepEqual(state.reload(onDisk(colleagues), article), { kind: 'merged', conflicts: [] });
    const replan = state.planWrite(article)!;
    assert.equal(replan.expected, colleagues);
    const tags = parseSidecar(replan.output).tags;
    assert.equal(tags.length, 6);
    assert.equal(tags.find((tag) => tag.id === 't-0gb1ueig')?.note, 'Our note.');
    assert.equal(tags.find((tag) => tag.id === 't-ha7p5dlt')?.note, 'Austin, Pentagon press conference, 30 October.');
  });

  it('lets the later edit win when both sides changed the same tag, and names it', () => {
    const state = loaded();
    state.change((tags) => editNote(tags, 't-ha7p5dlt', 'Ours, later.', new Date('2026-11-23T00:00:00Z')), articleText);
    const theirs = colleagues.replace('updated: 2026-11-20T10:01:00Z', 'updated: 2026-11-21T00:00:00Z');
    assert.deepEqual(state.reload(onDisk(theirs), article), { kind: 'merged', conflicts: ['t-ha7p5dlt'] });
    assert.equal(state.tags.find((tag) => tag.id === 't-ha7p5dlt')?.note, 'Ours, later.');
  });

  it('takes the sidecar as it is on disk when nothing is pending', () => {
    const state = loaded();
    assert.equal(state.reload(onDisk(sidecarText), article).kind, 'unchanged');
    assert.equal(state.reload(onDisk(colleagues), article).kind, 'taken');
    assert.deepEqual(ids(state.tags), idsIn(colleagues));
    assert.deepEqual(state.phase, { name: 'clean' });
  });

  it('keeps a byte order mark and CRLF line endings when it rewrites a sidecar', () => {
    const crlf = `\ufeff${sidecarText.replace(/\n/g, '\r\n')}`;
    const state = loaded(onDisk(crlf));
    state.change((tags) => removeTag(tags, 't-0gb1ueig'), articleText);
    const output = state.planWrite(article)!.output;
    assert.ok(output.startsWith('\ufeff# Reviewed'), 'the BOM is kept');
    assert.ok(!/[^\r]\n/.test(output), 'every line ends in CRLF');
  });

  it('writes nothing when the file already says exactly what memory holds', () => {
    const state = loaded();
    state.change(tagging('Pentagon press conference'), articleText);
    state.undo();
    assert.equal(state.planWrite(article), undefined);
    assert.deepEqual(state.phase, { name: 'clean' });
  });

  it('moves tags with edits in the editor, to be written when the article is saved', () => {
    const state = loaded();
    const typed = 'UPDATE: revised.\n';
    const after = typed + articleText;
    assert.ok(state.edit([{ rangeOffset: 0, rangeLength: 0, text: typed }], after.length, () => after));
    assert.deepEqual(state.phase, { name: 'dirty', by: 'editor' });
    assert.ok(state.tags.every((tag) => after.slice(tag.anchor.start, tag.anchor.end) === tag.anchor.exact));
    assert.equal(state.articleSaved(), true);
    const plan = state.planWrite({ kind: 'text', text: after })!;
    assert.ok(parseSidecar(plan.output).tags.every((tag) => tag.anchor.line >= 1), 'lines were refreshed');
  });

  it('finds an orphan again after a long paste brings its text back, with the context and line of its new place', () => {
    const state = loaded();
    const quote = state.tags.find((tag) => tag.id === 't-d37qljh8')!;
    const paragraphStart = articleText.lastIndexOf('\n', quote.anchor.start) + 1;
    const paragraphEnd = articleText.indexOf('\n', quote.anchor.end);
    const paragraph = articleText.slice(paragraphStart, paragraphEnd + 1);
    const cut = articleText.slice(0, paragraphStart) + articleText.slice(paragraphEnd + 1);
    state.edit([{ rangeOffset: paragraphStart, rangeLength: paragraph.length, text: '' }], cut.length, () => cut);
    assert.equal(state.tags.find((tag) => tag.id === quote.id)?.status, 'orphan');
    // Pasted back at the top, as a moved paragraph.
    const pasted = paragraph + cut;
    state.edit([{ rangeOffset: 0, rangeLength: 0, text: paragraph }], pasted.length, () => pasted);
    const revived = state.tags.find((tag) => tag.id === quote.id)!;
    assert.equal(revived.status, 'anchored');
    assert.equal(pasted.slice(revived.anchor.start, revived.anchor.end), quote.anchor.exact);
    assert.equal(revived.anchor.line, 0, 'the line is that of the new place');
    assert.equal(revived.anchor.prefix, pasted.slice(revived.anchor.start - revived.anchor.prefix.length, revived.anchor.start));
  });

  it("goes back to the file's tags when the article is closed without saving its edits", () => {
    const state = loaded();
    const after = 'UPDATE\n' + articleText;
    state.edit([{ rangeOffset: 0, rangeLength: 0, text: 'UPDATE\n' }], after.length, () => after);
    state.closedWithoutSaving(article);
    assert.deepEqual(state.phase, { name: 'clean' });
    assert.ok(state.tags.every((tag) => articleText.slice(tag.anchor.start, tag.anchor.end) === tag.anchor.exact));
  });

  it('keeps the tags as stored when the article is missing, and still takes changes to them', () => {
    const state = fresh();
    state.load(onDisk(sidecarText), { kind: 'missing' });
    assert.equal(state.article, 'missing');
    assert.deepEqual(
      state.tags.map((tag) => tag.anchor.start),
      parseSidecar(sidecarText).tags.map((tag) => tag.anchor.start),
    );
    state.change((tags) => removeTag(tags, 't-0gb1ueig'), '');
    const plan = state.planWrite({ kind: 'missing' })!;
    assert.deepEqual(idsIn(plan.output), ['t-bs06kp0d', 't-d37qljh8', 't-ha7p5dlt']);
  });

  it('creates no file for an article whose tags were all removed before a first write', () => {
    const state = loaded(absent);
    state.change(tagging('Pentagon press conference'), articleText);
    state.undo();
    assert.equal(state.planWrite(article), undefined);
    assert.deepEqual(state.phase, { name: 'clean' });
  });

  it('writes a new sidecar naming its article, with the line ending of the article, only to a place that was empty', () => {
    const state = new ArticleState({ articleName: 'crlf.txt', hasSidecar: true });
    const text = 'First line.\r\nThe minister said 40 people were hurt.\r\n';
    state.load(absent, { kind: 'text', text });
    state.change(tagging('40 people'), text);
    const plan = state.planWrite({ kind: 'text', text })!;
    assert.equal(plan.expected, undefined);
    assert.match(plan.output, /^version: 1\r\narticle: crlf\.txt\r\n/);
  });

  it('keeps tags in memory only when the article has no place for a sidecar', () => {
    const state = new ArticleState({ articleName: 'Untitled-1', hasSidecar: false });
    state.load(absent, { kind: 'text', text: 'The minister said 40 people were hurt.' });
    state.change(tagging('40 people'), 'The minister said 40 people were hurt.');
    assert.equal(state.planWrite({ kind: 'text', text: 'The minister said 40 people were hurt.' }), undefined);
    assert.equal(state.tags.length, 1);
  });

  it('refuses changes once a rename left the sidecar behind another one at the new place', () => {
    const state = loaded();
    state.renamed('moved.txt', true, 'conflict', 'moved.txt.tags.yaml already exists');
    const phase = state.phase;
    assert.equal(phase.name === 'read-only' && phase.reason.code, 'conflict');
    assert.equal(state.change(tagging('Pentagon press conference'), articleText).kind, 'refused');
  });

  it('names the new article in its sidecar after a rename', () => {
    const state = loaded();
    state.renamed('renamed.txt', true, 'moved');
    const plan = state.planWrite(article)!;
    assert.match(plan.output, /^article: renamed\.txt$/m);
    assert.deepEqual(idsIn(plan.output), idsIn(sidecarText));
  });

  it('keeps tags not yet written when the sidecar location changes, merged with those at the new place', () => {
    const state = loaded();
    state.change(tagging('Pentagon press conference'), articleText);
    const elsewhere = SidecarFile.create({ article: '000_66182b2613313ed4.txt', tags: parseSidecar(colleagues).tags.filter((tag) => tag.id === 'colleague-1') }).toString();
    assert.equal(state.relocate(true, onDisk(elsewhere), article).kind, 'merged');
    assert.equal(state.tags.length, 6, 'the four read before, the new one, and the one at the new place');
  });
});

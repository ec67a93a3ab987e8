import * as assert from 'node:assert/strict';
import { detect } from '../../src/core/detect';
import { createTag } from '../../src/core/tags';
import { TriageSession, untaggedDetections } from '../../src/core/triage';
import { sampleArticles } from '../support/paths';

const [, article] = sampleArticles()[0];

describe('triage of detected claims', () => {
  it('lists the quotes, numbers and attributions nobody has tagged, in reading order', () => {
    const items = untaggedDetections(detect(article), []);
    assert.ok(items.length > 10);
    assert.ok(items.every((item, i) => i === 0 || items[i - 1].start <= item.start));
    assert.deepEqual([...new Set(items.map((i) => i.kind))].sort(), ['attribution', 'number', 'quote']);
    assert.ok(items.every((i) => article.slice(i.start, i.end).trim().length > 0));
  });

  it('leaves out what a tag already covers, but not what only overlaps a tag', () => {
    const detections = detect(article);
    const quote = detections.find((d) => d.kind === 'quote')!;
    const number = detections.find((d) => d.kind === 'number')!;
    const covering = createTag([], { kind: 'attribution', text: article, start: quote.start, end: quote.end, author: 'Ada' });
    const partial = createTag([], { kind: 'claim', text: article, start: number.start + 1, end: number.end, author: 'Ada' });
    const items = untaggedDetections(detections, [covering, partial]);
    assert.ok(!items.some((i) => i.start === quote.start && i.end === quote.end), 'the tagged quote is left out');
    assert.ok(items.some((i) => i.start === number.start && i.end === number.end), 'a number only partly tagged stays');
  });

  it('never offers a quote nested inside another', () => {
    const text = 'She said: “He told me ‘never again’ and left.”';
    const items = untaggedDetections(detect(text), []);
    assert.deepEqual(items.filter((i) => i.kind === 'quote').map((i) => text.slice(i.start, i.end)), ['“He told me ‘never again’ and left.”']);
  });

  it('moves on as items are tagged or skipped, goes back, and counts both', () => {
    const session = new TriageSession(untaggedDetections(detect(article), []).slice(0, 4));
    session.tagged('t-1');
    session.skip();
    session.tagged('t-2');
    assert.equal(session.back(), true);
    assert.equal(session.currentTag, 't-2', 'going back shows the tag just made');
    session.tagged('t-2');
    session.tagged('t-3');
    assert.equal(session.done, true);
    assert.deepEqual(session.progress(), { position: 5, total: 4, tagged: 3, skipped: 1 });
  });

  it('follows edits of the article and passes over an item whose text was deleted', () => {
    const text = 'Officials said 40 people died. Another 12 were hurt.';
    const session = new TriageSession(untaggedDetections(detect(text), []).filter((i) => i.kind === 'number'));
    assert.equal(session.items.length, 2);
    session.applyChange({ rangeOffset: 0, rangeLength: 0, text: 'UPDATE: ' });
    assert.equal(('UPDATE: ' + text).slice(session.current!.start, session.current!.end), '40');
    const first = session.current!;
    session.applyChange({ rangeOffset: first.start, rangeLength: first.end - first.start, text: '' });
    assert.equal(session.progress().skipped, 1);
    assert.equal(session.progress().position, 2);
  });
});

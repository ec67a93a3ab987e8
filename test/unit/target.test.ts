import * as assert from 'node:assert/strict';
import { detect } from '../../src/core/detect';
import { sentenceAt, tagTarget, trimSpan } from '../../src/core/target';
import { sampleArticles } from '../support/paths';

const [, article] = sampleArticles()[0];
const slice = (span: { start: number; end: number } | undefined): string | undefined => span && article.slice(span.start, span.end);
const at = (needle: string, delta = 0): number => {
  const i = article.indexOf(needle);
  assert.ok(i >= 0, `the sample contains ${needle}`);
  return i + delta;
};

describe('what a tag command tags', () => {
  it('tags the selection without the white space around it', () => {
    const start = at('Russia is losing') - 1; // the space before
    const end = at('Russia is losing') + 'Russia is losing'.length + 1;
    const target = tagTarget(article, { start, end }, []);
    assert.equal(slice(target), 'Russia is losing');
    assert.equal(target?.source, 'selection');
  });

  it('tags nothing when the selection is only white space', () => {
    assert.equal(tagTarget('a   b', { start: 1, end: 4 }, []), undefined);
    assert.equal(trimSpan('   ', 0, 3), undefined);
  });

  it('tags the numeric claim under the cursor, not the quote around it', () => {
    const text = 'He said: “We lost 1,000 troops in a day.”';
    const cursor = text.indexOf('1,000') + 2;
    const detections = detect(text).filter((d) => d.start <= cursor && cursor <= d.end);
    assert.ok(detections.some((d) => d.kind === 'quote'), 'the cursor is inside a quote');
    const target = tagTarget(text, { start: cursor, end: cursor }, detections);
    assert.equal(target && text.slice(target.start, target.end), '1,000');
    assert.equal(target?.source, 'detection');
  });

  it('tags the whole quote when the cursor is in its words', () => {
    const cursor = at('significant number of troops');
    const detections = detect(article).filter((d) => d.start <= cursor && cursor <= d.end);
    const target = tagTarget(article, { start: cursor, end: cursor }, detections);
    assert.match(slice(target) ?? '', /^“Putin has lost a significant number of troops in Ukraine,.*help,”$/);
  });

  it('tags the sentence around the cursor when nothing was detected there', () => {
    const cursor = at('particularly concerned');
    const target = tagTarget(article, { start: cursor, end: cursor }, []);
    assert.equal(
      slice(target),
      'The Pentagon is particularly concerned about the potential for foreign troops to fight on behalf of Russia, which could widen the conflict and prompt other countries to take sides.',
    );
    assert.equal(target?.source, 'sentence');
  });

  it('does not end a sentence at "U.S." or "Lt. Gen." inside it', () => {
    assert.equal(
      slice(sentenceAt(article, at('intelligence estimates'))),
      'According to U.S. intelligence estimates, Russia is losing upwards of 1,000 troops per day in Ukraine, and North Korea’s deployment of 10,000 or more reinforcements may only provide a temporary boost, lasting around 10 days.',
    );
    assert.match(slice(sentenceAt(article, at('retired Lt. Gen.'))) ?? '', /^However, former Trump national security adviser and retired Lt\. Gen\. H\.R\. McMaster has warned/);
  });

  it('finds no sentence on a blank line', () => {
    assert.equal(sentenceAt('One.\n\nTwo.', 5), undefined);
  });

  it('keeps CRLF line breaks out of the sentence', () => {
    const text = 'First line here.\r\nSecond one.';
    assert.equal(slice2(text, sentenceAt(text, 20)), 'Second one.');
    assert.equal(slice2(text, sentenceAt(text, 3)), 'First line here.');
  });
});

function slice2(text: string, span: { start: number; end: number } | undefined): string | undefined {
  return span && text.slice(span.start, span.end);
}

/**
 * The contract of `detect()`: order, offsets, options and the extra fields others build on.
 * The case-by-case behaviour of each family lives in the fixture files (fixtures.test.ts).
 */
import * as assert from 'node:assert/strict';
import { type Detection, compareDetections, describeDetection, detect, formatValue } from '../../../src/core/detect';
import { sampleArticles } from '../../support/paths';

function find(detections: Detection[], text: string, written: string, kind?: string): Detection {
  const d = detections.find((x) => text.slice(x.start, x.end) === written && (kind === undefined || x.kind === kind));
  assert.ok(d, `no detection of ${JSON.stringify(written)}`);
  return d;
}

describe('detect', () => {
  it('returns detections sorted by start, then the longer first, then by kind', () => {
    for (const [, text] of sampleArticles()) {
      const found = detect(text);
      const sorted = [...found].sort(compareDetections);
      assert.deepStrictEqual(found, sorted);
    }
    const text = '“Over 4 divisions could go,” Kirby said.';
    const kinds = detect(text).map((d) => `${d.kind}:${text.slice(d.start, d.end)}`);
    assert.deepEqual(kinds, ['quote:“Over 4 divisions could go,”', 'number:Over 4', 'cue:could', 'attribution:Kirby said']);
  });

  it('finds nothing in an empty or blank text', () => {
    assert.deepEqual(detect(''), []);
    assert.deepEqual(detect(' \n\r\n\t \n'), []);
  });

  it('reports only the kinds asked for', () => {
    const text = 'Austin said Russia could lose 1,000 troops a day, calling it “desperate”.';
    for (const kind of ['quote', 'number', 'attribution', 'cue'] as const) {
      const found = detect(text, { kinds: new Set([kind]) });
      assert.ok(found.length > 0, `no ${kind}`);
      assert.ok(found.every((d) => d.kind === kind));
    }
    assert.deepEqual(detect(text, { kinds: new Set() }), []);
  });

  it('counts offsets in UTF-16 code units, so an emoji before a quote moves it by two', () => {
    const text = '😀 He said “yes” and 12 more.';
    const quote = find(detect(text), text, '“yes”');
    assert.equal(quote.start, 11);
    assert.equal(find(detect(text), text, '12').start, 21);
  });

  it('keeps CRLF line endings in its offsets and treats each line as a paragraph', () => {
    const text = 'He said “first.\r\n“second.”\r\nThen 5 more.';
    const found = detect(text);
    const quote = found.find((d) => d.kind === 'quote');
    assert.equal(quote && text.slice(quote.start, quote.end), '“first.\r\n“second.”');
    assert.equal(text.slice(found[found.length - 1].start, found[found.length - 1].end), '5');
  });

  it('reports a quote inside a quote as nested and leaves the outer one the statement', () => {
    const text = '“He told me ‘no way’ last night,” she said.';
    const found = detect(text, { kinds: new Set(['quote']) });
    assert.equal(found.length, 2);
    assert.equal(found[0].nested, undefined);
    assert.equal(found[0].speaker, 'she');
    assert.equal(found[1].nested, true);
    assert.equal(found[1].speaker, undefined);
  });

  it('links a quote to the span of its speaker\'s name', () => {
    const text = '“We have been making clear to China,” State Department spokesman Matthew Miller said.';
    const found = detect(text);
    const quote = find(found, text, '“We have been making clear to China,”');
    assert.equal(quote.speaker, 'Matthew Miller');
    assert.equal(text.slice(quote.speakerStart, quote.speakerEnd), 'Matthew Miller');
    const attribution = find(found, text, 'State Department spokesman Matthew Miller said', 'attribution');
    assert.equal(attribution.subtype, 'speaker');
    assert.equal(attribution.word, 'said');
    assert.equal(text.slice(attribution.sentenceStart, attribution.sentenceEnd), text);
  });

  it('normalises plain figures and keeps bounds for approximate ones', () => {
    const text = 'They sent 1,000 troops, then 1.5 million, upwards of 1,000 more and about 10 days of food.';
    const found = detect(text, { kinds: new Set(['number']) });
    assert.equal(find(found, text, '1,000').value, 1000);
    assert.equal(find(found, text, '1,000').noun, 'troops');
    assert.equal(find(found, text, '1.5 million').value, 1500000);
    assert.deepEqual(find(found, text, 'upwards of 1,000').value, { min: 1000 });
    assert.deepEqual(find(found, text, 'about 10 days').value, { min: 10, max: 10, approx: true, unit: 'day' });
  });

  it('leaves the counted noun out of the span and names it separately', () => {
    const text = 'Pyongyang sent 10,000 troops and six North Korean officers.';
    const found = detect(text, { kinds: new Set(['number']) });
    assert.equal(find(found, text, '10,000').noun, 'troops');
    assert.equal(find(found, text, 'six').noun, 'North Korean officers');
  });

  it('gives every cue and attribution the sentence it governs', () => {
    const text = 'Lt. Gen. H.R. McMaster said on Oct. 3 that Russia could lose. Nobody agreed.';
    const found = detect(text);
    const cue = find(found, text, 'could', 'cue');
    assert.equal(text.slice(cue.sentenceStart, cue.sentenceEnd), 'Lt. Gen. H.R. McMaster said on Oct. 3 that Russia could lose.');
    const attribution = found.find((d) => d.kind === 'attribution');
    assert.equal(attribution?.speaker, 'H.R. McMaster');
    assert.equal(attribution?.sentenceEnd, cue.sentenceEnd);
  });

  it('does not let an unclosed quote run into the next paragraph', () => {
    const text = `He said “this never closes.\n${'Another paragraph. '.repeat(50)}\nAnd “a real quote” later.`;
    const quotes = detect(text, { kinds: new Set(['quote']) });
    assert.deepEqual(quotes.map((d) => text.slice(d.start, d.end)), ['“this never closes.', '“a real quote”']);
    assert.equal(quotes[0].unclosed, true);
  });

  it('returns plain JSON-able data that survives a round trip', () => {
    for (const [, text] of sampleArticles()) {
      const found = detect(text);
      assert.deepStrictEqual(JSON.parse(JSON.stringify(found)), found);
    }
  });
});

describe('describeDetection', () => {
  const text = '“Putin has lost a significant number of troops,” Austin said. Russia could pay $2,000 to upwards of 1,000 recruits.';
  const found = detect(text);

  it('labels a numeric claim with its subtype, text and value', () => {
    assert.equal(describeDetection(find(found, text, '$2,000'), text), 'Numeric claim · money · $2,000 = 2000 USD');
    assert.equal(describeDetection(find(found, text, 'upwards of 1,000'), text), 'Numeric claim · count · upwards of 1,000 = ≥1000 · recruits');
  });

  it('labels a quote with its length and speaker', () => {
    assert.equal(describeDetection(found[0], text), 'Quote · 8 words · attributed to Austin');
  });

  it('labels cues and attributions', () => {
    assert.equal(describeDetection(find(found, text, 'could'), text), 'Speculation cue: could');
    assert.equal(describeDetection(find(found, text, 'Austin said'), text), 'Attribution · quoted speaker · Austin');
  });
});

describe('formatValue', () => {
  it('writes exact amounts, bounds, ranges, approximations, units and currencies', () => {
    assert.equal(formatValue(1000), '1000');
    assert.equal(formatValue({ min: 1000 }), '≥1000');
    assert.equal(formatValue({ max: 15000 }), '≤15000');
    assert.equal(formatValue({ min: 11000, max: 12000 }), '11000–12000');
    assert.equal(formatValue({ min: 10, max: 10, approx: true, unit: 'day' }), '~10 day');
    assert.equal(formatValue({ min: 12, max: 12, unit: '%' }), '12%');
    assert.equal(formatValue({ min: 2000, max: 2000, currency: 'USD' }), '2000 USD');
  });
});

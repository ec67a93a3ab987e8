import * as assert from 'node:assert/strict';
import { KindRegistry } from '../../src/core/kinds';
import { overlapping, suggestKind, type DetectionLike } from '../../src/core/suggest';

const quote = (speaker?: string): DetectionLike => ({ kind: 'quote', subtype: 'double', start: 10, end: 40, ...(speaker ? { speaker } : {}) });
const number: DetectionLike = { kind: 'number', subtype: 'count', start: 20, end: 26 };
const hedge: DetectionLike = { kind: 'cue', subtype: 'speculation', start: 5, end: 10 };
const opinion: DetectionLike = { kind: 'cue', subtype: 'opinion', start: 5, end: 10 };

describe('suggestKind', () => {
  const kinds = KindRegistry.defaults;

  it('suggests attribution for a quote with a speaker', () => {
    assert.equal(suggestKind([quote('Lloyd Austin'), number], kinds), 'attribution');
  });

  it('does not call an unattributed quote an attribution', () => {
    assert.equal(suggestKind([quote()], kinds), undefined);
    assert.equal(suggestKind([quote('  ')], kinds), undefined);
  });

  it('suggests speculation for a hedged sentence, even one with a number in it', () => {
    assert.equal(suggestKind([number, hedge], kinds), 'speculation');
  });

  it('suggests opinion for an opinion cue and claim for a number alone', () => {
    assert.equal(suggestKind([opinion], kinds), 'opinion');
    assert.equal(suggestKind([number], kinds), 'claim');
  });

  it('suggests nothing when nothing was detected', () => {
    assert.equal(suggestKind([], kinds), undefined);
  });

  it('skips kinds a team has removed', () => {
    const { registry } = KindRegistry.create(KindRegistry.defaults.list().filter((kind) => kind.id !== 'attribution'));
    assert.equal(suggestKind([quote('Lloyd Austin'), number], registry), 'claim');
  });

  it('selects the detections overlapping a span, or containing a cursor', () => {
    const detections = [quote('A'), number, hedge];
    assert.deepEqual(overlapping(detections, 0, 12), [quote('A'), hedge]);
    assert.deepEqual(overlapping(detections, 10, 10), [quote('A'), hedge]);
    assert.deepEqual(overlapping(detections, 41, 50), []);
  });
});

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ContextPattern, editDistance } from '../../src/core/editDistance';

describe('edit distances', () => {
  it('gives the same distance bit-parallel as by the table, for any context-sized strings and slices', () => {
    const unit = fc.constantFrom('a', 'b', 'c', ' ', '\n', 'é', '\ud83d', '\ude00');
    const str = (max: number) => fc.array(unit, { maxLength: max }).map((units) => units.join(''));
    fc.assert(
      fc.property(str(32), str(80), fc.nat(), fc.nat(), (pattern, text, a, b) => {
        const from = a % (text.length + 1);
        const to = from + (b % (text.length - from + 1));
        assert.equal(new ContextPattern(pattern).distanceTo(text, from, to), editDistance(pattern, text.slice(from, to)));
      }),
      { numRuns: 3000 },
    );
  });

  it('falls back to the table for a pattern longer than a machine word', () => {
    const long = 'x'.repeat(40) + 'abc';
    assert.equal(new ContextPattern(long).distanceTo(`${'x'.repeat(40)}abd`, 0, 43), 1);
  });
});

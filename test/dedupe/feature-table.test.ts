import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseFeatures } from '../../pipeline/dedupe/feature-table.ts';

describe('denseFeatures', () => {
  it('numbers distinct ids 0, 1, 2, … in order of first appearance, however many there are (the table grows)', () => {
    // Ids from a small range repeat across vectors; from the full range, thousands are distinct and the table doubles many times.
    const id = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 0xffffffff }));
    const vectors = fc.array(fc.array(id, { maxLength: 60 }), { maxLength: 120 }).map((lists) => lists.map((ids) => ({ ids: Uint32Array.from(ids), weights: new Float32Array(ids.length) })));
    fc.assert(
      fc.property(vectors, (vs) => {
        const numbers = new Map<number, number>();
        const expected = vs.map((v) => Array.from(v.ids, (x) => numbers.get(x) ?? (numbers.set(x, numbers.size), numbers.size - 1)));
        const dense = denseFeatures(vs);
        expect(dense.count).toBe(numbers.size);
        expect(dense.of.map((d) => Array.from(d))).toEqual(expected);
      }),
      { numRuns: 200, seed: 20261204 },
    );
  });

  it('keeps every number when the table doubles (20,000 distinct ids, each seen several times)', () => {
    let x = 12345;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const pool = Array.from({ length: 20_000 }, next);
    const vs = Array.from({ length: 400 }, () => {
      const ids = Uint32Array.from({ length: 200 }, () => pool[next() % pool.length]!);
      return { ids, weights: new Float32Array(ids.length) };
    });
    const numbers = new Map<number, number>();
    const expected = vs.map((v) => Array.from(v.ids, (id) => numbers.get(id) ?? (numbers.set(id, numbers.size), numbers.size - 1)));
    const dense = denseFeatures(vs);
    expect(numbers.size).toBeGreaterThan(15_000);
    expect(dense.count).toBe(numbers.size);
    expect(dense.of.map((d) => Array.from(d))).toEqual(expected);
  });
});

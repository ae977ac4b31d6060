/**
 * `independentCounts` first lists, for each shared paragraph, the articles that hold it — each
 * once, however often an article repeats it. With every article independent of the others
 * (no publishers, no words in common), each count is exactly that number of articles.
 *
 * Keys are grouped as numbers: a repeat key's 16 hex digits are its number, and any other key
 * is numbered as it is first seen. Both ways must give the same counts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { independentCounts } from '../../pipeline/clean/repetition.ts';

describe('repetition: holders of a paragraph', () => {
  it.each([
    ['keys of its own', ['', 'k1', 'k2', 'k3', 'k4', 'k5']],
    // Repeat keys as repeatKey makes them; two begin with the same 8 digits (the same number), told apart by their text.
    ['repeat keys (16 hex digits)', ['', '00000000000000ff', '00000000000001ff', 'ff000000000000ff', 'ffffffffffffffff', '0123456789abcdef']],
  ])('counts each article holding a paragraph once, however often it repeats it (%s)', (_, alphabet) => {
    const keys = fc.array(fc.constantFrom<string>(...alphabet), { maxLength: 12 });
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
    const repeated = [Array(8).fill(alphabet[1]), [alphabet[1]], [alphabet[1]], [alphabet[1]]].map((keys) => ({ keys, publisher: null }));
    expect(independentCounts(repeated, { words: (i) => [`only-${i}`], text: () => 'a shared paragraph of furniture' })[3]).toEqual([4]);
  });

  it('gives the same counts whether the keys are hex digits or not, copies, publishers and samples included', () => {
    // Two keys with the same number (first 8 digits): grouped apart all the same.
    const hexKey = fc.constantFrom('', 'a1b2c3d4e5f60718', 'a1b2c3d4e5f60719', '0000000000000001', 'ffffffff00000000');
    const article = fc.record({
      keys: fc.array(hexKey, { maxLength: 8 }),
      publisher: fc.constantFrom(null, 'Daily Post', 'daily post ', 'Evening Star'),
      words: fc.array(fc.constantFrom('budget', 'council', 'river', 'school', 'vote', 'storm'), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(article, { minLength: 1, maxLength: 40 }), (articles) => {
        const detail = { words: (i: number) => articles[i]!.words, text: () => 'Support our journalism today' };
        const asHex = independentCounts(articles.map(({ keys, publisher }) => ({ keys, publisher })), detail);
        // The same keys made not hex: numbered as first seen, grouped alike.
        const asText = independentCounts(articles.map(({ keys, publisher }) => ({ keys: keys.map((key) => (key ? `p-${key}` : '')), publisher })), detail);
        expect(asHex).toEqual(asText);
      }),
      { numRuns: 300, seed: 20261205 },
    );
  });
});

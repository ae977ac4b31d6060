import { describe, expect, it } from 'vitest';
import { scoreOutputs, shingleMatching, shingles, tokenize } from '../../../bench/extraction/score.ts';

// The extraction benchmark's metric (bench/extraction/score.ts), checked by hand-computed cases.
describe('article-extraction-benchmark metric', () => {
  it('tokenizes \\w+ runs in any script', () => {
    expect(tokenize('Café — 1,20 € naïve_word, Москва!')).toEqual(['Café', '1', '20', 'naïve_word', 'Москва']);
  });

  it('counts 4-token shingles as a multiset; a short text is one shingle', () => {
    expect([...shingles('a b c d a b c d').values()]).toEqual([2, 1, 1, 1]);
    expect([...shingles('two words').keys()]).toHaveLength(1);
    expect(shingles('').size).toBe(0);
  });

  it('normalises tp/fp/fn per page', () => {
    // truth shingles: abcd bcde cdef; prediction: abcd bcdx → tp 1, fp 1, fn 2.
    const [tp, fp, fn] = shingleMatching('a b c d e f', 'a b c d x');
    expect([tp, fp, fn]).toEqual([0.25, 0.25, 0.5]);
  });

  it('averages precision and recall over pages, F1 of the averages', () => {
    const truth = new Map([
      ['p1', 'one two three four five'],
      ['p2', 'alpha beta gamma delta'],
    ]);
    const s = scoreOutputs(truth, new Map([['p1', 'one two three four five'], ['p2', '']]));
    // p1: P=R=1; p2: nothing predicted → excluded from precision, recall 0.
    expect(s.precision).toBe(1);
    expect(s.recall).toBe(0.5);
    expect(s.f1).toBeCloseTo(2 / 3, 10);
  });
});

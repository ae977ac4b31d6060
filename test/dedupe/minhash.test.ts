import { describe, expect, it } from 'vitest';
import { chooseBanding, estimateJaccard, jaccard, lshCandidates, minhashSignature, shingleSet } from '../../pipeline/dedupe/minhash.ts';
import { extractNames } from '../../pipeline/dedupe/entities.ts';
import { alignSentences, quotations, sentenceWordSets } from '../../pipeline/dedupe/origin.ts';
import { tokenize } from '../../pipeline/common/text.ts';
import { FLOOD, OTHER_FLOOD } from './fixtures-text.ts';

const words = tokenize(FLOOD.join(' '));

describe('MinHash and LSH', () => {
  it('estimates Jaccard similarity within a few points', () => {
    const a = shingleSet(words, 3);
    const edited = [...words];
    for (let i = 0; i < edited.length; i += 9) edited[i] = 'changed';
    const b = shingleSet(edited, 3);
    const exact = jaccard(a, b);
    expect(Math.abs(estimateJaccard(minhashSignature(a, 256), minhashSignature(b, 256)) - exact)).toBeLessThan(0.12);
  });

  it('is deterministic and fills every bin of a short text', () => {
    const sig = minhashSignature(shingleSet(['only', 'three', 'words'], 3), 64);
    expect(sig.every((v) => v !== 0xffffffff)).toBe(true);
    expect(minhashSignature(shingleSet(words, 3), 64)).toEqual(minhashSignature(shingleSet(words, 3), 64));
  });

  it('chooses bands that find pairs at the threshold with high probability', () => {
    const { bands, rows } = chooseBanding(128, 0.5);
    expect(1 - Math.pow(1 - Math.pow(0.5, rows), bands)).toBeGreaterThanOrEqual(0.99);
  });

  it('makes a near-copy a candidate and an unrelated text not', () => {
    const sigs = [words, [...words.slice(20), ...words.slice(0, 20)], tokenize(OTHER_FLOOD.join(' '))].map((w) => minhashSignature(shingleSet(w, 3), 128));
    expect(lshCandidates(sigs, chooseBanding(128, 0.5))).toEqual([[0, 1]]);
  });
});

describe('names, quotations, sentence alignment', () => {
  it('extracts names without sentence-initial common words or titles', () => {
    const names = extractNames('Officials said Foreign Secretary David Lammy met Kaja Kallas. Mr Lammy spoke at the Bank of England. Whether it helps is unclear.').map((n) => n.text);
    expect(names).toEqual(['David Lammy', 'Kaja Kallas', 'Lammy', 'Bank of England']);
  });

  it('reads curly, straight and PTB quotations', () => {
    expect(quotations('He said: “We will rebuild.” She said "No" and `` fine thanks \'\' .').map((q) => q.join(' '))).toEqual(['we will rebuild', 'no', 'fine thanks']);
  });

  it('aligns the same facts in the same order, not shuffled ones', () => {
    const a = sentenceWordSets(FLOOD.join(' '));
    expect(alignSentences(a, a, 0.5).share).toBe(1);
    expect(alignSentences(a, sentenceWordSets(OTHER_FLOOD.join(' ')), 0.5).aligned).toBeLessThan(2);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseBanding, estimateJaccard, jaccard, lshCandidates, minhashSignature, mix32, shingleSet, type Banding } from '../../pipeline/dedupe/minhash.ts';
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

  it('lists the same candidates in the same order as the plain definition (radix-sorted buckets, typed pair set)', () => {
    // Small alphabets make collisions, buckets above `maxBucket` and pairs found in several bands.
    const banding: Banding = { bands: 6, rows: 2 };
    const signature = fc.option(fc.uint32Array({ minLength: 12, maxLength: 12 }).map((values) => values.map((v) => v % 3)), { freq: 8 });
    fc.assert(
      fc.property(fc.array(signature, { maxLength: 60 }), fc.integer({ min: 2, max: 8 }), fc.integer({ min: 0, max: 4 }), (sigs, maxBucket, skip) => {
        const wanted = (a: number, b: number) => (a + b) % 5 !== skip;
        expect(lshCandidates(sigs, banding, maxBucket, wanted)).toEqual(referenceCandidates(sigs, banding, maxBucket, wanted));
      }),
      { numRuns: 300, seed: 20261204 },
    );
  });
});

/** lshCandidates as defined: per band, buckets of equal band hash in Map order (by first member), pairs kept once, in the order first found. */
function referenceCandidates(sigs: readonly (Uint32Array | null)[], { bands, rows }: Banding, maxBucket: number, wanted: (a: number, b: number) => boolean): Array<[number, number]> {
  const seen = new Set<string>();
  const out: Array<[number, number]> = [];
  const add = (a: number, b: number) => {
    const [i, j] = [Math.min(a, b), Math.max(a, b)];
    if (!wanted(a, b) || seen.has(`${i},${j}`)) return;
    seen.add(`${i},${j}`);
    out.push([i, j]);
  };
  for (let band = 0; band < bands; band++) {
    const buckets = new Map<number, number[]>();
    sigs.forEach((sig, doc) => {
      if (!sig) return;
      let h = band + 1;
      for (let r = 0; r < rows; r++) h = mix32((h ^ sig[band * rows + r]!) + 0x9e3779b9);
      buckets.set(h, [...(buckets.get(h) ?? []), doc]);
    });
    for (const bucket of buckets.values()) {
      if (bucket.length < 2) continue;
      if (bucket.length > maxBucket) bucket.slice(1).forEach((doc) => add(bucket[0]!, doc));
      else bucket.forEach((a, x) => bucket.slice(x + 1).forEach((b) => add(a, b)));
    }
  }
  return out;
}

describe('names, quotations, sentence alignment', () => {
  it('extracts names without sentence-initial common words or titles', () => {
    const names = extractNames('Officials said Foreign Secretary David Lammy met Kaja Kallas. Mr Lammy spoke at the Bank of England. Whether it helps is unclear.').map((n) => n.text);
    expect(names).toEqual(['David Lammy', 'Kaja Kallas', 'Lammy', 'Bank of England']);
  });

  it('keeps the first name of a full name that opens a sentence, not a common word or a preposition before a name', () => {
    const names = (text: string) => extractNames(text).map((n) => n.text);
    expect(names('Andrew Bailey, the governor, said rates would fall. Mr Bailey added that the committee was careful.')).toEqual(['Andrew Bailey', 'Bailey']);
    // A word the text also writes in lower case, and a preposition, are no first names.
    expect(names('Angry Britons wrote in. Britons have seen prices rise, and many are angry.')).toEqual(['Britons', 'Britons']);
    expect(names('Despite Lammy’s visit, the talks stalled. Lammy said he would return.')).toEqual(['Lammy', 'Lammy']);
    // Nor a word that opens a sentence before a title ("Reuters President …").
    expect(names('Officials Secretary Lammy met envoys. Lammy left.')).toEqual(['Lammy', 'Lammy']);
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

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lcsLength, rouge, rougeTokenize } from '../../bench/rouge.ts';
import { porterStem } from '../../pipeline/summarise/porter.ts';

// Test vectors from google-research rouge_score (rouge_scorer_test.py, tokenize_test.py).
describe('ROUGE as rouge_score computes it', () => {
  it('tokenizes like rouge_score: lower case, non-alphanumerics to spaces', () => {
    expect(rougeTokenize('one Two three', false)).toEqual(['one', 'two', 'three']);
    expect(rougeTokenize('one\n Two \nthree', false)).toEqual(['one', 'two', 'three']);
    expect(rougeTokenize("U.S. officials' co-operation — 2,500 deaths!", false)).toEqual(['u', 's', 'officials', 'co', 'operation', '2', '500', 'deaths']);
  });

  it('stems only tokens longer than 3 characters', () => {
    expect(rougeTokenize('dies ties running was has', true)).toEqual(['die', 'tie', 'run', 'was', 'has']);
  });

  it('rouge1: testRouge1', () => {
    const r = rouge('testing one two', 'testing').rouge1;
    expect(r.precision).toBeCloseTo(1);
    expect(r.recall).toBeCloseTo(1 / 3);
    expect(r.fmeasure).toBeCloseTo(1 / 2);
  });

  it('rouge2: testRouge2', () => {
    const r = rouge('testing one two', 'testing one').rouge2;
    expect(r.precision).toBeCloseTo(1);
    expect(r.recall).toBeCloseTo(1 / 2);
    expect(r.fmeasure).toBeCloseTo(2 / 3);
  });

  it('rougeL: consecutive and non-consecutive (testRougeLConsecutive, testRougeLNonConsecutive)', () => {
    for (const prediction of ['testing one', 'testing two']) {
      const r = rouge('testing one two', prediction).rougeL;
      expect(r.precision).toBeCloseTo(1);
      expect(r.recall).toBeCloseTo(2 / 3);
      expect(r.fmeasure).toBeCloseTo(4 / 5);
    }
  });

  it('multiple types at once (testMultipleRougeTypes)', () => {
    const r = rouge('testing one two', 'testing one');
    expect(r.rouge1.fmeasure).toBeCloseTo(4 / 5);
    expect(r.rougeL.fmeasure).toBeCloseTo(4 / 5);
  });

  it('an empty prediction scores 0 everywhere (testRougeEmpty)', () => {
    const r = rouge('testing one two', '');
    for (const s of [r.rouge1, r.rouge2, r.rougeL]) expect(s).toEqual({ precision: 0, recall: 0, fmeasure: 0 });
    const slash = rouge('w1 w2 w3 w4 w5', '/');
    expect(slash.rougeL.fmeasure).toBe(0);
  });

  it('word order matters for rouge2 and rougeL, not rouge1 ("first text" vs "text first")', () => {
    const r = rouge('first text', 'text first');
    expect(r.rouge1.fmeasure).toBeCloseTo(1);
    expect(r.rouge2.fmeasure).toBeCloseTo(0);
    expect(r.rougeL.fmeasure).toBeCloseTo(0.5);
  });

  it('LCS table example (testLcsTable)', () => {
    expect(lcsLength([1, 2, 3, 4, 5], [2, 5, 3, 4])).toBe(3);
    expect(lcsLength([1, 2, 3, 4, 5], [8, 9])).toBe(0);
  });

  it('clips repeated n-grams to the reference count', () => {
    const r = rouge('the cat', 'the the the cat').rouge1;
    expect(r.precision).toBeCloseTo(2 / 4);
    expect(r.recall).toBeCloseTo(1);
  });
});

describe('Porter stemmer (NLTK variant)', () => {
  // Stems recorded from NLTK 3.8's PorterStemmer() (default NLTK_EXTENSIONS mode) for these words.
  const vectors = JSON.parse(readFileSync(new URL('./fixtures/porter-nltk.json', import.meta.url), 'utf8')) as [string, string][];
  it(`matches NLTK on ${vectors.length} words, including its departures from the paper`, () => {
    const wrong = vectors.filter(([word, stem]) => porterStem(word) !== stem).map(([word, stem]) => `${word}: ${porterStem(word)} ≠ ${stem}`);
    expect(wrong).toEqual([]);
  });

  it('keeps the paper examples and the NLTK extensions apart', () => {
    expect(porterStem('caresses')).toBe('caress');
    expect(porterStem('ponies')).toBe('poni');
    expect(porterStem('dies')).toBe('die'); // NLTK: four-letter "ies" → "ie"
    expect(porterStem('dying')).toBe('die'); // irregular form
    expect(porterStem('enjoy')).toBe('enjoy'); // y → i only after a consonant
    expect(porterStem('generalization')).toBe('gener');
  });
});

/**
 * Cold-path work rewritten for speed (session 5, D) must give exactly what the code it
 * replaces gave: sentence word sets (now sorted in typed arrays) and the per-article
 * features' words, names and name labels (now counted without intermediate arrays).
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { splitSentences } from '../../pipeline/common/sentences.ts';
import { contentWords, STOP_WORDS, tokenize } from '../../pipeline/common/text.ts';
import { extractNames, isGenericNameWord } from '../../pipeline/dedupe/entities.ts';
import { featureData } from '../../pipeline/dedupe/features.ts';
import { hashString } from '../../pipeline/dedupe/minhash.ts';
import { sentenceWordSets, type SentenceSets } from '../../pipeline/dedupe/origin.ts';
import { articleVector } from '../../pipeline/dedupe/vectors.ts';
import { article } from './helpers.ts';
import { FLOOD, OTHER_FLOOD, PROMO } from './fixtures-text.ts';

/** The implementation replaced in session 5, verbatim but for names. */
function previousSentenceWordSets(text: string): SentenceSets {
  const words: number[] = [];
  const ends: number[] = [];
  for (const sentence of splitSentences(text)) {
    const set = [...new Set(contentWords(sentence.text).map(hashString))].sort((x, y) => x - y);
    if (set.length < 4) continue;
    words.push(...set);
    ends.push(words.length);
  }
  return { words: Uint32Array.from(words), ends: Uint32Array.from(ends) };
}

const TEXTS = [
  '',
  'Short.',
  FLOOD.join('\n\n'),
  OTHER_FLOOD.join(' '),
  PROMO,
  // Repeated words (the set removes them), stop words only, one-letter words, unicode and apostrophes.
  'Flood flood FLOOD water water rises rises again near Marlow Marlow. The the and of a. I a x y z b c.',
  'Ünïcödé Wörds Äre Hére in İstanbul, Straße und Ǆemal’s café. “We are ready. We will go,” said Mr. Lammy of the U.S. State Department.',
  FLOOD.map((p) => p.toUpperCase()).join(' '),
];

describe('sentence word sets (cold path)', () => {
  it('are what the previous implementation made: same hashes, same order, same sentence ends', () => {
    for (const text of TEXTS) {
      const now = sentenceWordSets(text);
      const before = previousSentenceWordSets(text);
      expect(Array.from(now.ends)).toEqual(Array.from(before.ends));
      expect(Array.from(now.words)).toEqual(Array.from(before.words));
    }
    expect(sentenceWordSets(FLOOD.join(' ')).ends.length).toBeGreaterThan(2);
  });

  it('each sentence is sorted, without repeats, and has at least 4 words', () => {
    const { words, ends } = sentenceWordSets(TEXTS[5]! + ' ' + FLOOD.join(' '));
    let start = 0;
    for (const end of ends) {
      expect(end - start).toBeGreaterThanOrEqual(4);
      for (let k = start + 1; k < end; k++) expect(words[k]!).toBeGreaterThan(words[k - 1]!);
      start = end;
    }
  });
});

/** featureData's words, names and labels as the replaced code made them, verbatim but for names. */
function previousWordsAndNames(title: string, text: string, leadWords: number, nameWeight: number) {
  const tokens = tokenize(text);
  const terms = new Map<string, number>();
  const words = [...contentWords(title), ...tokens.filter((t) => t.length > 1 && !STOP_WORDS.has(t))];
  words.forEach((word, i) => terms.set(word, (terms.get(word) ?? 0) + (i < leadWords ? 2 : 1)));
  // Names as dedupe keys them since one name counts once: the full name, a one-word mention
  // counted towards the first full name holding that word; entities group a name's words with it.
  const found = extractNames(text);
  const generic = (word: string) => isGenericNameWord(word, text);
  const entities = new Map<string, string>();
  for (const name of found.filter((n) => n.words.length > 1)) {
    const full = name.words.join(' ');
    for (const key of [full, ...name.words]) if (!entities.has(key) && (key === full || !generic(key))) entities.set(key, full);
  }
  const names = new Map<string, number>();
  const nameLabels = new Map<string, string>();
  for (const name of found) {
    if (name.words.length === 1 && generic(name.words[0]!)) continue;
    const key = name.words.length > 1 ? name.words.join(' ') : (entities.get(name.words[0]!) ?? name.words[0]!);
    if (!entities.has(key)) entities.set(key, key);
    names.set(key, (names.get(key) ?? 0) + 1);
    const label = nameLabels.get(key);
    if (label === undefined || label.split(' ').length < name.text.split(' ').length) nameLabels.set(key, name.text);
  }
  return { ...articleVector(terms, names, nameWeight, entities), nameLabels: [...nameLabels].map(([key, label]) => `${key}\t${label}`).join('\n') };
}

describe('features (cold path)', () => {
  it('words, names and name labels are what the replaced code made', () => {
    const config = defaultConfig().dedupe;
    const cases = [
      { title: 'Flood in Marlow', text: FLOOD.join('\n\n') },
      { title: '', text: OTHER_FLOOD.join(' ') },
      // Repeated and overlapping names, a written form with a one-letter word, a possessive.
      { title: 'Kallas meets Lammy', text: 'Foreign Secretary David Lammy met Kaja Kallas in Brussels. Kallas said Lammy’s plan was sound. David Lammy and J. R. Smith of the Bank of England spoke. Kaja Kallas left.' },
      { title: 'Short', text: 'Rain.' },
    ];
    for (const leadWords of [config.leadWords, 3]) {
      for (const { title, text } of cases) {
        const features = featureData(article('x', text.split('\n\n'), { title }), { ...config, leadWords });
        const before = previousWordsAndNames(title, text, leadWords, config.nameWeight);
        expect(Array.from(features.vector.ids)).toEqual(Array.from(before.vector.ids));
        expect(Array.from(features.vector.weights)).toEqual(Array.from(before.vector.weights));
        expect(features.labels.keys).toBe(before.keys);
        expect(features.labels.nameLabels).toBe(before.nameLabels);
      }
    }
    expect(featureData(article('x', [cases[2]!.text], { title: cases[2]!.title }), config).labels.nameLabels).toContain('david lammy\tDavid Lammy');
  });
});

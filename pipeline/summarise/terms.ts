/**
 * Sentence vectors for the summariser: stemmed content words weighted by
 * TF-IDF, and the similarities built on them. Stemming (Porter) lets "talks",
 * "talked" and "talking" count as one term across reports of the same event.
 */
import { contentWords } from '../common/text.ts';
import { porterStem } from './porter.ts';

/** Stemmed content words of a text, in order (stop words and one-letter tokens dropped). */
export function termsOf(text: string): string[] {
  return contentWords(text).map(termOf);
}

/**
 * Stems already computed: a news vocabulary repeats the same few thousand words
 * sentence after sentence, so each is stemmed once. Bounded, so a long-running
 * process (the preview) does not grow without end; emptied when full.
 */
const stems = new Map<string, string>();
const MAX_STEMS = 200_000;

function termOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    if (stems.size >= MAX_STEMS) stems.clear();
    stem = porterStem(word.replace(/['’]s$/, ''));
    stems.set(word, stem);
  }
  return stem;
}

/**
 * A sparse vector: term ids in ascending order with their weights, and the
 * norm precomputed — dot products are a merge of two sorted arrays, which is
 * what keeps a year of editions fast.
 */
export interface TermVector {
  ids: Int32Array;
  values: Float64Array;
  norm: number;
}

/** Gives each distinct term a small integer id (one dictionary per story). */
export class TermIds {
  private readonly ids = new Map<string, number>();
  /** How many distinct terms have an id (ids are 0 … size − 1). */
  get size(): number {
    return this.ids.size;
  }
  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) this.ids.set(term, (id = this.ids.size));
    return id;
  }
}

/** Inverse document frequency of each term over a set of term lists (smoothed, never negative). */
export function inverseDocumentFrequency(documents: string[][]): Map<string, number> {
  const df = new Map<string, number>();
  for (const terms of documents) for (const term of new Set(terms)) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = new Map<string, number>();
  const n = documents.length;
  for (const [term, count] of df) idf.set(term, Math.log((n + 1) / (count + 0.5)));
  return idf;
}

export function tfidfVector(terms: string[], idf: Map<string, number>, dictionary: TermIds): TermVector {
  const tf = new Map<number, { term: string; count: number }>();
  for (const term of terms) {
    const id = dictionary.id(term);
    const entry = tf.get(id);
    if (entry) entry.count++;
    else tf.set(id, { term, count: 1 });
  }
  const ids = Int32Array.from(tf.keys()).sort();
  const values = new Float64Array(ids.length);
  let norm = 0;
  ids.forEach((id, k) => {
    const { term, count } = tf.get(id)!;
    const w = count * (idf.get(term) ?? 0);
    values[k] = w;
    norm += w * w;
  });
  return { ids, values, norm: Math.sqrt(norm) };
}

export function cosine(a: TermVector, b: TermVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  let dot = 0;
  let i = 0;
  let j = 0;
  const ai = a.ids;
  const bi = b.ids;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) dot += a.values[i++]! * b.values[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot / (a.norm * b.norm);
}

/** Jaccard overlap of two term sets: the "near-copy" test, independent of any IDF. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const term of small) if (large.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Two sentences are near-copies when they share most of their terms (wire copy, light rewording). */
export function isNearCopy(a: ReadonlySet<string>, b: ReadonlySet<string>, threshold = 0.6): boolean {
  if (a.size === 0 || b.size === 0) return false;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const term of small) if (large.has(term)) shared++;
  // Containment as well as Jaccard: a sentence copied with a clause added is still a copy.
  return shared / (a.size + b.size - shared) >= threshold || (small.size >= 5 && shared / small.size >= 0.85);
}

/**
 * Term sets indexed by term, to ask "is this a near-copy of any of them?"
 * comparing only the sets that share a term with it (a near-copy always does).
 */
export class NearCopyIndex {
  private readonly sets: ReadonlySet<string>[] = [];
  private readonly byTerm = new Map<string, number[]>();

  add(set: ReadonlySet<string>): void {
    const k = this.sets.push(set) - 1;
    for (const term of set) {
      const list = this.byTerm.get(term);
      if (list) list.push(k);
      else this.byTerm.set(term, [k]);
    }
  }

  hasNearCopyOf(set: ReadonlySet<string>): boolean {
    const seen = new Set<number>();
    for (const term of set) {
      for (const k of this.byTerm.get(term) ?? []) {
        if (seen.has(k)) continue;
        seen.add(k);
        if (isNearCopy(this.sets[k]!, set)) return true;
      }
    }
    return false;
  }
}

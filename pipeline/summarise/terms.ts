/**
 * Sentence vectors for the summariser: stemmed content words weighted by
 * TF-IDF, and the similarities built on them. Stemming (Porter) lets "talks",
 * "talked" and "talking" count as one term across reports of the same event.
 */
import { STOP_WORDS, tokenize } from '../common/text.ts';
import { porterStem } from './porter.ts';

/**
 * Stemmed content words of a text, in order: `contentWords(text)` (stop words
 * and one-letter tokens dropped), each stemmed — one lookup per token.
 */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = termOf(token);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/**
 * Each token's term (its stem), or null for a stop word or a one-letter
 * token: a news vocabulary repeats the same few thousand words sentence after
 * sentence, so each is looked at once. Bounded, so a long-running process
 * (the preview) does not grow without end; emptied when full.
 */
const stems = new Map<string, string | null>();
const MAX_STEMS = 200_000;

function termOf(token: string): string | null {
  let stem = stems.get(token);
  if (stem === undefined) {
    if (stems.size >= MAX_STEMS) stems.clear();
    stem = token.length > 1 && !STOP_WORDS.has(token) ? porterStem(token.replace(/['’]s$/, '')) : null;
    stems.set(token, stem);
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

/**
 * The TF-IDF vectors of a set of term lists (the sentences of one story):
 * weight = count in the sentence × log((n + 1) / (df + 0.5)), df the number of
 * sentences using the term (smoothed, never negative). Counted over term ids
 * in flat arrays, not maps of strings: ids are given in order of first
 * appearance, and each vector lists its ids in ascending order with its norm
 * summed in that order — the order `cosine` and the similarity graph rely on.
 */
export function tfidfVectors(documents: string[][], dictionary: TermIds): TermVector[] {
  const termIds = documents.map((terms) => {
    const ids = new Int32Array(terms.length);
    for (let k = 0; k < terms.length; k++) ids[k] = dictionary.id(terms[k]!);
    return ids;
  });
  const size = dictionary.size;
  // Document frequency: each document counts a term once (`lastSeen` marks the document that last counted it).
  const df = new Int32Array(size);
  const lastSeen = new Int32Array(size).fill(-1);
  termIds.forEach((ids, d) => {
    for (const id of ids) {
      if (lastSeen[id] === d) continue;
      lastSeen[id] = d;
      df[id]!++;
    }
  });
  const n = documents.length;
  const idf = new Float64Array(size);
  for (let id = 0; id < size; id++) idf[id] = Math.log((n + 1) / (df[id]! + 0.5));
  const count = new Int32Array(size);
  return termIds.map((ids) => {
    const distinct: number[] = [];
    for (const id of ids) if (count[id]!++ === 0) distinct.push(id);
    const sorted = Int32Array.from(distinct).sort();
    const values = new Float64Array(sorted.length);
    let norm = 0;
    for (let k = 0; k < sorted.length; k++) {
      const id = sorted[k]!;
      const w = count[id]! * idf[id]!;
      values[k] = w;
      norm += w * w;
      count[id] = 0;
    }
    return { ids: sorted, values, norm: Math.sqrt(norm) };
  });
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
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  for (const term of small) if (large.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Two sentences are near-copies when they share most of their terms (wire copy, light rewording). */
export function isNearCopy(a: ReadonlySet<string>, b: ReadonlySet<string>, threshold = 0.6): boolean {
  if (a.size === 0 || b.size === 0) return false;
  // Not `[small, large] = … ? [a, b] : [b, a]`: an array a call, and this runs for every pair of sentences compared.
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  let shared = 0;
  for (const term of small) if (large.has(term)) shared++;
  return nearCopyByCount(a.size, b.size, shared, threshold);
}

/** `isNearCopy` from the two sizes and the number of terms the sets share. */
function nearCopyByCount(a: number, b: number, shared: number, threshold = 0.6): boolean {
  // Containment as well as Jaccard: a sentence copied with a clause added is still a copy.
  return shared / (a + b - shared) >= threshold || (Math.min(a, b) >= 5 && shared / Math.min(a, b) >= 0.85);
}

/**
 * Term sets indexed by term, to ask "is this a near-copy of any of them?"
 * looking only at the sets that share a term with it (a near-copy always
 * does): the postings of its terms count, for each such set, how many terms
 * the two share — what `isNearCopy` counts — without comparing the sets.
 */
export class NearCopyIndex {
  private readonly sizes: number[] = [];
  private readonly byTerm = new Map<string, number[]>();
  /** Shared-term counts of one query, by set (zero between queries). */
  private shared = new Int32Array(16);

  add(set: ReadonlySet<string>): void {
    const k = this.sizes.push(set.size) - 1;
    for (const term of set) {
      const list = this.byTerm.get(term);
      if (list) list.push(k);
      else this.byTerm.set(term, [k]);
    }
  }

  hasNearCopyOf(set: ReadonlySet<string>): boolean {
    return this.someSharing(set, (k, shared) => nearCopyByCount(this.sizes[k]!, set.size, shared));
  }

  /**
   * Whether `test` holds for one of the indexed sets that share a term with `set`, given each set's
   * place (in the order added) and how many terms the two share; asked until it holds.
   */
  someSharing(set: ReadonlySet<string>, test: (k: number, shared: number) => boolean): boolean {
    if (set.size === 0) return false;
    if (this.shared.length < this.sizes.length) this.shared = new Int32Array(Math.max(this.sizes.length, 2 * this.shared.length));
    const shared = this.shared;
    const touched: number[] = [];
    for (const term of set) {
      const list = this.byTerm.get(term);
      if (list === undefined) continue;
      for (const k of list) if (shared[k]!++ === 0) touched.push(k);
    }
    let found = false;
    for (const k of touched) {
      if (!found && test(k, shared[k]!)) found = true;
      shared[k] = 0;
    }
    return found;
  }
}

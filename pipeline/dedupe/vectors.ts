/**
 * TF-IDF vectors over content words plus named entities, and the candidate
 * pairs worth comparing, found through an inverted index of each article's
 * most distinctive terms instead of comparing all pairs.
 *
 * Names are separate features (`@kallas`, `@kaja kallas`) weighted by
 * `nameWeight`: two reports of one event share the people and places, two
 * events of the same kind (two earthquakes) share the vocabulary only.
 */
import type { ArticleFeatures } from './features.ts';

export interface SparseVector {
  /** Ascending feature ids. */
  ids: Int32Array;
  weights: Float64Array;
}

export interface VectorSpace {
  vectors: SparseVector[];
  /** Feature id → `word` or `@name`. */
  features: string[];
}

const NAME = '@';

export function buildVectors(docs: readonly ArticleFeatures[], nameWeight: number): VectorSpace {
  const ids = new Map<string, number>();
  const features: string[] = [];
  const idOf = (key: string) => {
    let id = ids.get(key);
    if (id === undefined) {
      id = features.length;
      ids.set(key, id);
      features.push(key);
    }
    return id;
  };
  const raw = docs.map((doc) => {
    const counts = new Map<number, number>();
    for (const [term, count] of doc.terms) counts.set(idOf(term), count);
    if (nameWeight > 0) for (const [name, count] of doc.names) counts.set(idOf(NAME + name), count);
    return counts;
  });
  const df = new Float64Array(features.length);
  for (const counts of raw) for (const id of counts.keys()) df[id]!++;
  const n = docs.length;
  // ln(1 + N/df) rather than ln(N/df): a word in every article of a two-article
  // run must still count, or two copies of one text would have cosine 0.
  const idf = df.map((d) => Math.log(1 + n / d));
  const vectors = raw.map((counts) => {
    const entries = [...counts.entries()].sort((a, b) => a[0] - b[0]);
    const vector: SparseVector = { ids: Int32Array.from(entries.map((e) => e[0])), weights: new Float64Array(entries.length) };
    let norm = 0;
    entries.forEach(([id, count], i) => {
      const weight = (1 + Math.log(count)) * idf[id]! * (features[id]!.startsWith(NAME) ? nameWeight : 1);
      vector.weights[i] = weight;
      norm += weight * weight;
    });
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < vector.weights.length; i++) vector.weights[i]! /= norm;
    return vector;
  });
  return { vectors, features };
}

export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

export interface SharedEvidence {
  names: string[];
  terms: string[];
}

/** The features that contribute most to the similarity of a and b, names and words apart. */
export function sharedFeatures(space: VectorSpace, a: SparseVector, b: SparseVector, limit = 6): SharedEvidence {
  const contributions: Array<[string, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) contributions.push([space.features[x]!, a.weights[i++]! * b.weights[j++]!]);
    else if (x < y) i++;
    else j++;
  }
  contributions.sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1));
  const names: string[] = [];
  const terms: string[] = [];
  for (const [feature] of contributions) {
    if (feature.startsWith(NAME)) {
      const name = feature.slice(1);
      // "kallas" adds nothing once "kaja kallas" is listed.
      if (names.length < limit && !names.some((n) => n.split(' ').includes(name))) names.push(name);
    } else if (terms.length < limit) terms.push(feature);
  }
  return { names, terms };
}

export interface CandidateOptions {
  /** Distinctive terms per article that go into the index. */
  topTerms: number;
  /** Neighbours kept per article for exact scoring. */
  neighbours: number;
  /** A term shared by more articles than this within one article's window is too common to find a story by. */
  maxPosting: number;
  /** Each article's day number (days since 1970), or null when undated. */
  day: (doc: number) => number | null;
  /** Dated articles further apart than this are never compared. */
  windowDays: number;
  /** Up to this many articles every pair (within the window) is scored: exact, and cheap enough. */
  allPairsUpTo?: number;
}

/**
 * Candidate pairs for story similarity, each with its exact cosine: every
 * article's `topTerms` heaviest features are indexed by day; an article looks
 * up the postings of its own top terms within its time window (an undated
 * article: all days), accumulates a partial dot product with the articles
 * found, and keeps its best `neighbours` for exact scoring. With news arriving
 * at a steady rate per day, the work grows with the number of articles, not
 * its square.
 */
export function storyCandidates(space: VectorSpace, options: CandidateOptions): Array<[number, number, number]> {
  const { vectors } = space;
  if (vectors.length <= (options.allPairsUpTo ?? 1000)) {
    const out: Array<[number, number, number]> = [];
    for (let i = 0; i < vectors.length; i++) {
      const di = options.day(i);
      for (let j = i + 1; j < vectors.length; j++) {
        const dj = options.day(j);
        if (di !== null && dj !== null && Math.abs(di - dj) > options.windowDays) continue;
        const score = cosine(vectors[i]!, vectors[j]!);
        if (score > 0) out.push([i, j, score]);
      }
    }
    return out;
  }
  const UNDATED = Number.MIN_SAFE_INTEGER;
  const tops = vectors.map((v) => {
    const order = [...v.weights.keys()].sort((p, q) => v.weights[q]! - v.weights[p]! || v.ids[p]! - v.ids[q]!).slice(0, options.topTerms);
    return order.map((k) => [v.ids[k]!, v.weights[k]!] as const);
  });
  const postings = new Map<number, Map<number, Array<[number, number]>>>();
  tops.forEach((top, doc) => {
    const bucket = options.day(doc) ?? UNDATED;
    for (const [id, weight] of top) {
      let byDay = postings.get(id);
      if (!byDay) postings.set(id, (byDay = new Map()));
      const list = byDay.get(bucket);
      if (list) list.push([doc, weight]);
      else byDay.set(bucket, [[doc, weight]]);
    }
  });
  const pairs = new Map<number, [number, number]>();
  const n = vectors.length;
  const partial = new Float64Array(n);
  const touched: number[] = [];
  const lists: Array<Array<[number, number]>> = [];
  tops.forEach((top, doc) => {
    const day = options.day(doc);
    for (const [id, weight] of top) {
      const byDay = postings.get(id)!;
      lists.length = 0;
      let total = 0;
      if (day === null) {
        for (const list of byDay.values()) (lists.push(list), (total += list.length));
      } else {
        for (let d = day - options.windowDays; d <= day + options.windowDays; d++) {
          const list = byDay.get(d);
          if (list) (lists.push(list), (total += list.length));
        }
        const undated = byDay.get(UNDATED);
        if (undated) (lists.push(undated), (total += undated.length));
      }
      if (total > options.maxPosting) continue;
      for (const list of lists) {
        for (const [other, otherWeight] of list) {
          if (other === doc) continue;
          if (partial[other] === 0) touched.push(other);
          partial[other]! += weight * otherWeight;
        }
      }
    }
    const best = touched.length <= options.neighbours ? touched : topByScore(touched, partial, options.neighbours);
    for (const other of best) {
      const i = Math.min(doc, other);
      const j = Math.max(doc, other);
      pairs.set(i * n + j, [i, j]);
    }
    for (const other of touched) partial[other] = 0;
    touched.length = 0;
  });
  return [...pairs.values()].sort((p, q) => p[0] - q[0] || p[1] - q[1]).map(([i, j]) => [i, j, cosine(vectors[i]!, vectors[j]!)] as [number, number, number]);
}

/**
 * The `k` items with the highest scores (ties by smaller index), without sorting
 * them all with a comparator: the k-th best score is found by a native numeric
 * sort of the scores, then one pass keeps what reaches it.
 */
function topByScore(items: number[], scores: Float64Array, k: number): number[] {
  const values = Float64Array.from(items, (i) => scores[i]!).sort();
  const cut = values[values.length - k]!;
  const above = items.filter((i) => scores[i]! > cut);
  const at = items.filter((i) => scores[i]! === cut).sort((a, b) => a - b);
  return [...above, ...at.slice(0, k - above.length)];
}

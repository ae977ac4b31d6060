/**
 * Story-similarity vectors over content words plus named entities, and the
 * pairs of articles similar enough to matter, found exactly without comparing
 * all pairs.
 *
 * An article's vector depends on its own text only: term weights come from a
 * fixed background table (word-weights.ts), not from the other articles of the
 * run, and a feature's id is a hash of its key, not its position in a
 * run-wide dictionary. So a vector can be computed once, cached, and compared
 * with any other — removing one article changes no other article's vector.
 *
 * Names are separate features (`@kallas`, `@kaja kallas`) weighted by
 * `nameWeight`: two reports of one event share the people and places, two
 * events of the same kind (two earthquakes) share the vocabulary only.
 */
import { memoHash } from './minhash.ts';
import { nameRarity, wordRarity } from './word-weights.ts';

export interface SparseVector {
  /** Ascending feature ids (32-bit hashes of the feature keys). */
  ids: Uint32Array;
  /** Unit length. */
  weights: Float32Array;
}

/** A vector with the keys of its features (`word` or `@name`), in id order, joined by newlines — for messages. */
export interface KeyedVector {
  vector: SparseVector;
  keys: string;
}

const NAME = '@';
/**
 * Features kept per article (heaviest first). On ECB+ keeping 30, 50, 80 or
 * all of them scores within ±0.01 ARI of each other; 50 costs a third of all
 * in the pair search at 10k articles.
 */
const MAX_FEATURES = 50;

/**
 * The vector of one article: log-scaled counts times background rarity, names
 * times `nameWeight`, unit length. Two keys with one hash (rare: 32 bits) share
 * one feature.
 */
export function articleVector(terms: ReadonlyMap<string, number>, names: ReadonlyMap<string, number>, nameWeight: number): KeyedVector {
  const entries: Array<{ id: number; key: string; weight: number }> = [];
  for (const [term, count] of terms) entries.push({ id: memoHash(term), key: term, weight: (1 + Math.log(count)) * wordRarity(term) });
  if (nameWeight > 0) {
    for (const [name, count] of names) {
      const key = NAME + name;
      entries.push({ id: memoHash(key), key, weight: (1 + Math.log(count)) * nameRarity(name.split(' ')) * nameWeight });
    }
  }
  // An article is described by its most distinctive features: the long tail of
  // light words adds little to a cosine and most of the cost of finding pairs.
  if (entries.length > MAX_FEATURES) {
    entries.sort((a, b) => b.weight - a.weight || a.id - b.id || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    entries.length = MAX_FEATURES;
  }
  entries.sort((a, b) => a.id - b.id || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const ids: number[] = [];
  const weights: number[] = [];
  const keys: string[] = [];
  for (const entry of entries) {
    if (ids.length > 0 && ids[ids.length - 1] === entry.id) weights[weights.length - 1]! += entry.weight;
    else (ids.push(entry.id), weights.push(entry.weight), keys.push(entry.key));
  }
  let norm = 0;
  for (const w of weights) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  return { vector: { ids: Uint32Array.from(ids), weights: Float32Array.from(weights, (w) => w / norm) }, keys: keys.join('\n') };
}


export function cosine(a: SparseVector, b: SparseVector): number {
  const ai = a.ids;
  const bi = b.ids;
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
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

/** The features that contribute most to the similarity of a and b, names and words apart (name keys in lower case). */
export function sharedFeatures(a: KeyedVector, b: KeyedVector, limit = 6): SharedEvidence {
  const contributions: Array<[string, number]> = [];
  const keys = a.keys.split('\n');
  const [av, bv] = [a.vector, b.vector];
  let i = 0;
  let j = 0;
  while (i < av.ids.length && j < bv.ids.length) {
    const x = av.ids[i]!;
    const y = bv.ids[j]!;
    if (x === y) contributions.push([keys[i]!, av.weights[i++]! * bv.weights[j++]!]);
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

export interface SimilarPairOptions {
  /** Pairs with a cosine below this are not wanted. */
  threshold: number;
  /** Each article's day number (days since 1970), or null when undated. */
  day: (doc: number) => number | null;
  /** Dated articles further apart than this are never compared. */
  windowDays: number;
  /** See `COMMON_FEATURE` (its default). */
  commonFeature?: number;
}

/**
 * A feature that more dated articles of the run have than this is too common
 * to bring an undated article and a dated one together (see
 * `undatedDatedPairs`).
 */
export const COMMON_FEATURE = 500;
/** …and the features that are not common must make this share of the threshold. */
export const RARE_SHARE = 0.25;

/** Both dated and within `windowDays` of each other, or both undated. */
export function sameWindow(dayA: number | null, dayB: number | null, windowDays: number): boolean {
  if (dayA === null || dayB === null) return dayA === dayB;
  return Math.abs(dayA - dayB) <= windowDays;
}

/**
 * Every pair (i < j) whose cosine reaches `threshold`, with that cosine: the
 * pairs in one window (`windowPairs`, exact) and the undated–dated pairs
 * (`undatedDatedPairs`, bounded), in (i, j) order.
 */
export function similarPairs(vectors: readonly SparseVector[], options: SimilarPairOptions): Array<[number, number, number]> {
  return [...windowPairs(vectors, options), ...undatedDatedPairs(vectors, options)].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

/**
 * Every pair (i < j) of two dated articles within `windowDays` of each other,
 * or of two undated articles, whose cosine reaches `threshold`, with that
 * cosine — exactly the pairs all-pairs scoring would keep (and the same
 * scores, from `cosine`), without scoring all pairs.
 *
 * An inverted index maps each feature to the articles having it, with the
 * largest weight it has in any of them. For an article x, a feature f can add
 * at most x_f · max_f to a dot product; x's features with the smallest such
 * bounds are skipped as long as their bounds sum below the threshold (the
 * "tail": mostly common words, whose lists are the long ones). The tail is
 * kept to a quarter of the threshold, so an article needs a partial dot
 * product of three quarters of it from x's other features before it is
 * scored exactly; one that shares none of them cannot reach the threshold. (Prefix filtering on norms, Bayardo et al. 2007, was tried
 * first: at thresholds around 0.25 it skips only a few features.)
 *
 * Articles are visited undated first (against an index of the undated), then
 * by day (against an index of the days within the window: old entries are
 * dropped as the day advances, and each feature's maximum is recomputed from
 * what is left, so the bounds tighten again after a heavy entry leaves). The
 * work grows with the articles per window, not with the square of the run.
 */
export function windowPairs(vectors: readonly SparseVector[], options: SimilarPairOptions): Array<[number, number, number]> {
  const n = vectors.length;
  const { threshold, windowDays } = options;
  const days = Array.from({ length: n }, (_, i) => options.day(i));
  const order = [...days.keys()].sort((a, b) => {
    const da = days[a]!;
    const db = days[b]!;
    if (da === null || db === null) return da === db ? a - b : da === null ? -1 : 1;
    return da - db || a - b;
  });
  const undated = new PostingIndex();
  const dated = new PostingIndex();
  const partial = new Float64Array(n);
  const touched: number[] = [];
  const out: Array<[number, number, number]> = [];
  const margin = threshold * (1 - EPSILON);
  // A larger tail skips more postings but lets more candidates through to exact
  // scoring: a quarter of the threshold was the cheaper balance on news-like text.
  const tailBudget = margin / 4;
  let bounds = new Float64Array(64);
  for (const x of order) {
    const vx = vectors[x]!;
    const day = days[x]!;
    if (day !== null) dated.expireBefore(day - windowDays, days);
    const index = day === null ? undated : dated;
    const size = vx.ids.length;
    if (bounds.length < size) bounds = new Float64Array(size * 2);
    for (let k = 0; k < size; k++) bounds[k] = vx.weights[k]! * index.maxWeight(vx.ids[k]!);
    // The tail: the smallest bounds, summing below the budget.
    const sorted = bounds.slice(0, size).sort();
    let tail = 0;
    let cut = 0;
    while (cut < size && tail + sorted[cut]! < tailBudget) tail += sorted[cut++]!;
    const head = cut < size ? sorted[cut]! : Infinity;
    for (let k = 0; k < size; k++) {
      if (bounds[k]! < head || bounds[k] === 0) continue;
      index.accumulate(vx.ids[k]!, vx.weights[k]!, partial, touched);
    }
    for (const y of touched) {
      if (partial[y]! + tail >= margin) {
        const score = cosine(vx, vectors[y]!);
        if (score >= threshold) out.push(x < y ? [x, y, score] : [y, x, score]);
      }
      partial[y] = 0;
    }
    touched.length = 0;
    for (let k = 0; k < size; k++) index.add(vx.ids[k]!, x, vx.weights[k]!);
  }
  return out.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

/**
 * The pairs (i < j) of an undated and a dated article whose cosine reaches
 * `threshold` and whose shared *uncommon* features — those at most
 * `commonFeature` (default `COMMON_FEATURE`) dated articles of the run have —
 * add up to `RARE_SHARE` of it (the dot product over those features alone,
 * summed in the dated article's feature order), with their cosine.
 *
 * Not an exact search, on purpose. An undated article has no window, so it
 * can pair with any dated article of the run: on a run of 30,000 synthetic
 * articles an undated one reaches the threshold with ~120 dated articles
 * spread over months (same topic words, other events), and both the search
 * and its output grow with the square of the run. The uncommon features —
 * the event's names and rarer words — are what place it: with them alone the
 * search grows with the run, and the dated article an undated one is most
 * similar to is still found for 98.6 % of them there (see README). The pairs
 * lost share mostly vocabulary that hundreds of articles share. Two undated
 * articles, or two dated ones in one window, are searched exactly
 * (`windowPairs`).
 */
export function undatedDatedPairs(vectors: readonly SparseVector[], options: SimilarPairOptions): Array<[number, number, number]> {
  const { threshold } = options;
  const common = options.commonFeature ?? COMMON_FEATURE;
  const datedCount = new Map<number, number>();
  const undated = new PostingIndex();
  vectors.forEach((v, i) => {
    if (options.day(i) === null) for (let k = 0; k < v.ids.length; k++) undated.add(v.ids[k]!, i, v.weights[k]!);
    else for (const id of v.ids) datedCount.set(id, (datedCount.get(id) ?? 0) + 1);
  });
  const out: Array<[number, number, number]> = [];
  const partial = new Float64Array(vectors.length);
  const touched: number[] = [];
  const rareMargin = threshold * RARE_SHARE * (1 - EPSILON);
  vectors.forEach((vx, x) => {
    if (options.day(x) === null) return;
    for (let k = 0; k < vx.ids.length; k++) {
      const id = vx.ids[k]!;
      if (datedCount.get(id)! <= common) undated.accumulate(id, vx.weights[k]!, partial, touched);
    }
    for (const y of touched) {
      if (partial[y]! >= rareMargin) {
        const score = cosine(vx, vectors[y]!);
        if (score >= threshold) out.push(x < y ? [x, y, score] : [y, x, score]);
      }
      partial[y] = 0;
    }
    touched.length = 0;
  });
  return out.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

/** Float slack so that a pair at the threshold is never lost to rounding in the bounds. */
const EPSILON = 1e-6;

interface Posting {
  docs: number[];
  weights: number[];
  start: number;
  /** The largest weight among the live entries (from `start`). */
  max: number;
}

/** feature id → the indexed (article, weight) entries, in the order added. */
class PostingIndex {
  private readonly lists = new Map<number, Posting>();

  add(id: number, doc: number, weight: number): void {
    const list = this.lists.get(id);
    if (list) {
      list.docs.push(doc);
      list.weights.push(weight);
      if (weight > list.max) list.max = weight;
    } else this.lists.set(id, { docs: [doc], weights: [weight], start: 0, max: weight });
  }

  maxWeight(id: number): number {
    return this.lists.get(id)?.max ?? 0;
  }

  accumulate(id: number, weight: number, partial: Float64Array, touched: number[]): void {
    const list = this.lists.get(id);
    if (!list) return;
    const { docs, weights } = list;
    for (let k = list.start; k < docs.length; k++) {
      const doc = docs[k]!;
      if (partial[doc] === 0) touched.push(doc);
      partial[doc]! += weight * weights[k]!;
    }
  }

  /**
   * Drops entries of articles dated before `first` (entries are added in day
   * order, so they sit at the front of each list) and recomputes the maximum
   * of each list that lost entries, so the bounds tighten as heavy entries
   * leave the window. Runs once per new day.
   */
  private lastExpiry = Number.NEGATIVE_INFINITY;
  expireBefore(first: number, days: ReadonlyArray<number | null>): void {
    if (first <= this.lastExpiry) return;
    this.lastExpiry = first;
    for (const [id, list] of this.lists) {
      const start = list.start;
      while (list.start < list.docs.length && days[list.docs[list.start]!]! < first) list.start++;
      if (list.start === list.docs.length) {
        this.lists.delete(id);
        continue;
      }
      if (list.start === start) continue;
      if (list.start > 64 && list.start * 2 > list.docs.length) {
        list.docs = list.docs.slice(list.start);
        list.weights = list.weights.slice(list.start);
        list.start = 0;
      }
      let max = 0;
      for (let k = list.start; k < list.weights.length; k++) if (list.weights[k]! > max) max = list.weights[k]!;
      list.max = max;
    }
  }
}

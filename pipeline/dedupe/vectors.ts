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
import { PairList } from './pair-list.ts';
import { denseFeatures } from './feature-table.ts';
import { hashString } from './minhash.ts';
import { nameRarity, wordRarity } from './word-weights.ts';

export interface SparseVector {
  /** Ascending feature ids (32-bit hashes of the feature keys). */
  ids: Uint32Array;
  /** Unit length, but for entities shortened to `ENTITY_LENGTH` (`capEntities`): at most unit length. */
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
 * times `nameWeight`, unit length, then each entity (a name's features with its words as
 * content words, grouped by `entities`) cut to `ENTITY_LENGTH`. Two keys with one hash (rare: 32 bits) share
 * one feature.
 */
export function articleVector(
  terms: ReadonlyMap<string, number>,
  names: ReadonlyMap<string, number>,
  nameWeight: number,
  entities: ReadonlyMap<string, string> = new Map(),
): KeyedVector {
  // Parallel arrays, not an object per feature: ~150 features an article, 100k articles.
  const size = terms.size + (nameWeight > 0 ? names.size : 0);
  const keys: string[] = new Array<string>(size);
  const ids = new Float64Array(size);
  const weights = new Float64Array(size);
  let n = 0;
  for (const [term, count] of terms) {
    keys[n] = term;
    ids[n] = hashString(term);
    weights[n++] = (1 + Math.log(count)) * wordRarity(term);
  }
  if (nameWeight > 0) {
    for (const [name, count] of names) {
      const key = NAME + name;
      keys[n] = key;
      ids[n] = hashString(key);
      weights[n++] = (1 + Math.log(count)) * nameRarity(name.split(' ')) * nameWeight;
    }
  }
  const byKey = (a: number, b: number) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0);
  // An article is described by its most distinctive features: the long tail of
  // light words adds little to a cosine and most of the cost of finding pairs.
  // The MAX_FEATURES heaviest (ties by id, then key) — found with native sorts of
  // numbers: a comparator sort of every feature was a fifth of an article's features.
  let order: number[] = [];
  if (n > MAX_FEATURES) {
    const cutoff = weights.slice(0, n).sort()[n - MAX_FEATURES]!;
    const ties: number[] = [];
    for (let k = 0; k < n; k++) {
      if (weights[k]! > cutoff) order.push(k);
      else if (weights[k] === cutoff) ties.push(k);
    }
    ties.sort((a, b) => ids[a]! - ids[b]! || byKey(a, b));
    order.push(...ties.slice(0, MAX_FEATURES - order.length));
  } else for (let k = 0; k < n; k++) order.push(k);
  // By id, then key: ids packed with their place in `order` and sorted as numbers;
  // equal ids (two keys, one hash) are put in key order after.
  const packed = new Float64Array(order.length);
  for (let p = 0; p < order.length; p++) packed[p] = ids[order[p]!]! * 256 + p;
  packed.sort();
  order = Array.from(packed, (x) => order[x % 256]!);
  for (let p = 1; p < order.length; p++) {
    if (ids[order[p]!] !== ids[order[p - 1]!]) continue;
    let end = p + 1;
    while (end < order.length && ids[order[end]!] === ids[order[p]!]) end++;
    const run = order.slice(p - 1, end).sort(byKey);
    order.splice(p - 1, run.length, ...run);
    p = end - 1;
  }
  const outIds: number[] = [];
  const outWeights: number[] = [];
  const outKeys: string[] = [];
  for (const k of order) {
    if (outIds.length > 0 && outIds[outIds.length - 1] === ids[k]) outWeights[outWeights.length - 1]! += weights[k]!;
    else (outIds.push(ids[k]!), outWeights.push(weights[k]!), outKeys.push(keys[k]!));
  }
  let norm = 0;
  for (const w of outWeights) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  const unit = outWeights.map((w) => w / norm);
  capEntities(unit, outKeys.map((key) => entities.get(key.startsWith(NAME) ? key.slice(1) : key.replace(POSSESSIVE, ''))));
  return { vector: { ids: Uint32Array.from(outIds), weights: Float32Array.from(unit) }, keys: outKeys.join('\n') };
}

const POSSESSIVE = /['’]s$/u;

/**
 * Largest length of one entity's part of a vector: its name feature and its words as content
 * words together. Two articles sharing that entity then get at most its square (0.17, under
 * `storyThreshold`'s 0.23) from it: one person, place or organisation in both is not by itself
 * one event — the event's own words or a second shared name must add the rest. Uncapped, a
 * name was up to five features of the rarest kind (first name, surname, full name, and the two
 * words as content words): a minister in two unrelated stories of one day made them "one event"
 * at 0.47. 0.17 with the threshold at 0.23: ECB+ ARI 0.810 (0.813 uncapped at 0.25), synthetic
 * story ARI 0.77 (0.61); 0.15 at 0.25 split more but lost 0.03 ARI on ECB+ (README "Tuning").
 */
export const ENTITY_LENGTH = Math.sqrt(0.17);

/**
 * Scales each entity whose features in `unit` (a unit vector) are longer than
 * `ENTITY_LENGTH` down to it. The rest is not scaled up: the vector is then shorter than
 * unit length, so what a capped entity loses is lost to every pair, not handed to the
 * article's other words (a short report dominated by its road number "A614" would
 * otherwise match any other crash report on its remaining words alone).
 * `entityOf[k]` is feature k's entity, undefined for a feature of none.
 */
function capEntities(unit: number[], entityOf: ReadonlyArray<string | undefined>): void {
  const groups = new Map<string, number>();
  unit.forEach((w, k) => {
    const e = entityOf[k];
    if (e !== undefined) groups.set(e, (groups.get(e) ?? 0) + w * w);
  });
  const limit = ENTITY_LENGTH * ENTITY_LENGTH;
  unit.forEach((w, k) => {
    const e = entityOf[k];
    const sq = e === undefined ? 0 : groups.get(e)!;
    if (sq > limit) unit[k] = w * Math.sqrt(limit / sq);
  });
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
export function sharedFeatures(a: KeyedVector, b: Pick<KeyedVector, 'vector'>, limit = 6): SharedEvidence {
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
  /**
   * Whether a pair is wanted at all, whatever its cosine (false for two articles of one group
   * of copies, which nothing reads: dedupe/index.ts); every pair when absent.
   */
  apart?: (a: number, b: number) => boolean;
  /**
   * How many articles a vector stands for (default 1): a search over one article of each twin
   * class (twins.ts) counts a feature's articles as the search over all of them would.
   */
  copies?: (doc: number) => number;
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
export function similarPairs(vectors: readonly SparseVector[], options: SimilarPairOptions): PairList {
  // Both come sorted and share no pair (two dated or two undated articles; one of each).
  return PairList.merge(windowPairs(vectors, options), undatedDatedPairs(vectors, options));
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
export function windowPairs(vectors: readonly SparseVector[], options: SimilarPairOptions): PairList {
  const n = vectors.length;
  const { threshold, windowDays } = options;
  const days = Array.from({ length: n }, (_, i) => options.day(i));
  const order = [...days.keys()].sort((a, b) => {
    const da = days[a]!;
    const db = days[b]!;
    if (da === null || db === null) return da === db ? a - b : da === null ? -1 : 1;
    return da - db || a - b;
  });
  // Postings hold positions in `order` (ranks), not article indices: the articles of one
  // window are then one contiguous range of ranks, so the partial sums live in one array
  // read front to back, and no list of touched articles is kept.
  const rankDays = new Float64Array(n);
  order.forEach((x, rank) => (rankDays[rank] = days[x] ?? Number.NaN));
  const features = denseFeatures(vectors);
  const undated = new PostingIndex(features.count);
  const dated = new PostingIndex(features.count);
  const partial = new Float64Array(n);
  // The current article's weights by dense feature, for exact scoring (`scatteredDot`).
  const scattered = new Float64Array(features.count);
  const out = new PairList();
  const margin = threshold * (1 - EPSILON);
  // A larger tail skips more postings but lets more candidates through to exact
  // scoring: a quarter of the threshold was the cheaper balance on news-like text.
  const tailBudget = margin / 4;
  const apart = options.apart;
  let bounds = new Float64Array(64);
  let sorted = new Float64Array(64);
  let lists: Array<Posting | undefined> = [];
  // The first rank of the current window (dated), or 0 (undated: all undated so far).
  let first = 0;
  for (let rank = 0; rank < n; rank++) {
    const x = order[rank]!;
    const vx = vectors[x]!;
    const day = days[x]!;
    const index = day === null ? undated : dated;
    if (day !== null) {
      // The first dated article: the window starts here, after the undated ranks (NaN).
      if (Number.isNaN(rankDays[first]!)) first = rank;
      while (rankDays[first]! < day - windowDays) first++;
      dated.expireBefore(first);
    }
    const size = vx.ids.length;
    if (bounds.length < size) (bounds = new Float64Array(size * 2)), (sorted = new Float64Array(size * 2));
    if (lists.length < size) lists = new Array(size * 2);
    const fx = features.of[x]!;
    for (let k = 0; k < size; k++) {
      const list = index.list(fx[k]!);
      lists[k] = list;
      bounds[k] = list ? vx.weights[k]! * list.max : 0;
    }
    // The tail: the smallest bounds, summing below the budget.
    sorted.set(bounds.subarray(0, size));
    const view = sorted.subarray(0, size).sort();
    let tail = 0;
    let cut = 0;
    while (cut < size && tail + view[cut]! < tailBudget) tail += view[cut++]!;
    const head = cut < size ? view[cut]! : Infinity;
    for (let k = 0; k < size; k++) {
      if (bounds[k]! < head || bounds[k] === 0) continue;
      accumulate(lists[k]!, vx.weights[k]!, partial);
    }
    for (let k = 0; k < size; k++) scattered[fx[k]!] = vx.weights[k]!;
    const low = day === null ? 0 : first;
    for (let r = low; r < rank; r++) {
      const sum = partial[r]!;
      if (sum === 0) continue;
      partial[r] = 0;
      if (sum + tail >= margin) {
        const y = order[r]!;
        if (apart && !apart(x, y)) continue;
        const score = scatteredDot(scattered, features.of[y]!, vectors[y]!.weights);
        if (score >= threshold) out.push(Math.min(x, y), Math.max(x, y), score);
      }
    }
    for (let k = 0; k < size; k++) {
      scattered[fx[k]!] = 0;
      index.add(fx[k]!, rank, vx.weights[k]!);
    }
  }
  return out.sorted();
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
export function undatedDatedPairs(vectors: readonly SparseVector[], options: SimilarPairOptions): PairList {
  return undatedDatedSearch(vectors, options).pairs;
}

/**
 * `undatedDatedPairs`, and the ids of the features too common to count (sorted):
 * the one thing in its result that depends on the whole run. With `only`, just the
 * pairs with at least one article marked there — the rest, when the common features
 * are the same as in a run they were found in, are that run's (pair-cache.ts). `only`
 * may be chosen from the common features, once they are counted (a function of them:
 * the pair cache restricts the search only when they are the last run's).
 */
export function undatedDatedSearch(
  vectors: readonly SparseVector[],
  options: SimilarPairOptions,
  only?: Uint8Array | ((common: Uint32Array) => Uint8Array | undefined),
): { pairs: PairList; common: Uint32Array } {
  const { threshold } = options;
  const common = options.commonFeature ?? COMMON_FEATURE;
  const features = denseFeatures(vectors);
  const datedCount = new Int32Array(features.count);
  const idOf = new Uint32Array(features.count);
  const undated = new PostingIndex(features.count);
  // Undated articles by position: postings hold the position, `undatedDocs` the article.
  const undatedDocs: number[] = [];
  vectors.forEach((v, i) => {
    const fv = features.of[i]!;
    for (let k = 0; k < fv.length; k++) idOf[fv[k]!] = v.ids[k]!;
    if (options.day(i) === null) {
      for (let k = 0; k < v.ids.length; k++) undated.add(fv[k]!, undatedDocs.length, v.weights[k]!);
      undatedDocs.push(i);
    } else {
      const copies = options.copies ? options.copies(i) : 1;
      for (const f of fv) datedCount[f]! += copies;
    }
  });
  const commonIds: number[] = [];
  datedCount.forEach((count, f) => count > common && commonIds.push(idOf[f]!));
  const out = new PairList();
  const result = { pairs: out, common: Uint32Array.from(commonIds).sort() };
  const marked = typeof only === 'function' ? only(result.common) : only;
  // The undated articles marked: all a dated article outside them needs to be compared with.
  const onlyUndated = new PostingIndex(features.count);
  let onlyUndatedCount = 0;
  if (marked) {
    undatedDocs.forEach((i, position) => {
      if (!marked[i]) return;
      const v = vectors[i]!;
      const fv = features.of[i]!;
      for (let k = 0; k < v.ids.length; k++) onlyUndated.add(fv[k]!, position, v.weights[k]!);
      onlyUndatedCount++;
    });
  }
  if (undatedDocs.length === 0) return result;
  const partial = new Float64Array(undatedDocs.length);
  const scattered = new Float64Array(features.count);
  const touched: number[] = [];
  const rareMargin = threshold * RARE_SHARE * (1 - EPSILON);
  const apart = options.apart;
  vectors.forEach((vx, x) => {
    if (options.day(x) === null) return;
    const index = !marked || marked[x] ? undated : onlyUndated;
    if (index === onlyUndated && onlyUndatedCount === 0) return;
    const fx = features.of[x]!;
    for (let k = 0; k < fx.length; k++) scattered[fx[k]!] = vx.weights[k]!;
    for (let k = 0; k < vx.ids.length; k++) {
      const f = fx[k]!;
      if (datedCount[f]! > common) continue;
      const list = index.list(f);
      if (!list) continue;
      const weight = vx.weights[k]!;
      const { ranks, weights, end } = list;
      for (let p = 0; p < end; p++) {
        const r = ranks[p]!;
        if (partial[r] === 0) touched.push(r);
        partial[r]! += weight * weights[p]!;
      }
    }
    for (const r of touched) {
      const y = undatedDocs[r]!;
      if (partial[r]! >= rareMargin && (!apart || apart(x, y))) {
        const score = scatteredDot(scattered, features.of[y]!, vectors[y]!.weights);
        if (score >= threshold) out.push(Math.min(x, y), Math.max(x, y), score);
      }
      partial[r] = 0;
    }
    touched.length = 0;
    for (let k = 0; k < fx.length; k++) scattered[fx[k]!] = 0;
  });
  result.pairs = out.sorted();
  return result;
}

/** Float slack so that a pair at the threshold is never lost to rounding in the bounds. */
const EPSILON = 1e-6;

/**
 * The cosine of x (its weights scattered by dense feature) and y: the same
 * products summed in the same order (ascending feature id) as `cosine`, so the
 * same value to the last bit, without a merge's unpredictable branches.
 */
function scatteredDot(scattered: Float64Array, features: Int32Array, weights: Float32Array): number {
  let dot = 0;
  for (let k = 0; k < features.length; k++) {
    const w = scattered[features[k]!]!;
    if (w !== 0) dot += w * weights[k]!;
  }
  return dot;
}

/** Adds `weight` × each live posting's weight to the partial dot product of its position. */
function accumulate(list: Posting, weight: number, partial: Float64Array): void {
  const { ranks, weights, end } = list;
  for (let p = list.start; p < end; p++) partial[ranks[p]!]! += weight * weights[p]!;
}

/** One feature's postings: parallel typed arrays, live entries from `start` to `end`. */
interface Posting {
  ranks: Int32Array;
  /** Float64, though the vectors' weights are Float32 (exactly representable): V8 reads a Float64Array several times faster in this loop. */
  weights: Float64Array;
  start: number;
  end: number;
  /** The largest weight among the live entries. */
  max: number;
}

/**
 * dense feature number (feature-table.ts) → the indexed (position, weight)
 * entries, in the order added (positions ascending). Typed arrays: the pair
 * search reads hundreds of millions of postings at 100k articles.
 */
class PostingIndex {
  private readonly lists: Array<Posting | undefined>;
  /** The features that have a list, for expiry. */
  private live: number[] = [];

  constructor(features: number) {
    this.lists = new Array<Posting | undefined>(features);
  }

  add(feature: number, rank: number, weight: number): void {
    let list = this.lists[feature];
    if (!list) {
      list = { ranks: new Int32Array(4), weights: new Float64Array(4), start: 0, end: 0, max: 0 };
      this.lists[feature] = list;
      this.live.push(feature);
    } else if (list.end === list.ranks.length) {
      // Full: drop the expired front, and grow when still more than half full.
      const live = list.end - list.start;
      const capacity = live * 2 > list.ranks.length ? list.ranks.length * 2 : list.ranks.length;
      const ranks = new Int32Array(capacity);
      const weights = new Float64Array(capacity);
      ranks.set(list.ranks.subarray(list.start, list.end));
      weights.set(list.weights.subarray(list.start, list.end));
      list.ranks = ranks;
      list.weights = weights;
      list.start = 0;
      list.end = live;
    }
    list.ranks[list.end] = rank;
    list.weights[list.end++] = weight;
    if (weight > list.max) list.max = weight;
  }

  list(feature: number): Posting | undefined {
    return this.lists[feature];
  }

  /**
   * Drops entries before position `first` (entries are added in position order, so
   * they sit at the front of each list) and recomputes the maximum of each list that
   * lost entries, so the bounds tighten as heavy entries leave the window.
   */
  private lastExpiry = -1;
  expireBefore(first: number): void {
    if (first <= this.lastExpiry) return;
    this.lastExpiry = first;
    let kept = 0;
    for (const feature of this.live) {
      const list = this.lists[feature]!;
      const start = list.start;
      const { ranks, weights, end } = list;
      while (list.start < end && ranks[list.start]! < first) list.start++;
      if (list.start === end) {
        this.lists[feature] = undefined;
        continue;
      }
      this.live[kept++] = feature;
      if (list.start === start) continue;
      let max = 0;
      for (let k = list.start; k < end; k++) if (weights[k]! > max) max = weights[k]!;
      list.max = max;
    }
    this.live.length = kept;
  }
}

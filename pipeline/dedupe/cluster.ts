/**
 * Average-link agglomerative clustering over a sparse candidate graph.
 *
 * The average cosine between all pairs of two clusters equals the dot product
 * of their summed (unit) vectors divided by |A|·|B|, so the linkage is exact —
 * pairs that were never candidates count with their true similarity, not 0 —
 * while only clusters joined by a candidate edge are ever compared. Unlike
 * single link it does not chain one event into the next through a stray
 * similar pair.
 */
import type { SparseVector } from './vectors.ts';

export interface ClusterMerge {
  /** Members (input item indices) of the two clusters joined. */
  left: number[];
  right: number[];
  /** Average cosine between them when joined. */
  score: number;
  /** True when `right` was a loose group attached to its closest anchor (see `ClusterOptions.attach`). */
  attached?: boolean;
}

export interface ClusterOptions {
  threshold: number;
  /** May these two clusters become one (e.g. their dates within the window)? */
  canMerge?: (left: number[], right: number[]) => boolean;
  /**
   * After clustering, each "loose" cluster (e.g. no member dated) still alone joins its
   * most similar "anchor" cluster (e.g. one with a date) when their linkage reaches this
   * lower threshold.
   */
  attach?: {
    threshold: number;
    isLoose: (members: number[]) => boolean;
    isAnchor: (members: number[]) => boolean;
  };
}

/**
 * Clusters `groups` (each a list of item indices already known to be one: duplicates),
 * joined by `edges` between items. Returns the clusters and the merges made, in order.
 */
export function averageLinkClusters(
  vectors: readonly SparseVector[],
  groups: readonly number[][],
  edges: ReadonlyArray<readonly [number, number, number]>,
  options: ClusterOptions,
): { clusters: number[][]; merges: ClusterMerge[] } {
  const clusterOf = new Int32Array(vectors.length).fill(-1);
  const members: Array<number[] | null> = groups.map((g) => [...g]);
  // A single article's sum is its own vector: Maps are made only for groups, so
  // 100k mostly-alone articles do not each carry a map of a few hundred entries.
  const sums: Array<Summed | null> = groups.map((g) => g.map((i) => vectors[i]!).reduce<Summed>((sum, v) => (sum === EMPTY_SUM ? v : addSparse(sum, v)), EMPTY_SUM));
  const version: number[] = groups.map(() => 0);
  groups.forEach((g, c) => g.forEach((i) => (clusterOf[i] = c)));
  const neighbours: Array<Set<number>> = groups.map(() => new Set());
  for (const [a, b] of edges) {
    const ca = clusterOf[a]!;
    const cb = clusterOf[b]!;
    if (ca < 0 || cb < 0 || ca === cb) continue;
    neighbours[ca]!.add(cb);
    neighbours[cb]!.add(ca);
  }
  const heap = new MaxHeap<[number, number, number, number]>((x) => x[0], (x, y) => x[1] - y[1] || x[2] - y[2]);
  const push = (a: number, b: number) => {
    const score = linkage(a, b);
    if (score >= options.threshold) heap.push([score, Math.min(a, b), Math.max(a, b), version[a]! + version[b]!]);
  };
  const linkage = (a: number, b: number) => dotSparse(sums[a]!, sums[b]!) / (members[a]!.length * members[b]!.length);
  // Two single articles' linkage is their cosine, which their edge carries (the same
  // products in the same order as `dotSparse`, so the same value): at 100k articles most
  // candidate pairs are of two single articles, and the merges to recompute it were a
  // large part of clustering. Other pairs of clusters are computed.
  const single = (c: number) => members[c]!.length === 1;
  for (const [a, b, score] of edges) {
    const ca = clusterOf[a]!;
    const cb = clusterOf[b]!;
    if (ca < 0 || cb < 0 || ca === cb || !single(ca) || !single(cb)) continue;
    if (score >= options.threshold) heap.push([score, Math.min(ca, cb), Math.max(ca, cb), 0]);
  }
  for (let c = 0; c < groups.length; c++) for (const d of neighbours[c]!) if (c < d && !(single(c) && single(d))) push(c, d);

  const merges: ClusterMerge[] = [];
  // Where a merged-away cluster went (b → a), so old heap entries can be redirected.
  const into = groups.map((_, c) => c);
  const root = (c: number) => {
    while (into[c] !== c) c = into[c] = into[into[c]!]!;
    return c;
  };
  const merge = (a: number, b: number, score: number, attached: boolean) => {
    into[b] = a;
    merges.push({ left: members[a]!, right: members[b]!, score, ...(attached ? { attached } : {}) });
    // b joins a.
    members[a] = [...members[a]!, ...members[b]!];
    sums[a] = addSparse(sums[a]!, sums[b]!);
    members[b] = null;
    sums[b] = null;
    version[a]! += 1 + version[b]!;
    for (const x of neighbours[b]!) {
      neighbours[x]!.delete(b);
      if (x !== a) {
        neighbours[x]!.add(a);
        neighbours[a]!.add(x);
      }
    }
    neighbours[a]!.delete(b);
    neighbours[b]!.clear();
  };
  // The average linkage of A∪B to X lies between those of A and of B, so an entry made
  // before a merge is an upper bound of the true value: it is recomputed only when it
  // reaches the top of the heap, not for every neighbour at every merge.
  for (let top = heap.pop(); top; top = heap.pop()) {
    const [score, a0, b0, stamp] = top;
    const a = root(a0);
    const b = root(b0);
    if (a === b) continue;
    if (a !== a0 || b !== b0 || stamp !== version[a]! + version[b]!) {
      push(a, b);
      continue;
    }
    if (options.canMerge && !options.canMerge(members[a]!, members[b]!)) continue;
    merge(a, b, score, false);
  }

  const attach = options.attach;
  if (attach) {
    const proposals: Array<[number, number, number]> = [];
    members.forEach((m, c) => {
      if (!m || !attach.isLoose(m)) return;
      let best: [number, number, number] | null = null;
      for (const x of neighbours[c]!) {
        const other = members[x];
        if (!other || !attach.isAnchor(other)) continue;
        if (options.canMerge && !options.canMerge(other, m)) continue;
        const score = linkage(c, x);
        if (score >= attach.threshold && (!best || score > best[0] || (score === best[0] && x < best[2]))) best = [score, c, x];
      }
      if (best) proposals.push(best);
    });
    proposals.sort((p, q) => q[0] - p[0] || p[1] - q[1]);
    for (const [, loose, anchor] of proposals) {
      // An anchor keeps its index when a loose cluster joins it, but may have grown: re-check.
      if (!members[loose] || !members[anchor] || (options.canMerge && !options.canMerge(members[anchor]!, members[loose]!))) continue;
      merge(anchor, loose, linkage(anchor, loose), true);
    }
  }
  return { clusters: members.filter((m): m is number[] => m !== null), merges };
}

/** A sum of unit vectors: ascending ids, summed weights. A single article's is its own vector. */
interface Summed {
  ids: Uint32Array;
  weights: Float32Array | Float64Array;
}

const EMPTY_SUM: Summed = { ids: new Uint32Array(0), weights: new Float64Array(0) };

/** a + b, by one merge of the two sorted id lists. */
function addSparse(a: Summed, b: Summed): Summed {
  const ids = new Uint32Array(a.ids.length + b.ids.length);
  const weights = new Float64Array(ids.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.ids.length || j < b.ids.length) {
    const x = i < a.ids.length ? a.ids[i]! : Infinity;
    const y = j < b.ids.length ? b.ids[j]! : Infinity;
    if (x === y) (ids[k] = x), (weights[k++] = a.weights[i++]! + b.weights[j++]!);
    else if (x < y) (ids[k] = x), (weights[k++] = a.weights[i++]!);
    else (ids[k] = y), (weights[k++] = b.weights[j++]!);
  }
  return { ids: ids.slice(0, k), weights: weights.slice(0, k) };
}

/**
 * a · b. Two lists of similar length are merged; a short one against a long
 * one (an article against a big story) looks its ids up by binary search.
 */
function dotSparse(a: Summed, b: Summed): number {
  const [small, large] = a.ids.length <= b.ids.length ? [a, b] : [b, a];
  let dot = 0;
  if (small.ids.length * 8 < large.ids.length) {
    let low = 0;
    for (let i = 0; i < small.ids.length; i++) {
      const id = small.ids[i]!;
      let high = large.ids.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (large.ids[mid]! < id) low = mid + 1;
        else high = mid;
      }
      if (low < large.ids.length && large.ids[low] === id) dot += small.weights[i]! * large.weights[low]!;
    }
    return dot;
  }
  let i = 0;
  let j = 0;
  while (i < small.ids.length && j < large.ids.length) {
    const x = small.ids[i]!;
    const y = large.ids[j]!;
    if (x === y) dot += small.weights[i++]! * large.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

/** A binary max-heap; ties broken by `tie` so the order (and the result) is deterministic. */
class MaxHeap<T> {
  private readonly items: T[] = [];
  constructor(
    private readonly key: (item: T) => number,
    private readonly tie: (a: T, b: T) => number,
  ) {}

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < items.length && this.before(items[l]!, items[best]!)) best = l;
        if (r < items.length && this.before(items[r]!, items[best]!)) best = r;
        if (best === i) break;
        [items[i], items[best]] = [items[best]!, items[i]!];
        i = best;
      }
    }
    return top;
  }

  private before(a: T, b: T): boolean {
    const d = this.key(a) - this.key(b);
    return d > 0 || (d === 0 && this.tie(a, b) < 0);
  }
}

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
import type { MergeRule } from './merge-rule.ts';
import type { PairList } from './pair-list.ts';
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
  /**
   * May two clusters become one (e.g. their dates within the window)? Kept per cluster and
   * updated at each merge (merge-rule.ts), so asking costs O(1) whatever the clusters' sizes.
   * It also tells which clusters `attach` moves.
   */
  rule?: MergeRule;
  /**
   * After clustering, each "loose" cluster (`rule.isLoose`, e.g. no member dated) still alone
   * joins its most similar "anchor" cluster (`rule.isAnchor`, e.g. one with a date) when their
   * linkage reaches this lower threshold.
   */
  attach?: { threshold: number };
}

/**
 * Clusters `groups` (each a list of item indices already known to be one: duplicates),
 * joined by `edges` between items. Returns the clusters and the merges made, in order.
 *
 * The order of merges is that of a max-heap of linkages, ties by the smaller then the larger
 * cluster number; an entry made before one of its clusters grew is an upper bound and is
 * recomputed when it reaches the top. Everything below keeps exactly that order (the
 * stories and messages depend on it), only the bookkeeping is cheaper: the heap is typed
 * arrays, members are linked lists turned into arrays once at the end, and clusters' sums
 * are grown in place (see `addInto`).
 */
export function averageLinkClusters(
  vectors: readonly SparseVector[],
  groups: readonly number[][],
  edges: PairList,
  options: ClusterOptions,
): { clusters: number[][]; merges: ClusterMerge[] } {
  const n = groups.length;
  const rule = options.rule;
  rule?.reset(n);
  const clusterOf = new Int32Array(vectors.length).fill(-1);
  // Members as linked lists: b joining a appends b's list to a's, so a cluster's members are
  // always in the order the old `[...a, ...b]` gave, and a merge costs O(1), not O(size).
  const head = new Int32Array(n);
  const tail = new Int32Array(n);
  const next = new Int32Array(vectors.length).fill(-1);
  const size = new Int32Array(n);
  // A single article's sum is its own vector: buffers are made only for groups and clusters
  // that grow, so 100k mostly-alone articles do not each carry one.
  const sums: Array<Summed | null> = new Array(n);
  const version = new Int32Array(n);
  for (let c = 0; c < n; c++) {
    const g = groups[c]!;
    for (let k = 0; k < g.length; k++) {
      const i = g[k]!;
      clusterOf[i] = c;
      if (k > 0) next[g[k - 1]!] = i;
    }
    head[c] = g[0]!;
    tail[c] = g[g.length - 1]!;
    size[c] = g.length;
    let sum: Summed = EMPTY_SUM;
    for (const i of g) sum = sum === EMPTY_SUM ? vectorSum(vectors[i]!) : addSparse(sum, vectorSum(vectors[i]!));
    sums[c] = sum;
    rule?.start(c, g);
  }
  const heap = new LinkageHeap();
  const linkage = (a: number, b: number) => dotSparse(sums[a]!, sums[b]!) / (size[a]! * size[b]!);
  const push = (a: number, b: number) => {
    const score = linkage(a, b);
    if (score >= options.threshold) heap.push(score, Math.min(a, b), Math.max(a, b), version[a]! + version[b]!);
  };
  // Two single articles' linkage is their cosine, which their edge carries (the same
  // products in the same order as `dotSparse`, so the same value): at 100k articles most
  // candidate pairs are of two single articles. Pairs involving a group are computed, once
  // per pair of clusters (the order of pushes does not matter: the heap orders by value).
  const pushed = new Set<number>();
  for (let k = 0; k < edges.length; k++) {
    const score = edges.score[k]!;
    const ca = clusterOf[edges.a[k]!]!;
    const cb = clusterOf[edges.b[k]!]!;
    if (ca < 0 || cb < 0 || ca === cb) continue;
    if (rule?.never(ca, cb)) continue;
    if (size[ca] === 1 && size[cb] === 1) {
      if (score >= options.threshold) heap.push(score, Math.min(ca, cb), Math.max(ca, cb), 0);
      continue;
    }
    const key = Math.min(ca, cb) * n + Math.max(ca, cb);
    if (pushed.has(key)) continue;
    pushed.add(key);
    push(ca, cb);
  }

  // Merges as (a, b, sizes then); their member arrays are cut from the final lists at the end.
  const mergeA: number[] = [];
  const mergeB: number[] = [];
  const mergeSizeA: number[] = [];
  const mergeSizeB: number[] = [];
  const mergeScore: number[] = [];
  const mergeAttached: boolean[] = [];
  // Where a merged-away cluster went (b → a), so old heap entries can be redirected.
  const into = new Int32Array(n).map((_, c) => c);
  const root = (c: number) => {
    while (into[c] !== c) c = into[c] = into[into[c]!]!;
    return c;
  };
  const merge = (a: number, b: number, score: number, attached: boolean) => {
    into[b] = a;
    mergeA.push(a);
    mergeB.push(b);
    mergeSizeA.push(size[a]!);
    mergeSizeB.push(size[b]!);
    mergeScore.push(score);
    mergeAttached.push(attached);
    // b joins a.
    next[tail[a]!] = head[b]!;
    tail[a] = tail[b]!;
    size[a]! += size[b]!;
    sums[a] = addInto(sums[a]!, sums[b]!);
    sums[b] = null;
    version[a]! += 1 + version[b]!;
    rule?.join(a, b);
  };
  // The average linkage of A∪B to X lies between those of A and of B, so an entry made
  // before a merge is an upper bound of the true value: it is recomputed only when it
  // reaches the top of the heap, not for every neighbour at every merge.
  while (heap.length > 0) {
    const score = heap.topScore();
    const a0 = heap.topA();
    const b0 = heap.topB();
    const stamp = heap.topStamp();
    heap.pop();
    const a = root(a0);
    const b = root(b0);
    if (a === b) continue;
    if (a !== a0 || b !== b0 || stamp !== version[a]! + version[b]!) {
      // An entry of two clusters that can never join leads to no merge, however often it is
      // recomputed (every later entry it becomes is of clusters holding these two): dropped.
      // At 30k articles over 110 days two thirds of the stale entries were of such pairs.
      if (!rule?.never(a, b)) push(a, b);
      continue;
    }
    if (rule && !rule.allows(a, b)) continue;
    merge(a, b, score, false);
  }

  const attach = options.attach;
  if (attach && rule) {
    // A loose cluster's neighbours: the clusters its members' edges now lead to. (Kept as
    // sets through the merges before; only this step reads them, for the few loose clusters.)
    const neighbours = new Map<number, Set<number>>();
    for (let k = 0; k < edges.length; k++) {
      const a = edges.a[k]!;
      const b = edges.b[k]!;
      if (clusterOf[a]! < 0 || clusterOf[b]! < 0) continue;
      const ca = root(clusterOf[a]!);
      const cb = root(clusterOf[b]!);
      if (ca === cb) continue;
      for (const [x, y] of [[ca, cb], [cb, ca]] as const) {
        if (!rule.isLoose(x)) continue;
        let set = neighbours.get(x);
        if (!set) neighbours.set(x, (set = new Set()));
        set.add(y);
      }
    }
    const proposals: Array<[number, number, number]> = [];
    for (let c = 0; c < n; c++) {
      if (root(c) !== c || !rule.isLoose(c)) continue;
      let best: [number, number, number] | null = null;
      for (const x of neighbours.get(c) ?? []) {
        if (!rule.isAnchor(x) || !rule.allows(x, c)) continue;
        const score = linkage(c, x);
        if (score >= attach.threshold && (!best || score > best[0] || (score === best[0] && x < best[2]))) best = [score, c, x];
      }
      if (best) proposals.push(best);
    }
    proposals.sort((p, q) => q[0] - p[0] || p[1] - q[1]);
    for (const [, loose, anchor] of proposals) {
      // An anchor keeps its index when a loose cluster joins it, but may have grown: re-check.
      if (root(loose) !== loose || root(anchor) !== anchor || !rule.allows(anchor, loose)) continue;
      merge(anchor, loose, linkage(anchor, loose), true);
    }
  }

  // Each final cluster's members in order; every cluster that ever existed is one run of its
  // final cluster's list, starting at `offset` (b's run follows a's at the moment b joined).
  const clusters: number[][] = [];
  const listOf = new Array<number[] | undefined>(n);
  const offset = new Int32Array(n);
  for (let c = 0; c < n; c++) {
    if (into[c] !== c) continue;
    const list: number[] = [];
    for (let i = head[c]!; i >= 0; i = next[i]!) list.push(i);
    listOf[c] = list;
    clusters.push(list);
  }
  for (let m = mergeA.length - 1; m >= 0; m--) offset[mergeB[m]!] = offset[mergeA[m]!]! + mergeSizeA[m]!;
  const merges: ClusterMerge[] = mergeA.map((a, m) => {
    const list = listOf[root(a)]!;
    const start = offset[a]!;
    const middle = start + mergeSizeA[m]!;
    return {
      left: list.slice(start, middle),
      right: list.slice(middle, middle + mergeSizeB[m]!),
      score: mergeScore[m]!,
      ...(mergeAttached[m] ? { attached: true } : {}),
    };
  });
  return { clusters, merges };
}

/**
 * A sum of unit vectors: ascending ids, summed weights, the first `length` entries used. A
 * single article's is its own vector (never written to); a cluster's that has grown is its own
 * buffer, grown in place with spare room (`addInto`), so a big cluster absorbing one article
 * after another does not allocate and copy a new pair of arrays every time.
 */
interface Summed {
  ids: Uint32Array;
  weights: Float32Array | Float64Array;
  length: number;
  /** True when this sum's arrays belong to it (a cluster's), false for an article's own vector. */
  owned: boolean;
}

const EMPTY_SUM: Summed = { ids: new Uint32Array(0), weights: new Float64Array(0), length: 0, owned: false };

function vectorSum(v: SparseVector): Summed {
  return { ids: v.ids, weights: v.weights, length: v.ids.length, owned: false };
}

/** a + b as a new sum, by one merge of the two sorted id lists. */
function addSparse(a: Summed, b: Summed, capacity = a.length + b.length): Summed {
  const ids = new Uint32Array(Math.max(capacity, a.length + b.length));
  const weights = new Float64Array(ids.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a.ids[i]! : Infinity;
    const y = j < b.length ? b.ids[j]! : Infinity;
    if (x === y) (ids[k] = x), (weights[k++] = a.weights[i++]! + b.weights[j++]!);
    else if (x < y) (ids[k] = x), (weights[k++] = a.weights[i++]!);
    else (ids[k] = y), (weights[k++] = b.weights[j++]!);
  }
  return { ids, weights, length: k, owned: true };
}

/**
 * a + b, written into a's buffer when a owns one with room (merged from the back, so nothing is
 * overwritten before it is read); otherwise a new buffer with room to grow. Each weight is
 * a's + b's, as `addSparse` adds them: the same values to the last bit.
 */
function addInto(a: Summed, b: Summed): Summed {
  if (a === EMPTY_SUM) return b;
  // Ids of b not in a: the union's length.
  let fresh = 0;
  for (let i = 0, j = 0; j < b.length; ) {
    if (i >= a.length || b.ids[j]! < a.ids[i]!) (fresh++, j++);
    else if (b.ids[j] === a.ids[i]) (i++, j++);
    else i++;
  }
  const total = a.length + fresh;
  if (!a.owned || total > a.ids.length) return addSparse(a, b, Math.max(total * 2, 64));
  const ids = a.ids;
  const weights = a.weights;
  let i = a.length - 1;
  let j = b.length - 1;
  let k = total - 1;
  while (j >= 0) {
    const x = i >= 0 ? ids[i]! : -1;
    const y = b.ids[j]!;
    if (x > y) (ids[k] = x), (weights[k--] = weights[i--]!);
    else if (x === y) (ids[k] = x), (weights[k--] = weights[i--]! + b.weights[j--]!);
    else (ids[k] = y), (weights[k--] = b.weights[j--]!);
  }
  a.length = total;
  return a;
}

/**
 * a · b, the products summed in ascending id order (so the same value whichever way it is
 * found). Two lists of similar length are merged; a short one against a long one (an
 * article against a big story) looks its ids up by binary search.
 */
function dotSparse(a: Summed, b: Summed): number {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  let dot = 0;
  const largeIds = large.ids;
  const largeLength = large.length;
  if (small.length * 8 < largeLength) {
    let low = 0;
    for (let i = 0; i < small.length; i++) {
      const id = small.ids[i]!;
      let high = largeLength;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (largeIds[mid]! < id) low = mid + 1;
        else high = mid;
      }
      if (low < largeLength && largeIds[low] === id) dot += small.weights[i]! * large.weights[low]!;
    }
    return dot;
  }
  let i = 0;
  let j = 0;
  while (i < small.length && j < largeLength) {
    const x = small.ids[i]!;
    const y = largeIds[j]!;
    if (x === y) dot += small.weights[i++]! * large.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

/**
 * A binary max-heap of (linkage, cluster a, cluster b, stamp) in typed arrays (no tuple per
 * entry: at 100k articles the heap sees millions of pushes). Order: linkage, then the smaller
 * a, then the smaller b — the stamp is not compared; entries equal in all three lead to the
 * same merge whichever pops first.
 */
class LinkageHeap {
  private score = new Float64Array(1024);
  private a = new Int32Array(1024);
  private b = new Int32Array(1024);
  private stamp = new Int32Array(1024);
  length = 0;

  topScore(): number {
    return this.score[0]!;
  }
  topA(): number {
    return this.a[0]!;
  }
  topB(): number {
    return this.b[0]!;
  }
  topStamp(): number {
    return this.stamp[0]!;
  }

  push(score: number, a: number, b: number, stamp: number): void {
    if (this.length === this.score.length) this.grow();
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.beats(score, a, b, parent)) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, score, a, b, stamp);
  }

  pop(): void {
    const last = --this.length;
    if (last === 0) return;
    const score = this.score[last]!;
    const a = this.a[last]!;
    const b = this.b[last]!;
    const stamp = this.stamp[last]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      const child = r < last && this.beats(this.score[r]!, this.a[r]!, this.b[r]!, l) ? r : l;
      if (!this.childBeats(child, score, a, b)) break;
      this.move(child, i);
      i = child;
    }
    this.set(i, score, a, b, stamp);
  }

  /** Does (score, a, b) come before the entry at `j`? */
  private beats(score: number, a: number, b: number, j: number): boolean {
    const s = this.score[j]!;
    return score > s || (score === s && (a < this.a[j]! || (a === this.a[j]! && b < this.b[j]!)));
  }

  /** Does the entry at `j` come before (score, a, b)? */
  private childBeats(j: number, score: number, a: number, b: number): boolean {
    const s = this.score[j]!;
    return s > score || (s === score && (this.a[j]! < a || (this.a[j] === a && this.b[j]! < b)));
  }

  private move(from: number, to: number): void {
    this.score[to] = this.score[from]!;
    this.a[to] = this.a[from]!;
    this.b[to] = this.b[from]!;
    this.stamp[to] = this.stamp[from]!;
  }

  private set(i: number, score: number, a: number, b: number, stamp: number): void {
    this.score[i] = score;
    this.a[i] = a;
    this.b[i] = b;
    this.stamp[i] = stamp;
  }

  private grow(): void {
    const size = this.score.length * 2;
    const grow = <T extends Float64Array | Int32Array>(old: T, made: T): T => (made.set(old), made);
    this.score = grow(this.score, new Float64Array(size));
    this.a = grow(this.a, new Int32Array(size));
    this.b = grow(this.b, new Int32Array(size));
    this.stamp = grow(this.stamp, new Int32Array(size));
  }
}

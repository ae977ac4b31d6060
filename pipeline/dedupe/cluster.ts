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
import { mix32 } from './minhash.ts';
import type { MergeRule } from './merge-rule.ts';
import type { PairList } from './pair-list.ts';
import type { SparseVector } from './vectors.ts';

export interface ClusterMerge {
  /** Members (input item indices) of the two clusters joined. */
  left: number[];
  right: number[];
  /** Average cosine between them when joined (for commentary attached, that of their closest pair). */
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
   * joins its most similar "anchor" cluster (`rule.attaches`, e.g. one with a date) when their
   * linkage (or closest pair, `rule.byClosestPair`) reaches this lower threshold.
   */
  attach?: {
    threshold: number;
    /** The bar for a loose cluster judged by its closest pair (`rule.byClosestPair`); `threshold` when not given. */
    closestPairThreshold?: number;
  };
}

/**
 * A main-loop cluster (before `attach`) as the next run can take it back whole
 * (cluster-memory.ts): its members in order, and the merges that made it, oldest first,
 * each joining the runs `[start, start + left)` and `[start + left, start + left + right)`
 * of `members` (every cluster that ever existed is one run of its final list).
 */
export interface LoopCluster {
  members: number[];
  merges: LoopMerge[];
}

export interface LoopMerge {
  start: number;
  left: number;
  right: number;
  score: number;
  /**
   * When the merge happened: the last entry popped in the heap's order before it (its linkage
   * `level` and two clusters, each named by its first item, `levelA` < `levelB` by cluster
   * number), the merge's own entry or, when a recomputed entry came out above what was already
   * popped and was popped at once, the entry whose recomputing made it. No two merges have
   * the same, and merges happen in the heap's order of them — which their scores do not say.
   */
  level: number;
  levelA: number;
  levelB: number;
}

/**
 * Clusters `groups` (each a list of item indices already known to be one: duplicates),
 * joined by `edges` between items. Returns the clusters and the merges made, in order;
 * with `keepLoop`, also the clusters as the main loop left them, before `attach`.
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
  options: ClusterOptions & { keepLoop?: boolean },
): { clusters: number[][]; merges: ClusterMerge[]; loop?: LoopCluster[] } {
  const state = new ClusterState(vectors, groups, options.rule);
  const { n, size, version } = state;
  const rule = options.rule;
  for (let c = 0; c < n; c++) state.sums[c] = groupSum(vectors, groups[c]!);
  const heap = new LinkageHeap();
  const push = (a: number, b: number) => {
    const score = state.linkage(a, b);
    if (score >= options.threshold) heap.push(score, Math.min(a, b), Math.max(a, b), version[a]! + version[b]!);
  };
  // Two single articles' linkage is their cosine, which their edge carries (the same
  // products in the same order as `dotSparse`, so the same value): at 100k articles most
  // candidate pairs are of two single articles. Pairs involving a group are computed, once
  // per pair of clusters (the order of pushes does not matter: the heap orders by value).
  const evaluated = new PairStamps();
  const clusterOf = state.clusterOf;
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
    if (!evaluated.record(Math.min(ca, cb), Math.max(ca, cb), 0)) continue;
    push(ca, cb);
  }

  // The average linkage of A∪B to X lies between those of A and of B, so an entry made
  // before a merge is an upper bound of the true value: it is recomputed only when it
  // reaches the top of the heap, not for every neighbour at every merge.
  // The last entry popped in the heap's order (see `LoopMerge.level`).
  let level = Infinity;
  let levelA = -1;
  let levelB = -1;
  while (heap.length > 0) {
    const score = heap.topScore();
    const a0 = heap.topA();
    const b0 = heap.topB();
    const stamp = heap.topStamp();
    heap.pop();
    if (!(score > level || (score === level && (a0 < levelA || (a0 === levelA && b0 < levelB))))) (level = score), (levelA = a0), (levelB = b0);
    const a = state.root(a0);
    const b = state.root(b0);
    if (a === b) continue;
    if (a !== a0 || b !== b0 || stamp !== version[a]! + version[b]!) {
      // An entry of two clusters that can never join leads to no merge, however often it is
      // recomputed (every later entry it becomes is of clusters holding these two): dropped.
      // At 30k articles over 110 days two thirds of the stale entries were of such pairs.
      // Several stale entries often lead to the same two clusters as they are now (each
      // member of a grown cluster had its own entry with a neighbour): the linkage is
      // computed and pushed once for them. The copies it saves would have popped next to
      // it with the same key, and led to the same merge or refusal (a year's new day: 74k
      // of 679k linkages).
      if (!rule?.never(a, b) && evaluated.record(Math.min(a, b), Math.max(a, b), version[a]! + version[b]!)) push(a, b);
      continue;
    }
    if (rule && !rule.allows(a, b)) continue;
    state.merge(a, b, score, false, level, groups[levelA]![0]!, groups[levelB]![0]!);
  }
  const loop = options.keepLoop ? state.loopClusters() : undefined;
  if (options.attach && rule) attachLoose(state, edges, rule, options.attach);
  return { ...state.result(), ...(loop ? { loop } : {}) };
}

/**
 * The clusters and merges `averageLinkClusters` returns, from its main loop's clusters
 * (`loop`, each as `keepLoop` gives them: found in any order, by any means) and `attach`
 * done again. `loop` must hold every item of `groups`, each of its clusters made of whole
 * groups, its merges as the main loop made them (see cluster-memory.ts).
 */
export function finishClusters(
  vectors: readonly SparseVector[],
  groups: readonly number[][],
  edges: PairList,
  loop: readonly LoopCluster[],
  options: ClusterOptions,
): { clusters: number[][]; merges: ClusterMerge[] } {
  const state = new ClusterState(vectors, groups, options.rule);
  state.restore(loop);
  if (options.attach && options.rule) attachLoose(state, edges, options.rule, options.attach);
  return state.result();
}

/**
 * After the main loop, each "loose" cluster still alone joins its most similar "anchor"
 * cluster at the lower `threshold` (see `ClusterOptions.attach`): by their average linkage,
 * or by their closest pair where the rule says so (`MergeRule.byClosestPair`: commentary).
 */
function attachLoose(state: ClusterState, edges: PairList, rule: MergeRule, bars: NonNullable<ClusterOptions['attach']>): void {
  const { n, clusterOf } = state;
  // A loose cluster's neighbours: the clusters its members' edges now lead to, each with the
  // cosine of the closest pair between them. (Only this step reads them, for the few loose clusters.)
  const neighbours = new Map<number, Map<number, number>>();
  for (let k = 0; k < edges.length; k++) {
    const a = edges.a[k]!;
    const b = edges.b[k]!;
    if (clusterOf[a]! < 0 || clusterOf[b]! < 0) continue;
    const ca = state.root(clusterOf[a]!);
    const cb = state.root(clusterOf[b]!);
    if (ca === cb) continue;
    // Both ways, written out: a loop over `[[ca, cb], [cb, ca]]` made three arrays an edge (241 MB of a year's new day).
    if (rule.isLoose(ca)) closer(neighbours, ca, cb, edges.score[k]!);
    if (rule.isLoose(cb)) closer(neighbours, cb, ca, edges.score[k]!);
  }
  const proposals: Array<[number, number, number]> = [];
  for (let c = 0; c < n; c++) {
    if (state.root(c) !== c || !rule.isLoose(c)) continue;
    const closest = rule.byClosestPair?.(c) === true;
    const threshold = closest ? (bars.closestPairThreshold ?? bars.threshold) : bars.threshold;
    let best: [number, number, number] | null = null;
    for (const [x, pair] of neighbours.get(c) ?? []) {
      if (!rule.attaches(x, c)) continue;
      const score = closest ? pair : state.linkage(c, x);
      if (score >= threshold && (!best || score > best[0] || (score === best[0] && x < best[2]))) best = [score, c, x];
    }
    if (best) proposals.push(best);
  }
  proposals.sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  for (const [score, loose, anchor] of proposals) {
    // An anchor keeps its index when a loose cluster joins it, but may have grown: re-check.
    if (state.root(loose) !== loose || state.root(anchor) !== anchor || !rule.attaches(anchor, loose)) continue;
    state.merge(anchor, loose, rule.byClosestPair?.(loose) === true ? score : state.linkage(anchor, loose), true);
  }
}

/** Keeps, for the loose cluster `loose`, the closest pair's cosine with its neighbour `other`. */
function closer(neighbours: Map<number, Map<number, number>>, loose: number, other: number, score: number): void {
  let map = neighbours.get(loose);
  if (!map) neighbours.set(loose, (map = new Map()));
  const known = map.get(other);
  if (known === undefined || score > known) map.set(other, score);
}

/**
 * The clusters while they are joined: members as linked lists (b joining a appends b's list
 * to a's, so a cluster's members are always in the order the old `[...a, ...b]` gave, and a
 * merge costs O(1), not O(size)), each root's sum of vectors, the date rule's facts, and the
 * merges made, as (a, b, sizes then): their member arrays are cut from the final lists at the end.
 */
class ClusterState {
  readonly n: number;
  readonly clusterOf: Int32Array;
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly next: Int32Array;
  readonly size: Int32Array;
  /**
   * A single article's sum is its own vector: buffers are made only for groups and clusters
   * that grow, so 100k mostly-alone articles do not each carry one. Null: not known yet
   * (`sumOf` makes it, for a state restored from loop clusters) or merged away.
   */
  readonly sums: Array<Summed | null>;
  readonly version: Int32Array;
  /** Where a merged-away cluster went (b → a), so old heap entries can be redirected. */
  private readonly into: Int32Array;
  private readonly mergeA: number[] = [];
  private readonly mergeB: number[] = [];
  private readonly mergeSizeA: number[] = [];
  private readonly mergeSizeB: number[] = [];
  private readonly mergeScore: number[] = [];
  /** Each main-loop merge's `LoopMerge.level`, `levelA` and `levelB`. */
  private readonly mergeLevel: number[] = [];
  private readonly mergeLevelA: number[] = [];
  private readonly mergeLevelB: number[] = [];
  private readonly mergeAttached: boolean[] = [];
  /** For a restored state: each root's loop cluster, to make its sum on demand. */
  private restored: Map<number, LoopCluster> | null = null;

  constructor(
    private readonly vectors: readonly SparseVector[],
    private readonly groups: readonly number[][],
    private readonly rule: MergeRule | undefined,
  ) {
    const n = (this.n = groups.length);
    rule?.reset(n);
    this.clusterOf = new Int32Array(vectors.length).fill(-1);
    this.head = new Int32Array(n);
    this.tail = new Int32Array(n);
    this.next = new Int32Array(vectors.length).fill(-1);
    this.size = new Int32Array(n);
    this.sums = new Array(n).fill(null);
    this.version = new Int32Array(n);
    this.into = new Int32Array(n).map((_, c) => c);
    for (let c = 0; c < n; c++) {
      const g = groups[c]!;
      for (let k = 0; k < g.length; k++) {
        const i = g[k]!;
        this.clusterOf[i] = c;
        if (k > 0) this.next[g[k - 1]!] = i;
      }
      this.head[c] = g[0]!;
      this.tail[c] = g[g.length - 1]!;
      this.size[c] = g.length;
      rule?.start(c, g);
    }
  }

  root(c: number): number {
    const into = this.into;
    while (into[c] !== c) c = into[c] = into[into[c]!]!;
    return c;
  }

  linkage(a: number, b: number): number {
    return dotSparse(this.sumOf(a), this.sumOf(b)) / (this.size[a]! * this.size[b]!);
  }

  /** b joins a. */
  merge(a: number, b: number, score: number, attached: boolean, level = -Infinity, levelA = -1, levelB = -1): void {
    this.into[b] = a;
    this.log(a, b, this.size[a]!, this.size[b]!, score, attached, level, levelA, levelB);
    this.next[this.tail[a]!] = this.head[b]!;
    this.tail[a] = this.tail[b]!;
    this.size[a]! += this.size[b]!;
    this.sums[a] = addInto(this.sumOf(a), this.sumOf(b));
    this.sums[b] = null;
    this.version[a]! += 1 + this.version[b]!;
    this.rule?.join(a, b);
  }

  private log(a: number, b: number, sizeA: number, sizeB: number, score: number, attached: boolean, level: number, levelA: number, levelB: number): void {
    this.mergeA.push(a);
    this.mergeB.push(b);
    this.mergeSizeA.push(sizeA);
    this.mergeSizeB.push(sizeB);
    this.mergeScore.push(score);
    this.mergeAttached.push(attached);
    this.mergeLevel.push(level);
    this.mergeLevelA.push(levelA);
    this.mergeLevelB.push(levelB);
  }

  private sumOf(c: number): Summed {
    const known = this.sums[c];
    if (known) return known;
    const cluster = this.restored?.get(c);
    if (!cluster) throw new Error(`cluster ${c} has no sum`);
    // As the main loop grew it: its groups' sums, added merge by merge in the order made (floating-point
    // sums depend on the order; the linkages `attach` computes from it must be the main loop's to the last bit).
    const groupAt = (item: number) => this.groups[this.clusterOf[item]!]!;
    const sum = foldHistory(
      cluster,
      (item) => groupAt(item).length,
      (start) => groupSum(this.vectors, groupAt(cluster.members[start]!)),
      (left, right) => addInto(left, right),
    );
    return (this.sums[c] = sum);
  }

  /** Each root's members in order, and the merges (with their runs) that made it. */
  loopClusters(): LoopCluster[] {
    const offset = new Int32Array(this.n);
    for (let m = this.mergeA.length - 1; m >= 0; m--) offset[this.mergeB[m]!] = offset[this.mergeA[m]!]! + this.mergeSizeA[m]!;
    const byRoot = new Map<number, LoopCluster>();
    for (let c = 0; c < this.n; c++) if (this.into[c] === c) byRoot.set(c, { members: this.listOf(c), merges: [] });
    for (let m = 0; m < this.mergeA.length; m++) {
      const a = this.mergeA[m]!;
      byRoot.get(this.root(a))!.merges.push({
        start: offset[a]!,
        left: this.mergeSizeA[m]!,
        right: this.mergeSizeB[m]!,
        score: this.mergeScore[m]!,
        level: this.mergeLevel[m]!,
        levelA: this.mergeLevelA[m]!,
        levelB: this.mergeLevelB[m]!,
      });
    }
    return [...byRoot.values()];
  }

  /**
   * The state the main loop would have left with these clusters: each cluster's number is its
   * first member's group (a merge keeps the smaller number, and that group's members come first),
   * and the merges logged in the order the main loop made them (by `LoopMerge.level`; clusters
   * `attach` joins later have their merges' messages in that order).
   */
  restore(loop: readonly LoopCluster[]): void {
    this.restored = new Map();
    const made: Array<{ cluster: LoopCluster; merge: LoopMerge; a: number; b: number }> = [];
    for (const cluster of loop) {
      const members = cluster.members;
      const c = this.clusterOf[members[0]!]!;
      this.restored.set(c, cluster);
      for (let k = 1; k < members.length; k++) this.next[members[k - 1]!] = members[k]!;
      this.next[members[members.length - 1]!] = -1;
      this.head[c] = members[0]!;
      this.tail[c] = members[members.length - 1]!;
      this.size[c] = members.length;
      for (const merge of cluster.merges) {
        const b = this.clusterOf[members[merge.start + merge.left]!]!;
        this.into[b] = c;
        this.rule?.join(c, b);
        made.push({ cluster, merge, a: this.clusterOf[members[merge.start]!]!, b });
      }
    }
    const level = made.map(({ merge }) => [merge.level, this.clusterOf[merge.levelA]!, this.clusterOf[merge.levelB]!] as const);
    const order = made.map((_, m) => m).sort((x, y) => {
      const [sx, ax, bx] = level[x]!;
      const [sy, ay, by] = level[y]!;
      return sy - sx || ax - ay || bx - by;
    });
    for (const m of order) {
      const { merge, a, b } = made[m]!;
      this.log(a, b, merge.left, merge.right, merge.score, false, merge.level, merge.levelA, merge.levelB);
    }
  }

  private listOf(c: number): number[] {
    const list: number[] = [];
    for (let i = this.head[c]!; i >= 0; i = this.next[i]!) list.push(i);
    return list;
  }

  /**
   * Each final cluster's members in order; every cluster that ever existed is one run of its
   * final cluster's list, starting at `offset` (b's run follows a's at the moment b joined).
   */
  result(): { clusters: number[][]; merges: ClusterMerge[] } {
    const clusters: number[][] = [];
    const listOf = new Array<number[] | undefined>(this.n);
    const offset = new Int32Array(this.n);
    for (let c = 0; c < this.n; c++) {
      if (this.into[c] !== c) continue;
      const list = this.listOf(c);
      listOf[c] = list;
      clusters.push(list);
    }
    for (let m = this.mergeA.length - 1; m >= 0; m--) offset[this.mergeB[m]!] = offset[this.mergeA[m]!]! + this.mergeSizeA[m]!;
    const merges: ClusterMerge[] = this.mergeA.map((a, m) => {
      const list = listOf[this.root(a)]!;
      const start = offset[a]!;
      const middle = start + this.mergeSizeA[m]!;
      return {
        left: list.slice(start, middle),
        right: list.slice(middle, middle + this.mergeSizeB[m]!),
        score: this.mergeScore[m]!,
        ...(this.mergeAttached[m] ? { attached: true } : {}),
      };
    });
    return { clusters, merges };
  }
}

/** The sum of a group's vectors, as the main loop starts it. */
export function groupSum(vectors: readonly SparseVector[], group: readonly number[]): Summed {
  let sum: Summed = EMPTY_SUM;
  for (const i of group) sum = sum === EMPTY_SUM ? vectorSum(vectors[i]!) : addSparse(sum, vectorSum(vectors[i]!));
  return sum;
}

/**
 * A loop cluster's history folded from its groups up: `leaf(start, length)` for the run of
 * `members` each group holds, then `join(left, right, merge)` for each merge, oldest first, on
 * the values of the two runs it joins. Returns the whole cluster's value. (The sums `attach`
 * reads and the histories cluster-memory.ts checks are both made this way.)
 */
export function foldHistory<T>(
  cluster: LoopCluster,
  groupLength: (item: number) => number,
  leaf: (start: number, length: number) => T,
  join: (left: T, right: T, merge: LoopMerge) => T,
): T {
  const byStart = new Map<number, T>();
  const members = cluster.members;
  for (let k = 0; k < members.length; ) {
    const length = groupLength(members[k]!);
    byStart.set(k, leaf(k, length));
    k += length;
  }
  for (const merge of cluster.merges) {
    byStart.set(merge.start, join(byStart.get(merge.start)!, byStart.get(merge.start + merge.left)!, merge));
    byStart.delete(merge.start + merge.left);
  }
  return byStart.get(0)!;
}

/**
 * A sum of unit vectors: ascending ids, summed weights, the first `length` entries used. A
 * single article's is its own vector (never written to); a cluster's that has grown is its own
 * buffer, grown in place with spare room (`addInto`), so a big cluster absorbing one article
 * after another does not allocate and copy a new pair of arrays every time.
 */
export interface Summed {
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
export function addSparse(a: Summed, b: Summed, capacity = a.length + b.length): Summed {
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
export function dotSparse(a: Summed, b: Summed): number {
  // Two conditionals, not `[small, large] = … ? [a, b] : [b, a]`: that array was made on every call
  // (264 MB of garbage in a year's new day, sampled), and this runs for every pair clustering scores.
  const small = a.length <= b.length ? a : b;
  const large = small === a ? b : a;
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
 * For each pair of clusters (a < b), the stamp (the sum of their versions) at which their
 * linkage was last computed. A cluster's version grows at each merge it takes part in, so
 * an equal stamp means the same two clusters, the same linkage, and an entry for it already
 * in the heap (or below the bar, or refused when it popped: the same again). Open addressing
 * in typed arrays: a `Set` of a · n + b held each key (above 2^31 at a year) boxed.
 */
class PairStamps {
  private first = new Int32Array(1 << 12).fill(-1);
  private second = new Int32Array(1 << 12);
  private stamp = new Int32Array(1 << 12);
  private size = 0;

  /** Records (a, b) at `stamp`; false when it was recorded at that stamp already. */
  record(a: number, b: number, stamp: number): boolean {
    if (this.size * 2 >= this.first.length) this.grow();
    const mask = this.first.length - 1;
    let slot = mix32(Math.imul(a, 0x9e3779b1) ^ b) & mask;
    while (this.first[slot] !== -1) {
      if (this.first[slot] === a && this.second[slot] === b) {
        if (this.stamp[slot] === stamp) return false;
        this.stamp[slot] = stamp;
        return true;
      }
      slot = (slot + 1) & mask;
    }
    this.first[slot] = a;
    this.second[slot] = b;
    this.stamp[slot] = stamp;
    this.size++;
    return true;
  }

  private grow(): void {
    const { first, second, stamp } = this;
    this.first = new Int32Array(first.length * 2).fill(-1);
    this.second = new Int32Array(first.length * 2);
    this.stamp = new Int32Array(first.length * 2);
    this.size = 0;
    for (let s = 0; s < first.length; s++) if (first[s] !== -1) this.record(first[s]!, second[s]!, stamp[s]!);
  }
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

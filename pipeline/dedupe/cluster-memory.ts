/**
 * Clustering again only where the run changed, with exactly the result of clustering
 * everything (`averageLinkClusters`).
 *
 * The main loop never looks past a candidate edge: two clusters take part in each other's
 * history only through entries of the heap made from edges between them. So the last run's
 * main-loop clusters split the new run in two:
 * - O, the last run's clusters none of whose articles changed (same features, day and id;
 *   same duplicate group; same pairs with the last run's articles). Among themselves they
 *   are joined as they were: their merges are the last run's, taken back.
 * - R, the rest: new articles, changed ones, the last run's clusters that held any of them,
 *   or lost one. R is clustered alone, by the same main loop.
 * Both are what clustering everything gives, unless an entry between an O and an R cluster
 * would have led to a merge. `crossingMerges` looks for any that could: for each edge
 * between them, every pair of clusters holding its two ends that were both there at the same
 * time (by the levels their merges were made at), with a linkage at the bar and at or above
 * the level where either was joined to something else, and allowed by the date rule. Each
 * O cluster of such a pair moves into R, and R is clustered again — until none is left, or
 * R holds more than `MAX_SHARE` of the run, when everything is clustered as before. The
 * check only ever moves too much into R (it assumes an entry for every such pair), so the
 * result is exact; `test/dedupe/cluster-memory.test.ts` compares it with clustering
 * everything on random runs, changed at random.
 *
 * `attach` (loose clusters to their closest anchor) runs over everything again afterwards
 * (`finishClusters`): it is a pass over the edges, cheap beside the main loop.
 */
import { sha256 } from '../common/hash.ts';
import type { StageCache } from '../common/cache.ts';
import { averageLinkClusters, finishClusters, foldHistory, groupSum, addSparse, dotSparse, type ClusterMerge, type ClusterOptions, type LoopCluster, type Summed } from './cluster.ts';
import type { Continuity } from './pair-cache.ts';
import { PairList } from './pair-list.ts';
import { packRuns, unpackRuns } from './packed-runs.ts';
import type { SparseVector } from './vectors.ts';

/** Above this share of the run in R, everything is clustered again: the check would cost more than it saves. */
export const MAX_SHARE = 0.5;
const MAGIC = 0x314d4342; // "BCM1"

/** The last run's main-loop clusters, by that run's article indices. */
export interface ClusterPrior {
  loop: LoopCluster[];
  /** Each article's duplicate group (its number in that run). */
  groupOf: Int32Array;
}

export interface LocalResult {
  clusters: number[][];
  merges: ClusterMerge[];
  loop: LoopCluster[];
  /** Articles clustered again (R), and rounds of the check. */
  reclustered: number;
  rounds: number;
}

/**
 * `averageLinkClusters(vectors, groups, edges, options)` from the last run's main-loop
 * clusters (`prior`) and what changed since (`continuity`): the same clusters and merges.
 * Null when the last run cannot be used (articles reordered, too much changed).
 */
export function clusterLocally(
  vectors: readonly SparseVector[],
  groups: readonly number[][],
  edges: PairList,
  options: ClusterOptions,
  prior: ClusterPrior,
  continuity: Pick<Continuity, 'oldIndex' | 'changed'>,
  maxShare = MAX_SHARE,
): LocalResult | null {
  const n = vectors.length;
  const { oldIndex } = continuity;
  const oldCount = prior.groupOf.length;
  const currentOf = new Int32Array(oldCount).fill(-1);
  // The last run's clusters break ties by group number: its articles must keep their order.
  let last = -1;
  for (let i = 0; i < n; i++) {
    const p = oldIndex[i]!;
    if (p < 0) continue;
    if (p <= last || p >= oldCount) return null;
    currentOf[(last = p)] = i;
  }
  const groupOf = groupNumbers(groups, n);
  if (groupOf.some((g) => g < 0)) return null;

  // Changed articles: new, changed, pairs changed, or in a duplicate group that is not the last run's.
  const changed = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (oldIndex[i]! < 0 || continuity.changed[i]) changed[i] = 1;
  const oldGroupSize = new Map<number, number>();
  for (const g of prior.groupOf) oldGroupSize.set(g, (oldGroupSize.get(g) ?? 0) + 1);
  for (const group of groups) {
    const old = oldIndex[group[0]!]! < 0 ? -1 : prior.groupOf[oldIndex[group[0]!]!]!;
    const same = old >= 0 && oldGroupSize.get(old) === group.length && group.every((i) => oldIndex[i]! >= 0 && prior.groupOf[oldIndex[i]!] === old);
    if (!same) for (const i of group) changed[i] = 1;
  }

  // O: the last run's clusters with nothing changed, in this run's indices; everything else is R.
  // Every last-run cluster whose articles are all here, by its first one: an R cluster found as
  // it was made then as it is now, and its history is the same.
  const inR = new Uint8Array(n).fill(1);
  let o: LoopCluster[] = [];
  const before = new Map<number, LoopCluster>();
  for (const cluster of prior.loop) {
    const members = cluster.members.map((p) => currentOf[p]!);
    if (members.some((i) => i < 0)) continue;
    // A merge's `levelA`/`levelB` name members of its cluster: this run's indices too.
    const mapped = { members, merges: cluster.merges.map((merge) => ({ ...merge, levelA: currentOf[merge.levelA]!, levelB: currentOf[merge.levelB]! })) };
    before.set(members[0]!, mapped);
    if (members.some((i) => changed[i])) continue;
    for (const i of members) inR[i] = 0;
    o.push(mapped);
  }

  // Each article's edges (their indices), to visit R's edges only: R is a few thousand
  // articles of a year's hundred thousand, its edges a few percent of two million.
  const incident = new EdgeIndex(n, edges);
  const state: CheckState = { histories: new Map(), previousR: new Map(), seen: new Set(), keys: { next: 0 } };
  for (let round = 1; ; round++) {
    const rArticles: number[] = [];
    for (let i = 0; i < n; i++) if (inR[i]) rArticles.push(i);
    if (rArticles.length > maxShare * n) return null;
    const rGroups = groups.filter((group) => inR[group[0]!]);
    const within: number[] = [];
    const crossing: number[] = [];
    for (const i of rArticles) {
      for (const k of incident.of(i)) {
        const j = edges.a[k] === i ? edges.b[k]! : edges.a[k]!;
        if (!inR[j]) crossing.push(k);
        else if (j > i) within.push(k);
      }
    }
    const rEdges = new PairList(within.length);
    for (const k of within.sort((x, y) => x - y)) rEdges.push(edges.a[k]!, edges.b[k]!, edges.score[k]!);
    const r = averageLinkClusters(vectors, rGroups, rEdges, { threshold: options.threshold, ...(options.rule ? { rule: options.rule } : {}), keepLoop: true }).loop!;
    const asBefore = r.map((cluster) => sameCluster(cluster, before.get(cluster.members[0]!)));
    const moved = crossingMerges({ vectors, groups, groupOf, edges, crossing, inR, o, r, asBefore, state }, options);
    if (moved.size === 0) {
      const loop = [...o, ...r];
      return { ...finishClusters(vectors, groups, edges, loop, options), loop, reclustered: rArticles.length, rounds: round };
    }
    o = o.filter((cluster, c) => {
      if (!moved.has(c)) return true;
      for (const i of cluster.members) inR[i] = 1;
      return false;
    });
  }
}

/** The edges of each item, as indices into the edge list (compressed rows). */
class EdgeIndex {
  private readonly start: Int32Array;
  private readonly list: Int32Array;

  constructor(n: number, edges: PairList) {
    this.start = new Int32Array(n + 1);
    for (let k = 0; k < edges.length; k++) (this.start[edges.a[k]! + 1]!++, this.start[edges.b[k]! + 1]!++);
    for (let i = 0; i < n; i++) this.start[i + 1]! += this.start[i]!;
    const at = this.start.slice(0, n);
    this.list = new Int32Array(2 * edges.length);
    for (let k = 0; k < edges.length; k++) (this.list[at[edges.a[k]!]!++] = k), (this.list[at[edges.b[k]!]!++] = k);
  }

  of(i: number): Int32Array {
    return this.list.subarray(this.start[i]!, this.start[i + 1]!);
  }
}

/** Each item's group: its index in `groups` (−1 for an item in none). What `ClusterMemory.save` stores of them. */
export function groupNumbers(groups: readonly number[][], n: number): Int32Array {
  const groupOf = new Int32Array(n).fill(-1);
  groups.forEach((group, g) => group.forEach((i) => (groupOf[i] = g)));
  return groupOf;
}

/** One cluster of a main loop's history: a group, or what a merge made. */
interface Node {
  start: number;
  length: number;
  /** Level at which it was made (+∞ for a group) and joined to another (−∞: never). */
  made: number;
  joined: number;
  parent: Node | null;
  children: [Node, Node] | null;
  sum: Summed | null;
  /** Its number in the date rule while the check asks it. */
  id: number;
  /** Its number among the nodes the check has met (for pairs' keys). */
  key: number;
}

/** A loop cluster's history: each member's group, and the merges above it. */
class History {
  readonly leafAt: Node[];
  private readonly positionOf = new Map<number, number>();

  constructor(
    readonly cluster: LoopCluster,
    groups: readonly number[][],
    groupOf: Int32Array,
  ) {
    const members = cluster.members;
    members.forEach((i, p) => this.positionOf.set(i, p));
    this.leafAt = new Array(members.length);
    const node = (start: number, length: number, made: number, children: [Node, Node] | null): Node => ({ start, length, made, joined: -Infinity, parent: null, children, sum: null, id: -1, key: -1 });
    foldHistory(
      cluster,
      (item) => groups[groupOf[item]!]!.length,
      (start, length) => {
        const leaf = node(start, length, Infinity, null);
        this.leafAt.fill(leaf, start, start + length);
        return leaf;
      },
      (left, right, merge) => {
        const made = node(merge.start, merge.left + merge.right, merge.level, [left, right]);
        left.parent = right.parent = made;
        left.joined = right.joined = merge.level;
        return made;
      },
    );
  }

  /** The clusters that held article `i`, from its group up. */
  path(i: number): Node[] {
    const path: Node[] = [];
    for (let node: Node | null = this.leafAt[this.positionOf.get(i)!]!; node; node = node.parent) path.push(node);
    return path;
  }

  /** A node's sum of vectors: the same values as the main loop's (addSparse adds as addInto does). */
  sumOf(node: Node, vectors: readonly SparseVector[]): Summed {
    if (node.sum) return node.sum;
    node.sum = node.children ? addSparse(this.sumOf(node.children[0], vectors), this.sumOf(node.children[1], vectors)) : groupSum(vectors, this.members(node));
    return node.sum;
  }

  members(node: Node): number[] {
    return this.cluster.members.slice(node.start, node.start + node.length);
  }
}

/** Are two loop clusters the same: members, and merges made at the same levels? */
function sameCluster(a: LoopCluster, b: LoopCluster | undefined): boolean {
  if (!b || a.members.length !== b.members.length || a.merges.length !== b.merges.length) return false;
  for (let k = 0; k < a.members.length; k++) if (a.members[k] !== b.members[k]) return false;
  return a.merges.every((m, k) => {
    const o = b.merges[k]!;
    return m.start === o.start && m.left === o.left && m.right === o.right && m.score === o.score && m.level === o.level && m.levelA === o.levelA && m.levelB === o.levelB;
  });
}

interface CheckInput {
  vectors: readonly SparseVector[];
  groups: readonly number[][];
  groupOf: Int32Array;
  edges: PairList;
  /** The edges between R and O (indices into `edges`). */
  crossing: readonly number[];
  inR: Uint8Array;
  o: readonly LoopCluster[];
  r: readonly LoopCluster[];
  /** Per R cluster: made as in the last run (same members, merges and levels). */
  asBefore: readonly boolean[];
  state: CheckState;
}

/**
 * What the check keeps from round to round. A pair of clusters looked at once need not be
 * looked at again: O clusters do not change, and an R cluster made as in the round before
 * keeps its history (and its nodes their numbers).
 */
interface CheckState {
  histories: Map<LoopCluster, History>;
  /** The last round's R histories, by their cluster's first member. */
  previousR: Map<number, History>;
  /** Pairs of nodes looked at (their numbers, packed). */
  seen: Set<number>;
  /** The next number for a node the check meets. */
  keys: { next: number };
}

/**
 * The O clusters (by index in `o`) that could be joined to an R cluster if everything were
 * clustered: see the module's comment. An edge between an O cluster and an R cluster made as
 * in the last run is not looked at: the clusters on both sides of it, and the times they were
 * there, are the last run's, which did not join them.
 */
function crossingMerges(input: CheckInput, options: ClusterOptions): Set<number> {
  const { vectors, groups, groupOf, edges, inR, o, r, asBefore, state } = input;
  const n = vectors.length;
  const clusterOf = new Int32Array(n).fill(-1);
  o.forEach((cluster, c) => cluster.members.forEach((i) => (clusterOf[i] = c)));
  r.forEach((cluster, c) => cluster.members.forEach((i) => (clusterOf[i] = c)));
  const rHistories = new Map<number, History>();
  const historyOf = (i: number): History => {
    const c = clusterOf[i]!;
    if (!inR[i]) {
      const cluster = o[c]!;
      let history = state.histories.get(cluster);
      if (!history) state.histories.set(cluster, (history = new History(cluster, groups, groupOf)));
      return history;
    }
    let history = rHistories.get(c);
    if (!history) {
      const cluster = r[c]!;
      const last = state.previousR.get(cluster.members[0]!);
      history = last && sameCluster(cluster, last.cluster) ? last : new History(cluster, groups, groupOf);
      rHistories.set(c, history);
    }
    return history;
  };
  // Pairs of clusters found at the bar and at or above both their joins, each with the O cluster it would move.
  const seen = state.seen;
  const suspects: Array<{ x: Node; y: Node; hx: History; hy: History; c: number }> = [];
  const idOf = (node: Node) => (node.key < 0 ? (node.key = state.keys.next++) : node.key);
  for (const k of input.crossing) {
    let i = edges.a[k]!;
    let j = edges.b[k]!;
    if (inR[i]) [i, j] = [j, i];
    if (asBefore[clusterOf[j]!]) continue;
    const hx = historyOf(i);
    const hy = historyOf(j);
    const px = hx.path(i);
    const py = hy.path(j);
    // Both paths go down in level (made ≥ joined, each node made where the one before was
    // joined): the pairs whose spans [joined, made] meet, by one sweep.
    let from = 0;
    for (const x of px) {
      while (from < py.length && py[from]!.joined > x.made) from++;
      for (let y = from; y < py.length && py[y]!.made >= x.joined; y++) {
        const node = py[y]!;
        const key = idOf(x) * 2 ** 26 + idOf(node);
        if (seen.has(key)) continue;
        seen.add(key);
        // Two single articles' linkage is their cosine, which their edge carries (cluster.ts).
        const linkage = x.length === 1 && node.length === 1 ? edges.score[k]! : dotSparse(hx.sumOf(x, vectors), hy.sumOf(node, vectors)) / (x.length * node.length);
        if (linkage >= options.threshold && linkage >= Math.max(x.joined, node.joined)) suspects.push({ x, y: node, hx, hy, c: clusterOf[i]! });
      }
    }
  }
  state.previousR = new Map([...rHistories.values()].map((history) => [history.cluster.members[0]!, history]));
  const moved = new Set<number>();
  const rule = options.rule;
  if (!rule) {
    for (const suspect of suspects) moved.add(suspect.c);
    return moved;
  }
  // The date rule, asked of each suspect pair (numbered for it here: a rule keeps its facts by cluster number).
  const numbers = new Map<Node, number>();
  for (const { x, y } of suspects) for (const node of [x, y]) if (!numbers.has(node)) numbers.set(node, numbers.size);
  rule.reset(numbers.size);
  for (const { x, y, hx, hy } of suspects) {
    for (const [node, history] of [[x, hx], [y, hy]] as const) {
      if (node.id >= 0) continue;
      node.id = numbers.get(node)!;
      rule.start(node.id, history.members(node));
    }
  }
  for (const { x, y, c } of suspects) if (rule.allows(x.id, y.id)) moved.add(c);
  // The numbers were this round's: an O cluster's history is asked again in the next.
  for (const node of numbers.keys()) node.id = -1;
  return moved;
}

/** The last run's main-loop clusters, kept in the cache for the next (see `clusterLocally`). */
export class ClusterMemory {
  private readonly key: string;

  constructor(
    private readonly cache: StageCache,
    settings: string,
  ) {
    this.key = sha256('dedupe-clusters', '1', settings);
  }

  /** The entry the last run left, when it was saved beside the pair cache's save `pairSave`. */
  read(pairSave: string, articles: number): ClusterPrior | null {
    const bytes = this.cache.getBytes?.(this.key);
    const stored = bytes && unpackRuns<{ pairSave: string; articles: number }>(bytes, MAGIC);
    if (!stored || stored.header.pairSave !== pairSave || stored.header.articles !== articles || stored.runs.length !== 6) return null;
    try {
      const [members, lengths, mergeCounts, runs, values, groupOf] = [
        new Int32Array(stored.runs[0]!),
        new Int32Array(stored.runs[1]!),
        new Int32Array(stored.runs[2]!),
        new Int32Array(stored.runs[3]!),
        new Float64Array(stored.runs[4]!),
        new Int32Array(stored.runs[5]!),
      ];
      if (lengths.length !== mergeCounts.length || groupOf.length !== articles || runs.length !== 5 * (values.length / 2)) return null;
      const loop: LoopCluster[] = [];
      let at = 0;
      let m = 0;
      for (let c = 0; c < lengths.length; c++) {
        const cluster: LoopCluster = { members: Array.from(members.subarray(at, (at += lengths[c]!))), merges: [] };
        for (let k = 0; k < mergeCounts[c]!; k++, m++) {
          const [start, left, right, levelA, levelB] = runs.subarray(5 * m, 5 * m + 5) as unknown as [number, number, number, number, number];
          cluster.merges.push({ start, left, right, score: values[2 * m]!, level: values[2 * m + 1]!, levelA, levelB });
        }
        loop.push(cluster);
      }
      return at === members.length && m === values.length / 2 && wellFormed(loop, articles) ? { loop, groupOf } : null;
    } catch {
      // Runs that are not whole numbers of their elements: not this code's entry.
      return null;
    }
  }

  save(pairSave: string, loop: readonly LoopCluster[], groupOf: Int32Array): void {
    if (!this.cache.setBytes) return;
    const total = loop.reduce((sum, cluster) => sum + cluster.members.length, 0);
    const mergeTotal = loop.reduce((sum, cluster) => sum + cluster.merges.length, 0);
    const members = new Int32Array(total);
    const lengths = new Int32Array(loop.length);
    const mergeCounts = new Int32Array(loop.length);
    const runs = new Int32Array(5 * mergeTotal);
    const values = new Float64Array(2 * mergeTotal);
    let at = 0;
    let m = 0;
    loop.forEach((cluster, c) => {
      members.set(cluster.members, at);
      at += cluster.members.length;
      lengths[c] = cluster.members.length;
      mergeCounts[c] = cluster.merges.length;
      for (const merge of cluster.merges) {
        runs.set([merge.start, merge.left, merge.right, merge.levelA, merge.levelB], 5 * m);
        values[2 * m] = merge.score;
        values[2 * m++ + 1] = merge.level;
      }
    });
    this.cache.setBytes(this.key, packRuns(MAGIC, { pairSave, articles: groupOf.length }, [members, lengths, mergeCounts, runs, values, groupOf]));
  }
}

/**
 * Is this a main loop's result over `articles` items: each item in exactly one cluster, each
 * merge joining two runs inside its cluster's list, and naming members of its cluster? A stored
 * entry is checksummed; this keeps one that is whole but not what this code writes from being
 * taken back (it is not trusted: everything is clustered again).
 */
function wellFormed(loop: readonly LoopCluster[], articles: number): boolean {
  const seen = new Uint8Array(articles);
  let count = 0;
  for (const { members, merges } of loop) {
    if (members.length === 0) return false;
    for (const i of members) {
      if (!(i >= 0 && i < articles) || seen[i]) return false;
      seen[i] = 1;
      count++;
    }
    for (const { start, left, right, levelA, levelB } of merges) {
      if (!(start >= 0 && left >= 1 && right >= 1 && start + left + right <= members.length)) return false;
      if (!(levelA >= 0 && levelA < articles && levelB >= 0 && levelB < articles)) return false;
    }
  }
  return count === articles;
}

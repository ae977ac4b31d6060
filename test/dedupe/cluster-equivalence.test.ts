/**
 * The clustering (cluster.ts) keeps per-cluster date facts (merge-rule.ts), a typed heap,
 * member lists linked and cut at the end, sums grown in place, and drops heap entries of
 * clusters that can never join. None of that may change a single merge: stories and
 * messages are built from the merges in order. This checks it against the implementation
 * it replaced — copied below verbatim (git HEAD afd446e, cluster.ts and the `canMerge` /
 * `isLoose` / `isAnchor` closures of index.ts) — on random inputs made to hit ties (equal
 * vectors), big clusters (a small vocabulary), the window, undated groups naming weekdays,
 * and duplicate groups. The story rule (merge-rule.ts `StoryRule`, session 32: commentary
 * clustered apart, then attached by its closest pair) is checked the same way; what it added to
 * the reference is marked there.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageLinkClusters } from '../../pipeline/dedupe/cluster.ts';
import { PairList } from '../../pipeline/dedupe/pair-list.ts';
import { DateRule, StoryRule } from '../../pipeline/dedupe/merge-rule.ts';
import { weekdayOf } from '../../pipeline/common/text-dates.ts';
import { cosine, type SparseVector } from '../../pipeline/dedupe/vectors.ts';

const RUNS = Number(process.env.FUZZ_CLUSTER_RUNS ?? 300);

interface Item {
  ids: number[];
  weights: number[];
  day: number | null;
  named: number[];
  commentary: boolean;
}

/** Random articles: a few templates repeated (equal vectors: ties), days near each other. */
const items = fc
  .record({
    templates: fc.array(
      fc.array(fc.record({ id: fc.integer({ min: 1, max: 40 }), weight: fc.integer({ min: 1, max: 9 }) }), { minLength: 1, maxLength: 10 }),
      { minLength: 1, maxLength: 5 },
    ),
    picks: fc.array(
      fc.record({
        template: fc.nat(),
        extra: fc.option(fc.integer({ min: 1, max: 40 }), { freq: 3 }),
        day: fc.option(fc.integer({ min: 0, max: 12 }), { freq: 5 }),
        named: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 2 }),
      }),
      { minLength: 10, maxLength: 80, size: 'large' },
    ),
  })
  .map(({ templates, picks }) =>
    picks.map((pick): Item => {
      const words = new Map<number, number>();
      for (const { id, weight } of templates[pick.template % templates.length]!) words.set(id, weight);
      if (pick.extra !== null) words.set(pick.extra, 1);
      const ids = [...words.keys()].sort((a, b) => a - b);
      // About one in four is commentary (StoryRule), drawn from what was drawn: the date rule's cases stay as they were.
      const commentary = (pick.template + (pick.extra ?? 0) + (pick.day ?? 0)) % 4 === 0;
      return { ids, weights: ids.map((id) => words.get(id)!), day: pick.day, named: pick.day === null ? pick.named : [], commentary };
    }),
  );

function vectorOf(item: Item): SparseVector {
  const norm = Math.hypot(...item.weights);
  return { ids: Uint32Array.from(item.ids), weights: Float32Array.from(item.weights.map((w) => w / norm)) };
}

const dayString = (day: number | null) => (day === null ? null : new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10));

function inputs(list: Item[], duplicates: Array<[number, number]>, threshold: number) {
  const vectors = list.map(vectorOf);
  // Duplicate groups (union of random pairs), each ascending, ordered by smallest member — as UnionFind.groups gives them.
  const parent = list.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  for (const [a, b] of duplicates) parent[find(a % list.length)] = find(b % list.length);
  const byRoot = new Map<number, number[]>();
  list.forEach((_, i) => byRoot.set(find(i), [...(byRoot.get(find(i)) ?? []), i]));
  const groups = [...byRoot.values()];
  // Candidate edges as the pair search gives them: every pair at or above the bar, ascending.
  const edges: Array<[number, number, number]> = [];
  for (let a = 0; a < list.length; a++) {
    for (let b = a + 1; b < list.length; b++) {
      const score = cosine(vectors[a]!, vectors[b]!);
      if (score >= threshold) edges.push([a, b, score]);
    }
  }
  return { vectors, groups, edges };
}

/** The `canMerge` / `attach` closures of index.ts as they were (members scanned at every call). */
function referenceRule(list: Item[], windowDays: number) {
  const day = (i: number) => dayString(list[i]!.day);
  const dayNumbers = list.map((_, i) => {
    const d = day(i);
    return d ? Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000) : null;
  });
  const weekdays = list.map((item) => new Set(item.named));
  const canMerge = (left: number[], right: number[]) => {
    const l = dayRange(left, dayNumbers);
    const r = dayRange(right, dayNumbers);
    if (l && r) return Math.max(l[1], r[1]) - Math.min(l[0], r[0]) <= windowDays;
    if (!l && !r) return true;
    const [undated, dated] = l ? [right, left] : [left, right];
    const named = new Set(undated.flatMap((i) => [...weekdays[i]!]));
    if (named.size === 0) return true;
    for (const i of dated) {
      const d = day(i);
      // Its own weekday or one of the two before it: news is dated the day after the event.
      if (d && [0, 1, 2].some((back) => named.has((weekdayOf(d) - back + 7) % 7))) return true;
    }
    return false;
  };
  return {
    canMerge,
    isLoose: (members: number[]) => members.every((i) => !day(i)) && members.some((i) => weekdays[i]!.size > 0),
    isAnchor: (members: number[]) => members.some((i) => day(i)),
  };
}

/**
 * The story rule (merge-rule.ts `StoryRule`) by scanning members: the date rule, news joins news
 * and commentary commentary; afterwards a cluster of commentary alone attaches, by its closest
 * pair, to a dated cluster with news in it.
 */
function referenceStoryRule(list: Item[], windowDays: number) {
  const date = referenceRule(list, windowDays);
  const hasNews = (members: number[]) => members.some((i) => !list[i]!.commentary);
  return {
    canMerge: (left: number[], right: number[]) => hasNews(left) === hasNews(right) && date.canMerge(left, right),
    isLoose: (members: number[]) => !hasNews(members) || date.isLoose(members),
    isAnchor: (members: number[]) => hasNews(members) && date.isAnchor(members),
    attaches: (anchor: number[], loose: number[]) => hasNews(anchor) && date.isAnchor(anchor) && date.canMerge(anchor, loose),
    byClosestPair: (members: number[]) => !hasNews(members),
  };
}

function dayRange(members: number[], dayNumbers: ReadonlyArray<number | null>): [number, number] | null {
  let low = Infinity;
  let high = -Infinity;
  for (const i of members) {
    const d = dayNumbers[i];
    if (d === null || d === undefined) continue;
    if (d < low) low = d;
    if (d > high) high = d;
  }
  return low === Infinity ? null : [low, high];
}

/** A random run: articles, pairs of them to make copies, the story bar, the undated bar, the window. */
const randomRun = [
  items,
  fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
  fc.constantFrom(0.1, 0.25, 0.4, 0.6),
  fc.constantFrom(0.05, 0.15, 0.25),
  fc.integer({ min: 0, max: 7 }),
] as const;

describe('average-link clustering: the same merges, in the same order, as the implementation it replaced', () => {
  it('on random articles, duplicate groups, thresholds and windows', () => {
    const seen = { merges: 0, attached: 0, grown: 0 };
    fc.assert(
      fc.property(
        ...randomRun,
        (list, duplicates, threshold, undatedThreshold, windowDays) => {
          const { vectors, groups, edges } = inputs(list, duplicates, Math.min(threshold, undatedThreshold));
          const reference = referenceRule(list, windowDays);
          const expected = referenceClusters(vectors, groups, edges, {
            threshold,
            canMerge: reference.canMerge,
            attach: { threshold: undatedThreshold, isLoose: reference.isLoose, isAnchor: reference.isAnchor },
          });
          const rule = new DateRule(list.map((item) => ({ day: dayString(item.day), named: item.named })), windowDays);
          const actual = averageLinkClusters(vectors, groups, PairList.of(edges), { threshold, rule, attach: { threshold: undatedThreshold } });
          expect(actual).toEqual(expected);
          seen.merges += actual.merges.length;
          seen.attached += actual.merges.filter((m) => m.attached).length;
          seen.grown += actual.merges.filter((m) => m.left.length + m.right.length > 4).length;
        },
      ),
      { numRuns: RUNS, seed: 20261203 },
    );
    // The cases reach what could differ: many merges, clusters that grew, weekday attachments.
    expect(seen.merges).toBeGreaterThan(RUNS * 3);
    expect(seen.grown).toBeGreaterThan(RUNS);
    expect(seen.attached).toBeGreaterThan(10);
  });

  it('under the story rule (commentary clustered apart, then attached by its closest pair), on the same random inputs', () => {
    const seen = { commentaryAttached: 0, refused: 0 };
    fc.assert(
      fc.property(
        ...randomRun,
        (list, duplicates, threshold, undatedThreshold, windowDays) => {
          const { vectors, groups, edges } = inputs(list, duplicates, Math.min(threshold, undatedThreshold));
          const reference = referenceStoryRule(list, windowDays);
          const expected = referenceClusters(vectors, groups, edges, {
            threshold,
            canMerge: reference.canMerge,
            attach: { threshold: undatedThreshold, closestPairThreshold: threshold, ...reference },
          });
          const rule = new StoryRule(list.map((item) => ({ day: dayString(item.day), named: item.named, commentary: item.commentary })), windowDays);
          const actual = averageLinkClusters(vectors, groups, PairList.of(edges), { threshold, rule, attach: { threshold: undatedThreshold, closestPairThreshold: threshold } });
          expect(actual).toEqual(expected);
          seen.commentaryAttached += actual.merges.filter((m) => m.attached && m.right.every((i) => list[i]!.commentary)).length;
          // No cluster joined news and commentary in the main loop.
          for (const m of actual.merges) if (!m.attached && m.left.some((i) => !list[i]!.commentary) !== m.right.some((i) => !list[i]!.commentary)) seen.refused++;
        },
      ),
      { numRuns: RUNS, seed: 20261207 },
    );
    expect(seen.commentaryAttached).toBeGreaterThan(RUNS / 3);
    expect(seen.refused).toBe(0);
  });

  it('builds big clusters and refuses joins across the window (the inputs are not trivial)', () => {
    // One template on 40 consecutive days: with a 3-day window it must split, and each part be large.
    const list: Item[] = Array.from({ length: 120 }, (_, k) => ({ ids: [1, 2, 3, 4 + (k % 5)], weights: [3, 2, 2, 1], day: Math.floor(k / 3), named: [], commentary: false }));
    const { vectors, groups, edges } = inputs(list, [], 0.25);
    const rule = new DateRule(list.map((item) => ({ day: dayString(item.day), named: item.named })), 3);
    const actual = averageLinkClusters(vectors, groups, PairList.of(edges), { threshold: 0.25, rule, attach: { threshold: 0.25 } });
    const reference = referenceRule(list, 3);
    const expected = referenceClusters(vectors, groups, edges, { threshold: 0.25, canMerge: reference.canMerge, attach: { threshold: 0.25, ...reference } });
    expect(actual).toEqual(expected);
    expect(actual.clusters.length).toBeGreaterThan(5);
    expect(Math.max(...actual.clusters.map((c) => c.length))).toBeGreaterThanOrEqual(6);
    for (const cluster of actual.clusters) {
      const days = cluster.map((i) => list[i]!.day!);
      expect(Math.max(...days) - Math.min(...days)).toBeLessThanOrEqual(3);
    }
  });
});

/** What a rule answers, by scanning members. */
interface ScannedRule {
  canMerge: (left: number[], right: number[]) => boolean;
  isLoose: (members: number[]) => boolean;
  isAnchor: (members: number[]) => boolean;
  attaches: (anchor: number[], loose: number[]) => boolean;
  byClosestPair?: (members: number[]) => boolean;
}

/**
 * Random joins of random clusters, the rule's answers compared with scanning the members at each
 * step, and `never` checked to hold for every larger cluster: any (`mainLoopOnly` false), or any
 * the main loop could make (true: only joins the rule allows are made).
 */
function answersAsScanning(make: (list: Item[], windowDays: number) => { rule: DateRule; reference: ScannedRule }, mainLoopOnly: boolean, seed: number): void {
  fc.assert(
    fc.property(items, fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 14 }), fc.integer({ min: 0, max: 7 }), (all, joins, windowDays) => {
      const list = all.slice(0, 14);
      const { rule, reference } = make(list, windowDays);
      rule.reset(list.length);
      const members = list.map((_, i) => [i]);
      members.forEach((m, c) => rule.start(c, m));
      const alive = () => members.flatMap((m, c) => (m.length ? [c] : []));
      for (const [x, y] of joins) {
        const live = alive();
        const a = live[x % live.length]!;
        const b = live[y % live.length]!;
        for (const c of live) {
          expect(rule.isLoose(c)).toBe(reference.isLoose(members[c]!));
          expect(rule.isAnchor(c)).toBe(reference.isAnchor(members[c]!));
          expect((rule as Partial<StoryRule>).byClosestPair?.(c) ?? false).toBe(reference.byClosestPair?.(members[c]!) ?? false);
          for (const d of live) {
            if (c === d) continue;
            expect(rule.allows(c, d)).toBe(reference.canMerge(members[c]!, members[d]!));
            expect(rule.attaches(c, d)).toBe(reference.attaches(members[c]!, members[d]!));
            // `never` promises that every union holding c (that the main loop could make) is refused d too.
            if (!rule.never(c, d)) continue;
            for (const e of live) {
              if (e === c || e === d || (mainLoopOnly && !reference.canMerge(members[c]!, members[e]!))) continue;
              expect(reference.canMerge([...members[c]!, ...members[e]!], members[d]!)).toBe(false);
            }
          }
        }
        // Under the story rule, joined as the main loop would: a cluster of both kinds is never made.
        if (a === b || (mainLoopOnly && !reference.canMerge(members[a]!, members[b]!))) continue;
        rule.join(a, b);
        members[a] = [...members[a]!, ...members[b]!];
        members[b] = [];
      }
    }),
    { numRuns: 50, seed },
  );
}

describe('DateRule', () => {
  it('answers as scanning the members does, and `never` only when no larger clusters could join', () => {
    answersAsScanning(
      (list, windowDays) => {
        const reference = referenceRule(list, windowDays);
        return {
          rule: new DateRule(list.map((item) => ({ day: dayString(item.day), named: item.named })), windowDays),
          reference: { ...reference, attaches: (anchor, loose) => reference.isAnchor(anchor) && reference.canMerge(anchor, loose) },
        };
      },
      false,
      20261203,
    );
  });
});

describe('StoryRule', () => {
  it('answers as scanning the members does, and `never` only when no larger clusters of the main loop could join', () => {
    answersAsScanning(
      (list, windowDays) => ({
        rule: new StoryRule(list.map((item) => ({ day: dayString(item.day), named: item.named, commentary: item.commentary })), windowDays),
        reference: referenceStoryRule(list, windowDays),
      }),
      true,
      20261207,
    );
  });
});

// ---- The implementation replaced (HEAD afd446e pipeline/dedupe/cluster.ts), verbatim below the interfaces' names. ----

interface ReferenceMerge {
  /** Members (input item indices) of the two clusters joined. */
  left: number[];
  right: number[];
  /** Average cosine between them when joined. */
  score: number;
  /** True when `right` was a loose group attached to its closest anchor (see `ClusterOptions.attach`). */
  attached?: boolean;
}

interface ReferenceOptions {
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
    /** Added with the story rule: may `loose` attach to `anchor` (instead of `isAnchor` and `canMerge`)… */
    attaches?: (anchor: number[], loose: number[]) => boolean;
    /** …and is `loose` scored by its closest pair, at `closestPairThreshold`? */
    byClosestPair?: (members: number[]) => boolean;
    closestPairThreshold?: number;
  };
}

/**
 * Clusters `groups` (each a list of item indices already known to be one: duplicates),
 * joined by `edges` between items. Returns the clusters and the merges made, in order.
 */
function referenceClusters(
  vectors: readonly SparseVector[],
  groups: readonly number[][],
  edges: ReadonlyArray<readonly [number, number, number]>,
  options: ReferenceOptions,
): { clusters: number[][]; merges: ReferenceMerge[] } {
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
  // The closest pair of two clusters (the pair search's cosine, as the edges carry it).
  const closestPair = (left: number[], right: number[]) => Math.max(...left.flatMap((i) => right.map((j) => cosine(vectors[i]!, vectors[j]!))));
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

  const merges: ReferenceMerge[] = [];
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
      const closest = attach.byClosestPair?.(m) === true;
      const bar = closest ? (attach.closestPairThreshold ?? attach.threshold) : attach.threshold;
      for (const x of neighbours[c]!) {
        const other = members[x];
        if (!other) continue;
        if (attach.attaches) {
          if (!attach.attaches(other, m)) continue;
        } else {
          if (!attach.isAnchor(other)) continue;
          if (options.canMerge && !options.canMerge(other, m)) continue;
        }
        const score = closest ? closestPair(m, other) : linkage(c, x);
        if (score >= bar && (!best || score > best[0] || (score === best[0] && x < best[2]))) best = [score, c, x];
      }
      if (best) proposals.push(best);
    });
    proposals.sort((p, q) => q[0] - p[0] || p[1] - q[1]);
    for (const [score, loose, anchor] of proposals) {
      // An anchor keeps its index when a loose cluster joins it, but may have grown: re-check.
      if (!members[loose] || !members[anchor]) continue;
      if (attach.attaches ? !attach.attaches(members[anchor]!, members[loose]!) : options.canMerge && !options.canMerge(members[anchor]!, members[loose]!)) continue;
      merge(anchor, loose, attach.byClosestPair?.(members[loose]!) ? score : linkage(anchor, loose), true);
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

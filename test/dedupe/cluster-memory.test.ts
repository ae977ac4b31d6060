/**
 * Clustering from the last run's clusters (cluster-memory.ts) must give what clustering
 * everything gives: the same clusters in the same order, and each cluster's merges in the
 * same order (stories and messages are built per cluster from them). Checked on runs of
 * random articles — ties (equal vectors), big clusters, the date window, undated articles
 * naming weekdays, duplicate groups — changed at random over several runs, each run taking
 * the previous run's result as its memory: articles added (at the end or in between),
 * removed, edited, a duplicate group changed, pairs of unchanged articles changed — under the
 * story rule (merge-rule.ts `StoryRule`: some articles commentary, clustered apart from the news).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageLinkClusters, type LoopCluster } from '../../pipeline/dedupe/cluster.ts';
import { clusterLocally, ClusterMemory, groupNumbers, type ClusterPrior } from '../../pipeline/dedupe/cluster-memory.ts';
import { DateRule, StoryRule } from '../../pipeline/dedupe/merge-rule.ts';
import { PairList } from '../../pipeline/dedupe/pair-list.ts';
import { cosine, type SparseVector } from '../../pipeline/dedupe/vectors.ts';
import { memoryCache } from './helpers.ts';

const RUNS = Number(process.env.FUZZ_CLUSTER_RUNS ?? 150);

/** An article as the clustering sees it; `id` is its identity across runs (content, day, id). */
interface Item {
  id: number;
  ids: number[];
  weights: number[];
  day: number | null;
  named: number[];
  commentary: boolean;
}

const dayString = (day: number | null) => (day === null ? null : new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10));

function vectorOf(item: Item): SparseVector {
  const norm = Math.hypot(...item.weights);
  return { ids: Uint32Array.from(item.ids), weights: Float32Array.from(item.weights.map((w) => w / norm)) };
}

/** One run's inputs: vectors, duplicate groups (from unions of identities), edges (every pair at the bar, minus `dropped`). */
function runOf(items: Item[], unions: Array<[number, number]>, threshold: number, dropped: Set<string>) {
  const vectors = items.map(vectorOf);
  const indexOf = new Map(items.map((item, i) => [item.id, i]));
  const parent = items.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  for (const [a, b] of unions) {
    const i = indexOf.get(a);
    const j = indexOf.get(b);
    if (i !== undefined && j !== undefined) parent[Math.max(find(i), find(j))] = Math.min(find(i), find(j));
  }
  const byRoot = new Map<number, number[]>();
  items.forEach((_, i) => byRoot.set(find(i), [...(byRoot.get(find(i)) ?? []), i]));
  const groups = [...byRoot.values()].sort((a, b) => a[0]! - b[0]!);
  const edges = new PairList();
  for (let a = 0; a < items.length; a++) {
    for (let b = a + 1; b < items.length; b++) {
      const score = cosine(vectors[a]!, vectors[b]!);
      if (score >= threshold && !dropped.has(`${items[a]!.id} ${items[b]!.id}`)) edges.push(a, b, score);
    }
  }
  return { vectors, groups, edges };
}

const normalLoop = (loop: readonly LoopCluster[]) => [...loop].sort((a, b) => a.members[0]! - b.members[0]!);

/** How an article is made: a template's words, maybe one more, a day (or none and weekdays named). */
interface Pick {
  template: number;
  extra: number | null;
  day: number | null;
  named: number[];
  commentary: boolean;
}

const template = fc.array(fc.record({ id: fc.integer({ min: 1, max: 30 }), weight: fc.integer({ min: 1, max: 9 }) }), { minLength: 1, maxLength: 8 });
const article: fc.Arbitrary<Pick> = fc.record({
  template: fc.nat(),
  extra: fc.option(fc.integer({ min: 1, max: 30 }), { freq: 3 }),
  day: fc.option(fc.integer({ min: 0, max: 30 }), { freq: 5 }),
  named: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 2 }),
  // One in four is commentary.
  commentary: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
});
const change = fc.record({
  added: fc.array(article, { maxLength: 8 }),
  /** Where the added articles go: the end (a new day), or anywhere. */
  appended: fc.boolean(),
  removed: fc.array(fc.nat(), { maxLength: 3 }),
  edited: fc.array(fc.tuple(fc.nat(), article), { maxLength: 2 }),
  unions: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 2 }),
  droppedPairs: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 2 }),
});

describe('clustering from the last run (cluster-memory.ts)', () => {
  it('gives what clustering everything gives, run after run of random changes', () => {
    const seen = { local: 0, reclustered: 0, total: 0, grownO: 0, merges: 0, commentaryAttached: 0 };
    fc.assert(
      fc.property(
        fc.array(template, { minLength: 1, maxLength: 5 }),
        fc.array(article, { minLength: 10, maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
        fc.array(change, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(0.15, 0.25, 0.4),
        fc.constantFrom(0.1, 0.25),
        fc.integer({ min: 0, max: 5 }),
        (templates, first, firstUnions, changes, threshold, undatedThreshold, windowDays) => {
          let nextId = 0;
          const make = (pick: Pick): Item => {
            const words = new Map<number, number>();
            for (const { id, weight } of templates[pick.template % templates.length]!) words.set(id, weight);
            if (pick.extra !== null) words.set(pick.extra, 1);
            const ids = [...words.keys()].sort((a, b) => a - b);
            return { id: nextId++, ids, weights: ids.map((id) => words.get(id)!), day: pick.day, named: pick.day === null ? pick.named : [], commentary: pick.commentary };
          };
          let items = first.map(make);
          const unions: Array<[number, number]> = firstUnions.map(([a, b]) => [a % items.length, b % items.length]);
          const options = (list: Item[]) => ({
            threshold,
            rule: new StoryRule(list.map((item) => ({ day: dayString(item.day), named: item.named, commentary: item.commentary })), windowDays),
            attach: { threshold: undatedThreshold, closestPairThreshold: threshold },
          });
          let run = runOf(items, unions, Math.min(threshold, undatedThreshold), new Set());
          const full = averageLinkClusters(run.vectors, run.groups, run.edges, { ...options(items), keepLoop: true });
          let prior: ClusterPrior = { loop: full.loop!, groupOf: groupNumbers(run.groups, items.length) };
          let droppedBefore = new Set<string>();
          for (const step of changes) {
            const previous = items;
            let list = [...items];
            for (const k of step.removed) if (list.length > 2) list.splice(k % list.length, 1);
            for (const [k, pick] of step.edited) list[k % list.length] = make(pick);
            for (const pick of step.added) {
              const item = make(pick);
              if (step.appended) list.push(item);
              else list.splice(pick.template % (list.length + 1), 0, item);
            }
            for (const [a, b] of step.unions) unions.push([list[a % list.length]!.id, list[b % list.length]!.id]);
            // Unchanged articles whose pair is not found, or found again (as when the run's common
            // features change): both ends changed, as the pair cache says (pair-cache.ts `continuity`).
            const dropped = new Set<string>();
            for (const [a, b] of step.droppedPairs) {
              const x = list[a % list.length]!;
              const y = list[b % list.length]!;
              if (x === y) continue;
              const [p, q] = list.indexOf(x) < list.indexOf(y) ? [x, y] : [y, x];
              dropped.add(`${p.id} ${q.id}`);
            }
            const changedIds = new Set<number>();
            for (const pair of [...dropped].filter((key) => !droppedBefore.has(key)).concat([...droppedBefore].filter((key) => !dropped.has(key)))) {
              for (const id of pair.split(' ')) changedIds.add(Number(id));
            }
            droppedBefore = dropped;
            items = list;
            const oldIndexOf = new Map(previous.map((item, i) => [item.id, i]));
            run = runOf(items, unions, Math.min(threshold, undatedThreshold), dropped);
            const continuity = {
              oldIndex: Int32Array.from(items, (item) => oldIndexOf.get(item.id) ?? -1),
              changed: Uint8Array.from(items, (item) => (changedIds.has(item.id) ? 1 : 0)),
            };
            const expected = averageLinkClusters(run.vectors, run.groups, run.edges, { ...options(items), keepLoop: true });
            const local = clusterLocally(run.vectors, run.groups, run.edges, options(items), prior, continuity, 1);
            expect(local).not.toBeNull();
            expect(local!.clusters).toEqual(expected.clusters);
            // In the same order overall, not only per cluster: clusters `attach` joins have their merges' messages in that order.
            expect(local!.merges).toEqual(expected.merges);
            expect(normalLoop(local!.loop)).toEqual(normalLoop(expected.loop!));
            seen.local++;
            seen.reclustered += local!.reclustered;
            seen.total += items.length;
            seen.grownO += local!.rounds > 1 ? 1 : 0;
            seen.merges += expected.merges.length;
            seen.commentaryAttached += expected.merges.filter((m) => m.attached && m.right.every((i) => items[i]!.commentary)).length;
            prior = { loop: local!.loop, groupOf: groupNumbers(run.groups, items.length) };
          }
        },
      ),
      { numRuns: RUNS, seed: 20261204 },
    );
    // Not trivial: many merges, less than everything clustered again, and the check moving clusters into R.
    expect(seen.merges).toBeGreaterThan(RUNS * 5);
    expect(seen.reclustered).toBeLessThan(seen.total * 0.8);
    expect(seen.grownO).toBeGreaterThan(5);
    // …and commentary attached to news stories after the main loop.
    expect(seen.commentaryAttached).toBeGreaterThan(20);
  });

  it('gives up (null) when the articles were reordered, or too much would be clustered again', () => {
    const items: Item[] = Array.from({ length: 30 }, (_, k) => ({ id: k, ids: [1, 2, 3, 4 + (k % 4)], weights: [3, 2, 2, 1], day: Math.floor(k / 3), named: [], commentary: false }));
    const run = runOf(items, [], 0.25, new Set());
    const options = { threshold: 0.25, rule: new DateRule(items.map((item) => ({ day: dayString(item.day), named: [] })), 3), attach: { threshold: 0.25 } };
    const full = averageLinkClusters(run.vectors, run.groups, run.edges, { ...options, keepLoop: true });
    const prior = { loop: full.loop!, groupOf: groupNumbers(run.groups, items.length) };
    const same = { oldIndex: Int32Array.from(items, (_, i) => i), changed: new Uint8Array(items.length) };
    const local = clusterLocally(run.vectors, run.groups, run.edges, options, prior, same);
    expect(local?.reclustered).toBe(0);
    expect(local?.clusters).toEqual(full.clusters);
    const swapped = Int32Array.from(items, (_, i) => (i === 3 ? 4 : i === 4 ? 3 : i));
    expect(clusterLocally(run.vectors, run.groups, run.edges, options, prior, { ...same, oldIndex: swapped })).toBeNull();
    const allChanged = { ...same, changed: new Uint8Array(items.length).fill(1) };
    expect(clusterLocally(run.vectors, run.groups, run.edges, options, prior, allChanged)).toBeNull();
  });

  it('is stored as bytes and read back only beside the pair cache save it was made with', () => {
    const cache = memoryCache();
    const memory = new ClusterMemory(cache, 'settings');
    const loop: LoopCluster[] = [
      {
        members: [0, 2, 1],
        merges: [
          { start: 0, left: 1, right: 1, score: 0.5, level: 0.5, levelA: 0, levelB: 2 },
          { start: 0, left: 2, right: 1, score: 0.3, level: 0.25, levelA: 2, levelB: 1 },
        ],
      },
      { members: [3], merges: [] },
    ];
    const groupOf = Int32Array.from([0, 2, 1, 3]);
    memory.save('save-1', loop, groupOf);
    expect(memory.read('save-1', 4)).toEqual({ loop, groupOf });
    expect(memory.read('save-2', 4)).toBeNull();
    expect(memory.read('save-1', 5)).toBeNull();
    expect(new ClusterMemory(cache, 'other settings').read('save-1', 4)).toBeNull();
    // Whole but not a main loop's result (an article in two clusters, or in none; a merge past its list): not taken back.
    for (const bad of [
      [loop[0]!, { members: [3, 2], merges: [] }],
      [loop[0]!],
      [{ ...loop[0]!, merges: [{ ...loop[0]!.merges[0]!, right: 3 }] }, loop[1]!],
    ]) {
      memory.save('save-1', bad, groupOf);
      expect(memory.read('save-1', 4)).toBeNull();
    }
  });
});

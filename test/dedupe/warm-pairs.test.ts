/**
 * The pair cache on a warm run (pair-cache.ts): a new day, a few articles changed, and the run's
 * common features moved or not — the reused and recomputed similar pairs must be exactly those
 * a search from scratch finds. At the default `COMMON_FEATURE` (500 dated articles) the common
 * set of a test-sized run is empty and never changes, so these runs lower it to reach both
 * branches: the same common set (only the fresh articles' undated–dated pairs searched) and a
 * changed one (all searched again, once).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryCache } from './helpers.ts';
import type { ArticleFeatures } from '../../pipeline/dedupe/features.ts';
import { byDay, PairMemory, uniqueMatches } from '../../pipeline/dedupe/pair-cache.ts';
import { packRuns, unpackRuns } from '../../pipeline/dedupe/packed-runs.ts';
import { similarPairs, undatedDatedSearch, type SimilarPairOptions, type SparseVector } from '../../pipeline/dedupe/vectors.ts';

/** Whether a stored value is a part of the similar pairs: two runs (pairs, values), where the entry has eleven (packed-runs.ts). */
function isPart(body: string | Uint8Array): boolean {
  return body instanceof Uint8Array && new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(8, true) === 2;
}

interface Doc {
  key: string;
  ids: number[];
  day: number | null;
  /** Its article id (default: by its place in the run). */
  name?: string;
}

const doc = fc.record({
  key: fc.string({ minLength: 1, maxLength: 6 }),
  ids: fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 8 }),
  day: fc.option(fc.integer({ min: 0, max: 15 }), { freq: 4 }),
});

function vectorOf(d: Doc): SparseVector {
  const ids = [...d.ids].sort((a, b) => a - b);
  const weights = ids.map((id) => 1 + (id % 3));
  const norm = Math.hypot(...weights);
  return { ids: Uint32Array.from(ids), weights: Float32Array.from(weights.map((w) => w / norm)) };
}

/** Just what PairMemory reads of an article's features. */
function features(docs: Doc[]): ArticleFeatures[] {
  return docs.map((d, i) => ({ cacheKey: `${d.key}:${d.ids.join(',')}`, article: { id: d.name ?? `a${i}-${d.key}` }, vector: vectorOf(d) }) as unknown as ArticleFeatures);
}

/** A search result as plain values (a pair list's spare capacity is not part of it). */
function plain(result: ReturnType<typeof undatedDatedSearch>) {
  return { pairs: result.pairs.toArray(), common: [...result.common] };
}

function options(docs: Doc[], commonFeature: number): SimilarPairOptions {
  return { threshold: 0.3, day: (i) => docs[i]!.day, windowDays: 3, commonFeature };
}

describe('pair cache, warm', () => {
  it('hands the common features the search counted to a chooser of the articles, which then restricts it as marks given directly do', () => {
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 6 }), fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), (docs, limit, picks) => {
        const vectors = docs.map(vectorOf);
        const marks = Uint8Array.from(docs, (_, i) => (picks[i] ? 1 : 0));
        const direct = undatedDatedSearch(vectors, options(docs, limit), marks);
        let handed: Uint32Array | undefined;
        const chosen = undatedDatedSearch(vectors, options(docs, limit), (common) => ((handed = common), marks));
        expect(handed).toEqual(undatedDatedSearch(vectors, options(docs, limit)).common);
        expect(plain(chosen)).toEqual(plain(direct));
        // Choosing no marks is the full search.
        expect(plain(undatedDatedSearch(vectors, options(docs, limit), () => undefined))).toEqual(plain(undatedDatedSearch(vectors, options(docs, limit))));
      }),
      { numRuns: 200, seed: 20261203 },
    );
  });

  it('gives the pairs of a search from scratch after a day is added or a few articles change, common features moved or not', () => {
    const seen = { changedCommon: 0, sameCommon: 0, continued: 0, pairsChanged: 0 };
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 30, maxLength: 90 }),
        fc.array(doc, { minLength: 1, maxLength: 2 }),
        fc.integer({ min: 1, max: 6 }),
        fc.option(fc.nat(), { freq: 2 }),
        (docs0, added, limit, removed) => {
          const year = docs0.map((d, i) => ({ ...d, name: `a${i}-${d.key}` }));
          const cache = memoryCache();
          const first = features(year);
          const before = new PairMemory(first, (i) => year[i]!.day, cache, 'settings');
          before.similarPairs(options(year, limit));
          before.save();
          // The new articles: dated the day after the last, or undated; at most 5 % of the run
          // is fresh, so the last run's pairs are reused.
          const last = Math.max(0, ...year.map((d) => d.day ?? 0));
          // …and maybe one article gone: features may become less common, and undated–dated pairs appear.
          const kept = removed === null ? year : year.filter((_, i) => i !== removed % year.length);
          const next = [...kept, ...added.map((d, k) => ({ ...d, key: `new-${d.key}`, name: `new-${k}`, day: d.day === null ? null : last + 1 }))];
          const docs = features(next);
          const after = new PairMemory(docs, (i) => next[i]!.day, cache, 'settings');
          const warm = after.similarPairs(options(next, limit));
          expect(warm.toArray()).toEqual(similarPairs(docs.map((d) => d.vector), options(next, limit)).toArray());
          const commonOf = (list: ArticleFeatures[], run: Doc[]) => undatedDatedSearch(list.map((d) => d.vector), options(run, limit)).common.join();
          const same = commonOf(first, year) === commonOf(docs, next);
          seen[same ? 'sameCommon' : 'changedCommon']++;
          // What it tells a cache of results made from the pairs (cluster-memory.ts), when it reused
          // the last run's: the articles of both runs where they were (appended articles moved none),
          // and exactly those whose pairs among them are not the same.
          const continuity = after.continuity();
          if (!continuity) return;
          const oldIndexOf = new Map(year.map((d, i) => [d.name, i]));
          expect([...continuity.oldIndex]).toEqual(next.map((d) => oldIndexOf.get(d.name) ?? -1));
          const indexOf = new Map(next.map((d, i) => [d.name, i]));
          // Pairs of articles in both runs, by this run's indices.
          const both = (d: Doc) => oldIndexOf.has(d.name!) && indexOf.has(d.name!);
          const amongKnown = (list: Array<[number, number, number]>, run: Doc[]) =>
            new Map(list.filter(([a, b]) => both(run[a]!) && both(run[b]!)).map(([a, b, score]) => [`${indexOf.get(run[a]!.name!)} ${indexOf.get(run[b]!.name!)}`, score]));
          const oldPairs = amongKnown(similarPairs(first.map((d) => d.vector), options(year, limit)).toArray(), year);
          const newPairs = amongKnown(warm.toArray(), next);
          const expected = new Set<number>();
          for (const [key, score] of newPairs) if (oldPairs.get(key) !== score) key.split(' ').forEach((p) => expected.add(Number(p)));
          for (const key of oldPairs.keys()) if (!newPairs.has(key)) key.split(' ').forEach((p) => expected.add(Number(p)));
          expect([...continuity.changed].flatMap((c, i) => (c ? [i] : []))).toEqual([...expected].sort((a, b) => a - b));
          seen.continued++;
          if (expected.size > 0) seen.pairsChanged++;
        },
      ),
      { numRuns: 150, seed: 20261203 },
    );
    // Both branches of the reuse were taken, and pairs of articles of both runs changed with the common features.
    expect(seen.changedCommon).toBeGreaterThan(5);
    expect(seen.sameCommon).toBeGreaterThan(5);
    expect(seen.continued).toBeGreaterThan(50);
    expect(seen.pairsChanged).toBeGreaterThan(2);
  });

  it('stores the similar pairs in parts, and never reads a part of another save as this one\'s', () => {
    fc.assert(
      fc.property(fc.array(doc, { minLength: 30, maxLength: 90 }), fc.array(doc, { minLength: 30, maxLength: 90 }), fc.integer({ min: 1, max: 4 }), (year, other, partPairs) => {
        const scratch = (run: Doc[]) => similarPairs(features(run).map((d) => d.vector), options(run, 3)).toArray();
        const saveOf = (run: Doc[], cache: ReturnType<typeof memoryCache>) => {
          const memory = new PairMemory(features(run), (i) => run[i]!.day, cache, 'settings', {}, partPairs);
          memory.similarPairs(options(run, 3));
          memory.save();
        };
        const cache = memoryCache();
        saveOf(year, cache);
        const pairs = scratch(year).length;
        // The entry and one part per `partPairs` pairs (at least the entry alone).
        expect(cache.store.size).toBe(1 + Math.ceil(pairs / partPairs));
        const rerun = (run: Doc[]) => new PairMemory(features(run), (i) => run[i]!.day, cache, 'settings', {}, partPairs).similarPairs(options(run, 3)).toArray();
        // Read back whole, part by part: the pairs of a search from scratch.
        expect(rerun(year)).toEqual(scratch(year));

        // Another run's save leaves its parts under the same keys; the entry still names the first save.
        const entries = new Map(cache.store);
        const otherCache = memoryCache();
        saveOf(other, otherCache);
        let swapped = 0;
        for (const [key, body] of otherCache.store) if (isPart(body) && entries.has(key)) (cache.store.set(key, body), swapped++);
        // (Both runs have a first part whenever they have a similar pair.)
        if (pairs > 0 && scratch(other).length > 0) expect(swapped).toBeGreaterThan(0);
        // Whatever was swapped in, the result is a search from scratch, never the other run's pairs.
        expect(rerun(year)).toEqual(scratch(year));
      }),
      { numRuns: 60, seed: 20261204 },
    );
  });

  it('trusts no stored entry or part whose runs do not fit their arrays: the pairs are searched again', () => {
    fc.assert(
      fc.property(fc.array(doc, { minLength: 30, maxLength: 90 }), fc.nat(), fc.integer({ min: 1, max: 4 }), (year, pick, partPairs) => {
        const cache = memoryCache();
        const memory = new PairMemory(features(year), (i) => year[i]!.day, cache, 'settings', {}, partPairs);
        memory.similarPairs(options(year, 3));
        memory.save();
        // Any stored value, rewritten with the same layout but its runs cut short of a whole element.
        const [key, body] = [...cache.store][pick % cache.store.size]!;
        const bytes = body as Uint8Array;
        const magic = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
        const { header, runs } = unpackRuns<unknown>(bytes, magic)!;
        if (!runs.some((run) => run.byteLength >= 8)) return;
        cache.store.set(key, packRuns(magic, header, runs.map((run) => new Uint8Array(run.byteLength >= 8 ? run.slice(0, run.byteLength - 3) : run))));
        const rerun = new PairMemory(features(year), (i) => year[i]!.day, cache, 'settings', {}, partPairs).similarPairs(options(year, 3)).toArray();
        expect(rerun).toEqual(similarPairs(features(year).map((d) => d.vector), options(year, 3)).toArray());
      }),
      { numRuns: 60, seed: 20261205 },
    );
  });

  it('matches an article to the last run only by an identity each run holds exactly once', () => {
    // Few distinct identities, so that repeats on either side, both sides, or three times over are common.
    const list = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 12 });
    fc.assert(
      fc.property(list, list, (previous, current) => {
        const count = (ids: string[], id: string) => ids.filter((x) => x === id).length;
        const expected = current.map((id) => (count(previous, id) === 1 && count(current, id) === 1 ? previous.indexOf(id) : -1));
        expect([...uniqueMatches(previous, current)]).toEqual(expected);
      }),
      { numRuns: 500, seed: 20261205 },
    );
  });

  it('takes an article that became commentary (or stopped being) for a new one: the clustering the next run takes back depends on it', () => {
    const year: Doc[] = Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, ids: [1 + (i % 7), 8 + (i % 5), 20 + (i % 3)], day: i % 6 }));
    const docs = features(year);
    const cache = memoryCache();
    const none = year.map(() => false);
    const before = new PairMemory(docs, (i) => year[i]!.day, cache, 'settings', { commentary: none });
    before.similarPairs(options(year, 500));
    before.save();
    // The same articles, the fifth now marked as commentary (its address moved to an opinion section).
    const marked = none.map((_, i) => i === 4);
    const after = new PairMemory(docs, (i) => year[i]!.day, cache, 'settings', { commentary: marked });
    after.similarPairs(options(year, 500));
    const continuity = after.continuity();
    expect(continuity).not.toBeNull();
    expect([...continuity!.oldIndex]).toEqual(year.map((_, i) => (i === 4 ? -1 : i)));
  });

  it('orders articles by day, ties by article, whether days are whole numbers close together or not', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.integer({ min: -5, max: 40 }), { maxLength: 80 }), fc.array(fc.oneof(fc.integer({ min: 0, max: 1e7 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { maxLength: 80 })), (days) => {
        const items = days.map((_, k) => 3 * k + 1);
        const expected = items.map((_, k) => k).sort((x, y) => days[x]! - days[y]! || x - y).map((k) => items[k]!);
        expect([...byDay(items, Float64Array.from(days))]).toEqual(expected);
      }),
      { numRuns: 300, seed: 20261204 },
    );
  });
});

/**
 * Near-duplicate candidates continued from the last run (near-candidates.ts, pair-cache.ts): after
 * articles are added, removed, changed or become (or stop being) representatives of their exact
 * copies, the list updated around them must be exactly the list a search from scratch finds.
 * Small alphabets make band collisions, and a small bucket limit makes chained buckets, the one
 * case where a pair depends on other articles: new articles join them, take buckets past the
 * limit, come before a chained bucket's first member or remove it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryCache } from './helpers.ts';
import type { ArticleFeatures } from '../../pipeline/dedupe/features.ts';
import { bandHashes, type Banding } from '../../pipeline/dedupe/minhash.ts';
import { nearCandidates, updateNearCandidates, type NearOptions } from '../../pipeline/dedupe/near-candidates.ts';
import { PairMemory } from '../../pipeline/dedupe/pair-cache.ts';

const BANDING: Banding = { bands: 5, rows: 2 };
const LENGTH = BANDING.bands * BANDING.rows;

/** One article of a run: its identity, its signature (null: not a representative) and its day. */
interface Item {
  name: string;
  signature: Uint32Array | null;
  day: number | null;
  /** Its signature whether a representative or not (what a flip makes it). */
  own: Uint32Array;
}

/** An edit of the last run: what happens to one article, or a new one. */
type Edit =
  | { kind: 'remove'; at: number }
  | { kind: 'change'; at: number; values: number[]; day: number | null }
  | { kind: 'flip'; at: number }
  | { kind: 'add'; at: number; values: number[]; day: number | null }
  | { kind: 'append'; values: number[]; day: number | null };

const values = (alphabet: number) => fc.array(fc.nat({ max: alphabet - 1 }), { minLength: LENGTH, maxLength: LENGTH });
const day = fc.option(fc.integer({ min: 0, max: 12 }), { freq: 4 });

function runOf(alphabet: number) {
  return fc.array(fc.record({ values: values(alphabet), day, representative: fc.nat({ max: 3 }).map((v) => v > 0) }), { minLength: 5, maxLength: 70 }).map((list) =>
    list.map((x, i): Item => {
      const own = Uint32Array.from(x.values);
      return { name: `a${i}`, signature: x.representative ? own : null, day: x.day, own };
    }),
  );
}

function editsOf(alphabet: number) {
  return fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('change' as const), at: fc.nat(), values: values(alphabet), day }),
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('add' as const), at: fc.nat(), values: values(alphabet), day }),
      // A new day's articles come after the others (their files sort after the archive's).
      fc.record({ kind: fc.constant('append' as const), values: values(alphabet), day }),
      fc.record({ kind: fc.constant('append' as const), values: values(alphabet), day }),
    ),
    { maxLength: 4 },
  );
}

/** The next run: the last one with the edits made (a changed article is a new identity; a flipped one keeps its own). */
function edited(run: Item[], edits: Edit[]): Item[] {
  const next = [...run];
  edits.forEach((edit, k) => {
    if (edit.kind === 'append') return void next.push({ name: `appended${k}`, signature: Uint32Array.from(edit.values), day: edit.day, own: Uint32Array.from(edit.values) });
    if (next.length === 0) return;
    const at = edit.at % next.length;
    if (edit.kind === 'remove') next.splice(at, 1);
    else if (edit.kind === 'change') next[at] = { name: `changed${k}-${next[at]!.name}`, signature: Uint32Array.from(edit.values), day: edit.day, own: Uint32Array.from(edit.values) };
    else if (edit.kind === 'add') next.splice(at, 0, { name: `new${k}`, signature: Uint32Array.from(edit.values), day: edit.day, own: Uint32Array.from(edit.values) });
    else {
      // The same article, a representative of its exact copies now or no longer: its own signature either way.
      const item = next[at]!;
      next[at] = { ...item, signature: item.signature ? null : item.own };
    }
  });
  return next;
}

function optionsOf(run: Item[], maxBucket: number, floor: number): NearOptions {
  return {
    banding: BANDING,
    floor,
    maxBucket,
    allowed: (a, b) => {
      const [x, y] = [run[a]!.day, run[b]!.day];
      return x === null || y === null || Math.abs(x - y) <= 3;
    },
  };
}

const byPlace = (list: { band: number; hash: number; size: number; first: number }[]) => [...list].sort((x, y) => x.band - y.band || x.hash - y.hash);

describe('near-duplicate candidates, continued', () => {
  it('updates the last run\'s list to exactly the list a search from scratch finds', () => {
    const seen = { updated: 0, changed: 0, chainedKept: 0, joinedChained: 0 };
    // Half the runs on an alphabet of 2–4 values, where buckets outgrow the limit.
    const scenario = fc.oneof(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 5, max: 40 })).chain((alphabet) => fc.tuple(fc.constant(alphabet), runOf(alphabet), editsOf(alphabet), fc.integer({ min: 2, max: 12 }), fc.constantFrom(0, 0.2, 0.5)));
    fc.assert(
      fc.property(scenario, ([, run, edits, maxBucket, floor]) => {
        const before = nearCandidates(run.map((x) => x.signature), optionsOf(run, maxBucket, floor));
        const next = edited(run, edits);
        const options = optionsOf(next, maxBucket, floor);
        const signatures = next.map((x) => x.signature);
        const scratch = nearCandidates(signatures, options);
        // What pair-cache.ts hands over: the last run's pairs of two articles in both runs and
        // representatives in both, by this run's indices; the articles to look up.
        const indexOf = new Map(next.map((x, i) => [x.name, i]));
        const wasRepresentative = new Map(run.map((x) => [x.name, x.signature !== null]));
        const currentOf = run.map((x) => indexOf.get(x.name) ?? -1);
        const kept: number[] = [];
        for (let k = 0; k < before.pairs.length; k += 2) {
          const [a, b] = [currentOf[before.pairs[k]!]!, currentOf[before.pairs[k + 1]!]!];
          if (a >= 0 && b >= 0 && signatures[a] && signatures[b]) kept.push(a, b);
        }
        const probe = next.flatMap((x, i) => (x.signature && !wasRepresentative.get(x.name) ? [i] : []));
        const chained = before.chained.map((bucket) => ({ ...bucket, first: currentOf[bucket.first]! }));
        const update = updateNearCandidates(signatures, options, Int32Array.from(kept), probe, chained);
        seen.updated++;
        if (before.chained.length > 0) seen.chainedKept++;
        // A probed article in a bucket chained then (and now): it pairs with the bucket's first member only.
        const probeHashes = bandHashes(probe.map((i) => signatures[i]!), BANDING);
        if (before.chained.some(({ band, hash }) => probeHashes.subarray(band * probe.length, (band + 1) * probe.length).includes(hash))) seen.joinedChained++;
        if (probe.length > 0 && scratch.pairs.length !== kept.length) seen.changed++;
        expect([...update.pairs]).toEqual([...scratch.pairs]);
        expect(byPlace(update.chained)).toEqual(byPlace(scratch.chained));
      }),
      { numRuns: 2000, seed: 20261205 },
    );
    // It found pairs the last run did not have…
    expect(seen.changed).toBeGreaterThan(50);
    // …and it ran with chained buckets held as they were, and with new articles joining them.
    expect(seen.chainedKept).toBeGreaterThan(10);
    expect(seen.joinedChained).toBeGreaterThan(10);
  });

  it('pairs a new article that joins a chained bucket with its first member, as a search from scratch does', () => {
    let joined = 0;
    let chainedOnlyNow = 0;
    // Long runs on two values with a small bucket limit: most buckets are chained; the new day's articles come last.
    const scenario = fc.tuple(
      fc.array(fc.record({ values: values(2), day }), { minLength: 30, maxLength: 80 }),
      fc.array(fc.record({ values: values(2), day }), { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 2, max: 6 }),
      fc.constantFrom(0, 0.2),
    );
    fc.assert(
      fc.property(scenario, ([archive, day, maxBucket, floor]) => {
        const run: Item[] = archive.map((x, i) => ({ name: `a${i}`, signature: Uint32Array.from(x.values), day: x.day, own: Uint32Array.from(x.values) }));
        const next = edited(run, day.map((x) => ({ kind: 'append' as const, ...x })));
        const before = nearCandidates(run.map((x) => x.signature), optionsOf(run, maxBucket, floor));
        const signatures = next.map((x) => x.signature);
        const probe = next.flatMap((_, i) => (i >= run.length ? [i] : []));
        const update = updateNearCandidates(signatures, optionsOf(next, maxBucket, floor), before.pairs, probe, before.chained);
        const scratch = nearCandidates(signatures, optionsOf(next, maxBucket, floor));
        if (update.chained.length !== before.chained.length) chainedOnlyNow++;
        expect([...update.pairs]).toEqual([...scratch.pairs]);
        expect(byPlace(update.chained)).toEqual(byPlace(scratch.chained));
        const hashes = bandHashes(probe.map((i) => signatures[i]!), BANDING);
        if (before.chained.some(({ band, hash }) => hashes.subarray(band * probe.length, (band + 1) * probe.length).includes(hash))) joined++;
      }),
      { numRuns: 300, seed: 20261205 },
    );
    expect(joined).toBeGreaterThan(150);
    // …and takes buckets past the limit (their pairs among the archive's articles unmade) in others.
    expect(chainedOnlyNow).toBeGreaterThan(20);
  });

  it('lists the candidates in canonical order: each pair once, first article before second, by first then second', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 20 }).chain((alphabet) => runOf(alphabet)),
        fc.integer({ min: 2, max: 12 }),
        (run, maxBucket) => {
          const { pairs } = nearCandidates(run.map((x) => x.signature), optionsOf(run, maxBucket, 0));
          const keys = [];
          for (let k = 0; k < pairs.length; k += 2) {
            expect(pairs[k]!).toBeLessThan(pairs[k + 1]!);
            keys.push(pairs[k]! * run.length + pairs[k + 1]!);
          }
          expect(keys).toEqual([...new Set(keys)].sort((x, y) => x - y));
        },
      ),
      { numRuns: 200, seed: 20261205 },
    );
  });

  it('continues the list through the pair cache: a rebuild with a few articles changed gets a search from scratch\'s list', () => {
    const seen = { continued: 0 };
    const feature = (x: Item) => ({ cacheKey: `${x.name}:${x.signature?.join(',')}`, article: { id: x.name }, vector: { ids: new Uint32Array(0), weights: new Float32Array(0) } }) as unknown as ArticleFeatures;
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 60 }).chain((alphabet) => fc.tuple(fc.constant(alphabet), runOf(alphabet), editsOf(alphabet))),
        ([, run0, edits]) => {
          // Large runs, so that a few edits stay within the share of fresh articles the update takes.
          const run = [...run0, ...run0.map((x) => ({ ...x, name: `${x.name}-b` })), ...run0.map((x) => ({ ...x, name: `${x.name}-c` }))];
          const cache = memoryCache();
          const first = new PairMemory(run.map(feature), (i) => run[i]!.day, cache, 'settings');
          first.nearCandidates(run.map((x) => x.signature), optionsOf(run, 64, 0.2));
          first.save();
          const next = edited(run, edits);
          const memory = new PairMemory(next.map(feature), (i) => next[i]!.day, cache, 'settings');
          const list = memory.nearCandidates(next.map((x) => x.signature), optionsOf(next, 64, 0.2));
          expect([...list]).toEqual([...nearCandidates(next.map((x) => x.signature), optionsOf(next, 64, 0.2)).pairs]);
          if (memory.nearContinued) seen.continued++;
          // Other options than the stored list's: searched from scratch.
          const other = new PairMemory(next.map(feature), (i) => next[i]!.day, cache, 'settings');
          expect([...other.nearCandidates(next.map((x) => x.signature), optionsOf(next, 64, 0.3))]).toEqual([...nearCandidates(next.map((x) => x.signature), optionsOf(next, 64, 0.3)).pairs]);
          expect(other.nearContinued).toBe(false);
        },
      ),
      { numRuns: 150, seed: 20261205 },
    );
    expect(seen.continued).toBeGreaterThan(75);
  });
});

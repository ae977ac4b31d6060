/**
 * The pairs worth measuring as near-duplicates: LSH candidates (minhash.ts) whose dates allow
 * them and whose signatures agree on enough values, in one canonical order — by first article,
 * then second — so that the same list can be found two ways:
 *
 *   - from scratch, by `nearCandidates` (LSH over every signature);
 *   - from the last run's list, by `updateNearCandidates`: the pairs of two articles that did
 *     not change hold (a pair is a candidate by the two signatures and the two dates alone), so
 *     only the new or changed articles are looked up, band by band, among every signature.
 *
 * At 100,000 articles the LSH was ~0.5 s of every new day, for a list that changes only around
 * the day's 300 articles. The exception to "a function of the pair alone" is a bucket above
 * `maxBucket` members, which LSH chains to its first member instead of pairing all its members:
 * its pairs depend on who else is in it. Such buckets are kept with the list (band, hash, size,
 * first member); the update is refused (null: search from scratch) when one's size or first
 * member moved (a probed article joining it, or a member leaving), or when a probed bucket grows
 * past the limit.
 */
import { bandHashes, lshCandidates, signatureAgreement, type Banding, type ChainedBucket } from './minhash.ts';

export type { ChainedBucket } from './minhash.ts';

export interface NearOptions {
  banding: Banding;
  /** A candidate whose signatures agree on less than this share is dropped (see findDuplicates). */
  floor: number;
  /** Dates within reach of each other. */
  allowed: (a: number, b: number) => boolean;
  /** LSH's bucket limit (see `lshCandidates`). */
  maxBucket?: number;
}

/** Near-duplicate candidates of one run. */
export interface NearCandidates {
  /** Pairs (a < b) as a0, b0, a1, b1…, ascending by a then b. */
  pairs: Int32Array;
  /** The buckets LSH chained (members by this run's indices). */
  chained: ChainedBucket[];
}

export const MAX_BUCKET = 64;

/** The candidates from scratch: LSH over every signature. `representatives[i]` null: not a candidate. */
export function nearCandidates(representatives: readonly (Uint32Array | null)[], options: NearOptions): NearCandidates {
  const chained: ChainedBucket[] = [];
  const found = lshCandidates(representatives, options.banding, options.maxBucket ?? MAX_BUCKET, options.allowed, chained);
  const keys: number[] = [];
  const n = representatives.length;
  for (const [a, b] of found) if (signatureAgreement(representatives[a]!, representatives[b]!) >= options.floor) keys.push(a * n + b);
  return { pairs: orderedPairs(keys, n), chained };
}

/**
 * The candidates from the last run's: `kept`, its pairs of two articles that are candidates now as
 * then (neither changed, both still representatives; by this run's indices, any order), and
 * `probe`, every representative whose pairs must be looked up (new, changed, or a representative
 * only now). `chained`: the last run's chained buckets, their first member by this run's index
 * (−1 when it is not here any more). The same list as `nearCandidates`, or null when the chained
 * buckets do not allow telling it (see the file's comment).
 */
export function updateNearCandidates(
  representatives: readonly (Uint32Array | null)[],
  options: NearOptions,
  kept: Int32Array,
  probe: readonly number[],
  chained: readonly ChainedBucket[],
): NearCandidates | null {
  const n = representatives.length;
  const maxBucket = options.maxBucket ?? MAX_BUCKET;
  const { bands } = options.banding;
  const ids: number[] = [];
  for (let i = 0; i < n; i++) if (representatives[i]) ids.push(i);
  const hashes = bandHashes(ids.map((i) => representatives[i]!), options.banding);
  const count = ids.length;
  const isProbe = new Uint8Array(n);
  for (const i of probe) isProbe[i] = 1;
  const chainedBy = chained.map(() => ({ size: 0, first: -1 }));
  const keys: number[] = [];
  for (let k = 0; k < kept.length; k += 2) keys.push(Math.min(kept[k]!, kept[k + 1]!) * n + Math.max(kept[k]!, kept[k + 1]!));
  const fresh = new Set<number>();
  for (let band = 0; band < bands; band++) {
    const row = hashes.subarray(band * count, (band + 1) * count);
    // The probed articles' buckets in this band, and the chained buckets of this band.
    const probed = new Map<number, number[]>();
    for (let k = 0; k < count; k++) if (isProbe[ids[k]!]) probed.set(row[k]!, []);
    const watched = new Map<number, number>();
    chained.forEach((bucket, c) => bucket.band === band && watched.set(bucket.hash, c));
    if (probed.size === 0 && watched.size === 0) continue;
    for (let k = 0; k < count; k++) {
      const members = probed.get(row[k]!);
      if (members) members.push(ids[k]!);
      const c = watched.get(row[k]!);
      if (c !== undefined) {
        const seen = chainedBy[c]!;
        if (seen.size++ === 0) seen.first = ids[k]!;
      }
    }
    for (const [hash, members] of probed) {
      // A bucket chained now: its pairs depend on all its members. (One chained then that a probed
      // article joined is refused below, its size moved.)
      if (members.length > maxBucket) return null;
      for (const p of members) {
        if (!isProbe[p]) continue;
        for (const m of members) {
          if (m === p || (isProbe[m] && m < p)) continue;
          const [a, b] = p < m ? [p, m] : [m, p];
          const key = a * n + b;
          if (fresh.has(key) || !options.allowed(a, b)) continue;
          fresh.add(key);
          if (signatureAgreement(representatives[a]!, representatives[b]!) >= options.floor) keys.push(key);
        }
      }
    }
  }
  // A chained bucket that lost a member, or whose first member is another: its pairs moved.
  for (let c = 0; c < chained.length; c++) {
    const { size, first } = chainedBy[c]!;
    if (size !== chained[c]!.size || first !== chained[c]!.first) return null;
  }
  return { pairs: orderedPairs(keys, n), chained: chained.map((bucket) => ({ ...bucket })) };
}

/** Pair keys a · n + b (exact: n < 2^21), as an ascending list of pairs, each once. */
function orderedPairs(keys: readonly number[], n: number): Int32Array {
  const sorted = Float64Array.from(keys).sort();
  const out: number[] = [];
  for (let k = 0; k < sorted.length; k++) {
    if (k > 0 && sorted[k] === sorted[k - 1]) continue;
    out.push(Math.floor(sorted[k]! / n), sorted[k]! % n);
  }
  return Int32Array.from(out);
}

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
 * At 100,000 articles the LSH was ~0.5–1 s of every new day, for a list that changes only around
 * the day's 300 articles. The exception to "a function of the pair alone" is a bucket above
 * `maxBucket` members, which LSH chains to its first member instead of pairing all its members:
 * its pairs depend on who else is in it (a year of news has ~510 such buckets, and a new day's
 * articles join some and take others past the limit). So the list keeps its chained buckets
 * (band, hash, size, first member), and the update looks, band by band, into each bucket that
 * may pair otherwise now — one a probed article is in, or one chained then:
 *
 *   - chained then and now, to the same first member: the probed articles pair with that member;
 *   - chained neither then nor now: the probed articles pair with every member;
 *   - otherwise (chained only now, no longer, or to another first member): it adds every pair it
 *     makes now, and the pairs it made among its unchanged members and makes no more are dropped —
 *     unless a bucket of another band still makes them (a pair is a candidate when any band's
 *     bucket makes it).
 *
 * Every other bucket holds only unchanged articles, no more than then, and was not chained: its
 * pairs are the kept ones. A year's new day: 268 ms to update against 1,031 ms from scratch, the
 * same 12,555 pairs and 513 chained buckets.
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
 * (−1 when it is not here any more). The same list as `nearCandidates` (see the file's comment).
 */
export function updateNearCandidates(
  representatives: readonly (Uint32Array | null)[],
  options: NearOptions,
  kept: Int32Array,
  probe: readonly number[],
  chained: readonly ChainedBucket[],
): NearCandidates {
  const n = representatives.length;
  const maxBucket = options.maxBucket ?? MAX_BUCKET;
  const { bands } = options.banding;
  const ids: number[] = [];
  const place = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) if (representatives[i]) place[i] = ids.push(i) - 1;
  const hashes = bandHashes(ids.map((i) => representatives[i]!), options.banding);
  const count = ids.length;
  const hashOf = (band: number, i: number) => hashes[band * count + place[i]!]!;
  const isProbe = new Uint8Array(n);
  for (const i of probe) isProbe[i] = 1;
  const keyOf = (x: number, y: number) => (x < y ? x * n + y : y * n + x);

  /** Pairs a bucket makes now that the kept ones may lack: the probed articles', and those of a bucket that pairs otherwise now. */
  const added: number[] = [];
  const considered = new Set<number>();
  const consider = (x: number, y: number) => {
    const key = keyOf(x, y);
    if (considered.has(key)) return;
    considered.add(key);
    const a = Math.min(x, y);
    const b = Math.max(x, y);
    if (options.allowed(a, b) && signatureAgreement(representatives[a]!, representatives[b]!) >= options.floor) added.push(key);
  };
  /** Kept pairs a bucket no longer makes: dropped unless another band's bucket makes them (checked at the end). */
  const unmade = new Set<number>();

  // Per band, the buckets that may pair otherwise than they did: those a probed article is in, and those
  // LSH chained then. Every other bucket holds unchanged articles only, as many as then or fewer, and is
  // not chained: it makes the same pairs (those of the articles still here) as then.
  const changed: Map<number, Bucket>[] = [];
  const now: ChainedBucket[] = [];
  for (let band = 0; band < bands; band++) {
    const row = hashes.subarray(band * count, (band + 1) * count);
    const buckets = new Map<number, Bucket>();
    changed.push(buckets);
    for (const p of probe) buckets.set(row[place[p]!]!, { members: [], chainedThen: -1 });
    chained.forEach((bucket, c) => {
      if (bucket.band !== band) return;
      const known = buckets.get(bucket.hash);
      if (known) known.chainedThen = c;
      else buckets.set(bucket.hash, { members: [], chainedThen: c });
    });
    if (buckets.size === 0) continue;
    for (let k = 0; k < count; k++) buckets.get(row[k]!)?.members.push(ids[k]!);
    for (const [hash, bucket] of buckets) {
      const { members, chainedThen } = bucket;
      if (members.length === 0) continue;
      // Members in index order: the first is the one LSH chains a bucket to.
      const first = members[0]!;
      const chainedNow = members.length > maxBucket;
      if (chainedNow) now.push({ band, hash, size: members.length, first });
      const firstThen = chainedThen >= 0 ? chained[chainedThen]!.first : -1;
      if (chainedThen >= 0 && chainedNow && first === firstThen) {
        // Chained then and now, to the same article: the probed articles pair with it.
        for (const m of members) if (isProbe[m]) consider(first, m);
      } else if (chainedThen < 0 && !chainedNow) {
        // Every two members then and now: the probed articles pair with every member.
        for (const p of members) if (isProbe[p]) for (const m of members) if (m !== p) consider(p, m);
      } else {
        // It pairs otherwise now (chained only now, no longer, or to another article): every pair it
        // makes now, and the pairs it made among the unchanged members and makes no more are unmade.
        if (!chainedNow) {
          for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) consider(members[x]!, members[y]!);
          continue;
        }
        for (const m of members) if (m !== first) consider(first, m);
        const unchanged = members.filter((m) => !isProbe[m]);
        if (chainedThen >= 0) {
          if (unchanged.includes(firstThen) && firstThen !== first) for (const m of unchanged) if (m !== firstThen && m !== first) unmade.add(keyOf(firstThen, m));
        } else {
          for (let x = 0; x < unchanged.length; x++) {
            for (let y = x + 1; y < unchanged.length; y++) if (unchanged[x] !== first && unchanged[y] !== first) unmade.add(keyOf(unchanged[x]!, unchanged[y]!));
          }
        }
      }
    }
  }

  // An unmade pair stays when a bucket of another band makes it now: one the loop visited (then it
  // was considered), or one it did not, which pairs every two of its members (see above).
  const makes = (a: number, b: number) => {
    for (let band = 0; band < bands; band++) {
      const hash = hashOf(band, a);
      if (hash !== hashOf(band, b)) continue;
      const bucket = changed[band]!.get(hash);
      if (!bucket || bucket.members.length <= maxBucket || a === bucket.members[0] || b === bucket.members[0]) return true;
    }
    return false;
  };
  const keys: number[] = [];
  for (let k = 0; k < kept.length; k += 2) {
    const key = keyOf(kept[k]!, kept[k + 1]!);
    if (!unmade.has(key) || considered.has(key) || makes(Math.floor(key / n), key % n)) keys.push(key);
  }
  for (const key of added) keys.push(key);
  return { pairs: orderedPairs(keys, n), chained: now };
}

/** A bucket of one band that the update looks into: its members now (in index order: the first is the one LSH chains to), whether it was chained (its index in the stored list, or −1). */
interface Bucket {
  members: number[];
  chainedThen: number;
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

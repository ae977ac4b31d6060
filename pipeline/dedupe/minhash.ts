/**
 * MinHash signatures and LSH banding over word shingles, for finding
 * near-duplicate candidates without comparing all pairs.
 *
 * Written here rather than taken from npm: the maintained JS MinHash packages
 * hash every shingle once per permutation (k × slower), hash strings with
 * Math.random-seeded coefficients (not stable across runs) or pull in a
 * dependency tree for ~100 lines. We need it small, deterministic (story ids
 * and tests rely on identical output on every machine) and fast at 100k
 * articles, so this uses one-permutation hashing (each shingle hashed once into
 * one of k bins) with "optimal densification" for empty bins
 * (Shrivastava, ICML 2017), which keeps Pr[sig_a[i] = sig_b[i]] = Jaccard(a, b).
 */
import { radixOrder } from '../common/radix.ts';

/** murmur3's 32-bit finaliser: a cheap, well-mixed integer hash. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over a string's UTF-16 code units, then mixed. Stable across runs and platforms. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/**
 * Sorted, de-duplicated hashes of the word n-grams of `tokens`. A text shorter
 * than one shingle becomes one shingle of all its words.
 */
export function shingleSet(tokens: readonly string[], size: number, tokenHash: (token: string) => number = hashString): Uint32Array {
  const hashes = tokens.map(tokenHash);
  const count = Math.max(1, tokens.length - size + 1);
  const out = new Uint32Array(tokens.length === 0 ? 0 : count);
  for (let i = 0; i < out.length; i++) {
    let h = 0x9747b28c;
    const end = Math.min(i + size, hashes.length);
    for (let j = i; j < end; j++) h = mix32((h ^ hashes[j]!) + 0x9e3779b9 * (j - i + 1));
    out[i] = h;
  }
  out.sort();
  return dedupeSorted(out);
}

function dedupeSorted(sorted: Uint32Array): Uint32Array {
  if (sorted.length < 2) return sorted;
  let w = 1;
  for (let r = 1; r < sorted.length; r++) if (sorted[r] !== sorted[w - 1]) sorted[w++] = sorted[r]!;
  return sorted.subarray(0, w);
}

/** How many hashes two sorted hash sets share: one merge pass. */
function sharedCount(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/** Exact Jaccard similarity of two sorted hash sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  const shared = sharedCount(a, b);
  return shared / (a.length + b.length - shared);
}

/** Share of `a`'s shingles also in `b` (containment: how much of a is copied in b). */
export function containment(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0) return 0;
  return sharedCount(a, b) / a.length;
}

const EMPTY = 0xffffffff;

/** A MinHash signature of `k` values; all-EMPTY for an empty set. */
export function minhashSignature(shingles: Uint32Array, k: number): Uint32Array {
  const sig = new Uint32Array(k).fill(EMPTY);
  for (let s = 0; s < shingles.length; s++) {
    const h = mix32(shingles[s]! ^ 0x5bd1e995);
    // Bin from the high bits, value from an independent remix: one hash per shingle.
    const bin = Math.floor((h / 0x100000000) * k);
    const value = mix32(h + 0x27d4eb2f) >>> 1; // < EMPTY always
    if (value < sig[bin]!) sig[bin] = value;
  }
  if (shingles.length === 0) return sig;
  // Optimal densification: an empty bin borrows the value of a non-empty bin
  // chosen by a hash sequence that depends only on the bin number, so two sets
  // that agree on the borrowed bin agree here too.
  const filled = sig.slice();
  for (let bin = 0; bin < k; bin++) {
    if (filled[bin] !== EMPTY) continue;
    for (let attempt = 1; ; attempt++) {
      const source = mix32(Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca77)) % k;
      if (filled[source] !== EMPTY) {
        sig[bin] = filled[source]!;
        break;
      }
    }
  }
  return sig;
}

/** Share of equal positions: an unbiased estimate of Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

export interface Banding {
  bands: number;
  rows: number;
}

/** Share of the two signatures' values that agree: an unbiased estimate of the sets' Jaccard. */
export function signatureAgreement(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * The band layout for a signature of `k` values that finds pairs at
 * `threshold` with probability ≥ `recall`: the most rows per band (fewest
 * false candidates) that still reaches the recall. Pr[candidate] = 1 − (1 − J^r)^b.
 */
export function chooseBanding(k: number, threshold: number, recall = 0.995): Banding {
  let best: Banding = { bands: k, rows: 1 };
  for (let rows = 1; rows <= k; rows++) {
    const bands = Math.floor(k / rows);
    const p = 1 - Math.pow(1 - Math.pow(Math.max(threshold, 1e-6), rows), bands);
    if (p >= recall) best = { bands, rows };
    else break;
  }
  return best;
}

/**
 * Candidate pairs (i < j) whose signatures agree on all rows of at least one
 * band. A bucket larger than `maxBucket` (hundreds of copies of one text) is
 * chained (each member paired with the bucket's first) rather than expanded
 * quadratically; the union of pairs still connects them all. With `wanted`, only
 * the pairs it accepts: the same list as filtering the result, without holding it.
 */
export function lshCandidates(
  signatures: readonly (Uint32Array | null)[],
  banding: Banding,
  maxBucket = 64,
  wanted?: (a: number, b: number) => boolean,
  /** Given, each bucket that was chained is added to it (near-candidates.ts keeps them). */
  chained?: ChainedBucket[],
): Array<[number, number]> {
  const seen = new PairSet();
  const pairs: Array<[number, number]> = [];
  const add = (a: number, b: number) => {
    // Pairs the caller would drop anyway (dates too far apart) are never kept: on a long
    // run they are most candidates (the same stock phrasing months apart).
    if (wanted && !wanted(a, b)) return;
    const i = Math.min(a, b);
    const j = Math.max(a, b);
    if (seen.add(i, j)) pairs.push([i, j]);
  };
  const docs: Uint32Array[] = [];
  const ids: number[] = [];
  for (let doc = 0; doc < signatures.length; doc++) {
    const sig = signatures[doc];
    if (sig) (docs.push(sig), ids.push(doc));
  }
  const count = docs.length;
  const { bands } = banding;
  const hashes = bandHashes(docs, banding);
  // A bucket is a run of equal hashes in a band, its members in document order; buckets are
  // visited by their first (smallest) member, as a Map of hash → members would list them.
  // Found by a stable radix sort of the documents by hash (radix.ts; the float sort of
  // hash · 2^21 + doc it replaces took 8 ms a band at 100k, most of this function), and visited
  // by walking the documents in order: no sort of the buckets.
  const bucketEnd = new Int32Array(count);
  const bucketStart = new Int32Array(count).fill(-1);
  for (let band = 0; band < bands; band++) {
    const inBand = hashes.subarray(band * count, (band + 1) * count);
    const order = radixOrder(inBand);
    for (let start = 0; start < count; ) {
      const h = inBand[order[start]!]!;
      let end = start + 1;
      while (end < count && inBand[order[end]!] === h) end++;
      if (end - start >= 2) {
        bucketStart[order[start]!] = start;
        bucketEnd[order[start]!] = end;
      }
      start = end;
    }
    for (let k = 0; k < count; k++) {
      const start = bucketStart[k]!;
      if (start < 0) continue;
      bucketStart[k] = -1;
      const end = bucketEnd[k]!;
      if (end - start > maxBucket) {
        chained?.push({ band, hash: inBand[k]!, size: end - start, first: ids[k]! });
        for (let x = start + 1; x < end; x++) add(ids[k]!, ids[order[x]!]!);
        continue;
      }
      for (let x = start; x < end; x++) for (let y = x + 1; y < end; y++) add(ids[order[x]!]!, ids[order[y]!]!);
    }
  }
  return pairs;
}

/** A bucket LSH chained (more than `maxBucket` members): its band, hash, size and first (smallest) member. */
export interface ChainedBucket {
  band: number;
  hash: number;
  size: number;
  first: number;
}

/**
 * Every band's hash of every signature, band by band (`hashes[band * count + k]`), in one pass of
 * plain loops on int32 values (a closure per band and document, with the sum left a double, was
 * 1.5 s of a 100k run's 2.6 s here). `(x + c) | 0` is the same 32 bits mix32 takes of the double.
 */
export function bandHashes(signatures: readonly Uint32Array[], { bands, rows }: Banding): Uint32Array {
  const count = signatures.length;
  const hashes = new Uint32Array(bands * count);
  for (let k = 0; k < count; k++) {
    const sig = signatures[k]!;
    for (let band = 0; band < bands; band++) {
      const offset = band * rows;
      let h = band + 1;
      for (let r = 0; r < rows; r++) h = mix32(((h ^ sig[offset + r]!) + 0x9e3779b9) | 0);
      hashes[band * count + k] = h;
    }
  }
  return hashes;
}

/**
 * A set of pairs i < j, open addressing over (i, j) in typed arrays: a `Set` of i · n + j
 * held each key (above 2^31 on a large run) as a boxed number.
 */
class PairSet {
  private first = new Int32Array(1024).fill(-1);
  private second = new Int32Array(1024);
  private size = 0;

  /** Adds (i, j); false if it was there. */
  add(i: number, j: number): boolean {
    if (this.size * 2 >= this.first.length) this.grow();
    const slot = this.slotOf(i, j);
    if (this.first[slot] !== -1) return false;
    this.first[slot] = i;
    this.second[slot] = j;
    this.size++;
    return true;
  }

  /** The slot holding (i, j), or the empty slot where it belongs. */
  private slotOf(i: number, j: number): number {
    const mask = this.first.length - 1;
    let slot = mix32(Math.imul(i, 0x9e3779b1) ^ j) & mask;
    while (this.first[slot] !== -1 && (this.first[slot] !== i || this.second[slot] !== j)) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const [first, second] = [this.first, this.second];
    this.first = new Int32Array(first.length * 2).fill(-1);
    this.second = new Int32Array(first.length * 2);
    for (let s = 0; s < first.length; s++) {
      if (first[s] === -1) continue;
      const slot = this.slotOf(first[s]!, second[s]!);
      this.first[slot] = first[s]!;
      this.second[slot] = second[s]!;
    }
  }
}

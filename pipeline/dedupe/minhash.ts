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

/** Documents `lshCandidates` can bucket (see the packing there). */
const DOC_LIMIT = 2 ** 21;

/**
 * Candidate pairs (i < j) whose signatures agree on all rows of at least one
 * band. A bucket larger than `maxBucket` (hundreds of copies of one text) is
 * chained (each member paired with the bucket's first) rather than expanded
 * quadratically; the union of pairs still connects them all. With `wanted`, only
 * the pairs it accepts: the same list as filtering the result, without holding it.
 */
export function lshCandidates(signatures: readonly (Uint32Array | null)[], banding: Banding, maxBucket = 64, wanted?: (a: number, b: number) => boolean): Array<[number, number]> {
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const n = signatures.length;
  const add = (a: number, b: number) => {
    // Pairs the caller would drop anyway (dates too far apart) are never kept: on a long
    // run they are most candidates (the same stock phrasing months apart).
    if (wanted && !wanted(a, b)) return;
    const i = Math.min(a, b);
    const j = Math.max(a, b);
    const key = i * n + j;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push([i, j]);
  };
  // Buckets by sorting (band hash, doc) packed in one float — hash · 2^21 + doc, exact
  // below 2^53 — rather than a Map keyed by 32-bit hashes (half of which V8 boxes as
  // heap numbers) or a sort with a comparator: the same buckets, visited in the order
  // a Map would have listed them (by first member).
  if (n >= DOC_LIMIT) throw new Error(`lshCandidates: more than ${DOC_LIMIT} signatures`);
  const docs: number[] = [];
  for (let doc = 0; doc < n; doc++) if (signatures[doc]) docs.push(doc);
  const packed = new Float64Array(docs.length);
  const order = new Int32Array(docs.length);
  const hashes = new Float64Array(docs.length);
  for (let band = 0; band < banding.bands; band++) {
    const offset = band * banding.rows;
    docs.forEach((doc, k) => {
      const sig = signatures[doc]!;
      let h = band + 1;
      for (let r = 0; r < banding.rows; r++) h = mix32((h ^ sig[offset + r]!) + 0x9e3779b9);
      packed[k] = h * DOC_LIMIT + doc;
    });
    packed.sort();
    for (let k = 0; k < packed.length; k++) {
      const key = packed[k]!;
      order[k] = key % DOC_LIMIT;
      hashes[k] = Math.floor(key / DOC_LIMIT);
    }
    const buckets: Int32Array[] = [];
    for (let start = 0; start < order.length; ) {
      let end = start + 1;
      while (end < order.length && hashes[end] === hashes[start]) end++;
      if (end - start >= 2) buckets.push(order.subarray(start, end));
      start = end;
    }
    buckets.sort((p, q) => p[0]! - q[0]!);
    for (const bucket of buckets) {
      if (bucket.length > maxBucket) {
        for (let x = 1; x < bucket.length; x++) add(bucket[0]!, bucket[x]!);
        continue;
      }
      for (let x = 0; x < bucket.length; x++) for (let y = x + 1; y < bucket.length; y++) add(bucket[x]!, bucket[y]!);
    }
  }
  return pairs;
}

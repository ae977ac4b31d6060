/**
 * Dense numbers for the run's feature ids. Feature ids are 32-bit hashes
 * (vectors.ts): as keys of a JavaScript Map, half of them are heap numbers
 * (V8 keeps only 31-bit integers unboxed), and a lookup costs hundreds of
 * nanoseconds — the pair search made millions. Numbered once per run through
 * an open-addressing table in typed arrays, every later lookup is an array
 * index.
 */
import type { SparseVector } from './vectors.ts';

export interface DenseFeatures {
  /** Per article, its features' dense numbers, in the order of `vector.ids`. */
  of: Int32Array[];
  /** How many distinct features the run has (dense numbers are 0 … count − 1). */
  count: number;
}

/** Numbers the distinct ids of `vectors` 0, 1, 2, … in order of first appearance. */
export function denseFeatures(vectors: readonly SparseVector[]): DenseFeatures {
  let total = 0;
  for (const v of vectors) total += v.ids.length;
  // At most half full: probes stay short.
  let bits = 4;
  while (1 << bits < total * 2) bits++;
  const capacity = 1 << bits;
  const keys = new Uint32Array(capacity);
  const values = new Int32Array(capacity).fill(-1);
  const mask = capacity - 1;
  let count = 0;
  const of = vectors.map((v) => {
    const dense = new Int32Array(v.ids.length);
    for (let k = 0; k < v.ids.length; k++) {
      const id = v.ids[k]!;
      // Fibonacci hashing: the product's high bits pick the slot.
      let slot = Math.imul(id, 0x9e3779b1) >>> (32 - bits);
      while (values[slot] !== -1 && keys[slot] !== id) slot = (slot + 1) & mask;
      if (values[slot] === -1) {
        keys[slot] = id;
        values[slot] = count++;
      }
      dense[k] = values[slot]!;
    }
    return dense;
  });
  return { of, count };
}

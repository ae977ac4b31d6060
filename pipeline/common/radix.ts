/**
 * A stable sort of indices by unsigned 32-bit keys: least-significant digit
 * first, three passes of 11 bits (count tables of 2,048, so a small run does
 * not pay for large ones). Sorting by several keys is sorting by the last one
 * first (`radixOrder(minor)`, then `radixOrder(major, that)`). Used where the
 * run sorted hundreds of thousands of numbers many times over (LSH buckets,
 * millions of candidate pairs): a comparator sort of indices cost ~50 ns a
 * comparison, a Float64Array sort of packed keys ~85 ns an element.
 */

/**
 * `order` (indices into `keys`; default 0 … keys.length − 1) stably sorted by
 * `keys[index] >>> 0`. Returns a new array; `order` is used as scratch.
 */
export function radixOrder(keys: ArrayLike<number>, order?: Uint32Array): Uint32Array {
  const n = order ? order.length : keys.length;
  let from: Uint32Array = order ?? identity(n);
  let to: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(2048);
  for (let shift = 0; shift < 33; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[from[i]!]! >>> shift) & 2047]!++;
    let sum = 0;
    for (let d = 0; d < 2048; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const index = from[i]!;
      to[counts[(keys[index]! >>> shift) & 2047]!++] = index;
    }
    [from, to] = [to, from];
  }
  return from;
}

function identity(n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

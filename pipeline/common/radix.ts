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
    toStarts(counts);
    for (let i = 0; i < n; i++) {
      const index = from[i]!;
      to[counts[(keys[index]! >>> shift) & 2047]!++] = index;
    }
    [from, to] = [to, from];
  }
  return from;
}

/** Each digit's count made the place its first key goes (the counts before it, summed), in place. */
function toStarts(counts: Uint32Array): void {
  let sum = 0;
  for (let d = 0; d < counts.length; d++) {
    const c = counts[d]!;
    counts[d] = sum;
    sum += c;
  }
}

function identity(n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/**
 * `keys` stably sorted, each `values[i]` carried along with `keys[i]` (both as long as each
 * other): the same order `radixOrder(keys)` gives, without going through an index. Where the
 * sorted keys are then read in order (runs of equal keys), reading them through an order of
 * indices is a random access a key — at a year's 1M paragraph keys, a cache miss each. Returns
 * new arrays; `keys` and `values` are used as scratch.
 */
export function radixSortWith(keys: Uint32Array, values: Uint32Array): { keys: Uint32Array; values: Uint32Array } {
  const n = keys.length;
  let fromKeys: Uint32Array = keys;
  let fromValues: Uint32Array = values;
  let toKeys: Uint32Array = new Uint32Array(n);
  let toValues: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(2048);
  for (let shift = 0; shift < 33; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(fromKeys[i]! >>> shift) & 2047]!++;
    toStarts(counts);
    for (let i = 0; i < n; i++) {
      const key = fromKeys[i]!;
      const to = counts[(key >>> shift) & 2047]!++;
      toKeys[to] = key;
      toValues[to] = fromValues[i]!;
    }
    [fromKeys, toKeys] = [toKeys, fromKeys];
    [fromValues, toValues] = [toValues, fromValues];
  }
  return { keys: fromKeys, values: fromValues };
}

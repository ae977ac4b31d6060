/**
 * Array helpers for lists as long as the input makes them. `target.push(...items)` and
 * `Math.max(...values)` pass every element as an argument on the stack: past ~120,000 elements
 * (a text of 200,000 one-line paragraphs, a JSONL file of 200,000 records, a subscriber list)
 * they throw `RangeError: Maximum call stack size exceeded` — found in session 23 by feeding
 * `briefing extract` a text of 200,000 lines.
 */

/** Appends every item to `target`, in order. */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]!);
  return target;
}

/** The largest value, or `floor` when there is none larger (`Math.max(floor, ...values)` for any length). */
export function maxOf(values: Iterable<number>, floor = -Infinity): number {
  let max = floor;
  for (const value of values) if (value > max || Number.isNaN(value)) max = value;
  return max;
}

/**
 * Plain string order (UTF-16 code units), the same on every machine. `localeCompare` follows the
 * process's locale (LANG): under da_DK "aa" sorts after "z", so story ids ordered with it made
 * a build's output depend on the machine it ran on.
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

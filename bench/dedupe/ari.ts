/** Adjusted Rand index of a predicted clustering against gold labels (Hubert & Arabie 1985). */
export function adjustedRandIndex(gold: readonly string[], predicted: readonly string[]): number {
  const n = gold.length;
  const table = new Map<string, number>();
  const goldCounts = new Map<string, number>();
  const predCounts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const g = gold[i]!;
    const p = predicted[i]!;
    table.set(`${g}\u0000${p}`, (table.get(`${g}\u0000${p}`) ?? 0) + 1);
    goldCounts.set(g, (goldCounts.get(g) ?? 0) + 1);
    predCounts.set(p, (predCounts.get(p) ?? 0) + 1);
  }
  const pairs = (x: number) => (x * (x - 1)) / 2;
  let index = 0;
  for (const c of table.values()) index += pairs(c);
  let a = 0;
  for (const c of goldCounts.values()) a += pairs(c);
  let b = 0;
  for (const c of predCounts.values()) b += pairs(c);
  const expected = (a * b) / pairs(n);
  const max = (a + b) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

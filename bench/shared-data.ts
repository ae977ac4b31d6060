import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Benchmarks read reference data from `../shared/bench-data/` (next to the
 * repository on the project's machines, absent in a user's clone). When it is
 * missing a benchmark says so clearly and skips that part.
 */
export const SHARED_BENCH_DATA = process.env.BRIEFING_BENCH_DATA ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/bench-data');

export function benchDataPath(...parts: string[]): string | null {
  const target = path.join(SHARED_BENCH_DATA, ...parts);
  if (existsSync(target)) return target;
  process.stderr.write(`bench: ${target} is absent (set BRIEFING_BENCH_DATA to the shared bench-data folder); skipping that benchmark\n`);
  return null;
}

/** Prints one JSON line of figures. */
export function emit(record: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify(record) + '\n');
}

/** Peak resident set size of this process so far, in MB (Linux: from the kernel's high-water mark). */
export function peakRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/** The middle value (the upper of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fitHeapGrowth, runAsBatchJob } from '../../pipeline/common/heap.ts';

const CHURN = fileURLToPath(new URL('./fixtures/heap/churn.ts', import.meta.url));
const COLLECT = fileURLToPath(new URL('./fixtures/heap/collect.ts', import.meta.url));

/**
 * The largest heap the churn fixture reached, in a fresh process. `--predictable` runs V8's
 * collector on the main thread only, at points the allocations decide rather than the clock, so
 * the figure does not move with the machine's load (measured: 340–342 MB limited, 425 MB default,
 * idle and with both cores busy; without it 283–298 against 358–432 MB, and under load the two
 * once met — a failed CI run).
 */
function churn(mode: 'limited' | 'default' | 'incremental' | 'fresh'): { peak: number; fullCollections: number } {
  const run = spawnSync(process.execPath, ['--predictable', '--import', 'tsx', CHURN, mode], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(run.status, run.stderr).toBe(0);
  const [peak, , fullCollections] = run.stdout.trim().split(' ').map(Number);
  return { peak: peak!, fullCollections: fullCollections! };
}
const peakHeap = (mode: 'limited' | 'default') => churn(mode).peak;

describe('runAsBatchJob (the CLI sets it: a build is a batch job)', () => {
  it('keeps the heap of a batch-like job smaller: V8 honours the flag set at run time', () => {
    // A Node that ignored the flag would give the same figure for both.
    const limited = peakHeap('limited');
    const unlimited = peakHeap('default');
    expect(limited).toBeLessThan(unlimited * 0.9);
  });

  it('gives an incremental run (few fresh articles) room to grow, and keeps a fresh one tight', () => {
    const limited = churn('limited');
    const incremental = churn('incremental');
    const fresh = churn('fresh');
    // Measured: 7–8 full collections limited and fresh, 4 incremental (2 with Node's default growth); peaks
    // 310–341 MB limited and fresh, 356–358 MB incremental. Under load a run may take one collection less.
    const figures = JSON.stringify({ limited, incremental, fresh });
    expect(incremental.fullCollections + 2, figures).toBeLessThanOrEqual(limited.fullCollections);
    expect(incremental.fullCollections + 2, figures).toBeLessThanOrEqual(fresh.fullCollections);
  });

  it('leaves a heap growth the user gave on node\'s command line alone', () => {
    expect(runAsBatchJob(30, ['--heap-growing-percent=80'])).toBe(false);
    // Nor is it fitted to the run afterwards.
    expect(fitHeapGrowth(0)).toBeNull();
    expect(runAsBatchJob(30, ['--max-old-space-size=4096 --heap_growing_percent=50'])).toBe(false);
    expect(runAsBatchJob(30, ['--max-old-space-size=4096'])).toBe(true);
  });
});

describe('collectGarbage', () => {
  const run = (mode: 'batch' | 'embedded', fromBytes?: number) => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', COLLECT, mode, ...(fromBytes === undefined ? [] : [String(fromBytes)])], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(child.status, child.stderr).toBe(0);
    return JSON.parse(child.stdout) as { ran: boolean; before: number; after: number; totalBefore: number; totalAfter: number; exposed: string };
  };

  it("in a batch job, frees the last stage's garbage at once, without adding gc to the program's globals", () => {
    const { ran, before, after, exposed } = run('batch', 256 * 1048576);
    expect(ran).toBe(true);
    // ~400 MB dropped before the call: gone after it.
    expect(before - after).toBeGreaterThan(250 * 1048576);
    expect(exposed).toBe('undefined');
  });

  it('by default, leaves a heap well under a year\'s first build to V8 (a new day on a year stays near 0.5 GB)', () => {
    const { ran, totalBefore } = run('batch');
    // ~400 MB dropped, a heap under the default threshold: not worth a forced collection.
    expect(totalBefore).toBeLessThan(768 * 1048576);
    expect(ran).toBe(false);
  });

  it('does nothing in a program that embeds the pipeline (no batch-job policy)', () => {
    const { ran, before, after } = run('embedded', 256 * 1048576);
    expect(ran).toBe(false);
    expect(before - after).toBeLessThan(250 * 1048576);
  });
});

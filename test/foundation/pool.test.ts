import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { eachInPool, mapInPool, type PoolTask } from '../../pipeline/common/pool.ts';

const TASK = new URL('./fixtures/pool/task.ts', import.meta.url).href;
const task = (name: string): PoolTask => ({ module: TASK, name });
const numbers = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('mapInPool', () => {
  it('returns one result per item, in order, computed on worker threads', async () => {
    const results = await mapInPool<number, { offset: number }, { value: number; thread: number }>(numbers(500), task('square'), { offset: 1 }, { workers: 2, chunkSize: 7, minItems: 0 });
    expect(results.map((r) => r.value)).toEqual(numbers(500).map((n) => n * n + 1));
    // Worker threads have ids > 0; the main thread is 0.
    expect(results.every((r) => r.thread > 0)).toBe(true);
  });

  it('gives the same results as the in-process path, whatever the chunking', async () => {
    const inProcess = await mapInPool<number, { offset: number }, { value: number }>(numbers(300), task('square'), { offset: 5 }, { workers: 1 });
    const pooled = await mapInPool<number, { offset: number }, { value: number }>(numbers(300), task('square'), { offset: 5 }, { workers: 2, chunkSize: 11, minItems: 0 });
    expect(pooled.map((r) => r.value)).toEqual(inProcess.map((r) => r.value));
  });

  it('runs small inputs and workers: 1 in-process', async () => {
    const small = await mapInPool<number, { offset: number }, { thread: number }>(numbers(10), task('square'), { offset: 0 }, { workers: 2, minItems: 64 });
    const one = await mapInPool<number, { offset: number }, { thread: number }>(numbers(200), task('square'), { offset: 0 }, { workers: 1, minItems: 0 });
    expect(small.every((r) => r.thread === 0)).toBe(true);
    expect(one.every((r) => r.thread === 0)).toBe(true);
    expect(await mapInPool(numbers(0), task('square'), { offset: 0 }, { workers: 2, minItems: 0 })).toEqual([]);
  });

  it('surfaces an error thrown in a worker as an ordinary error', async () => {
    await expect(mapInPool(numbers(100), task('failOnThirteen'), undefined, { workers: 2, chunkSize: 5, minItems: 0 })).rejects.toThrow('cannot handle 13');
    // The same error in-process.
    await expect(mapInPool(numbers(100), task('failOnThirteen'), undefined, { workers: 1 })).rejects.toThrow('cannot handle 13');
  });

  it('reports a worker that dies in the middle of a chunk', async () => {
    await expect(mapInPool(numbers(100), task('exitOnThirteen'), undefined, { workers: 2, chunkSize: 5, minItems: 0 })).rejects.toThrow(/exited \(code 3\)/);
  });

  it('falls back to the calling thread when workers cannot start', async () => {
    const noThreads = () => {
      throw new Error('worker threads unavailable');
    };
    const results = await mapInPool<number, { offset: number }, { value: number; thread: number }>(numbers(200), task('square'), { offset: 2 }, { workers: 2, minItems: 0, spawn: noThreads });
    expect(results.map((r) => r.value)).toEqual(numbers(200).map((n) => n * n + 2));
    expect(results.every((r) => r.thread === 0)).toBe(true);

    // A worker that starts but cannot load its program: same fallback.
    const broken = (_source: string, workerData: unknown) => new Worker('throw new Error("no loader here")', { eval: true, workerData });
    const fallback = await mapInPool<number, { offset: number }, { value: number }>(numbers(200), task('square'), { offset: 2 }, { workers: 2, minItems: 0, spawn: broken });
    expect(fallback.map((r) => r.value)).toEqual(numbers(200).map((n) => n * n + 2));
  });

  it('starts the workers of a compiled (plain JavaScript) task without tsx, and those of a TypeScript task with it', async () => {
    const compiled = { module: new URL('./fixtures/pool/compiled-task.mjs', import.meta.url).href, name: 'loaderState' };
    const results = await mapInPool<number, undefined, { thread: number; typeScript: boolean }>(numbers(40), compiled, undefined, { workers: 2, chunkSize: 5, minItems: 0 });
    expect(results.every((r) => r.thread > 0)).toBe(true);
    // No loader was registered in its workers: TypeScript cannot be imported there.
    expect(results.every((r) => !r.typeScript)).toBe(true);
    const typed = await mapInPool<number, { offset: number }, { thread: number }>(numbers(40), task('square'), { offset: 0 }, { workers: 2, chunkSize: 5, minItems: 0 });
    expect(typed.every((r) => r.thread > 0)).toBe(true);
  });

  it('names a task module without the requested function', async () => {
    await expect(mapInPool(numbers(10), task('missing'), undefined, { workers: 1 })).rejects.toThrow(/no exported function missing/);
  });
});

describe('eachInPool', () => {
  /** Every chunk handed over, by offset: the same results as mapInPool, none kept by the pool. */
  async function collect(workers: number, chunkSize?: number) {
    const seen: { offset: number; values: number[]; threads: number[] }[] = [];
    await eachInPool<number, { offset: number }, { value: number; thread: number }>(numbers(300), task('square'), { offset: 3 }, (results, offset) => seen.push({ offset, values: results.map((r) => r.value), threads: results.map((r) => r.thread) }), { workers, minItems: 0, ...(chunkSize && { chunkSize }) });
    return seen;
  }

  it('hands each chunk of results over with its offset, covering every item once', async () => {
    for (const [workers, chunkSize] of [[2, 7], [1, 50], [1, undefined]] as const) {
      const seen = await collect(workers, chunkSize);
      const values: number[] = [];
      for (const { offset, values: chunk } of seen) chunk.forEach((value, i) => (values[offset + i] = value));
      expect(values).toEqual(numbers(300).map((n) => n * n + 3));
      expect(seen.reduce((sum, { values: chunk }) => sum + chunk.length, 0)).toBe(300);
      if (chunkSize) expect(seen.length).toBe(Math.ceil(300 / chunkSize));
      expect(seen.every(({ threads }) => threads.every((t) => (workers > 1 ? t > 0 : t === 0)))).toBe(true);
    }
  });

  it('rejects when taking a chunk throws (on workers and in-process)', async () => {
    const take = () => {
      throw new Error('disk full');
    };
    await expect(eachInPool(numbers(100), task('square'), { offset: 0 }, take, { workers: 2, chunkSize: 10, minItems: 0 })).rejects.toThrow('disk full');
    await expect(eachInPool(numbers(100), task('square'), { offset: 0 }, take, { workers: 1 })).rejects.toThrow('disk full');
  });
});

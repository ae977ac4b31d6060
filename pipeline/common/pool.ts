/**
 * A small worker_threads pool for per-item work that is pure (same input → same
 * output), so a stage can use every core without changing what it produces.
 *
 *   const results = await mapInPool(items, { module: import.meta.url, name: 'analyseChunk' }, shared, { workers: 2 });
 *
 * - The work is a named export of a module, `(chunk: T[], shared: S) => R[]`,
 *   run on chunks of the items. `shared` (config and the like) is sent once to
 *   each worker; items and results cross threads by structured clone, so both
 *   must be plain data.
 * - Results come back in the items' order whatever order the chunks finish in,
 *   so the output is the same as a sequential run — byte for byte. A caller
 *   that stores or reduces each result at once uses `eachInPool`: each chunk's
 *   results are handed over as the chunk is done, with its offset, and not kept.
 * - Small inputs, `workers <= 1`, or a pool that cannot start (no worker
 *   threads, a worker that fails to load the module) run in-process instead,
 *   through the same function: slower, never different.
 * - An error thrown by the work inside a worker is rethrown here as an ordinary
 *   `Error` with the worker's message and stack; the other workers are stopped.
 *
 * Workers of a TypeScript task module register tsx's loader before importing
 * it (a worker does not inherit `--import tsx`, nor the `register()` call of
 * `pipeline/cli/bin.mjs`), so the pool works under `node --import tsx`, the
 * CLI run from source and vitest alike; a compiled task module (dist/, what
 * the CLI runs after `npm install`) is imported as it is.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Where the work lives: a module (file URL or absolute path) and the name of its export. */
export interface PoolTask {
  module: string;
  name: string;
}

export interface PoolOptions {
  /** Worker threads to use; default: available cores. 1 (or 0) runs in-process. */
  workers?: number;
  /** Items per message (default: about 8 chunks per worker, between 1 and 64 items). */
  chunkSize?: number;
  /** Below this many items the work runs in-process: starting workers costs more (default 64). */
  minItems?: number;
  /** Starts one worker (tests replace it to simulate a platform without worker threads). */
  spawn?: (source: string, workerData: WorkerSetup) => Worker;
}

/** What each worker is given when it starts. */
export interface WorkerSetup {
  /** tsx's ESM loader API, registered before the work module is imported; null when not installed. */
  loader: string | null;
  task: PoolTask;
  shared: unknown;
}

/** The work function a task module exports. */
export type ChunkWork<T, S, R> = (chunk: T[], shared: S) => R[] | Promise<R[]>;

type FromWorker = { type: 'ready' } | { type: 'failed-to-start'; message: string } | { type: 'done'; chunk: number; results: unknown[] } | { type: 'error'; chunk: number; error: SerialisedError };

interface SerialisedError {
  name: string;
  message: string;
  stack?: string;
}

/** The number of workers a run uses when config does not say: every core the process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Maps `items` through the task's work function, in chunks, on worker threads.
 * Resolves to one result per item, in the items' order.
 */
export async function mapInPool<T, S, R>(items: T[], task: PoolTask, shared: S, options: PoolOptions = {}): Promise<R[]> {
  if (workersFor(items.length, options) === 1) return runInProcess<T, S, R>(items, task, shared);
  const results: R[] = new Array(items.length);
  await eachInPool<T, S, R>(items, task, shared, (chunk, offset) => {
    for (let i = 0; i < chunk.length; i++) results[offset + i] = chunk[i]!;
  }, options);
  return results;
}

/**
 * The work of `mapInPool`, with each chunk's results handed to `take` as the
 * chunk is done (in the order chunks finish; `offset` is the index of its first
 * item) and not kept. For a caller that stores or reduces each result at once:
 * the results of a large input then never stand in memory together (a year's
 * clean analyses, ~10 KB each, grew the main heap by ~1.5 GB of garbage when
 * collected first — pipeline/clean/README.md, "Memory"). In-process, the work
 * runs chunk by chunk too, so the same holds without workers.
 */
export async function eachInPool<T, S, R>(items: T[], task: PoolTask, shared: S, take: (results: R[], offset: number) => void, options: PoolOptions = {}): Promise<void> {
  if (items.length === 0) return;
  const workers = workersFor(items.length, options);
  const inProcess = workers === 1;
  const size = options.chunkSize ?? (inProcess ? IN_PROCESS_CHUNK : Math.max(1, Math.min(64, Math.ceil(items.length / (workers * 8)))));
  const chunks: (T[] | null)[] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  const deliver = (chunk: number, results: R[]) => take(results, chunk * size);
  if (inProcess) {
    const work = await loadWork<T, S, R>(task);
    for (let chunk = 0; chunk < chunks.length; chunk++) {
      const results = await work(chunks[chunk]!, shared);
      chunks[chunk] = null;
      deliver(chunk, results);
    }
    return;
  }
  await runChunks<T, S, R>(chunks, task, shared, workers, options.spawn ?? spawnWorker, deliver);
  // The workers' listeners hold this array until their threads have exited, which needs a turn of
  // the event loop a synchronous caller may not give for a long time: empty it so the items are not kept alive through it.
  chunks.length = 0;
}

/** The worker threads a map over `count` items uses; 1: it runs in-process (one worker asked for, or too few items to pay for starting any). */
function workersFor(count: number, options: PoolOptions): number {
  if (count < (options.minItems ?? 64)) return 1;
  return Math.max(1, Math.min(Math.floor(options.workers ?? defaultWorkers()), count));
}

/** Items per call of the work when `eachInPool` runs in-process: results handed on in pieces of this size. */
const IN_PROCESS_CHUNK = 256;

/** The same work on the calling thread (small inputs, one worker, or no workers available). */
async function runInProcess<T, S, R>(items: T[], task: PoolTask, shared: S): Promise<R[]> {
  if (items.length === 0) return [];
  const work = await loadWork<T, S, R>(task);
  return await work(items, shared);
}

async function loadWork<T, S, R>(task: PoolTask): Promise<ChunkWork<T, S, R>> {
  const module = (await import(toImportable(task.module))) as Record<string, unknown>;
  const work = module[task.name];
  if (typeof work !== 'function') throw new Error(`pool: ${task.module} has no exported function ${task.name}`);
  return work as ChunkWork<T, S, R>;
}

/**
 * Hands chunks to workers as they become free. A worker that cannot start is
 * not an error: its share falls back to the calling thread. A chunk whose work
 * throws rejects the whole map.
 */
function runChunks<T, S, R>(chunks: (T[] | null)[], task: PoolTask, shared: S, count: number, spawn: NonNullable<PoolOptions['spawn']>, deliver: (chunk: number, results: R[]) => void): Promise<void> {
  // A compiled task (dist/, plain JavaScript) needs no loader: its workers start sooner without one.
  const setup: WorkerSetup = { loader: task.module.endsWith('.ts') ? tsxLoader() : null, task, shared };
  let next = 0;
  let finished = 0;
  let settled = false;
  const live = new Set<Worker>();

  return new Promise<void>((resolve, reject) => {
    const stopAll = () => {
      for (const worker of live) void worker.terminate();
      live.clear();
    };
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      stopAll();
      reject(error);
    };
    const complete = () => {
      if (settled || finished < chunks.length) return;
      settled = true;
      stopAll();
      resolve();
    };
    // Work left over when no worker could start (or every worker that started is gone) runs here.
    let fallingBack = false;
    const fallBack = () => {
      if (fallingBack || settled || live.size > 0) return;
      fallingBack = true;
      void (async () => {
        try {
          const work = await loadWork<T, S, R>(task);
          for (let chunk = next; chunk < chunks.length; chunk = next) {
            next++;
            const results = await work(chunks[chunk]!, shared);
            chunks[chunk] = null;
            finished++;
            deliver(chunk, results);
          }
          complete();
        } catch (error) {
          fail(error as Error);
        }
      })();
    };

    const start = () => {
      let worker: Worker;
      try {
        worker = spawn(WORKER_SOURCE, setup);
      } catch {
        return false;
      }
      live.add(worker);
      let current = -1;
      let ready = false;
      const feed = () => {
        if (settled) return;
        if (next >= chunks.length) {
          live.delete(worker);
          void worker.terminate();
          return;
        }
        current = next++;
        worker.postMessage({ chunk: current, items: chunks[current] });
        // The worker has its own copy; a chunk in flight on a worker that dies fails the map, so it is never needed again.
        chunks[current] = null;
      };
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          ready = true;
          feed();
        } else if (message.type === 'failed-to-start') {
          live.delete(worker);
          void worker.terminate();
          fallBack();
        } else if (message.type === 'done') {
          finished++;
          current = -1;
          try {
            deliver(message.chunk, message.results as R[]);
          } catch (error) {
            fail(error as Error);
            return;
          }
          complete();
          feed();
        } else if (message.type === 'error') {
          fail(revive(message.error));
        }
      });
      worker.on('error', (error) => {
        live.delete(worker);
        // Before it was ready the worker could not start: the calling thread takes over. After, the work itself failed.
        if (!ready) fallBack();
        else fail(error);
      });
      worker.on('exit', (code) => {
        if (!live.has(worker)) return;
        live.delete(worker);
        if (settled) return;
        if (!ready) fallBack();
        else if (current >= 0) fail(new Error(`pool: a worker exited (code ${code}) while working on chunk ${current}`));
        else fallBack();
      });
      return true;
    };

    let started = 0;
    for (let i = 0; i < count; i++) if (start()) started++;
    if (started === 0) fallBack();
  });
}

function revive(serialised: SerialisedError): Error {
  const error = new Error(serialised.message);
  error.name = serialised.name;
  if (serialised.stack) error.stack = serialised.stack;
  return error;
}

function spawnWorker(source: string, workerData: WorkerSetup): Worker {
  // The worker's own output goes to ours; it never keeps the process alive once the map is done.
  return new Worker(source, { eval: true, workerData });
}

/** `file:` URLs and absolute paths both work as the task module. */
function toImportable(module: string): string {
  return module.startsWith('file:') ? module : pathToFileURL(module).href;
}

/** tsx's ESM loader API as a URL, or null when tsx is not installed (then only plain JS tasks work in workers). */
function tsxLoader(): string | null {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    // Hosts without import.meta.resolve (vitest's module runner): read the path from tsx's export map.
    try {
      const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
      const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> }).exports;
      const entry = exports['./esm/api']?.import?.default;
      return entry ? pathToFileURL(path.join(path.dirname(manifest), entry)).href : null;
    } catch {
      return null;
    }
  }
}

/**
 * The worker's program (CommonJS, given as source so no second file has to be
 * found next to this one): register tsx, import the work, then answer chunk
 * messages until terminated.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  let work;
  try {
    if (workerData.loader) (await import(workerData.loader)).register();
    const module = await import(workerData.task.module.startsWith('file:') ? workerData.task.module : require('node:url').pathToFileURL(workerData.task.module).href);
    work = module[workerData.task.name];
    if (typeof work !== 'function') throw new Error('no exported function ' + workerData.task.name);
  } catch (error) {
    parentPort.postMessage({ type: 'failed-to-start', message: String(error && error.message || error) });
    return;
  }
  parentPort.on('message', async ({ chunk, items }) => {
    try {
      const results = await work(items, workerData.shared);
      parentPort.postMessage({ type: 'done', chunk, results });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      parentPort.postMessage({ type: 'error', chunk, error: { name: e.name, message: e.message, stack: e.stack } });
    }
  });
  parentPort.postMessage({ type: 'ready' });
})();
`;

/**
 * Reading a stage's large byte entries ahead, on a thread of their own, while the stages before it
 * run (prefetch-worker.cjs).
 *
 * Why: dedupe reads its feature pack whole (~235 MB of bytes at a year of news, 37 entries). On the
 * build's thread that read took 1.8–2.1 s of a year's new day, against ~0.55 s for the same reads in
 * a process of its own: each body came back as a new Buffer, and a quarter of a GB of fresh external
 * memory on a heap of several hundred MB drove V8 into full collections as it arrived. Read by a
 * worker while clean runs (clean keeps the build's thread busy for seconds and the second core
 * mostly idle), into one SharedArrayBuffer the stage takes views of, the stage's own share was
 * 0.76–0.95 s (measured on the same new day, alternated).
 *
 * Nothing else changes: the worker checks each entry's checksum as the store does and leaves out
 * what fails it (the stage then reads that entry itself, which reports and drops it); an entry taken
 * from here is stamped as read (`DiskCache.readElsewhere`), as a read on this thread would be; and
 * when the worker cannot start or fails, the stage reads everything itself. Only bytes a list entry
 * names are read ahead, and only when the caller expects them to be many (`feature-cache.ts`).
 *
 * The price is memory: the views keep the one buffer whole until the stage lets go of all of them.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { packageFile } from './package-root.ts';
import { sqliteLocation } from './cache-store.ts';

/** An entry read ahead: its bytes (a view of the shared buffer) and what the store stamps reads by. */
export interface PrefetchedEntry {
  bytes: Uint8Array;
  sum: number;
  used: number;
}

interface WorkerRow {
  key: string;
  at: number;
  length: number;
  sum: number;
  used: number;
}

/** The entries a worker read, each taken at most once. */
export class Prefetched {
  private readonly rows = new Map<string, WorkerRow>();

  constructor(
    private readonly shared: SharedArrayBuffer | null,
    rows: readonly WorkerRow[],
  ) {
    for (const row of rows) this.rows.set(row.key, row);
  }

  /** How many entries are left to take. */
  get size(): number {
    return this.rows.size;
  }

  /** The entry under `key`, if the worker read it; the caller reads any other itself. */
  take(key: string): PrefetchedEntry | undefined {
    const row = this.rows.get(key);
    if (!row || !this.shared) return undefined;
    this.rows.delete(key);
    return { bytes: new Uint8Array(this.shared, row.at, row.length), sum: row.sum, used: row.used };
  }
}

/**
 * Starts reading, on a worker thread, the byte entries named by the array `field` of the JSON entry
 * `listKey` of the store in `file`. Resolves to what it read, or to null when the worker could not
 * start or failed (never rejects): the caller then reads everything itself.
 */
export function prefetchListed(file: string, listKey: string, field: string): Promise<Prefetched | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      const { module, nativeBinding } = sqliteLocation(createRequire(import.meta.url));
      worker = new Worker(packageFile('pipeline/common/prefetch-worker.cjs'), { workerData: { file, sqlite: module, nativeBinding: nativeBinding ?? null, listKey, field } });
    } catch {
      return resolve(null);
    }
    let settled = false;
    const settle = (value: Prefetched | null) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    worker.once('message', (message: { shared?: SharedArrayBuffer; rows?: WorkerRow[]; error?: string }) => {
      settle(message.error || !message.rows ? null : new Prefetched(message.shared ?? null, message.rows));
    });
    worker.once('error', () => settle(null));
    worker.once('exit', () => settle(null));
  });
}

/**
 * The content files' stats taken on two threads: a worker (stat-worker.cjs) stats them from the
 * last one back while ingest stats them from the first one on, and each file is taken from
 * whichever got to it first.
 *
 * Why: a build whose files are all unchanged still stats every one of them (unchanged-files.ts
 * compares each file's size, times, inode and device with its record): at a year of news, 100,000
 * stats, ~0.5–1 s of a new day on the build's thread — and of the whole build when nothing changed,
 * which stops after ingest. The second core is idle meanwhile.
 *
 * Nothing else changes: a stat is the same whichever thread takes it. A file is "checked" (for the
 * racy-file rule of unchanged-files.ts) no later than when the worker started, which is earlier
 * than any of its stats: a record is trusted only when the file was older than that, so never
 * later than when each stat was actually taken. A file the worker found absent, or not a file, is
 * read by ingest as before (which reports it); one whose stat failed there is stat'ed again here.
 */
import { Worker } from 'node:worker_threads';
import { packageFile } from '../common/package-root.ts';

/** What ingest compares of a file's stat (bigint, as `statSync(…, { bigint: true })` gives them). */
export interface FileStat {
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  ino: bigint;
  dev: bigint;
}

/** A stat taken ahead: the file's, or `absent` (gone, or not a file); `checkedAt` (ms) is no later than the stat. */
export type StatTaken = { stat: FileStat; checkedAt: number } | { absent: true };

/** From this many files, the stats are shared with a worker; under, starting one costs more than it saves. */
export const STAT_AHEAD_FROM = 10_000;

export class StatAhead {
  private readonly values: BigInt64Array;
  private readonly states: Int32Array;
  private readonly frontier: Int32Array;
  private readonly startedAt: number;

  private constructor(paths: readonly string[], spawn: (data: object) => void) {
    this.values = new BigInt64Array(new SharedArrayBuffer(8 * 5 * paths.length));
    this.states = new Int32Array(new SharedArrayBuffer(4 * paths.length));
    this.frontier = new Int32Array(new SharedArrayBuffer(4));
    this.frontier[0] = -1;
    this.startedAt = Date.now();
    spawn({ paths: paths.join('\0'), values: this.values.buffer, states: this.states.buffer, frontier: this.frontier.buffer });
  }

  /**
   * Starts the worker on `paths` (absolute, in the order ingest visits them); null when there are
   * too few to pay for it, or a worker cannot start (ingest then stats each file itself).
   */
  static start(paths: readonly string[], from = STAT_AHEAD_FROM): StatAhead | null {
    if (paths.length < from || paths.some((file) => file.includes('\0'))) return null;
    try {
      // Unref'd: nothing waits for it (ingest reads its results as they are), so a build that ends or fails
      // before the worker reaches ingest's place does not wait for the rest of its stats.
      return new StatAhead(paths, (workerData) => new Worker(packageFile('pipeline/ingest/stat-worker.cjs'), { workerData }).once('error', () => {}).unref());
    } catch {
      return null;
    }
  }

  /**
   * File `index`'s stat if the worker took it; undefined when ingest must take it itself. Tells the
   * worker ingest has reached this file, so it stops there.
   */
  take(index: number): StatTaken | undefined {
    Atomics.store(this.frontier, 0, index);
    const state = Atomics.load(this.states, index);
    if (state === 2) return { absent: true };
    if (state !== 1) return undefined;
    const v = this.values;
    return { stat: { size: v[5 * index]!, mtimeNs: v[5 * index + 1]!, ctimeNs: v[5 * index + 2]!, ino: v[5 * index + 3]!, dev: v[5 * index + 4]! }, checkedAt: this.startedAt };
  }

  /** Whether the worker has got to file `index` yet (it goes from the last file back); nothing else changes. */
  reached(index: number): boolean {
    return Atomics.load(this.states, index) !== 0;
  }

  /** Ingest is done: the worker stops at its next file. */
  finish(): void {
    Atomics.store(this.frontier, 0, this.states.length);
  }
}

import path from 'node:path';
import { asciiJson } from './ascii-json.ts';
import { namespaceStore, type NamespaceStore } from './cache-store.ts';
import type { StageContext } from './context.ts';
import { Reporter, type StageReporter } from './report.ts';
import type { Message, StageName } from '../types.ts';

/** A key → value store for per-article work, so a rebuild redoes only what changed. */
export interface StageCache {
  get<T>(key: string): T | undefined;
  set<T>(key: string, value: T): void;
  /**
   * Bytes as they were stored, for values that are typed arrays in bulk (JSON would hold them
   * as base64: a decode, a parse and a copy more on every read). A cache that holds no bytes
   * leaves these out; a value stored with `set` is not bytes (undefined), nor the reverse.
   */
  getBytes?(key: string): Uint8Array | undefined;
  setBytes?(key: string, bytes: Uint8Array): void;
  /** Counts and stamps an entry another thread read from this cache's store (prefetch.ts); a cache that cannot be read so leaves it out. */
  readElsewhere?(key: string, sum: number, used: number): void;
}

/**
 * Content-addressed cache on disk, one SQLite database per namespace
 * (`.cache/<namespace>/entries.sqlite`, see `cache-store.ts`). Keys are hashes
 * of the input, the stage's version and the config that affects it, so
 * entries never need invalidating — a changed input simply has another key,
 * and the old entry is collected once unused for `KEEP_DAYS` (and up to `STAMP_SLACK_DAYS` more).
 * Each entry carries a checksum (CRC-32) of its payload: a corrupt entry is detected,
 * dropped and rebuilt, never trusted. Writes are SQLite transactions: a killed
 * build leaves the entries it had committed, never half of one.
 */
export class DiskCache implements StageCache {
  private readonly dir: string;
  private readonly store: NamespaceStore;
  /** Entries that failed their checksum, for the caller to report (those not already given to `onCorrupt`). */
  readonly corrupt: string[] = [];
  hits = 0;
  misses = 0;

  /**
   * `readOnly`: read entries but never write or delete one (`check` writes nothing).
   * `onCorrupt`: told of each damaged entry as it is found (`<folder>/<key>`, or the
   * database file when SQLite cannot read it), instead of listing it in `corrupt`.
   */
  constructor(
    root: string,
    namespace: string,
    private readonly readOnly = false,
    private readonly onCorrupt?: (file: string) => void,
  ) {
    this.dir = path.join(root, namespace);
    this.store = namespaceStore(this.dir, readOnly, READ_BY_CHECK.has(namespace));
    this.store.revalidate();
    this.store.onBroken = (file) => this.damaged(file);
  }

  get<T>(key: string): T | undefined {
    const found = this.lookup(key);
    // Bytes stored under a key asked for as JSON: not this value (a miss), nothing damaged.
    if (typeof found !== 'string') {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return JSON.parse(found) as T;
  }

  set<T>(key: string, value: T): void {
    if (this.readOnly) return;
    // ASCII from end to end: read back ~40 % faster than UTF-8 (ascii-json.ts).
    this.store.set(key, asciiJson(JSON.stringify(value)));
  }

  getBytes(key: string): Uint8Array | undefined {
    const found = this.lookup(key);
    if (found === undefined || typeof found === 'string') {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return found;
  }

  /** The database file of this namespace (which may not exist yet). */
  get file(): string {
    return this.store.file;
  }

  /** Counts and stamps an entry read from this namespace's database by another thread (prefetch.ts) as if read here. */
  readElsewhere(key: string, sum: number, used: number): void {
    this.hits++;
    this.store.readElsewhere(key, sum, used);
  }

  /** Kept as given until committed (with the next flush): the caller hands them over and does not change them. */
  setBytes(key: string, bytes: Uint8Array): void {
    if (this.readOnly) return;
    this.store.set(key, bytes);
  }

  /** The entry's body, or undefined when it is absent or damaged (then reported and dropped). */
  private lookup(key: string): string | Uint8Array | undefined {
    const found = this.store.get(key);
    if (found === undefined) return undefined;
    if ('damaged' in found) {
      this.damaged(path.join(this.dir, key));
      this.store.delete(key);
      return undefined;
    }
    return found.body;
  }

  private damaged(name: string): void {
    if (this.onCorrupt) this.onCorrupt(name);
    else this.corrupt.push(name);
  }
}

/**
 * Namespaces `check` reads (read-only): their databases rest in rollback-journal
 * mode, so reading them creates no file (a database in WAL mode cannot be
 * opened without its -shm file).
 */
const READ_BY_CHECK = new Set(['feeds']);

/** A cache that keeps nothing (for `--no-cache`, tests and one-off stage runs). */
export const noCache: StageCache = { get: () => undefined, set: () => {} };

/**
 * The cache a stage should use: `.cache/<namespace>/` under the configured
 * cache folder, or `noCache` when the run has caching off (`check`, `--no-cache`).
 * A damaged entry it finds is reported through the stage's reporter as
 * `build/corrupt-cache` (a warning naming the file), then rebuilt.
 * `readOnly`: reads entries but writes none.
 * Key entries by `sha256(input hash…, STAGE_VERSION, JSON.stringify(config section))`.
 */
export function stageCache(
  ctx: Pick<StageContext, 'config' | 'cwd' | 'caching'> & Partial<Pick<StageContext, 'report'>>,
  namespace: string,
  options: { readOnly?: boolean } = {},
): StageCache {
  if (ctx.caching === false) return noCache;
  const report = ctx.report;
  return new DiskCache(path.resolve(ctx.cwd, ctx.config.cache), namespace, options.readOnly === true, report && ((file) => report.warn({ ruleId: 'build/corrupt-cache', reason: 'cache entry failed its checksum; rebuilt', file })));
}

/** `cache.get(key)`, else `compute()` stored under `key`: per-item memoisation in one line. */
export function memo<T>(cache: StageCache, key: string, compute: () => T): T {
  const hit = cache.get<T>(key);
  if (hit !== undefined) return hit;
  const value = compute();
  cache.set(key, value);
  return value;
}

/** A result together with the messages computing it reported. */
export interface Reported<T> {
  value: T;
  messages: Message[];
}

/**
 * Runs `compute` with a reporter that records instead of reporting, and
 * returns its value and messages round-tripped through JSON — exactly what a
 * cache entry will give back, so a fresh result and a cached one are alike.
 */
export function recordReported<T>(stage: StageName, compute: (report: StageReporter) => T): Reported<T> {
  const recorder = new Reporter();
  const value = compute(recorder.for(stage));
  return JSON.parse(JSON.stringify({ value, messages: recorder.messages })) as Reported<T>;
}

/** Says recorded messages again, in order, through `report` (which adds its stage). */
export function replayReported(report: StageReporter, messages: readonly Message[]): void {
  for (const { severity, file, line, column, ruleId, reason, articleId, detail } of messages) {
    const input = { ruleId, reason, file, line, ...(column !== undefined && { column }), ...(articleId !== undefined && { articleId }), ...(detail !== undefined && { detail }) };
    if (severity === 'error') report.error(input);
    else if (severity === 'warning') report.warn(input);
    else report.info(input);
  }
}

/**
 * `memo` for work that reports decisions: the messages `compute` reports are
 * stored with its value, and said again (in the same order, through `report`)
 * when the entry is read back — so a cached stage leaves report.json exactly
 * as a fresh run would. The value is round-tripped through JSON on a miss too,
 * so what the caller gets does not depend on whether the cache was hit.
 */
export function memoReported<T>(cache: StageCache, key: string, report: StageReporter, compute: (report: StageReporter) => T): T {
  let entry = cache.get<Reported<T>>(key);
  if (entry === undefined) {
    entry = recordReported(report.stage, compute);
    cache.set(key, entry);
  }
  replayReported(report, entry.messages);
  return entry.value;
}

import { mkdirSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from './hash.ts';
import type { StageContext } from './context.ts';

/** A key → value store for per-article work, so a rebuild redoes only what changed. */
export interface StageCache {
  get<T>(key: string): T | undefined;
  set<T>(key: string, value: T): void;
}

/**
 * Content-addressed cache on disk (`.cache/<namespace>/<key>.json`). Keys are
 * hashes of the input, the stage's version and the config that affects it, so
 * entries never need invalidating — a changed input simply has another key.
 * Each entry carries a checksum of its payload: a truncated or corrupt entry
 * (a killed build, a full disk) is detected, dropped and rebuilt, never trusted.
 * Writes go to a temporary file and are renamed into place (atomic on POSIX).
 */
export class DiskCache implements StageCache {
  private readonly dir: string;
  /** Entries that failed their checksum, for the build to report. */
  readonly corrupt: string[] = [];
  hits = 0;
  misses = 0;

  /** `readOnly`: read entries but never write or delete one (`check` writes nothing). */
  constructor(
    root: string,
    namespace: string,
    private readonly readOnly = false,
  ) {
    this.dir = path.join(root, namespace);
  }

  get<T>(key: string): T | undefined {
    const file = this.fileOf(key);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      this.misses++;
      return undefined;
    }
    const newline = text.indexOf('\n');
    const checksum = text.slice(0, newline);
    const payload = text.slice(newline + 1);
    if (newline < 0 || sha256(payload) !== checksum) {
      this.corrupt.push(file);
      if (!this.readOnly) rmSync(file, { force: true });
      this.misses++;
      return undefined;
    }
    this.hits++;
    return JSON.parse(payload) as T;
  }

  set<T>(key: string, value: T): void {
    if (this.readOnly) return;
    const payload = JSON.stringify(value);
    const file = this.fileOf(key);
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${sha256(payload)}\n${payload}`);
      renameSync(temporary, file);
    } catch {
      // A cache that cannot be written (read-only, disk full) only costs speed.
    }
  }

  private fileOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }
}

/** A cache that keeps nothing (for `--no-cache`, tests and one-off stage runs). */
export const noCache: StageCache = { get: () => undefined, set: () => {} };

/**
 * The cache a stage should use: `.cache/<namespace>/` under the configured
 * cache folder, or `noCache` when the run has caching off (`check`, `--no-cache`).
 * Key entries by `sha256(input hash…, STAGE_VERSION, JSON.stringify(config section))`.
 */
export function stageCache(ctx: Pick<StageContext, 'config' | 'cwd' | 'caching'>, namespace: string): StageCache {
  return ctx.caching === false ? noCache : new DiskCache(path.resolve(ctx.cwd, ctx.config.cache), namespace);
}

/** `cache.get(key)`, else `compute()` stored under `key`: per-item memoisation in one line. */
export function memo<T>(cache: StageCache, key: string, compute: () => T): T {
  const hit = cache.get<T>(key);
  if (hit !== undefined) return hit;
  const value = compute();
  cache.set(key, value);
  return value;
}

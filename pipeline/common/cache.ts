import { mkdirSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from './hash.ts';
import type { StageContext } from './context.ts';
import { Reporter, type StageReporter } from './report.ts';
import type { Message, StageName } from '../types.ts';

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
  /** Entries that failed their checksum, for the caller to report (those not already given to `onCorrupt`). */
  readonly corrupt: string[] = [];
  hits = 0;
  misses = 0;
  /** Folders this instance has made: one mkdir per folder, not per entry written. */
  private readonly made = new Set<string>();

  /**
   * `readOnly`: read entries but never write or delete one (`check` writes nothing).
   * `onCorrupt`: told of each entry that failed its checksum as it is found (instead of listing it in `corrupt`).
   */
  constructor(
    root: string,
    namespace: string,
    private readonly readOnly = false,
    private readonly onCorrupt?: (file: string) => void,
  ) {
    this.dir = path.join(root, namespace);
  }

  get<T>(key: string): T | undefined {
    const file = this.fileOf(key);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      this.misses++;
      return undefined;
    }
    const payload = verifiedPayload(bytes);
    if (payload === null) {
      if (this.onCorrupt) this.onCorrupt(file);
      else this.corrupt.push(file);
      if (!this.readOnly) rmSync(file, { force: true });
      this.misses++;
      return undefined;
    }
    this.hits++;
    return JSON.parse(payload.toString('utf8')) as T;
  }

  set<T>(key: string, value: T): void {
    if (this.readOnly) return;
    const payload = JSON.stringify(value);
    const file = this.fileOf(key);
    try {
      const dir = path.dirname(file);
      if (!this.made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        this.made.add(dir);
      }
      const temporary = `${file}.${process.pid}.tmp`;
      const body = Buffer.from(payload, 'utf8');
      writeFileSync(temporary, Buffer.concat([Buffer.from(`${sha256(body)}\n`, 'latin1'), body]));
      renameSync(temporary, file);
    } catch {
      // A cache that cannot be written (read-only, disk full) only costs speed.
    }
  }

  private fileOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }
}

const NEWLINE = 0x0a;
const CHECKSUM_LENGTH = 64;

/**
 * The payload of an entry (`<sha256 hex>\n<payload>`) when its checksum
 * matches, else null. Hashes the bytes as read — the same digest as
 * `sha256(payload)` over the decoded text, without decoding and re-encoding
 * it first — and compares before anything is parsed.
 */
function verifiedPayload(bytes: Buffer): Buffer | null {
  if (bytes.length <= CHECKSUM_LENGTH || bytes[CHECKSUM_LENGTH] !== NEWLINE) return null;
  const payload = bytes.subarray(CHECKSUM_LENGTH + 1);
  return bytes.toString('latin1', 0, CHECKSUM_LENGTH) === sha256(payload) ? payload : null;
}

/** A cache that keeps nothing (for `--no-cache`, tests and one-off stage runs). */
export const noCache: StageCache = { get: () => undefined, set: () => {} };

/**
 * The cache a stage should use: `.cache/<namespace>/` under the configured
 * cache folder, or `noCache` when the run has caching off (`check`, `--no-cache`).
 * A damaged entry it finds is reported through the stage's reporter as
 * `build/corrupt-cache` (a warning naming the file), then rebuilt.
 * Key entries by `sha256(input hash…, STAGE_VERSION, JSON.stringify(config section))`.
 */
export function stageCache(ctx: Pick<StageContext, 'config' | 'cwd' | 'caching'> & Partial<Pick<StageContext, 'report'>>, namespace: string): StageCache {
  if (ctx.caching === false) return noCache;
  const report = ctx.report;
  return new DiskCache(path.resolve(ctx.cwd, ctx.config.cache), namespace, false, report && ((file) => report.warn({ ruleId: 'build/corrupt-cache', reason: 'cache entry failed its checksum; rebuilt', file })));
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

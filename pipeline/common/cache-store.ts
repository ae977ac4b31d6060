import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import path from 'node:path';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';

/** better-sqlite3, loaded the first time a cache is opened (a command that opens none never loads the native module). */
let sqlite: typeof Database | null = null;
/** Its native addon's file, when it is where an install builds it (else undefined: better-sqlite3 searches for it). */
let addon: string | undefined;
function openDatabase(file: string, options: Database.Options): Database.Database {
  if (!sqlite) {
    const require = createRequire(import.meta.url);
    sqlite = require('better-sqlite3') as typeof Database;
    addon = nativeAddon(require);
  }
  return new sqlite(file, addon === undefined ? options : { ...options, nativeBinding: addon });
}

/** Where better-sqlite3 and its addon are, for a thread that opens a store itself (prefetch.ts). */
export function sqliteLocation(require: NodeJS.Require): { module: string; nativeBinding: string | undefined } {
  return { module: require.resolve('better-sqlite3'), nativeBinding: nativeAddon(require) };
}

/**
 * The addon's path, so better-sqlite3 need not look for it: its default (the
 * `bindings` package) reads a stack trace and tries a dozen paths, 2–8 ms of
 * every build that opens a cache (measured).
 */
function nativeAddon(require: NodeJS.Require): string | undefined {
  try {
    const built = path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    return existsSync(built) ? built : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One namespace of the cache packed into one SQLite database
 * (`.cache/<namespace>/entries.sqlite`) instead of one small file per entry:
 * a rebuild reads thousands of entries, and a lookup in an open database costs
 * a few microseconds where opening, reading and closing a file cost tens.
 *
 * What the one-file-per-entry cache guaranteed still holds:
 * - **A damaged entry is detected, never trusted.** Each row keeps the CRC-32
 *   of its body; a body that does not match is reported and rebuilt. A
 *   database SQLite itself cannot read (truncated, overwritten) is reported
 *   once, deleted and started again.
 * - **A SIGKILL never leaves a half-written entry.** Writes are SQLite
 *   transactions (WAL journal): a killed process leaves the last committed
 *   state. Writes are buffered in memory and committed in batches — when the
 *   event loop turns, at `flushCacheStores()` (the build calls it after each
 *   stage) and at exit — so a kill only loses what was not committed yet,
 *   which costs speed, never correctness.
 * - **Two builds at once** are serialised by SQLite's locks (a writer waits up
 *   to `BUSY_TIMEOUT_MS` for the other's commit; a batch that still cannot be
 *   written is dropped: a cache that cannot be written only costs speed).
 * - **Read-only** (`check`): opened read-only, nothing written, not even a
 *   "last used" stamp.
 * - **Stale entries are collected:** every row carries a day on which it was
 *   written or read (`stampDue`: a read renews it only once it is several days
 *   old); once a day the first writer deletes rows whose day is over
 *   `KEEP_DAYS + STAMP_SLACK_DAYS` ago (found by an index on the day) and
 *   gives the pages back (incremental vacuum). An entry read or written in
 *   the last `KEEP_DAYS` days is never deleted; an input that changed leaves
 *   its old entries unread, so they go within `KEEP_DAYS + STAMP_SLACK_DAYS`.
 */

/** An entry read or written within this many days is kept; one unused for `KEEP_DAYS + STAMP_SLACK_DAYS` is deleted (at most once a day, by a writing build). */
export const KEEP_DAYS = 30;

/**
 * A read renews an entry's day only once that day is 4–10 days old (spread by the entry's checksum,
 * `stampDue`), not on every new day. Why: a daily build reads most entries it read yesterday (a year's
 * archive: ~23,000 rows, 20,000 of them dedupe's stories), and renewing each one's day was an UPDATE
 * per row every day — 0.9–2.5 s of a year's new day (measured: the same new day on a cache whose
 * days were all two days old against one stamped today, alternated twice). Renewed every 4–10 days,
 * about a sixth of them are due on a given day, and spreading the age by entry keeps entries written
 * together (a first build's) from all falling due on one day. The price: an entry read daily may
 * carry a day up to `STAMP_SLACK_DAYS` old, so collection waits that much longer.
 */
const STAMP_MIN_AGE = 4;
const STAMP_AGES = 7;
export const STAMP_SLACK_DAYS = STAMP_MIN_AGE + STAMP_AGES - 1;

/** Whether reading an entry stamped `used` today renews its day (see `STAMP_MIN_AGE`); `sum` spreads entries over the ages. */
export function stampDue(used: number, sum: number, day: number): boolean {
  return day - used >= STAMP_MIN_AGE + ((sum >>> 0) % STAMP_AGES);
}
const BUSY_TIMEOUT_MS = 5_000;
/**
 * Pending writes above this many bytes are committed at once instead of waiting for the event loop.
 * A commit holds each body again as UTF-8 for SQLite, its checksum and the dirty pages: at 32 MB the
 * commit at the end of dedupe raised a year's peak RSS by 126 MB; at 8 MB, no more than its neighbours
 * (WAL with synchronous NORMAL: more, smaller commits cost no fsync).
 */
const FLUSH_BYTES = 8 * 1024 * 1024;
export const STORE_FILE = 'entries.sqlite';
/** The table layout (`PRAGMA user_version`); a database of another is emptied. */
const LAYOUT_VERSION = 2;

/** The day (since 1970, UTC) the store stamps entries with, and counts `KEEP_DAYS` in; others that count in days against it use it too. */
export const today = (): number => Math.floor(Date.now() / 86_400_000);

/**
 * An entry's checksum: the CRC-32 of its body (its UTF-8 bytes) (what zip, gzip and PNG use to
 * detect damage: any burst of up to 32 flipped bits, and all but one in four
 * billion other damage). A hash like sha256 would cost an object per entry
 * and detect nothing more that a disk or a killed process does.
 */
export function checksum(body: string | Uint8Array): number {
  // Of a string: of its UTF-8 bytes, i.e. of what SQLite stores.
  return crc32(body);
}

/**
 * A body is JSON text, stored as SQLite TEXT and read back as a JS string directly
 * (no Buffer to allocate and decode), or bytes (`DiskCache.setBytes`), stored as a
 * BLOB: typed arrays by the hundred MB (dedupe's feature segments), which as base64
 * inside JSON cost a UTF-8 decode, a parse and a base64 decode on every read. A body
 * that comes back as anything else fails its checksum.
 */
export type Body = string | Uint8Array;
export type Lookup = { body: Body } | { damaged: true } | undefined;

interface Row {
  sum: number;
  body: unknown;
  used: number;
}

function isBody(body: unknown): body is Body {
  return typeof body === 'string' || body instanceof Uint8Array;
}

/** The same bytes as a Buffer, which better-sqlite3 binds as a BLOB (no copy). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** An open namespace store, shared by every cache object of this process on the same folder. */
export class NamespaceStore {
  private db: Database.Database | null = null;
  private select: Database.Statement<[string], Row> | null = null;
  /** Identity of the open database file: a store whose file was deleted (`rm -r .cache`) is opened again. */
  private opened: { dev: number; ino: number } | null = null;
  /** Writes not committed yet; null: a delete. */
  private readonly pending = new Map<string, Body | null>();
  /** A read transaction is open: the reads of one synchronous stretch share one snapshot and one lock. */
  private reading = false;
  private readonly touched = new Set<string>();
  private pendingBytes = 0;
  private flushScheduled = false;
  /** Called with the database file when SQLite cannot read it (then it is started again). */
  onBroken: ((file: string) => void) | null = null;

  /**
   * `restInRollbackMode`: leave the database in rollback-journal mode when
   * closed (the WAL folded in, no -wal/-shm files), so a read-only reader can
   * open it without creating a file — for namespaces `check` reads (feeds).
   * Others stay in WAL mode at rest: switching modes costs a write at every open.
   */
  constructor(
    readonly dir: string,
    private readonly readOnly: boolean,
    private readonly restInRollbackMode = false,
  ) {}

  get file(): string {
    return path.join(this.dir, STORE_FILE);
  }

  /** The entry's body as stored, `{damaged}` when its checksum fails, undefined when absent. */
  get(key: string): Lookup {
    const waiting = this.pending.get(key);
    if (waiting !== undefined) return waiting === null ? undefined : { body: waiting };
    const db = this.open();
    if (!db) return undefined;
    let row: Row | undefined;
    try {
      if (!this.reading) {
        // Ended by the next flush (when the event loop turns, or the build's): one lock for many reads, not one per read.
        db.exec('BEGIN');
        this.reading = true;
        this.later(() => {});
      }
      row = this.select!.get(key);
    } catch (error) {
      this.broken(error);
      return undefined;
    }
    if (!row) return undefined;
    if (!isBody(row.body) || checksum(row.body) !== row.sum) return { damaged: true };
    if (!this.readOnly && stampDue(row.used, row.sum, today())) this.later(() => this.touched.add(key));
    return { body: row.body };
  }

  /**
   * An entry another thread read from this database (prefetch.ts) with the checksum and day it had:
   * stamped as `get` stamps what it reads, so entries read only that way are not collected as unused.
   */
  readElsewhere(key: string, sum: number, used: number): void {
    if (!this.readOnly && stampDue(used, sum, today())) this.later(() => this.touched.add(key));
  }

  set(key: string, body: Body): void {
    if (this.readOnly) return;
    const previous = this.pending.get(key);
    this.pendingBytes += body.length - (previous?.length ?? 0);
    this.pending.set(key, body);
    this.touched.delete(key);
    if (this.pendingBytes > FLUSH_BYTES) this.flush();
    else this.later(() => {});
  }

  /** Forgets a damaged entry (it is rebuilt by whoever asked for it). */
  delete(key: string): void {
    if (this.readOnly) return;
    this.pending.set(key, null);
    this.later(() => {});
  }

  /** Commits pending writes and "last used" stamps in one transaction; once a day, collects stale entries. */
  flush(): void {
    this.endRead();
    if (this.readOnly || (this.pending.size === 0 && this.touched.size === 0)) return;
    const db = this.open();
    const pending = [...this.pending];
    const touched = [...this.touched];
    this.pending.clear();
    this.touched.clear();
    this.pendingBytes = 0;
    if (!db) return;
    const day = today();
    try {
      const upsert = db.prepare('INSERT OR REPLACE INTO entries (key, sum, body, used) VALUES (?, ?, ?, ?)');
      const remove = db.prepare('DELETE FROM entries WHERE key = ?');
      const touch = db.prepare('UPDATE entries SET used = ? WHERE key = ? AND used < ?');
      db.transaction(() => {
        for (const [key, body] of pending) {
          if (body === null) remove.run(key);
          else upsert.run(key, checksum(body), typeof body === 'string' ? body : asBuffer(body), day);
        }
        for (const key of touched) touch.run(day, key, day);
      }).immediate();
      this.collect(db, day);
    } catch (error) {
      // Busy past the timeout, disk full, read-only disk: the batch is lost, which only costs speed.
      if (isCorruption(error)) this.broken(error);
    }
  }

  /** Deletes entries whose day is over KEEP_DAYS + STAMP_SLACK_DAYS ago, at most once a day (the day is recorded in `meta`). */
  private collect(db: Database.Database, day: number): void {
    const last = (db.prepare("SELECT value FROM meta WHERE name = 'collected'").pluck().get() as number | undefined) ?? null;
    if (last === null) {
      db.prepare("INSERT OR REPLACE INTO meta (name, value) VALUES ('collected', ?)").run(day);
      return;
    }
    if (last >= day) return;
    db.transaction(() => {
      db.prepare('DELETE FROM entries WHERE used < ?').run(day - KEEP_DAYS - STAMP_SLACK_DAYS);
      db.prepare("INSERT OR REPLACE INTO meta (name, value) VALUES ('collected', ?)").run(day);
    }).immediate();
    db.pragma('incremental_vacuum');
  }

  private endRead(): void {
    if (!this.reading) return;
    this.reading = false;
    try {
      this.db?.exec('COMMIT');
    } catch {
      // Nothing to end (the handle was closed).
    }
  }

  /** Runs `step` and commits when the event loop next turns (once per turn). */
  private later(step: () => void): void {
    step();
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    }).unref();
  }

  /** The open database, opened (or reopened, when its file was replaced or removed) on demand; null when there is none to read. */
  private open(): Database.Database | null {
    if (this.db) return this.db;
    try {
      if (this.readOnly) {
        // A database in WAL mode (a build is running, or was killed) cannot be read without creating
        // its -shm file: `check` writes nothing, so it reads no cache then.
        if (!existsSync(this.file) || existsSync(`${this.file}-wal`)) return null;
        this.db = openDatabase(this.file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
      } else {
        const fresh = !existsSync(this.file);
        mkdirSync(this.dir, { recursive: true });
        if (fresh) removeLegacyEntries(this.dir);
        this.db = openDatabase(this.file, { timeout: BUSY_TIMEOUT_MS });
        // Set before the first table exists: pages large enough that most entries (a few KB) need no
        // overflow chain, and deleted pages can be given back (incremental_vacuum). The page size
        // first: setting auto_vacuum fixes the size the file has then (it stayed 4 KB until session 18).
        if (fresh) {
          this.db.pragma('page_size = 16384');
          this.db.pragma('auto_vacuum = INCREMENTAL');
        }
        this.db.pragma('journal_mode = WAL');
        // WAL + NORMAL: a kill (not a power cut) never loses a commit, and commits need no fsync.
        this.db.pragma('synchronous = NORMAL');
        // A database of another layout (an earlier version of this file) is started again.
        const layout = this.db.pragma('user_version', { simple: true });
        if (layout !== LAYOUT_VERSION) {
          if (!fresh) this.db.exec('DROP TABLE IF EXISTS entries; DROP TABLE IF EXISTS meta;');
          this.db.pragma(`user_version = ${LAYOUT_VERSION}`);
        }
        this.db.exec('CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, sum INTEGER NOT NULL, body TEXT NOT NULL, used INTEGER NOT NULL)');
        this.db.exec('CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)');
        // The daily collection finds stale rows by their day through this index. Without it, it read every row to
        // its `used`, which a long body puts at the end of its overflow pages: the whole database, every day (a
        // year's cache: 0.4–0.7 s of its first build of each day with the files in memory, clean's 839 MB alone 1.0 s
        // from a cold disk; by the index, 2 ms). Made once when a store written before it is opened (~1 s at a year).
        this.db.exec('CREATE INDEX IF NOT EXISTS entries_used ON entries (used)');
      }
      this.select = this.db.prepare<[string], Row>('SELECT sum, body, used FROM entries WHERE key = ?');
      this.opened = identity(this.file);
      return this.db;
    } catch (error) {
      this.broken(error);
      return null;
    }
  }

  /**
   * Opens the database again if its file was removed or replaced since it was
   * opened (`rm -r .cache` between two builds of one process). Checked once per
   * cache object (one per stage and run), not per entry.
   */
  revalidate(): void {
    if (!this.db || !this.opened) return;
    const now = identity(this.file);
    if (!now || now.dev !== this.opened.dev || now.ino !== this.opened.ino) this.close();
  }

  /** SQLite could not read the database: report it, and (when writable) start it again. */
  private broken(error: unknown): void {
    this.close();
    if (!isCorruption(error)) return;
    this.onBroken?.(this.file);
    if (this.readOnly) return;
    for (const suffix of ['', '-wal', '-shm']) rmSync(this.file + suffix, { force: true });
  }

  close(): void {
    this.endRead();
    try {
      // Back to a rollback journal at rest (see the constructor). Fails harmlessly while another build has it open.
      if (this.db && !this.readOnly && this.restInRollbackMode) this.db.pragma('journal_mode = DELETE');
    } catch {
      // Still in use elsewhere: stays in WAL mode.
    }
    try {
      this.db?.close();
    } catch {
      // Closing a broken handle.
    }
    this.db = null;
    this.select = null;
    this.opened = null;
  }
}

function identity(file: string): { dev: number; ino: number } | null {
  try {
    const { dev, ino } = statSync(file);
    return { dev, ino };
  } catch {
    return null;
  }
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB');
}

/** Entries of the one-file-per-entry layout (`<2 hex>/<key>.json`) that came before: never read again. */
function removeLegacyEntries(dir: string): void {
  try {
    for (const name of readdirSync(dir)) if (/^[0-9a-f]{2}$/.test(name)) rmSync(path.join(dir, name), { recursive: true, force: true });
  } catch {
    // Nothing there.
  }
}

/** One store per folder and mode in a process, so every cache object sees the others' pending writes. */
const stores = new Map<string, NamespaceStore>();

export function namespaceStore(dir: string, readOnly: boolean, restInRollbackMode = false): NamespaceStore {
  // A reader sees what this process has written: pending writes are committed first.
  if (readOnly) stores.get(`w:${path.resolve(dir)}`)?.flush();
  const id = `${readOnly ? 'r' : 'w'}:${path.resolve(dir)}`;
  let store = stores.get(id);
  if (!store) {
    store = new NamespaceStore(path.resolve(dir), readOnly, restInRollbackMode);
    stores.set(id, store);
  }
  return store;
}

/** Commits every store's pending writes (the build calls it after each stage; it also runs at exit). */
export function flushCacheStores(): void {
  for (const store of stores.values()) store.flush();
}

/** Commits and closes every store (reopened on next use): folds the WAL into the database, so the next run reads one file. */
export function closeCacheStores(): void {
  for (const store of stores.values()) {
    store.flush();
    store.close();
  }
}

process.on('exit', closeCacheStores);

/**
 * For tests and tools: every entry of a namespace with whether it passes its
 * checksum, read straight from the database (pending writes of this process
 * are committed first).
 */
export function storedEntries(dir: string): { key: string; ok: boolean; text: string }[] {
  flushCacheStores();
  const file = path.join(dir, STORE_FILE);
  if (!existsSync(file)) return [];
  const db = openDatabase(file, { readonly: true, timeout: BUSY_TIMEOUT_MS });
  try {
    return (db.prepare('SELECT key, sum, body FROM entries ORDER BY key').all() as { key: string; sum: unknown; body: unknown }[]).map(({ key, sum, body }) => ({ key, ok: isBody(body) && checksum(body) === sum, text: typeof body === 'string' ? body : Buffer.from(body as Uint8Array).toString('utf8') }));
  } finally {
    db.close();
  }
}

/** For tests: replaces an entry's stored body by `damage(body)` without updating its checksum (a flipped bit, a truncation). */
export function damageStoredEntry(dir: string, key: string, damage: (body: Buffer) => Buffer): void {
  flushCacheStores();
  const db = openDatabase(path.join(dir, STORE_FILE), { timeout: BUSY_TIMEOUT_MS });
  try {
    const row = db.prepare('SELECT body FROM entries WHERE key = ?').get(key) as { body: Body } | undefined;
    if (!row) throw new Error(`no entry ${key} in ${dir}`);
    if (typeof row.body !== 'string') db.prepare('UPDATE entries SET body = ? WHERE key = ?').run(damage(asBuffer(row.body)), key);
    // Written back as TEXT with exactly the damaged bytes (SQLite does not validate UTF-8): found by its checksum alone.
    else db.prepare('UPDATE entries SET body = CAST(? AS TEXT) WHERE key = ?').run(damage(Buffer.from(row.body, 'utf8')), key);
  } finally {
    db.close();
  }
}

/**
 * What a cache entry's checksum covers (pipeline/common/cache-store.ts), pinned down because
 * session 6 measured reading bodies as bytes instead of strings (and kept strings: no CPU
 * gained, see pipeline/build/README.md, "Cache"):
 * - an entry is stored as TEXT (the sqlite3 shell shows it) whose bytes are the body's UTF-8,
 *   and its checksum is the CRC-32 of exactly those bytes — so a reader may check it on the
 *   bytes or on the string, and either layout of the code reads the other's entries;
 * - an entry written as a JS string bound as TEXT is read as it was;
 * - damage anywhere in the bytes (here: one byte changed at every position of a multi-byte
 *   body, and bytes that are not UTF-8 at all) is caught.
 */
import path from 'node:path';
import { crc32 } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { asciiJson } from '../../pipeline/common/ascii-json.ts';
import { DiskCache } from '../../pipeline/common/cache.ts';
import { closeCacheStores, damageStoredEntry, STORE_FILE } from '../../pipeline/common/cache-store.ts';
import { sha256 } from '../../pipeline/common/hash.ts';
import { removeDir, tempDir } from '../foundation/helpers.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));
function root(): string {
  const dir = tempDir('briefing-cache-bytes-');
  dirs.push(dir);
  return dir;
}

const VALUE = { text: 'Zürich — “quoted” 東京 🙂 and plain ASCII', n: [1, 2.5, -3] };

function rawRow(dir: string, key: string): { type: string; sum: number; bytes: Buffer } {
  closeCacheStores();
  const db = new Database(path.join(dir, 'ns', STORE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT typeof(body) AS type, sum, CAST(body AS BLOB) AS bytes FROM entries WHERE key = ?').get(key) as { type: string; sum: number; bytes: Buffer };
  } finally {
    db.close();
  }
}

describe('cache bodies as bytes', () => {
  it('stores TEXT whose bytes are the JSON in ASCII (ascii-json.ts), with the CRC-32 of those bytes', () => {
    const dir = root();
    const key = sha256('bytes');
    new DiskCache(dir, 'ns').set(key, VALUE);
    const row = rawRow(dir, key);
    expect(row.type).toBe('text');
    expect(row.bytes.equals(Buffer.from(asciiJson(JSON.stringify(VALUE)), 'ascii'))).toBe(true);
    expect(row.bytes.every((byte) => byte < 0x80)).toBe(true);
    expect(row.sum).toBe(crc32(row.bytes));
    expect(new DiskCache(dir, 'ns').get(key)).toEqual(VALUE);
  });

  it('creates a store with 16 KB pages and incremental vacuum', () => {
    const dir = root();
    new DiskCache(dir, 'ns').set(sha256('first'), VALUE);
    closeCacheStores();
    const db = new Database(path.join(dir, 'ns', STORE_FILE), { readonly: true });
    try {
      // Most entries (a few KB) then fit a page: no overflow chain to follow on a read.
      expect(db.pragma('page_size', { simple: true })).toBe(16384);
      expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });

  it('reads an entry written the way the previous version wrote it (a JS string bound as TEXT)', () => {
    const dir = root();
    const key = sha256('old');
    // Create the database through the store, then add a row as the previous version's flush did.
    new DiskCache(dir, 'ns').set(sha256('other'), 1);
    closeCacheStores();
    const text = JSON.stringify(VALUE);
    const db = new Database(path.join(dir, 'ns', STORE_FILE));
    db.prepare('INSERT INTO entries (key, sum, body, used) VALUES (?, ?, ?, ?)').run(key, crc32(text), text, Math.floor(Date.now() / 86_400_000));
    db.close();
    const cache = new DiskCache(dir, 'ns');
    expect(cache.get(key)).toEqual(VALUE);
    expect(cache.corrupt).toEqual([]);
  });

  it('catches one changed byte at any position of a multi-byte body, and bytes that are not UTF-8', () => {
    const dir = root();
    const key = sha256('flip');
    const length = Buffer.byteLength(JSON.stringify(VALUE), 'utf8');
    const damages: ((body: Buffer) => Buffer)[] = [];
    for (let at = 0; at < length; at++) {
      damages.push((body) => {
        const copy = Buffer.from(body);
        copy[at] = copy[at]! ^ 0x20;
        return copy;
      });
    }
    damages.push(() => Buffer.from([0xff, 0xfe, 0x7b, 0x80, 0x7d]));
    for (const how of damages) {
      new DiskCache(dir, 'ns').set(key, VALUE);
      damageStoredEntry(path.join(dir, 'ns'), key, how);
      const cache = new DiskCache(dir, 'ns');
      expect(cache.get(key)).toBeUndefined();
      expect(cache.corrupt).toEqual([path.join(dir, 'ns', key)]);
    }
  });
});

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { asciiJson } from '../../pipeline/common/ascii-json.ts';
import { DiskCache, memo, noCache, stageCache } from '../../pipeline/common/cache.ts';
import { closeCacheStores, damageStoredEntry, flushCacheStores, KEEP_DAYS, STAMP_SLACK_DAYS, stampDue, storedEntries } from '../../pipeline/common/cache-store.ts';
import { sha256, shortHash } from '../../pipeline/common/hash.ts';
import { makeCtx, removeDir, tempDir } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));
function root(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}
const entries = (dir: string, namespace: string) => storedEntries(path.join(dir, namespace));
const damage = (dir: string, namespace: string, key: string, how: (body: Buffer) => Buffer) => damageStoredEntry(path.join(dir, namespace), key, how);

describe('DiskCache (one SQLite database per namespace)', () => {
  it('stores and returns values, counting hits and misses, in one database file per namespace', () => {
    const dir = root();
    const cache = new DiskCache(dir, 'clean');
    const key = sha256('article', '1');
    expect(cache.get(key)).toBeUndefined();
    cache.set(key, { text: 'hello', n: [1, 2] });
    expect(new DiskCache(dir, 'clean').get(key)).toEqual({ text: 'hello', n: [1, 2] });
    expect(cache.misses).toBe(1);
    expect(entries(dir, 'clean')).toEqual([{ key, ok: true, text: JSON.stringify({ text: 'hello', n: [1, 2] }) }]);
    expect(readdirSync(path.join(dir, 'clean')).filter((name) => !name.startsWith('entries.sqlite'))).toEqual([]);
  });

  it('detects a truncated, bit-flipped or emptied entry, drops it and reports it', () => {
    const dir = root();
    const key = sha256('x');
    const value = { value: 'a fairly long payload to cut in half' };
    const damages: ((body: Buffer) => Buffer)[] = [
      (body) => body.subarray(0, body.length / 2),
      (body) => Buffer.from(body.toString('utf8').replace('payload', 'paylaod')),
      (body) => {
        const copy = Buffer.from(body);
        copy[copy.length - 5] = copy[copy.length - 5]! ^ 0x01;
        return copy;
      },
      () => Buffer.alloc(0),
    ];
    for (const how of damages) {
      new DiskCache(dir, 'ns').set(key, value);
      damage(dir, 'ns', key, how);
      expect(entries(dir, 'ns')).toEqual([expect.objectContaining({ key, ok: false })]);
      const cache = new DiskCache(dir, 'ns');
      expect(cache.get(key)).toBeUndefined();
      expect(cache.corrupt).toEqual([path.join(dir, 'ns', key)]);
      // Dropped (committed with the next flush): never read again.
      expect(entries(dir, 'ns')).toEqual([]);
    }
  });

  it('keeps bytes as bytes (a BLOB): given back exactly, never as JSON, and a damaged one is reported like any entry', () => {
    const dir = root();
    const key = sha256('bytes');
    const words = Uint32Array.from([0, 1, 0xffffffff, 0x80000000, 42]);
    // A view at an odd offset of a larger buffer: the store keeps the view's bytes only.
    const backing = new Uint8Array(3 + words.byteLength + 5).fill(7);
    backing.set(new Uint8Array(words.buffer), 3);
    new DiskCache(dir, 'ns').setBytes(key, backing.subarray(3, 3 + words.byteLength));
    new DiskCache(dir, 'ns').set(sha256('json'), { a: 1 });
    const cache = new DiskCache(dir, 'ns');
    const back = cache.getBytes(key)!;
    expect([...new Uint32Array(Uint8Array.prototype.slice.call(back).buffer)]).toEqual([...words]);
    // Each kind is only what it was stored as: a miss, not damage.
    expect(cache.get(key)).toBeUndefined();
    expect(cache.getBytes(sha256('json'))).toBeUndefined();
    expect(cache.corrupt).toEqual([]);
    expect(entries(dir, 'ns').every((entry) => entry.ok)).toBe(true);

    damage(dir, 'ns', key, (body) => {
      const copy = Buffer.from(body);
      copy[2] = copy[2]! ^ 0x10;
      return copy;
    });
    const reading = new DiskCache(dir, 'ns');
    expect(reading.getBytes(key)).toBeUndefined();
    expect(reading.corrupt).toEqual([path.join(dir, 'ns', key)]);
  });

  it('gives non-ASCII payloads back as they were, stored as ASCII JSON (escapes: faster to read back)', () => {
    const dir = root();
    const key = sha256('format');
    // English news: a curly quote, a dash or a name now and then.
    const value = { text: 'The council in Zürich met on Monday — “quoted” at length — and voted on the budget for the coming year, with 東京 and 🙂 in passing, \u2028 and a lone \ud800 too', n: 1 };
    new DiskCache(dir, 'ns').set(key, value);
    expect(new DiskCache(dir, 'ns').get(key)).toEqual(value);
    const stored = entries(dir, 'ns')[0]!.text;
    expect(stored).toMatch(/^[\x00-\x7f]*$/);
    expect(stored).toContain('Z\\u00fcrich met on Monday \\u2014 \\u201cquoted\\u201d');
    expect(JSON.parse(stored)).toEqual(value);
  });

  it('leaves text that is mostly not ASCII as it is (escapes would make it longer and slower to read)', () => {
    const dir = root();
    const key = sha256('russian');
    const value = { text: 'Министр заявил, что «мы не отступим».' };
    new DiskCache(dir, 'ns').set(key, value);
    expect(entries(dir, 'ns')[0]!.text).toBe(JSON.stringify(value));
    expect(new DiskCache(dir, 'ns').get(key)).toEqual(value);
    // One in eight units outside ASCII is the line: at it escaped, past it not.
    expect(asciiJson(`"${'abcdefg—'.repeat(4)}"`)).toMatch(/^[\x00-\x7f]*$/);
    expect(asciiJson(`"${'abcdef—'.repeat(4)}"`)).toBe(`"${'abcdef—'.repeat(4)}"`);
  });

  it('asciiJson: any JSON text is either escaped to ASCII or, when mostly not ASCII, left as it was; it parses to the same value', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'ü', '—', '“', '東', '🙂', '\u2028', '\ud800', '\udfff', '"', '\\', '\n', '\u007f', '\u0080', '\uffff') });
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(text), (json, strings) => {
        for (const value of [json, strings, { strings }]) {
          const plain = JSON.stringify(value);
          const ascii = asciiJson(plain);
          if (ascii !== plain) expect(ascii).toMatch(/^[\x00-\x7f]*$/);
          expect(JSON.parse(ascii)).toEqual(JSON.parse(plain));
        }
      }),
      { numRuns: 500, seed: 20261205 },
    );
  });

  it('a database SQLite cannot read is reported once, started again, and then works', () => {
    const dir = root();
    new DiskCache(dir, 'ns').set('k', 1);
    closeCacheStores();
    const file = path.join(dir, 'ns', 'entries.sqlite');
    // Overwritten by something else entirely.
    rmSync(file);
    writeFileSync(file, 'this is not a database, just some bytes '.repeat(200));
    const cache = new DiskCache(dir, 'ns');
    expect(cache.get('k')).toBeUndefined();
    expect(cache.corrupt).toEqual([file]);
    cache.set('k', 2);
    expect(new DiskCache(dir, 'ns').get('k')).toBe(2);
  });

  it('memo computes once, then reads', () => {
    const cache = new DiskCache(root(), 'm');
    let calls = 0;
    const compute = () => ++calls;
    expect(memo(cache, 'k1', compute)).toBe(1);
    expect(memo(cache, 'k1', compute)).toBe(1);
    expect(calls).toBe(1);
    expect(memo(noCache, 'k1', compute)).toBe(2);
  });

  it('stageCache honours caching: false (check writes nothing)', () => {
    const cwd = root();
    const { ctx } = makeCtx({}, cwd);
    stageCache({ ...ctx, caching: false }, 'dedupe').set('abcd', 1);
    flushCacheStores();
    expect(existsSync(path.join(cwd, '.cache'))).toBe(false);
    stageCache(ctx, 'dedupe').set('abcd', 1);
    expect(stageCache(ctx, 'dedupe').get('abcd')).toBe(1);
    expect(entries(path.join(cwd, '.cache'), 'dedupe').map((e) => e.key)).toEqual(['abcd']);
  });

  it('two processes writing one namespace at once lose nothing and corrupt nothing', async () => {
    const dir = root();
    const script = `
      const { DiskCache } = await import(${JSON.stringify(path.resolve('pipeline/common/cache.ts'))});
      const { flushCacheStores } = await import(${JSON.stringify(path.resolve('pipeline/common/cache-store.ts'))});
      const cache = new DiskCache(process.argv[1], 'ns');
      for (let i = 0; i < 300; i++) {
        cache.set(process.argv[2] + i, { i, text: 'x'.repeat(2000 + i) });
        if (i % 25 === 0) flushCacheStores();
      }
    `;
    const run = (tag: string) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir, tag], { stdio: 'ignore' });
        child.on('exit', resolve);
      });
    expect(await Promise.all([run('a'), run('b')])).toEqual([0, 0]);
    const stored = entries(dir, 'ns');
    expect(stored).toHaveLength(600);
    expect(stored.every((e) => e.ok)).toBe(true);
  });
});

describe('stale entries are collected', () => {
  afterEach(() => vi.useRealTimers());

  it('entries unused for KEEP_DAYS + STAMP_SLACK_DAYS days go, the others stay, at most once a day', () => {
    const dir = root();
    const cache = new DiskCache(dir, 'ns');
    cache.set('old', 1);
    cache.set('kept', 2);
    cache.set('recent', 3);
    cache.set('fresh', 4);
    flushCacheStores();
    const today = Math.floor(Date.now() / 86_400_000);
    const db = new Database(path.join(dir, 'ns', 'entries.sqlite'));
    db.prepare("UPDATE entries SET used = ? WHERE key = 'old'").run(today - KEEP_DAYS - STAMP_SLACK_DAYS - 1);
    db.prepare("UPDATE entries SET used = ? WHERE key = 'kept'").run(today - KEEP_DAYS - STAMP_SLACK_DAYS);
    db.prepare("UPDATE entries SET used = ? WHERE key = 'recent'").run(today - KEEP_DAYS + 1);
    db.prepare("UPDATE entries SET used = ? WHERE key = 'fresh'").run(today - 1);
    db.prepare("UPDATE meta SET value = ? WHERE name = 'collected'").run(today - 1);
    db.close();
    // The next run that writes anything collects.
    new DiskCache(dir, 'ns').set('new', 5);
    flushCacheStores();
    expect(entries(dir, 'ns').map((e) => e.key)).toEqual(['fresh', 'kept', 'new', 'recent']);
    // Reading an entry renews its day once it is some days old; a day-old one keeps its day.
    const reader = new DiskCache(dir, 'ns');
    expect(reader.get('recent')).toBe(3);
    expect(reader.get('fresh')).toBe(4);
    flushCacheStores();
    const check = new Database(path.join(dir, 'ns', 'entries.sqlite'), { readonly: true });
    expect(check.prepare("SELECT used FROM entries WHERE key = 'recent'").pluck().get()).toBe(today);
    expect(check.prepare("SELECT used FROM entries WHERE key = 'fresh'").pluck().get()).toBe(today - 1);
    check.close();
  });

  it('finds stale entries by their day alone, never reading the entries (an older store gets the index when opened)', () => {
    const dir = root();
    const cache = new DiskCache(dir, 'ns');
    cache.set('long', 'x'.repeat(100_000));
    flushCacheStores();
    const file = path.join(dir, 'ns', 'entries.sqlite');
    const plan = () => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare('EXPLAIN QUERY PLAN DELETE FROM entries WHERE used < ?').all(1) as { detail: string }[]).map((row) => row.detail).join('; ');
      } finally {
        db.close();
      }
    };
    // A search of the index on `used`, not a scan of the table (whose rows hold `used` after their body).
    expect(plan()).toMatch(/SEARCH entries USING (?:COVERING )?INDEX entries_used \(used<\?\)/);
    // A store written before the index existed: the next run that opens it adds it.
    closeCacheStores();
    const older = new Database(file);
    older.exec('DROP INDEX entries_used');
    older.close();
    expect(plan()).toMatch(/SCAN entries/);
    expect(new DiskCache(dir, 'ns').get('long')).toBe('x'.repeat(100_000));
    flushCacheStores();
    expect(plan()).toMatch(/USING (?:COVERING )?INDEX entries_used/);
  });

  it('over months of daily builds: whatever is read at least every KEEP_DAYS days stays, its day renewed every 4–10 days, the rest goes', () => {
    const dir = root();
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.UTC(2026, 0, 1, 6);
    const setDay = (d: number) => vi.setSystemTime(start + d * 86_400_000);
    setDay(0);
    const daily = Array.from({ length: 40 }, (_, k) => `daily-${k}`);
    const first = new DiskCache(dir, 'ns');
    for (const key of daily) first.set(key, key);
    first.set('monthly', 'm');
    first.set('dropped', 'd');
    flushCacheStores();
    const stamped = new Map<number, number>();
    const DAYS = 120;
    for (let d = 1; d <= DAYS; d++) {
      setDay(d);
      // A build: reads what it still uses, writes the day's new entry (so it collects).
      const cache = new DiskCache(dir, 'ns');
      for (const key of daily) expect(cache.get(key), `day ${d}: ${key}`).toBe(key);
      if (d % KEEP_DAYS === 0) expect(cache.get('monthly'), `day ${d}`).toBe('m');
      cache.set(`day-${d}`, d);
      flushCacheStores();
      const db = new Database(path.join(dir, 'ns', 'entries.sqlite'), { readonly: true });
      const today = Math.floor(Date.now() / 86_400_000);
      const renewed = db.prepare("SELECT count(*) FROM entries WHERE key LIKE 'daily-%' AND used = ?").pluck().get(today) as number;
      stamped.set(d, renewed);
      const dropped = db.prepare("SELECT count(*) FROM entries WHERE key = 'dropped'").pluck().get() as number;
      db.close();
      // Never read again: kept at least KEEP_DAYS, gone after KEEP_DAYS + STAMP_SLACK_DAYS.
      if (d <= KEEP_DAYS) expect(dropped, `day ${d}`).toBe(1);
      if (d > KEEP_DAYS + STAMP_SLACK_DAYS) expect(dropped, `day ${d}`).toBe(0);
    }
    // Entries read every day are renewed on some days, not every day: in all, a fraction of the reads.
    const renewals = [...stamped.values()].reduce((sum, n) => sum + n, 0);
    expect(renewals).toBeGreaterThan((daily.length * DAYS) / 11);
    expect(renewals).toBeLessThan((daily.length * DAYS) / 3);
    // Spread: no day renews all of them (entries written together do not fall due together).
    expect(Math.max(...stamped.values())).toBeLessThan(daily.length);
  });

  it('stampDue keeps the promise: an entry read at most KEEP_DAYS apart never reaches the collection bar', () => {
    for (let sum = -3; sum < 200; sum++) {
      // The oldest its day can be, the day after a read: renewed on reading when due, else younger than due.
      let used = 0;
      for (let day = 1; day < 400; day++) {
        const read = day % KEEP_DAYS === 0;
        if (read && stampDue(used, sum, day)) used = day;
        expect(used, `sum ${sum}, day ${day}`).toBeGreaterThanOrEqual(day - KEEP_DAYS - STAMP_SLACK_DAYS);
        if (read) expect(day - used, `sum ${sum}, day ${day}`).toBeLessThan(STAMP_SLACK_DAYS);
      }
    }
  });
});

describe('stageCache and damaged entries', () => {
  it("reports a damaged entry through the stage's reporter (build/corrupt-cache, naming it) and rebuilds it", () => {
    const cwd = root();
    const { ctx, reporter } = makeCtx({}, cwd, 'dedupe');
    const key = sha256('damaged');
    stageCache(ctx, 'dedupe-x').set(key, { value: 1 });
    damage(path.join(cwd, '.cache'), 'dedupe-x', key, (body) => body.subarray(0, 5));
    expect(memo(stageCache(ctx, 'dedupe-x'), key, () => ({ value: 2 }))).toEqual({ value: 2 });
    expect(reporter.messages).toEqual([expect.objectContaining({ stage: 'dedupe', ruleId: 'build/corrupt-cache', severity: 'warning', file: path.join(cwd, '.cache/dedupe-x', key) })]);
    expect(stageCache(ctx, 'dedupe-x').get(key)).toEqual({ value: 2 });
    expect(reporter.messages).toHaveLength(1);
  });
});

describe('hash', () => {
  it('separates parts so ("ab","c") and ("a","bc") differ, and is stable', () => {
    expect(sha256('ab', 'c')).not.toBe(sha256('a', 'bc'));
    expect(sha256('x')).toBe(sha256('x'));
    expect(shortHash('x')).toHaveLength(12);
    expect(shortHash('x', 8)).toBe(sha256('x').slice(0, 8));
  });
});

describe('read-only DiskCache', () => {
  // `check` reads the feeds namespace read-only; its database rests in rollback-journal mode so reading creates no file.
  it('reads entries but never writes or deletes one, and creates no file', () => {
    const dir = root();
    const key = sha256('r');
    new DiskCache(dir, 'feeds').set(key, 'value');
    closeCacheStores();
    const before = readdirSync(path.join(dir, 'feeds')).sort();
    expect(before).toEqual(['entries.sqlite']);
    const readOnly = new DiskCache(dir, 'feeds', true);
    expect(readOnly.get(key)).toBe('value');
    readOnly.set(sha256('other'), 'x');
    flushCacheStores();
    expect(entries(dir, 'feeds').map((e) => e.key)).toEqual([key]);
    expect(readdirSync(path.join(dir, 'feeds')).sort()).toEqual(before);
    closeCacheStores();
    damage(dir, 'feeds', key, () => Buffer.from('garbage'));
    const again = new DiskCache(dir, 'feeds', true);
    expect(again.get(key)).toBeUndefined();
    expect(again.corrupt).toHaveLength(1);
    flushCacheStores();
    expect(entries(dir, 'feeds')).toEqual([{ key, ok: false, text: 'garbage' }]);
    closeCacheStores();
    expect(readdirSync(path.join(dir, 'feeds')).sort()).toEqual(before);
  });

  it('a database in WAL mode (a build running or killed) is not read: reading it would create its -shm file', () => {
    const dir = root();
    new DiskCache(dir, 'ns').set('k', 'value');
    flushCacheStores();
    expect(existsSync(path.join(dir, 'ns', 'entries.sqlite-wal'))).toBe(true);
    expect(new DiskCache(dir, 'ns', true).get('k')).toBeUndefined();
  });
});

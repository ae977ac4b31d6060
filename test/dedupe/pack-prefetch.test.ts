import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskCache, stageCache } from '../../pipeline/common/cache.ts';
import { closeCacheStores, damageStoredEntry, flushCacheStores, KEEP_DAYS, STORE_FILE, storedEntries, today } from '../../pipeline/common/cache-store.ts';
import { prefetchListed } from '../../pipeline/common/prefetch.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { FeaturePack, segmentFromBytes } from '../../pipeline/dedupe/feature-pack.ts';
import { prefetchFeatures } from '../../pipeline/dedupe/feature-cache.ts';
import { dedupeArticlesParallel } from '../../pipeline/dedupe/index.ts';
import { featureData, type FeatureData } from '../../pipeline/dedupe/features.ts';
import type { Article } from '../../pipeline/types.ts';
import { syntheticArticles } from '../../bench/dedupe/synthetic.ts';
import { plainFeatures } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const MANIFEST = 'manifest';
const config = defaultConfig().dedupe;

function freshRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'briefing-prefetch-'));
  dirs.push(root);
  return root;
}

/** Real features of synthetic articles, stored as a pack of `segments` segments (one save each). */
function storedPack(root: string, segments: number, perSegment = 15): Array<[string, FeatureData]> {
  const all: Array<[string, FeatureData]> = [];
  for (let s = 0; s < segments; s++) {
    const pack = new FeaturePack(new DiskCache(root, 'dedupe-features'), MANIFEST);
    for (const [key] of all) pack.get(key);
    const added = syntheticArticles(perSegment, 100 + s).articles.map((article, i): [string, FeatureData] => [`key-${s}-${i}`, featureData(article, config)]);
    for (const [key, data] of added) pack.add(key, data);
    pack.save();
    all.push(...added);
  }
  flushCacheStores();
  return all;
}

function segmentKeys(root: string): string[] {
  const manifest = storedEntries(path.join(root, 'dedupe-features')).find((entry) => entry.key === MANIFEST)!;
  return (JSON.parse(manifest.text) as { segments: string[] }).segments;
}

describe('reading ahead on a worker thread (prefetch.ts)', () => {
  it('gives back every entry the list names, byte for byte, in one buffer shared with the worker', async () => {
    const root = freshRoot();
    storedPack(root, 3);
    const cache = new DiskCache(root, 'dedupe-features');
    const keys = segmentKeys(root);
    expect(keys).toHaveLength(3);
    const prefetched = (await prefetchListed(cache.file, MANIFEST, 'segments'))!;
    expect(prefetched.size).toBe(3);
    for (const key of keys) {
      const entry = prefetched.take(key)!;
      expect(entry.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(entry.bytes.byteOffset % 8).toBe(0);
      expect(Buffer.from(entry.bytes).equals(Buffer.from(cache.getBytes(key)!))).toBe(true);
      // Taken once: a second take is the caller's own read.
      expect(prefetched.take(key)).toBeUndefined();
    }
  });

  it('a pack read from the worker holds exactly what one read here holds (views, not copies)', async () => {
    const root = freshRoot();
    const all = storedPack(root, 3);
    const cache = new DiskCache(root, 'dedupe-features');
    const prefetched = await prefetchListed(cache.file, MANIFEST, 'segments');
    const ahead = new FeaturePack(cache, MANIFEST, prefetched);
    const here = new FeaturePack(new DiskCache(root, 'dedupe-features'), MANIFEST);
    expect(prefetched!.size).toBe(0);
    for (const [key, data] of all) {
      expect(plainFeatures(ahead.get(key)!)).toEqual(plainFeatures(data));
      expect(plainFeatures(here.get(key)!)).toEqual(plainFeatures(data));
      expect(ahead.get(key)!.vector.ids.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(here.get(key)!.vector.ids.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    }
  });

  it('segment views of misaligned bytes fall back to copies', () => {
    const root = freshRoot();
    storedPack(root, 1);
    const cache = new DiskCache(root, 'dedupe-features');
    const bytes = cache.getBytes(segmentKeys(root)[0]!)!;
    const shifted = new Uint8Array(new SharedArrayBuffer(bytes.length + 2), 2, bytes.length);
    shifted.set(bytes);
    const viewed = segmentFromBytes(shifted, { view: true })!;
    expect(viewed.vectors.buffer).not.toBe(shifted.buffer);
    expect([...viewed.vectors]).toEqual([...segmentFromBytes(bytes)!.vectors]);
  });

  it('a damaged segment is left out by the worker, then found and reported by the stage’s own read, and its features computed again', async () => {
    const root = freshRoot();
    const all = storedPack(root, 3);
    const [, damagedKey] = segmentKeys(root) as [string, string, string];
    damageStoredEntry(path.join(root, 'dedupe-features'), damagedKey, (body) => {
      body[body.length - 1] = body[body.length - 1]! ^ 1;
      return body;
    });
    const corrupt: string[] = [];
    const cache = new DiskCache(root, 'dedupe-features', false, (file) => corrupt.push(file));
    const prefetched = (await prefetchListed(cache.file, MANIFEST, 'segments'))!;
    expect(prefetched.size).toBe(2);
    const pack = new FeaturePack(cache, MANIFEST, prefetched);
    expect(corrupt).toEqual([path.join(root, 'dedupe-features', damagedKey)]);
    const missing = all.filter(([key]) => !pack.get(key));
    expect(missing.map(([key]) => key)).toEqual(all.slice(15, 30).map(([key]) => key));
  });

  it('a damaged or absent list reads nothing ahead (the stage reads and reports it itself); no database, no worker result', async () => {
    const root = freshRoot();
    storedPack(root, 2);
    const cache = new DiskCache(root, 'dedupe-features');
    expect((await prefetchListed(cache.file, 'no-such-list', 'segments'))!.size).toBe(0);
    damageStoredEntry(path.join(root, 'dedupe-features'), MANIFEST, (body) => Buffer.concat([body, Buffer.from(' ')]));
    expect((await prefetchListed(cache.file, MANIFEST, 'segments'))!.size).toBe(0);
    expect(await prefetchListed(path.join(root, 'nowhere', STORE_FILE), MANIFEST, 'segments')).toBeNull();
  });

  it('entries read ahead are stamped as read, as the stage’s own reads are (else they would be collected as unused)', async () => {
    const root = freshRoot();
    storedPack(root, 2);
    closeCacheStores();
    const file = path.join(root, 'dedupe-features', STORE_FILE);
    const old = today() - KEEP_DAYS;
    const db = new Database(file);
    db.prepare('UPDATE entries SET used = ?').run(old);
    db.close();
    const cache = new DiskCache(root, 'dedupe-features');
    const pack = new FeaturePack(cache, MANIFEST, await prefetchListed(cache.file, MANIFEST, 'segments'));
    expect(pack.empty).toBe(false);
    flushCacheStores();
    const check = new Database(file, { readonly: true });
    const days = check.prepare('SELECT key, used FROM entries').all() as { key: string; used: number }[];
    check.close();
    expect(days.filter(({ key }) => key !== MANIFEST).map(({ used }) => used)).toEqual([today(), today()]);
  });

  it('the dedupe stage gives the same stories and messages with its pack read ahead as without', async () => {
    const root = freshRoot();
    const articles: Article[] = syntheticArticles(120, 7).articles;
    const ctxOf = () => {
      const reporter = new Reporter();
      return { reporter, ctx: { config: { ...defaultConfig(), cache: root }, cwd: root, caching: true, report: reporter.for('dedupe') } };
    };
    // A first run stores the pack.
    await dedupeArticlesParallel(articles, ctxOf().ctx, { workers: 1 });
    flushCacheStores();
    const plainRun = ctxOf();
    const without = await dedupeArticlesParallel(articles, plainRun.ctx, { workers: 1 });
    const aheadRun = ctxOf();
    const prefetched = prefetchFeatures(articles.length, aheadRun.ctx, 1)!;
    expect(prefetched).not.toBeNull();
    const taken = await prefetched;
    expect(taken!.size).toBeGreaterThan(0);
    const ahead = await dedupeArticlesParallel(articles, aheadRun.ctx, { workers: 1, prefetched });
    // Every segment was taken from the worker's buffer.
    expect(taken!.size).toBe(0);
    expect(JSON.stringify(ahead)).toBe(JSON.stringify(without));
    expect(JSON.stringify(aheadRun.reporter.messages)).toBe(JSON.stringify(plainRun.reporter.messages));
    // Below the size that pays for a worker, or with no cache, nothing is read ahead.
    expect(prefetchFeatures(articles.length, aheadRun.ctx)).toBeNull();
    expect(prefetchFeatures(articles.length, { ...aheadRun.ctx, caching: false }, 1)).toBeNull();
    expect(stageCache(aheadRun.ctx, 'dedupe-features')).toBeInstanceOf(DiskCache);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskCache } from '../../pipeline/common/cache.ts';
import { damageStoredEntry, flushCacheStores, storedEntries } from '../../pipeline/common/cache-store.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { decodeSegment, encodeSegment, FeaturePack, segmentBytes, segmentFromBytes, type LegacySegment } from '../../pipeline/dedupe/feature-pack.ts';
import { lookupFeatures } from '../../pipeline/dedupe/feature-cache.ts';
import { featureData, type FeatureData } from '../../pipeline/dedupe/features.ts';
import { syntheticArticles } from '../../bench/dedupe/synthetic.ts';
import { plainFeatures } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const MANIFEST = 'manifest';
const config = defaultConfig().dedupe;

/** Real features of `n` synthetic articles, keyed as the stage keys them (any distinct strings do here). */
function features(n: number, seed = 3): Array<[string, FeatureData]> {
  return syntheticArticles(n, seed).articles.map((article, i) => [`key-${seed}-${i}`, featureData(article, config)]);
}

function freshCache(): { cache: DiskCache; dir: string; root: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'briefing-feature-pack-'));
  dirs.push(root);
  return { cache: new DiskCache(root, 'dedupe-features'), dir: path.join(root, 'dedupe-features'), root };
}

/** The segment keys the stored manifest names. */
function manifest(dir: string): string[] {
  const body = storedEntries(dir).find((entry) => entry.key === MANIFEST);
  return body ? (JSON.parse(body.text) as { segments: string[] }).segments : [];
}

describe('dedupe feature pack', () => {
  it('gives back every feature exactly as stored, typed arrays included (weights to the bit, a missing signature as null)', () => {
    const entries = features(40);
    const empty: FeatureData = { ...entries[0]![1], words: 0, shingles: new Uint32Array(0), signature: null, quoteWindows: new Uint32Array(0), vector: { ids: new Uint32Array(0), weights: new Float32Array(0) } };
    const all: Array<[string, FeatureData]> = [...entries, ['empty', empty]];
    // Through the stored bytes, handed back inside a larger buffer at an odd offset (as a Buffer from a pool may be).
    const bytes = segmentBytes(encodeSegment(all));
    const pooled = Buffer.alloc(bytes.length + 9);
    pooled.set(bytes, 5);
    const decoded = decodeSegment(segmentFromBytes(pooled.subarray(5, 5 + bytes.length))!);
    expect(decoded.map(plainFeatures)).toEqual(all.map(([, data]) => plainFeatures(data)));
    expect(decoded[decoded.length - 1]!.signature).toBeNull();
    // The two runs are buffers of their own (dropping the copies frees theirs), not views of the stored bytes.
    expect(decoded[0]!.vector.ids.buffer).not.toBe(decoded[0]!.shingles.buffer);
    expect(decoded[0]!.vector.ids.buffer).not.toBe(pooled.buffer);
  });

  it('bytes that are not a segment (another layout, cut short) are not read as one', () => {
    const bytes = Buffer.from(segmentBytes(encodeSegment(features(3))));
    expect(segmentFromBytes(bytes)).toBeDefined();
    expect(segmentFromBytes(Buffer.from('{"keys":[]}'))).toBeUndefined();
    expect(segmentFromBytes(bytes.subarray(0, bytes.length - 2))).toBeUndefined();
    const wrongMagic = Buffer.from(bytes);
    wrongMagic[0] = 0;
    expect(segmentFromBytes(wrongMagic)).toBeUndefined();
  });

  it('reads segments of the JSON layout (before bytes) and writes them again as bytes, once', () => {
    const { cache, dir, root } = freshCache();
    const all = features(12, 11);
    // A cache that holds no bytes writes the JSON layout (as versions before session 14 did).
    const jsonOnly = { get: <T>(key: string) => cache.get<T>(key), set: <T>(key: string, value: T) => cache.set(key, value) };
    const old = new FeaturePack(jsonOnly, MANIFEST);
    for (const [key, data] of all) old.add(key, data);
    old.save();
    flushCacheStores();
    const [legacyKey] = manifest(dir) as [string];
    expect((JSON.parse(storedEntries(dir).find((entry) => entry.key === legacyKey)!.text) as LegacySegment).vectors).toEqual(expect.any(String));

    const upgrading = new FeaturePack(cache, MANIFEST);
    for (const [key, data] of all) expect(plainFeatures(upgrading.get(key)!)).toEqual(plainFeatures(data));
    upgrading.save();
    flushCacheStores();
    const [bytesKey] = manifest(dir) as [string];
    expect(manifest(dir)).toHaveLength(1);
    expect(segmentFromBytes(new DiskCache(root, 'dedupe-features').getBytes(bytesKey)!)).toBeDefined();

    const after = new FeaturePack(cache, MANIFEST);
    for (const [key, data] of all) expect(plainFeatures(after.get(key)!)).toEqual(plainFeatures(data));
    after.save();
    flushCacheStores();
    // Bytes now: nothing more to rewrite.
    expect(manifest(dir)).toEqual([bytesKey]);
  });

  it('a run appends one segment of what it computed; the next run reads both', () => {
    const { cache, dir } = freshCache();
    const first = features(30, 1);
    const pack = new FeaturePack(cache, MANIFEST);
    for (const [key, data] of first) pack.add(key, data);
    pack.save();
    flushCacheStores();
    expect(manifest(dir)).toHaveLength(1);

    const second = new FeaturePack(cache, MANIFEST);
    for (const [key] of first) expect(second.get(key)).toBeDefined();
    expect(second.get('not-stored')).toBeUndefined();
    const added = features(5, 2);
    for (const [key, data] of added) second.add(key, data);
    second.save();
    flushCacheStores();
    const segments = manifest(dir);
    expect(segments).toHaveLength(2);

    const third = new FeaturePack(cache, MANIFEST);
    for (const [key, data] of [...first, ...added]) expect(plainFeatures(third.get(key)!)).toEqual(plainFeatures(data));
    // Nothing new, nothing stale: nothing is written.
    third.save();
    flushCacheStores();
    expect(manifest(dir)).toEqual(segments);
  });

  it('merges small segments once there are eight, keeping every entry a run uses', () => {
    const { cache, dir } = freshCache();
    const all: Array<[string, FeatureData]> = [];
    for (let run = 0; run < 9; run++) {
      const pack = new FeaturePack(cache, MANIFEST);
      for (const [key] of all) pack.get(key);
      const added = features(3, 10 + run);
      for (const [key, data] of added) pack.add(key, data);
      all.push(...added);
      pack.save();
      flushCacheStores();
      // Runs 1–8 each add a segment; the 9th finds eight small ones and writes them with its own as one.
      expect(manifest(dir)).toHaveLength(run < 8 ? run + 1 : 1);
    }
    const pack = new FeaturePack(cache, MANIFEST);
    for (const [key, data] of all) expect(plainFeatures(pack.get(key)!)).toEqual(plainFeatures(data));
  });

  it('rewrites everything once over a quarter of what it holds is not used, dropping those entries', () => {
    const { cache, dir } = freshCache();
    const all = features(40, 4);
    const first = new FeaturePack(cache, MANIFEST);
    for (const [key, data] of all) first.add(key, data);
    first.save();
    flushCacheStores();
    const before = manifest(dir);

    // 10 of 40 unused (a quarter): kept as they are.
    const kept = new FeaturePack(cache, MANIFEST);
    for (const [key] of all.slice(10)) kept.get(key);
    kept.save();
    flushCacheStores();
    expect(manifest(dir)).toEqual(before);

    // 11 unused: the used 29 are written again, the rest dropped.
    const rewrite = new FeaturePack(cache, MANIFEST);
    for (const [key] of all.slice(11)) rewrite.get(key);
    rewrite.save();
    flushCacheStores();
    expect(manifest(dir)).not.toEqual(before);
    const after = new FeaturePack(cache, MANIFEST);
    expect(all.slice(0, 11).filter(([key]) => after.get(key) !== undefined)).toEqual([]);
    for (const [key, data] of all.slice(11)) expect(plainFeatures(after.get(key)!)).toEqual(plainFeatures(data));
  });

  it('keeps one pack per content folder: builds of another folder in the workspace do not push the main one out', () => {
    const { root } = freshCache();
    const cwd = path.dirname(root);
    const main = syntheticArticles(30, 7).articles;
    const drafts = syntheticArticles(30, 8).articles;
    const build = (articles: typeof main, content: string) => {
      const ctx = { config: { ...defaultConfig(), cache: path.basename(root), content }, cwd, caching: true };
      const lookup = lookupFeatures(articles, ctx);
      const missing = lookup.missing.length;
      lookup.complete(lookup.missing.map((article) => featureData(article, ctx.config.dedupe)));
      flushCacheStores();
      return missing;
    };
    expect(build(main, 'content')).toBe(30);
    expect(build(drafts, 'drafts')).toBe(30);
    // With one pack for both, the drafts' build would have found every main article unused and rewritten the pack without them.
    expect(build(main, 'content')).toBe(0);
    expect(build(drafts, 'drafts')).toBe(0);
  });

  it('a damaged segment is reported and its entries are missing, to be computed and stored again', () => {
    const { cache, dir, root } = freshCache();
    const first = features(10, 5);
    const second = features(10, 6);
    for (const batch of [first, second]) {
      const pack = new FeaturePack(cache, MANIFEST);
      for (const [key] of first) pack.get(key);
      for (const [key, data] of batch) if (!pack.get(key)) pack.add(key, data);
      pack.save();
      flushCacheStores();
    }
    const [firstSegment, secondSegment] = manifest(dir) as [string, string];
    damageStoredEntry(dir, firstSegment, (body) => body.subarray(0, body.length >> 1));

    const damaged: string[] = [];
    const reading = new FeaturePack(new DiskCache(root, 'dedupe-features', false, (file) => damaged.push(file)), MANIFEST);
    expect(damaged).toEqual([path.join(dir, firstSegment)]);
    expect(first.filter(([key]) => reading.get(key) !== undefined)).toEqual([]);
    for (const [key] of second) expect(reading.get(key)).toBeDefined();
    for (const [key, data] of first) reading.add(key, data);
    reading.save();
    flushCacheStores();
    // The first batch written again (under the same content-derived key), the second as it was.
    expect(manifest(dir)).toEqual([secondSegment, firstSegment]);
    const again = new FeaturePack(new DiskCache(root, 'dedupe-features', false, (file) => damaged.push(file)), MANIFEST);
    expect(damaged).toHaveLength(1);
    for (const [key, data] of [...first, ...second]) expect(plainFeatures(again.get(key)!)).toEqual(plainFeatures(data));
  });
});

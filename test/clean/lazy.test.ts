import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanArticles, cleanArticlesParallel } from '../../pipeline/clean/index.ts';
import { isLazy, LAZY_FIELDS, type BodyLoader } from '../../pipeline/clean/lazy-body.ts';
import { DiskCache, noCache, type StageCache } from '../../pipeline/common/cache.ts';
import { damageStoredEntry, storedEntries } from '../../pipeline/common/cache-store.ts';
import { generateCorpus } from '../../bench/corpus.ts';
import type { Article } from '../../pipeline/types.ts';
import { article, context, sampleArticles } from './helpers.ts';

/** A cache in memory that stores what DiskCache stores (JSON), recording which keys were read. */
function memoryCache(): StageCache & { entries: Map<string, string>; reads: string[] } {
  const entries = new Map<string, string>();
  const reads: string[] = [];
  return {
    entries,
    reads,
    get<T>(key: string) {
      const text = entries.get(key);
      if (text === undefined) return undefined;
      reads.push(key);
      return JSON.parse(text) as T;
    },
    set(key, value) {
      entries.set(key, JSON.stringify(value));
    },
  };
}

function corpusArticles(n: number): Article[] {
  return generateCorpus({ articles: n, seed: 17 }).map((s) => article(s.text, { id: s.id, publisher: s.publisher, date: s.date, dateSource: s.date ? 'date-line' : null }));
}

/** Keys of the decision bodies in a cache (entries holding exactly a body's fields). */
function bodyKeys(entries: Iterable<[string, string]>): Set<string> {
  const keys = new Set<string>();
  for (const [key, text] of entries) if (text.startsWith('{"paragraphs":') && text.includes('"removed":') && !text.includes('"signals"')) keys.add(key);
  return keys;
}

/** A cleaned article as plain data, every field read once (loading a lazy article's body). */
function plain(a: Article): Record<string, unknown> {
  return Object.fromEntries(Object.keys(a).map((key) => [key, (a as unknown as Record<string, unknown>)[key]]));
}

async function warmRun(articles: Article[], cache: StageCache) {
  const run = context();
  const bodyLoads: { loader?: BodyLoader } = {};
  const cleaned = await cleanArticlesParallel(articles, run.ctx, cache, { workers: 1, bodyLoads });
  return { cleaned, messages: run.reporter.messages, loads: bodyLoads.loader!.loads };
}

describe('unchanged articles handed on without their bodies (lazy)', () => {
  const articles = [...corpusArticles(80), ...sampleArticles()];
  const eager = cleanArticles(articles, context().ctx);

  it('a warm rebuild after one article changed reads no unchanged article’s body; counts are there without loading', async () => {
    const cache = memoryCache();
    await cleanArticlesParallel(articles, context().ctx, cache, { workers: 1 });
    const bodies = bodyKeys(cache.entries);
    expect(bodies.size).toBe(articles.length);
    const changed = articles.map((a, i) => (i === 5 ? article(`${a.raw}\n\nA correction was appended to this article after publication.`, { id: a.id, publisher: a.publisher, date: a.date, dateSource: a.dateSource }) : a));
    cache.reads.length = 0;
    const { cleaned, loads } = await warmRun(changed, cache);
    expect(cache.reads.filter((key) => bodies.has(key))).toEqual([]);
    // Every article is lazy — the changed one too, its body just written — and the counts and hash are plain fields.
    expect(cleaned.filter((a) => isLazy(a)).map((a) => a.id)).toEqual(changed.map((a) => a.id));
    const reference = cleanArticles(changed, context().ctx);
    expect(cleaned.map((a) => [a.paragraphCount, a.removedCount, a.paragraphsHash])).toEqual(reference.map((a) => [a.paragraphs.length, a.removed.length, a.paragraphsHash]));
    expect(loads).toEqual({ read: 0, recomputed: 0 });
    // Reading the text loads the body, once for all three fields of an article.
    expect(cleaned[0]!.text).toBe(reference[0]!.text);
    expect(cleaned[0]!.paragraphs).toEqual(reference[0]!.paragraphs);
    expect(cleaned[0]!.removed).toEqual(reference[0]!.removed);
    expect(loads).toEqual({ read: 1, recomputed: 0 });
    expect(cache.reads.filter((key) => bodies.has(key))).toHaveLength(1);
  });

  it('lazy fields equal the eager ones; a spread, structuredClone and JSON of a lazy article equal the eager article', async () => {
    const cache = memoryCache();
    const cold = context();
    const first = await cleanArticlesParallel(articles, cold.ctx, cache, { workers: 1 });
    // Decided now, and lazy all the same once their bodies are in the cache (a year's first build holds no cleaned text)…
    expect(first.every((a) => isLazy(a))).toBe(true);
    expect(JSON.stringify(first)).toBe(JSON.stringify(eager));
    // …but in hand without a cache, where there is nothing to read them back from.
    const uncached = await cleanArticlesParallel(articles, context().ctx, noCache, { workers: 1 });
    expect(uncached.some((a) => isLazy(a))).toBe(false);
    expect(JSON.stringify(uncached)).toBe(JSON.stringify(eager));
    const { cleaned, messages, loads } = await warmRun(articles, cache);
    expect(cleaned.every((a) => isLazy(a))).toBe(true);
    expect(JSON.stringify(messages)).toBe(JSON.stringify(cold.reporter.messages));
    cleaned.forEach((a, i) => {
      const expected = eager[i]!;
      // Same keys in the same order, so any serialisation of an article is the same.
      expect(Object.keys(a), a.id).toEqual(Object.keys(expected));
      expect({ ...a }, a.id).toEqual({ ...expected });
      expect(structuredClone(a), a.id).toEqual(structuredClone(expected));
      expect(JSON.stringify(a), a.id).toBe(JSON.stringify(expected));
      for (const field of LAZY_FIELDS) expect(a[field], `${a.id} ${field}`).toEqual(expected[field]);
    });
    expect(loads.read).toBeGreaterThanOrEqual(articles.length);
    expect(loads.recomputed).toBe(0);
    // A spread is a plain article: no accessor left.
    expect(isLazy({ ...cleaned[0]! })).toBe(false);
    // Assigning a field makes it plain data, the others stay lazy and correct.
    const one = cleaned[1]!;
    one.paragraphs = [];
    expect(Object.getOwnPropertyDescriptor(one, 'paragraphs')!.get).toBeUndefined();
    expect(one.paragraphs).toEqual([]);
    expect(one.text).toBe(eager[1]!.text);
    expect(plain(cleaned[2]!)).toEqual(plain(eager[2]!));
  });

  it('a truncated, garbled or mismatched body is recomputed, never trusted', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-clean-lazy-'));
    const disk = () => new DiskCache(dir, 'clean');
    await cleanArticlesParallel(articles, context().ctx, disk(), { workers: 1 });
    const stored = storedEntries(path.join(dir, 'clean'));
    const bodies = [...bodyKeys(stored.map((e) => [e.key, e.text]))];
    expect(bodies).toHaveLength(articles.length);
    const bodyOf = new Map(stored.map((e) => [e.key, e.text]));
    // Three bodies damaged three ways: cut short (fails its checksum), garbage bytes, and another article's body under this one's key (passes the checksum).
    damageStoredEntry(path.join(dir, 'clean'), bodies[0]!, (body) => body.subarray(0, body.length >> 1));
    damageStoredEntry(path.join(dir, 'clean'), bodies[1]!, (body) => Buffer.from(body.toString('utf8').replace(/[aeiou]/g, 'x')));
    const other = bodies.find((key) => bodyOf.get(key) !== bodyOf.get(bodies[2]!))!;
    const cache = disk();
    cache.set(bodies[2]!, JSON.parse(bodyOf.get(other)!));
    const run = context();
    const bodyLoads: { loader?: BodyLoader } = {};
    const cleaned = await cleanArticlesParallel(articles, run.ctx, cache, { workers: 1, bodyLoads });
    expect(cleaned.every((a) => isLazy(a))).toBe(true);
    // Every article's text is right, whichever body was damaged.
    expect(JSON.stringify(cleaned)).toBe(JSON.stringify(eager));
    expect(bodyLoads.loader!.loads).toEqual({ read: articles.length - 3, recomputed: 3 });
    // The damaged entries were found by their checksums (the substituted one passes its checksum: only its content gives it away).
    expect(cache.corrupt.map((file) => path.basename(file)).sort()).toEqual([bodies[0]!, bodies[1]!].sort());
    // And rebuilt: the next run reads every body back as it should be.
    const again = await warmRun(articles, disk());
    expect(JSON.stringify(again.cleaned)).toBe(JSON.stringify(eager));
    expect(again.loads).toEqual({ read: articles.length, recomputed: 0 });
  });

  it('a body lost with its analysis is decided again from the raw text', async () => {
    const cache = memoryCache();
    await cleanArticlesParallel(articles, context().ctx, cache, { workers: 1 });
    const lost = [...bodyKeys(cache.entries)];
    // Every body and every analysis gone (the summaries, sources and memo stay).
    for (const key of [...cache.entries.keys()]) if (lost.includes(key) || cache.entries.get(key)!.includes('"contentWords"')) cache.entries.delete(key);
    const raws: string[] = [];
    const run = context();
    const bodyLoads: { loader?: BodyLoader } = {};
    // As build runs it: raw text released, read back by withRaw.
    const input = articles.map((a) => ({ ...a }));
    const cleaned = await cleanArticlesParallel(input, run.ctx, cache, { workers: 1, bodyLoads, releaseRaw: true, withRaw: (a) => (raws.push(a.id), articles.find((x) => x.id === a.id)!) });
    expect(cleaned.map((a) => a.text)).toEqual(eager.map((a) => a.text));
    expect(cleaned.map((a) => a.removed)).toEqual(eager.map((a) => a.removed));
    expect(bodyLoads.loader!.loads.recomputed).toBe(articles.length);
    expect(raws.length).toBeGreaterThanOrEqual(articles.length);
  });

  describe('unread bodies are kept from being collected', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('the first build of each day reads a sixteenth of the bodies; in 16 days every body is read', async () => {
      const day = 86_400_000;
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-03-01T08:00:00Z'));
      const cache = memoryCache();
      await cleanArticlesParallel(articles, context().ctx, cache, { workers: 1 });
      const bodies = bodyKeys(cache.entries);
      const readBodies = () => new Set(cache.reads.filter((key) => bodies.has(key)));
      // The same day: the cold build wrote every body today, nothing to refresh.
      cache.reads.length = 0;
      await warmRun(articles, cache);
      expect(readBodies().size).toBe(0);
      const seen = new Set<string>();
      for (let n = 1; n <= 16; n++) {
        vi.setSystemTime(new Date(Date.parse('2026-03-01T08:00:00Z') + n * day));
        cache.reads.length = 0;
        await warmRun(articles, cache);
        const read = readBodies();
        expect(read.size, `day ${n}`).toBeLessThan(articles.length / 4);
        for (const key of read) seen.add(key);
        // A second build the same day reads none.
        cache.reads.length = 0;
        await warmRun(articles, cache);
        expect(readBodies().size, `day ${n}, again`).toBe(0);
      }
      expect(seen).toEqual(bodies);
    });
  });
});

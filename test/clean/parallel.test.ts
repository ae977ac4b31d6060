import { describe, expect, it } from 'vitest';
import { cleanArticles, cleanArticlesParallel } from '../../pipeline/clean/index.ts';
import type { StageCache } from '../../pipeline/common/cache.ts';
import { generateCorpus } from '../../bench/corpus.ts';
import type { Article } from '../../pipeline/types.ts';
import { article, context, sampleArticles } from './helpers.ts';

/** A cache in memory that stores what DiskCache stores (JSON), counting hits. */
function memoryCache(): StageCache & { hits: number; size: () => number } {
  const entries = new Map<string, string>();
  return {
    hits: 0,
    size: () => entries.size,
    get<T>(key: string) {
      const text = entries.get(key);
      if (text === undefined) return undefined;
      this.hits++;
      return JSON.parse(text) as T;
    },
    set(key, value) {
      entries.set(key, JSON.stringify(value));
    },
  };
}

function corpusArticles(n: number): Article[] {
  return generateCorpus({ articles: n, seed: 5 }).map((s) =>
    article(s.text, { id: s.id, publisher: s.publisher, date: s.date, dateSource: s.date ? 'date-line' : null }),
  );
}

describe('cleanArticlesParallel', () => {
  const articles = [...corpusArticles(150), ...sampleArticles()];

  it('gives byte-identical articles and messages to the sequential stage, on worker threads', async () => {
    const sequential = context();
    const expected = cleanArticles(articles, sequential.ctx);
    const parallel = context();
    const cleaned = await cleanArticlesParallel(articles, parallel.ctx, undefined, { workers: 2, minItems: 0 });
    expect(JSON.stringify(cleaned)).toBe(JSON.stringify(expected));
    expect(JSON.stringify(parallel.reporter.messages)).toBe(JSON.stringify(sequential.reporter.messages));
    expect(cleaned.some((a) => a.removed.length > 0)).toBe(true);
  });

  it('reads and fills the cache on the calling thread, with the same result from it', async () => {
    const cache = memoryCache();
    const cold = context();
    const first = await cleanArticlesParallel(articles, cold.ctx, cache, { workers: 2, minItems: 0 });
    expect(cache.size()).toBe(articles.length);
    const warm = context();
    const second = await cleanArticlesParallel(articles, warm.ctx, cache, { workers: 2, minItems: 0 });
    expect(cache.hits).toBe(articles.length);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(JSON.stringify(warm.reporter.messages)).toBe(JSON.stringify(cold.reporter.messages));
  });

  it('releaseRaw: the same articles, with raw emptied only where there are paragraphs', async () => {
    const expected = cleanArticles(articles, context().ctx);
    const released = await cleanArticlesParallel(articles, context().ctx, undefined, { workers: 1, releaseRaw: true });
    expect(released.map((a) => ({ ...a, raw: '' }))).toEqual(expected.map((a) => ({ ...a, raw: '' })));
    released.forEach((a, i) => expect(a.raw).toBe(a.paragraphs.length > 0 ? '' : expected[i]!.raw));
    // The input articles keep their raw text.
    expect(articles.every((a) => a.raw.length > 0)).toBe(true);
  });

  it('analyses in-process below minItems and with workers: 1, with the same output', async () => {
    const few = articles.slice(0, 20);
    const expected = JSON.stringify(cleanArticles(few, context().ctx));
    expect(JSON.stringify(await cleanArticlesParallel(few, context().ctx))).toBe(expected);
    expect(JSON.stringify(await cleanArticlesParallel(few, context({ workers: 1 }).ctx, undefined, { minItems: 0 }))).toBe(expected);
  });
});

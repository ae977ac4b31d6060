/**
 * Clean may hand back the articles of unchanged files with `paragraphs` and
 * `text` loaded from its cache on first read, and `paragraphCount` beside them
 * (helper C2's lazy articles). Every build keys every day of the archive, so
 * keying must not read them: an unchanged day must cost its key and one cache
 * read, not a year of paragraphs loaded back.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { paragraphsHash } from '../../pipeline/clean/paragraphs-hash.ts';
import { DiskCache } from '../../pipeline/common/cache.ts';
import { editionKey, paragraphCountOf } from '../../pipeline/summarise/edition-key.ts';
import { summariseStoriesParallel } from '../../pipeline/summarise/parallel.ts';
import type { Article } from '../../pipeline/types.ts';
import { article, context, seedArticles, seedStories } from './helpers.ts';

/** The article as a lazy clean would give it: its count and hash at hand, its paragraphs, text and raw text counted when read. */
function lazy(eager: Article, reads: string[]): Article {
  const { paragraphs, text, raw, ...rest } = eager;
  const copy = { ...rest, paragraphsHash: paragraphsHash(paragraphs), paragraphCount: paragraphs.length } as unknown as Article;
  for (const [field, value] of [['paragraphs', paragraphs], ['text', text], ['raw', raw]] as const) {
    Object.defineProperty(copy, field, {
      enumerable: true,
      get() {
        reads.push(`${eager.id}.${field}`);
        return value;
      },
    });
  }
  return copy;
}

describe('summarise and lazily loaded articles', () => {
  it('counts paragraphs by paragraphCount when the article has it, else by its paragraphs', () => {
    const reads: string[] = [];
    const eager = article('a', ['One paragraph.', 'Another one.']);
    expect(paragraphCountOf(eager)).toBe(2);
    expect(paragraphCountOf(lazy(eager, reads))).toBe(2);
    expect(paragraphCountOf(article('b', []))).toBe(0);
    expect(reads).toEqual([]);
  });

  it('keys an edition without reading the paragraphs or text of articles that carry their count and hash — the same key as the eager articles', () => {
    const articles = seedArticles();
    const stories = seedStories();
    const { ctx } = context();
    const day = stories.filter((s) => s.date === '2025-03-18');
    const reads: string[] = [];
    const eager = new Map(articles.map((a) => [a.id, a]));
    const lazyById = new Map(articles.map((a) => [a.id, lazy(a, reads)]));
    expect(editionKey('2025-03-18', day, lazyById, ctx.config)).toBe(editionKey('2025-03-18', day, eager, ctx.config));
    expect(reads).toEqual([]);
    // An article clean left without paragraphs is keyed by its text, which is then read.
    const empty = lazy(article('000', [], { date: '2025-03-18', file: 'content/000.txt' }), reads);
    editionKey('2025-03-18', day, new Map([...lazyById, ['000', empty]]), ctx.config);
    expect(reads).toContain('000.text');
  });

  it('reads no paragraphs of any article when every day is cached, and gives the same editions and messages', async () => {
    const articles = seedArticles();
    const stories = seedStories();
    const root = mkdtempSync(path.join(tmpdir(), 'briefing-summarise-lazy-'));
    const cold = context();
    const editions = await summariseStoriesParallel(stories, articles, cold.ctx, new DiskCache(root, 'summarise'));
    const reads: string[] = [];
    const warm = context();
    const again = await summariseStoriesParallel(stories, articles.map((a) => lazy(a, reads)), warm.ctx, new DiskCache(root, 'summarise'));
    expect(JSON.stringify(again)).toBe(JSON.stringify(editions));
    expect(JSON.stringify(warm.reporter.messages)).toBe(JSON.stringify(cold.reporter.messages));
    expect(reads).toEqual([]);
  });
});

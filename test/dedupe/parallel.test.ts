import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { dedupeArticles, dedupeArticlesParallel } from '../../pipeline/dedupe/index.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import type { Article, Story } from '../../pipeline/types.ts';
import { syntheticArticles } from '../../bench/dedupe/synthetic.ts';

function ctx(reporter: Reporter, cwd = process.cwd(), caching = false) {
  return { config: defaultConfig(), cwd, report: reporter.for('dedupe'), caching };
}

describe('dedupe on worker threads', () => {
  it('gives byte-identical stories and messages to the in-process run', async () => {
    const articles: Article[] = syntheticArticles(300, 13).articles;
    const serial = new Reporter();
    const expected = dedupeArticles(articles, ctx(serial));
    const parallel = new Reporter();
    const stories: Story[] = await dedupeArticlesParallel(articles, ctx(parallel), { workers: 2, minArticles: 0 });
    expect(JSON.stringify(stories)).toBe(JSON.stringify(expected));
    expect(JSON.stringify(parallel.messages)).toBe(JSON.stringify(serial.messages));
    expect(stories.some((s) => s.articles.length > 1)).toBe(true);
  }, 120_000);

  it('computes only the features the cache lacks on the workers, with the same result', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'briefing-dedupe-parallel-'));
    try {
      const articles: Article[] = syntheticArticles(240, 17).articles;
      const serial = new Reporter();
      const expected = JSON.stringify({ stories: dedupeArticles(articles, ctx(serial)), messages: serial.messages });
      // Cold cache: every feature on the workers; then half of the articles changed.
      const cold = new Reporter();
      const first = await dedupeArticlesParallel(articles, ctx(cold, cwd, true), { workers: 2, minArticles: 0 });
      expect(JSON.stringify({ stories: first, messages: cold.messages })).toBe(expected);
      const changed = articles.map((a, i) => (i % 2 ? { ...a, text: `${a.text}\n\nThis report was updated.` } : a));
      const plain = new Reporter();
      const expectedChanged = JSON.stringify({ stories: dedupeArticles(changed, ctx(plain)), messages: plain.messages });
      const warm = new Reporter();
      const second = await dedupeArticlesParallel(changed, ctx(warm, cwd, true), { workers: 2, minArticles: 0 });
      expect(JSON.stringify({ stories: second, messages: warm.messages })).toBe(expectedChanged);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { dedupeArticles, dedupeArticlesParallel } from '../../pipeline/dedupe/index.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import type { Article, Story } from '../../pipeline/types.ts';
import { syntheticArticles } from '../../bench/dedupe/synthetic.ts';

function ctx(reporter: Reporter) {
  return { config: defaultConfig(), cwd: process.cwd(), report: reporter.for('dedupe'), caching: false };
}

describe('dedupe on worker threads', () => {
  it('gives byte-identical stories and messages to the in-process run', async () => {
    const articles: Article[] = syntheticArticles(300, 13).articles;
    const serial = new Reporter();
    const expected = dedupeArticles(articles, ctx(serial));
    const parallel = new Reporter();
    const stories: Story[] = await dedupeArticlesParallel(articles, ctx(parallel), { workers: 2 });
    expect(JSON.stringify(stories)).toBe(JSON.stringify(expected));
    expect(JSON.stringify(parallel.messages)).toBe(JSON.stringify(serial.messages));
    expect(stories.some((s) => s.articles.length > 1)).toBe(true);
  }, 120_000);
});

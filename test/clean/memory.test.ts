import { describe, expect, it } from 'vitest';
import { cleanArticles, cleanArticlesParallel } from '../../pipeline/clean/index.ts';
import { internDecision, internOwnStrings, StringPool } from '../../pipeline/clean/intern.ts';
import type { StageCache } from '../../pipeline/common/cache.ts';
import { generateCorpus } from '../../bench/corpus.ts';
import type { Article, Message } from '../../pipeline/types.ts';
import { article, context, sampleArticles } from './helpers.ts';

/** A cache in memory that stores what DiskCache stores (JSON), counting reads and writes by key. */
function memoryCache(): StageCache & { reads: Map<string, number>; writes: Set<string> } {
  const entries = new Map<string, string>();
  const reads = new Map<string, number>();
  const writes = new Set<string>();
  return {
    reads,
    writes,
    get<T>(key: string) {
      const text = entries.get(key);
      if (text === undefined) return undefined;
      reads.set(key, (reads.get(key) ?? 0) + 1);
      return JSON.parse(text) as T;
    },
    set(key, value) {
      writes.add(key);
      entries.set(key, JSON.stringify(value));
    },
  };
}

function corpusArticles(n: number): Article[] {
  return generateCorpus({ articles: n, seed: 11 }).map((s) => article(s.text, { id: s.id, publisher: s.publisher, date: s.date, dateSource: s.date ? 'date-line' : null }));
}

describe('clean memory on a first build (issue 10)', () => {
  const articles = [...corpusArticles(120), ...sampleArticles()];
  const expected = (() => {
    const run = context();
    return { articles: JSON.stringify(cleanArticles(articles, run.ctx)), messages: JSON.stringify(run.reporter.messages) };
  })();

  it('analysing in batches and reading analyses back from the cache gives the uncached output and messages', async () => {
    const cache = memoryCache();
    const run = context();
    const cleaned = await cleanArticlesParallel(articles, run.ctx, cache, { workers: 1, holdAnalysesUpTo: 0 });
    expect(JSON.stringify(cleaned)).toBe(expected.articles);
    expect(JSON.stringify(run.reporter.messages)).toBe(expected.messages);
    // Nothing held: every analysis was written, then read back (once to decide; repetition's samples read some again).
    const analysisKeys = [...cache.writes].filter((key) => (cache.reads.get(key) ?? 0) > 0);
    expect(analysisKeys.length).toBeGreaterThanOrEqual(articles.length);
    expect(cleaned.some((a) => a.removed.length > 0)).toBe(true);
  });

  it('holding the analyses (few misses) reads none back, with the same output', async () => {
    const cache = memoryCache();
    const run = context();
    const cleaned = await cleanArticlesParallel(articles, run.ctx, cache, { workers: 1 });
    // Only the collection entries are looked up (and not found) on a cold run: clean reads no entry back.
    expect(cache.reads.size).toBe(0);
    // (Its articles are handed on lazily: serialising them reads each body it has just written.)
    expect(JSON.stringify(cleaned)).toBe(expected.articles);
    expect(JSON.stringify(run.reporter.messages)).toBe(expected.messages);
  });

  it('consumeInput empties each input slot once decided; raw goes only where there are paragraphs', async () => {
    const input = [...articles];
    const cleaned = await cleanArticlesParallel(input, context().ctx, memoryCache(), { workers: 1, releaseRaw: true, consumeInput: true, holdAnalysesUpTo: 0 });
    expect(input.every((slot) => slot === null)).toBe(true);
    expect(cleaned.map((a) => a.id)).toEqual(articles.map((a) => a.id));
    cleaned.forEach((a, i) => expect(a.raw).toBe(a.paragraphs.length > 0 ? '' : articles[i]!.raw));
    expect(cleaned.some((a) => a.paragraphs.length > 0)).toBe(true);
  });
});

describe('internDecision', () => {
  it('changes no value: the decision and its messages serialise the same before and after', () => {
    const banner = 'Support our journalism: donate today';
    const message = (id: string): Message => ({
      file: `content/${id}.txt`,
      line: 3,
      stage: 'clean',
      ruleId: 'clean/donation',
      severity: 'info',
      reason: `removed: ${banner}`,
      articleId: id,
      detail: { text: banner, score: 3, signals: [{ name: 'call to action', weight: 1, label: 'at the end of the article' }] },
    });
    const decision = () => ({
      paragraphs: [{ type: 'paragraph' as const, text: 'The council met on Tuesday.' }],
      removed: [{ ruleId: 'clean/donation', reason: 'call to action', text: banner, line: 3 }],
      messages: [message('a'), message('b')],
    });
    const pool = new StringPool();
    const first = decision();
    const second = decision();
    internDecision(first, pool);
    internDecision(second, pool);
    expect(JSON.stringify(first)).toBe(JSON.stringify(decision()));
    expect(JSON.stringify(second)).toBe(JSON.stringify(decision()));
    expect(pool.of(`${'Support our'} journalism: donate today`)).toBe(banner);
  });
});

describe('internOwnStrings', () => {
  it('changes no value, pools the file and article id, and leaves the shared parts as they are', () => {
    const detail = { text: 'Support our journalism: donate today', score: 3, signals: [{ name: 'cue', weight: 2, label: 'appeal for money' }] };
    const messages: Message[] = ['a', 'b'].map((id) => ({ file: `content/${id}.txt`, line: 3, stage: 'clean', ruleId: 'clean/donation', severity: 'info', reason: 'removed: appeal for money', articleId: id, detail }));
    const before = JSON.stringify(messages);
    const pool = new StringPool();
    internOwnStrings(messages, pool);
    expect(JSON.stringify(messages)).toBe(before);
    expect(messages[0]!.detail).toBe(detail);
    // Pooled: the pool gives back what it holds for equal text (and holds nothing of the detail).
    const file = `${'content/'}a.txt`;
    expect(pool.of(file)).toBe('content/a.txt');
    expect(pool.of('Support our journalism: donate today')).toBe('Support our journalism: donate today');
  });
});

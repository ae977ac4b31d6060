import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/corpus.ts';
import { ingestContent } from '../../pipeline/ingest/index.ts';
import { makeCtx, removeDir, tempDir } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

describe('synthetic corpus', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateCorpus({ articles: 200, seed: 5 })).toEqual(generateCorpus({ articles: 200, seed: 5 }));
    expect(generateCorpus({ articles: 50, seed: 5 })).not.toEqual(generateCorpus({ articles: 50, seed: 6 }));
  });

  it('has wire copies with every kind of edit, reworded reports, boilerplate and undated articles at about the asked rates', () => {
    const corpus = generateCorpus({ articles: 2000, seed: 9, duplicateRate: 0.25, rewordRate: 0.2, undatedRate: 0.1 });
    const byId = new Map(corpus.map((a) => [a.id, a]));
    const copies = corpus.filter((a) => a.duplicateOf);
    expect(copies.length / corpus.length).toBeGreaterThan(0.2);
    expect(copies.length / corpus.length).toBeLessThan(0.3);
    expect(new Set(copies.map((a) => a.edit))).toEqual(new Set(['exact', 'changed-lead', 'inserted-promo', 'reordered', 'words-changed']));
    for (const copy of copies) {
      const original = byId.get(copy.duplicateOf!)!;
      expect(original.eventId).toBe(copy.eventId);
      expect(original.duplicateOf).toBeUndefined();
      if (copy.edit === 'exact') expect(copy.paragraphs).toEqual(original.paragraphs);
      if (copy.edit === 'reordered') expect([...copy.paragraphs].sort()).toEqual([...original.paragraphs].sort());
      if (copy.edit === 'words-changed') {
        expect(copy.editFraction).toBeGreaterThanOrEqual(0.05);
        expect(copy.editFraction).toBeLessThanOrEqual(0.3);
      }
    }
    // Reworded reports: same event, their own text.
    const events = new Map<string, number>();
    for (const a of corpus.filter((x) => !x.duplicateOf)) events.set(a.eventId, (events.get(a.eventId) ?? 0) + 1);
    expect([...events.values()].some((n) => n > 1)).toBe(true);
    const undated = corpus.filter((a) => a.date === null).length / corpus.length;
    expect(undated).toBeGreaterThan(0.06);
    expect(undated).toBeLessThan(0.14);
    const withBoilerplate = corpus.filter((a) => a.boilerplate.length > 0);
    expect(withBoilerplate.length).toBeGreaterThan(corpus.length * 0.3);
    for (const a of withBoilerplate) for (const b of a.boilerplate) expect(a.text).toContain(b);
    // Banners are worded differently by different publishers.
    expect(new Set(withBoilerplate.map((a) => a.text.split('\n')[0])).size).toBeGreaterThan(3);
  });

  it('different events have different names', () => {
    const corpus = generateCorpus({ articles: 300, seed: 2, duplicateRate: 0, rewordRate: 0 });
    const firstLines = new Set(corpus.map((a) => a.paragraphs[0]));
    expect(firstLines.size).toBe(corpus.length);
  });

  it('writes .txt files and a .jsonl that ingest reads back with the same ids, dates and text', () => {
    const corpus = generateCorpus({ articles: 60, seed: 3, undatedRate: 0.2 });
    for (const format of ['txt', 'jsonl'] as const) {
      const cwd = tempDir();
      dirs.push(cwd);
      writeCorpus(path.join(cwd, 'content'), corpus, { format });
      const { ctx, reporter } = makeCtx({}, cwd);
      const articles = ingestContent('content', ctx);
      expect(reporter.messages.filter((m) => m.severity !== 'info')).toEqual([]);
      const ids = format === 'txt' ? articles.map((a) => a.id) : articles.map((a) => a.origin.recordId);
      expect(ids).toEqual(corpus.map((a) => a.id));
      expect(articles.map((a) => a.date)).toEqual(corpus.map((a) => a.date));
      articles.forEach((article, i) => expect(article.raw.trim()).toBe(corpus[i]!.text.trim()));
    }
  });
});

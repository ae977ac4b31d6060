/**
 * Summarise is cached per edition (`.cache/summarise/`): a cached day gives
 * the same edition and says the same messages as summarising it again, and a
 * change to one day's input redoes that day only.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/corpus.ts';
import { build } from '../../pipeline/build/index.ts';
import { DiskCache, memoReported, noCache, type StageCache } from '../../pipeline/common/cache.ts';
import { Reporter, serialisedRunsOf, type StageReporter } from '../../pipeline/common/report.ts';
import { writeReport } from '../../pipeline/build/report-file.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { paragraphsHash } from '../../pipeline/clean/paragraphs-hash.ts';
import { editionKey } from '../../pipeline/summarise/edition-key.ts';
import { headlineOf, summariseEdition, summariseStories, summariseStory } from '../../pipeline/summarise/index.ts';
import { summariseStoriesParallel } from '../../pipeline/summarise/parallel.ts';
import type { Article, Edition, Story } from '../../pipeline/types.ts';
import { snapshotTree } from '../foundation/helpers.ts';
import { article, context, seedArticles, seedStories, story } from './helpers.ts';

const roots: string[] = [];
afterAll(() => roots.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function cacheRoot(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'briefing-summarise-cache-'));
  roots.push(dir);
  return dir;
}

/** A cache that remembers what was read from it. */
class ReadsSeen implements StageCache {
  readonly found: unknown[] = [];
  constructor(private readonly inner: StageCache) {}
  get<T>(key: string): T | undefined {
    const value = this.inner.get<T>(key);
    if (value !== undefined) this.found.push(value);
    return value;
  }
  set<T>(key: string, value: T): void {
    this.inner.set(key, value);
  }
}

type Written = { key: string; value: unknown };
/** The day entries written (an edition each) and the story-result entries beside them. */
const days = (cache: WritesSeen): Written[] => cache.written.filter((w) => 'edition' in (w.value as object));
const storyResults = (cache: WritesSeen): Written[] => cache.written.filter((w) => 'stories' in (w.value as object));
/** The input key an entry was made for (a day's two entries share it). */
const entryKey = (w: Written): string => (w.value as { key: string }).key;
const storyKeys = (w: Written): string[] => Object.keys((w.value as { stories: Record<string, unknown> }).stories);

/** A cache in memory. */
class MemoryCache implements StageCache {
  private readonly entries = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.entries.get(key) as T | undefined;
  }
  set<T>(key: string, value: T): void {
    this.entries.set(key, value);
  }
}

/** A cache that remembers what was written to it. */
class WritesSeen implements StageCache {
  readonly written: { key: string; value: unknown }[] = [];
  constructor(private readonly inner: StageCache) {}
  get<T>(key: string): T | undefined {
    return this.inner.get<T>(key);
  }
  set<T>(key: string, value: T): void {
    this.written.push({ key, value });
    this.inner.set(key, value);
  }
}

/** One run: the editions and every message, as JSON (what out/ and report.json would hold). */
function run(stories: Story[], articles: Article[], cache: StageCache = noCache, summarise: Parameters<typeof context>[0] = {}) {
  const { ctx, reporter } = context(summarise);
  const editions = summariseStories(stories, articles, ctx, cache);
  return { editions: JSON.stringify(editions), messages: JSON.stringify(reporter.messages) };
}

/** The sample plus a second day with more stories than `maxStories`, so "more stories" is cached too. */
function corpus(): { stories: Story[]; articles: Article[] } {
  const articles = seedArticles();
  const stories = seedStories();
  const topics = ['harbour', 'railway', 'airport', 'library'];
  topics.forEach((topic, i) => {
    const id = `${topic}-a`;
    articles.push(
      article(id, [
        `The city council approved a new plan for the ${topic} on Monday after a long debate among its members.`,
        `Officials said work on the ${topic} would begin next spring and take about two years to finish.`,
        `Residents near the ${topic} raised concerns about noise, traffic and the cost of the project.`,
      ], { date: '2025-05-0' + (1 + (i % 2)) }),
    );
    stories.push(story(`s-${topic}`, '2025-05-01', [[id, 'canonical']]));
  });
  // An undated story: reported on every run, cached or not.
  articles.push(article('undated-a', ['A story that no source dates at all, so it is in no edition whatsoever.']));
  stories.push(story('s-undated', null, [['undated-a', 'canonical']]));
  return { stories, articles };
}

describe('summarise cache', () => {
  it('gives the same editions and the same messages, in the same order, from a cold and a warm cache as without one', () => {
    const { stories, articles } = corpus();
    const plain = run(stories, articles, noCache, { maxStories: 2 });
    const root = cacheRoot();
    const cold = new DiskCache(root, 'summarise');
    expect(run(stories, articles, cold, { maxStories: 2 })).toEqual(plain);
    expect(cold.hits).toBe(0);
    const warm = new DiskCache(root, 'summarise');
    expect(run(stories, articles, warm, { maxStories: 2 })).toEqual(plain);
    // Four dated days, each read back whole.
    expect(warm.hits).toBe(4);
    expect(warm.misses).toBe(0);
    expect(JSON.parse(plain.messages).map((m: { ruleId: string }) => m.ruleId)).toContain('summarise/more');
  });

  it('redoes only the day whose article changed, and in it only the changed story; the result is what a run without cache gives', () => {
    const { stories, articles } = corpus();
    const root = cacheRoot();
    const first = new WritesSeen(new DiskCache(root, 'summarise'));
    run(stories, articles, first);
    // Two entries per day: the edition (read when the day is unchanged) and its stories' results (read when it changed).
    expect(days(first)).toHaveLength(4);
    expect(storyResults(first)).toHaveLength(4);
    const april = days(first).find((w) => JSON.stringify(w.value).includes('2025-04-23'))!;
    const aprilStories = storyResults(first).find((w) => entryKey(w) === entryKey(april))!;
    // An article of the April story gets a new last paragraph.
    const changed = articles.map((a) =>
      a.id === '003' ? { ...a, paragraphs: [...a.paragraphs, { type: 'paragraph' as const, text: 'A correction was appended to this article after it was first published.' }] } : a,
    );
    const second = new WritesSeen(new DiskCache(root, 'summarise'));
    const cached = run(stories, changed, second);
    expect(cached).toEqual(run(stories, changed, noCache));
    // Only April's entries are written again, with its one story's result made anew.
    expect(second.written.map((w) => w.key)).toEqual([april.key, aprilStories.key]);
    expect(storyKeys(storyResults(second)[0]!)).toHaveLength(1);
    expect(storyKeys(storyResults(second)[0]!)).not.toEqual(storyKeys(aprilStories));

    // A day of four stories, the last in the edition's order edited: the results of the three before it are reused.
    const may = stories.filter((s) => s.date === '2025-05-01');
    const third = new WritesSeen(new DiskCache(root, 'summarise'));
    const last = (JSON.parse(run(may, articles, third, { maxStories: 4 }).editions) as Edition[])[0]!.stories.at(-1)!;
    const lastArticle = last.sources[0]!.articleId;
    const edited = articles.map((a) => (a.id === lastArticle ? { ...a, paragraphs: [...a.paragraphs, { type: 'paragraph' as const, text: 'The site will stay open during the works, the council said in a statement on Tuesday.' }] } : a));
    const fourth = new WritesSeen(new DiskCache(root, 'summarise'));
    expect(run(may, edited, fourth, { maxStories: 4 })).toEqual(run(may, edited, noCache, { maxStories: 4 }));
    const before = new Set(storyKeys(storyResults(third)[0]!));
    const after = storyKeys(storyResults(fourth)[0]!);
    expect(after.filter((k) => before.has(k))).toHaveLength(3);
    expect(after.filter((k) => !before.has(k))).toHaveLength(1);
  });

  it('reuses a later story of a changed day when the sentences used before it exclude the same of its own, and only then', () => {
    const { stories, articles } = corpus();
    const may = stories.filter((s) => s.date === '2025-05-01');
    const byId = new Map(articles.map((a) => [a.id, a]));
    const { ctx } = context({ maxStories: 4 });
    const results = new WritesSeen(new MemoryCache());
    const plain = summariseEdition('2025-05-01', may, byId, ctx);
    expect(summariseEdition('2025-05-01', may, byId, ctx, results)).toEqual(plain);
    expect(results.written).toHaveLength(4);
    // Each story's entry records which of its sentences the ones used before it excluded: the four stories
    // are one sentence template on four topics, so every story after the first has some excluded.
    const entries = results.written.map((w) => w.value as { excluded: number[]; usable: string[][] });
    expect(entries[0]!.excluded).toEqual([]);
    expect(entries.slice(1).every((e) => e.excluded.length > 0 && e.excluded.every((i) => i < e.usable.length))).toBe(true);

    // The first story edited, with a sentence no other story has: the three after it see the same exclusions and are read back.
    const first = byId.get(plain.stories[0]!.sources[0]!.articleId)!;
    const edited = new Map(byId).set(first.id, { ...first, paragraphs: [...first.paragraphs, { type: 'paragraph' as const, text: 'Its designers said the plans had been shown to the public at a meeting in a school hall.' }] });
    const again = new WritesSeen(results);
    expect(summariseEdition('2025-05-01', may, edited, ctx, again)).toEqual(summariseEdition('2025-05-01', may, edited, ctx));
    expect(again.written).toHaveLength(1);

    // An entry whose recorded exclusions differ from what the sentences used before it now exclude is not trusted.
    const tampered = new MemoryCache();
    results.written.forEach((w, i) => tampered.set(w.key, i === 2 ? { ...(w.value as object), excluded: [] } : w.value));
    const checked = new WritesSeen(tampered);
    expect(summariseEdition('2025-05-01', may, byId, ctx, checked)).toEqual(plain);
    expect(checked.written.map((w) => w.key)).toEqual([results.written[2]!.key]);
  });

  it("says a cached day's messages again with the report text kept with them, and report.json is the same bytes", () => {
    const { stories, articles } = corpus();
    const root = cacheRoot();
    const reportOf = (cache: StageCache) => {
      const { ctx, reporter } = context({ maxStories: 2 });
      summariseStories(stories, articles, ctx, cache);
      const dir = cacheRoot();
      writeReport(dir, reporter.messages);
      return { text: readFileSync(path.join(dir, 'report.json'), 'utf8'), runs: serialisedRunsOf(reporter.messages) };
    };
    const plain = reportOf(noCache);
    expect(plain.runs).toHaveLength(0);
    const cold = reportOf(new DiskCache(root, 'summarise'));
    const warm = reportOf(new DiskCache(root, 'summarise'));
    // One run per dated day, cold (made now, its text made once) and warm (read back).
    expect(cold.runs).toHaveLength(4);
    expect(warm.runs).toHaveLength(4);
    expect(cold.text).toBe(plain.text);
    expect(warm.text).toBe(plain.text);
  });

  it('reads only the edition of an unchanged day, not its stories\' results', () => {
    const { stories, articles } = corpus();
    const root = cacheRoot();
    run(stories, articles, new DiskCache(root, 'summarise'));
    const read = new ReadsSeen(new DiskCache(root, 'summarise'));
    run(stories, articles, read);
    expect(read.found).toHaveLength(4);
    expect(read.found.every((value) => 'edition' in (value as object) && !('stories' in (value as object)))).toBe(true);
  });

  it('keys an edition by its stories, its articles, the summarise config, the timezone and nothing else', () => {
    const { stories, articles } = corpus();
    const byId = new Map(articles.map((a) => [a.id, a]));
    const { ctx } = context();
    const day = stories.filter((s) => s.date === '2025-05-01');
    const key = editionKey('2025-05-01', day, byId, ctx.config);
    expect(editionKey('2025-05-01', day, byId, ctx.config)).toBe(key);
    // dedupe's explanations do not change a summary
    expect(editionKey('2025-05-01', day.map((s) => ({ ...s, reasons: ['merged by hand'] })), byId, ctx.config)).toBe(key);
    const variants: [string, string][] = [
      ['words', editionKey('2025-05-01', day, byId, { ...ctx.config, summarise: { ...ctx.config.summarise, words: 40 } })],
      ['maxStories', editionKey('2025-05-01', day, byId, { ...ctx.config, summarise: { ...ctx.config.summarise, maxStories: 3 } })],
      ['timezone', editionKey('2025-05-01', day, byId, { ...ctx.config, timezone: 'Europe/London' })],
      ['date', editionKey('2025-05-02', day, byId, ctx.config)],
      ['role', editionKey('2025-05-01', [{ ...day[0]!, articles: [{ ...day[0]!.articles[0]!, role: 'related' }] }, ...day.slice(1)], byId, ctx.config)],
      ['story left out', editionKey('2025-05-01', day.slice(1), byId, ctx.config)],
    ];
    for (const field of ['title', 'publisher', 'url', 'date'] as const) {
      const edited = new Map(byId);
      edited.set('harbour-a', { ...byId.get('harbour-a')!, [field]: field === 'date' ? '2025-05-03' : 'changed' });
      variants.push([field, editionKey('2025-05-01', day, edited, ctx.config)]);
    }
    const edited = new Map(byId);
    const harbour = byId.get('harbour-a')!;
    edited.set('harbour-a', { ...harbour, paragraphs: harbour.paragraphs.map((p, i) => (i === 1 ? { ...p, text: p.text.replace('two', 'three') } : p)) });
    variants.push(['paragraph', editionKey('2025-05-01', day, edited, ctx.config)]);
    const retyped = new Map(byId);
    retyped.set('harbour-a', { ...harbour, paragraphs: harbour.paragraphs.map((p, i) => (i === 1 ? { ...p, type: 'quote' as const } : p)) });
    variants.push(['paragraph type', editionKey('2025-05-01', day, retyped, ctx.config)]);
    for (const [what, other] of variants) expect(other, what).not.toBe(key);
  });

  it("keys an article by the paragraphs hash clean put on it, the same key as hashing its paragraphs here", () => {
    const { stories, articles } = corpus();
    const { ctx } = context();
    const day = stories.filter((s) => s.date === '2025-05-01');
    const plain = new Map(articles.map((a) => [a.id, a]));
    // As the clean stage leaves them: each with the hash of its paragraphs.
    const hashed = new Map(articles.map((a) => [a.id, { ...a, paragraphsHash: paragraphsHash(a.paragraphs) }]));
    expect(editionKey('2025-05-01', day, hashed, ctx.config)).toBe(editionKey('2025-05-01', day, plain, ctx.config));
    // The key follows the hash (what clean cached), not the text: the text is not read again.
    const other = new Map(hashed);
    other.set('harbour-a', { ...hashed.get('harbour-a')!, paragraphsHash: paragraphsHash([{ type: 'paragraph', text: 'something else' }]) });
    expect(editionKey('2025-05-01', day, other, ctx.config)).not.toBe(editionKey('2025-05-01', day, hashed, ctx.config));
  });

  it('lists stories beyond maxStories by the headline their full summary would have, and reports no summary for them', () => {
    const { stories, articles } = corpus();
    const byId = new Map(articles.map((a) => [a.id, a]));
    const { ctx, reporter } = context({ maxStories: 1 });
    const [, , , may] = summariseStories(stories, articles, ctx);
    expect(may!.stories).toHaveLength(1);
    expect(may!.more).toHaveLength(3);
    for (const more of may!.more) {
      const s = stories.find((x) => x.id === more.id)!;
      expect(more.headline).toBe(summariseStory(s, byId, context().ctx, 80).headline);
      expect(headlineOf(s, byId).text).toBe(more.headline);
      const about = reporter.messages.filter((m) => (m.detail as { storyId?: string } | undefined)?.storyId === more.id);
      expect(about.map((m) => m.ruleId)).toEqual(['summarise/more']);
    }
  });
});

describe('memoReported', () => {
  it('says the recorded messages again on a hit, with their severity, place and detail', () => {
    const root = cacheRoot();
    const compute = (report: StageReporter) => {
      report.info({ ruleId: 'x/decision', reason: 'chose', file: 'a.txt', line: 3, column: 2, articleId: 'a', detail: { score: 0.5 } });
      report.warn({ ruleId: 'x/bad', reason: 'odd input' });
      return { value: [1, 2], when: undefined as undefined | number };
    };
    const first = new Reporter();
    const value = memoReported(new DiskCache(root, 'm'), 'k', first.for('summarise'), compute);
    const second = new Reporter();
    let calls = 0;
    const again = memoReported(new DiskCache(root, 'm'), 'k', second.for('summarise'), (report) => (calls++, compute(report)));
    expect(calls).toBe(0);
    expect(again).toEqual(value);
    // The fresh value went through JSON as well: no `undefined` that a cached one would lack.
    expect(Object.keys(value)).toEqual(['value']);
    expect(JSON.stringify(second.messages)).toBe(JSON.stringify(first.messages));
    expect(second.messages.map((m) => [m.severity, m.stage])).toEqual([
      ['info', 'summarise'],
      ['warning', 'summarise'],
    ]);
    expect(second.messages[0]).toMatchObject({ file: 'a.txt', line: 3, column: 2, articleId: 'a', detail: { score: 0.5 } });
  });
});

describe('a build with the summarise cache', () => {
  it('writes the same out/, report.json included, cold, warm, after a change, and with --no-cache', async () => {
    const cwd = cacheRoot();
    const files = writeCorpus(path.join(cwd, 'content'), generateCorpus({ articles: 40, seed: 7, days: 4 }));
    const once = async (out: string, cache: boolean) => {
      const config = { ...defaultConfig(), out };
      const { summary } = await build({ cwd, config, reporter: new Reporter(), cache });
      expect(summary.written).toBe(true);
      return snapshotTree(path.join(cwd, out));
    };
    const cold = await once('out-cold', true);
    expect(cold.has('report.json')).toBe(true);
    expect(await once('out-warm', true)).toEqual(cold);
    expect(await once('out-none', false)).toEqual(cold);
    appendFileSync(files[5]!, '\nA correction was appended to this article after publication.\n');
    const changed = await once('out-changed', true);
    expect(changed).not.toEqual(cold);
    expect(await once('out-changed-none', false)).toEqual(changed);
  }, 120_000);
});

describe('summarise on worker threads', () => {
  /** The parallel stage forced onto two workers whatever the size. */
  async function runParallel(stories: Story[], articles: Article[], cache: StageCache = noCache, summarise: Parameters<typeof context>[0] = {}) {
    const { ctx, reporter } = context(summarise);
    const editions = await summariseStoriesParallel(stories, articles, ctx, cache, { workers: 2, minArticles: 0 });
    return { editions: JSON.stringify(editions), messages: JSON.stringify(reporter.messages) };
  }

  it('gives the editions and messages, in order, of summarising on one thread — without a cache, cold, warm and after a change', async () => {
    const { stories, articles } = corpus();
    expect(await runParallel(stories, articles, noCache, { maxStories: 2 })).toEqual(run(stories, articles, noCache, { maxStories: 2 }));
    const root = cacheRoot();
    const plain = run(stories, articles);
    expect(await runParallel(stories, articles, new DiskCache(root, 'summarise'))).toEqual(plain);
    const warm = new DiskCache(root, 'summarise');
    expect(await runParallel(stories, articles, warm)).toEqual(plain);
    expect(warm.misses).toBe(0);
    // One day changed: made again (on a worker) from the previous story results, the others read back.
    const changed = articles.map((a) => (a.id === '003' ? { ...a, paragraphs: [...a.paragraphs, { type: 'paragraph' as const, text: 'A correction was appended to this article after it was first published.' }] } : a));
    const again = new WritesSeen(new DiskCache(root, 'summarise'));
    expect(await runParallel(stories, changed, again)).toEqual(run(stories, changed, noCache));
    expect(days(again)).toHaveLength(1);
  });

  it('reads the paragraphs of a changed day only for the stories it makes again, when they come lazily (as clean gives unchanged articles)', async () => {
    const { stories, articles } = corpus();
    const may = stories.filter((s) => s.date === '2025-05-01');
    const mayIds = new Set(may.flatMap((s) => s.articles.map((m) => m.articleId)));
    // Each article with its paragraphs' hash and count, and its paragraphs an own enumerable accessor that counts reads.
    const reads = new Map<string, number>();
    const lazy = (list: Article[]) =>
      list.map((a) => {
        const { paragraphs, ...rest } = a;
        const copy = { ...rest, paragraphsHash: paragraphsHash(paragraphs), paragraphCount: paragraphs.length } as Article;
        Object.defineProperty(copy, 'paragraphs', { get: () => (reads.set(a.id, (reads.get(a.id) ?? 0) + 1), paragraphs), enumerable: true, configurable: true });
        return copy;
      });
    const root = cacheRoot();
    const first = await runParallel(may, lazy(articles), new DiskCache(root, 'summarise'), { maxStories: 4 });
    expect(JSON.parse(first.editions)).toEqual(JSON.parse(run(may, articles, noCache, { maxStories: 4 }).editions));
    const last = (JSON.parse(first.editions) as Edition[])[0]!.stories.at(-1)!.sources[0]!.articleId;
    const edited = articles.map((a) => (a.id === last ? { ...a, paragraphs: [...a.paragraphs, { type: 'paragraph' as const, text: 'The site will stay open during the works, the council said in a statement on Tuesday.' }] } : a));
    reads.clear();
    // Made in-process (few uncached articles; a copy to a worker would read every member's): the
    // same editions and messages as without a cache, and only the edited story's article read.
    const { ctx, reporter } = context({ maxStories: 4 });
    const editions = await summariseStoriesParallel(may, lazy(edited), ctx, new DiskCache(root, 'summarise'), { workers: 2, minArticles: Infinity });
    expect({ editions: JSON.stringify(editions), messages: JSON.stringify(reporter.messages) }).toEqual(run(may, edited, noCache, { maxStories: 4 }));
    expect(mayIds.size).toBeGreaterThan(3);
    expect([...reads.keys()]).toEqual([last]);
  });
});

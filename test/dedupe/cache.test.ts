import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { dedupeArticles } from '../../pipeline/dedupe/index.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import { stageCache } from '../../pipeline/common/cache.ts';
import { damageStoredEntry, storedEntries } from '../../pipeline/common/cache-store.ts';
import type { Article, Story } from '../../pipeline/types.ts';
import { paragraphsHash } from '../../pipeline/clean/paragraphs-hash.ts';
import { syntheticArticles } from '../../bench/dedupe/synthetic.ts';
import { generateCorpus, writeCorpus } from '../../bench/corpus.ts';
import { packedFeatureKeys, readFolder, SAMPLE } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function run(articles: Article[], cwd: string, caching: boolean, config = defaultConfig()) {
  const reporter = new Reporter();
  const stories = dedupeArticles(articles, { config, cwd, report: reporter.for('dedupe'), caching });
  return JSON.stringify({ stories, messages: reporter.messages });
}

/** The keys of a namespace's entries (`.cache/<namespace>/`, see pipeline/common/cache-store.ts). */
function entries(cwd: string, namespace = 'dedupe-features'): string[] {
  return storedEntries(path.join(cwd, '.cache', namespace)).map((entry) => entry.key);
}

/** The keys of the features the pack holds (pipeline/dedupe/feature-pack.ts): those of the segments its manifest names. */
function packedFeatures(cwd: string): string[] {
  return packedFeatureKeys(path.join(cwd, '.cache'));
}

/** An article of `day` whose text is two of that day's articles from different stories, one after the other. */
function bridge(list: Article[], day: string): Article {
  const stories = JSON.parse(run(list, tmpdir(), false)) as { stories: Array<{ date: string | null; articles: Array<{ articleId: string }> }> };
  const ofDay = stories.stories.filter((s) => s.date === day);
  const byId = new Map(list.map((a) => [a.id, a]));
  const [x, y] = [byId.get(ofDay[0]!.articles[0]!.articleId)!, byId.get(ofDay[1]!.articles[0]!.articleId)!];
  return { ...x, id: 'bridge', origin: { file: 'bridge.txt' }, title: `${x.title} ${y.title}`, text: `${x.text}\n\n${y.text}`, paragraphs: [...x.paragraphs, ...y.paragraphs] };
}

/** Does the story holding 'bridge' hold the first articles of both stories it was made from? */
function bridged(list: Article[]): boolean {
  const { stories } = JSON.parse(run(list, tmpdir(), false)) as { stories: Array<{ articles: Array<{ articleId: string }> }> };
  const story = stories.find((s) => s.articles.some((m) => m.articleId === 'bridge'))!;
  return story.articles.length >= 3;
}

describe('dedupe feature cache', () => {
  const corpora: Array<[string, () => Article[]]> = [
    ['the sample', () => readFolder(SAMPLE).articles],
    ['300 synthetic articles with copies and rewrites', () => syntheticArticles(300, 5).articles],
  ];
  for (const [name, load] of corpora) {
    it(`gives byte-identical stories and messages with and without the cache: ${name}`, () => {
      const cwd = mkdtempSync(path.join(tmpdir(), 'briefing-dedupe-cache-'));
      dirs.push(cwd);
      const articles = load();
      const uncached = run(articles, cwd, false);
      expect(existsSync(path.join(cwd, '.cache'))).toBe(false); // nothing written with caching off
      const cold = run(articles, cwd, true);
      // One entry per distinct article content.
      expect(packedFeatures(cwd).length).toBe(new Set(articles.map((a) => `${a.title}\u0000${a.text}`)).size);
      const warm = run(articles, cwd, true);
      expect(cold).toBe(uncached);
      expect(warm).toBe(uncached);
    });
  }

  it('a rebuild after articles changed, left or came matches a run without the cache', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'briefing-dedupe-cache-'));
    dirs.push(cwd);
    const articles = syntheticArticles(400, 9).articles;
    run(articles, cwd, true);
    // One article reworded, one removed: the pairs of the other 398 come from the last run.
    const changed = articles.filter((_, i) => i !== 7).map((a, i) => (i === 200 ? { ...a, text: `${a.text}\n\nA correction was appended after publication.` } : a));
    expect(run(changed, cwd, true)).toBe(run(changed, cwd, false));
    // A copy of an article under another id (same text and day): a pair of two fresh articles.
    const copied = [...changed, { ...changed[3]!, id: 'copy-of-3' }];
    expect(run(copied, cwd, true)).toBe(run(copied, cwd, false));
    // An article's date moved: its identity is new, so its pairs are scored again under the window.
    const moved = copied.map((a, i) => (i === 50 ? { ...a, date: '2019-01-01' } : a));
    expect(run(moved, cwd, true)).toBe(run(moved, cwd, false));
    // An undated article reworded: its undated–dated pairs are searched again, the others' reused.
    const undated = moved.findIndex((a) => a.date === null);
    expect(undated).toBeGreaterThanOrEqual(0);
    const reworded = moved.map((a, i) => (i === undated ? { ...a, text: `${a.text}\n\nThe minister declined to comment further.` } : a));
    expect(run(reworded, cwd, true)).toBe(run(reworded, cwd, false));
    // An article id given twice (another article's text under it): same output, cached or not.
    const twice = [...reworded, { ...reworded[60]!, id: reworded[10]!.id }];
    run(twice, cwd, true);
    expect(run(twice, cwd, true)).toBe(run(twice, cwd, false));
    // …and an article that made a feature common (or not) makes them all searched again.
    const dated = reworded.findIndex((a) => a.date !== null);
    const dropped = reworded.filter((_, i) => i !== dated);
    expect(run(dropped, cwd, true)).toBe(run(dropped, cwd, false));
  });

  it('edits, additions and removals at the start, middle and end of the run, dated and undated, match runs without the cache', () => {
    // Each step starts from the last one's cache, as successive rebuilds do; every step is
    // compared with a run without the cache. The steps are chosen where reusing more of the
    // last run (its stories, not only its pairs) would be most likely to go wrong: at the
    // edges of the run's days, across a window boundary, and where a change regroups others.
    const cwd = mkdtempSync(path.join(tmpdir(), 'briefing-dedupe-cache-'));
    dirs.push(cwd);
    let articles = syntheticArticles(300, 11).articles;
    const days = [...new Set(articles.flatMap((a) => (a.date ? [a.date.slice(0, 10)] : [])))].sort();
    const first = days[0]!;
    const last = days[days.length - 1]!;
    const middle = days[days.length >> 1]!;
    const onDay = (day: string) => articles.findIndex((a) => a.date?.startsWith(day));
    // Articles carry `YYYY-MM-DD` dates (pipeline/types.ts).
    const shiftDays = (date: string, by: number) => new Date(Date.parse(`${date}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
    const windowDays = defaultConfig().dedupe.windowDays;
    expect(run(articles, cwd, true)).toBe(run(articles, cwd, false));
    const steps: Array<[string, (list: Article[]) => Article[]]> = [
      ['an article of the first day reworded', (list) => list.map((a, i) => (i === onDay(first) ? { ...a, text: `${a.text}\n\nThe figures were revised on Monday.` } : a))],
      ['an article of the last day removed', (list) => list.filter((_, i) => i !== onDay(last))],
      // A copy dated just inside the window of a middle article: joins (or regroups) its story.
      ['a copy of a middle article, days later within the window', (list) => [...list, { ...list[onDay(middle)]!, id: 'late-copy', date: shiftDays(list[onDay(middle)]!.date!, windowDays) }]],
      // …and one just outside it: may not join, whatever its similarity.
      ['a copy of a middle article, just outside the window', (list) => [...list, { ...list[onDay(middle)]!, id: 'far-copy', date: shiftDays(list[onDay(middle)]!.date!, windowDays + 1) }]],
      ['a middle article moved by one day', (list) => list.map((a, i) => (i === onDay(middle) + 1 ? { ...a, date: shiftDays(a.date!, 1) } : a))],
      ['a middle article given no date', (list) => list.map((a, i) => (i === onDay(middle) + 2 ? { ...a, date: null, dateSource: null } : a))],
      ['an undated article reworded to name a weekday', (list) => list.map((a) => (a.date === null ? { ...a, text: `${a.text}\n\nOfficials will meet again on Tuesday.` } : a))],
      ['an undated copy of the last day’s article added', (list) => [...list, { ...list[onDay(last)]!, id: 'undated-copy', date: null, dateSource: null }]],
      // Two reports of one day in different stories, joined into one text: an article
      // similar to both, which can bring their components together…
      ['an article bridging two stories of one day added', (list) => [...list, bridge(list, middle)]],
      // …and taken away again, which splits that component.
      ['the bridging article joined both stories', (list) => (expect(bridged(list)).toBe(true), list)],
      ['the bridging article removed', (list) => list.filter((a) => a.id !== 'bridge')],
      ['an undated article added beside its dated copy’s story', (list) => [...list, { ...list[onDay(middle)]!, id: 'undated-middle', date: null, dateSource: null, text: `${list[onDay(middle)]!.text}\n\nMore to follow.` }]],
      // Only its address changes (no text, no title): it is commentary now, and its story's lead changes.
      ['a story’s lead moved to an opinion section', (list) => {
        const story = (JSON.parse(run(list, cwd, false)) as { stories: Story[] }).stories.find((st) => st.articles.filter((m) => m.role !== 'duplicate').length >= 2)!;
        const lead = story.articles.find((m) => m.role === 'canonical')!.articleId;
        const moved = list.map((a) => (a.id === lead ? { ...a, url: 'https://paper.example/opinion/2025/06/column' } : a));
        const after = (JSON.parse(run(moved, cwd, false)) as { stories: Story[] }).stories.find((st) => st.articles.some((m) => m.articleId === lead))!;
        expect(after.articles.find((m) => m.articleId === lead)!.role).not.toBe('canonical');
        return moved;
      }],
      ['the first day removed entirely', (list) => list.filter((a) => !a.date?.startsWith(first))],
    ];
    for (const [name, edit] of steps) {
      articles = edit(articles);
      const cached = run(articles, cwd, true);
      expect(cached, name).toBe(run(articles, cwd, false));
    }
    // The steps ran with stories of untouched components reused (story-cache.ts).
    expect(entries(cwd, 'dedupe-stories').length).toBeGreaterThan(0);
    // Another story threshold: no story of the last run is reused under it.
    const config = defaultConfig();
    config.dedupe.storyThreshold += 0.05;
    expect(run(articles, cwd, true, config), 'config changed').toBe(run(articles, cwd, false, config));
    expect(run(articles, cwd, true, config), 'config changed').not.toBe(run(articles, cwd, false));
    // The steps did change the stories (the test would prove nothing on a no-op).
    expect(run(articles, cwd, false)).not.toBe(run(syntheticArticles(300, 11).articles, cwd, false));
  });

  it('keys features on clean’s paragraphs hash: a warm rebuild reads no article’s text or paragraphs, not even to quote a same-origin link', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'briefing-dedupe-cache-'));
    dirs.push(cwd);
    const { articles } = readFolder(SAMPLE);
    expect(articles.every((a) => a.paragraphsHash)).toBe(true);
    const expected = run(articles, cwd, false);
    expect(run(articles, cwd, true)).toBe(expected);
    // Another stage may load an unchanged article's text lazily: dedupe must not ask for it,
    // not even for the shared quotations of a same-origin link (kept in the pair cache).
    const read = new Set<string>();
    const watched = articles.map((a) => {
      const copy = { ...a };
      for (const field of ['text', 'paragraphs'] as const) {
        Object.defineProperty(copy, field, { enumerable: true, get: () => (read.add(a.id), a[field]) });
      }
      return copy;
    });
    const warm = run(watched, cwd, true);
    expect(warm).toBe(expected);
    const sameOrigin = (JSON.parse(warm) as { messages: Array<{ ruleId: string; detail?: { articles?: string[] } }> }).messages
      .filter((m) => m.ruleId === 'dedupe/same-origin')
      .flatMap((m) => m.detail?.articles ?? []);
    expect(sameOrigin.length).toBeGreaterThan(0);
    expect([...read]).toEqual([]);
    // An article cleaned again to other paragraphs comes with another hash: its features are new.
    const edited = articles.map((a, i) => {
      if (i !== 2) return a;
      const paragraphs = [...a.paragraphs, { type: 'paragraph' as const, text: 'The council will publish its figures on Friday.' }];
      return { ...a, paragraphs, text: paragraphs.map((p) => p.text).join('\n\n'), paragraphsHash: paragraphsHash(paragraphs) };
    });
    const before = entries(cwd).length;
    expect(run(edited, cwd, true)).toBe(run(edited, cwd, false));
    expect(entries(cwd).length).toBe(before + 1);
  });

  it('a stated date that is not a calendar day counts as no date, with and without the cache', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'briefing-dedupe-cache-'));
    dirs.push(cwd);
    const articles = syntheticArticles(200, 3).articles;
    const dated = articles.findIndex((a) => a.date !== null);
    const stamped = articles.map((a, i) => (i === dated ? { ...a, date: `${a.date}T09:30:00Z` } : i === dated + 1 ? { ...a, date: '2025-02-30' } : a));
    run(articles, cwd, true);
    const cached = run(stamped, cwd, true);
    expect(cached).toBe(run(stamped, cwd, false));
    // The same as giving them no date at all.
    const cleared = stamped.map((a, i) => (i === dated || i === dated + 1 ? { ...a, date: null } : a));
    const { stories } = JSON.parse(cached) as { stories: Array<{ date: string | null }> };
    expect(stories).toEqual((JSON.parse(run(cleared, cwd, false)) as { stories: unknown }).stories);
    expect(stories.every((story) => story.date === null || /^\d{4}-\d{2}-\d{2}$/.test(story.date))).toBe(true);
  });

  it('reuses the last run’s stories of a component nothing changed, and rebuilds the changed one', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'briefing-dedupe-cache-'));
    dirs.push(cwd);
    const articles = syntheticArticles(200, 4).articles;
    run(articles, cwd, true);
    // Mark every stored story: a reused one comes out marked (so it was not built again).
    const dir = path.join(cwd, '.cache', 'dedupe-stories');
    const cache = stageCache({ config: defaultConfig(), cwd, caching: true }, 'dedupe-stories');
    const [key] = entries(cwd, 'dedupe-stories');
    const stored = cache.get<{ components: Record<string, Array<{ story: { reasons: string[] } }>> }>(key!)!;
    for (const parts of Object.values(stored.components)) for (const part of parts) part.story.reasons.push('marked');
    cache.set(key!, stored);
    expect(existsSync(dir)).toBe(true);
    const marked = (list: Article[]) => (JSON.parse(run(list, cwd, true)) as { stories: Array<{ reasons: string[]; articles: Array<{ articleId: string }> }> }).stories;
    const reusedAll = marked(articles);
    const multi = reusedAll.filter((s) => s.articles.length > 1);
    expect(multi.length).toBeGreaterThan(2);
    expect(multi.every((s) => s.reasons.includes('marked'))).toBe(true);
    // One article of a story reworded: that story is built again, others still come from the cache.
    const target = multi[0]!.articles[0]!.articleId;
    const changed = articles.map((a) => (a.id === target ? { ...a, text: `${a.text}\n\nA correction was appended.` } : a));
    const after = marked(changed);
    const own = after.find((s) => s.articles.some((m) => m.articleId === target))!;
    expect(own.reasons).not.toContain('marked');
    expect(after.filter((s) => s.reasons.includes('marked')).length).toBeGreaterThan(1);
  });

  it('where one component holds most of the run, reuses each story whose cluster is as it was, and builds the changed ones', () => {
    // The build benchmark's corpus, 300 articles over five days: similar pairs chain day after day into one
    // component, so components are not cached and stories are looked up one by one.
    const cwd = mkdtempSync(path.join(tmpdir(), 'briefing-dedupe-cache-'));
    dirs.push(cwd);
    writeCorpus(path.join(cwd, 'content'), generateCorpus({ articles: 300, seed: 42, days: 5 }));
    const { articles } = readFolder(path.join(cwd, 'content'));
    expect(run(articles, cwd, true)).toBe(run(articles, cwd, false));
    const stored = entries(cwd, 'dedupe-stories');
    // One entry per story of two or more articles (none holding every component).
    expect(stored.length).toBeGreaterThan(20);
    const cache = stageCache({ config: defaultConfig(), cwd, caching: true }, 'dedupe-stories');
    expect(stored.every((key) => !('components' in cache.get<object>(key)!))).toBe(true);
    // A message whose reason the story lists holds its index there, not the text again; every message of these has one.
    const said = stored.flatMap((key) => cache.get<{ said: Array<[string, { reason: unknown }]> }>(key)!.said);
    expect(said.length).toBeGreaterThan(20);
    expect(said.every(([, message]) => typeof message.reason === 'number')).toBe(true);

    // Mark every stored story: one that comes out marked was reused, not built again.
    for (const key of stored) {
      const entry = cache.get<{ story: { reasons: string[] } }>(key)!;
      entry.story.reasons.push('marked');
      cache.set(key, entry);
    }
    type Out = { stories: Array<{ reasons: string[]; articles: Array<{ articleId: string }> }>; messages: unknown[] };
    const unmarked = (out: Out) => JSON.stringify({ ...out, stories: out.stories.map((s) => ({ ...s, reasons: s.reasons.filter((r) => r !== 'marked') })) });
    const before = JSON.parse(run(articles, cwd, true)) as Out;
    const multi = before.stories.filter((s) => s.articles.length > 1);
    expect(multi.every((s) => s.reasons.includes('marked'))).toBe(true);

    // One article of a story of several reworded (as a correction would be): its story is built
    // again, most others come from the cache, and all of it is what a run without the cache gives.
    const target = multi[Math.floor(multi.length / 2)]!.articles[0]!.articleId;
    const changed = articles.map((a) => (a.id === target ? { ...a, text: `${a.text}\n\nA correction was appended to this article after publication.`, paragraphsHash: undefined } : a));
    const after = JSON.parse(run(changed, cwd, true)) as Out;
    expect(unmarked(after)).toBe(run(changed, cwd, false));
    expect(after.stories.find((s) => s.articles.some((m) => m.articleId === target))!.reasons).not.toContain('marked');
    expect(after.stories.filter((s) => s.reasons.includes('marked')).length).toBeGreaterThan(multi.length / 2);
  });

  it('a corrupt entry is recomputed, not trusted', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'briefing-dedupe-cache-'));
    dirs.push(cwd);
    const { articles } = readFolder(SAMPLE);
    const expected = run(articles, cwd, false);
    run(articles, cwd, true);
    for (const namespace of ['dedupe-features', 'dedupe-pairs', 'dedupe-stories']) {
      for (const key of entries(cwd, namespace)) damageStoredEntry(path.join(cwd, '.cache', namespace), key, (body) => body.subarray(0, body.length >> 1));
    }
    const { stories, messages } = JSON.parse(run(articles, cwd, true)) as { stories: unknown; messages: Array<{ ruleId: string }> };
    // Each corrupt entry is reported; everything else is as without the cache.
    expect(messages.filter((m) => m.ruleId === 'build/corrupt-cache').length).toBeGreaterThan(0);
    expect(JSON.stringify({ stories, messages: messages.filter((m) => m.ruleId !== 'build/corrupt-cache') })).toBe(expected);
  });
});

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { dedupeArticles } from '../../pipeline/dedupe/index.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import { damageStoredEntry, storedEntries } from '../../pipeline/common/cache-store.ts';
import type { Article } from '../../pipeline/types.ts';
import { syntheticArticles } from '../../bench/dedupe/synthetic.ts';
import { readFolder, SAMPLE } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function run(articles: Article[], cwd: string, caching: boolean) {
  const reporter = new Reporter();
  const stories = dedupeArticles(articles, { config: defaultConfig(), cwd, report: reporter.for('dedupe'), caching });
  return JSON.stringify({ stories, messages: reporter.messages });
}

/** The keys of a namespace's entries (`.cache/<namespace>/`, see pipeline/common/cache-store.ts). */
function entries(cwd: string, namespace = 'dedupe-features'): string[] {
  return storedEntries(path.join(cwd, '.cache', namespace)).map((entry) => entry.key);
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
      expect(entries(cwd).length).toBe(new Set(articles.map((a) => `${a.title}\u0000${a.text}`)).size);
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
      ['the first day removed entirely', (list) => list.filter((a) => !a.date?.startsWith(first))],
    ];
    for (const [name, edit] of steps) {
      articles = edit(articles);
      const cached = run(articles, cwd, true);
      expect(cached, name).toBe(run(articles, cwd, false));
    }
    // The steps did change the stories (the test would prove nothing on a no-op).
    expect(run(articles, cwd, false)).not.toBe(run(syntheticArticles(300, 11).articles, cwd, false));
  });

  it('a corrupt entry is recomputed, not trusted', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'briefing-dedupe-cache-'));
    dirs.push(cwd);
    const { articles } = readFolder(SAMPLE);
    const expected = run(articles, cwd, false);
    run(articles, cwd, true);
    for (const namespace of ['dedupe-features', 'dedupe-pairs']) {
      for (const key of entries(cwd, namespace)) damageStoredEntry(path.join(cwd, '.cache', namespace), key, (body) => body.subarray(0, body.length >> 1));
    }
    const { stories, messages } = JSON.parse(run(articles, cwd, true)) as { stories: unknown; messages: Array<{ ruleId: string }> };
    // Each corrupt entry is reported; everything else is as without the cache.
    expect(messages.filter((m) => m.ruleId === 'build/corrupt-cache').length).toBeGreaterThan(0);
    expect(JSON.stringify({ stories, messages: messages.filter((m) => m.ruleId !== 'build/corrupt-cache') })).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { analysisKey, cleanArticles, cleanArticlesParallel } from '../../pipeline/clean/index.ts';
import type { StageCache } from '../../pipeline/common/cache.ts';
import { generateCorpus } from '../../bench/corpus.ts';
import { paragraphsHash } from '../../pipeline/clean/paragraphs-hash.ts';
import { groupOf } from '../../pipeline/clean/summary-groups.ts';
import type { Article } from '../../pipeline/types.ts';
import { article, context, sampleArticles } from './helpers.ts';

/** A cache in memory that stores what DiskCache stores (JSON), counting hits; `entries` to look inside. */
function memoryCache(): StageCache & { hits: number; size: () => number; entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    hits: 0,
    entries,
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

/** How many days the articles' input dates span (clean keeps its decisions' summaries by day). */
function days(articles: Article[]): number {
  return new Set(articles.map(groupOf)).size;
}

/** A day entry of decision summaries as summary-groups.ts packs it. */
interface PackedGroupShape {
  layout: number;
  marker: string;
  heads: object[];
  details: object[];
  texts: string[];
  signals: unknown[][];
  summaries: Record<string, { value: object; messages: Array<[number, string | null, number | null, string | null, number, number, number]> }>;
}

/** A packed group's messages as whole objects, placeholders carrying `marker(articleId)`. */
function unpacked(group: PackedGroupShape, messages: PackedGroupShape['summaries'][string]['messages'], marker: (articleId: string | null) => string): object[] {
  const open = (m: string) => `\\u0001${m}:`;
  return messages.map(([h, file, line, articleId, d, t, g]) => {
    const message: Record<string, unknown> = { ...group.heads[h], file, line, ...(articleId !== null && { articleId }) };
    if (d >= 0) message.detail = { ...group.details[d], ...(t >= 0 && { text: group.texts[t] }), ...(g >= 0 && { signals: group.signals[g] }) };
    return JSON.parse(JSON.stringify(message).replaceAll(open(group.marker), open(marker(articleId)))) as object;
  });
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
    // Per article: its analysis and its decision's body; per day: the decisions' summaries and the repetition
    // sources; for the collection: the repetition memo, and the day the bodies were last refreshed.
    expect(cache.size()).toBe(2 * articles.length + 2 * days(articles) + 2);
    const warm = context();
    const second = await cleanArticlesParallel(articles, warm.ctx, cache, { workers: 2, minItems: 0 });
    // A warm run reads each day's summaries and sources, the memo and the refresh day, and no analysis and no body.
    expect(cache.hits).toBe(2 * days(articles) + 2);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(JSON.stringify(warm.reporter.messages)).toBe(JSON.stringify(cold.reporter.messages));
    expect(JSON.stringify(second)).toBe(JSON.stringify(cleanArticles(articles, context().ctx)));
  });

  /** Day entries of decision summaries in the packed layout (summary-groups.ts): key → the entry. */
  function packedGroups(cache: ReturnType<typeof memoryCache>): Array<[string, PackedGroupShape]> {
    return [...cache.entries].map(([key, text]) => [key, JSON.parse(text) as PackedGroupShape] as [string, PackedGroupShape]).filter(([, value]) => value !== null && typeof value === 'object' && value.layout === 2 && Array.isArray(value.heads));
  }

  for (const older of ['objects (session 15)', 'JSON texts (before session 15)'] as const) {
    it(`reads day entries of decision summaries of an older layout — ${older} — and writes them again packed`, async () => {
      const cache = memoryCache();
      const cold = context();
      const first = await cleanArticlesParallel(articles, cold.ctx, cache, { workers: 1 });
      const groups = packedGroups(cache);
      expect(groups.length).toBe(days(articles));
      // Rewritten in the older layout: each summary whole, its messages' placeholders carrying its article's marker.
      const markers = new Map(articles.map((a) => [a.id, analysisKey(a, cold.ctx).slice(0, 16)]));
      let placeholders = 0;
      for (const [key, group] of groups) {
        const summaries = Object.fromEntries(
          Object.entries(group.summaries).map(([decisionKey, { value, messages }]) => {
            placeholders += JSON.stringify(unpacked(group, messages, () => group.marker)).split(`\\u0001${group.marker}:`).length - 1;
            const summary = { value, messages: unpacked(group, messages, (articleId) => markers.get(articleId!)!) };
            return [decisionKey, older.startsWith('objects') ? summary : JSON.stringify(summary)];
          }),
        );
        cache.entries.set(key, JSON.stringify(summaries));
      }
      // (The corpus has repeated paragraphs, so labels to fill in.)
      expect(placeholders).toBeGreaterThan(0);
      expect(packedGroups(cache).length).toBe(0);
      const warm = context();
      const hitsBefore = cache.hits;
      const second = await cleanArticlesParallel(articles, warm.ctx, cache, { workers: 1 });
      // Read, not decided again: each day's summaries and sources, the memo and the refresh day (counted before
      // anything reads the articles' text, which loads their bodies).
      expect(cache.hits - hitsBefore).toBe(2 * days(articles) + 2);
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      expect(JSON.stringify(warm.reporter.messages)).toBe(JSON.stringify(cold.reporter.messages));
      // Every day's entry written again packed, by that build.
      expect(packedGroups(cache).length).toBe(days(articles));
      // One article edited: the same as without the cache, from the packed entries.
      const changed = articles.map((a, i) => (i === 3 ? article(`${a.raw}\n\nA correction was appended to this article after publication.`, { id: a.id, publisher: a.publisher, date: a.date, dateSource: a.dateSource }) : a));
      const again = context();
      const reference = context();
      expect(JSON.stringify(await cleanArticlesParallel(changed, again.ctx, cache, { workers: 1 }))).toBe(JSON.stringify(cleanArticles(changed, reference.ctx)));
      expect(JSON.stringify(again.reporter.messages)).toBe(JSON.stringify(reference.reporter.messages));
    });
  }

  it('packs a day\'s messages against tables of their parts: a banner removed from many articles is one entry of each', async () => {
    // The corpus on one day: one group, where its outlets' furniture repeats.
    const oneDay = articles.map((a) => ({ ...a, date: '2026-03-02', dateSource: 'date-line' as const }));
    const cache = memoryCache();
    const cold = context();
    await cleanArticlesParallel(oneDay, cold.ctx, cache, { workers: 1 });
    const groups = packedGroups(cache);
    expect(groups).toHaveLength(1);
    const messages = groups.reduce((sum, [, g]) => sum + Object.values(g.summaries).reduce((n, s) => n + s.messages.length, 0), 0);
    const [[, group]] = groups as [[string, PackedGroupShape]];
    expect(messages).toBe(cold.reporter.messages.filter((m) => m.stage === 'clean').length);
    // The corpus's publishers put the same furniture on every page: fewer distinct heads, texts and signals than messages.
    // (Measured on this corpus: 130 messages, 68 heads — the reason names the cues found and the score — 33
    // texts and 64 signal lists; on a year's day entries the reasons repeat far more, 110 among 12,013.)
    expect(group.heads.length).toBeLessThan(messages * 0.6);
    expect(group.texts.length).toBeLessThan(messages / 3);
    expect(group.signals.length).toBeLessThan(messages * 0.6);
    // No head keeps what differs between articles.
    for (const head of group.heads) for (const field of ['file', 'line', 'articleId']) expect(head).not.toHaveProperty(field);
    // And the entry, values and all, is smaller than its messages written whole.
    expect(JSON.stringify(group).length).toBeLessThan(JSON.stringify(cold.reporter.messages).length * 0.8);
  });

  it('a packed summary that does not fit its tables is decided again, with the uncached result', async () => {
    const cache = memoryCache();
    await cleanArticlesParallel(articles, context().ctx, cache, { workers: 1 });
    let broken = 0;
    for (const [key, group] of packedGroups(cache)) {
      for (const summary of Object.values(group.summaries)) {
        const message = summary.messages[0];
        if (!message || message[5] < 0) continue;
        // A text index past the table's end, and a head that is not there.
        message[5] = group.texts.length + 7;
        if (summary.messages[1]) summary.messages[1][0] = group.heads.length;
        broken++;
      }
      cache.entries.set(key, JSON.stringify(group));
    }
    expect(broken).toBeGreaterThan(0);
    const stats = { reused: 0 };
    const warm = context();
    const reference = context();
    expect(JSON.stringify(await cleanArticlesParallel(articles, warm.ctx, cache, { workers: 1, stats }))).toBe(JSON.stringify(cleanArticles(articles, reference.ctx)));
    expect(JSON.stringify(warm.reporter.messages)).toBe(JSON.stringify(reference.reporter.messages));
    expect(stats.reused).toBe(articles.length - broken);
  });

  it('a text that holds what looks like the group marker\'s placeholder is left as it is: the group takes another marker', async () => {
    // Articles of one outlet, one day: a shared footer (so its label is a placeholder), and one article
    // whose removed paragraph holds the opening of the first marker a group would take (`\u0001g0:`).
    const footer = 'Sign up to our newsletter for the best of the Harbour Gazette, delivered every morning. Follow us on social media.';
    const lure = 'Advertisement \u0001g0:0\u0001 click here to subscribe to our newsletter and follow us today';
    const texts = [
      'Engineers inspecting the harbour wall found cracks wider than expected. Repairs could take until spring, according to the port authority.',
      'The library on Mill Street reopens next month with longer hours. Volunteers repainted the reading room and catalogued donated books.',
      'Ferry passengers face a revised timetable because one vessel needs an engine overhaul. Crossings at dawn are cancelled for three weeks.',
      'Pupils at Westbrook primary will get hot lunches after parents campaigned for two years. Kitchen staff were hired over the summer.',
    ];
    const inputs = texts.map((text, i) => article([...text.split('. ').map((s) => s.replace(/\.?$/, '.')), ...(i === 1 ? [lure] : []), footer].join('\n\n'), { id: `lure-${i}`, publisher: 'Harbour Gazette', date: '2026-03-02', dateSource: 'date-line' }));
    const config = {};
    const cache = memoryCache();
    const cold = context(config);
    await cleanArticlesParallel(inputs, cold.ctx, cache, { workers: 1 });
    const [[, group]] = packedGroups(cache) as [[string, PackedGroupShape]];
    expect(group.marker).not.toBe('g0');
    const warm = context(config);
    const reference = context(config);
    expect(JSON.stringify(await cleanArticlesParallel(inputs, warm.ctx, cache, { workers: 1 }))).toBe(JSON.stringify(cleanArticles(inputs, reference.ctx)));
    expect(JSON.stringify(warm.reporter.messages)).toBe(JSON.stringify(reference.reporter.messages));
    // The lure is reported as it was written, and the footer's label filled in.
    const said = JSON.stringify(warm.reporter.messages);
    expect(said).toContain('\\u0001g0:0\\u0001');
    expect(said).toContain('the same paragraph is in 3 other articles');
  });

  it("puts the hash of its paragraphs on every article, the same from a cached decision as from a fresh one", async () => {
    const cache = memoryCache();
    const uncached = cleanArticles(articles, context().ctx);
    const cold = await cleanArticlesParallel(articles, context().ctx, cache, { workers: 1 });
    const warm = await cleanArticlesParallel(articles, context().ctx, cache, { workers: 1 });
    for (const run of [uncached, cold, warm]) for (const a of run) expect(a.paragraphsHash, a.id).toBe(paragraphsHash(a.paragraphs));
    // Different paragraphs, different hashes (the corpus has no two articles with the same text).
    expect(new Set(warm.map((a) => a.paragraphsHash)).size).toBe(new Set(warm.map((a) => JSON.stringify(a.paragraphs.map((p) => [p.type, p.text])))).size);
  });

  it('after one article changed, decides again only the articles its repetition touches; the result is the uncached one', async () => {
    const cache = memoryCache();
    await cleanArticlesParallel(articles, context().ctx, cache, { workers: 1 });
    const changed = articles.map((a, i) => (i === 7 ? article(`${a.raw}\n\nA correction was appended to this article after publication.`, { id: a.id, publisher: a.publisher, date: a.date, dateSource: a.dateSource }) : a));
    const expected = context();
    const uncached = cleanArticles(changed, expected.ctx);
    const warm = context();
    const hitsBefore = cache.hits;
    const sizeBefore = cache.size();
    const rebuilt = await cleanArticlesParallel(changed, warm.ctx, cache, { workers: 1 });
    // Counted before anything reads the unchanged articles' text (which loads their bodies).
    const rebuildHits = cache.hits - hitsBefore;
    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(uncached));
    expect(JSON.stringify(warm.reporter.messages)).toBe(JSON.stringify(expected.reporter.messages));
    // The changed article: a new analysis and decision body (its day's summaries and sources, and the memo, rewritten in
    // place); every day's summaries and sources read back.
    expect(cache.size() - sizeBefore).toBe(2);
    // (plus the analyses of the few articles sampled for the shared paragraphs it holds, read for their words)
    expect(rebuildHits).toBeGreaterThanOrEqual(2 * days(changed) + 2);
    expect(rebuildHits).toBeLessThan(2 * days(changed) + 2 + 20);

    // Another article's paragraph pasted into one: a shared paragraph, so its holders' counts change; still the uncached result.
    const pasted = changed.map((a, i) => (i === 9 ? article(`${a.raw}\n\n${changed[10]!.raw.split('\n\n').find((p) => p.length > 80) ?? ''}`, { id: a.id, publisher: a.publisher, date: a.date, dateSource: a.dateSource }) : a));
    const again = context();
    const reference = context();
    expect(JSON.stringify(await cleanArticlesParallel(pasted, again.ctx, cache, { workers: 1 }))).toBe(JSON.stringify(cleanArticles(pasted, reference.ctx)));
    expect(JSON.stringify(again.reporter.messages)).toBe(JSON.stringify(reference.reporter.messages));
  });

  it("one more article with a publisher's footer: the others' decisions are reused, with their counts said anew", async () => {
    const footer = 'Sign up to our newsletter for the best of the Harbour Gazette, delivered every morning. Follow us on social media.';
    const texts = [
      'Engineers inspecting the harbour wall found cracks wider than expected. Repairs could take until spring, according to the port authority.',
      'The library on Mill Street reopens next month with longer hours. Volunteers repainted the reading room and catalogued donated books.',
      'Ferry passengers face a revised timetable because one vessel needs an engine overhaul. Crossings at dawn are cancelled for three weeks.',
      'Pupils at Westbrook primary will get hot lunches after parents campaigned for two years. Kitchen staff were hired over the summer.',
      'A new bus lane along Station Road divided shopkeepers, who fear losing parking. Cyclists welcomed wider kerbside space.',
      'Divers pulled shopping trolleys and tyres from the river during a weekend cleanup. Anglers reported cleaner water upstream afterwards.',
      'Traders in the covered market hall voted to extend Saturday opening. Rents will stay frozen until the roof repairs finish.',
    ];
    const bodies = texts.map((text, i) => article([...text.split('. ').map((s) => s.replace(/\.?$/, '.')), footer].join('\n\n'), { id: `f${i}`, publisher: 'Harbour Gazette' }));
    const cache = memoryCache();
    await cleanArticlesParallel(bodies.slice(0, 6), context().ctx, cache, { workers: 1 });
    const warm = context();
    const stats = { reused: 0 };
    const cached = await cleanArticlesParallel(bodies, warm.ctx, cache, { workers: 1, stats });
    const reference = context();
    expect(JSON.stringify(cached)).toBe(JSON.stringify(cleanArticles(bodies, reference.ctx)));
    expect(JSON.stringify(warm.reporter.messages)).toBe(JSON.stringify(reference.reporter.messages));
    // The six earlier articles' footers are now in 6 other articles, not 5: same decision, label filled in anew.
    expect(stats.reused).toBe(6);
    expect(warm.reporter.messages.filter((m) => JSON.stringify(m.detail).includes('"the same paragraph is in 6 other articles"'))).toHaveLength(7);
    expect(JSON.stringify(warm.reporter.messages)).not.toContain('\\u0001');
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

  it('spreads undated articles over groups of their own: a new one rewrites its group only, not every undated article\'s', async () => {
    const undated = corpusArticles(600).filter((a) => a.date === null);
    expect(undated.length).toBeGreaterThan(30);
    // Dated articles keep their day; undated ones go to a group by id, the same every time, several in use.
    expect(groupOf({ date: '2025-03-01', id: 'x' })).toBe('2025-03-01');
    expect(new Set(undated.map(groupOf)).size).toBeGreaterThan(4);
    expect(undated.map(groupOf)).toEqual(undated.map((a) => groupOf({ ...a })));
    // Articles of another folder (a new day's) or feed are in groups of their own.
    const inFolder = (file: string) => new Set(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => groupOf({ date: null, id, origin: { file: `${file}/${id}.txt` } })));
    const overlap = [...inFolder('content/2026-01-02')].filter((group) => inFolder('content').has(group));
    expect(overlap).toEqual([]);
    const cache = memoryCache();
    await cleanArticlesParallel(undated, context().ctx, cache, { workers: 1 });
    const before = new Map(cache.entries);
    const added = article('A new undated report from the harbour.\n\nIts second paragraph, of its own.', { id: 'a-new-undated-article', date: null, dateSource: null });
    await cleanArticlesParallel([...undated, added], context().ctx, cache, { workers: 1 });
    // Rewritten: the new article's analysis and body, its group's summaries and sources (and the
    // collection's memo); none of them holding anything like every undated article.
    const rewritten = [...cache.entries].filter(([key, value]) => before.get(key) !== value);
    expect(rewritten.length).toBeGreaterThanOrEqual(4);
    expect(rewritten.length).toBeLessThanOrEqual(6);
    const entriesIn = (value: string) => {
      const parsed = JSON.parse(value) as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.keys(parsed).length : 0;
    };
    expect(Math.max(...rewritten.map(([, value]) => entriesIn(value)))).toBeLessThan(undated.length / 2);
  });
});


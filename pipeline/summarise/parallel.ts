/**
 * The summarise stage on every core: `summariseStories` with the days to make
 * handed to worker threads (pipeline/common/pool.ts), for a build of many days
 * (a cold year, a changed config). The editions, the messages and their order
 * are exactly those of `summariseStories`:
 *
 * - days are independent — an edition is made from its own date's stories and
 *   their articles (and, with a cache, that day's previous story results) —
 *   and each is made by the same `summariseEdition`, in a worker or not;
 * - cache reads and writes stay on this thread, so only the days that are not
 *   cached go to the workers, and each day's messages are said here, in date
 *   order, as `summariseStories` says them.
 *
 * Few articles to summarise (a rebuild, a new day on a cached year) stay on
 * this thread: a worker costs about a second of CPU to start (tsx, the stage's
 * modules) and each article ~0.06 ms to send (structured clone of its
 * paragraphs), which only many thousands of ~0.6 ms summaries repay.
 */
import { noCache, recordReported, type StageCache } from '../common/cache.ts';
import type { StageContext } from '../common/context.ts';
import { defaultWorkers, eachInPool } from '../common/pool.ts';
import { standaloneReporter } from '../common/report.ts';
import type { Config } from '../config/schema.ts';
import type { Article, Edition, Story } from '../types.ts';
import { cachedEdition, previousStoryResults, replayDay, storeDay, summariseDay, type DayEdition, type SummarisedDay } from './day-cache.ts';
import { dayKeys, storiesByDay, storyCached, summariseEdition } from './index.ts';
import { paragraphCountOf } from './edition-key.ts';

/** Fewer articles than this in the stories to summarise (those not in the cache) stay on this thread. */
const PARALLEL_FROM = 10_000;

/** One day to make, as sent to a worker. */
interface DayJob {
  date: string;
  stories: Story[];
  /** The day's member articles, with only what summarise reads (see `forSummary`). */
  articles: Article[];
  /** The day's previous story results; null when the run has no cache. */
  previous: Record<string, unknown> | null;
}

/** What a worker needs besides the days: the run's config (messages are recorded, said on the main thread). */
interface Settings {
  config: Config;
  cwd: string;
}

export interface ParallelOptions {
  /** Worker threads (default: config `workers`, `auto` = every core); 1 runs in-process. */
  workers?: number;
  /** Fewer articles than this in the days to make run in-process (default 10,000). */
  minArticles?: number;
}

/** `summariseStories`, the days to make shared among worker threads: the same editions and messages. */
export async function summariseStoriesParallel(stories: Story[], articles: Article[], ctx: StageContext, cache: StageCache = noCache, options: ParallelOptions = {}): Promise<Edition[]> {
  const { byId, days } = storiesByDay(stories, articles, ctx);
  const made: (DayEdition | undefined)[] = new Array(days.length);
  const keys: ({ slot: string; key: string } | undefined)[] = new Array(days.length);
  const jobs: DayJob[] = [];
  const jobDays: number[] = [];
  let jobArticles = 0;
  days.forEach(([date, day], i) => {
    if (cache !== noCache) {
      const dayKey = dayKeys(date, day, byId, ctx.config);
      keys[i] = dayKey;
      const hit = cachedEdition(cache, dayKey.slot, dayKey.key);
      if (hit) {
        made[i] = hit;
        return;
      }
    }
    const members = membersOf(day, byId);
    const previous = keys[i] ? previousStoryResults(cache, keys[i].slot) : null;
    // What is to summarise: the stories the day's previous results do not hold (all, without a cache).
    jobArticles += previous === null ? members.length : uncachedArticles(day, byId, previous, ctx.config.summarise.words);
    jobs.push({ date, stories: day, articles: members.map(forSummary), previous });
    jobDays.push(i);
  });
  const workers = jobArticles >= (options.minArticles ?? PARALLEL_FROM) ? (options.workers ?? workerCount(ctx.config.workers)) : 1;
  // Each day is stored as its chunk comes back, and its job let go: a year's results and jobs never stand in memory together.
  await eachInPool<DayJob, Settings, SummarisedDay>(
    jobs,
    { module: import.meta.url, name: 'summariseDays' },
    { config: ctx.config, cwd: ctx.cwd },
    (results, offset) =>
      results.forEach((day, k) => {
        const n = offset + k;
        const i = jobDays[n]!;
        made[i] = day.edition;
        const dayKey = keys[i];
        if (dayKey) storeDay(cache, dayKey.slot, dayKey.key, day);
        jobs[n] = RELEASED;
      }),
    {
      workers,
      minItems: 2,
      // A few days per message: a year's day holds ~300 articles, and what is in flight is held twice (here and in the worker).
      chunkSize: 4,
    },
  );
  // Said in date order, as summariseStories says them.
  return made.map((edition) => {
    replayDay(ctx.report, edition!);
    return edition!.value;
  });
}

/** The pool's work function: each day's edition and story results (run in a worker thread, or in-process). */
export function summariseDays(jobs: DayJob[], settings: Settings): SummarisedDay[] {
  const ctx: StageContext = { config: settings.config, cwd: settings.cwd, report: standaloneReporter('summarise').report };
  return jobs.map(({ date, stories, articles, previous }) => {
    const byId = new Map(articles.map((a) => [a.id, a]));
    if (previous === null) {
      // No cache: through JSON all the same, as summariseStories does.
      return { edition: recordReported(ctx.report.stage, (report) => summariseEdition(date, stories, byId, { ...ctx, report })), stories: {} };
    }
    return summariseDay(previous, ctx.report.stage, (report, results) => summariseEdition(date, stories, byId, { ...ctx, report }, results));
  });
}

/**
 * The member articles of the day's stories whose input its previous story
 * results do not hold: what will be summarised (a story whose input is held
 * is read back, unless the sentences used before it changed which of its own
 * they exclude — rare). A new day on a cached year remakes some 60 older days
 * whose stories dedupe changed, but only a few stories in each: counting the
 * days' articles sent those to worker threads, each costing a second to start.
 */
function uncachedArticles(day: readonly Story[], byId: ReadonlyMap<string, Article>, previous: Readonly<Record<string, unknown>>, words: number): number {
  let articles = 0;
  for (const story of day) if (!storyCached(previous, story, byId, words)) articles += story.articles.length;
  return articles;
}

/** The distinct articles a day's stories read: their members, and a later part's earlier reports (day-parts.ts). */
function membersOf(day: readonly Story[], byId: ReadonlyMap<string, Article>): Article[] {
  const members = new Map<string, Article>();
  for (const story of day) {
    for (const articleId of [...story.articles.map((m) => m.articleId), ...(story.earlier ?? [])]) {
      const article = byId.get(articleId);
      if (article) members.set(articleId, article);
    }
  }
  return [...members.values()];
}

/**
 * An article with only what summarise reads (edition-key.ts lists it): its
 * text and raw input are read only when it has no paragraphs, and its removals
 * never — left out, they need not be copied to a worker.
 */
function forSummary(article: Article): Article {
  // The count, not the paragraphs: those of an article clean gave back lazily load on first read (edition-key.ts).
  const cleaned = paragraphCountOf(article) > 0;
  // Not a spread: it would read (load) every lazy field. The paragraphs stay lazy, read through the
  // article, so a story whose result is cached never loads its members' bodies (100k new day:
  // 2.7 s of body loads, profiled); a copy to a worker reads the accessor like data.
  const copy: Record<string, unknown> = {};
  const fields = article as unknown as Record<string, unknown>;
  for (const key of Object.keys(article)) {
    if (key === 'text' || key === 'raw') copy[key] = cleaned ? '' : fields[key];
    else if (key === 'removed') copy[key] = [];
    else if (key === 'paragraphs' && Object.getOwnPropertyDescriptor(article, key)?.get) Object.defineProperty(copy, key, { get: () => article.paragraphs, enumerable: true, configurable: true });
    else copy[key] = fields[key];
  }
  return copy as unknown as Article;
}

function workerCount(setting: Config['workers'] | undefined): number {
  return typeof setting === 'number' ? setting : defaultWorkers();
}

/** What a stored day's job slot is left holding (keeps the array's element kind, holds nothing). */
const RELEASED = null as unknown as DayJob;

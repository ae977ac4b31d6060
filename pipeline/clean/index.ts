import { hash } from 'node:crypto';
import { noCache, type StageCache } from '../common/cache.ts';
import type { StageContext } from '../common/context.ts';
import { defaultWorkers, eachInPool, mapInPool } from '../common/pool.ts';
import { standaloneReporter } from '../common/report.ts';
import type { Config } from '../config/schema.ts';
import type { Article } from '../types.ts';
import { analyseArticle, type ArticleAnalysis } from './analyse.ts';
import { decideArticles, type AnalysedArticle } from './decide.ts';
import { cleanIncrementally } from './incremental.ts';
import type { BodyLoader } from './lazy-body.ts';

/** Bump when the clean rules change, so cached results of older rules are not reused (5: a page's date and time without a zone is the day it states, common/dates.ts; 6: a call to action glued to the text ends only before a capital, furniture/glued.ts; 7: a page title that is the article's heading and the site's name is the heading, html/metadata.ts; 8: the headlines listed under a navigation label go with it, decide.ts; 9: in any plain text, ArticleAnalysis.plainText; 10: reports using furniture's topical words, ad and widget placeholders, inline "Also read" labels, comments sections, banners glued without ". " and a capital, interview turns, "Image source," labels — furniture/reporting.ts, lexicon.ts, glued.ts, decide.ts; 11: a <title> that is only the site's gives way to the lead heading, a <figure> holding a table is kept — html/metadata.ts, html/hints.ts; 12: a Markdown list of headlines under a navigation label goes with it, decide.ts; 13: a wire story's staff credits in brackets, lexicon.ts). */
export const CLEAN_VERSION = '84';

/**
 * Clean stage: main text only. Each article is split into typed paragraphs
 * (plain text, Markdown, or the main content of an HTML page) and every
 * paragraph gets its furniture evidence — that per-article work is cached by
 * `analysisKey` (article hash, CLEAN_VERSION, clean.threshold, timezone). Then one cheap pass over the
 * whole collection adds repetition across articles, decides what is removed,
 * applies keep overrides and reports every decision. The result is the same
 * with or without the cache.
 */
export function cleanArticles(articles: Article[], ctx: StageContext, cache: StageCache = noCache): Article[] {
  return decideArticles(articles.map((article) => ({ article, analysis: analyseCached(article, ctx, cache) })), ctx);
}

/**
 * `cleanArticles` with the per-article analysis spread over worker threads
 * (`pipeline/common/pool.ts`): byte-identical output, because the analysis is
 * a pure function of the article and the collection pass runs here, in order.
 * Cache reads and writes stay on this thread; only the misses go to workers.
 * `workers` defaults to the config's `workers` (`auto`: every core); 1 runs
 * in-process, as do fewer than `minItems` misses (default 10,000).
 * `releaseRaw` (what `build` asks for): an article that has paragraphs comes
 * back with `raw: ''`, so a year's raw input is not held to the end of the build.
 * With a cache it works in proportion to what changed (`incremental.ts`: cached
 * decisions, repetition recounted only where its holders changed); the output
 * and messages are the same as without.
 */
export async function cleanArticlesParallel(
  articles: Article[],
  ctx: StageContext,
  cache: StageCache = noCache,
  options: {
    workers?: number;
    minItems?: number;
    releaseRaw?: boolean;
    /** The article with its raw text, for those ingest gave without it (unchanged files). */
    withRaw?: (article: Article) => Article;
    /** Filled in: how many articles' results came whole from the cache. */
    stats?: { reused: number };
    /**
     * The caller hands `articles` over (what `build` does): with a cache, each slot is emptied
     * once its article is decided, so a year's raw input goes during the stage, not after it.
     */
    consumeInput?: boolean;
    /** With a cache: up to how many misses' analyses stay in hand until decided (default in incremental.ts; tests make it 0). */
    holdAnalysesUpTo?: number;
    /** With a cache, filled in: the loader of the lazy articles' bodies (its `loads` count what later reads loaded; lazy-body.ts). */
    bodyLoads?: { loader?: BodyLoader };
  } = {},
): Promise<Article[]> {
  const settings: AnalysisSettings = { config: ctx.config, cwd: ctx.cwd };
  const poolOptions = { workers: options.workers ?? workerCount(ctx.config.workers), minItems: options.minItems ?? PARALLEL_FROM };
  const task = { module: import.meta.url, name: 'analyseChunk' };
  const analyseMany = (list: Article[]) => mapInPool<Article, AnalysisSettings, ArticleAnalysis>(list, task, settings, poolOptions);
  let cleaned: Article[];
  if (cache !== noCache) {
    // A warm cache: work in proportion to what changed (incremental.ts).
    cleaned = await cleanIncrementally(articles, ctx, cache, (article) => analysisKey(article, ctx), {
      analyseEach: (list, take) =>
        eachInPool<Article, AnalysisSettings, ArticleAnalysis>(list, task, settings, (analyses, offset) => analyses.forEach((analysis, n) => take(analysis, offset + n)), poolOptions),
      analyseOne: (article) => freshAnalysis(article, ctx),
      ...(options.withRaw && { withRaw: options.withRaw }),
      ...(options.stats && { stats: options.stats }),
      ...(options.releaseRaw && { releaseRaw: true }),
      ...(options.consumeInput && { consumeInput: true }),
      ...(options.holdAnalysesUpTo !== undefined && { holdAnalysesUpTo: options.holdAnalysesUpTo }),
      ...(options.bodyLoads && { bodyLoads: options.bodyLoads }),
    });
  } else {
    const full = options.withRaw ? articles.map(options.withRaw) : articles;
    const analyses = await analyseMany(full);
    const items = full.map((article, index) => ({ article, analysis: analyses[index]! }));
    analyses.length = 0;
    // The collection pass lets go of each analysis once its article is decided (a year's analyses are several hundred MB).
    cleaned = decideArticles(items, ctx, { consume: true });
    if (options.releaseRaw) {
      // The raw input is needed no further once there are paragraphs (summarise falls back to it only when there are none).
      // With a cache, cleanIncrementally does this as it decides each article.
      for (const article of cleaned) if (article.paragraphs.length > 0) article.raw = '';
    }
  }
  return cleaned;
}

/**
 * Fewer cache misses than this are analysed in-process. A worker costs about a
 * second of CPU to start (tsx, the parsers) and each article ~0.2 ms more to
 * send and receive (measured: 2 workers on 6,000 articles used 0.5 ms of CPU
 * an article more than one thread), which only thousands of ~1 ms analyses
 * shared by two cores repay. A day's new articles on top of a cached year stay
 * on the main thread.
 */
const PARALLEL_FROM = 10_000;

/** What a worker needs to analyse articles: the run's config (its report stays on the main thread). */
interface AnalysisSettings {
  config: Config;
  cwd: string;
}

/** The pool's work function: fresh analyses of a chunk of articles (run in a worker thread). */
export function analyseChunk(articles: Article[], settings: AnalysisSettings): ArticleAnalysis[] {
  // The analysis reports nothing itself (its warnings are data, reported by the collection pass).
  const ctx: StageContext = { config: settings.config, cwd: settings.cwd, report: standaloneReporter('clean').report };
  return articles.map((article) => freshAnalysis(article, ctx));
}

/** `workers` from config: `auto` (or unset) is every core. */
function workerCount(setting: Config['workers'] | undefined): number {
  return typeof setting === 'number' ? setting : defaultWorkers();
}

/** The per-article part alone (for callers that stream many files and decide at the end, like `extract`). */
export function analyseCached(article: Article, ctx: StageContext, cache: StageCache = noCache): ArticleAnalysis {
  const key = analysisKey(article, ctx);
  const cached = cache.get<ArticleAnalysis>(key);
  if (cached) return cached;
  const analysis = freshAnalysis(article, ctx);
  cache.set(key, analysis);
  return analysis;
}

/**
 * The cache key of an article's analysis: only what the analysis reads — keep/disable/minRepeats
 * apply in the collection pass, so an editor's "keep this paragraph" does not invalidate every cached article.
 */
export function analysisKey(article: Article, ctx: StageContext): string {
  // One-shot hash (no Hash object per article: every article, every build).
  return hash('sha256', [article.hash, CLEAN_VERSION, JSON.stringify({ threshold: ctx.config.clean.threshold }), ctx.config.timezone].join('\u0000'));
}

/** Round-trips through JSON so a fresh analysis is exactly what a cached one will be. */
function freshAnalysis(article: Article, ctx: StageContext): ArticleAnalysis {
  return JSON.parse(JSON.stringify(analyseArticle(article, ctx))) as ArticleAnalysis;
}

/** Cleans one article on its own (no repetition evidence from other articles). */
export function cleanArticle(article: Article, ctx: StageContext): Article {
  return cleanArticles([article], ctx)[0]!;
}

export { decideArticles, type AnalysedArticle };

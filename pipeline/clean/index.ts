import { sha256 } from '../common/hash.ts';
import { noCache, type StageCache } from '../common/cache.ts';
import type { StageContext } from '../common/context.ts';
import type { Article } from '../types.ts';
import { analyseArticle, type ArticleAnalysis } from './analyse.ts';
import { decideArticles, type AnalysedArticle } from './decide.ts';

/** Bump when the clean rules change, so cached results of older rules are not reused. */
export const CLEAN_VERSION = '1';

/**
 * Clean stage: main text only. Each article is split into typed paragraphs
 * (plain text, Markdown, or the main content of an HTML page) and every
 * paragraph gets its furniture evidence — that per-article work is cached by
 * `sha256(article.hash, CLEAN_VERSION, clean.threshold, timezone)`. Then one cheap pass over the
 * whole collection adds repetition across articles, decides what is removed,
 * applies keep overrides and reports every decision. The result is the same
 * with or without the cache.
 */
export function cleanArticles(articles: Article[], ctx: StageContext, cache: StageCache = noCache): Article[] {
  return decideArticles(articles.map((article) => ({ article, analysis: analyseCached(article, ctx, cache) })), ctx);
}

/** The per-article part alone (for callers that stream many files and decide at the end, like `extract`). */
export function analyseCached(article: Article, ctx: StageContext, cache: StageCache = noCache): ArticleAnalysis {
  // Only what the analysis reads: keep/disable/minRepeats apply in the collection pass, so an
  // editor's "keep this paragraph" does not invalidate every cached article.
  const key = sha256(article.hash, CLEAN_VERSION, JSON.stringify({ threshold: ctx.config.clean.threshold }), ctx.config.timezone);
  const cached = cache.get<ArticleAnalysis>(key);
  if (cached) return cached;
  // Round-trip through JSON so a fresh analysis is exactly what a cached one will be.
  const analysis = JSON.parse(JSON.stringify(analyseArticle(article, ctx))) as ArticleAnalysis;
  cache.set(key, analysis);
  return analysis;
}

/** Cleans one article on its own (no repetition evidence from other articles). */
export function cleanArticle(article: Article, ctx: StageContext): Article {
  return cleanArticles([article], ctx)[0]!;
}

export { decideArticles, type AnalysedArticle };

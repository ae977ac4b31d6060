import { sha256 } from '../shared/hash.ts';
import { noCache, type StageCache } from '../shared/cache.ts';
import type { StageContext } from '../shared/context.ts';
import type { Article, Paragraph } from '../types.ts';

/** Bump when the clean rules change, so cached results of older rules are not reused. */
export const CLEAN_VERSION = '0';

/**
 * Clean stage: main text only. PLACEHOLDER — splits into paragraphs by line;
 * issue #4 replaces it with boilerplate removal and HTML extraction.
 */
export function cleanArticles(articles: Article[], ctx: StageContext, cache: StageCache = noCache): Article[] {
  const configKey = JSON.stringify(ctx.config.clean);
  return articles.map((article) => {
    const key = sha256(article.hash, CLEAN_VERSION, configKey);
    const cached = cache.get<Pick<Article, 'paragraphs' | 'text' | 'removed'>>(key);
    if (cached) return { ...article, ...cached };
    const cleaned = cleanArticle(article, ctx);
    cache.set(key, { paragraphs: cleaned.paragraphs, text: cleaned.text, removed: cleaned.removed });
    return cleaned;
  });
}

export function cleanArticle(article: Article, _ctx: StageContext): Article {
  const paragraphs: Paragraph[] = [];
  article.raw.split('\n').forEach((line, index) => {
    const text = line.trim();
    if (text) paragraphs.push({ type: 'paragraph', text, line: index + 1 });
  });
  return { ...article, paragraphs, text: paragraphs.map((p) => p.text).join('\n\n'), removed: [] };
}

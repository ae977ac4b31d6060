import { shortHash } from '../shared/hash.ts';
import type { StageContext } from '../shared/context.ts';
import type { Article, Story } from '../types.ts';

/**
 * Dedupe stage: articles → stories. PLACEHOLDER — one story per article;
 * issue #5 replaces it with duplicate folding, story grouping and date inference.
 */
export function dedupeArticles(articles: Article[], ctx: StageContext): Story[] {
  return articles.map((article) => {
    if (!article.date) ctx.report.warn({ ruleId: 'dedupe/undated', reason: 'no date from any source; kept out of every edition', file: article.origin.file, articleId: article.id });
    return {
      id: shortHash(article.hash),
      date: article.date,
      dateSource: article.dateSource,
      articles: [{ articleId: article.id, role: 'canonical', similarity: 1, publisher: article.publisher }],
      reasons: [],
    };
  });
}

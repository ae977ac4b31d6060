/**
 * Synthetic articles for the dedupe benchmarks, from the shared generator
 * (bench/corpus.ts): each article as the dedupe stage sees it after cleaning —
 * its body with any promo paragraphs still inside (a cleaner may miss them),
 * without the publisher banner.
 */
import { generateCorpus, type SyntheticArticle } from '../corpus.ts';
import { makeArticle } from '../../pipeline/ingest/article.ts';
import type { Article } from '../../pipeline/types.ts';

export function syntheticArticles(count: number, seed = 7): { truth: SyntheticArticle[]; articles: Article[] } {
  // About 150 articles a day, as a busy briefing ingests: the corpus spans more days as it grows.
  const truth = generateCorpus({ articles: count, seed, days: Math.max(30, Math.round(count / 150)) });
  const articles = truth.map((t) => {
    const banner = t.boilerplate[0] !== undefined && t.text.startsWith(t.boilerplate[0]) ? t.boilerplate[0] : null;
    const body = t.text.split('\n\n').filter((p, i) => !(i === 0 && p === banner));
    const article = makeArticle({ id: t.id, origin: { file: `synthetic/${t.id}.txt` }, format: 'txt', raw: t.text, title: t.title, date: t.date, dateSource: t.date ? 'record' : null, publisher: t.publisher });
    article.paragraphs = body.map((text) => ({ type: 'paragraph' as const, text }));
    article.text = body.join('\n\n');
    return article;
  });
  return { truth, articles };
}

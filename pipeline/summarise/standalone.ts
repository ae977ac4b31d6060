/**
 * Summarising stories that arrive already grouped — one JSON record per line,
 * `{id, articles: [{title?, text, date?}]}` — without the ingest and dedupe
 * stages: what `briefing summarise` and the benchmark run. Each article goes
 * through the real clean stage, so the sentences are the ones a build would use.
 */
import { makeArticle } from '../ingest/article.ts';
import { cleanArticles } from '../clean/index.ts';
import type { StageContext } from '../common/context.ts';
import type { Article, Story } from '../types.ts';
import { summariseStory, type StorySummary } from './index.ts';

export interface StoryRecord {
  id?: unknown;
  articles?: unknown;
}

export interface PreparedStory {
  story: Story;
  articles: Article[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Turns one record into a story of cleaned articles, or a reason it cannot be
 * used. The first article leads; the rest are related reports.
 */
export function storyFromRecord(record: StoryRecord, place: { file: string; line: number }, cleanCtx: StageContext): PreparedStory | string {
  if (!record || typeof record !== 'object' || !Array.isArray(record.articles)) return 'a story needs "articles": [{text}]';
  const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : String(place.line);
  const stated = (record.articles as unknown[])
    .map((value, n) => ({ value: value as { title?: unknown; text?: unknown; date?: unknown }, n }))
    .filter(({ value }) => value && typeof value === 'object' && typeof value.text === 'string' && value.text.trim() !== '')
    .map(({ value, n }) =>
      makeArticle({
        id: `${id}/${n}`,
        origin: { file: place.file, line: place.line, recordId: `${id}/${n}` },
        format: 'txt',
        raw: value.text as string,
        title: typeof value.title === 'string' && value.title.trim() ? value.title.trim() : null,
        date: typeof value.date === 'string' && DAY.test(value.date) ? value.date : null,
        dateSource: 'record',
      }),
    );
  if (stated.length === 0) return 'the story has no article with text';
  const articles = cleanArticles(stated, cleanCtx);
  const story: Story = {
    id,
    date: articles.map((a) => a.date).find((d) => d !== null) ?? null,
    dateSource: null,
    articles: articles.map((a, n) => ({ articleId: a.id, role: n === 0 ? 'canonical' : 'related', similarity: 1, publisher: a.publisher })),
    reasons: [],
  };
  return { story, articles };
}

export function summarisePrepared(prepared: PreparedStory, ctx: StageContext, words: number): StorySummary {
  return summariseStory(prepared.story, new Map(prepared.articles.map((a) => [a.id, a])), ctx, words);
}

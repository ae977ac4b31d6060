import type { StageContext } from '../shared/context.ts';
import type { Article, Edition, EditionStory, Story, StorySource, SummarySentence } from '../types.ts';

/** A story's headline and summary, with each sentence traced to its source. */
export interface StorySummary {
  headline: string;
  summary: string;
  sentences: SummarySentence[];
}

/**
 * Summarise stage: stories → one edition per date. PLACEHOLDER — first
 * sentences of the canonical article; issue #6 replaces it.
 */
export function summariseStories(stories: Story[], articles: Article[], ctx: StageContext): Edition[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const byDate = new Map<string, EditionStory[]>();
  for (const story of stories) {
    if (!story.date) continue;
    const summary = summariseStory(story, byId, ctx, ctx.config.summarise.words);
    const entry: EditionStory = { id: story.id, ...summary, sources: sourcesOf(story, byId), date: story.date };
    byDate.set(story.date, [...(byDate.get(story.date) ?? []), entry]);
  }
  return [...byDate.keys()].sort().map((date) => ({ date, timezone: ctx.config.timezone, stories: byDate.get(date)!, more: [] }));
}

/** Headline and summary of one story within a word budget. */
export function summariseStory(story: Story, articles: Map<string, Article>, _ctx: StageContext, words: number): StorySummary {
  const lead = articles.get(story.articles[0]!.articleId)!;
  const all = lead.text.split(/(?<=[.!?”])\s+/).filter(Boolean);
  const chosen: SummarySentence[] = [];
  let count = 0;
  for (const [index, text] of all.entries()) {
    if (chosen.length > 0 && count + text.split(/\s+/).length > words) break;
    chosen.push({ text, articleId: lead.id, index });
    count += text.split(/\s+/).length;
  }
  return { headline: lead.title ?? (all[0] ?? lead.id).slice(0, 100), summary: chosen.map((s) => s.text).join(' '), sentences: chosen };
}

export function sourcesOf(story: Story, articles: Map<string, Article>): StorySource[] {
  return story.articles.map((member) => {
    const a = articles.get(member.articleId)!;
    return { articleId: a.id, title: a.title, publisher: a.publisher, url: a.url, file: a.origin.file, role: member.role, date: a.date };
  });
}

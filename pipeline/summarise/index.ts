/**
 * Summarise stage: stories → one edition per date, each story with a headline
 * and an extractive multi-document summary whose every sentence is traced to
 * its source. See README.md for how sentences are chosen.
 */
import { memo, noCache, recordReported, replayReported, type StageCache } from '../common/cache.ts';
import { Reporter } from '../common/report.ts';
import { guessLanguage, LANGUAGE_SAMPLE_CHARS } from '../common/language-guess.ts';
import type { StageContext } from '../common/context.ts';
import type { Article, Edition, EditionStory, Message, Story, StorySource, SummarySentence } from '../types.ts';
import { byCodeUnits } from '../common/arrays.ts';
import { articleSentences, candidatesOf, orderedMembers } from './candidates.ts';
import { cachedDay, daySlot } from './day-cache.ts';
import { editionKey, storyHeadlineKey, storySummaryKey } from './edition-key.ts';
import { chooseHeadline, stripDateline, stripWireDateline, titledMember, withoutSignpost, type Headline, type HeadlineSource } from './headline.ts';
import { dayParts } from './day-parts.ts';
import { rankCandidates, type Ranked } from './rank.ts';
import { termsOf } from './terms.ts';
import { EarlierReports, excludedSentences, oldNews, selectSentences } from './select.ts';

export { articleSentences };
export { SUMMARISE_VERSION } from './edition-key.ts';

/** A story's headline and summary, with each sentence traced to its source. */
export interface StorySummary {
  headline: string;
  summary: string;
  sentences: SummarySentence[];
}

export interface SummariseStoryOptions {
  /** Term sets of sentences already used elsewhere in the edition: not repeated, nor their near-copies. */
  exclude?: ReadonlyArray<ReadonlySet<string>>;
}

/** Detail of one summary, for messages and the preview. */
export interface SummaryDecision extends StorySummary {
  headlineSource: HeadlineSource;
  /** The story's language (`storyLanguage`), kept with the decision: guessing it reads the lead's paragraphs, which a cached decision does not load. */
  language?: string;
  /** Term sets of the chosen sentences (what the edition must not repeat). */
  termSets: Set<string>[];
}

/** Sources of independent reporting: members that are not near-copies of another. */
export function independentSources(story: Story): number {
  return story.articles.filter((m) => m.role !== 'duplicate').length || story.articles.length;
}

/** Importance order: more independent sources first, then the most recent, then id (stable, input-order free). */
export function compareImportance(a: Story, b: Story, articles: ReadonlyMap<string, Article>): number {
  return (
    independentSources(b) - independentSources(a) ||
    byCodeUnits(latestDate(b, articles), latestDate(a, articles)) ||
    b.articles.length - a.articles.length ||
    byCodeUnits(a.id, b.id)
  );
}

function latestDate(story: Story, articles: ReadonlyMap<string, Article>): string {
  let latest = story.date ?? '';
  for (const m of story.articles) {
    const date = articles.get(m.articleId)?.date;
    if (date && date > latest) latest = date;
  }
  return latest;
}

/**
 * Stories → one edition per date. Each edition is summarised as a whole and,
 * given a cache (the build passes `.cache/summarise/`), cached per day with
 * the messages it reported and its stories' results (see day-cache.ts): an
 * unchanged day is read back and its messages said again, a changed day
 * summarises only its changed stories — the result is the same with or without it.
 */
export function summariseStories(stories: Story[], articles: Article[], ctx: StageContext, cache: StageCache = noCache): Edition[] {
  const { byId, days } = storiesByDay(stories, articles, ctx);
  const editions: Edition[] = [];
  for (const [date, day] of days) {
    if (cache === noCache) {
      // Through JSON as a cached edition is, so the result is the same with and without a cache.
      const { value, messages } = recordReported(ctx.report.stage, (report) => summariseEdition(date, day, byId, { ...ctx, report }));
      replayReported(ctx.report, messages);
      editions.push(value);
      continue;
    }
    const { slot, key } = dayKeys(date, day, byId, ctx.config);
    editions.push(cachedDay(cache, slot, key, ctx.report, (report, stories) => summariseEdition(date, day, byId, { ...ctx, report }, stories)));
  }
  return editions;
}

/**
 * The stories of each date, dates in order (a story without a date is
 * reported as `summarise/undated` and left out; a story reported over several days is in each
 * day's edition with that day's reports, `dayParts`), and the articles by id.
 */
export function storiesByDay(stories: Story[], articles: Article[], ctx: StageContext): { byId: Map<string, Article>; days: [string, Story[]][] } {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const byDate = new Map<string, Story[]>();
  for (const story of stories) {
    if (!story.date) {
      ctx.report.info({
        ruleId: 'summarise/undated',
        reason: `story ${story.id} has no date, so it appears in no edition`,
        file: byId.get(story.articles[0]?.articleId ?? '')?.origin.file ?? null,
        detail: { storyId: story.id, articles: story.articles.map((m) => m.articleId) },
      });
      continue;
    }
    const parts = dayParts(story, byId, ctx.config.summarise.storySpanDays);
    for (const part of parts.slice(1)) {
      ctx.report.info({
        ruleId: 'summarise/later-reports',
        reason: `${part.articles.length === 1 ? 'a report' : `${part.articles.length} reports`} of story ${story.id} dated ${part.date} ${part.articles.length === 1 ? 'is' : 'are'} in that day's edition as story ${part.id}: an edition carries the reports of its own day (summarise.storySpanDays ${ctx.config.summarise.storySpanDays})`,
        file: byId.get(part.articles[0]?.articleId ?? '')?.origin.file ?? null,
        detail: { storyId: story.id, partId: part.id, date: part.date, articles: part.articles.map((m) => m.articleId) },
      });
    }
    for (const part of parts) {
      const list = byDate.get(part.date!);
      if (list) list.push(part);
      else byDate.set(part.date!, [part]);
    }
  }
  return { byId, days: [...byDate.keys()].sort().map((date) => [date, byDate.get(date)!]) };
}

/** Where a day's cache entries live, and the key of its input. */
export function dayKeys(date: string, day: readonly Story[], byId: ReadonlyMap<string, Article>, config: StageContext['config']): { slot: string; key: string } {
  const { timezone, summarise } = config;
  return { slot: daySlot(date, { timezone, summarise }), key: editionKey(date, day, byId, config) };
}

/**
 * One date's edition: its stories in order of importance, the first
 * `maxStories` summarised in full (each skipping the sentences earlier ones
 * used), the rest listed under "more stories" by headline alone.
 */
export function summariseEdition(date: string, stories: readonly Story[], byId: ReadonlyMap<string, Article>, ctx: StageContext, cache: StageCache = noCache): Edition {
  const { words, maxStories } = ctx.config.summarise;
  const ordered = [...stories].sort((a, b) => compareImportance(a, b, byId));
  const used: Set<string>[] = [];
  const edition: Edition = { date, timezone: ctx.config.timezone, stories: [], more: [] };
  for (const [rank, story] of ordered.entries()) {
    if (rank >= maxStories) {
      // Listed by headline only: no summary is shown, so none is chosen (nor reported).
      const headline = memo(cache, cache === noCache ? '' : storyHeadlineKey(story, byId), () => headlineOf(story, byId));
      edition.more.push({ id: story.id, headline: headline.text });
      ctx.report.info({
        ruleId: 'summarise/more',
        reason: `story ${story.id} is number ${rank + 1} of ${ordered.length} on ${date}; the edition shows ${maxStories} in full, so it is listed under "more stories"`,
        detail: { storyId: story.id, date, rank: rank + 1, headline: headline.text, headlineSource: headline.source },
      });
      continue;
    }
    const decision = cachedDecision(story, byId, ctx, words, used, cache);
    used.push(...decision.termSets);
    const entry: EditionStory = {
      id: story.id,
      headline: decision.headline,
      summary: decision.summary,
      sentences: decision.sentences,
      sources: sourcesOf(story, byId),
      date,
    };
    if (decision.language) entry.language = decision.language;
    edition.stories.push(entry);
  }
  return edition;
}

/**
 * The language of a story's lead article, else of the first member that states one. When none does
 * (plain text, a feed item without `xml:lang`, a page without `lang`), its lead's text tells when it
 * clearly does (common/language-guess.ts); else null.
 */
function storyLanguage(story: Story, articles: ReadonlyMap<string, Article>, lead: Article | undefined): string | null {
  for (const member of story.articles) {
    const language = articles.get(member.articleId)?.language;
    if (language) return language;
  }
  return lead ? guessLanguage(opening(lead)) : null;
}

/** The opening of an article's cleaned text, as much as `guessLanguage` reads, without joining all of it. */
function opening(article: Article): string {
  if (article.paragraphs.length === 0) return (article.text || article.raw).slice(0, LANGUAGE_SAMPLE_CHARS);
  let text = '';
  for (const paragraph of article.paragraphs) {
    text += `${paragraph.text}\n`;
    if (text.length >= LANGUAGE_SAMPLE_CHARS) break;
  }
  return text;
}

/**
 * A story's summary decision, from the cache when the same story was
 * summarised before and the sentences used before it exclude the same of its
 * sentences as then (its messages said again), else summarised now.
 *
 * Why not key it by the sentences used before it, as it was: the decision
 * depends on them only through which of the story's own usable sentences they
 * exclude (near-copies, `selectSentences`), and when one story of a day
 * changes, every story after it saw other sentences used before it — a new
 * day on a year remade 245 story summaries where 79 stories had changed. So
 * the entry keeps the term sets of the story's usable sentences and which of
 * them were excluded; the same exclusions → the same decision.
 * No JSON round trip here: a decision is plain data, and the edition it goes
 * into makes that trip whole (see day-cache.ts).
 */
function cachedDecision(story: Story, byId: ReadonlyMap<string, Article>, ctx: StageContext, words: number, used: Set<string>[], cache: StageCache): SummaryDecision {
  if (cache === noCache) return summariseStoryInDetail(story, byId, ctx, words, { exclude: used });
  const key = storySummaryKey(story, byId, words);
  const stored = cache.get<StoredSummary>(key);
  if (stored && sameExclusions(stored.excluded, excludedSentences(used, stored.usable.map((terms) => new Set(terms))))) {
    replayReported(ctx.report, stored.messages);
    return { ...stored.decision, termSets: stored.decision.termSets.map((terms) => new Set(terms)) };
  }
  const recorder = new Reporter();
  const { decision, usable } = decideStory(story, byId, { ...ctx, report: recorder.for(ctx.report.stage) }, words, { exclude: used });
  cache.set<StoredSummary>(key, {
    decision: { ...decision, termSets: decision.termSets.map((terms) => [...terms]) },
    messages: recorder.messages,
    usable: usable.map((terms) => [...terms]),
    excluded: excludedSentences(used, usable),
  });
  replayReported(ctx.report, recorder.messages);
  return decision;
}

/**
 * Whether a day's previous story results hold this story's input, as a
 * summary or as a "more" headline: then it is read back, not summarised.
 */
export function storyCached(results: Readonly<Record<string, unknown>>, story: Story, byId: ReadonlyMap<string, Article>, words: number): boolean {
  return Object.hasOwn(results, storySummaryKey(story, byId, words)) || Object.hasOwn(results, storyHeadlineKey(story, byId));
}

/** A decision as cached: term sets as arrays. */
type StoredDecision = Omit<SummaryDecision, 'termSets'> & { termSets: string[][] };

/** A story's summary as kept in its day's story results (see `cachedDecision`). */
interface StoredSummary {
  decision: StoredDecision;
  messages: Message[];
  /** Term sets of the story's sentences that selection could take (usable and ranked), in rank order. */
  usable: string[][];
  /** Which of them (indices into `usable`) the sentences used before the story excluded. */
  excluded: number[];
}

function sameExclusions(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** A story's headline alone — the same one its full summary would carry; ranks its sentences only when no member has a title. */
export function headlineOf(story: Story, articles: ReadonlyMap<string, Article>): Headline {
  const members = orderedMembers(story, articles).map((m) => m.article);
  const lead = members[0];
  if (titledMember(lead, members)) return chooseHeadline(lead, members, [], story.id);
  const ranked = rankCandidates(candidatesOf(story, articles));
  return chooseHeadline(lead, members, withoutRetold(ranked, retoldOf(story, articles, ranked)), story.id);
}

/** Headline and summary of one story within a word budget. */
export function summariseStory(story: Story, articles: Map<string, Article>, ctx: StageContext, words: number, options: SummariseStoryOptions = {}): StorySummary {
  const { headline, summary, sentences } = summariseStoryInDetail(story, articles, ctx, words, options);
  return { headline, summary, sentences };
}

export function summariseStoryInDetail(
  story: Story,
  articles: ReadonlyMap<string, Article>,
  ctx: StageContext,
  words: number,
  options: SummariseStoryOptions = {},
): SummaryDecision {
  return decideStory(story, articles, ctx, words, options).decision;
}

/** `summariseStoryInDetail`, with the term sets of the sentences selection could take (what exclusions act on, see `cachedDecision`). */
function decideStory(story: Story, articles: ReadonlyMap<string, Article>, ctx: StageContext, words: number, options: SummariseStoryOptions): { decision: SummaryDecision; usable: Set<string>[] } {
  const members = orderedMembers(story, articles);
  const candidates = candidatesOf(story, articles);
  const ranked = rankCandidates(candidates);
  const usable = ranked.filter((r) => r.candidate.usable).map((r) => r.candidate.termSet);
  const retold = retoldOf(story, articles, ranked);
  const chosen = selectSentences(ranked, { words, exclude: options.exclude ?? [], skip: retold });
  const headline = chooseHeadline(members[0]?.article, members.map((m) => m.article), withoutRetold(ranked, retold), story.id);
  const sentences: SummarySentence[] = chosen.map((r) => ({ text: r.candidate.text, articleId: r.candidate.articleId, index: r.candidate.index }));
  const file = members[0]?.article.origin.file ?? null;
  const line = members[0]?.article.origin.line ?? null;
  if (sentences.length === 0) {
    ctx.report.warn({
      ruleId: 'summarise/no-sentences',
      reason: `story ${story.id} has no sentence that can stand in a summary (all headings, fragments or furniture); it is shown with its headline only`,
      file,
      line,
      detail: { storyId: story.id, candidates: candidates.length },
    });
  } else {
    const sourcesUsed = [...new Set(sentences.map((s) => s.articleId))];
    ctx.report.info({
      ruleId: 'summarise/summary',
      reason: `story ${story.id}: ${sentences.length} sentences (${chosen.reduce((n, r) => n + r.candidate.words, 0)} words) from ${sourcesUsed.length} of ${members.length} articles; headline from ${headline.source}${
        retold.size > 0 ? `; ${retold.size} ${retold.size === 1 ? 'sentence' : 'sentences'} left out as said by the story's reports of earlier days` : ''
      }`,
      file,
      detail: {
        storyId: story.id,
        headline: headline.text,
        headlineSource: headline.source,
        ...(retold.size > 0 && { retold: [...retold].map((r) => ({ articleId: r.candidate.articleId, index: r.candidate.index })) }),
        sentences: chosen.map((r) => ({
          articleId: r.candidate.articleId,
          index: r.candidate.index,
          score: round(r.score),
          centrality: round(r.centrality),
          position: r.candidate.position,
          agreement: round(r.agreement),
        })),
      },
    });
  }
  const language = storyLanguage(story, articles, members[0]?.article);
  const decision: SummaryDecision = {
    headline: headline.text,
    headlineSource: headline.source,
    ...(language && { language }),
    // An article's first sentence may open with its dateline ("LEEDS (Reuters) - "), and a later one with a wire's: the
    // reader's summary goes without it, and without a list item's marker or a newsletter's signpost ("Why it matters: "). `sentences` keep the text verbatim, as the article has it.
    summary: sentences.map((s, k) => withoutSignpost(chosen[k]!.candidate.position === 0 ? stripDateline(s.text) : stripWireDateline(s.text))).join(' '),
    sentences,
    termSets: chosen.map((r) => r.candidate.termSet),
  };
  return { decision, usable };
}

/**
 * A later day's part (day-parts.ts): its sentences that retell what the story's earlier reports said,
 * which earlier editions carried — left out of its summary, and not made its headline. None for any other story.
 */
function retoldOf(story: Story, articles: ReadonlyMap<string, Article>, ranked: readonly Ranked[]): Set<Ranked> {
  return story.earlier?.length ? oldNews(ranked, earlierReports(story, articles)) : new Set();
}

function withoutRetold(ranked: Ranked[], retold: ReadonlySet<Ranked>): Ranked[] {
  return retold.size === 0 ? ranked : ranked.filter((r) => !retold.has(r));
}

/**
 * The sentences of a later part's earlier reports (`story.earlier`), split as candidates are, with
 * their terms alone: what `candidatesOf` asks of a sentence besides (can it stand in a summary,
 * what does it lean on) does not matter here, and a story told over a week splits its first day
 * again for each day after it.
 */
function earlierReports(story: Story, articles: ReadonlyMap<string, Article>): EarlierReports {
  const sentences: { text: string; termSet: Set<string> }[] = [];
  for (const articleId of new Set(story.earlier)) {
    const article = articles.get(articleId);
    if (article) for (const text of articleSentences(article)) sentences.push({ text, termSet: new Set(termsOf(text)) });
  }
  return new EarlierReports(sentences);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export function sourcesOf(story: Story, articles: ReadonlyMap<string, Article>): StorySource[] {
  return orderedMembers(story, articles).map(({ article: a, role }) => ({
    articleId: a.id,
    title: a.title,
    publisher: a.publisher,
    url: a.url,
    file: a.origin.file,
    role,
    date: a.date,
  }));
}

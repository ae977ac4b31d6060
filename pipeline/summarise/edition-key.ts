/**
 * Cache keys of the summarise stage. An edition is summarised as a whole (a
 * sentence one story uses is kept out of the next), so it is cached as a
 * whole, keyed by everything that decides its output: that date's stories,
 * every member article as the clean stage left it, the summarise config, the
 * timezone and the stage's version. A rebuild after one article changed
 * redoes only the edition of that article's story — and within it, each
 * story is cached too, keyed by its own input plus the sentences the stories
 * before it used, so only the changed story (and any whose exclusions it
 * changed) is summarised again.
 */
import { hash } from 'node:crypto';
import { paragraphsHash } from '../clean/paragraphs-hash.ts';
import { sha256 } from '../common/hash.ts';
import type { Config } from '../config/schema.ts';
import type { Article, Story } from '../types.ts';

/** Bump when what the stage produces (editions or messages) changes, so older entries are not reused. */
export const SUMMARISE_VERSION = '35';

/** Fingerprints already computed this run (an article is hashed once even when several keys need it). */
const fingerprints = new WeakMap<Article, string>();

/**
 * What summarise reads of an article: its id, title, date, publisher, url,
 * origin (sources, message places) and language (its story's), and its cleaned paragraphs (or, when
 * cleaning left none, the text the sentences are then split from). The
 * paragraphs count by their hash, `paragraphsHash` (each one's type, length and
 * text), which the clean stage puts on the article and keeps with its cached
 * decision: this runs on every article of the archive on every build, and
 * hashing every article's text again was most of an unchanged day's cost.
 * An article without it (built by hand, or tests) has its paragraphs hashed here.
 */
function articleFingerprint(article: Article): string {
  let fingerprint = fingerprints.get(article);
  if (fingerprint === undefined) {
    fingerprint = hash('sha256', JSON.stringify(articleFacts(article)));
    fingerprints.set(article, fingerprint);
  }
  return fingerprint;
}

/**
 * How many paragraphs clean left the article. Clean may hand back the articles
 * of unchanged files with their `paragraphs` and `text` loaded from its cache
 * only when first read, and a `paragraphCount` beside them: every build keys
 * every day of the archive, and reading the count there must not load a year of
 * paragraphs. Without the count (articles built by hand, older clean code),
 * the paragraphs themselves are counted.
 */
export function paragraphCountOf(article: Article): number {
  return (article as { paragraphCount?: number }).paragraphCount ?? article.paragraphs.length;
}

/** What of an article goes into the keys (see `articleFingerprint`). The paragraphs are read only when their hash is missing. */
function articleFacts(article: Article): unknown[] {
  const { id, title, date, publisher, url, origin, language } = article;
  const content =
    paragraphCountOf(article) > 0 ? ['paragraphs', article.paragraphsHash ?? paragraphsHash(article.paragraphs)] : ['text', article.text || article.raw];
  return [id, title, date, publisher, url, origin, language ?? null, ...content];
}

/** A story and its member articles, as key parts. `reasons` (dedupe's explanations) play no part in a summary. */
function storyParts(story: Story, articles: ReadonlyMap<string, Article>): string[] {
  const { id, date, dateSource, articles: members, earlier = [] } = story;
  const parts = [JSON.stringify(['story', id, date, dateSource, members, earlier])];
  for (const articleId of [...members.map((m) => m.articleId), ...earlier]) {
    const article = articles.get(articleId);
    parts.push(article ? articleFingerprint(article) : 'missing');
  }
  return parts;
}

/**
 * One date's edition. Every build keys every day, so this is one JSON text and
 * one hash per day — not a hash per article as the story keys below use (a
 * thousand hashes were most of an unchanged month's summarise time): the
 * same parts, each article by what `articleFingerprint` hashes.
 */
export function editionKey(date: string, stories: readonly Story[], articles: ReadonlyMap<string, Article>, config: Pick<Config, 'summarise' | 'timezone'>): string {
  const facts = (articleId: string) => {
    const article = articles.get(articleId);
    return article ? articleFacts(article) : 'missing';
  };
  const parts = stories.map(({ id, date: storyDate, dateSource, articles: members, earlier }) => [
    'story',
    id,
    storyDate,
    dateSource,
    members,
    members.map((member) => facts(member.articleId)),
    // A later day's part: its summary leaves out what the earlier reports said (select.ts `EarlierReports`).
    ...(earlier?.length ? [earlier, earlier.map(facts)] : []),
  ]);
  return sha256(JSON.stringify(['edition', SUMMARISE_VERSION, date, config.timezone, config.summarise, parts]));
}

/**
 * One story's summary within its edition: its input and the word budget. The
 * sentences already used before it are not in the key: the entry records
 * which of its sentences they excluded, and is used only when those are the
 * same (`cachedDecision` in index.ts).
 */
export function storySummaryKey(story: Story, articles: ReadonlyMap<string, Article>, words: number): string {
  return memoStoryKey(`summary ${words}`, story, articles, () => sha256(JSON.stringify(['story-summary', SUMMARISE_VERSION, words]), ...storyParts(story, articles)));
}

/** One story's headline alone (a story listed under "more stories"). */
export function storyHeadlineKey(story: Story, articles: ReadonlyMap<string, Article>): string {
  return memoStoryKey('headline', story, articles, () => sha256(JSON.stringify(['headline', SUMMARISE_VERSION]), ...storyParts(story, articles)));
}

/**
 * Story keys already made this run, by article map and story (objects, so an
 * edited article or story — a new object — is keyed again). The build keys
 * each story of a changed day twice: to count what is left to summarise
 * (parallel.ts) and when summarising it.
 */
const storyKeys = new WeakMap<ReadonlyMap<string, Article>, WeakMap<Story, Map<string, string>>>();

function memoStoryKey(kind: string, story: Story, articles: ReadonlyMap<string, Article>, make: () => string): string {
  let byStory = storyKeys.get(articles);
  if (!byStory) storyKeys.set(articles, (byStory = new WeakMap()));
  let keys = byStory.get(story);
  if (!keys) byStory.set(story, (keys = new Map()));
  let key = keys.get(kind);
  if (key === undefined) keys.set(kind, (key = make()));
  return key;
}

/**
 * Dedupe stage: cleaned articles → stories.
 *
 *   1. features     normalised text, shingles + MinHash, words, names, quotations, text dates
 *   2. duplicates   exact, near (LSH + Jaccard), same origin (quotations + aligned sentences)
 *   3. stories      average-link clustering of TF-IDF (words + names) within the time window
 *   4. dates        metadata > text > the story's other articles; undated reported
 *   5. stories out  canonical / related / duplicate, stable ids, reasons; every decision a message
 *
 * See README.md for the rules and how to tune them.
 */
import { daysBetween } from '../common/dates.ts';
import type { StageContext } from '../common/context.ts';
import type { Article, Story } from '../types.ts';
import { averageLinkClusters } from './cluster.ts';
import { findDuplicates } from './duplicates.ts';
import { jaccard } from './minhash.ts';
import { articleFeatures } from './features.ts';
import { ownDate, type ArticleDate } from './dating.ts';
import { buildStories } from './stories.ts';
import { buildVectors, storyCandidates } from './vectors.ts';
import { mentionedWeekdays, weekdayOf } from './text-dates.ts';

export { applyStoryOverrides, type StoryOverrides } from './overrides.ts';
export { storyId } from './stories.ts';

/** Candidate pairs above this cosine are also checked for a common origin (rewritten wire copies). */
const ORIGIN_MIN_COSINE = 0.4;
/**
 * …and share at least this Jaccard of word 3-grams (a rewritten copy keeps whole phrases:
 * seeds 001/002 share 0.23, independent reports of one event ~0.02). Pairs sharing a long
 * quotation are checked whatever their scores.
 */
const ORIGIN_MIN_SHINGLES = 0.08;
const EMPTY: Map<string, number> = new Map();
const EMPTY_SET = new Uint32Array(0);

export function dedupeArticles(articles: Article[], ctx: StageContext): Story[] {
  const config = ctx.config.dedupe;
  const nameLabels = new Map<string, string>();
  const docs = articles.map((article, index) => articleFeatures(article, index, config, nameLabels));
  const dates: Array<ArticleDate | null> = docs.map((doc) => ownDate(doc));
  const day = (i: number) => dates[i]?.day ?? null;
  const allowed = (a: number, b: number) => {
    const da = day(a);
    const db = day(b);
    return !da || !db || Math.abs(daysBetween(da, db)) <= config.windowDays;
  };

  const space = buildVectors(docs, config.nameWeight);
  // The word and name counts live on in the vectors; at 100k articles the maps would not fit twice.
  for (const doc of docs) {
    doc.terms = EMPTY;
    doc.names = EMPTY;
  }
  const dayNumbers = docs.map((_, i) => {
    const d = day(i);
    return d ? Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000) : null;
  });
  const candidates = storyCandidates(space, { topTerms: 20, neighbours: 20, maxPosting: 100, day: (i) => dayNumbers[i]!, windowDays: config.windowDays });
  const { links, sets } = findDuplicates(docs, {
    config,
    allowed,
    originCandidates: candidates
      .filter(([a, b, score]) => score >= ORIGIN_MIN_COSINE && jaccard(docs[a]!.shingles, docs[b]!.shingles) >= ORIGIN_MIN_SHINGLES)
      .map(([a, b]) => [a, b] as const),
  });

  // Shingles have done their work (duplicates); free them before clustering.
  for (const doc of docs) doc.shingles = EMPTY_SET;

  // Weekdays each article names ("on Tuesday"): an undated article joins only a story dated on one of them.
  const weekdays = docs.map((doc) => new Set(mentionedWeekdays(doc.article.text).keys()));
  const canMerge = (left: number[], right: number[]) => {
    const leftDays = datedDays(left, day);
    const rightDays = datedDays(right, day);
    if (leftDays.length > 0 && rightDays.length > 0) {
      const all = [...leftDays, ...rightDays].sort();
      return daysBetween(all[0]!, all[all.length - 1]!) <= config.windowDays;
    }
    if (leftDays.length === 0 && rightDays.length === 0) return true;
    const [undated, days] = leftDays.length === 0 ? [left, rightDays] : [right, leftDays];
    const named = new Set(undated.flatMap((i) => [...weekdays[i]!]));
    return named.size === 0 || days.some((d) => named.has(weekdayOf(d)));
  };
  const { clusters, merges } = averageLinkClusters(space.vectors, sets.groups(), candidates, {
    threshold: config.storyThreshold,
    canMerge,
    // An article no source dates is kept out of every edition unless it joins a dated story,
    // so a group without any date that names a weekday ("on Tuesday") joins its closest story
    // dated on that weekday at a lower bar: the weekday is evidence of its own.
    attach: {
      threshold: config.undatedThreshold,
      isLoose: (members) => members.every((i) => !day(i)) && members.some((i) => weekdays[i]!.size > 0),
      isAnchor: (members) => members.some((i) => day(i)),
    },
  });

  return buildStories({ docs, dates, clusters, links, merges, space, nameLabels, ctx });
}

function datedDays(members: number[], day: (i: number) => string | null): string[] {
  const out: string[] = [];
  for (const i of members) {
    const d = day(i);
    if (d) out.push(d);
  }
  return out;
}

/**
 * Dedupe stage: cleaned articles → stories.
 *
 *   1. features     normalised text, shingles + MinHash, weighted words + names, quotations,
 *                   sentences, text dates — per article, cached (feature-cache.ts)
 *   2. duplicates   exact, near (LSH + Jaccard), same origin (quotations + aligned sentences)
 *   3. stories      average-link clustering of weighted words + names within the time window
 *   4. dates        metadata > text > the story's other articles; undated reported
 *   5. stories out  canonical / related / duplicate, stable ids, reasons; every decision a message,
 *                   grouped by story — 3 to 5 reused per untouched component (story-cache.ts)
 *
 * See README.md for the rules and how to tune them.
 */
import { stageCache } from '../common/cache.ts';
import { collectGarbage } from '../common/heap.ts';
import type { StageContext } from '../common/context.ts';
import { defaultWorkers, mapInPool } from '../common/pool.ts';
import type { Prefetched } from '../common/prefetch.ts';
import type { Article, Story } from '../types.ts';
import { averageLinkClusters, type ClusterMerge, type ClusterOptions } from './cluster.ts';
import { clusterLocally, ClusterMemory, groupNumbers } from './cluster-memory.ts';
import { PairList } from './pair-list.ts';
import type { SparseVector } from './vectors.ts';
import type { DedupeConfig } from './config.ts';
import { ownDate, type ArticleDate } from './dating.ts';
import { findCopies, linkSameOrigin, type DuplicateLink } from './duplicates.ts';
import { cachedFeatures, DEDUPE_VERSION, featureConfig, lookupFeatures } from './feature-cache.ts';
import { differentSubjects, featureData, type ArticleFeatures, type FeatureData } from './features.ts';
import { PairMemory } from './pair-cache.ts';
import { DateRule, StoryRule } from './merge-rule.ts';
import { finishStories, storyParts, type StoryPart } from './stories.ts';
import { isCommentary } from '../common/commentary.ts';
import { candidateComponents, clusterStoryKey, StoryMemory } from './story-cache.ts';
import { appendAll, byCodeUnits } from '../common/arrays.ts';

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
const EMPTY_SET = new Uint32Array(0);

/** How the stage runs, where not by config (tests compare the ways). */
export interface DedupeWays {
  /**
   * Search every pair of articles for similar ones, as before twins (twins.ts) and the pairs
   * within a group of copies were left out — the same stories, which a test checks.
   */
  everyPair?: boolean;
}

export function dedupeArticles(articles: Article[], ctx: StageContext, ways: DedupeWays = {}): Story[] {
  return storiesOf(cachedFeatures(inIdOrder(articles), ctx), ctx, ways);
}

/**
 * The articles by id. Where rules tie, the article first in order wins: an undated copy of two
 * copies dated too far apart to share a story joins the first. Taken in input order, that made
 * the stories depend on the order the articles came in (found by `npm run fuzz`, seed
 * 2026120602); ids make it depend on the articles alone.
 */
function inIdOrder(articles: Article[]): Article[] {
  for (let i = 1; i < articles.length; i++) {
    if (articles[i - 1]!.id > articles[i]!.id) return [...articles].sort((a, b) => byCodeUnits(a.id, b.id));
  }
  return articles;
}

/**
 * `dedupeArticles` with the per-article features that are not cached computed
 * on worker threads (pipeline/common/pool.ts): the same stories and messages,
 * byte for byte — features are a pure function of each article and the rest
 * runs here, in order. With fewer than `PARALLEL_FROM` (or `options.minArticles`)
 * missing, they are computed in-process: starting workers (each loads the
 * TypeScript modules) would cost more than it saves.
 */
export async function dedupeArticlesParallel(articles: Article[], ctx: StageContext, options: { workers?: number; minArticles?: number; prefetched?: Promise<Prefetched | null> | null } = {}): Promise<Story[]> {
  // The feature pack's segments, when the build started reading them ahead (feature-cache.ts `prefetchFeatures`).
  const lookup = lookupFeatures(inIdOrder(articles), ctx, (await options.prefetched) ?? null);
  const workers = options.workers ?? defaultWorkers();
  if (lookup.missing.length < (options.minArticles ?? PARALLEL_FROM) || workers <= 1) return storiesOf(lookup.complete(lookup.missing.map((article) => featureData(article, ctx.config.dedupe))), ctx);
  const data = await mapInPool<Article, DedupeConfig, FeatureData>(lookup.missing, { module: new URL('./features.ts', import.meta.url).href, name: 'featureChunk' }, ctx.config.dedupe, { workers });
  const docs = lookup.complete(data);
  // `storiesOf` drops shingles and signatures once duplicates are found; the workers'
  // results must not keep them alive beside it (at 100k articles, hundreds of MB).
  data.length = 0;
  return storiesOf(docs, ctx);
}

/**
 * Each cluster of two or more articles whose story the last runs built as it is now: taken from
 * the cache. Returns those, and the clusters left to build with their merges and keys.
 */
function reuseClusterStories(
  docs: readonly ArticleFeatures[],
  clusters: number[][],
  merges: ClusterMerge[],
  links: readonly DuplicateLink[],
  stories: StoryMemory,
): { parts: StoryPart[]; clusters: number[][]; merges: ClusterMerge[]; keys: Array<string | null> } {
  const clusterOf = new Int32Array(docs.length).fill(-1);
  clusters.forEach((members, c) => members.forEach((i) => (clusterOf[i] = c)));
  const mergesOf: ClusterMerge[][] = clusters.map(() => []);
  for (const merge of merges) mergesOf[clusterOf[merge.left[0]!]!]!.push(merge);
  const linksOf: DuplicateLink[][] = clusters.map(() => []);
  for (const link of links) if (clusterOf[link.a]! >= 0) linksOf[clusterOf[link.a]!]!.push(link);
  const out = { parts: [] as StoryPart[], clusters: [] as number[][], merges: [] as ClusterMerge[], keys: [] as Array<string | null> };
  clusters.forEach((members, c) => {
    // A lone article's story costs less to build than to key and look up.
    const key = members.length > 1 ? clusterStoryKey(docs, members, mergesOf[c]!, linksOf[c]!) : null;
    const part = key ? stories.reuseStory(key, members) : null;
    if (part) return void out.parts.push(part);
    out.clusters.push(members);
    appendAll(out.merges, mergesOf[c]!);
    out.keys.push(key);
  });
  return out;
}

/**
 * `averageLinkClusters`, from the last run's clusters where they still hold (cluster-memory.ts),
 * and this run's kept for the next.
 */
function clusterWithMemory(
  vectors: readonly SparseVector[],
  groups: number[][],
  edges: PairList,
  options: ClusterOptions,
  { memory, pairs }: { memory: ClusterMemory | null; pairs: PairMemory },
): { clusters: number[][]; merges: ClusterMerge[] } {
  const continuity = pairs.continuity();
  const prior = memory && continuity ? memory.read(continuity.save, continuity.previousCount) : null;
  const local = prior && continuity ? clusterLocally(vectors, groups, edges, options, prior, continuity) : null;
  const result = local ?? averageLinkClusters(vectors, groups, edges, { ...options, keepLoop: memory !== null });
  if (memory && pairs.savedAs && result.loop) memory.save(pairs.savedAs, result.loop, groupNumbers(groups, vectors.length));
  return result;
}

/** Missing features from which the worker pool pays for its start (measured: ~0.5 s to start two workers, ~0.5 ms an article). */
const PARALLEL_FROM = 2000;

/** Everything after the per-article features: duplicates, stories, dates, messages. */
function storiesOf(docs: ArticleFeatures[], ctx: StageContext, ways: DedupeWays = {}): Story[] {
  const config = ctx.config.dedupe;
  const dates: Array<ArticleDate | null> = docs.map((doc) => ownDate(doc));
  const day = (i: number) => dates[i]?.day ?? null;
  const dayNumbers = docs.map((_, i) => {
    const d = day(i);
    return d ? Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000) : null;
  });
  const allowed = (a: number, b: number) => {
    const da = dayNumbers[a];
    const db = dayNumbers[b];
    return da === null || db === null || Math.abs(da! - db!) <= config.windowDays;
  };
  const vectors = docs.map((doc) => doc.vector);
  // Pairs below every threshold that reads them can never join two groups (an average
  // reaching a bar needs one pair reaching it), so only those at or above are needed.
  const pairOptions = { threshold: Math.min(config.storyThreshold, config.undatedThreshold, ORIGIN_MIN_COSINE), day: (i: number) => dayNumbers[i]!, windowDays: config.windowDays };
  // Commentary is clustered apart from the news and attached to it afterwards (merge-rule.ts, `StoryRule`).
  const commentary = docs.map((doc) => isCommentary(doc.article));
  const memory = new PairMemory(
    docs,
    pairOptions.day,
    stageCache(ctx, 'dedupe-pairs'),
    JSON.stringify([DEDUPE_VERSION, featureConfig(config), pairOptions.threshold, pairOptions.windowDays, config.sentenceSimilarity, Boolean(ways.everyPair)]),
    { twins: !ways.everyPair, commentary },
  );
  // The date rule of every join, kept per cluster (merge-rule.ts), for copies (duplicates.ts) and
  // stories (cluster.ts): dated articles within the window; an undated group that names weekdays
  // ("on Tuesday") joins only a story dated on one.
  const kinds = docs.map((doc, i) => ({ day: day(i), named: doc.weekdays.flatMap((count, weekday) => (count > 0 ? [weekday] : [])), commentary: commentary[i]! }));
  const rule = new DateRule(kinds, config.windowDays);
  // Exact and near copies first: they read no similar pairs, and the pairs within one of their
  // groups are read by nothing after (the same-origin step skips a pair already in one group,
  // clustering compares groups) — n near copies of one press release on one day are n² of them.
  const copies = findCopies(docs, { config, allowed, rule, pairs: memory });
  const candidates = memory.similarPairs(pairOptions, ways.everyPair ? undefined : copies.sets.roots());
  const originCandidates: Array<readonly [number, number]> = [];
  for (let k = 0; k < candidates.length; k++) {
    const a = candidates.a[k]!;
    const b = candidates.b[k]!;
    if (candidates.score[k]! >= ORIGIN_MIN_COSINE && memory.jaccard(a, b) >= ORIGIN_MIN_SHINGLES) originCandidates.push([a, b]);
  }
  linkSameOrigin(docs, copies, { config, allowed, originCandidates, pairs: memory, twins: memory.twins });
  const { links, sets } = copies;
  // Alike, but about different subjects (two earnings reports from one template): no edge of a story.
  const storyEdges = withoutDifferentSubjects(docs, candidates);

  // Shingles, signatures and quotation windows have done their work (duplicates); freed before the
  // pair cache is written and clustering starts. In the CLI, collected at once: the year's build set
  // its peak RSS while writing that entry, with these still in memory (common/heap.ts).
  for (const doc of docs) {
    doc.shingles = EMPTY_SET;
    doc.signature = null;
    doc.quoteWindows = EMPTY_SET;
  }
  collectGarbage();
  memory.save();

  // Components the last run built as they are now: their stories and messages are reused,
  // only the others are clustered and built (story-cache.ts).
  const stories = new StoryMemory(
    stageCache(ctx, 'dedupe-stories'),
    JSON.stringify([DEDUPE_VERSION, config, pairOptions.threshold, ORIGIN_MIN_COSINE, ORIGIN_MIN_SHINGLES]),
  );
  // Stories are keyed by their articles' feature keys: cached only when every article has one (features cached too).
  const keyed = stories.enabled && docs.every((doc) => doc.cacheKey);
  const components = candidateComponents(docs, storyEdges, links, keyed);
  const componentOf = new Int32Array(docs.length);
  const reused: StoryPart[] = [];
  const isReused = new Uint8Array(docs.length);
  components.forEach((component, c) => {
    for (const i of component.members) componentOf[i] = c;
    const parts = stories.reuse(component);
    if (!parts) return;
    appendAll(reused, parts);
    for (const i of component.members) isReused[i] = 1;
  });
  const allGroups = sets.groups();
  const groups = allGroups.filter((group) => !isReused[group[0]!]);
  const clusterOptions = {
    threshold: config.storyThreshold,
    // The date rule, and commentary clustered apart from the news, then attached to its closest story.
    rule: new StoryRule(kinds, config.windowDays),
    // An article no source dates is kept out of every edition unless it joins a dated story,
    // so a group without any date that names a weekday ("on Tuesday") joins its closest story
    // dated on that weekday at a lower bar: the weekday is evidence of its own.
    // Commentary joins the story it is closest to when that closest pair reaches the story bar.
    attach: { threshold: config.undatedThreshold, closestPairThreshold: config.storyThreshold },
  };
  const { clusters, merges } = clusterWithMemory(vectors, groups, storyEdges, clusterOptions, {
    // The last run's clusters are of every article: kept and used only when every article is clustered here.
    memory: keyed && groups.length === allGroups.length ? new ClusterMemory(stageCache(ctx, 'dedupe-pairs'), stories.settings) : null,
    pairs: memory,
  });

  // Where components are not cached (one holds most of the run), each cluster's story is
  // looked up by what building it reads (`clusterStoryKey`); only the others are built.
  const perStory = keyed && components.every((component) => component.key === null);
  const { parts: storiesReused, clusters: toBuild, merges: toMerge, keys } = perStory
    ? reuseClusterStories(docs, clusters, merges, links, stories)
    : { parts: [], clusters, merges, keys: [] };
  appendAll(reused, storiesReused);
  const built = storyParts({ docs, dates, clusters: toBuild, links, merges: toMerge, commentary, ctx });
  built.forEach((part, c) => keys[c] && stories.recordStory(keys[c], part));
  // Record what was built, by component, for the next run. Only keyed components are
  // stored; gathering parts by copying each component's list at every part cost O(parts²)
  // in the one giant component of a year (~20k stories at 100k articles).
  const builtBy = new Map<number, StoryPart[]>();
  for (const part of built) {
    const c = componentOf[part.members[0]!]!;
    if (!components[c]?.key) continue;
    const parts = builtBy.get(c);
    if (parts) parts.push(part);
    else builtBy.set(c, [part]);
  }
  for (const [c, parts] of builtBy) stories.record(components[c]!, parts);
  stories.save();
  return finishStories([...reused, ...built], ctx);
}

/**
 * The similar pairs clustering may join stories by: all but those of two articles about different
 * subjects (features.ts `differentSubjects`: each has a subject in its title, and neither names the
 * other's). A function of the two articles alone, like the pairs, so what the last run kept of
 * unchanged articles holds (cluster-memory.ts). Most runs drop none: the list is returned as it is.
 */
function withoutDifferentSubjects(docs: readonly ArticleFeatures[], pairs: PairList): PairList {
  let kept: PairList | null = null;
  for (let k = 0; k < pairs.length; k++) {
    const a = pairs.a[k]!;
    const b = pairs.b[k]!;
    const drop = differentSubjects(docs[a]!, docs[b]!);
    if (drop && !kept) {
      kept = new PairList(pairs.length);
      for (let j = 0; j < k; j++) kept.push(pairs.a[j]!, pairs.b[j]!, pairs.score[j]!);
    }
    if (!drop) kept?.push(a, b, pairs.score[k]!);
  }
  return kept ?? pairs;
}

import { hash } from 'node:crypto';
import { sha256 } from '../common/hash.ts';
import { recordReported, replayReported, type StageCache } from '../common/cache.ts';
import type { StageContext } from '../common/context.ts';
import type { Article, Message, Paragraph, Removal } from '../types.ts';
import type { ArticleAnalysis, ArticleMetadata } from './analyse.ts';
import { decideArticle, repeatedLabel } from './decide.ts';
import { internDecision, StringPool } from './intern.ts';
import { paragraphsHash } from './paragraphs-hash.ts';
import { holdersSignature, independentCounts, type RepetitionMemo, type RepetitionSource } from './repetition.ts';

/**
 * The clean stage on a warm cache, in proportion to what changed.
 *
 * Per article the cache holds two entries, keyed from its analysis key
 * (`analysisKey`: the article's hash, `CLEAN_VERSION`, threshold, timezone):
 *
 * - the **analysis** (large: paragraphs, signals, words), read only when needed;
 * - its **decision** (the cleaned paragraphs, removals and metadata, and the
 *   messages it reported), keyed by the analysis key, the repetition counts of
 *   its paragraphs as this run found them, the whole `clean` config and the
 *   article's origin (the messages name it) — everything `decideArticle` reads.
 *
 * and two entries for the collection: the **repetition sources** (each
 * article's paragraphs' repeat keys and its publisher, by analysis key: small,
 * and needed for every article because repetition is a property of the
 * collection) and the **repetition memo**: each shared
 * paragraph's independent count by a signature of its holders
 * (`holdersSignature`). A rebuild reads the sources, recounts only the shared
 * paragraphs whose holders changed (loading only their sampled articles'
 * words), and decides again only the articles whose counts or analysis
 * changed; every other article is its cached decision with its messages
 * replayed. The output and messages are those of `decideArticles` over the
 * whole collection (tested, with and without the cache).
 */
export interface IncrementalOptions {
  /** Fresh analyses of many articles (the misses: on worker threads or in-process). */
  analyseMany: (articles: Article[]) => Promise<ArticleAnalysis[]>;
  /** A fresh analysis of one article, in-process. */
  analyseOne: (article: Article) => ArticleAnalysis;
  /**
   * The article with its raw text, for one whose raw text ingest did not
   * load (its file unchanged since the last run): needed only when its
   * analysis is not cached, or when it has no paragraphs (summarise then
   * reads the raw text).
   */
  withRaw?: (article: Article) => Article;
  /** Counts the articles whose decision came from the cache. */
  stats?: { reused: number };
  /** An article that has paragraphs comes back with `raw: ''` (see `cleanArticlesParallel`). */
  releaseRaw?: boolean;
  /** The caller hands the input array over: each slot is emptied once its article is decided, so its raw text can go. */
  consumeInput?: boolean;
  /** Misses analysed per batch, and up to how many misses stay in hand until decided (default `ANALYSIS_BATCH`, `HOLD_ANALYSES_UP_TO`). */
  batching?: { size: number; holdUpTo: number };
}

/** The cleaned fields of an article, as cached (its text is the paragraphs joined). */
interface Decision {
  paragraphs: Paragraph[];
  /** `paragraphsHash(paragraphs)`, made once with the decision (summarise keys its cache on it). */
  paragraphsHash: string;
  removed: Removal[];
  metadata: Pick<Article, keyof ArticleMetadata>;
}

const METADATA_FIELDS = ['title', 'date', 'dateSource', 'author', 'publisher', 'url', 'language'] as const satisfies readonly (keyof ArticleMetadata)[];

export async function cleanIncrementally(input: Article[], ctx: StageContext, cache: StageCache, keyOf: (article: Article) => string, options: IncrementalOptions): Promise<Article[]> {
  const articles = [...input];
  const keys = articles.map(keyOf);
  const analyses: (ArticleAnalysis | undefined)[] = [];
  /** Articles replaced after the repetition counts were made (see `analysisOf`). */
  const changedLate = new Set<number>();
  /** The analysis `peekAnalysis` read last. */
  let peeked: { index: number; analysis: ArticleAnalysis } | undefined;
  // Every article's repetition source, in one entry for the collection (small: repeat keys and a publisher).
  const storedSources = cache.get<Record<string, RepetitionSource>>(SOURCES_KEY) ?? {};
  const sources: (RepetitionSource | undefined)[] = keys.map((key) => storedSources[key]);

  // An article whose source is not cached: its analysis, from the cache or made now.
  const toAnalyse: number[] = [];
  let newSources = 0;
  sources.forEach((source, i) => {
    if (source) return;
    const cached = cache.get<ArticleAnalysis>(keys[i]!);
    if (!cached) return void toAnalyse.push(i);
    analyses[i] = cached;
    sources[i] = sourceOf(cached);
    newSources++;
  });
  // Many misses (a first build of a year): analysed in batches, each written to the cache and then let go,
  // keeping only its repetition source; the collection pass reads each analysis back when it needs it.
  // Holding them all until every article is decided was most of the stage's memory (README, "Memory").
  const hold = toAnalyse.length <= (options.batching?.holdUpTo ?? HOLD_ANALYSES_UP_TO);
  const batches = Math.ceil(toAnalyse.length / Math.max(1, options.batching?.size ?? ANALYSIS_BATCH));
  const batchSize = Math.ceil(toAnalyse.length / Math.max(1, batches));
  for (let start = 0; start < toAnalyse.length; start += batchSize) {
    const batch = toAnalyse.slice(start, start + batchSize);
    const full = batch.map((i) => loaded(i));
    const fresh = await options.analyseMany(full);
    batch.forEach((i, n) => {
      const analysis = fresh[n]!;
      cache.set(keys[i]!, analysis);
      sources[i] = sourceOf(analysis);
      newSources++;
      if (hold) analyses[i] = analysis;
    });
    // Emptied, not just left to go out of scope: the closure above keeps both arrays alive for as long as
    // this function runs (measured: a year's analyses were held to the end of the stage, after each was decided).
    fresh.length = 0;
    full.length = 0;
  }
  // Written back when an article is new or gone: this run's sources only, so the entry never outgrows the collection.
  const sourceMap: Record<string, RepetitionSource> = {};
  keys.forEach((key, i) => (sourceMap[key] = sources[i]!));
  if (newSources > 0 || Object.keys(sourceMap).length !== Object.keys(storedSources).length) cache.set(SOURCES_KEY, sourceMap);
  // The publisher repetition compares is the input's, else the page's (the cached source holds the page's).
  const repetition: RepetitionSource[] = sources.map((source, i) => ({ keys: source!.keys, publisher: articles[i]!.publisher ?? source!.publisher }));

  const config = ctx.config.clean;
  const counts = config.minRepeats > 0 ? countRepetition(repetition, keys, cache, peekAnalysis) : repetition.map(({ keys }) => keys.map(() => 1));
  const configKey = JSON.stringify(config);
  peeked = undefined;

  const cleaned: Article[] = [];
  const pool = new StringPool();
  for (let i = 0; i < articles.length; i++) {
    const article = articles[i]!;
    // The decision depends on a paragraph's count only through its weight class and the words of its
    // label: keyed by the class, with a placeholder label filled in on use, one decision serves every count
    // of a class (a publisher's banner seen in one more article does not make its holders decide again).
    const classes = counts[i]!.map((count) => weightClass(count, config.minRepeats));
    const decisionKey = hash('sha256', ['decision', DECISION_VERSION, keys[i]!, JSON.stringify(classes), configKey, JSON.stringify(article.origin)].join('\u0000'));
    const marker = keys[i]!.slice(0, 16);
    let entry = cache.get<CachedDecision>(decisionKey);
    if (entry !== undefined && options.stats) options.stats.reused++;
    if (entry === undefined) {
      const analysis = analysisOf(i);
      entry = recordReported('clean', (report) => decisionOf(decideArticle({ article, analysis }, counts[i]!, { ...ctx, report }, (index) => placeholder(marker, index))));
      if (!changedLate.has(i)) cache.set(decisionKey, entry);
    }
    if (classes.some((c) => c > 0)) fillLabels(entry, marker, counts[i]!);
    internDecision({ paragraphs: entry.value.paragraphs, removed: entry.value.removed, messages: entry.messages }, pool);
    replayReported(ctx.report, entry.messages);
    let result = applyDecision(article, entry.value, pool);
    if (result.paragraphs.length === 0) {
      if (options.withRaw) result = { ...result, raw: options.withRaw(article).raw };
    } else if (options.releaseRaw) {
      // Summarise reads the raw text only of an article without paragraphs: a year's raw input need not wait for the end of the stage.
      result.raw = '';
    }
    cleaned.push(result);
    analyses[i] = undefined;
    // The input article (raw text and all) is held no longer than its decision needs it.
    articles[i] = RELEASED;
    if (options.consumeInput) input[i] = RELEASED;
  }
  return cleaned;

  /** Article `i` with its raw text (replacing it, in the rare case its file changed since ingest stat'ed it). */
  function loaded(i: number): Article {
    const article = articles[i]!;
    if (!options.withRaw) return article;
    const full = options.withRaw(article);
    if (full !== article && full.hash !== article.hash) {
      articles[i] = full;
      keys[i] = keyOf(full);
    }
    return full;
  }

  /**
   * Article `i`'s analysis for repetition, which samples a few holders of each shared paragraph: read
   * without keeping it (only the last one, as the same article is often asked for several paragraphs in a row).
   */
  function peekAnalysis(i: number): ArticleAnalysis {
    const inHand = analyses[i];
    if (inHand) return inHand;
    if (peeked?.index !== i) peeked = { index: i, analysis: analysisOf(i, false) };
    return peeked.analysis;
  }

  /** Article `i`'s analysis: already in hand, else cached, else made now (in-process); `keep`: held until `i` is decided. */
  function analysisOf(i: number, keep = true): ArticleAnalysis {
    let analysis = analyses[i] ?? cache.get<ArticleAnalysis>(keys[i]!);
    if (!analysis) {
      const key = keys[i]!;
      analysis = options.analyseOne(loaded(i));
      // A file rewritten since ingest read it, found this late: used as it is now, but its decision is not kept.
      if (keys[i] !== key) changedLate.add(i);
      cache.set(keys[i]!, analysis);
    }
    if (keep) analyses[i] = analysis;
    return analysis;
  }

}

/**
 * Up to this many misses, their fresh analyses stay in hand until decided (a day's new articles: no
 * second read). Beyond, each is read back from the cache when decided. (~10 KB each in memory.)
 */
const HOLD_ANALYSES_UP_TO = 5_000;
/**
 * Misses analysed per batch (in equal batches): bounds the analyses in memory at once. Each batch
 * starts the worker pool again (~1 s of CPU a worker), so batches are large: a year of 100,000 is 5.
 */
const ANALYSIS_BATCH = 20_000;

/** What repetition needs of an article, from its analysis. */
function sourceOf(analysis: ArticleAnalysis): RepetitionSource {
  return { keys: analysis.paragraphs.map((p) => p.repeatKey), publisher: analysis.metadata.publisher ?? null };
}

/** Bump with the repetition rules (repetition.ts) or what a source holds. */
const MEMO_VERSION = '2';
const SOURCES_KEY = sha256('repetition-sources', MEMO_VERSION);

/** The repetition counts, with shared paragraphs' counts memoised in one cache entry for the collection. */
function countRepetition(sources: RepetitionSource[], keys: string[], cache: StageCache, analysisOf: (i: number) => ArticleAnalysis): number[][] {
  const memoKey = sha256('repetition-memo', MEMO_VERSION);
  const stored = cache.get<Record<string, number>>(memoKey) ?? {};
  const used: Record<string, number> = {};
  let fresh = 0;
  const memo: RepetitionMemo = {
    // 128 bits of the signature: short to store, collisions negligible.
    signature: (key, holders) => holdersSignature(key, holders, (i) => keys[i]!, sources).slice(0, 32),
    get: (signature) => {
      const count = stored[signature];
      if (count !== undefined) used[signature] = count;
      return count;
    },
    set: (signature, count) => {
      used[signature] = count;
      fresh++;
    },
  };
  const counts = independentCounts(sources, { words: (i) => analysisOf(i).contentWords, text: (i, key) => analysisOf(i).paragraphs.find((p) => p.repeatKey === key)?.text ?? '' }, memo);
  // Written back when something was counted anew: only the signatures this run used (older ones are dropped).
  if (fresh > 0 || Object.keys(used).length !== Object.keys(stored).length) cache.set(memoKey, used);
  return counts;
}


type CachedDecision = { value: Decision; messages: Message[] };

/** Bump when what a decision entry holds changes. */
const DECISION_VERSION = '2';

/** What of a paragraph's repetition count a decision depends on, besides its label: 0 (not counted as repeated) or the weight class. */
function weightClass(count: number, minRepeats: number): number {
  return minRepeats > 0 && count >= minRepeats ? Math.min(count, 4) : 0;
}

/**
 * The label placeholder of paragraph `index`: control characters around the
 * article's analysis key prefix (no input text can hold its own hash).
 */
function placeholder(marker: string, index: number): string {
  return `\u0001${marker}:${index}\u0001`;
}

/** Puts this run's repetition labels where the decision has placeholders (reasons and signal labels; never the paragraph texts). */
function fillLabels(entry: CachedDecision, marker: string, counts: readonly number[]): void {
  const open = `\u0001${marker}:`;
  const fill = (text: string): string => {
    let at = text.indexOf(open);
    if (at < 0) return text;
    let filled = '';
    let from = 0;
    while (at >= 0) {
      const end = text.indexOf('\u0001', at + open.length);
      if (end < 0) break;
      filled += text.slice(from, at) + repeatedLabel(counts[Number(text.slice(at + open.length, end))] ?? 1);
      from = end + 1;
      at = text.indexOf(open, from);
    }
    return filled + text.slice(from);
  };
  for (const removal of entry.value.removed) removal.reason = fill(removal.reason);
  for (const message of entry.messages) {
    message.reason = fill(message.reason);
    const signals = message.detail?.signals;
    if (Array.isArray(signals)) for (const signal of signals as { label?: unknown }[]) if (typeof signal.label === 'string') signal.label = fill(signal.label);
  }
}

function decisionOf(cleaned: Article): Decision {
  const metadata = Object.fromEntries(METADATA_FIELDS.map((field) => [field, cleaned[field]])) as Decision['metadata'];
  return { paragraphs: cleaned.paragraphs, paragraphsHash: cleaned.paragraphsHash ?? paragraphsHash(cleaned.paragraphs), removed: cleaned.removed, metadata };
}

/** The cleaned article, built the same way whether the decision was made now or read from the cache. */
function applyDecision(article: Article, decision: Decision, pool: StringPool): Article {
  const { paragraphs, removed, metadata } = decision;
  // Pooled too: copies of one story have one text (dedupe folds them later).
  return { ...article, paragraphs, text: pool.of(paragraphs.map((p) => p.text).join('\n\n')), removed, paragraphsHash: decision.paragraphsHash, ...metadata };
}

/** What a decided article's slot is left holding (keeps the array's element kind, holds nothing). */
const RELEASED = null as unknown as Article;

import { hash } from 'node:crypto';
import { sha256 } from '../common/hash.ts';
import { noCache, recordReported, replayReported, type StageCache } from '../common/cache.ts';
import { today } from '../common/cache-store.ts';
import type { StageContext } from '../common/context.ts';
import type { Article, Message, Paragraph, Removal } from '../types.ts';
import type { ArticleAnalysis, ArticleMetadata } from './analyse.ts';
import { decideArticle, repeatedLabel } from './decide.ts';
import { internDecision, internOwnStrings, StringPool } from './intern.ts';
import { BodyLoader, lazyArticle, type DecisionBody, type LazySlot } from './lazy-body.ts';
import { groupOf, SummaryGroups, type StoredSummary } from './summary-groups.ts';
import { SourceGroups } from './source-groups.ts';
import { paragraphsHash } from './paragraphs-hash.ts';
import { placeholder, placeholderSpans } from './placeholders.ts';
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
  /**
   * Fresh analyses of many articles (the misses: on worker threads or in-process), each handed to
   * `take` with its index in `articles` as it is made, in any order, and not kept.
   */
  analyseEach: (articles: Article[], take: (analysis: ArticleAnalysis, index: number) => void) => Promise<void>;
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
  /** Up to how many misses' fresh analyses stay in hand until decided (default `HOLD_ANALYSES_UP_TO`). */
  holdAnalysesUpTo?: number;
  /** Filled in: the loader of this run's lazy bodies (tests count its loads). */
  bodyLoads?: { loader?: BodyLoader };
}

/** The cleaned fields of an article, as decided (its text is the paragraphs joined); cached as a summary and a body. */
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
  // Summaries and repetition sources are kept by the day ingest gives each article (summary-groups.ts, source-groups.ts).
  const groupNames = articles.map(groupOf);
  // Every article's repetition source (small: repeat keys and a publisher).
  const sourceGroups = new SourceGroups(cache, MEMO_VERSION);
  const sources: (RepetitionSource | undefined)[] = keys.map((key, i) => sourceGroups.get(groupNames[i]!, key));
  const missing = sources.flatMap((source, i) => (source ? [] : [i]));
  // Many misses (a first build of a year, or its sources lost): each analysis, read back or made now, is let
  // go once its source is taken; the collection pass reads each back when it needs it. Holding them all until
  // every article is decided was most of the stage's memory (README, "Memory").
  const hold = missing.length <= (options.holdAnalysesUpTo ?? HOLD_ANALYSES_UP_TO);

  // An article whose source is not cached: its analysis, from the cache or made now.
  const toAnalyse: number[] = [];
  for (const i of missing) {
    const cached = cache.get<ArticleAnalysis>(keys[i]!);
    if (!cached) {
      toAnalyse.push(i);
      continue;
    }
    if (hold) analyses[i] = cached;
    sources[i] = sourceOf(cached);
  }
  if (toAnalyse.length > 0) {
    await options.analyseEach(
      toAnalyse.map((i) => loaded(i)),
      (analysis, n) => {
        const i = toAnalyse[n]!;
        cache.set(keys[i]!, analysis);
        sources[i] = sourceOf(analysis);
        if (hold) analyses[i] = analysis;
      },
    );
  }
  // Written back by day where an article is new or gone: this run's sources only, so no entry outgrows its day.
  sourceGroups.save(groupNames, keys, sources as RepetitionSource[]);
  // The publisher repetition compares is the input's, else the page's (the cached source holds the page's).
  const repetition: RepetitionSource[] = sources.map((source, i) => ({ keys: source!.keys, publisher: articles[i]!.publisher ?? source!.publisher }));

  const config = ctx.config.clean;
  const counts = config.minRepeats > 0 ? countRepetition(repetition, keys, cache, peekAnalysis) : repetition.map(({ keys }) => keys.map(() => 1));
  const configKey = JSON.stringify(config);
  peeked = undefined;

  const cleaned: Article[] = [];
  const pool = new StringPool();
  // An unchanged article's cleaned text is loaded only if a later stage reads it (lazy-body.ts).
  const loader = new BodyLoader(cache, bodyKeyOf, recomputeBody, (slot, body) => {
    if (slot.counts.some((count) => weightClass(count, config.minRepeats) > 0)) fillReasons(body.removed, slot.analysisKey.slice(0, 16), slot.counts);
  });
  const summaries = new SummaryGroups(cache, DECISION_VERSION, groupNames);
  const fills: Fills = { texts: new Map(), details: new WeakMap() };
  /** Decision keys of the articles handed on lazily (`refreshBodies`). */
  const lazyKeys: string[] = [];
  for (let i = 0; i < articles.length; i++) {
    const article = articles[i]!;
    const groupName = groupNames[i]!;
    // The decision depends on a paragraph's count only through its weight class and the words of its
    // label: keyed by the class, with a placeholder label filled in on use, one decision serves every count
    // of a class (a publisher's banner seen in one more article does not make its holders decide again).
    const classes = counts[i]!.map((count) => weightClass(count, config.minRepeats));
    const decisionKey = hash('sha256', ['decision', DECISION_VERSION, keys[i]!, JSON.stringify(classes), configKey, JSON.stringify(article.origin)].join('\u0000'));
    const marker = keys[i]!.slice(0, 16);
    // The summary (metadata, hash, counts, messages): read on every build. The body (paragraphs, removals): only when decided now.
    const found = summaries.get(groupName, decisionKey);
    let entry = found === undefined ? undefined : parseSummary(found.summary);
    // The marker its messages' placeholders carry: the article's, or its group's when read packed (summary-groups.ts).
    let placeholders = found?.marker ?? marker;
    let body: Decision | undefined;
    if (entry !== undefined && options.stats) options.stats.reused++;
    if (entry === undefined) {
      const analysis = analysisOf(i);
      const made = recordReported('clean', (report) => decisionOf(decideArticle({ article, analysis }, counts[i]!, { ...ctx, report }, (index) => placeholder(marker, index))));
      body = made.value;
      entry = { value: summaryOf(body), messages: made.messages };
      placeholders = marker;
      // The body is written now, its summary with its group (a summary whose body was lost has it recomputed when read).
      if (!changedLate.has(i)) {
        cache.set(bodyKeyOf(decisionKey), { paragraphs: body.paragraphs, removed: body.removed } satisfies DecisionBody);
        summaries.add(groupName, decisionKey, entry, marker);
      }
    } else {
      summaries.keep(groupName, decisionKey, found!, marker);
    }
    summaries.done(groupName);
    const labelled = classes.some((c) => c > 0);
    // This run's labels go into copies: a summary decided now is stored with its placeholders when its group is written.
    // Read packed: its messages share their parts with the other messages of its entry (summary-groups.ts).
    const readPacked = body === undefined && found?.packed !== undefined;
    if (labelled) entry = { value: entry.value, messages: filledMessages(entry.messages, placeholders, counts[i]!, fills, readPacked) };
    // A decision made now whose body went to the cache is handed on lazily too, like a cached one: its text is
    // read back when a later stage needs it instead of every cleaned text of a year's first build being held
    // to the end of the build (README "Memory"). Without a cache, or when its file changed during the run
    // (nothing stored), it stays in hand.
    const eager = body !== undefined && (changedLate.has(i) || cache === noCache) ? body : undefined;
    // Messages read packed already share their rule ids, texts and signals: only the strings each holds of
    // its own are pooled (a year's new day: the full walk was ~0.2 s, for copies that were not there).
    if (readPacked) internOwnStrings(entry.messages, pool);
    else internDecision({ paragraphs: eager?.paragraphs ?? [], removed: eager?.removed ?? [], messages: entry.messages }, pool);
    replayReported(ctx.report, entry.messages);
    let result: Article;
    if (eager) {
      if (labelled) fillReasons(eager.removed, marker, counts[i]!);
      result = applyDecision(article, eager, pool);
    } else {
      const summary = entry.value;
      // (A body written now is stamped as used: only those read back need `refreshBodies`.)
      if (!body) lazyKeys.push(decisionKey);
      result = lazyArticle(article, summary, { loader, decisionKey, paragraphsHash: summary.paragraphsHash, paragraphCount: summary.paragraphCount, removedCount: summary.removedCount, analysisKey: keys[i]!, counts: counts[i]!, writtenNow: body !== undefined });
    }
    if (result.paragraphCount === 0) {
      if (options.withRaw) result.raw = options.withRaw(article).raw;
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
  if (options.bodyLoads) options.bodyLoads.loader = loader;
  refreshBodies(cache, lazyKeys);
  return cleaned;

  /**
   * An unchanged article's body when the stored one is missing or damaged: decided again from its analysis
   * (cached, else made from its raw text) and this run's repetition counts — what the summary was made from.
   */
  function recomputeBody(slot: LazySlot, article: Article): DecisionBody {
    const { analysisKey, counts: articleCounts } = slot;
    const marker = analysisKey.slice(0, 16);
    const analysis = cache.get<ArticleAnalysis>(analysisKey) ?? options.analyseOne(options.withRaw ? options.withRaw(article) : article);
    const { value } = recordReported('clean', (report) => decisionOf(decideArticle({ article, analysis }, articleCounts, { ...ctx, report }, (index) => placeholder(marker, index))));
    return { paragraphs: value.paragraphs, removed: value.removed };
  }

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
/** What repetition needs of an article, from its analysis. */
function sourceOf(analysis: ArticleAnalysis): RepetitionSource {
  return { keys: analysis.paragraphs.map((p) => p.repeatKey), publisher: analysis.metadata.publisher ?? null };
}

/**
 * Keeps unread bodies from being collected. The store deletes entries unused for 30 days
 * (cache-store.ts `KEEP_DAYS`), and a lazy article's body is read only when a later stage's cache
 * misses — which is exactly when all of them are needed at once (a dedupe or summarise version
 * bump): each would then be decided again on the main thread. So on the first build of each day,
 * the bodies of a sixteenth of the lazy articles (by their decision key's first hex digit, a
 * different sixteenth each day) are read, which stamps them as used: every body is read at
 * least every 16 days. Cost: ~1 in 16 bodies read on one build a day (~6,000 at 100,000
 * articles). A store that could stamp an entry without reading it would make this cheaper
 * (proposed to cache-store.ts's owner).
 */
function refreshBodies(cache: StageCache, decisionKeys: readonly string[]): void {
  const day = today();
  if (cache.get<number>(REFRESHED_KEY) === day) return;
  // (A build with no lazy article wrote every body it has today: it only stamps the day.)
  const digit = (day % 16).toString(16);
  for (const key of decisionKeys) if (key[0] === digit) cache.get<DecisionBody>(bodyKeyOf(key));
  cache.set(REFRESHED_KEY, day);
}

const REFRESHED_KEY = sha256('decision-bodies-refreshed', '1');

/** Bump with the repetition rules (repetition.ts) or what a source holds. */
const MEMO_VERSION = '2';

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


/**
 * What every build reads of a cached decision: all of it but the cleaned text, which is in its body
 * entry (`bodyKeyOf`). About a third of the decision's bytes (messages most of them).
 */
interface DecisionSummary {
  paragraphsHash: string;
  paragraphCount: number;
  removedCount: number;
  metadata: Decision['metadata'];
}

type CachedSummary = { value: DecisionSummary; messages: Message[] };

/** Bump when what a decision entry holds changes (3: summary and body apart). */
const DECISION_VERSION = '3';

/** The key of a decision's body: its own entry, read only when a later stage reads the article's text. */
function bodyKeyOf(decisionKey: string): string {
  return hash('sha256', `body\u0000${decisionKey}`);
}

function summaryOf(decision: Decision): DecisionSummary {
  return { paragraphsHash: decision.paragraphsHash, paragraphCount: decision.paragraphs.length, removedCount: decision.removed.length, metadata: decision.metadata };
}

/**
 * A stored summary (an object, or its JSON text in a group of the older layout), if it has the shape this
 * version writes (its group's checksum already passed in the store); else undefined: decided again.
 */
function parseSummary(stored: StoredSummary): CachedSummary | undefined {
  let entry: CachedSummary;
  try {
    entry = (typeof stored === 'string' ? JSON.parse(stored) : stored) as CachedSummary;
  } catch {
    return undefined;
  }
  const value = entry?.value;
  const ok = typeof value?.paragraphsHash === 'string' && Number.isInteger(value.paragraphCount) && Number.isInteger(value.removedCount) && typeof value.metadata === 'object' && value.metadata !== null && Array.isArray(entry.messages);
  return ok ? entry : undefined;
}

/** What of a paragraph's repetition count a decision depends on, besides its label: 0 (not counted as repeated) or the weight class. */
function weightClass(count: number, minRepeats: number): number {
  return minRepeats > 0 && count >= minRepeats ? Math.min(count, 4) : 0;
}

/** Puts this run's repetition labels where a decision's text has placeholders (`placeholder`). */
function fillLabel(text: string, marker: string, counts: readonly number[]): string {
  const spans = placeholderSpans(text, marker);
  if (spans.length === 0) return text;
  let filled = '';
  let from = 0;
  for (const { at, end, index } of spans) {
    filled += text.slice(from, at) + repeatedLabel(counts[index] ?? 1);
    from = end + 1;
  }
  return filled + text.slice(from);
}

/** This run's repetition labels in the removals' reasons (never the paragraph texts). */
function fillReasons(removed: Removal[], marker: string, counts: readonly number[]): void {
  for (const removal of removed) removal.reason = fillLabel(removal.reason, marker, counts);
}

/**
 * The messages with this run's repetition labels in their reasons and signal labels (copies of those
 * that change; the rest as they are). Messages read packed (summary-groups.ts) share their reasons and
 * details, placeholders carrying their entry's marker: for them the filled texts are kept for the run
 * (`fills.texts`, by the counts their placeholders read), and a detail filled with the same labels is
 * one object for all its messages (`fills.details`) — a banner's holders all say "in N other
 * articles" with the same N, and `report.json` writes a shared detail's text once. Messages decided
 * now carry their article's own marker and are filled as they are (a first build has 100,000 of them).
 */
function filledMessages(messages: readonly Message[], marker: string, counts: readonly number[], fills: Fills, shared: boolean): Message[] {
  let texts = fills.texts.get(marker);
  if (shared && !texts) fills.texts.set(marker, (texts = new Map()));
  const fill = (text: string) => {
    if (!shared) return fillLabel(text, marker, counts);
    let known = texts!.get(text);
    if (!known) texts!.set(text, (known = { indices: placeholderIndices(text, marker), filled: new Map() }));
    return byCounts(known, counts, () => fillLabel(text, marker, counts)) ?? text;
  };
  return messages.map((message) => {
    const reason = fill(message.reason);
    const detail = message.detail;
    const signals = detail?.signals;
    let filledDetail = detail;
    if (Array.isArray(signals)) {
      const list = signals as { label?: unknown }[];
      if (!shared) filledDetail = withLabels(detail!, list, fill);
      else {
        // One filled detail per detail read and per the counts its labels' placeholders read.
        let known = fills.details.get(detail!);
        if (!known) fills.details.set(detail!, (known = { indices: list.flatMap((signal) => (typeof signal.label === 'string' ? placeholderIndices(signal.label, marker) : [])), filled: new Map() }));
        filledDetail = byCounts(known, counts, () => withLabels(detail!, list, fill)) ?? detail;
      }
    }
    if (reason === message.reason && filledDetail === detail) return message;
    const filled: Message = { ...message, reason };
    if (filledDetail !== detail) filled.detail = filledDetail;
    return filled;
  });
}

/** The detail with its signals' labels filled (`fill`): itself when none changes, else a copy. */
function withLabels(detail: Record<string, unknown>, signals: readonly { label?: unknown }[], fill: (text: string) => string): Record<string, unknown> {
  const labels = signals.map((signal) => (typeof signal.label === 'string' ? fill(signal.label) : signal.label));
  if (labels.every((label, k) => label === signals[k]!.label)) return detail;
  return { ...detail, signals: signals.map((signal, k) => (labels[k] !== signal.label ? { ...signal, label: labels[k] } : signal)) };
}

/** The counts' indices `fillLabel` reads for `text`'s placeholders. */
function placeholderIndices(text: string, marker: string): number[] {
  return placeholderSpans(text, marker).map((span) => span.index);
}

/**
 * Something filled with this run's labels, kept by the counts at the placeholders it reads
 * (`indices`): the same text or detail filled with the same counts is one string or object.
 */
interface ByCounts<T> {
  indices: number[];
  /** By the counts at `indices`, joined. */
  filled: Map<string, T>;
}

/** What `make` fills for these counts, made once per counts; undefined when there is no placeholder to fill. */
function byCounts<T>(known: ByCounts<T>, counts: readonly number[], make: () => T): T | undefined {
  if (known.indices.length === 0) return undefined;
  const key = known.indices.map((index) => counts[index] ?? 1).join(',');
  let filled = known.filled.get(key);
  if (filled === undefined) known.filled.set(key, (filled = make()));
  return filled;
}

/** What `filledMessages` keeps for the run, for messages read packed. */
interface Fills {
  /** Texts, by their entry's marker (which their placeholders carry), then by text. */
  texts: Map<string, Map<string, ByCounts<string>>>;
  /** Details, by the detail read. */
  details: WeakMap<object, ByCounts<Record<string, unknown>>>;
}

function decisionOf(cleaned: Article): Decision {
  const metadata = Object.fromEntries(METADATA_FIELDS.map((field) => [field, cleaned[field]])) as Decision['metadata'];
  return { paragraphs: cleaned.paragraphs, paragraphsHash: cleaned.paragraphsHash ?? paragraphsHash(cleaned.paragraphs), removed: cleaned.removed, metadata };
}

/** The cleaned article of a decision made now: eager (its text in hand, pooled). */
function applyDecision(article: Article, decision: Decision, pool: StringPool): Article {
  const { paragraphs, removed, metadata } = decision;
  // Pooled too: copies of one story have one text (dedupe folds them later).
  return { ...article, paragraphs, text: pool.of(paragraphs.map((p) => p.text).join('\n\n')), removed, paragraphsHash: decision.paragraphsHash, paragraphCount: paragraphs.length, removedCount: removed.length, ...metadata };
}

/** What a decided article's slot is left holding (keeps the array's element kind, holds nothing). */
const RELEASED = null as unknown as Article;

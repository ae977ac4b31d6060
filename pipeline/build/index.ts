import path from 'node:path';
import type { Config } from '../config/schema.ts';
import { ingestAll, withRaw } from '../ingest/index.ts';
import { unreadOrigin } from '../ingest/unchanged-files.ts';
import { stageCache } from '../common/cache.ts';
import { flushCacheStores } from '../common/cache-store.ts';
import { collectGarbage, fitHeapGrowth } from '../common/heap.ts';
import type { Reporter } from '../common/report.ts';
import type { StageContext } from '../common/context.ts';
import type { Article, Edition, Message, PipelineResult, StageName } from '../types.ts';
import type { OverrideHooks } from '../overrides/index.ts';
import { commitStaging, createStaging, discardStaging, recoverOut } from './atomic-out.ts';
import { overrideHooks } from '../overrides/index.ts';
import { writeReport } from './report-file.ts';
import { refuseOutDir } from './out-guard.ts';
import { inputsFingerprint, recordBuild, upToDateRecord, type BuildRecord } from './up-to-date.ts';

// Tests and tools write a report as the build does.
export { writeReport };

export interface BuildOptions {
  cwd: string;
  config: Config;
  reporter: Reporter;
  /** Only editions of this day, or within since…until (inclusive, `YYYY-MM-DD`). */
  date?: string;
  since?: string;
  until?: string;
  /** Warnings fail the build like errors. */
  strict?: boolean;
  /** Use the content-addressed cache (default true). */
  cache?: boolean;
  /**
   * Stop after ingest when nothing changed since the last build into the same `out/` (default true;
   * up-to-date.ts). `briefing build --force` turns it off, and `--verbose`: it prints every decision, which only the stages make.
   */
  reuseUpToDate?: boolean;
  /** Progress of a stage: `done` of `total` items. */
  onProgress?: (stage: StageName, done: number, total: number) => void;
}

/** What `build` prints at the end. */
export interface BuildSummary {
  articles: number;
  cleaned: number;
  removedBlocks: number;
  duplicates: number;
  stories: number;
  editions: string[];
  undated: number;
  warnings: number;
  errors: number;
  cacheHits: number;
  outDir: string;
  /** Whether `out/` was replaced (false when the build failed), or already held this build's output (`upToDate`). */
  written: boolean;
  /** Nothing changed since the last build into this `out/`: it was left as it was (up-to-date.ts). */
  upToDate: boolean;
}

/** Milliseconds spent in each stage of one run (for benchmarks and `--verbose`). */
export type StageTimings = Partial<Record<StageName, number>>;

/**
 * Runs ingest (files and feeds) → clean → dedupe → summarise, writing nothing
 * but the cache. Async because feeds are fetched over the network.
 */
export async function runPipeline(options: BuildOptions): Promise<PipelineResult & { cacheHits: number; timings: StageTimings }> {
  return finishPipeline(await startPipeline(options), options);
}

/** A pipeline run that has ingested its input (`startPipeline`), to be finished by `finishPipeline`. */
interface StartedPipeline {
  ingested: Article[];
  overrides: OverrideHooks;
  timings: StageTimings;
  lap: (stage: StageName) => void;
}

/** The editor's overrides read and the input ingested: after this, a build knows whether anything changed (up-to-date.ts). */
async function startPipeline(options: BuildOptions): Promise<StartedPipeline> {
  const timings: StageTimings = {};
  let mark = performance.now();
  const lap = (stage: StageName) => {
    const now = performance.now();
    timings[stage] = Math.round((now - mark) * 10) / 10;
    mark = now;
  };
  // Editor overrides (content/editions/YYYY-MM-DD.yaml, pipeline/overrides): kept paragraphs go into clean.keep.
  const overrides = overrideHooks(options.cwd, options.config, options.reporter);
  const ingested = await ingestAll(stageContext(options, overrides.config, 'ingest'), {
    onProgress: (done, total) => options.onProgress?.('ingest', done, total),
    // `check` (cache: false) writes nothing, not even stored feeds.
    writeCache: options.cache !== false,
    // Unchanged files are not read again; clean gets their raw text back (withRaw) if it needs it.
    skipUnchanged: true,
  });
  lap('ingest');
  return { ingested, overrides, timings, lap };
}

/** The share of the ingested articles read anew this run (new or changed files, feeds' items): the rest came from ingest's record of unchanged files. */
function freshShare(ingested: readonly Article[]): number {
  if (ingested.length === 0) return 0;
  let fresh = 0;
  for (const article of ingested) if (unreadOrigin(article) === undefined) fresh++;
  return fresh / ingested.length;
}

function stageContext(options: BuildOptions, config: Config, stage: StageName): StageContext {
  return { config, cwd: options.cwd, report: options.reporter.for(stage), caching: options.cache !== false };
}

/**
 * The stages after ingest, loaded when a run gets to them, as render is: a build with nothing
 * changed stops after ingest (up-to-date.ts) and never loads them. Their modules and what they set
 * up as they load (clean's lexicon of furniture cues, dedupe's word table) were ~110 ms of such a
 * build's ~510 ms, start to exit (1,000 articles, alternated six times: 403 against 513 ms).
 */
export async function laterStages() {
  const [{ cleanArticlesParallel }, { dedupeArticlesParallel }, { prefetchFeatures }, { summariseStoriesParallel }] = await Promise.all([
    import('../clean/index.ts'),
    import('../dedupe/index.ts'),
    import('../dedupe/feature-cache.ts'),
    import('../summarise/parallel.ts'),
  ]);
  return { cleanArticlesParallel, dedupeArticlesParallel, prefetchFeatures, summariseStoriesParallel };
}

/** Clean → dedupe → summarise on what `startPipeline` ingested. */
async function finishPipeline(started: StartedPipeline, options: BuildOptions): Promise<PipelineResult & { cacheHits: number; timings: StageTimings }> {
  const { cleanArticlesParallel, dedupeArticlesParallel, prefetchFeatures, summariseStoriesParallel } = await laterStages();
  const { ingested, overrides, timings, lap } = started;
  const { reporter } = options;
  const config = overrides.config;
  const ctx = (stage: StageName): StageContext => stageContext(options, config, stage);
  // Dedupe's feature pack is read on a worker thread while clean runs, when it is large (dedupe/feature-cache.ts).
  const prefetched = prefetchFeatures(ingested.length, ctx('dedupe'));
  options.onProgress?.('clean', 0, ingested.length);
  // In the CLI: a run of mostly unchanged files may let the heap grow more between full collections (common/heap.ts).
  fitHeapGrowth(freshShare(ingested));
  // Like every stage's cache, it reports a damaged entry itself (`build/corrupt-cache`).
  const cleanCtx = ctx('clean');
  const cache = stageCache(cleanCtx, 'clean');
  // Articles of unchanged files come from ingest without their raw text; clean reads it again only if it needs it.
  const stats = { reused: 0 };
  const articles = await cleanArticlesParallel(ingested, cleanCtx, cache, {
    releaseRaw: true,
    // Handed over: clean lets go of each ingested article (its raw text) once it is decided.
    consumeInput: true,
    withRaw: (article) => withRaw(article, cleanCtx),
    stats,
  });
  // Clean returned new articles: the ingested ones, raw text and all (hundreds of MB for a year), go now, not at the end of the build.
  ingested.length = 0;
  // Each stage's cache writes are committed as it ends (they are also committed whenever the event loop turns, and at exit).
  flushCacheStores();
  // In the CLI: clean's garbage (decisions read back, bodies written) goes before dedupe starts its workers (common/heap.ts).
  collectGarbage();
  lap('clean');
  options.onProgress?.('clean', articles.length, articles.length);
  options.onProgress?.('dedupe', 0, articles.length);
  // Features the cache lacks are computed on worker threads when there are enough of them to pay (dedupe README).
  const stories = overrides.stories(await dedupeArticlesParallel(articles, ctx('dedupe'), { prefetched }), articles);
  flushCacheStores();
  collectGarbage();
  lap('dedupe');
  options.onProgress?.('summarise', 0, stories.length);
  // Each edition is cached (`.cache/summarise/`): a rebuild redoes only the days, and in them the stories, that changed.
  const summariseCtx = ctx('summarise');
  const editions = overrides.editions(await summariseStoriesParallel(stories, articles, summariseCtx, stageCache(summariseCtx, 'summarise'))).filter((edition) => inRange(edition, options));
  flushCacheStores();
  lap('summarise');
  return { articles, stories, editions, messages: reporter.messages, cacheHits: stats.reused, timings };
}

/** What `build` gives back besides its summary: every message of the run and each stage's time. */
export interface BuildResult {
  messages: Message[];
  timings: StageTimings;
}

/**
 * The whole build: runs the pipeline, renders into a staging folder and swaps
 * it in as `out/` only if nothing failed. A failed build leaves `out/` as it was.
 * When nothing it reads changed since the last build into the same `out/`, and
 * `out/` is still what that build wrote, it stops after ingest (up-to-date.ts).
 */
export async function build(options: BuildOptions): Promise<{ result: BuildResult; summary: BuildSummary }> {
  const { cwd, config, reporter } = options;
  const outDir = path.resolve(cwd, config.out);
  // A build deletes its previous out folder whole: one that holds the project, the articles or the ledger is refused first.
  if (refuseOutDir(config.out, cwd, config, reporter.for('build'))) return refused(reporter, outDir);
  recoverOut(outDir);
  const started = await startPipeline(options);
  const fromIngest = reporter.messages.length;
  // The record of the last build lives with the stages' caches, so `--no-cache` and `check` neither read nor write it.
  // A build that runs every stage anyway (`--force`, `--verbose`) still leaves a record for the next one.
  const recorder = options.cache !== false ? { cache: stageCache({ config, cwd, caching: true, report: reporter.for('build') }, 'build'), inputs: inputsFingerprint(cwd, config, options, started.ingested) } : null;
  // A run whose ingest already said what fails a build (an error; a warning with --strict — say an unreadable
  // file, which adds no article) is not a no-op: it runs on and fails as any build would.
  const record = recorder && options.reuseUpToDate !== false && !fails(reporter, options) ? upToDateRecord(recorder.cache, outDir, recorder.inputs) : null;
  if (record) {
    started.ingested.length = 0;
    return upToDate(record, reporter, outDir, started.timings);
  }
  const { articles, ...result } = await finishPipeline(started, options);
  // Rendering reads the editions only. The cleaned articles (a year's texts: several hundred MB) are
  // let go before it, counted first for the summary: the year's build set its peak RSS while rendering.
  const counted = countArticles(articles);
  articles.length = 0;
  collectGarbage();
  const staging = createStaging(outDir);
  let written = false;
  try {
    options.onProgress?.('render', 0, result.editions.length);
    // Loaded here, not at the top: runPipeline alone (`check`, `dedupe`) never loads MJML.
    const { renderSite } = await import('../render/index.ts');
    const renderStart = performance.now();
    await renderSite(result.editions, { config, cwd, report: reporter.for('render'), caching: options.cache !== false }, staging);
    flushCacheStores();
    result.timings.render = Math.round((performance.now() - renderStart) * 10) / 10;
    options.onProgress?.('render', result.editions.length, result.editions.length);
    if (!fails(reporter, options)) {
      writeReport(staging, reporter.messages);
      commitStaging(staging, outDir);
      written = true;
    } else {
      discardStaging(staging);
    }
  } catch (error) {
    discardStaging(staging);
    throw error;
  }
  const summary = summarise(result, counted, outDir, written);
  if (written && recorder) {
    const { warnings: _w, errors: _e, outDir: _o, written: _x, upToDate: _u, ...figures } = summary;
    recordBuild(recorder.cache, outDir, recorder.inputs, figures, reporter.messages.slice(fromIngest).filter((m) => m.severity !== 'info'));
    flushCacheStores();
  }
  return { result: { messages: result.messages, timings: result.timings }, summary };
}

/** A build that did not start: its out folder may not be replaced (out-guard.ts, which said why). Nothing was read or written. */
function refused(reporter: Reporter, outDir: string): { result: BuildResult; summary: BuildSummary } {
  const summary: BuildSummary = { articles: 0, cleaned: 0, removedBlocks: 0, duplicates: 0, stories: 0, editions: [], undated: 0, warnings: reporter.count('warning'), errors: reporter.count('error'), cacheHits: 0, outDir, written: false, upToDate: false };
  return { result: { messages: reporter.messages, timings: {} }, summary };
}

/** Whether what the run said so far fails the build: an error, or with --strict a warning. */
function fails(reporter: Reporter, options: Pick<BuildOptions, 'strict'>): boolean {
  return reporter.count('error') > 0 || (options.strict === true && reporter.count('warning') > 0);
}

/** A build that found nothing changed (up-to-date.ts): `out/` as it is, the last build's figures and the warnings its stages said. */
function upToDate(record: BuildRecord, reporter: Reporter, outDir: string, timings: StageTimings): { result: BuildResult; summary: BuildSummary } {
  // Said again as the stages after ingest said them; report.json in out/ already holds them all.
  for (const message of record.messages) reporter.push(message);
  // (No stage ran, so none read its cache: `cacheHits` is 0.)
  const summary: BuildSummary = { ...record.figures, cacheHits: 0, warnings: reporter.count('warning'), errors: reporter.count('error'), outDir, written: true, upToDate: true };
  return { result: { messages: reporter.messages, timings }, summary };
}

function inRange(edition: Edition, options: BuildOptions): boolean {
  if (options.date && edition.date !== options.date) return false;
  if (options.since && edition.date < options.since) return false;
  if (options.until && edition.date > options.until) return false;
  return true;
}

/** What the build summary says of the articles. */
type ArticleCounts = Pick<BuildSummary, 'articles' | 'cleaned' | 'removedBlocks'>;

function countArticles(articles: readonly Article[]): ArticleCounts {
  return {
    articles: articles.length,
    // The counts, not the arrays: an unchanged article's paragraphs and removals are loaded only when read (clean/lazy-body.ts).
    cleaned: articles.filter((a) => (a.paragraphCount ?? a.paragraphs.length) > 0).length,
    removedBlocks: articles.reduce((n, a) => n + (a.removedCount ?? a.removed.length), 0),
  };
}

function summarise(result: Omit<PipelineResult, 'articles'> & { cacheHits?: number }, articles: ArticleCounts, outDir: string, written: boolean): BuildSummary {
  const members = result.stories.flatMap((s) => s.articles);
  return {
    ...articles,
    duplicates: members.filter((m) => m.role === 'duplicate').length,
    stories: result.stories.length,
    editions: result.editions.map((e) => e.date),
    undated: result.stories.filter((s) => s.date === null).length,
    warnings: result.messages.filter((m) => m.severity === 'warning').length,
    errors: result.messages.filter((m) => m.severity === 'error').length,
    cacheHits: result.cacheHits ?? 0,
    outDir,
    written,
    upToDate: false,
  };
}

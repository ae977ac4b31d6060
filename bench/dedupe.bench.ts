/**
 * Dedupe benchmark.
 *
 * 1. Story quality — ECB+ topics 1–30 (shared bench data, 663 documents): all
 *    documents clustered together by `dedupeArticles`, adjusted Rand index
 *    against the gold `cluster`, beside the baseline (word-unigram
 *    Jaccard ≥ 0.2, single link — and that baseline at its best threshold),
 *    computed here from the same tokens. Goal ARI ≥ 0.80.
 * 2. Near-duplicate recall — synthetic corpus (bench/corpus.ts: changed lead,
 *    inserted promo, reordered paragraphs, 5–30 % words changed): the pairs
 *    MinHash LSH finds vs the pairs an exact all-pairs Jaccard finds at the
 *    same threshold, with pairs/s for both. Goal recall ≥ 0.95.
 * 3. Scale — 1k, 10k, 100k synthetic articles through `dedupeArticlesParallel`
 *    (features on 2 worker threads), each
 *    size in its own process (so peak RSS is that size's): time, peak RSS,
 *    time ratio per 10×. Goals: ≤ 12× per 10×, 100k < 60 s, RSS < 2 GB.
 *
 * Run alone: node --import tsx bench/dedupe.bench.ts [--skip-scale] [--scale N]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { defaultConfig } from '../pipeline/config/schema.ts';
import { dedupeArticles, dedupeArticlesParallel } from '../pipeline/dedupe/index.ts';
import { chooseBanding, jaccard, lshCandidates, minhashSignature, shingleSet, signatureAgreement } from '../pipeline/dedupe/minhash.ts';
import { ESTIMATE_SHARE } from '../pipeline/dedupe/duplicates.ts';
import { standaloneReporter } from '../pipeline/common/report.ts';
import { tokenize } from '../pipeline/common/text.ts';
import { adjustedRandIndex } from './dedupe/ari.ts';
import { baselineAri, dedupeAri, loadEcb } from './dedupe/ecbplus.ts';
import { syntheticArticles } from './dedupe/synthetic.ts';
import { benchDataPath, emit, peakRssMb } from './shared-data.ts';

const args = process.argv.slice(2);
const scaleOnly = args.indexOf('--scale');

if (scaleOnly >= 0) {
  await scaleRun(Number(args[scaleOnly + 1]));
} else {
  storyQuality();
  nearDuplicateRecall(3000);
  if (!args.includes('--skip-scale')) scale([1000, 10_000, 100_000]);
}

function storyQuality(): void {
  const file = benchDataPath('ecbplus', 'ecbplus-dev.jsonl');
  if (!file) return;
  const docs = loadEcb(file);
  const result = dedupeAri(docs);
  const baseline = baselineAri(docs, 0.2);
  let best = { threshold: 0.2, ari: baseline };
  for (let t = 0.05; t <= 0.5001; t += 0.05) {
    const ari = baselineAri(docs, t);
    if (ari > best.ari) best = { threshold: Math.round(t * 100) / 100, ari };
  }
  emit({
    bench: 'dedupe/ecbplus',
    documents: docs.length,
    goldClusters: new Set(docs.map((d) => d.cluster)).size,
    stories: result.stories,
    ari: round(result.ari),
    goal: 0.8,
    baselineAri: round(baseline),
    baseline: 'word-unigram Jaccard >= 0.2, single link',
    baselineBest: { threshold: best.threshold, ari: round(best.ari) },
    ms: Math.round(result.ms),
  });
}

function nearDuplicateRecall(count: number): void {
  const config = defaultConfig().dedupe;
  const threshold = config.nearDuplicateThreshold;
  const { truth, articles } = syntheticArticles(count, 11);
  const shingles = articles.map((a) => shingleSet(tokenize(a.text), config.shingleSize));
  const pairs = (count * (count - 1)) / 2;

  let started = performance.now();
  const exact = new Set<string>();
  for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) if (jaccard(shingles[i]!, shingles[j]!) >= threshold) exact.add(`${i},${j}`);
  const exactMs = performance.now() - started;

  started = performance.now();
  const signatures = shingles.map((s) => minhashSignature(s, config.minhashSize));
  const found = new Set<string>();
  const candidates = lshCandidates(signatures, chooseBanding(config.minhashSize, threshold));
  // As the stage does: candidates whose signatures agree far below the threshold are not measured.
  let measured = 0;
  for (const [i, j] of candidates) {
    if (signatureAgreement(signatures[i]!, signatures[j]!) < threshold * ESTIMATE_SHARE) continue;
    measured++;
    if (jaccard(shingles[i]!, shingles[j]!) >= threshold) found.add(`${i},${j}`);
  }
  const lshMs = performance.now() - started;

  let hits = 0;
  for (const pair of exact) if (found.has(pair)) hits++;
  // The planted wire copies by edit, as the whole stage folds them (any duplicate kind).
  const { report } = standaloneReporter('dedupe');
  const full = defaultConfig();
  const stories = dedupeArticles(articles, { config: full, report, cwd: process.cwd(), caching: false });
  const copyOf = new Map<string, string>();
  for (const s of stories) for (const m of s.articles) if (m.duplicateOf) copyOf.set(m.articleId, m.duplicateOf);
  const sameStory = new Map<string, string>();
  for (const s of stories) for (const m of s.articles) sameStory.set(m.articleId, s.id);
  const byEdit: Record<string, { planted: number; folded: number }> = {};
  for (const t of truth) {
    if (!t.duplicateOf || !t.edit) continue;
    const entry = (byEdit[t.edit] ??= { planted: 0, folded: 0 });
    entry.planted++;
    const folded = copyOf.get(t.id) !== undefined || copyOf.get(t.duplicateOf) !== undefined;
    if (folded && sameStory.get(t.id) === sameStory.get(t.duplicateOf)) entry.folded++;
  }
  emit({
    bench: 'dedupe/near-duplicate-recall',
    articles: count,
    threshold,
    exactPairs: exact.size,
    lshFound: hits,
    recall: round(exact.size ? hits / exact.size : 1),
    goal: 0.95,
    lshCandidates: candidates.length,
    measuredCandidates: measured,
    allPairsPerSecond: Math.round(pairs / (exactMs / 1000)),
    lshPairsPerSecond: Math.round(pairs / (lshMs / 1000)),
    allPairsMs: Math.round(exactMs),
    lshMs: Math.round(lshMs),
    plantedCopiesFoldedByEdit: byEdit,
    storyAri: round(adjustedRandIndex(truth.map((t) => t.eventId), articles.map((a) => sameStory.get(a.id)!))),
  });
}

function scale(sizes: number[]): void {
  const self = fileURLToPath(import.meta.url);
  const results: Array<{ articles: number; ms: number; cpuMs: number; rssMb: number }> = [];
  for (const size of sizes) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=1792', self, '--scale', String(size)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const line = run.stdout.trim().split('\n').at(-1);
    if (run.status !== 0 || !line) {
      emit({ bench: 'dedupe/scale', articles: size, error: `exit ${run.status}` });
      continue;
    }
    const record = JSON.parse(line) as { articles: number; ms: number; cpuMs: number; rssMb: number };
    results.push(record);
    process.stdout.write(line + '\n');
  }
  const ratios = results.slice(1).map((r, i) => round(r.ms / results[i]!.ms));
  const cpuRatios = results.slice(1).map((r, i) => round(r.cpuMs / results[i]!.cpuMs));
  const last = results.at(-1);
  emit({
    bench: 'dedupe/scale-summary',
    sizes: results.map((r) => r.articles),
    seconds: results.map((r) => round(r.ms / 1000)),
    ratioPer10x: ratios,
    cpuSeconds: results.map((r) => round(r.cpuMs / 1000)),
    cpuRatioPer10x: cpuRatios,
    goalRatio: 12,
    largestSeconds: last ? round(last.ms / 1000) : null,
    goalSeconds: 60,
    largestRssMb: last?.rssMb ?? null,
    goalRssMb: 2048,
  });
}

async function scaleRun(size: number): Promise<void> {
  // The stage never reads `raw` (it works on cleaned text): drop it so the input itself
  // does not dominate the peak RSS being measured.
  const articles = syntheticArticles(size, 3).articles.map((a) => ({ ...a, raw: '' }));
  global.gc?.();
  const { report, reporter } = standaloneReporter('dedupe');
  const config = defaultConfig();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  // Per-article features on worker threads (2 cores), the rest in this process.
  const stories = await dedupeArticlesParallel(articles, { config, report, cwd: process.cwd(), caching: false }, { workers: 2 });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  emit({
    bench: 'dedupe/scale',
    // CPU time beside wall time: on a shared machine the wall clock also counts other processes.
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    workers: 2,
    articles: size,
    stories: stories.length,
    duplicates: stories.reduce((n, s) => n + s.articles.filter((m) => m.role === 'duplicate').length, 0),
    messages: reporter.messages.length,
    ms: Math.round(ms),
    articlesPerSecond: Math.round(size / (ms / 1000)),
    rssMb: peakRssMb(),
  });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

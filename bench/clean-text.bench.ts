/**
 * Clean stage benchmark for plain text (the HTML extraction benchmark is
 * `extraction.bench.ts`).
 *
 * On the synthetic corpus (bench/corpus.ts: per-publisher banners glued to the
 * date line and promo paragraphs inside the body, built from phrase parts, with
 * the truth of which paragraphs are the article's own):
 * - furniture recall: share of boilerplate blocks removed;
 * - text retention: share of the articles' own paragraphs kept whole;
 * - wrongly removed: article paragraphs removed (should be 0);
 * each with the collection pass (as `build` runs) and with every article cleaned
 * alone (as `extract FILE` runs, no repetition across articles).
 * - speed: articles/second cold, the same with the analysis on worker threads
 *   (`cleanArticlesParallel`, as `build` runs it; CLEAN_WORKERS, default 2),
 *   and a rebuild from the disk cache.
 *
 * Then, when the shared bench data is present: the 181 pages of the
 * article-extraction-benchmark through `extractHtml` alone and through the whole
 * clean stage (extraction + these paragraph rules on top, as `build` runs it),
 * scored with the benchmark's metric (bench/extraction/score.ts) — so the rules
 * are shown to help, not hurt, on real pages from other sites.
 *
 * Run alone: node --import tsx bench/clean-text.bench.ts [N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cleanArticles, cleanArticlesParallel } from '../pipeline/clean/index.ts';
import { defaultConfig } from '../pipeline/config/schema.ts';
import { makeArticle } from '../pipeline/ingest/article.ts';
import { DiskCache } from '../pipeline/common/cache.ts';
import { standaloneReporter } from '../pipeline/common/report.ts';
import type { Article } from '../pipeline/types.ts';
import { generateCorpus, type SyntheticArticle } from './corpus.ts';
import { loadPages, loadTruth } from './extraction/data.ts';
import { scoreOutputs } from './extraction/score.ts';
import { extractHtml } from '../pipeline/clean/html/index.ts';
import { benchDataPath, emit, peakRssMb } from './shared-data.ts';

const N = Number(process.argv[2] ?? 2000);
const config = defaultConfig();
const corpus = generateCorpus({ articles: N, seed: 11 });
const articles = corpus.map((s) =>
  makeArticle({ id: s.id, origin: { file: `${s.id}.txt` }, format: 'txt', raw: s.text, date: s.date, dateSource: s.date ? 'date-line' : null }),
);

function score(cleaned: Article[], truth: SyntheticArticle[]) {
  let furniture = 0;
  let furnitureRemoved = 0;
  let own = 0;
  let ownKept = 0;
  let wronglyRemoved = 0;
  cleaned.forEach((article, i) => {
    const t = truth[i]!;
    const kept = new Set(article.paragraphs.map((p) => p.text));
    const removed = new Set(article.removed.map((r) => r.text));
    for (const b of t.boilerplate) {
      furniture++;
      if (!kept.has(b) && ![...kept].some((k) => k.includes(b))) furnitureRemoved++;
    }
    for (const p of t.paragraphs) {
      own++;
      if (kept.has(p)) ownKept++;
      if (removed.has(p)) wronglyRemoved++;
    }
  });
  const pct = (a: number, b: number) => Math.round((a / Math.max(b, 1)) * 10000) / 100;
  return { furnitureRecallPct: pct(furnitureRemoved, furniture), textRetentionPct: pct(ownKept, own), wronglyRemoved, furnitureBlocks: furniture, ownParagraphs: own };
}

const run = (list: Article[], cache?: DiskCache) => cleanArticles(list, { config, cwd: process.cwd(), report: standaloneReporter('clean').report }, cache);

let start = performance.now();
const together = run(articles);
const coldMs = performance.now() - start;
emit({ bench: 'clean-text', mode: 'collection', articles: N, ...score(together, corpus), articlesPerSecond: Math.round(N / (coldMs / 1000)) });

// The build's path: the per-article analysis on worker threads (every core), the collection pass here.
// Same output, byte for byte; the speed-up is what two cores give minus starting the workers.
{
  const workers = Number(process.env.CLEAN_WORKERS ?? 2);
  const startedAt = performance.now();
  const parallel = await cleanArticlesParallel(articles, { config, cwd: process.cwd(), report: standaloneReporter('clean').report }, undefined, { workers, minItems: 0 });
  const parallelMs = performance.now() - startedAt;
  emit({
    bench: 'clean-text',
    mode: 'parallel',
    articles: N,
    workers,
    sequentialMs: Math.round(coldMs),
    parallelMs: Math.round(parallelMs),
    sequentialMsPerArticle: Math.round((coldMs / N) * 1000) / 1000,
    parallelMsPerArticle: Math.round((parallelMs / N) * 1000) / 1000,
    speedup: Math.round((coldMs / parallelMs) * 100) / 100,
    identical: JSON.stringify(parallel) === JSON.stringify(together),
  });
}

const alone = articles.map((a) => run([a])[0]!);
emit({ bench: 'clean-text', mode: 'each-alone', articles: N, ...score(alone, corpus) });

const dir = mkdtempSync(path.join(tmpdir(), 'briefing-clean-bench-'));
try {
  run(articles, new DiskCache(dir, 'clean'));
  start = performance.now();
  const cache = new DiskCache(dir, 'clean');
  const rebuilt = run(articles, cache);
  const warmMs = performance.now() - start;
  emit({
    bench: 'clean-text',
    mode: 'rebuild-from-cache',
    articles: N,
    coldMs: Math.round(coldMs),
    warmMs: Math.round(warmMs),
    cacheHits: cache.hits,
    identical: JSON.stringify(rebuilt) === JSON.stringify(together),
    peakRssMb: peakRssMb(),
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const pagesDir = benchDataPath('article-extraction-benchmark');
if (pagesDir) {
  const truth = new Map([...loadTruth(pagesDir)].map(([id, v]) => [id, v.text]));
  const pages = loadPages(pagesDir);
  const alone = new Map(pages.map((p) => [p.id, extractHtml(p.html, { timeZone: 'UTC', url: p.url }).paragraphs.map((x) => x.text).join('\n')]));
  const pageArticles = pages.map((p) => makeArticle({ id: p.id, origin: { file: `${p.id}.html` }, format: 'html', raw: p.html, url: p.url }));
  const staged = new Map(run(pageArticles).map((a) => [a.id, a.paragraphs.map((x) => x.text).join('\n')]));
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  for (const [extractor, outputs] of [['extractHtml alone', alone], ['clean stage (extractHtml + paragraph rules)', staged]] as const) {
    const s = scoreOutputs(truth, outputs);
    emit({ bench: 'clean-text', mode: 'html-pages', extractor, pages: pages.length, f1: r3(s.f1), precision: r3(s.precision), recall: r3(s.recall) });
  }
}

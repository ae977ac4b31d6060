/**
 * Summarise benchmark.
 *
 * 1. Quality: the Multi-News dev clusters in the shared bench data (50
 *    multi-document clusters with one human reference each; licence:
 *    non-commercial research — read from the shared folder, never copied into
 *    the repository). Each cluster is summarised at 260 words through the same
 *    path as `briefing summarise` (clean, then summarise) and scored with
 *    ROUGE-1/2/L F1 as google-research `rouge_score` computes it (bench/rouge.ts),
 *    beside two baselines scored by the same code.
 * 2. Speed: a year of editions (365 dates × 12 stories of 3 articles each,
 *    synthetic text) through `summariseStories`.
 *
 * Run alone: node --import tsx bench/summarise.bench.ts
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { defaultConfig } from '../pipeline/config/schema.ts';
import { standaloneReporter } from '../pipeline/common/report.ts';
import { summariseStories } from '../pipeline/summarise/index.ts';
import { storyFromRecord, summarisePrepared } from '../pipeline/summarise/standalone.ts';
import { makeArticle } from '../pipeline/ingest/article.ts';
import type { Article, Paragraph, Story } from '../pipeline/types.ts';
import { benchDataPath, emit, peakRssMb } from './shared-data.ts';
import { rouge, type RougeScores } from './rouge.ts';
import { firstSentences, plainTextRank } from './summarise/baselines.ts';

const WORDS = 260;
const config = defaultConfig();

interface Cluster {
  id: string;
  articles: { title?: string; text: string }[];
  references: string[];
}

function mean(scores: RougeScores[]): { r1: number; r2: number; rL: number } {
  const avg = (pick: (s: RougeScores) => number): number => Math.round((scores.reduce((sum, s) => sum + pick(s), 0) / Math.max(scores.length, 1)) * 1000) / 10;
  return { r1: avg((s) => s.rouge1.fmeasure), r2: avg((s) => s.rouge2.fmeasure), rL: avg((s) => s.rougeL.fmeasure) };
}

function quality(): void {
  const file = benchDataPath('summ', 'multinews-dev.jsonl');
  if (!file) return;
  const clusters: Cluster[] = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Cluster);
  const { report } = standaloneReporter('summarise');
  const ctx = { config, cwd: process.cwd(), report };
  const ours: RougeScores[] = [];
  const lead3: RougeScores[] = [];
  const textrank: RougeScores[] = [];
  let words = 0;
  const started = performance.now();
  let ourMs = 0;
  for (const [n, cluster] of clusters.entries()) {
    const reference = cluster.references[0] ?? '';
    const t0 = performance.now();
    const prepared = storyFromRecord(cluster, { file, line: n + 1 }, ctx);
    const summary = typeof prepared === 'string' ? '' : summarisePrepared(prepared, ctx, WORDS).summary;
    ourMs += performance.now() - t0;
    words += summary.split(/\s+/).filter(Boolean).length;
    ours.push(rouge(reference, summary));
    lead3.push(rouge(reference, firstSentences(cluster.articles)));
    textrank.push(rouge(reference, plainTextRank(cluster.articles, WORDS)));
  }
  const table = [
    { system: 'first-3 sentences of each article', ...mean(lead3), measuredByIssue: 'R1 39.5 / R2 12.5' },
    { system: 'plain TextRank + redundancy filter', ...mean(textrank), measuredByIssue: 'R1 43.7 / R2 13.5' },
    { system: 'briefing (summarise stage)', ...mean(ours), goal: 'R1 >= 45 / R2 >= 15' },
  ];
  process.stderr.write(`\nMulti-News dev (${clusters.length} clusters, ${WORDS} words, ROUGE F1 x100, rouge_score tokenization + Porter stemming)\n`);
  process.stderr.write(`${'system'.padEnd(38)} ${'R1'.padStart(6)} ${'R2'.padStart(6)} ${'RL'.padStart(6)}\n`);
  for (const row of table) process.stderr.write(`${row.system.padEnd(38)} ${row.r1.toFixed(1).padStart(6)} ${row.r2.toFixed(1).padStart(6)} ${row.rL.toFixed(1).padStart(6)}\n`);
  const best = mean(ours);
  emit({
    bench: 'summarise-rouge',
    dataset: 'multinews-dev',
    clusters: clusters.length,
    words: WORDS,
    table,
    goalMet: best.r1 >= 45 && best.r2 >= 15,
    meanSummaryWords: Math.round(words / Math.max(clusters.length, 1)),
    msPerCluster: Math.round((ourMs / Math.max(clusters.length, 1)) * 10) / 10,
    totalMs: Math.round(performance.now() - started),
  });
}

/** Deterministic pseudo-random numbers (mulberry32), so the synthetic year is the same every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLER = `the a of to in and on for with said at by from as after before over government minister officials police report
week country city people year talks plan deal support new former state public national court vote leaders group`.split(/\s+/);

function syntheticYear(): { stories: Story[]; articles: Article[] } {
  const rand = random(20250101);
  const pick = <T,>(list: T[]): T => list[Math.floor(rand() * list.length)]!;
  // A fixed vocabulary of 20,000 pseudo-words drawn with a Zipf-like skew, as real news vocabulary is.
  const letters = [...'bcdfghjklmnprstvwz'];
  const vowels = [...'aeiou'];
  const vocabulary = Array.from({ length: 20_000 }, () => {
    let w = '';
    for (let i = 0; i < 2 + Math.floor(rand() * 3); i++) w += pick(letters) + pick(vowels);
    return w;
  });
  const word = (): string => vocabulary[Math.floor(vocabulary.length * rand() ** 2)]!;
  const stories: Story[] = [];
  const articles: Article[] = [];
  const start = Date.UTC(2025, 0, 1);
  for (let day = 0; day < 365; day++) {
    const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
    for (let s = 0; s < 12; s++) {
      const topic = Array.from({ length: 12 }, () => word());
      const names = Array.from({ length: 4 }, () => word().replace(/^./, (c) => c.toUpperCase()));
      const members: Story['articles'] = [];
      for (let a = 0; a < 3; a++) {
        const paragraphs: Paragraph[] = [];
        for (let p = 0; p < 20; p++) {
          const length = 12 + Math.floor(rand() * 20);
          const tokens = Array.from({ length }, () => (rand() < 0.3 ? pick(topic) : rand() < 0.15 ? pick(names) : rand() < 0.5 ? pick(FILLER) : word()));
          paragraphs.push({ type: 'paragraph', text: `${names[0]} ${tokens.join(' ')}.` });
        }
        const id = `${date}/${s}/${a}`;
        const article = makeArticle({ id, origin: { file: `${id}.txt` }, format: 'txt', raw: '', date });
        article.paragraphs = paragraphs;
        article.text = paragraphs.map((p) => p.text).join('\n\n');
        articles.push(article);
        members.push({ articleId: id, role: a === 0 ? 'canonical' : 'related', similarity: a === 0 ? 1 : 0.5, publisher: null });
      }
      stories.push({ id: `${date}-${s}`, date, dateSource: 'record', articles: members, reasons: [] });
    }
  }
  return { stories, articles };
}

function speed(): void {
  const { stories, articles } = syntheticYear();
  const { report, reporter } = standaloneReporter('summarise');
  const started = performance.now();
  const cpu = process.cpuUsage();
  const editions = summariseStories(stories, articles, { config, cwd: process.cwd(), report });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  emit({
    bench: 'summarise-year',
    editions: editions.length,
    stories: stories.length,
    articles: articles.length,
    seconds: Math.round(ms / 100) / 10,
    // CPU time of this process: what the wall-clock figure would be on an idle core.
    cpuSeconds: Math.round((used.user + used.system) / 100_000) / 10,
    msPerStory: Math.round((ms / stories.length) * 100) / 100,
    messages: reporter.messages.length,
    peakRssMb: peakRssMb(),
  });
}

quality();
speed();

/**
 * Main-content extraction against the article-extraction-benchmark (181 news
 * pages with ground truth), scored with the benchmark's own metric
 * (bench/extraction/score.ts), next to the published outputs of trafilatura
 * and Readability.js scored by the same code; then speed and peak RSS of ours
 * and of @mozilla/readability + jsdom, each in its own child process, in one run:
 * a speed run of each (V8 collects as it likes) and a memory run of each (a full
 * collection between pages, so peak RSS is what one page needs).
 *
 *   node --import tsx bench/extraction.bench.ts
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDataPath, emit } from './shared-data.ts';
import { loadPublished, loadTruth } from './extraction/data.ts';
import { scoreOutputs } from './extraction/score.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = benchDataPath('article-extraction-benchmark');

interface WorkerResult {
  name: string;
  pages: number;
  failures: number;
  seconds: number;
  cpuSeconds: number;
  pagesPerSecond: number;
  pagesPerCpuSecond: number;
  peakRssMb: number;
  outputs: Record<string, string>;
}

function runWorker(name: string, dataDir: string, mode: 'speed' | 'memory'): WorkerResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(here, 'extraction', 'worker.ts'), name, dataDir, mode], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`extractor "${name}" failed (exit ${result.status})`);
  return JSON.parse(result.stdout) as WorkerResult;
}

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

if (dir) {
  const truth = new Map([...loadTruth(dir)].map(([id, v]) => [id, v.text]));
  // Speed runs let V8 collect as it likes; memory runs collect between pages (see worker.ts).
  const ours = runWorker('ours', dir, 'speed');
  const readability = runWorker('readability', dir, 'speed');
  const oursMemory = runWorker('ours', dir, 'memory');
  const readabilityMemory = runWorker('readability', dir, 'memory');
  const scored: [string, Map<string, string>][] = [
    ['briefing', new Map(Object.entries(ours.outputs))],
    ['trafilatura (published)', loadPublished(dir, 'trafilatura')],
    ['readability.js (published)', loadPublished(dir, 'readability_js')],
    ['readability.js + jsdom (run here)', new Map(Object.entries(readability.outputs))],
  ];
  for (const [extractor, outputs] of scored) {
    const s = scoreOutputs(truth, outputs);
    emit({ bench: 'extraction', metric: 'quality', extractor, pages: truth.size, f1: round(s.f1), precision: round(s.precision), recall: round(s.recall) });
  }
  for (const [r, memory] of [
    [ours, oursMemory],
    [readability, readabilityMemory],
  ] as const) {
    emit({
      bench: 'extraction',
      metric: 'speed',
      extractor: r.name === 'ours' ? 'briefing' : 'readability.js + jsdom',
      pages: r.pages,
      failures: r.failures,
      seconds: round(r.seconds, 2),
      cpuSeconds: round(r.cpuSeconds, 2),
      pagesPerSecond: round(r.pagesPerSecond, 1),
      pagesPerCpuSecond: round(r.pagesPerCpuSecond, 1),
      // Peak RSS of the speed run (V8 collecting lazily) and of the memory run (collected between pages).
      peakRssMbLazyGc: r.peakRssMb,
      peakRssMb: memory.peakRssMb,
    });
  }
  // The goal compares pages per CPU second: on a shared machine wall time depends on what else
  // runs while each child runs; CPU time is the extractor's own cost. Wall-clock is printed too.
  const speedRatio = ours.pagesPerCpuSecond / readability.pagesPerCpuSecond;
  const wallSpeedRatio = ours.pagesPerSecond / readability.pagesPerSecond;
  const rssRatio = oursMemory.peakRssMb / readabilityMemory.peakRssMb;
  const lazyGcRssRatio = ours.peakRssMb / readability.peakRssMb;
  const quality = scoreOutputs(truth, new Map(Object.entries(ours.outputs)));
  emit({
    bench: 'extraction',
    metric: 'goals',
    speedRatio: round(speedRatio, 2),
    wallSpeedRatio: round(wallSpeedRatio, 2),
    rssRatio: round(rssRatio, 2),
    lazyGcRssRatio: round(lazyGcRssRatio, 2),
    speedGoalMet: speedRatio >= 5,
    rssGoalMet: rssRatio <= 1 / 3,
    qualityGoalMet: quality.f1 >= 0.97 && quality.precision >= 0.95 && quality.recall >= 0.95,
  });
}

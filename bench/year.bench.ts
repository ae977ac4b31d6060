/**
 * A year of news (issue 10): 100,000 articles over 365 days — wire copies,
 * reworded reports and publisher boilerplate from bench/corpus.ts — built by
 * the real CLI (`node pipeline/cli/bin.mjs build --verbose`) in a child
 * process. Prints, as JSON lines, against the goals on 2 cores:
 *
 *   full       full build time and peak RSS (goal < 5 min, < 2 GB), per-stage ms
 *   new-day    rebuild after adding one day's 300 articles (goal < 10 s)
 *   scaling    the same build at a tenth of the size; time ratio (goal ≤ 12×)
 *
 * Sizes come from the environment so a quick run is possible:
 *   YEAR_ARTICLES=100000   articles in the year (default 100,000)
 *   YEAR_DAYS=365          days they span
 *   YEAR_NEW_DAY=300       articles added for the incremental rebuild (0 = skip)
 *   YEAR_SCALE_FROM=10000  the small size of the scaling pair (default YEAR_ARTICLES / 10; 0 = skip)
 *   YEAR_TIMEOUT_MS        bound on one build (default 30 min); a build over it is reported, not hidden
 *
 *   YEAR_ARTICLES=5000 node --import tsx bench/year.bench.ts
 *
 * Peak RSS is the child's maximum resident set from `/usr/bin/time -v` (GNU
 * time); where that is missing, from a `process.resourceUsage()` wrapper.
 * Needs no shared data: the corpus is generated and seeded.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays } from '../pipeline/common/dates.ts';
import { generateCorpus, writeCorpus } from './corpus.ts';
import { emit } from './shared-data.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(REPO, 'pipeline/cli/bin.mjs');
const ARTICLES = Number(process.env.YEAR_ARTICLES ?? 100_000);
const DAYS = Number(process.env.YEAR_DAYS ?? 365);
const NEW_DAY = Number(process.env.YEAR_NEW_DAY ?? 300);
const SCALE_FROM = Number(process.env.YEAR_SCALE_FROM ?? Math.round(ARTICLES / 10));
const TIMEOUT = Number(process.env.YEAR_TIMEOUT_MS ?? 30 * 60_000);
const START = '2025-01-01';
const GOALS = { fullMs: 5 * 60_000, peakRssMb: 2048, newDayMs: 10_000, scaling: 12 };

interface BuildRun {
  ms: number;
  peakRssMb: number | null;
  status: number | null;
  timings: Record<string, number>;
  timedOut?: boolean;
  stderrTail?: string;
}

/** A wrapper that prints the child's own peak RSS, for machines without GNU time. */
const RSS_WRAPPER = `
const { main } = await import(${JSON.stringify(path.join(REPO, 'pipeline/cli/main.ts'))});
process.exitCode = await main(process.argv.slice(2));
process.on('exit', () => process.stderr.write('\\nMaximum resident set size (kbytes): ' + process.resourceUsage().maxRSS + '\\n'));
`;

function runBuild(cwd: string): BuildRun {
  const gnuTime = existsSync('/usr/bin/time');
  let command: string;
  let args: string[];
  if (gnuTime) {
    command = '/usr/bin/time';
    args = ['-v', process.execPath, BIN, 'build', '--verbose', '--quiet'];
  } else {
    const wrapper = path.join(cwd, 'rss-wrapper.mjs');
    writeFileSync(wrapper, RSS_WRAPPER);
    command = process.execPath;
    args = ['--import', 'tsx', wrapper, 'build', '--verbose', '--quiet'];
  }
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: TIMEOUT, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, BRIEFING_CONFIG: '' } });
  const ms = Math.round(performance.now() - started);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr ?? '');
  const timingLine = /timings\s+(.*)/.exec(result.stdout ?? '')?.[1] ?? '';
  const timings = Object.fromEntries([...timingLine.matchAll(/(\w+) (\d+) ms/g)].map((m) => [m[1]!, Number(m[2])]));
  const run: BuildRun = { ms, peakRssMb: rss ? Math.round(Number(rss[1]) / 102.4) / 10 : null, status: result.status, timings };
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') run.timedOut = true;
  if (result.status !== 0) run.stderrTail = (result.stderr ?? '').slice(-800);
  return run;
}

function workspace(articles: number): string {
  const cwd = mkdtempSync(path.join(tmpdir(), `briefing-year-${articles}-`));
  const started = performance.now();
  writeCorpus(path.join(cwd, 'content'), generateCorpus({ articles, days: DAYS, seed: 365, startDate: START }));
  emit({ bench: 'year', case: 'corpus', articles, days: DAYS, writeMs: Math.round(performance.now() - started) });
  return cwd;
}

const round = (n: number) => Math.round(n * 100) / 100;

async function main(): Promise<void> {
  const big = workspace(ARTICLES);
  try {
    const full = runBuild(big);
    emit({
      bench: 'year',
      case: 'full',
      articles: ARTICLES,
      ...full,
      goals: { ms: GOALS.fullMs, peakRssMb: GOALS.peakRssMb },
      pass: full.status === 0 && full.ms < GOALS.fullMs && (full.peakRssMb ?? Infinity) < GOALS.peakRssMb,
    });
    if (full.status !== 0) return;

    // One more day of news: NEW_DAY articles dated the day after the year ends, in their own folder (ids are paths, so no clash).
    if (NEW_DAY > 0) {
      const day = addDays(START, DAYS);
      writeCorpus(path.join(big, 'content', `day-${day}`), generateCorpus({ articles: NEW_DAY, days: 1, seed: 366, startDate: day }));
      const newDay = runBuild(big);
      emit({ bench: 'year', case: 'new-day', articles: ARTICLES, added: NEW_DAY, ...newDay, goalMs: GOALS.newDayMs, pass: newDay.status === 0 && newDay.ms < GOALS.newDayMs });
    }

    if (SCALE_FROM > 0 && SCALE_FROM < ARTICLES) {
      const small = workspace(SCALE_FROM);
      try {
        const smallRun = runBuild(small);
        const ratio = round(full.ms / smallRun.ms);
        const perStage = Object.fromEntries(Object.entries(full.timings).map(([stage, ms]) => [stage, smallRun.timings[stage] ? round(ms / smallRun.timings[stage]!) : null]));
        emit({
          bench: 'year',
          case: 'scaling',
          from: SCALE_FROM,
          to: ARTICLES,
          sizeRatio: round(ARTICLES / SCALE_FROM),
          smallMs: smallRun.ms,
          smallPeakRssMb: smallRun.peakRssMb,
          smallTimings: smallRun.timings,
          fullMs: full.ms,
          ratio,
          perStage,
          goal: GOALS.scaling,
          pass: smallRun.status === 0 && ratio <= GOALS.scaling,
        });
      } finally {
        rmSync(small, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(big, { recursive: true, force: true });
  }
}

await main();

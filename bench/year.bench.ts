/**
 * A year of news (issue 10): 100,000 articles over 365 days — wire copies,
 * reworded reports and publisher boilerplate from bench/corpus.ts — built by
 * the real CLI (`briefing build`, as `pipeline/cli/bin.mjs` runs it) in a child
 * process. Prints, as JSON lines, against the goals on 2 cores:
 *
 *   full       full build time and peak RSS (goal < 5 min, < 2 GB), per stage:
 *              time, the RSS high-water mark when the stage ended, and which
 *              stage raised the peak
 *   new-day    rebuild after adding one day's 300 articles (goal < 10 s), repeated on the
 *              same built year (YEAR_NEW_DAY_RUNS, default 3); the goal is judged on the median
 *   scaling    the same build at a tenth of the size; time ratio (goal ≤ 12×)
 *   goals      every figure beside its goal, with pass/fail (wall time, and CPU
 *              time beside it; each build also says the load average when it
 *              started and ended, since the machine may be shared)
 *
 * Sizes come from the environment so a quick run is possible:
 *   YEAR_ARTICLES=100000   articles in the year (default 100,000)
 *   YEAR_DAYS=365          days they span
 *   YEAR_NEW_DAY=300       articles added for the incremental rebuild (0 = skip)
 *   YEAR_NEW_DAY_RUNS=3    how many times that rebuild is repeated on the same built year (median judged)
 *   YEAR_SCALE_FROM=10000  the small size of the scaling pair (default YEAR_ARTICLES / 10; 0 = skip)
 *   YEAR_TIMEOUT_MS        bound on one build (default 30 min); a build over it is reported, not hidden
 *   YEAR_WORKERS           config `workers` for the builds (default: the config default, every core)
 *
 *   YEAR_ARTICLES=5000 node --import tsx bench/year.bench.ts
 *
 * How it measures: the child is a small wrapper that loads the CLI's `main` as bin.mjs does (the
 * compiled JavaScript of dist/ when it is current, else the sources through tsx; each figure says
 * which, `code`) and calls `main(['build'])`. It watches the CLI's
 * own progress lines ("clean: N items" is printed when ingest ends, and so
 * on) and notes, at each, the time, the CPU time used so far and the
 * process's RSS high-water mark (`getrusage`, worker threads included) — so the per-stage figures come
 * from the real build, not from a second instrumented one. Stage times:
 * `ingest` includes start-up and config; `render` includes writing report.json
 * and swapping out/ in. Needs no shared data: the corpus is generated and seeded.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { addDays } from '../pipeline/common/dates.ts';
import { keepBuild, settleWrites } from './built-state.ts';
import { generateCorpus, writeCorpus } from './corpus.ts';
import { emit, median } from './shared-data.ts';
// @ts-expect-error plain JavaScript (bin.mjs loads it before anything TypeScript), no types
import { compiledMain } from '../pipeline/cli/compiled.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ARTICLES = Number(process.env.YEAR_ARTICLES ?? 100_000);
const DAYS = Number(process.env.YEAR_DAYS ?? 365);
const NEW_DAY = Number(process.env.YEAR_NEW_DAY ?? 300);
const NEW_DAY_RUNS = Math.max(1, Number(process.env.YEAR_NEW_DAY_RUNS ?? 3));
const SCALE_FROM = Number(process.env.YEAR_SCALE_FROM ?? Math.round(ARTICLES / 10));
const TIMEOUT = Number(process.env.YEAR_TIMEOUT_MS ?? 30 * 60_000);
const WORKERS = process.env.YEAR_WORKERS ? Number(process.env.YEAR_WORKERS) : null;
const START = '2025-01-01';
const GOALS = { fullMs: 5 * 60_000, peakRssMb: 2048, newDayMs: 10_000, scaling: 12 };
const STAGES = ['ingest', 'clean', 'dedupe', 'summarise', 'render'] as const;
type Stage = (typeof STAGES)[number];

interface StageFigures {
  ms: number;
  /**
   * CPU time of the build process in the stage (all threads: user + system). On a shared,
   * loaded machine wall time stretches with the load; CPU time much less, so it is the
   * figure to compare between runs. Above `ms`, the stage used more than one core.
   */
  cpuMs: number;
  /** RSS high-water mark of the build when the stage ended (MB). */
  peakRssMbAtEnd: number;
  /** How much the stage raised that high-water mark (MB). */
  peakRiseMb: number;
  /** RSS when the stage ended (MB). */
  rssMbAtEnd: number;
}

interface BuildRun {
  /** Which code the build ran: the compiled JavaScript of dist/, or the sources through tsx. */
  code: 'compiled' | 'source';
  ms: number;
  /** CPU time of the whole build process (all threads). */
  cpuMs: number | null;
  peakRssMb: number | null;
  status: number | null;
  /** Milliseconds per stage, as a compact record. */
  timings: Partial<Record<Stage, number>>;
  stages: Partial<Record<Stage, StageFigures>>;
  /** The stage that raised the RSS high-water mark the most. */
  peakIn: Stage | null;
  /**
   * Load average (1 min) of the machine when the build started and ended: on a machine
   * shared with other work, wall times stretch with it (CPU times far less).
   */
  loadAverage: { start: number; end: number };
  summary?: string;
  timedOut?: boolean;
  stderrTail?: string;
}

/**
 * The child: the CLI's `main(['build'])` with tsx registered like bin.mjs
 * does, noting time and RSS at each progress line. Other lines (warnings) are
 * not forwarded: the run's messages are all in out/report.json.
 */
/**
 * The code the CLI runs (as bin.mjs chooses it): the compiled JavaScript of dist/ while it is the
 * compilation of the sources as they are, else the sources through tsx. Until session 19 this
 * benchmark always ran the sources through tsx, which a user's `briefing build` after `npm install`
 * does not: the same new day took ~20 % longer that way (clean 7.9 against 6.3 s, dedupe 11.9
 * against 9.5–10.2 s, measured in place). Each figure says which code it measured (`code`).
 */
const COMPILED: string | null = compiledMain();
const CODE = COMPILED ? 'compiled' : 'source';

const WRAPPER = `
${COMPILED ? '' : `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};\nregister();`}
const started = performance.now();
const marks = [];
const mark = (stage) => {
  const usage = process.resourceUsage();
  marks.push({ stage, t: Math.round(performance.now() - started), cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000), maxRssKb: usage.maxRSS, rssKb: Math.round(process.memoryUsage.rss() / 1024) });
};
const progressLine = /^(ingest|clean|dedupe|summarise|render): \\d+ items?\\n$/;
const stderrWrite = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) => {
  const text = String(chunk);
  const line = progressLine.exec(text);
  if (line) mark(line[1]);
  else if (!/: (warning|info): /.test(text)) return stderrWrite(chunk, ...rest);
  return true;
};
const { main } = await import(${JSON.stringify(COMPILED ?? pathToFileURL(path.join(REPO, 'pipeline/cli/main.ts')).href)});
process.exitCode = await main(process.argv.slice(2));
mark('end');
stderrWrite('\\nYEAR-BENCH ' + JSON.stringify({ marks }) + '\\n');
`;

function runBuild(cwd: string): BuildRun {
  const wrapper = path.join(cwd, 'year-bench-build.mjs');
  writeFileSync(wrapper, WRAPPER);
  if (WORKERS !== null) writeFileSync(path.join(cwd, 'briefing.config.json'), JSON.stringify({ workers: WORKERS }));
  settleWrites();
  const loadStart = round(loadavg()[0]!);
  const started = performance.now();
  const result = spawnSync(process.execPath, [wrapper, 'build'], {
    cwd,
    encoding: 'utf8',
    timeout: TIMEOUT,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, BRIEFING_CONFIG: '' },
  });
  const ms = Math.round(performance.now() - started);
  const report = /YEAR-BENCH (.*)/.exec(result.stderr ?? '')?.[1];
  const marks = report ? (JSON.parse(report) as { marks: { stage: string; t: number; cpuMs: number; maxRssKb: number; rssKb: number }[] }).marks : [];
  const mb = (kb: number) => Math.round(kb / 102.4) / 10;
  // A stage runs from the progress line of the stage before it ended (ingest: from the start) to its successor's line.
  const stages: Partial<Record<Stage, StageFigures>> = {};
  const timings: Partial<Record<Stage, number>> = {};
  // The stage that raised the RSS high-water mark the most (a later stage may nudge it a little).
  let peakIn: Stage | null = null;
  let biggestRise = 0;
  let previousPeak = 0;
  STAGES.forEach((stage, i) => {
    const startMark = i === 0 ? { t: 0, cpuMs: 0 } : marks.find((m) => m.stage === stage);
    const endMark = marks.find((m) => m.stage === (STAGES[i + 1] ?? 'end'));
    if (!startMark || !endMark) return;
    const rise = Math.max(0, endMark.maxRssKb - previousPeak);
    stages[stage] = {
      ms: endMark.t - startMark.t,
      cpuMs: endMark.cpuMs - startMark.cpuMs,
      peakRssMbAtEnd: mb(endMark.maxRssKb),
      peakRiseMb: mb(rise),
      rssMbAtEnd: mb(endMark.rssKb),
    };
    timings[stage] = endMark.t - startMark.t;
    if (rise > biggestRise) {
      biggestRise = rise;
      peakIn = stage;
    }
    previousPeak = Math.max(previousPeak, endMark.maxRssKb);
  });
  const end = marks.find((m) => m.stage === 'end');
  const loadAverage = { start: loadStart, end: round(loadavg()[0]!) };
  const run: BuildRun = { code: CODE, ms, cpuMs: end ? end.cpuMs : null, peakRssMb: end ? mb(end.maxRssKb) : null, status: result.status, timings, stages, peakIn, loadAverage };
  const summary = /cleaned\s+(.*)/.exec(result.stdout ?? '')?.[1];
  if (summary) run.summary = summary.trim();
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
  const goals: Record<string, { value: number | null; goal: string; pass: boolean }> = {};
  const big = workspace(ARTICLES);
  try {
    const full = runBuild(big);
    const fullPass = full.status === 0 && full.ms < GOALS.fullMs;
    const rssPass = full.status === 0 && (full.peakRssMb ?? Infinity) < GOALS.peakRssMb;
    emit({ bench: 'year', case: 'full', articles: ARTICLES, days: DAYS, ...full, goals: { ms: GOALS.fullMs, peakRssMb: GOALS.peakRssMb }, pass: fullPass && rssPass });
    goals.fullBuildS = { value: full.ms / 1000, goal: `< ${GOALS.fullMs / 1000} s`, pass: fullPass };
    // CPU seconds beside it: what the build cost whatever else the machine was doing (above the wall time: more than one core).
    goals.fullBuildCpuS = { value: full.cpuMs === null ? null : full.cpuMs / 1000, goal: `wall < ${GOALS.fullMs / 1000} s on 2 cores`, pass: fullPass };
    goals.peakRssMb = { value: full.peakRssMb, goal: `< ${GOALS.peakRssMb} MB`, pass: rssPass };
    if (full.status !== 0) return;

    // One more day of news: NEW_DAY articles dated the day after the year ends, in their own folder (ids are paths, so no clash).
    // Added NEW_DAY_RUNS times to the same built year: after each run the day's folder is removed and the year's
    // cache and out/ are put back, so every run is the same rebuild and the goal is judged on their median.
    if (NEW_DAY > 0) {
      const day = addDays(START, DAYS);
      const folder = path.join(big, 'content', `day-${day}`);
      // Its cache and out/ as the full build left them (out/ as hard links: built-state.ts says why).
      const year = NEW_DAY_RUNS > 1 ? keepBuild(big) : null;
      const runs: BuildRun[] = [];
      for (let run = 0; run < NEW_DAY_RUNS; run++) {
        if (run > 0) {
          rmSync(folder, { recursive: true, force: true });
          year!.restore();
        }
        writeCorpus(folder, generateCorpus({ articles: NEW_DAY, days: 1, seed: 366, startDate: day }));
        const newDay = runBuild(big);
        runs.push(newDay);
        emit({ bench: 'year', case: 'new-day', run: run + 1, of: NEW_DAY_RUNS, articles: ARTICLES, added: NEW_DAY, ...newDay, goalMs: GOALS.newDayMs, pass: newDay.status === 0 && newDay.ms < GOALS.newDayMs });
        if (newDay.status !== 0) break;
      }
      const ok = runs.every((run) => run.status === 0);
      const ms = median(runs.map((run) => run.ms));
      const cpu = runs.every((run) => run.cpuMs !== null) ? median(runs.map((run) => run.cpuMs!)) : null;
      const pass = ok && ms < GOALS.newDayMs;
      if (runs.length > 1) emit({ bench: 'year', case: 'new-day-median', runs: runs.length, ms, cpuMs: cpu, allMs: runs.map((run) => run.ms), goalMs: GOALS.newDayMs, pass });
      goals.newDayS = { value: ms / 1000, goal: `< ${GOALS.newDayMs / 1000} s (median of ${runs.length})`, pass };
      goals.newDayCpuS = { value: cpu === null ? null : cpu / 1000, goal: `wall < ${GOALS.newDayMs / 1000} s`, pass };
      year?.discard();
    }

    if (SCALE_FROM > 0 && SCALE_FROM < ARTICLES) {
      const small = workspace(SCALE_FROM);
      try {
        const smallRun = runBuild(small);
        const ratio = round(full.ms / smallRun.ms);
        const perStage = Object.fromEntries(
          STAGES.map((stage) => {
            const big = full.timings[stage];
            const little = smallRun.timings[stage];
            return [stage, big !== undefined && little ? round(big / little) : null];
          }),
        );
        const pass = smallRun.status === 0 && ratio <= GOALS.scaling;
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
          // CPU time is less stretched by other load on the machine than wall time: the steadier ratio.
          cpuRatio: full.cpuMs && smallRun.cpuMs ? round(full.cpuMs / smallRun.cpuMs) : null,
          perStage,
          goal: GOALS.scaling,
          pass,
        });
        goals.scalingRatio = { value: ratio, goal: `≤ ${GOALS.scaling}× for ${round(ARTICLES / SCALE_FROM)}× the articles`, pass };
      } finally {
        rmSync(small, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(big, { recursive: true, force: true });
    emit({ bench: 'year', case: 'goals', articles: ARTICLES, ...goals });
  }
}

await main();

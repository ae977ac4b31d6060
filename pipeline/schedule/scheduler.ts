import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../config/schema.ts';
import { addDays, dayInTimeZone } from '../common/dates.ts';
import { Reporter } from '../common/report.ts';
import { dayComplete, defaultBuild, runDay, type DayRunOptions, type DayRunResult } from './run.ts';

export interface SchedulerOptions {
  cwd: string;
  config: Config;
  env: NodeJS.ProcessEnv;
  /** A fresh reporter per run (the CLI prints its messages as they come). */
  newReporter?: () => Reporter;
  /** The clock (tests move it; default: the real one). */
  now?: () => Date;
  build?: DayRunOptions['build'];
  /** Called after every run with its day and result. */
  onRun?: (date: string, result: DayRunResult, reason: 'catch-up' | 'scheduled') => void;
}

export class InvalidCronError extends Error {}

/**
 * `briefing schedule`: build + send on `schedule.cron` in the configured
 * timezone. Runs never overlap (node-cron `noOverlap` in this process, the
 * state lock across processes). `stop()` lets the current run finish.
 */
export class Scheduler {
  private task: ScheduledTask | null = null;
  private current: Promise<unknown> = Promise.resolve();
  private running = false;
  private readonly abort = new AbortController();

  constructor(private readonly options: SchedulerOptions) {
    if (!cron.validate(options.config.schedule.cron)) throw new InvalidCronError(`schedule.cron "${options.config.schedule.cron}" is not a valid cron expression`);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** The edition a run at `instant` sends: that day in the configured timezone, shifted by `schedule.dayOffset`. */
  dayFor(instant: Date): string {
    return addDays(dayInTimeZone(instant, this.options.config.timezone), this.options.config.schedule.dayOffset);
  }

  /**
   * The days to catch up at start: the last `catchUpDays` days, and today if
   * its scheduled time has passed, that no run finished. Oldest first.
   */
  missedDays(): string[] {
    const { config, cwd } = this.options;
    const now = this.now();
    const today = this.dayFor(now);
    const days: string[] = [];
    for (let back = config.schedule.catchUpDays; back >= 1; back--) days.push(addDays(today, -back));
    if (this.firedEarlierToday(now)) days.push(today);
    return days.filter((day) => !dayComplete(cwd, config, day));
  }

  /** Whether the cron expression matched any minute between local midnight and `now`. */
  private firedEarlierToday(now: Date): boolean {
    const probe = cron.createTask(this.options.config.schedule.cron, () => undefined, { timezone: this.options.config.timezone });
    try {
      const startOfMinute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
      const today = dayInTimeZone(now, this.options.config.timezone);
      for (let t = startOfMinute.getTime(); ; t -= 60_000) {
        const instant = new Date(t);
        if (dayInTimeZone(instant, this.options.config.timezone) !== today) return false;
        if (probe.match(instant)) return true;
      }
    } finally {
      void probe.destroy();
    }
  }

  /**
   * Runs several days one after another (catch-up, `--once`), building the
   * site once for all of them: one build already holds every day's edition.
   */
  async runDays(days: { date: string; reason: 'catch-up' | 'scheduled' }[]): Promise<void> {
    let built: Promise<boolean> | null = null;
    const build = this.options.build;
    const buildOnce: NonNullable<DayRunOptions['build']> = (options) => (built ??= build ? build(options) : defaultBuild(options));
    for (const { date, reason } of days) {
      if (this.abort.signal.aborted || this.stopping) return;
      await this.runNow(date, reason, buildOnce);
    }
  }

  /** Runs one day now, unless a run is already going on (then it is skipped: the next tick or catch-up covers it). */
  async runNow(date: string, reason: 'catch-up' | 'scheduled', build = this.options.build): Promise<DayRunResult | null> {
    if (this.running) return null;
    this.running = true;
    const reporter = this.options.newReporter?.() ?? new Reporter();
    const run = runDay({ cwd: this.options.cwd, config: this.options.config, env: this.options.env, reporter, date, signal: this.abort.signal, ...(build ? { build } : {}) });
    this.current = run.catch(() => undefined);
    try {
      const result = await run;
      this.options.onRun?.(date, result, reason);
      return result;
    } finally {
      this.running = false;
    }
  }

  /** Catch up on missed days, then run on the schedule. */
  async start(): Promise<void> {
    await this.runDays(this.missedDays().map((date) => ({ date, reason: 'catch-up' as const })));
    if (this.stopping) return;
    this.task = cron.schedule(
      this.options.config.schedule.cron,
      async (context) => {
        await this.runNow(this.dayFor(this.options.now ? this.now() : context.date), 'scheduled');
      },
      { timezone: this.options.config.timezone, noOverlap: true, name: 'briefing' },
    );
  }

  private stopping = false;

  /** Stops scheduling and waits for the current run to finish. With `abortSend`, the send stops after the messages in flight. */
  async stop(options: { abortSend?: boolean } = {}): Promise<void> {
    this.stopping = true;
    if (options.abortSend) this.abort.abort();
    if (this.task) {
      await this.task.stop();
      await this.task.destroy();
      this.task = null;
    }
    await this.current;
  }

  get busy(): boolean {
    return this.running;
  }

  nextRun(): Date | null {
    return this.task?.getNextRun() ?? null;
  }
}

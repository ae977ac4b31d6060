import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/schema.ts';
import { acquireLock, describeHolder } from '../deliver/lock.ts';
import { Ledger } from '../deliver/ledger.ts';
import { sendEdition, type SendSummary } from '../deliver/send.ts';
import { editionDir } from '../deliver/edition.ts';
import type { Reporter } from '../common/report.ts';

export interface DayRunOptions {
  cwd: string;
  config: Config;
  env: NodeJS.ProcessEnv;
  reporter: Reporter;
  date: string;
  /** Stops the send part early (in-flight messages finish); the run is then incomplete. */
  signal?: AbortSignal;
  /**
   * How the site is built. Default: the real `build` over the content folder.
   * Returns false when the build failed.
   */
  build?: (options: { cwd: string; config: Config; reporter: Reporter }) => Promise<boolean>;
}

export type DayRunResult =
  | { status: 'sent'; summary: SendSummary }
  | { status: 'no-edition' }
  | { status: 'locked'; holder: string }
  | { status: 'failed'; summary?: SendSummary };

export async function defaultBuild(options: { cwd: string; config: Config; reporter: Reporter }): Promise<boolean> {
  const { build } = await import('../build/index.ts');
  const { summary } = await build(options);
  return summary.written;
}

/**
 * One scheduled run: build the site, then send the day's edition. Holds the
 * state lock for the whole run, so two schedulers (or a scheduler and a
 * manual `send`) never overlap; the ledger makes a repeated run a no-op.
 */
export async function runDay(options: DayRunOptions): Promise<DayRunResult> {
  const { cwd, config, reporter, date } = options;
  const report = reporter.for('schedule');
  const locked = acquireLock(path.resolve(cwd, config.state), `briefing schedule ${date}`);
  if (!locked.ok) {
    const holder = describeHolder(locked);
    report.warn({ ruleId: 'schedule/locked', reason: `skipped the ${date} run: ${holder} is still running` });
    return { status: 'locked', holder };
  }
  try {
    if (config.schedule.build) {
      const built = await (options.build ?? defaultBuild)({ cwd, config, reporter });
      if (!built) {
        report.error({ ruleId: 'schedule/build-failed', reason: `the build failed; the ${date} edition was not sent (out/ keeps the previous build)` });
        return { status: 'failed' };
      }
    }
    if (!existsSync(path.join(editionDir(cwd, config, date), 'edition.json'))) {
      report.info({ ruleId: 'schedule/no-edition', reason: `no edition for ${date} (no dated stories that day); nothing to send` });
      return { status: 'no-edition' };
    }
    const summary = await sendEdition({ cwd, config, env: options.env, reporter, date, ...(options.signal ? { signal: options.signal } : {}) });
    const ok = summary.started && summary.deferred === 0 && summary.notAttempted === 0 && reporter.count('error') === 0;
    return ok ? { status: 'sent', summary } : { status: 'failed', summary };
  } finally {
    locked.lock.release();
  }
}

/** True when an earlier run finished this day's edition with nobody left (catch-up skips it). */
export function dayComplete(cwd: string, config: Config, date: string): boolean {
  const ledger = new Ledger(path.resolve(cwd, config.state));
  try {
    return ledger.isComplete(date);
  } finally {
    ledger.close();
  }
}

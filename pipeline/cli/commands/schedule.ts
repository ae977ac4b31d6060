import { InvalidCronError, Scheduler } from '../../schedule/scheduler.ts';
import type { DayRunResult } from '../../schedule/run.ts';
import { Reporter } from '../../common/report.ts';
import { COMMON_HELP, dayFlag, flag, type CliIO, type Command } from '../command.ts';
import { loadCommandConfig } from '../load.ts';
import { formatMessage } from '../print.ts';
import { formatSendSummary, redactError } from './send.ts';

export const scheduleCommand: Command = {
  name: 'schedule',
  summary: 'build and send on the configured cron schedule',
  help: `Usage: briefing schedule [--once [--date YYYY-MM-DD]] [options]

Runs build + send on schedule.cron (default "0 7 * * *") in the configured
timezone, until stopped. At start it catches up on missed days (the last
schedule.catchUpDays days, and today if its time has passed) that no run
finished; the send ledger makes this safe — nobody gets a day twice.

Runs never overlap: a run still going when the next is due is not doubled,
and a lock file in state/ keeps other processes (another scheduler, a manual
send) out while one runs.

SIGINT/SIGTERM: stop scheduling, let the current run finish, exit. A second
signal also stops the send after the messages in flight (recorded; a rerun
sends the rest). A third exits at once.

Takes the same environment as "briefing send" (SMTP_URL, BRIEFING_FROM,
BRIEFING_SECRET, BRIEFING_SUBSCRIBERS…).

Options:
  --once              catch up, run the current day now, and exit (for system cron, CI)
  --date YYYY-MM-DD   with --once: run exactly this day
  --verbose           also print every decision
${COMMON_HELP}`,
  options: { once: { type: 'boolean' }, date: { type: 'string' }, verbose: { type: 'boolean' } },
  async run(args, io) {
    const loaded = loadCommandConfig(args, io);
    if (loaded.messages.some((m) => m.severity === 'error')) return 1;
    const date = dayFlag(args, 'date');
    const quiet = flag(args, 'quiet');
    const verbose = flag(args, 'verbose');
    const log = (line: string) => {
      if (!quiet) io.stdout.write(`${new Date().toISOString()} ${line}\n`);
    };
    let failures = 0;
    let scheduler: Scheduler;
    try {
      scheduler = new Scheduler({
        cwd: io.cwd,
        config: loaded.config,
        env: io.env,
        newReporter: () => {
          const reporter = new Reporter();
          reporter.onMessage = (m) => {
            if (m.severity === 'error' || (!quiet && (m.severity === 'warning' || verbose))) io.stderr.write(formatMessage(m) + '\n');
          };
          return reporter;
        },
        onRun: (day, result, reason) => {
          if (result.status === 'failed') failures++;
          log(`${reason} run for ${day}: ${describe(result, io)}`);
        },
      });
    } catch (error) {
      if (error instanceof InvalidCronError) {
        io.stderr.write(`briefing schedule: ${error.message}\n`);
        return 1;
      }
      throw error;
    }

    const signals = handleSignals(scheduler, io, log);
    try {
      if (flag(args, 'once')) {
        const today = scheduler.dayFor(new Date());
        const days = date ? [date] : [...new Set([...scheduler.missedDays(), today])];
        await scheduler.runDays(days.map((day) => ({ date: day, reason: day === today || date ? ('scheduled' as const) : ('catch-up' as const) })));
        return failures ? 1 : 0;
      }
      log(`schedule "${loaded.config.schedule.cron}" in ${loaded.config.timezone}`);
      await scheduler.start();
      const next = scheduler.nextRun();
      if (next) log(`next run ${next.toISOString()}`);
      await signals.untilStopped();
      return 0;
    } catch (error) {
      io.stderr.write(`briefing schedule: ${redactError(error, io.env)}\n`);
      return 1;
    } finally {
      signals.dispose();
    }
  },
};

function describe(result: DayRunResult, io: CliIO): string {
  switch (result.status) {
    case 'sent':
      return formatSendSummary(result.summary, io.cwd).split('\n')[0]!;
    case 'no-edition':
      return 'no edition that day; nothing sent';
    case 'locked':
      return `skipped: ${result.holder} is running`;
    case 'failed':
      return result.summary ? `incomplete — ${formatSendSummary(result.summary, io.cwd).split('\n')[0]}` : 'failed (see errors above)';
  }
}

function handleSignals(scheduler: Scheduler, io: CliIO, log: (line: string) => void) {
  let count = 0;
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  const onSignal = (name: NodeJS.Signals) => {
    count++;
    if (count === 1) {
      log(`${name}: no new runs; ${scheduler.busy ? 'finishing the current run' : 'exiting'}`);
      void scheduler.stop().then(resolveStopped);
    } else if (count === 2) {
      log(`${name}: stopping the send after the messages in flight`);
      void scheduler.stop({ abortSend: true });
    } else {
      io.stderr.write(`${name}: exiting now\n`);
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stopped: () => count > 0,
    untilStopped: () => stopped,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

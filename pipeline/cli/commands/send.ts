import path from 'node:path';
import { sendEdition, type SendSummary } from '../../deliver/send.ts';
import { readDeliverEnv, redact, secretValues } from '../../deliver/env.ts';
import { dayInTimeZone } from '../../common/dates.ts';
import { Reporter } from '../../common/report.ts';
import { COMMON_HELP, dayFlag, flag, str, type CliIO, type Command } from '../command.ts';
import { loadCommandConfig } from '../load.ts';
import { formatMessage } from '../print.ts';
import { Progress } from '../progress.ts';
import { describeSystemError, isSystemError } from '../fs-error.ts';

export const sendCommand: Command = {
  name: 'send',
  summary: 'send an edition to the subscribers, exactly once each',
  help: `Usage: briefing send [--date YYYY-MM-DD] [options]

Sends the edition's email.html + email.txt (building the site first if the
edition is not in out/) to every subscriber who has not had it yet. Each
delivery is recorded in state/briefing.sqlite only once the server accepted
it, so a rerun sends nothing new and an interrupted run can simply be rerun.

Environment (secrets come only from here, never from the config file):
  SMTP_URL               smtp://host:587 or smtps://user:pass@host:465 (pooled)
  BRIEFING_FROM          From address, e.g. "Briefing <news@example.org>"
  BRIEFING_SECRET        key that signs unsubscribe links (required)
  BRIEFING_SUBSCRIBERS   comma-separated addresses, or a CSV/YAML file
  BRIEFING_BASE_URL      where the archive lives (unsubscribe links)
  BRIEFING_DKIM_PRIVATE_KEY, BRIEFING_DKIM_SELECTOR, BRIEFING_DKIM_DOMAIN  optional DKIM

Options:
  --date YYYY-MM-DD   the edition to send (default: today in the configured timezone)
  --dry-run           write the exact messages to out/outbox/<date>/*.eml; send nothing
  --to ADDR           send one test copy to ADDR; not recorded as a delivery
  --retry-failed      also retry recipients refused permanently before
  --out DIR           where the rendered site is (default: out)
  --verbose           also print every decision (retries, duplicates)
${COMMON_HELP}

On SIGINT/SIGTERM the messages in flight finish and are recorded; nobody else
is started. Exit 0 when every subscriber has the edition (or was refused
permanently, which is reported); 1 when some are left for a rerun or on error.`,
  options: {
    date: { type: 'string' },
    'dry-run': { type: 'boolean' },
    to: { type: 'string' },
    'retry-failed': { type: 'boolean' },
    out: { type: 'string' },
    verbose: { type: 'boolean' },
  },
  async run(args, io) {
    const loaded = loadCommandConfig(args, io, { out: 'out' });
    if (loaded.messages.some((m) => m.severity === 'error')) return 1;
    const config = loaded.config;
    const date = dayFlag(args, 'date') ?? dayInTimeZone(new Date(), config.timezone);
    const quiet = flag(args, 'quiet');
    const reporter = new Reporter();
    const progress = new Progress(io.stderr, Progress.modeFor(io.stderr, quiet));
    reporter.onMessage = (message) => {
      if (message.severity === 'error' || (!quiet && (message.severity === 'warning' || flag(args, 'verbose')))) {
        progress.done();
        io.stderr.write(formatMessage(message) + '\n');
      }
    };
    const stop = stopOnSignals(io);
    try {
      const to = str(args, 'to');
      const summary = await sendEdition({
        cwd: io.cwd,
        config,
        env: io.env,
        reporter,
        date,
        dryRun: flag(args, 'dry-run'),
        retryFailed: flag(args, 'retry-failed'),
        signal: stop.signal,
        onProgress: (done, total) => progress.update('deliver', done, total),
        ...(to !== undefined ? { to } : {}),
      });
      progress.done();
      const ok = sendSucceeded(summary, reporter);
      if (!quiet || !ok) io.stdout.write(formatSendSummary(summary, io.cwd) + '\n');
      return ok ? 0 : 1;
    } catch (error) {
      // An unexpected error may quote the SMTP URL or a key: never print it unmasked.
      progress.done();
      io.stderr.write(`briefing send: ${redactError(error, io.env)}\n`);
      return 1;
    } finally {
      stop.dispose();
    }
  },
};

export function redactError(error: unknown, env: NodeJS.ProcessEnv): string {
  // A full or read-only disk is said in a sentence (pipeline/cli/fs-error.ts), other errors with their stack.
  const text = isSystemError(error) ? describeSystemError(error, process.cwd()) : error instanceof Error ? (error.stack ?? error.message) : String(error);
  return redact(text, secretValues(readDeliverEnv(env)));
}

export function sendSucceeded(summary: SendSummary, reporter: Reporter): boolean {
  return summary.started && reporter.count('error') === 0 && summary.deferred === 0 && summary.notAttempted === 0;
}

/**
 * First SIGINT/SIGTERM: stop starting new messages, let those in flight finish
 * and be recorded. A second one exits at once (the ledger still holds: rows
 * in flight stay "sending" and are resolved by the next run).
 */
export function stopOnSignals(io: CliIO): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    io.stderr.write(`\n${name}: finishing the messages in flight, then stopping (again to quit now)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

export function formatSendSummary(s: SendSummary, cwd: string): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const seconds = `${(s.elapsedMs / 1000).toFixed(1)} s`;
  if (!s.started) return `Nothing sent for ${s.edition}: see the errors above.`;
  if (s.testCopy) return s.sent ? `Sent a test copy of ${s.edition} via ${s.transport} (not recorded).` : `The test copy of ${s.edition} was not sent.`;
  if (s.dryRun) return `Dry run for ${s.edition}: ${plural(s.sent, 'message')} written to ${path.relative(cwd, s.outbox ?? '') || s.outbox}/ (nothing sent; ${s.alreadySent} already had it, ${s.unsubscribed} unsubscribed).`;
  const lines = [`Sent ${s.edition}: ${plural(s.sent, 'message')} in ${seconds}${s.transport ? ` via ${s.transport}` : ''}`];
  lines.push(`  subscribers   ${s.subscribers}`);
  lines.push(`  already sent  ${s.alreadySent}`);
  lines.push(`  unsubscribed  ${s.unsubscribed}`);
  if (s.inDoubt) lines.push(`  in doubt      ${s.inDoubt} (from an interrupted run)`);
  if (s.failed || s.failedBefore) lines.push(`  refused       ${s.failed}${s.failedBefore ? ` (+${s.failedBefore} in earlier runs)` : ''}`);
  if (s.deferred) lines.push(`  deferred      ${s.deferred} (temporary failures; rerun to retry)`);
  if (s.notAttempted) lines.push(`  not attempted ${s.notAttempted} (stopped; rerun to send)`);
  return lines.join('\n');
}

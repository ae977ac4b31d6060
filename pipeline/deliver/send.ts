import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config/schema.ts';
import type { Reporter } from '../common/report.ts';
import { partialDkim, readDeliverEnv, redact, secretValues, ENV, type DeliverEnv } from './env.ts';
import { loadRenderedEdition } from './edition.ts';
import { Ledger, type DeliveryRow } from './ledger.ts';
import { acquireLock, describeHolder } from './lock.ts';
import { composeMessage, planMessages, type MessagePlan, type Recipient } from './message.ts';
import { RateLimiter } from './rate-limit.ts';
import { classifyError, type Outcome } from './smtp-errors.ts';
import { isValidAddress, loadSubscribers, splitNameAddress } from './subscribers.ts';
import { createDeliveryTransport, TransportConfigError, type DeliveryTransport } from './transport.ts';

export interface SendOptions {
  cwd: string;
  config: Config;
  /** Where SMTP_URL, BRIEFING_SECRET, BRIEFING_SUBSCRIBERS and the DKIM key are read. */
  env: NodeJS.ProcessEnv;
  reporter: Reporter;
  /** The edition (`YYYY-MM-DD`). */
  date: string;
  /** Write the exact messages to `out/outbox/<date>/` and send nothing. */
  dryRun?: boolean;
  /** Send one test copy to this address; nothing is recorded. */
  to?: string;
  /** Also try recipients that failed permanently before (after fixing an address). */
  retryFailed?: boolean;
  /** Aborting stops taking new recipients; messages in flight finish and are recorded. */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface SendSummary {
  edition: string;
  /** Valid, distinct subscribers read. */
  subscribers: number;
  /** Accepted by the server in this run (or written to the outbox in a dry run). */
  sent: number;
  alreadySent: number;
  unsubscribed: number;
  /** Permanently refused in this run. */
  failed: number;
  /** Refused permanently in an earlier run, not retried. */
  failedBefore: number;
  /** Temporary failures that outlasted the retries: the next run tries again. */
  deferred: number;
  /** Left "in doubt" by an interrupted run: resent (or skipped, per deliver.inDoubt). */
  inDoubt: number;
  /** Not attempted because the run was stopped or aborted on a fatal error. */
  notAttempted: number;
  dryRun: boolean;
  testCopy: boolean;
  outbox?: string;
  transport?: string;
  elapsedMs: number;
  /** True when the run could start (From, secret, edition, subscribers, transport all fine). */
  started: boolean;
}

/**
 * Sends one edition to every subscriber exactly once (see README "Exactly
 * once"). Each recipient is marked `sending` (fsynced) before it is handed to
 * the transport and `sent` as soon as the server accepts it; a rerun skips
 * `sent` and permanently `failed` rows, so it sends nothing new.
 */
export async function sendEdition(options: SendOptions): Promise<SendSummary> {
  const started = Date.now();
  const { cwd, config, reporter } = options;
  const report = reporter.for('deliver');
  const env = readDeliverEnv(options.env);
  const secrets = secretValues(env);
  const summary: SendSummary = {
    edition: options.date, subscribers: 0, sent: 0, alreadySent: 0, unsubscribed: 0, failed: 0, failedBefore: 0,
    deferred: 0, inDoubt: 0, notAttempted: 0, dryRun: options.dryRun === true, testCopy: options.to !== undefined, elapsedMs: 0, started: false,
  };
  const finish = () => ({ ...summary, elapsedMs: Date.now() - started });

  // Refuse to start before touching anything, naming every missing setting.
  const from = config.deliver.from;
  if (!from) report.error({ ruleId: 'deliver/no-from', reason: 'no From address: set BRIEFING_FROM or deliver.from in the config' });
  else if (!isValidAddress(splitNameAddress(from).address)) report.error({ ruleId: 'deliver/bad-from', reason: `the From address ${JSON.stringify(from)} is not a valid address` });
  if (!env.secret) report.error({ ruleId: 'deliver/no-secret', reason: `no unsubscribe secret: set ${ENV.secret} (a long random string; it signs unsubscribe links)` });
  const missingDkim = partialDkim(options.env);
  if (missingDkim.length > 0) report.error({ ruleId: 'deliver/partial-dkim', reason: `DKIM is half configured: also set ${missingDkim.join(', ')} (or unset the others)` });
  if (options.to !== undefined && !isValidAddress(splitNameAddress(options.to).address)) report.error({ ruleId: 'deliver/bad-to', reason: `--to ${JSON.stringify(options.to)} is not a valid address` });
  if (!from || !env.secret || missingDkim.length > 0 || reporter.count('error') > 0) return finish();

  const rendered = await loadRenderedEdition(cwd, config, options.date, reporter);
  if (!rendered) return finish();
  if (config.deliver.requireApproval && rendered.edition.approved !== true && options.to === undefined && !options.dryRun) {
    report.error({ ruleId: 'deliver/not-approved', reason: `the ${options.date} edition is not approved (deliver.requireApproval); an editor must approve it first` });
    return finish();
  }
  const plan = planMessages(rendered, config, from, env.secret, env.dkim);

  if (options.to !== undefined) return sendTestCopy(options, plan, env, secrets, summary, finish);

  const subscriberSource: { env?: string; file?: string } = {};
  if (env.subscribers !== undefined) subscriberSource.env = env.subscribers;
  if (config.deliver.subscribers !== undefined) subscriberSource.file = config.deliver.subscribers;
  const subscribers = loadSubscribers(subscriberSource, cwd, report);
  if (reporter.count('error') > 0) return finish();
  summary.subscribers = subscribers.length;

  const stateDir = path.resolve(cwd, config.state);
  // Two senders on one ledger could both mark the same reader "sending" and
  // both send: one real send at a time (a dry run writes nothing, so it may run).
  const locked = options.dryRun ? null : acquireLock(stateDir, `briefing send ${options.date}`);
  if (locked && !locked.ok) {
    report.error({ ruleId: 'deliver/locked', reason: `another send is running: ${describeHolder(locked)}; nothing sent — try again when it has finished` });
    return finish();
  }
  const ledger = new Ledger(stateDir);
  try {
    const rows = ledger.statuses(options.date);
    const unsubscribed = ledger.unsubscribedSet();
    const queue: { recipient: Recipient; previous?: DeliveryRow }[] = [];
    for (const subscriber of subscribers) {
      const row = rows.get(subscriber.key);
      if (unsubscribed.has(subscriber.key)) summary.unsubscribed++;
      else if (row?.status === 'sent') summary.alreadySent++;
      else if (row?.status === 'failed' && !options.retryFailed) summary.failedBefore++;
      else if (row?.status === 'sending' && config.deliver.inDoubt === 'skip') {
        summary.inDoubt++;
        report.warn({ ruleId: 'deliver/in-doubt', reason: `${subscriber.address} was being sent when an earlier run stopped; skipped (deliver.inDoubt: skip) — send a copy with --to if it did not arrive`, file: subscriber.file, line: subscriber.line });
      } else {
        if (row?.status === 'sending') {
          summary.inDoubt++;
          report.warn({ ruleId: 'deliver/in-doubt', reason: `${subscriber.address} was being sent when an earlier run stopped; resending with the same Message-ID ${row.messageId}` });
        }
        const recipient: Recipient = { address: subscriber.address, key: subscriber.key };
        if (subscriber.name) recipient.name = subscriber.name;
        queue.push(row ? { recipient, previous: row } : { recipient });
      }
    }
    if (summary.failedBefore > 0) report.info({ ruleId: 'deliver/failed-before', reason: `${summary.failedBefore} recipient(s) were refused permanently in an earlier run and are not retried (--retry-failed to try again)` });

    if (options.dryRun) {
      await writeOutbox(cwd, config, plan, queue.map((q) => q.recipient), summary, report);
      return finish();
    }
    if (queue.length === 0) {
      summary.started = true;
      ledger.recordRun(options.date, { sent: 0, failed: 0, deferred: 0, complete: true });
      return finish();
    }

    const transport = await openTransport(options, env, secrets, summary);
    if (!transport) return finish();
    try {
      await deliverQueue(queue, { ledger, transport, plan, config, options, summary, secrets, unreachableStreak: 0 });
    } finally {
      transport.close();
    }
    ledger.recordRun(options.date, { sent: summary.sent, failed: summary.failed, deferred: summary.deferred, complete: summary.deferred === 0 && summary.notAttempted === 0 });
    return finish();
  } finally {
    ledger.close();
    if (locked?.ok) locked.lock.release();
  }
}

interface DeliveryRun {
  /** Recipients in a row that outlasted their retries without any server reply (unreachable server). */
  unreachableStreak: number;
  ledger: Ledger;
  transport: DeliveryTransport;
  plan: MessagePlan;
  config: Config;
  options: SendOptions;
  summary: SendSummary;
  secrets: string[];
}

/**
 * Workers (one per pooled connection) take recipients in order. The rate
 * limiter spaces hand-offs to `deliver.rateLimit` per second across all of them.
 */
async function deliverQueue(queue: { recipient: Recipient }[], run: DeliveryRun): Promise<void> {
  const { config, options, summary } = run;
  const report = options.reporter.for('deliver');
  const limiter = new RateLimiter(config.deliver.rateLimit);
  let next = 0;
  let done = 0;
  let fatal: string | null = null;
  const stopped = () => fatal !== null || options.signal?.aborted === true;

  const worker = async () => {
    for (;;) {
      if (stopped() || next >= queue.length) return;
      await limiter.take(options.signal);
      if (stopped() || next >= queue.length) return;
      const { recipient } = queue[next++]!;
      // Someone may have unsubscribed since the run started (a long send, the unsubscribe server running).
      if (run.ledger.isUnsubscribed(recipient.key)) {
        summary.unsubscribed++;
      } else {
        const outcome = await deliverOne(recipient, run);
        if (outcome.kind === 'fatal') fatal = outcome.reason;
        // A server that stays unreachable through every retry of several
        // recipients will not come back for the next thousands: stop, and let
        // a later run (the schedule's catch-up, a rerun) send them.
        else if (run.unreachableStreak >= Math.max(2, config.deliver.maxConnections)) fatal = `the server stayed unreachable for ${run.unreachableStreak} recipients in a row (${outcome.kind === 'sent' ? '' : outcome.reason})`;
      }
      options.onProgress?.(++done, queue.length);
    }
  };
  const workers = Math.max(1, Math.min(config.deliver.maxConnections, queue.length));
  await Promise.all(Array.from({ length: workers }, worker));
  summary.notAttempted = queue.length - next;
  if (fatal) report.error({ ruleId: 'deliver/fatal', reason: `sending stopped: ${fatal}` });
  else if (summary.notAttempted > 0) report.warn({ ruleId: 'deliver/stopped', reason: `stopped before the end: ${summary.notAttempted} recipient(s) not attempted; rerun to send them` });
}

/** One recipient, with retries. Returns how it ended; the ledger already says so. */
async function deliverOne(recipient: Recipient, run: DeliveryRun): Promise<Outcome> {
  const { ledger, plan, config, options, summary, secrets } = run;
  const report = options.reporter.for('deliver');
  const message = composeMessage(plan, recipient);
  const maxAttempts = config.deliver.retries + 1;
  for (let attempt = 1; ; attempt++) {
    ledger.record(plan.edition, recipient.key, 'sending', message.messageId, attempt);
    let outcome: Outcome;
    try {
      const info = await run.transport.transporter.sendMail(message);
      // The window this design cannot close: the server has the message, and
      // this write is the next thing that happens (see README "Exactly once").
      ledger.record(plan.edition, recipient.key, 'sent', message.messageId, attempt, String((info as { response?: unknown }).response ?? 'accepted').slice(0, 500));
      summary.sent++;
      run.unreachableStreak = 0;
      return { kind: 'sent' };
    } catch (error) {
      outcome = classifyError(error);
    }
    const reason = redact(outcome.kind === 'sent' ? '' : outcome.reason, secrets);
    if (outcome.kind === 'permanent') {
      run.unreachableStreak = 0;
      ledger.record(plan.edition, recipient.key, 'failed', message.messageId, attempt, reason);
      summary.failed++;
      report.warn({ ruleId: 'deliver/rejected', reason: `${recipient.address} refused permanently: ${reason}` });
      return outcome;
    }
    if (outcome.kind === 'fatal' || attempt >= maxAttempts || options.signal?.aborted) {
      ledger.record(plan.edition, recipient.key, 'deferred', message.messageId, attempt, reason);
      summary.deferred++;
      if (outcome.kind === 'temporary' && outcome.code === undefined) run.unreachableStreak++;
      else run.unreachableStreak = 0;
      if (outcome.kind !== 'fatal') report.warn({ ruleId: 'deliver/deferred', reason: `${recipient.address} not delivered after ${attempt} attempt(s): ${reason}; the next run tries again` });
      return outcome.kind === 'fatal' ? { kind: 'fatal', reason } : outcome;
    }
    report.info({ ruleId: 'deliver/retry', reason: `${recipient.address}: ${reason}; retrying (attempt ${attempt + 1} of ${maxAttempts})` });
    const delay = config.deliver.retryDelayMs * 2 ** (attempt - 1) * (1 + Math.random() * 0.25);
    await sleep(delay, options.signal);
  }
}

async function sendTestCopy(options: SendOptions, plan: MessagePlan, env: DeliverEnv, secrets: string[], summary: SendSummary, finish: () => SendSummary): Promise<SendSummary> {
  const report = options.reporter.for('deliver');
  const split = splitNameAddress(options.to!);
  const recipient: Recipient = { address: split.address, key: split.address.toLowerCase() };
  if (split.name) recipient.name = split.name;
  const message = composeMessage(plan, recipient);
  // A test copy must not share the real message's identity (that would let a
  // receiver fold the real one into it), and is marked as a test.
  message.messageId = message.messageId.replace('@', '.test@');
  message.subject = `[TEST] ${plan.subject}`;
  const transport = await openTransport(options, env, secrets, summary);
  if (!transport) return finish();
  try {
    await transport.transporter.sendMail(message);
    summary.sent = 1;
    report.info({ ruleId: 'deliver/test-copy', reason: `test copy sent to ${recipient.address} (not recorded in the ledger)` });
  } catch (error) {
    const outcome = classifyError(error);
    report.error({ ruleId: 'deliver/test-copy-failed', reason: `test copy to ${recipient.address} failed: ${redact(outcome.kind === 'sent' ? '' : outcome.reason, secrets)}` });
  } finally {
    transport.close();
  }
  return finish();
}

/**
 * Opens the configured transport for a real send or a test copy and marks the
 * run started. A configuration problem (bad SMTP_URL, unreadable DKIM key) is a
 * `deliver/transport` error with secrets redacted, and null: nothing is sent.
 */
async function openTransport(options: SendOptions, env: DeliverEnv, secrets: string[], summary: SendSummary): Promise<DeliveryTransport | null> {
  let transport: DeliveryTransport;
  try {
    transport = await createDeliveryTransport(options.config, env, options.cwd);
  } catch (error) {
    if (!(error instanceof TransportConfigError)) throw error;
    options.reporter.for('deliver').error({ ruleId: 'deliver/transport', reason: redact(error.message, secrets) });
    return null;
  }
  summary.transport = transport.description;
  summary.started = true;
  return transport;
}

/**
 * Dry run: composes every message exactly as it would be sent (headers, DKIM
 * signature, both parts) and writes each as an .eml file, plus an index.
 */
async function writeOutbox(cwd: string, config: Config, plan: MessagePlan, recipients: Recipient[], summary: SendSummary, report: ReturnType<Reporter['for']>): Promise<void> {
  const dir = path.resolve(cwd, config.out, 'outbox', plan.edition);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  summary.outbox = dir;
  summary.started = true;
  {
    const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    const index: { file: string; to: string; messageId: string }[] = [];
    let n = 0;
    for (const recipient of recipients) {
      const message = composeMessage(plan, recipient);
      const info = (await stream.sendMail(message)) as unknown as { message: Buffer };
      const file = `${String(++n).padStart(5, '0')}-${recipient.key.replace(/[^a-z0-9@._+-]/g, '_')}.eml`;
      writeFileSync(path.join(dir, file), info.message);
      index.push({ file, to: recipient.address, messageId: message.messageId });
      summary.sent++;
    }
    writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ edition: plan.edition, subject: plan.subject, from: plan.from, count: index.length, messages: index }, null, 2) + '\n');
    report.info({ ruleId: 'deliver/dry-run', reason: `dry run: ${index.length} message(s) written to ${path.relative(cwd, dir)}; nothing sent` });
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

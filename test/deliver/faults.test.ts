import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtp, type Fault, type TestSmtp } from '../support/smtp.ts';
import { Ledger } from '../../pipeline/deliver/ledger.ts';
import { DATE, addresses, makeProject, send, testConfig } from './helpers.ts';
import { messageIdFor } from '../../pipeline/deliver/message.ts';

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

function statuses(cwd: string): Record<string, string> {
  const ledger = new Ledger(path.join(cwd, 'state'));
  try {
    return Object.fromEntries([...ledger.statuses(DATE).values()].map((row) => [row.recipient, row.status]));
  } finally {
    ledger.close();
  }
}

describe('send under SMTP faults', () => {
  it('retries 421/451, dropped connections and a hung server; everyone gets exactly one copy', async () => {
    const faults: Record<string, (attempt: number) => Fault | undefined> = {
      'reader1@example.com': (n) => (n === 1 ? { kind: 'reply', code: 421, message: 'Service not available, closing channel' } : undefined),
      'reader2@example.com': (n) => (n <= 2 ? { kind: 'reply', code: 451, message: 'Local error, try later' } : undefined),
      'reader3@example.com': (n) => (n === 1 ? { kind: 'drop' } : undefined),
      'reader4@example.com': (n) => (n === 1 ? { kind: 'hang' } : undefined),
    };
    smtp = await startSmtp({
      onRcpt: (address, attempt) => (address === 'reader5@example.com' && attempt === 1 ? { kind: 'reply', code: 450, message: 'Mailbox busy' } : undefined),
      onData: ({ to, attempt }) => faults[to[0]!]?.(attempt),
    });
    const list = addresses(12);
    const cwd = makeProject();
    const { summary, reporter } = await send(cwd, smtp.url, { subscribers: list.join(','), config: testConfig({ deliver: { timeoutMs: 2000, retries: 3 } }) });
    expect(reporter.count('error')).toBe(0);
    expect(summary.sent).toBe(12);
    expect(summary.deferred + summary.failed).toBe(0);
    const counts = smtp.countsByRecipient();
    for (const address of list) expect(counts.get(address), address).toBe(1);
    expect(reporter.messages.filter((m) => m.ruleId === 'deliver/retry').length).toBeGreaterThanOrEqual(6);
    expect(Object.values(statuses(cwd)).every((s) => s === 'sent')).toBe(true);
  });

  it('records 550 as a permanent failure, reports it and does not retry it (not even on a rerun)', async () => {
    let rejected = 0;
    smtp = await startSmtp({
      onRcpt: (address) => (address === 'reader2@example.com' ? (rejected++, { kind: 'reply', code: 550, message: 'No such user here' }) : undefined),
    });
    const list = addresses(5);
    const cwd = makeProject();
    const first = await send(cwd, smtp.url, { subscribers: list.join(',') });
    expect(first.summary.sent).toBe(4);
    expect(first.summary.failed).toBe(1);
    expect(rejected).toBe(1);
    const warning = first.reporter.messages.find((m) => m.ruleId === 'deliver/rejected');
    expect(warning?.reason).toMatch(/reader2@example\.com refused permanently: .*550|No such user/);
    expect(statuses(cwd)['reader2@example.com']).toBe('failed');

    const rerun = await send(cwd, smtp.url, { subscribers: list.join(',') });
    expect(rerun.summary.sent).toBe(0);
    expect(rerun.summary.failedBefore).toBe(1);
    expect(rejected).toBe(1);

    const retry = await send(cwd, smtp.url, { subscribers: list.join(','), retryFailed: true });
    expect(retry.summary.failed).toBe(1);
    expect(rejected).toBe(2);
    expect(smtp.accepted()).toBe(4);
  });

  it('defers a recipient whose temporary failures outlast the retries; the next run delivers it once', async () => {
    let healthy = false;
    smtp = await startSmtp({ onData: ({ to }) => (!healthy && to[0] === 'reader1@example.com' ? { kind: 'reply', code: 451, message: 'Try again later' } : undefined) });
    const list = addresses(3);
    const cwd = makeProject();
    const config = testConfig({ deliver: { retries: 2 } });
    const first = await send(cwd, smtp.url, { subscribers: list.join(','), config });
    expect(first.summary.sent).toBe(2);
    expect(first.summary.deferred).toBe(1);
    expect(statuses(cwd)['reader1@example.com']).toBe('deferred');
    healthy = true;
    const second = await send(cwd, smtp.url, { subscribers: list.join(','), config });
    expect(second.summary.sent).toBe(1);
    expect([...smtp.countsByRecipient().values()]).toEqual([1, 1, 1]);
  });

  it('resolves recipients left "in doubt" by a killed run: resent with the same Message-ID, or skipped and reported', async () => {
    smtp = await startSmtp();
    const list = addresses(3);
    const doubtful = 'reader1@example.com';
    const messageId = messageIdFor(DATE, doubtful, 'briefing.example.org');
    const leaveInDoubt = (cwd: string) => {
      // What a SIGKILL between the server's 250 and the ledger write leaves behind.
      const ledger = new Ledger(path.join(cwd, 'state'));
      ledger.record(DATE, doubtful, 'sending', messageId, 1);
      ledger.close();
    };

    const resendCwd = makeProject();
    leaveInDoubt(resendCwd);
    const resent = await send(resendCwd, smtp.url, { subscribers: list.join(',') });
    expect(resent.summary.inDoubt).toBe(1);
    expect(resent.summary.sent).toBe(3);
    expect(resent.reporter.messages.find((m) => m.ruleId === 'deliver/in-doubt')?.reason).toContain(messageId);
    expect(smtp.messages.find((m) => m.to[0] === doubtful)?.parsed.messageId).toBe(messageId);

    const skipCwd = makeProject();
    leaveInDoubt(skipCwd);
    const skipped = await send(skipCwd, smtp.url, { subscribers: list.join(','), config: testConfig({ deliver: { inDoubt: 'skip' } }) });
    expect(skipped.summary.inDoubt).toBe(1);
    expect(skipped.summary.sent).toBe(2);
    expect(skipped.reporter.messages.find((m) => m.ruleId === 'deliver/in-doubt')?.reason).toMatch(/reader1@example\.com .*skipped/);
    expect(statuses(skipCwd)[doubtful]).toBe('sending');
  });

  it('stops early when the server is unreachable instead of retrying every subscriber', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const cwd = makeProject();
    const list = addresses(20);
    const { summary, reporter } = await send(cwd, `smtp://127.0.0.1:${port}`, { subscribers: list.join(','), config: testConfig({ deliver: { maxConnections: 2, retries: 1, retryDelayMs: 10 } }) });
    expect(reporter.messages.find((m) => m.ruleId === 'deliver/fatal')?.reason).toMatch(/unreachable/);
    expect(summary.sent).toBe(0);
    expect(summary.deferred).toBeLessThanOrEqual(3);
    expect(summary.notAttempted).toBe(list.length - summary.deferred);
    // Nobody was marked failed: a later run sends to all of them.
    expect(Object.values(statuses(cwd)).every((s) => s === 'deferred')).toBe(true);
  });
});

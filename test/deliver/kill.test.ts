import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { DATE, FROM, SECRET, addresses, makeProject } from './helpers.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../pipeline/cli/bin.mjs');

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

function runSend(cwd: string, env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, 'send', '--date', DATE], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

function sentInLedger(cwd: string): number {
  try {
    const db = new Database(path.join(cwd, 'state', 'briefing.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM deliveries WHERE status = 'sent'").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

async function until(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('send killed with SIGKILL mid-run', () => {
  it('a rerun sends each remaining recipient once and nobody twice', async () => {
    const list = addresses(40);
    const killAfter = 15;
    const cwd = makeProject();
    writeFileSync(path.join(cwd, 'briefing.config.json'), JSON.stringify({ deliver: { maxConnections: 3, rateLimit: 500, retryDelayMs: 20, timeoutMs: 10_000 } }));
    let victim: ChildProcess | undefined;
    let killed: Promise<unknown> | undefined;
    let armed = true;

    smtp = await startSmtp({
      async onData() {
        if (!armed) return undefined;
        if (smtp!.accepted() < killAfter) return undefined;
        // Message killAfter+1 has arrived and is not answered: kill the sender
        // once its ledger shows the accepted ones, so the kill lands with
        // messages in flight on every pooled connection.
        killed ??= (async () => {
          await until(() => sentInLedger(cwd) >= killAfter);
          victim!.kill('SIGKILL');
          await new Promise((r) => victim!.once('exit', r));
        })();
        await killed;
        return { kind: 'drop' };
      },
    });
    const env = { SMTP_URL: smtp.url, BRIEFING_FROM: FROM, BRIEFING_SECRET: SECRET, BRIEFING_SUBSCRIBERS: list.join(',') };

    const first = runSend(cwd, env);
    victim = first.child;
    const firstResult = await first.done;
    expect(firstResult.signal).toBe('SIGKILL');
    expect(smtp.accepted()).toBe(killAfter);

    armed = false;
    const second = await runSend(cwd, env).done;
    expect(second.stderr).not.toMatch(/error/i);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/in doubt +[1-9]/);

    const counts = smtp.countsByRecipient();
    expect(counts.size).toBe(list.length);
    for (const address of list) expect(counts.get(address), address).toBe(1);
    expect(smtp.accepted()).toBe(list.length);

    // A third run finds nothing to do.
    const third = await runSend(cwd, env).done;
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(/Sent 2025-03-18: 0 messages/);
    expect(smtp.accepted()).toBe(list.length);
  });
});

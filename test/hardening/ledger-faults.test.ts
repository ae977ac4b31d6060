/**
 * The send ledger (state/briefing.sqlite) on a disk that fails: read-only, or
 * full mid-send. Whatever the disk does, the ledger stays consistent with
 * what the SMTP server accepted, and after the disk is fixed a rerun brings
 * everyone to exactly one copy. `send` runs as the real CLI against a real
 * SMTP server on 127.0.0.1; state/ lives on a small tmpfs (needs root to
 * mount; skipped with that reason where mounting is not permitted).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { DATE, FROM, SECRET, addresses, makeProject } from '../deliver/helpers.ts';
import { BIN, removeDir, tempDir } from '../foundation/helpers.ts';

vi.setConfig({ testTimeout: 300_000 });

function tryMount(dir: string, size: string): boolean {
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' }).status === 0;
}
const probe = tempDir('briefing-mount-probe-');
const MOUNTABLE = tryMount(probe, '64k');
if (MOUNTABLE) spawnSync('umount', [probe]);
removeDir(probe);

function send(cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'send', '--date', DATE], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function ledgerRows(state: string): { recipient: string; status: string }[] {
  const db = new Database(path.join(state, 'briefing.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT recipient, status FROM deliveries WHERE edition = ?').all(DATE) as { recipient: string; status: string }[];
  } finally {
    db.close();
  }
}

let smtp: TestSmtp | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});
afterAll(() => cleanups.reverse().forEach((f) => f()));

describe.skipIf(!MOUNTABLE)('the send ledger on a failing disk', () => {
  function project(): { cwd: string; state: string } {
    const cwd = makeProject();
    const mnt = path.join(cwd, 'statedisk');
    expect(tryMount(mnt, '1m')).toBe(true);
    cleanups.push(() => {
      spawnSync('umount', [mnt]);
      removeDir(cwd);
    });
    const state = path.join(mnt, 'state');
    writeFileSync(path.join(cwd, 'briefing.config.json'), JSON.stringify({ state, deliver: { maxConnections: 2, rateLimit: 500, retryDelayMs: 20, timeoutMs: 10_000 } }));
    return { cwd, state };
  }

  it('read-only state/: nothing is sent, the error says why, and a rerun after the fix sends everyone once', async () => {
    const { cwd, state } = project();
    const mnt = path.dirname(state);
    mkdirSync(state, { recursive: true });
    smtp = await startSmtp({ parse: false });
    const list = addresses(12);
    const env = { SMTP_URL: smtp.url, BRIEFING_FROM: FROM, BRIEFING_SECRET: SECRET, BRIEFING_SUBSCRIBERS: list.join(',') };

    expect(spawnSync('mount', ['-o', 'remount,ro', mnt]).status).toBe(0);
    const refused = await send(cwd, env);
    expect(spawnSync('mount', ['-o', 'remount,rw', mnt]).status).toBe(0);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toMatch(/read-only|readonly/i);
    expect(refused.stderr, refused.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    // Without a ledger to record in, sending anything would risk a second copy later.
    expect(smtp.accepted()).toBe(0);

    const rerun = await send(cwd, env);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(smtp.accepted()).toBe(list.length);
    expect([...smtp.countsByRecipient().values()].every((n) => n === 1)).toBe(true);
    expect(ledgerRows(state).filter((r) => r.status === 'sent')).toHaveLength(list.length);
  });

  it('disk filling up mid-send: the ledger never claims more than the server got, and the rerun completes with one copy each', async () => {
    const { cwd, state } = project();
    const mnt = path.dirname(state);
    const list = addresses(60);
    let filled = false;
    smtp = await startSmtp({
      parse: false,
      onData() {
        // After a few messages, take the disk's last free bytes.
        if (!filled && smtp!.accepted() >= 5) {
          filled = true;
          spawnSync('sh', ['-c', `cat /dev/zero > ${JSON.stringify(path.join(mnt, 'filler'))} 2>/dev/null; sync`]);
        }
        return undefined;
      },
    });
    const env = { SMTP_URL: smtp.url, BRIEFING_FROM: FROM, BRIEFING_SECRET: SECRET, BRIEFING_SUBSCRIBERS: list.join(',') };
    const first = await send(cwd, env);
    expect(filled).toBe(true);
    expect(first.stderr, first.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const sentRows = ledgerRows(state).filter((r) => r.status === 'sent').map((r) => r.recipient);
    const got = smtp.countsByRecipient();
    // Every "sent" row was really accepted by the server.
    for (const recipient of sentRows) expect(got.get(recipient), recipient).toBe(1);

    spawnSync('rm', ['-f', path.join(mnt, 'filler')]);
    const rerun = await send(cwd, env);
    expect(rerun.code, rerun.stderr).toBe(0);
    const counts = smtp.countsByRecipient();
    for (const address of list) expect(counts.get(address), address).toBeGreaterThanOrEqual(1);
    // A copy can be resent only for a recipient the first run left "in doubt" (accepted, not yet recorded) — and the
    // rerun must say so; nobody recorded as sent is mailed again.
    for (const recipient of sentRows) expect(counts.get(recipient), recipient).toBe(1);
    expect(ledgerRows(state).filter((r) => r.status === 'sent')).toHaveLength(list.length);
    const doubles = [...counts.entries()].filter(([, n]) => n > 1).map(([a]) => a);
    if (doubles.length > 0) expect(rerun.stdout + rerun.stderr).toMatch(/doubt/i);
  });
});

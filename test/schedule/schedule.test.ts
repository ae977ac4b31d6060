import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { DATE, FROM, SECRET, addresses, makeProject, testConfig } from '../deliver/helpers.ts';
import { Scheduler } from '../../pipeline/schedule/scheduler.ts';
import { runDay, type DayRunResult } from '../../pipeline/schedule/run.ts';
import { acquireLock, LOCK_FILE } from '../../pipeline/deliver/lock.ts';
import { Reporter } from '../../pipeline/common/report.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../pipeline/cli/bin.mjs');

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

/** Stands in for the build: the fixture edition is already in out/ (the build stage has its own tests). */
const keepOut = async () => true;

describe('schedule', () => {
  it('catches up a missed day at start, and a restart does not send it again', async () => {
    smtp = await startSmtp();
    const cwd = makeProject();
    const list = addresses(3);
    const config = testConfig({ schedule: { cron: '0 7 * * *', catchUpDays: 1 } });
    const env = { SMTP_URL: smtp.url, BRIEFING_SECRET: SECRET, BRIEFING_SUBSCRIBERS: list.join(',') };
    const runs: [string, DayRunResult['status'], string][] = [];
    // The machine was off at 07:00 on the 18th; it starts on the 19th at 10:00.
    const now = () => new Date('2025-03-19T10:00:00Z');
    let builds = 0;
    const first = new Scheduler({ cwd, config, env, now, build: async () => (builds++, true), onRun: (d, r, why) => runs.push([d, r.status, why]) });
    expect(first.missedDays()).toEqual([DATE, '2025-03-19']);
    await first.start();
    await first.stop();
    expect(runs).toEqual([
      [DATE, 'sent', 'catch-up'],
      ['2025-03-19', 'no-edition', 'catch-up'],
    ]);
    expect(smtp.accepted()).toBe(3);
    expect(builds).toBe(1); // one build serves every caught-up day

    const second = new Scheduler({ cwd, config, env, now, build: keepOut });
    expect(second.missedDays()).toEqual(['2025-03-19']);
    await second.start();
    await second.stop();
    expect([...smtp.countsByRecipient().values()]).toEqual([1, 1, 1]);
  });

  it('does not count today as missed before its scheduled time (timezone aware)', () => {
    const cwd = makeProject();
    const config = testConfig({ timezone: 'America/New_York', schedule: { cron: '0 7 * * *', catchUpDays: 0 } });
    const at = (iso: string) => new Scheduler({ cwd, config, env: {}, now: () => new Date(iso) }).missedDays();
    expect(at('2025-03-18T10:59:00Z')).toEqual([]); // 06:59 in New York
    expect(at('2025-03-18T11:00:00Z')).toEqual([DATE]); // 07:00 in New York
  });

  it('runs on the cron ticks without sending anything twice', async () => {
    smtp = await startSmtp();
    const cwd = makeProject();
    const config = testConfig({ schedule: { cron: '* * * * * *', catchUpDays: 0 } });
    const env = { SMTP_URL: smtp.url, BRIEFING_SECRET: SECRET, BRIEFING_SUBSCRIBERS: addresses(3).join(',') };
    const scheduled: DayRunResult[] = [];
    let builds = 0;
    const scheduler = new Scheduler({
      cwd, config, env,
      now: () => new Date(`${DATE}T12:00:00Z`),
      build: async () => (builds++, true),
      onRun: (_d, r, why) => why === 'scheduled' && scheduled.push(r),
    });
    await scheduler.start();
    const deadline = Date.now() + 10_000;
    while (scheduled.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await scheduler.stop();
    expect(scheduled.length).toBeGreaterThanOrEqual(2);
    expect(scheduled.every((r) => r.status === 'sent')).toBe(true);
    expect(builds).toBeGreaterThanOrEqual(3); // catch-up of today + the ticks: each run builds
    expect([...smtp.countsByRecipient().values()]).toEqual([1, 1, 1]);
  });

  it('rejects an invalid cron expression', () => {
    expect(() => new Scheduler({ cwd: makeProject(), config: testConfig({ schedule: { cron: '61 * * * *' } }), env: {} })).toThrow(/not a valid cron/);
  });

  it('takes over a lock left by a dead process', async () => {
    const cwd = makeProject();
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((r) => child.once('exit', r));
    const state = path.join(cwd, 'state');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(state, { recursive: true });
    writeFileSync(path.join(state, LOCK_FILE), JSON.stringify({ pid, host: (await import('node:os')).hostname(), since: 'earlier', what: 'a killed run' }));
    const result = acquireLock(state, 'test');
    expect(result.ok).toBe(true);
    if (result.ok) result.lock.release();
    expect(existsSync(path.join(state, LOCK_FILE))).toBe(false);
  });

  it('briefing schedule finishes the current run on SIGTERM, and keeps other processes out meanwhile', async () => {
    const list = addresses(5);
    let signalled = false;
    let child: ReturnType<typeof spawn> | undefined;
    let concurrent: DayRunResult | undefined;
    const cwd = makeProject();
    writeFileSync(path.join(cwd, 'briefing.config.json'), JSON.stringify({ schedule: { build: false }, deliver: { maxConnections: 1, rateLimit: 1000 } }));
    smtp = await startSmtp({
      async onData() {
        if (!signalled) {
          signalled = true;
          // While the scheduled run holds the lock, another run is refused…
          concurrent = await runDay({ cwd, config: testConfig(), env: { SMTP_URL: smtp!.url, BRIEFING_SECRET: SECRET, BRIEFING_SUBSCRIBERS: list.join(',') }, reporter: new Reporter(), date: DATE, build: keepOut });
          // …and SIGTERM arrives mid-send.
          child!.kill('SIGTERM');
        }
        await new Promise((r) => setTimeout(r, 150));
        return undefined;
      },
    });
    child = spawn(process.execPath, [BIN, 'schedule', '--once', '--date', DATE], {
      cwd,
      env: { ...process.env, SMTP_URL: smtp.url, BRIEFING_FROM: FROM, BRIEFING_SECRET: SECRET, BRIEFING_SUBSCRIBERS: list.join(',') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child!.once('exit', (c) => resolve(c)));
    expect(output).toMatch(/SIGTERM: finishing the current run|SIGTERM: no new runs; finishing the current run/);
    expect(code, output).toBe(0);
    expect(concurrent?.status).toBe('locked');
    expect(smtp.accepted()).toBe(5);
    for (const address of list) expect(smtp.countsByRecipient().get(address)).toBe(1);
    expect(existsSync(path.join(cwd, 'state', LOCK_FILE))).toBe(false);
  });
});

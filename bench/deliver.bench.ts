/**
 * Delivery benchmark: one edition to 10,000 subscribers through a loopback
 * SMTP server (smtp-server, in its own process so the sender's peak RSS is
 * its own), with the durable ledger (fsync per state change). Then a rerun
 * that must send nothing (ledger lookups only).
 *
 *   node --import tsx bench/deliver.bench.ts [subscribers]
 *
 * Goals (issue #8): >= 200 messages/s with a pool on 2 cores; no-op rerun < 2 s.
 * Needs no shared bench data: the edition fixture and the subscribers are generated.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema } from '../pipeline/config/schema.ts';
import { sendEdition } from '../pipeline/deliver/send.ts';
import { Reporter } from '../pipeline/common/report.ts';
import { emit, peakRssMb } from './shared-data.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const COUNT = Number(process.argv[2] ?? 10_000);
const DATE = '2025-03-18';
const CONNECTIONS = 5;

async function startServer(): Promise<{ port: number; stop(): Promise<number> }> {
  const support = path.join(here, '..', 'test', 'support', 'smtp.ts');
  const code = `import { startSmtp } from ${JSON.stringify(support)};
const smtp = await startSmtp({ parse: false });
console.log('PORT ' + smtp.port);
process.on('SIGTERM', async () => { console.log('ACCEPTED ' + smtp.accepted()); await smtp.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error('SMTP server exited')));
  });
  return {
    port,
    stop: () =>
      new Promise<number>((resolve) => {
        child.once('exit', () => resolve(Number(/ACCEPTED (\d+)/.exec(out)?.[1] ?? -1)));
        child.kill('SIGTERM');
      }),
  };
}

const cwd = mkdtempSync(path.join(os.tmpdir(), 'briefing-deliver-bench-'));
try {
  const editionDir = path.join(cwd, 'out', 'editions', DATE);
  mkdirSync(editionDir, { recursive: true });
  cpSync(path.join(here, '..', 'test', 'deliver', 'fixtures', 'edition'), editionDir, { recursive: true });
  writeFileSync(path.join(cwd, 'subscribers.csv'), 'email\n' + Array.from({ length: COUNT }, (_, i) => `reader${i}@example.com`).join('\n') + '\n');

  const server = await startServer();
  const config = configSchema.parse({
    deliver: { from: 'Briefing <news@briefing.example.org>', subscribers: 'subscribers.csv', rateLimit: 100_000, maxConnections: CONNECTIONS, retryDelayMs: 50 },
  });
  const env = { SMTP_URL: `smtp://127.0.0.1:${server.port}`, BRIEFING_SECRET: 'bench-secret-0123456789' };

  const reporter = new Reporter();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const first = await sendEdition({ cwd, config, env, reporter, date: DATE });
  const sendSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuMsPerMessage = (cpu.user + cpu.system) / 1000 / Math.max(1, first.sent);
  const rssAfterSend = peakRssMb();

  const t1 = performance.now();
  const rerun = await sendEdition({ cwd, config, env, reporter: new Reporter(), date: DATE });
  const rerunSeconds = (performance.now() - t1) / 1000;
  const accepted = await server.stop();

  const errors = reporter.messages.filter((m) => m.severity === 'error');
  if (errors.length > 0 || first.sent !== COUNT || rerun.sent !== 0 || accepted !== COUNT) {
    process.stderr.write(`bench: unexpected result: sent ${first.sent}, rerun ${rerun.sent}, server accepted ${accepted}, errors ${JSON.stringify(errors.slice(0, 3))}\n`);
    process.exitCode = 1;
  }
  emit({
    bench: 'deliver',
    subscribers: COUNT,
    connections: CONNECTIONS,
    sent: first.sent,
    serverAccepted: accepted,
    sendSeconds: Math.round(sendSeconds * 100) / 100,
    messagesPerSecond: Math.round(first.sent / sendSeconds),
    // CPU the sender spent per message: what bounds messages/s on an idle
    // machine (≈ 1000 / this), whatever else shares the cores during the run.
    senderCpuMsPerMessage: Math.round(cpuMsPerMessage * 100) / 100,
    loadAverage: Math.round(os.loadavg()[0]! * 10) / 10,
    peakRssMb: rssAfterSend,
    noopRerunSeconds: Math.round(rerunSeconds * 1000) / 1000,
    rerunSent: rerun.sent,
    goals: { messagesPerSecond: 200, noopRerunSeconds: 2 },
  });
} finally {
  rmSync(cwd, { recursive: true, force: true });
}

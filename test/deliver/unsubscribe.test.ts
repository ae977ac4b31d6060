import { spawn } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { Ledger } from '../../pipeline/deliver/ledger.ts';
import { createUnsubscribeServer } from '../../pipeline/deliver/unsubscribe-server.ts';
import { signAddress, unsubscribeUrl } from '../../pipeline/deliver/unsubscribe-link.ts';
import { main } from '../../pipeline/cli/main.ts';
import { FROM, SECRET, addEdition, makeProject, rawHeader, send } from './helpers.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../pipeline/cli/bin.mjs');

let smtp: TestSmtp | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Starts the server in-process on an ephemeral port. */
async function serve(cwd: string): Promise<{ base: string; ledger: Ledger }> {
  const ledger = new Ledger(path.join(cwd, 'state'));
  const server = createUnsubscribeServer({ ledger, secret: SECRET, title: 'Briefing' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => (ledger.close(), resolve())))));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/unsubscribe`, ledger };
}

function unsubscribed(cwd: string): string[] {
  const ledger = new Ledger(path.join(cwd, 'state'));
  try {
    return [...ledger.unsubscribedSet()].sort();
  } finally {
    ledger.close();
  }
}

describe('unsubscribe links', () => {
  it('following the link in a received message (briefing serve-unsubscribe) stops the next send to that reader', async () => {
    smtp = await startSmtp();
    const cwd = makeProject();
    const list = 'ada@example.com,grace@example.org';
    await send(cwd, smtp.url, { subscribers: list });
    const received = smtp.messages.find((m) => m.to[0] === 'ada@example.com')!;
    const link = new URL([...(rawHeader(received.parsed, 'list-unsubscribe') ?? '').matchAll(/<(https:[^>]+)>/g)][0]![1]!);
    expect(received.parsed.text).toContain(link.toString());

    const child = spawn(process.execPath, [BIN, 'serve-unsubscribe', '--port', '0'], { cwd, env: { ...process.env, BRIEFING_SECRET: SECRET }, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')))));
    let stdout = '';
    child.stdout!.on('data', (d) => (stdout += d));
    const port = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${stdout}`)), 30_000);
      child.stdout!.on('data', () => {
        const match = /http:\/\/127\.0\.0\.1:(\d+)\/unsubscribe/.exec(stdout);
        if (match) (clearTimeout(timer), resolve(match[1]!));
      });
    });
    const local = `http://127.0.0.1:${port}${link.pathname}${link.search}`;

    const confirm = await fetch(local);
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    expect(page).toContain('ada@example.com');
    expect(page).toMatch(/<form method="post"/);
    expect(unsubscribed(cwd)).toEqual([]); // GET alone never unsubscribes

    const form = new URLSearchParams({ e: link.searchParams.get('e')!, s: link.searchParams.get('s')! });
    const done = await fetch(`http://127.0.0.1:${port}${link.pathname}`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(done.status).toBe(200);
    expect(unsubscribed(cwd)).toEqual(['ada@example.com']);

    addEdition(cwd, '2025-03-19');
    const next = await send(cwd, smtp.url, { subscribers: list, date: '2025-03-19' });
    expect(next.summary.sent).toBe(1);
    expect(next.summary.unsubscribed).toBe(1);
    expect(smtp.countsByRecipient().get('ada@example.com')).toBe(1);
    expect(smtp.countsByRecipient().get('grace@example.org')).toBe(2);

    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });

  it('records an RFC 8058 one-click POST', async () => {
    const cwd = makeProject();
    const { base } = await serve(cwd);
    const url = unsubscribeUrl(base, 'Grace@Example.org', SECRET);
    const response = await fetch(url, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(200);
    expect(unsubscribed(cwd)).toEqual(['grace@example.org']);
  });

  it('refuses forged, altered and incomplete links and records nothing', async () => {
    const cwd = makeProject();
    const { base } = await serve(cwd);
    const genuine = new URL(unsubscribeUrl(base, 'ada@example.com', SECRET));
    const altered = new URL(genuine);
    altered.searchParams.set('e', Buffer.from('grace@example.org').toString('base64url'));
    const forged = new URL(genuine);
    forged.searchParams.set('e', Buffer.from('grace@example.org').toString('base64url'));
    forged.searchParams.set('s', signAddress('grace@example.org', 'not-the-secret'));
    const truncated = new URL(genuine);
    truncated.searchParams.set('s', genuine.searchParams.get('s')!.slice(0, -2));
    const unsigned = new URL(genuine);
    unsigned.searchParams.delete('s');
    for (const [url, why] of [[altered, 'the link signature does not match'], [forged, 'the link signature does not match'], [truncated, 'the link signature does not match'], [unsigned, 'the link is incomplete']] as const) {
      const page = await fetch(url);
      expect(page.status, url.search).toBe(403);
      // The page says why, so a reader with a mangled link knows what to ask for.
      expect(await page.text(), url.search).toContain(`This unsubscribe link is not valid (${why}).`);
      const post = await fetch(url, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(post.status, url.search).toBe(403);
    }
    expect(unsubscribed(cwd)).toEqual([]);
  });

  it('briefing unsubscribe ADDR records one by hand and rejects a non-address', async () => {
    const cwd = makeProject();
    const io = () => {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let out = '';
      stdout.on('data', (d) => (out += d));
      stderr.on('data', (d) => (out += d));
      return { io: { stdout, stderr, cwd, env: { BRIEFING_FROM: FROM } }, text: () => out };
    };
    const ok = io();
    expect(await main(['unsubscribe', 'Linus@Example.net'], ok.io)).toBe(0);
    expect(ok.text()).toContain('unsubscribed linus@example.net');
    const bad = io();
    expect(await main(['unsubscribe', 'not an address'], bad.io)).toBe(1);
    expect(bad.text()).toMatch(/not an address/);
    expect(unsubscribed(cwd)).toEqual(['linus@example.net']);
  });
});

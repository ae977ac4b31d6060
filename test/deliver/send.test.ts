import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { messageIdFor } from '../../pipeline/deliver/message.ts';
import { verifyUnsubscribe } from '../../pipeline/deliver/unsubscribe-link.ts';
import { Ledger } from '../../pipeline/deliver/ledger.ts';
import { main } from '../../pipeline/cli/main.ts';
import { PassThrough } from 'node:stream';
import { DATE, SECRET, addresses, makeProject, rawHeader, send, testConfig } from './helpers.ts';

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

describe('send', () => {
  it('delivers both parts with list headers and a signed per-recipient unsubscribe link, once', async () => {
    smtp = await startSmtp();
    const list = ['Ada Lovelace <ada@example.com>', 'grace@example.org', 'linus@example.net'];
    const cwd = makeProject();
    const { summary, reporter } = await send(cwd, smtp.url, { subscribers: list.join(', ') });
    expect(reporter.count('error')).toBe(0);
    expect(summary.sent).toBe(3);
    expect(smtp.messages).toHaveLength(3);

    const ada = smtp.messages.find((m) => m.to[0] === 'ada@example.com')!;
    const mail = ada.parsed;
    expect(mail.from?.value).toEqual([{ name: 'Briefing', address: 'news@briefing.example.org' }]);
    expect(mail.replyTo?.value).toEqual([{ name: 'Briefing', address: 'news@briefing.example.org' }]);
    expect(mail.to && 'value' in mail.to ? mail.to.value : []).toEqual([{ name: 'Ada Lovelace', address: 'ada@example.com' }]);
    expect(mail.subject).toBe('Briefing — Tuesday, March 18, 2025: Council approves the new river crossing');
    expect(mail.messageId).toBe(messageIdFor(DATE, 'ada@example.com', 'briefing.example.org'));
    expect(rawHeader(mail, 'list-id')).toBe('Briefing <briefing.briefing.example.org>');
    expect(rawHeader(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    const listUnsubscribe = rawHeader(mail, 'list-unsubscribe') ?? '';
    const [https, mailto] = [...listUnsubscribe.matchAll(/<([^>]+)>/g)].map((m) => m[1]!);
    expect(https).toMatch(/^https:\/\/briefing\.example\.org\/unsubscribe\?e=[\w-]+&s=[\w-]+$/);
    expect(mailto).toMatch(/^mailto:news@briefing\.example\.org\?subject=unsubscribe/);
    const check = verifyUnsubscribe(new URL(https!).searchParams, SECRET);
    expect(check).toEqual({ ok: true, address: 'ada@example.com' });

    // The footer link is the same signed link, in both parts; & is escaped in HTML.
    expect(mail.text).toContain(`Unsubscribe: ${https}`);
    expect(mail.text).toContain('Café owners welcome it.');
    expect(String(mail.html)).toContain(`href="${https!.replace(/&/g, '&amp;')}"`);
    expect(String(mail.html)).not.toContain('%%UNSUBSCRIBE_URL%%');
    // Another reader gets another link.
    const grace = smtp.messages.find((m) => m.to[0] === 'grace@example.org')!;
    expect(grace.parsed.text).not.toContain(https!);

    const again = await send(cwd, smtp.url, { subscribers: list.join(', ') });
    expect(again.summary.sent).toBe(0);
    expect(again.summary.alreadySent).toBe(3);
    expect(smtp.messages).toHaveLength(3);
  });

  it('refuses to start without a From address or a secret, naming what is missing', async () => {
    smtp = await startSmtp();
    const cwd = makeProject();
    const { reporter, summary } = await send(cwd, smtp.url, { subscribers: 'a@example.com', config: testConfig({ deliver: { from: undefined } }), env: { BRIEFING_SECRET: '' } });
    const reasons = reporter.messages.filter((m) => m.severity === 'error').map((m) => m.reason).join('\n');
    expect(reasons).toMatch(/no From address: set BRIEFING_FROM/);
    expect(reasons).toMatch(/set BRIEFING_SECRET/);
    expect(summary.started).toBe(false);
    expect(smtp.accepted()).toBe(0);
    expect(existsSync(path.join(cwd, 'state'))).toBe(false);
  });

  it('briefing send (CLI) exits 1 and names both missing settings', async () => {
    const cwd = makeProject();
    let err = '';
    const stream = () => new PassThrough().on('data', (d) => (err += d));
    const code = await main(['send', '--date', DATE], { stdout: stream(), stderr: stream(), cwd, env: { SMTP_URL: 'smtp://user:pw-secret-1@127.0.0.1:1' } });
    expect(code).toBe(1);
    expect(err).toMatch(/error: no From address: set BRIEFING_FROM or deliver\.from in the config \[deliver\/no-from\]/);
    expect(err).toMatch(/error: no unsubscribe secret: set BRIEFING_SECRET/);
    expect(err).not.toContain('pw-secret-1');
  });

  it('reports invalid addresses by file and line, mails duplicates once (CSV)', async () => {
    smtp = await startSmtp();
    const csv = 'name,email\nAda,ada@example.com\nBad,not-an-address\nAda again,ADA@Example.com\n"Smith, J",j.smith@example.org\nTypo,bob@example\n';
    const cwd = makeProject(csv);
    const { reporter, summary } = await send(cwd, smtp.url, { config: testConfig({ deliver: { subscribers: 'subscribers.csv' } }) });
    const warnings = reporter.messages.filter((m) => m.ruleId === 'deliver/invalid-address');
    expect(warnings.map((w) => [w.file, w.line])).toEqual([
      ['subscribers.csv', 3],
      ['subscribers.csv', 6],
    ]);
    expect(reporter.messages.find((m) => m.ruleId === 'deliver/duplicate-address')?.line).toBe(4);
    expect(summary.sent).toBe(2);
    expect([...smtp.countsByRecipient().entries()].sort()).toEqual([
      ['ada@example.com', 1],
      ['j.smith@example.org', 1],
    ]);
    expect(smtp.messages.find((m) => m.to[0] === 'j.smith@example.org')?.parsed.to).toMatchObject({ text: '"Smith, J" <j.smith@example.org>' });
  });

  it('reads a YAML subscriber file and reports bad entries by line', async () => {
    smtp = await startSmtp();
    const yaml = 'subscribers:\n  - ada@example.com\n  - email: grace@example.org\n    name: Grace\n  - "nope@@example.com"\n  - Ada@example.com\n';
    const cwd = makeProject(yaml, 'subscribers.yaml');
    const { reporter, summary } = await send(cwd, smtp.url, { env: { BRIEFING_SUBSCRIBERS: 'subscribers.yaml' } });
    expect(reporter.messages.filter((m) => m.ruleId === 'deliver/invalid-address').map((m) => `${m.file}:${m.line}`)).toEqual(['subscribers.yaml:5']);
    expect(summary.sent).toBe(2);
  });

  it('--dry-run writes the exact messages to out/outbox and sends nothing', async () => {
    smtp = await startSmtp();
    const cwd = makeProject();
    const list = addresses(3).join(',');
    const { summary } = await send(cwd, smtp.url, { subscribers: list, dryRun: true });
    expect(summary.sent).toBe(3);
    expect(smtp.accepted()).toBe(0);
    const dir = path.join(cwd, 'out', 'outbox', DATE);
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
    expect(files).toHaveLength(3);
    const parsed = await simpleParser(readFileSync(path.join(dir, files[0]!)));
    expect(parsed.messageId).toBe(messageIdFor(DATE, 'reader0@example.com', 'briefing.example.org'));
    expect(rawHeader(parsed, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(parsed.text).toMatch(/Unsubscribe: https:\/\/briefing\.example\.org\/unsubscribe\?e=/);
    // Nothing was recorded: a real send afterwards mails everyone.
    const real = await send(cwd, smtp.url, { subscribers: list });
    expect(real.summary.sent).toBe(3);
  });

  it('--to sends one test copy that is not recorded as a delivery', async () => {
    smtp = await startSmtp();
    const cwd = makeProject();
    const { summary } = await send(cwd, smtp.url, { subscribers: 'ada@example.com', to: 'editor@example.org' });
    expect(summary.sent).toBe(1);
    expect(smtp.messages.map((m) => m.to)).toEqual([['editor@example.org']]);
    expect(smtp.messages[0]!.parsed.subject).toMatch(/^\[TEST\] /);
    const real = await send(cwd, smtp.url, { subscribers: 'ada@example.com,editor@example.org' });
    expect(real.summary.sent).toBe(2);
  });

  it('never mails an unsubscribed address', async () => {
    smtp = await startSmtp();
    const cwd = makeProject();
    const ledger = new Ledger(path.join(cwd, 'state'));
    ledger.unsubscribe('Grace@Example.org', 'test');
    ledger.close();
    const { summary } = await send(cwd, smtp.url, { subscribers: 'ada@example.com,grace@example.org' });
    expect(summary.unsubscribed).toBe(1);
    expect([...smtp.countsByRecipient().keys()]).toEqual(['ada@example.com']);
  });

  it('refuses an edition that is not approved when approval is required', async () => {
    smtp = await startSmtp();
    const cwd = makeProject();
    const { reporter } = await send(cwd, smtp.url, { subscribers: 'ada@example.com', config: testConfig({ deliver: { requireApproval: true } }) });
    expect(reporter.messages.some((m) => m.ruleId === 'deliver/not-approved')).toBe(true);
    expect(smtp.accepted()).toBe(0);
  });

  it('never prints the SMTP password, even when the login fails', async () => {
    smtp = await startSmtp({ auth: { user: 'mailer', pass: 'hunter2-secret' } });
    const cwd = makeProject();
    const wrong = smtp.url.replace('hunter2-secret', 'wrong-pass-123');
    const { reporter, summary } = await send(cwd, wrong, { subscribers: addresses(4).join(',') });
    const printed = JSON.stringify(reporter.messages) + JSON.stringify(summary);
    expect(reporter.messages.some((m) => m.ruleId === 'deliver/fatal')).toBe(true);
    expect(printed).not.toContain('wrong-pass-123');
    expect(summary.transport).toBe(`smtp://mailer:***@127.0.0.1:${smtp.port}, pool of 3`);
    // A fatal login error stops the run instead of marking everyone failed.
    expect(summary.failed).toBe(0);
    const ok = await send(cwd, smtp.url, { subscribers: addresses(4).join(',') });
    expect(ok.summary.sent).toBe(4);
  });
});

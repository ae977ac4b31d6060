import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { send } from './helpers.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

describe('send builds first', () => {
  it('builds the site when the edition is not in out/ yet, then sends the rendered email', async () => {
    smtp = await startSmtp();
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'briefing-build-first-'));
    cpSync(path.join(root, 'content'), path.join(cwd, 'content'), { recursive: true });
    cpSync(path.join(root, 'templates'), path.join(cwd, 'templates'), { recursive: true });
    const { summary, reporter } = await send(cwd, smtp.url, { subscribers: 'ada@example.com', date: '2025-03-18' });
    expect(reporter.messages.some((m) => m.ruleId === 'deliver/build-first')).toBe(true);
    expect(reporter.messages.filter((m) => m.severity === 'error').map((m) => m.reason)).toEqual([]);
    expect(existsSync(path.join(cwd, 'out', 'editions', '2025-03-18', 'email.html'))).toBe(true);
    expect(summary.sent).toBe(1);
    const mail = smtp.messages[0]!.parsed;
    expect(String(mail.html)).toMatch(/unsubscribe\?e=[\w-]+&amp;s=[\w-]+/);
    expect(mail.text).toMatch(/unsubscribe\?e=[\w-]+&s=[\w-]+/);
    expect(String(mail.html) + mail.text).not.toContain('%%UNSUBSCRIBE_URL%%');
  });
});

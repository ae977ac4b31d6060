import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { addresses, makeProject, send, testConfig } from './helpers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

describe('pluggable transports', () => {
  it('sends through a transport built by deliver.transport.module, with no SMTP_URL', async () => {
    smtp = await startSmtp();
    const cwd = makeProject();
    copyFileSync(path.join(here, 'fixtures', 'smtp-options-transport.mjs'), path.join(cwd, 'transport.mjs'));
    const config = testConfig({ deliver: { transport: { module: 'transport.mjs', options: { port: smtp.port } } } });
    const { summary, reporter } = await send(cwd, undefined, { subscribers: addresses(3).join(','), config });
    expect(reporter.count('error')).toBe(0);
    expect(summary.transport).toBe('transport from transport.mjs');
    expect(summary.sent).toBe(3);
    expect(smtp.accepted()).toBe(3);
  });

  it('reports a transport module that cannot be loaded, and sends nothing', async () => {
    const cwd = makeProject();
    const config = testConfig({ deliver: { transport: { module: 'missing-transport.mjs' } } });
    const { summary, reporter } = await send(cwd, undefined, { subscribers: 'ada@example.com', config });
    expect(reporter.messages.find((m) => m.ruleId === 'deliver/transport')?.reason).toMatch(/cannot load deliver\.transport\.module missing-transport\.mjs/);
    expect(summary.sent).toBe(0);
  });

  it('says how to configure a transport when there is none', async () => {
    const cwd = makeProject();
    const { reporter } = await send(cwd, undefined, { subscribers: 'ada@example.com' });
    expect(reporter.messages.find((m) => m.ruleId === 'deliver/transport')?.reason).toMatch(/set SMTP_URL/);
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error mailauth's verify module ships no declarations for this path in every version
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { makeProject, send } from './helpers.ts';

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

interface DkimResult {
  status: { result: string; header?: Record<string, string> };
  signingHeaders?: { keys: string };
}

describe('DKIM', () => {
  it('signs every message (including List-Unsubscribe-Post) so a verifier passes it; tampering fails it', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const record = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
    // No network: the verifier's DNS lookups are answered from this table.
    const resolver = async (name: string, type: string) => {
      if (type === 'TXT' && name === 'brief2025._domainkey.briefing.example.org') return [[record]];
      const error = new Error(`no ${type} record for ${name}`) as Error & { code: string };
      error.code = 'ENOTFOUND';
      throw error;
    };

    smtp = await startSmtp();
    const cwd = makeProject();
    const { reporter } = await send(cwd, smtp.url, {
      subscribers: 'ada@example.com,grace@example.org',
      // Secrets stores often keep a PEM on one line with literal \n.
      env: { BRIEFING_DKIM_PRIVATE_KEY: pem.replace(/\n/g, '\\n'), BRIEFING_DKIM_SELECTOR: 'brief2025', BRIEFING_DKIM_DOMAIN: 'briefing.example.org' },
    });
    expect(reporter.count('error')).toBe(0);
    expect(smtp.messages).toHaveLength(2);
    for (const message of smtp.messages) {
      const result = (await dkimVerify(message.raw, { resolver })) as { results: DkimResult[] };
      expect(result.results).toHaveLength(1);
      expect(result.results[0]!.status.result).toBe('pass');
      expect(result.results[0]!.signingHeaders?.keys.toLowerCase()).toContain('list-unsubscribe-post');
    }
    const tampered = Buffer.from(smtp.messages[0]!.raw.toString('utf8').replace('Council approves', 'Council rejects'));
    const bad = (await dkimVerify(tampered, { resolver })) as { results: DkimResult[] };
    // mailauth says "neutral (body hash did not verify)" or "fail": anything but pass.
    expect(['fail', 'neutral']).toContain(bad.results[0]!.status.result);
  });

  it('refuses to send when DKIM is only half configured', async () => {
    smtp = await startSmtp();
    const cwd = makeProject();
    const { reporter } = await send(cwd, smtp.url, { subscribers: 'ada@example.com', env: { BRIEFING_DKIM_SELECTOR: 'brief2025' } });
    expect(reporter.messages.find((m) => m.ruleId === 'deliver/partial-dkim')?.reason).toMatch(/BRIEFING_DKIM_PRIVATE_KEY, BRIEFING_DKIM_DOMAIN/);
    expect(smtp.accepted()).toBe(0);
  });
});

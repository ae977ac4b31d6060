import { describe, expect, it } from 'vitest';
import { redact, secretValues, readDeliverEnv } from '../../pipeline/deliver/env.ts';
import { classifyError } from '../../pipeline/deliver/smtp-errors.ts';
import { isValidAddress, parseCsvSubscribers } from '../../pipeline/deliver/subscribers.ts';
import { unsubscribeUrl, verifyUnsubscribe } from '../../pipeline/deliver/unsubscribe-link.ts';
import { messageIdFor } from '../../pipeline/deliver/message.ts';
import { RateLimiter } from '../../pipeline/deliver/rate-limit.ts';
import { smtpTransport, TransportConfigError } from '../../pipeline/deliver/transport.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';

describe('deliver helpers', () => {
  it('redacts passwords in URLs and known secret values', () => {
    const env = readDeliverEnv({ SMTP_URL: 'smtps://mailer:p%40ss-w0rd@smtp.example.org:465', BRIEFING_SECRET: 'hmac-key-123' });
    const text = 'connect smtps://mailer:p%40ss-w0rd@smtp.example.org:465 failed; AUTH p@ss-w0rd; key hmac-key-123';
    const out = redact(text, secretValues(env));
    expect(out).toBe('connect smtps://mailer:***@smtp.example.org:465 failed; AUTH ***; key ***');
  });

  it('an SMTP_URL password with a "%" not written as %25 is a config error that says how to write it, never the password', () => {
    const url = 'smtps://mailer:50%off-secret@smtp.example.org:465';
    expect(() => smtpTransport(url, defaultConfig())).toThrow(TransportConfigError);
    expect(() => smtpTransport(url, defaultConfig())).toThrow(/password has a "%".*%25/);
    try {
      smtpTransport(url, defaultConfig());
    } catch (error) {
      expect((error as Error).message).not.toContain('50%off');
    }
    // Still masked wherever it shows up, though it cannot be decoded.
    const env = readDeliverEnv({ SMTP_URL: url });
    expect(redact('AUTH 50%off-secret failed', secretValues(env))).toBe('AUTH *** failed');
    // Written as %25 it decodes, and the transport is made.
    const transport = smtpTransport('smtps://mailer:50%25off-secret@smtp.example.org:465', defaultConfig());
    expect(transport.description).toBe('smtps://mailer:***@smtp.example.org:465, pool of ' + defaultConfig().deliver.maxConnections);
    transport.close();
  });

  it('classifies SMTP errors: recipient 5xx permanent, 4xx and drops temporary, login/sender refusals fatal', () => {
    expect(classifyError({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', response: '550 No such user' }).kind).toBe('permanent');
    expect(classifyError({ code: 'EMESSAGE', responseCode: 554, command: 'DATA', response: '554 Rejected' }).kind).toBe('permanent');
    expect(classifyError({ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' }).kind).toBe('temporary');
    expect(classifyError({ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }).kind).toBe('temporary');
    expect(classifyError({ code: 'ETIMEDOUT', message: 'Timeout' }).kind).toBe('temporary');
    expect(classifyError({ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }).kind).toBe('fatal');
    expect(classifyError({ code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' }).kind).toBe('fatal');
  });

  it('validates addresses plainly', () => {
    for (const ok of ['ada@example.com', 'first.last+tag@sub.example.co.uk', 'josé@exämple.de', 'x@xn--bcher-kva.example']) expect(isValidAddress(ok), ok).toBe(true);
    for (const bad of ['', 'ada', 'ada@', '@example.com', 'ada@example', 'a@@example.com', 'a b@example.com', 'ada.@example.com', 'ada@-example.com', 'ada@example.c0m']) expect(isValidAddress(bad), bad).toBe(false);
  });

  it('reads headerless and semicolon CSV with quoted fields spanning lines', () => {
    const rows = parseCsvSubscribers('# list\nada@example.com\n\n"Ada ""the first""",ada2@example.com\n', 'a.csv');
    expect(rows.map((r) => [r.address, r.line])).toEqual([
      ['ada@example.com', 2],
      ['ada2@example.com', 4],
    ]);
    const semi = parseCsvSubscribers('name;email\n"Multi\nline";m@example.com\nB;b@example.com\n', 'b.csv');
    expect(semi.map((r) => [r.address, r.name, r.line])).toEqual([
      ['m@example.com', 'Multi\nline', 2],
      ['b@example.com', 'B', 4],
    ]);
  });

  it('signs links per address, case-insensitively, and rejects another key', () => {
    const url = new URL(unsubscribeUrl('https://news.example.org/unsubscribe', 'Ada@Example.com', 'k1-secret'));
    expect(verifyUnsubscribe(url.searchParams, 'k1-secret')).toEqual({ ok: true, address: 'ada@example.com' });
    expect(verifyUnsubscribe(url.searchParams, 'k2-secret').ok).toBe(false);
    expect(unsubscribeUrl('https://news.example.org/unsubscribe', 'ada@example.com', 'k1-secret')).toBe(url.toString());
  });

  it('gives each (edition, recipient) its own stable Message-ID', () => {
    const a = messageIdFor('2025-03-18', 'ada@example.com', 'example.org');
    expect(a).toBe(messageIdFor('2025-03-18', 'ada@example.com', 'example.org'));
    expect(a).not.toBe(messageIdFor('2025-03-19', 'ada@example.com', 'example.org'));
    expect(a).not.toBe(messageIdFor('2025-03-18', 'bob@example.com', 'example.org'));
    expect(a).toMatch(/^<2025-03-18\.[0-9a-f]{32}@example\.org>$/);
  });

  it('spaces hand-offs to the configured rate (never faster, whatever the load)', async () => {
    const limiter = new RateLimiter(20);
    const start = performance.now();
    for (let i = 0; i < 6; i++) await limiter.take();
    // The first goes at once, the next five each 50 ms after the previous one.
    expect(performance.now() - start).toBeGreaterThanOrEqual(245);
  });
});

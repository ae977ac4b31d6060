import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParsedMail } from 'mailparser';
import { configSchema, type Config, type ConfigInput } from '../../pipeline/config/schema.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import { sendEdition, type SendOptions, type SendSummary } from '../../pipeline/deliver/send.ts';

export const DATE = '2025-03-18';
export const SECRET = 'test-secret-0123456789abcdef';
export const FROM = 'Briefing <news@briefing.example.org>';
const here = path.dirname(fileURLToPath(import.meta.url));

/** A throwaway project whose out/ already holds the rendered fixture edition. */
export function makeProject(subscribers?: string, file = 'subscribers.csv'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'briefing-deliver-'));
  const editionDir = path.join(dir, 'out', 'editions', DATE);
  mkdirSync(editionDir, { recursive: true });
  cpSync(path.join(here, 'fixtures', 'edition'), editionDir, { recursive: true });
  if (subscribers !== undefined) writeFileSync(path.join(dir, file), subscribers);
  return dir;
}

/** Adds the fixture edition again under another day (a second issue to send). */
export function addEdition(cwd: string, date: string): void {
  const dir = path.join(cwd, 'out', 'editions', date);
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(here, 'fixtures', 'edition'), dir, { recursive: true });
  const file = path.join(dir, 'edition.json');
  writeFileSync(file, readFileSync(file, 'utf8').replaceAll(DATE, date));
}

export function addresses(n: number, prefix = 'reader'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}@example.com`);
}

/**
 * Fast retries so fault tests stay quick. The socket timeout stays generous:
 * a reply slower than it (a loaded test machine) is indistinguishable from a
 * hang, and a timeout after DATA is SMTP's in-doubt window — the message is
 * resent, which a test counting copies would see as a duplicate.
 */
export function testConfig(extra: ConfigInput = {}): Config {
  const input = structuredClone(extra) as Record<string, unknown>;
  const deliver = { from: FROM, retries: 3, retryDelayMs: 20, timeoutMs: 10_000, rateLimit: 1000, maxConnections: 3, ...((input.deliver as object) ?? {}) };
  return configSchema.parse({ ...input, deliver });
}

export async function send(
  cwd: string,
  smtpUrl: string | undefined,
  options: Partial<SendOptions> & { subscribers?: string; config?: Config; env?: NodeJS.ProcessEnv } = {},
): Promise<{ summary: SendSummary; reporter: Reporter }> {
  const reporter = new Reporter();
  const { subscribers, config, env: extraEnv, ...rest } = options;
  const env: NodeJS.ProcessEnv = { BRIEFING_SECRET: SECRET, ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}), ...(subscribers ? { BRIEFING_SUBSCRIBERS: subscribers } : {}), ...extraEnv };
  const summary = await sendEdition({ cwd, config: config ?? testConfig(), reporter, date: DATE, ...rest, env });
  return { summary, reporter };
}

/** A header as written on the wire (unfolded), whatever structure mailparser gives it. */
export function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

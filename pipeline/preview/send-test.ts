import { randomBytes } from 'node:crypto';
import type { Config } from '../config/schema.ts';
import { sendEdition } from '../deliver/send.ts';
import { Reporter } from '../common/report.ts';

/** One address, nothing that could add a header or a second recipient. */
const ADDRESS = /^[^\s@,;<>"'()\\]+@[^\s@,;<>"'()\\]+$/;

export function isTestAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value);
}

/**
 * "Send test": one copy of the previewed edition, through the delivery
 * stage's own code path for `briefing send --to` (same transport from
 * `SMTP_URL`/config, same headers, subject marked [TEST], nothing recorded in
 * the ledger). Reads the edition from the preview's out folder, so the editor
 * receives exactly what they are looking at. Without `BRIEFING_SECRET` a
 * throwaway key signs the unsubscribe link: a test copy's link needs to work
 * for nobody.
 */
export async function sendTestCopy(options: { cwd: string; config: Config; outDir: string; date: string; to: string; env: NodeJS.ProcessEnv }): Promise<{ ok: true; detail: string } | { ok: false; error: string }> {
  if (!isTestAddress(options.to)) return { ok: false, error: `not a single email address: ${JSON.stringify(options.to)}` };
  const reporter = new Reporter();
  const env = { ...options.env, BRIEFING_SECRET: options.env.BRIEFING_SECRET || randomBytes(24).toString('hex') };
  const summary = await sendEdition({ cwd: options.cwd, config: { ...options.config, out: options.outDir }, env, reporter, date: options.date, to: options.to });
  const errors = reporter.messages.filter((m) => m.severity === 'error');
  if (summary.sent === 1 && errors.length === 0) return { ok: true, detail: `sent through ${summary.transport ?? 'the configured transport'}` };
  return { ok: false, error: errors.map((m) => m.reason).join('; ') || 'not sent' };
}

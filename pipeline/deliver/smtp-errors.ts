/**
 * What an error from `sendMail` means for the recipient:
 *  - `permanent`: this recipient or message is refused (5xx to RCPT TO or
 *    DATA): recorded as failed, never retried automatically.
 *  - `temporary`: 4xx, dropped connection, timeout: retried with backoff.
 *  - `fatal`: nothing will get through until someone fixes the setup (login
 *    refused, sender refused, TLS broken): the run stops instead of marking
 *    every subscriber failed.
 */
export type Outcome = { kind: 'sent' } | { kind: 'permanent' | 'temporary' | 'fatal'; reason: string; code?: number };

const FATAL_CODES = new Set(['EAUTH', 'ETLS', 'ECONFIG', 'EOAUTH2', 'ENOAUTH']);
const TEMPORARY_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNRESET', 'EPIPE', 'EDNS', 'ECONNREFUSED', 'EPROTOCOL', 'EMAXLIMIT']);

export function classifyError(error: unknown): Outcome {
  const err = (error ?? {}) as { code?: string; responseCode?: number; command?: string; response?: string; message?: string };
  const reason = (err.response ?? err.message ?? String(error)).replace(/\s+/g, ' ').trim().slice(0, 300);
  const responseCode = typeof err.responseCode === 'number' ? err.responseCode : undefined;
  const command = (err.command ?? '').toUpperCase();
  if (err.code && FATAL_CODES.has(err.code)) return { kind: 'fatal', reason };
  if (responseCode !== undefined && responseCode >= 500) {
    // A refused sender or login affects everyone; a refused recipient or message only this one.
    if (command.startsWith('MAIL') || command.startsWith('AUTH') || command === 'EHLO' || command === 'HELO') return { kind: 'fatal', reason, code: responseCode };
    return { kind: 'permanent', reason, code: responseCode };
  }
  if (responseCode !== undefined && responseCode >= 400) return { kind: 'temporary', reason, code: responseCode };
  if (err.code && TEMPORARY_CODES.has(err.code)) return { kind: 'temporary', reason };
  // Unknown errors (a custom transport's API throttling…) get the bounded retries, then "deferred".
  return { kind: 'temporary', reason };
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import { BUILT_IN_WORDS } from '../render/words.ts';

/**
 * Signed unsubscribe links: `<unsubscribeUrl>?e=<address, base64url>&s=<HMAC-SHA256, base64url>`.
 * The signature covers the lowercased address with a purpose prefix, so a
 * link cannot be altered to unsubscribe someone else and a signature made
 * for another purpose with the same key does not verify here.
 */
const PURPOSE = 'briefing-unsubscribe-v1\n';

export function signAddress(address: string, secret: string): string {
  return createHmac('sha256', secret).update(PURPOSE + address.toLowerCase()).digest('base64url');
}

export function unsubscribeUrl(base: string, address: string, secret: string): string {
  const url = new URL(base);
  url.searchParams.set('e', Buffer.from(address.toLowerCase(), 'utf8').toString('base64url'));
  url.searchParams.set('s', signAddress(address, secret));
  return url.toString();
}

/** What can be wrong with a link, and the word (render/words.ts) the unsubscribe page says it with, in the briefing's language. */
export const PROBLEM_WORD = { incomplete: 'linkIncomplete', malformed: 'linkMalformed', signature: 'linkSignature' } as const;
export type LinkProblem = keyof typeof PROBLEM_WORD;

/** `reason`: the problem in English (the built-in English word), for logs and callers of the API. */
export type LinkCheck = { ok: true; address: string } | { ok: false; problem: LinkProblem; reason: string };

function failed(problem: LinkProblem): LinkCheck {
  return { ok: false, problem, reason: BUILT_IN_WORDS.en!.unsubscribePage[PROBLEM_WORD[problem]] };
}

/** Checks the `e` and `s` parameters of a link (from a query string or a form body). */
export function verifyUnsubscribe(params: URLSearchParams, secret: string): LinkCheck {
  const e = params.get('e');
  const s = params.get('s');
  if (!e || !s) return failed('incomplete');
  if (!/^[A-Za-z0-9_-]+$/.test(e) || !/^[A-Za-z0-9_-]+$/.test(s)) return failed('malformed');
  const address = Buffer.from(e, 'base64url').toString('utf8');
  const expected = Buffer.from(signAddress(address, secret), 'base64url');
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return failed('signature');
  return { ok: true, address };
}

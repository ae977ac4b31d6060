import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody, respond } from '../common/http.ts';
import type { Ledger } from './ledger.ts';
import { verifyUnsubscribe } from './unsubscribe-link.ts';

export interface UnsubscribeServerOptions {
  ledger: Ledger;
  secret: string;
  /** Shown on the pages. */
  title: string;
  /** Called after each recorded unsubscribe (the CLI logs it). */
  onUnsubscribe?: (address: string, via: 'one-click' | 'form') => void;
}

const MAX_BODY = 16 * 1024;

/**
 * The endpoint behind every unsubscribe link (mounted at any path ending in
 * `/unsubscribe`, so a reverse proxy can put it under the archive's URL):
 *  - GET  with a valid signature: a confirm page with a POST form. GET never
 *    unsubscribes, because mail scanners follow links.
 *  - POST with a valid signature (RFC 8058 one-click from the mail client, or
 *    the confirm form): records the unsubscribe in the ledger.
 * A missing, forged or altered signature gets 403 and records nothing.
 */
export function createUnsubscribeServer(options: UnsubscribeServerOptions): Server {
  return createServer((req, res) => {
    handle(req, res, options).catch(() => {
      if (!res.headersSent) page(res, 500, 'Something went wrong', 'Please try again later.', options.title);
      else res.end();
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, options: UnsubscribeServerOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') {
    respond(res, 200, 'text/plain; charset=utf-8', 'ok\n');
    return;
  }
  if (!/\/unsubscribe\/?$/.test(url.pathname)) {
    page(res, 404, 'Not found', 'This server only handles unsubscribe links.', options.title);
    return;
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    const check = verifyUnsubscribe(url.searchParams, options.secret);
    if (!check.ok) return refuse(res, check.reason, options.title);
    const already = options.ledger.isUnsubscribed(check.address);
    const form = `<form method="post"><input type="hidden" name="e" value="${escapeHtml(url.searchParams.get('e') ?? '')}"><input type="hidden" name="s" value="${escapeHtml(url.searchParams.get('s') ?? '')}"><button type="submit">Unsubscribe</button></form>`;
    page(res, 200, already ? 'Already unsubscribed' : 'Unsubscribe?', already ? `<p>${escapeHtml(check.address)} no longer receives ${escapeHtml(options.title)}.</p>` : `<p>Stop sending ${escapeHtml(options.title)} to <strong>${escapeHtml(check.address)}</strong>?</p>${form}`, options.title, true);
    return;
  }
  if (req.method === 'POST') {
    const body = await readBody(req, MAX_BODY);
    if (body === null) {
      page(res, 413, 'Too large', 'The request body is too large.', options.title);
      return;
    }
    // One-click: signature in the URL, body "List-Unsubscribe=One-Click". Form: signature in the body.
    const params = new URLSearchParams(url.searchParams);
    const form = new URLSearchParams(body);
    for (const key of ['e', 's']) if (!params.get(key) && form.get(key)) params.set(key, form.get(key)!);
    const check = verifyUnsubscribe(params, options.secret);
    if (!check.ok) return refuse(res, check.reason, options.title);
    const via = form.get('List-Unsubscribe') === 'One-Click' ? 'one-click' : 'form';
    const recorded = options.ledger.unsubscribe(check.address, `http-${via}`);
    if (recorded) options.onUnsubscribe?.(check.address, via);
    page(res, 200, 'Unsubscribed', `<p>${escapeHtml(check.address)} will not receive ${escapeHtml(options.title)} any more.</p>`, options.title);
    return;
  }
  respond(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { allow: 'GET, HEAD, POST' });
}

function refuse(res: ServerResponse, reason: string, title: string): void {
  page(res, 403, 'Link not valid', `<p>This unsubscribe link is not valid (${escapeHtml(reason)}). Use the link from the email exactly as it came, or reply to the email and ask to be removed.</p>`, title);
}

function page(res: ServerResponse, status: number, heading: string, body: string, title: string, noStore = false): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(heading)} — ${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1rem}</style></head><body><h1>${escapeHtml(heading)}</h1>${body.startsWith('<') ? body : `<p>${escapeHtml(body)}</p>`}</body></html>\n`;
  respond(res, status, 'text/html; charset=utf-8', html, {
    'cache-control': noStore ? 'no-store' : 'no-cache',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

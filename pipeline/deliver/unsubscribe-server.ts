import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody, respond } from '../common/http.ts';
import type { Ledger } from './ledger.ts';
import { PROBLEM_WORD, verifyUnsubscribe } from './unsubscribe-link.ts';
import { fillWord, resolveWords, type UnsubscribePageWords } from '../render/words.ts';

export interface UnsubscribeServerOptions {
  ledger: Ledger;
  secret: string;
  /** Shown on the pages. */
  title: string;
  /** The pages' language (config `language`, their `lang`): a subscriber reads them in the briefing's. Default English. */
  language?: string;
  /** Their words (config `words.unsubscribePage`; default: the built-in ones of `language`, render/words.ts). */
  words?: UnsubscribePageWords;
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
  const pages = new Pages(options);
  return createServer((req, res) => {
    handle(req, res, options, pages).catch(() => {
      if (!res.headersSent) pages.send(res, 500, 'errorHeading', 'errorText');
      else res.end();
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, options: UnsubscribeServerOptions, pages: Pages): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') {
    respond(res, 200, 'text/plain; charset=utf-8', 'ok\n');
    return;
  }
  if (!/\/unsubscribe\/?$/.test(url.pathname)) {
    pages.send(res, 404, 'notFoundHeading', 'notFoundText');
    return;
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    const check = verifyUnsubscribe(url.searchParams, options.secret);
    if (!check.ok) return pages.send(res, 403, 'invalidHeading', 'invalidText', { reason: pages.words[PROBLEM_WORD[check.problem]] });
    const address = { address: check.address };
    if (options.ledger.isUnsubscribed(check.address)) return pages.send(res, 200, 'alreadyHeading', 'alreadyText', address, '', true);
    const form = `<form method="post"><input type="hidden" name="e" value="${escapeHtml(url.searchParams.get('e') ?? '')}"><input type="hidden" name="s" value="${escapeHtml(url.searchParams.get('s') ?? '')}"><button type="submit">${escapeHtml(pages.words.confirmButton)}</button></form>`;
    pages.send(res, 200, 'confirmHeading', 'confirmText', address, form, true);
    return;
  }
  if (req.method === 'POST') {
    const body = await readBody(req, MAX_BODY);
    if (body === null) {
      pages.send(res, 413, 'tooLargeHeading', 'tooLargeText');
      return;
    }
    // One-click: signature in the URL, body "List-Unsubscribe=One-Click". Form: signature in the body.
    const params = new URLSearchParams(url.searchParams);
    const form = new URLSearchParams(body);
    for (const key of ['e', 's']) if (!params.get(key) && form.get(key)) params.set(key, form.get(key)!);
    const check = verifyUnsubscribe(params, options.secret);
    if (!check.ok) return pages.send(res, 403, 'invalidHeading', 'invalidText', { reason: pages.words[PROBLEM_WORD[check.problem]] });
    const via = form.get('List-Unsubscribe') === 'One-Click' ? 'one-click' : 'form';
    const recorded = options.ledger.unsubscribe(check.address, `http-${via}`);
    if (recorded) options.onUnsubscribe?.(check.address, via);
    pages.send(res, 200, 'doneHeading', 'doneText', { address: check.address });
    return;
  }
  respond(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { allow: 'GET, HEAD, POST' });
}

/** The server's pages, in the briefing's language and words. */
class Pages {
  readonly words: UnsubscribePageWords;
  private readonly language: string;

  constructor(private readonly options: UnsubscribeServerOptions) {
    this.language = options.language ?? 'en';
    this.words = options.words ?? resolveWords(this.language).unsubscribePage;
  }

  /**
   * A page of a heading and a paragraph (`after` follows it: the confirm form). The words are
   * escaped, then their placeholders filled with the values, escaped too: `{title}` the
   * briefing's name, `{address}` the subscriber's in bold, `{reason}` why a link failed.
   */
  send(res: ServerResponse, status: number, heading: keyof UnsubscribePageWords, text: keyof UnsubscribePageWords, values: Record<string, string> = {}, after = '', noStore = false): void {
    const all = { title: this.options.title, ...values };
    const fill = (word: string) => fillWord(escapeHtml(word), all, (value, name) => (name === 'address' && text === 'confirmText' ? `<strong>${escapeHtml(value)}</strong>` : escapeHtml(value)));
    const title = fill(this.words[heading]);
    const html = `<!doctype html><html lang="${escapeHtml(this.language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title} — ${escapeHtml(this.options.title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1rem}</style></head><body><h1>${title}</h1><p>${fill(this.words[text])}</p>${after}</body></html>\n`;
    respond(res, status, 'text/html; charset=utf-8', html, {
      'cache-control': noStore ? 'no-store' : 'no-cache',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    });
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh secret per server start: pages carry it, state-changing requests must send it back. */
export function newSessionToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The origins the preview's own pages have (the browser may use either name for loopback). */
export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/**
 * Host header check against DNS rebinding: a hostile page that points its own
 * name at 127.0.0.1 still sends its name as Host, and is refused.
 */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && [`127.0.0.1:${port}`, `localhost:${port}`].includes(host.toLowerCase());
}

/**
 * Where a request comes from, by the strongest signal the browser sent:
 * `Origin` (always sent cross-origin), else `Sec-Fetch-Site`, else `Referer`.
 * Chromium omits `Origin` on some same-origin fetches, so its absence alone
 * proves nothing; a request with none of the three is refused.
 */
function fromOwnPage(req: IncomingMessage, port: number): boolean {
  const own = ownOrigins(port);
  const origin = req.headers.origin;
  if (typeof origin === 'string') return own.includes(origin.toLowerCase());
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const referer = req.headers.referer;
  return typeof referer === 'string' && own.some((o) => referer.toLowerCase().startsWith(o + '/'));
}

/**
 * A state-changing request must come from the preview's own page: its Origin
 * is ours (or, failing that, its fetch metadata or referrer is ours) and it carries the session
 * token that only our pages contain. A form or fetch from any other site
 * fails both.
 */
export function stateChangeAllowed(req: IncomingMessage, port: number, token: string): { ok: true } | { ok: false; reason: string } {
  if (!fromOwnPage(req, port)) return { ok: false, reason: 'request is not from the preview page (Origin)' };
  if (!tokenMatches(token, req.headers['x-preview-token'])) return { ok: false, reason: 'missing or wrong session token' };
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) return { ok: false, reason: 'expected application/json' };
  return { ok: true };
}

/**
 * Maps a URL path below a mount point to a file inside `root`, or null.
 * Refused: encoded slashes or backslashes (`%2f`, `%5c`), `..` or `.`
 * segments in any encoding (checked after decoding), NUL bytes, hidden
 * files, and anything whose real path (symlinks resolved) leaves `root`.
 */
export function resolveInside(root: string, rawPath: string): string | null {
  if (/%2f|%5c|%00/i.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return null;
  const candidate = path.resolve(root, ...segments);
  let realRoot: string;
  let real: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(candidate);
  } catch {
    return null;
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return null;
  try {
    const stat = statSync(real);
    if (stat.isDirectory()) {
      const index = path.join(real, 'index.html');
      return statSync(index).isFile() ? index : null;
    }
    return stat.isFile() ? real : null;
  } catch {
    return null;
  }
}

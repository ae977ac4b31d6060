/**
 * A careful HTTP GET for feeds named in config. A feed URL is input from a
 * config file that may be shared, and the fetch runs unattended on a schedule,
 * so it is bounded in every direction:
 *
 * - only `http:` and `https:` (never `file:` or anything else);
 * - a time limit for the whole exchange (connect, headers and body);
 * - a size limit on the (decompressed) body;
 * - at most `maxRedirects` redirects, each hop checked like the first;
 * - no loopback, private, link-local or otherwise internal addresses unless
 *   allowed (a server-side request forgery guard). The check runs on the
 *   address the socket actually connects to (through `lookup`), so a DNS name
 *   that resolves to 127.0.0.1 is refused too, not only the literal;
 * - conditional GET: the caller passes the last `ETag` / `Last-Modified` and
 *   gets `notModified: true` on a 304.
 *
 * Written on `node:http(s)` rather than `fetch` because `fetch` cannot check the
 * connected address or cap a body before buffering it.
 */
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  /** Refuse loopback/private/link-local addresses (default true). */
  blockPrivateAddresses?: boolean;
  etag?: string | null;
  lastModified?: string | null;
  userAgent?: string;
}

export interface FetchResult {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  notModified: boolean;
  body: Uint8Array | null;
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
}

/** A fetch that failed for a reason worth telling the user (status, limit, refusal). */
export class FetchError extends Error {}

const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}

/** True for addresses a feed fetch must not reach by default (loopback, private, link-local, multicast…). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return BLOCKED.check(mapped[1]!, 'ipv4');
  const family = isIP(bare);
  if (family === 4) return BLOCKED.check(bare, 'ipv4');
  if (family === 6) return BLOCKED.check(bare, 'ipv6');
  return false;
}

export async function fetchFeedUrl(url: string, options: FetchOptions): Promise<FetchResult> {
  const maxRedirects = options.maxRedirects ?? 5;
  const block = options.blockPrivateAddresses ?? true;
  const deadline = Date.now() + options.timeoutMs;
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') {
      throw new FetchError(`refused ${current.protocol} URL: only http and https feeds are fetched`);
    }
    const host = current.hostname.replace(/^\[|\]$/g, '');
    if (block && (isPrivateAddress(host) || host === 'localhost' || host.endsWith('.localhost'))) {
      throw new FetchError(`refused ${host}: a loopback or private address (set ingest.blockPrivateAddresses to false to allow)`);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new FetchError(`timed out after ${options.timeoutMs} ms (ingest.fetchTimeoutMs)`);
    const response = await requestOnce(current, options, block, remaining);
    if (response.status >= 300 && response.status < 400 && response.status !== 304 && response.location) {
      if (hop >= maxRedirects) throw new FetchError(`too many redirects (more than ${maxRedirects})`);
      current = new URL(response.location, current);
      continue;
    }
    if (response.status === 304) {
      return { url: current.href, status: 304, notModified: true, body: null, etag: response.etag ?? options.etag ?? null, lastModified: response.lastModified ?? options.lastModified ?? null, contentType: response.contentType };
    }
    if (response.status < 200 || response.status >= 300) throw new FetchError(`HTTP ${response.status}`);
    return { url: current.href, status: response.status, notModified: false, body: response.body, etag: response.etag, lastModified: response.lastModified, contentType: response.contentType };
  }
}

interface RawResponse {
  status: number;
  location: string | null;
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  body: Uint8Array | null;
}

function requestOnce(url: URL, options: FetchOptions, block: boolean, timeoutMs: number): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      'user-agent': options.userAgent ?? 'Briefing/0.1 (feed ingest)',
      accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (options.etag) headers['if-none-match'] = options.etag;
    if (options.lastModified) headers['if-modified-since'] = options.lastModified;
    const lookup = (hostname: string, lookupOptions: object, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
      dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
        if (error) return callback(error, []);
        const list = addresses as LookupAddress[];
        if (block) {
          const refused = list.find((a) => isPrivateAddress(a.address));
          if (refused) return callback(new FetchError(`refused ${hostname}: it resolves to ${refused.address}, a loopback or private address (set ingest.blockPrivateAddresses to false to allow)`), []);
        }
        if ((lookupOptions as { all?: boolean }).all) callback(null, list);
        else callback(null, list[0]!.address, list[0]!.family);
      });
    };
    const client = url.protocol === 'https:' ? https : http;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      reject(error instanceof FetchError ? error : new FetchError((error as NodeJS.ErrnoException).code ?? error.message));
    };
    const timer = setTimeout(() => fail(new FetchError(`timed out after ${options.timeoutMs} ms (ingest.fetchTimeoutMs)`)), timeoutMs);
    const request = client.get(url, { headers, lookup: lookup as never }, (response) => {
      const status = response.statusCode ?? 0;
      const header = (name: string) => {
        const value = response.headers[name];
        return typeof value === 'string' ? value : null;
      };
      const meta = { status, location: header('location'), etag: header('etag'), lastModified: header('last-modified'), contentType: header('content-type') };
      if (status < 200 || status >= 300) {
        response.resume();
        settled = true;
        clearTimeout(timer);
        resolve({ ...meta, body: null });
        return;
      }
      const declared = Number(header('content-length'));
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        fail(new FetchError(`feed is ${declared} bytes, over the ${options.maxBytes}-byte limit (ingest.maxFileBytes)`));
        return;
      }
      let stream: Readable = response;
      const encoding = (header('content-encoding') ?? '').toLowerCase();
      if (encoding === 'gzip' || encoding === 'x-gzip') stream = response.pipe(createGunzip());
      else if (encoding === 'deflate') stream = response.pipe(createInflate());
      else if (encoding === 'br') stream = response.pipe(createBrotliDecompress());
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          fail(new FetchError(`feed is over the ${options.maxBytes}-byte limit (ingest.maxFileBytes)`));
          stream.destroy();
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', fail);
      stream.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...meta, body: new Uint8Array(Buffer.concat(chunks)) });
      });
    });
    request.on('error', fail);
  });
}

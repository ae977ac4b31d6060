/**
 * Feed URLs that try to reach the machine itself by another spelling:
 * decimal, hex and short IPv4 forms, IPv4-mapped IPv6, 0.0.0.0 and a
 * `localhost` subdomain. With the default `ingest.blockPrivateAddresses`
 * every one is refused before connecting (a real server counts requests),
 * and each refusal is a warning naming the feed. test/foundation/feeds.test.ts
 * covers the plain spellings, size, time and redirect limits and file: URLs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFeeds } from '../../pipeline/ingest/feeds.ts';
import { makeCtx, removeDir, tempDir } from '../foundation/helpers.ts';

let server: Server;
let port = 0;
const requests: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>t</title><description>leak</description></item></channel></rss>');
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  dirs.forEach(removeDir);
});

describe('feed URLs that spell a private address another way', () => {
  it('are all refused before connecting, each with a warning naming it', async () => {
    const urls = [
      `http://2130706433:${port}/decimal`,
      `http://0x7f.0.0.1:${port}/hex`,
      `http://127.1:${port}/short`,
      `http://0177.0.0.1:${port}/octal`,
      `http://[::ffff:127.0.0.1]:${port}/mapped`,
      `http://[::ffff:7f00:1]:${port}/mapped-hex`,
      `http://0.0.0.0:${port}/any`,
      `http://feeds.localhost:${port}/subdomain`,
      `http://LOCALHOST.:${port}/trailing-dot`,
    ];
    const cwd = tempDir('briefing-ssrf-');
    dirs.push(cwd);
    const { ctx, reporter } = makeCtx({ ingest: { feeds: urls.map((url) => ({ url })), fetchTimeoutMs: 3000 } }, cwd);
    const articles = await ingestFeeds(ctx, { writeCache: false });
    expect(articles).toEqual([]);
    expect(requests, `reached the server: ${requests.join(', ')}`).toEqual([]);
    const failures = reporter.messages.filter((m) => m.ruleId === 'ingest/feed-failed');
    expect(failures.map((m) => m.file).sort()).toEqual([...urls].sort());
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ingestFeeds } from '../../pipeline/ingest/feeds.ts';
import { feedName } from '../../pipeline/ingest/feed-fields.ts';
import { isPrivateAddress } from '../../pipeline/ingest/fetch.ts';
import { FIXTURES, makeCtx, removeDir, tempDir } from './helpers.ts';

const FEEDS = path.join(FIXTURES, 'feeds');
const RSS = readFileSync(path.join(FEEDS, 'rss.xml'));

describe('local feed files', () => {
  it('reads RSS 2.0 items with guid, link, date, author, HTML body and publisher from the feed title', async () => {
    const { ctx, reporter } = makeCtx({ ingest: { feeds: [{ url: 'rss.xml' }] } }, FEEDS);
    const articles = await ingestFeeds(ctx, { writeCache: false });
    expect(articles.map((a) => a.id)).toEqual(['harbour-2025-0318-ferry', 'https://harbour.example/news/lighthouse', 'harbour-bad-date']);
    const [ferry, lighthouse, bad] = articles;
    expect(ferry).toMatchObject({
      format: 'html',
      title: 'Ferry timetable cut for winter',
      url: 'https://harbour.example/news/ferry-timetable',
      date: '2025-03-18',
      dateSource: 'feed',
      author: 'Rosa Quintero',
      publisher: 'Harbour Post',
      language: 'en-gb',
      origin: { file: 'rss.xml', feed: 'rss.xml', recordId: 'harbour-2025-0318-ferry' },
    });
    // content:encoded wins over the short description.
    expect(ferry!.raw).toContain('<p>Residents said the cut would isolate the island.</p>');
    expect(ferry!.origin.line).toBe(11);
    // 23:30 at UTC-5 is already the 20th in UTC (the default timezone).
    expect(lighthouse!.date).toBe('2025-03-20');
    expect(lighthouse!.format).toBe('txt');
    expect(bad!.date).toBeNull();
    const warning = reporter.messages.find((m) => m.ruleId === 'ingest/bad-date');
    expect(warning).toMatchObject({ severity: 'warning', file: 'rss.xml', articleId: 'harbour-bad-date' });
    expect(warning!.line).toBeGreaterThan(1);
  });

  it('points each item at its own line: links written with &amp;, links an earlier item mentions', async () => {
    const dir = tempDir();
    try {
      const item = (k: number, extra = '') =>
        `<item>\n<title>Item ${k}</title>\n<link>https://harbour.example/news?id=${k}&amp;ref=rss</link>\n<description>Text ${k}.${extra}</description>\n</item>`;
      // Item 1 quotes item 2's link: the first occurrence of it is in item 1.
      const items = [item(1, ' See https://harbour.example/news?id=2&amp;ref=rss too.'), item(2), item(3)];
      writeFileSync(path.join(dir, 'feed.xml'), `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n${items.join('\n')}\n</channel></rss>\n`);
      const { ctx } = makeCtx({ ingest: { feeds: [{ url: 'feed.xml' }] } }, dir);
      const articles = await ingestFeeds(ctx, { writeCache: false });
      // Each item is five lines, the first at line 3; its link is on its third line.
      expect(articles.map((a) => [a.title, a.origin.line])).toEqual([
        ['Item 1', 5],
        ['Item 2', 10],
        ['Item 3', 15],
      ]);
    } finally {
      removeDir(dir);
    }
  });

  it('dates feed items in the configured timezone', async () => {
    const { ctx } = makeCtx({ timezone: 'America/Chicago', ingest: { feeds: [{ url: 'rss.xml' }] } }, FEEDS);
    const articles = await ingestFeeds(ctx, { writeCache: false });
    expect(articles.find((a) => a.title === 'Lighthouse reopens')!.date).toBe('2025-03-19');
    expect(articles.find((a) => a.title?.startsWith('Ferry'))!.date).toBe('2025-03-18');
  });

  it('reads Atom entries (HTML content and plain summaries) and the configured publisher', async () => {
    const { ctx } = makeCtx({ ingest: { feeds: [{ url: 'atom.xml', publisher: 'The Courier' }] } }, FEEDS);
    const [strike, plain] = await ingestFeeds(ctx, { writeCache: false });
    expect(strike).toMatchObject({
      id: 'tag:courier.example,2025:rail-strike',
      format: 'html',
      url: 'https://courier.example/rail-strike',
      date: '2025-03-20',
      author: 'Jonas Keller',
      publisher: 'The Courier',
      title: 'Rail strike called off',
    });
    expect(strike!.raw).toContain('<p>Talks will resume next week.</p>');
    expect(plain).toMatchObject({ format: 'txt', raw: 'A summary in plain text, with no markup at all.', date: '2025-03-21', url: 'https://courier.example/plain' });
  });

  it("reads an alert service's items as their outlets' articles: titles without markup, links unwrapped, the site as publisher", async () => {
    const { ctx } = makeCtx({ ingest: { feeds: ['google-alerts.xml'] } }, FEEDS);
    const [grid, water] = await ingestFeeds(ctx, { writeCache: false });
    expect(grid).toMatchObject({
      title: 'Ready-to-build energy projects to jump grid queue under new rules',
      url: 'https://www.example-news.co.uk/energy/grid-queue-rules',
      publisher: 'example-news.co.uk',
      date: '2026-11-18',
      format: 'html',
    });
    expect(water).toMatchObject({ title: 'Ofwat confirms water bills to rise by £123 as grid costs bite', url: 'https://www.example-times.com/business/ofwat-bills', publisher: 'example-times.com' });
    // An editor's publisher for the feed stands.
    const named = makeCtx({ ingest: { feeds: [{ url: 'google-alerts.xml', publisher: 'Grid alerts' }] } }, FEEDS);
    expect((await ingestFeeds(named.ctx, { writeCache: false }))[0]!.publisher).toBe('Grid alerts');
  });

  it("reads a news aggregator's item: its <source> is the publisher and leaves the title, and a body that only links the title is a headline", async () => {
    const { ctx, reporter } = makeCtx({ ingest: { feeds: ['google-news.xml'] } }, FEEDS);
    const [item] = await ingestFeeds(ctx, { writeCache: false });
    expect(item).toMatchObject({ title: 'Energy projects to jump grid queue under new rules', publisher: 'The Example News', format: 'txt', raw: 'Energy projects to jump grid queue under new rules' });
    expect(reporter.messages.filter((m) => m.severity !== 'info')).toEqual([]);
  });

  it("a blog's feed on a platform names the blog, not its host, as the publisher; a writer's feed names the writer", async () => {
    const { ctx } = makeCtx({ ingest: { feeds: ['medium.xml'] } }, FEEDS);
    const [post] = await ingestFeeds(ctx, { writeCache: false });
    expect(post).toMatchObject({ publisher: 'Civic Design Notes', author: 'Jordan Alvarez', date: '2026-12-02' });
    expect(feedName('Stories by Jordan Alvarez on Medium')).toBe('Jordan Alvarez');
    // A name that only ends like one stays whole.
    expect(feedName('Harbour Post')).toBe('Harbour Post');
    expect(feedName('Notes on the Medium')).toBe('Notes on the Medium');
  });

  it('reads JSON Feed 1.1 items', async () => {
    const { ctx } = makeCtx({ ingest: { feeds: [{ url: 'feed.json' }] } }, FEEDS);
    const [html, text] = await ingestFeeds(ctx, { writeCache: false });
    expect(html).toMatchObject({ id: 'wire-1', format: 'html', publisher: 'Capital Wire', author: 'Nadia Farouk', date: '2025-03-22', url: 'https://wire.example/1', language: 'en' });
    expect(text).toMatchObject({ id: 'wire-2', format: 'txt', raw: 'A plain text body.', date: '2025-03-23' });
  });

  it('a broken or missing feed is a warning naming it, and the other feeds are still read', async () => {
    const dir = tempDir();
    try {
      const { writeFileSync, copyFileSync } = await import('node:fs');
      writeFileSync(path.join(dir, 'broken.xml'), '<rss><channel><item><title>cut off');
      copyFileSync(path.join(FEEDS, 'feed.json'), path.join(dir, 'good.json'));
      const { ctx, reporter } = makeCtx({ ingest: { feeds: [{ url: 'broken.xml' }, { url: 'missing.xml' }, { url: 'file:///etc/passwd' }, { url: 'good.json' }] } }, dir);
      const articles = await ingestFeeds(ctx, { writeCache: false });
      expect(articles.map((a) => a.id)).toEqual(['wire-1', 'wire-2']);
      const failures = reporter.messages.filter((m) => m.ruleId === 'ingest/feed-failed');
      expect(failures.map((m) => m.file)).toEqual(['broken.xml', 'missing.xml', 'file:///etc/passwd']);
      expect(failures.every((m) => m.severity === 'warning')).toBe(true);
      expect(failures[2]!.reason).toMatch(/file: URL/);
    } finally {
      removeDir(dir);
    }
  });
});

describe('feed URLs over HTTP', () => {
  let server: Server;
  let base: string;
  const requests: { url: string; ifNoneMatch: string | undefined; ifModifiedSince: string | undefined }[] = [];
  let handler: (req: IncomingMessage, res: ServerResponse) => void = () => {};
  const dirs: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push({ url: req.url ?? '', ifNoneMatch: req.headers['if-none-match'], ifModifiedSince: req.headers['if-modified-since'] });
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  afterEach(() => {
    requests.length = 0;
    for (const dir of dirs.splice(0)) removeDir(dir);
  });
  const workspace = () => {
    const dir = tempDir();
    dirs.push(dir);
    return dir;
  };
  const allowLocal = (feeds: { url: string }[], extra: Record<string, unknown> = {}) => ({ ingest: { feeds, blockPrivateAddresses: false, ...extra } });

  it('uses a conditional GET: a 304 reuses the stored feed, a change is fetched again', async () => {
    let body = RSS;
    let etag = '"v1"';
    handler = (req, res) => {
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag, 'last-modified': 'Tue, 18 Mar 2025 10:00:00 GMT' });
      res.end(body);
    };
    const cwd = workspace();
    const first = makeCtx(allowLocal([{ url: `${base}/feed.xml` }]), cwd);
    const firstArticles = await ingestFeeds(first.ctx);
    expect(firstArticles).toHaveLength(3);
    expect(requests[0]).toMatchObject({ ifNoneMatch: undefined, ifModifiedSince: undefined });

    const second = makeCtx(allowLocal([{ url: `${base}/feed.xml` }]), cwd);
    const secondArticles = await ingestFeeds(second.ctx);
    expect(requests[1]).toMatchObject({ ifNoneMatch: '"v1"', ifModifiedSince: 'Tue, 18 Mar 2025 10:00:00 GMT' });
    expect(second.reporter.messages.some((m) => m.ruleId === 'ingest/feed-not-modified')).toBe(true);
    expect(secondArticles.map((a) => a.hash)).toEqual(firstArticles.map((a) => a.hash));

    body = Buffer.from(RSS.toString('utf8').replace('Ferry timetable cut for winter', 'Ferry timetable restored'));
    etag = '"v2"';
    const third = makeCtx(allowLocal([{ url: `${base}/feed.xml` }]), cwd);
    const thirdArticles = await ingestFeeds(third.ctx);
    expect(thirdArticles[0]!.title).toBe('Ferry timetable restored');
    expect(third.reporter.messages.some((m) => m.ruleId === 'ingest/feed-not-modified')).toBe(false);
  });

  it('reads gzip-encoded feeds and follows a redirect', async () => {
    handler = (req, res) => {
      if (req.url === '/old') {
        res.writeHead(301, { location: '/new' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      res.end(gzipSync(RSS));
    };
    const { ctx, reporter } = makeCtx(allowLocal([{ url: `${base}/old` }]), workspace());
    const articles = await ingestFeeds(ctx, { writeCache: false });
    expect(articles).toHaveLength(3);
    expect(requests.map((r) => r.url)).toEqual(['/old', '/new']);
    expect(reporter.messages.filter((m) => m.ruleId === 'ingest/feed-failed')).toEqual([]);
  });

  it('stops after too many redirects', async () => {
    handler = (req, res) => {
      const n = Number(req.url?.slice(1)) || 0;
      res.writeHead(302, { location: `/${n + 1}` });
      res.end();
    };
    const { ctx, reporter } = makeCtx(allowLocal([{ url: `${base}/0` }]), workspace());
    expect(await ingestFeeds(ctx, { writeCache: false })).toEqual([]);
    expect(reporter.messages.find((m) => m.ruleId === 'ingest/feed-failed')!.reason).toMatch(/too many redirects/);
    expect(requests.length).toBe(6);
  });

  it('times out a server that never answers, naming the feed; other feeds still come in', async () => {
    handler = (req, res) => {
      if (req.url === '/ok') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(RSS);
      }
      // Otherwise: never answer.
    };
    const slow = `${base}/slow`;
    const { ctx, reporter } = makeCtx(allowLocal([{ url: slow }, { url: `${base}/ok` }], { fetchTimeoutMs: 300 }), workspace());
    const started = Date.now();
    const articles = await ingestFeeds(ctx, { writeCache: false });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(articles).toHaveLength(3);
    const failure = reporter.messages.find((m) => m.ruleId === 'ingest/feed-failed');
    expect(failure).toMatchObject({ severity: 'warning', file: slow });
    expect(failure!.reason).toMatch(/timed out after 300 ms/);
  });

  it('refuses a body over the size limit', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(RSS);
    };
    const { ctx, reporter } = makeCtx(allowLocal([{ url: `${base}/big` }], { maxFileBytes: 200 }), workspace());
    expect(await ingestFeeds(ctx, { writeCache: false })).toEqual([]);
    expect(reporter.messages.find((m) => m.ruleId === 'ingest/feed-failed')!.reason).toMatch(/over the 200-byte limit/);
  });

  it('refuses loopback and private addresses by default, before connecting', async () => {
    handler = (_req, res) => {
      res.writeHead(200);
      res.end(RSS);
    };
    const port = (server.address() as AddressInfo).port;
    const urls = [`${base}/feed.xml`, `http://localhost:${port}/feed.xml`, `http://[::1]:${port}/feed.xml`, 'http://10.1.2.3/feed.xml', 'http://169.254.169.254/latest/meta-data'];
    const { ctx, reporter } = makeCtx({ ingest: { feeds: urls.map((url) => ({ url })), fetchTimeoutMs: 2000 } }, workspace());
    expect(await ingestFeeds(ctx, { writeCache: false })).toEqual([]);
    const failures = reporter.messages.filter((m) => m.ruleId === 'ingest/feed-failed');
    expect(failures.map((m) => m.file)).toEqual(urls);
    for (const failure of failures) expect(failure.reason).toMatch(/loopback or private address/);
    expect(requests).toEqual([]);
  });

  it('falls back to the stored copy when a feed that worked before fails, and says so', async () => {
    let up = true;
    handler = (_req, res) => {
      if (!up) {
        res.writeHead(503);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(RSS);
    };
    const cwd = workspace();
    await ingestFeeds(makeCtx(allowLocal([{ url: `${base}/feed.xml` }]), cwd).ctx);
    up = false;
    const { ctx, reporter } = makeCtx(allowLocal([{ url: `${base}/feed.xml` }]), cwd);
    const articles = await ingestFeeds(ctx);
    expect(articles).toHaveLength(3);
    const warning = reporter.messages.find((m) => m.ruleId === 'ingest/feed-failed');
    expect(warning!.reason).toMatch(/HTTP 503.*stored/);
  });
});

describe('fullText: items the feed gives as summaries are read from their pages', () => {
  let server: Server;
  let base: string;
  const requests: { url: string; ifNoneMatch: string | undefined }[] = [];
  const dirs: string[] = [];
  let pagesUp = true;
  const article = [
    'Westport council has approved plans for protected cycle lanes along Harbour Road, the busiest commuter route in the city.',
    'The scheme, which will cost 3.2 million pounds, was backed by nine votes to four at a meeting on Wednesday evening.',
  ];
  const page = `<html><head><title>Cycle lanes approved | Westport Echo</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav><article>${article.map((p) => `<p>${p}</p>`).join('')}</article><footer>© Westport Echo</footer></body></html>`;
  const long = Array.from({ length: 160 }, (_, i) => `word${i}`).join(' ');
  const item = (id: string, title: string, link: string, body: string) =>
    `<item><guid>${id}</guid><title>${title}</title><link>${link}</link><pubDate>Thu, 02 Apr 2026 09:00:00 GMT</pubDate><description>${body}</description></item>`;
  const rss = () =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Westport Echo</title><link>${base}/</link><description>News</description>` +
    item('lanes', 'Council approves cycle lanes', `${base}/lanes.html`, 'Cycle lanes approved for Harbour Road.') +
    item('full', 'Budget set', `${base}/budget.html`, long) +
    item('gone', 'Library hours cut', `${base}/gone.html`, 'Library hours are to be cut.') +
    '</channel></rss>';

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push({ url: req.url ?? '', ifNoneMatch: req.headers['if-none-match'] });
      if (req.url === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(rss());
      } else if (req.url === '/shared.xml') {
        // Two short items linking one page (the feed's home page), and one linking its own.
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Westport Echo</title>${item('a', 'Ferry fares rise', `${base}/lanes.html?home`, 'Ferry fares will rise.')}${item('b', 'Bridge closes', `${base}/lanes.html?home`, 'The bridge closes on Monday.')}${item('c', 'Council approves cycle lanes', `${base}/lanes.html`, 'Cycle lanes approved.')}</channel></rss>`);
      } else if (req.url === '/lanes.html') {
        if (!pagesUp) {
          res.writeHead(503);
          res.end();
          return;
        }
        if (req.headers['if-none-match'] === '"p1"') {
          res.writeHead(304, { etag: '"p1"' });
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"p1"' });
        res.end(page);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    for (const dir of dirs) removeDir(dir);
  });
  const feeds = (fullText: boolean) => ({ ingest: { feeds: [{ url: `${base}/feed.xml`, fullText }], blockPrivateAddresses: false } });

  it('reads no page that several items link: it is none’s own', async () => {
    const cwd = tempDir();
    dirs.push(cwd);
    requests.length = 0;
    const { ctx } = makeCtx({ ingest: { feeds: [{ url: `${base}/shared.xml`, fullText: true }], blockPrivateAddresses: false } }, cwd);
    const [ferry, bridge, lanes] = await ingestFeeds(ctx);
    expect([ferry!.raw, bridge!.raw]).toEqual(['Ferry fares will rise.', 'The bridge closes on Monday.']);
    expect(lanes!.raw).toBe(page);
    expect(requests.map((r) => r.url).sort()).toEqual(['/lanes.html', '/shared.xml']);
  });

  it("reads a short item's page as HTML, keeps a full item and a page that fails as the feed gives them, and says so", async () => {
    const cwd = tempDir();
    dirs.push(cwd);
    requests.length = 0;
    const { ctx, reporter } = makeCtx(feeds(true), cwd);
    const [lanes, full, gone] = await ingestFeeds(ctx);
    expect(lanes).toMatchObject({ format: 'html', title: 'Council approves cycle lanes', date: '2026-04-02', publisher: 'Westport Echo', url: `${base}/lanes.html` });
    expect(lanes!.raw).toBe(page);
    expect(full).toMatchObject({ format: 'txt', raw: long });
    expect(gone).toMatchObject({ raw: 'Library hours are to be cut.' });
    expect(requests.map((r) => r.url).sort()).toEqual(['/feed.xml', '/gone.html', '/lanes.html']);
    const failed = reporter.messages.filter((m) => m.ruleId === 'ingest/page-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ severity: 'warning', file: `${base}/feed.xml`, articleId: 'gone' });
    expect(failed[0]!.reason).toMatch(/Library hours cut.*gone\.html.*404.*kept the feed's summary/);
    expect(reporter.messages.find((m) => m.ruleId === 'ingest/full-text')!.reason).toMatch(/^1 of 3 items read from their pages: the feed gives 2 items in under 150 words/);

    // The next build asks with the page's validator, and a 304 gives the stored page.
    requests.length = 0;
    const again = await ingestFeeds(makeCtx(feeds(true), cwd).ctx);
    expect(requests.find((r) => r.url === '/lanes.html')).toMatchObject({ ifNoneMatch: '"p1"' });
    expect(again[0]!.hash).toBe(lanes!.hash);

    // A page that worked before and fails now: its stored copy, with a warning.
    pagesUp = false;
    const down = makeCtx(feeds(true), cwd);
    const stored = await ingestFeeds(down.ctx);
    pagesUp = true;
    expect(stored[0]!.hash).toBe(lanes!.hash);
    expect(down.reporter.messages.find((m) => m.ruleId === 'ingest/page-failed' && m.articleId === 'lanes')!.reason).toMatch(/503.*read the copy stored from its last fetch/);
  });

  it('fetches no page without fullText, and none from a private address unless allowed', async () => {
    const cwd = tempDir();
    dirs.push(cwd);
    requests.length = 0;
    const [lanes] = await ingestFeeds(makeCtx(feeds(false), cwd).ctx, { writeCache: false });
    expect(lanes).toMatchObject({ format: 'txt', raw: 'Cycle lanes approved for Harbour Road.' });
    expect(requests.map((r) => r.url)).toEqual(['/feed.xml']);
    // A local feed file whose items link loopback pages: the guard refuses them, the items stay.
    writeFileSync(path.join(cwd, 'feed.xml'), rss());
    requests.length = 0;
    const { ctx, reporter } = makeCtx({ ingest: { feeds: [{ url: 'feed.xml', fullText: true }] } }, cwd);
    const guarded = await ingestFeeds(ctx, { writeCache: false });
    expect(guarded[0]).toMatchObject({ format: 'txt', raw: 'Cycle lanes approved for Harbour Road.' });
    expect(requests).toEqual([]);
    const refused = reporter.messages.filter((m) => m.ruleId === 'ingest/page-failed');
    expect(refused).toHaveLength(2);
    for (const message of refused) expect(message.reason).toMatch(/loopback or private address/);
  });
});

describe('isPrivateAddress', () => {
  it('knows loopback, private, link-local and mapped addresses from public ones', () => {
    for (const address of ['127.0.0.1', '10.0.0.8', '172.16.5.4', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', '::', 'fd12::1', 'fe80::1', '::ffff:127.0.0.1', '[::1]', '100.64.0.1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '172.32.0.1', 'example.org']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });
});

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { startOfDay } from '../../pipeline/render/feeds.ts';
import { syntheticEditions } from '../../pipeline/render/synthetic.ts';
import type { Edition } from '../../pipeline/types.ts';
import { errors, FIXTURES, fixtureEditions, renderTo, type Rendered } from './helpers.ts';

interface Parsed {
  bozo: number;
  bozo_exception: string | null;
  version: string;
  title: string;
  updated: string | null;
  links: { rel: string; href: string }[];
  entries: { id: string; title: string; link: string; published: string | null; updated: string | null; content: string | null; summary: string | null }[];
}

/** Debian's python3-feedparser (apt-get install python3-feedparser), run as a real parser. */
function feedparser(...files: string[]): Record<string, Parsed> {
  const out = execFileSync('/usr/bin/python3', [path.join(FIXTURES, 'feedcheck.py'), ...files], { encoding: 'utf8' });
  return JSON.parse(out) as Record<string, Parsed>;
}

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function tags(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'g'))].map((m) => m[1]!.trim());
}

/** Three editions, one in New York time to check day boundaries. */
function editions(): Edition[] {
  const [a, b] = fixtureEditions();
  const c: Edition = { ...structuredClone(b!), date: '2025-03-19', timezone: 'America/New_York' };
  c.stories[0]!.id = 'ny0000000001';
  return [a!, b!, c];
}

describe('feeds', () => {
  let out: Rendered;
  let parsed: Record<string, Parsed>;
  beforeAll(async () => {
    out = await renderTo(editions(), { render: { storyFeed: true } });
    const files = ['feed.xml', 'atom.xml', 'stories.xml', 'stories-atom.xml'].map((f) => path.join(out.dir, f));
    parsed = Object.fromEntries(Object.entries(feedparser(...files)).map(([file, p]) => [path.basename(file), p]));
  });

  it('renders without errors', () => {
    expect(errors(out.messages)).toEqual([]);
  });

  it.each(['feed.xml', 'atom.xml', 'stories.xml', 'stories-atom.xml'])('%s parses in feedparser with bozo == 0', (file) => {
    const p = parsed[file]!;
    expect(p.bozo_exception).toBeNull();
    expect(p.bozo).toBe(0);
    expect(p.version).toBe(file.includes('atom') ? 'atom10' : 'rss20');
  });

  it('one item per edition, newest first, permalink ids, content is the escaped HTML summary', () => {
    for (const file of ['feed.xml', 'atom.xml']) {
      const p = parsed[file]!;
      expect(p.entries.map((e) => e.id)).toEqual([
        'https://briefing.example.org/editions/2025-03-19/',
        'https://briefing.example.org/editions/2025-03-18/',
        'https://briefing.example.org/editions/2025-03-17/',
      ]);
      expect(p.entries[1]!.content).toContain('<h2><a href="https://ledger.example.com/2025/03/18/flood-plan">City council approves £40m plan');
      // Handlebars escapes & and = in attributes; an HTML parser reads them back as the URL.
      expect(p.entries[1]!.content).toContain('href="https://wire.example.net/news/flood-walls?id&#x3D;7&amp;src&#x3D;rss"');
      expect(p.entries[1]!.content).toContain('scan-floods.txt</span>');
    }
    expect(parsed['stories.xml']!.entries).toHaveLength(4);
    expect(parsed['stories.xml']!.entries[1]!.id).toBe('https://briefing.example.org/editions/2025-03-18/#story-a1b2c3d4e5f6');
  });

  it('RSS passes validator checks: required channel/item elements, RFC 822 dates, self link', () => {
    const xml = out.read('feed.xml');
    for (const name of ['title', 'link', 'description', 'lastBuildDate', 'language']) expect(tags(xml, name).length).toBeGreaterThan(0);
    expect(xml).toMatch(/<atom:link href="https:\/\/briefing\.example\.org\/feed\.xml" rel="self" type="application\/rss\+xml"\/>/);
    const items = tags(xml, 'item');
    expect(items).toHaveLength(3);
    for (const item of items) {
      for (const name of ['title', 'link', 'guid', 'pubDate', 'description']) expect(tags(item, name)).toHaveLength(1);
      expect(tags(item, 'pubDate')[0]).toMatch(RFC822);
    }
    const lastBuild = tags(xml, 'lastBuildDate')[0]!;
    expect(lastBuild).toMatch(RFC822);
    // New York midnight of 2025-03-19 (EDT) is 04:00 UTC.
    expect(tags(items[0]!, 'pubDate')[0]).toBe('Wed, 19 Mar 2025 04:00:00 GMT');
    expect(Date.parse(lastBuild)).toBeGreaterThanOrEqual(Date.parse(tags(items[0]!, 'pubDate')[0]!));
    expect(() => parseRssFeed(xml)).not.toThrow();
  });

  it('Atom passes validator checks: id, title, updated (RFC 3339), author, self link on the feed and entries', () => {
    const xml = out.read('atom.xml');
    const head = xml.slice(0, xml.indexOf('<entry>'));
    for (const name of ['id', 'title', 'updated', 'author']) expect(tags(head, name)).toHaveLength(1);
    expect(tags(head, 'updated')[0]).toMatch(RFC3339);
    expect(head).toContain('<link rel="self" href="https://briefing.example.org/atom.xml"/>');
    for (const entry of tags(xml, 'entry')) {
      for (const name of ['id', 'title', 'updated', 'published', 'content']) expect(tags(entry, name)).toHaveLength(1);
      expect(tags(entry, 'updated')[0]).toMatch(RFC3339);
      expect(tags(entry, 'published')[0]).toMatch(RFC3339);
      expect(Date.parse(tags(entry, 'updated')[0]!)).toBeGreaterThanOrEqual(Date.parse(tags(entry, 'published')[0]!));
    }
    const feed = parseAtomFeed(xml);
    expect(feed.entries).toHaveLength(3);
  });

  it('JSON Feed is version 1.1 with authors, and passes validator checks', () => {
    for (const file of ['feed.json', 'stories.json']) {
      const text = out.read(file);
      const feed = JSON.parse(text) as Record<string, unknown> & { items: Record<string, unknown>[] };
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(feed).not.toHaveProperty('author');
      expect(feed.authors).toEqual([{ name: 'Briefing', url: 'https://briefing.example.org/' }]);
      expect(feed.feed_url).toBe(`https://briefing.example.org/${file}`);
      expect(typeof feed.title).toBe('string');
      for (const item of feed.items) {
        expect(typeof item.id).toBe('string');
        expect(typeof item.content_html).toBe('string');
        expect(item.date_published).toMatch(RFC3339);
        expect(item.date_modified).toMatch(RFC3339);
        expect(item).not.toHaveProperty('author');
      }
      expect(parseJsonFeed(feed).items).toHaveLength(feed.items.length);
    }
  });

  it('titles with markup, & and ]]> stay text in every feed, which still parses', async () => {
    const hostile = fixtureEditions();
    hostile[0]!.stories[0]!.headline = '<script>x</script> R&D ]]> done';
    hostile[0]!.stories[0]!.summary = 'Sum ]]> & <b>bold\u0007';
    const feeds = await renderTo(hostile, { title: 'R&D <News>', render: { storyFeed: true } });
    const result = feedparser(...['stories.xml', 'stories-atom.xml', 'feed.xml'].map((f) => path.join(feeds.dir, f)));
    for (const [file, p] of Object.entries(result)) {
      expect(p.bozo, file).toBe(0);
      expect(p.title).toMatch(/^R&D <News>/);
    }
    const [rss, atom] = Object.values(result);
    // feedparser returns titles as HTML: this is the text "<script>x</script> R&D ]]> done".
    for (const p of [rss!, atom!]) {
      expect(p.entries[0]!.title).toBe('&lt;script&gt;x&lt;/script&gt; R&amp;D ]]&gt; done');
      expect(p.entries[0]!.content).toContain('Sum ]]&gt; &amp; &lt;b&gt;bold');
    }
    const json = JSON.parse(feeds.read('stories.json')) as { items: { title: string }[] };
    expect(json.items[0]!.title).toBe('<script>x</script> R&D ]]> done');
  });

  it('render.feedLimit keeps the newest editions in the feeds; the archive keeps all', async () => {
    const five = await renderTo(syntheticEditions('2025-04-01', 5, 2), { render: { feedLimit: 2 } });
    const rss = Object.values(feedparser(path.join(five.dir, 'feed.xml')))[0]!;
    expect(rss.entries.map((e) => e.id)).toEqual(['https://briefing.example.org/editions/2025-04-05/', 'https://briefing.example.org/editions/2025-04-04/']);
    expect((JSON.parse(five.read('feed.json')) as { items: unknown[] }).items).toHaveLength(2);
    expect(five.read('index.html').match(/href="editions\//g)).toHaveLength(5);
  });

  it('startOfDay gives the instant a day starts in a timezone, across DST', () => {
    expect(startOfDay('2025-03-30', 'Europe/London').toISOString()).toBe('2025-03-30T00:00:00.000Z');
    expect(startOfDay('2025-03-31', 'Europe/London').toISOString()).toBe('2025-03-30T23:00:00.000Z');
    expect(startOfDay('2025-07-01', 'Asia/Kolkata').toISOString()).toBe('2025-06-30T18:30:00.000Z');
    expect(startOfDay('2025-01-15', 'UTC').toISOString()).toBe('2025-01-15T00:00:00.000Z');
  });
});

function allFiles(dir: string, sub = ''): string[] {
  return readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(dir, path.join(sub, e.name)) : [path.join(sub, e.name)])).sort();
}

describe('rebuilds are byte-identical and ids are stable', () => {
  it('the same input renders the same bytes, whatever the input order', async () => {
    const first = await renderTo(editions(), { render: { storyFeed: true } });
    const second = await renderTo(editions().reverse(), { render: { storyFeed: true } });
    const files = allFiles(first.dir);
    expect(files).toEqual(allFiles(second.dir));
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) expect(readFileSync(path.join(second.dir, file)), file).toEqual(readFileSync(path.join(first.dir, file)));
  });

  it('an edited edition keeps its id and changes updated; other editions do not change', async () => {
    const before = await renderTo(editions());
    const edited = editions();
    edited[0]!.stories[1]!.summary += ' Update: the union has now signed the deal.';
    const after = await renderTo(edited);
    const [p, q] = [feedparser(path.join(before.dir, 'atom.xml')), feedparser(path.join(after.dir, 'atom.xml'))].map((r) => Object.values(r)[0]!);
    expect(q!.entries.map((e) => e.id)).toEqual(p!.entries.map((e) => e.id));
    const idx = p!.entries.findIndex((e) => e.id.endsWith('/2025-03-18/'));
    expect(q!.entries[idx]!.updated).not.toBe(p!.entries[idx]!.updated);
    expect(q!.entries[idx]!.published).toBe(p!.entries[idx]!.published);
    expect(q!.entries[idx]!.updated!.slice(0, 10)).toBe('2025-03-18');
    for (const [i, e] of p!.entries.entries()) if (i !== idx) expect(q!.entries[i]!.updated).toBe(e.updated);
  });
});

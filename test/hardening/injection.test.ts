/**
 * Hostile input end to end: an RSS feed whose titles, links, authors, channel
 * name and item HTML try scripts, event handlers, javascript:/data: URLs, MJML
 * and Handlebars syntax, CRLF header injection and Unicode tricks (RTL
 * override, zero-width, a Cyrillic homoglyph domain) goes through the real CLI
 * build; every output must be inert. Then the built edition goes through
 * deliver's message building and nodemailer's real composer: no field can add
 * a mail header.
 *
 * test/render/escaping.test.ts covers render on hand-made editions; this file
 * covers what arrives from an ingested feed and what reaches mail headers.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elements } from '../support/html.ts';
import { configSchema } from '../../pipeline/config/schema.ts';
import { composeMessage, planMessages } from '../../pipeline/deliver/message.ts';
import { loadRenderedEdition } from '../../pipeline/deliver/edition.ts';
import { isValidAddress, loadSubscribers } from '../../pipeline/deliver/subscribers.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import type { Edition } from '../../pipeline/types.ts';
import { removeDir, runCli, tempDir } from '../foundation/helpers.ts';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
/** Bidi embeddings, overrides and isolates: they reorder whatever follows them on screen. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;


/** What makes HTML active: the checks every HTML output (page, email, feed content) must pass. */
function expectInertHtml(html: string, where: string): void {
  for (const el of elements(html)) {
    expect(['script', 'iframe', 'object', 'embed', 'form', 'input', 'svg', 'base', 'meta-refresh'], `${where}: <${el.tagName}>`).not.toContain(el.tagName);
    expect(el.tagName!.startsWith('mj-'), `${where}: MJML tag <${el.tagName}> leaked`).toBe(false);
    for (const [name, value] of Object.entries(el.properties ?? {})) {
      expect(/^on/i.test(name), `${where}: <${el.tagName} ${name}>`).toBe(false);
      if (['href', 'src', 'action', 'formAction', 'xLinkHref', 'poster', 'background'].includes(name) && typeof value === 'string') {
        expect(value, `${where}: <${el.tagName} ${name}="${value}">`).toMatch(/^(https?:\/\/|%%UNSUBSCRIBE_URL%%$|#|[a-z0-9._-]+(\/|\.|$)|\.\.\/)/i);
        // Links that leave the site are plain ASCII: a homoglyph host shows as punycode.
        expect(/[^\x20-\x7e]/.test(value), `${where}: non-ASCII ${name} ${value}`).toBe(false);
      }
      if (name === 'style' && typeof value === 'string') expect(value).not.toMatch(/javascript:|expression\(|url\(/i);
    }
  }
}

/** Atom text constructs come back as a string or as `{ value }` depending on their type. */
function textValue(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  if (x && typeof x === 'object' && typeof (x as { value?: unknown }).value === 'string') return (x as { value: string }).value;
  return undefined;
}

describe('a hostile feed, built end to end', () => {
  let cwd: string;
  let out: string;
  let files: Map<string, string>;
  let date: string;

  beforeAll(() => {
    cwd = tempDir('briefing-hostile-');
    mkdirSync(path.join(cwd, 'content'));
    copyFileSync(path.join(FIXTURES, 'hostile-rss.xml'), path.join(cwd, 'hostile-rss.xml'));
    writeFileSync(path.join(cwd, 'briefing.config.json'), JSON.stringify({ title: 'Daily\r\nBcc: list@victim.example', ingest: { feeds: [{ url: 'hostile-rss.xml' }] } }));
    const run = runCli(['build'], cwd);
    expect(run.status, run.stderr + run.stdout).toBe(0);
    out = path.join(cwd, 'out');
    files = new Map();
    const walk = (dir: string, rel: string) => {
      for (const name of readdirSync(dir, { withFileTypes: true })) {
        const relative = rel ? `${rel}/${name.name}` : name.name;
        if (name.isDirectory()) walk(path.join(dir, name.name), relative);
        else files.set(relative, readFileSync(path.join(dir, name.name), 'utf8'));
      }
    };
    walk(out, '');
    date = [...files.keys()].find((f) => f.endsWith('/edition.json'))!.split('/')[1]!;
  });
  afterAll(() => removeDir(cwd));

  it('builds one edition holding all three hostile items', () => {
    const edition = JSON.parse(files.get(`editions/${date}/edition.json`)!) as Edition;
    expect(edition.stories).toHaveLength(3);
  });

  it('every web page and email is inert HTML', () => {
    const pages = [...files.keys()].filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) expectInertHtml(files.get(page)!, page);
  });

  it('javascript: and data: links are dropped, the homoglyph host is shown as punycode', () => {
    for (const [file, text] of files) {
      if (file.endsWith('.json') && file !== 'feed.json') continue; // edition.json/report.json are data, read as data
      expect(text, file).not.toMatch(/javascript:|data:text/i);
    }
    expect(files.get(`editions/${date}/email.html`)).toContain('https://xn--pple-43d.com/news/dam');
    expect(files.get(`editions/${date}/email.txt`)).toContain('https://xn--pple-43d.com/news/dam');
  });

  it('template and MJML syntax in article data comes out as text, not evaluated', () => {
    const email = files.get(`editions/${date}/email.html`)!;
    expect(email).toContain('{{title}}');
    expect(email).not.toContain('https://evil.example');
  });

  it('RTL overrides and isolates in titles and publisher names cannot reorder the rendered page, email, text or feeds', () => {
    for (const [file, text] of files) {
      if (file.endsWith('edition.json') || file === 'report.json') continue;
      expect(BIDI_CONTROLS.test(text), `${file} carries a bidi control character`).toBe(false);
    }
    // The words themselves survive.
    expect(files.get(`editions/${date}/email.html`)).toContain('gnp.exe');
  });

  it('feed items are inert: parsed by a real feed parser, their links http(s), their HTML content safe', () => {
    const rss = parseRssFeed(files.get('feed.xml')!);
    const atom = parseAtomFeed(files.get('atom.xml')!);
    const json = parseJsonFeed(JSON.parse(files.get('feed.json')!));
    const contents = [
      ...(rss.items ?? []).flatMap((i) => [i.content?.encoded, i.description].filter((x): x is string => typeof x === 'string')),
      ...(atom.entries ?? []).flatMap((e) => [textValue(e.content), textValue(e.summary)].filter((x): x is string => typeof x === 'string')),
      ...(json.items ?? []).map((i) => i.content_html).filter((x): x is string => typeof x === 'string'),
    ];
    // RSS description + content, Atom summary + content, JSON content_html: each of the 3 stories, in each feed.
    expect(contents.length).toBeGreaterThanOrEqual(3);
    expect(contents.some((c) => c.includes('<'))).toBe(true);
    contents.forEach((html, i) => expectInertHtml(html, `feed content ${i}`));
    const links = [...(rss.items ?? []).map((i) => i.link), ...(json.items ?? []).map((i) => i.url)].filter((x): x is string => typeof x === 'string');
    for (const link of links) expect(link).toMatch(/^https:\/\/briefing\.example\.org\//);
  });

  it('no title, headline, address or config field can add a mail header', async () => {
    const config = configSchema.parse({ title: 'Daily\r\nBcc: list@victim.example', ingest: { feeds: [{ url: 'hostile-rss.xml' }] } });
    const reporter = new Reporter();
    const rendered = await loadRenderedEdition(cwd, config, date, reporter);
    expect(rendered, JSON.stringify(reporter.messages)).not.toBeNull();
    // The from and reply-to come from the operator's env; the headline from a feed; the name from a subscriber list.
    const plan = planMessages(rendered!, config, 'Briefing\r\nX-Injected: from <news@briefing.example.org>', 'secret');
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    const message = composeMessage(plan, { address: 'reader@example.com', key: 'reader@example.com', name: 'Reader\r\nBcc: spy@evil.example' });
    const info = (await transport.sendMail(message)) as unknown as { message: Buffer; envelope: { to: string[] } };
    const raw = info.message.toString('utf8');
    const head = raw.slice(0, raw.indexOf('\n\n'));
    // Unfolded header names: exactly the ones we set, each once.
    const names = head
      .split('\n')
      .filter((line) => !/^\s/.test(line))
      .map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
    expect(names).not.toContain('bcc');
    expect(names).not.toContain('x-injected');
    for (const once of ['subject', 'to', 'from', 'reply-to', 'list-unsubscribe']) expect(names.filter((n) => n === once), once).toHaveLength(1);
    expect(info.envelope.to).toEqual(['reader@example.com']);

    const parsed = await simpleParser(raw);
    expect(parsed.subject).not.toMatch(/[\r\n]/);
    expect(BIDI_CONTROLS.test(parsed.subject ?? ''), `subject ${JSON.stringify(parsed.subject)}`).toBe(false);
    expect(parsed.headers.has('bcc')).toBe(false);
  });

  it('a subscriber address with CRLF or a second address is refused', () => {
    for (const bad of ['a@example.com\r\nBcc: b@example.com', 'a@example.com,b@example.com', 'a@example.com\nX: y', 'a@exa\u202Emple.com']) expect(isValidAddress(bad), JSON.stringify(bad)).toBe(false);
    writeFileSync(path.join(cwd, 'subscribers.csv'), 'email,name\n"a@example.com\r\nBcc: b@example.com",Eve\nok@example.com,"Ok\r\nBcc: c@example.com"\n');
    const reporter = new Reporter();
    const list = loadSubscribers({ file: 'subscribers.csv' }, cwd, reporter.for('deliver'));
    expect(list.map((s) => s.address)).toEqual(['ok@example.com']);
    expect(reporter.messages.some((m) => m.ruleId === 'deliver/invalid-address' && m.file === 'subscribers.csv' && m.line === 2)).toBe(true);
  });
});

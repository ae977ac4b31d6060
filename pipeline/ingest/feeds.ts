/**
 * Feeds named in config (`ingest.feeds`): RSS 2.0, RSS 1.0 (RDF), Atom and
 * JSON Feed, from local files or http(s) URLs, parsed with `feedsmith`.
 *
 * Each item becomes an article with `origin.feed` set, an id from its
 * guid/id (else its link), its date from `pubDate`/`published`/`updated`,
 * and its body from the fullest field the feed has (content:encoded,
 * content, content_html, then the summary). HTML bodies are handed to the
 * clean stage as HTML (`format: 'html'`); plain ones as text. With
 * `fullText`, an item given in under 150 words is read from the page it
 * links instead (`readPages`).
 *
 * URLs are fetched with `fetchFeedUrl` (time limit, size limit, redirects,
 * private-address guard) and a conditional GET: the last body and its
 * ETag/Last-Modified are kept in the cache folder, so an unchanged feed costs
 * a 304 and is read from there. A feed that fails is a warning naming it;
 * when an earlier copy is stored, that copy is used so an edition does not
 * lose its items to a transient outage. The other feeds and files go on.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AnyFeed } from 'feedsmith';
import { stageCache, type StageCache, noCache } from '../common/cache.ts';
import { toDay } from '../common/dates.ts';
import { sha256 } from '../common/hash.ts';
import { wordCount } from '../common/text.ts';
import { feedName, hostName, onlyTitle, titleText, unwrapRedirect, withoutSourceSuffix } from './feed-fields.ts';
import type { StageContext } from '../common/context.ts';
import { Reporter } from '../common/report.ts';
import type { Article, Message } from '../types.ts';
import { makeArticle, type StatedArticle } from './article.ts';
import { splitDigest } from './digest.ts';
import type { IngestConfig } from './config.ts';
import { decodeBytes, looksBinary } from './decode.ts';
import { FetchError, fetchFeedUrl } from './fetch.ts';

export type FeedSource = IngestConfig['feeds'][number];

export interface FeedOptions {
  /** Keep fetched feeds and their validators in the cache folder (default true; `check` writes nothing). */
  writeCache?: boolean;
  /** Use the stored copies at all (default true). */
  useCache?: boolean;
}

/** What the cache keeps per feed URL. */
interface StoredFeed {
  url: string;
  etag: string | null;
  lastModified: string | null;
  body: string;
}

/** A bump invalidates stored feeds if the stored shape changes. */
const FEED_CACHE_VERSION = '1';

/** Reads every configured feed. Never throws: a failing feed is a warning naming it. */
export async function ingestFeeds(ctx: StageContext, options: FeedOptions = {}): Promise<Article[]> {
  const feeds = ctx.config.ingest.feeds;
  if (feeds.length === 0) return [];
  // Through stageCache like every stage's cache, so a damaged stored feed is reported (build/corrupt-cache), not dropped silently.
  // `check` (caching off) still reads the stored copies, read-only: a feed that fails then falls back to its last copy as in a build.
  const cache: StageCache = options.useCache === false ? noCache : stageCache({ ...ctx, caching: true }, 'feeds', { readOnly: options.writeCache === false });
  // Feeds are fetched in parallel, but their messages are replayed in config
  // order so the report does not depend on which server answered first.
  const runs = await Promise.all(
    feeds.map(async (feed) => {
      const buffer = new Reporter();
      const articles = await ingestFeed(feed, { ...ctx, report: buffer.for(ctx.report.stage) }, cache);
      return { articles, messages: buffer.messages };
    }),
  );
  for (const run of runs) for (const message of run.messages) replay(message, ctx);
  return runs.flatMap((run) => run.articles);
}

function replay(message: Message, ctx: StageContext): void {
  const { severity, stage: _stage, ...input } = message;
  if (severity === 'error') ctx.report.error(input);
  else if (severity === 'warning') ctx.report.warn(input);
  else ctx.report.info(input);
}

/** Reads one feed into articles. */
export async function ingestFeed(feed: FeedSource, ctx: StageContext, cache: StageCache = noCache): Promise<Article[]> {
  const source = feed.url.trim();
  const body = /^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-z]:[\\/]/i.test(source) ? await loadRemote(source, ctx, cache) : loadLocal(source, ctx);
  if (body === null) return [];
  const items = await feedItems(body, feed, source, ctx);
  if (feed.fullText) await readPages(items, source, ctx, cache);
  return items.map(makeArticle);
}

function loadLocal(file: string, ctx: StageContext): string | null {
  const absolute = path.resolve(ctx.cwd, file);
  try {
    const size = statSync(absolute).size;
    if (size > ctx.config.ingest.maxFileBytes) {
      ctx.report.warn({ ruleId: 'ingest/too-large', reason: `feed file is over the ${ctx.config.ingest.maxFileBytes}-byte limit (ingest.maxFileBytes); skipped`, file });
      return null;
    }
    return decodeFeedBytes(readFileSync(absolute), file, ctx);
  } catch (error) {
    ctx.report.warn({ ruleId: 'ingest/feed-failed', reason: `cannot read feed file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, file });
    return null;
  }
}

async function loadRemote(url: string, ctx: StageContext, cache: StageCache): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    ctx.report.warn({ ruleId: 'ingest/feed-failed', reason: 'not a valid URL', file: url });
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    ctx.report.warn({ ruleId: 'ingest/feed-failed', reason: `refused ${parsed.protocol} URL: feeds are http(s) URLs or paths of local files`, file: url });
    return null;
  }
  const got = await conditionalGet(url, sha256('feed', FEED_CACHE_VERSION, url), ctx, cache);
  if (got.ok) {
    if (got.notModified) ctx.report.info({ ruleId: 'ingest/feed-not-modified', reason: 'feed unchanged since the last fetch (HTTP 304); read the stored copy', file: url });
    return got.text;
  }
  if (got.stored !== null) {
    ctx.report.warn({ ruleId: 'ingest/feed-failed', reason: `cannot fetch feed: ${got.reason}; read the copy stored from the last successful fetch`, file: url });
    return got.stored;
  }
  if (got.reason) ctx.report.warn({ ruleId: 'ingest/feed-failed', reason: `cannot fetch feed: ${got.reason}; skipped`, file: url });
  return null;
}

/** What a conditional GET gave: the text (fetched, or stored and unchanged), or why not and any stored copy. */
type Got = { ok: true; text: string; notModified: boolean } | { ok: false; reason: string | null; stored: string | null };

/**
 * GETs `url` with the validators of the copy stored under `key` (ETag, Last-Modified): a 304 gives
 * the stored text back, a 200 is decoded and stored. Never throws. `reason` is null when the body
 * was fetched but could not be decoded (empty, binary): `decodeFeedBytes` has said why.
 */
async function conditionalGet(url: string, key: string, ctx: StageContext, cache: StageCache): Promise<Got> {
  const stored = cache.get<StoredFeed>(key);
  const { fetchTimeoutMs, maxFileBytes, blockPrivateAddresses } = ctx.config.ingest;
  try {
    const response = await fetchFeedUrl(url, {
      timeoutMs: fetchTimeoutMs,
      maxBytes: maxFileBytes,
      blockPrivateAddresses,
      etag: stored?.etag ?? null,
      lastModified: stored?.lastModified ?? null,
    });
    if (response.notModified) {
      return stored ? { ok: true, text: stored.body, notModified: true } : { ok: false, reason: 'server answered 304 Not Modified but no stored copy exists', stored: null };
    }
    const text = decodeFeedBytes(response.body ?? new Uint8Array(), url, ctx);
    if (text === null) return { ok: false, reason: null, stored: null };
    cache.set<StoredFeed>(key, { url, etag: response.etag, lastModified: response.lastModified, body: text });
    return { ok: true, text, notModified: false };
  } catch (error) {
    return { ok: false, reason: error instanceof FetchError ? error.message : (error as Error).message, stored: stored?.body ?? null };
  }
}

/** An item whose feed text has fewer words than this is a summary: with `fullText`, its page is read. */
export const FULL_TEXT_WORDS = 150;
/** Pages fetched at once, per feed. */
const PAGE_FETCHES = 4;

/**
 * `fullText` feeds: most news feeds carry a line or two of each story, and a summary drawn from
 * that says little. Each item whose text is shorter than FULL_TEXT_WORDS and that links a web page
 * is read from the page instead (HTML: the clean stage finds the article in it), unless other items link it too, with the same
 * limits, private-address guard and conditional GET as the feed; the item's own title, date, author
 * and publisher stay. A page that cannot be fetched keeps the item as the feed gives it (or the copy
 * stored from its last fetch), with a warning naming the item.
 */
async function readPages(items: StatedArticle[], display: string, ctx: StageContext, cache: StageCache): Promise<void> {
  // An address several items share is none's own page: a digest's parts without a link of their own carry the issue's
  // (digest.ts), and some feeds link every item to their home page. Read for each, it would be each one's text.
  const linking = new Map<string, number>();
  for (const item of items) if (item.url) linking.set(item.url, (linking.get(item.url) ?? 0) + 1);
  const short = items.filter((item) => item.url && /^https?:\/\//i.test(item.url) && linking.get(item.url) === 1 && wordsOf(item) < FULL_TEXT_WORDS);
  let read = 0;
  let next = 0;
  const worker = async () => {
    while (next < short.length) {
      const item = short[next++]!;
      const url = item.url!;
      const got = await conditionalGet(url, sha256('page', FEED_CACHE_VERSION, url), ctx, cache);
      const page = got.ok ? got.text : got.stored;
      const where = `item "${(item.title ?? item.id).slice(0, 60)}"`;
      if (!got.ok && got.reason !== null) {
        const kept = page !== null ? 'read the copy stored from its last fetch' : "kept the feed's summary";
        ctx.report.warn({ ruleId: 'ingest/page-failed', reason: `${where}: cannot fetch its page ${url}: ${got.reason}; ${kept}`, file: display, articleId: item.id, ...(item.origin.line ? { line: item.origin.line } : {}) });
      }
      if (page === null) continue;
      item.raw = page;
      item.format = 'html';
      read++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PAGE_FETCHES, short.length) }, worker));
  if (short.length > 0) {
    ctx.report.info({
      ruleId: 'ingest/full-text',
      reason: `${read} of ${items.length} items read from their pages: the feed gives ${short.length === items.length ? 'every item' : `${short.length} items`} in under ${FULL_TEXT_WORDS} words (fullText)`,
      file: display,
    });
  }
}

/** Words in an item's text as the feed gives it, markup left out. */
function wordsOf(item: StatedArticle): number {
  return wordCount(item.format === 'html' ? item.raw.replace(/<[^>]*>/g, ' ') : item.raw);
}

function decodeFeedBytes(bytes: Uint8Array, display: string, ctx: StageContext): string | null {
  if (bytes.length === 0) {
    ctx.report.warn({ ruleId: 'ingest/empty-file', reason: 'feed is empty; skipped', file: display });
    return null;
  }
  if (looksBinary(bytes)) {
    ctx.report.warn({ ruleId: 'ingest/binary-file', reason: 'feed is binary, not text; skipped', file: display });
    return null;
  }
  const decoded = decodeBytes(bytes);
  if (decoded.warning) ctx.report.warn({ ruleId: 'ingest/encoding', reason: decoded.warning, file: display });
  return decoded.text;
}

/** One item as the parts Briefing needs, whatever the feed format. */
interface FeedItem {
  id: string | null;
  title: string | null;
  link: string | null;
  /** The outlet the item names as its source (RSS `<source>`, as Google News gives it), when it names one. */
  source: string | null;
  body: string;
  /** True when the body is HTML (RSS descriptions, Atom `type="html"`, JSON `content_html`). */
  html: boolean;
  date: string | null;
  author: string | null;
  language: string | null;
}

/** Parses feed text and turns its items into articles. Exported for tests and for `extract`. */
export async function parseFeedText(text: string, feed: FeedSource, display: string, ctx: StageContext): Promise<Article[]> {
  return (await feedItems(text, feed, display, ctx)).map(makeArticle);
}

/** A feed's items as ingest states them, before `makeArticle`: `fullText` may still swap an item's text for its page's. */
async function feedItems(text: string, feed: FeedSource, display: string, ctx: StageContext): Promise<StatedArticle[]> {
  // Loaded on first use: most builds have no feeds.
  const { parseFeed } = await import('feedsmith');
  let parsed: AnyFeed<string>;
  try {
    parsed = parseFeed(text);
  } catch (error) {
    ctx.report.warn({ ruleId: 'ingest/feed-failed', reason: `not a readable RSS, Atom or JSON feed: ${(error as Error).message}`, file: display });
    return [];
  }
  const { title, language, items } = normalise(parsed);
  const articles: StatedArticle[] = [];
  const seen = new Set<string>();
  const lineOf = lineFinder(text, items.length);
  items.forEach((item, index) => {
    const line = lineOf(index, item.id ?? item.link);
    const id = item.id ?? item.link ?? (item.title || item.body ? `${display}#${sha256(item.title ?? '', item.body).slice(0, 12)}` : null);
    const where = `item ${index + 1}${item.title ? ` ("${item.title.slice(0, 60)}")` : ''}`;
    if (!id || (item.body.trim() === '' && !item.title)) {
      ctx.report.warn({ ruleId: 'ingest/feed-item-empty', reason: `${where} has no text; skipped`, file: display, line });
      return;
    }
    if (seen.has(id)) {
      ctx.report.warn({ ruleId: 'ingest/duplicate-id', reason: `${where} repeats the id "${id}" of an earlier item; skipped`, file: display, line });
      return;
    }
    seen.add(id);
    // An aggregator's item is another outlet's article: the outlet it names (RSS `<source>`), else the site a wrapped link
    // leads to, is its publisher — not the alert's or the search's name ("Google Alert - grid connections"). An editor's
    // `publisher` for the feed stands.
    const destination = item.link ? unwrapRedirect(item.link) : null;
    const url = destination ?? item.link;
    const itemPublisher = feed.publisher ?? item.source ?? (destination ? hostName(destination) : null) ?? feedName(title);
    const itemTitle = withoutSourceSuffix(item.title, item.source);
    // A body that only says the title again, linked, with the outlet's name (Google News's): the item is a headline.
    const body = onlyTitle(item.body, [item.title, itemTitle], item.source) ? '' : item.body;
    const stated: StatedArticle = {
      id,
      origin: { file: display, feed: feed.url, recordId: id, ...(line ? { line } : {}) },
      format: item.html && body !== '' ? 'html' : 'txt',
      raw: body.trim() === '' ? (itemTitle ?? '') : body,
      title: itemTitle,
      url,
      author: item.author,
      publisher: itemPublisher,
      language: item.language ?? language,
    };
    if (item.date) {
      const day = toDay(item.date, ctx.config.timezone);
      if (day.ok) {
        stated.date = day.day;
        stated.dateSource = 'feed';
      } else {
        ctx.report.warn({ ruleId: 'ingest/bad-date', reason: `${where}: ${day.reason}; read as undated`, file: display, line, articleId: id });
      }
    }
    // A newsletter's feed gives each issue as an item: a digest's items are articles of their own, as in its e-mail.
    const { articles: parts, items: digest } = splitDigest(stated, true);
    if (digest) {
      const headlines = digest.map((part) => `“${part.headline}”`).join(', ');
      ctx.report.info({ ruleId: 'ingest/digest', reason: `${where} is a newsletter digest: read as ${digest.length} articles (${headlines}); what stands around them (its greeting, sign-off) belongs to none`, file: display, line, articleId: id });
    }
    articles.push(...parts);
  });
  return articles;
}

function normalise(parsed: AnyFeed<string>): { title: string | null; language: string | null; items: FeedItem[] } {
  const first = <T>(list: T[] | undefined): T | null => list?.[0] ?? null;
  switch (parsed.format) {
    case 'rss': {
      const f = parsed.feed;
      return {
        title: textOrNull(f.title),
        language: f.language ?? null,
        items: (f.items ?? []).map((item) => {
          const body = item.content?.encoded ?? item.description ?? '';
          return {
            id: textOrNull(item.guid?.value) ?? textOrNull(item.link),
            title: titleText(item.title),
            link: textOrNull(item.link) ?? (item.guid?.isPermaLink !== false && /^https?:/.test(item.guid?.value ?? '') ? item.guid!.value! : null),
            source: titleText(item.source?.title),
            body,
            html: looksLikeHtml(body),
            date: item.pubDate ?? first(item.dc?.dates) ?? null,
            author: first(item.authors)?.name ?? first(item.authors)?.email ?? first(item.dc?.creators) ?? null,
            language: null,
          };
        }),
      };
    }
    case 'rdf': {
      const f = parsed.feed;
      return {
        title: textOrNull(f.title),
        language: first(f.dc?.languages),
        items: (f.items ?? []).map((item) => {
          const body = item.content?.encoded ?? item.description ?? '';
          return {
            id: textOrNull(item.link),
            title: titleText(item.title),
            link: textOrNull(item.link),
            source: null,
            body,
            html: looksLikeHtml(body),
            date: first(item.dc?.dates),
            author: first(item.dc?.creators),
            language: null,
          };
        }),
      };
    }
    case 'atom': {
      const f = parsed.feed;
      return {
        title: textOrNull(f.title?.value),
        language: null,
        items: (f.entries ?? []).map((entry) => {
          const content = entry.content?.value !== undefined ? entry.content : entry.summary;
          const body = content?.value ?? '';
          const type = (content?.type ?? 'text').toLowerCase();
          const link = entry.links?.find((l) => !l.rel || l.rel === 'alternate')?.href ?? first(entry.links)?.href ?? null;
          return {
            id: textOrNull(entry.id) ?? textOrNull(link),
            title: titleText(entry.title?.value, entry.title?.type),
            link: textOrNull(link),
            source: titleText(entry.source?.title?.value, entry.source?.title?.type),
            body,
            html: type === 'html' || type === 'xhtml' || type.includes('html') || (type === 'text' ? false : looksLikeHtml(body)),
            date: entry.published ?? entry.updated ?? null,
            author: first(entry.authors)?.name ?? null,
            language: null,
          };
        }),
      };
    }
    case 'json': {
      const f = parsed.feed;
      return {
        title: textOrNull(f.title),
        language: f.language ?? null,
        items: (f.items ?? []).map((item) => {
          const html = typeof item.content_html === 'string' && item.content_html.trim() !== '';
          const body = html ? item.content_html! : (item.content_text ?? item.summary ?? '');
          return {
            id: textOrNull(item.id === undefined ? undefined : String(item.id)) ?? textOrNull(item.url),
            title: titleText(item.title),
            link: textOrNull(item.url) ?? textOrNull(item.external_url),
            source: null,
            body,
            html: html || looksLikeHtml(body),
            date: item.date_published ?? item.date_modified ?? null,
            author: first(item.authors)?.name ?? null,
            language: item.language ?? null,
          };
        }),
      };
    }
  }
}

function textOrNull(value: string | undefined | null): string | null {
  const text = value?.trim();
  return text ? text : null;
}

/** Bodies that carry markup go through HTML extraction; plain text stays text. */
function looksLikeHtml(body: string): boolean {
  return /<\/?(p|div|br|a|b|i|em|strong|span|img|ul|ol|li|h[1-6]|blockquote|figure|table|section|article)\b[^>]*>/i.test(body) || /&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i.test(body);
}

/**
 * 1-based line of an item in the feed text, at its id or link (so messages
 * point at the item). In an XML feed whose item and entry tags can be counted
 * one for one with the parsed items, item k's id is searched for inside the
 * k-th tag's span only, so an id quoted by an earlier item is not taken for
 * this one; failing that (JSON feeds), after the previous item's. Searching the
 * whole text for every item made a feed of 40,000 items take 38 s. An id not
 * in the text as written (escaped as `&#38;`, say) costs a search to the end of
 * its span; past a few whole-text lengths of those, lines are given up.
 */
function lineFinder(text: string, itemCount: number): (item: number, needle: string | null) => number | undefined {
  const starts = lineStarts(text);
  const tags = itemTagOffsets(text);
  const spans = tags.length === itemCount;
  let from = 0;
  let wasted = 0;
  return (item, needle) => {
    const start = spans ? tags[item]! : from;
    const end = spans ? (tags[item + 1] ?? text.length) : text.length;
    let index = -1;
    if (needle && wasted <= 4 * text.length) {
      const escaped = escapeXml(needle);
      index = indexWithin(text, needle, start, end);
      if (index < 0 && escaped !== needle) index = indexWithin(text, escaped, start, end);
      if (index < 0) wasted += (end - start) * (escaped !== needle ? 2 : 1);
    }
    if (index < 0) return spans ? lineAt(starts, start) : undefined;
    if (!spans) from = index + 1;
    return lineAt(starts, index);
  };
}

/** Where `needle` starts in text[start, end), or -1; searches that span only, not on to the end of the text. */
function indexWithin(text: string, needle: string, start: number, end: number): number {
  return text.slice(0, end).indexOf(needle, start);
}

/** Offsets of the `<item` and `<entry` tags (with or without a namespace prefix) of an XML feed. */
function itemTagOffsets(text: string): number[] {
  return Array.from(text.matchAll(/<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)(?=[\s>/])/g), (m) => m.index);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line of an offset, given the offsets at which lines start. */
function lineAt(starts: readonly number[], index: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= index) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** A value as XML text writes it: ids and links with `&` are usually written `&amp;`. */
function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

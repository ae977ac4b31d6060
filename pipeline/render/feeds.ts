import { Feed } from 'feed';
import type { Config } from '../config/schema.ts';
import { sha256 } from '../common/hash.ts';
import type { Edition } from '../types.ts';
import type { TemplateSet } from './templates.ts';
import { editionView, siteRoot, type EditionView } from './view.ts';

/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the editions, one item per edition
 * (and, with `render.storyFeed`, a second set with one item per story).
 *
 * Everything is derived from the content so that a rebuild of the same input
 * is byte-identical:
 * - id: the edition's permalink `${baseUrl}editions/DATE/` (a story's:
 *   `…/editions/DATE/#story-ID`) — the same edition keeps its id forever.
 * - published: midnight of the edition's day in its timezone.
 * - updated: published + N seconds, N = (sha256 of the edition's data) mod
 *   86 400. It stays within the edition's day, and changes whenever the
 *   edition is edited, so feed readers see the item as updated. It is not a
 *   wall-clock edit time (there is none without state); an edit may move it
 *   earlier within the day, which readers treat as a change all the same.
 * - the feed's lastBuildDate/updated: the latest item `updated`.
 */
export interface FeedFiles {
  'feed.xml': string;
  'atom.xml': string;
  'feed.json': string;
}

export interface FeedItemData {
  id: string;
  title: string;
  link: string;
  /** Short plain-text summary (RSS description, Atom summary, JSON summary). */
  summary: string;
  /** HTML content from the feed-item template. */
  html: string;
  published: Date;
  updated: Date;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormats.set(timeZone, format);
  }
  return format;
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = zoneFormat(timeZone).formatToParts(new Date(instant));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a calendar day starts in `timeZone` (handles DST changes at midnight). */
export function startOfDay(day: string, timeZone: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  let instant = utcMidnight - zoneOffsetMs(utcMidnight, timeZone);
  const corrected = utcMidnight - zoneOffsetMs(instant, timeZone);
  if (corrected !== instant) instant = corrected;
  return new Date(instant);
}

/** When the content last changed, as far as the content can say (see above). */
export function contentUpdated(published: Date, content: unknown): Date {
  const seconds = Number.parseInt(sha256(JSON.stringify(content)).slice(0, 8), 16) % 86_400;
  return new Date(published.getTime() + seconds * 1000);
}

// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Characters XML 1.0 forbids would make the whole feed unreadable. */
export function xmlText(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}

/**
 * The feed library wraps item titles, summaries and content in CDATA: a `]]>`
 * in them must be split across two sections or it ends the CDATA early.
 */
function cdata(text: string): string {
  return xmlText(text).replaceAll(']]>', ']]]]><![CDATA[>');
}

/** Titles and summaries are plain text, but Atom marks them `type="html"`: escape them as HTML. */
function htmlEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function plainSummary(view: EditionView): string {
  return view.stories.map((s) => s.headline).join(' · ') || view.description;
}

function timeZoneOf(edition: Edition, config: Config): string {
  try {
    zoneFormat(edition.timezone);
    return edition.timezone;
  } catch {
    return config.timezone;
  }
}

/** The newest `render.feedLimit` editions (all when 0), newest first. */
function feedEditions(editions: Edition[], config: Config): Edition[] {
  const sorted = newestFirst(editions);
  return config.render.feedLimit > 0 ? sorted.slice(0, config.render.feedLimit) : sorted;
}

/**
 * Where a caller can keep feed items (the render cache): `item(edition, make)`
 * gives back the item made for the same edition before, else `make()`.
 */
export type FeedItemStore = (edition: Edition, make: () => FeedItemData) => FeedItemData;

/** One item per edition, newest first. */
export function editionItems(editions: Edition[], config: Config, templates: TemplateSet, item: FeedItemStore = (_, make) => make()): FeedItemData[] {
  return feedEditions(editions, config).map((edition) =>
    item(edition, () => {
      const view = editionView(edition, config);
      const published = startOfDay(edition.date, timeZoneOf(edition, config));
      return {
        id: view.webUrl,
        title: view.subject,
        link: view.webUrl,
        summary: plainSummary(view),
        html: templates.feedItem(view),
        published,
        updated: contentUpdated(published, edition),
      };
    }),
  );
}

/** A feed item as cached: its dates as ISO strings. */
export type StoredFeedItem = Omit<FeedItemData, 'published' | 'updated'> & { published: string; updated: string };

export function storedFeedItem(item: FeedItemData): StoredFeedItem {
  return { ...item, published: item.published.toISOString(), updated: item.updated.toISOString() };
}

export function feedItemFromStore(stored: StoredFeedItem): FeedItemData {
  return { ...stored, published: new Date(stored.published), updated: new Date(stored.updated) };
}

/** One item per story, newest edition first, in edition order within a day. */
export function storyItems(editions: Edition[], config: Config, templates: TemplateSet): FeedItemData[] {
  return feedEditions(editions, config).flatMap((edition) => {
    const view = editionView(edition, config);
    const published = startOfDay(edition.date, timeZoneOf(edition, config));
    return view.stories.map((story, i) => {
      const single: EditionView = { ...view, stories: [story], more: [], note: null };
      return {
        id: `${view.webUrl}#story-${story.id}`,
        title: story.headline,
        link: `${view.webUrl}#story-${story.id}`,
        summary: story.summary,
        html: templates.feedItem(single),
        published,
        updated: contentUpdated(published, edition.stories[i]),
      };
    });
  });
}

function newestFirst(editions: Edition[]): Edition[] {
  return [...editions].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

/** The file names of a set of feeds, relative to the site root (for the self links). */
export interface FeedNames {
  rss: string;
  atom: string;
  json: string;
}

/**
 * Writes the three feeds for `items`. `names` are the file names, relative to
 * the site root, used for the self links.
 */
export function buildFeeds(items: FeedItemData[], config: Config, names: FeedNames, title = config.title): { rss: string; atom: string; json: string } {
  // An empty feed still needs a stable date: the epoch, never "now".
  const updated = items.reduce((latest, item) => (item.updated > latest ? item.updated : latest), new Date(0));
  return feedTexts(items, config, names, title, updated);
}

/** The three feeds of `items` dated `updated` (feed-fragments.ts cuts items and heads from them). */
export function feedTexts(items: FeedItemData[], config: Config, names: FeedNames, title: string, updated: Date): { rss: string; atom: string; json: string } {
  const root = siteRoot(config);
  const author = { name: config.title, link: root };
  const options = {
    id: root,
    title: xmlText(title),
    description: xmlText(config.description),
    link: root,
    language: config.language,
    updated,
    generator: 'Briefing',
    author,
    feedLinks: { rss: `${root}${names.rss}`, atom: `${root}${names.atom}`, json: `${root}${names.json}` },
  };
  // Two feeds from the same items: XML needs CDATA-safe, HTML-escaped titles; JSON carries plain strings.
  const xml = new Feed(options);
  const json = new Feed({ ...options, title, description: config.description });
  for (const item of items) {
    const common = { id: item.id, link: item.link, date: item.updated, published: item.published };
    xml.addItem({ ...common, title: cdata(htmlEscape(item.title)), description: cdata(htmlEscape(item.summary)), content: cdata(item.html) });
    json.addItem({ ...common, title: item.title, description: item.summary, content: item.html });
  }
  return { rss: xml.rss2() + '\n', atom: xml.atom1() + '\n', json: jsonFeed11(json.json1(), config, author) };
}

/** The feed package writes JSON Feed 1.0; 1.1 renames `author` to `authors` and adds `language`. */
function jsonFeed11(json10: string, config: Config, author: { name: string; link: string }): string {
  const feed = JSON.parse(json10) as Record<string, unknown> & { items: Record<string, unknown>[] };
  const out: Record<string, unknown> = { version: 'https://jsonfeed.org/version/1.1' };
  for (const [key, value] of Object.entries(feed)) {
    if (key === 'version' || key === 'author') continue;
    if (key === 'items') continue;
    out[key] = value;
  }
  out.language = config.language;
  out.authors = [{ name: author.name, url: author.link }];
  out.items = feed.items.map((item) => {
    const { author: itemAuthor, ...rest } = item;
    return itemAuthor ? { ...rest, authors: [itemAuthor] } : rest;
  });
  return JSON.stringify(out, null, 2) + '\n';
}

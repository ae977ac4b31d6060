import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseRssFeed } from 'feedsmith';
import type { Edition, Message } from '../types.ts';

/** Gmail clips a message whose HTML is larger than this. */
export const GMAIL_CLIP_BYTES = 102 * 1024;

/**
 * Reads what the build wrote into the preview's out folder. Render and other
 * stages evolve: every file is optional and every read is defensive, so a
 * missing or malformed file shows as "not rendered" rather than a crash.
 */
export interface EditionFiles {
  date: string;
  edition: Edition | null;
  emailHtml: string | null;
  emailText: string | null;
  webHtml: boolean;
}

export function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export function editionDates(outDir: string): string[] {
  const dir = path.join(outDir, 'editions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name) && statSync(path.join(dir, name)).isDirectory())
    .sort()
    .reverse();
}

export function readEdition(outDir: string, date: string): EditionFiles {
  const dir = path.join(outDir, 'editions', date);
  return {
    date,
    edition: readJson<Edition>(path.join(dir, 'edition.json')),
    emailHtml: readText(path.join(dir, 'email.html')),
    emailText: readText(path.join(dir, 'email.txt')),
    webHtml: existsSync(path.join(dir, 'index.html')),
  };
}

export function readReport(outDir: string): Message[] {
  const report = readJson<{ messages?: Message[] }>(path.join(outDir, 'report.json'));
  return Array.isArray(report?.messages) ? report.messages : [];
}

/** The article ids of an edition's stories (all sources). */
export function articleIdsOf(edition: Edition | null): Set<string> {
  return new Set((edition?.stories ?? []).flatMap((s) => (s.sources ?? []).map((src) => src.articleId)));
}

/** Messages that concern an edition: about one of its articles or files, its stories, or the edition itself. */
export function messagesFor(edition: Edition | null, date: string, messages: Message[]): Message[] {
  const ids = articleIdsOf(edition);
  const files = new Set((edition?.stories ?? []).flatMap((s) => (s.sources ?? []).map((src) => src.file)));
  const storyIds = new Set((edition?.stories ?? []).map((s) => s.id));
  return messages.filter((m) => {
    if (m.articleId && ids.has(m.articleId)) return true;
    if (m.file && files.has(m.file)) return true;
    const d = m.detail ?? {};
    if (d.edition === date) return true;
    if (typeof d.storyId === 'string' && storyIds.has(d.storyId)) return true;
    return m.file === `content/editions/${date}.yaml` || (m.file?.endsWith(`editions/${date}/email.html`) ?? false);
  });
}

/** Messages about one story: its articles, its files, or the story id in the detail. */
export function messagesForStory(story: Edition['stories'][number], messages: Message[]): Message[] {
  const ids = new Set((story.sources ?? []).map((s) => s.articleId));
  const files = new Set((story.sources ?? []).map((s) => s.file));
  return messages.filter((m) => {
    if (m.articleId && ids.has(m.articleId)) return true;
    if (m.file && files.has(m.file) && !m.articleId) return true;
    const d = m.detail ?? {};
    return d.storyId === story.id || (Array.isArray(d.stories) && d.stories.includes(story.id)) || d.into === story.id;
  });
}

/** Stories the editor hid, from the build's own record of it (overrides/hide messages). */
export function hiddenStories(date: string, messages: Message[]): { id: string; headline: string }[] {
  return messages
    .filter((m) => m.ruleId === 'overrides/hide' && m.detail?.edition === date)
    .map((m) => ({ id: String(m.detail!.storyId), headline: String(m.detail!.headline ?? m.detail!.storyId) }));
}

/** One feed item as a feed reader shows it. */
export interface FeedItem {
  title: string;
  link: string | null;
  date: string | null;
  id: string | null;
  contentHtml: string;
}

/**
 * The edition's item in `feed.xml` (RSS 2.0), parsed with feedsmith as a feed
 * reader would: the item whose link or guid points at the edition's page.
 * Null when there is no feed yet or it does not parse.
 */
export function feedItemFor(outDir: string, date: string): FeedItem | null {
  const xml = readText(path.join(outDir, 'feed.xml'));
  if (!xml) return null;
  let feed: ReturnType<typeof parseRssFeed>;
  try {
    feed = parseRssFeed(xml);
  } catch {
    return null;
  }
  for (const item of feed.items ?? []) {
    const guid = item.guid?.value ?? null;
    const link = item.link ?? null;
    if (![link, guid].some((v) => v?.includes(`editions/${date}`))) continue;
    return { title: item.title ?? '', link, date: item.pubDate ?? null, id: guid, contentHtml: item.content?.encoded ?? item.description ?? '' };
  }
  return null;
}

/**
 * The feeds assembled from each item's own text, byte for byte what
 * `buildFeeds` writes for the same items.
 *
 * Why: the `feed` package's XML writer costs far more than its share on a
 * feed of many large items (50 ms for a month's 31 editions, ~0.5 ms for one
 * of them alone), and every build rewrites the three feeds because any
 * changed edition changes them. An item's text does not depend on the other
 * items, so each is cut once from a feed of that item alone, cached with the
 * edition's feed item (render/index.ts), and the feeds are its items' texts
 * between a head and a tail taken from a one-item feed with the whole feed's
 * date. Anything that does not cut cleanly returns null, and the caller builds
 * the feeds whole instead.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Config } from '../config/schema.ts';
import { feedTexts, type FeedItemData, type FeedNames } from './feeds.ts';

/** The feed package's version: cached item texts are its output, so another version's are not reused. */
export const FEED_ENGINE = `feed ${feedVersion()}, fragments v1`;

function feedVersion(): string {
  try {
    // Its package.json is not exported: found beside the entry point it resolves to.
    let dir = path.dirname(createRequire(import.meta.url).resolve('feed'));
    while (!dir.endsWith(`${path.sep}feed`) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * One item's text in each of the three feeds, as UTF-8 bytes: the feeds are
 * written as bytes put together, so the item's text (news is rarely Latin-1
 * alone, and such strings are slow to encode) is encoded once, when made.
 */
export interface ItemFragments {
  rss: Buffer;
  atom: Buffer;
  json: Buffer;
}

/** As kept in the render cache (base64: its JSON stays plain ASCII, quick to parse). */
export type StoredFragments = Record<keyof ItemFragments, string>;

export function storedFragments(fragments: ItemFragments): StoredFragments {
  return { rss: fragments.rss.toString('base64'), atom: fragments.atom.toString('base64'), json: fragments.json.toString('base64') };
}

export function fragmentsFromStore(stored: StoredFragments): ItemFragments {
  return { rss: Buffer.from(stored.rss, 'base64'), atom: Buffer.from(stored.atom, 'base64'), json: Buffer.from(stored.json, 'base64') };
}

/** Where an item starts and ends in each XML feed (the feed package indents 4 spaces a level). */
const RSS_ITEM = { open: '\n        <item>', close: '</item>' };
const ATOM_ENTRY = { open: '\n    <entry>', close: '</entry>' };
/** How the JSON feed ends when it has no items (`items` is its last key). */
const JSON_NO_ITEMS = '\n  "items": []\n}\n';

/**
 * The span of the one item in a feed of one item. The head holds no element
 * tag of that name (its texts are escaped) and the tail none either, so the
 * first opening and the last closing tag bound the item even when its CDATA
 * content contains the tag's text.
 */
function itemSpan(text: string, marks: { open: string; close: string }): [number, number] | null {
  const start = text.indexOf(marks.open);
  const end = text.lastIndexOf(marks.close);
  if (start < 0 || end < start) return null;
  return [start, end + marks.close.length];
}

/** A JSON feed item as it appears nested in the feed (two levels in, two spaces each). */
function jsonItemText(json: string): string | null {
  const items = (JSON.parse(json) as { items?: unknown[] }).items;
  if (!items || items.length !== 1) return null;
  return JSON.stringify(items[0], null, 2).replaceAll('\n', '\n    ').replace(/^/, '    ');
}

/** The item's text in each feed, cut from a feed of it alone; null if it does not cut cleanly. */
export function itemFragments(item: FeedItemData, config: Config, names: FeedNames, title = config.title): ItemFragments | null {
  const alone = feedTexts([item], config, names, title, item.updated);
  const rss = itemSpan(alone.rss, RSS_ITEM);
  const atom = itemSpan(alone.atom, ATOM_ENTRY);
  const json = jsonItemText(alone.json);
  if (!rss || !atom || json === null) return null;
  return { rss: Buffer.from(alone.rss.slice(...rss)), atom: Buffer.from(alone.atom.slice(...atom)), json: Buffer.from(json) };
}

/**
 * The three feeds of `items` from their fragments (same order), or null when
 * they cannot be assembled (no items, or a head that does not cut cleanly).
 * The head and tail come from a feed of one item with the whole feed's date:
 * the head depends on the items only through that date and whether any item
 * has content (RSS then declares the content namespace), so the item chosen
 * is one with content when there is one.
 */
export function assembleFeeds(items: FeedItemData[], fragments: ItemFragments[], config: Config, names: FeedNames, title = config.title): { rss: Buffer; atom: Buffer; json: Buffer } | null {
  if (items.length === 0 || fragments.length !== items.length) return null;
  const updated = items.reduce((latest, item) => (item.updated > latest ? item.updated : latest), new Date(0));
  const index = Math.max(0, items.findIndex((item) => item.html.length > 0));
  const skeleton = feedTexts([items[index]!], config, names, title, updated);
  const rss = itemSpan(skeleton.rss, RSS_ITEM);
  const atom = itemSpan(skeleton.atom, ATOM_ENTRY);
  if (!rss || !atom) return null;
  // The skeleton's own item must be the fragment cached for it: else the cache holds another version's text.
  if (!Buffer.from(skeleton.rss.slice(...rss)).equals(fragments[index]!.rss) || !Buffer.from(skeleton.atom.slice(...atom)).equals(fragments[index]!.atom)) return null;
  const json = JSON.parse(skeleton.json) as Record<string, unknown>;
  json.items = [];
  const jsonHead = JSON.stringify(json, null, 2) + '\n';
  if (!jsonHead.endsWith(JSON_NO_ITEMS)) return null;
  const jsonParts: Buffer[] = [Buffer.from(jsonHead.slice(0, -JSON_NO_ITEMS.length) + '\n  "items": [\n')];
  fragments.forEach((f, i) => jsonParts.push(...(i === 0 ? [f.json] : [JSON_SEPARATOR, f.json])));
  jsonParts.push(Buffer.from('\n  ]\n}\n'));
  return {
    rss: Buffer.concat([Buffer.from(skeleton.rss.slice(0, rss[0])), ...fragments.map((f) => f.rss), Buffer.from(skeleton.rss.slice(rss[1]))]),
    atom: Buffer.concat([Buffer.from(skeleton.atom.slice(0, atom[0])), ...fragments.map((f) => f.atom), Buffer.from(skeleton.atom.slice(atom[1]))]),
    json: Buffer.concat(jsonParts),
  };
}

const JSON_SEPARATOR = Buffer.from(',\n');

/**
 * Page metadata from the sources a page states, each field in a documented
 * order of trust (see README.md): structured data first (JSON-LD), then meta
 * tags (OpenGraph, article:*, Dublin Core, parsely, sailthru…), then markup
 * (<time>, <title>, <link rel=canonical>, <html lang>), then the URL, then the
 * article text. Dates are only read where stated, never inferred.
 */
import { isCalendarDay, toDay } from '../../common/dates.ts';
import type { DateSource } from '../../types.ts';
import type { RawMetadata } from './analyse.ts';
import type { HtmlMetadata } from './index.ts';
import { appendAll } from '../../common/arrays.ts';
import { contentWords } from '../../common/text.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ARTICLE_TYPES = /article|posting|report|news|blog|webpage|creativework|review|opinion|analysis|liveblog/i;

/** Every object in the page's JSON-LD blocks, articles first. */
function jsonLdObjects(blocks: string[]): JsonObject[] {
  const found: JsonObject[] = [];
  for (const block of blocks) {
    let data: Json;
    try {
      data = JSON.parse(block.trim().replace(/^<!--|-->$/g, '')) as Json;
    } catch {
      continue; // Broken JSON-LD is common; the other sources still apply.
    }
    const stack: Json[] = [data];
    while (stack.length) {
      const item = stack.pop();
      if (Array.isArray(item)) appendAll(stack, item);
      else if (item && typeof item === 'object') {
        found.push(item);
        if (item['@graph']) stack.push(item['@graph']);
      }
    }
  }
  const isArticle = (o: JsonObject): boolean => ARTICLE_TYPES.test(JSON.stringify(o['@type'] ?? '')) || 'datePublished' in o;
  return [...found.filter(isArticle), ...found.filter((o) => !isArticle(o))];
}

/**
 * The article's text as the page's structured data states it (JSON-LD `articleBody` of its article
 * object), or null. Pages whose scripts write the article (an app's empty shell) and pages that show
 * a teaser state the whole text there for search engines.
 */
export function structuredBody(raw: RawMetadata): string | null {
  for (const object of jsonLdObjects(raw.jsonLd)) {
    const body = object['articleBody'];
    if (typeof body === 'string' && body.trim()) return body;
  }
  return null;
}

function str(value: Json | undefined): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const v of value) {
      const s = str(v);
      if (s) return s;
    }
    return null;
  }
  if (value && typeof value === 'object') return str(value['name'] ?? value['@value'] ?? value['url'] ?? value['@id']);
  return null;
}

/** Names of one or more people: "A", {name}, [{name}, {name}] → "A, B". */
function names(value: Json | undefined): string | null {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  const out = list.map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? str(v['name'] ?? null) : str(v))).filter((v): v is string => !!v && !/^https?:/.test(v));
  return out.length ? [...new Set(out)].join(', ') : null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function day(y: number, m: number, d: number): string | null {
  const value = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isCalendarDay(value) ? value : null;
}

/** A day in a URL path: /2025/03/18/, /2025-03-18-, /20250318/. */
export function dateFromUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const m = /(?:^|[/_-])((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?=$|[/_.-])/.exec(path) ?? /(?:^|\/)((?:19|20)\d{2})(\d{2})(\d{2})(?=$|[/_.-])/.exec(path);
  return m ? day(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** A stated publication day in the article's text ("Published 18 March 2025", "March 18, 2025", "2025-03-18"). */
export function dateFromText(text: string): string | null {
  const head = text.slice(0, 2000);
  const iso = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/.exec(head);
  if (iso) return day(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const month = '(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
  const mdy = new RegExp(`\\b${month}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})\\b`, 'i').exec(head);
  if (mdy) return day(Number(mdy[3]), MONTHS.indexOf(mdy[1]!.slice(0, 3).toLowerCase()) + 1, Number(mdy[2]));
  const dmy = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${month},?\\s+((?:19|20)\\d{2})\\b`, 'i').exec(head);
  if (dmy) return day(Number(dmy[3]), MONTHS.indexOf(dmy[2]!.slice(0, 3).toLowerCase()) + 1, Number(dmy[1]));
  return null;
}

/** Meta tags that state a publication time, in order of trust. */
const DATE_META = [
  'article:published_time', 'og:published_time', 'datepublished', 'published_time', 'publish-date', 'publishdate', 'pubdate',
  'parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'dcterms.issued', 'dcterms.created', 'dc.date', 'dcterms.date',
  'citation_publication_date', 'date', 'article.published', 'originalpublicationdate', 'article_date_original',
];

/** What sits between a headline and the site's name in a `<title>` ("Mayor resigns | The Daily Record"). */
const SEPARATOR = '[|–—·•»:-]';
const TITLE_SEPARATORS = new RegExp(`\\s+${SEPARATOR}\\s+[^|–—·•»]{2,60}$`);
const SEPARATOR_THEN_TEXT = new RegExp(`^\\s+${SEPARATOR}\\s+\\S`);
const TEXT_THEN_SEPARATOR = new RegExp(`\\S\\s+${SEPARATOR}\\s+$`);
const TRAILING_SEPARATOR = new RegExp(`\\s*${SEPARATOR}\\s*$`);

export interface MetadataInput {
  raw: RawMetadata;
  /** The article's text, for the last-resort date. */
  text: string;
  /** The first heading of the page, for the last-resort title. */
  heading: string | null;
  /** A heading the article starts with (its headline), for a `<title>` that is only the site's. */
  leadHeading?: string | null;
  timeZone: string;
  url: string | null | undefined;
}

export function resolveMetadata({ raw, text, heading, leadHeading = null, timeZone, url }: MetadataInput): HtmlMetadata {
  const ld = jsonLdObjects(raw.jsonLd);
  const meta = (key: string): string | null => raw.meta.get(key) || null;
  const fromLd = (key: string): Json | undefined => ld.find((o) => o[key] != null)?.[key];

  const pageUrl = absolute(raw.links.get('canonical') ?? meta('og:url') ?? str(fromLd('url') ?? null) ?? url ?? null, url);

  let date: string | null = null;
  let dateSource: DateSource | null = null;
  const tryDate = (value: string | null | undefined, source: DateSource): boolean => {
    if (date || !value) return false;
    const result = toDay(value, timeZone);
    if (result.ok) {
      date = result.day;
      dateSource = source;
    }
    return result.ok;
  };
  tryDate(str(fromLd('datePublished') ?? null), 'json-ld');
  for (const key of DATE_META) if (tryDate(meta(key), 'meta')) break;
  for (const time of [...raw.times.filter((t) => t.published), ...raw.times]) if (tryDate(time.value, 'time-element')) break;
  for (const candidate of [pageUrl, url]) {
    if (date || !candidate) continue;
    const fromUrl = dateFromUrl(candidate);
    if (fromUrl) [date, dateSource] = [fromUrl, 'url'];
  }
  if (!date) {
    const fromText = dateFromText(text);
    if (fromText) [date, dateSource] = [fromText, 'text'];
  }

  // Last, the owner its copyright notice names ("© Ostmere Advertiser 2025. All rights reserved."): an old page states nothing else.
  const copyright = copyrightName(text);
  const statedTitle = meta('og:title') ?? str(fromLd('headline') ?? null) ?? meta('twitter:title');
  const siteName =
    meta('og:site_name') ?? names(fromLd('publisher') ?? null) ?? meta('application-name') ?? meta('publisher') ?? meta('dc.publisher') ?? titleSiteName(raw.title, statedTitle ?? heading) ?? copyright;
  const rawTitle = statedTitle ?? raw.title ?? heading;
  let title = rawTitle ? tidyTitle(rawTitle, siteName, heading) : null;
  // A `<title>` that is only the name the copyright notice gives ("OSTMERE ADVERTISER - News") is the site's, not a headline.
  if (!statedTitle && title && copyright && sameName(title, copyright)) title = leadHeading ? tidyTitle(leadHeading, siteName, leadHeading) : null;
  // A `<title>` that is only the site's ("Riverside Tribune | Local News, Sports and Weather", "News"):
  // some CMSs give every page the same one. It shares no word with the article, where the heading
  // the article starts with does (a section label over the article, "Entermedia 주요뉴스", does not).
  // Only the `<title>`: a stated headline (og:title, JSON-LD) is the article's, whatever its words.
  if (!statedTitle && title && leadHeading) {
    // The article's words but the heading's own line (the text starts with it).
    const story = new Set(contentWords(text.replace(leadHeading, '')));
    if (!sharesWord(title, story) && sharesWord(leadHeading, story)) title = tidyTitle(leadHeading, siteName, leadHeading);
  }
  const author =
    names(fromLd('author') ?? null) ??
    meta('author') ??
    meta('article:author')?.replace(/^https?:\S+$/, '') ??
    meta('dc.creator') ??
    meta('parsely-author') ??
    meta('sailthru.author') ??
    null;
  const language = normaliseLanguage(raw.lang ?? meta('content-language') ?? meta('og:locale') ?? str(fromLd('inLanguage') ?? null));
  // A name written with its article in lower case ("the Meridian") begins a sources line: "The Meridian".
  const publisher = siteName?.replace(/^the\s(?=\p{Lu})/u, 'The ') ?? null;
  return { title, date, dateSource, author: author || null, publisher, url: pageUrl, language };
}

/**
 * The page's title without the site's name. When the title is the article's own heading with a
 * separator and more after it or before it ("Mayor resigns | The Daily Record", "Valley News -
 * Library hours extended"), the heading is the title, however short: the rest is the site's (the
 * length rule below would keep "Mayor resigns | The Daily Record" whole, and the body would repeat
 * the headline the title no longer matched).
 */
function tidyTitle(title: string, siteName: string | null, heading: string | null): string {
  let t = title.replace(/\s+/g, ' ').trim();
  const own = heading?.replace(/\s+/g, ' ').trim();
  if (own && own.length >= 3 && t !== own) {
    if (t.startsWith(own) && SEPARATOR_THEN_TEXT.test(t.slice(own.length))) return own;
    if (t.endsWith(own) && TEXT_THEN_SEPARATOR.test(t.slice(0, -own.length))) return own;
  }
  if (siteName && t.endsWith(siteName) && t.length > siteName.length + 3) t = t.slice(0, -siteName.length).replace(TRAILING_SEPARATOR, '');
  else if (TITLE_SEPARATORS.test(t) && t.replace(TITLE_SEPARATORS, '').length >= 15) t = t.replace(TITLE_SEPARATORS, '');
  return t.trim();
}

/**
 * The site's name that a page's `<title>` adds to its headline ("The grid queue is the climate bottleneck - Power Lines",
 * "Power Lines | The grid queue …"): a page that states no site name (a newsletter platform's post, a small site) still
 * names itself there. Only beside the headline the page states elsewhere (og:title, its first heading), so a headline with
 * a dash in it is never cut in two; of several parts ("Headline | Opinion | Power Lines"), the outermost.
 */
function titleSiteName(pageTitle: string | null, headline: string | null): string | null {
  if (!pageTitle || !headline) return null;
  const full = pageTitle.replace(/\s+/g, ' ').trim();
  const own = headline.replace(/\s+/g, ' ').trim();
  if (own.length < 3 || full === own) return null;
  const after = full.startsWith(own) ? full.slice(own.length) : null;
  const before = after === null && full.endsWith(own) ? full.slice(0, -own.length) : null;
  const parts = (after ?? before)?.split(SITE_PART_SEPARATOR).map((part) => part.trim());
  // The part next to the headline is empty: the separator stood right beside it.
  if (!parts || parts.length < 2 || (after !== null ? parts[0] : parts.at(-1)) !== '') return null;
  const name = after !== null ? parts.at(-1)! : parts[0]!;
  return SITE_NAME.test(name) && name.split(' ').length <= 6 ? name : null;
}

/** A separator between a `<title>`'s parts, with the spaces around it. */
const SITE_PART_SEPARATOR = new RegExp(`\\s+${SEPARATOR}\\s+|^\\s*${SEPARATOR}\\s+|\\s+${SEPARATOR}\\s*$`);
/** A name: a capital or a figure first, no sentence's end. */
const SITE_NAME = /^[\p{Lu}\p{N}][^.!?]{1,59}$/u;

/**
 * The owner a page's copyright notice names: "© Ostmere Advertiser 2025. All rights reserved.",
 * "Copyright © 2025 The Valley Courier Ltd. All rights reserved." Only a line that reserves rights:
 * a picture's "© Jane Doe" credit names its photographer.
 */
function copyrightName(text: string): string | null {
  for (const line of text.split('\n')) {
    if (!/all rights reserved/i.test(line)) continue;
    const m = COPYRIGHT_NAME.exec(line);
    // "© 2025 All rights reserved" names no one.
    if (m && !/^all\b/i.test(m[1]!)) return m[1]!.replace(/\s+(?:ltd|limited|plc|inc|llc)\.?$/i, '').trim();
  }
  return null;
}

const COPYRIGHT_NAME = /(?:©|\([cC]\)|[Cc]opyright|COPYRIGHT)\s*(?:©\s*)?(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*)?(\p{Lu}[\p{L}&'’.-]*(?:\s+(?:\p{Lu}[\p{L}&'’.-]*|of|the|and|&)){0,5})/u;

/** The same name whatever its case, spacing, punctuation and a leading "The". */
function sameName(a: string, b: string): boolean {
  const key = (s: string) => s.toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');
  return key(a) === key(b);
}

/** Whether `text` has a content word of `words` (the article's). */
function sharesWord(text: string, words: ReadonlySet<string>): boolean {
  return contentWords(text).some((word) => words.has(word));
}

function absolute(value: string | null, base: string | null | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value, base ?? undefined).href;
  } catch {
    return /^https?:\/\//.test(value) ? value : (base ?? null);
  }
}

function normaliseLanguage(value: string | null): string | null {
  if (!value) return null;
  const tag = value.trim().split(/[,;\s]/)[0]!.replace(/_/g, '-');
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(tag)) return null;
  const [lang, ...rest] = tag.split('-');
  return [lang!.toLowerCase(), ...rest.map((r) => (r.length === 2 ? r.toUpperCase() : r))].join('-');
}

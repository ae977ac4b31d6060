/**
 * A feed item's title, link and publisher as readers should get them, from what aggregators and
 * alert services put in their feeds: titles marked up as HTML, links wrapped in a redirect that
 * counts the click, the outlet named in an RSS `<source>` (and again at the end of the title).
 */
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { comparableText } from '../common/text.ts';

/** Markup in a title: a tag ("… jump <b>grid</b> queue", as Google Alerts marks the words it matched). */
const TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/i;

const fragment = unified().use(rehypeParse, { fragment: true });

/**
 * A title as text: read as HTML when its feed says it is (an Atom title of `type="html"` or
 * `"xhtml"`) or when it holds tags — a title is plain text on every page that shows it, and
 * "<b>grid</b>" printed as it stands is what a reader would see. Spaces run together.
 */
export function titleText(title: string | null | undefined, type?: string): string | null {
  const trimmed = title?.trim();
  if (!trimmed) return null;
  const html = type !== undefined && /html/i.test(type);
  const text = html || TAG.test(trimmed) ? toText(fragment.parse(trimmed)) : trimmed;
  const spaced = text.replace(/\s+/g, ' ').trim();
  return spaced || null;
}

/** Link wrappers that count a click and send the reader on: their host, path and the parameter holding the destination. */
const REDIRECTS: { host: RegExp; path?: RegExp; params: string[] }[] = [
  // Google Alerts and Google search results ("https://www.google.com/url?rct=j&sa=t&url=https://…").
  { host: /^(?:www\.)?google\.[a-z]{2,3}(?:\.[a-z]{2})?$/, path: /^\/url$/, params: ['url', 'q'] },
  // Links shared on Facebook, Messenger and Instagram.
  { host: /^l[m]?\.(?:facebook|messenger|instagram)\.com$/, path: /^\/l\.php$/, params: ['u'] },
  // Outlook's Safe Links, in forwarded newsletters.
  { host: /\.safelinks\.protection\.outlook\.com$/, params: ['url'] },
  // Bing News's feeds.
  { host: /^(?:www\.)?bing\.com$/, path: /^\/news\/apiclick\.aspx$/i, params: ['url'] },
  { host: /^out\.reddit\.com$/, params: ['url'] },
  { host: /^(?:www\.)?youtube\.com$/, path: /^\/redirect$/, params: ['q'] },
];

/**
 * Where a wrapped link leads (the destination in its parameter, when that is an http(s) address), or
 * null when the link is no known wrapper. The wrapper counts a click and adds nothing a reader needs:
 * the destination is the article, and its address names the outlet.
 */
export function unwrapRedirect(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const redirect = REDIRECTS.find((r) => r.host.test(url.hostname.toLowerCase()) && (!r.path || r.path.test(url.pathname)));
  if (!redirect) return null;
  for (const param of redirect.params) {
    const target = url.searchParams.get(param);
    if (target && /^https?:\/\/[^/\s]+/i.test(target)) return target;
  }
  return null;
}

/** A site's name as its address gives it, for an outlet known by nothing else: "https://www.example-news.co.uk/…" → "example-news.co.uk". */
export function hostName(link: string): string | null {
  try {
    return new URL(link).hostname.replace(/^www\./i, '') || null;
  } catch {
    return null;
  }
}

/** The platform a blog's feed title names after the blog ("Civic Design Notes - Medium"), or a writer's feed ("Stories by Jo Doe on Medium"). */
const PLATFORM_SUFFIX = /\s+[-–—|]\s+(?:Medium|Substack|Blogger|Tumblr)$/;
const WRITER_FEED = /^Stories by (.+?) on Medium$/;

/**
 * A feed's title as its items' publisher: without the platform the blog is hosted on ("Civic Design Notes - Medium" →
 * "Civic Design Notes"; "Stories by Jordan Alvarez on Medium" → "Jordan Alvarez"). Readers know the blog, not its host.
 */
export function feedName(title: string | null): string | null {
  if (!title) return title;
  const trimmed = title.trim();
  const writer = WRITER_FEED.exec(trimmed)?.[1];
  if (writer) return writer.trim();
  const name = trimmed.replace(PLATFORM_SUFFIX, '').trim();
  return name || trimmed;
}

/**
 * A title without the outlet an aggregator appends to it when the item names that outlet anyway
 * ("Energy projects to jump grid queue - The Example News", with `<source>The Example News</source>`).
 */
export function withoutSourceSuffix(title: string | null, source: string | null): string | null {
  if (!title || !source) return title;
  for (const separator of [' - ', ' – ', ' — ', ' | ']) {
    const suffix = `${separator}${source}`;
    if (title.endsWith(suffix) && title.length > suffix.length + 10) return title.slice(0, -suffix.length).trim();
  }
  return title;
}

/** Whether a body's text is no more than one of the titles, perhaps followed by the outlet's name (case and spacing aside). */
export function onlyTitle(body: string, titles: readonly (string | null)[], source: string | null): boolean {
  const text = comparableText(titleText(body) ?? '');
  if (!text) return false;
  const outlet = source ? comparableText(source) : '';
  return titles.some((title) => {
    const t = title ? comparableText(title) : '';
    return t !== '' && (text === t || (outlet !== '' && text === `${t} ${outlet}`));
  });
}

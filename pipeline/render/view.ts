import path from 'node:path';
import { commentaryKind } from '../common/commentary.ts';
import type { Config } from '../config/schema.ts';
import type { Edition, EditionStory, StorySource } from '../types.ts';
import { countWords, fillWord, primaryLanguage, resolveWords, type Words } from './words.ts';

/**
 * The variables every template sees. Templates get plain strings and let
 * Handlebars escape them: nothing here is pre-escaped HTML. Every key is always
 * present (null when empty) because templates compile in Handlebars' strict
 * mode, where a misspelt variable is an error rather than an empty string.
 */
export interface EditionView {
  lang: string;
  /** The fixed words in the briefing's language (config `language` and `words`, words.ts): `{{words.moreStories}}`. */
  words: Words;
  /** The briefing's name (config `title`). */
  title: string;
  description: string;
  /** "Briefing archive": the web page's link back to the archive (`words.archiveOf`). */
  archiveTitle: string;
  /** `<title>` of the email and web page: "Briefing — Tuesday, 18 March 2025". */
  subject: string;
  /** Hidden preview text shown by mail clients after the subject. */
  preheader: string;
  date: string;
  /** The edition's day written out in the configured language. */
  dateLabel: string;
  storyCount: number;
  storyCountLabel: string;
  note: string | null;
  stories: StoryView[];
  more: { headline: string }[];
  /** Absolute URL of the web version (`${baseUrl}editions/DATE/`). */
  webUrl: string;
  archiveUrl: string;
  feedUrl: string;
  /** Relative path from the page being rendered to the root of `out/` (web pages only). */
  root: string;
  /** Plain text: number of the web-version link in `links`. */
  webRef: number;
  /** Plain text: every link, numbered in reading order. */
  links: { n: number; url: string }[];
}

export interface StoryView {
  id: string;
  /** 1-based position in the edition. */
  number: number;
  headline: string;
  /** Where the headline links: the first source with an http(s) address, else null. */
  href: string | null;
  /** Plain text: number of `href` in the link list. */
  ref: number | null;
  summary: string;
  date: string;
  dateLabel: string;
  /** Every source, one per distinct (label, address): the story's own first (`lead`), then the rest (`also`). */
  sources: SourceView[];
  /** The source the story is told from: the one the headline links to, else the first. */
  lead: SourceView;
  /** The other sources, "also reported by": empty for a story with one source. */
  also: SourceView[];
  /** The story's language when it is not the briefing's (its `lang` attribute in HTML), else null. */
  lang: string | null;
}

export interface SourceView {
  /** Publisher, else the address's host, else the file name. */
  label: string;
  /** Only http(s) addresses become links; anything else (javascript:, data:, relative) is dropped. */
  href: string | null;
  ref: number | null;
}

/** The delivery stage replaces this token with each recipient's unsubscribe URL. */
export const UNSUBSCRIBE_PLACEHOLDER = '%%UNSUBSCRIBE_URL%%';

/** `baseUrl` with exactly one trailing slash, so paths can be appended. */
export function siteRoot(config: Config): string {
  return config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`;
}

export function editionUrl(config: Config, date: string): string {
  return `${siteRoot(config)}editions/${date}/`;
}

/** A URL safe to put in `href`: absolute http(s) only, normalised by the URL parser. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Bidi embeddings, overrides and isolates (U+202A–E, U+2066–9): in data they reorder what follows on screen. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Article text must never be able to pose as the unsubscribe placeholder, or
 * delivery would turn it into a live link: break the token up in data. Nor
 * may it carry bidi controls, which can make a label or the text after it
 * read backwards ("invoice\u202Egnp.exe" shows as "invoiceexe.png").
 */
function defuse(text: string): string {
  return text.replaceAll(UNSUBSCRIBE_PLACEHOLDER, '%% UNSUBSCRIBE_URL %%').replace(BIDI_CONTROLS, '');
}

/** Intl formatters are costly to build (~0.1 ms each); a year of editions reuses a handful. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar day written out in `language` (the day is already in the edition's timezone). */
export function formatDay(day: string, language: string, style: 'full' | 'medium' = 'full'): string {
  const key = `${language}\u0000${style}`;
  let format = dayFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(language, { dateStyle: style, timeZone: 'UTC' });
    } catch {
      format = new Intl.DateTimeFormat('en', { dateStyle: style, timeZone: 'UTC' });
    }
    dayFormats.set(key, format);
  }
  return format.format(new Date(`${day}T12:00:00Z`));
}

/** The words of a config, resolved once per config object (every edition's view asks). */
const resolved = new WeakMap<Config, Words>();

function wordsOf(config: Config): Words {
  let words = resolved.get(config);
  if (!words) resolved.set(config, (words = resolveWords(config.language, config.words)));
  return words;
}

/**
 * Who published it, and what kind of piece it is when it is commentary: "Daily Courier (opinion)".
 * A reader of "also reported by" is told which sources are a view of the news, and an outlet's
 * report and its column on it are told apart.
 */
function sourceLabel(source: StorySource, href: string | null, words: Words): string {
  const kind = commentaryKind(source);
  const name = outletName(source, href);
  return kind ? `${name} (${words.commentary[kind]})` : name;
}

function outletName(source: StorySource, href: string | null): string {
  if (source.publisher && oneLine(source.publisher)) return defuse(oneLine(source.publisher));
  if (href) return new URL(href).hostname.replace(/^www\./, '');
  return defuse(oneLine(path.basename(source.file)));
}

/**
 * A name as one line: control characters dropped, runs of spaces, line breaks and tabs made one
 * space. A file named with a line break (or a publisher written as a YAML block) broke the "also
 * reported by" line of the plain-text email in two.
 */
function oneLine(name: string): string {
  return name.replace(/(?!\s)\p{Cc}/gu, '').replace(/\s+/g, ' ').trim();
}

/** Sources as readers see them: one entry per distinct (label, address). */
function sourceViews(sources: StorySource[], words: Words): SourceView[] {
  const seen = new Set<string>();
  const views: SourceView[] = [];
  for (const source of sources) {
    const href = safeHref(source.url);
    const label = sourceLabel(source, href, words);
    const key = `${label}\u0000${href ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    views.push({ label, href, ref: null });
  }
  return views;
}

function storyView(story: EditionStory, number: number, language: string, words: Words): StoryView {
  // The headline's link is the story's lead source; "also reported by" names the others only. Listing
  // every source under it said a one-source story was "also reported by" the outlet that reported it.
  const listed = sourceViews(story.sources, words);
  const lead = listed.find((s) => s.href !== null) ?? listed[0]!;
  const sources = [lead, ...listed.filter((s) => s !== lead)];
  return {
    id: story.id,
    number,
    headline: defuse(story.headline),
    href: lead.href,
    ref: null,
    summary: defuse(story.summary),
    date: story.date,
    dateLabel: formatDay(story.date, language, 'medium'),
    sources,
    lead,
    also: sources.slice(1),
    lang: otherLanguage(story.language, language),
  };
}

/** A well-formed language tag ("de", "fr-FR", "pt-BR"): an article's stated language is its page's, not to be trusted as markup. */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

/** `tag` when it names another language than `briefing`'s (by primary subtag: "en-GB" is English), else null. */
function otherLanguage(tag: string | undefined, briefing: string): string | null {
  if (!tag || !LANGUAGE_TAG.test(tag)) return null;
  return primaryLanguage(tag) === primaryLanguage(briefing) ? null : tag;
}

/** Numbers every link in reading order, reusing a number when an address repeats. */
function numberLinks(view: EditionView): void {
  const numbers = new Map<string, number>();
  const ref = (url: string): number => {
    let n = numbers.get(url);
    if (n === undefined) {
      n = numbers.size + 1;
      numbers.set(url, n);
      view.links.push({ n, url });
    }
    return n;
  };
  view.webRef = ref(view.webUrl);
  for (const story of view.stories) {
    if (story.href) story.ref = ref(story.href);
    for (const source of story.sources) if (source.href) source.ref = ref(source.href);
  }
}

/** Everything the templates need to render one edition. */
export function editionView(edition: Edition, config: Config, root = ''): EditionView {
  const words = wordsOf(config);
  const stories = edition.stories.map((story, i) => storyView(story, i + 1, config.language, words));
  const dateLabel = formatDay(edition.date, config.language);
  const view: EditionView = {
    lang: config.language,
    words,
    title: config.title,
    description: config.description,
    archiveTitle: fillWord(words.archiveOf, { title: config.title }),
    subject: `${config.title} — ${dateLabel}`,
    preheader: stories.map((s) => s.headline).join(' · ').slice(0, 150) || config.description,
    date: edition.date,
    dateLabel,
    storyCount: stories.length,
    storyCountLabel: countWords(stories.length, words.stories, config.language),
    note: edition.note?.trim() ? defuse(edition.note.trim()) : null,
    stories,
    more: edition.more.map((m) => ({ headline: defuse(m.headline) })),
    webUrl: editionUrl(config, edition.date),
    archiveUrl: siteRoot(config),
    feedUrl: `${siteRoot(config)}feed.xml`,
    root,
    webRef: 0,
    links: [],
  };
  numberLinks(view);
  return view;
}

/** One row of the archive page. */
export interface ArchiveEntryView {
  date: string;
  dateLabel: string;
  /** Relative link to the edition's web page. */
  path: string;
  storyCountLabel: string;
  headlines: string[];
}

export interface ArchiveView {
  lang: string;
  words: Words;
  title: string;
  description: string;
  editionCountLabel: string;
  editions: ArchiveEntryView[];
}

/** The archive page: every edition, newest first. */
export function archiveView(editions: Edition[], config: Config): ArchiveView {
  const newestFirst = [...editions].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const words = wordsOf(config);
  return {
    lang: config.language,
    words,
    title: config.title,
    description: config.description,
    editionCountLabel: countWords(newestFirst.length, words.editions, config.language),
    editions: newestFirst.map((e) => ({
      date: e.date,
      dateLabel: formatDay(e.date, config.language),
      path: `editions/${e.date}/index.html`,
      storyCountLabel: countWords(e.stories.length, words.stories, config.language),
      headlines: e.stories.map((s) => defuse(s.headline)),
    })),
  };
}

/**
 * A newsletter digest as one file: several short items, each under its own headline, about unrelated news ("Grid
 * queue reform takes effect", "EU agrees methane import rules", "Copper hits record"), between the newsletter's
 * greeting and its sign-off. Read as one article it became one story — headed by the newsletter's own title and
 * summarised from three events — and joined the story of the first item's event. Each item is an article of its own
 * here, as each message of an mbox is; what stands outside the items (the newsletter's title, greeting, sign-off)
 * belongs to none, and the message that says how the file was split names its lines.
 */
import { contentWords, headlineShaped, wordCount } from '../common/text.ts';
import type { StatedArticle } from './article.ts';
import { emailText, headingText, type HtmlDigestItem } from './html-digest.ts';

/** Fewer items than this is an article with subheadings. */
const MIN_ITEMS = 3;
/** An item's text, in words: a digest's items are a paragraph or a few. */
const MIN_ITEM_WORDS = 12;
const MAX_ITEM_WORDS = 300;
/**
 * At most this share of an item's content words may stand in the other items: a digest's items are about different
 * things, where an explainer's sections ("What the rules require", "Who pays") keep naming the same rules.
 */
const MAX_SHARED = 0.2;
/** The items hold at least this share of the file's words: a long article with a few headed boxes is not a digest. */
const MIN_ITEMS_SHARE = 0.6;
/**
 * A link roundup's items, at least this share: an alert's frame (its name, the words it watches for, "Flag as
 * irrelevant", its footer) is ~30 words around one result's ~35, and a long letter with one linked box is far under it.
 */
const MIN_ROUNDUP_SHARE = 0.4;

/** One item: its headline's line and text, and its text's lines (1-based, inclusive). */
export interface DigestItem {
  headline: string;
  start: number;
  end: number;
  text: string;
}

/** The text a line would head an item with: the line, Markdown's heading or bold marks set aside. */
function markedText(line: string): string {
  return line
    .trim()
    .replace(/^#{1,4}\s+/, '')
    .replace(/^\*\*(.+)\*\*$/, '$1')
    .trim();
}

/** Text that reads as an item's headline: a headline's shape, 3–14 words; its number in the digest ("1. ", "2) ") is no part of it. */
function headlineOf(line: string | null): string | null {
  const text = line?.replace(/^\d{1,2}[.)]\s+(?=\S)/, '');
  return text !== undefined && headlineShaped(text, wordCount(text), 3, 14, 120) ? text : null;
}

/** Longer than this, a line is no headline (`headlineOf` allows 120 characters, marks aside). */
const MAX_HEADLINE_LINE = 140;

/** Whether the text has `MIN_ITEMS` lines short enough to be headlines, not ending as a sentence does: a scan of line ends only. */
function enoughShortLines(text: string): boolean {
  let found = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const last = text.charCodeAt(end - 1);
    // Not empty, not too long, and not ending with ". : ; ," (a sentence or a label).
    if (end - start >= 8 && end - start <= MAX_HEADLINE_LINE && last !== 46 && last !== 58 && last !== 59 && last !== 44 && ++found >= MIN_ITEMS) return true;
    start = end + 1;
  }
  return false;
}

/** A line of running text: long enough, and ending as a sentence does. */
function isProse(line: string): boolean {
  const text = line.trim();
  return wordCount(text) >= 8 && /[.!?…]["'”’)]*$/u.test(text);
}

/**
 * The items of a digest, in order, or null when the text is not one: at least three headed items of a paragraph or a
 * few, about different things (`MAX_SHARED`), holding most of its words. Lines are the text's, from 1. `headingText`
 * gives the text a line would head an item with, or null for a line that heads none (an HTML e-mail's text: only its
 * headings, html-digest.ts). A link `roundup` (html-digest.ts: each headline a link over its outlet's name) needs one
 * item and no difference between them: its form says each is a story of its own, and an alert's results all name the
 * words it watches for (three outlets' reports of one event are three articles, which dedupe makes one story).
 */
export function digestItems(text: string, headingText: (line: string) => string | null = markedText, roundup = false): DigestItem[] | null {
  // Most files have no three lines that could be headlines: a scan of their line ends says so (a full year's first
  // build reads 100,000 files).
  if (!enoughShortLines(text)) return null;
  const lines = text.split('\n');
  const items: { headline: string; start: number; body: string[]; end: number }[] = [];
  let open: (typeof items)[number] | null = null;
  for (const [i, line] of lines.entries()) {
    const lineNo = i + 1;
    const headline = headlineOf(headingText(line));
    // A headline opens an item when prose follows it (on the next line, or after one blank line).
    const next = lines.slice(i + 1, i + 3).find((l) => l.trim() !== '');
    if (headline && next !== undefined && isProse(next)) {
      open = { headline, start: lineNo, body: [], end: lineNo };
      items.push(open);
      continue;
    }
    if (!open) continue;
    if (line.trim() === '') continue;
    // The item's text: prose lines. A line that is none (a sign-off's link, a box's label) ends it.
    if (isProse(line)) {
      open.body.push(line.trim());
      open.end = lineNo;
    } else open = null;
  }
  // A headline over a line or two that are no item's text (the newsletter's title over its greeting) heads no item.
  const found = items
    .map(({ headline, start, end, body }) => {
      const text = body.join('\n\n');
      return { item: { headline, start, end, text }, size: wordCount(text) };
    })
    .filter(({ size }) => size >= MIN_ITEM_WORDS);
  if (found.length < (roundup ? 1 : MIN_ITEMS)) return null;
  // A long section is an article's, under its subheading.
  if (found.some(({ size }) => size > MAX_ITEM_WORDS)) return null;
  if (found.reduce((sum, { size }) => sum + size, 0) + found.length * 3 < wordCount(text) * (roundup ? MIN_ROUNDUP_SHARE : MIN_ITEMS_SHARE)) return null;
  if (roundup) return found.map(({ item }) => item);
  // How many items use each content word: a word of one item that another uses too is shared.
  const words = found.map(({ item }) => new Set(contentWords(`${item.headline} ${item.text}`)));
  const itemsUsing = new Map<string, number>();
  for (const own of words) for (const word of own) itemsUsing.set(word, (itemsUsing.get(word) ?? 0) + 1);
  for (const own of words) {
    const shared = [...own].filter((word) => itemsUsing.get(word)! > 1).length;
    if (own.size === 0 || shared / own.size > MAX_SHARED) return null;
  }
  return found.map(({ item }) => item);
}

/** The items of a digest sent as an HTML e-mail (html-digest.ts), or null when it is not one. */
export function htmlDigestItems(html: string): HtmlDigestItem[] | null {
  const email = emailText(html);
  const items = email && digestItems(email.text, headingText, email.roundup);
  return items ? items.map(email!.itemOf) : null;
}

/**
 * A stated plain-text or Markdown article, or a message's HTML (`message`: an e-mail's or a feed item's), split into its
 * digest's items (`digestItems`), or the article alone. Each item keeps the file's day, author and publisher, is titled
 * by its headline, and its raw text stands on the lines it has in the file (blank lines before it), so the clean
 * stage's messages name the file's own lines.
 */
export function splitDigest(article: StatedArticle, message: boolean): { articles: StatedArticle[]; items: DigestItem[] | null } {
  // A message's HTML: its items' own HTML, each linked to its story where its headline is (html-digest.ts). A web
  // page's sections are no digest's items (and reading every page's blocks twice would cost what clean does).
  if (article.format === 'html' && message) {
    const items = htmlDigestItems(article.raw);
    if (!items) return { articles: [article], items: null };
    const articles = items.map((item, i) => ({ ...article, id: `${article.id}#${i + 1}`, title: item.headline, raw: item.html, url: item.link ?? article.url ?? null, publisher: item.source ?? article.publisher ?? null }));
    return { articles, items };
  }
  if (article.format !== 'txt' && article.format !== 'md') return { articles: [article], items: null };
  const items = digestItems(article.raw);
  if (!items) return { articles: [article], items: null };
  const lines = article.raw.split('\n');
  const articles = items.map((item, i) => ({
    ...article,
    id: `${article.id}#${i + 1}`,
    title: item.headline,
    raw: `${'\n'.repeat(item.start - 1)}${lines.slice(item.start - 1, item.end).join('\n')}\n`,
  }));
  return { articles, items };
}

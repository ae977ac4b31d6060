/**
 * Main-content extraction from an HTML page: parse (unified + rehype-parse),
 * measure and score every block in one pass, pick the article and prune its
 * furniture in a second, sanitize (rehype-sanitize) and read typed
 * paragraphs from what is left, and read the page's metadata. See README.md.
 */
import type { Article, Paragraph, Removal } from '../../types.ts';
import { analyse } from './analyse.ts';
import { resolveMetadata, structuredBody } from './metadata.ts';
import { sanitizeArticle, toParagraphs } from './paragraphs.ts';
import { parseHtml } from '../../common/html-parse.ts';
import { comparableText } from '../text/structure.ts';
import { wordCount } from '../../common/text.ts';
import { pruneAndReport, selectContainers } from './select.ts';
import { KICKER_REASON } from './hints.ts';
import { COMMENTARY_LABEL, DOCUMENT_TYPE, labelledTitle } from '../title-line.ts';
import { commentaryKind } from '../../common/commentary.ts';

/** Metadata found in an HTML page (JSON-LD, OpenGraph, meta tags, <time>, URL, text). */
export type HtmlMetadata = Pick<Article, 'title' | 'date' | 'dateSource' | 'author' | 'publisher' | 'url' | 'language'>;

export interface HtmlExtraction {
  paragraphs: Paragraph[];
  removed: Removal[];
  metadata: HtmlMetadata;
  /** Problems with the page itself (malformed, empty, too deep…), each a warning. */
  warnings: { ruleId: string; reason: string; line?: number }[];
}

export interface HtmlExtractOptions {
  /** Timezone for turning timestamps into days. */
  timeZone: string;
  /** The page's URL if known from elsewhere (feeds, records). */
  url?: string | null;
}

export function extractHtml(html: string, options: HtmlExtractOptions): HtmlExtraction {
  const { tree, warnings } = parseHtml(html);
  const analysis = analyse(tree);
  const selection = selectContainers(analysis);
  const { root, removed } = pruneAndReport(tree, analysis, selection);
  let paragraphs = toParagraphs(sanitizeArticle(root));
  const stated = statedParagraphs(structuredBody(analysis.meta));
  const bodyWords = stated === null ? 0 : words(paragraphs);
  const statedWords = stated === null ? 0 : words(stated);
  const fromStructuredData = stated !== null && bodyWords < STATED_BODY_SHARE * statedWords;
  if (fromStructuredData) {
    // The body holds a teaser, or nothing its scripts have not yet written: the article is the one its structured data states.
    const reason = `the page's body holds ${bodyWords} words of the article its structured data (JSON-LD articleBody) states in ${statedWords}; that text is read instead`;
    for (const paragraph of paragraphs) removed.push({ ruleId: 'clean/html-structured-body', reason, text: paragraph.text });
    paragraphs = stated;
  }

  // A kicker no class names: a line right over the headline that says what kind of document the page is ("Report",
  // "Consultation outcome") or labels commentary ("Opinion"), as the kicker hint's would (hints.ts).
  if (paragraphs[1]?.type === 'heading' && paragraphs[0]!.type !== 'heading' && isKickerLine(paragraphs[0]!.text)) {
    removed.push({ ruleId: 'clean/header', reason: `${KICKER_REASON} (a label of the page's kind, right over it)`, text: paragraphs[0]!.text });
    paragraphs = paragraphs.slice(1);
  }

  const firstHeading = paragraphs.find((p) => p.type === 'heading')?.text ?? null;
  // The article's own headline, when the body starts with it (a kicker line may come first); a subheading further down is not.
  const leadHeading = paragraphs.slice(0, 2).find((p) => p.type === 'heading')?.text ?? null;
  const metadata = resolveMetadata({
    raw: analysis.meta,
    text: paragraphs.map((p) => p.text).join('\n'),
    heading: firstHeading,
    leadHeading,
    timeZone: options.timeZone,
    url: options.url,
  });
  // A kicker of commentary over the headline ("Opinion", class "kicker"/"eyebrow") labels the title, as plain text's label
  // line does: readers and dedupe then know the piece for commentary (common/commentary.ts reads the title's label).
  const kicker = removed.find((r) => r.reason.startsWith(KICKER_REASON))?.text.trim();
  if (kicker && metadata.title && COMMENTARY_LABEL.test(kicker) && commentaryKind({ title: metadata.title, url: null }) === null) metadata.title = labelledTitle(kicker, metadata.title);
  // The headline is metadata; repeating it as the body's first line would print it twice.
  if (metadata.title) {
    const title = comparableText(metadata.title);
    const index = paragraphs.findIndex((p) => p.type === 'heading' && comparableText(p.text) === title);
    if (index >= 0 && index <= 3) paragraphs = paragraphs.filter((_, i) => i !== index);
  }

  if (fromStructuredData) {
    // The article is the structured data's: what the body lacked is no problem of the page.
  } else if (analysis.totalText === 0 && paragraphs.length === 0) {
    warnings.push({ ruleId: 'clean/html-empty', reason: 'the page has no text in its body' });
  } else if (paragraphs.length === 0) {
    warnings.push({ ruleId: 'clean/html-no-article', reason: 'no main content found: every block looked like navigation or furniture' });
  } else if (!selection.top) {
    warnings.push({ ruleId: 'clean/html-no-article', reason: 'no block long enough to score as an article; kept the whole body' });
  }
  return { paragraphs, removed, metadata, warnings };
}

/** A body shorter than this share of the article the structured data states is not the article (`statedParagraphs`). */
const STATED_BODY_SHARE = 0.5;
/** Fewer words than this in `articleBody` is a description, not an article. */
const MIN_STATED_WORDS = 30;

/**
 * The paragraphs of a JSON-LD `articleBody`: HTML in some CMSs, plain text with line breaks in others
 * (each line a paragraph), read through the same parser and sanitizer as the page (entities decoded,
 * scripts dropped). Null when it is missing or too short to be the article.
 */
function statedParagraphs(body: string | null): Paragraph[] | null {
  if (body === null || wordCount(body) < MIN_STATED_WORDS) return null;
  const html = /<\/?[a-z][a-z0-9]*\b[^>]*>/i.test(body)
    ? body
    : body
        .split(/\r?\n/)
        .filter((line) => line.trim())
        .map((line) => `<p>${line}</p>`)
        .join('');
  const paragraphs = toParagraphs(sanitizeArticle(parseHtml(html).tree));
  return paragraphs.length > 0 ? paragraphs : null;
}

function words(paragraphs: readonly Paragraph[]): number {
  let n = 0;
  for (const paragraph of paragraphs) n += wordCount(paragraph.text);
  return n;
}

/** A kicker's line: the page's kind or a commentary label, alone. */
function isKickerLine(text: string): boolean {
  const line = text.trim();
  return DOCUMENT_TYPE.test(line) || COMMENTARY_LABEL.test(line);
}

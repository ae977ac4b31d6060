/**
 * Main-content extraction from an HTML page: parse (unified + rehype-parse),
 * measure and score every block in one pass, pick the article and prune its
 * furniture in a second, sanitize (rehype-sanitize) and read typed
 * paragraphs from what is left, and read the page's metadata. See README.md.
 */
import type { Article, Paragraph, Removal } from '../../types.ts';
import { analyse } from './analyse.ts';
import { resolveMetadata } from './metadata.ts';
import { sanitizeArticle, toParagraphs } from './paragraphs.ts';
import { parseHtml } from './parse.ts';
import { comparableText } from '../text/structure.ts';
import { pruneAndReport, selectContainers } from './select.ts';

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
  // The headline is metadata; repeating it as the body's first line would print it twice.
  if (metadata.title) {
    const title = comparableText(metadata.title);
    const index = paragraphs.findIndex((p) => p.type === 'heading' && comparableText(p.text) === title);
    if (index >= 0 && index <= 3) paragraphs = paragraphs.filter((_, i) => i !== index);
  }

  if (analysis.totalText === 0 && paragraphs.length === 0) {
    warnings.push({ ruleId: 'clean/html-empty', reason: 'the page has no text in its body' });
  } else if (paragraphs.length === 0) {
    warnings.push({ ruleId: 'clean/html-no-article', reason: 'no main content found: every block looked like navigation or furniture' });
  } else if (!selection.top) {
    warnings.push({ ruleId: 'clean/html-no-article', reason: 'no block long enough to score as an article; kept the whole body' });
  }
  return { paragraphs, removed, metadata, warnings };
}

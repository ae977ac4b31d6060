import type { DateSource, Paragraph, Removal } from '../../types.ts';

/** Metadata found in an HTML page (JSON-LD, OpenGraph, meta tags, <time>, URL, text). */
export interface HtmlMetadata {
  title: string | null;
  date: string | null;
  dateSource: DateSource | null;
  author: string | null;
  publisher: string | null;
  url: string | null;
  language: string | null;
}

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

/**
 * Main-content extraction from an HTML page. PLACEHOLDER — issue #4 replaces
 * it with rehype parsing, block scoring and metadata extraction.
 */
export function extractHtml(html: string, _options: HtmlExtractOptions): HtmlExtraction {
  const text = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    paragraphs: text.map((t) => ({ type: 'paragraph', text: t })),
    removed: [],
    metadata: { title: null, date: null, dateSource: null, author: null, publisher: null, url: null, language: null },
    warnings: [],
  };
}

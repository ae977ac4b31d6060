import type { StageContext } from '../common/context.ts';
import type { Article, Paragraph, Removal } from '../types.ts';
import { contentWords } from '../common/text.ts';
import { splitGlued, splitGluedBothEnds } from './furniture/glued.ts';
import { isCreditLine } from './furniture/lexicon.ts';
import { articleVocabulary, contextSignals, isReporting, specificEvidence, textEvidence, topicalSignals, type Signal } from './furniture/score.ts';
import { withoutCitationMarks } from './text/citations.ts';
import { withoutThreadMarks } from './text/thread-marks.ts';
import { extractHtml, type HtmlExtractOptions, type HtmlExtraction } from './html/index.ts';
import { markdownToParagraphs } from './markdown.ts';
import { textToParagraphs } from './text/paragraphs.ts';
import { wordCount } from '../common/text.ts';
import { repeatKey } from './repetition.ts';

/** A paragraph with the evidence about it. Removal is decided later, over the whole collection. */
export interface AnalysedParagraph extends Paragraph {
  signals: Signal[];
  /**
   * What repetition across articles compares (`repeatKey()` of the text; '' when it has no
   * letters or digits) and the paragraph's word count: worked out here, once per article and
   * cached, because the collection pass needs them for every article on every build.
   */
  repeatKey: string;
  words: number;
  /** The editor marked it to keep in the article itself (Markdown comment). */
  keep?: true;
}

export type ArticleMetadata = Pick<Article, 'title' | 'date' | 'dateSource' | 'author' | 'publisher' | 'url' | 'language'>;

/**
 * Everything per-article the clean stage works out — the cached part. It holds
 * evidence, not decisions: whether a paragraph goes also depends on the other
 * articles (repetition) and is decided in `decide.ts` on every run.
 * JSON-safe (no `undefined` values) so a cached copy is identical to a fresh one.
 */
export interface ArticleAnalysis {
  paragraphs: AnalysedParagraph[];
  /** Removals already made while finding the main content of an HTML page. */
  extracted: Removal[];
  /** Metadata found in the body (HTML pages), for fields the input left empty. */
  metadata: Partial<ArticleMetadata>;
  /** Problems with the input itself, reported as warnings. */
  warnings: { ruleId: string; reason: string; line?: number }[];
  /** The editor asked to keep the whole article as written. */
  keepAll: boolean;
  /** Distinct content words of all its paragraphs: what tells copies of one story apart from an outlet's furniture (repetition.ts). */
  contentWords: string[];
  /**
   * Its paragraphs were split from plain text (a `.txt` file, a record's or feed item's text, Markdown
   * that failed to parse): a "heading" there is only a short line's guess, not markup.
   */
  plainText: boolean;
}

const LOOKS_LIKE_HTML = /<(p|div|article|section|br|h[1-6]|html|body|span|a|ul|li|table|blockquote|figure)\b[^>]*>/i;

/** The HTML extractor's signature (a parameter so the glue around it can be tested on its own). */
export type HtmlExtractor = (html: string, options: HtmlExtractOptions) => HtmlExtraction;

export function analyseArticle(article: Article, ctx: StageContext, extract: HtmlExtractor = extractHtml): ArticleAnalysis {
  const analysis: ArticleAnalysis = { paragraphs: [], extracted: [], metadata: {}, warnings: [], keepAll: false, contentWords: [], plainText: false };
  let paragraphs: Paragraph[];
  const keepIndexes = new Set<number>();
  const asHtml = article.format === 'html' || ((article.format === 'feed' || article.format === 'json') && LOOKS_LIKE_HTML.test(article.raw));
  if (asHtml) {
    paragraphs = safeExtract(article, ctx, analysis, extract);
  } else if (article.format === 'md') {
    try {
      const md = markdownToParagraphs(article.raw);
      paragraphs = md.paragraphs;
      md.keep.forEach((i) => keepIndexes.add(i));
      analysis.keepAll = md.keepAll;
      for (const tag of md.templateTags) analysis.extracted.push({ ruleId: 'clean/template-tag', reason: "a site generator's template tag: the page puts a widget or a box there, the Markdown only the instruction", ...tag });
    } catch (error) {
      // The Markdown parser recurses: pathological nesting (thousands of `>`) overflows the stack.
      analysis.warnings.push({ ruleId: 'clean/markdown-failed', reason: `could not parse the Markdown (${(error as Error).message}); read as plain text` });
      paragraphs = textToParagraphs(article.raw);
      analysis.plainText = true;
    }
  } else {
    paragraphs = textToParagraphs(article.raw);
    analysis.plainText = true;
  }

  // Records and feed items are one line of their file: every paragraph points there.
  const recordLine = article.origin.line;
  if (recordLine !== undefined) paragraphs = paragraphs.map((p) => ({ ...p, line: recordLine }));

  // Citation marks glued to the text ("… in 2028.[3]"): a note's pointer the text does not keep (text/citations.ts).
  // Marks taken out of a paragraph's text are its removals, with its line: nothing goes silently.
  const withoutMarks = (p: Paragraph, text: string, marks: readonly string[], ruleId: string, reason: string): Paragraph => {
    if (marks.length === 0) return p;
    analysis.extracted.push({ ruleId, reason, text: marks.join(' '), ...(p.line === undefined ? {} : { line: p.line }) });
    return { ...p, text };
  };
  paragraphs = paragraphs.map((p) => {
    const { text, marks } = withoutCitationMarks(p.text);
    return withoutMarks(p, text, marks, 'clean/citation-mark', 'citation marks glued to the text: pointers to notes the text does not keep');
  });
  // A social thread's position marks ("… 1/6", "2/ …"): its posts' places, not their words (text/thread-marks.ts).
  const thread = withoutThreadMarks(paragraphs.map((p) => p.text));
  paragraphs = paragraphs.map((p, i) => withoutMarks(p, thread.texts[i]!, thread.marks[i]!, 'clean/thread-mark', "a social thread's position marks: each post's place in the thread, not its words"));
  paragraphs = splitGluedEdges(paragraphs, ctx.config.clean.threshold, keepIndexes);
  if (analysis.plainText) paragraphs = splitGluedByline(paragraphs, keepIndexes);
  paragraphs = splitBylineLines(paragraphs, keepIndexes);

  // The story's vocabulary comes from paragraphs with no furniture evidence, so a
  // promo does not look "connected" because the banner above uses the same words —
  // and from reports using furniture's topical words: when the story is about
  // subscribers or sign-ups, leaving them out would leave the story no vocabulary.
  const evidence = paragraphs.map((p) => textEvidence(p.text, article.publisher));
  const words = paragraphs.map((p) => contentWords(p.text));
  const story = paragraphs.map((_, i) => i).filter((i) => specificEvidence(evidence[i]!) < 1 || isReporting(evidence[i]!));
  const vocabulary = articleVocabulary(
    story.map((i) => paragraphs[i]!.text),
    story.map((i) => words[i]!),
  );
  analysis.paragraphs = paragraphs.map((p, index) => {
    const analysed: AnalysedParagraph = {
      ...p,
      signals: [
        ...evidence[index]!,
        ...contextSignals(p.text, index, paragraphs.length, vocabulary, words[index], isReporting(evidence[index]!), index === 0 && p.type === 'heading'),
        ...topicalSignals(evidence[index]!, p.text, paragraphs.length, vocabulary),
      ],
      repeatKey: repeatKey(p.text),
      words: wordCount(p.text),
    };
    if (keepIndexes.has(index)) analysed.keep = true;
    return analysed;
  });
  analysis.contentWords = [...new Set(words.flat())];
  return analysis;
}

/** The HTML engineer's extractor must never take the run down: a throw is a warning and an empty article. */
function safeExtract(article: Article, ctx: StageContext, analysis: ArticleAnalysis, extract: HtmlExtractor): Paragraph[] {
  try {
    const extraction = extract(article.raw, { timeZone: ctx.config.timezone, url: article.url });
    analysis.extracted = extraction.removed.map((r) => withoutUndefined(r));
    analysis.warnings = extraction.warnings.map((w) => withoutUndefined(w));
    const metadata: Partial<ArticleMetadata> = {};
    for (const [key, value] of Object.entries(extraction.metadata) as [keyof ArticleMetadata, string | null][]) {
      if (value !== null && value !== undefined) (metadata as Record<string, string>)[key] = value;
    }
    analysis.metadata = metadata;
    return extraction.paragraphs.map((p) => withoutUndefined(p));
  } catch (error) {
    analysis.warnings.push({ ruleId: 'clean/html-failed', reason: `could not extract the article from this page: ${(error as Error).message}` });
    return [];
  }
}

/** A paragraph was inserted at `position`: editor marks point at the original indexes, so those from there on move by one. */
function insertedAt(keepIndexes: Set<number>, position: number): void {
  const shifted = [...keepIndexes].map((k) => (k >= position ? k + 1 : k));
  keepIndexes.clear();
  shifted.forEach((k) => keepIndexes.add(k));
}

/** Splits a banner glued to the first paragraph, or a sign-up line glued to the last, into its own paragraph. */
function splitGluedEdges(paragraphs: Paragraph[], threshold: number, keepIndexes: Set<number>): Paragraph[] {
  if (paragraphs.length === 0) return paragraphs;
  const out = [...paragraphs];
  const at = (p: Paragraph, text: string): Paragraph => ({ ...p, type: 'paragraph', text });
  const last = out[out.length - 1]!;
  if (last.type === 'paragraph' && !keepIndexes.has(out.length - 1)) {
    const split = splitGlued(last.text, 'end', threshold);
    // A live blog's first entry is its last paragraph, and may hold furniture at both ends ("Good morning and
    // welcome to our live coverage of … [the news] … We'll bring you all the latest updates.").
    const both = split ? null : out.length > 1 ? splitGluedBothEnds(last.text, threshold) : null;
    if (split) out.splice(out.length - 1, 1, at(last, split.rest), at(last, split.furniture));
    else if (both) out.splice(out.length - 1, 1, at(last, both.start), at(last, both.rest), at(last, both.end));
  }
  const first = out[0]!;
  if (first.type === 'paragraph' && !keepIndexes.has(0)) {
    const split = splitGlued(first.text, 'start', threshold);
    if (split) {
      out.splice(0, 1, at(first, split.furniture), at(first, split.rest));
      insertedAt(keepIndexes, 0);
    }
  }
  return out;
}

/**
 * A byline glued to the title line of a scrape ("Library to open on SundaysBy Leanne Fairweather,
 * Local Democracy Reporter10 June 2025"): a lower-case letter or a digit runs straight into "By" and a
 * capital. Split there (in the first two paragraphs, lines with no sentence end), the byline is a line of
 * its own and goes as one; the title stays the title.
 */
const GLUED_BYLINE = /^(.{8,}?[\p{Ll}\p{N}'’”)])(By\s+\p{Lu}[^.!?]{2,120})$/u;

function splitGluedByline(paragraphs: Paragraph[], keepIndexes: Set<number>): Paragraph[] {
  for (let i = 0; i < Math.min(2, paragraphs.length); i++) {
    const p = paragraphs[i]!;
    if (keepIndexes.has(i) || p.type === 'list' || p.type === 'table' || p.text.includes('\n')) continue;
    const m = GLUED_BYLINE.exec(p.text.trim());
    if (!m) continue;
    const out = [...paragraphs];
    out.splice(i, 1, { ...p, text: m[1]!.trim() }, { ...p, type: 'paragraph', text: m[2]!.trim() });
    insertedAt(keepIndexes, i + 1);
    return out;
  }
  return paragraphs;
}

/**
 * A byline or time stamp kept on a line of a paragraph (a page's "<b>Headline</b><br>Tuesday, 10 June 2025 · by
 * Colin Marsh"): split off as a paragraph of its own, so it goes as a byline and the lines around it
 * stay. Paragraphs an editor marked to keep are left whole.
 */
function splitBylineLines(paragraphs: Paragraph[], keepIndexes: Set<number>): Paragraph[] {
  if (keepIndexes.size > 0 || !paragraphs.some((p) => p.type === 'paragraph' && p.text.includes('\n'))) return paragraphs;
  return paragraphs.flatMap((p) => {
    if (p.type !== 'paragraph' || !p.text.includes('\n')) return [p];
    const lines = p.text.split('\n');
    const at = lines.findIndex(isCreditLine);
    if (at < 0) return [p];
    return [lines.slice(0, at), [lines[at]!], lines.slice(at + 1)].filter((part) => part.join('').trim()).map((part) => ({ ...p, text: part.join('\n').trim() }));
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

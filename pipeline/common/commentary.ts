/**
 * Whether an article presents itself as commentary on the news — an opinion column, an analysis,
 * an editorial — rather than a report of it, by the label on its title or the section of the site
 * its address is in. Dedupe clusters commentary apart from the news and never lets it lead a story
 * (dedupe/merge-rule.ts, dedupe/stories.ts); render says what kind of piece a source is.
 *
 * A label, not a word: "Opinion poll puts Labour ahead" and "/business/analysis-of-rates" are news.
 */
import type { Article } from '../types.ts';

/** What a reader is told a piece of commentary is. */
export type CommentaryKind = 'opinion' | 'analysis' | 'comment' | 'editorial' | 'column' | 'letters';

/** Each label (of a title, or a section of an address, plurals and spellings folded) and its kind. */
const KIND_OF: Record<string, CommentaryKind> = {
  opinion: 'opinion',
  opinions: 'opinion',
  'op-ed': 'opinion',
  'op-eds': 'opinion',
  oped: 'opinion',
  opeds: 'opinion',
  view: 'opinion',
  viewpoint: 'opinion',
  viewpoints: 'opinion',
  perspective: 'opinion',
  perspectives: 'opinion',
  analysis: 'analysis',
  comment: 'comment',
  commentary: 'comment',
  commentisfree: 'comment',
  editorial: 'editorial',
  editorials: 'editorial',
  column: 'column',
  columns: 'column',
  columnist: 'column',
  columnists: 'column',
  letter: 'letters',
  letters: 'letters',
};

/** A title's label: "Analysis: …", "Opinion | …", "COMMENT: …", "Editorial – …", "Letters to the editor: …". */
const TITLE_LABEL = /^\s*(analysis|opinion|comment|commentary|editorial|column|op-ed|viewpoint|view|perspective|letters?)(?: to the editor)?\s*[:|–—-]\s*\S/i;
/** The sections commentary lives under: "/opinion/", "/commentisfree/", "/analysis/", "/op-ed/". */
const SECTIONS = 'opinions?|comment|commentisfree|commentary|analysis|editorials?|columns?|columnists?|op-?eds?|viewpoints?|perspectives?|letters';
/** A URL path with a section of commentary in it. */
const SECTION_PATH = new RegExp(`/(${SECTIONS})(?:/|$)`, 'i');
/** The same words between any slashes of an address, backslashes too (as `URL` reads them): what its path must hold. */
const SECTION_ANYWHERE = new RegExp(`[/\\\\](?:${SECTIONS})(?:[/\\\\?#]|$)`, 'i');

/** The kind of commentary an article is labelled as by its title, else by its address; null for news. */
export function commentaryKind(article: Pick<Article, 'title' | 'url'>): CommentaryKind | null {
  const label = article.title ? TITLE_LABEL.exec(article.title) : null;
  if (label) return KIND_OF[label[1]!.toLowerCase()]!;
  // Asked of every article of a run (dedupe's story rule): an address without the words anywhere
  // is not parsed (a year's 100,000 addresses: 30–180 ms parsed, measured).
  if (!article.url || !SECTION_ANYWHERE.test(article.url)) return null;
  try {
    const section = SECTION_PATH.exec(new URL(article.url).pathname);
    return section ? KIND_OF[section[1]!.toLowerCase()]! : null;
  } catch {
    return null;
  }
}

/** Whether an article presents itself as commentary on the news (an opinion column, an analysis, an editorial). */
export function isCommentary(article: Pick<Article, 'title' | 'url'>): boolean {
  return commentaryKind(article) !== null;
}

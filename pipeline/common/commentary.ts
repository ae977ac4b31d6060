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
  // The languages clean reads (French, German, Spanish, Italian, Portuguese, Dutch): their outlets'
  // labels and sections ("Meinung:", "Tribune :", "/opinioni/", "/idees/": Le Monde's opinion pages).
  meinung: 'opinion',
  standpunkt: 'opinion',
  gastbeitrag: 'opinion',
  gastbeitraege: 'opinion',
  tribune: 'opinion',
  tribunes: 'opinion',
  idees: 'opinion',
  'point de vue': 'opinion',
  opinión: 'opinion',
  opiniones: 'opinion',
  tribuna: 'opinion',
  'punto de vista': 'opinion',
  opinione: 'opinion',
  opinioni: 'opinion',
  'punto di vista': 'opinion',
  opinião: 'opinion',
  opiniao: 'opinion',
  'ponto de vista': 'opinion',
  opinie: 'opinion',
  analyse: 'analysis',
  análisis: 'analysis',
  analisis: 'analysis',
  analisi: 'analysis',
  análise: 'analysis',
  analise: 'analysis',
  kommentar: 'comment',
  kommentare: 'comment',
  commentaire: 'comment',
  comentario: 'comment',
  commento: 'comment',
  commenti: 'comment',
  comentário: 'comment',
  commentaar: 'comment',
  leitartikel: 'editorial',
  éditorial: 'editorial',
  édito: 'editorial',
  editoriaux: 'editorial',
  editoriales: 'editorial',
  editoriale: 'editorial',
  editoriali: 'editorial',
  hoofdredactioneel: 'editorial',
  kolumne: 'column',
  kolumnen: 'column',
  chronique: 'column',
  chroniques: 'column',
  columna: 'column',
  columnas: 'column',
  rubrica: 'column',
  coluna: 'column',
  leserbriefe: 'letters',
  'courrier des lecteurs': 'letters',
  'cartas al director': 'letters',
  'lettere al direttore': 'letters',
  'cartas ao diretor': 'letters',
  'ingezonden brieven': 'letters',
};

/**
 * The labels a title may start with, longest first (a regular expression's alternation takes the first that matches).
 * Not every section word: "View:", "Letter:" and "Kommentare:" are no titles' labels, "Analyse:" and "Tribune :" are.
 */
const TITLE_LABELS = [
  'analysis', 'opinion', 'comment', 'commentary', 'editorial', 'column', 'op-ed', 'viewpoint', 'view', 'perspective', 'letters?(?: to the editor)?',
  'meinung', 'standpunkt', 'gastbeitrag', 'kommentar', 'leitartikel', 'kolumne', 'analyse', 'leserbriefe',
  'tribune', 'point de vue', 'commentaire', 'éditorial', 'édito', 'chronique', 'courrier des lecteurs',
  'opinión', 'tribuna', 'punto de vista', 'comentario', 'columna', 'análisis', 'cartas al director',
  'opinione', 'punto di vista', 'commento', 'editoriale', 'rubrica', 'analisi', 'lettere al direttore',
  'opinião', 'ponto de vista', 'comentário', 'coluna', 'análise', 'cartas ao diretor',
  'opinie', 'commentaar', 'hoofdredactioneel', 'ingezonden brieven',
].sort((a, b) => b.length - a.length);

/**
 * A title's label: "Analysis: …", "Opinion | …", "COMMENT: …", "Editorial – …", "Letters to the editor: …",
 * "Meinung: …", "Tribune : …" (French sets a space before the colon), "Opinión | …".
 */
const TITLE_LABEL = new RegExp(`^\\s*(${TITLE_LABELS.join('|')})\\s*[:|–—-]\\s*\\S`, 'iu');

/** A line that is a label alone, as a kicker over the headline prints it ("Opinion", "Meinung", "Point de vue"): clean reads it into the title. */
export const COMMENTARY_LABEL = new RegExp(`^(${TITLE_LABELS.filter((label) => label !== 'view' && !label.startsWith('letters')).join('|')})$`, 'iu');

/** The sections commentary lives under: "/opinion/", "/commentisfree/", "/analysis/", "/op-ed/", "/meinung/", "/opinioni/". */
const SECTIONS =
  'opinions?|comment|commentisfree|commentary|analysis|editorials?|columns?|columnists?|op-?eds?|viewpoints?|perspectives?|letters|' +
  'meinung|standpunkt|gastbeitraege|gastbeitrag|kommentare?|leitartikel|kolumnen?|leserbriefe|tribunes?|idees|editoriaux|chroniques?|' +
  'opiniones|tribuna|editoriales|columnas|opinioni|commenti|editoriali|opiniao|opinie|commentaar|analyse|analisis|analisi|analise';
/** A URL path with a section of commentary in it. */
const SECTION_PATH = new RegExp(`/(${SECTIONS})(?:/|$)`, 'i');
/** The same words between any slashes of an address, backslashes too (as `URL` reads them): what its path must hold. */
const SECTION_ANYWHERE = new RegExp(`[/\\\\](?:${SECTIONS})(?:[/\\\\?#]|$)`, 'i');

/** The kind of commentary an article is labelled as by its title, else by its address; null for news. */
export function commentaryKind(article: Pick<Article, 'title' | 'url'>): CommentaryKind | null {
  const label = article.title ? TITLE_LABEL.exec(article.title) : null;
  if (label) return KIND_OF[label[1]!.toLowerCase().replace(/^letters? to the editor$/, 'letters')]!;
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

import { sha256 } from '../common/hash.ts';
import type { Article, DateSource, InputFormat, Origin } from '../types.ts';

/** The fields a format reader states about an article; the rest is filled by later stages. */
export interface StatedArticle {
  id: string;
  origin: Origin;
  format: InputFormat;
  raw: string;
  title?: string | null;
  date?: string | null;
  dateSource?: DateSource | null;
  author?: string | null;
  publisher?: string | null;
  url?: string | null;
  language?: string | null;
}

/** Builds an `Article` whose `hash` covers everything per-article work depends on. */
export function makeArticle(stated: StatedArticle): Article {
  const article: Article = {
    id: stated.id,
    origin: stated.origin,
    format: stated.format,
    raw: stated.raw,
    hash: '',
    title: stated.title ?? null,
    date: stated.date ?? null,
    dateSource: stated.date ? (stated.dateSource ?? null) : null,
    author: stated.author ?? null,
    publisher: stated.publisher ?? null,
    url: stated.url ?? null,
    language: stated.language ?? null,
    paragraphs: [],
    text: '',
    removed: [],
  };
  article.hash = sha256(
    article.id,
    article.format,
    article.raw,
    JSON.stringify([article.title, article.date, article.dateSource, article.author, article.publisher, article.url, article.language]),
  );
  return article;
}

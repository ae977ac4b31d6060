/**
 * What the dedupe stage computes once per article: its normalised text key,
 * word shingles and MinHash signature (duplicates), content words and names
 * (story similarity), quotations (common origin) and any date its text states.
 */
import { sha256 } from '../common/hash.ts';
import { contentWords, STOP_WORDS, tokenize } from '../common/text.ts';
import type { Article } from '../types.ts';
import type { DedupeConfig } from './config.ts';
import { extractNames } from './entities.ts';
import { hashString, minhashSignature, shingleSet } from './minhash.ts';
import { quotations, quoteWindows } from './origin.ts';
import { dateFromText, type TextDate } from './text-dates.ts';

export interface ArticleFeatures {
  index: number;
  article: Article;
  /** sha256 of the normalised text (lower case, words only): equal for exact duplicates. */
  contentKey: string;
  /** Word count of the cleaned text: how complete the article is. */
  words: number;
  shingles: Uint32Array;
  signature: Uint32Array | null;
  /** Content words with counts, title included. */
  terms: Map<string, number>;
  /** Name words ("kallas") and full names ("kaja kallas") with counts. */
  names: Map<string, number>;
  quoteWindows: Uint32Array;
  textDate: TextDate | null;
}

const tokenHashes = new Map<string, number>();
/** Token hashes are memoised: news vocabulary repeats, hashing each occurrence again is most of the shingling cost. */
function tokenHash(token: string): number {
  let h = tokenHashes.get(token);
  if (h === undefined) {
    h = hashString(token);
    if (tokenHashes.size < 2_000_000) tokenHashes.set(token, h);
  }
  return h;
}

/**
 * `nameLabels` collects the display form of each name key ("kallas" → "Kallas")
 * for messages, shared by all articles of a run (the first spelling seen wins).
 */
export function articleFeatures(article: Article, index: number, config: DedupeConfig, nameLabels: Map<string, string> = new Map()): ArticleFeatures {
  const text = article.text || article.paragraphs.map((p) => p.text).join('\n\n');
  const tokens = tokenize(text);
  const shingles = shingleSet(tokens, config.shingleSize, tokenHash);
  const terms = new Map<string, number>();
  // contentWords() of title + text, without tokenizing the text twice.
  const words = [...contentWords(article.title ?? ''), ...tokens.filter(isContentWord)];
  // News puts the event first (title, lead): its words count twice.
  words.forEach((word, i) => terms.set(word, (terms.get(word) ?? 0) + (i < config.leadWords ? 2 : 1)));
  const names = new Map<string, number>();
  for (const name of extractNames(text)) {
    const keys = name.words.length > 1 ? [...name.words, name.words.join(' ')] : name.words;
    for (const key of keys) names.set(key, (names.get(key) ?? 0) + 1);
    if (name.words.length > 1 && !nameLabels.has(name.words.join(' '))) nameLabels.set(name.words.join(' '), name.text);
    for (const [i, w] of name.words.entries()) if (!nameLabels.has(w)) nameLabels.set(w, name.text.split(/\s+/).filter((x) => x.length > 1)[i] ?? w);
  }
  return {
    index,
    article,
    contentKey: sha256(tokens.join(' ')),
    words: tokens.length,
    shingles,
    signature: shingles.length > 0 ? minhashSignature(shingles, config.minhashSize) : null,
    terms,
    names,
    // Only the windows are kept: the quotations themselves are re-read for the few pairs that need them.
    quoteWindows: quoteWindows(quotations(text), config.minQuoteWords),
    textDate: dateFromText(article.paragraphs.length > 0 ? article.paragraphs.map((p) => p.text) : text.split(/\n\s*\n/)),
  };
}

function isContentWord(token: string): boolean {
  return token.length > 1 && !STOP_WORDS.has(token);
}

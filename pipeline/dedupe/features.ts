/**
 * What the dedupe stage computes once per article: its normalised text key,
 * word shingles and MinHash signature (duplicates), content words and names
 * (story similarity), quotations (common origin) and any date its text states.
 */
import { sha256 } from '../common/hash.ts';
import { contentWords, isContentWord, STOP_WORDS, tokenize } from '../common/text.ts';
import type { Article } from '../types.ts';
import type { DedupeConfig } from './config.ts';
import { extractNames, isGenericNameWord } from './entities.ts';
import { hashString, minhashSignature, shingleSet } from './minhash.ts';
import { quotations, quoteWindows } from './origin.ts';
import { dateFromText, datelineLength, leadParagraph, mentionedWeekdays, WEEKDAYS, type TextDate } from '../common/text-dates.ts';
import { articleVector, type SparseVector } from './vectors.ts';

/** What is computed from one article alone: the part that is cached (see feature-cache.ts). */
export interface FeatureData {
  /** sha256 of the normalised text (lower case, words only): equal for exact duplicates. */
  contentKey: string;
  /** Word count of the cleaned text: how complete the article is. */
  words: number;
  shingles: Uint32Array;
  signature: Uint32Array | null;
  /**
   * Story similarity: content words (title included, title and lead counted twice),
   * name words ("kallas") and full names ("kaja kallas"), weighted (vectors.ts).
   */
  vector: SparseVector;
  /** Text for the messages of the stories built (read for no other purpose). */
  labels: FeatureLabels;
  quoteWindows: Uint32Array;
  textDate: TextDate | null;
  /** How often the text names each weekday, Sunday first ("on Tuesday"). */
  weekdays: number[];
  /**
   * What the article is about: the words of the names its title gives that its text writes with a
   * capital too ("Halden Foods profit rises 12%" → halden, foods), hashed, ascending. Empty without a title.
   * Two articles whose subjects neither names are not one story (`differentSubjects`).
   */
  subjects: Uint32Array;
  /** Every word the article writes with a capital (title and text; names, and sentences' first words), hashed, ascending. */
  nameWords: Uint32Array;
}

/**
 * The words behind an article's vector, which only messages read ("shared names: …"). Apart
 * from the rest so a store can give them lazily: features read back from the pack decode them
 * on first use (feature-pack.ts), since a rebuild builds few stories but reads every article.
 */
export interface FeatureLabels {
  /** The vector's feature keys (see `KeyedVector`). */
  readonly keys: string;
  /**
   * Display form of each name key in this article ("kallas" → "Kallas"), its first
   * spelling here, as `key<TAB>label` lines (one string: 100k small objects would not
   * fit beside everything else; see `nameLabel`).
   */
  readonly nameLabels: string;
}

export interface ArticleFeatures extends FeatureData {
  /** Position in the run's input. */
  index: number;
  article: Article;
  /** The feature cache's key for this article (feature-cache.ts), null when the run does not cache. */
  cacheKey?: string | null;
}

export function articleFeatures(article: Article, index: number, config: DedupeConfig): ArticleFeatures {
  return { index, article, ...featureData(article, config) };
}

/** The text dedupe reads: the cleaned text, else its paragraphs. */
export function articleText(article: Article): string {
  return article.text || article.paragraphs.map((p) => p.text).join('\n\n');
}

/** The worker-pool form of `featureData` (pipeline/common/pool.ts): a chunk of articles at a time. */
export function featureChunk(chunk: Article[], config: DedupeConfig): FeatureData[] {
  return chunk.map((article) => featureData(article, config));
}

/** A pure function of the article's cleaned text, title and paragraphs, and of `config`. */
export function featureData(article: Article, config: DedupeConfig): FeatureData {
  const text = articleText(article);
  const tokens = tokenize(text);
  // Hashed afresh, not memoised: a word's FNV hash costs less than a lookup of it in a
  // map of millions of words (measured: half the time on the run's own tokens).
  const shingles = shingleSet(tokens, config.shingleSize, hashString);
  // A wire dateline ("SANTIAGO, Nov 4 (Northern Wire) - ") names the agency and the day, not the event:
  // every story an agency files that day shares its words, so they are no evidence of one event.
  // Copies still match on them (shingles and the content key read every token).
  const dateline = leadDateline(article, text);
  const { names, nameLabels, entities } = nameFeatures(dateline ? text.slice(0, dateline.start) + ' '.repeat(dateline.length) + text.slice(dateline.start + dateline.length) : text);
  const terms = new Map<string, number>();
  // contentWords() of title + text, without tokenizing the text twice, counted as they
  // come: no array of all content words (garbage collection is a large share of the
  // workers' time in a 5k in-process profile; measured gain within noise).
  // News puts the event first (title, lead): its words count twice.
  let position = 0;
  const count = (word: string) => terms.set(word, (terms.get(word) ?? 0) + (position++ < config.leadWords ? 2 : 1));
  for (const word of contentWords(article.title ?? '')) count(word);
  const skipFrom = dateline ? tokenize(text.slice(0, dateline.start)).length : -1;
  const skipTo = dateline ? skipFrom + tokenize(text.slice(dateline.start, dateline.start + dateline.length)).length : -1;
  for (let k = 0; k < tokens.length; k++) if ((k < skipFrom || k >= skipTo) && isContentWord(tokens[k]!)) count(tokens[k]!);
  const weekdayCounts = mentionedWeekdays(text);
  const { vector, keys } = articleVector(terms, names, config.nameWeight, entities);
  const { subjects, nameWords } = subjectsOf(article.title, text);
  return {
    contentKey: sha256(tokens.join(' ')),
    words: tokens.length,
    shingles,
    signature: shingles.length > 0 ? minhashSignature(shingles, config.minhashSize) : null,
    vector,
    labels: { keys, nameLabels: [...nameLabels].map(([key, label]) => `${key}\t${label}`).join('\n') },
    // Only the windows are kept: the quotations themselves are re-read for the few pairs that need them.
    quoteWindows: quoteWindows(quotations(text), config.minQuoteWords),
    textDate: dateFromText(article.paragraphs.length > 0 ? article.paragraphs.map((p) => p.text) : text.split(/\n\s*\n/)),
    weekdays: WEEKDAYS.map((_, day) => weekdayCounts.get(day) ?? 0),
    subjects,
    nameWords,
  };
}

/**
 * The article's subjects and the words it capitalises (see `FeatureData.subjects`). A title word is
 * a subject only when the text capitalises it too: a title in Title Case ("Norvik Telecom Profit
 * Falls As Price War Bites") capitalises every word, the text only names ("Norvik Telecom"). A
 * generic word of a name ("Council", "Bank") is no subject.
 */
function subjectsOf(title: string | null, text: string): { subjects: Uint32Array; nameWords: Uint32Array } {
  const capitalised = new Set<string>();
  for (const match of `${title ?? ''}\n${text}`.matchAll(CAPITALISED)) {
    const word = match[0].toLowerCase().replace(/['’]s$/, '');
    if (word.length >= 3 && !STOP_WORDS.has(word)) capitalised.add(word);
  }
  const subjects = new Set<string>();
  for (const name of title ? extractNames(title) : []) {
    for (const word of name.words) if (word.length >= 3 && inText(text, word) && !isGenericNameWord(word, text)) subjects.add(word);
  }
  const hashed = (list: Iterable<string>) => Uint32Array.from([...list].map(hashString)).sort();
  return { subjects: hashed(subjects), nameWords: hashed(capitalised) };
}

/** A capitalised word: a name, or a sentence's first word (both count as naming something: the check only grows more cautious). */
const CAPITALISED = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}'’-]*/gu;

/** Whether the text (not only the title) writes `word` with a capital. */
function inText(text: string, word: string): boolean {
  const capital = word[0]!.toUpperCase() + word.slice(1);
  for (let at = text.indexOf(capital); at >= 0; at = text.indexOf(capital, at + 1)) {
    if (!/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') && !/[\p{L}\p{N}]/u.test(text[at + capital.length] ?? '')) return true;
  }
  return text.includes(word.toUpperCase());
}

/**
 * Whether two articles are about different subjects: each has a subject (`FeatureData.subjects`)
 * and neither names any of the other's. Two earnings reports from one wire template ("Halden Foods
 * profit rises …", "Norvik Telecom profit falls …") share most of their words, but not whom
 * they are about; two reports of one event name its subject, each, somewhere.
 */
export function differentSubjects(a: Pick<FeatureData, 'subjects' | 'nameWords'>, b: Pick<FeatureData, 'subjects' | 'nameWords'>): boolean {
  return a.subjects.length > 0 && b.subjects.length > 0 && !namesAny(b.nameWords, a.subjects) && !namesAny(a.nameWords, b.subjects);
}

/** Whether the ascending list `words` holds any of `wanted` (a few). */
function namesAny(words: Uint32Array, wanted: Uint32Array): boolean {
  for (const word of wanted) {
    let low = 0;
    let high = words.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (words[mid]! === word) return true;
      if (words[mid]! < word) low = mid + 1;
      else high = mid - 1;
    }
  }
  return false;
}

/** Where the dateline opening the article's first paragraph (not a heading) sits in its text, if it has one. */
function leadDateline(article: Article, text: string): { start: number; length: number } | null {
  const first = leadParagraph(article.paragraphs, text);
  const length = datelineLength(first);
  if (length === 0) return null;
  const start = text.indexOf(first);
  return start < 0 ? null : { start, length };
}

/** The article's own spelling of a name key, if it has the name. */
export function nameLabel(doc: Pick<FeatureData, 'labels'>, key: string): string | undefined {
  for (const line of doc.labels.nameLabels.split('\n')) {
    const tab = line.indexOf('\t');
    if (line.slice(0, tab) === key) return line.slice(tab + 1);
  }
  return undefined;
}

/** The article's names as features (see `nameFeatures`). */
interface NameFeatures {
  /** Name key → mentions: the full name ("clara voss"), or the word of a one-word name no full name here holds. */
  names: Map<string, number>;
  /** Name key → its longest spelling here ("Clara Voss"), for messages. */
  nameLabels: Map<string, string>;
  /** Name key, and each word of a name, → the name key it belongs to: the features of one entity. */
  entities: Map<string, string>;
}

/**
 * One feature per name: the full name, which a later mention of one of its words ("Voss
 * said") counts towards, so that a first name or a surname is no feature of its own (a
 * first name shared by two people is no evidence of one event). `entities` groups the
 * name's features with its words as content words, so the vector can weigh a person once
 * (`articleVector`). A generic word ("Council", "Bank": `isGenericNameWord`) is no name alone
 * and stays an ordinary content word, tied to no entity.
 */
function nameFeatures(text: string): NameFeatures {
  const found = extractNames(text);
  // Common nouns capitalised in a name ("Council", "Bank") identify nothing (`isGenericNameWord`).
  const genericWords = new Map<string, boolean>();
  const generic = (word: string) => {
    let is = genericWords.get(word);
    if (is === undefined) genericWords.set(word, (is = isGenericNameWord(word, text)));
    return is;
  };
  const entities = new Map<string, string>();
  for (const name of found) {
    if (name.words.length < 2) continue;
    const full = name.words.join(' ');
    if (!entities.has(full)) entities.set(full, full);
    for (const w of name.words) if (!entities.has(w) && !generic(w)) entities.set(w, full);
  }
  const names = new Map<string, number>();
  const nameLabels = new Map<string, string>();
  for (const name of found) {
    const single = name.words.length === 1 ? name.words[0]! : null;
    if (single !== null && generic(single)) continue;
    const key = single === null ? name.words.join(' ') : (entities.get(single) ?? single);
    if (!entities.has(key)) entities.set(key, key);
    names.set(key, (names.get(key) ?? 0) + 1);
    const label = nameLabels.get(key);
    if (label === undefined || label.split(' ').length < name.text.split(' ').length) nameLabels.set(key, name.text);
  }
  return { names, nameLabels, entities };
}

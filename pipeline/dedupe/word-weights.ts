/**
 * Term weights that do not depend on which other articles are in the run.
 *
 * A word's weight is how unexpected it is in an article of ordinary English,
 * read from a fixed background table (SUBTLEX-US, data/subtlex-us.txt) instead
 * of from the run's own corpus. With corpus IDF every article's vector moved
 * whenever any article came or went — removing one article could regroup two
 * others, and nothing could be computed once per article and kept. Here an
 * article's vector is a function of its own text only.
 *
 * From a word's frequency p (per word of running text) the chance that an
 * article of `ARTICLE_WORDS` words contains it is P = 1 − e^(−ARTICLE_WORDS·p)
 * (words as independent draws), and the weight is ln(1 + 1/P): the shape of
 * the usual IDF ln(1 + N/df), with df/N estimated from the table. Common words
 * weigh little, rare ones much; a word the table lacks (names, jargon, new
 * coinages) counts as seen half a time: rare.
 */
import { readFileSync } from 'node:fs';
import { packageFile } from '../common/package-root.ts';

/** Typical length of a news article in words: turns a word frequency into a share of articles. */
const ARTICLE_WORDS = 500;
/** A word absent from the table counts as this many occurrences. */
const ABSENT_COUNT = 0.5;
/**
 * Subtitles spell numbers out ("ten", "2025" never occurs), so digits have no
 * count of their own: a number weighs as much as a word this frequent — about
 * a common number word's — rather than as a rare word.
 */
const NUMBER_PER_MILLION = 100;

interface WordTable {
  text: string;
  /** Offset of the first word line (after the `#` header lines). */
  first: number;
  total: number;
  /** Counts looked up so far (news vocabulary repeats). */
  seen: Map<string, number>;
}

let table: WordTable | null = null;

/**
 * Loaded once per process, on first use: one file read, and only the header
 * lines are walked. Lookups bisect the text itself (`countOf`): a Map of 74k
 * words took ~60 ms to build, and even a pass for the 74k line offsets ~5 ms,
 * a noticeable part of a rebuild in which one article needs weighing.
 */
function wordTable(): WordTable {
  if (table) return table;
  const text = readFileSync(packageFile('pipeline/dedupe/data/subtlex-us.txt'), 'utf8');
  let total = 0;
  let at = 0;
  while (at < text.length && text[at] === '#') {
    const end = text.indexOf('\n', at);
    const next = end < 0 ? text.length : end + 1;
    if (text.startsWith('# total\t', at)) total = Number(text.slice(at + 8, next - 1));
    at = next;
  }
  table = { text, first: at, total, seen: new Map() };
  return table;
}

/**
 * The word's count in the table, 0 if absent: bisection over the sorted lines,
 * by character offset. `low` and `high` are always line starts; each probe
 * snaps back to the start of the line holding the middle offset, which lies in
 * [low, high), so `high` falls or `low` rises at every step.
 */
function countOf(word: string): number {
  const t = wordTable();
  const hit = t.seen.get(word);
  if (hit !== undefined) return hit;
  const text = t.text;
  let low = t.first;
  let high = text.length;
  let count = 0;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const start = Math.max(low, text.lastIndexOf('\n', mid - 1) + 1);
    const order = compareLine(text, start, word);
    if (order === 0) {
      const tab = start + word.length;
      const end = text.indexOf('\n', tab);
      count = Number(text.slice(tab + 1, end < 0 ? text.length : end));
      break;
    }
    if (order < 0) {
      const end = text.indexOf('\n', start);
      low = end < 0 ? text.length : end + 1;
    } else high = start;
  }
  if (t.seen.size < 1_000_000) t.seen.set(word, count);
  return count;
}

/** The word on the line at `start` compared with `word` (UTF-16 order, as the file is sorted): <0, 0, >0. */
function compareLine(text: string, start: number, word: string): number {
  for (let i = 0; ; i++) {
    const c = text.charCodeAt(start + i);
    const lineEnded = c === 9; // the tab after the word
    if (i === word.length) return lineEnded ? 0 : 1;
    if (lineEnded) return -1;
    const d = c - word.charCodeAt(i);
    if (d !== 0) return d;
  }
}

/** Occurrences per word of running text. */
function frequency(word: string): number {
  if (/^\p{N}+$/u.test(word)) return NUMBER_PER_MILLION / 1_000_000;
  // "minister's" is "minister".
  const bare = word.replace(/['’]s$/u, '');
  return (countOf(bare) || ABSENT_COUNT) / wordTable().total;
}

function weightOfFrequency(p: number): number {
  const share = -Math.expm1(-ARTICLE_WORDS * p);
  return Math.log(1 + 1 / share);
}

const rarities = new Map<string, number>();

/** Weight of a content word (lower case, as `tokenize` gives it). */
export function wordRarity(word: string): number {
  let rarity = rarities.get(word);
  if (rarity === undefined) {
    rarity = weightOfFrequency(frequency(word));
    if (rarities.size < 1_000_000) rarities.set(word, rarity);
  }
  return rarity;
}

/**
 * Weight of a name given as its lower-case words ("kaja kallas"): a name is
 * at least as rare as its rarest word ("Port Authority" as "authority").
 */
export function nameRarity(words: readonly string[]): number {
  let p = Infinity;
  for (const word of words) p = Math.min(p, frequency(word));
  return weightOfFrequency(p === Infinity ? ABSENT_COUNT / wordTable().total : p);
}

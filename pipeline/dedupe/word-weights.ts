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
import { isAscii } from 'node:buffer';
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
  /** The file's bytes: ASCII only (checked when read), so a byte is a UTF-16 code unit. */
  bytes: Buffer;
  /** Offset of the first word line (after the `#` header lines). */
  first: number;
  total: number;
  /** Counts looked up so far (news vocabulary repeats). */
  seen: Map<string, number>;
}

let table: WordTable | null = null;

const NEWLINE = 10;
const TAB = 9;

/**
 * Loaded once per process, on first use: one file read, and only the header
 * lines are walked. Lookups bisect the bytes themselves (`countOf`): a Map of
 * 74k words took ~60 ms to build, and even a pass for the 74k line offsets
 * ~5 ms, a noticeable part of a rebuild in which one article needs weighing.
 * Kept as bytes, not decoded into a string: the decode was 7.4 ms of a cold
 * process here, reading the bytes and checking them ASCII 3.4–3.8 ms.
 */
function wordTable(): WordTable {
  if (table) return table;
  const file = packageFile('pipeline/dedupe/data/subtlex-us.txt');
  const bytes = readFileSync(file);
  // make-word-table.ts writes the subtitles' words, all ASCII; another table would need its
  // lines compared as UTF-16 (the order it is sorted in), not byte by byte.
  if (!isAscii(bytes)) throw new Error(`${file}: the word table must be ASCII (make it with make-word-table.ts)`);
  let total = 0;
  let at = 0;
  while (at < bytes.length && bytes[at] === 0x23 /* # */) {
    const end = bytes.indexOf(NEWLINE, at);
    const next = end < 0 ? bytes.length : end + 1;
    const line = bytes.toString('latin1', at, next - 1);
    if (line.startsWith('# total\t')) total = Number(line.slice(8));
    at = next;
  }
  table = { bytes, first: at, total, seen: new Map() };
  return table;
}

/**
 * The word's count in the table, 0 if absent: bisection over the sorted lines,
 * by byte offset. `low` and `high` are always line starts; each probe snaps
 * back to the start of the line holding the middle offset, which lies in
 * [low, high), so `high` falls or `low` rises at every step.
 */
function countOf(word: string): number {
  const t = wordTable();
  const hit = t.seen.get(word);
  if (hit !== undefined) return hit;
  const bytes = t.bytes;
  let low = t.first;
  let high = bytes.length;
  let count = 0;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const start = Math.max(low, mid === 0 ? 0 : bytes.lastIndexOf(NEWLINE, mid - 1) + 1);
    const order = compareLine(bytes, start, word);
    if (order === 0) {
      const tab = start + word.length;
      const end = bytes.indexOf(NEWLINE, tab);
      count = Number(bytes.toString('latin1', tab + 1, end < 0 ? bytes.length : end));
      break;
    }
    if (order < 0) {
      const end = bytes.indexOf(NEWLINE, start);
      low = end < 0 ? bytes.length : end + 1;
    } else high = start;
  }
  if (t.seen.size < 1_000_000) t.seen.set(word, count);
  return count;
}

/**
 * The word on the line at `start` compared with `word` (UTF-16 order, as the file is sorted; its
 * bytes are ASCII, so each is one code unit): <0, 0, >0.
 */
function compareLine(bytes: Buffer, start: number, word: string): number {
  for (let i = 0; ; i++) {
    const c = start + i < bytes.length ? bytes[start + i]! : NaN;
    const lineEnded = c === TAB;
    if (i === word.length) return lineEnded ? 0 : 1;
    if (lineEnded) return -1;
    const d = c - word.charCodeAt(i);
    if (d !== 0) return d;
  }
}

/** Whether the word (lower case) is in the background table: everyday English, not a coinage or a rare name. */
export function isTableWord(word: string): boolean {
  return countOf(word) > 0;
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

import { hash } from 'node:crypto';
import { sha256 } from '../common/hash.ts';
import { radixSortWith } from '../common/radix.ts';
import { contentWords } from '../common/text.ts';
import type { Article } from '../types.ts';
import type { ArticleAnalysis } from './analyse.ts';

/** How many articles to compare when deciding whether a repeated paragraph is furniture. */
const SAMPLE = 8;
/**
 * Two articles whose other words overlap this much (share of the smaller
 * article's distinct content words) are versions of one story — a wire copy with
 * edits, a re-scrape — not two pages of one outlet.
 */
const COPY_OVERLAP = 0.5;

/** Normal form for comparing paragraphs across articles: case, punctuation and spacing ignored. */
export function paragraphKey(text: string): string {
  const lower = text.toLowerCase();
  // NFKC leaves ASCII as it is; skipping it there saves most of the cost of a key.
  return (ASCII.test(lower) ? lower : lower.normalize('NFKC')).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * A paragraph's identity for repetition, as stored in the cached analysis: 64 bits of the
 * sha256 of its `paragraphKey` (short to store; a chance collision among a year's paragraphs
 * is ~1e-9), or '' for a paragraph without letters or digits, which never counts as repeated.
 */
export function repeatKey(text: string): string {
  const key = paragraphKey(text);
  return key ? sha256(key).slice(0, 16) : '';
}

/**
 * For each article, for each paragraph: in how many *independent* articles the
 * same paragraph appears (itself included; 1 = nowhere else). The same block on
 * several different stories is the outlet's furniture. Copies of one story
 * (syndicated or re-scraped articles, for dedupe to fold) share their real
 * paragraphs too, so articles whose other paragraphs overlap by half or more
 * count once; and articles from two named, different publishers never count
 * together (a quote both carried is the story's, not furniture).
 */
export function repetitionCounts(items: { article: Article; analysis: ArticleAnalysis }[]): number[][] {
  return independentCounts(
    items.map(({ article, analysis }) => ({ keys: analysis.paragraphs.map((p) => p.repeatKey), publisher: publisherOf({ article, analysis }) })),
    { words: (i) => items[i]!.analysis.contentWords, text: (i, key) => paragraphText(items[i]!.analysis, key) },
  );
}

/** What repetition needs of every article on every run: small, so a rebuild can keep it for all of them. */
export interface RepetitionSource {
  /** `repeatKey` of each paragraph, in order. */
  keys: readonly string[];
  /** The publisher the input states, else the one an HTML page names. */
  publisher: string | null;
}

/** What repetition needs only of the few articles sampled for a shared paragraph (loaded on demand). */
export interface RepetitionDetail {
  /** The article's distinct content words. */
  words(index: number): readonly string[];
  /** The text of the article's paragraph with this repeat key. */
  text(index: number, key: string): string;
}

/**
 * A memo of shared paragraphs' independent counts, by a signature of
 * everything the count depends on (`holdersSignature`): on a rebuild only the
 * paragraphs whose holders changed are counted again, so only their articles'
 * words are loaded.
 */
export interface RepetitionMemo {
  signature(key: string, holders: readonly number[]): string;
  get(signature: string): number | undefined;
  set(signature: string, count: number): void;
}

/** `repetitionCounts` over sources, with details loaded on demand and an optional memo. */
export function independentCounts(sources: readonly RepetitionSource[], detail: RepetitionDetail, memo?: RepetitionMemo): number[][] {
  const words: (Set<string> | undefined)[] = [];
  const wordsOf = (i: number) => (words[i] ??= new Set(detail.words(i)));
  const counts = sources.map(({ keys }) => new Array<number>(keys.length).fill(1));
  eachSharedParagraph(sources, (key, holders, occurrences) => {
    const signature = memo?.signature(key, holders);
    let count = signature === undefined ? undefined : memo!.get(signature);
    if (count === undefined) {
      const picked: number[] = [];
      const shared = new Set(contentWords(paragraphKey(detail.text(holders[0]!, key))));
      for (const candidate of holders.slice(0, SAMPLE)) {
        const compatible = picked.every((p) => samePublisherOrUnknown(sources[p]!.publisher, sources[candidate]!.publisher) && !areCopies(wordsOf(p), wordsOf(candidate), shared));
        if (compatible) picked.push(candidate);
      }
      // Beyond the sample, every further holder is assumed as independent as the sample's share.
      const share = picked.length / Math.min(holders.length, SAMPLE);
      count = picked.length + Math.round(Math.max(0, holders.length - SAMPLE) * share);
      if (signature !== undefined) memo!.set(signature, count);
    }
    for (const [article, index] of occurrences) counts[article]![index] = count;
  });
  return counts;
}

/**
 * Calls `each` for every paragraph key held by two or more articles, with its holders (article
 * indices, ascending, each once however often it repeats the paragraph) and every place it occurs
 * (`[article, paragraph index]`), in the order of the keys' numbers (`keyNumbers`).
 *
 * Found by sorting the keys' numbers, each carrying its position (`radixSortWith`, a stable radix sort), not by a Map
 * from key to holders: a year holds ~1M paragraphs, nearly all in one article each, and that Map
 * cost every build ~0.7 s and some 40 MB of short-lived entries (profiled on a new day). Keys are
 * compared as text only within a run of equal numbers (~100 chance pairs in a year's 1M keys).
 */
export function eachSharedParagraph(sources: readonly RepetitionSource[], each: (key: string, holders: number[], occurrences: [article: number, index: number][]) => void): void {
  const listed = keyNumbers(sources);
  const { keys: numbers, values: positions } = radixSortWith(listed.numbers, listed.positions);
  const { starts } = listed;
  const n = numbers.length;
  // The article and paragraph index of a position in the list of every key (binary search of the articles' starts).
  const place = (position: number): [number, number] => {
    let lo = 0;
    let hi = sources.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= position) lo = mid;
      else hi = mid - 1;
    }
    return [lo, position - starts[lo]!];
  };
  for (let start = 0; start < n; ) {
    const number = numbers[start]!;
    let end = start + 1;
    while (end < n && numbers[end] === number) end++;
    if (end - start > 1) {
      // The sort is stable and the keys were listed article by article: within a key, articles ascend.
      const occurrences: [number, number][] = [];
      for (let s = start; s < end; s++) occurrences.push(place(positions[s]!));
      const keyAt = ([article, index]: [number, number]) => sources[article]!.keys[index]!;
      const first = keyAt(occurrences[0]!);
      // Nearly always one key. Two keys with one number (a chance match of 32 bits) are taken apart, in order of first sight.
      const byKey = new Map<string, [number, number][]>();
      if (occurrences.every((at) => keyAt(at) === first)) byKey.set(first, occurrences);
      else {
        for (const at of occurrences) {
          const list = byKey.get(keyAt(at));
          if (list) list.push(at);
          else byKey.set(keyAt(at), [at]);
        }
      }
      for (const [key, list] of byKey) {
        const holders: number[] = [];
        for (const [article] of list) if (holders[holders.length - 1] !== article) holders.push(article);
        if (holders.length > 1) each(key, holders, list);
      }
    }
    start = end;
  }
}

/**
 * A 32-bit number for every non-empty paragraph key (`numbers`) and its position (`positions`) in
 * the list of every key, article after article (`starts`: where each article's keys begin).
 * A repeat key is 16 hex digits of a hash (`repeatKey`): its number is its first 8. If any key is
 * something else (a caller's own keys), every distinct key is numbered in order of first sight instead.
 */
function keyNumbers(sources: readonly RepetitionSource[]): { numbers: Uint32Array; positions: Uint32Array; starts: Uint32Array } {
  const starts = new Uint32Array(sources.length + 1);
  let total = 0;
  for (let a = 0; a < sources.length; a++) {
    starts[a] = total;
    total += sources[a]!.keys.length;
  }
  starts[sources.length] = total;
  const numbers = new Uint32Array(total);
  const positions = new Uint32Array(total);
  let hex = true;
  let p = 0;
  for (let a = 0; a < sources.length; a++) {
    const keys = sources[a]!.keys;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      if (!key) continue;
      positions[p] = starts[a]! + k;
      if (hex) {
        const value = key.length === 16 ? hexValue(key, 0) : -1;
        if (value < 0) hex = false;
        else numbers[p] = value;
      }
      p++;
    }
  }
  if (!hex) {
    const numbered = new Map<string, number>();
    p = 0;
    for (const { keys } of sources) {
      for (const key of keys) {
        if (!key) continue;
        let number = numbered.get(key);
        if (number === undefined) numbered.set(key, (number = numbered.size));
        numbers[p++] = number;
      }
    }
  }
  return { numbers: numbers.subarray(0, p), positions: positions.subarray(0, p), starts };
}

/** The value of the 8 lowercase hex digits of `text` from `from`, or -1 if they are not all such digits. */
function hexValue(text: string, from: number): number {
  let value = 0;
  for (let i = from; i < from + 8; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/**
 * Everything a shared paragraph's count depends on: its key, how many articles
 * hold it, and each sampled holder's identity (`identityOf`: what determines its
 * words and texts, e.g. its analysis key) and publisher, in order.
 */
export function holdersSignature(key: string, holders: readonly number[], identityOf: (index: number) => string, sources: readonly RepetitionSource[]): string {
  const parts = [key, String(holders.length)];
  for (const index of holders.slice(0, SAMPLE)) parts.push(identityOf(index), sources[index]!.publisher ?? '');
  // One-shot hash (no Hash object per call: one signature per shared paragraph, every build); the separator keeps parts apart.
  return hash('sha256', parts.join('\u0000'));
}

function paragraphText(analysis: ArticleAnalysis, key: string): string {
  return analysis.paragraphs.find((p) => p.repeatKey === key)?.text ?? '';
}

/** The publisher the input states, else the one an HTML page names. */
export function publisherOf({ article, analysis }: { article: Article; analysis: ArticleAnalysis }): string | null {
  return article.publisher ?? analysis.metadata.publisher ?? null;
}

function samePublisherOrUnknown(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function areCopies(a: Set<string>, b: Set<string>, shared: Set<string>): boolean {
  let sizeA = 0;
  let sizeB = 0;
  let both = 0;
  for (const word of a) {
    if (shared.has(word)) continue;
    sizeA++;
    if (b.has(word)) both++;
  }
  for (const word of b) if (!shared.has(word)) sizeB++;
  // Nothing else to compare (both are just this paragraph): treat as copies, never as furniture.
  if (sizeA === 0 || sizeB === 0) return true;
  return both / Math.min(sizeA, sizeB) >= COPY_OVERLAP;
}

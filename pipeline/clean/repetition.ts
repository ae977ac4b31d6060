import { hash } from 'node:crypto';
import { sha256 } from '../common/hash.ts';
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
  // Each paragraph key's holders, in article order: a number while there is one, an array from the second. Most
  // paragraphs are in one article (a year has ~1M): an array and a Set per article for them were half of this
  // loop's time on every build (100k new day, profiled: 1.25 → 0.66 s).
  const holders = new Map<string, number | number[]>();
  sources.forEach(({ keys }, articleIndex) => {
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      // A key twice in one article counts once (a linear look back: an article has a few dozen paragraphs).
      if (!key || keys.indexOf(key) < k) continue;
      const known = holders.get(key);
      if (known === undefined) holders.set(key, articleIndex);
      else if (typeof known === 'number') holders.set(key, [known, articleIndex]);
      else known.push(articleIndex);
    }
  });

  const independent = new Map<string, number>();
  for (const [key, list] of holders) {
    if (typeof list === 'number') continue;
    const signature = memo?.signature(key, list);
    const known = signature === undefined ? undefined : memo!.get(signature);
    if (known !== undefined) {
      independent.set(key, known);
      continue;
    }
    const picked: number[] = [];
    const shared = new Set(contentWords(paragraphKey(detail.text(list[0]!, key))));
    for (const candidate of list.slice(0, SAMPLE)) {
      const compatible = picked.every((p) => samePublisherOrUnknown(sources[p]!.publisher, sources[candidate]!.publisher) && !areCopies(wordsOf(p), wordsOf(candidate), shared));
      if (compatible) picked.push(candidate);
    }
    // Beyond the sample, every further holder is assumed as independent as the sample's share.
    const share = picked.length / Math.min(list.length, SAMPLE);
    const count = picked.length + Math.round(Math.max(0, list.length - SAMPLE) * share);
    independent.set(key, count);
    if (signature !== undefined) memo!.set(signature, count);
  }
  return sources.map(({ keys }) => keys.map((key) => independent.get(key) ?? 1));
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

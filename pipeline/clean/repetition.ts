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
  const words: (Set<string> | undefined)[] = [];
  const wordsOf = (i: number) => (words[i] ??= new Set(items[i]!.analysis.contentWords));
  const holders = new Map<string, number[]>();
  /** One paragraph text per key (its first holder's), for the words the holders share. */
  const textOf = new Map<string, string>();
  items.forEach(({ analysis }, articleIndex) => {
    const seen = new Set<string>();
    for (const { repeatKey: key, text } of analysis.paragraphs) {
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const list = holders.get(key);
      if (list) {
        list.push(articleIndex);
      } else {
        holders.set(key, [articleIndex]);
        textOf.set(key, text);
      }
    }
  });

  const independent = new Map<string, number>();
  for (const [key, list] of holders) {
    if (list.length < 2) continue;
    const picked: number[] = [];
    const shared = new Set(contentWords(paragraphKey(textOf.get(key)!)));
    for (const candidate of list.slice(0, SAMPLE)) {
      const compatible = picked.every((p) => samePublisherOrUnknown(publisherOf(items[p]!), publisherOf(items[candidate]!)) && !areCopies(wordsOf(p), wordsOf(candidate), shared));
      if (compatible) picked.push(candidate);
    }
    // Beyond the sample, every further holder is assumed as independent as the sample's share.
    const share = picked.length / Math.min(list.length, SAMPLE);
    independent.set(key, picked.length + Math.round(Math.max(0, list.length - SAMPLE) * share));
  }
  return items.map(({ analysis }) => analysis.paragraphs.map((p) => independent.get(p.repeatKey) ?? 1));
}

/** The publisher the input states, else the one an HTML page names. */
function publisherOf({ article, analysis }: { article: Article; analysis: ArticleAnalysis }): string | null {
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

/**
 * Which articles are copies of one another: exact duplicates (same normalised
 * text), near-duplicates (Jaccard of word shingles ≥ threshold, candidates
 * from MinHash LSH) and rewritten copies of one wire story (shared long
 * quotations and aligned sentences, see origin.ts).
 */
import type { DedupeConfig } from './config.ts';
import { articleText, type ArticleFeatures } from './features.ts';
import { chooseBanding, jaccard, lshCandidates } from './minhash.ts';
import { alignSentences, quotations, sentenceWordSets, sharedQuotations } from './origin.ts';
import type { PairMemory } from './pair-cache.ts';
import { UnionFind } from './union-find.ts';

export type DuplicateKind = 'exact' | 'near' | 'same-origin';

export interface DuplicateLink {
  a: number;
  b: number;
  kind: DuplicateKind;
  /** 1 for exact; shingle Jaccard for near; share of aligned sentences for same-origin. */
  score: number;
  /** Same-origin evidence. */
  alignedSentences?: number;
  quotations?: string[];
}

export interface DuplicateOptions {
  config: DedupeConfig;
  /** May a and b be one story at all (dates within the window)? */
  allowed: (a: number, b: number) => boolean;
  /** Extra pairs worth checking for a common origin (similar by content). */
  originCandidates: ReadonlyArray<readonly [number, number]>;
  /** Jaccard and sentence alignment of two articles (pure functions of the pair, so a cache may answer). */
  pairs?: Pick<PairMemory, 'jaccard' | 'align'>;
}

export function findDuplicates(docs: readonly ArticleFeatures[], options: DuplicateOptions): { links: DuplicateLink[]; sets: UnionFind } {
  const { config, allowed } = options;
  const measure = options.pairs ?? {
    jaccard: (a: number, b: number) => jaccard(docs[a]!.shingles, docs[b]!.shingles),
    align: (a: number, b: number, min: number) => alignSentences(sentenceWordSets(articleText(docs[a]!.article)), sentenceWordSets(articleText(docs[b]!.article)), min),
  };
  const sets = new UnionFind(docs.length);
  const links: DuplicateLink[] = [];

  // Exact: same normalised text. Empty texts are not "the same article".
  const byKey = new Map<string, number[]>();
  for (const doc of docs) {
    if (doc.words === 0) continue;
    const list = byKey.get(doc.contentKey);
    if (list) list.push(doc.index);
    else byKey.set(doc.contentKey, [doc.index]);
  }
  const representatives: Array<Uint32Array | null> = docs.map(() => null);
  for (const list of byKey.values()) {
    const [first, ...rest] = list as [number, ...number[]];
    representatives[first] = docs[first]!.signature;
    for (const other of rest) {
      if (!allowed(first, other)) {
        representatives[other] = docs[other]!.signature;
        continue;
      }
      sets.union(first, other);
      links.push({ a: first, b: other, kind: 'exact', score: 1 });
    }
  }

  // Near: LSH candidates among distinct texts, verified by exact shingle Jaccard.
  const banding = chooseBanding(config.minhashSize, config.nearDuplicateThreshold);
  for (const [a, b] of lshCandidates(representatives, banding)) {
    if (!allowed(a, b) || sets.find(a) === sets.find(b)) continue;
    const score = measure.jaccard(a, b);
    if (score >= config.nearDuplicateThreshold) {
      sets.union(a, b);
      links.push({ a, b, kind: 'near', score });
    }
  }

  // Same origin: pairs similar in content, or sharing a long quotation.
  const pairs = new Map<number, [number, number]>();
  const addPair = (a: number, b: number) => {
    const i = Math.min(a, b);
    const j = Math.max(a, b);
    pairs.set(i * docs.length + j, [i, j]);
  };
  for (const [a, b] of options.originCandidates) addPair(a, b);
  const byWindow = new Map<number, number[]>();
  for (const doc of docs) {
    for (const h of doc.quoteWindows) {
      const list = byWindow.get(h);
      if (list) {
        if (list[list.length - 1] !== doc.index) list.push(doc.index);
      } else byWindow.set(h, [doc.index]);
    }
  }
  for (const list of byWindow.values()) {
    // A quotation in dozens of articles (a famous line, a stock phrase) says nothing about origin.
    if (list.length < 2 || list.length > 20) continue;
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) if (allowed(list[x]!, list[y]!)) addPair(list[x]!, list[y]!);
  }
  const ordered = [...pairs.values()].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  for (const [a, b] of ordered) {
    if (!allowed(a, b) || sets.find(a) === sets.find(b)) continue;
    const alignment = measure.align(a, b, config.sentenceSimilarity);
    if (alignment.aligned < config.sameOriginMinSentences) continue;
    const quotes = docs[b]!.quoteWindows.length > 0 ? sharedQuotations(quotations(docs[a]!.article.text), docs[b]!.quoteWindows, config.minQuoteWords) : [];
    const needed = quotes.length > 0 ? config.sameOriginShareWithQuotes : config.sameOriginShare;
    if (alignment.share < needed) continue;
    sets.union(a, b);
    links.push({ a, b, kind: 'same-origin', score: round(alignment.share), alignedSentences: alignment.aligned, quotations: quotes });
  }
  return { links, sets };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

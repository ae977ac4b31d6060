/**
 * Which articles are copies of one another: exact duplicates (same normalised
 * text), near-duplicates (Jaccard of word shingles ≥ threshold, candidates
 * from MinHash LSH) and rewritten copies of one wire story (shared long
 * quotations and aligned sentences, see origin.ts).
 */
import type { DedupeConfig } from './config.ts';
import { articleText, differentSubjects, type ArticleFeatures } from './features.ts';
import { chooseBanding, jaccard } from './minhash.ts';
import { nearCandidates, type NearOptions } from './near-candidates.ts';
import { alignSentences, quotations, sentenceWordSets, sharedQuotations } from './origin.ts';
import type { PairMemory } from './pair-cache.ts';
import type { MergeRule } from './merge-rule.ts';
import type { Twins } from './twins.ts';
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

/** What the copy steps share: options, and the measures a cache may answer. */
interface StepOptions {
  config: DedupeConfig;
  /** May a and b be one story at all (dates within the window)? Lets LSH skip pairs early. */
  allowed: (a: number, b: number) => boolean;
  /**
   * The run's date rule (merge-rule.ts), over articles: a link is made only when the group of
   * copies it makes is one the rule allows — `never` false. An undated copy may link to
   * anything, and copies of it dated further apart than the window would otherwise become one
   * group — one story — through it. Reset here; the clustering resets it again for its own use.
   */
  rule: MergeRule;
  /**
   * Jaccard and sentence alignment of two articles (pure functions of the pair, so a cache may
   * answer), and the near-duplicate candidates (from the last run's where they hold).
   */
  pairs?: Pick<PairMemory, 'jaccard' | 'align'> & Partial<Pick<PairMemory, 'quotes' | 'nearCandidates'>>;
}

export interface OriginOptions extends Omit<StepOptions, 'rule'> {
  /**
   * Pairs similar in content: checked for a common origin beside those sharing a quotation.
   * Those already in one group are skipped, so a search may leave them out.
   */
  originCandidates: Iterable<readonly [number, number]>;
  /** When `originCandidates` come from a search over twin leads (twins.ts): the twins. */
  twins?: Twins;
}

/** Groups of copies as the copy steps leave them: the links that made them, and the groups. */
export interface Copies {
  links: DuplicateLink[];
  sets: CopySets;
}

/** Candidates whose signatures agree on less than this share of the threshold are not measured (see `findCopies`). */
export const ESTIMATE_SHARE = 0.5;

/** The measures of `options.pairs`, or computed here. */
function measures(docs: readonly ArticleFeatures[], options: Pick<StepOptions, 'pairs'>): Pick<PairMemory, 'jaccard' | 'align'> {
  return (
    options.pairs ?? {
      jaccard: (a: number, b: number) => jaccard(docs[a]!.shingles, docs[b]!.shingles),
      align: (a: number, b: number, min: number) => alignSentences(sentenceWordSets(articleText(docs[a]!.article)), sentenceWordSets(articleText(docs[b]!.article)), min),
    }
  );
}

/**
 * The first two steps: exact and near copies. They read no similar pairs, so the similar-pair
 * search can come after them and leave out the pairs of one group (index.ts), which nothing
 * reads: n near copies of one press release on one day are n² such pairs.
 */
export function findCopies(docs: readonly ArticleFeatures[], options: StepOptions): Copies {
  const { config, allowed } = options;
  const measure = measures(docs, options);
  const sets = new CopySets(docs.length, options.rule);
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
      if (!sets.canJoin(first, other)) {
        representatives[other] = docs[other]!.signature;
        continue;
      }
      sets.union(first, other);
      links.push({ a: first, b: other, kind: 'exact', score: 1 });
    }
  }

  // Near: LSH candidates among distinct texts, verified by exact shingle Jaccard, taken by first
  // article then second (near-candidates.ts: a canonical order, so a rebuild can keep the last
  // run's list and look up only the pairs of the articles that changed).
  // Banding tuned for 99.5 % recall at the threshold lets through many pairs far below
  // it (42 bands of 3 rows: a pair at Jaccard 0.2 is a candidate 29 % of the time). A
  // candidate whose signatures agree on less than half the threshold is not measured:
  // that is over 4 standard deviations below a pair at the threshold (128 values).
  const near: NearOptions = { banding: chooseBanding(config.minhashSize, config.nearDuplicateThreshold), floor: config.nearDuplicateThreshold * ESTIMATE_SHARE, allowed };
  const candidates = options.pairs?.nearCandidates ? options.pairs.nearCandidates(representatives, near) : nearCandidates(representatives, near).pairs;
  for (let k = 0; k < candidates.length; k += 2) {
    const a = candidates[k]!;
    const b = candidates[k + 1]!;
    if (sets.find(a) === sets.find(b) || !sets.canJoin(a, b)) continue;
    const score = measure.jaccard(a, b);
    // One template filled in for two subjects ("£5 million to protect homes in Yorkshire…", "£3 million … in
    // Cornwall…"): the same words but for whom they are about, which neither names. Two stories, not a copy
    // and its original: folded, the second was gone from the briefing.
    if (score >= config.nearDuplicateThreshold && !differentSubjects(docs[a]!, docs[b]!)) {
      sets.union(a, b);
      links.push({ a, b, kind: 'near', score });
    }
  }

  return { links, sets };
}

/** The third step: rewritten copies of one story (same origin), joined to `copies`' groups. */
export function linkSameOrigin(docs: readonly ArticleFeatures[], { links, sets }: Copies, options: OriginOptions): void {
  const { config, allowed } = options;
  const measure = measures(docs, options);
  // Same origin: pairs similar in content, or sharing a long quotation.
  const pairs = new Map<number, [number, number]>();
  const addPair = (a: number, b: number) => {
    const i = Math.min(a, b);
    const j = Math.max(a, b);
    pairs.set(i * docs.length + j, [i, j]);
  };
  for (const [a, b] of options.originCandidates) {
    addPair(a, b);
    // Twins searched as one (twins.ts): the pair that aligns them the other way round too.
    const reversed = options.twins?.reversed(a, b);
    if (reversed) addPair(reversed[0], reversed[1]);
  }
  for (const list of articlesByWindow(docs)) {
    // A quotation in dozens of articles (a famous line, a stock phrase) says nothing about origin.
    if (list.length < 2 || list.length > 20) continue;
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) if (allowed(list[x]!, list[y]!)) addPair(list[x]!, list[y]!);
  }
  const ordered = [...pairs.values()].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  for (const [a, b] of ordered) {
    if (sets.find(a) === sets.find(b) || !sets.canJoin(a, b) || differentSubjects(docs[a]!, docs[b]!)) continue;
    const alignment = measure.align(a, b, config.sentenceSimilarity);
    if (alignment.aligned < config.sameOriginMinSentences) continue;
    // a's text is read only here (a cache may answer: it is a function of the two articles).
    const shared = () => sharedQuotations(quotations(docs[a]!.article.text), docs[b]!.quoteWindows, config.minQuoteWords);
    const quotes = docs[b]!.quoteWindows.length === 0 ? [] : options.pairs?.quotes ? options.pairs.quotes(a, b, shared) : shared();
    const needed = quotes.length > 0 ? config.sameOriginShareWithQuotes : config.sameOriginShare;
    if (alignment.share < needed) continue;
    sets.union(a, b);
    links.push({ a, b, kind: 'same-origin', score: round(alignment.share), alignedSentences: alignment.aligned, quotations: quotes });
  }
}

/**
 * Groups of copies, each kept as a cluster of the date rule, so that a link is refused when the
 * group it would make spans more than the window: the promise `allowed` makes for two articles
 * (which `never` also answers for two single articles), kept for the whole group.
 */
export class CopySets extends UnionFind {
  constructor(
    n: number,
    private readonly rule: MergeRule,
  ) {
    super(n);
    rule.reset(n);
    for (let i = 0; i < n; i++) rule.start(i, [i]);
  }

  /** May the groups of a and b become one? */
  canJoin(a: number, b: number): boolean {
    return !this.rule.never(this.find(a), this.find(b));
  }

  override union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (!super.union(a, b)) return false;
    const root = this.find(a);
    this.rule.join(root, root === ra ? rb : ra);
    return true;
  }
}

/**
 * For each quotation window hash, the articles that have it (ascending, once each),
 * found by sorting (hash, article) packed in one number — exact below 2^53 — rather
 * than in a Map keyed by 32-bit hashes: at 100k articles, a million windows.
 */
function articlesByWindow(docs: readonly ArticleFeatures[]): number[][] {
  const LIMIT = 2 ** 21;
  if (docs.length >= LIMIT) throw new Error(`findDuplicates: more than ${LIMIT} articles`);
  let total = 0;
  for (const doc of docs) total += doc.quoteWindows.length;
  const packed = new Float64Array(total);
  let k = 0;
  for (const doc of docs) for (const h of doc.quoteWindows) packed[k++] = h * LIMIT + doc.index;
  packed.sort();
  const lists: number[][] = [];
  let hash = -1;
  let list: number[] = [];
  for (const key of packed) {
    const h = Math.floor(key / LIMIT);
    const doc = key % LIMIT;
    if (h !== hash) {
      if (list.length > 0) lists.push(list);
      (hash = h), (list = []);
    }
    if (list[list.length - 1] !== doc) list.push(doc);
  }
  if (list.length > 0) lists.push(list);
  return lists;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

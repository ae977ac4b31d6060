/**
 * Pair results, reused across runs. Story similarity, shingle Jaccard and the
 * sentence alignment of two articles are functions of those two articles
 * alone (their cached features and dates), so whatever the last run computed
 * for two articles that have not changed since holds now. A rebuild after one
 * article changed keeps those results and computes only the pairs that involve
 * the changed article — the similar pairs by scoring it against every other
 * article (one cosine each) instead of searching all pairs again.
 *
 * The entry (`.cache/dedupe-pairs/`) holds the last run's article identities
 * (sha256 of the feature-cache key, the article's own day and its id) and its
 * results by position in that list. It is keyed by the settings the results
 * depend on (versions, feature config, thresholds), not by the input: it is
 * the one entry each run replaces. It also keeps the near-duplicate
 * candidates (near-candidates.ts), which a rebuild updates around the changed
 * articles. An article whose identity is new, or not unique, is "fresh":
 * nothing is reused for it; with many fresh articles the pair search runs as
 * without a cache. Reused or not, every result is exactly
 * what computing it would give, so the output is identical with the cache on
 * or off.
 */
import { randomUUID } from 'node:crypto';
import { noCache, type StageCache } from '../common/cache.ts';
import { sha256 } from '../common/hash.ts';
import { contentIdentity } from './feature-cache.ts';
import { articleText, type ArticleFeatures } from './features.ts';
import { jaccard } from './minhash.ts';
import { MAX_BUCKET, nearCandidates, updateNearCandidates, type ChainedBucket, type NearCandidates, type NearOptions } from './near-candidates.ts';
import { alignSentences, sentenceWordSets, type Alignment, type SentenceSets } from './origin.ts';
import { PairList } from './pair-list.ts';
import { packRuns, unpackRuns } from './packed-runs.ts';
import { radixOrder } from '../common/radix.ts';
import { Twins } from './twins.ts';
import { cosine, sameWindow, undatedDatedSearch, windowPairs, type SimilarPairOptions, type SparseVector } from './vectors.ts';

/** The last run's results, as read back (see `save` for how they are stored). */
interface Stored {
  identities: string[];
  /**
   * This save's token. The similar pairs are stored in `similarParts` entries of their own
   * (`partKey`), each carrying the token: a part of another save (one killed between its parts
   * and this entry) is never read as this one's. In one entry they were 46 of its 62 MB at a
   * year, and that entry, made as base64, as JSON, hashed and handed to SQLite, set the year
   * build's peak RSS.
   */
  save: string;
  similarParts: number;
  /** Values: shingle Jaccards. */
  jaccard: StoredPairs;
  /** Values: aligned sentences, and their share of the shorter article's. */
  aligned: StoredPairs;
  share: StoredPairs;
  /**
   * The features too common to bring an undated and a dated article together in that
   * run (sorted ids; see `undatedDatedSearch`): while they are the same, that run's
   * undated–dated pairs still hold.
   */
  common: Uint32Array;
  /**
   * Shared quotations of the same-origin links (`sharedQuotations` of a's text with b's
   * windows): positions as for the others, one list of quotations per pair. Kept so a
   * rebuild reads no unchanged article's text (clean loads it lazily, from its cache).
   */
  quotes: { pairs: Int32Array; values: string[][] };
  /** The near-duplicate candidates (near-candidates.ts), when that run searched them. */
  near: StoredNear | null;
  /** Per position: the position of its twins' lead (twins.ts), itself when it has none before it. */
  leads: Int32Array;
  /** Per position: its group of copies as the search knew it (a position naming the group; see `similarPairs`). */
  groups: Int32Array;
}

/** A run's near-duplicate candidates: what `updateNearCandidates` continues. */
interface StoredNear {
  /** The options they were searched with (`nearSettings`). */
  settings: string;
  /** Positions in `identities`, two per pair, in the list's order. */
  pairs: Int32Array;
  /** Per position: 1 when the article was a candidate at all (a representative of its exact copies). */
  representatives: Uint8Array;
  chained: ChainedBucket[];
}

/** See `PairMemory.continuity`. */
export interface Continuity {
  /** The save of the last run's entry (`PairMemory.savedAs` in that run). */
  save: string;
  /** Articles in the last run. */
  previousCount: number;
  /** Each article's index in the last run, or −1 (new, changed, or its identity not unique). */
  oldIndex: Int32Array;
  /** Articles of both runs whose pairs with articles of both runs are not the same as then. */
  changed: Uint8Array;
}

interface StoredPairs {
  /** Positions in `identities`, two per pair. */
  pairs: Int32Array;
  /** One value per pair. */
  values: Float64Array;
}

/** The entry as bytes (`packRuns`): this header, then the runs in `ENTRY_RUNS` order. */
interface EntryHeader {
  save: string;
  similarParts: number;
  quotes: string[][];
  near: { settings: string; chained: ChainedBucket[] } | null;
}

/** Runs of the entry: identities (64 hex characters each, one after the other), then the typed arrays. */
const ENTRY_RUNS = 13;
const ENTRY_MAGIC = 0x36435042; // "BPC6" read as a little-endian u32
const PART_MAGIC = 0x33505042; // "BPP3"
const IDENTITY_LENGTH = 64;

/** Similar pairs per part entry: 3 MB (12 bytes a pair). */
const SIMILAR_PART = 250_000;

/** Above this share of fresh articles, one indexed search beats scoring each fresh article against all. */
const FRESH_SHARE_FOR_FULL_SEARCH = 0.05;

/**
 * For each identity of `current`, its position in `previous` when it occurs exactly once in each
 * list, else −1 (an identity held by two articles tells neither apart). One Map of the last run's
 * identities and an array, not a count Map of each list besides: at a year, 100,000 identities a
 * side, the three Maps were ~0.4 s of every new day (CPU profile).
 */
export function uniqueMatches(previous: readonly string[], current: readonly string[]): Int32Array {
  // Each identity's position in the last run, or −1 when it was there more than once.
  const positionOf = new Map<string, number>();
  for (let p = 0; p < previous.length; p++) {
    const id = previous[p]!;
    positionOf.set(id, positionOf.has(id) ? -1 : p);
  }
  const matched = new Int32Array(current.length).fill(-1);
  // Which current identity took each position: −1 none yet, −2 more than one (it repeats now).
  const takenBy = new Int32Array(previous.length).fill(-1);
  for (let i = 0; i < current.length; i++) {
    const p = positionOf.get(current[i]!);
    if (p === undefined || p < 0) continue;
    const other = takenBy[p]!;
    if (other === -1) {
      takenBy[p] = i;
      matched[i] = p;
    } else {
      if (other >= 0) matched[other] = -1;
      takenBy[p] = -2;
    }
  }
  return matched;
}

/** Pair results of one run: reused from the last run where they can be, recorded for the next. */
export class PairMemory {
  private readonly n: number;
  private readonly identities: string[] | null;
  private readonly previous: Stored | null;
  /** Current index → position in the last run's identities, for articles known to both runs. */
  private readonly oldPosition: Int32Array;
  private readonly known: Map<number, number>[];
  private readonly used = { jaccard: new Map<number, number>(), aligned: new Map<number, number>(), share: new Map<number, number>() };
  private readonly knownQuotes = new Map<number, string[]>();
  private readonly usedQuotes = new Map<number, string[]>();
  private similar = new PairList(0);
  /** The groups of copies this run's search left out the pairs of (see `similarPairs`). */
  private groups: Int32Array;
  private common: Uint32Array = new Uint32Array(0);
  /** Set by `similarPairs` when it reused the last run's pairs (see `continuity`). */
  private continued: Continuity | null = null;
  /** This run's near-duplicate candidates, kept for the next (positions are this run's indices). */
  private near: StoredNear | null = null;
  /** This run's save token, once `save` has written it. */
  savedAs: string | null = null;
  /** Whether `nearCandidates` continued the last run's list rather than searching from scratch. */
  nearContinued = false;
  /** Articles nothing but their ids tells apart: the similar-pair search searches one of each (twins.ts). */
  readonly twins: Twins;

  constructor(
    private readonly docs: readonly ArticleFeatures[],
    private readonly day: (i: number) => number | null,
    private readonly cache: StageCache,
    private readonly settings: string,
    /**
     * `twins`: twins searched as one (twins.ts), or every article searched (tests compare both).
     * `commentary`: which articles are commentary; part of each article's identity, as the
     * clustering the next run takes back depends on it (merge-rule.ts, `StoryRule`).
     */
    { twins = true, commentary }: { twins?: boolean; commentary?: readonly boolean[] } = {},
    /** Similar pairs per part entry (tests make it small). */
    private readonly partPairs = SIMILAR_PART,
  ) {
    this.n = docs.length;
    this.oldPosition = new Int32Array(this.n).fill(-1);
    this.groups = Int32Array.from({ length: this.n }, (_, i) => i);
    this.known = [new Map(), new Map(), new Map()];
    // The results are stored as bytes: a cache that holds none (an embedding's) keeps no pairs.
    const caching = cache !== noCache && cache.getBytes !== undefined && cache.setBytes !== undefined && docs.every((doc) => doc.cacheKey);
    this.identities = caching ? docs.map((doc, i) => sha256(`${doc.cacheKey}\u0000${day(i)}\u0000${doc.article.id}${commentary?.[i] ? '\u0000commentary' : ''}`)) : null;
    this.twins = new Twins(
      // Without twins, every article its own class: no two identities are equal.
      docs.map((doc, i) => ({ words: doc.words, signature: doc.signature, identity: twins ? (doc.cacheKey ?? contentIdentity(doc.article)) : String(i) })),
      day,
    );
    this.previous = this.identities ? this.readEntry() : null;
    if (!this.previous || !this.identities) return;
    this.oldPosition.set(uniqueMatches(this.previous.identities, this.identities));
    const currentOf = this.currentOf(this.previous);
    [this.previous.jaccard, this.previous.aligned, this.previous.share].forEach(({ pairs, values }, k) => {
      for (let p = 0; p < values.length; p++) {
        const x = currentOf[pairs[2 * p]!]!;
        const y = currentOf[pairs[2 * p + 1]!]!;
        if (x >= 0 && y >= 0) this.known[k]!.set(this.pairKey(x, y), values[p]!);
      }
    });
    const { pairs, values } = this.previous.quotes;
    values.forEach((value, k) => {
      const x = currentOf[pairs[2 * k]!]!;
      const y = currentOf[pairs[2 * k + 1]!]!;
      if (x >= 0 && y >= 0) this.knownQuotes.set(this.pairKey(x, y), value);
    });
  }

  /**
   * The last run's entry, or null when there is none, or when it is not one this code wrote (of
   * another layout, or runs that do not fit their arrays): then nothing is reused.
   */
  private readEntry(): Stored | null {
    const bytes = this.cache.getBytes!(this.entryKey());
    const entry = bytes && unpackRuns<EntryHeader>(bytes, ENTRY_MAGIC);
    if (!entry || entry.runs.length !== ENTRY_RUNS || !Array.isArray(entry.header.quotes) || !wellFormedNear(entry.header.near)) return null;
    try {
      const stored = this.storedOf(entry.header, entry.runs);
      return stored.quotes.pairs.length === 2 * stored.quotes.values.length ? stored : null;
    } catch {
      // A run whose length is not a whole number of its array's elements.
      return null;
    }
  }

  private storedOf(header: EntryHeader, runs: ArrayBuffer[]): Stored {
    const [identities, jaccardPairs, jaccardValues, alignedPairs, alignedValues, sharePairs, shareValues, common, quotePairs, nearPairs, nearRepresentatives, leads, groups] = runs as [ArrayBuffer, ...ArrayBuffer[]];
    const text = Buffer.from(identities);
    const list: string[] = [];
    for (let at = 0; at < text.length; at += IDENTITY_LENGTH) list.push(text.toString('latin1', at, at + IDENTITY_LENGTH));
    const pairsOf = (pairs: ArrayBuffer, values: ArrayBuffer): StoredPairs => ({ pairs: new Int32Array(pairs), values: new Float64Array(values) });
    const { save, similarParts, quotes, near } = header;
    return {
      identities: list,
      save,
      similarParts,
      jaccard: pairsOf(jaccardPairs!, jaccardValues!),
      aligned: pairsOf(alignedPairs!, alignedValues!),
      share: pairsOf(sharePairs!, shareValues!),
      common: new Uint32Array(common!),
      quotes: { pairs: new Int32Array(quotePairs!), values: quotes },
      near: near && { settings: near.settings, chained: near.chained, pairs: new Int32Array(nearPairs!), representatives: new Uint8Array(nearRepresentatives!) },
      leads: checkedPositions(new Int32Array(leads!), list.length, true),
      groups: checkedPositions(new Int32Array(groups!), list.length, false),
    };
  }

  /**
   * Known articles whose stored similar pairs may not hold are taken as new (searched again):
   * - its twins' lead is not the one it had in the last run (a new copy came first, the lead
   *   went, it has a twin only now): the stored pairs are the last run's search over its leads;
   * - its group of copies then is not one group now (a copy that held it together went or
   *   changed): the pairs among them were left out then and are wanted now (groups that became
   *   one need nothing: their stored pairs are dropped as they are read);
   * - it is a twin of an article taken as new: its one pair, with its lead, is made again.
   * The other pair results (Jaccard, alignments, near candidates) are functions of the two
   * articles alone and stay reused.
   */
  private forgetStale(previous: Stored): void {
    const currentOf = this.currentOf(previous);
    // For each group then (by position): the group now of its known articles, or −2 for several.
    const nowOf = new Int32Array(previous.identities.length).fill(-1);
    for (let i = 0; i < this.n; i++) {
      const p = this.oldPosition[i]!;
      if (p < 0) continue;
      const then = previous.groups[p]!;
      const now = this.groups[i]!;
      if (nowOf[then] === -1) nowOf[then] = now;
      else if (nowOf[then] !== now) nowOf[then] = -2;
    }
    const lead = this.twins.lead;
    // In index order: a lead comes before its twins, so a twin sees whether it was taken as new.
    for (let i = 0; i < this.n; i++) {
      const p = this.oldPosition[i]!;
      if (p < 0) continue;
      const l = lead[i]!;
      if (currentOf[previous.leads[p]!] !== l || nowOf[previous.groups[p]!] === -2 || (l !== i && this.oldPosition[l]! < 0)) this.oldPosition[i] = -1;
    }
  }

  /**
   * The last run's position → this run's index (−1: not here, or not unique). Positions are
   * dense, so an array: at 100k articles a Map of them cost a lookup per stored pair.
   */
  private currentOf(previous: Stored): Int32Array {
    const currentOf = new Int32Array(previous.identities.length).fill(-1);
    this.oldPosition.forEach((p, i) => {
      if (p >= 0) currentOf[p] = i;
    });
    return currentOf;
  }

  /**
   * Every pair within the window whose cosine reaches `options.threshold` (see `similarPairs`),
   * but those of two articles of one of `groups` (each article's group of copies, named by any
   * member; nothing reads those pairs, and n near copies on one day are n² of them).
   */
  similarPairs(options: SimilarPairOptions, groups?: Int32Array): PairList {
    if (groups) {
      this.groups = groups;
      options = { ...options, apart: (a, b) => groups[a] !== groups[b] };
    }
    if (this.previous) this.forgetStale(this.previous);
    const vectors = this.docs.map((doc) => doc.vector);
    const reused = this.previous && this.reuseSimilar(this.previous, vectors, options);
    if (reused) this.similar = reused;
    else {
      this.continued = null;
      // As `similarPairs` over one article of each twin class, keeping the common features for the next run.
      const leads = this.twins.overLeads(vectors, options);
      const undated = undatedDatedSearch(leads.vectors, leads.options);
      this.common = undated.common;
      const twins = this.twins;
      this.similar = PairList.merge(twins.renumber(windowPairs(leads.vectors, leads.options)), twins.renumber(undated.pairs)).mergeFrom(twins.leadPairs(vectors, options));
    }
    return this.similar;
  }

  /**
   * The near-duplicate candidates of `representatives` (near-candidates.ts): the last run's list
   * updated around the articles that are new, changed or representatives only now, when it holds
   * (same options, few such articles); else searched from scratch. The same list either way.
   */
  nearCandidates(representatives: readonly (Uint32Array | null)[], options: NearOptions): Int32Array {
    const updated = this.previous && this.updateNear(this.previous, representatives, options);
    this.nearContinued = Boolean(updated);
    const result = updated || nearCandidates(representatives, options);
    if (this.identities) {
      this.near = { settings: nearSettings(options), pairs: result.pairs, representatives: Uint8Array.from(representatives, (r) => (r ? 1 : 0)), chained: result.chained };
    }
    return result.pairs;
  }

  /** The last run's list updated (near-candidates.ts), or null when there is none for these options or too many articles are fresh. */
  private updateNear(previous: Stored, representatives: readonly (Uint32Array | null)[], options: NearOptions): NearCandidates | null {
    const stored = previous.near;
    if (!stored || stored.settings !== nearSettings(options) || stored.representatives.length !== previous.identities.length) return null;
    const probe: number[] = [];
    for (let i = 0; i < this.n; i++) {
      const p = this.oldPosition[i]!;
      if (representatives[i] && (p < 0 || !stored.representatives[p])) probe.push(i);
    }
    if (probe.length > Math.max(1, this.n * FRESH_SHARE_FOR_FULL_SEARCH)) return null;
    // The pairs of two articles known to both runs and candidates in both: they hold as they were.
    const currentOf = this.currentOf(previous);
    const kept = new Int32Array(stored.pairs.length);
    let length = 0;
    for (let k = 0; k + 1 < stored.pairs.length; k += 2) {
      const a = currentOf[stored.pairs[k]!] ?? -1;
      const b = currentOf[stored.pairs[k + 1]!] ?? -1;
      if (a < 0 || b < 0 || !representatives[a] || !representatives[b]) continue;
      kept[length++] = a;
      kept[length++] = b;
    }
    const chained = stored.chained.map((bucket) => ({ ...bucket, first: currentOf[bucket.first] ?? -1 }));
    return updateNearCandidates(representatives, options, kept.subarray(0, length), probe, chained);
  }

  /**
   * How this run's articles and pairs continue the last run's, when `similarPairs` reused its
   * pairs (else null): what a cache of anything computed from the pairs (cluster-memory.ts)
   * needs to know which of its results still hold.
   */
  continuity(): Continuity | null {
    return this.continued;
  }

  /** Jaccard of the two articles' shingles. */
  jaccard(a: number, b: number): number {
    return this.recall(0, this.used.jaccard, a, b, () => jaccard(this.docs[a]!.shingles, this.docs[b]!.shingles));
  }

  /** The quotations `compute` finds for the ordered pair (a's quotations in b): a function of the two articles, so the last run's hold. */
  quotes(a: number, b: number, compute: () => string[]): string[] {
    const key = this.pairKey(a, b);
    const quotes = this.usedQuotes.get(key) ?? this.knownQuotes.get(key) ?? compute();
    if (this.identities) this.usedQuotes.set(key, quotes);
    return quotes;
  }

  /** `alignSentences` of the two articles (a first). */
  align(a: number, b: number, minSimilarity: number): Alignment {
    const key = this.pairKey(a, b);
    const aligned = this.used.aligned.get(key) ?? this.known[1]!.get(key);
    const share = this.used.share.get(key) ?? this.known[2]!.get(key);
    const alignment = aligned !== undefined && share !== undefined ? { aligned, share } : alignSentences(this.sentences(a), this.sentences(b), minSimilarity);
    if (this.identities) {
      this.used.aligned.set(key, alignment.aligned);
      this.used.share.set(key, alignment.share);
    }
    return alignment;
  }

  /**
   * An article's sentences as word sets, made when a pair first needs them
   * (few articles are in a pair worth aligning, and a reused alignment needs
   * none); bounded, as at 100k articles they would not all fit.
   */
  private readonly sentenceSets = new Map<number, SentenceSets>();
  private sentences(i: number): SentenceSets {
    let sets = this.sentenceSets.get(i);
    if (!sets) {
      if (this.sentenceSets.size >= 10_000) this.sentenceSets.clear();
      sets = sentenceWordSets(articleText(this.docs[i]!.article));
      this.sentenceSets.set(i, sets);
    }
    return sets;
  }

  /**
   * Stores this run's results for the next run (only what this run used, so the entry does not
   * grow), as bytes (`packRuns`): the similar pairs in parts, then the entry naming them.
   */
  save(): void {
    if (!this.identities) return;
    // The similar pairs first, a part at a time (each made, written and let go before the next), then
    // the entry naming them: a store that commits in order never holds an entry without its parts.
    const save = randomUUID();
    this.savedAs = save;
    const similarParts = Math.ceil(this.similar.length / this.partPairs);
    for (let part = 0; part < similarParts; part++) {
      const from = part * this.partPairs;
      const to = Math.min(this.similar.length, from + this.partPairs);
      const pairs = new Int32Array((to - from) * 2);
      for (let k = from; k < to; k++) {
        pairs[2 * (k - from)] = this.similar.a[k]!;
        pairs[2 * (k - from) + 1] = this.similar.b[k]!;
      }
      this.cache.setBytes!(this.partKey(part), packRuns(PART_MAGIC, { save }, [pairs, this.similar.score.subarray(from, to)]));
    }
    // Straight from the map into typed arrays, in its order (no tuple per pair).
    const fromKeys = (map: Map<number, number>): [Int32Array, Float64Array] => {
      const pairs = new Int32Array(map.size * 2);
      const values = new Float64Array(map.size);
      let k = 0;
      for (const [key, v] of map) {
        pairs[2 * k] = this.firstOf(key);
        pairs[2 * k + 1] = this.secondOf(key);
        values[k++] = v;
      }
      return [pairs, values];
    };
    const quotePairs = Int32Array.from([...this.usedQuotes.keys()].flatMap((key) => [this.firstOf(key), this.secondOf(key)]));
    const runs: ArrayBufferView[] = [
      Buffer.from(this.identities.join(''), 'latin1'),
      ...fromKeys(this.used.jaccard),
      ...fromKeys(this.used.aligned),
      ...fromKeys(this.used.share),
      this.common,
      quotePairs,
      this.near?.pairs ?? new Int32Array(0),
      this.near?.representatives ?? new Uint8Array(0),
      this.twins.lead,
      this.groups,
    ];
    const near = this.near && { settings: this.near.settings, chained: this.near.chained };
    this.cache.setBytes!(this.entryKey(), packRuns(ENTRY_MAGIC, { save, similarParts, quotes: [...this.usedQuotes.values()], near } satisfies EntryHeader, runs));
  }

  private entryKey(): string {
    // 2: similar pairs in parts of their own; 3: as bytes; 4: with the near-duplicate candidates; 5: twins searched once; 6: no pairs within a group.
    return sha256('dedupe-pairs', '6', this.settings);
  }

  private partKey(part: number): string {
    return sha256('dedupe-pairs', '6', this.settings, 'similar', String(part));
  }

  /** Ordered pair key: alignment is not symmetric, so (a, b) and (b, a) differ. */
  private pairKey(a: number, b: number): number {
    return a * this.n + b;
  }

  /** The two articles of a `pairKey`. */
  private firstOf(key: number): number {
    return Math.floor(key / this.n);
  }

  private secondOf(key: number): number {
    return key % this.n;
  }

  private recall(kind: 0, used: Map<number, number>, a: number, b: number, compute: () => number): number {
    const key = this.pairKey(a, b);
    let value = used.get(key) ?? this.known[kind]!.get(key);
    if (value === undefined) value = compute();
    // Kept for the next run only when there is a cache to keep it in.
    if (this.identities) used.set(key, value);
    return value;
  }

  private reuseSimilar(previous: Stored, vectors: readonly SparseVector[], options: SimilarPairOptions): PairList | null {
    const fresh: number[] = [];
    this.oldPosition.forEach((p, i) => p < 0 && fresh.push(i));
    if (fresh.length > Math.max(1, this.n * FRESH_SHARE_FOR_FULL_SEARCH)) return null;
    const currentOf = this.currentOf(previous);
    const isFresh = new Uint8Array(this.n);
    for (const i of fresh) isFresh[i] = 1;
    // Undated–dated pairs depend on which features are common in the whole run (see
    // `undatedDatedSearch`): a pair's rare share is a sum over the features its two articles
    // share that are not common, so the last run's pair holds unless an article is fresh or has
    // a feature that became common or stopped being so. One search, restricted to those
    // articles (`searched`) once the common features it counts are known. A new day usually
    // moves a few features across the bar (measured on a 20k year + 300), and the search of
    // every undated–dated pair again was ~3 s of a year's new day (1 M pairs).
    let sameCommon = false;
    let searched: Uint8Array = isFresh;
    const twins = this.twins;
    const leads = twins.overLeads(vectors, options);
    const undated = undatedDatedSearch(leads.vectors, leads.options, (common) => {
      sameCommon = sameIds(previous.common, common);
      if (!sameCommon) searched = withFeatures(isFresh, vectors, movedIds(previous.common, common));
      return twins.leadMarks(searched);
    });
    const out = twins.renumber(undated.pairs);
    this.common = undated.common;
    const searchedAgain = new Map<number, number>();
    // …and (set as the stored pairs are read) those of a pair now within one group.
    const changed = new Uint8Array(this.n);
    // A part missing, damaged or of another save: nothing of that save is trusted; the full search.
    if (!Number.isInteger(previous.similarParts) || typeof previous.save !== 'string') return null;
    const parts: { pairs: Int32Array; values: Float64Array }[] = [];
    let stored = 0;
    for (let part = 0; part < previous.similarParts; part++) {
      const bytes = this.cache.getBytes!(this.partKey(part));
      const unpacked = bytes && unpackRuns<{ save: string }>(bytes, PART_MAGIC);
      if (unpacked?.header.save !== previous.save || unpacked.runs.length !== 2) return null;
      const [pairBytes, valueBytes] = unpacked.runs as [ArrayBuffer, ArrayBuffer];
      if (pairBytes.byteLength !== valueBytes.byteLength || valueBytes.byteLength % 8 !== 0) return null;
      parts.push({ pairs: new Int32Array(pairBytes), values: new Float64Array(valueBytes) });
      stored += valueBytes.byteLength / 8;
    }
    // Each fresh article against the articles of its window only: the dated ones by day
    // (sorted once, a range found by bisection), or the undated ones. A new day of 300 in a
    // 100k year was 30 M window tests; the same pairs come out (`out` is sorted below).
    const dayIndex = new DayIndex(this.n, options.day);
    const apart = options.apart;
    const score = (i: number, j: number) => {
      // A pair of two fresh articles is scored once, from its smaller index; a twin only with its lead (below).
      if (j === i || (isFresh[j] && j < i) || !twins.isLead(j) || (apart && !apart(i, j))) return;
      if (!sameWindow(options.day(i), options.day(j), options.windowDays)) return;
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      const cos = cosine(vectors[a]!, vectors[b]!);
      if (cos >= options.threshold) out.push(a, b, cos);
    };
    const freshLeads = fresh.filter((i) => twins.isLead(i));
    if (options.threshold > SHARED_FEATURE_MARGIN) sharedFeaturePairs(freshLeads, vectors, dayIndex, options, score);
    else for (const i of freshLeads) for (const j of dayIndex.around(options.day(i), options.windowDays)) score(i, j);
    const freshTwins = twins.leadPairs(vectors, options, isFresh);
    for (let k = 0; k < freshTwins.length; k++) out.push(freshTwins.a[k]!, freshTwins.b[k]!, freshTwins.score[k]!);
    // Pairs within one window are functions of the two articles alone and are reused. They
    // were stored in order; while the unchanged articles keep their relative order (the
    // usual case: a new day or an edit moves no other article), they come out in order, and
    // the few new pairs are merged into them below instead of sorting 1.5 M pairs at 100k.
    // Sized once for what was stored and what was found: grown by doubling from nothing, the
    // list allocated and copied ~64 MB for 2 M pairs (0.46 s of a year's new day, profiled).
    const reused = new PairList(stored + out.length);
    for (const { pairs, values } of parts) {
      // Read in a plain loop straight into the list (a callback and a tuple per pair cost
      // 0.75 s of a 100k year's new day).
      for (let k = 0; k < values.length; k++) {
        const a = currentOf[pairs[2 * k]!]!;
        const b = currentOf[pairs[2 * k + 1]!]!;
        if (a < 0 || b < 0) continue;
        if (apart && !apart(a, b)) {
          // Of one group now (copies found since): left out, as a search now would.
          changed[a] = changed[b] = 1;
          continue;
        }
        const da = options.day(a);
        const db = options.day(b);
        const undatedDated = (da === null) !== (db === null);
        if (!(sameWindow(da, db, options.windowDays) || (undatedDated && !searched[a] && !searched[b]))) {
          // An undated–dated pair searched again: what it was, to tell who changed.
          if (undatedDated && !sameCommon) searchedAgain.set(this.pairKey(Math.min(a, b), Math.max(a, b)), values[k]!);
          continue;
        }
        reused.push(Math.min(a, b), Math.max(a, b), values[k]!);
      }
    }
    parts.length = 0;
    // Known articles whose pairs with known articles are not what they were: those of an
    // undated–dated pair found again with another cosine, or found only in one of the runs.
    if (!sameCommon) {
      for (let k = 0; k < out.length; k++) {
        const a = out.a[k]!;
        const b = out.b[k]!;
        if (isFresh[a] || isFresh[b]) continue;
        const key = this.pairKey(a, b);
        if (searchedAgain.get(key) !== out.score[k]) changed[a] = changed[b] = 1;
        searchedAgain.delete(key);
      }
      for (const key of searchedAgain.keys()) changed[this.firstOf(key)] = changed[this.secondOf(key)] = 1;
    }
    this.continued = { save: previous.save, previousCount: previous.identities.length, oldIndex: this.oldPosition, changed };
    // No pair is in both lists: reused pairs are of two known articles, `out` holds pairs of a
    // fresh article and (when the common features changed) undated–dated pairs, which are then
    // not reused.
    if (!reused.isOrdered()) return PairList.concat(reused, out).sorted();
    return reused.mergeFrom(out.sorted());
  }
}

/** Stored positions, one per position (each at most its own with `atMostOwn`), or none (nothing reused) when they do not fit that run's list. */
function checkedPositions(positions: Int32Array, count: number, atMostOwn: boolean): Int32Array {
  if (positions.length !== count || positions.some((p, i) => p < 0 || p >= count || (atMostOwn && p > i))) throw new Error('dedupe-pairs: positions do not fit the entry');
  return positions;
}

/**
 * `items` (ascending) ordered by their `days`, ties by item: by the stable radix sort
 * (`radixOrder`) of the days less the first when they are whole numbers (the usual case; a sort
 * with a comparator calling back for each day took 0.2 s of a year's new day), else by a
 * comparator sort of the same order.
 */
export function byDay(items: readonly number[], days: Float64Array): Int32Array {
  let low = Infinity;
  let high = -Infinity;
  for (const d of days) (low = Math.min(low, d)), (high = Math.max(high, d));
  const whole = days.every(Number.isInteger) && high - low < 2 ** 32;
  const order = whole ? radixOrder(days.map((d) => d - low)) : items.map((_, k) => k).sort((x, y) => days[x]! - days[y]! || x - y);
  return Int32Array.from(order, (k) => items[k]!);
}

/** What a list of near-duplicate candidates was searched with, as one comparable string. */
function nearSettings({ banding, floor, maxBucket }: NearOptions): string {
  return JSON.stringify([banding.bands, banding.rows, floor, maxBucket ?? MAX_BUCKET]);
}

/** A stored header's `near` as this code writes it (or none). */
function wellFormedNear(near: unknown): boolean {
  if (near === null) return true;
  const { settings, chained } = (near ?? {}) as { settings?: unknown; chained?: unknown };
  const whole = (x: unknown) => Number.isInteger(x);
  return typeof settings === 'string' && Array.isArray(chained) && chained.every((b: ChainedBucket | null) => b !== null && typeof b === 'object' && whole(b.band) && whole(b.hash) && whole(b.size) && whole(b.first));
}

function sameIds(a: Uint32Array, b: Uint32Array): boolean {
  return a.length === b.length && a.every((id, k) => id === b[k]);
}

/** The ids in one of two ascending lists and not the other. */
function movedIds(a: Uint32Array, b: Uint32Array): Set<number> {
  const moved = new Set<number>();
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) moved.add(a[i++]!);
    else if (i >= a.length || b[j]! < a[i]!) moved.add(b[j++]!);
    else (i++, j++);
  }
  return moved;
}

/** `marked`, and every article with one of `ids` among its features. */
function withFeatures(marked: Uint8Array, vectors: readonly SparseVector[], ids: Set<number>): Uint8Array {
  const out = Uint8Array.from(marked);
  vectors.forEach((v, i) => {
    if (out[i]) return;
    for (const id of v.ids) {
      if (ids.has(id)) {
        out[i] = 1;
        return;
      }
    }
  });
  return out;
}

/** How far below the threshold a dot product summed feature by feature may be and its pair still be scored (see `sharedFeaturePairs`). */
const SHARED_FEATURE_MARGIN = 1e-6;

/**
 * Calls `score(i, j)` for each fresh article `i` and each article `j` of its window (a superset:
 * `score` tests the window) that shares features with it enough to reach the threshold — every
 * pair that can. Scoring every article of the window (a new day of 300 in a 100k year: 1.2 M
 * cosines, ~0.5 s) is replaced by one pass over the window's articles and the fresh articles'
 * features: each shared feature adds its product to the pair's dot product, and only pairs whose
 * sum reaches the threshold less a margin are scored by `cosine`, which decides (a sum taken in
 * another order can differ from it in the last bits, never by the margin).
 */
function sharedFeaturePairs(fresh: readonly number[], vectors: readonly SparseVector[], dayIndex: DayIndex, options: SimilarPairOptions, score: (i: number, j: number) => void): void {
  // Each feature of a fresh article: which fresh articles have it, with what weight.
  const postings = new Map<number, { fresh: number[]; weights: number[] }>();
  fresh.forEach((i, f) => {
    const { ids, weights } = vectors[i]!;
    for (let k = 0; k < ids.length; k++) {
      let list = postings.get(ids[k]!);
      if (!list) postings.set(ids[k]!, (list = { fresh: [], weights: [] }));
      list.fresh.push(f);
      list.weights.push(weights[k]!);
    }
  });
  // The articles of any fresh article's window, once each.
  const inWindow = new Uint8Array(vectors.length);
  const window: number[] = [];
  for (const i of fresh) {
    for (const j of dayIndex.around(options.day(i), options.windowDays)) {
      if (!inWindow[j]) (inWindow[j] = 1), window.push(j);
    }
  }
  const dot = new Float64Array(fresh.length);
  const isTouched = new Uint8Array(fresh.length);
  const touched: number[] = [];
  for (const j of window) {
    const { ids, weights } = vectors[j]!;
    for (let k = 0; k < ids.length; k++) {
      const list = postings.get(ids[k]!);
      if (!list) continue;
      for (let p = 0; p < list.fresh.length; p++) {
        const f = list.fresh[p]!;
        if (!isTouched[f]) (isTouched[f] = 1), touched.push(f);
        dot[f]! += weights[k]! * list.weights[p]!;
      }
    }
    for (const f of touched) {
      if (dot[f]! >= options.threshold - SHARED_FEATURE_MARGIN) score(fresh[f]!, j);
      dot[f] = 0;
      isTouched[f] = 0;
    }
    touched.length = 0;
  }
}

/** Articles by day: those of the days within a window of one day, or the undated ones. */
class DayIndex {
  /** Dated articles (finite day numbers) ascending by day, then index; their days beside them. */
  private readonly order: Int32Array;
  private readonly days: Float64Array;
  private readonly undated: number[] = [];

  constructor(n: number, day: (i: number) => number | null) {
    const dated: number[] = [];
    for (let i = 0; i < n; i++) {
      const d = day(i);
      if (d === null) this.undated.push(i);
      // A day that is not a number (NaN) is in no window (`sameWindow` is false for it).
      else if (Number.isFinite(d)) dated.push(i);
    }
    this.order = byDay(dated, Float64Array.from(dated, (i) => day(i)!));
    this.days = Float64Array.from(this.order, (i) => day(i)!);
  }

  /** Candidates for `sameWindow(day, ·, windowDays)`: a superset, the caller still tests it. */
  around(day: number | null, windowDays: number): ArrayLike<number> & Iterable<number> {
    if (day === null) return this.undated;
    if (!Number.isFinite(day)) return [];
    return this.order.subarray(this.first(day - windowDays, false), this.first(day + windowDays, true));
  }

  /** The first position whose day is ≥ `day` (> `day` when `after`). */
  private first(day: number, after: boolean): number {
    let low = 0;
    let high = this.days.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.days[mid]! < day || (after && this.days[mid] === day)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

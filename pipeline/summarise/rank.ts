/**
 * How important each candidate sentence is to its story, from three signals:
 *
 * - **centrality** — continuous LexRank (Erkan & Radev 2004): PageRank over the
 *   TF-IDF cosine graph of the story's sentences; a sentence that many others
 *   resemble states the core of the story. When the story has several
 *   articles, only edges *between* articles count (`crossArticle: 1`): a
 *   sentence echoed by other reports is central to the story, while one that
 *   merely resembles the rest of its own long article is not — this keeps one
 *   long or off-topic source from dominating;
 * - **position** — news is written lead first, so early sentences of each
 *   article score higher (a smooth decay, not a hard cut);
 * - **agreement** — how much of the sentence is also said by the story's
 *   *other* sources: facts several independent reports share are the ones a
 *   briefing should carry.
 *
 * Each signal is scaled to [0, 1] within the story and mixed with the weights
 * below; the selection step (select.ts) then trades importance against
 * redundancy.
 */
import type { Candidate } from './candidates.ts';
import { TermIds, tfidfVectors, type TermVector } from './terms.ts';
import { maxOf } from '../common/arrays.ts';

export interface RankWeights {
  centrality: number;
  position: number;
  agreement: number;
  /** Share of the similarity graph's weight on edges between different articles (0.5 = all edges count alike). */
  crossArticle: number;
}

export const DEFAULT_WEIGHTS: RankWeights = { centrality: 0.45, position: 0.35, agreement: 0.2, crossArticle: 1 };

export interface Ranked {
  candidate: Candidate;
  vector: TermVector;
  score: number;
  centrality: number;
  positionScore: number;
  agreement: number;
}

/** At most this many sentences per article enter the graph: later ones are rarely summary material and the graph is quadratic. */
const MAX_SENTENCES_PER_ARTICLE = 80;
/** At most this many sentences in one story's graph (memory and time grow with its square). */
const MAX_POOL = 600;
const DAMPING = 0.85;
const ITERATIONS = 50;
/** L1 change between iterations below which the walk has settled. */
const CONVERGED = 1e-6;

export function rankCandidates(all: Candidate[], given: Partial<RankWeights> = {}): Ranked[] {
  const weights = { ...DEFAULT_WEIGHTS, ...given };
  let pool = all.filter((c) => !c.heading && c.terms.length > 0 && c.position < MAX_SENTENCES_PER_ARTICLE);
  if (pool.length > MAX_POOL) {
    // A story of very many articles: keep the earliest sentences of every article (leads first), in story order.
    const keep = new Set([...pool].sort((a, b) => a.position - b.position || a.articleOrder - b.articleOrder || a.index - b.index).slice(0, MAX_POOL));
    pool = pool.filter((c) => keep.has(c));
  }
  if (pool.length === 0) return [];
  const dictionary = new TermIds();
  const vectors = tfidfVectors(pool.map((c) => c.terms), dictionary);
  const n = pool.length;
  const articleCount = new Set(pool.map((c) => c.articleId)).size;
  // With several sources, an edge to another article counts more than one within the same article:
  // a sentence echoed by other reports is central to the story, not just to its own article.
  const cross = articleCount > 1 ? 2 * weights.crossArticle : 1;
  const within = articleCount > 1 ? 2 * (1 - weights.crossArticle) : 1;

  const rank = lexRank(similarityGraph(pool, vectors, dictionary.size, within, cross));

  // Agreement: the share of the sentence's terms (by IDF weight) that other independent sources also use.
  const articleIds = [...new Set(pool.filter((c) => c.role !== 'duplicate').map((c) => c.articleId))];
  const sourceOf = new Map(articleIds.map((id, k) => [id, k]));
  // For each term id, which independent sources use it (a bit per source and term) and how many.
  const sourceCount = articleIds.length;
  const usedBy = new Uint8Array(dictionary.size * sourceCount);
  const users = new Int32Array(dictionary.size);
  pool.forEach((c, i) => {
    const source = sourceOf.get(c.articleId);
    if (source === undefined) return;
    for (const id of vectors[i]!.ids) {
      if (usedBy[id * sourceCount + source]) continue;
      usedBy[id * sourceCount + source] = 1;
      users[id]!++;
    }
  });
  const agreement = pool.map((c, i) => {
    if (sourceCount < 2) return 0;
    const own = sourceOf.get(c.articleId);
    const { ids, values } = vectors[i]!;
    let shared = 0;
    let total = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const others = users[id]! - (own !== undefined && usedBy[id * sourceCount + own] ? 1 : 0);
      total += values[k]!;
      shared += (values[k]! * others) / (sourceCount - (own === undefined ? 0 : 1));
    }
    return total > 0 ? shared / total : 0;
  });

  const maxRank = maxOf(rank);
  const maxAgreement = maxOf(agreement, 1e-9);
  return pool.map((candidate, i) => {
    const centrality = rank[i]! / maxRank;
    const positionScore = 1 / Math.sqrt(1 + candidate.position);
    const agree = agreement[i]! / maxAgreement;
    // Very short sentences carry little; scale them down rather than excluding them.
    const lengthFactor = Math.min(1, candidate.words / 12);
    const score = lengthFactor * (weights.centrality * centrality + weights.position * positionScore + weights.agreement * agree);
    return { candidate, vector: vectors[i]!, score, centrality, positionScore, agreement: agree };
  });
}

/**
 * The similarity graph in compressed rows: sentence i's neighbours (ascending)
 * are `ids[offsets[i] … offsets[i + 1]]` with their `weights`. Symmetric.
 */
interface Graph {
  offsets: Int32Array;
  ids: Int32Array;
  weights: Float64Array;
  rowSum: Float64Array;
}

/**
 * Cosine similarity of every pair of sentences, weighted by whether the pair
 * spans two articles. Dot products are accumulated term by term over an
 * inverted index (term → sentences using it), so only pairs that share a term
 * cost anything; terms are visited in ascending id order, the order a merge of
 * two sorted vectors adds them in, so each similarity is the same number
 * `cosine()` gives.
 */
function similarityGraph(pool: Candidate[], vectors: TermVector[], terms: number, within: number, cross: number): Graph {
  const n = pool.length;
  // Postings in flat arrays: term t's sentences are postingIds[start[t] … start[t + 1]].
  const start = new Int32Array(terms + 1);
  for (const vector of vectors) for (const id of vector.ids) start[id + 1]!++;
  for (let t = 0; t < terms; t++) start[t + 1]! += start[t]!;
  const fill = start.slice(0, terms);
  const postingIds = new Int32Array(start[terms]!);
  const postingValues = new Float64Array(start[terms]!);
  vectors.forEach((vector, i) => {
    for (let k = 0; k < vector.ids.length; k++) {
      const at = fill[vector.ids[k]!]!++;
      postingIds[at] = i;
      postingValues[at] = vector.values[k]!;
    }
  });
  // Upper triangle of the dot products (i < j); sentences enter each posting in ascending order.
  const dot = new Float64Array(n * n);
  for (let t = 0; t < terms; t++) {
    const end = start[t + 1]!;
    for (let p = start[t]!; p < end; p++) {
      const row = postingIds[p]! * n;
      const value = postingValues[p]!;
      for (let q = p + 1; q < end; q++) dot[row + postingIds[q]!]! += value * postingValues[q]!;
    }
  }
  // Scaled to cosines and summed per row in the order a pairwise loop would (i ascending, then j).
  const rowSum = new Float64Array(n);
  const degree = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = vectors[i]!;
    for (let j = i + 1; j < n; j++) {
      const d = dot[i * n + j]!;
      const b = vectors[j]!;
      if (d === 0 || a.norm === 0 || b.norm === 0) {
        dot[i * n + j] = 0;
        continue;
      }
      const s = (d / (a.norm * b.norm)) * (pool[i]!.articleId === pool[j]!.articleId ? within : cross);
      dot[i * n + j] = s;
      if (s > 0) {
        rowSum[i]! += s;
        rowSum[j]! += s;
        degree[i]!++;
        degree[j]!++;
      }
    }
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + degree[i]!;
  const ids = new Int32Array(offsets[n]!);
  const weights = new Float64Array(offsets[n]!);
  const next = offsets.slice(0, n);
  // Row i lists j < i (from the upper triangle's column i) before j > i, so each row is ascending.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const s = j < i ? dot[j * n + i]! : dot[i * n + j]!;
      if (s > 0) {
        const at = next[i]!++;
        ids[at] = j;
        weights[at] = s;
      }
    }
  }
  return { offsets, ids, weights, rowSum };
}

/**
 * PageRank over the similarity graph: a random walk that follows edges by
 * weight. Each sentence gathers its rank from its neighbours in ascending
 * order (the graph is symmetric), interleaved with the even share of any
 * sentence like no other — the same additions in the same order as spreading
 * each sentence's rank along its edges, so the same numbers.
 */
function lexRank({ offsets, ids, weights, rowSum }: Graph): Float64Array {
  const n = rowSum.length;
  const isolated: number[] = [];
  for (let j = 0; j < n; j++) if (!(rowSum[j]! > 0)) isolated.push(j);
  const order = gatherOrder(offsets, ids, isolated);
  let rank = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  const share = new Float64Array(n);
  const even = new Float64Array(isolated.length);
  const base = (1 - DAMPING) / n;
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    for (let j = 0; j < n; j++) share[j] = rowSum[j]! > 0 ? (DAMPING * rank[j]!) / rowSum[j]! : 0;
    // A sentence like no other spreads its rank evenly (keeps the walk a distribution).
    for (let e = 0; e < isolated.length; e++) even[e] = (DAMPING * rank[isolated[e]!]!) / n;
    if (order === null) {
      for (let i = 0; i < n; i++) {
        let sum = base;
        const end = offsets[i + 1]!;
        for (let k = offsets[i]!; k < end; k++) sum += weights[k]! * share[ids[k]!]!;
        next[i] = sum;
      }
    } else {
      for (let i = 0; i < n; i++) {
        let sum = base;
        const end = order.start[i + 1]!;
        for (let p = order.start[i]!; p < end; p++) {
          const k = order.steps[p]!;
          sum += k >= 0 ? weights[k]! * share[ids[k]!]! : even[-1 - k]!;
        }
        next[i] = sum;
      }
    }
    let change = 0;
    for (let i = 0; i < n; i++) change += Math.abs(next[i]! - rank[i]!);
    [rank, next] = [next, rank];
    if (change < CONVERGED) break;
  }
  return rank;
}

/**
 * The order each sentence gathers its rank in when some sentences are like no
 * other: its neighbours and the isolated sentences, merged by ascending id —
 * worked out once instead of in every iteration. Step `k ≥ 0` is edge `k`,
 * step `-1 - e` the even share of isolated sentence `e`. Null when none is
 * isolated (each row is then just its edges).
 */
function gatherOrder(offsets: Int32Array, ids: Int32Array, isolated: readonly number[]): { start: Int32Array; steps: Int32Array } | null {
  if (isolated.length === 0) return null;
  const n = offsets.length - 1;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + (offsets[i + 1]! - offsets[i]!) + isolated.length;
  const steps = new Int32Array(start[n]!);
  for (let i = 0; i < n; i++) {
    let p = start[i]!;
    let k = offsets[i]!;
    const end = offsets[i + 1]!;
    let e = 0;
    while (k < end || e < isolated.length) {
      if (e < isolated.length && (k >= end || isolated[e]! < ids[k]!)) steps[p++] = -1 - e++;
      else steps[p++] = k++;
    }
  }
  return { start, steps };
}

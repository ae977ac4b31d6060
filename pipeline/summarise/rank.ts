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
import { cosine, inverseDocumentFrequency, TermIds, tfidfVector, type TermVector } from './terms.ts';

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
  const idf = inverseDocumentFrequency(pool.map((c) => c.terms));
  const dictionary = new TermIds();
  const vectors = pool.map((c) => tfidfVector(c.terms, idf, dictionary));
  const n = pool.length;
  const articleCount = new Set(pool.map((c) => c.articleId)).size;
  // With several sources, an edge to another article counts more than one within the same article:
  // a sentence echoed by other reports is central to the story, not just to its own article.
  const cross = articleCount > 1 ? 2 * weights.crossArticle : 1;
  const within = articleCount > 1 ? 2 * (1 - weights.crossArticle) : 1;

  // Similarity graph (symmetric), row sums for the random walk.
  const sim = new Float64Array(n * n);
  const rowSum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = cosine(vectors[i]!, vectors[j]!) * (pool[i]!.articleId === pool[j]!.articleId ? within : cross);
      if (s > 0) {
        sim[i * n + j] = s;
        sim[j * n + i] = s;
        rowSum[i]! += s;
        rowSum[j]! += s;
      }
    }
  }
  let rank = new Float64Array(n).fill(1 / n);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const next = new Float64Array(n).fill((1 - DAMPING) / n);
    for (let j = 0; j < n; j++) {
      const share = rowSum[j]! > 0 ? (DAMPING * rank[j]!) / rowSum[j]! : 0;
      if (share === 0) {
        // A sentence like no other spreads its rank evenly (keeps the walk a distribution).
        const even = (DAMPING * rank[j]!) / n;
        for (let i = 0; i < n; i++) next[i]! += even;
        continue;
      }
      for (let i = 0; i < n; i++) {
        const s = sim[j * n + i]!;
        if (s > 0) next[i]! += s * share;
      }
    }
    let change = 0;
    for (let i = 0; i < n; i++) change += Math.abs(next[i]! - rank[i]!);
    rank = next;
    if (change < CONVERGED) break;
  }

  // Agreement: the share of the sentence's terms (by IDF weight) that other independent sources also use.
  const articleIds = [...new Set(pool.filter((c) => c.role !== 'duplicate').map((c) => c.articleId))];
  const sourceOf = new Map(articleIds.map((id, k) => [id, k]));
  // For each term id, the set of independent sources using it, as a bit list (one entry per source).
  const usedBy = new Map<number, Uint8Array>();
  pool.forEach((c, i) => {
    const source = sourceOf.get(c.articleId);
    if (source === undefined) return;
    for (const id of vectors[i]!.ids) {
      let sources = usedBy.get(id);
      if (!sources) usedBy.set(id, (sources = new Uint8Array(articleIds.length)));
      sources[source] = 1;
    }
  });
  const agreement = pool.map((c, i) => {
    if (articleIds.length < 2) return 0;
    const own = sourceOf.get(c.articleId);
    const { ids, values } = vectors[i]!;
    let shared = 0;
    let total = 0;
    for (let k = 0; k < ids.length; k++) {
      const sources = usedBy.get(ids[k]!);
      let others = 0;
      if (sources) for (let s = 0; s < sources.length; s++) if (s !== own && sources[s]) others++;
      total += values[k]!;
      shared += (values[k]! * others) / (articleIds.length - (own === undefined ? 0 : 1));
    }
    return total > 0 ? shared / total : 0;
  });

  const maxRank = Math.max(...rank);
  const maxAgreement = Math.max(...agreement, 1e-9);
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

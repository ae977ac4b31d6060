/**
 * ROUGE-1, ROUGE-2 and ROUGE-L F1 exactly as google-research `rouge_score`
 * (`RougeScorer(['rouge1','rouge2','rougeL'], use_stemmer=True)`) computes
 * them, so our figures compare with published ones:
 *
 * - tokens: lower-case, every run of characters other than [a-z0-9] becomes a
 *   space, split on whitespace, Porter-stem (NLTK's variant) tokens longer than
 *   3 characters, drop empty tokens;
 * - ROUGE-N: clipped n-gram overlap; precision = overlap / candidate n-grams,
 *   recall = overlap / reference n-grams (each over max(count, 1));
 * - ROUGE-L: longest common subsequence of the two whole token lists
 *   (sentence-agnostic; not rougeLsum);
 * - F1 = 2PR / (P + R), 0 when both are 0.
 */
import { porterStem } from '../pipeline/summarise/porter.ts';

export interface Score {
  precision: number;
  recall: number;
  fmeasure: number;
}

export interface RougeScores {
  rouge1: Score;
  rouge2: Score;
  rougeL: Score;
}

export function rougeTokenize(text: string, stem = true): string[] {
  const tokens = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').split(/\s+/);
  return tokens.map((t) => (stem && t.length > 3 ? porterStem(t) : t)).filter((t) => /^[a-z0-9]+$/.test(t));
}

function score(overlap: number, candidateTotal: number, referenceTotal: number): Score {
  const precision = overlap / Math.max(candidateTotal, 1);
  const recall = overlap / Math.max(referenceTotal, 1);
  const fmeasure = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, fmeasure };
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

export function rougeN(reference: string[], candidate: string[], n: number): Score {
  const ref = ngramCounts(reference, n);
  const cand = ngramCounts(candidate, n);
  let overlap = 0;
  for (const [gram, count] of cand) overlap += Math.min(count, ref.get(gram) ?? 0);
  const total = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
  return score(overlap, total(cand), total(ref));
}

/** Length of the longest common subsequence (two rows of the DP table, O(n·m) time). */
export function lcsLength(a: readonly unknown[], b: readonly unknown[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

export function rougeL(reference: string[], candidate: string[]): Score {
  if (reference.length === 0 || candidate.length === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  return score(lcsLength(reference, candidate), candidate.length, reference.length);
}

/** Scores `prediction` against `target` (same argument order as `RougeScorer.score`). */
export function rouge(target: string, prediction: string, stem = true): RougeScores {
  const reference = rougeTokenize(target, stem);
  const candidate = rougeTokenize(prediction, stem);
  return { rouge1: rougeN(reference, candidate, 1), rouge2: rougeN(reference, candidate, 2), rougeL: rougeL(reference, candidate) };
}

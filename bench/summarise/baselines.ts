/**
 * The two baselines the issue measured, computed here from the same sentences
 * and scored by the same ROUGE code as our summariser:
 *
 * - `firstSentences`: the first 3 sentences of each article, articles in order;
 * - `plainTextRank`: TextRank (Mihalcea & Tarau 2004: PageRank over word-overlap
 *   similarity normalised by log sentence lengths) with a redundancy filter
 *   (skip a sentence whose cosine to one already chosen is ≥ 0.5), top sentences
 *   up to the word budget, shown in document order.
 */
import { sentencesOf } from '../../pipeline/common/sentences.ts';
import { termsOf } from '../../pipeline/summarise/terms.ts';

export interface BenchArticle {
  text: string;
}

function paragraphSentences(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .flatMap((p) => sentencesOf(p));
}

export function firstSentences(articles: BenchArticle[], perArticle = 3): string {
  return articles.flatMap((a) => paragraphSentences(a.text).slice(0, perArticle)).join(' ');
}

export function plainTextRank(articles: BenchArticle[], words: number): string {
  const sentences = articles.flatMap((a) => paragraphSentences(a.text)).filter((s) => s.split(/\s+/).length >= 4);
  const terms = sentences.map((s) => termsOf(s));
  const sets = terms.map((t) => new Set(t));
  const n = sentences.length;
  const sim: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = sets[i]!;
      const b = sets[j]!;
      if (a.size < 2 || b.size < 2) continue;
      let shared = 0;
      for (const t of a) if (b.has(t)) shared++;
      const s = shared / (Math.log(a.size) + Math.log(b.size));
      sim[i]![j] = s;
      sim[j]![i] = s;
    }
  }
  const out = sim.map((row) => row.reduce((x, y) => x + y, 0));
  let rank = new Array<number>(n).fill(1 / Math.max(n, 1));
  for (let it = 0; it < 30; it++) {
    rank = rank.map((_, i) => {
      let sum = 0;
      for (let j = 0; j < n; j++) if (sim[j]![i]! > 0 && out[j]! > 0) sum += (sim[j]![i]! / out[j]!) * rank[j]!;
      return 0.15 / n + 0.85 * sum;
    });
  }
  const order = rank.map((r, i) => ({ r, i })).sort((a, b) => b.r - a.r || a.i - b.i);
  const chosen: number[] = [];
  let count = 0;
  const cos = (i: number, j: number): number => {
    const a = sets[i]!;
    const b = sets[j]!;
    let shared = 0;
    for (const t of a) if (b.has(t)) shared++;
    return a.size && b.size ? shared / Math.sqrt(a.size * b.size) : 0;
  };
  for (const { i } of order) {
    if (count >= words) break;
    if (chosen.some((j) => cos(i, j) >= 0.5)) continue;
    chosen.push(i);
    count += sentences[i]!.split(/\s+/).length;
  }
  return chosen
    .sort((a, b) => a - b)
    .map((i) => sentences[i])
    .join(' ');
}

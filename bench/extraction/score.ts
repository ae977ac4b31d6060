/**
 * The article-extraction-benchmark's published metric (its `evaluate.py`),
 * re-implemented: tokens are `\w+` runs (Unicode letters, digits, `_`, as
 * Python's `re.UNICODE` `\w`), shingles are 4-token windows counted as a
 * multiset, and each page's tp/fp/fn are normalised to sum to 1 so long pages
 * weigh no more than short ones. Precision is averaged over pages that
 * predicted something or expected something (tp+fp > 0), recall over pages
 * with tp+fn > 0, and F1 is the harmonic mean of those two averages.
 */

export type TpFpFn = readonly [tp: number, fp: number, fn: number];

const TOKEN = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** 4-token shingles as a multiset; a text shorter than n gives one short shingle, as the original does. */
export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const window = tokens.slice(i, i + n);
    if (window.length === 0) continue;
    // \u0001 cannot occur inside a \w token, so the key is unambiguous.
    const key = window.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function shingleMatching(truth: string, prediction: string, n = 4): TpFpFn {
  const expected = shingles(truth, n);
  const predicted = shingles(prediction, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, predCount] of predicted) {
    const trueCount = expected.get(key) ?? 0;
    tp += Math.min(trueCount, predCount);
    fp += Math.max(0, predCount - trueCount);
  }
  for (const [key, trueCount] of expected) fn += Math.max(0, trueCount - (predicted.get(key) ?? 0));
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [tp, fp, fn];
}

function precisionScore([tp, fp, fn]: TpFpFn): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallScore([tp, fp, fn]: TpFpFn): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

const mean = (values: number[]): number => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

export interface Scores {
  f1: number;
  precision: number;
  recall: number;
}

export function scoresFrom(perPage: TpFpFn[]): Scores {
  const precision = mean(perPage.filter(([tp, fp]) => tp + fp > 0).map(precisionScore));
  const recall = mean(perPage.filter(([tp, , fn]) => tp + fn > 0).map(recallScore));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { f1, precision, recall };
}

/** Scores predictions (page id → text) against the ground truth (page id → text); a missing prediction is empty. */
export function scoreOutputs(truth: Map<string, string>, predictions: Map<string, string>): Scores & { perPage: Map<string, TpFpFn> } {
  const perPage = new Map<string, TpFpFn>();
  for (const [id, expected] of truth) perPage.set(id, shingleMatching(expected, predictions.get(id) ?? ''));
  return { ...scoresFrom([...perPage.values()]), perPage };
}

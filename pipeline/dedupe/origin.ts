/**
 * Evidence that two articles are copies of one wire story even when rewritten:
 * the same long verbatim quotations, and the same facts (sentences) in the
 * same order. Two independent reports of one event may share a short quote or
 * a fact or two, rarely a run of long quotations with the facts in order.
 */
import { splitSentences } from '../common/sentences.ts';
import { contentWords, tokenize } from '../common/text.ts';
import { hashString, mix32 } from './minhash.ts';

/** Quotation spans: “…”, "…", ‘…’ (not apostrophes), «…», and the PTB `` … '' form. */
const QUOTE_PATTERNS = [/“([^”]+)”/gu, /"([^"]+)"/gu, /(?<![\p{L}\p{N}])‘([^’]+)’(?![\p{L}\p{N}])/gu, /«([^»]+)»/gu, /``(.+?)''/gu];

/**
 * The words of every quotation in the text, each quotation as its own word
 * list (lower case, as `tokenize` gives them), with the words as written kept
 * alongside for messages.
 */
export function quotations(text: string): Quotation[] {
  const out: Quotation[] = [];
  for (const pattern of QUOTE_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const words = tokenize(m[1]!) as Quotation;
      const written = m[1]!.normalize('NFKC').match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
      if (written.length === words.length) words.written = written;
      out.push(words);
    }
  }
  return out;
}

/** A quotation's lower-case words; `written` has them as the article wrote them. */
export type Quotation = string[] & { written?: string[] };

/** Hashes of every `window`-word run inside a quotation: two articles sharing one share a quotation of ≥ `window` words. */
export function quoteWindows(quotes: readonly string[][], window: number): Uint32Array {
  const hashes: number[] = [];
  for (const words of quotes) {
    for (let i = 0; i + window <= words.length; i++) hashes.push(windowHash(words, i, window));
  }
  const out = Uint32Array.from(hashes).sort();
  return out.filter((h, i) => i === 0 || h !== out[i - 1]);
}

function windowHash(words: string[], start: number, window: number): number {
  let h = 0x3c6ef372;
  for (let j = start; j < start + window; j++) h = mix32(h ^ hashString(words[j]!));
  return h;
}

/**
 * The quotations of `a` that also appear in `b` as runs of ≥ `window` words,
 * as text (for messages), longest first.
 */
export function sharedQuotations(aQuotes: readonly Quotation[], bWindows: Uint32Array, window: number): string[] {
  const bSet = new Set(bWindows);
  const runs: string[] = [];
  for (const words of aQuotes) {
    let runStart = -1;
    let runEnd = -1;
    for (let i = 0; i + window <= words.length; i++) {
      if (bSet.has(windowHash(words, i, window))) {
        if (runStart < 0 || i > runEnd) {
          if (runStart >= 0) runs.push((words.written ?? words).slice(runStart, runEnd).join(' '));
          runStart = i;
        }
        runEnd = i + window;
      }
    }
    if (runStart >= 0) runs.push((words.written ?? words).slice(runStart, runEnd).join(' '));
  }
  return [...new Set(runs)].sort((x, y) => y.length - x.length);
}

/** The sentences worth aligning (≥ 4 content words), as sets of content words. */
export function sentenceWordSets(text: string): Array<Set<string>> {
  return splitSentences(text)
    .map((s) => new Set(contentWords(s.text)))
    .filter((set) => set.size >= 4);
}

function dice(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export interface Alignment {
  /** Sentences of a matched to sentences of b, in the same order in both. */
  aligned: number;
  /** aligned / sentences of the shorter article. */
  share: number;
}

/**
 * Aligns the sentences of two articles: each sentence of `a` matched to its
 * most similar sentence of `b` (Dice ≥ `minSimilarity`), then the longest run
 * of matches in the same order in both (longest increasing subsequence) —
 * the same facts in the same order, as a rewritten copy keeps them.
 */
export function alignSentences(a: Array<Set<string>>, b: Array<Set<string>>, minSimilarity: number): Alignment {
  const shorter = Math.min(a.length, b.length);
  if (shorter === 0) return { aligned: 0, share: 0 };
  const matches: number[] = [];
  for (const sentence of a) {
    let best = -1;
    let bestScore = minSimilarity;
    for (let j = 0; j < b.length; j++) {
      const score = dice(sentence, b[j]!);
      if (score >= bestScore) {
        bestScore = score;
        best = j;
      }
    }
    if (best >= 0) matches.push(best);
  }
  const aligned = longestIncreasing(matches);
  return { aligned, share: aligned / shorter };
}

/** Length of the longest strictly increasing subsequence (patience sorting). */
function longestIncreasing(values: number[]): number {
  const tails: number[] = [];
  for (const v of values) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
  }
  return tails.length;
}

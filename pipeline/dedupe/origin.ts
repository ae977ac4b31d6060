/**
 * Evidence that two articles are copies of one wire story even when rewritten:
 * the same long verbatim quotations, and the same facts (sentences) in the
 * same order. Two independent reports of one event may share a short quote or
 * a fact or two, rarely a run of long quotations with the facts in order.
 */
import { splitSentences } from '../common/sentences.ts';
import { isContentWord, tokenize } from '../common/text.ts';
import { extractNames, isGenericNameWord } from './entities.ts';
import { hashString, mix32 } from './minhash.ts';

/**
 * The quotation forms read: “…”, "…", ‘…’ (not apostrophes: the marks may not
 * touch a letter or digit), «…», and the PTB `` … '' form (on one line). Each
 * quotation runs from an opening mark to the first closing mark after it, as
 * the patterns /“([^”]+)”/g, /"([^"]+)"/g, /(?<![\p{L}\p{N}])‘([^’]+)’(?![\p{L}\p{N}])/g,
 * /«([^»]+)»/g and /``(.+?)''/g would find them. Those patterns are not used:
 * a text of many opening marks and no closing one made each of them search to
 * the end of the text from every mark, and 80,000 “ took minutes in dedupe.
 */
interface QuoteForm {
  open: string;
  close: string;
  /** ‘…’: neither mark may touch a letter or digit on its outer side. */
  apart?: boolean;
  /** ``…'': the quotation may not cross a line break. */
  oneLine?: boolean;
}

const QUOTE_FORMS: readonly QuoteForm[] = [
  { open: '“', close: '”' },
  { open: '"', close: '"' },
  { open: '‘', close: '’', apart: true },
  { open: '«', close: '»' },
  { open: '``', close: "''", oneLine: true },
];

const LETTER_OR_DIGIT_BEFORE = /[\p{L}\p{N}]$/u;
const LETTER_OR_DIGIT_AFTER = /^[\p{L}\p{N}]/u;

/**
 * `text.search(pattern, from)` for `from` that never decreases, in linear time
 * overall: the last answer is kept while it still lies ahead.
 */
function forwardSearch(text: string, pattern: string | RegExp): (from: number) => number {
  let askedFrom = Infinity;
  let found = -1;
  const sticky = typeof pattern === 'string' ? null : new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
  return (from) => {
    if (from >= askedFrom && (found === -1 || found >= from)) return found;
    askedFrom = from;
    if (sticky) {
      sticky.lastIndex = from;
      found = sticky.exec(text)?.index ?? -1;
    } else {
      found = text.indexOf(pattern as string, from);
    }
    return found;
  };
}

/** The inner text of every quotation of one form, in order. */
function quotedSpans(text: string, form: QuoteForm): string[] {
  const spans: string[] = [];
  const nextOpen = forwardSearch(text, form.open);
  const nextClose = forwardSearch(text, form.close);
  const nextLineBreak = form.oneLine ? forwardSearch(text, /[\n\r\u2028\u2029]/) : null;
  let from = 0;
  for (;;) {
    const open = nextOpen(from);
    if (open === -1) break;
    const inner = open + form.open.length;
    // At least one character inside: the closing mark is searched for after it.
    const close = nextClose(inner + 1);
    if (close === -1) break; // no later opening mark has a closing one either
    const after = close + form.close.length;
    const lineBreak = nextLineBreak?.(inner) ?? -1;
    const ok = form.oneLine
      ? lineBreak === -1 || lineBreak >= close // ``…'' stays on one line; its inside may start with '
      : !text.startsWith(form.close, inner) && // a closing mark right after the opening one ends nothing: “” is no quotation
        (!form.apart || (!LETTER_OR_DIGIT_BEFORE.test(text.slice(Math.max(0, open - 2), open)) && !LETTER_OR_DIGIT_AFTER.test(text.slice(after, after + 2))));
    if (ok) {
      spans.push(text.slice(inner, close));
      from = after;
    } else {
      from = open + 1;
    }
  }
  return spans;
}

/**
 * The words of every quotation in the text, each quotation as its own word
 * list (lower case, as `tokenize` gives them), with the words as written kept
 * alongside for messages.
 */
export function quotations(text: string): Quotation[] {
  const out: Quotation[] = [];
  for (const form of QUOTE_FORMS) {
    for (const inner of quotedSpans(text, form)) {
      const words = tokenize(inner) as Quotation;
      const written = inner.normalize('NFKC').match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
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

/**
 * The sentences of an article as sets of content words, packed: sentence k is
 * `words[ends[k - 1] ?? 0 .. ends[k])`, each set sorted and made of 32-bit word
 * hashes. Compact enough to keep (and cache) for every article, so aligning
 * two articles never splits their text again.
 */
export interface SentenceSets {
  words: Uint32Array;
  ends: Uint32Array;
  /**
   * What identifies each sentence's facts, packed the same way (sentence k's run ends at
   * `nameEnds[k]`, `numberEnds[k]`): the hashes of its name words (words of the article's names,
   * generic ones such as "Council" left out) and of the numbers it states ("12,000", "4.2").
   * Absent in sets made before (then nothing conflicts).
   */
  names?: Uint32Array;
  nameEnds?: Uint32Array;
  numbers?: Uint32Array;
  numberEnds?: Uint32Array;
}

/** Numbers as written ("12,000", "4.2", "80" of "80mph"). */
const NUMBER = /\p{N}+(?:[.,]\p{N}+)*/gu;

/** A number without its thousands commas: a copy that writes "12000" for "12,000" states the same figure. */
function plainNumber(written: string): string {
  return written.replace(/,(?=\p{N}{3}(?!\p{N}))/gu, '');
}

/** The sentences worth aligning (≥ 4 distinct content words). */
export function sentenceWordSets(text: string): SentenceSets {
  const words: number[] = [];
  const ends: number[] = [];
  const names: number[] = [];
  const nameEnds: number[] = [];
  const numbers: number[] = [];
  const numberEnds: number[] = [];
  const nameWords = articleNameWords(text);
  for (const sentence of splitSentences(text)) {
    // contentWords' hashes, sorted and de-duplicated in a typed array (native numeric
    // sort) rather than through a Set and a comparator sort: −5–7 % of this function,
    // most of which is splitting the sentences. Hashes are unsigned: the same order.
    const tokens = tokenize(sentence.text);
    const hashes = new Uint32Array(tokens.length);
    let n = 0;
    for (const token of tokens) if (isContentWord(token)) hashes[n++] = hashString(token);
    const set = uniqueSorted(hashes.subarray(0, n).sort());
    if (set.length < 4) continue;
    for (let k = 0; k < set.length; k++) words.push(set[k]!);
    ends.push(words.length);
    for (const h of uniqueSorted(Uint32Array.from(tokens.filter((t) => nameWords.has(t)), hashString).sort())) names.push(h);
    nameEnds.push(names.length);
    for (const h of uniqueSorted(Uint32Array.from(sentence.text.match(NUMBER) ?? [], (n) => hashString(plainNumber(n))).sort())) numbers.push(h);
    numberEnds.push(numbers.length);
  }
  return {
    words: Uint32Array.from(words),
    ends: Uint32Array.from(ends),
    names: Uint32Array.from(names),
    nameEnds: Uint32Array.from(nameEnds),
    numbers: Uint32Array.from(numbers),
    numberEnds: Uint32Array.from(numberEnds),
  };
}

/** The lower-case words of the article's names, but generic ones ("council", "bank"): `isGenericNameWord`. */
function articleNameWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const name of extractNames(text)) for (const w of name.words) if (!isGenericNameWord(w, text)) out.add(w);
  return out;
}

/**
 * Whether sentence i of a and sentence j of b state different facts: both name someone or
 * something and share no name word, or both state numbers and share none. A wire template
 * filled in for two companies' results or two regions' storms gives sentences alike in every
 * content word but these ("Halden Foods … 12%" / "Brixworth Chemicals … 9%"); a rewritten
 * copy of one story keeps at least one of its names or figures per sentence.
 */
function conflicting(a: SentenceSets, i: number, b: SentenceSets, j: number): boolean {
  return disjointRuns(a.names, a.nameEnds, i, b.names, b.nameEnds, j) || disjointRuns(a.numbers, a.numberEnds, i, b.numbers, b.numberEnds, j);
}

/** Both runs non-empty and without a common value (sorted hash runs, packed as in `SentenceSets`). */
function disjointRuns(aw: Uint32Array | undefined, aEnds: Uint32Array | undefined, i: number, bw: Uint32Array | undefined, bEnds: Uint32Array | undefined, j: number): boolean {
  if (!aw || !aEnds || !bw || !bEnds) return false;
  let x = i === 0 ? 0 : aEnds[i - 1]!;
  const xEnd = aEnds[i]!;
  let y = j === 0 ? 0 : bEnds[j - 1]!;
  const yEnd = bEnds[j]!;
  if (x === xEnd || y === yEnd) return false;
  while (x < xEnd && y < yEnd) {
    const p = aw[x]!;
    const q = bw[y]!;
    if (p === q) return false;
    if (p < q) x++;
    else y++;
  }
  return true;
}

/** A sorted array without its repeats (in place: the prefix of `sorted`). */
function uniqueSorted(sorted: Uint32Array): Uint32Array {
  if (sorted.length < 2) return sorted;
  let w = 1;
  for (let r = 1; r < sorted.length; r++) if (sorted[r] !== sorted[w - 1]) sorted[w++] = sorted[r]!;
  return sorted.subarray(0, w);
}

/** Dice similarity of sentences i of a and j of b (sorted hash runs). */
function dice(a: SentenceSets, i: number, b: SentenceSets, j: number): number {
  const aw = a.words;
  const bw = b.words;
  let x = i === 0 ? 0 : a.ends[i - 1]!;
  const xEnd = a.ends[i]!;
  let y = j === 0 ? 0 : b.ends[j - 1]!;
  const yEnd = b.ends[j]!;
  const size = xEnd - x + (yEnd - y);
  let shared = 0;
  while (x < xEnd && y < yEnd) {
    const p = aw[x]!;
    const q = bw[y]!;
    if (p === q) (shared++, x++, y++);
    else if (p < q) x++;
    else y++;
  }
  return (2 * shared) / size;
}

export interface Alignment {
  /** Sentences of a matched to sentences of b, in the same order in both. */
  aligned: number;
  /** aligned / sentences of the shorter article. */
  share: number;
}

/**
 * Aligns the sentences of two articles: each sentence of `a` matched to its
 * most similar sentence of `b` (Dice ≥ `minSimilarity`) whose names and numbers do not
 * conflict with it (`conflicting`), then the longest run
 * of matches in the same order in both (longest increasing subsequence) —
 * the same facts in the same order, as a rewritten copy keeps them.
 */
export function alignSentences(a: SentenceSets, b: SentenceSets, minSimilarity: number): Alignment {
  const shorter = Math.min(a.ends.length, b.ends.length);
  if (shorter === 0) return { aligned: 0, share: 0 };
  const matches: number[] = [];
  for (let i = 0; i < a.ends.length; i++) {
    let best = -1;
    let bestScore = minSimilarity;
    for (let j = 0; j < b.ends.length; j++) {
      const score = dice(a, i, b, j);
      if (score >= bestScore && !conflicting(a, i, b, j)) {
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

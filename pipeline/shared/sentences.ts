/**
 * Sentence splitting shared by dedupe (aligned sentences) and summarise
 * (extractive summaries). Intl.Segmenter does the Unicode work; the rules
 * below undo its breaks after abbreviations and titles ("Mr", "Dr", "U.S.",
 * "No 10") and keep a quotation that spans sentences in one piece.
 */

export interface SentenceSpan {
  text: string;
  /** Offsets in the input string. */
  start: number;
  end: number;
}

/** Words after which a full stop does not end a sentence. Lower-case, without the dot. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'rev', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'gov', 'sen', 'rep', 'hon',
  'no', 'nos', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'plc', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'approx', 'est', 'fig', 'vol', 'p', 'pp', 'e.g', 'i.e', 'a.m', 'p.m', 'u.s', 'u.k', 'u.n', 'e.u',
]);

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

export function splitSentences(text: string): SentenceSpan[] {
  const raw: SentenceSpan[] = [];
  for (const segment of segmenter.segment(text)) {
    raw.push({ text: segment.segment, start: segment.index, end: segment.index + segment.segment.length });
  }
  const merged: SentenceSpan[] = [];
  for (const span of raw) {
    const previous = merged[merged.length - 1];
    if (previous && shouldJoin(previous.text, span.text)) {
      previous.text += span.text;
      previous.end = span.end;
    } else {
      merged.push({ ...span });
    }
  }
  return merged
    .map((span) => {
      const leading = span.text.length - span.text.trimStart().length;
      const trimmed = span.text.trim();
      return { text: trimmed, start: span.start + leading, end: span.start + leading + trimmed.length };
    })
    .filter((span) => span.text.length > 0);
}

/** Just the sentence strings. */
export function sentencesOf(text: string): string[] {
  return splitSentences(text).map((s) => s.text);
}

function shouldJoin(previous: string, next: string): boolean {
  const trimmed = previous.trimEnd();
  // "Mr. Lammy", "U.S. officials": the segmenter broke after an abbreviation.
  const lastWord = /([A-Za-z][A-Za-z.]*)\.$/.exec(trimmed)?.[1]?.toLowerCase();
  if (lastWord && (ABBREVIATIONS.has(lastWord) || /^([a-z]\.)*[a-z]$/.test(lastWord)) && /^\s*[\w“"‘'(]/.test(next)) {
    // Only when the next piece does not itself look like a new sentence after a real abbreviation at the end.
    if (lastWord.length === 1 || ABBREVIATIONS.has(lastWord) || /^\s*[a-z0-9]/.test(next)) return true;
  }
  // A quotation still open: “… . … ” — keep the quote in one piece.
  if (unbalancedQuote(trimmed)) return true;
  return false;
}

function unbalancedQuote(text: string): boolean {
  const open = (text.match(/“/g) ?? []).length;
  const close = (text.match(/”/g) ?? []).length;
  return open > close;
}

/**
 * Sentence splitting shared by dedupe (aligned sentences) and summarise
 * (extractive summaries). Intl.Segmenter does the Unicode work (UAX #29); the
 * rules below undo the breaks it makes in English news text where a full stop
 * does not end a sentence:
 *
 * - after a title before a name: "Mr. Lammy", "Dr. Smith", "Gen. Smith";
 * - after a number abbreviation before a number: "No. 10", "Vol. 3";
 * - after initials and abbreviations when the next word does not start a
 *   sentence: "J.D. Vance", "U.S. officials", "3 p.m. on Monday" — but
 *   "… in the U.S. The president …" is two sentences;
 * - inside a quotation that is still open: “We are ready. We will go.” stays
 *   one piece, with curly or straight quotes, so an extracted sentence never
 *   starts or ends in the middle of someone's words.
 *
 * ("Mr Lammy" and "No 10" without a dot never break in the first place.)
 */

export interface SentenceSpan {
  text: string;
  /** Offsets in the input string. */
  start: number;
  end: number;
}

/** Titles: always followed by a name, never end a sentence. Lower-case, without the dot. */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sr', 'jr', 'st', 'rev', 'fr', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm', 'maj',
  'brig', 'gov', 'sen', 'rep', 'hon', 'pres', 'supt', 'insp', 'det', 'cpl', 'pvt', 'messrs', 'mme', 'mlle',
]);

/** Abbreviations that stand before a number: "No. 10", "pp. 4–6". */
const BEFORE_NUMBER = new Set(['no', 'nos', 'vol', 'fig', 'p', 'pp', 'art', 'sec', 'ch', 'para', 'op', 'ed']);

/** Abbreviations that never end a sentence in practice. */
const NEVER_FINAL = new Set(['e.g', 'i.e', 'vs', 'v', 'cf', 'viz', 'approx', 'ca', 'c']);

/**
 * Abbreviations that may end a sentence ("… based in the U.S.") or not ("U.S.
 * officials"): joined unless the next word looks like a sentence start.
 */
const AMBIGUOUS = new Set([
  'etc', 'inc', 'ltd', 'co', 'corp', 'plc', 'llc', 'bros', 'dept', 'est', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
  'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thurs', 'fri', 'sat', 'sun', 'a.m', 'p.m', 'ft', 'mt', 'ave',
  'blvd', 'rd', 'univ', 'assn', 'govt', 'intl', 'natl', 'mph', 'oz', 'lb', 'lbs', 'yr', 'yrs',
]);

/** Capitalised words that usually open a sentence rather than continue a name. */
const SENTENCE_STARTERS = new Set(
  `a an the he she it they we i you his her its their our my your this that these those there here but and or so yet
  however meanwhile also still then now in on at for from by with after before as when while if although though since
  what who why how where which some many most all both each no not one two three officials police authorities
  according despite during under over it's that's there's he's she's they're we're i'm`.split(/\s+/),
);

/** A quotation left open longer than this is a stray quote mark, not a quote: stop joining. */
const MAX_QUOTE_SPAN = 1500;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

export function splitSentences(text: string): SentenceSpan[] {
  const merged: SentenceSpan[] = [];
  for (const segment of segmenter.segment(text)) {
    const span = { text: segment.segment, start: segment.index, end: segment.index + segment.segment.length };
    const previous = merged[merged.length - 1];
    if (previous && shouldJoin(previous.text, span.text)) {
      previous.text += span.text;
      previous.end = span.end;
    } else {
      merged.push(span);
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
  const before = previous.trimEnd();
  const after = next.trimStart();
  if (!after) return true;
  // A quotation still open: “… . … ” — keep the quote in one piece.
  if (before.length < MAX_QUOTE_SPAN && openQuote(before)) return true;
  // The segmenter never breaks before a lower-case word on its own; when it does (after "…"), it was wrong.
  if (/^[a-z]/.test(after) && /\.$/.test(before)) return true;
  const match = /(?:^|[\s(“"‘'])((?:[A-Za-z]\.)*[A-Za-z]+)\.$/.exec(before);
  if (!match) return false;
  const word = match[1]!.toLowerCase();
  const nextWord = /^[“"‘'(]*([\p{L}\p{N}][\p{L}\p{N}'’.-]*)/u.exec(after)?.[1] ?? '';
  if (!nextWord) return false;
  if (TITLES.has(word)) return /^\p{Lu}/u.test(nextWord);
  if (BEFORE_NUMBER.has(word)) return /^\d/.test(nextWord);
  if (NEVER_FINAL.has(word)) return true;
  const initials = /^([a-z]\.)*[a-z]$/.test(word); // "J.D", "U.S", "A"
  if (initials || AMBIGUOUS.has(word)) {
    if (/^[\p{Ll}\p{N}]/u.test(nextWord)) return true;
    // A single capital initial ("John F. Kennedy") is followed by a name.
    return !SENTENCE_STARTERS.has(nextWord.toLowerCase().replace(/[.’']+$/, ''));
  }
  return false;
}

/** True when the text opens a quotation it does not close (curly or straight double quotes). */
export function openQuote(text: string): boolean {
  let curly = 0;
  for (const ch of text) {
    if (ch === '“') curly++;
    else if (ch === '”' && curly > 0) curly--;
  }
  if (curly > 0) return true;
  const straight = (text.match(/"/g) ?? []).length;
  return straight % 2 === 1;
}

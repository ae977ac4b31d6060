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
 *   one piece, with curly or straight quotes, German „…“, and guillemets either
 *   way round (« … », » … «), so an extracted sentence never starts or ends in
 *   the middle of someone's words (French's closing guillemet, set after a
 *   space, ends the quotation's sentence when a capital follows: "… irons. »
 *   Puis …");
 * - after a day's number before a month's name, as German writes a date: "am
 *   19. Dezember".
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
  // Plurals before two names ("Sens. Maria Lopez and Tom Hendricks"), and others US politics uses.
  'sens', 'reps', 'govs', 'drs', 'profs', 'gens', 'amb', 'atty', 'del',
  // Other languages' ("Sig. Rossi", "Sra. García", "Dott. Bianchi", "Hr. Müller").
  'sig', 'sigg', 'sra', 'srta', 'dra', 'dott', 'avv', 'hr',
]);

/** Abbreviations that stand before a number: "No. 10", "pp. 4–6". */
const BEFORE_NUMBER = new Set(['no', 'nos', 'vol', 'fig', 'p', 'pp', 'art', 'sec', 'ch', 'para', 'op', 'ed', 'nr']);

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

/**
 * German writes a day as an ordinal with a full stop ("am 19. Dezember", "3. Oktober 2026"): a day's number before a month's
 * name ends no sentence.
 */
const ORDINAL_DAY = /(?:^|[\s(])\d{1,2}$/;
const GERMAN_MONTHS = new Set(['januar', 'jänner', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember']);

/** A quotation left open longer than this is a stray quote mark, not a quote: stop joining. */
const MAX_QUOTE_SPAN = 1500;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Text is segmented in windows of about this many UTF-16 units. V8's segment
 * iterator pays for the length of the whole string at every step, so one
 * string's cost grows with length × sentences: 32,000 short sentences in one
 * paragraph took 37 s, 300,000 "Mr. " minutes. In 1,024-unit windows 130,000
 * short sentences take ~0.1 s and 300,000 "Mr. " ~0.2 s; ordinary prose gets
 * no slower (its sentences are ~100 units; 4,096-unit windows were slower on
 * the hostile texts, 256-unit ones on prose).
 */
const WINDOW = 1024;

/** A segment of the whole text, as Intl.Segmenter would return it. */
export interface Segment {
  segment: string;
  /** Offset in the whole text. */
  index: number;
}

/**
 * Intl.Segmenter's sentence segments of `text`, read window by window. The
 * last two segments of a window are read again at the start of the next: the
 * last may be cut short by the window's end, and the break before it may
 * depend on what follows (UAX #29 rule SB8 looks ahead past spaces and digits
 * for a lower-case letter). The break before the second-to-last is settled,
 * because the sentence terminator that ends it stops any look-ahead. A window
 * with fewer than three segments is doubled until it holds three (a sentence
 * longer than the window). Exported for the test that this equals segmenting
 * the whole text.
 */
export function* segmentsInWindows(text: string, window = WINDOW): Generator<Segment> {
  let pos = 0;
  let size = window;
  for (;;) {
    const end = pos + size;
    const piece = pos === 0 && end >= text.length ? text : text.slice(pos, end);
    const segments = Array.from(segmenter.segment(piece), (s) => ({ segment: s.segment, index: s.index + pos }));
    if (end >= text.length) {
      yield* segments;
      return;
    }
    if (segments.length < 3) {
      size *= 2;
      continue;
    }
    for (let k = 0; k < segments.length - 2; k++) yield segments[k]!;
    pos = segments[segments.length - 2]!.index;
    size = window;
  }
}

/** Quotation marks counted along a text. */
interface QuoteCount {
  /** “ not yet closed by ”. */
  curly: number;
  /** Straight double quotes seen: an odd count leaves one open. */
  straight: number;
  /** „ not yet closed by “ (German, Czech) or ” (Polish, Hungarian): while one is open, “ closes it rather than opening another. */
  low: number;
  /** Guillemets not yet closed, and the mark that opened the first: « … » in French, Italian, Spanish; » … « in German. */
  guillemets: number;
  guillemetOpener: string | null;
}

/** A sentence being built from segments: where it is and the quotation marks it has left open. */
interface OpenSpan extends QuoteCount {
  start: number;
  end: number;
}

export function splitSentences(text: string): SentenceSpan[] {
  const merged: OpenSpan[] = [];
  for (const { segment, index } of segmentsInWindows(text)) {
    const previous = merged[merged.length - 1];
    if (previous && shouldJoin(text, previous, segment)) {
      // French sets a space before its closing guillemet, so the segmenter breaks before it: "… nous irons. » Puis il est
      // parti." The mark closes the quotation; what follows it, capitalised, is the next sentence.
      const cut = closedBeforeSentence(previous, segment);
      countQuotes(previous, segment.slice(0, cut));
      previous.end = index + cut;
      if (cut < segment.length) merged.push(countQuotes({ start: index + cut, end: index + segment.length, ...noQuotes() }, segment.slice(cut)));
    } else {
      merged.push(countQuotes({ start: index, end: index + segment.length, ...noQuotes() }, segment));
    }
  }
  const spans: SentenceSpan[] = [];
  for (const { start, end } of merged) {
    const raw = text.slice(start, end);
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const leading = raw.length - raw.trimStart().length;
    spans.push({ text: trimmed, start: start + leading, end: start + leading + trimmed.length });
  }
  return spans;
}

/** Just the sentence strings. */
export function sentencesOf(text: string): string[] {
  return splitSentences(text).map((s) => s.text);
}

/** Adds the quotation marks of `text` to `count` (a sentence's, as it grows segment by segment). */
function countQuotes<T extends QuoteCount>(count: T, text: string): T {
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (ch === '„') count.low++;
    else if ((ch === '“' || ch === '”') && count.low > 0) count.low--;
    else if (ch === '“') count.curly++;
    else if (ch === '”' && count.curly > 0) count.curly--;
    else if (ch === '"') count.straight++;
    else if (ch === '«' || ch === '»') {
      if (count.guillemets === 0) count.guillemetOpener = ch;
      count.guillemets += ch === count.guillemetOpener ? 1 : -1;
    }
  }
  return count;
}

/** A closing guillemet, then a capitalised word: where a quotation's sentence ends inside a segment ("» Puis …"). */
const CLOSER_THEN_SENTENCE = /^\s*([»«])(?=\s+[\p{Lu}\p{N}])/u;

/**
 * How much of `segment` the open sentence `previous` takes: all of it, or only up to a guillemet that opens it on a segment
 * of its own and closes the quotation `previous` left open, when a capitalised word follows (the rest is a sentence).
 */
function closedBeforeSentence(previous: QuoteCount, segment: string): number {
  const m = previous.guillemets === 1 ? CLOSER_THEN_SENTENCE.exec(segment) : null;
  return m && m[1] !== previous.guillemetOpener ? m[0].length : segment.length;
}

/** No quotation open yet. */
function noQuotes(): QuoteCount {
  return { curly: 0, straight: 0, low: 0, guillemets: 0, guillemetOpener: null };
}

function leavesQuoteOpen(count: QuoteCount): boolean {
  return count.curly > 0 || count.low > 0 || count.guillemets > 0 || count.straight % 2 === 1;
}

/** Letters and dots read back from a sentence's end to find its final word; a longer run is no abbreviation. */
const MAX_FINAL_WORD = 64;

/**
 * Whether the segment `next` continues the sentence `previous` (a span of
 * `text`). Reads only a bounded tail of the sentence, so that joining many
 * segments into one sentence stays linear.
 */
function shouldJoin(text: string, previous: OpenSpan, next: string): boolean {
  let last = previous.end; // one past the sentence's last non-space character
  while (last > previous.start && /\s/.test(text[last - 1]!)) last--;
  const after = next.trimStart();
  if (!after) return true;
  // A quotation still open: “… . … ” — keep the quote in one piece.
  if (last - previous.start < MAX_QUOTE_SPAN && leavesQuoteOpen(previous)) return true;
  if (text[last - 1] !== '.') return false;
  // The segmenter never breaks before a lower-case word on its own; when it does (after "…"), it was wrong.
  if (/^[a-z]/.test(after)) return true;
  const nextWord = /^[“"‘'(]*([\p{L}\p{N}][\p{L}\p{N}'’.-]*)/u.exec(after)?.[1] ?? '';
  if (!nextWord) return false;
  if (ORDINAL_DAY.test(text.slice(Math.max(previous.start, last - 4), last - 1)) && GERMAN_MONTHS.has(nextWord.toLowerCase())) return true;
  const word = finalWord(text, previous.start, last - 1)?.toLowerCase();
  if (!word) return false;
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

/**
 * The word before the full stop at `dot` — ASCII letters with inner dots
 * ("Mr", "U.S", "e.g") — when it starts the sentence or follows a space,
 * bracket or quote; otherwise undefined.
 */
function finalWord(text: string, start: number, dot: number): string | undefined {
  let from = dot;
  while (from > start && dot - from < MAX_FINAL_WORD && /[A-Za-z.]/.test(text[from - 1]!)) from--;
  if (from > start && !/[\s(“"‘']/.test(text[from - 1]!)) return undefined;
  const word = text.slice(from, dot);
  // Letters, each dot between letters: the old pattern ((?:[A-Za-z]\.)*[A-Za-z]+).
  return /^(?:[A-Za-z]\.)*[A-Za-z]+$/.test(word) ? word : undefined;
}

/** True when the text opens a quotation it does not close (curly or straight double quotes). */
export function openQuote(text: string): boolean {
  return leavesQuoteOpen(countQuotes(noQuotes(), text));
}

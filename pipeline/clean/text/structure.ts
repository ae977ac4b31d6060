/**
 * Shape tests on one paragraph of plain text: is it a subheading, a quotation,
 * a list item? Shared by the plain-text splitter and the furniture scorer.
 */
import { wordCount } from '../../common/text.ts';

const OPENING_QUOTES = '“"«„';

/** Ends like a sentence (or a clause): `.`, `!`, `?`, `:`, `;`, `,`, `…`, possibly inside closing quotes/brackets. */
export function endsLikeSentence(text: string): boolean {
  return /[.!?:;,…](?:["'”’»)\]]*)$/.test(text.trim());
}

/** Number of letters (code points of Unicode category L), counted without building an array of them. */
export function letterCount(text: string): number {
  return countCodePoints(text, /\p{L}+/gu);
}

/** Number of upper-case letters (category Lu). */
export function upperCount(text: string): number {
  return countCodePoints(text, /\p{Lu}+/gu);
}

/** Code points matched by a global run pattern (`/\p{…}+/gu`): what `text.match(/\p{…}/gu).length` gives, without the array. */
function countCodePoints(text: string, runs: RegExp): number {
  let count = 0;
  for (let match = runs.exec(text); match !== null; match = runs.exec(text)) {
    const run = match[0];
    count += run.length;
    // A letter outside the Basic Multilingual Plane is two UTF-16 units but one letter.
    for (let i = 0; i < run.length; i++) if ((run.charCodeAt(i) & 0xfc00) === 0xd800) count--;
  }
  return count;
}

// Two lines compared for being the same, and a headline's shape (common/text.ts): kept here too for clean's modules that import them from here.
export { comparableText, headlineShaped } from '../../common/text.ts';

/**
 * A subheading in running text: short, one line, no sentence punctuation at
 * the end, starting with a capital (or digit, or quote). "EU-UK co-operation on
 * Ukraine" is one; "He said:" or a standfirst of 30 words is not.
 */
export function looksLikeHeading(text: string): boolean {
  const trimmed = text.trim();
  const words = wordCount(trimmed);
  if (words === 0 || words > 14 || trimmed.length > 110) return false;
  if (endsLikeSentence(trimmed)) return false;
  // Two sentences in one line ("Read more. Subscribe") are not a heading.
  if (/[.!?]\s+[A-Z]/.test(trimmed)) return false;
  const first = trimmed.match(/[\p{L}\p{N}]/u)?.[0];
  if (!first) return false;
  return first === first.toUpperCase();
}

/** Character ranges of quoted speech: “…”, «…», „…“ and "…" pairs, and an opening quote never closed (runs to the end). */
function quotedRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let open = -1;
  let opener = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (open < 0) {
      if (ch === '“' || ch === '«' || ch === '„' || ch === '"') {
        open = i;
        opener = ch;
      }
      continue;
    }
    const closes = opener === '"' ? ch === '"' : opener === '«' ? ch === '»' : opener === '„' ? ch === '“' || ch === '”' : ch === '”';
    if (closes) {
      ranges.push([open, i + 1]);
      open = -1;
    }
  }
  if (open >= 0) ranges.push([open, text.length]);
  return ranges;
}

/** The paragraph without its quoted speech: what the writer (or the page) says in its own voice. */
export function withoutQuotes(text: string): string {
  const ranges = quotedRanges(text);
  if (ranges.length === 0) return text;
  let out = '';
  let from = 0;
  for (const [start, end] of ranges) {
    if (start < from) continue;
    out += text.slice(from, start) + ' ';
    from = end;
  }
  return out + text.slice(from);
}

/** Share of the paragraph's letters that are inside quotation marks. */
export function quotedShare(text: string): number {
  // Nothing quoted: nothing to count (the share is 0 whatever the letters).
  if (quotedRanges(text).length === 0) return 0;
  const total = letterCount(text);
  if (total === 0) return 0;
  return 1 - letterCount(withoutQuotes(text)) / total;
}

/**
 * A paragraph that is a quotation and nothing else: opens with a quote mark and
 * either closes only at its end or never closes (a quote running on into the
 * next paragraph, the newspaper convention).
 */
export function isWholeQuote(text: string): boolean {
  const trimmed = text.trim();
  const first = trimmed[0];
  if (!first || !OPENING_QUOTES.includes(first)) return false;
  return quotedShare(trimmed) > 0.97;
}

const LIST_MARKER = /^\s*(?:[-*•▪●◦‣]|\d{1,3}[.)])\s+/;

export function isListItem(line: string): boolean {
  return LIST_MARKER.test(line);
}

/** "- item" for bullets, "3. item" kept for numbered items: one normal form for lists. */
export function normaliseListItem(line: string): string {
  const numbered = /^\s*(\d{1,3})[.)]\s+/.exec(line);
  if (numbered) return `${numbered[1]}. ${line.slice(numbered[0].length).trim()}`;
  return `- ${line.replace(LIST_MARKER, '').trim()}`;
}

import { sentencesOf } from '../../common/sentences.ts';
import { wordCount } from '../text/structure.ts';
import { evidenceWeight, textEvidence } from './score.ts';

/**
 * Scrapers glue a banner to the article's first sentence on one line ("Support
 * now … Read more David Lammy has…") or a sign-up line to its last. Such a
 * paragraph is cut into sentences — also after a call-to-action fragment that
 * runs straight into a capitalised word — and the furniture end is split off, so
 * the real first (or last) sentence survives whole.
 */
const CTA_FRAGMENT = /\b(?:read more|support (?:now|us|today)(?: (?:now|today))?|sign up(?: (?:now|today))?|subscribe(?: (?:now|today))?|click here|learn more|find out more|donate(?: (?:now|today))?|join (?:now|us|today)(?: (?:now|today))?|become a (?:member|subscriber|supporter)(?: (?:now|today))?|share this (?:article|story))\b(?=\s+(\S))/gi;
/**
 * What the text after a call to action must start with for the call to end there: a capital or an
 * opening quote. Tested on its own: inside `CTA_FRAGMENT` its `i` flag made `[A-Z]` match any
 * letter, so "Donate now to keep local news alive. Ferry fares…" was cut after "Donate now" and
 * the article's first paragraph began "to keep local news alive".
 */
const TEXT_START = /^[\p{Lu}“"‘]/u;

export interface GluedSplit {
  furniture: string;
  rest: string;
  /** Where the furniture was: before the article text or after it. */
  side: 'start' | 'end';
}

function segments(text: string): string[] {
  const marked = text.replace(CTA_FRAGMENT, (cta: string, next: string) => (TEXT_START.test(next) ? `${cta}\u0000` : cta));
  return marked.split('\u0000').flatMap((piece) => sentencesOf(piece));
}

/** Splits furniture off the start (`side: 'start'`) or end of a paragraph, or returns null when it is all one thing. */
export function splitGlued(text: string, side: 'start' | 'end', threshold: number): GluedSplit | null {
  // Banners are a few hundred words; a paragraph far longer is a scrape without breaks, scored whole.
  if (text.length > 20_000) return null;
  const parts = segments(text);
  if (parts.length < 2) return null;
  const scores = parts.map((p) => evidenceWeight(textEvidence(p)));
  const join = (from: number, to: number) => parts.slice(from, to).join(' ').trim();
  if (side === 'start') {
    // The last furniture-like segment after which everything reads as article text.
    for (let cut = parts.length - 1; cut >= 1; cut--) {
      if (scores[cut - 1]! < 1) continue;
      if (scores.slice(cut).some((s) => s > 0.5)) return null;
      const rest = join(cut, parts.length);
      const furniture = join(0, cut);
      if (wordCount(rest) < 8 || evidenceWeight(textEvidence(furniture)) < threshold) return null;
      return { furniture, rest, side };
    }
    return null;
  }
  for (let cut = 1; cut < parts.length; cut++) {
    if (scores[cut]! < 1) continue;
    if (scores.slice(0, cut).some((s) => s > 0.5)) return null;
    const rest = join(0, cut);
    const furniture = join(cut, parts.length);
    if (wordCount(rest) < 8 || evidenceWeight(textEvidence(furniture)) < threshold) return null;
    return { furniture, rest, side };
  }
  return null;
}

import { sentencesOf } from '../../common/sentences.ts';
import { wordCount } from '../../common/text.ts';
import { evidenceWeight, textEvidence } from './score.ts';

/**
 * Scrapers glue a banner to the article's first sentence on one line ("Support
 * now … Read more David Lammy has…") or a sign-up line to its last. Such a
 * paragraph is cut into sentences — also after a call-to-action fragment that
 * runs straight into a capitalised word — and the furniture end is split off, so
 * the real first (or last) sentence survives whole.
 */
/** The calls, each perhaps closed by "here" ("Subscribe here", "Sign up here Campaigners say …"). */
const CTA = String.raw`(?:read more|support (?:now|us|today)(?: (?:now|today))?|sign up(?: (?:now|today))?|subscribe(?: (?:now|today))?|click here|learn more|find out more|donate(?: (?:now|today))?|contribute (?:now|today)|give (?:now|today)|join (?:now|us|today)(?: (?:now|today))?|become a (?:member|subscriber|supporter)(?: (?:now|today))?|share this (?:article|story))(?: here)?`;
/** A call to action, with the dash or bar that may close it ("– become a member today – Three people…"). */
const CTA_FRAGMENT = new RegExp(String.raw`\b${CTA}(?:\s*[–—|•·]|\s+-)?(?=(\s*)(\S+))`, 'gi');
/** A dash or bar opening a call to action inside a sentence ("Support local news – become a member"): the call starts a segment. */
const DASH_BEFORE_CTA = new RegExp(String.raw`(?<=\s[–—|•·])\s+(?=${CTA}\b)`, 'gi');
/**
 * What the text after a call to action must start with for the call to end there: a capital, an
 * opening quote, a figure ("… today 3 people died") or a name written lower-case first ("eBay",
 * "iPhone": a capital inside the word). Other lower-case words go on the call ("Donate now to keep
 * local news alive"). Tested on its own: inside `CTA_FRAGMENT` its `i` flag made `[A-Z]` match any
 * letter, so "Donate now to keep local news alive. Ferry fares…" was cut after "Donate now" and
 * the article's first paragraph began "to keep local news alive".
 */
const TEXT_START = /^(?:[\p{Lu}\p{N}“"‘]|\p{Ll}+\p{Lu})/u;
/** With no space between ("Sign up nowLISBON"), only a capital after the call's last lower-case letter ends it. */
const GLUED_START = /^\p{Lu}/u;
/**
 * A sentence end with no space after it ("Sign up now.LISBON", "said Ruth Penhaligon.Sign up"):
 * a full stop after a word of two lower-case letters or more, then a capital or an opening quote.
 * (One letter before the stop is an initial or an abbreviation: "U.S.", "St.Ives".)
 */
const UNSPACED_SENTENCE_END = /(?<=\p{Ll}{2}[.!?]["'”’)]?)(?=[\p{Lu}“‘"])/gu;

/**
 * A wire dateline inside a paragraph ("… Contribute today KESTRELFORD, June 10 (Senn Valley Press) -
 * A bridge …"): the story starts there, whatever was glued before it. A city in capitals, its region
 * and the day, then the agency in brackets and a dash.
 */
const DATELINE_INSIDE = /(?<=\S\s+)(?=\p{Lu}{3,}(?:[ -]\p{Lu}{2,})*,[\p{L}\s.,]{2,40}?(?:\s\d{1,2})?\s*\([\p{L}\p{N}. &'’-]{2,30}\)\s*[-–—])/gu;

export interface GluedSplit {
  furniture: string;
  rest: string;
  /** Where the furniture was: before the article text or after it. */
  side: 'start' | 'end';
}

function segments(text: string): string[] {
  const marked = text
    .replace(UNSPACED_SENTENCE_END, '\u0000')
    .replace(DATELINE_INSIDE, '\u0000')
    .replace(DASH_BEFORE_CTA, '\u0000')
    .replace(CTA_FRAGMENT, (cta: string, space: string, next: string) => (endsCall(cta, space, next) ? `${cta}\u0000` : cta));
  return marked.split('\u0000').flatMap((piece) => sentencesOf(piece));
}

/** Whether a call to action ends before `next` (the word after it, `space` between). */
function endsCall(cta: string, space: string, next: string): boolean {
  if (space !== '') return TEXT_START.test(next);
  // Glued to the next word: only a lower-case call running into a capital ("nowLISBON"), never "subscribers".
  return /\p{Ll}$/u.test(cta) && GLUED_START.test(next);
}

/** Splits furniture off the start (`side: 'start'`) or end of a paragraph, or returns null when it is all one thing. */
export function splitGlued(text: string, side: 'start' | 'end', threshold: number): GluedSplit | null {
  // Banners are a few hundred words; a paragraph far longer is a scrape without breaks, scored whole.
  if (text.length > 20_000) return null;
  const parts = segments(text);
  if (parts.length < 2) return null;
  const scores = parts.map((p) => evidenceWeight(textEvidence(p)));
  const join = (from: number, to: number) => parts.slice(from, to).join(' ').trim();
  // The furniture's evidence read whole, or segment by segment: a call inside a dashed clause
  // ("… news – become a member today –") opens no sentence of the whole, but does its segment.
  const furnitureEvidence = (from: number, to: number) => Math.max(evidenceWeight(textEvidence(join(from, to))), sum(scores.slice(from, to)));
  if (side === 'start') {
    // The last furniture-like segment after which everything reads as article text.
    for (let cut = parts.length - 1; cut >= 1; cut--) {
      if (scores[cut - 1]! < 1) continue;
      if (scores.slice(cut).some((s) => s > 0.5)) return null;
      const rest = join(cut, parts.length);
      const furniture = join(0, cut);
      if (wordCount(rest) < 8 || furnitureEvidence(0, cut) < threshold) return null;
      return { furniture, rest, side };
    }
    return null;
  }
  for (let cut = 1; cut < parts.length; cut++) {
    if (scores[cut]! < 1) continue;
    if (scores.slice(0, cut).some((s) => s > 0.5)) return null;
    const rest = join(0, cut);
    const furniture = join(cut, parts.length);
    if (wordCount(rest) < 8 || furnitureEvidence(cut, parts.length) < threshold) return null;
    return { furniture, rest, side };
  }
  return null;
}

/**
 * Furniture at both ends of one paragraph, the story between ("Good morning and welcome to our live
 * coverage of Storm Bronagh. The amber warning came into force at 6am … We'll bring you all the latest
 * updates throughout the day."): each end furniture-like segments worth the threshold, the middle none
 * and eight words or more. `splitGlued` takes one end only when all the rest reads as text.
 */
export function splitGluedBothEnds(text: string, threshold: number): { start: string; rest: string; end: string } | null {
  if (text.length > 20_000) return null;
  const parts = segments(text);
  if (parts.length < 3) return null;
  const scores = parts.map((p) => evidenceWeight(textEvidence(p)));
  let to = parts.length;
  while (to > 0 && scores[to - 1]! >= 1) to--;
  let from = 0;
  while (from < to && scores[from]! >= 1) from++;
  if (from === 0 || to === parts.length || scores.slice(from, to).some((s) => s > 0.5)) return null;
  const join = (a: number, b: number) => parts.slice(a, b).join(' ').trim();
  const rest = join(from, to);
  const evidence = (a: number, b: number) => Math.max(evidenceWeight(textEvidence(join(a, b))), sum(scores.slice(a, b)));
  if (wordCount(rest) < 8 || evidence(0, from) < threshold || evidence(to, parts.length) < threshold) return null;
  return { start: join(0, from), rest, end: join(to, parts.length) };
}

function sum(values: number[]): number {
  return values.reduce((total, v) => total + v, 0);
}

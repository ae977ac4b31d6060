/**
 * The sentences a summary may be built from: every sentence of every article
 * of a story, traced to its article and position, with the ones that cannot
 * stand in a summary marked (headings, fragments, captions and other
 * furniture, quotes left open) and the near-copies in duplicate articles
 * dropped.
 */
import { openQuote, splitSentences } from '../common/sentences.ts';
import type { Article, Paragraph, Story, StoryRole } from '../types.ts';
import { danglingReference, speakerIntroductions, type Dependency } from './dangling.ts';
import { startsWithSignpost } from './headline.ts';
import { NearCopyIndex, termsOf } from './terms.ts';
import { appendAll, byCodeUnits } from '../common/arrays.ts';
import { isCommentary } from '../common/commentary.ts';
import { wordCount } from '../common/text.ts';
import { withoutQuotes } from '../clean/text/structure.ts';

export interface Candidate {
  /** Verbatim sentence text. */
  text: string;
  articleId: string;
  /** Position of the article in the story's reading order (0 = lead article). */
  articleOrder: number;
  role: StoryRole;
  /** 0-based index of the sentence among all sentences of its article's cleaned text (headings included). */
  index: number;
  /** 0-based rank among the article's content sentences (what "position in the article" means). */
  position: number;
  /** Number of content sentences in the article. */
  articleLength: number;
  /** Stemmed content words. */
  terms: string[];
  termSet: Set<string>;
  words: number;
  /** From a heading paragraph. */
  heading: boolean;
  /** May appear in a summary. */
  usable: boolean;
  /** Why not, when not usable. */
  unusable?: string;
  /** Needs an earlier sentence of its article before it (asked of usable sentences only; null for the others). */
  dependency: Dependency | null;
  /**
   * The earlier sentence of its article (index) that names in full the person this one gives only by
   * surname as its speaker ("…,” Andrade said."), and that name (`speakerIntroductions`).
   */
  introduction?: { index: number; name: string };
}

/** Shorter than this, a "sentence" is a fragment (a caption, a dateline, a stray clause). */
export const MIN_WORDS = 6;
/** Longer than this, it is a run-on (a list, a table flattened into text) that eats the budget. */
export const MAX_WORDS = 70;

/**
 * Furniture that survives cleaning inside running text: credits, calls to
 * action, embeds, an interview's editing note glued to its introduction.
 * Generic wording used by every publisher, not any one site's.
 * A call to sign up or subscribe is one when it asks ("Subscribe now", "sign up
 * for our newsletter"): a story about subscribers or a newsletter launch uses
 * the words to report ("the channel passed 100,000 subscribers").
 */
const FURNITURE =
  /\b(?:click here|sign up(?: now| today| here|,? it['’]s free| (?:for|to) (?:our|my|free)\b)|subscribe(?: now| today| here| (?:to|for) (?:our|my|us)\b)|(?:our|my) (?:free |daily |weekly |morning |evening )?(?:e-?mail )?newsletter|follow us|follow (?:him|her|them) on|read more|read next|related:|advertisement|all rights reserved|copyright|getty images|photo(?:graph)?:|image:|image copyright|caption:|pic\.twitter\.com|https?:\/\/|www\.|@\w+|download (?:the|our) app|share this|comments? below|(?:interview|conversation|transcript|q&a) (?:has|have) been (?:lightly )?(?:edited|condensed))/i;

/** A host's introduction of a programme's guest or subject, in the programme's own voice. */
const HOST_INTRODUCTION = /\b(?:joins?|joined|is joining) (?:us|me)\b|\b(?:in|on) (?:this|today['’]s|this week['’]s) (?:episode|show|programme|program|podcast)\b|\bwe (?:talk|speak|sit down) (?:to|with)\b/i;

/**
 * Photo captions that survive cleaning inside the text, in the forms wire services use for them:
 * "FILE - In this … file photo, …", "This booking photo released by …", a credit glued to the front
 * ("Jane Doe/Getty The twins …"), "(AP Photo/…)", and the caption's closing date
 * ("…, Tuesday, Oct. 9, 2012.").
 */
const CAPTION =
  /^FILE\s*[-–—]|\bfile photo\b|\bIn this [^.]{0,80}\bphoto\b|\bphotos? (?:released|provided|taken|courtesy|shows?)\b|\((?:AP|AFP|Reuters|EPA|Getty)\s*(?:Photo|Images)|^(?:\p{Lu}[\p{L}.'’-]+\s){1,3}?\p{Lu}[\p{L}.'’-]+\/(?:Getty|AP|Reuters|AFP|EPA|Shutterstock|Alamy|PA|Corbis|Invision)\b|,\s(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2},\s\d{4}\.?$/u;

/** "By Jane Doe, Reuters", "Reporting by …", "Updated 10:32, 5 May 2025" — not "By the end of the year, …". */
const BYLINE =
  /^(?:(?:By|Written by|Reporting by|Editing by)\s+\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}(?:\s*[,|—–-]|\s+and\s+\p{Lu}|\s*$)|(?:Posted|Published|Updated|Last updated)\b[^.]{0,40}\d)/u;

/** An interviewer's or an interviewee's turn, as an interview's text labels it ("Q: …", "A: …"; a briefing's transcript: "Q Thank you."). */
const INTERVIEW_TURN = /^[QA]\s?:\s|^Q\s+\p{Lu}/u;
/** A transcript's speaker, in capitals before a colon ("MS. AVERY: …", "SECRETARY BLINKEN: …", "THE PRESIDENT: …"). */
const SPEAKER_LABEL = /^(?:(?:MR|MRS|MS|MX|DR|PROF)\.?\s+)?\p{Lu}[\p{Lu}'’.-]+(?:\s+\p{Lu}[\p{Lu}'’.-]+){0,3}:\s/u;

const ROLE_ORDER: Record<StoryRole, number> = { canonical: 0, related: 1, duplicate: 2 };

/** Members in reading order: lead article first, then by date, then by id (never by input order). */
export function orderedMembers(story: Story, articles: ReadonlyMap<string, Article>): { article: Article; role: StoryRole }[] {
  const seen = new Set<string>();
  return story.articles
    .filter((member) => !seen.has(member.articleId) && (seen.add(member.articleId), true))
    .map((member) => ({ article: articles.get(member.articleId), role: member.role }))
    .filter((m): m is { article: Article; role: StoryRole } => m.article !== undefined)
    .sort(
      (a, b) =>
        ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
        byCodeUnits(a.article.date ?? '9999', b.article.date ?? '9999') ||
        byCodeUnits(a.article.id, b.article.id),
    );
}

/** The paragraphs of an article; articles that only have text are split at blank lines. */
export function paragraphsOf(article: Article): Paragraph[] {
  if (article.paragraphs.length > 0) return article.paragraphs;
  const text = article.text || article.raw;
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((p) => ({ type: 'paragraph' as const, text: p }));
}

function unusableReason(text: string, words: number, heading: boolean): string | null {
  if (heading) return 'heading';
  if (words < MIN_WORDS) return 'fragment';
  if (words > MAX_WORDS) return 'run-on';
  if (!/\p{Ll}/u.test(text)) return 'all capitals';
  if (/^(?!\p{Ll}+\p{Lu})[\p{Ll}…]|^\.{3}/u.test(text)) return 'starts mid-sentence';
  if (!/[.!?…]["'”’)\]]*$/u.test(text)) return 'no sentence end';
  if (/^\(.*\)$/.test(text) || /^\[.*\]$/.test(text)) return 'aside';
  if (FURNITURE.test(text)) return 'furniture';
  // A programme's host introducing it ("This week, trade lawyer Maria Okafor joins us to explain …"): the show talking to
  // its listeners, not the news. Outside quotation marks only: a guest's "… she told us" in a quote is theirs.
  if (HOST_INTRODUCTION.test(withoutQuotes(text))) return "host's introduction";
  if (CAPTION.test(text)) return 'photo caption';
  // (Only text with a double quote mark can leave one open: most sentences skip the count.)
  if ((text.includes('"') || text.includes('“')) && openQuote(text)) return 'open quote';
  if (BYLINE.test(text)) return 'byline';
  // An interview's turn ("A: Because the costs have risen …"): the answer's speaker is not named in it, and a summary
  // would give the interviewee's "we" as nobody's. A colon only: "A. J. Smith said" is a name.
  // A notice's field label in capitals ("SUMMARY: …") is no speaker: the summary shows the sentence without it.
  if (INTERVIEW_TURN.test(text) || (SPEAKER_LABEL.test(text) && !startsWithSignpost(text))) return 'interview turn';
  // A question asks; a summary tells (a reporter's question in a briefing's transcript, an explainer's heading question).
  if (/\?["'”’)]*$/u.test(text)) return 'question';
  return null;
}

/**
 * An article's sentences as `SummarySentence.index` counts them: paragraph by
 * paragraph, a heading counting as one sentence. `articleSentences(a)[index]`
 * is the sentence a summary cites.
 */
export function articleSentences(article: Article): string[] {
  return paragraphsOf(article).flatMap((p) => (p.type === 'heading' ? [p.text.trim()] : splitSentences(p.text).map((s) => s.text)));
}

/** What a sentence is, wherever it occurs: the same text gives the same facts. */
interface SentenceFacts {
  text: string;
  words: number;
  terms: string[];
  termSet: Set<string>;
  /** Why it cannot stand in a summary, or null. */
  unusable: string | null;
  dependency: Dependency | null;
}

function sentenceFacts(text: string, heading: boolean): SentenceFacts {
  const words = wordCount(text);
  const terms = termsOf(text);
  const unusable = unusableReason(text, words, heading);
  // Only a sentence that may appear in a summary is asked what it leans on (selection and headlines look no further).
  return { text, words, terms, termSet: new Set(terms), unusable, dependency: unusable === null ? danglingReference(text) : null };
}

/**
 * The sentences of every paragraph of a story, each paragraph split and each
 * sentence looked at once: a wire copy repeats its original's paragraphs, and
 * its facts are the same (they are only read from here on).
 */
class ParagraphFacts {
  private readonly seen = new Map<string, SentenceFacts[]>();

  of(paragraph: Paragraph): SentenceFacts[] {
    const heading = paragraph.type === 'heading';
    const key = `${paragraph.type}\u0000${paragraph.text}`;
    let facts = this.seen.get(key);
    if (facts === undefined) {
      const spans = heading ? [paragraph.text.trim()] : splitSentences(paragraph.text).map((span) => span.text);
      facts = spans.map((text) => sentenceFacts(text, heading || paragraph.type === 'table'));
      this.seen.set(key, facts);
    }
    return facts;
  }
}

export function candidatesOf(story: Story, articles: ReadonlyMap<string, Article>): Candidate[] {
  const members = orderedMembers(story, articles);
  // A summary states the news: where the story has reports, what a column or an analysis argues is not drawn on
  // (it stays a source, labelled as such). A story of commentary alone is summarised from it.
  const commentary = members.map(({ article }) => isCommentary(article));
  const reported = commentary.includes(false);
  const result: Candidate[] = [];
  const independent = new NearCopyIndex();
  const paragraphs = new ParagraphFacts();
  for (const [articleOrder, { article, role }] of members.entries()) {
    const own: Candidate[] = [];
    let index = 0;
    for (const paragraph of paragraphsOf(article)) {
      const heading = paragraph.type === 'heading';
      for (const facts of paragraphs.of(paragraph)) {
        const candidate: Candidate = {
          text: facts.text,
          articleId: article.id,
          articleOrder,
          role,
          index: index++,
          position: 0,
          articleLength: 0,
          terms: facts.terms,
          termSet: facts.termSet,
          words: facts.words,
          heading,
          usable: facts.unusable === null,
          dependency: facts.dependency,
        };
        if (facts.unusable !== null) candidate.unusable = facts.unusable;
        own.push(candidate);
      }
    }
    const introductions = speakerIntroductions(own.map((c) => c.text));
    own.forEach((c, k) => {
      const introduction = introductions[k];
      if (c.usable && introduction) c.introduction = introduction;
    });
    if (reported && commentary[articleOrder]) {
      for (const c of own) {
        if (!c.usable) continue;
        c.usable = false;
        c.unusable = 'commentary';
      }
    }
    // A duplicate article's sentences that copy an independent report add nothing; its own additions stay.
    if (role === 'duplicate') {
      for (const c of own) {
        if (c.usable && independent.hasNearCopyOf(c.termSet)) {
          c.usable = false;
          c.unusable = 'copied by a duplicate';
        }
      }
    } else {
      for (const c of own) if (!c.heading) independent.add(c.termSet);
    }
    let position = 0;
    for (const c of own) if (!c.heading && c.words >= MIN_WORDS) c.position = position++;
    for (const c of own) {
      c.articleLength = position;
      if (c.heading || c.words < MIN_WORDS) c.position = position;
    }
    appendAll(result, own);
  }
  return result;
}

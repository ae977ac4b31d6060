/**
 * The title of a plain-text article, which has no markup to say which line it is: a saved or
 * scraped article is its headline on the first line, then perhaps a few lines of its page's header
 * — a masthead ("The Bexford Gazette", "Le Quotidien du Nord – English edition"), a section
 * ("Sport | Football"), a label ("Opinion"), a time ("17:42 BST", "Wednesday 14 May 2025 5:47 pm |
 * Updated: Thursday 15 May 2025 8:12 am"), a name with an honorific ("Dr Rachel Osei": the byline,
 * its author) — then its text. The headline becomes the article's
 * title (headlines, the feed, dedupe's lead words read it) instead of a paragraph of its text, and
 * the header's lines go.
 *
 * Only where nothing else gave a title (front matter, a record, a feed, an email's subject), only
 * for plain text, and only when the line reads as a headline (a capital first, no full stop, 3–22
 * words) with the article's text after it: text that starts with its lede keeps every line.
 */
import { DATE_LINE, TIME_STAMP_LINE } from './furniture/lexicon.ts';
import { MONTHS, WEEKDAYS } from '../common/text-dates.ts';
import { OUTLET_WORD } from './credits.ts';
import type { Verdict } from './verdict.ts';
import { comparableText, headlineShaped } from './text/structure.ts';
import { contentWords } from '../common/text.ts';
import { COMMENTARY_LABEL } from '../common/commentary.ts';

/** What the title line found: the title, the outlet its masthead line names, and the name its byline line gives. */
export interface TitleLine {
  title: string;
  masthead: string | null;
  byline: string | null;
}

/** The rule id of the title line: metadata now, not text. */
export const TITLE_RULE = 'clean/title';

/** Header lines looked past, at most, between the title and the text. */
const MAX_HEADER_LINES = 3;

/** A paragraph of the article's text: a sentence or more. */
function isText(verdict: Verdict): boolean {
  const { type, text, words } = verdict.paragraph;
  return (type === 'paragraph' || type === 'quote') && words >= 12 && (/[.!?…]["'”’)\]]*$/u.test(text.trim()) || words >= 25);
}

/** A paragraph or heading of one line with a headline's shape (`headlineShaped`) within these bounds. */
function lineShaped(verdict: Verdict, minWords: number, maxWords: number, maxLength: number): boolean {
  const { type, text, words } = verdict.paragraph;
  const trimmed = text.trim();
  return (type === 'paragraph' || type === 'heading') && !trimmed.includes('\n') && headlineShaped(trimmed, words, minWords, maxWords, maxLength);
}

/** A title's shape: a headline's, 3–22 words, one line, its quotations closed. */
function isHeadline(verdict: Verdict): boolean {
  return lineShaped(verdict, 3, 22, 180) && quotesClosed(verdict.paragraph.text.trim());
}

/** Every quotation opened is closed and none closed that was not opened: a line closing a quote is the end of a paragraph, not a headline. */
function quotesClosed(text: string): boolean {
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  return count(/“/g) === count(/”/g) && count(/"/g) % 2 === 0 && count(/«/g) === count(/»/g);
}

/** Letters, all of them capitals ("STATEMENT BY THE MINISTER"). */
function inCapitals(verdict: Verdict): boolean {
  const text = verdict.paragraph.text;
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}

/** A label that marks commentary, on a line over the headline ("Opinion", "ANALYSIS", "Meinung"): common/commentary.ts, which reads it in the title. */
export { COMMENTARY_LABEL };

/**
 * A label over the headline that says what kind of document the page is ("Report", "Consultation outcome", "Press
 * release", "Research briefing", "Blog post"), as think tanks', governments' and parliaments' sites print it: the
 * page's furniture, not its text.
 */
export const DOCUMENT_TYPE =
  /^(?:(?:news|press|media) (?:story|release|statement)|news|speech|(?:open|closed) consultation|consultation(?: outcome| response| paper)?|call for evidence|policy (?:paper|statement|brief(?:ing)?)|(?:statutory )?guidance|research(?: and analysis| briefing| paper| report)?|(?:official |national |experimental )?statistics|correspondence|(?:written|oral) (?:ministerial )?statement(?: to parliament)?|(?:independent|corporate|annual|briefing|committee|select committee) report|report|transparency data|impact assessment|detailed guide|case study|blog(?: post)?|briefing(?: paper| note)?|explainer|feature|publication|fact ?sheet|(?:working|discussion|white|green|command|position|briefing) paper|long read|event|webinar|podcast|video)$/i;

/** Where a UK government page applies, under its title ("Applies to England, Scotland and Wales"). */
const APPLIES_TO = /^applies to (?:all of )?(?:the uk|england|scotland|wales|northern ireland|great britain)(?:(?:,| and|, and) (?:england|scotland|wales|northern ireland))*$/i;

/** A company's name with its legal form, alone on a line over its announcement ("Harbourline Media PLC", "Acme Robotics, Inc."): the issuer, not a headline. */
const COMPANY_NAME = /^(?:\p{Lu}[\p{L}\p{N}&'’.-]*,?\s+){1,5}(?:PLC|plc|Plc|Ltd\.?|Limited|Inc\.?|Incorporated|Corp\.?|Corporation|S\.A\.|N\.V\.|AG|SE|S\.p\.A\.|SpA|GmbH|LLC|LLP|ASA|Oyj|A\/S)$/u;

/**
 * The name of a parliament's record of its debates, printed by its site under a debate's title ("Hansard", "Official
 * Report", "Congressional Record"): the publisher, and no line of the debate.
 */
const PARLIAMENTARY_RECORD = /^(?:(?:(?:house of (?:commons|lords)|senate|house of representatives|legislative assembly) )?hansard|official report|congressional record|parliamentary debates)$/i;

/** A title with a commentary label before it, as readers and dedupe know a column by ("Opinion: We need to …"). */
export function labelledTitle(label: string, headline: string): string {
  return `${label[0]!.toUpperCase()}${label.slice(1).toLowerCase()}: ${headline}`;
}
/** A section path: two to four short capitalised parts with separators ("Sport | Football", "News › Local › Leeds"). */
const SECTION_PATH = /^\p{Lu}[\p{L}&'’ -]{0,30}(?:\s+[|›»>\/]\s+\p{Lu}[\p{L}&'’ -]{0,30}){1,3}$/u;
/** A masthead: an outlet's name ("The Bexford Gazette"), maybe with its edition ("– English edition"). */
const MASTHEAD = new RegExp(String.raw`^((?:The\s+)?(?:\p{Lu}[\p{L}'’.-]*\s+){0,3}${OUTLET_WORD})$|^(\p{Lu}[^.!?|]{1,50}?)\s+[–—-]\s+(?:\p{L}+\s+){0,2}[Ee]dition$`, 'u');
/** A name with an honorific alone on a line ("Dr Rachel Osei", "Prof. Colm Tierney"): the byline, without "By". */
const TITLED_NAME = /^(?:Dr|Prof|Professor|Sir|Dame|Rev|Revd)\.?\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){1,3}$/u;
/** A clock time alone ("17:42 BST", "9.30am"). */
const CLOCK_TIME = /^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+\p{Lu}{2,5})?$/u;
/** Words a time line may hold besides figures: months, weekdays, "updated", zones ("Eastern Daylight Time"). */
const TIME_WORDS = new Set([
  ...MONTHS,
  ...MONTHS.map((m) => m.slice(0, 3)),
  'sept',
  ...WEEKDAYS,
  ...WEEKDAYS.map((d) => d.slice(0, 3)),
  'am',
  'pm',
  'a.m',
  'p.m',
  'at',
  'on',
  'updated',
  'published',
  'posted',
  'modified',
  'last',
  'time',
  'standard',
  'daylight',
  'summer',
  'mean',
  'eastern',
  'central',
  'mountain',
  'pacific',
  'atlantic',
  'british',
  'european',
  'greenwich',
]);

/** A time or a date on a line of its own, in any of the forms pages print them, perhaps several joined by bars. */
function isTimeLine(text: string): boolean {
  const parts = text.split(/\s+[|·•]\s+/);
  if (parts.every((part) => CLOCK_TIME.test(part) || DATE_LINE.test(part) || TIME_STAMP_LINE.test(part))) return true;
  // A date with a time and its zone spelt out ("April 22, 2025 04:05 PM Eastern Daylight Time"): figures and time words only.
  if (!/\d{1,2}[:.]\d{2}/.test(text) || /[!?]/.test(text)) return false;
  const words = text.toLowerCase().match(/\p{L}[\p{L}.]*/gu) ?? [];
  // …and zones in capitals ("EDT", "BST").
  return words.length <= 8 && words.every((word) => TIME_WORDS.has(word.replace(/\.$/, '')) || (/^\p{L}{2,5}$/u.test(word) && text.includes(word.toUpperCase())));
}

/** Lines of no named kind looked past, at most, over the headline (`overHeadline`). */
const MAX_UNNAMED_HEADER_LINES = 3;

/** The content words of the article's text: its paragraphs that read as text. */
function storyWords(kept: readonly Verdict[]): Set<string> {
  return new Set(kept.filter(isText).flatMap((v) => contentWords(v.paragraph.text)));
}

/** A short line that is no sentence and shares no word with the story: what a site prints over its headlines. */
function siteLine(verdict: Verdict | undefined, story: ReadonlySet<string>): boolean {
  if (!verdict || verdict.ruleId) return false;
  const { type, text, words } = verdict.paragraph;
  if ((type !== 'paragraph' && type !== 'heading') || words > 6 || text.includes('\n') || /[.!?…:;,]["'”’)\]]*$/u.test(text.trim())) return false;
  return !contentWords(text).some((word) => story.has(word));
}

/**
 * Whether kept line `at` is a line of the page's header over the headline (`siteLine`): the headline follows within a few
 * such lines (or header lines of a named kind), and the text follows the headline. Not the first of a title in capitals
 * wrapped over two lines.
 */
function overHeadline(kept: readonly Verdict[], at: number, story: ReadonlySet<string>): boolean {
  if (!siteLine(kept[at], story)) return false;
  for (let h = at + 1; h <= at + MAX_UNNAMED_HEADER_LINES && h < kept.length; h++) {
    const next = kept[h]!;
    if (!next.ruleId && isHeadline(next) && !(h === at + 1 && inCapitals(kept[at]!) && inCapitals(next)) && kept.slice(h + 1, h + 3).some(isText)) return true;
    if (!siteLine(next, story) && !headerKind(next.paragraph.text)) return false;
  }
  return false;
}

/** A header line's kind: how its removal is described, and what it names. */
interface HeaderKind {
  label: string;
  /** A company's name with its legal form: the issuer, whose announcement's short title it heads (`isAnnouncementTitle`). */
  issuer?: string;
  masthead?: string;
  commentary?: string;
  byline?: string;
}

/** What kind of header line this is, or null for a line of the article's own (a standfirst, a score line). */
function headerKind(text: string): HeaderKind | null {
  const trimmed = text.trim();
  const commentary = COMMENTARY_LABEL.exec(trimmed);
  if (commentary) return { label: 'a label over the headline', commentary: commentary[1]! };
  if (DOCUMENT_TYPE.test(trimmed)) return { label: 'the kind of document the page is' };
  if (APPLIES_TO.test(trimmed)) return { label: 'the nations the page applies to' };
  const company = COMPANY_NAME.exec(trimmed);
  if (company) return { label: "the issuer's name", masthead: company[0], issuer: company[0] };
  const record = PARLIAMENTARY_RECORD.exec(trimmed);
  if (record) return { label: "the parliamentary record's name", masthead: record[0] };
  if (SECTION_PATH.test(trimmed)) return { label: 'the section the page is in' };
  const masthead = MASTHEAD.exec(trimmed);
  if (masthead) return { label: 'the masthead', masthead: (masthead[1] ?? masthead[2]!).trim() };
  if (isTimeLine(trimmed)) return { label: 'a time stamp' };
  if (TITLED_NAME.test(trimmed)) return { label: 'the byline', byline: trimmed };
  return null;
}

/**
 * Finds the title line at the top of a plain-text article's kept paragraphs and marks it (rule
 * `TITLE_RULE`) and the header lines around it (`clean/credit`) as removed. Returns the title — a
 * commentary label over it kept as its label ("Opinion: We need to stop pretending …"), which
 * tells dedupe and readers what it is — and the outlet a masthead names; null when the article
 * does not start with a headline.
 */
export function takeTitleLine(verdicts: Verdict[], disabled: ReadonlySet<string>): TitleLine | null {
  if (disabled.has(TITLE_RULE)) return null;
  const kept = verdicts.filter((v) => !v.ruleId || v.keptBy);
  // Header lines may stand over the headline too ("Opinion", a section); each kept with its kind.
  type Header = { verdict: Verdict; kind: HeaderKind };
  const headerAt = (i: number): Header | null => {
    const verdict = kept[i];
    const kind = verdict ? headerKind(verdict.paragraph.text) : null;
    return verdict && kind ? { verdict, kind } : null;
  };
  let at = 0;
  const before: Header[] = [];
  let unnamed = 0;
  let story: Set<string> | undefined;
  for (;;) {
    const header = before.length < MAX_HEADER_LINES ? headerAt(at) : null;
    if (header) before.push(header);
    // A line of no kind named above, over a headline the text follows: the site's name, tagline or section ("UN News",
    // "Global perspective Human stories", "STATEMENTS AND RELEASES"), when it shares no word with the story.
    else if (unnamed < MAX_UNNAMED_HEADER_LINES && overHeadline(kept, at, (story ??= storyWords(kept)))) {
      before.push({ verdict: kept[at]!, kind: { label: 'a line over the headline that shares no word with the story (the site, its tagline or section)' } });
      unnamed++;
    } else break;
    at++;
  }
  const title = kept[at];
  // Under its issuer's name, a company's announcement has a title of a word or two ("Half-year results", "Trading
  // update"): too short to read as a headline alone, it is the title with the issuer's name before it.
  const issuer = before.find((header) => header.kind.issuer)?.kind.issuer;
  const announcement = title !== undefined && issuer !== undefined && isAnnouncementTitle(title);
  if (!title || title.ruleId || !(isHeadline(title) || announcement)) return null;
  // A title in capitals wrapped over two lines (a PDF's, a typed release's): its second line is part of it.
  const wrapped = kept[at + 1];
  const lines = [title];
  if (wrapped && !wrapped.ruleId && inCapitals(title) && inCapitals(wrapped) && wrapped.paragraph.words <= 10 && !headerKind(wrapped.paragraph.text)) lines.push(wrapped);
  const after: Header[] = [];
  let next = at + lines.length;
  for (let header = headerAt(next); header && !header.verdict.ruleId && after.length < MAX_HEADER_LINES; header = headerAt(++next)) after.push(header);
  // The text must follow, past any other line of the header (a standfirst, a page's dates and a section heading may stand between).
  const body = kept.slice(next, next + 3);
  if (!body.some(isText)) return null;
  let masthead: string | null = null;
  let label: string | null = null;
  let byline: string | null = null;
  for (const { verdict, kind } of [...before, ...after]) {
    if (verdict.ruleId) continue;
    masthead ??= kind.masthead ?? null;
    label ??= kind.commentary ?? null;
    byline ??= kind.byline ?? null;
    verdict.ruleId = 'clean/credit';
    verdict.signals = [...verdict.signals, { kind: 'context', name: 'page-header', label: `${kind.label}, a line of the page's header around its title`, weight: 0 }];
  }
  for (const line of lines) {
    line.ruleId = TITLE_RULE;
    line.signals = [...line.signals, { kind: 'context', name: 'title-line', label: "the article's title, on its first line (kept as its title)", weight: 0 }];
  }
  const headline = lines.map((line) => line.paragraph.text.trim()).join(' ').replace(/\s+/g, ' ');
  return { title: label ? labelledTitle(label, headline) : announcement ? `${issuer}: ${headline}` : headline, masthead, byline };
}

/** An announcement's title under its issuer's name: one or two words of a headline's shape ("Half-year results", "Trading update"). */
function isAnnouncementTitle(verdict: Verdict): boolean {
  return lineShaped(verdict, 1, 2, 40);
}

/** A case's caption, the parties either side of "v." ("HARMON v. NATIONAL GRID TRANSMISSION CORP.", "Smith v Jones"). */
const CASE_CAPTION = /^\p{Lu}[\p{L}\p{N}.,'’&()\s-]{1,80}?\s+(?:v\.?|vs\.?)\s+\p{Lu}[\p{L}\p{N}.,'’&()\s-]{1,100}$/u;
/** Lines looked at, from the top, for a court document's caption. */
const CAPTION_REACH = 12;
/** Words a title keeps in lower case inside it. */
const MINOR_WORDS = new Set(['v.', 'v', 'vs.', 'of', 'the', 'and', 'for', 'in', 'on', 'at', 'to', 'a', 'an', 'ex', 'rel.', 'et', 'al.']);

/** A caption printed in capitals, as a reader's title: "HARMON v. NATIONAL GRID CORP." → "Harmon v. National Grid Corp.". */
function captionCase(caption: string): string {
  if (/\p{Ll}{2}/u.test(caption.replace(/\b(?:vs?|rel|al)\b\.?/g, ''))) return caption;
  return caption
    .toLowerCase()
    .split(/\s+/)
    .map((word, i) => (i > 0 && MINOR_WORDS.has(word) ? word : word.replace(/\p{L}/u, (letter) => letter.toUpperCase())))
    .join(' ');
}

/**
 * A court document's title when plain text has no headline on its first line: the case's caption among the lines over
 * its text (a slip opinion's "HARMON v. NATIONAL GRID TRANSMISSION CORP." between the court's name and the road the case
 * took), kept or taken with the header lines around it. Marked as the title line; its words as a reader's title.
 */
export function takeCaseCaption(verdicts: Verdict[], disabled: ReadonlySet<string>): string | null {
  if (disabled.has(TITLE_RULE)) return null;
  for (const verdict of verdicts.slice(0, CAPTION_REACH)) {
    // The text has begun (furniture over it, a court's note, is looked past).
    if (!verdict.ruleId && isText(verdict)) return null;
    const text = verdict.paragraph.text.trim();
    if (text.includes('\n') || verdict.paragraph.words > 20 || !CASE_CAPTION.test(text)) continue;
    verdict.ruleId = TITLE_RULE;
    verdict.signals = [...verdict.signals, { kind: 'context', name: 'title-line', label: "the case's caption over the text (kept as its title)", weight: 0 }];
    return captionCase(text.replace(/\s+/g, ' '));
  }
  return null;
}

/** Kept lines looked at, from the top, for the title said again. */
const TITLE_REACH = 3;

/**
 * The title said again at the top of the text — Markdown's "# Headline" under a front matter title,
 * a record's text that opens with its title, an e-mail's headline under its subject — goes: the
 * headline is metadata, and printed twice it is a paragraph of no news (the HTML extractor drops
 * the page's `h1` the same way, clean/html/index.ts). Only a line that is the whole title, among the
 * first few kept.
 */
export function dropRepeatedTitle(verdicts: Verdict[], title: string | null, disabled: ReadonlySet<string>): void {
  if (!title || disabled.has(TITLE_RULE)) return;
  const wanted = comparableText(title);
  if (!wanted) return;
  const all = verdicts.filter((v) => !v.ruleId);
  // The title is all the text there is (a feed's item that gives only its headline): it stays the text.
  if (all.length < 2) return;
  const kept = all.slice(0, TITLE_REACH);
  const repeat = kept.find((v) => (v.paragraph.type === 'heading' || v.paragraph.type === 'paragraph') && comparableText(v.paragraph.text) === wanted);
  if (!repeat) return;
  repeat.ruleId = TITLE_RULE;
  repeat.signals = [...repeat.signals, { kind: 'context', name: 'title-line', label: "the article's title again, at the top of its text", weight: 0 }];
}

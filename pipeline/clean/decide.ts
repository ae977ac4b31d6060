import type { StageContext } from '../common/context.ts';
import type { Article, Paragraph, Removal } from '../types.ts';
import type { AnalysedParagraph, ArticleAnalysis } from './analyse.ts';
import type { KeepEntry } from './config.ts';
import { categoryOf, describe, isReporting, specificEvidence, totalScore, type Signal } from './furniture/score.ts';
import { BOILERPLATE_LABEL, COMMENT_CONTROL, COMMENTS_LABEL, END_OF_RELEASE, LINE_CUES, NAVIGATION_LABEL, PRESS_CONTACT } from './furniture/lexicon.ts';
import { paragraphsHash } from './paragraphs-hash.ts';
import { dropPullQuotes } from './pull-quote.ts';
import { embargoDay } from '../common/embargo.ts';
import { bylineName, datelineAgency, dropAuthorBio, dropAuthorNameLine, dropBylineAffiliation, dropIssuerOverLabel, dropProfileHeadline, emailSubject, furnitureOutlet, namesAuthor, publicationName, releaseIssuer, removedLineDate } from './credits.ts';
import { dropOwnerOverCount, dropWriterCard } from './post-card.ts';
import { hasCue, type Verdict } from './verdict.ts';
import { dropRepeatedTitle, takeCaseCaption, takeTitleLine, TITLE_RULE } from './title-line.ts';
import { dropRunningHeads } from './running-heads.ts';
import { repetitionCounts } from './repetition.ts';
import { headlineShaped } from './text/structure.ts';
import { wordCount } from '../common/text.ts';

export interface AnalysedArticle {
  article: Article;
  analysis: ArticleAnalysis;
}


/**
 * The collection pass: adds repetition across articles to each paragraph's
 * evidence, decides what goes, applies the editor's keep overrides, and writes
 * the cleaned articles and one message per decision. Cheap — the expensive
 * per-article analysis is done (or cached) before.
 */
export function decideArticles(items: AnalysedArticle[], ctx: StageContext, options: { consume?: boolean } = {}): Article[] {
  const config = ctx.config.clean;
  const repeats = config.minRepeats > 0 ? repetitionCounts(items) : items.map(({ analysis }) => analysis.paragraphs.map(() => 1));
  const cleaned: Article[] = [];
  for (let i = 0; i < items.length; i++) {
    cleaned.push(decideArticle(items[i]!, repeats[i]!, ctx));
    // `consume`: the caller hands the items over; each analysis can be collected once decided.
    if (options.consume) items[i] = RELEASED;
  }
  return cleaned;
}

/** Longer than this, a removed paragraph is no release's stamp or embargo line (a note to editors may mention one in passing). */
const MAX_STAMP_CHARS = 200;

/** What a consumed item is replaced with (keeps the array's element kind, holds nothing). */
const RELEASED: AnalysedArticle = { article: null as unknown as Article, analysis: null as unknown as ArticleAnalysis };

/** How a paragraph's repetition is described in its signals (and so in reasons and messages). */
export function repeatedLabel(count: number): string {
  return `the same paragraph is in ${count - 1} other article${count > 2 ? 's' : ''}`;
}

/**
 * Decides one article. `labelOf` describes a repeated paragraph (default
 * `repeatedLabel`): the incremental stage passes a placeholder, so one cached
 * decision serves every count with the same weight (see incremental.ts).
 */
export function decideArticle({ article, analysis }: AnalysedArticle, repeats: number[], ctx: StageContext, labelOf: (index: number, count: number) => string = (_index, count) => repeatedLabel(count)): Article {
  const config = ctx.config.clean;
  const file = article.origin.file;
  const threshold = config.threshold;
  const disabled = new Set<string>(config.disable);

  const verdicts: Verdict[] = analysis.paragraphs.map((paragraph, index) => {
    const signals = [...paragraph.signals];
    const count = repeats[index] ?? 1;
    if (config.minRepeats > 0 && count >= config.minRepeats) {
      // A block on every page of an outlet is furniture; one sentence two reports share is more likely the story's.
      const weight = count >= 4 ? 3 : count === 3 ? 2.5 : 1.5;
      signals.push({ kind: 'evidence', name: 'repeated', label: labelOf(index, count), weight });
    }
    const score = totalScore(signals);
    const ruleId = `clean/${categoryOf(signals)}`;
    return { paragraph, signals, score, ruleId: score >= threshold && !disabled.has(ruleId) ? ruleId : null };
  });

  spreadToNeighbours(verdicts, threshold, disabled);
  dropCommentsSection(verdicts);
  dropAfterEndOfRelease(verdicts);
  dropBoilerplateSection(verdicts);
  // Before the author's biography is looked for: it is the last paragraph once the headlines listed after it go.
  dropListedHeadlines(verdicts, analysis.plainText);
  // A PDF's running heads first: the title line is the first line past them.
  dropRunningHeads(verdicts);
  // An institution's name over its release's label line ("Council of the EU" / "Press release"): the issuer, not the title.
  const issuer = dropIssuerOverLabel(verdicts);
  // Plain text has no markup for its title: its first line, when it reads as a headline, is (title-line.ts).
  // Before the author is looked for: a name under the title ("Dr Rachel Osei") is its byline.
  const subject = emailSubject(verdicts);
  const untitled = article.title === null && analysis.metadata.title === undefined && analysis.plainText && subject === null;
  const titleLine = untitled ? takeTitleLine(verdicts, disabled) : null;
  // A court document's caption, when no headline opens it ("HARMON v. NATIONAL GRID TRANSMISSION CORP.").
  const caption = untitled && !titleLine ? takeCaseCaption(verdicts, disabled) : null;
  // A title the input gives (front matter, a record, a page's metadata, an e-mail's subject), said again at the top of the text.
  if (!titleLine) dropRepeatedTitle(verdicts, article.title ?? analysis.metadata.title ?? subject, disabled);
  const author = article.author ?? analysis.metadata.author ?? bylineName(verdicts, analysis.extracted) ?? titleLine?.byline ?? null;
  if (author) {
    dropAuthorBio(verdicts, author);
    dropAuthorNameLine(verdicts, author);
  }
  const affiliation = dropBylineAffiliation(verdicts);
  dropProfileHeadline(verdicts);
  const owner = dropOwnerOverCount(verdicts);
  dropWriterCard(verdicts);
  dropOrphanHeadings(verdicts);
  dropPullQuotes(verdicts, disabled);
  applyKeeps(verdicts, analysis, file, config.keep);
  keepMostOfTheText(verdicts, threshold);

  for (const warning of analysis.warnings) {
    ctx.report.warn({ ruleId: warning.ruleId, reason: warning.reason, file, line: warning.line ?? article.origin.line ?? null, articleId: article.id });
  }
  for (const removal of analysis.extracted) {
    ctx.report.info({ ruleId: removal.ruleId, reason: removal.reason, file, line: removal.line ?? null, articleId: article.id, detail: { text: removal.text } });
  }

  const paragraphs: Paragraph[] = [];
  const removed: Removal[] = [...analysis.extracted];
  for (const verdict of verdicts) {
    const { paragraph } = verdict;
    const line = paragraph.line;
    if (verdict.ruleId && !verdict.keptBy) {
      // The title line, the page header around it, a PDF's running heads and a pull quote go for where they stand (or
      // what they repeat), not for a score.
      const placed = verdict.signals.some((s) => s.name === 'title-line' || s.name === 'page-header' || s.name === 'running-head' || s.name === 'pull-quote');
      const verdictText = verdict.score >= threshold ? `score ${verdict.score} ≥ ${threshold}` : `score ${verdict.score}, removed with the furniture around it`;
      const reason = placed ? describe(verdict.signals.filter((s) => s.kind === 'context')) : `${describe(verdict.signals)} — ${verdictText}`;
      removed.push(line === undefined ? { ruleId: verdict.ruleId, reason, text: paragraph.text } : { ruleId: verdict.ruleId, reason, text: paragraph.text, line });
      ctx.report.info({
        ruleId: verdict.ruleId,
        reason: `removed: ${reason}`,
        file,
        line: line ?? null,
        articleId: article.id,
        detail: { text: paragraph.text, score: verdict.score, signals: verdict.signals.map((s) => ({ name: s.name, weight: s.weight, label: s.label })) },
      });
      continue;
    }
    if (verdict.ruleId && verdict.keptBy) {
      ctx.report.info({
        ruleId: 'clean/kept',
        reason: `kept by ${verdict.keptBy}, although ${verdict.ruleId} would remove it (${describe(verdict.signals)}; score ${verdict.score})`,
        file,
        line: line ?? null,
        articleId: article.id,
        detail: { text: paragraph.text, wouldBe: verdict.ruleId, score: verdict.score },
      });
    }
    paragraphs.push(line === undefined ? { type: paragraph.type, text: paragraph.text } : { type: paragraph.type, text: paragraph.text, line });
  }

  if (paragraphs.length === 0) {
    ctx.report.warn({
      ruleId: 'clean/no-text',
      reason: verdicts.length > 0 ? `no article text left: all ${verdicts.length} paragraphs were removed as furniture (keep any with clean.keep)` : 'no article text found',
      file,
      line: article.origin.line ?? null,
      articleId: article.id,
    });
  }

  // The paragraphs' hash travels with them, so summarise's cache key need not hash the text again (paragraphs-hash.ts).
  const cleaned: Article = { ...article, paragraphs, text: paragraphs.map((p) => p.text).join('\n\n'), removed, paragraphsHash: paragraphsHash(paragraphs), paragraphCount: paragraphs.length, removedCount: removed.length };
  for (const [key, value] of Object.entries(analysis.metadata) as [keyof typeof analysis.metadata, string][]) {
    if (cleaned[key] === null && value !== undefined) (cleaned as unknown as Record<string, unknown>)[key] = value;
  }
  // Plain text states its author only in a byline line, which goes: its name is kept as the author.
  if (cleaned.author === null && author) cleaned.author = author;
  // …and its outlet only beside it ("By Jo Bloggs" over "Senn Valley Press") or in its dateline ("LEEDS (Reuters) -"):
  // readers see that name as the source, not the file's.
  // Else in its own furniture ("Support the Wrexborough Echo …"), which goes too.
  // Or in the masthead over its title ("The Bexford Gazette"), or in a release's label line ("European Commission - Press release").
  if (cleaned.publisher === null) cleaned.publisher = affiliation ?? datelineAgency(paragraphs) ?? titleLine?.masthead ?? furnitureOutlet(removed) ?? releaseIssuer(removed) ?? issuer ?? owner ?? null;
  // On a blog platform the page names the platform ("Medium"); the publication line the outlet.
  const publication = article.publisher === null ? publicationName(verdicts) : null;
  if (publication) cleaned.publisher = publication;
  // A desk or an agency credit named where a byline stands ("Posted by Newsdesk", "dpa/AFP/lk") is no author;
  // an author the input itself states (front matter, a record) is the editor's and stays.
  if (article.author === null && cleaned.author !== null && !namesAuthor(cleaned.author)) cleaned.author = null;
  // A forwarded newsletter's subject line is its title when nothing else gave one.
  if (cleaned.title === null) cleaned.title = subject;
  // Plain text's headline on its first line, unless an editor kept the line as text.
  // Or a court document's caption (only looked for when no headline opens the text).
  const lineTitle = titleLine?.title ?? caption;
  if (cleaned.title === null && lineTitle && verdicts.some((v) => v.ruleId === TITLE_RULE && !v.keptBy)) cleaned.title = lineTitle;
  // A date and its source travel together: only take the page's source with the page's date.
  if (article.date === null && cleaned.date !== null) cleaned.dateSource = analysis.metadata.dateSource ?? null;
  // An undated article's byline or time stamp ("Published: 13 June 2025 | Words: …"), or the header
  // beside its title on a page, may be the only place it states its day: the line goes, its date is
  // kept (dedupe reads dates from the text that stays).
  if (cleaned.date === null) {
    const stated = removedLineDate(removed, cleaned.title);
    // A press release under embargo is issued before it may be published: it is dated the day the
    // embargo it states lifts ("EMBARGOED UNTIL 00:01 GMT TUESDAY 19 NOVEMBER 2024", a line that
    // goes), so no edition of the day it was issued publishes it. Only when its date is its own lines'
    // (or none): a page's published date, front matter or a mail's embargo (ingest) already decided.
    const embargo = embargoDay(removed.filter((r) => r.text.length <= MAX_STAMP_CHARS).map((r) => r.text), stated, ctx.config.timezone);
    if (embargo) {
      ctx.report.info({
        ruleId: 'clean/embargo',
        reason: `embargoed until ${embargo.day} (“${embargo.evidence}”): dated that day${stated ? `, not the day it was issued (${stated})` : ''}`,
        file,
        line: removed.find((r) => r.text.includes(embargo.evidence))?.line ?? article.origin.line ?? null,
        articleId: article.id,
      });
    }
    const day = embargo?.day ?? stated;
    if (day) Object.assign(cleaned, { date: day, dateSource: 'date-line' });
  }
  if (cleaned.date === null) cleaned.dateSource = null;
  return cleaned;
}

/**
 * Furniture comes in blocks (a promo of four paragraphs ending in "CLICK HERE TO
 * JOIN"): a paragraph with half the score needed and some specific evidence,
 * next to one removed, goes with it.
 */
function spreadToNeighbours(verdicts: Verdict[], threshold: number, disabled: Set<string>): void {
  let changed = true;
  while (changed) {
    changed = false;
    verdicts.forEach((verdict, i) => {
      if (verdict.ruleId || verdict.score < threshold / 2) return;
      // A report beside a banner is the story starting (or going on), not the banner's next part.
      if (isReporting(verdict.signals)) return;
      // Its own words must look like furniture: repetition alone does not spread.
      const repeated = verdict.signals.find((s) => s.name === 'repeated')?.weight ?? 0;
      if (specificEvidence(verdict.signals) - repeated < 1) return;
      // A line that is furniture alone (a byline, "FOR IMMEDIATE RELEASE") heads no block: the lede under it is not its part.
      const neighbour = [verdicts[i - 1], verdicts[i + 1]].find((v) => v?.ruleId && !lineFurniture(v));
      if (!neighbour) return;
      const ruleId = categoryOf(verdict.signals) === 'promo' && !verdict.signals.some((s) => s.category) ? neighbour.ruleId : `clean/${categoryOf(verdict.signals)}`;
      if (!ruleId || disabled.has(ruleId)) return;
      verdict.ruleId = ruleId;
      verdict.signals = [...verdict.signals, { kind: 'context', name: 'adjacent', label: 'part of a block of furniture', weight: 0 }];
      changed = true;
    });
  }
}

/** Removed for a cue of a line that is furniture on its own (`LINE_CUES`), with no other cue. */
function lineFurniture(verdict: Verdict): boolean {
  const cues = verdict.signals.filter((s) => s.name === 'cue');
  return cues.length > 0 && cues.every((s) => LINE_CUES.has(s.label));
}


/**
 * The links listed under a navigation label ("Most popular", "Related stories", "Read next") go with
 * the label. In scraped text they are bare headlines on lines of their own ("Council tax rise
 * approved"), which score nothing alone: the headline-like lines right after a removed label —
 * short, starting with a capital or a digit, not ending as a sentence does — are taken, up to the
 * first line that reads otherwise (the article going on, "The council said …"). `plainText`: the
 * article was plain text (see `headlineLike`).
 */
function dropListedHeadlines(verdicts: Verdict[], plainText: boolean): void {
  verdicts.forEach((verdict, i) => {
    // The label alone ("Most popular", "You may also like"), not a label with its one link ("Read more: Anglers count the cost").
    if (!verdict.ruleId || !hasCue(verdict, NAVIGATION_LABEL) || verdict.paragraph.words > 5) return;
    // Under a tags label ("Related topics", "Tags") the links are single words: "Perth", "Bridges".
    const minWords = TAGS_LABEL.test(verdict.paragraph.text) ? 1 : 2;
    for (let j = i + 1; j < verdicts.length; j++) {
      const item = verdicts[j]!;
      if (item.ruleId) continue;
      if (!headlineLike(item.paragraph, plainText, minWords)) return;
      item.ruleId = verdict.ruleId;
      item.signals = [...item.signals, { kind: 'context', name: 'listed-headline', label: 'a headline listed under a removed navigation label', weight: 0 }];
      // A list is the whole listing ("Table of contents" over its numbered sections): the line after it is the page going on.
      if (item.paragraph.type === 'list') return;
    }
  });
}

/**
 * A line that reads as a linked headline: a few words, a capital or digit first, no sentence end.
 * Not a heading marked up as one (Markdown, HTML): the article's own next section ("What the
 * council said") is one. In plain text a "heading" is only a short line's guess, as a listed
 * headline is, so there it may be one.
 */
function headlineLike(paragraph: AnalysedParagraph, plainText: boolean, minWords = 2): boolean {
  // A list of them ("## Related" over "- [Storm closes quay](…)" in Markdown): every item one.
  if (paragraph.type === 'list') {
    const items = paragraph.text.split('\n').map((line) => line.replace(LIST_MARK, '').trim());
    return items.length > 0 && items.every((item) => isHeadline(item, wordCount(item), minWords));
  }
  if (!(paragraph.type === 'paragraph' || (plainText && paragraph.type === 'heading')) || paragraph.text.includes('\n')) return false;
  return isHeadline(paragraph.text.trim(), paragraph.words, minWords);
}

/** A list item's bullet or number ("- ", "* ", "• ", "3. ", "3) "). */
const LIST_MARK = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/u;

/**
 * A few words, a capital or digit first, no full stop at the end: a linked headline's text. A headline
 * may ask or exclaim ("Paris Olympics legacy: what happened to the cycle lanes?").
 */
function isHeadline(text: string, words: number, minWords: number): boolean {
  return headlineShaped(text, words, minWords, 14, 120);
}

/** A label over an article's topic or tag links, or over a page's table of contents (its sections: "Employment", "Methods"). */
const TAGS_LABEL = /\b(?:topics|tags|tagged|filed under|keywords|contents|on this page|in this (?:article|page|guide|report|section)|jump to)\b/i;

/** A comment's time stamp on a line of its own ("April 2, 2025 at 8:14 pm", "12/03/2025 at 09:15", "3 hours ago"). */
const COMMENT_TIMESTAMP =
  /^(?:on )?(?:(?:\p{L}+ \d{1,2},? \d{4}|\d{1,2} \p{L}+,? \d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})(?:,? (?:at|@))? \d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\d+ (?:minutes?|hours?|days?|weeks?|months?) ago)$/iu;
/**
 * A comment as scraped text keeps it: the commenter's handle and a colon ("Mike_K: How are people …",
 * "TownTillIDie: About time."). A handle is one word with a digit, an underscore or a capital inside.
 */
const COMMENT_HANDLE = /^(?=[\p{L}\p{N}_.-]*(?:[\p{N}_]|\p{Ll}\p{Lu}))[\p{L}\p{N}_.-]{2,30}:\s+\S/u;
/** Words of article text that must come before a comments heading or a release's end mark: one near the top ("By Jo Bloggs · 18 comments", a stray "###") ends nothing. */
const STORY_BEFORE_TAIL = 40;

/**
 * The first removed paragraph, after 40 words of kept text, that `opens` says opens the article's
 * tail; everything after it that is not removed already is removed with it, under `signal`.
 */
function dropTail(verdicts: Verdict[], opens: (verdict: Verdict, rest: Verdict[]) => boolean, signal: { name: string; label: string }): void {
  let storyWords = 0;
  for (let start = 0; start < verdicts.length; start++) {
    const mark = verdicts[start]!;
    if (!mark.ruleId) storyWords += mark.paragraph.words;
    if (!mark.ruleId || storyWords < STORY_BEFORE_TAIL) continue;
    const rest = verdicts.slice(start + 1);
    if (!opens(mark, rest)) continue;
    for (const item of rest) {
      if (item.ruleId) continue;
      item.ruleId = mark.ruleId;
      item.signals = [...item.signals, { kind: 'context', ...signal, weight: 0 }];
    }
    return;
  }
}

/**
 * Readers' comments come after the story, under a heading ("18 Comments", "Leave a Reply"), as
 * names, time stamps, comments and "Reply" buttons that score nothing one by one. After a removed
 * comments heading that follows the story, when a comment's control or time stamp shows a thread
 * follows, everything to the end goes with it (what follows a thread is the comment form or the
 * page's footer, never the article).
 */
function dropCommentsSection(verdicts: Verdict[]): void {
  const opensThread = (heading: Verdict, thread: Verdict[]) => {
    if (!hasCue(heading, COMMENTS_LABEL)) return false;
    const handles = thread.filter((v) => COMMENT_HANDLE.test(v.paragraph.text.trim())).length;
    return handles >= 2 || thread.some((v) => hasCue(v, COMMENT_CONTROL) || COMMENT_TIMESTAMP.test(v.paragraph.text.trim()));
  };
  dropTail(verdicts, opensThread, { name: COMMENTS_SECTION, label: 'in the readers’ comments after a removed comments heading' });
}

/**
 * A press release ends its copy for print with a mark of its own ("ENDS", "###", "-30-"). What
 * follows is for the editor, not the reader: notes to editors, the issuer's boilerplate, media
 * contacts, a sender's signature and its legal footer — furniture in shapes the cues name only
 * in part. After a removed end mark that follows the release's text, everything to the end goes.
 */
function dropAfterEndOfRelease(verdicts: Verdict[]): void {
  dropTail(verdicts, (mark) => hasCue(mark, END_OF_RELEASE), { name: 'after-end-of-release', label: 'after the release’s end mark' });
}

/** The signal of a paragraph removed as part of a comments section: the readers' text, not the article's. */
const COMMENTS_SECTION = 'comments-section';
const inComments = (verdict: Verdict) => verdict.signals.some((s) => s.name === COMMENTS_SECTION);

/** At most this share of an article's words may go as one boilerplate section: a label early in plain text is not a section's. */
const MAX_BOILERPLATE_SHARE = 0.4;

/**
 * Boilerplate under its label goes with it: "About Acme Ltd" over "Acme Ltd is a …" (a press
 * release's description of its issuer), "About the author", "Notes to editors", "Forward-looking
 * statements", "For more information", "Press contacts"; a newsletter's other items under "Also this
 * week", "Elsewhere", "Dates for your diary". The section runs to the next heading (a paragraph
 * removed on its own inside it does not end it). Under a name, only when its first paragraph starts with the
 * name's first word, as a description of the issuer does ("About Town" over a story's next part
 * stays); and never when it would take more than 40 % of the article's words.
 */
function dropBoilerplateSection(verdicts: Verdict[]): void {
  const total = verdicts.reduce((sum, v) => sum + v.paragraph.words, 0);
  verdicts.forEach((label, i) => {
    // A release's "Press contacts" heading alone heads its list of names, numbers and addresses too.
    if (!sectionLabel(label)) return;
    const section: Verdict[] = [];
    // To the next heading or the next such label (an earnings release's "About …" then "Forward-Looking Statements", each a
    // section of its own); what is removed already on its own (a promo among the items) does not end it.
    for (let j = i + 1; j < verdicts.length && verdicts[j]!.paragraph.type !== 'heading' && !sectionLabel(verdicts[j]!); j++) if (!verdicts[j]!.ruleId) section.push(verdicts[j]!);
    if (section.length === 0) return;
    const named = /^(?:about|ABOUT|About)\s+(?!the authors?\b|us\b)(\p{L}[\p{L}\p{N}&.'’-]*)/u.exec(label.paragraph.text.trim())?.[1];
    if (named && !section[0]!.paragraph.text.trim().toLowerCase().startsWith(named.toLowerCase())) return;
    if (section.reduce((sum, v) => sum + v.paragraph.words, 0) > total * MAX_BOILERPLATE_SHARE) return;
    for (const item of section) {
      item.ruleId = label.ruleId;
      item.signals = [...item.signals, { kind: 'context', name: 'boilerplate-section', label: 'under a removed boilerplate label', weight: 0 }];
    }
  });
}

/** Removed as part of a boilerplate label's section (`dropBoilerplateSection`). */
const underBoilerplateLabel = (verdict: Verdict) => verdict.signals.some((s) => s.name === 'boilerplate-section');

/** A removed label that heads a section of boilerplate ("About Acme", "Forward-Looking Statements", "Press contacts"). */
function sectionLabel(verdict: Verdict): boolean {
  return !!verdict.ruleId && (hasCue(verdict, BOILERPLATE_LABEL) || (hasCue(verdict, PRESS_CONTACT) && verdict.paragraph.words <= 3));
}

/** A heading whose whole section was removed ("Related stories", "Newsletter") goes with it. */
function dropOrphanHeadings(verdicts: Verdict[]): void {
  verdicts.forEach((verdict, i) => {
    if (verdict.ruleId || verdict.paragraph.type !== 'heading') return;
    const section: Verdict[] = [];
    for (let j = i + 1; j < verdicts.length && verdicts[j]!.paragraph.type !== 'heading'; j++) section.push(verdicts[j]!);
    if (section.length === 0 || section.some((v) => !v.ruleId)) return;
    verdict.ruleId = section[0]!.ruleId;
    verdict.signals = [...verdict.signals, { kind: 'context', name: 'orphan-heading', label: 'heading of a removed block', weight: 0 }];
  });
}

function applyKeeps(verdicts: Verdict[], analysis: ArticleAnalysis, file: string, keep: KeepEntry[]): void {
  const fileEntries = keep.filter((k): k is { file: string; text?: string } => typeof k !== 'string' && sameFile(k.file, file));
  const keepWholeFile = fileEntries.some((k) => k.text === undefined);
  const texts = [
    ...keep.filter((k): k is string => typeof k === 'string').map((text) => ({ text, by: `config clean.keep "${text}"` })),
    ...fileEntries.filter((k) => k.text !== undefined).map((k) => ({ text: k.text!, by: `config clean.keep {file: "${k.file}", text: "${k.text}"}` })),
  ];
  for (const verdict of verdicts) {
    if (!verdict.ruleId) continue;
    if (analysis.keepAll) verdict.keptBy = 'the article’s <!-- briefing: keep-all --> comment';
    else if (keepWholeFile) verdict.keptBy = `config clean.keep {file: "${fileEntries[0]!.file}"}`;
    else if (verdict.paragraph.keep) verdict.keptBy = 'the article’s <!-- briefing: keep --> comment';
    else {
      const lower = verdict.paragraph.text.toLowerCase();
      const match = texts.find((t) => lower.includes(t.text.toLowerCase()));
      if (match) verdict.keptBy = match.by;
    }
  }
}

/**
 * Weak evidence never takes most of an article: when the removals would take
 * more than half its words, the substantial paragraphs (20+ words) removed on
 * less than twice the threshold stay. A blog's "open thread" post talks to its
 * readers and is still the article; a real banner scores far higher.
 */
function keepMostOfTheText(verdicts: Verdict[], threshold: number): void {
  // Most articles lose nothing: no words to count.
  if (!verdicts.some((v) => v.ruleId && !v.keptBy)) return;
  // Readers' comments are not the article: they count neither in its words nor in what is taken from it.
  const counts = verdicts.map((v) => (inComments(v) ? 0 : v.paragraph.words));
  const total = counts.reduce((sum, n) => sum + n, 0);
  const removed = verdicts.reduce((sum, v, i) => (v.ruleId && !v.keptBy ? sum + counts[i]! : sum), 0);
  if (total === 0 || removed <= total / 2) return;
  for (const [i, verdict] of verdicts.entries()) {
    // A section under a boilerplate label ("About Acme", "Forward-Looking Statements") goes on the label's evidence, not its own.
    if (verdict.ruleId && !verdict.keptBy && !inComments(verdict) && !underBoilerplateLabel(verdict) && verdict.score < 2 * threshold && counts[i]! >= 20) {
      verdict.keptBy = 'the majority guard (removing it would take most of the article’s text on weak evidence)';
    }
  }
}

/** `content/a.txt` matches `content/a.txt`, `./content/a.txt` and `a.txt` (a path suffix on a `/` boundary). */
function sameFile(entry: string, file: string): boolean {
  const a = entry.replace(/\\/g, '/').replace(/^\.\//, '');
  const b = file.replace(/\\/g, '/').replace(/^\.\//, '');
  return a === b || b.endsWith(`/${a}`) || a.endsWith(`/${b}`);
}

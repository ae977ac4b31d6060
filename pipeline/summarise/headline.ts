/**
 * A story's headline, at most 100 characters, from the best source there is:
 *
 * 1. the lead article's title, or when it has none another member's (a scraped text
 *    file, untitled, can lead a story whose other outlets' pages carry a title);
 * 2. a heading at the top of an article's text (a title line the scraper kept)
 *    when it is about the story — it shares the story's central terms;
 * 3. the lead clause of the story's most central sentence: attribution tails
 *    (", Downing Street said") stripped, shortened at a phrase boundary — never
 *    mid-word, never ending on a dangling "and", "of", "the", "to" or a comma.
 */
import type { Article } from '../types.ts';
import type { Ranked } from './rank.ts';
import { termsOf } from './terms.ts';
import { datelineLength } from '../common/text-dates.ts';

export const MAX_HEADLINE = 100;

export type HeadlineSource = 'title' | 'heading' | 'lead-clause' | 'fallback';

export interface Headline {
  text: string;
  source: HeadlineSource;
  articleId: string | null;
}

/** Words a headline must not end on: they promise more words. */
const DANGLING_END = new Set(
  `a an the and or but nor of to in on at by for from with without into onto as than that which who whom whose where when while
  after before because since if though although his her their its our my your this these those is are was were be been has have had
  will would could should can may might must not no said says say told amid over under about against between during including
  like near per via upon toward towards across around ahead despite`.split(/\s+/),
);

/**
 * Words no writer ends a title on: articles, conjunctions, possessives, "of", "to". A text that was
 * not cut loses only these at its end; a preposition there is often the particle of a phrasal verb
 * the writer meant ("… as investigators move in", "… as winter sets in", "Rivals take over").
 */
const NEVER_END = new Set('a an the and or but nor of to his her their its our my your'.split(' '));

/** Adjectives that stand before a noun and rarely end a headline ("new, larger lorries" cut at its comma). */
const PRENOMINAL = new Set(['new', 'former', 'larger', 'smaller', 'bigger', 'older', 'newer']);
/** Verbs after which an adjective is the predicate and ends its clause ("the plan is new"). */
const LINKING_VERB = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'remains', 'remain', 'seems', 'seem', 'looks', 'look', 'became', 'become', 'becomes', 'stays', 'stay']);

/** ", Downing Street said." / ", officials have said" / ", according to the FT" at the end of a sentence. */
const ATTRIBUTION_TAIL =
  /,\s+(?:(?:[^,“”"]{1,60}?)\s+(?:has |have |had )?(?:said|says|say|told [\w\s]{1,30}|reported|reports|announced|confirmed|claimed|added|warned|revealed)|according to [^,“”"]{1,60}|(?:said|says|told reporters|reported|announced)\s+[^,“”"]{1,60})\s*[.!]?$/i;

/** Clause boundaries: the best places to cut (punctuation, subordinate clauses, relative clauses). */
const CLAUSE_BOUNDARY =
  /(?=[,;:]\s)|(?=\s[–—-]\s)|(?=\s\()|\s(?=(?:as|after|before|while|when|because|since|although|though|amid|ahead of|despite|following|until|unless|which|who|where|but|so that|in order to)\s)/gi;
/** Phrase boundaries: before a preposition or a conjunction — acceptable when no clause boundary is in reach. */
const PHRASE_BOUNDARY = /\s(?=(?:with|without|in|on|at|for|from|over|under|to|by|and|or|than|into|against|between|including|during|of|that)\s)/gi;
/** A cut that leaves only a subordinate clause ("Moments after X did Y") or an open relative clause is not a headline. */
const SUBORDINATE_START = /^(?:\S+\s+){0,2}(?:after|before|when|while|as|since|although|though|if|because|until|once|unless)\s/i;
const OPEN_RELATIVE = /\s(?:who|which|whose|whom)\s[^,]*$/i;
/** A clause cut shorter than this share of the limit loses too much: a phrase cut further on is preferred. */
const MIN_CLAUSE_SHARE = 0.3;

export function normaliseHeadline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s"“‘'–—-]+(?=[\p{L}\p{N}])/u, '')
    .replace(/[\s.;:,–—-]+$/u, '');
}

/**
 * Headline style, applied one step at a time only while the text is too long:
 * honorifics and job titles before a full name go ("Foreign Secretary David
 * Lammy" → "David Lammy", "Sir Keir Starmer" → "Keir Starmer"), then asides
 * between commas or brackets, then times of day ("on Tuesday", "this week").
 */
const COMPRESSIONS: ((text: string) => string)[] = [
  (t) => t.replace(/\b(?:Sir|Dame|Lord|Lady|Mr|Mrs|Ms|Dr|Prof)\.?\s+(?=\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+)/gu, ''),
  (t) =>
    t.replace(
      /\b(?:(?:former|then|new|acting|deputy|interim|newly elected|\p{Lu}[\p{L}-]*)\s+){0,3}(?:Secretary|Minister|President|Chancellor|Chief|Director|Commissioner|Governor|Senator|Mayor|Ambassador|Envoy|Spokesman|Spokeswoman|Spokesperson|Leader|Chairman|Chairwoman|Chair)\s+(?=\p{Lu}\p{Ll}+\s+\p{Lu}[\p{Ll}'’-]+)/gu,
      (title, offset: number) => (offset === 0 || /\b(?:and|with|,)\s*$/.test(t.slice(0, offset)) ? '' : title),
    ),
  (t) => t.replace(/\s*\([^()]{1,80}\)/g, '').replace(/,\s+(?:who|which|whose)\s+[^,]{1,80},/g, ''),
  // An aside between the subject and its verb: "President Donald Trump, angered by the ruling, said…".
  (t) => t.replace(/^([^,]{3,60}),\s+[^,]{1,120},\s+(?=(?:said|says|was|were|is|are|has|have|had|will|would|can|could|did|\p{Ll}+ed)\b)/u, '$1 '),
  // A leading subordinate clause ("Moments after the interview aired, …", "Two decades after the show ended, …").
  (t) => {
    const rest = t.replace(/^(?:\S+\s+){0,2}(?:after|before|when|while|as|since|although|though|if|because|until|once)\s[^,]{3,80},\s+/iu, '');
    return rest === t || rest.length < 15 ? t : rest.charAt(0).toUpperCase() + rest.slice(1);
  },
  // A leading adverbial ("On May 22, 2010, …", "According to the filing, …").
  (t) => {
    const rest = t.replace(/^(?:According to [^,]{1,60}|(?:On|In|At|Since|After|Before|During|By|Earlier|Later|Last|This|Meanwhile|However)\b[^,]{0,40}(?:,\s*\d{4})?),\s+/u, '');
    return rest === t || rest.length < 15 ? t : rest.charAt(0).toUpperCase() + rest.slice(1);
  },
  (t) =>
    t.replace(
      /\s+(?:on|last|this|next)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|weekend|month|year)(?:\s+(?:morning|afternoon|evening|night))?\b|\s+(?:yesterday|today|tonight|earlier this week|later this week)\b/g,
      '',
    ),
];

export function compressHeadline(text: string, max = MAX_HEADLINE): string {
  let result = normaliseHeadline(text);
  for (const step of COMPRESSIONS) {
    if (result.length <= max) break;
    result = normaliseHeadline(step(result).replace(/\s{2,}/g, ' '));
  }
  return result;
}

/** Shortens text to at most `max` characters at a phrase boundary; null when no clean cut exists. */
export function shortenAtPhrase(text: string, max = MAX_HEADLINE): string {
  const clean = compressHeadline(text, max);
  // Uncut, the text ends where its writer ended it: "… outside St Aldhelm's", "… the plan is new" are whole.
  if (clean.length <= max) return tidyEnd(clean, false);
  const cutAt = (pattern: RegExp, minimum: number): string | null => {
    const cuts = [...clean.matchAll(pattern)].map((m) => m.index ?? 0).filter((i) => i > 0 && i <= max);
    for (const cut of cuts.sort((a, b) => b - a)) {
      const candidate = tidyEnd(clean.slice(0, cut));
      if (candidate.length >= minimum && balanced(candidate) && !SUBORDINATE_START.test(candidate) && !OPEN_RELATIVE.test(candidate)) return candidate;
    }
    return null;
  };
  const clause = cutAt(CLAUSE_BOUNDARY, Math.floor(max * MIN_CLAUSE_SHARE));
  if (clause) return clause;
  const phrase = cutAt(PHRASE_BOUNDARY, Math.min(30, Math.floor(max / 3))) ?? cutAt(CLAUSE_BOUNDARY, Math.min(30, Math.floor(max / 3)));
  if (phrase) return phrase;
  // No phrase boundary in reach: cut at the last whole word, then drop words that dangle.
  const words = clean.slice(0, max + 1).split(' ');
  // One word longer than a headline (a URL, a run of letters): cut it and say so.
  if (words.length === 1) return clean.slice(0, max - 1) + '…';
  words.pop();
  let candidate = tidyEnd(words.join(' '));
  if (!balanced(candidate)) candidate = tidyEnd(candidate.replace(/\s*[“"‘][^”"’]*$/u, ''));
  return candidate.length > 0 ? candidate : clean.slice(0, max - 1) + '…';
}

/** ", <a subject of up to four words> says" at the end. */
const HEADLINE_ATTRIBUTION = /,\s+(?:[\p{L}\p{N}'’.-]+\s+){1,4}(?:says|say|said)$/u;

/**
 * Drops trailing punctuation and words that cannot end a headline. `cut`: the text was cut short here,
 * so a possessive or an adjective at its end may be waiting for the noun the cut took.
 */
function tidyEnd(text: string, cut = true): string {
  // A headline's own attribution ("…, UN says", "…, officials said") ends it: "says" dangles only without a subject.
  if (HEADLINE_ATTRIBUTION.test(text)) return text.replace(/[\s,;:–—-]+$/u, '');
  let words = text.replace(/[\s,;:–—-]+$/u, '').split(' ');
  while (words.length > 1) {
    const word = words[words.length - 1]!.replace(/[^\p{L}\p{N}'’]/gu, '');
    const last = word.toLowerCase();
    if ((cut ? DANGLING_END : NEVER_END).has(last) || last === '' || (cut && waitsForNoun(word, words[words.length - 2]!))) words = words.slice(0, -1);
    else break;
  }
  return words.join(' ').replace(/[\s,;:–—-]+$/u, '');
}

/**
 * A possessive ("the council's") or an adjective that stands before its noun ("new") promises a noun:
 * a cut at the comma of "the council's new, larger lorries" left "… when the council's new". Not a
 * capitalised possessive, which is usually a name ("McDonald's", "St Aldhelm's"), nor an adjective
 * after a linking verb ("the plan is new").
 */
function waitsForNoun(word: string, before: string): boolean {
  if (/['’]s$/.test(word)) return !/^\p{Lu}/u.test(word);
  return PRENOMINAL.has(word.toLowerCase()) && !LINKING_VERB.has(before.toLowerCase().replace(/[^\p{L}]/gu, ''));
}

function balanced(text: string): boolean {
  const open = (text.match(/[“‘]/g) ?? []).length;
  const close = (text.match(/[”’](?!\p{L})/gu) ?? []).length;
  const straight = (text.match(/"/g) ?? []).length;
  const parens = (text.match(/\(/g) ?? []).length - (text.match(/\)/g) ?? []).length;
  return open <= close && straight % 2 === 0 && parens === 0;
}

/** An all-capitals label at the start of a lead sentence ("EXCLUSIVE: ", "SATURDAY UPDATE: "). */
const LABEL = /^(?:\p{Lu}{2,}\s?){1,3}:\s+/u;

/** A lead sentence without its dateline (common/text-dates.ts `datelineLength`) or all-capitals label. */
export function stripDateline(text: string): string {
  const stripped = text.slice(datelineLength(text)).replace(LABEL, '');
  return stripped.length >= 15 ? stripped : text;
}

/** A list item's marker before its sentence ("- ", "• ", "2. ", a lettered "(b) "), kept by the clean stage with the list: a summary is prose. */
const LIST_MARKER = /^(?:(?:[-–—•▪◦*]|\d{1,2}[.)])\s+(?=\S)|\((?:[a-h]|i{1,3}|iv|vi{0,3})\)\s+(?=\p{Lu}))/u;

/**
 * A signpost before a sentence: the labels newsletters and explainers put in bold at the head of
 * their paragraphs ("Why it matters: ", "The big picture: ", "Yes, but: ", "What's next: ",
 * "By the numbers: "), a live story's "Update, 3.15pm: ", and a notice's or a paper's field labels ("SUMMARY: ",
 * "DATES: ", "Abstract: "). In a summary drawn from several
 * sources they read as one outlet's furniture. Named, not any words before a colon: "The report
 * found three problems: Staff …" is a sentence, and "Lopez said: …" a speaker's.
 */
const SIGNPOST =
  /^(?:why (?:it|this) matters|(?:the )?big picture|driving the news|what(?:['’]s| is) (?:next|new|happening)|what (?:they|we)(?:['’]re| are) (?:saying|watching|hearing)|what to watch(?: for)?|yes,? but|between the lines|by the numbers|zoom (?:in|out)|(?:the )?bottom line|state of play|the latest|catch up quick|reality check|the intrigue|flashback|(?:the )?context|(?:the )?background|(?:the )?details|key (?:quotes?|takeaways?|points?|facts?)|(?:the )?(?:other side|backstory|catch|backdrop|upshot|stakes|takeaways?|fine print)|be smart|worth noting|our thought bubble|what (?:happened|it means|this means)|why now|for the record|go deeper|the news|update(?:,? (?:at )?\d{1,2}(?:[.:]\d{2})?\s?(?:[ap]\.?m\.?)?(?: [a-z]{2,4})?)?|breaking(?: news)?|exclusive|summary|abstract|synopsis|dates|effective dates?)\s*:\s+/iu;

/** Whether a sentence starts with a signpost's label ("SUMMARY: The agency is …"): a label, not a transcript's speaker. */
export function startsWithSignpost(text: string): boolean {
  return SIGNPOST.test(text);
}

/**
 * A summary sentence as a reader gets it: without a list item's marker and a signpost's label
 * before it (the sentence kept whole when too little would be left). `sentences` keep the text verbatim.
 */
export function withoutSignpost(text: string): string {
  const stripped = text.replace(LIST_MARKER, '').replace(SIGNPOST, '');
  if (stripped === text || stripped.length < 15) return text;
  return stripped.charAt(0).toUpperCase() + stripped.slice(1);
}

/**
 * Any sentence without a wire dateline that ends in a dash ("GLASGOW, Nov 21 (Meridian Wire) - "):
 * the lead's dateline stands after lines the clean stage kept (a wire alert's slug, a release's
 * header), so the sentence that opens with it is not always the article's first. Only the dash
 * form: "The European Commission (EC) President …" opens a sentence, not a dateline.
 */
export function stripWireDateline(text: string): string {
  const length = datelineLength(text);
  return length > 0 && /[—–-]\s*$/.test(text.slice(0, length)) ? stripDateline(text) : text;
}

/**
 * Attribution at the front of a sentence ("Engineers said on Friday that …", "The council has
 * confirmed that …"): a headline states the news, as the attribution tail is dropped at the end.
 * Only before "that" and a clause of five words or more.
 */
const ATTRIBUTION_HEAD =
  /^(?:[\p{Lu}][\p{L}\p{N}'’.-]*)(?:\s+[\p{L}\p{N}'’.-]+){0,6}?\s+(?:has |have |had )?(?:said|says|told [\w\s]{1,30}?|announced|confirmed|warned|claimed|reported|revealed|believes?|expects?)(?:\s+(?:on|last|this)\s+\p{Lu}\p{Ll}+day|\s+(?:yesterday|today|on \w+))?\s+that\s+(?=(?:\S+\s+){4}\S)/u;

function withoutAttributionHead(text: string): string {
  const stripped = text.replace(ATTRIBUTION_HEAD, '');
  if (stripped === text) return text;
  return stripped.charAt(0).toUpperCase() + stripped.slice(1);
}

/** The clause of a sentence a headline is made from: no attribution tail, no closing full stop. */
export function leadClause(sentence: string): string {
  let text = withoutAttributionHead(stripDateline(withoutSignpost(normaliseHeadline(sentence))));
  // "…, Downing Street said": the attribution is not the news.
  const stripped = text.replace(ATTRIBUTION_TAIL, '');
  if (stripped.length >= 15) text = stripped;
  return normaliseHeadline(text.replace(/[.!]+$/, ''));
}

/**
 * The article whose title heads the story: the lead's, else the first member's with one. An
 * editor's title beats a clause cut from a sentence, and every member reports the story's event:
 * the lead is chosen for its text (the most complete copy), and that copy is often the untitled one.
 */
export function titledMember(lead: Article | undefined, members: readonly Article[]): Article | undefined {
  const titled = lead?.title?.trim() ? lead : members.find((article) => article.title?.trim());
  // An institution's title for its own document says that a statement was made, not what it says ("Federal Reserve
  // issues FOMC statement", "Readout of the Prime Minister's call with …"): a report's title among the members states the news.
  if (titled && ISSUED_DOCUMENT.test(titled.title!)) return members.find((article) => article.title?.trim() && !ISSUED_DOCUMENT.test(article.title)) ?? titled;
  return titled;
}

/** A title that names a document issued rather than news: "… issues FOMC statement", "Statement by …", "Readout of …", "Minutes of …". */
const ISSUED_DOCUMENT =
  /\b(?:issues?|releases?|publishes?) (?:(?:its|a|an|the|new|joint|latest) )?(?:[\p{L}-]+ ){0,2}(?:statement|release|readout|notice|communiqu[eé]|minutes)$|^(?:(?:joint |press |written |official )?statement|readout|remarks|transcript|communiqu[eé]|minutes)(?: (?:by|of|from|on|for)\b|\s*:)/iu;

function topHeading(article: Article): string | null {
  const first = article.paragraphs.find((p) => p.text.trim().length > 0);
  return first && first.type === 'heading' ? first.text.trim() : null;
}

/**
 * Picks the headline. `ranked` are the story's ranked sentences (most
 * important first is not required); `lead` is the story's lead article.
 */
/** "Ukraine war live: …": the topic (its last word captured) before a lower-case "live" and a colon. */
const LIVE_AFTER_TOPIC = /^(\S[^:]{0,60}?\b([\p{L}\p{N}'’]+))\s+live(?:\s+updates?)?\s*:\s+(?=\S)/u;
/** Words that make "… live:" a sentence's verb, not a label: "Where they live:", "Long live:", "How to live:". */
const NOT_A_TOPIC = new Set(['i', 'we', 'you', 'they', 'he', 'she', 'it', 'who', 'people', 'to', 'will', 'can', 'could', 'would', 'must', 'should', 'may', 'might', 'still', 'also', 'long', 'not', 'never', 'and', 'or']);

/**
 * A live blog's marker in its title is the page's state, not the news, and an edition is read
 * after the fact: "Flooding LIVE: River bursts banks" → "Flooding: River bursts banks", "LIVE: …",
 * "(Live)", "… – live updates", "… as it happened", a topic's "live:" as the Guardian writes it ("Ukraine war live:
 * Kyiv …" → "Ukraine war: Kyiv …"). A word "Live" in a headline ("Live music returns", "Where they live: …", "Long live: …")
 * is not a marker: only capitals before a colon, "live:" after a topic, a bracketed label or a tail after a dash.
 */
export function withoutLiveLabel(title: string): string {
  const stripped = title
    .replace(/^\s*live\s*(?:updates?|blog)?\s*[:|–—-]\s*/i, '')
    .replace(/\s+LIVE(?:\s+UPDATES?)?\s*:/g, ':')
    .replace(LIVE_AFTER_TOPIC, (whole, topic: string, last: string) => (NOT_A_TOPIC.has(last.toLowerCase()) ? whole : `${topic}: `))
    .replace(/\s*[([]\s*live\s*[)\]]/gi, '')
    .replace(/\s*[|:–—-]\s*(?:live(?:\s+(?:updates?|blog|coverage|reaction))?|latest updates|as it happened)\s*$/i, '')
    .trim();
  return stripped.length >= 10 ? stripped : title;
}

/**
 * A wire's label for the kind of story, glued to its headline with a hyphen or a colon, in capitals: "FACTBOX-What is in
 * …", "TIMELINE-Key events in …", "EXPLAINER-Why …", "UPDATE 2-Fed cuts rates …". It tells the agency's clients how to
 * file the story; a reader's headline goes without it. Named kinds only: "COVID-19 cases rise" keeps its word.
 */
const WIRE_LABEL =
  /^(?:(?:REFILE|CORRECTED)-UPDATE \d{1,2}|FACTBOX|FACT BOX|TIMELINE|EXPLAINER|INSIGHT|EXCLUSIVE|INTERVIEW|PREVIEW|FEATURE|HIGHLIGHTS|SCENARIOS|KEY QUOTES|Q\+A|NEWSMAKER|SPECIAL REPORT|GRAPHIC|REFILE|CORRECTED|RPT|WRAPUP(?: \d{1,2})?|UPDATE \d{1,2})\s*[-:]\s*(?=\S)/;

/**
 * A newsletter's or an outlet's label before a headline, after a colon: Axios's lead item ("1 big thing: Grid queue
 * overhaul approved"), "Exclusive: EPA delays …", "Scoop: …", "Breaking: …", "First on CNN: …". Not "Opinion:" or
 * "Analysis:", which tell a reader what kind of piece it is; not a label over lower case ("Exclusive: how …" is a title
 * that reads on).
 */
const HEADLINE_LABEL =
  /^(?:(?:\d{1,2}|[Oo]ne|[Tt]wo|[Tt]hree) [Bb]ig [Tt]hings?|[Ee]xclusive|EXCLUSIVE|[Ss]coop|SCOOP|[Bb]reaking(?: [Nn]ews)?|BREAKING(?: NEWS)?|[Jj]ust [Ii]n|[Ff]irst on \p{Lu}[\p{L}&.]*(?: \p{Lu}[\p{L}&.]*)?|[Ee]xclusif|EXCLUSIF|[Ee]xklusiv|EXKLUSIV|[Ee]xclusiva|EXCLUSIVA|[Ee]sclusiva|ESCLUSIVA|[Ee]xclusivo|EXCLUSIVO|[Ee]xclusief|EXCLUSIEF|[Ee]ilmeldung|EILMELDUNG|[Úú]ltima hora|ÚLTIMA HORA|[Uu]ltim'ora|ULTIM'ORA)\s*:\s+(?=[\p{Lu}\p{N}‘“"'«„])/u;

/** A title without the wire's label for its kind (`WIRE_LABEL`) or a newsletter's label (`HEADLINE_LABEL`, in English and the other languages clean reads: "EXCLUSIF :", "Eilmeldung:"), when enough is left to be a headline. */
export function withoutWireLabel(title: string): string {
  const stripped = title.replace(WIRE_LABEL, '').replace(HEADLINE_LABEL, '');
  return stripped.length >= 10 ? stripped : title;
}

export function chooseHeadline(lead: Article | undefined, members: Article[], ranked: Ranked[], fallbackId: string): Headline {
  const titled = titledMember(lead, members);
  if (titled) return { text: shortenAtPhrase(withoutLiveLabel(withoutWireLabel(titled.title!.trim()))), source: 'title', articleId: titled.id };

  // The story's central terms: what its most important sentences talk about.
  const top = [...ranked].sort((a, b) => b.score - a.score || a.candidate.articleOrder - b.candidate.articleOrder || a.candidate.index - b.candidate.index);
  const central = new Set(top.slice(0, 5).flatMap((r) => r.candidate.terms));
  for (const article of members) {
    const heading = topHeading(article);
    if (!heading) continue;
    const terms = new Set(termsOf(heading));
    let shared = 0;
    for (const t of terms) if (central.has(t)) shared++;
    if (terms.size >= 3 && shared >= Math.max(2, Math.ceil(terms.size / 3))) return { text: shortenAtPhrase(withoutLiveLabel(heading)), source: 'heading', articleId: article.id };
  }

  // The lead article's lede, as a title is the lead's: the summary opens on it, and a lede is written to carry the news
  // and name what it is about ("The Itchen Bridge will close …", where another source's central sentence began "The toll
  // bridge between the city centre and Woolston …"). Else the most central sentence that stands alone (no dangling
  // reference, not a quotation).
  const standsAlone = (r: Ranked) => r.candidate.usable && !r.candidate.dependency && !/^[“"‘']/.test(r.candidate.text);
  // The lede is the lead's first sentence given: a later day's part is given without what retells the days before (index.ts).
  let opening = Infinity;
  for (const r of top) if (r.candidate.articleOrder === 0 && r.candidate.position < opening) opening = r.candidate.position;
  const best =
    top.find((r) => standsAlone(r) && r.candidate.articleOrder === 0 && r.candidate.position === opening) ??
    top.find(standsAlone) ??
    top.find((r) => r.candidate.usable) ??
    top[0];
  if (best) return { text: shortenAtPhrase(leadClause(best.candidate.text)), source: 'lead-clause', articleId: best.candidate.articleId };
  return { text: shortenAtPhrase(fallbackId), source: 'fallback', articleId: null };
}

/**
 * What bylines and credits state, kept when they go (the decision pass, decide.ts): scraped text
 * has no other place for its author, its outlet or, sometimes, its day. Also the author's
 * biography at the end, which goes once the author is known.
 */
import type { Paragraph, Removal } from '../types.ts';
import { isCalendarDay } from '../common/dates.ts';
import { dateFromText, datelineAgencyName, firstFullDate, leadParagraph, otherLanguageStampDay, toIso } from '../common/text-dates.ts';
import { BYLINE, DATE_LINE, EMAIL_SUBJECT, isBylineLine, NUMERIC_DATE_LINE_PATTERN, OTHER_DATE_LINE, OTHER_BYLINE_WORD, PRESS_RELEASE_LABEL, PROFILE_BYLINE, PUBLICATION_LINE, ROLE_BYLINE } from './furniture/lexicon.ts';
import { hasCue, type Verdict } from './verdict.ts';

/** The parts of an article's meta line ("Published: 13 June 2025 | Words: Hester Quayle", a gazette's "… / Vol. 91, No. 231 / Thursday, December 3, 2026 / …"), each read on its own. */
const META_PARTS = /\s+[|·•/]\s+/;

/** An email's date header line, a press release's issue stamp ("Issued: Monday 18 November 2024"), a speech's ("Delivered on: …") or a parliamentary answer's ("Answered on 2 December 2026"), and its value. */
const STAMPED_DATE = /^(?:date|sent|issued|released|delivered|answered|(?:volume \d{1,4}:\s*)?debated|date of issue|issue date|release date)(?: on)?:?\s+(.+)$/i;

/** The day a court's docket line says the case was decided, after its other days ("Argued October 8, 2026—Decided December 4, 2026"). */
const DECIDED_DATE = /\bDecided\s+(.+)$/;


/** Rules whose removed lines may state the article's day: bylines, time stamps, a page's article meta. */
const DATED_REMOVALS = new Set(['clean/credit', 'clean/byline']);

/** Longer than this, a removed page header is more than title, standfirst, author and date. */
const MAX_HEADER_CHARS = 400;

/**
 * The day a removed byline or time stamp states, with its year (`YYYY-MM-DD`), or null; else the
 * first full date in a page's removed article header ("The bill nobody voted for … Tom Okafor Nov 5,
 * 2026"): what stands beside an article's title above its text is its date. Only a header that
 * holds the title: a site's masthead states the day the page was fetched, not the article's.
 */
export function removedLineDate(removed: readonly Removal[], title: string | null): string | null {
  return removedCreditDate(removed) ?? removedBylineDate(removed) ?? (title ? removedHeaderDate(removed, title) : null) ?? removedCountDate(removed);
}

/** A video's or an episode's count line, as the platform prints it under the player ("384,201 views 6 Dec 2026 #shipping"). */
const PLAYS_LINE = /^\d[\d.,]*\s?[km]?\s+(?:views|listens|plays)\b/i;

/** The day on a removed count line: the day the video or episode went up. */
function removedCountDate(removed: readonly Removal[]): string | null {
  for (const removal of removed) {
    if (removal.ruleId !== 'clean/notice' || removal.text.length > 200 || !PLAYS_LINE.test(removal.text.trim())) continue;
    const day = firstFullDate(removal.text);
    if (day) return day;
  }
  return null;
}

/** The first full date in a page's removed byline block ("Tom Okafor Nov 5, 2026"): the article's meta, so its day. */
function removedBylineDate(removed: readonly Removal[]): string | null {
  for (const removal of removed) {
    if (removal.ruleId !== 'clean/byline' || removal.text.length > MAX_HEADER_CHARS) continue;
    const day = firstFullDate(removal.text);
    if (day) return day;
  }
  return null;
}

function removedHeaderDate(removed: readonly Removal[], title: string): string | null {
  const header = removed.find((r) => r.ruleId === 'clean/header' && r.text.length <= MAX_HEADER_CHARS && r.text.includes(title));
  return header ? firstFullDate(header.text.slice(header.text.indexOf(title) + title.length)) : null;
}

function removedCreditDate(removed: readonly Removal[]): string | null {
  for (const removal of removed) {
    if (!DATED_REMOVALS.has(removal.ruleId) || removal.text.length > 200) continue;
    // A court's docket line: the day the case was decided ("No. 25–481. Argued October 8, 2026—Decided December 4, 2026").
    const decided = DECIDED_DATE.exec(removal.text)?.[1];
    const decidedDay = decided ? firstFullDate(decided) : null;
    if (decidedDay) return decidedDay;
    // A header line with the day in numbers, day first, as European institutions print it ("… ENVI 03-12-2026 - 12:45").
    // Day first, with hyphens or dots ("03-12-2026", "3.12.2026"): Europe's order; the US writes slashes.
    const numeric = NUMERIC_DATE_LINE_PATTERN.exec(removal.text.trim());
    if (numeric) {
      const [day, month, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
      const iso = toIso(year, month, day);
      if (isCalendarDay(iso)) return iso;
    }
    // An email's "Date:" header line (lexicon.ts EMAIL_HEADER): the day the newsletter was sent; a release's "Issued:" stamp.
    const sent = STAMPED_DATE.exec(removal.text)?.[1];
    if (sent) {
      const iso = /\b\d{4}-\d{2}-\d{2}\b/.exec(sent)?.[0];
      const day = firstFullDate(sent) ?? (iso && isCalendarDay(iso) ? iso : null);
      if (day) return day;
    }
    // Another language's time stamp ("Aktualisiert am 03.12.2026, 14:05 Uhr", "Publié le 3 décembre 2026 à 14h05").
    const stamped = otherLanguageStampDay(removal.text);
    if (stamped) return stamped;
    const stated = dateFromText(removal.text.split(META_PARTS));
    if (stated?.source === 'text' && stated.year !== null) return toIso(stated.year, stated.month, stated.day);
    // A date line after its place ("Madrid - 03 dic 2026 - 14:05 CET", "London - 3 Dec 2026 - 14:05 GMT"): its one full date.
    const line = removal.text.trim();
    if (DATE_LINE.test(line) || OTHER_DATE_LINE.test(line)) {
      const day = firstFullDate(line);
      if (day) return day;
    }
  }
  return null;
}

/**
 * The name of a removed byline line ("By Jo Bloggs, Political Editor" → "Jo Bloggs"), or of a byline
 * part of a page's removed article meta ("Published: 13 June 2025 | Words: Hester Quayle"); or null.
 */
export function bylineName(verdicts: readonly Verdict[], extracted: readonly Removal[]): string | null {
  const line =
    verdicts.find((v) => v.ruleId && hasCue(v, BYLINE))?.paragraph.text ??
    extracted
      .filter((r) => r.ruleId === 'clean/byline' && r.text.length <= 200)
      .flatMap((r) => r.text.split(META_PARTS))
      .find((part) => isBylineLine(part) || ROLE_BYLINE.test(part.trim()) || PROFILE_BYLINE.test(part.trim()));
  if (!line) return null;
  const trimmed = line.trim();
  // After "By", before the writer's role ("Sam Patel, Senior Researcher") or before a member's degree of connection ("Maria Okafor • 1st").
  let name = BYLINE_NAME.exec(trimmed)?.[1]?.trim() ?? ROLE_BYLINE.exec(trimmed)?.[1]?.trim() ?? PROFILE_BYLINE.exec(trimmed)?.[1]?.trim() ?? '';
  // "By FELIX AMUNDSEN Associated Press": a name in capitals ends where the capitals do (the outlet follows).
  const capitals = /^(?:\p{Lu}[\p{Lu}'’.-]+\s+)+\p{Lu}[\p{Lu}'’.-]+(?=\s+\p{Lu}\p{Ll}|$)/u.exec(name)?.[0];
  if (capitals) name = capitals.toLowerCase().replace(/(^|[\s'’-])\p{Ll}/gu, (m) => m.toUpperCase());
  // "Rhiannon ValeMBC News": the page glued the outlet's initials to the name; they are no part of it.
  name = name.replace(/(?<=\p{Ll})\p{Lu}{2,}\b.*$/u, '').trim();
  return name.length >= 3 ? name : null;
}

/** The (first) name a byline gives: after "By", "Posted by", "Words:" (or, opening the line, another language's "Par", "Von"…), up to a comma, a bar or "and". */
// A byline's name stops at a weekday or month (spelled out, or cut short before the date it starts: "by Jordan
// Bell Tue, April 15th 2025"; "Sun" and "Jan" alone are names too).
const BYLINE_NAME = new RegExp(
  String.raw`(?:^${OTHER_BYLINE_WORD}|(?:^|[\s·|•–—-])(?:[Bb][Yy]|[Ww]ords:?))\s+(\p{Lu}[\p{L}'’.-]*(?:\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Updated|Published|Posted)\b|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?,?\s+(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\p{L}*\.?\s+\d))(?:\p{Lu}[\p{L}'’.-]*|de|van|von|da|del|la|le|bin|al))*)`,
  'u',
);

/** A name alone on a short line: capitalised words (and the small words of a name). */
export const NAME_LINE = /^\p{Lu}[\p{L}\p{N}.&'’-]*(?:\s+(?:\p{Lu}[\p{L}\p{N}.&'’-]*|of|the|and|de|for))*$/u;

/**
 * The outlet or agency on the line under a removed byline ("By Hal Brennock" / "Senn Valley Press"):
 * a name alone, up to five words, goes with the byline. Returns it, or null.
 */
export function dropBylineAffiliation(verdicts: Verdict[]): string | null {
  const at = verdicts.findIndex((v) => v.ruleId && hasCue(v, BYLINE));
  const next = at >= 0 ? verdicts[at + 1] : undefined;
  if (!next || next.ruleId || at + 2 >= verdicts.length || next.paragraph.words > 5) return null;
  const text = next.paragraph.text.trim();
  if (!NAME_LINE.test(text)) return null;
  next.ruleId = verdicts[at]!.ruleId;
  next.signals = [...next.signals, { kind: 'context', name: 'byline-affiliation', label: 'the outlet under a removed byline', weight: 0 }];
  return text;
}

/** Longer than this, the line under a member's name is the post's. */
const MAX_PROFILE_HEADLINE_WORDS = 25;

/**
 * A member's headline under their name on a social network's post ("Maria Okafor • 1st" / "Trade lawyer | WTO dispute
 * settlement | Partner at Okafor & Lee LLP"): who the poster is, not what they posted. The line right under the member
 * line, when it is no sentence.
 */
export function dropProfileHeadline(verdicts: Verdict[]): void {
  const at = verdicts.findIndex((v) => v.ruleId && hasCue(v, BYLINE) && PROFILE_BYLINE.test(v.paragraph.text.trim()));
  const next = at >= 0 ? verdicts[at + 1] : undefined;
  if (!next || next.ruleId || next.paragraph.words > MAX_PROFILE_HEADLINE_WORDS || /[.!?]["'”’)]*$/.test(next.paragraph.text.trim())) return;
  next.ruleId = 'clean/credit';
  next.signals = [...next.signals, { kind: 'context', name: 'profile-headline', label: 'the member’s headline under their name over a post', weight: 0 }];
}

/**
 * The issuer's name on the line over a release's label, as institutions head their releases ("Council of the EU" /
 * "Press release" / "18 November 2026 10:45" / the headline): among the first lines, a name alone (no sentence, up to
 * eight words) right over a removed label line goes with it — it is no headline — and is returned as the publisher.
 */
export function dropIssuerOverLabel(verdicts: Verdict[]): string | null {
  for (let at = 0; at < Math.min(3, verdicts.length - 1); at++) {
    const line = verdicts[at]!;
    const label = verdicts[at + 1]!;
    if (line.ruleId || !label.ruleId || !hasCue(label, PRESS_RELEASE_LABEL)) continue;
    const text = line.paragraph.text.trim();
    if (line.paragraph.words > 8 || !NAME_LINE.test(text)) return null;
    line.ruleId = label.ruleId;
    line.signals = [...line.signals, { kind: 'context', name: 'page-header', label: "the issuer's name over its release label", weight: 0 }];
    return text;
  }
  return null;
}

/**
 * The agency named in the dateline that opens the article's first paragraph, or null. Not a release's distribution
 * service ("TORONTO, Nov. 18, 2024 (GLOBE NEWSWIRE) --", "NEW YORK--(BUSINESS WIRE)--"): it carries the release for
 * its issuer, who is the source readers should see (its "SOURCE …" tag, `releaseIssuer`).
 */
export function datelineAgency(paragraphs: readonly Paragraph[]): string | null {
  const first = leadParagraph(paragraphs, '');
  const agency = first ? datelineAgencyName(first) : null;
  return agency && !RELEASE_DISTRIBUTOR.test(agency) ? agency : null;
}

/** The services that distribute companies' and institutions' press releases under their own dateline tag. */
const RELEASE_DISTRIBUTOR = /^(?:PR ?Newswire|Business ?Wire|Globe ?Newswire|Access ?wire|ACCESS Newswire|Newsfile(?: Corp\.?)?|EIN Presswire|PRWeb|Cision|Marketwired|CNW|Canada NewsWire|PR Newswire Asia|Newswire)$/i;

/** Words that say a paragraph describes a journalist. */
const JOURNALIST_ROLE = /\b(?:correspondent|reporter|editor|journalist|writer|columnist|contributor|freelance|author|critic|presenter|producer)\b/i;
/** Longer than this, a paragraph about the author is more likely the story's. */
const MAX_BIO_WORDS = 60;

/**
 * The author's biography at the end of the article ("Tom Hartley is the Gazette's political
 * correspondent. He has covered …", "Dr Rachel Osei is a senior lecturer in …"): the last paragraph
 * left, when it starts with the author's name, says what they are — as a journalist, or "is a …"
 * right after the name — and is short. A story that goes on about a person of
 * that name says more, or does not end with them.
 */
export function dropAuthorBio(verdicts: Verdict[], author: string): void {
  const last = verdicts.findLast((v) => !v.ruleId);
  if (!last || last.paragraph.words > MAX_BIO_WORDS) return;
  const text = last.paragraph.text.trim();
  // The first author of several ("Jo Bloggs and Sam Lee"), or the name as the byline gave it.
  const name = authorNames(author)[0]!;
  if (name.split(/\s+/).length < 2 || !text.startsWith(name)) return;
  // A journalist's, or a guest writer's told as one ("Dr Rachel Osei is a senior lecturer in …").
  if (!JOURNALIST_ROLE.test(text) && !/^\s*(?:is|was) (?:a|an|the)\b/.test(text.slice(name.length))) return;
  last.ruleId = 'clean/credit';
  last.signals = [...last.signals, { kind: 'context', name: 'author-bio', label: `the author’s biography (“${name}”) at the end`, weight: 0 }];
}

/** Each author of a byline that names several ("Jo Bloggs and Sam Lee", "Jo Bloggs, Sam Lee"), in order. */
function authorNames(author: string): string[] {
  return author.split(/\s+(?:and|&)\s+|,\s*/).map((name) => name.trim());
}

/** Kept lines looked at, from the top, for the author's name alone. */
const NAME_LINE_REACH = 4;

/**
 * The author's name alone on a line over the text, as a blog platform's page prints it without "By" (a Medium post's
 * "Jordan Alvarez", then "Follow"): the byline, once the author is known from elsewhere (metadata, "Written by …" under
 * the post). Only above the first paragraph that reads as text, and only the name exactly: a line that says more is the
 * story's.
 */
export function dropAuthorNameLine(verdicts: Verdict[], author: string): void {
  const names = new Set(authorNames(author).map((name) => name.toLowerCase()).filter((name) => name.split(/\s+/).length >= 2));
  let looked = 0;
  for (const verdict of verdicts) {
    if (verdict.ruleId) continue;
    if (looked++ >= NAME_LINE_REACH || verdict.paragraph.words > 12) return;
    if (!names.has(verdict.paragraph.text.trim().replace(/\s+/g, ' ').toLowerCase())) continue;
    verdict.ruleId = 'clean/byline';
    verdict.signals = [...verdict.signals, { kind: 'context', name: 'author-name', label: `the author’s name (“${author}”) alone over the text`, weight: 0 }];
    return;
  }
}

/**
 * The publication a removed line names ("Published in Civic Design Notes", "Writer for Civic Design Notes" → "Civic Design Notes"): on a
 * blog platform the page's site name is the platform's ("Medium"), the publication is the outlet.
 */
export function publicationName(verdicts: readonly Verdict[]): string | null {
  const line = verdicts.find((v) => v.ruleId && hasCue(v, PUBLICATION_LINE))?.paragraph.text;
  return line ? line.trim().replace(/^(?:published in|(?:writer|editor|contributor) for)\s+/i, '') || null : null;
}

/** The subject of a removed email "Subject:" line, without its "Fwd:"/"Re:" prefixes: a forwarded newsletter's title. */
export function emailSubject(verdicts: readonly Verdict[]): string | null {
  const line = verdicts.find((v) => v.ruleId && hasCue(v, EMAIL_SUBJECT))?.paragraph.text;
  return line ? line.trim().replace(/^subject:\s*/i, '').replace(/^(?:(?:fwd?|fw|re|aw|tr)\s*:\s*)+/i, '').trim() || null : null;
}

/** The last word of a news outlet's name ("Wrexborough Echo", "Fernleigh Live", "Ostmere Advertiser"). */
export const OUTLET_WORD =
  '(?:Echo|Gazette|Times|Post|Herald|News|Live|Chronicle|Courier|Mail|Express|Advertiser|Observer|Journal|Standard|Telegraph|Star|Mercury|Press|Argus|Examiner|Tribune|Record|Bulletin|Leader|Citizen|Sentinel|Guardian|Independent|Globe|Gleaner|Messenger|Reporter|Dispatch|Enquirer|Inquirer|Clarion|Beacon|Banner|Register|Ledger)';
/** A one-word outlet after "the" ("the Mirror has launched …"): only names no other kind of thing goes by. */
const ONE_WORD_OUTLET = '(?:Mirror|Guardian|Independent|Telegraph|Gazette|Herald|Chronicle|Courier|Advertiser|Observer|Examiner|Tribune|Argus|Mercury|Echo)';
/**
 * An outlet's name after "the", one to three capitalised words before its last word, as it names
 * itself in its furniture ("Support the Wrexborough Echo", "the Fernleigh Live newsletter"), or a
 * one-word outlet; a release's notes naming a gritter "Spready Mercury" are no outlet.
 */
const OUTLET_NAME = new RegExp(String.raw`\b[Tt]he\s+((?:\p{Lu}[\p{L}'’-]+\s+){1,3}${OUTLET_WORD}|${ONE_WORD_OUTLET})(?:(?=['’]s(?!\p{L}))|(?![\p{L}'’-]))`, 'u');
/** Furniture in which an outlet speaks for itself: its appeals, sign-ups, share bars and notices (not credits or listed headlines). */
const SELF_PROMOTING = new Set(['clean/banner', 'clean/promo', 'clean/share', 'clean/notice']);

/**
 * The outlet that names itself in the furniture removed from an undated-by-source text ("Support the
 * Wrexborough Echo and local journalism …", "sign up to the Fernleigh Live newsletter"): a scraped
 * text file states its outlet nowhere else, and readers would otherwise see its file name.
 */
export function furnitureOutlet(removed: readonly Removal[]): string | null {
  for (const removal of removed) {
    if (!SELF_PROMOTING.has(removal.ruleId) || removal.text.length > 600) continue;
    const name = OUTLET_NAME.exec(removal.text)?.[1];
    if (name) return name.replace(/\s+/g, ' ');
  }
  return null;
}

/**
 * A release's line that names its issuer: its label ("European Commission - Press release", "Acme plc | News release"),
 * the source tag a newswire ends it with ("SOURCE Acme Robotics, Inc."), or a regulatory notice's "AGENCY:" field
 * ("AGENCY: Environmental Protection Agency (EPA)." → "Environmental Protection Agency").
 */
const ISSUER_LABEL = /^([^.!?|–—-]{2,60}?)\s[-–—|]\s(?:news|press|media) release\s*[.:]?$|^SOURCE:?\s+([^!?]{2,60}?)\s*$|^AGENC(?:Y|IES):\s+([^.!?;]{2,100}?)(?:\s*\([\p{Lu}&-]{2,12}\))?\s*[.;]?$/iu;

/**
 * The issuer a press release's removed label line or source tag names ("European Commission - Press release" →
 * "European Commission", "SOURCE Acme Robotics, Inc." → "Acme Robotics, Inc."): a release states its outlet nowhere
 * else, and readers would otherwise see its file name.
 */
export function releaseIssuer(removed: readonly Removal[]): string | null {
  for (const removal of removed) {
    if (removal.ruleId === 'clean/credit' && removal.text.length <= 300) {
      const from = fromLineIssuer(removal.text.trim());
      if (from) return from;
    }
    if ((removal.ruleId !== 'clean/notice' && removal.ruleId !== 'clean/credit') || removal.text.length > 100) continue;
    const match = ISSUER_LABEL.exec(removal.text.trim());
    const issuer = (match?.[1] ?? match?.[2] ?? match?.[3])?.trim();
    if (issuer && /\p{Lu}/u.test(issuer[0]!)) return issuer;
  }
  return null;
}

/** A government page's line naming who it is from ("From: Department for Energy Security and Net Zero, Ofgem and The Rt Hon …"). */
const FROM_LINE = /^From:\s+(\p{Lu}[^@\n]{1,280})$/u;
/** A minister's style before the name ("The Rt Hon", "Lord", "Baroness", "Dr"). */
const MINISTER_STYLE = String.raw`(?:the\s+)?(?:rt\.?\s+hon|right honourable|lord|baroness|sir|dame|dr)\b`;
/** Where one issuer ends and the next begins: a comma, or "and" before a minister ("… and The Rt Hon Rachel Reeves MP"). */
const ISSUER_SEPARATOR = new RegExp(String.raw`,\s+|\s+and\s+(?=${MINISTER_STYLE})|\s+and\s+(?=[^,]*\bMP$)`, 'i');
/** A minister named, not an organisation: their style first, or "MP" last. */
const MINISTER = new RegExp(String.raw`^${MINISTER_STYLE}|\bMP$`, 'i');

/**
 * The first organisation a government page's "From:" line names: the department that published it ("From: HM Treasury
 * and The Rt Hon Rachel Reeves MP" → "HM Treasury"). A name with "and" in it ("Department for Energy Security and Net
 * Zero") stays whole; a line that names only a minister names no publisher.
 */
function fromLineIssuer(text: string): string | null {
  const named = FROM_LINE.exec(text)?.[1];
  if (!named) return null;
  const first = named.split(ISSUER_SEPARATOR)[0]!.trim();
  if (MINISTER.test(first)) return null;
  return first.split(/\s+/).length <= 10 ? first : null;
}

/**
 * A newsroom desk rather than a person ("Newsdesk", "Web desk", "Staff reporter"). An outlet's staff by
 * name ("HNN Staff", "Science X staff") is a credit readers recognise, and stays.
 */
const DESK_CREDIT = /^(?:the )?(?:news ?desk|web ?desk|digital desk|online desk|city desk|news ?room|staff|staff (?:reporter|writer)s?|(?:news|editorial|digital|web) (?:team|desk)|wire services?|agenc(?:y|ies))$/i;
/** Agency credits run together with slashes ("dpa/AFP/lk", "Reuters/AP"). */
const AGENCY_CREDIT = /^[\p{L}.]{1,12}(?:\s*\/\s*[\p{L}.]{1,12})+$/u;

/** Whether a name clean found for the author names one (a person, or several), not a desk or an agency credit. */
export function namesAuthor(name: string): boolean {
  const trimmed = name.trim();
  return !DESK_CREDIT.test(trimmed) && !AGENCY_CREDIT.test(trimmed);
}

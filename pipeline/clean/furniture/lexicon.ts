/**
 * The vocabulary of page furniture, in general English — what every outlet's
 * banners, sign-up boxes, share bars and credits have in common, never one
 * outlet's wording. Each cue is evidence, not a verdict: the scorer adds up
 * weights, damps long paragraphs and compares with a threshold, so one stray
 * "sign up" in a real paragraph does not remove it.
 *
 * Cues run on the paragraph's own voice (quoted speech removed), so a minister
 * saying "you" or "our support" in quotes is never marketing.
 */

import { MONTH, OTHER_MONTH, OTHER_STAMP_LABEL } from '../../common/text-dates.ts';

/**
 * A reading time in French, German, Spanish, Italian, Portuguese or Dutch, as a line or a time stamp's tail: "Temps de
 * lecture : 4 min", "Lecture 3 min." (Le Monde), "Lesezeit: 4 Minuten", "4 min de lectura".
 */
const OTHER_READING_TIME = String.raw`(?:(?:temps de lecture|durée de lecture|lecture|lesezeit|lesedauer|tiempo de lectura|lectura|tempo di lettura|lettura|tempo de leitura|leitura|leestijd)\s*:?\s*(?:env(?:iron|\.)?\s*|ca\.?\s*|circa\s*|unos\s*)?\d+\s*-?\s*min(?:\.|s|utes?|uten|utos|uti)?\.?|(?:env(?:iron|\.)?\s*|ca\.?\s*)?\d+\s*-?\s*min(?:\.|s|utes?|uten|utos|uti)?\s+(?:de lecture|lesezeit|lesen|de lectura|di lettura|de leitura|leestijd|lezen)\.?)`;

/** What kind of furniture a cue points to; becomes the rule id `clean/<category>`. */
export type FurnitureCategory = 'banner' | 'promo' | 'share' | 'navigation' | 'credit' | 'notice';

export interface Cue {
  category: FurnitureCategory;
  /** Matched against the paragraph's own voice (quotes removed). Global flag not needed. */
  pattern: RegExp;
  weight: number;
  /** Human label for the reason, e.g. "appeal for support". */
  label: string;
  /** Match against the whole paragraph text instead of its own voice (credits, menus). */
  whole?: boolean;
}

const PLATFORMS =
  'whatsapp|telegram|facebook|instagram|twitter|x|tiktok|youtube|linkedin|snapchat|threads|bluesky|reddit|pinterest|messenger|flipboard|google news|apple news|mastodon|signal|viber';

/** The cue of a header line that states its day in numbers, day first ("… ENVI 03-12-2026 - 12:45"): credits.ts reads the day from it. */
export const NUMERIC_DATE_LINE = 'numeric date line';
/** Its shape: labels, the day as day-month-year with hyphens or dots (captured: day, month, year), perhaps a time. */
export const NUMERIC_DATE_LINE_PATTERN = /^[a-z][a-z&'’ ]{1,60}?\s+(\d{1,2})[-.](\d{1,2})[-.](\d{4})(?:\s*[-–—,]?\s*\d{1,2}[:.]\d{2})?$/i;

/** The cue of a line that only names a list of links ("Most popular", "Related stories"): the list goes with it (decide.ts). */
export const NAVIGATION_LABEL = 'navigation label';
/** The cue of a line that opens a comments section ("18 Comments", "Leave a Reply"): the thread after it goes with it (decide.ts). */
export const COMMENTS_LABEL = 'comments heading';
/** The cue of a comment's own control ("Reply"): a sign that what follows a comments heading is a thread. */
export const COMMENT_CONTROL = 'comment control';
/**
 * The cue of a label over boilerplate ("About Acme Ltd", "Notes to editors", "About the author"), or over a newsletter's
 * other items ("Also this week", "Elsewhere", "Dates for your diary"), over a wire story's contacts ("To contact the
 * reporter on this story:"), an earnings release's call details ("Conference Call") or a page's feedback question ("Was this
 * page useful?" over "Yes", "No"): its section goes with it (decide.ts).
 */
export const BOILERPLATE_LABEL = 'boilerplate label';
/** The cue of a blog platform's publication line ("Published in Civic Design Notes"): its name is the outlet (credits.ts). */
export const PUBLICATION_LINE = 'publication line';
/** The cue of a consent banner's buttons on lines of their own ("Accept all", "Manage preferences"). */
export const CONSENT_CONTROL = 'consent control';
/** The cue of an email's header lines, as a forwarded newsletter keeps them ("From: … <desk@…>", "Date: Tue, Jun 10, 2025 at 6:02 AM"). */
export const EMAIL_HEADER = 'email header';
/** The cue of an email's "Subject:" line: the title of an article that has none (decide.ts). */
export const EMAIL_SUBJECT = 'email subject';
/** The cue of a byline line ("By Jo Bloggs, Political Editor"): its name fills the article's author when none is stated (decide.ts). */
export const BYLINE = 'byline';
/** The cue of a press release's contacts label ("Media contact:", "Press enquiries"); alone, it heads its list (decide.ts). */
export const PRESS_CONTACT = 'press contact';
/** The cue of a release's label line ("Press release", "FOR IMMEDIATE RELEASE", its header line): the issuer's name may stand over it (credits.ts). */
export const PRESS_RELEASE_LABEL = 'press-release label';
/**
 * A time stamp on a line of its own: "Updated 14:32 GMT, 5 March 2026", "Posted: May 12, 2025 / 09:41 AM CDT", a speech's
 * "Delivered on: 14 November 2024 (Original script, may differ from delivered version)", a parliamentary record's "Volume 757:
 * debated on Monday 18 November 2024".
 */
export const TIME_STAMP_LINE =
  /^(?:(?:last |first )?(?:updated|published|posted|modified|issued|delivered)|last update|release date|date of (?:release|publication|issue)|publication date|date published|answered|tabled|(?:volume \d{1,4}:\s*)?debated)(?:\s+(?:on|at))?\s*:?\s*(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)(?:[^.!?]|\d\.\d){0,80}$/i;
const DAY_DATE = String.raw`(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+${MONTH},?\s+\d{4}|${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})`;
/**
 * A date on a line of its own, after at most a place ("Brussels, 12 May 2025", "WASHINGTON, June 10,
 * 2025", "(Geneva, 14 May 2025)", "Tuesday 10 June 2025, 09:41 BST") or before one after a bar ("Dec 4th 2026 | LONDON"): a release's or a scrape's date
 * line. Nothing in it is story text; its day dates an undated article (credits.ts `removedLineDate`).
 */
export const DATE_LINE = new RegExp(
  String.raw`^\(?(?:[^\d,.!?:;()]{2,30}?(?:,|\s[-–—|])\s*){0,2}${DAY_DATE}(?:(?:,|\s[-–—|])?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,5})?)?(?:\s*[|·•]\s*\p{Lu}[\p{L} .'’-]{1,30})?\)?\s*[.:–—-]?\s*$`,
  'iu',
);
/**
 * The same in French, German, Spanish, Italian, Portuguese and Dutch: "Madrid, 3 de diciembre de 2026", "Berlin, 3. Dezember
 * 2026, 14:05 Uhr", "mardi 3 décembre 2026", "Madrid - 03 dic 2026 - 14:05 CET" (El País).
 */
export const OTHER_DATE_LINE = new RegExp(
  String.raw`^\(?(?:[^\d,.!?:;()]{2,30}?(?:,|\s[-–—|])\s*)?(?:[a-zà-ÿ]{4,13},?\s+)?\d{1,2}(?:\.|er|º|°)?\s+(?:de\s+)?${OTHER_MONTH}\.?,?\s+(?:de\s+|del\s+)?\d{4}(?:(?:\s*[-–—|·]\s*|,?\s*(?:à|um|a las|alle|às|om)?\s*)\d{1,2}[:.h]\d{2}(?:\s*(?:uhr|[a-z]{2,5}))?)?\)?\s*[.:–—-]?\s*$`,
  'i',
);
/** A release's label: "PRESS RELEASE", "For immediate release", "for immediate use", "EMBARGOED UNTIL", "Statement". */
const RELEASE_LABEL = String.raw`(?:(?:news|press|media) (?:release|statement)|for immediate (?:release|use)|immediate release|embargo(?:ed)?(?: until| till)?|statement|official)`;
/** One part of a release's header line: its label, a date, a time ("00:01 GMT"), or its reference ("Ref: PR-2024-117", "No. 114/25"). */
/** A date in a release's header ("Tuesday 12 November 2024", "Oct. 24, 2024", "2024-11-06"): words where DAY_DATE names months, to keep the pattern short. */
const RELEASE_DATE = String.raw`(?:[a-z]{3,9},?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2})`;
/** A clock time, perhaps with its zone ("00:01 GMT", "3.32 pm", "17:42 BST"); read case-insensitively. */
const CLOCK_TIME = String.raw`\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?`;
const RELEASE_PART = String.raw`(?:${RELEASE_LABEL}|${RELEASE_DATE}|${CLOCK_TIME}|(?:ref(?:erence)?|no)\.?\s*:?\s*[A-Z0-9][\w/.-]*)`;
const RELEASE_SEPARATOR = String.raw`(?:\s*[|·•–—:,]\s*|\s+-\s+)`;
/**
 * A press release's header line, its label and a date, time or reference beside it: "PRESS RELEASE | Ref: PR-2024-117 |
 * 6 November 2024", "MEDIA RELEASE – 25 November 2024 – for immediate use". (The label alone: 'press-release label'.)
 * Two parts or more, one of them a label. Kept short: V8 compiles a long pattern slowly the first times it runs (written
 * with DAY_DATE four times, ~17 ms in each process that met one; DATE_LINE, 600 characters, ~6 ms).
 */
const RELEASE_HEADER = new RegExp(String.raw`^(?=.*\b${RELEASE_LABEL}\b)${RELEASE_PART}(?:${RELEASE_SEPARATOR}${RELEASE_PART})+\s*[.:]?$`, 'i');
/** A date then the byline, as an article's meta line gives them: "Tuesday, 10 June 2025 · by Colin Marsh, Chief Reporter". */
export const DATED_BYLINE =
  /^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+\p{L}{3,9}\.?,?\s+\d{4}|\p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4})\s*[·|•,–—-]\s*[Bb]y\s+\p{Lu}[^.!?]{1,80}$/u;
/**
 * A byline on a line of its own: a name (capitalised words) after "By" ("Posted by", "Words:"; "Par", "Von", "Por",
 * "Door", "Di" in French, German, Spanish and Portuguese, Dutch, Italian), then at most a role or place, and no sentence
 * end — "By Sunday, the council had voted." is a sentence, "Von der Leyen" a name.
 */
/** The word before a byline's name in French, German, Spanish and Portuguese, Dutch, Italian ("Par", "Von", "Por", "Door", "di"). */
export const OTHER_BYLINE_WORD = '(?:[Pp]ar|PAR|[Vv]on|VON|[Pp]or|POR|[Dd]oor|DOOR|[Dd]i|DI)';
export const BYLINE_LINE = new RegExp(
  String.raw`^(?:[Bb][Yy]:?|${OTHER_BYLINE_WORD}|(?:[Pp]osted|[Ww]ritten|[Rr]eported) by:?|[Ww]ords:?)\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Then|Now|Today|Tomorrow|Tonight|Midnight|Noon|Late|Early|Mid)\b)\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|de|van|von|da|del|la|le|bin|al))*(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*)*(?:\s*(?:[,|·•–—]|\s-\s)\s*[^.!?]{1,80})?\s*$`,
  'u',
);
/**
 * Cues of a line that is furniture on its own — a byline, a time stamp, a press release's labels and
 * contacts — not part of a block: what stands beside it (the story's lede under "FOR IMMEDIATE
 * RELEASE") is not taken with it (decide.ts `spreadToNeighbours`).
 */
/** The cue of a press release's end mark ("ENDS", "###", "-30-"): what follows it is for editors, not for print (decide.ts). */
export const END_OF_RELEASE = 'end-of-release mark';

export const LINE_CUES: ReadonlySet<string> = new Set([CONSENT_CONTROL, BYLINE, EMAIL_HEADER, EMAIL_SUBJECT, 'email view link', 'time stamp', 'date line', 'masthead date line', PRESS_RELEASE_LABEL, END_OF_RELEASE, 'line without words', PRESS_CONTACT, 'contact details', 'boilerplate label', 'release source tag', 'protective marking', 'metadata line', 'newsletter greeting', 'page number', 'running header', 'live-blog control', 'transcript direction', 'platform post line', 'next release line', 'postal address', NUMERIC_DATE_LINE]);

/**
 * A byline without "By": a name (captured) and the writer's role — a journalist's ("Hannah Oyelaran Health correspondent",
 * "Jo Doe, Political Editor") or, after a comma, a researcher's, as think tanks and universities sign their posts ("Sam
 * Patel, Senior Researcher", "Ana Ruiz, Research Fellow": "Bank Hires New Chief Economist" is a headline).
 */
export const ROLE_BYLINE =
  /^(\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,2}?)(?:,?(?:\s+[\p{L}&-]+){0,3}\s+(?:[Cc]orrespondent|[Ee]ditor|[Rr]eporter|[Ww]riter|[Cc]olumnist|[Jj]ournalist)|,(?:\s+[\p{L}&-]+){0,3}\s+(?:[Rr]esearcher|[Ff]ellow|[Aa]nalyst|[Ee]conomist))$/u;

/**
 * A social network's member line over a post, the name and the degree of connection as LinkedIn prints it ("Maria Okafor •
 * 1st", "Sam Lee (He/Him) • 3rd+"): the post's byline, its name captured.
 */
export const PROFILE_BYLINE = /^(\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3})(?:\s*\([^()]{2,20}\))?(?:\s*[✓✔])?\s*[•·]\s*(?:1st|2nd|3rd\+?)\s*$/u;

/** A byline alone, or after a date ("Tuesday, 10 June 2025 · by …"). */
export function isBylineLine(text: string): boolean {
  const line = text.trim();
  return BYLINE_LINE.test(line) || DATED_BYLINE.test(line);
}

/** A byline, a time stamp or a date on a line of its own: what a title and a story's lede may have between them. */
export function isCreditLine(text: string): boolean {
  const line = text.trim();
  return isBylineLine(line) || TIME_STAMP_LINE.test(line) || DATE_LINE.test(line);
}

/** One closing credit of a wire story ("Associated Press writer Jo Doe contributed.", "Doe reported from Houston."). */
const CONTRIBUTOR_CREDIT = String.raw`(?:[^.!?]{3,160}\b(?:writers?|reporters?|correspondents?|staff|press)\b[^.!?]{0,120}\bcontributed(?: reporting| (?:to|reporting to) this (?:report|story|article))?(?:\s+(?:from|in)\s+\p{Lu}[^.!?]{0,40})?|(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}(?:and\s+(?:\p{Lu}[\p{L}'’.-]*\s+){1,3})?reported from\s+\p{Lu}[^.!?]{0,40})`;
/** Closing credits, one or several in a paragraph ("Amundsen reported from Houston. AP writers … contributed."). */
const CONTRIBUTOR_CREDITS = new RegExp(String.raw`^(?:${CONTRIBUTOR_CREDIT}\s*\.\s+)*${CONTRIBUTOR_CREDIT}\s*\.?$`, 'u');

const cue = (category: FurnitureCategory, weight: number, label: string, pattern: RegExp, whole = false): Cue => ({
  category,
  pattern,
  weight,
  label,
  ...(whole ? { whole } : {}),
});

/** What a wire's staff credit names ("Reporting", "Writing and editing", "Compiled"), before its "by". */
const STAFF_ROLE = String.raw`(?:reporting|writing|editing|compiled|research|translation|translated)(?:,? (?:and )?(?:reporting|writing|editing|research))?`;
/** A telephone number as a contact line gives it: 9 to 15 digits ("+44 20 7555 0100", "918-555-0142"; not "1990-1995"). */
const PHONE = String.raw`\+?(?:\d[ ().-]{0,2}){8,14}\d`;
/**
 * One item of a contact line: an address, a telephone number or a handle, after a contact label or none ("Tel: …",
 * "Wire Messaging: …", "Twitter: @…"). "(Budget: £120m)" and "(Figures: 2021 2022)" are not contacts.
 */
const CONTACT_ITEM = String.raw`(?:(?:[a-z]+ ){0,3}(?:tel|telephone|phone|mobile|mob|cell|fax|e-?mail|messaging|twitter|x|signal|whatsapp|telegram|contact|desk|office)\s*:\s*)?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|${PHONE}|@\w{2,30})`;

export const CUES: Cue[] = [
  // Appeals for money and brand self-promotion (the "support our journalism" banner).
  cue('banner', 2, 'appeal for support', /\byour (support|donation|contribution|generosity)\b/i),
  cue('banner', 2, 'appeal for support', /\b(support|fund) (now|us|today|our (work|journalism|reporting|newsroom|mission|journalists|reporters))\b/i),
  cue('banner', 2, 'appeal for money', /\b(donate|give|contribute|chip in) (now|today|monthly|once|from|to us|to our|what you can)\b/i),
  cue('banner', 2, 'appeal for money', /\bmake a (one-off |one-time |single |monthly |annual |small |regular |recurring )?(contribution|donation|gift)\b/i),
  cue('banner', 2, 'appeal for money', /\b(become|becoming) a (paying )?(member|supporter|subscriber|patron)\b/i),
  cue('banner', 2.5, 'appeal for money', /\b(small|quick) favou?r to ask\b/i),
  cue('banner', 2, 'reader-funding pitch', /\b(readers?[- ](funded|supported|revenue)|funded by (our )?readers|supported by (our )?readers)\b/i),
  cue('banner', 1.5, 'talks about its own journalism', /\b(our|independent|quality|public[- ]interest|fearless|trusted) (journalism|reporting|journalists|newsroom|reporters)\b/i),
  cue('banner', 1.5, 'talks about its own paywall', /\bpaywalls?\b/i),
  cue('banner', 2, 'paywall pitch', /\bunlimited (digital )?(access|articles|reading|stories)\b/i),
  cue('banner', 1, 'price pitch', /\b(for|from|at) (just|only|as little as|less than) (£|\$|€|\d|the price of)|\bprice of a (cup of )?coffee\b/i),
  cue('banner', 1.5, 'says what the reader’s money does', /\b(helps|allows|enables|lets) us (to )?\b/i),
  // "The Courier is on the ground / is trusted by / is committed to …": an outlet describing itself. Case matters: a name.
  cue('banner', 1, 'brand self-description', /\bThe (?:[A-Z][\p{L}'’-]+ ){1,3}(?:is|has been|remains) (?:on the ground|trusted|committed|proud|dedicated|here to|funded|reader-funded|free to read|independent|the only)\b/u),
  cue('banner', 1, 'brand self-praise', /\bis trusted by\b|\bwe (believe|choose|rely on|depend on|can['’]t do (this|it) without)\b/i),

  // Sign-ups, apps, communities, offers.
  // "Sign up" as a call (imperative, or "sign up for free / to our …") versus news about people signing up.
  cue('promo', 2, 'sign-up call', /(^|[.!?:]\s+|\b(please|now|today|here|simply|just) )sign[ -]?up\b|\bsign[ -]?up (now|today|here|free|for (free|our|a free|the newsletter|updates|alerts)|to (our|receive|get))\b/i),
  cue('promo', 0.75, 'sign-up talk', /\bsign[ -]?ups?\b/i),
  cue('promo', 2, 'subscription call', /\bsubscribe\b/i),
  cue('promo', 1, 'subscription talk', /\bsubscri(ption|bers?)\b/i),
  cue('promo', 1.5, 'newsletter', /\bnewsletters?\b/i),
  cue('promo', 1.5, 'inbox', /\bin-?box(es)?\b/i),
  cue('promo', 2.5, 'asks for an email address', /\b(enter|type|add|submit) (your|an|a valid) e-?mail\b|\bvalid e-?mail\b/i),
  cue('promo', 1, 'asks for an email address', /\be-?mail address\b/i),
  cue('promo', 2.5, 'click call', /\bclick (here|on (this|the) link|the link|below|the button|to (join|subscribe|sign|read|download|find|learn|see|watch|listen))\b/i),
  cue('promo', 1.5, 'tap call', /\btap (here|the (link|button|icon|bell)|on the)\b/i),
  cue('promo', 2.5, 'app promotion', /\b(download|install|get|try) (the|our) (free |new |official )?(\w+ ){0,2}app\b|\b(available|free|download (it|now)|get it) (on|in|from) (the )?(app store|google play)\b/i),
  cue('promo', 0.75, 'notifications', /\bnotifications?\b|\balerts?\b/i),
  cue('promo', 1.5, 'join call', /\bjoin (us|our|now|today|in|for free|the (conversation|community|discussion|club|channel|group))\b/i),
  cue('promo', 1.5, 'channel/community promotion', new RegExp(`\\b(${PLATFORMS}) (community|channel|broadcast)\\b`, 'i')),
  cue('promo', 1.5, 'offers', /\b(special|exclusive|partner|member|subscriber) (offers?|deals?|discounts?|content|benefits)\b/i),
  cue('promo', 1, 'exclusives', /\bexclusives\b/i),
  cue('promo', 0.75, 'advertising talk', /\bpromotions\b|\badverts?\b|\badvertis(ing|ements?)\b/i),
  cue('promo', 2, 'privacy-notice small print', /\bprivacy (notice|policy|statement|settings)\b/i),
  cue('promo', 2, 'unsubscribe small print', /\bunsubscribe\b|\bopt[ -]out\b/i),
  cue('promo', 1.5, 'free offer', /\b(free|premium) (trial|access|newsletter|account|membership)\b|\bfor free\b/i),
  cue('promo', 2, 'fear-of-missing-out call', /\b(don['’]t|never|do not) miss\b/i),
  cue('promo', 1.5, 'stay-informed call', /\bstay (up to date|up-to-date|informed|in the loop|ahead|connected|tuned)\b/i),
  cue('promo', 2, 'delivered-to-you pitch', /\b(straight|directly|delivered|sent) (in)?to your (inbox|phone|device|mobile|email)\b/i),
  cue('promo', 1, 'latest-news pitch', /\b(all )?the latest (news|updates|breaking|headlines|stories|analysis)\b|\bbreaking (news )?(updates|alerts)\b|\blive (updates|coverage|blog)\b/i),
  cue('promo', 1.5, 'brand launch', /\b(has|have|had) (just )?launched (its|their|our) (very own|own|new|free|brand[- ]new) (\S+ ){0,4}(community|channel|newsletter|podcast|app|group|hub)\b|\bits very own\b/i),
  cue('promo', 1.5, 'podcast promotion', /\b(our|daily|weekly|new|the) (\S+ ){0,3}podcast\b|\bwherever you get your podcasts\b|\bnew episodes?\b/i),
  cue('promo', 1.5, 'account call', /\bcreate (a|an|your) (free )?account\b|\b(log|sign) in (to|with|here)\b/i),
  cue('promo', 2, 'registration call', /\bregister (now|today|for free|here|to)\b/i),
  cue('promo', 2, 'tip line', /\b(got|have) a (story|tip|news tip|story idea)\b|\b(email|contact|message|write to) (us|our (newsroom|news desk|team))\b/i),
  // An invitation to write in, with the address to write to ("Have your say: write to letters@…", "Tell us what you think: …").
  cue('promo', 3, 'letters call', /^(?:have your say|tell us what you think|what do you think|share your (?:views|thoughts)|join the debate|write to us)\b[^.!?]{0,40}?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?$/i, true),
  cue('promo', 2.5, 'sign-up confirmation', /\bthanks? (you )?for (signing up|subscribing|registering)\b|\bcheck your (inbox|email|spam)\b/i),

  // A podcast's call to its listeners ("Rate and review us on Apple Podcasts", "… wherever you get your podcasts").
  cue('promo', 2.5, 'podcast call', /\b(?:rate|review|subscribe|follow)\b[^.!?]{0,40}\b(?:on|in) (?:apple podcasts|spotify|itunes|google podcasts|overcast|pocket casts|castbox|stitcher|your (?:favou?rite )?podcast (?:app|player))\b|\bwherever you (?:get|listen to|find) (?:your )?podcasts\b/i),
  // Its production credits ("This episode was produced by … and edited by …", "Our theme music is by …"): who made the
  // programme, not what it says. At the paragraph's start, of "this" episode: "The programme was produced by the BBC in 1984" is a story's.
  cue('credit', 3, 'production credit', /^(?:this|today['’]s) (?:episode|show|podcast|programme|program|series)(?: of [^.!?]{1,40})? (?:was|is|were) (?:(?:produced|edited|hosted|mixed|engineered|presented|reported|written|directed|fact-checked)(?:,? (?:and )?)?){1,4}by\b|^(?:our |the )?(?:theme|original|intro) (?:music|song|tune)(?: is| was)? (?:by|from|composed by)\b/i),
  // A newsletter's call to pass it on ("Forward this email to a colleague who might find it useful", "Forward this to a
  // friend"). Bare "this" only: "forward the proposal to others" is a story's.
  cue('promo', 3, 'forward call', /\bforward (?:this|(?:this|the|our) (?:email|e-mail|newsletter|message|briefing|brief|digest))\b[^.!?]{0,60}\b(?:friends?|colleagues?|someone|others?|anyone)\b/i),
  // A newsletter's staff credits under its last item ("Thanks to Jane Doe for editing and Sam Lee for copy editing."):
  // who made the letter, not its news. ("Today's newsletter was edited by …" goes as an editing credit already.)
  cue('credit', 3, 'newsletter credit', /^thanks to\b[^.!?]{0,100}\bfor (?:editing|copy[- ]?editing|producing|fact[- ]checking|the edits?)\b/i, true),
  // A newsletter's sign-off, as the paragraph's opening words ("That's all for today.", "That's it for this week —",
  // "See you tomorrow."): the letter ending, not its news. Not "Thanks for reading.": a blog post says it to its readers
  // and keeps it (test/clean/held-out.test.ts).
  cue('promo', 3, 'sign-off', /^(?:that['’]s (?:all|it|everything)(?: from (?:me|us))? for (?:today|tonight|now|this (?:week|morning|evening|edition|issue))|see you (?:tomorrow|next (?:week|time)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))|until (?:tomorrow|next (?:week|time)))\b/i, true),
  // Share and follow bars.
  cue('share', 3, 'share call', /\bshare (this|the) (article|story|page|post|video|link)\b/i),
  cue('share', 3, 'share call', new RegExp(`\\bshare (on|via|to|with) (${PLATFORMS}|email|e-mail)\\b`, 'i')),
  cue('share', 2.5, 'follow call', /\bfollow (us|me|@\w+)\b/i),
  cue('share', 2.5, 'follow call', new RegExp(`\\b(follow|find|join|like) (\\S+ ){0,5}on (${PLATFORMS}|social media|social)\\b`, 'i')),
  // An embedded post's label as a scrape keeps it ("View this post on Instagram", "Watch on YouTube"). Its signature ("— Western
  // Power (@WesternPower) November 18, 2026", "A post shared by … (@…)") stays: it says whose the post's words are.
  cue('share', 3, 'embedded post', /^(?:view this (?:post|photo|video|reel|profile) on (?:instagram|facebook|tiktok|x|twitter|threads)|watch on (?:youtube|tiktok|instagram))\.?$/i, true),
  cue('share', 2.5, 'copy-link control', /\bcopy (the )?link\b|\blink copied\b/i),

  // Navigation: menus, related links, "read more".
  cue('navigation', 3, NAVIGATION_LABEL, /^(?:\d{1,2}\.\s+)?(read (more|next|also|this next)?|also (read|see|watch|listen|on)|(must|don['’]t) (read|watch|miss)|watch( more| now| next)?|listen( more)?|more|see more|related( articles| stories| coverage| content| topics| reading)?|see also|more on this (story|topic)|more (from|stories|news|like this|in)|more( [a-z-]+){1,2} (news|stories|coverage)|most (read|popular|viewed|shared)|recommended( for you| stories| reading)?|you (may|might) also (like|be interested)|trending( now| stories)?|topics|tags|filed under|skip to( main)? content|back to top|(next|previous) (article|story|post)|continue reading|sponsored( content)?|advertisement|explore more|in (this|other) news|latest stories|(go|dive|dig) deeper|((related|supporting|consultation) )?(documents|downloads|attachments))\b\s*(?:[:|›»>–—-]|$)/i, true),
  // The same labels with their section named ("More from Food & Drink", "Explore more on these topics", "Related Internet Links"),
  // and a page's own contents ("Table of contents", "On this page"; a podcast's "Timestamps:" over its chapters).
  cue('navigation', 3, NAVIGATION_LABEL, /^(?:\d{1,2}\.\s+)?(?:more from(?: [a-z&'’-]+){1,3}(?: and(?: [a-z&'’-]+){1,3})?|recommended from(?: [a-z&'’-]+){1,3}|explore more (?:on|about) (?:these|this|the) (?:topics?|subjects?|stories)|related (?:internet |external )?links|(?:table of )?contents|on this page|in this (?:article|page|guide|report|section)|jump to(?: section)?|(?:episode )?(?:timestamps|chapters|chapter markers))\s*(?:[:|›»>–—-]|$)/i, true),
  // Placeholders a scraper keeps where an ad, a player or a widget sat: a whole line of their own, never a
  // label over a list (so the lines after them are not taken as listed headlines: they are the article going on).
  cue('navigation', 3, 'ad placeholder', /^(?:skip|close|hide|remove|report)?\s*(?:advertisements?|advertising|adverts?|ads?|ad feedback|paid (?:content|post|partnership)|promoted(?: content| stories)?)(?:\s+(?:continue|keep) reading(?: below| after| beneath)?)?\s*[.:…]*$/i, true),
  cue('navigation', 3, 'ad placeholder', /^(?:(?:the )?(?:article|story|content|text|post|page|report)s? continues? (?:below|after|beneath|under|on)\b|(?:scroll|keep scrolling|swipe)(?: down| up)? (?:to|for) (?:continue|keep reading|read|more|the rest)\b|continue reading (?:below|after|beneath|the (?:main |full )?(?:article|story|rest))\b).{0,40}$/i, true),
  // An email's link to its web copy and the reason it was sent: "View in browser", "You are receiving this email because you signed up…".
  cue('navigation', 3, 'email view link', /^(?:(?:view|open|read) (?:this (?:email|newsletter|message|issue) |it )?(?:in|on) (?:your |a |the )?(?:web ?)?(?:browser|web(?:site)?)|(?:view|read|open) (?:this (?:email|newsletter|message|issue) |it )?online|(?:web|online|browser) version|having trouble (?:viewing|reading) this (?:email|message)\??[^.!?]{0,60})\s*[.:]?$/i, true),
  // A blog platform's link to its app ("READ IN APP", "Open in app", "Continue reading in the app"): a separate cue, whose
  // literal is " in app" / " in the app" (one pattern with the links above had more literals than the scanner takes).
  cue('navigation', 3, 'email view link', /^(?:read|open|view|continue reading)\b[^.!?]{0,30}? in (?:the )?app\s*[.:]?$/i, true),
  cue('notice', 3, 'email small print', /^you (?:are|['’]re) receiving this (?:email|e-mail|newsletter|message)\b|^you received this (?:email|e-mail|newsletter|message) because\b|^this (?:email|e-mail|newsletter|message) was sent to\b/i),
  cue('navigation', 3, 'player or widget placeholder', /^(?:listen to (?:this|the) (?:article|story|page|report|episode)|listen(?: now)?|play (?:audio|video)|audio (?:version|article)|like this|(?:like )?loading(?: comments)?|share(?: this)?|print(?: this (?:article|page|story))?|save(?: (?:article|story|for later))?|gift (?:this )?article|follow(?:ing)?|unfollow|subscribed?|download|clip|repost|send|like|embed|(?:\.{3}|…)\s?more|show (?:more|less|transcript)|(?:see|read) less|follow along (?:using|with) the transcript)\s*(?:[:(\[]\s*\d+\s*(?:min|mins|minutes?)\s*[)\]]?)?\s*[.:…]*$/i, true),
  // A row of a page's controls, their labels run together with no space between them ("ListenShare", "Share Save Print").
  cue('navigation', 3, 'player or widget placeholder', /^(?:listen|share|save|print|follow|like|clap|comment|reply|bookmark|subscribe)(?:\s*(?:listen|share|save|print|follow|like|clap|comment|reply|bookmark|subscribe))+$/i, true),
  // A figure alone ("90 minutes") may be a liveblog's heading: only "… min read" or "Reading time: …".
  cue('navigation', 3, 'reading-time label', /^(?:[a-z&'’ ]{2,30}\s*[·|•]\s*)?(?:about |approx\.? |approximately )?\d+\s*-?\s*(?:min|mins|minutes?)\s+(?:read|listen|watch)\s*(?:[·|•,–—-]\s*[^.!?]{0,40})?$|^(?:estimated )?(?:reading|listening) time:?\s*(?:about )?\d+\s*-?\s*(?:min|mins|minutes?)\.?$/i, true),
  // A menu kept as lines of one block (an old page's navigation column, "Front Page<br>News<br>Sport<br>…"):
  // five lines or more of one to three words, none a sentence.
  // A blog platform's publication line ("Published in Civic Design Notes"), and its author box's ("Writer for Civic Design Notes").
  cue('credit', 3, PUBLICATION_LINE, /^(?:[Pp]ublished in|(?:[Ww]riter|[Ee]ditor|[Cc]ontributor) for)\s+\p{Lu}[^.!?]{1,60}$/u, true),
  cue('share', 3, 'reuse control', /reuse this content\b|\brepublish this (?:story|article|piece)\b/i),
  // A social post's hashtags on a line of their own ("#MonetaryPolicy #BankOfEngland"): its topic labels, as tags are.
  cue('navigation', 3, 'hashtag line', /^(?:#[\p{L}\p{N}_]{2,40}[\s,]*){2,}$/u, true),
  // A social post's age, as the platform prints it over the post ("2h • Edited •", "3d ·"): the day is the file's or the feed's.
  cue('credit', 3, 'time stamp', /^\d{1,2}\s?(?:[smhdw]|mo|yr|hrs?|mins?)\b(?:\s*[•·]\s*(?:edited)?)*\s*[•·]?\s*$/i, true),
  // A live blog's filter controls ("Key events", "Show key events only").
  cue('navigation', 3, 'live-blog control', /^(?:key events|show key events only|show (?:all|latest) (?:posts|updates|events)|(?:new|latest) updates?(?: available)?|pinned post)\s*[.:]?$/i, true),
  // A discussion platform's lines around a post: its forum ("r/worldnews"), "Posted by u/handle 7 hr. ago", "2.4k upvotes".
  cue('notice', 3, 'platform post line', /^(?:r\/[a-z0-9_]{2,30}|(?:posted|submitted) by\s+u\/[\w-]{2,30}\b.{0,40}|\d[\d.,]*\s?[km]?\s+(?:upvotes?|downvotes?|points?|likes?|claps?|votes?|reactions?|subscribers|followers|views|listens|plays|reposts|retweets)(?:\s+(?:\d{1,2}\s+[a-z]{3,9}\.?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago|#\w+|[·•|]))*)\s*$/i, true),
  // A transcript's stage direction ("(SOUNDBITE OF MUSIC)", "(LAUGHTER)", "(CROSSTALK)").
  cue('notice', 3, 'transcript direction', /^\((?:soundbite|sound bite|archived recording|music|laughter|applause|crosstalk|inaudible|unintelligible|break in audio)\b[^()]{0,60}\)$/i, true),
  // A column's disclaimer: "The views expressed in this article are the author's own."
  cue('notice', 3, 'views disclaimer', /\b(?:the )?(?:views|opinions)(?: and opinions)? (?:expressed|in this (?:article|piece|column))(?: (?:here|in this (?:article|piece|column)))? are (?:solely )?(?:those of )?the (?:author|writer|contributor)s?(?:['’]s?)?(?: own)?\b/i),
  cue('notice', 3, 'external-links notice', /\bnot responsible for the content of external (?:sites|websites|links|internet sites)\b/i),
  cue('navigation', 3, 'menu', /^(?:[^\S\n]*[^\s.!?:;,]+(?:[^\S\n]+[^\s.!?:;,]+){0,2}[^\S\n]*\n){4,}[^\S\n]*[^\s.!?:;,]+(?:[^\S\n]+[^\s.!?:;,]+){0,2}[^\S\n]*$/, true),
  cue('navigation', 1.5, 'read-more link', /\b(read|learn|find out) more\b/i),
  cue('navigation', 2.5, 'breadcrumb trail', /^([\p{L}&' ]{2,24}\s*[›»>|/]\s*){2,}[\p{L}&' ]{2,24}$/u, true),

  // Image credits and captions.
  cue('credit', 3, 'image credit', /^\(?\s*(photo(graph)?|picture|pic|image|illustration|video|graphic|main image|top image|header image|credit|caption|source)s?( credit)?\s*(:|\/|\bby\b(?=[^.!?]{0,60}$))/i, true),
  // "Image source, Getty Images", "Media caption, …": a comma after a two-word label (a bare "Picture, if you will, …" is prose).
  cue('credit', 3, 'image credit', /^(?:image|media|video|audio|picture|photo) (?:source|caption|credit)s?\s*[,:]/i, true),
  // A wire story's staff credits: "(Reporting by … ; Editing by …)", "((Reporting by …))" as wires file them, "Reporting by …;
  // Editing by …" as their sites print them, "Additional reporting by …". In brackets, two credits, or "Additional reporting
  // by …" alone: "Reporting by the BBC revealed …" is a sentence of the story.
  cue('credit', 3, 'staff credit', new RegExp(String.raw`^\(\(?\s*(?:additional |further )?${STAFF_ROLE} by\b[^()]{2,200}\)\)?\s*\.?$|^${STAFF_ROLE} by\b[^.;()]{2,80};\s*(?:additional |further )?${STAFF_ROLE} by\b[^.()]{2,160}\.?$|^(?:additional|further) reporting by\b[^.;]{2,80}\.?$`, 'i'), true),
  // A column's note on its writer, under it ("The writer is a senior fellow at the Bruegel think-tank": weighed with its place
  // at the end, as "The author is the first woman to win the prize twice" inside a story about a book is the story's), and a
  // wire's credit for help ("--With assistance from Jane Perez.").
  cue('credit', 2, 'writer note', /^the (?:writer|author)s? (?:is|are|was|were) (?=(?:a|an|the|former|professor|chief|director|senior|deputy|co-?founder|president|chair|head|editor|visiting|executive|managing|partner)\b)[^!?]{2,220}$/i, true),
  cue('credit', 3, 'writer note', /^[-–—]{1,2}\s*[Ww]ith (?:assistance|help) from\s+\p{Lu}[^!?]{1,160}$/u, true),
  // A wire's note on what a version changed, in brackets on its own line ("(Updates prices in second paragraph.)", "(Adds
  // comment from the minister in paragraph 5)"): about the filing, not the news.
  cue('credit', 3, 'update note', /^\((?:updates?|adds?|recasts?|rewrites?|corrects?|refiles?|changes?|tops?|fixes?|removes?|deletes?|inserts?)\b[^()]{2,160}\)\.?$/i, true),
  // A magazine's note on where the piece was printed ("This article appeared in the Finance & economics section of the print
  // edition under the headline …").
  cue('credit', 3, 'print edition note', /^this (?:article|story|piece|report|column) (?:appeared|was published|ran) in the\b[^!?]{0,160}\b(?:print edition|edition|issue|newspaper|magazine)\b[^!?]{0,200}$/i, true),
  // A wire's slug line over its story, as its feed delivers it: the Associated Press's ("BC-EU--Britain-Rail Strike,1st
  // Ld-Writethru") and the story code other agencies file under ("BRITAIN-RAIL/STRIKE (UPDATE 1)"). Capitals as filed,
  // joined by hyphens and slashes: a sentence or a headline has spaces between its words.
  cue('credit', 3, 'wire slug line', /^(?:BC|AM|PM|AP)-[A-Z]{2,4}(?:-[A-Z]{2,4})?--[A-Za-z0-9][\w'’&/ .-]{1,60}(?:,\s*[\w'’ .-]{1,40}){0,3}$|^[A-Z][A-Z0-9]{1,20}(?:-[A-Z0-9]{1,20})*(?:\/[A-Z0-9]{1,20}(?:-[A-Z0-9]{1,20})*)+(?:\s+\((?:UPDATE|URGENT|REFILE|CORRECTED|RPT|REPEAT|PIX|TV|WRAPUP|INSIGHT|ANALYSIS|EXCLUSIVE)\b[^()]{0,30}\))*$/, true),
  // Its note to editors over the story ("Eds: UPDATES with union statement. With AP Photos.", "EDS: RECASTS …"): about the
  // filing, not the news.
  cue('credit', 3, 'wire note to editors', /^(?:Eds|EDS|EDITORS|Editors)\s*:\s+\S[^\n]{0,300}$/, true),
  // A wire reporter's contact line under the story, in brackets: addresses, numbers and labelled handles only
  // ("((jo.doe@wire.com; +44 20 7555 0100; Wire Messaging: jo.doe.wire.com@wire.net))").
  cue('credit', 3, 'reporter contact', new RegExp(String.raw`^\(\(?\s*(?=[^()]*(?:@[\w-]+\.|\d{3}))${CONTACT_ITEM}(?:\s*[;,]\s*${CONTACT_ITEM}){0,5}\s*;?\s*\)\)?\s*\.?$`, 'i'), true),
  cue('credit', 2.5, 'image credit', /[([]\s*(photo(graph)?|picture|pic|image|credit|illustration)s?\s*:?[^)\]]{2,80}[)\]]\s*\.?$/i, true),
  // A caption ending in its photographer's credit, "Name/Agency" ("… (Photo: Sam Whitely/Ashdale Media)", "… Photograph: Jo
  // Doe/Courier"): a credit of a named person and an outlet is a caption's, never a sentence's end.
  cue('credit', 4, 'image credit', /(?:^|[\s(\[])(?:[Pp]hoto(?:graph)?|PHOTO|[Pp]icture|[Pp]ic|[Ii]mage)s?\s*:\s*\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}\s*\/\s*\p{Lu}[\p{L}\p{N}'’.& -]{1,40}[)\]]?\s*\.?[*_]*$/u, true),
  // Bylines and time stamps on lines of their own, as scraped text keeps them above the story. A name (capitalised words)
  // after "By", then at most a role or place, and no sentence end: "By Sunday, the council had voted." is a sentence.
  cue('credit', 3, BYLINE, BYLINE_LINE, true),
  cue('credit', 3, BYLINE, DATED_BYLINE, true),
  // A byline without "By": a name and the writer's role ("Hannah Oyelaran Health correspondent", "Jo Doe, Political Editor").
  cue('credit', 3, BYLINE, ROLE_BYLINE, true),
  // A social network's member line over a post ("Maria Okafor • 1st").
  cue('credit', 3, BYLINE, PROFILE_BYLINE, true),
  cue('credit', 3, 'time stamp', TIME_STAMP_LINE, true),
  // An email's header lines, which a forwarded or saved newsletter keeps above the story: the forward marker, "From:" and
  // "To:" with an address, "Date:"/"Sent:" with a full date and a time (it dates an undated article, credits.ts; an event's
  // "Date: Saturday 14 June 2025" has no time and stays), "Subject:".
  cue('credit', 3, EMAIL_HEADER, new RegExp(String.raw`^(?:-{2,}\s*(?:forwarded message|original message)\s*-{2,}|begin forwarded message:|(?:from|to|cc|bcc|reply-to):\s.{0,120}[\w.+-]+@[\w-]+(?:\.[\w-]+)+.{0,40}|(?:date|sent):\s+${DAY_DATE}.{0,12}\b\d{1,2}:\d{2}.{0,30})$`, 'i'), true),
  // Its subject line, which may repeat the story's headline word for word (so shares the story's words): it gives the title.
  cue('credit', 5, EMAIL_SUBJECT, /^subject:\s+\S.{0,200}$/i, true),
  cue('credit', 3, 'date line', DATE_LINE, true),
  // A newsletter's or a section's masthead with the day ("THE MORNING BRIEF | Tuesday 10 June", "Sport · 12 May 2025").
  // Without the `u` flag, so its separator is a literal the prefilter can promise (furniture/needles.ts).
  cue('credit', 3, 'masthead date line', new RegExp(String.raw`^[a-z][a-z&'’ ]{1,40}?\s*[|·•–—]\s*(?:(?:mon|tues|wed(?:nes)?|thurs?|fri|sat(?:ur)?|sun)day,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+${MONTH}|${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?)(?:,?\s+\d{4})?$`, 'i'), true),
  // A section's line with the day in numbers, as European institutions print it over a release ("Press Releases PLENARY
  // SESSION ENVI 03-12-2026 - 12:45"): labels, then the day as day-month-year with hyphens or dots, then perhaps a time.
  cue('credit', 3, NUMERIC_DATE_LINE, NUMERIC_DATE_LINE_PATTERN, true),
  // A translation note: "This article was translated from German.", "… Read the original version in French."
  cue('credit', 3, 'translation note', /^(?:this (?:article|story|piece|report|interview|text) (?:was|has been|is) (?:(?:machine|automatically|partly) )?translated (?:from (?:the )?[a-z]+|by)\b[^.!?]{0,80}[.!]?(?:\s+read the original\b[^.!?]{0,60}[.!]?)?|read the original (?:version|article|story|text)?(?:\s*(?:in|\()\s*[a-z]+\)?)?\s*[.:]?)$/i, true),
  // A page's running number, which a PDF's text keeps on a line of its own ("Page 2 of 5").
  cue('notice', 3, 'page number', /^(?:page|p\.)\s*\d{1,4}\s*(?:of|\/)\s*\d{1,4}$/i, true),
  // A PDF's running header or footer, its page number among the document's name and issuer ("Department of Health
  // Page 1 of 3 Statement on the Hospital Review Page 2 of 3"): no sentence in it, and a page's number. Weighed over
  // the one point a line loses for sharing the story's words: it always does, naming the document.
  cue('notice', 4, 'running header', /^(?=[^.!?]{0,300}$)(?:[^.!?]*\s)?(?:page|p\.)\s*\d{1,4}\s*(?:of|\/)\s*\d{1,4}(?!\S)/i, true),
  // A government page's line naming the department (and minister) it is from, kept in its text ("From: HM Treasury and The Rt
  // Hon Rachel Reeves MP"): no address, so no e-mail's header line; no sentence.
  cue('credit', 3, 'issuer line', /^From:\s+\p{Lu}[^.!?@\n]{2,140}$/u, true),
  // A regulatory notice's preamble as a gazette prints it (the US Federal Register's): its issue line ("Federal Register /
  // Vol. 91, No. 231 / Thursday, December 3, 2026 / Rules and Regulations", which dates it), the code it amends ("40 CFR
  // Part 60"), its docket and regulation numbers ("[EPA-HQ-OAR-2025-0317; FRL-11892-02-OAR]", "RIN 2060-AW14"), and its
  // labelled fields in capitals: who issues it ("AGENCY: …", the publisher, credits.ts), what kind it is ("ACTION: Final
  // rule."), where its docket is ("ADDRESSES: …") and the label over its discussion. Its "SUMMARY:" and "DATES:" are the news.
  cue('credit', 3, 'gazette issue line', new RegExp(String.raw`^[a-z][a-z ]{2,40}\s*\/\s*vol\.?\s*\d{1,4},?\s*no\.?\s*\d{1,5}\s*\/\s*${DAY_DATE}(?:\s*\/\s*[a-z ]{2,40})?$`, 'i'), true),
  cue('notice', 3, 'regulation reference', /^(?:\d{1,2}\s+CFR\s+Parts?\s+\d{1,4}(?:\s*(?:,|and|&)\s*\d{1,4})*|RIN\s+\d{4}-[A-Z]{2}\d{2}|\[(?:[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,2}\s+(?:No\.?\s*|ID\s+)?)?[A-Z0-9]{2,10}[-–][\w-]{2,40}(?:\s*[;,]\s*(?:[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,2}\s+(?:No\.?\s*|ID\s+)?)?[A-Z0-9]{2,10}[-–][\w-]{2,40})*\])$/, true),
  cue('credit', 3, 'preamble field', /^(?:AGENCY|AGENCIES|ACTION):\s+\S[^\n]{0,200}$/, true),
  cue('notice', 3, 'preamble field', /^(?:ADDRESSES:\s+\S[^\n]{0,1200}|SUPPLEMENTARY INFORMATION:?)$/, true),
  // A clock time alone on a line, as a record of proceedings or a live page marks its entries ("3.32 pm", "17:42 BST"), and a
  // page's download link for the document ("Download text", "Download the full report (PDF, 1.2 MB)").
  cue('credit', 3, 'time stamp', new RegExp(String.raw`^${CLOCK_TIME}$`, 'i'), true),
  // A day without its year alone on a line, as a blog platform prints a post's date in the year it is written ("Dec 6",
  // "6 December"): no sentence, and no day to date it by (the year is not stated).
  cue('credit', 3, 'time stamp', new RegExp(String.raw`^(?:${MONTH}\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+${MONTH}\.?)$`, 'i'), true),
  cue('navigation', 3, 'download link', /^download (?:(?:the )?(?:full )?(?:text|pdf|report|document|transcript|publication|data|file))(?:\s*\((?:pdf|docx?|odt|csv|xlsx?)\b[^()]{0,30}\))?$/i, true),
  // A page's own notices kept in its text: when it was last updated, its feedback link, what its share links do ("This page
  // was last updated 07 November 2024", "Report a problem with this page", "The following links open in a new tab").
  cue('notice', 3, 'page notice', /^(?:this )?page (?:was )?last (?:updated|modified|reviewed)(?: on)?:?\s+(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)[^.!?]{0,40}\.?$|^report a (?:problem|mistake|technical issue) (?:with|on) this page\.?$|^the following links? opens? in a new (?:tab|window)\.?$/i, true),
  // A parliamentary answer's or a page's record of when it was put up ("This answer was submitted on 02 Dec 2026 at 14:12.").
  cue('notice', 3, 'submission stamp', /^this (?:answer|question|statement|response|page|document|notice) was (?:submitted|published|tabled|answered|posted|(?:last )?updated) on\s+\d[^!?]{0,60}$/i, true),
  // A postal address on a line of its own, as a release's contacts or a page's footer give it: parts separated by commas,
  // ending with a postcode (UK "SW1A 2HQ", Irish "Y35 WY93", US "TX 77002"): a sentence that names one goes on past it.
  cue('notice', 3, 'postal address', /^(?=[^!?\n]{10,240}$)[^,\n]{2,60}(?:,\s*[^,\n]{2,60}){1,8}?,?\s+(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d{2}\s?[A-Z\d]{4}|[A-Z]{2}\s+\d{5}(?:-\d{4})?)$/, true),
  // A statistics release's schedule line ("Next release: 21 January 2027", "Next update: To be announced"): when the next one
  // comes, never this one's day (a notice, not a credit: credits date an undated article, credits.ts).
  cue('notice', 3, 'next release line', /^next (?:release|update|publication|edition|issue|bulletin)(?: date| due)?\s*:?\s*(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|to be (?:confirmed|announced)|tb[ca]\b|discontinued\b)[^.!?]{0,60}$/i, true),
  // A listed document's kind and day under its name, as a statistics or publications page prints it ("Bulletin | Released 3
  // December 2026", "Dataset A01 | Released …"): the listing's, not the article's.
  cue('navigation', 3, 'listed document details', new RegExp(String.raw`^[a-z][a-z0-9 ]{1,30}\s*[|·•]\s*(?:released|published|updated|last updated)\s*:?\s*${DAY_DATE}$`, 'i'), true),
  // A blog platform's feed footer under every item ("The post Ferry fares to rise appeared first on Harbour Town Chronicle."),
  // WordPress's default: the site after "on" is a name or an address ("… appeared first on the council's agenda" is a sentence).
  cue('credit', 3, 'feed footer', /^[Tt]he post\s.{1,240}?\sappeared first on\s(?:\p{Lu}|www\.|[a-z0-9-]+\.[a-z]{2,})[^\n]{0,120}$/u, true),
  // The same footer as WordPress writes it in other languages ("Der Beitrag … erschien zuerst auf …", "L’article … est
  // apparu en premier sur …", "La entrada … se publicó primero en …", "L'articolo … proviene da …", "O post … apareceu
  // primeiro em …", "Het bericht … verscheen eerst op …").
  cue('credit', 3, 'feed footer', /^(?:der beitrag|l['’]article|la entrada|l['’]articolo|o (?:post|artigo)|het bericht)\s.{1,240}?\s(?:erschien zuerst auf|est apparu en premier sur|se publicó primero en|proviene da|apareceu primeiro em|verscheen eerst op)\s\S[^\n]{0,120}$/i, true),
  // A blog platform's feed footer under every item ("… was originally published in Civic Design Notes on Medium, where people
  // are continuing the conversation by highlighting and responding to this story.").
  cue('credit', 3, 'feed footer', /\bwas originally published (?:in|on)\b[^.!?]{1,160}\bon medium, where people are continuing the conversation\b/i),
  // A syndication note: "This article was produced by a … reporter under a scheme …", "This story first appeared in …".
  cue('credit', 3, 'syndication credit', /^this (?:article|story|piece|content)(?: (?:was|is|has been))? (?:(?:originally|first) (?:published|appeared)\b|(?:produced|written|supplied|provided|republished) (?:by|under|as part of|through|with (?:support|funding))\b)/i, true),
  // A wire story's closing credits: "Associated Press writer Jo Doe in Austin contributed to this report.", "… contributed from
  // Indianapolis.", "Doe reported from Houston."
  cue('credit', 3, 'contributor credit', CONTRIBUTOR_CREDITS, true),
  // A reporter's tagline with where to reach them ("… Reach her at 918-555-0142.", "… can be reached at jo@…").
  cue('credit', 3, 'reporter tagline', /^(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}(?:covers|writes about|reports on)\s[^.!?]{3,80}\bfor (?:the |The )?\p{Lu}[^.!?]{1,40}\.$/u, true),
  cue('credit', 3, 'reporter contact', /\b(?:reach|contact|email|e-mail) (?:him|her|them|me) at\b|\bcan be reached at\s+(?:[\w.+-]+@|\+?\d)/i),
  cue('credit', 2, 'copyright line', /©|\(c\)\s*\d{4}|\bcopyright (©|\(c\)|\d{4})/i, true),

  // Site notices: cookies, legal, browser.
  cue('notice', 1.5, 'cookie notice', /\bcookies?\b/i),
  // A consent banner's buttons, scraped as lines of their own ("Accept all", "Manage preferences", "REJECT ALL").
  cue('notice', 3, CONSENT_CONTROL, /^(?:(?:accept|reject|allow|decline|refuse|deny)(?: all| essential| necessary| selected)?(?: cookies)?|(?:manage|change|set|update) (?:my |your )?(?:preferences|cookies|cookie settings|settings|choices|consent|options)|cookie (?:settings|preferences|policy)|privacy settings|(?:more|other) options|i (?:agree|accept)|agree(?: and (?:close|continue))?|customi[sz]e(?: settings| cookies)?)\s*$/i, true),
  cue('notice', 2.5, 'comments notice', /\bcomments (are|have been) (closed|disabled|moderated)\b|\b(be the first to|leave a|post a) comment\b|\be-?mail (address )?will not be (published|shown|displayed)\b|\brequired fields are marked\b/i),
  cue('notice', 3, COMMENTS_LABEL, /^(?:\d[\d,]* (?:comments?|responses?|replies|thoughts on\b.{0,120})|(?:reader |readers['’] )?comments?(?: \(\d[\d,]*\))?|(?:view|show|load|read|see) (?:all )?(?:\d+ )?comments|(?:leave|post|add|write) a (?:reply|comment)|join the (?:conversation|discussion))\s*:?$/i, true),
  cue('notice', 3, COMMENT_CONTROL, /^(?:reply|reply ↓|log in to reply|cancel reply|report (?:this )?comment|report abuse)\s*[.:]?$/i, true),
  cue('notice', 3, 'legal notice', /\ball rights reserved\b/i, true),
  // An outlet's pointer to its own code of practice under every story ("Our Standards: The Trust Principles.").
  cue('notice', 3, 'standards notice', /^(?:our (?:editorial )?(?:standards|principles|code of (?:practice|conduct|ethics))|editorial (?:standards|guidelines|policy)|(?:the )?trust principles)(?:\s*[:|]\s*[^.!?]{0,60}\.?|\s*\.?)$/i, true),

  // Press releases: the release line, the embargo, the end mark, the contacts and the boilerplate about the issuer.
  cue('notice', 3, PRESS_RELEASE_LABEL, /^(?:for immediate release|immediate release|for release (?:on|at)\b[^.!?]{0,40}|embargo(?:ed)?(?: until| till| for)?\b[^.!?]{0,60}|(?:[^.!?|–—-]{2,60}?\s[-–—|]\s)?(?:news|press|media) release|(?:news|press|media) (?:summary|notice|advisory|statement))\s*[.:]?\s*$/i, true),
  cue('notice', 3, END_OF_RELEASE, /^(?:#{3,}|-\s*(?:30|ends?)\s*-|ends)\s*$/i, true),
  // A regulatory news service's end mark: "END" in capitals alone, as the London Stock Exchange's RNS closes an announcement,
  // or with the time a briefing's transcript ended ("END 1:32 P.M. EST").
  cue('notice', 3, END_OF_RELEASE, /^END(?:\s+\d{1,2}:\d{2}\s*[AP]\.?M\.?(?:\s+[A-Z]{2,4})?)?$/, true),
  // The release's header line, its label with the date, time or reference beside it ("PRESS RELEASE | Ref: PR-2024-117 |
  // 6 November 2024", "News release · For immediate release: Tuesday 12 November 2024", "MEDIA RELEASE – 25 November 2024 –
  // for immediate use"): every part a label, a date, a time or a reference.
  cue('notice', 3, PRESS_RELEASE_LABEL, RELEASE_HEADER, true),
  // A government's protective marking alone on a line ("OFFICIAL", "UNCLASSIFIED"): how the document is handled, not news.
  cue('notice', 3, 'protective marking', /^(?:OFFICIAL(?:[- ]SENSITIVE)?|UNCLASSIFIED|NOT PROTECTIVELY MARKED)$/, true),
  // An e-mail's footer: the sender's company registration, the plea not to print it.
  cue('notice', 2.5, 'company registration notice', /\bregistered in [a-z ]{3,30}?,?\s+(?:with\s+)?(?:company\s+)?(?:no\.?|number|registration number)\s*:?\s*[a-z]{0,2}\d/i),
  cue('notice', 3, 'print notice', /\b(?:please )?(?:consider|think (?:of|about)) the environment before printing\b/i),
  // A release's or e-mail's word about its attachments ("A route map is attached.", "Please find attached …"): about the
  // message, not the news ("conditions are attached to the grant" is the news's own).
  cue('notice', 2.5, 'attachment note', /\b(?:is|are) attached\b(?!\s+to\b)|\bplease (?:find|see) (?:the )?attached\b|\bsee (?:the )?attached\b|\battached (?:is|are|please find)\b/i),
  // A wire alert's or a system's metadata line: two or more labelled codes ("Alert ID: MW-2024-0042 Priority: 2 Category: BUS/TRN").
  cue('notice', 3, 'metadata line', /^(?:[A-Z][A-Za-z]{1,15}(?: [A-Za-z]{1,15})?:\s*[A-Z0-9][\w/.-]*\s*){2,}$/, true),
  // An announcement's or a release's reference alone on a line ("RNS Number : 4821K", "Release No. 2026-114", "Ref: PR/114").
  cue('notice', 3, 'metadata line', /^(?:[A-Z][A-Za-z]{1,10} )?(?:number|no\.?|ref(?:erence)?\.?)\s*[:.]?\s*(?=[\w/.-]*\d)[A-Z0-9][\w/.-]{1,20}$/i, true),
  // A company announcement's defined terms under its name ('("Harbourline" or the "Group")'): names in quotation marks, never
  // anyone's speech (so a weight that outweighs the quotation's).
  cue('notice', 4.5, 'defined terms', /^\((?:the )?["“][^"”]{1,40}["”](?:,? (?:or|and) (?:the )?["“][^"”]{1,40}["”]){1,3}\)$/i, true),
  // A journal article's history ("Received 2 March 2026, Revised 14 July 2026, Accepted …, Available online …") and its access label.
  cue('notice', 3, 'publication history', /^(?:received|submitted)\b[^.!?]{0,30}\d{4}[,;.]?(?:\s*(?:revised|accepted|available online|published(?: online)?|first published|version of record)\b[^.!?]{0,30}\d{4}[,;.]?){1,4}$|^open access$/i, true),
  // A web address alone on a line (a DOI, a source's link under the text): a link, not a sentence.
  cue('navigation', 3, 'bare link', /^(?:https?:\/\/|www\.)\S+$/i, true),
  // A rule drawn in characters between sections of plain text ("___", "* * *", "=====", "~~~"), or a stray mark a page's
  // layout left alone on a line ("·", "|", "[]"): no words, nothing to keep. Not a quotation mark or a bracket: a paragraph's
  // closing quote or bracket split off its sentence ends the sentence.
  // A count alone on a line is one too: a page's likes, claps or comments ("1.4K", "214"). A figure with words is the story's.
  // Counts side by side with no space between them are one figure to the text ("214" claps, "3" comments: "2143").
  cue('notice', 3, 'line without words', /^(?:[_=~*•·-]\s*){3,}$|^[^\p{L}\p{N}"“”'‘’«»()]{1,5}$|^\[\s*\]$|^\d{1,3}(?:[.,]\d{1,3})?\s?[KkMm]?$|^\d{4,6}$/u, true),
  // The contacts of a release written as a sentence, with the address or number in it ("For media inquiries, please email
  // press@… or call 202-…", "Media enquiries should be directed to the press office on 01632 …", "Journalists can contact
  // …", "For more information, contact Jane Smith at …"). Said to the press, not to the public: "Anyone with information
  // should call police on 101" is the story's appeal.
  cue('notice', 3, 'contact details', new RegExp(String.raw`^(?:for (?:all )?(?:media|press|news media|journalists?['’]?|reporters?['’]?) (?:inquiries|enquiries|queries|requests|questions)|(?:media|press) (?:inquiries|enquiries|queries|requests) (?:should|can|may|are to) be (?:directed|sent|made|addressed)|(?:journalists|reporters|members of the (?:media|press)|the media|media outlets)(?: [a-z]+){0,4} (?:can|may|should) (?:contact|call|email|e-mail|reach|phone)|for (?:more|further|additional) (?:information|details),? (?:please )?(?:contact|email|e-mail|call|phone|reach))\b[^.!?]{0,160}?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|${PHONE})[^!?]{0,40}$`, 'i'), true),
  // A court's press summary's closing note: the summary is no part of the judgment, which alone is authoritative.
  // A court's slip opinion as its text keeps it (the US Supreme Court's): its running heads ("(Slip Opinion) OCTOBER TERM, 2026
  // 1", "Cite as: 603 U. S. ____ (2026)"), the note that its syllabus is no part of the opinion, the labels over its parts
  // ("Syllabus", "Opinion of the Court"), the court's name and the case's road there in capitals ("SUPREME COURT OF THE UNITED
  // STATES", "CERTIORARI TO THE UNITED STATES COURT OF APPEALS FOR …"), and its docket line ("No. 25–481. Argued October 8,
  // 2026—Decided December 4, 2026", which dates it, credits.ts). Capitals as printed: "The court of appeal ruled …" is a sentence.
  cue('notice', 3, 'court running head', /^(?:\(Slip Opinion\)\s+)?OCTOBER TERM,\s*\d{4}(?:\s+\d{1,4})?$|^Cite as:\s+\d{1,4}\s+U\.\s?S\.\s+[_\d]+\s*\(\d{4}\)(?:\s+\d{1,4})?$/, true),
  cue('notice', 3, 'court summary note', /\b(?:syllabus|headnote)\b[^.]{0,120}\bwill be released\b|\bconstitutes no part of the opinion of the court\b/i),
  cue('credit', 3, 'court document label', /^(?:Syllabus|SYLLABUS|Opinion of the Court|OPINION OF THE COURT|Per Curiam|PER CURIAM)$/, true),
  cue('credit', 3, 'court header', /^(?:THE\s+)?(?:[A-Z]+\s+){0,3}COURT(?:\s+OF(?:\s+(?:THE|[A-Z]+)){1,6})?$|^(?:ON\s+(?:WRIT\s+OF\s+)?)?(?:CERTIORARI|APPEAL|PETITION FOR [A-Z ]{3,40})\s+(?:TO|FROM)\s+THE\s+[A-Z ,.'’-]{5,140}$/, true),
  cue('credit', 3, 'court docket line', /^Nos?\.\s+\d{1,4}[–-]\d{1,6}(?:,?\s+(?:and\s+)?\d{1,4}[–-]\d{1,6})*\.\s+(?:Argued|Submitted|Decided)\b[^!?]{0,160}$/, true),
  cue('notice', 3, 'court summary note', /^this (?:press )?summary is (?:provided|intended|given|issued) (?:to (?:help|assist)|as an aid)\b|^(?:it|this (?:press )?summary|this (?:note|document)) (?:does|do) not form (?:any )?part of the (?:reasons for the )?(?:decision|judgment|ruling|court['’]s (?:decision|judgment|reasons))\b|\bthe (?:full )?judgment(?: of the court)? is the only authoritative (?:document|version|text)\b/i),
  // An attached file's details, as a page lists its documents ("PDF, 1.2 MB, 48 pages", "(DOCX, 85 KB)"), and a government
  // page's note under them ("This file may not be suitable for users of assistive technology.", "Request an accessible format.").
  cue('notice', 3, 'file details', /^\(?\s*(?:pdf|docx?|xlsx?|odt|ods|odp|csv|rtf|epub|pptx?|zip|html)\s*,\s*\d+(?:[.,]\d+)?\s*(?:[kmg]i?b|bytes)(?:\s*,\s*\d+\s*pages?)?\s*\)?\.?$/i, true),
  cue('notice', 3, 'file details', /^(?:this file (?:may not|might not) be suitable for users of assistive technology|request an accessible format|if you use assistive technology[^.!?]{0,80}?(?:request|ask for) (?:a|an) (?:different|accessible) format)\.?$/i, true),
  // A release's contacts label, or its list's own labels alone on a line ("Contacts", "Investors:", "Media:").
  cue('notice', 3, PRESS_CONTACT, /^(?:(?:(?:media|press|investor|news)(?: and (?:media|investor|analyst))?|(?:general )?public) (?:contacts?|enquiries|inquiries|relations|office)(?=\s*(?:[:\-–—]|$))|for (?:further|more) (?:information|details),? (?:please )?contact\b|contacts\s*:?\s*$|(?:investors?|media|press|analysts?)\s*:\s*$)/i, true),
  // An e-mail address or phone number alone or after a short label, or a contact's name then their number ("Jo Doe, 860-555-0192").
  // …or a contact's name with their number, as a release's contacts list or its header gives it ("Arianna Podestà (+32 2 298
  // 70 24)", "Contact: Jane Doe (202) 225-1234", "Media: Jo Doe jo@acme.example"). One pattern: no literal promises either (needles.ts).
  cue('notice', 3, 'contact details', new RegExp(String.raw`^(?:(?:e-?mail|tel(?:ephone)?|phone|mobile|mob|t|m|e)\s*[:.]?\s*|[a-z][a-z -]{1,24}:\s*|[a-z][a-z'’.-]+(?:\s+[a-z][a-z'’.-]+){1,3},\s*(?:tel\.?:?\s*)?(?=\+?\d[\d ().-]{6,}\d\s*$))?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\(?\+?\d[\d ().-]{6,}\d(?:\s*\([a-z]{2,5}\))?)\s*$|^(?:[A-Za-z][A-Za-z -]{1,24}:\s*)?[^\d\s(),:;@]+(?:\s+[^\d\s(),:;@]+){1,3}\s*(?:\(\s*${PHONE}\s*\)|,?\s*\(?${PHONE}|,?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+)(?:\s*[,;]\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|${PHONE})){0,2}$`, 'i'), true),
  // A regulatory notice's preamble fields as a page sets them, each label a heading over its value ("AGENCY:" over
  // "Environmental Protection Agency (EPA).", "FOR FURTHER INFORMATION CONTACT:" over a name and numbers): the label takes its
  // section. Its "SUMMARY:" and "DATES:" are the news, and stay.
  cue('notice', 3, BOILERPLATE_LABEL, /^(?:AGENCY|AGENCIES|ACTION|ADDRESSES|FOR FURTHER INFORMATION CONTACT)\s*:?$/, true),
  // An earnings release's note on the measures it uses ("Non-GAAP Financial Measures", "Use of Non-IFRS Measures").
  cue('notice', 3, BOILERPLATE_LABEL, /^(?:(?:use|definitions?|reconciliation) of )?non-(?:gaap|ifrs)(?: financial)? (?:measures?|information|metrics)\s*[.:]?$/i, true),
  cue('notice', 3, BOILERPLATE_LABEL, /^(?:(?:About|ABOUT|about) (?:the authors?|us|(?:\p{Lu}[\p{L}\p{N}&.'’-]*)(?:,? (?:\p{Lu}[\p{L}\p{N}&.'’-]*|of|and|for|the|&|plc|ltd|inc\.?)){0,6})|[Nn]otes? (?:to|for) [Ee]ditors|NOTES? (?:TO|FOR) EDITORS|[Ee]ditors?['’]? [Nn]otes?|(?:[Ff]orward[- ][Ll]ooking|[Ss]afe [Hh]arbou?r) [Ss]tatements?|FORWARD[- ]LOOKING STATEMENTS?|[Ff]or (?:more|further) information|(?:[Cc]ite|CITE) (?:this|THIS) (?:[Rr]eport|[Aa]rticle|[Pp]aper|[Pp]ublication|[Pp]age|[Bb]riefing|[Pp]ost|REPORT|ARTICLE|PAPER|PUBLICATION)|(?:[Hh]ow to cite|HOW TO CITE)(?: (?:this|THIS) [A-Za-z]+)?|[Ss]uggested [Cc]itation|SUGGESTED CITATION|(?:[Aa]lso|ALSO) (?:[Tt]his [Ww]eek|[Tt]oday|[Ii]n [Tt]his [Ii]ssue|THIS WEEK|IN THIS ISSUE)|[Ee]lsewhere(?: [Tt]his [Ww]eek)?|ELSEWHERE|[Ii]n [Oo]ther [Nn]ews|IN OTHER NEWS|[Dd]ates [Ff]or [Yy]our [Dd]iary|DATES FOR YOUR DIARY|[Uu]pcoming [Ee]vents|UPCOMING EVENTS|[Ww]hat [Ww]e['’]re [Rr]eading|WHAT WE['’]RE READING|(?:[Cc]onference [Cc]all|[Ee]arnings [Cc]all|[Ww]ebcast)(?: (?:[Ii]nformation|[Dd]etails|and [Ww]ebcast|[Aa]nd [Ww]ebcast [Ii]nformation))?|(?:CONFERENCE CALL|EARNINGS CALL|WEBCAST)(?: (?:INFORMATION|DETAILS|AND WEBCAST))?|(?:[Ww]as|[Ii]s) this (?:page|article|information|content) (?:useful|helpful)\??|[Tt]o contact the (?:reporters?|editors?|writers?|authors?)(?: responsible)?(?: (?:on|for|of) this (?:story|article|report))?|TO CONTACT THE (?:REPORTERS?|EDITORS?)(?: RESPONSIBLE)?(?: (?:ON|FOR|OF) THIS STORY)?)\s*:?\s*$/u, true),
  // A release's closing lines: "SOURCE Acme Therapeutics, Inc." (a wire's tag, in capitals); a live story's promise to update.
  cue('notice', 3, 'release source tag', /^SOURCE\s+\p{Lu}[^.!?]{1,80}\.?$/u, true),
  // A correction or clarification appended to the article ("Correction: An earlier version of this article said …",
  // "This article was amended on 18 November 2026. An earlier version said …"): about the article, whose text is already
  // corrected. "An earlier version of the report …" (a document the story is about) is the news's own.
  cue('notice', 3, 'correction note', /^(?:corrections?|clarifications?|corrections? (?:and|&) clarifications?|amendment)\s*(?:[:—–-]|\(\d)|^an earlier version(?: of this (?:article|story|report|piece|post|page))? (?:said|stated|misstated|wrongly|incorrectly|gave|named|referred|reported|misidentified|misspelled|misquoted|omitted|included)\b|\ban earlier version of this (?:article|story|piece|post)\b|^this (?:article|story|report|piece|post) (?:was|has been) (?:amended|corrected) (?:on|to|since|after)\b/i),
  // An interview's or a transcript's editing note on a line of its own ("This interview has been edited for length and
  // clarity."). Glued to the interview's introduction it stays with it, and summarise leaves it out (candidates.ts).
  cue('notice', 3, 'editing note', /^(?:(?:editor['’]s )?note:\s*)?(?:(?:this|the) (?:interview|conversation|transcript|q&a|exchange|discussion)s? (?:has|have) been|(?:answers|responses|remarks|questions and answers) (?:have been|were)) (?:lightly )?(?:edited|condensed|shortened)(?: and (?:condensed|edited))?(?: for (?:length|clarity|brevity|space|readability)(?: and (?:length|clarity|brevity|space|readability))?)?\s*[.]?$/i, true),
  cue('notice', 3, 'update notice', /\b(?:will|we'll|we will) (?:continue to )?update (?:this|the) (?:story|article|report|page|post)\b|\bthis (?:story|article|report) (?:will be|is being|has been) updated\b|\b(?:we['’]ll|we will) (?:bring|keep) you (?:all )?(?:the latest|up to date|updated|posted)\b/i),
  // A live blog's welcome ("Good morning and welcome to our live coverage of Storm Bronagh.").
  cue('promo', 2.5, 'live-blog welcome', /\bwelcome (?:back )?to (?:our|the|this) (?:rolling |continuing )?(?:live (?:coverage|blog|updates|reporting)|coverage|live)\b/i),
  // A newsletter's greeting on a line of its own ("Hi friends,", "Hello everyone!").
  cue('promo', 3, 'newsletter greeting', /^(?:hi|hey|hello|dear|good (?:morning|evening)),? (?:friends|everyone|all|folks|readers|subscribers|there|y['’]all)\s*[,!.]?$/i, true),
  // A newsletter's opening line, its greeting then what the issue holds ("Good morning. Here's what you need to know
  // today.", "Welcome to Tuesday's briefing: here are the stories that matter."): about the e-mail, not the news.
  cue('promo', 3, 'newsletter greeting', /^(?:(?:hi|hey|hello|good (?:morning|afternoon|evening))(?:,? (?:friends|everyone|all|folks|readers|there))?[,.!]\s+)?(?:(?:welcome to|this is) (?:\w+['’]s |the |your |our )?(?:\w+ )?(?:briefing|newsletter|edition|digest|brief|round-?up)\b[^.!?]{0,60}[.!:]\s*)?(?:here(?:['’]s| is| are) (?:what you need to know|what['’]s (?:happening|making (?:the )?news)|(?:the|today['’]s) (?:top |main |biggest )?(?:stories|headlines|news)(?: (?:that matter|you need to know))?)(?: (?:today|this (?:morning|evening|week)))?)\s*[.!:]?$/i, true),
  cue('notice', 2.5, 'site-use notice', /\bby (continuing|using|browsing)( to (use|browse))? (this|our) (site|website|service)\b|\bthis (site|website) uses\b/i),
  cue('notice', 2, 'terms small print', /\bterms (of (use|service)|and conditions|& conditions)\b/i),
  cue('notice', 3, 'browser notice', /\b(enable|turn on) javascript\b|\bjavascript (is )?(disabled|required)\b|\bad ?blocker\b|\b(update|upgrade) your browser\b/i),

  // Other languages: the same furniture as publishers word it in French, German, Spanish, Italian, Portuguese and Dutch —
  // labels over related links, reading time, subscriber-only notices, subscription and sign-up calls, share bars, rights
  // notices, consent buttons and time stamps. Whole phrases a news sentence does not say; a word English shares
  // ("newsletter", "cookies", "Facebook") is a cue above already. An accented word ends in a look-ahead, not `\b`: without
  // the `u` flag `\b` knows ASCII letters only, and the patterns stay without it so that their literals prefilter them.
  cue('navigation', 3, NAVIGATION_LABEL, /^(?:à |a )?(?:lire (?:aussi|également|la suite)|voir aussi|sur le même sujet|dans la même rubrique|(?:les )?(?:articles )?les plus lus|articles? (?:liés|similaires|associés)|vous aimerez aussi|vous (?:pourriez|pouvez|pourrez) aussi aimer|leggi anche|vedi anche|(?:ti )?potrebbe interessar(?:ti|e)|articoli correlati|notizie correlate|(?:i )?più letti|continua a leggere|le[ea] también|leer más|seguir leyendo|te puede interesar|le puede interesar|(?:noticias|artículos) relacionad[oa]s|lo más leído|(?:las )?más leídas)(?![a-zà-ÿ])\s*(?:[:|›»>–—-]|$)/i, true),
  cue('navigation', 3, NAVIGATION_LABEL, /^(?:lesen sie (?:auch|mehr|hier)|mehr zum thema|(?:das )?könnte sie auch interessieren|auch interessant|weiterlesen|weitere artikel|verwandte (?:artikel|themen)|ähnliche artikel|meistgelesen(?:e artikel)?|zum thema|mehr dazu|leia (?:também|mais)|veja (?:também|mais)|saiba mais|continue lendo|continuar a ler|(?:notícias|artigos) relacionad[oa]s|(?:as )?mais lidas|lees (?:ook|meer|verder)|bekijk ook|zie ook|meest gelezen|gerelateerde artikelen|meer over dit onderwerp)(?![a-zà-ÿ])\s*(?:[:|›»>–—-]|$)/i, true),
  cue('navigation', 3, 'reading-time label', new RegExp(String.raw`^${OTHER_READING_TIME}$`, 'i'), true),
  // The same after a related link's label: "Lire aussi : <headline>" (English's "Read more:" is two cues, label and link).
  cue('navigation', 1.5, 'read-more link', /^(?:à |a )?(?:lire (?:aussi|également|la suite)|voir aussi|lesen sie (?:auch|mehr)|weiterlesen|mehr zum thema|lee también|leer más|seguir leyendo|leggi anche|vedi anche|continua a leggere|leia (?:também|mais)|veja também|saiba mais|continue lendo|lees (?:ook|meer|verder)|bekijk ook)(?![a-zà-ÿ])\s*[:|›»>–—-]\s*\S/i),
  // "Article réservé aux abonnés" on a line of its own is the notice; in a paragraph, one cue among others (a story may say it).
  cue('banner', 2, 'subscriber-only notice', /(?:réservée?s? aux abonnés|(?:nur|exklusiv) für (?:abonnenten|abonnentinnen)|exclusiv[oa] para (?:suscriptores|abonados|assinantes)|riservat[oa] (?:agli|ai) abbonati|alleen voor abonnees)(?![a-zà-ÿ])/i),
  cue('banner', 3, 'subscriber-only notice', /^[^.!?]{0,40}(?:réservée?s? aux abonnés|(?:nur|exklusiv) für (?:abonnenten|abonnentinnen)|exclusiv[oa] para (?:suscriptores|abonados|assinantes)|riservat[oa] (?:agli|ai) abbonati|alleen voor abonnees)[^.!?]{0,20}[.!]?$/i, true),
  cue('banner', 2, 'paywall pitch', /\b(?:pour (?:continuer à|poursuivre la) lecture|pour continuer à lire|pour lire la suite|um (?:weiter)?zulesen|um (?:den|diesen) artikel (?:weiter |vollständig )?(?:zu )?lesen|para (?:seguir|continuar) leyendo|per continuare a leggere|para continuar (?:lendo|a ler)|om verder te lezen|lire sans limite|(?:lesen sie )?unbegrenzt lesen|lee sin límites|leggi senza limiti|leia sem limites|onbeperkt lezen)(?![a-zà-ÿ])/i),
  cue('promo', 2, 'subscription call', /\b(?:abonnez[- ]vous|je m['’]abonne|jetzt abonnieren|abonnieren sie|suscr[ií]bete|suscr[ií]base|abbonati (?:ora|subito|adesso|a)|assine (?:já|agora)|abonneer (?:je|nu)|word abonnee)(?![a-zà-ÿ])/i),
  cue('promo', 2, 'sign-up call', /\b(?:inscrivez[- ]vous|inscris[- ]toi|melden sie sich (?:jetzt )?(?:an|für)|jetzt (?:anmelden|registrieren)|reg[ií]strate|apúntate|iscriviti|inscreva[- ]se|cadastre[- ]se|meld je (?:nu )?aan|schrijf je (?:nu )?in)(?![a-zà-ÿ])/i),
  cue('promo', 1.5, 'newsletter', /\b(?:boletín|nieuwsbrief)/i),
  cue('share', 3, 'share call', new RegExp(`\\b(?:(?:partager|teilen|compartir|condividi|compartilhar|partilhar|delen) (?:sur|auf|en|su|no|na|op|via|per|por) (?:${PLATFORMS}|e-?mail)|(?:auf|per|bei) (?:${PLATFORMS}|e-?mail) teilen)\\b`, 'i')),
  cue('share', 2.5, 'copy-link control', /\b(?:copier le lien|lien copié|link kopieren|link kopiert|copiar (?:el |o )?(?:enlace|link)|enlace copiado|link copiado|copia (?:il )?link|link copiato|kopieer (?:de )?link|envoyer par e-?mail|per e-?mail (?:senden|versenden|teilen)|enviar por (?:e-?mail|correo)|invia per e-?mail)(?![a-zà-ÿ])/i),
  cue('navigation', 3, 'player or widget placeholder', /^(?:partager|teilen|compartir|condividi|compartilhar|delen|imprimer|drucken|imprimir|stampa|afdrukken|sauvegarder|speichern|merken|guardar|salva|opslaan|écouter(?: cet article)?|(?:artikel )?anhören|escuchar|ascolta|ouvir|beluisteren|s['’]abonner|abonnieren|suscribirse|assinar|abonneren|commenter|kommentieren|comentar|commenta|reageren)\s*[.:…]*$/i, true),
  cue('notice', 3, 'legal notice', /(?:tous droits réservés|alle rechte vorbehalten|todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados|alle rechten voorbehouden)/i, true),
  cue('notice', 3, CONSENT_CONTROL, /^(?:tout (?:accepter|refuser)|accepter(?: et fermer| tout| les cookies)?|refuser(?: tout)?|continuer sans accepter|paramétrer les cookies|alle (?:akzeptieren|ablehnen)|akzeptieren|ablehnen|einstellungen(?: verwalten)?|aceptar(?: todo| todas| cookies)?|rechazar(?: todo| todas)?|configurar(?: cookies)?|accetta(?: tutto| tutti)?|rifiuta(?: tutto| tutti)?|aceitar(?: todos| tudo)?|rejeitar(?: todos| tudo)?|alles (?:accepteren|weigeren)|accepteren|weigeren)\s*[.:]?$/i, true),
  // "Publié le 3 décembre 2026 à 14h05", "Aktualisiert am 03.12.2026, 14:05 Uhr", "Stand: 03.12.2026", "Publicado el martes, 3 de diciembre",
  // "Publié le 03 déc. 2026" (a month's abbreviation its only full stop).
  // "Publié le 3 décembre 2026 à 18h04 · Lecture 3 min." (a reading time after it).
  cue('credit', 3, 'time stamp', new RegExp(String.raw`^${OTHER_STAMP_LABEL}\s*(?:\d|[a-zà-ÿ]{3,12}\.?,?\s+\d)(?:[^.!?]|\d\.\d|\b\d{1,2}\.\s|\b${OTHER_MONTH}\.\s){0,80}?(?:\s*[·•|–-]\s*${OTHER_READING_TIME})?$`, 'i'), true),
  // Topic labels over a page's tags ("Archivado En", "Mehr lesen über", "Mots-clés"): the tags go with them.
  cue('navigation', 3, NAVIGATION_LABEL, /^(?:archivado en|mehr (?:lesen )?über|mots[- ]clés|schlagwörter|palabras clave|etiquetas|parole chiave|palavras[- ]chave|trefwoorden)(?![a-zà-ÿ])\s*(?:[:|›»>–—-]|$)/i, true),
  // "Foto: Michael Kappeler/dpa", "Bild: Keystone", "Crédit photo : Reuters".
  cue('credit', 3, 'image credit', /^\(?\s*(?:foto(?:grafía|grafia|s)?|bild(?:er)?|grafik|imagen|immagine|imagem|afbeelding|beeld|crédits? photo|photo)\s*:/i, true),
  // A page's controls: give, save, listen ("Offrir cet article", "Zur Merkliste hinzufügen", "Artikel anhören • 4 Min").
  cue('navigation', 3, 'player or widget placeholder', /^(?:offrir cet article|artikel verschenken|regalar (?:este )?artículo|regala (?:questo )?articolo|presentear (?:este )?artigo|zur merkliste(?: hinzufügen)?|ajouter à (?:mes|vos) (?:sélections|favoris)|añadir a (?:mis )?favoritos|aggiungi ai preferiti|adicionar aos favoritos|bewaar(?: artikel)?|artikel anhören|ascolta(?: l['’]articolo)?|escuchar(?: (?:el|este) artículo)?|ouvir(?: (?:o|este) artigo)?|luister(?: naar dit artikel)?)(?:\s*[•·|(:]\s*\d+\s*min\.?\)?)?\s*[.:…]*$/i, true),
  cue('navigation', 3, 'ad placeholder', /^(?:anzeige|werbung|gesponsert|publicité|contenu sponsorisé|publicidad|patrocinado|pubblicità|sponsorizzato|publicidade|advertentie|gesponsord)\s*[.:…]*$/i, true),
  cue('notice', 2.5, 'site-use notice', /(?:nous utilisons des cookies|ce site utilise des cookies|en poursuivant votre navigation|wir (?:verwenden|nutzen) cookies|diese (?:website|seite|webseite) (?:verwendet|nutzt) cookies|durch die weitere nutzung|(?:utilizamos|usamos) cookies|este (?:sitio|site) (?:web )?(?:utiliza|usa) cookies|si contin[uú]a navegando|utilizziamo (?:i )?cookie|questo sito (?:utilizza|usa) (?:i )?cookie|continuando (?:la|a) navega|(?:wij|we) gebruiken cookies|deze (?:website|site) gebruikt cookies)/i),
  cue('notice', 3, COMMENTS_LABEL, /^(?:(?:\d[\d.,]* )?(?:commentaires?|kommentare?|comentarios?|commenti|comentários?|reacties?)(?: \(\d[\d.,]*\))?|(?:laisser|écrire|ajouter) un commentaire|kommentar (?:schreiben|verfassen)|(?:deja|escribe|añade) (?:un|tu) comentario|(?:lascia|scrivi) un commento|deixe (?:um|seu) comentário|(?:plaats|schrijf) een reactie)\s*:?$/i, true),
  cue('notice', 3, COMMENT_CONTROL, /^(?:répondre|signaler(?: un abus| ce commentaire)?|antworten|kommentar melden|responder|denunciar|rispondi|segnala|reageer|beantwoorden)\s*[.:]?$/i, true),
  // A newsletter's link to its web copy, why it was sent and how to stop it ("Voir la version en ligne", "Im Browser ansehen",
  // "Vous recevez cet e-mail car …", "Se désinscrire").
  // (In three cues: one pattern for all six languages had more literals than the prefilter tracks.)
  cue('navigation', 3, 'email view link', /^(?:voir (?:la version (?:en ligne|web|navigateur)|(?:cet |l['’])e-?mail dans (?:votre|le) navigateur)|afficher dans (?:le|votre) navigateur|version (?:en ligne|web)|(?:diese )?(?:e-?mail |newsletter )?im browser (?:ansehen|anzeigen|öffnen|lesen)|online (?:ansehen|lesen)|webversion)\s*[.:]?$/i, true),
  cue('navigation', 3, 'email view link', /^(?:ver (?:en (?:el|tu|su) navegador|(?:la )?versión (?:web|online|en línea)|no navegador|(?:a )?versão (?:web|online))|versión web)\s*[.:]?$/i, true),
  cue('navigation', 3, 'email view link', /^(?:visualizza (?:nel|sul|in) browser|(?:vedi la )?versione (?:web|online)|(?:bekijk|open) (?:deze (?:e-?mail|nieuwsbrief) )?in (?:je|uw|de) browser|webversie)\s*[.:]?$/i, true),
  cue('notice', 3, 'email small print', /^(?:vous recevez (?:cet|ce) (?:e-?mail|courriel|message)|sie erhalten diese (?:e-?mail|nachricht|newsletter)|(?:recibes|recibe|has recibido|ha recibido) este (?:correo|e-?mail|mensaje|boletín)|(?:ricevi|hai ricevuto) questa (?:e-?mail|mail|newsletter)|(?:você )?(?:recebe|recebeu) este (?:e-?mail|email)|(?:je|u) ontvangt deze (?:e-?mail|nieuwsbrief))/i),
  cue('promo', 2, 'unsubscribe small print', /(?:se désinscrire|désinscription|désabonnement|se désabonner|vous désabonner|abmelden|abbestellen|darse de baja|darte de baja|cancelar (?:la )?suscripción|annulla (?:l['’])?iscrizione|disiscriviti|cancelar (?:a )?inscrição|descadastrar|afmelden|uitschrijven)(?![a-zà-ÿ])/i),
  // A press release's label, contacts, end mark and boilerplate labels ("Communiqué de presse", "Pressekontakt", "ENDE",
  // "Über die Beispiel AG"); an embargo's ("Sperrfrist: 3. Dezember 2026, 10:00 Uhr").
  cue('notice', 3, PRESS_RELEASE_LABEL, /^(?:[^.!?|–—-]{2,60}?\s[-–—|]\s)?(?:communiqué(?: de presse)?|pressemitteilung|presseinformation|pressemeldung|nota de prensa|comunicado(?: de prensa| de imprensa)?|comunicato(?: stampa)?|nota (?:à|para a) imprensa|persbericht)\s*[.:]?$|^(?:sperrfrist|embargo (?:jusqu['’]au|hasta|fino al?|até|tot))\b(?:[^.!?]|\d\.){0,60}$/i, true),
  cue('notice', 3, PRESS_CONTACT, /^(?:contacts? (?:presse|médias?)|pressekontakt|medienkontakt|pressestelle|ansprechpartner(?:in)?(?: für (?:die )?(?:presse|medien))?|contactos? (?:de|para) (?:prensa|imprensa|medios)|contatti? (?:stampa|per la stampa)|ufficio stampa|perscontact|persvoorlichting|voor meer informatie)\s*:?$/i, true),
  cue('notice', 3, END_OF_RELEASE, /^(?:FIN|ENDE|EINDE|-\s*(?:FIN|Fin|fin|ENDE|Ende|ende|FINE|Fine|EINDE|Einde)\s*-)$/, true),
  // ("Über" a name: capitalised words and a name's small words, no more — German capitalises every noun, and "Über den
  // Haushalt wird abgestimmt" is a headline.)
  cue('notice', 3, BOILERPLATE_LABEL, /^(?:[ÀA] propos (?:de |d['’]|du |des |de la |de l['’])|À PROPOS DE |Über (?:die |den |das )?|ÜBER |Acerca de |ACERCA DE |Sobre (?:el |la |los |las |o |a )?|A proposito di |Informazioni su )[A-ZÀ-Ý][\wÀ-ÿ&.'’-]*(?:\s+(?:[A-ZÀ-Ý][\wÀ-ÿ&.'’-]*|&|und|et|y|e|de|del|di|du|des|der|von|van)){0,5}\s*:?$|^(?:[Nn]otes? aux rédactions|[Hh]inweise? für (?:die )?[Rr]edaktionen?|[Nn]otas? para (?:los )?(?:editores|redactores)|[Nn]ote per i redattori|[Nn]oot voor de redactie)\s*:?$/, true),
  // "Madrid, 3 de diciembre de 2026", "Berlin, 3. Dezember 2026, 14:05 Uhr", "mardi 3 décembre 2026", "03 dic 2026 - 14:05 CET":
  // a date line (its day dates the article).
  cue('credit', 3, 'date line', OTHER_DATE_LINE, true),
];

/** News agencies and picture libraries that appear in credit lines. */
export const PICTURE_AGENCIES =
  /\b(getty( images)?|afp|reuters|ap( photo)?|associated press|pa (wire|media|images|archive)|shutterstock|alamy|epa(-efe)?|istock(photo)?|anadolu|sopa images|nurphoto|xinhua|bloomberg|rex features|zuma|dpa|ansa|efe|keystone|belga|anp|kyodo)\b/i;

export const PLATFORM_NAMES = new RegExp(`\\b(${PLATFORMS}|email|e-mail|print|copy link|sms)\\b`, 'gi');

/** Second person outside quotes: marketing talks to the reader, news reports about others. */
export const SECOND_PERSON = /\b(you|your|yours|yourself|yourselves|you['’](ll|re|ve|d))\b/gi;

/** First person plural outside quotes: the outlet talking about itself. "US" (the country) is upper case and excluded. */
export const FIRST_PERSON_PLURAL = /\b([Ww]e|[Oo]urs?|[Oo]urselves|[Ww]e['’](ll|re|ve|d)|us)\b/g;

/**
 * Imperative openings of calls to action: a verb followed by who or what it is
 * asked of. Verbs that are also common nouns or reporting verbs ("Support for
 * the plan grew", "Share prices fell", "Help arrived") need an unmistakable
 * object ("Support us", "Share this", "Help us").
 */
export const IMPERATIVE_START = new RegExp(
  '^(?:' +
    "(click|tap|sign up|subscribe|download|install|donate|register|join|follow|scan|sign in|log in|check out|grab|claim|unlock|upgrade|discover|explore|listen|enter|contribute|become|don['’]t miss|never miss)\\b\\s*(us|our|the|this|these|now|here|today|up|in|out|more|a|an|your|for|on|to|with|free|it|below|all)\\b" +
    '|' +
    "(support|share|help|watch|read|get|visit|try|start|stay|find out|learn|like|give|tell|send|email|contact)\\b\\s*(us|our|now|today|here|this|these|your|more|it|below)\\b" +
    ')',
  'i',
);

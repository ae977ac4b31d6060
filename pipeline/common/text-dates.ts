/**
 * Dates stated in an article's text: a dateline ("LONDON, March 18 (Reuters) -",
 * "WASHINGTON (AP) — …" has none) or a date line near the top ("Tuesday 18
 * March 2025", "May 03, 2013", "Published: 18/03/2025" is not read — numeric
 * day/month order is ambiguous). Only the opening of the article is read: a
 * date further down is usually about something else ("signed on 4 July 1997").
 * Relative weekdays ("on Tuesday") are resolved later against the story.
 */
import { addDays, isCalendarDay } from './dates.ts';
import type { Paragraph } from '../types.ts';

export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** A month's name or abbreviation, as a capturing group (its number: `monthNumber`); clean's date-line cue uses it too. */
export const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const WEEKDAY = String.raw`(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?`;

/**
 * Months as French, German, Spanish, Italian, Portuguese and Dutch write them, in full and cut short ("déc.", "Dez.",
 * "dic"), by number (English: MONTH; names English shares, "april", "nov", are read there). Read only in a whole date, a
 * day before and a year after, where "ago", "set" or "out" cannot be English words.
 */
const OTHER_MONTHS: readonly (readonly string[])[] = [
  ['janvier', 'januar', 'jänner', 'enero', 'gennaio', 'janeiro', 'januari', 'janv', 'ene', 'gen'],
  ['février', 'fevrier', 'februar', 'febrero', 'febbraio', 'fevereiro', 'februari', 'févr', 'fév', 'fevr', 'febr', 'fev'],
  ['mars', 'märz', 'marzo', 'março', 'maart', 'mär', 'mrt'],
  ['avril', 'abril', 'aprile', 'avr', 'abr'],
  ['mai', 'mayo', 'maggio', 'maio', 'mei', 'mag'],
  ['juin', 'juni', 'junio', 'giugno', 'junho', 'giu'],
  ['juillet', 'juli', 'julio', 'luglio', 'julho', 'juil', 'lug'],
  ['août', 'aout', 'agosto', 'augustus', 'ago'],
  ['septembre', 'septiembre', 'settembre', 'setembro', 'set'],
  ['octobre', 'oktober', 'octubre', 'ottobre', 'outubro', 'okt', 'ott', 'out'],
  ['novembre', 'noviembre', 'novembro'],
  ['décembre', 'decembre', 'dezember', 'diciembre', 'dicembre', 'dezembro', 'déc', 'dez', 'dic'],
];
const OTHER_MONTH_NUMBER = new Map(OTHER_MONTHS.flatMap((names, i) => names.map((name) => [name, i + 1] as const)));
/** Every month name and abbreviation in those languages (dedupe's name finder takes none of them for a name). */
export const OTHER_MONTH_WORDS: readonly string[] = [...OTHER_MONTH_NUMBER.keys()];
const OTHER_MONTH_NAMES = OTHER_MONTH_WORDS.join('|');
/** Any of those names, not captured (clean's date-line cue uses it). */
export const OTHER_MONTH = `(?:${OTHER_MONTH_NAMES})`;
/**
 * A date in those languages, day first: "3 décembre 2026", "1er janvier 2027", "3. Dezember 2026", "3 de diciembre de
 * 2026", "1º de maio de 2026", "03 déc. 2026", "3. Dez. 2026". Groups: day, month, year.
 */
const OTHER_SPELLED_DATE = String.raw`(\d{1,2})(?:\.|er|º|°)?\s+(?:de\s+)?(${OTHER_MONTH_NAMES})\.?,?\s+(?:de\s+|del\s+)?(\d{4})`;
const OTHER_FULL_DATE = new RegExp(String.raw`(?<![\p{L}\d])${OTHER_SPELLED_DATE}(?![\p{L}\d])`, 'iu');
/**
 * A time stamp's label in those languages, with its preposition: "Publié le", "Mis à jour le", "Aktualisiert am", "Stand:",
 * "Publicado el", "Pubblicato il", "Atualizado em", "Gepubliceerd op". (English's: TIME_STAMP_LINE in clean's lexicon.)
 */
export const OTHER_STAMP_LABEL = String.raw`(?:(?:publié|mis à jour|modifié|actualisé|veröffentlicht|(?:zuletzt )?aktualisiert|geändert|publicado|actualizado|modificado|pubblicato|aggiornato|atualizado|gepubliceerd|(?:laatst )?bijgewerkt)(?:\s+(?:le|am|um|el|il|em|op|à|a las|alle|às))?\s*:?|stand\s*:)`;
const OTHER_STAMP = new RegExp(String.raw`^\s*${OTHER_STAMP_LABEL}\s*`, 'i');
/**
 * A day in numbers after such a label: day first ("03.12.2026", "03/12/2026"), as every one of those languages writes it. (In
 * English "03/12/2026" may be either order, and is not read.)
 */
const DAY_FIRST_DATE = /(?<![\d./])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?![./]?\d)/;

/** The day a time stamp in another language states ("Aktualisiert am 03.12.2026, 14:05 Uhr" → 2026-12-03), or null. */
export function otherLanguageStampDay(text: string): string | null {
  const label = OTHER_STAMP.exec(text);
  if (!label) return null;
  const rest = text.slice(label[0].length);
  const spelled = firstFullDate(rest);
  if (spelled) return spelled;
  const numeric = DAY_FIRST_DATE.exec(rest);
  if (!numeric) return null;
  const [day, month, year] = [Number(numeric[1]), Number(numeric[3]), Number(numeric[4])];
  return valid(year, month, day) ? toIso(year, month, day) : null;
}

/** A day stated in the text; `year` is null when the text gives only day and month (a dateline usually does). */
export interface TextDate {
  year: number | null;
  month: number;
  day: number;
  source: 'dateline' | 'text';
  /** The words the date was read from. */
  evidence: string;
}

/**
 * A date with its month spelled out and its year: "Nov 5, 2026", "5th of November 2026". Its groups are
 * the first six of every pattern built on it (nothing before it captures), read by `spelledDay`.
 */
const SPELLED_DATE = String.raw`(?:${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH},?\s+(\d{4}))`;

/** Year, month and day of a match of a pattern built on SPELLED_DATE (null when that part did not match). */
function spelledDay(m: RegExpExecArray): [year: number, month: number, day: number] | null {
  if (m[3]) return [Number(m[3]), monthNumber(m[1]), Number(m[2])];
  if (m[6]) return [Number(m[6]), monthNumber(m[5]), Number(m[4])];
  return null;
}

/**
 * "LONDON, March 18 (Reuters) -" / "Paris, 18 March 2025 (AFP) –" at the very start, and a newswire's release: "NEW YORK,
 * Nov. 18, 2024 /PRNewswire/ --", "NEW YORK--(BUSINESS WIRE)--Nov. 18, 2024--".
 */
const DATELINE = new RegExp(
  String.raw`^\s*[\p{Lu}][\p{L} .'’-]{1,40}?(?:,\s+|\s*-{1,2}\s*\([^)]{1,40}\)\s*-{1,2}\s*)${WEEKDAY}(?:${MONTH}\s+(\d{1,2})|(\d{1,2})\s+${MONTH})(?:,?\s+(\d{4}))?\s*(?:\([^)]{1,40}\))?\s*(?:\/\s*[\p{L}\p{N} .-]{2,30}\/\s*)?[-–—]`,
  'iu',
);
/**
 * A paragraph that is nothing but a date, perhaps with a weekday, time or "Published"/"Updated", or
 * after the place a release is issued from ("Brussels, 12 May 2025", "(Geneva, 14 May 2025)").
 */
const DATE_PARAGRAPH = new RegExp(
  String.raw`^\s*\(?(?:\p{L}[\p{L} .'’-]{1,30},\s+(?:\p{L}[\p{L}.]{1,12},\s+)?)?(?:(?:published|updated|posted|first published)(?:\s+on)?:?\s+)?${WEEKDAY}(?:${SPELLED_DATE}|(\d{4})-(\d{2})-(\d{2}))\b[^\p{L}]{0,30}(?:[ap]\.?m\.?)?[^\p{L}]{0,15}(?:\b[A-Z]{2,5}\b)?\s*$`,
  'iu',
);

/**
 * A dateline in another language, its place then its day, before the lead ("Madrid, 3 de diciembre de 2026. El Consejo …",
 * "Paris, 3 décembre 2026 (AFP) – …"). Groups: day, month, year.
 */
const OTHER_DATELINE = new RegExp(
  String.raw`^\s*\p{Lu}[\p{L} .'’-]{1,40}?,\s+(?:\p{L}{4,13},?\s+)?${OTHER_SPELLED_DATE}\s*(?:\([^)]{1,40}\))?\s*[.:–—-]`,
  'iu',
);

/**
 * The same in another language: a paragraph that is nothing but a date, after a place or a time stamp's label, perhaps with
 * its time ("Madrid, 3 de diciembre de 2026", "Publié le mardi 3 décembre 2026", "Berlin, 3. Dezember 2026, 14:05 Uhr",
 * "03 dic 2026 - 14:05 CET"). Groups: day, month, year.
 */
const OTHER_DATE_PARAGRAPH = new RegExp(
  String.raw`^\s*\(?(?:\p{L}[\p{L} .'’-]{1,30},\s+)?(?:${OTHER_STAMP_LABEL}\s*)?(?:\p{L}{4,13},?\s+)?${OTHER_SPELLED_DATE}(?![\p{L}\d])(?:(?:\s*[-–—|·]\s*|,?\s*(?:à|um|a las|alle|às|om)?\s*)\d{1,2}[:.h]\d{2}(?:\s*(?:uhr|\p{Lu}{2,5}))?)?[^\p{L}]{0,30}\s*$`,
  'iu',
);

/**
 * A wire convention at the start of a lead sentence that is not part of the news: a dateline
 * ("BALTIMORE — ", "KIEV, Ukraine — ", "WASHINGTON (Reuters) - ", "HULL, England, June 11 (Northern
 * Wire) - ", a press release's "LEEDS, March 4, 2026 /PRNewswire/ -- ", a UN one's "(Geneva, 14 May
 * 2025) – ", a newswire's "NEW YORK--(BUSINESS WIRE)--Nov. 18, 2024--") or an agency tag ("(AP) — "). Summaries and headlines leave it out; dedupe does not
 * count its words, which name the agency and the day rather than the event.
 */
const DATELINE_PREFIX =
  /^(?:\p{Lu}[\p{Lu}.'’ ]{1,30}(?:,\s*\p{Lu}[\p{L}.'’ ]{1,25})?\s*-{1,2}\s*\([\p{L}. ]{2,30}\)\s*-{1,2}\s*(?:\p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{L}{3,9},?\s+\d{4})\s*-{1,2}\s*|\([^()]{3,60}\b(?:19|20)\d{2}\)\s*[—–-]+\s+|\p{Lu}[\p{Lu}.'’ -]{1,30}(?:,\s*\p{Lu}[\p{L}.'’ ]{1,25})?,\s*(?:\p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{L}{3,9},?\s+\d{4})\s*(?:\/\s*[\p{L}\p{N} .-]{2,30}\/\s*)?[—–-]+\s+|\p{Lu}[\p{Lu}.'’ -]{1,30}(?:,\s*\p{Lu}[\p{L}.'’ ]{1,25})?\s*(?:\([\p{L}. ]{1,20}\)\s*)?[—–-]+\s+|\([\p{L}. ]{1,20}\)\s*[—–-]+\s+|\p{Lu}[\p{L}\p{N}.,'’ -]{1,40}\s\((?:\p{Lu}[\p{L}.]*\s?){1,3}\)\s*[—–-]*\s*(?=\p{Lu}))/u;

/** How many characters of `text` a dateline opening it takes (see DATELINE_PREFIX); 0 when none does. */
export function datelineLength(text: string): number {
  return DATELINE_PREFIX.exec(text)?.[0].length ?? 0;
}

/** A full date anywhere in a text: "Nov 5, 2026", "5th November 2026". */
const FULL_DATE = new RegExp(String.raw`(?<![\p{L}\d])${SPELLED_DATE}(?![\p{L}\d])`, 'iu');

/** The first full date (day, month name and year) a text states anywhere in it, as `YYYY-MM-DD`; null when none does. */
export function firstFullDate(text: string): string | null {
  const m = FULL_DATE.exec(text);
  const date = m ? spelledDay(m) : otherSpelledDay(OTHER_FULL_DATE.exec(text));
  if (!date) return null;
  const [year, month, day] = date;
  return valid(year, month, day) ? toIso(year, month, day) : null;
}

/** Year, month and day of a match of a pattern built on OTHER_SPELLED_DATE (its first three groups), or null. */
function otherSpelledDay(m: RegExpExecArray | null): [year: number, month: number, day: number] | null {
  if (!m?.[3]) return null;
  return [Number(m[3]), OTHER_MONTH_NUMBER.get(m[2]!.toLowerCase()) ?? 0, Number(m[1])];
}

/** A day and month without a year: "19 Nov", "Tue 19 November", "November 19th". */
const DAY_AND_MONTH = new RegExp(String.raw`(?<![\p{L}\d])(?:(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}|${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?)(?![\p{L}\d])`, 'iu');

/** The first day and month a text states (with or without a year: the caller places it), or null. */
export function firstDayAndMonth(text: string): { month: number; day: number } | null {
  const m = DAY_AND_MONTH.exec(text);
  if (!m) return null;
  const month = monthNumber(m[2] ?? m[3]);
  const day = Number(m[1] ?? m[4]);
  return valid(null, month, day) ? { month, day } : null;
}

/**
 * A wire dateline's agency: "KESTRELFORD, June 10 (Senn Valley Press) - …", "LONDON (Reuters) — …", "Brussels (AFP) - …", and
 * the agency alone where the story has no place ("(Bloomberg) -- Copper climbed …", "(CNN) — …").
 */
const DATELINE_AGENCY = /^(?:\p{Lu}[\p{L}.'’ -]{2,}[^()]{0,60})?\(([\p{Lu}][\p{L}\p{N}. &'’-]{1,29})\)\s*[-–—]/u;

/**
 * Where a dateline stands: the text of the article's first paragraph that is not a heading, or
 * `fallback` (its whole text) when it has no such paragraph.
 */
export function leadParagraph(paragraphs: readonly Pick<Paragraph, 'type' | 'text'>[], fallback: string): string {
  return paragraphs.find((p) => p.type !== 'heading')?.text ?? fallback;
}

/** The agency a dateline opening `text` names ("LONDON (Reuters) — …" → "Reuters"), or null. */
export function datelineAgencyName(text: string): string | null {
  return DATELINE_AGENCY.exec(text)?.[1]?.trim() ?? null;
}

function monthNumber(name: string | undefined): number {
  if (!name) return 0;
  const lower = name.toLowerCase().replace(/\.$/, '');
  return MONTHS.findIndex((m) => m.startsWith(lower.slice(0, 3))) + 1;
}

/** Paragraphs from the top in which a dateline is looked for. */
const DATELINE_REACH = 3;

/** The date an article's opening states, if any. `paragraphs` are its cleaned paragraphs, in order. */
export function dateFromText(paragraphs: readonly string[]): TextDate | null {
  // The lead's dateline, which a standfirst or a subheading may stand above ("Revenue up 24%; outlook raised" over
  // "NEW YORK, Nov. 18, 2024 /PRNewswire/ -- …").
  for (const lead of paragraphs.slice(0, DATELINE_REACH)) {
    const m = DATELINE.exec(lead);
    if (m) {
      const month = monthNumber(m[1] ?? m[4]);
      const day = Number(m[2] ?? m[3]);
      const year = m[5] ? Number(m[5]) : null;
      if (valid(year, month, day)) return { year, month, day, source: 'dateline', evidence: m[0].trim() };
    }
    const other = OTHER_DATELINE.exec(lead);
    const [year, month, day] = otherSpelledDay(other) ?? [0, 0, 0];
    if (other && valid(year, month, day)) return { year, month, day, source: 'dateline', evidence: other[0].trim() };
  }
  for (const paragraph of paragraphs.slice(0, 4)) {
    if (paragraph.length > 80) continue;
    const m = DATE_PARAGRAPH.exec(paragraph);
    if (!m) continue;
    const [year, month, day] = spelledDay(m) ?? [Number(m[7]), Number(m[8]), Number(m[9])];
    if (valid(year, month, day)) return { year, month, day, source: 'text', evidence: paragraph.trim() };
  }
  for (const paragraph of paragraphs.slice(0, 4)) {
    if (paragraph.length > 80) continue;
    const [year, month, day] = otherSpelledDay(OTHER_DATE_PARAGRAPH.exec(paragraph)) ?? [0, 0, 0];
    if (year > 0 && valid(year, month, day)) return { year, month, day, source: 'text', evidence: paragraph.trim() };
  }
  return null;
}

function valid(year: number | null, month: number, day: number): boolean {
  if (month < 1 || day < 1 || day > 31) return false;
  return isCalendarDay(toIso(year ?? 2024, month, day)); // 2024 is a leap year: 29 February stays possible
}

export function toIso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A month and day without a year, placed in the year that brings it nearest to `near` (`YYYY-MM-DD`). */
export function nearestYear(month: number, day: number, near: string): string | null {
  const year = Number(near.slice(0, 4));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const y of [year - 1, year, year + 1]) {
    const iso = toIso(y, month, day);
    if (!isCalendarDay(iso)) continue;
    const distance = Math.abs(Date.parse(iso) - Date.parse(near));
    if (distance < bestDistance) {
      bestDistance = distance;
      best = iso;
    }
  }
  return best;
}

/**
 * Weekdays as French, German, Spanish, Italian, Portuguese and Dutch name them, Sunday first (English: WEEKDAYS).
 * Portuguese only with "-feira": "segunda" alone is "second".
 */
const OTHER_WEEKDAYS: readonly (readonly string[])[] = [
  ['dimanche', 'sonntag', 'domingo', 'domenica', 'zondag'],
  ['lundi', 'montag', 'lunes', 'lunedì', 'segunda-feira', 'maandag'],
  ['mardi', 'dienstag', 'martes', 'martedì', 'terça-feira', 'dinsdag'],
  ['mercredi', 'mittwoch', 'miércoles', 'mercoledì', 'quarta-feira', 'woensdag'],
  ['jeudi', 'donnerstag', 'jueves', 'giovedì', 'quinta-feira', 'donderdag'],
  ['vendredi', 'freitag', 'viernes', 'venerdì', 'sexta-feira', 'vrijdag'],
  ['samedi', 'samstag', 'sonnabend', 'sábado', 'sabato', 'zaterdag'],
];
const OTHER_WEEKDAY_NUMBER = new Map(OTHER_WEEKDAYS.flatMap((names, i) => names.map((name) => [name, i] as const)));
/** Every weekday name in those languages (dedupe's name finder takes none of them for a name). */
export const OTHER_WEEKDAY_WORDS: readonly string[] = [...OTHER_WEEKDAY_NUMBER.keys()];
const WEEKDAY_NAME = new RegExp(String.raw`(?<![\p{L}])(?:(sun|mon|tues|wednes|thurs|fri|satur)day(?:['’]s)?|(${OTHER_WEEKDAY_WORDS.join('|')}))(?![\p{L}])`, 'giu');

/** Weekday names mentioned as days ("on Tuesday", "Monday night", "Tuesday's meeting"; "am Donnerstag", "jeudi"), with counts. */
export function mentionedWeekdays(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const m of text.matchAll(WEEKDAY_NAME)) {
    const index = m[1] ? WEEKDAYS.findIndex((d) => d.startsWith(m[1]!.toLowerCase())) : OTHER_WEEKDAY_NUMBER.get(m[2]!.toLowerCase())!;
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  return counts;
}

/** Day of the week of a `YYYY-MM-DD` (0 = Sunday). */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** The day with weekday `weekday` nearest to `day` (at most 3 days away). */
export function nearestWeekday(weekday: number, day: string): string {
  let offset = (weekday - weekdayOf(day) + 7) % 7;
  if (offset > 3) offset -= 7;
  return addDays(day, offset);
}

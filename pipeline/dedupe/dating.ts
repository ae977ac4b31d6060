/**
 * Dates: an article's own date (metadata, else its text), and for an article
 * with none, the date of its story — the dated articles it was grouped with,
 * choosing among their days by the weekdays the article mentions ("on
 * Tuesday"). Never the file's time or the run's time.
 */
import type { DateSource } from '../types.ts';
import type { ArticleFeatures } from './features.ts';
import { nearestYear, toIso, WEEKDAYS, weekdayOf } from '../common/text-dates.ts';
import { isCalendarDay as isRealDay } from '../common/dates.ts';

export interface ArticleDate {
  day: string;
  source: DateSource;
  /** How it was established, for messages: "dateline “LONDON, March 18 (Reuters) -”". */
  evidence: string;
}

/** The date an article states itself: metadata first, then a dated line or dateline in its text. */
export function ownDate(doc: ArticleFeatures): ArticleDate | null {
  const { article, textDate } = doc;
  // Only a calendar day counts: another producer's timestamp ("2025-03-18T10:00Z") or a
  // typo would give the day number NaN, which the cached and uncached pair searches
  // treat differently; such an article is dated as if it stated nothing (its text, its story).
  if (article.date && isCalendarDay(article.date)) return { day: article.date, source: article.dateSource ?? 'record', evidence: `stated by its ${article.dateSource ?? 'metadata'}` };
  if (textDate && textDate.year !== null) {
    return { day: toIso(textDate.year, textDate.month, textDate.day), source: textDate.source, evidence: `${textDate.source} “${textDate.evidence}”` };
  }
  return null;
}

/** `YYYY-MM-DD` naming a real day: common/dates.ts's rule (the whole pipeline has one), remembered per string. */
export function isCalendarDay(value: string): boolean {
  // A run states a few hundred distinct days for up to 100k articles: each is checked once
  // (~2.4 µs a call, 0.24 s of a year's dedupe before), then looked up.
  let known = calendarDays.get(value);
  if (known === undefined) {
    known = isRealDay(value);
    if (calendarDays.size >= MAX_REMEMBERED_DAYS) calendarDays.clear();
    calendarDays.set(value, known);
  }
  return known;
}

const calendarDays = new Map<string, boolean>();
/** Bounds the memo for a long-running process (preview, schedule) fed odd date strings. */
const MAX_REMEMBERED_DAYS = 10_000;

export interface StoryDates {
  /** The story's date: its earliest dated article's. */
  date: string | null;
  dateSource: DateSource | null;
  /** Every member's date, own or inferred (null: no source could date it). */
  members: Map<number, ArticleDate | null>;
  /** Members whose date was inferred here. */
  inferred: number[];
}

/** Dates for every member of one story. `members` are article indices. */
export function storyDates(members: readonly number[], docs: readonly ArticleFeatures[], own: ReadonlyArray<ArticleDate | null>): StoryDates {
  const result = new Map<number, ArticleDate | null>();
  const knownDays = new Set<string>();
  for (const i of members) {
    const date = own[i] ?? null;
    result.set(i, date);
    if (date) knownDays.add(date.day);
  }
  const days = [...knownDays].sort();
  const inferred: number[] = [];
  if (days.length > 0) {
    for (const i of members) {
      if (result.get(i)) continue;
      const doc = docs[i]!;
      const date = inferDate(doc, days);
      result.set(i, date);
      inferred.push(i);
    }
  }
  let date: string | null = null;
  let dateSource: DateSource | null = null;
  for (const i of members) {
    const d = own[i];
    if (d && (date === null || d.day < date)) {
      date = d.day;
      dateSource = d.source;
    }
  }
  return { date, dateSource, members: result, inferred };
}

/** Date for an undated article from its story's days (ascending, non-empty). */
function inferDate(doc: ArticleFeatures, days: string[]): ArticleDate {
  const textDate = doc.textDate;
  // A dateline without a year ("LONDON, March 18 (Reuters) -"): its year from the story.
  if (textDate && textDate.year === null) {
    const day = nearestYear(textDate.month, textDate.day, days[0]!);
    if (day) return { day, source: textDate.source, evidence: `${textDate.source} “${textDate.evidence}”, year from its story` };
  }
  // Among the story's days, the one whose weekday the article mentions most ("on Tuesday").
  const weekdays = doc.weekdays;
  let best = days[0]!;
  let bestCount = weekdays[weekdayOf(best)] ?? 0;
  for (const day of days.slice(1)) {
    const count = weekdays[weekdayOf(day)] ?? 0;
    if (count > bestCount) {
      best = day;
      bestCount = count;
    }
  }
  const weekday = WEEKDAYS[weekdayOf(best)]!;
  const evidence =
    bestCount > 0
      ? `from its story, whose articles are dated ${days.join(', ')}; it says “${capitalise(weekday)}” ${bestCount}×, which is ${best}`
      : `from its story, whose articles are dated ${days.join(', ')}`;
  return { day: best, source: 'story', evidence };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

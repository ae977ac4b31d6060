import { addDays } from './dates.ts';
import { firstDayAndMonth, firstFullDate, nearestYear } from './text-dates.ts';

/** "EMBARGOED UNTIL 00:01 GMT TUESDAY 19 NOVEMBER 2024", "Embargo: 4 Nov", "under embargo until Monday 4 November". */
const EMBARGO = /\bembargo(?:ed)?\b([^\n]{0,80})/i;

/** The day a press release's embargo lifts, and the words that state it. */
export interface Embargo {
  /** `YYYY-MM-DD`. */
  day: string;
  evidence: string;
}

/**
 * The day a press release's embargo lifts, when one of `texts` (its subject, its opening, the lines
 * clean removed from it) states one: a release is issued before it may be published, and an
 * edition of the day it was issued would break the embargo. `issued` is the day it was sent or
 * issued, if known: a date without a year is placed nearest it, "tomorrow" is the day after it.
 * Only a day later than `issued` counts (an embargo that had lifted changes nothing); with no
 * `issued`, a full date only. The first text that states an embargo decides.
 */
export function embargoDay(texts: readonly string[], issued: string | null): Embargo | null {
  for (const text of texts) {
    const match = EMBARGO.exec(text);
    if (!match) continue;
    const window = match[1]!;
    let day = firstFullDate(window);
    if (!day && issued) {
      const dayMonth = firstDayAndMonth(window);
      if (dayMonth) day = nearestYear(dayMonth.month, dayMonth.day, issued);
      else if (/\btomorrow\b/i.test(window)) day = addDays(issued, 1);
    }
    if (day && (!issued || day > issued)) return { day, evidence: match[0].trim().replace(/\s*[:|]$/, '') };
    return null;
  }
  return null;
}

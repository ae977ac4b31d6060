import { addDays, dayInTimeZone } from './dates.ts';
import { firstDayAndMonth, firstFullDate, nearestYear } from './text-dates.ts';

/**
 * "EMBARGOED UNTIL 00:01 GMT TUESDAY 19 NOVEMBER 2024", "Embargo: 4 Nov", "under embargo until Monday 4 November"; in other
 * languages "Embargo jusqu'au 3 décembre 2026", "Sperrfrist: 3. Dezember 2026, 10:00 Uhr MEZ".
 */
const EMBARGO = /\b(?:embargo(?:ed)?|sperrfrist)\b([^\n]{0,80})/i;

/** The day a press release's embargo lifts, and the words that state it. */
export interface Embargo {
  /** `YYYY-MM-DD`. */
  day: string;
  evidence: string;
}

/** A clock time and the zone it is stated in, as releases write them ("00:01 GMT", "22:00 ET", "10.00 CET", "9pm EST", "10:00 Uhr MEZ", "10h00 CET"). */
const ZONED_TIME = /\b([01]?\d|2[0-3])(?:[:.h]([0-5]\d))?\s*(?:([ap])\.?m\.?)?\s*(?:uhr\s+)?(GMT|UTC|BST|CET|CEST|MEZ|MESZ|EET|EEST|ET|EST|EDT|CT|CST|CDT|PT|PST|PDT)\b/i;
/** Each zone's offset from UTC in minutes, or the place whose clock it is ("ET": New York's, daylight saving or not). */
const ZONES: Record<string, number | string> = {
  GMT: 0, UTC: 0, BST: 60, CET: 60, CEST: 120, MEZ: 60, MESZ: 120, EET: 120, EEST: 180, EST: -300, EDT: -240, CST: -360, CDT: -300, PST: -480, PDT: -420,
  ET: 'America/New_York', CT: 'America/Chicago', PT: 'America/Los_Angeles',
};

/**
 * The day an embargo stated for `day` at a clock time in a zone lifts in `timeZone`, the editions' ("EMBARGOED UNTIL
 * 22:00 ET 8 December" is 03:00 on 9 December in London): never earlier than `day` itself — in New York "00:01 GMT
 * 9 December" is the evening of the 8th, and that morning's edition would still break it.
 */
function liftsOn(day: string, window: string, timeZone: string): string {
  const time = ZONED_TIME.exec(window);
  if (!time) return day;
  let hour = Number(time[1]);
  const half = time[3]?.toLowerCase();
  if (half === 'p' && hour < 12) hour += 12;
  if (half === 'a' && hour === 12) hour = 0;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const local = Date.UTC(year, month - 1, date, hour, Number(time[2] ?? 0));
  const zone = ZONES[time[4]!.toUpperCase()]!;
  const offset = typeof zone === 'number' ? zone : offsetMinutes(zone, local);
  const lifted = dayInTimeZone(new Date(local - offset * 60_000), timeZone);
  return lifted > day ? lifted : day;
}

/** A place's offset from UTC in minutes near an instant (its clock minus UTC's). */
function offsetMinutes(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return (Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute')) - instant) / 60_000;
}

/**
 * The day a press release's embargo lifts, when one of `texts` (its subject, its opening, the lines
 * clean removed from it) states one: a release is issued before it may be published, and an
 * edition of the day it was issued would break the embargo. `issued` is the day it was sent or
 * issued, if known: a date without a year is placed nearest it, "tomorrow" is the day after it.
 * A clock time with its zone moves the day to the one it lifts on in `timeZone`, the editions', when
 * that is later (`liftsOn`). Only a day later than `issued` counts (an embargo that had lifted
 * changes nothing); with no `issued`, a full date only. The first text that states an embargo decides.
 */
export function embargoDay(texts: readonly string[], issued: string | null, timeZone = 'UTC'): Embargo | null {
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
    if (day) day = liftsOn(day, window, timeZone);
    if (day && (!issued || day > issued)) return { day, evidence: match[0].trim().replace(/\s*[:|]$/, '') };
    return null;
  }
  return null;
}

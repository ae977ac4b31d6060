/**
 * When two clusters may become one story, decided from a few numbers kept per cluster.
 *
 * The rule (README "How it works", 3): dated articles more than `windowDays` apart are never
 * one story; an undated cluster that names weekdays joins only a cluster with an article dated
 * on one of them or one or two days after one (`reportedWeekdays`: news is dated the day after). It used to be checked by scanning both clusters' members (and building a Set
 * of weekdays) at every heap pop — at 100k articles, clusters of a busy week hold hundreds of
 * articles and that scan was 13 s of the build. Everything it reads is a min, a max or a union
 * over members, so each cluster keeps those and a merge combines them: `allows` is O(1).
 */
import { weekdayOf } from '../common/text-dates.ts';

/** What the clustering asks about clusters (numbered as its groups); see cluster.ts. */
export interface MergeRule {
  /** Makes room for `clusters` clusters; called once, before `start`. */
  reset(clusters: number): void;
  /** Cluster `c` starts as the items `members`. */
  start(c: number, members: readonly number[]): void;
  /** Cluster `b` joins cluster `a` (a keeps its number). */
  join(a: number, b: number): void;
  /** May clusters `a` and `b` become one? Symmetric. */
  allows(a: number, b: number): boolean;
  /**
   * Can no cluster holding `a` and no cluster holding `b` ever be allowed to join? (True only
   * when it is so: the clustering then drops their heap entry without computing its linkage.)
   */
  never(a: number, b: number): boolean;
  /** A cluster that, left alone, still joins its closest anchor at the lower `attach` bar. */
  isLoose(c: number): boolean;
  isAnchor(c: number): boolean;
}

/**
 * Days before its own date that an article dated that day may report as "on Tuesday":
 * the morning paper of Wednesday reports Tuesday's decision, a weekly round-up less often.
 */
export const REPORTED_DAYS_BEFORE = 2;

/**
 * The weekdays an article dated on `weekday` (0 = Sunday) can name for its event: its own and
 * the `REPORTED_DAYS_BEFORE` before it, as a bit mask; 0 for no weekday (a day that is no date).
 */
export function reportedWeekdays(weekday: number): number {
  if (!(weekday >= 0 && weekday < 7)) return 0;
  let mask = 0;
  for (let back = 0; back <= REPORTED_DAYS_BEFORE; back++) mask |= 1 << ((weekday - back + 7) % 7);
  return mask;
}

/** Per article: what the date rule reads of it. */
export interface ArticleDay {
  /** Its own day (`YYYY-MM-DD`), or null. */
  day: string | null;
  /** Weekdays its text names ("on Tuesday"), 0 = Sunday. */
  named: Iterable<number>;
}

/**
 * The date rule, per cluster: the dated members' earliest and latest day numbers, the weekdays
 * they can report (`reportedWeekdays`), the weekdays any member names, and whether any member has a day. The same
 * answers as scanning the members (test/dedupe/cluster-equivalence.test.ts compares both on random clusters).
 */
export class DateRule implements MergeRule {
  /** Per article. NaN when it has no day (or one that is not a day number). */
  private readonly dayNumber: Float64Array;
  private readonly hasDay: Uint8Array;
  private readonly ownWeekday: Uint8Array;
  private readonly namedMask: Uint8Array;
  /** Per cluster. `low` is +Infinity while no member has a day number. */
  private low: Float64Array;
  private high: Float64Array;
  private dated: Uint8Array;
  private weekdays: Uint8Array;
  private named: Uint8Array;

  constructor(
    articles: readonly ArticleDay[],
    private readonly windowDays: number,
  ) {
    const n = articles.length;
    this.dayNumber = new Float64Array(n);
    this.hasDay = new Uint8Array(n);
    this.ownWeekday = new Uint8Array(n);
    this.namedMask = new Uint8Array(n);
    articles.forEach(({ day, named }, i) => {
      this.dayNumber[i] = day ? Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000) : NaN;
      if (day) {
        this.hasDay[i] = 1;
        // A day that is not a date has no weekday (Set.has(NaN) never matched either).
        this.ownWeekday[i] = reportedWeekdays(weekdayOf(day));
      }
      let mask = 0;
      for (const weekday of named) mask |= 1 << weekday;
      this.namedMask[i] = mask;
    });
    this.low = new Float64Array(0);
    this.high = new Float64Array(0);
    this.dated = new Uint8Array(0);
    this.weekdays = new Uint8Array(0);
    this.named = new Uint8Array(0);
  }

  reset(clusters: number): void {
    this.low = new Float64Array(clusters).fill(Infinity);
    this.high = new Float64Array(clusters).fill(-Infinity);
    this.dated = new Uint8Array(clusters);
    this.weekdays = new Uint8Array(clusters);
    this.named = new Uint8Array(clusters);
  }

  start(c: number, members: readonly number[]): void {
    if (c >= this.low.length) throw new Error('DateRule.reset must be called with the number of clusters first');
    for (const i of members) {
      const d = this.dayNumber[i]!;
      // NaN compares false both ways: such a member is left out of the range, as before.
      if (d < this.low[c]!) this.low[c] = d;
      if (d > this.high[c]!) this.high[c] = d;
      this.dated[c]! |= this.hasDay[i]!;
      this.weekdays[c]! |= this.ownWeekday[i]!;
      this.named[c]! |= this.namedMask[i]!;
    }
  }

  join(a: number, b: number): void {
    if (this.low[b]! < this.low[a]!) this.low[a] = this.low[b]!;
    if (this.high[b]! > this.high[a]!) this.high[a] = this.high[b]!;
    this.dated[a]! |= this.dated[b]!;
    this.weekdays[a]! |= this.weekdays[b]!;
    this.named[a]! |= this.named[b]!;
  }

  allows(a: number, b: number): boolean {
    const ranged = this.low[a]! !== Infinity;
    if (ranged && this.low[b]! !== Infinity) return Math.max(this.high[a]!, this.high[b]!) - Math.min(this.low[a]!, this.low[b]!) <= this.windowDays;
    if (!ranged && this.low[b]! === Infinity) return true;
    const undated = ranged ? b : a;
    const dated = ranged ? a : b;
    const named = this.named[undated]!;
    return named === 0 || (named & this.weekdays[dated]!) !== 0;
  }

  /**
   * Two dated clusters already more than the window apart: clusters only grow, and a dated
   * cluster's range only widens, so every cluster holding them is as far apart.
   */
  never(a: number, b: number): boolean {
    return this.low[a]! !== Infinity && this.low[b]! !== Infinity && Math.max(this.high[a]!, this.high[b]!) - Math.min(this.low[a]!, this.low[b]!) > this.windowDays;
  }

  isLoose(c: number): boolean {
    return this.dated[c] === 0 && this.named[c] !== 0;
  }

  isAnchor(c: number): boolean {
    return this.dated[c] !== 0;
  }
}

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
  /** May the loose cluster `loose` attach to `anchor` (asked after the main loop, by `attach`)? */
  attaches(anchor: number, loose: number): boolean;
  /**
   * Is the loose cluster `loose` judged by its closest pair with an anchor rather than by the
   * average of all its pairs? (Optional: no means the average.)
   */
  byClosestPair?(loose: number): boolean;
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

  attaches(anchor: number, loose: number): boolean {
    return this.isAnchor(anchor) && this.allows(anchor, loose);
  }
}

/** Per article: what the story rule reads of it. */
export interface ArticleKind extends ArticleDay {
  /** It presents itself as commentary on the news: an opinion column, an analysis, an editorial (`isCommentary`, common/commentary.ts). */
  commentary: boolean;
}

/**
 * The rule stories are clustered by: the date rule, and commentary judged against the news.
 *
 * An opinion column or an analysis argues about the event in words of its own, so its
 * similarity to each report of it is low and uneven (the probe's rate decision: an opinion
 * column 0.23 from one news report and less from the other). Averaged in with the news, it
 * split the story: each news report first joined the piece of commentary closest to it, and
 * the two pairs then averaged 0.21, under the bar, while the two reports alone were 0.26. And
 * a column about two events could chain them into one story.
 *
 * So the main loop clusters news with news and commentary with commentary only. Afterwards a
 * cluster of commentary alone is loose: it joins the dated news story it is closest to, judged
 * by its closest pair (one report it is that close to says it is about that event; its average
 * over every report would penalise a story for being widely reported). Commentary no news story
 * is close to stays a story of its own. An undated news group that names weekdays attaches, as
 * before, to a dated story, now one with news in it (a column is no evidence of the day).
 */
export class StoryRule extends DateRule {
  private readonly commentary: Uint8Array;
  /** Per cluster: 1 when a member is news (not commentary). */
  private news: Uint8Array = new Uint8Array(0);

  constructor(articles: readonly ArticleKind[], windowDays: number) {
    super(articles, windowDays);
    this.commentary = Uint8Array.from(articles, (article) => (article.commentary ? 1 : 0));
  }

  override reset(clusters: number): void {
    super.reset(clusters);
    this.news = new Uint8Array(clusters);
  }

  override start(c: number, members: readonly number[]): void {
    super.start(c, members);
    for (const i of members) if (this.commentary[i] === 0) this.news[c] = 1;
  }

  override join(a: number, b: number): void {
    super.join(a, b);
    this.news[a]! |= this.news[b]!;
  }

  /** Of the same kind (news with news, commentary alone with commentary alone) and allowed by date. */
  override allows(a: number, b: number): boolean {
    return this.news[a] === this.news[b] && super.allows(a, b);
  }

  /** In the main loop a cluster keeps its kind (only a cluster of its kind joins it), so clusters of two kinds never join. */
  override never(a: number, b: number): boolean {
    return this.news[a] !== this.news[b] || super.never(a, b);
  }

  override isLoose(c: number): boolean {
    return this.news[c] === 0 || super.isLoose(c);
  }

  override isAnchor(c: number): boolean {
    return this.news[c] === 1 && super.isAnchor(c);
  }

  override attaches(anchor: number, loose: number): boolean {
    // By date only: the kinds differ when commentary attaches (`allows` would refuse).
    return this.isAnchor(anchor) && super.allows(anchor, loose);
  }

  byClosestPair(loose: number): boolean {
    return this.news[loose] === 0;
  }
}

/**
 * A story's reports by the days they came out: each edition carries its own day's news.
 *
 * Dedupe groups the reports of one event within a week of each other (its `windowDays`): the
 * arrest on the 4th and the charge on the 8th are one story there, with every source. An
 * edition is one day, and a story sits in the edition of its first day: folded into the 4th's
 * story, the charge would reach no edition of its own. On a schedule the 4th's edition has
 * gone out by the 8th, so the news of the 8th would never be sent, and the archived edition
 * of the 4th would change under its readers, its headline possibly from a report of the 8th.
 *
 * So a story is split into parts by runs of days: a part covers the day of its first report
 * and `spanDays` after it (`summarise.storySpanDays`, default 0: an edition holds the reports
 * dated on its day), and a report dated later starts the next part, in its own day's edition.
 * What moves is a report with its copies, dated by the earliest of them: a wire story run
 * again days later is not news, and stays where the original is. A report no source dates
 * stays in the first part (dedupe dated it by its story). The first part keeps the story's id;
 * a later one is `<story id>-<its day>`, the same on every run while the story keeps its id, and
 * names the reports of the story's first part and of the part before it (`earlier`): a follow-up
 * report retells what the first day's edition already said ("A large fire … forced the evacuation
 * of 200 homes on Wednesday night."), and its part's summary is to say what is new.
 */
import { byCodeUnits } from '../common/arrays.ts';
import { daysBetween, isCalendarDay } from '../common/dates.ts';
import type { Article, Story, StoryMember } from '../types.ts';

/** The story as it was, or its parts in day order (the first keeps its id and date). */
export function dayParts(story: Story, byId: ReadonlyMap<string, Article>, spanDays: number): Story[] {
  const groups = reportGroups(story, byId);
  // YYYY-MM-DD days sort as text.
  const dated = groups.filter((g) => g.day !== null).sort((a, b) => byCodeUnits(a.day!, b.day!));
  if (dated.length < 2 || daysBetween(dated[0]!.day!, dated[dated.length - 1]!.day!) <= spanDays) return [story];

  // Runs of days: a report more than `spanDays` after its run's first day starts the next run.
  const runs: { first: string; groups: ReportGroup[] }[] = [];
  for (const group of dated) {
    const run = runs[runs.length - 1];
    if (run && daysBetween(run.first, group.day!) <= spanDays) run.groups.push(group);
    else runs.push({ first: group.day!, groups: [group] });
  }
  for (const group of groups) if (group.day === null) runs[0]!.groups.push(group);

  let first: string[] = [];
  let previous: string[] = [];
  return runs.map((run, k) => {
    const inRun = new Set(run.groups.flatMap((g) => g.members.map((m) => m.articleId)));
    const members = story.articles.filter((m) => inRun.has(m.articleId));
    const ids = members.map((m) => m.articleId);
    // The first day's reports (the news every follow-up retells) and the day before's: a story over a
    // week would otherwise split and term its whole past again for each of its days.
    const before = k <= 1 ? first : [...first, ...previous];
    if (k === 0) first = ids;
    previous = ids;
    if (k === 0) return { ...story, articles: leadFirst(members) };
    const date = run.first;
    return {
      id: `${story.id}-${date}`,
      date,
      dateSource: 'story',
      articles: leadFirst(members),
      // What earlier editions carried: the part's summary leaves out what these reports said (select.ts `oldNews`).
      earlier: before,
      reasons: [`${members.map((m) => m.articleId).join(', ')}: reports of story ${story.id} dated ${date}, in that day's edition (summarise.storySpanDays ${spanDays})`, ...story.reasons],
    };
  });
}

/** One report and its copies, dated by the earliest stated day among them (`YYYY-MM-DD`), or null. */
interface ReportGroup {
  members: StoryMember[];
  day: string | null;
}

function reportGroups(story: Story, byId: ReadonlyMap<string, Article>): ReportGroup[] {
  const groups = new Map<string, ReportGroup>();
  const heads = new Set(story.articles.filter((m) => m.role !== 'duplicate').map((m) => m.articleId));
  for (const member of story.articles) {
    // A copy goes with the report it copies; one whose original is not here is a report of its own.
    const head = member.role === 'duplicate' && member.duplicateOf && heads.has(member.duplicateOf) ? member.duplicateOf : member.articleId;
    const group = groups.get(head) ?? { members: [], day: null };
    group.members.push(member);
    const day = byId.get(member.articleId)?.date ?? null;
    if (day !== null && isCalendarDay(day) && (group.day === null || day < group.day)) group.day = day;
    groups.set(head, group);
  }
  return [...groups.values()];
}

/**
 * A part's first report leads it: the story's canonical article (its most complete report) may
 * be in another part. Members are in the story's order, so where the canonical one is here it leads.
 */
function leadFirst(members: StoryMember[]): StoryMember[] {
  const lead = members.find((m) => m.role !== 'duplicate') ?? members[0];
  if (lead?.role === 'canonical') return members;
  return members.map((m) => (m === lead ? { ...m, role: 'canonical', similarity: 1 } : m.role === 'canonical' ? { ...m, role: 'related' } : m));
}

/**
 * A story reported over several days is in each day's edition with that day's reports
 * (day-parts.ts): the edition of the first day never gains a later day's news, and the later
 * news reaches an edition. Hand-written reports of one investigation.
 */
import { describe, expect, it } from 'vitest';
import { noCache } from '../../pipeline/common/cache.ts';
import { editionKey, storySummaryKey } from '../../pipeline/summarise/edition-key.ts';
import { candidatesOf } from '../../pipeline/summarise/candidates.ts';
import { dayParts } from '../../pipeline/summarise/day-parts.ts';
import { storiesByDay, summariseStories } from '../../pipeline/summarise/index.ts';
import { EarlierReports } from '../../pipeline/summarise/select.ts';
import { summariseStoriesParallel } from '../../pipeline/summarise/parallel.ts';
import type { Article } from '../../pipeline/types.ts';
import { article, context, story } from './helpers.ts';

const ARREST = article('arrest', [
  'Police in Harrowgate have arrested a 34-year-old man after a fire destroyed the Moorside community library in the early hours of Monday.',
  'Detective Inspector Wen Ashdown said the fire was being treated as arson and appealed for witnesses.',
], { date: '2026-05-04', title: 'Man arrested over library fire' });
const NEXT_DAY = article('next-day', [
  'A man aged 34 remains in custody after the Moorside community library in Harrowgate was destroyed by fire.',
  'Volunteers have started collecting books to restock a temporary library in the church hall.',
], { date: '2026-05-05', title: 'Volunteers collect books after library fire' });
const CHARGED = article('charged', [
  'A 34-year-old man has been charged with arson after the fire that destroyed the Moorside community library in Harrowgate last week.',
  'He will appear before magistrates on Friday, and the council said the library would be rebuilt on the same site.',
  'Detective Inspector Wen Ashdown thanked the witnesses who had come forward.',
], { date: '2026-05-08', title: 'Man charged with arson over library fire' });
// The arrest report, run word for word by a weekly four days later: a copy, not news.
const WEEKLY = article('weekly', ARREST.paragraphs.map((p) => p.text), { date: '2026-05-08' });

const ARTICLES = [ARREST, NEXT_DAY, CHARGED, WEEKLY];
// As dedupe gives it: the most complete report leads the story, dated by its earliest.
const STORY = story('s1', '2026-05-04', [['charged', 'canonical'], ['arrest', 'related'], ['weekly', 'duplicate', 'arrest'], ['next-day', 'related']]);

function editions(storySpanDays?: number) {
  const { ctx, reporter } = context(storySpanDays === undefined ? {} : { storySpanDays });
  const result = summariseStories([STORY], ARTICLES, ctx);
  return {
    days: result.map((e) => ({ date: e.date, stories: e.stories.map((s) => ({ id: s.id, headline: s.headline, sources: s.sources.map((x) => x.articleId).sort() })) })),
    messages: reporter.messages.filter((m) => m.ruleId === 'summarise/later-reports'),
  };
}

describe('a story over several days', () => {
  it("is in each day's edition with that day's reports; a copy run again stays with its original", () => {
    const { days, messages } = editions();
    expect(days).toEqual([
      { date: '2026-05-04', stories: [{ id: 's1', headline: 'Man arrested over library fire', sources: ['arrest', 'weekly'] }] },
      { date: '2026-05-05', stories: [{ id: 's1-2026-05-05', headline: 'Volunteers collect books after library fire', sources: ['next-day'] }] },
      { date: '2026-05-08', stories: [{ id: 's1-2026-05-08', headline: 'Man charged with arson over library fire', sources: ['charged'] }] },
    ]);
    expect(messages.map((m) => m.detail)).toEqual([
      { storyId: 's1', partId: 's1-2026-05-05', date: '2026-05-05', articles: ['next-day'] },
      { storyId: 's1', partId: 's1-2026-05-08', date: '2026-05-08', articles: ['charged'] },
    ]);
  });

  it("names each later part's earlier reports: the first day's and the day before's", () => {
    const HEARING = article('hearing', ['The man charged with arson over the Moorside community library fire appeared before Harrowgate magistrates on Friday.'], { date: '2026-05-10' });
    const withHearing = { ...STORY, articles: [...STORY.articles, { articleId: 'hearing', role: 'related' as const, similarity: 0.5, publisher: null }] };
    const byId = new Map([...ARTICLES, HEARING].map((a) => [a.id, a]));
    const parts = dayParts(withHearing, byId, 0);
    expect(parts.map((p) => [p.id, [...(p.earlier ?? [])].sort()])).toEqual([
      ['s1', []],
      ['s1-2026-05-05', ['arrest', 'weekly']],
      ['s1-2026-05-08', ['arrest', 'next-day', 'weekly']],
      // Not the 5th's: a story over a week does not split its whole past again for each of its days.
      ['s1-2026-05-10', ['arrest', 'charged', 'weekly']],
    ]);
  });

  it('keeps the days of summarise.storySpanDays after the first in its edition', () => {
    expect(editions(1).days.map((d) => [d.date, d.stories.map((s) => s.sources)])).toEqual([
      ['2026-05-04', [['arrest', 'next-day', 'weekly']]],
      ['2026-05-08', [['charged']]],
    ]);
    expect(editions(7).days.map((d) => [d.date, d.stories.map((s) => s.sources)])).toEqual([['2026-05-04', [['arrest', 'charged', 'next-day', 'weekly']]]]);
  });
});

describe("a later day's part says what is new", () => {
  // Hand-written reports of one fire: two on its night, a follow-up the next day that retells the night before.
  const NIGHT = article('night', [
    'A large fire at a chemical warehouse in Oakley forced the evacuation of about 200 homes on Wednesday night, fire officials said.',
    'More than 60 firefighters from across Westshire fought the blaze at the Brenton Logistics site on Mill Lane, which broke out shortly after 9pm.',
    'Residents within half a mile were told to keep windows and doors closed because of thick smoke drifting over the town.',
    'No injuries have been reported, and the cause of the fire is not yet known.',
  ], { date: '2026-03-04', title: 'Warehouse fire in Oakley forces evacuation of 200 homes' });
  const OTHER = article('other', [
    'Around 200 households were evacuated in Oakley after a fire tore through a chemical warehouse on Mill Lane late on Wednesday.',
    'Westshire Fire and Rescue said more than 60 firefighters were sent to the Brenton Logistics building, where gas cylinders exploded during the blaze.',
  ], { date: '2026-03-04', title: 'Hundreds evacuated as blaze rips through Oakley chemical store' });
  const FOLLOW_UP = article('follow-up', [
    'Residents evacuated from about 200 homes in Oakley were allowed to return on Thursday morning after firefighters brought a chemical warehouse fire under control.',
    'A large fire at the Brenton Logistics warehouse on Mill Lane forced the evacuation of about 200 homes on Wednesday night.',
    'More than 60 firefighters from across Westshire fought the blaze, which broke out shortly after 9pm.',
    'Fire investigators and officers from the Environment Agency began examining the site on Thursday to establish the cause.',
    'Brenton Logistics said it was cooperating fully and would pay for cleaning at affected homes.',
  ], { date: '2026-03-05', title: 'Oakley warehouse fire: residents return home as investigators move in' });
  const FIRE = story('fire', '2026-03-04', [['night', 'canonical'], ['other', 'related'], ['follow-up', 'related']]);

  function followUpPart(articles: Article[]) {
    const { ctx, reporter } = context({ words: 80 });
    const part = summariseStories([FIRE], articles, ctx).find((e) => e.date === '2026-03-05')!.stories[0]!;
    const summary = reporter.messages.find((m) => m.ruleId === 'summarise/summary' && (m.detail as { storyId: string }).storyId === part.id)!;
    return { part, summary };
  }

  it("leaves out what the first day's reports said, and says so", () => {
    const { part, summary } = followUpPart([NIGHT, OTHER, FOLLOW_UP]);
    expect(part.id).toBe('fire-2026-03-05');
    // Its own news, not the night before retold (a light rewording of the first day's lede, a copy of its second sentence).
    expect(part.sentences.map((s) => s.index)).toEqual([0, 3, 4]);
    expect(summary.reason).toMatch(/2 sentences left out as said by the story's reports of earlier days/);
    expect(summary.detail).toMatchObject({ retold: [{ articleId: 'follow-up', index: 1 }, { articleId: 'follow-up', index: 2 }] });
  });

  it('keeps a sentence that adds a name or a figure to what was said, and a report that only retells is still summarised', () => {
    const named = article('follow-up', [...FOLLOW_UP.paragraphs.map((p) => p.text).slice(0, 2), 'More than 60 firefighters from across Westshire and Kenbury fought the blaze, which broke out shortly after 9pm.'], {
      date: '2026-03-05',
    });
    expect(followUpPart([NIGHT, OTHER, named]).part.sentences.map((s) => s.index)).toContain(2);
    const rerun = article('follow-up', NIGHT.paragraphs.map((p) => p.text), { date: '2026-03-05', title: 'Oakley fire' });
    const { part, summary } = followUpPart([NIGHT, OTHER, rerun]);
    expect(part.sentences.length).toBeGreaterThan(0);
    expect(summary.reason).not.toMatch(/left out/);
  });

  it('takes a sentence for retold only when one earlier sentence holds its terms and states its specifics', () => {
    const terms = (text: string) => candidatesOf(story('x', null, [['s', 'canonical']]), new Map([['s', article('s', [text])]]))[0]!;
    const earlier = new EarlierReports(candidatesOf(story('e', null, [['night', 'canonical'], ['other', 'related']]), new Map([NIGHT, OTHER].map((a) => [a.id, a]))));
    const retold = (text: string) => {
      const { termSet } = terms(text);
      return earlier.retold(text, termSet);
    };
    // A light rewording of the first day's lede (its figure and day the same) and a copy.
    expect(retold('A large fire at the Brenton Logistics warehouse on Mill Lane forced the evacuation of about 200 homes on Wednesday night.')).toBe(true);
    expect(retold('More than 60 firefighters from across Westshire fought the blaze, which broke out shortly after 9pm.')).toBe(true);
    // Another figure, another day, a name of its own: news.
    expect(retold('A large fire at the Brenton Logistics warehouse on Mill Lane forced the evacuation of about 350 homes on Wednesday night.')).toBe(false);
    expect(retold('A large fire at the Brenton Logistics warehouse on Mill Lane forced the evacuation of about 200 homes on Thursday night.')).toBe(false);
    expect(retold('More than 60 firefighters from across Westshire and Kenbury fought the blaze, which broke out shortly after 9pm.')).toBe(false);
    // The story's words without a specific need three quarters of one sentence; a short sentence is never retold.
    expect(retold('Residents were told to keep windows and doors closed as firefighters worked.')).toBe(false);
    expect(retold('No injuries have been reported.')).toBe(false);
    // The union of the earlier sentences is not one sentence: the day's own news in the story's words.
    expect(retold('Residents evacuated from about 200 homes in Oakley were allowed to return on Thursday morning after firefighters brought a chemical warehouse fire under control.')).toBe(false);
  });

  it("heads an untitled follow-up from its own news, in full and under \"more stories\" alike", () => {
    const untitled = article('follow-up', FOLLOW_UP.paragraphs.slice(1).map((p) => p.text), { date: '2026-03-05' });
    for (const maxStories of [12, 0]) {
      const { ctx } = context({ words: 80, maxStories });
      const day = summariseStories([FIRE], [NIGHT, OTHER, untitled], ctx).find((e) => e.date === '2026-03-05')!;
      const headline = maxStories > 0 ? day.stories[0]!.headline : day.more[0]!.headline;
      expect(headline).toBe('Fire investigators and officers from the Environment Agency began examining the site');
    }
  });

  it('makes the part again when an earlier report changes (its key holds them), on one thread or on workers', async () => {
    const config = context().ctx.config;
    const { days } = storiesByDay([FIRE], [NIGHT, OTHER, FOLLOW_UP], context().ctx);
    const byId = new Map([NIGHT, OTHER, FOLLOW_UP].map((a) => [a.id, a]));
    const [date, later] = days[1]!;
    const edited = article('other', [...OTHER.paragraphs.map((p) => p.text), 'The warehouse had been inspected in January.'], { date: '2026-03-04' });
    const byIdEdited = new Map([NIGHT, edited, FOLLOW_UP].map((a) => [a.id, a]));
    expect(editionKey(date, later, byIdEdited, config)).not.toBe(editionKey(date, later, byId, config));
    expect(storySummaryKey(later[0]!, byIdEdited, 80)).not.toBe(storySummaryKey(later[0]!, byId, 80));
    // The workers get the earlier reports with the day's own.
    const { ctx } = context({ words: 80 });
    const parallel = await summariseStoriesParallel([FIRE], [NIGHT, OTHER, FOLLOW_UP], ctx, noCache, { workers: 2, minArticles: 0 });
    expect(parallel[1]!.stories[0]!.sentences.map((s) => s.index)).toEqual([0, 3, 4]);
  });
});

/**
 * A story reported over several days is in each day's edition with that day's reports
 * (day-parts.ts): the edition of the first day never gains a later day's news, and the later
 * news reaches an edition. Hand-written reports of one investigation.
 */
import { describe, expect, it } from 'vitest';
import { summariseStories } from '../../pipeline/summarise/index.ts';
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

  it('keeps the days of summarise.storySpanDays after the first in its edition', () => {
    expect(editions(1).days.map((d) => [d.date, d.stories.map((s) => s.sources)])).toEqual([
      ['2026-05-04', [['arrest', 'next-day', 'weekly']]],
      ['2026-05-08', [['charged']]],
    ]);
    expect(editions(7).days.map((d) => [d.date, d.stories.map((s) => s.sources)])).toEqual([['2026-05-04', [['arrest', 'charged', 'next-day', 'weekly']]]]);
  });
});

import { describe, expect, it } from 'vitest';
import { isCalendarDay } from '../../pipeline/dedupe/dating.ts';
import { dateFromText, datelineLength, mentionedWeekdays, nearestYear } from '../../pipeline/common/text-dates.ts';
import { article, dedupe, storyOf } from './helpers.ts';
import { FLOOD } from './fixtures-text.ts';

describe('dates from the text', () => {
  it('reads a dateline with and without a year', () => {
    expect(dateFromText(['LONDON, March 18 (Reuters) - Ministers met on Tuesday.'])).toMatchObject({ year: null, month: 3, day: 18, source: 'dateline' });
    expect(dateFromText(['PARIS, 4 July 2024 (AFP) – The strike ended.'])).toMatchObject({ year: 2024, month: 7, day: 4, source: 'dateline' });
  });

  it("reads a newswire release's dateline, under a standfirst too", () => {
    const lead = 'Acme Robotics today reported revenue of $412 million for the third quarter.';
    expect(dateFromText([`NEW YORK, Nov. 18, 2024 /PRNewswire/ -- ${lead}`])).toMatchObject({ year: 2024, month: 11, day: 18, source: 'dateline' });
    expect(dateFromText([`NEW YORK--(BUSINESS WIRE)--Nov. 18, 2024--${lead}`])).toMatchObject({ year: 2024, month: 11, day: 18, source: 'dateline' });
    expect(dateFromText(['Revenue up 24% year over year; company raises full-year outlook', `TORONTO, Nov. 18, 2024 (GLOBE NEWSWIRE) -- ${lead}`])).toMatchObject({ year: 2024, month: 11, day: 18 });
    // Only near the top: a dateline quoted far down a roundup dates nothing.
    expect(dateFromText(['Markets', 'Shares fell.', 'Bonds rose.', `TORONTO, Nov. 18, 2024 (GLOBE NEWSWIRE) -- ${lead}`])).toBeNull();
    // A newswire's dateline leaves the summary and the lead words (summarise, dedupe).
    expect(`NEW YORK--(BUSINESS WIRE)--Nov. 18, 2024--${lead}`.slice(datelineLength(`NEW YORK--(BUSINESS WIRE)--Nov. 18, 2024--${lead}`))).toBe(lead);
  });

  it('reads a date line near the top, not a date inside the story', () => {
    expect(dateFromText(['Flood hits town', 'Tuesday 18 March 2025', 'Water rose.'])).toMatchObject({ year: 2025, month: 3, day: 18, source: 'text' });
    expect(dateFromText(['Updated: January 6, 2011, 11:34 AM ET', 'Body.'])).toMatchObject({ year: 2011, month: 1, day: 6 });
    expect(dateFromText(['The treaty signed on 4 July 1997 was cited by ministers in a long debate about the future of the port.'])).toBeNull();
    expect(dateFromText(['February 30, 2025'])).toBeNull();
  });

  it('places a month and day in the year nearest the story', () => {
    expect(nearestYear(12, 31, '2025-01-02')).toBe('2024-12-31');
    expect(nearestYear(3, 18, '2025-03-20')).toBe('2025-03-18');
  });

  it('counts weekday mentions', () => {
    expect([...mentionedWeekdays('on Tuesday, and Monday night; Tuesday’s talks').entries()].sort()).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });
});

describe('stated dates', () => {
  it('takes a stated date only when it is a real day, the same on every call (the answers are remembered, and forgotten in bulk)', () => {
    // The pipeline's one rule (common/dates.ts): a real day of a year from 1900 to 2200.
    const cases: Array<[string, boolean]> = [['2024-02-29', true], ['2025-02-29', false], ['2025-02-30', false], ['2025-13-01', false], ['2025-03-18T09:30:00Z', false], ['18/03/2025', false], ['', false], ['2024-02-29', true], ['1850-06-01', false], ['2201-01-01', false]];
    const answers = () => cases.map(([value]) => isCalendarDay(value));
    expect(answers()).toEqual(cases.map(([, real]) => real));
    expect(answers()).toEqual(cases.map(([, real]) => real));
    // More distinct strings than are remembered: the memo is emptied and filled again.
    for (let n = 0; n < 10_050; n++) expect(isCalendarDay(`x${n}`)).toBe(false);
    expect(answers()).toEqual(cases.map(([, real]) => real));
  });
});

describe('dates in stories', () => {
  it('dates an article from its text when it has no metadata', () => {
    const { stories, reporter } = dedupe([article('a', ['Tuesday 18 March 2025', ...FLOOD])]);
    expect(stories[0]).toMatchObject({ date: '2025-03-18', dateSource: 'text' });
    expect(reporter.messages.some((m) => m.ruleId === 'dedupe/undated')).toBe(false);
  });

  it('infers an undated article’s date from its story, choosing the day it names', () => {
    const monday = article('monday', FLOOD, { date: '2025-03-17' });
    const tuesday = article('tuesday', [...FLOOD.slice(0, 4), 'The clean-up began on Tuesday.'], { date: '2025-03-18' });
    const undated = article('undated', ['By Tuesday the water in Marlow had begun to fall.', ...FLOOD.slice(1, 5)]);
    const { stories, reporter } = dedupe([monday, tuesday, undated]);
    const story = storyOf(stories, 'undated');
    expect(story.articles).toHaveLength(3);
    expect(story.date).toBe('2025-03-17');
    const inferred = reporter.messages.find((m) => m.ruleId === 'dedupe/date-inferred')!;
    expect(inferred).toMatchObject({ articleId: 'undated', severity: 'info', detail: { date: '2025-03-18', dateSource: 'story' } });
    expect(inferred.reason).toContain('Tuesday');
  });

  it('resolves a dateline without a year against the story', () => {
    const dated = article('dated', FLOOD, { date: '2025-03-18' });
    const dateline = article('dateline', [`MARLOW, March 19 (Wire) - ${FLOOD[0]!}`, ...FLOOD.slice(1, 4)]);
    const { reporter } = dedupe([dated, dateline]);
    const inferred = reporter.messages.find((m) => m.ruleId === 'dedupe/date-inferred');
    expect(inferred?.detail).toEqual({ date: '2025-03-19', dateSource: 'dateline' });
  });

  it('reports an article no source can date, and never dates its story by file or run time', () => {
    const { stories, reporter } = dedupe([article('nodate', FLOOD)]);
    expect(stories[0]).toMatchObject({ date: null, dateSource: null });
    const warning = reporter.messages.find((m) => m.ruleId === 'dedupe/undated');
    expect(warning).toMatchObject({ severity: 'warning', articleId: 'nodate', file: 'nodate.txt' });
  });

  it('does not join an undated article to a story dated on a weekday it does not name', () => {
    const sunday = article('sunday', FLOOD.map((p) => p.replace(/Thursday|Friday/g, 'Sunday')), { date: '2025-03-16' });
    const undated = article('undated', [
      'Hundreds of people left their homes in Marlow on Wednesday as the river Thame burst its banks after a day of heavy rain.',
      'Council leader Tom Ridley said the Buckinghamshire town needed government money for the damaged roads and bridges.',
      'The Environment Agency warned that the Thame would keep rising, and Network Rail shut the line to Bourne End.',
    ]);
    expect(dedupe([sunday, undated]).stories).toHaveLength(2);
    // The same report naming Sunday joins.
    const named = { ...undated, text: undated.text.replace('Wednesday', 'Sunday') };
    expect(dedupe([sunday, named]).stories).toHaveLength(1);
  });
});

/**
 * An undated report that names the event's weekday joins a story dated one or two days later
 * (merge-rule.ts `reportedWeekdays`): a morning paper reports yesterday. Hand-written reports.
 */
import { describe, expect, it } from 'vitest';
import { article, dedupe } from './helpers.ts';
import { reportedWeekdays } from '../../pipeline/dedupe/merge-rule.ts';

// 2026-03-13 is a Friday; the vote was on Thursday 2026-03-12.
const PAPER = article(
  'paper',
  [
    'Lisbon councillors voted on Thursday to ban new short-term holiday lets in the historic Alfama and Mouraria districts for three years.',
    'Mayor Beatriz Salgueiro said residents were being priced out of the old town. Landlords said they would challenge the ban in court.',
  ],
  { date: '2026-03-13', title: 'Lisbon bans new holiday lets in old districts' },
);
const WEB = article('web', [
  'A three-year ban on new short-term holiday lets in Lisbon’s Alfama and Mouraria districts was approved by councillors on Thursday.',
  'Beatriz Salgueiro, the mayor, said the old town was being emptied of residents; landlords promised a legal challenge to the ban.',
]);

describe('the weekday rule', () => {
  it('lets a story dated on a day report the two days before it', () => {
    // Friday (5): Friday, Thursday, Wednesday.
    expect(reportedWeekdays(5)).toBe((1 << 5) | (1 << 4) | (1 << 3));
    // Monday (1) reaches back over the weekend: Monday, Sunday, Saturday.
    expect(reportedWeekdays(1)).toBe((1 << 1) | (1 << 0) | (1 << 6));
    expect(reportedWeekdays(Number.NaN)).toBe(0);
  });

  it('joins an undated report naming Thursday to the story its Friday paper is in, and dates it', () => {
    const { stories } = dedupe([PAPER, WEB]);
    expect(stories).toHaveLength(1);
    expect(stories[0]!.date).toBe('2026-03-13');
    expect(stories[0]!.articles.map((m) => m.articleId).sort()).toEqual(['paper', 'web']);
  });

  it('still keeps it apart from a story dated before the day it names', () => {
    // Dated Tuesday 2026-03-10: a report of Thursday cannot be that story's.
    const early = article('paper', PAPER.paragraphs.map((p) => p.text), { date: '2026-03-10', title: PAPER.title ?? undefined });
    const { stories } = dedupe([early, WEB]);
    expect(stories).toHaveLength(2);
  });
});

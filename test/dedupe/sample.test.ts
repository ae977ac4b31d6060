import { describe, expect, it } from 'vitest';
import { dedupe, memberOf, readFolder, SAMPLE, storyOf } from './helpers.ts';

/** The five seed articles through the real ingest → clean → dedupe stages. */
describe('dedupe on the sample articles', () => {
  const { articles } = readFolder(SAMPLE);
  const { stories, reporter } = dedupe(articles);
  const id = (prefix: string) => articles.find((a) => a.id.startsWith(prefix))!.id;

  it('folds 001 and 002 into one wire story, one a duplicate of the other', () => {
    const story = storyOf(stories, id('001'));
    expect(storyOf(stories, id('002'))).toBe(story);
    const roles = [memberOf(story, id('001')), memberOf(story, id('002'))];
    const duplicate = roles.find((m) => m.role === 'duplicate');
    expect(duplicate).toBeDefined();
    expect(duplicate!.duplicateOf).toBe(roles.find((m) => m !== duplicate)!.articleId);
  });

  it('groups the wire story with 000, another report of the same meeting, dated 2025-03-18', () => {
    const story = storyOf(stories, id('000'));
    expect(story.articles.map((m) => m.articleId).sort()).toEqual([id('000'), id('001'), id('002')]);
    expect(memberOf(story, id('000')).role).not.toBe('duplicate');
    expect(story.date).toBe('2025-03-18');
    expect(story.articles.filter((m) => m.role === 'canonical')).toHaveLength(1);
  });

  it('keeps 003 and 004 as stories of their own, on their dates', () => {
    expect(storyOf(stories, id('003')).articles).toHaveLength(1);
    expect(storyOf(stories, id('003')).date).toBe('2025-04-23');
    expect(storyOf(stories, id('004')).articles).toHaveLength(1);
    expect(storyOf(stories, id('004')).date).toBe('2025-02-23');
    expect(stories.map((s) => s.date).sort()).toEqual(['2025-02-23', '2025-03-18', '2025-04-23']);
  });

  it('puts every article in exactly one story', () => {
    const all = stories.flatMap((s) => s.articles.map((m) => m.articleId)).sort();
    expect(all).toEqual(articles.map((a) => a.id).sort());
  });

  it('explains every fold, grouping and inferred date as a message and a reason', () => {
    const dedupeMessages = reporter.messages.filter((m) => m.stage === 'dedupe');
    const origin = dedupeMessages.find((m) => m.ruleId === 'dedupe/same-origin');
    expect(origin?.severity).toBe('info');
    expect((origin?.detail?.quotations as string[]).length).toBeGreaterThan(0);
    const event = dedupeMessages.find((m) => m.ruleId === 'dedupe/same-event');
    // One feature per name, labelled with its full spelling (features.ts `nameFeatures`).
    expect(event?.detail?.names).toEqual(expect.arrayContaining(['Kaja Kallas']));
    expect(event?.detail?.score).toBeGreaterThan(0);
    const inferred = dedupeMessages.filter((m) => m.ruleId === 'dedupe/date-inferred');
    expect(inferred.map((m) => m.articleId).sort()).toEqual([id('001'), id('002')]);
    expect(inferred.every((m) => m.detail?.dateSource === 'story' && m.detail?.date === '2025-03-18')).toBe(true);
    expect(dedupeMessages.some((m) => m.ruleId === 'dedupe/undated')).toBe(false);
    const story = storyOf(stories, id('000'));
    expect(story.reasons.some((r) => r.includes('same event'))).toBe(true);
    expect(story.reasons.some((r) => r.includes('copies of one story'))).toBe(true);
  });

  it('does not call two independent reports of one event duplicates (000 and 001 alone)', () => {
    const pair = articles.filter((a) => a.id === id('000') || a.id === id('001'));
    const { stories: two } = dedupe(pair);
    expect(two).toHaveLength(1);
    expect(two[0]!.articles.map((m) => m.role).sort()).toEqual(['canonical', 'related']);
  });
});

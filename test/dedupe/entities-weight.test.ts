/**
 * One name shared by two articles is not by itself one event (vectors.ts `capEntities`,
 * features.ts `nameFeatures`): hand-written stories, not the probe texts.
 */
import { describe, expect, it } from 'vitest';
import { article, dedupe } from './helpers.ts';
import { featureData } from '../../pipeline/dedupe/features.ts';
import { cosine } from '../../pipeline/dedupe/vectors.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import type { Story } from '../../pipeline/types.ts';

const DAY = '2025-05-14';

/** A transport secretary in two unrelated stories of one day. */
const RAIL = article(
  'rail',
  [
    'Transport Secretary Imogen Hartwell unveiled a 900 million pound programme on Wednesday to electrify branch lines across the north.',
    'Hartwell said diesel trains on eleven routes would be replaced by 2031, cutting journey times and emissions.',
    'Rail unions welcomed the announcement but said the timetable was vague.',
  ],
  { date: DAY, title: 'Imogen Hartwell announces rail electrification programme' },
);
const CAR = article(
  'car',
  [
    'Transport Secretary Imogen Hartwell has been fined 200 pounds and given three penalty points for driving at 47mph in a 30mph zone.',
    'Hartwell admitted the offence by letter and said she was embarrassed.',
    'The magistrates heard she had a clean licence.',
  ],
  { date: DAY, title: 'Imogen Hartwell fined for speeding' },
);
/** A second report of the rail programme: the person and the event's own words. */
const RAIL_AGAIN = article(
  'rail-again',
  [
    'Branch lines in the north will be electrified under a 900 million pound programme, Imogen Hartwell said on Wednesday.',
    'The transport secretary said eleven routes would lose their diesel trains by 2031.',
    'Rail unions called the electrification timetable vague.',
  ],
  { date: DAY, title: 'North to get electric branch lines' },
);

function storyOf(stories: Story[], id: string): string | undefined {
  return stories.find((s) => s.articles.some((m) => m.articleId === id))?.id;
}

describe('a shared name', () => {
  it('does not by itself make two stories about one person one event', () => {
    const { stories } = dedupe([RAIL, CAR, RAIL_AGAIN]);
    expect(storyOf(stories, 'rail')).not.toBe(storyOf(stories, 'car'));
    expect(storyOf(stories, 'rail-again')).not.toBe(storyOf(stories, 'car'));
    // The same event told twice still is one.
    expect(storyOf(stories, 'rail')).toBe(storyOf(stories, 'rail-again'));
  });

  it('adds at most 0.17 to a cosine: first name, surname and full name count once', () => {
    const config = defaultConfig().dedupe;
    const a = featureData(article('a', ['On Monday Imogen Hartwell spoke. Later Hartwell left.']), config);
    const b = featureData(article('b', ['On Friday Imogen Hartwell arrived. Then Hartwell sat down.']), config);
    expect(cosine(a.vector, b.vector)).toBeLessThanOrEqual(0.17 + 1e-6);
    // No feature of its own for a first name.
    expect(a.labels.keys.split('\n')).not.toContain('@imogen');
    expect(a.labels.keys.split('\n')).toContain('@imogen hartwell');
  });
});

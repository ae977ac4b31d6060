/**
 * Two events written to one template are not copies of one story (origin.ts `alignSentences`
 * skips sentences whose names or numbers conflict): hand-written reports, not the probe texts.
 */
import { describe, expect, it } from 'vitest';
import { article, dedupe } from './helpers.ts';
import { alignSentences, sentenceWordSets } from '../../pipeline/dedupe/origin.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';

const DAY = '2026-01-15';

/** One airport-traffic template, two airports. */
const ORWELL = [
  'Orwell Airport handled more passengers in December than a year earlier, helped by strong holiday demand for winter sun routes, the operator said on Thursday.',
  'Traffic grew 6% over the month, while business travel to European capitals stayed flat and cargo volumes slipped slightly.',
  'Punctuality improved to 81% of flights leaving on time, as new baggage equipment and extra security staff shortened queues at peak hours.',
  'Managing director Tomasz Ferrand said the airport expected a busy summer season and would keep hiring security staff.',
  'Orwell plans to open a second security hall in the spring to cope with rising passenger numbers.',
];
// Function words moved about (not content words: the sentences stay alike), so the two share
// few word 3-grams and only the sentence alignment could take them for copies.
const KESTON = [
  'So Keston Airport also handled more of the passengers in December than it did a year earlier, very much helped by some strong holiday demand for the winter sun routes, its operator then said on Thursday.',
  'The traffic also grew by 3% over this month, while the business travel to the European capitals just stayed flat and then the cargo volumes also slipped slightly.',
  'The punctuality also improved to 77% of its flights leaving on time, as the new baggage equipment and some extra security staff then shortened the queues at the peak hours.',
  'Its managing director Ruth Abernathy said that the airport now expected a very busy summer season and that it would also keep on hiring more security staff.',
  'So Keston now plans to open up a second security hall in the spring, to then cope with the rising passenger numbers.',
];
/** A rewrite of the Orwell report: reworded, its names and figures kept. */
const ORWELL_REWRITE = [
  'Orwell Airport said on Thursday it handled more passengers in December than a year earlier, helped by holiday demand for winter sun routes.',
  'Traffic grew 6% over the month; business travel to European capitals stayed flat and cargo volumes slipped.',
  'Punctuality improved to 81% of flights leaving on time, as new baggage equipment and extra security staff shortened queues.',
  'Managing director Tomasz Ferrand said the airport expected a busy summer season.',
];

describe('templated reports of different events', () => {
  it('do not align sentence by sentence; a rewrite of one report still does', () => {
    const orwell = sentenceWordSets(ORWELL.join(' '));
    const keston = sentenceWordSets(KESTON.join(' '));
    // Only a sentence without names or figures of its own may still align (too few for a copy).
    expect(alignSentences(orwell, keston, 0.5).aligned).toBeLessThan(defaultConfig().dedupe.sameOriginMinSentences);
    expect(alignSentences(orwell, sentenceWordSets(ORWELL_REWRITE.join(' ')), 0.5).aligned).toBeGreaterThanOrEqual(3);
  });

  it('are not folded as copies of one story', () => {
    const { stories } = dedupe([article('orwell', ORWELL, { date: DAY }), article('keston', KESTON, { date: DAY }), article('orwell-rewrite', ORWELL_REWRITE, { date: DAY })]);
    const members = stories.flatMap((s) => s.articles);
    expect(members.find((m) => m.articleId === 'keston')?.duplicateOf).toBeUndefined();
    expect(members.some((m) => m.duplicateOf === 'keston')).toBe(false);
    // The rewrite of the Orwell report still is one.
    const rewrite = members.find((m) => m.articleId === 'orwell-rewrite')?.duplicateOf ?? members.find((m) => m.articleId === 'orwell')?.duplicateOf;
    expect(['orwell', 'orwell-rewrite']).toContain(rewrite);
  });
});

describe('numbers in aligned sentences', () => {
  it('are compared without their thousands commas: "12000" in a copy states "12,000"', () => {
    const original = sentenceWordSets('The festival sold 12,000 tickets for its opening weekend in the harbour park. Organisers said 1,250 volunteers helped run the stages this year.');
    const copy = sentenceWordSets('The festival sold 12000 tickets for its opening weekend in the harbour park. Organisers said 1250 volunteers helped run the stages this year.');
    const other = sentenceWordSets('The festival sold 9,000 tickets for its opening weekend in the harbour park. Organisers said 800 volunteers helped run the stages this year.');
    expect(alignSentences(original, copy, 0.5).aligned).toBe(2);
    expect(alignSentences(original, other, 0.5).aligned).toBe(0);
  });
});

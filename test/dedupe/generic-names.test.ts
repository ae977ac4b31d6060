/**
 * Generic words capitalised in names ("Council", "Bank", "Hospital") are no names of their own
 * (entities.ts `isGenericNameWord`): hand-written stories, not the probe texts.
 */
import { describe, expect, it } from 'vitest';
import { article, dedupe } from './helpers.ts';
import { featureData } from '../../pipeline/dedupe/features.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';

const DAY = '2025-11-19';

/** Two hospital trusts, two unrelated decisions, each written with "the Hospital". */
const PARKING = article(
  'parking',
  [
    'Visitors to Rushmere General will pay 4 pounds an hour to park from January, the Hospital announced.',
    'A spokesperson for the Hospital said parking income would fund two extra night porters.',
    'Patient groups said the charges would fall hardest on families visiting every day.',
  ],
  { date: DAY, title: 'Rushmere General raises parking charges' },
);
const MATERNITY = article(
  'maternity',
  [
    'The maternity unit at Calderbrook Infirmary will close to new admissions for six weeks after inspectors found staff shortages, the Hospital confirmed.',
    'Expectant mothers will be sent to units in Halverton and Pelling, the Hospital said.',
    'Midwives said they had warned managers about rotas for months.',
  ],
  { date: DAY, title: 'Calderbrook maternity unit closes temporarily' },
);

describe('generic words in names', () => {
  it('"the Hospital" is no name feature, and a word the text writes in lower case is none either', () => {
    const config = defaultConfig().dedupe;
    const keys = featureData(PARKING, config).labels.keys.split('\n');
    expect(keys).not.toContain('@hospital');
    // "Rushmere" stays a name ("General" is a title word, entities.ts NOT_NAMES).
    expect(keys).toContain('@rushmere');
    const lower = featureData(article('x', ['The Harbour reopened on Monday. Boats left the harbour at dawn, and Ingrid Sealy watched.']), config);
    expect(lower.labels.keys.split('\n')).not.toContain('@harbour');
  });

  it('two hospitals\' unrelated decisions are not one event for sharing "Hospital"', () => {
    const { stories, reporter } = dedupe([PARKING, MATERNITY]);
    expect(stories).toHaveLength(2);
    const names = reporter.messages.filter((m) => m.ruleId === 'dedupe/same-event').flatMap((m) => (m.detail?.names as string[]) ?? []);
    expect(names).not.toContain('Hospital');
  });
});

import { describe, expect, it } from 'vitest';
import { danglingReference } from '../../pipeline/summarise/dangling.ts';

describe('danglingReference', () => {
  it.each([
    'He said the talks would continue.',
    'She added: “We need to build on that.”',
    'It comes as the EU’s foreign affairs chief is to meet ministers.',
    'But Mr Lammy and Mr Healey held talks with their counterparts.',
    'They are also expected to discuss action against cyberattacks.',
    'The pair met in London.',
    '“We need to build on that,” she said, pointing to foreign policy.',
    '“The leaders agreed to stay in close contact.”',
    'However, the Kremlin has remained resistant.',
    'This is a critical moment.',
    'Asked about the deal, he declined to comment.',
  ])('needs an antecedent: %s', (sentence) => {
    expect(danglingReference(sentence)).not.toBeNull();
  });

  it.each([
    'David Lammy has reiterated the need for an “enduring and a lasting peace” in Ukraine.',
    'This week the leaders meet in Washington.',
    'It is unclear whether the talks will resume.',
    '“We are grateful to the UK,” Mr Sybiha said.',
    'Mr Trump said: “Many elements have been agreed to.”',
    'Downing Street said the UK remains “absolutely committed”.',
    'Italy’s prime minister arrived on Monday.',
  ])('stands alone: %s', (sentence) => {
    expect(danglingReference(sentence)).toBeNull();
  });
});

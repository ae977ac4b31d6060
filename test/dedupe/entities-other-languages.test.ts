/**
 * Names in other languages' text: days, months, titles and honorifics that German capitalises (and every language's
 * sentence may open with) are no names, as English's are not (entities.ts `NOT_NAMES`).
 */
import { describe, expect, it } from 'vitest';
import { extractNames } from '../../pipeline/dedupe/entities.ts';

describe('names in other languages', () => {
  it('leaves out weekdays, months, titles and honorifics, and keeps the names after them', () => {
    const text =
      'Die Regierung hat die Reform am Donnerstag beschlossen, sagte Bundeskanzler Olaf Weber in Berlin. Im Dezember soll Frau Anna Klein folgen. Le président Marc Durand a parlé jeudi. Lunedì il sindaco Paolo Neri ha detto di no.';
    const names = extractNames(text).map((n) => n.text);
    expect(names).toEqual(expect.arrayContaining(['Olaf Weber', 'Berlin', 'Anna Klein', 'Marc Durand', 'Paolo Neri']));
    for (const word of ['Donnerstag', 'Dezember', 'Bundeskanzler', 'Frau', 'Lunedì']) expect(names.join(' | ')).not.toContain(word);
  });
});

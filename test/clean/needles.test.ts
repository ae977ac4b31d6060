import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUES } from '../../pipeline/clean/furniture/lexicon.ts';
import { LiteralScanner, requiredLiterals } from '../../pipeline/clean/furniture/needles.ts';
import { generateCorpus } from '../../bench/corpus.ts';
import { HELD_OUT, TRICKY_ARTICLE_TEXT } from './fixtures/held-out.ts';

const literals = CUES.map((cue) => requiredLiterals(cue.pattern));
const scanner = new LiteralScanner(literals);

/** The prefilter's promise: whenever a cue's pattern matches a text, its literals are found in it. */
function assertSound(text: string): void {
  const found = scanner.scan(text.toLowerCase());
  CUES.forEach((cue, i) => {
    if (cue.pattern.test(text)) expect(found[i], `${cue.label} ${String(cue.pattern)} on ${JSON.stringify(text.slice(0, 80))}`).toBe(1);
  });
}

describe('requiredLiterals', () => {
  it('names the literals a match must contain, lower-cased, without redundant ones', () => {
    expect(requiredLiterals(/\bsubscri(ption|bers?)\b/i)).toEqual(['subscription', 'subscriber']);
    expect(requiredLiterals(/\bsign[ -]?ups?\b/i)).toEqual(['signup', 'sign up', 'sign-up']);
    expect(requiredLiterals(/^(Read more|Related)\b\s*(:|$)/i)).toEqual(['read more', 'related']);
    expect(requiredLiterals(/\bfollow (us|@\w+)\b/i)).toEqual(['follow ']);
  });

  it('promises nothing where a pattern may match without a literal', () => {
    expect(requiredLiterals(/\w+ly\b|\d{4}/)).toBeNull();
    expect(requiredLiterals(/(news)?/i)).toBeNull();
    expect(requiredLiterals(/[a-z]+ (?=now)/i)).toEqual([' ']);
    // Unicode case folding is wider than lower-casing: no promise.
    expect(requiredLiterals(/subscribe/iu)).toBeNull();
    expect(requiredLiterals(new RegExp('(a)\\1'))).toBeNull();
  });

  it('finds a literal for almost every cue (the prefilter is worth having)', () => {
    // Four run on every paragraph: the date line and the line without words (digits and marks, no letters to
    // promise; both anchored and bounded, so a paragraph fails them within its first few dozen characters),
    // contact details and boilerplate labels.
    expect(literals.filter((l) => l === null).length).toBeLessThanOrEqual(4);
  });
});

describe('LiteralScanner', () => {
  it('finds overlapping and nested literals in one pass', () => {
    const scan = new LiteralScanner([['she'], ['he', 'hers'], ['his'], null, ['xyz']]);
    expect([...scan.scan('ushers')]).toEqual([1, 1, 0, 1, 0]);
    expect([...scan.scan('this')]).toEqual([0, 0, 1, 1, 0]);
    expect([...scan.scan('')]).toEqual([0, 0, 0, 1, 0]);
  });

  it('never misses a cue that matches, on the synthetic corpus and the held-out fixtures', () => {
    const texts = [
      ...generateCorpus({ articles: 300, seed: 3 }).flatMap((a) => a.text.split(/\n+/)),
      ...HELD_OUT.flatMap((f) => f.paragraphs.map((p) => p.text)),
      ...TRICKY_ARTICLE_TEXT,
    ];
    for (const text of texts) assertSound(text);
  });

  it('never misses a cue that matches, on generated text built from the cues’ own words', () => {
    // Words and separators the cues are made of, in any case, with quotes, symbols and non-ASCII letters around them.
    const words = [...new Set(literals.flat().filter((l): l is string => l !== null).flatMap((l) => l.split(/\s+/)))].filter(Boolean);
    const piece = fc.oneof(
      fc.constantFrom(...words),
      fc.constantFrom(...words).map((w) => w.toUpperCase()),
      fc.constantFrom(' ', '  ', '\n', '-', '’', "'", '“', '”', '"', '.', ': ', '©', '(', ')', '|', '›', 'İ', 'ſ', 'K', 'é', '😀'),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        assertSound(pieces.join(''));
        assertSound(pieces.join(' '));
      }),
      { numRuns: 3000, seed: 10 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../pipeline/common/text.ts';
import { article, clean } from './helpers.ts';

/** Lines in the shapes scraped text takes, furniture words included, so every code path is hit. */
const line = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    'Sign up to our newsletter',
    'CLICK HERE',
    '“We will support you,” she said.',
    '“Unclosed quote runs on',
    '- a list item',
    '> quoted',
    '1. numbered',
    'Photo: Getty Images',
    'Heading Without Punctuation',
    'Read more The minister said the plan would go ahead.',
    '',
    '   ',
    '"straight "quotes" nested',
    '© 2025',
    'The plan passed in 2019.[3] Critics objected.[citation needed]',
    '{{< tweet user="council" id="12" >}}',
    '{% include signup.html %}',
  ),
  fc.array(fc.constantFrom('the', 'You', 'our', 'support', 'Join', 'council', 'said', '.', '!', '“', '”', 'app', 'free'), { maxLength: 40 }).map((w) => w.join(' ')),
);

describe('any text: never a crash, nothing invented, nothing lost silently', () => {
  it('every word of the input is either kept or in a removal, in txt and md', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom('txt' as const, 'md' as const), (lines, format) => {
        const raw = lines.join('\n');
        const { cleaned, messages } = clean([article(raw, { format })]);
        const result = cleaned[0]!;
        expect(result.text).toBe(result.paragraphs.map((p) => p.text).join('\n\n'));
        const removals = messages.filter((m) => m.severity === 'info' && m.ruleId !== 'clean/kept');
        expect(removals).toHaveLength(result.removed.length);
        if (format === 'txt') {
          // Plain text is only split and re-spaced, never rewritten: all words are accounted for.
          const out = new Set(tokenize([...result.paragraphs.map((p) => p.text), ...result.removed.map((r) => r.text)].join(' ')));
          for (const word of tokenize(raw.replace(/^\s*(?:[-*•▪●◦‣]|\d{1,3}[.)])\s+/gm, '').replace(/^>\s?/gm, ''))) expect(out.has(word)).toBe(true);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('huge and deeply odd inputs finish', () => {
    const big = Array.from({ length: 5000 }, (_, i) => `Paragraph ${i} says the council met “to discuss item ${i}”.`).join('\n');
    expect(clean([article(big)]).cleaned[0]!.paragraphs).toHaveLength(5000);
    const oneLine = 'word '.repeat(200_000);
    expect(clean([article(oneLine)]).cleaned[0]!.paragraphs).toHaveLength(1);
    expect(clean([article('“'.repeat(10_000))]).cleaned[0]!.paragraphs).toHaveLength(1);
    const nested = clean([article(`${'>'.repeat(10_000)} deep`, { format: 'md' })]);
    expect(nested.cleaned[0]!.text).toContain('deep');
    expect(nested.messages.filter((m) => m.severity === 'warning').map((m) => m.ruleId)).toEqual(['clean/markdown-failed']);
  });
});

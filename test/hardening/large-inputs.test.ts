/**
 * Lists as long as the input makes them: `push(...items)` and `Math.max(...values)` put every
 * element on the stack and threw "Maximum call stack size exceeded" past ~120,000 of them — a
 * text of 200,000 one-line paragraphs failed `briefing extract` until session 23 (common/arrays.ts).
 */
import { describe, expect, it } from 'vitest';
import { appendAll, maxOf } from '../../pipeline/common/arrays.ts';
import { textToParagraphs } from '../../pipeline/clean/text/paragraphs.ts';

describe('inputs that make long lists', () => {
  it('a text of 200,000 lines becomes 200,000 paragraphs', () => {
    const paragraphs = textToParagraphs('Short line.\n'.repeat(200_000));
    expect(paragraphs).toHaveLength(200_000);
    expect(paragraphs[199_999]).toMatchObject({ text: 'Short line.', line: 200_000 });
  });

  it('appendAll and maxOf take a million elements, as push and Math.max take a few', () => {
    const many = Array.from({ length: 1_000_000 }, (_, i) => i);
    expect(() => [].push(...(many as never[]))).toThrow(RangeError);
    expect(appendAll([-1], many)).toHaveLength(1_000_001);
    expect(maxOf(many)).toBe(999_999);
    expect(maxOf([], 1e-9)).toBe(1e-9);
    expect(maxOf([1, Number.NaN, 3])).toBeNaN();
    expect(maxOf([2, 5, 3])).toBe(Math.max(2, 5, 3));
  });
});

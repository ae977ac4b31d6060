import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { segmentsInWindows } from '../../pipeline/common/sentences.ts';
import { quotations } from '../../pipeline/dedupe/origin.ts';
import { tokenize } from '../../pipeline/common/text.ts';

/**
 * Scans rewritten to stay linear on hostile text, held to the simple form they
 * replace: the sentence splitter reads long text window by window
 * (common/sentences.ts) and must return what Intl.Segmenter returns for the
 * whole text; dedupe's quotation finder (dedupe/origin.ts) must find what its
 * old regular expressions found. `npm run fuzz` runs them longer (FUZZ_RUNS, FUZZ_SEED).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
vi.setConfig({ testTimeout: process.env.FUZZ_RUNS ? 12 * 3_600_000 : 120_000 });

describe('segmentsInWindows', () => {
  const whole = new Intl.Segmenter('en', { granularity: 'sentence' });
  // Pieces that exercise UAX #29's sentence rules: terminators, closing quotes and
  // brackets, spaces, paragraph separators, digits after a full stop, abbreviations,
  // lower- and upper-case starts, CJK and astral characters, stray quote marks.
  const piece = fc.oneof(
    fc.constantFrom('He said', 'the plan', 'U.S.', 'Mr.', 'e.g.', '3.5', '10', 'A.', 'no.', 'etc.', '“We', 'go.”', '"', ')', '(', '’', '—'),
    fc.constantFrom('. ', '? ', '! ', '.', '…', '。', '\n', '\n\n', '\r\n', '\u2029', ' ', '  ', '\t', '.) ', '." ', '.” '),
    fc.string({ unit: 'grapheme', maxLength: 4 }),
  );
  const text = fc.array(piece, { maxLength: 120 }).map((pieces) => pieces.join(''));

  it('returns the segments Intl.Segmenter returns for the whole text, whatever the window', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 80 }), (input, window) => {
        const expected = Array.from(whole.segment(input), (s) => ({ segment: s.segment, index: s.index }));
        expect(Array.from(segmentsInWindows(input, window))).toEqual(expected);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});

describe('quotations', () => {
  // The patterns quotations() used to run: the specification of what it finds.
  const PATTERNS = [/“([^”]+)”/gu, /"([^"]+)"/gu, /(?<![\p{L}\p{N}])‘([^’]+)’(?![\p{L}\p{N}])/gu, /«([^»]+)»/gu, /``(.+?)''/gu];
  const piece = fc.oneof(
    fc.constantFrom('“', '”', '"', '‘', '’', '«', '»', '``', "''", "'", '`', '\n', '\r', '\u2028', ' ', 'We go', '1', '𝒜', 'é', "don't", 'x’s'),
    fc.string({ unit: 'grapheme', maxLength: 3 }),
  );

  it('finds the quotations the regular expressions find, in the same order', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join('')), (text) => {
        const expected = PATTERNS.flatMap((pattern) => Array.from(text.matchAll(pattern), (m) => tokenize(m[1]!)));
        expect(quotations(text).map((words) => [...words])).toEqual(expected);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});

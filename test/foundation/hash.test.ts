/**
 * `sha256(...parts)` names cache entries and identities everywhere, so its digests must never
 * change: each part then a NUL, hashed as one stream — whether it goes the one-shot way (texts)
 * or through a Hash object (bytes among the parts).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../pipeline/common/hash.ts';

function streamed(...parts: (string | Uint8Array)[]): string {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part).update('\u0000');
  return digest.digest('hex');
}

describe('sha256', () => {
  it('is the digest of each part followed by a NUL, for any texts (lone surrogates too) and bytes', () => {
    const part = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.uint8Array({ maxLength: 20 }));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 5 }), (parts) => {
        expect(sha256(...parts)).toBe(streamed(...parts));
      }),
      { numRuns: 500, seed: 20261205 },
    );
    expect(sha256()).toBe(streamed());
    expect(sha256('ab', 'c')).not.toBe(sha256('a', 'bc'));
  });
});

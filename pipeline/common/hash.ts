import { createHash, hash } from 'node:crypto';

/** Hex sha256 of the given parts, separated so that ("ab","c") ≠ ("a","bc"). */
export function sha256(...parts: (string | Uint8Array)[]): string {
  // Texts only (nearly every call): one call, no Hash object — the same bytes hashed, the same
  // digest. A year's new day makes ~150,000 of these (article identities, story keys); the
  // object, its two updates per part and its digest were most of their cost (0.2 s of the pair
  // cache's 100,000 identities alone).
  if (parts.length > 0 && parts.every((part) => typeof part === 'string')) return hash('sha256', `${parts.join('\u0000')}\u0000`);
  const digest = createHash('sha256');
  for (const part of parts) {
    digest.update(part);
    digest.update('\u0000');
  }
  return digest.digest('hex');
}

/** A short, stable id from content: the first `length` hex digits of its sha256. */
export function shortHash(text: string, length = 12): string {
  return sha256(text).slice(0, length);
}

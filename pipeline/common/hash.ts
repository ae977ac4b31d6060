import { createHash } from 'node:crypto';

/** Hex sha256 of the given parts, separated so that ("ab","c") ≠ ("a","bc"). */
export function sha256(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(part);
    hash.update('\u0000');
  }
  return hash.digest('hex');
}

/** A short, stable id from content: the first `length` hex digits of its sha256. */
export function shortHash(text: string, length = 12): string {
  return sha256(text).slice(0, length);
}

import { hash } from 'node:crypto';
import type { Paragraph } from '../types.ts';

/**
 * sha256 of cleaned paragraphs: each one's type, its length and its text (so
 * no two lists hash alike), not their lines, which no later stage reads.
 * Computed once when clean decides an article and cached with the decision
 * (`Article.paragraphsHash`), so summarise's cache key of an unchanged article
 * costs a few hundred bytes of hashing instead of its whole text on every build.
 */
export function paragraphsHash(paragraphs: readonly Paragraph[]): string {
  // One string, hashed in one call: a call into the hash per paragraph costs more than the copy.
  let body = String(paragraphs.length);
  for (const { type, text } of paragraphs) body += `\u0000${type}\u0000${text.length}\u0000${text}`;
  return hash('sha256', body);
}

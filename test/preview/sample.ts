import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A temporary copy of the sample (content/ and templates/ of the repository)
 * plus two extra articles dated 2025-03-18 about unrelated events, so that
 * edition has several stories to hide and reorder.
 */
export function sampleCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'briefing-preview-'));
  cpSync(path.join(ROOT, 'content'), path.join(dir, 'content'), { recursive: true, filter: (src) => !src.includes(`${path.sep}editions`) });
  cpSync(path.join(ROOT, 'templates'), path.join(dir, 'templates'), { recursive: true });
  for (const name of ['harbour-bridge.md', 'orchard-library.md']) {
    cpSync(path.join(ROOT, 'test', 'preview', 'fixtures', name), path.join(dir, 'content', name));
  }
  return dir;
}

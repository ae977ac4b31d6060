import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Briefing's own folder (the one holding its package.json): where `templates/` and the
 * pipeline's data files are. Found by walking up from this module rather than by a fixed
 * `../..`, because the same code also runs compiled, from `dist/pipeline/` — one level
 * deeper (pipeline/cli/compile.mjs) — and must find the same files from there.
 */
export const PACKAGE_ROOT = packageRootAbove(path.dirname(fileURLToPath(import.meta.url)));

/** A file of the package, by its path from the package's folder (`pipeline/dedupe/data/…`). */
export function packageFile(relative: string): string {
  return path.join(PACKAGE_ROOT, relative);
}

function packageRootAbove(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}: Briefing's files are not where it was installed`);
  }
}

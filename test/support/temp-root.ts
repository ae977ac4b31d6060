/**
 * Vitest global setup: one temporary folder for the whole test run, removed when it ends.
 *
 * Tests make scratch workspaces with `mkdtempSync(path.join(tmpdir(), …))` (a
 * content folder, an out/, a cache, a Chromium profile) and the CLI processes they
 * start make their own. Left in the system's temporary folder, every `npm test` added
 * ~150 folders there. Pointing `TMPDIR` at one folder of this run before any test
 * file loads sends all of them there — `os.tmpdir()` reads it at each call, and the
 * test workers and every process they start inherit it — so the teardown removes
 * them in one go, whatever a test forgot or was killed before it could remove.
 *
 * `BRIEFING_KEEP_TEST_TMP=1` keeps the folder (its path is printed) to look at
 * what a failing test left behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The name every run's folder starts with. */
export const SCRATCH_PREFIX = 'briefing-tests-';

export default function setup(): () => void {
  return scratchRoot(process.env);
}

/** Points `env.TMPDIR` at a new folder; the function returned puts it back and removes the folder. */
export function scratchRoot(env: NodeJS.ProcessEnv): () => void {
  const before = env.TMPDIR;
  const root = mkdtempSync(path.join(before ?? tmpdir(), SCRATCH_PREFIX));
  env.TMPDIR = root;
  return function teardown(): void {
    if (before === undefined) delete env.TMPDIR;
    else env.TMPDIR = before;
    if (env.BRIEFING_KEEP_TEST_TMP) {
      process.stdout.write(`Test scratch folders kept in ${root}\n`);
      return;
    }
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}

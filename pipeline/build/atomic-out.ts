import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, unlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * `out/` is replaced, never edited in place: a build renders into a staging
 * folder beside it, then swaps it in with two renames. A failed or killed
 * build leaves the previous `out/` whole; the only window in which `out/` is
 * missing is between the two renames, and `recoverOut` (run at the start of
 * every build) puts the previous one back if a kill landed there.
 */

function siblings(outDir: string): { parent: string; base: string } {
  const absolute = path.resolve(outDir);
  return { parent: path.dirname(absolute), base: path.basename(absolute) };
}

/** What follows `.<out>.` in the name of a folder a build leaves beside `out/`: `staging-PID-TIME` or `previous-PID`. */
const LEFTOVER = /^(?:staging-\d+-\d+|previous-\d+)$/;

/** Restores `out/` after a kill between the renames, and removes stale staging folders. */
export function recoverOut(outDir: string): void {
  const { parent, base } = siblings(outDir);
  if (!existsSync(parent)) return;
  // Only names a build makes (`createStaging`, `commitStaging`): anything else beside out/ — a `.out.bak` — is the user's.
  const ours = (name: string) => name.startsWith(`.${base}.`) && LEFTOVER.test(name.slice(base.length + 2));
  const leftovers = readdirSync(parent).filter(ours);
  const previous = leftovers.filter((name) => name.startsWith(`.${base}.previous-`)).sort();
  if (!existsSync(path.join(parent, base)) && previous.length > 0) {
    renameSync(path.join(parent, previous[previous.length - 1]!), path.join(parent, base));
  }
  for (const name of readdirSync(parent).filter(ours)) {
    const pid = Number(/-(\d+)(?:-\d+)?$/.exec(name)?.[1]);
    // Leave a concurrent build's staging folder alone.
    if (pid && pid !== process.pid && isAlive(pid)) continue;
    rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

/** A fresh, empty staging folder beside `out/`. */
export function createStaging(outDir: string): string {
  const { parent, base } = siblings(outDir);
  mkdirSync(parent, { recursive: true });
  const staging = path.join(parent, `.${base}.staging-${process.pid}-${Date.now()}`);
  rmSync(staging, { recursive: true, force: true });
  // Not recursive: the parent exists now, and a recursive mkdir reports a
  // read-only file system as ENOENT, which would mislead the operator.
  mkdirSync(staging);
  return staging;
}

/** Swaps the staging folder in as `out/`, then deletes the previous one. */
export function commitStaging(staging: string, outDir: string): void {
  const { parent, base } = siblings(outDir);
  const target = path.join(parent, base);
  const previous = path.join(parent, `.${base}.previous-${process.pid}`);
  const hadPrevious = existsSync(target);
  if (hadPrevious) renameSync(target, previous);
  renameSync(staging, target);
  if (hadPrevious) removeTree(previous);
}

/**
 * Deletes a folder that only builds wrote (files and folders, no links to
 * folders): one `readdir` per folder and one `unlink` per file. `rmSync`'s
 * recursive walk also `lstat`s every entry and tries `rmdir` before reading a
 * folder, which took twice as long on every build (the previous `out/` is all
 * of an archive's files). Anything unexpected falls back to `rmSync`.
 */
function removeTree(dir: string): void {
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const entryPath = path.join(dir, entry.name);
      if (entry.isDirectory()) removeTree(entryPath);
      else unlinkSync(entryPath);
    }
    rmdirSync(dir);
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function discardStaging(staging: string): void {
  rmSync(staging, { recursive: true, force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

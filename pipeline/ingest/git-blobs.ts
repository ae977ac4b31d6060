import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * What git knows of a content folder's files: the blob id (the hash of the content, as git
 * stores it) of each file it tracks whose content is the one in its index, by path relative to
 * the folder. Ingest asks only when a file's stat no longer matches its record
 * (unchanged-files.ts): on a fresh checkout — a GitHub Actions run — every file has a new mtime,
 * ctime and inode, so the stat says nothing, but a file whose blob id is the one recorded has the
 * content it had. Empty when the folder is in no git work tree, when git is not installed or
 * when it fails: then files are read as before.
 *
 * Why git and not our own hash of each file: hashing means reading every file, which is the
 * cost to save (a year of 100,000 files: ~8 s of ingest on the Actions path). Git answers from
 * its index, whose stat data a checkout has just written: `git status` opens no file whose stat
 * matches its index entry, and re-reads the ones that do not (so a file edited, or touched, since
 * the checkout is compared by content, by git). Run with `GIT_OPTIONAL_LOCKS=0`, so asking
 * writes nothing, not even git's refreshed index.
 */
export function trackedBlobs(root: string): Map<string, string> {
  const blobs = new Map<string, string>();
  const prefix = git(root, ['rev-parse', '--show-prefix']);
  if (prefix === null) return blobs;
  const inRepo = prefix.trim();
  const listed = git(root, ['ls-files', '--stage', '-z', '--full-name', '--', '.']);
  // Changed against the index (staged or not), with the paths from the repository's root, as ls-files --full-name gives them.
  const status = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=no', '--no-renames', '--ignore-submodules', '--', '.']);
  if (listed === null || status === null) return blobs;
  const changed = new Set<string>();
  for (const entry of status.split('\0')) if (entry.length > 3) changed.add(entry.slice(3));
  for (const entry of listed.split('\0')) {
    // "<mode> <blob> <stage>\t<path>": stage 0 is a merged entry (1–3 are a conflict's sides).
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, blob, stage] = entry.slice(0, tab).split(' ');
    const file = entry.slice(tab + 1);
    // Regular files only: a symbolic link's blob is its target's path, not the content ingest reads.
    if (stage !== '0' || !mode?.startsWith('100') || !blob || changed.has(file) || !file.startsWith(inRepo)) continue;
    const name = file.slice(inRepo.length);
    blobs.set(path.sep === '/' ? name : name.split('/').join(path.sep), blob);
  }
  return blobs;
}

/** A git command's standard output in `cwd`, or null when it cannot run or fails. */
function git(cwd: string, args: string[]): string | null {
  const result = spawnSync('git', ['-C', cwd, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
  });
  return result.status === 0 && typeof result.stdout === 'string' ? result.stdout : null;
}

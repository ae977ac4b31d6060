/**
 * What a build left in a workspace (its `.cache/` and `out/`), kept so that a rebuild can start
 * from it again and again, as a user's next build starts from the last one's. Shared by the
 * benchmarks that time rebuilds (build.bench.ts, year.bench.ts).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface KeptBuild {
  /** Puts `.cache/` and `out/` back as the build left them (whatever a rebuild made of them since). */
  restore(): void;
  discard(): void;
}

/**
 * Keeps the workspace's `.cache/` (copied) and `out/` (hard links: the very files the build wrote).
 *
 * Why links for `out/`: render reuses an unchanged edition's files only while they are the files it
 * wrote (same inode, size and mtime: pipeline/render/reuse.ts), as they are in a user's `out/`
 * between two builds. A copied `out/` is another set of files, so a rebuild on it writes every
 * edition's four files again: a cost a user's rebuild never pays (on 1,000 articles render took
 * 46–51 ms against 28–34 ms with links, measured side by side, session 26). The links are safe: a
 * build never writes into `out/`, it replaces it whole (pipeline/build/atomic-out.ts). The content
 * is never copied: ingest trusts a file only while its inode and ctime are those it recorded (a
 * copied corpus would be read again whole).
 */
export function keepBuild(cwd: string): KeptBuild {
  // Inside the workspace (beside content/, which is all a build reads), so removing the workspace removes it.
  const kept = path.join(cwd, '.bench-kept');
  rmSync(kept, { recursive: true, force: true });
  mkdirSync(kept);
  cpSync(path.join(cwd, '.cache'), path.join(kept, 'cache'), { recursive: true });
  linkTree(path.join(cwd, 'out'), path.join(kept, 'out'));
  return {
    restore() {
      clearBuild(cwd);
      cpSync(path.join(kept, 'cache'), path.join(cwd, '.cache'), { recursive: true });
      linkTree(path.join(kept, 'out'), path.join(cwd, 'out'));
    },
    discard: () => rmSync(kept, { recursive: true, force: true }),
  };
}

/** The workspace as before its first build: no cache, no `out/`. */
export function clearBuild(cwd: string): void {
  for (const name of ['.cache', 'out']) rmSync(path.join(cwd, name), { recursive: true, force: true });
}

/** `to` as a tree of hard links to `from`'s files (`cp -al`). */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [path.join(from, entry.name), path.join(to, entry.name)];
    if (entry.isDirectory()) linkTree(source, target);
    else linkSync(source, target);
  }
}

/**
 * Writes the machine still holds in memory (a cache just built, or just put back for the next
 * rebuild) go to disk before a build is timed: else the kernel writes them back while that build
 * runs, and it is timed with them (a new day on a year: 30.3 against 28.5 s, measured), and
 * SQLite's checkpoint on close `fsync`s a database whose copied pages are all still dirty. A
 * user's build starts on a cache written by the build before. `sync` where there is one (Linux,
 * macOS); without it, nothing is waited for.
 */
export function settleWrites(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

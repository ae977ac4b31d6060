/**
 * Reusing the previous `out/`'s files for editions that did not change.
 *
 * A build renders into a fresh staging folder that then replaces `out/`
 * (pipeline/build/atomic-out.ts), so every build used to write every
 * edition's four files again — most of a rebuild's render time when one
 * edition of a year changed. The files of an edition whose render key (its
 * data, the templates, the config, the code: see index.ts) is unchanged are
 * the same bytes as last time, so they are hard-linked from the previous
 * `out/` into the staging folder instead.
 *
 * Why that is safe: `out/` is never modified in place (a build replaces it
 * whole, and linked files are never written to: an edition is either linked
 * or written, all four files), and each link is checked first. The render
 * cache keeps a manifest of what the last render wrote for each date — its
 * key, the warnings rendering it gave (said again when it is reused, so
 * report.json is the same), and each file's inode, size and modification
 * time. A file is reused only when the previous `out/` still holds that very
 * file (same inode, size and mtime, as git's index checks a working tree),
 * so a file someone edited, replaced or deleted, or an `out/` that is not
 * the one the manifest describes (a failed build, a restored backup), is
 * rendered again. A link that cannot be made (another file system, no hard
 * links) also falls back to rendering. Without a cache nothing is linked.
 */
import { linkSync, mkdirSync, rmSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { StageCache } from '../common/cache.ts';
import { sha256 } from '../common/hash.ts';
import type { Message } from '../types.ts';

/** The files of one edition's folder (`editions/DATE/`). */
export const EDITION_FILES = ['email.html', 'email.txt', 'index.html', 'edition.json'] as const;
export type EditionFile = (typeof EDITION_FILES)[number];

/** Identity of a written file: enough to tell that it is still the file written then. */
interface FileStamp {
  ino: number;
  size: number;
  mtimeMs: number;
}

/** What one render wrote for one date. */
export interface WrittenEdition {
  /** The edition's render key. */
  key: string;
  /** The warnings rendering it gave. */
  messages: Message[];
  files: Record<EditionFile, FileStamp>;
}

interface Manifest {
  editions: Record<string, WrittenEdition>;
}

function stampOf(stats: Stats): FileStamp {
  return { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

/** The manifest's slot: one per `out/` folder (and render code version). */
function manifestSlot(outDir: string, version: string): string {
  return sha256('render/out-manifest', version, path.resolve(outDir));
}

/**
 * The editions of the previous `out/` that can be linked, and the manifest of
 * this render, written to the cache by `save()` once every file is written.
 */
export class PreviousOutput {
  private readonly previous: Readonly<Record<string, WrittenEdition>>;
  private readonly written: Record<string, WrittenEdition> = {};

  /**
   * `outDir`: the `out/` the staging folder will replace; `stagingDir`: where
   * this render writes. Rendering into `out/` itself reuses nothing.
   */
  constructor(
    private readonly cache: StageCache,
    private readonly outDir: string,
    private readonly stagingDir: string,
    private readonly version: string,
  ) {
    const same = path.resolve(outDir) === path.resolve(stagingDir);
    this.previous = same ? {} : (cache.get<Manifest>(manifestSlot(outDir, version))?.editions ?? {});
  }

  /**
   * Links the edition's files from the previous `out/` when they were rendered
   * under `key` and are still those files; returns what was recorded for them
   * (its warnings to say again), or null when they must be rendered.
   */
  link(date: string, key: string): WrittenEdition | null {
    const entry = this.previous[date];
    if (entry?.key !== key) return null;
    const from = path.join(this.outDir, 'editions', date);
    const to = path.join(this.stagingDir, 'editions', date);
    try {
      for (const name of EDITION_FILES) {
        const stats = statSync(path.join(from, name));
        const stamp = entry.files[name];
        if (stats.ino !== stamp.ino || stats.size !== stamp.size || stats.mtimeMs !== stamp.mtimeMs) return null;
      }
      mkdirSync(to, { recursive: true });
      for (const name of EDITION_FILES) linkSync(path.join(from, name), path.join(to, name));
    } catch {
      // Half linked: undo it, so that the files written instead are new files, never writes into a file of `out/`.
      for (const name of EDITION_FILES) rmSync(path.join(to, name), { force: true });
      return null;
    }
    this.written[date] = entry;
    return entry;
  }

  /** Records the files just written for `date` (after writing them into the staging folder). */
  wrote(date: string, key: string, messages: Message[]): void {
    const dir = path.join(this.stagingDir, 'editions', date);
    const files = {} as Record<EditionFile, FileStamp>;
    for (const name of EDITION_FILES) files[name] = stampOf(statSync(path.join(dir, name)));
    this.written[date] = { key, messages, files };
  }

  save(): void {
    this.cache.set<Manifest>(manifestSlot(this.outDir, this.version), { editions: this.written });
  }
}

import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { InputFormat } from '../types.ts';

/** How a file is read: as one of the article formats, or as an e-mail or a mailbox (whose articles are HTML or plain text). */
export type FileFormat = Exclude<InputFormat, 'feed'> | 'eml' | 'mbox';

/** File name endings Briefing reads, and the format each is read as. */
const FORMATS: [suffix: string, format: FileFormat][] = [
  ['.txt', 'txt'],
  ['.md', 'md'],
  ['.markdown', 'md'],
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.html.gz', 'html'],
  ['.json', 'json'],
  ['.jsonl', 'json'],
  ['.eml', 'eml'],
  ['.mbox', 'mbox'],
];

/** The file name endings Briefing reads, as a list for messages and help ("(.txt, .md, …)"). */
export const READ_SUFFIXES: string = FORMATS.map(([suffix]) => suffix).join(', ');

export function formatOf(file: string): FileFormat | null {
  const lower = file.toLowerCase();
  return FORMATS.find(([suffix]) => lower.endsWith(suffix))?.[1] ?? null;
}

/** The file path without the format suffix: the basis of a file article's id. */
export function stripFormatSuffix(file: string): string {
  const lower = file.toLowerCase();
  const match = FORMATS.find(([suffix]) => lower.endsWith(suffix));
  return match ? file.slice(0, file.length - match[0].length) : file;
}

export interface DiscoveredFile {
  /** Absolute path. */
  absolute: string;
  /** Path relative to the content folder, with `/` separators — the article id's basis. */
  relative: string;
  format: FileFormat | null;
}

/**
 * Every file under `root`, recursively, in a stable (sorted) order so that
 * nothing downstream depends on the order the file system lists them.
 * Hidden files and folders, and `editions/` (editor overrides, not articles),
 * are skipped.
 */
export function discoverFiles(root: string): DiscoveredFile[] {
  const found: DiscoveredFile[] = [];
  // Real paths of folders already walked: a symlink loop is read once, not forever.
  const visited = new Set<string>();
  const walk = (dir: string, rel: string) => {
    // `dir` is absolute and normalised: a child's path is the two joined by a separator (path.join would
    // normalise again, once per file — a measurable share of a rebuild that reads few files).
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const absolute = prefix + entry.name;
      const relative = rel ? `${rel}/${entry.name}` : entry.name;
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDirectory = statSync(absolute).isDirectory();
        } catch {
          isDirectory = false;
        }
      }
      if (isDirectory) {
        if (!rel && entry.name === 'editions') continue;
        walk(absolute, relative);
      } else {
        found.push({ absolute, relative, format: formatOf(entry.name) });
      }
    }
  };
  walk(path.resolve(root), '');
  return found;
}

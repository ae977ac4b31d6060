import { statSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../common/hash.ts';
import { replayReported, type StageCache } from '../common/cache.ts';
import type { StageContext } from '../common/context.ts';
import { Reporter } from '../common/report.ts';
import type { Article, Message } from '../types.ts';
import type { FileStat, StatTaken } from './stat-ahead.ts';
import { trackedBlobs } from './git-blobs.ts';

/**
 * Ingest's shortcut for files that did not change since the last run, after
 * git's index: a file whose path, size, mtime, ctime, inode and device are
 * what they were when it was last read gives the articles it gave then
 * (stored without their raw text) and says its warnings again, without being
 * opened. ctime is in the check because no tool can set it: a file replaced
 * by `cp -p`, `rsync -t` or `tar` with its old mtime still differs there.
 *
 * **Racy files.** Timestamps have a granularity (a clock tick on ext4/tmpfs/
 * xfs, 1 s on ext3 and HFS+, 2 s on FAT): a file rewritten in the same tick
 * as the read that stored it could keep its mtime. So an entry is trusted only
 * if the file's mtime and ctime were at least one granule older than the
 * moment it was read (`RACY_NS`: 100 ms for a file system with sub-second
 * timestamps, 2 s otherwise). A file written just before a build is read again
 * by the next build, which then trusts it. (A network file system whose clock
 * runs ahead of this machine's only makes its files read every time.)
 *
 * **A fresh checkout.** Every file's stat is new there (GitHub Actions checks the repository out
 * for each run), so a record also keeps the file's git blob id when git tracks the file and its
 * content is the index's (`git-blobs.ts`); a file whose stat no longer matches but whose blob id
 * is the recorded one gives its recorded articles, and its record takes the new stat. Git is
 * asked once per run, and only by a run that meets ASK_GIT_AFTER files no record's stat matches.
 *
 * The raw text is not kept (a year of it would be read back on every build):
 * clean needs it only for an article whose analysis is not cached, and for one
 * with no paragraphs; `withRaw` reads the file again then.
 */

/**
 * Bump when what ingest makes of a file changes (the readers, `makeArticle`), or what a record holds
 * (3: one entry per folder; 4: a file's record is a tuple, without the names it was read under;
 * 5: front matter whose alias cannot be resolved is a warning and the body is kept, where the file was dropped;
 * 6: a text's date token glued to its banner with no space, after `date:`, or as an ISO date and time is taken, where
 * the file was read as undated; any source's date and time without a zone is the day it states, common/dates.ts;
 * 7: front matter YAML refuses for a ": " in a plain value is read line by line, where the body was read without it;
 * 8: TOML front matter and the other names site generators give the fields, where they were not read;
 * 9: a newsletter digest's items are articles of their own, digest.ts, where the file was one article;
 * 10: a digest sent as an HTML e-mail too, html-digest.ts, and an item's number is no part of its headline;
 * 11: its bold headline over a <br>, and a link roundup's linked headline over its outlet's name, head items;
 * 12: a feed item holding a newsletter's issue is split too;
 * 13: an HTML e-mail without a "view in browser" link is linked by its headline's link, the subject's;
 * 14: an embargo's time in another zone moves its day to the one it lifts on in the editions' timezone, when later;
 * 15: dates spelled in French, German, Spanish, Italian, Portuguese and Dutch are read, common/text-dates.ts;
 * 16: an embargo in German ("Sperrfrist"), and times as "10:00 Uhr MEZ", "10h00 CET";
 * 17: function words of French, German, Spanish, Italian, Portuguese and Dutch are stop words when a digest's items are compared;
 * 18: their months cut short, "03 déc. 2026", are read).
 */
export const INGEST_VERSION = '18';

const FINE_RACY_NS = 100_000_000n;
const COARSE_RACY_NS = 2_000_000_000n;

/**
 * One file's record: `[stat, articles]`, or `[stat, articles, messages]` when the file said
 * something. Compact, because every build parses the records of every file (a year: 100,000
 * of them, in one entry): what is always the same is left out and put back by
 * `restoreArticle` — measured on 20,000 files, 10.6 → 7.0 MB and a third less time to check
 * and parse (see the README); since version 4 a tuple rather than an object, and without the
 * names the file was read under (they follow from its path, the content folder and the working
 * folder, which are in the entry's key): 100,000 files, 29.7 → 21.3 MB, and `JSON.parse` of it
 * ~1.3 → ~0.3 s (profiled).
 *
 * `stat`: size, mtimeNs, ctimeNs, ino, dev, decimal (64-bit values), space-separated; or
 * `UNTRUSTED` when the stat was too recent when read (see "racy files") for the record to be
 * trusted: no stat equals it, so the file is read again. Then `|` and the file's git blob id when
 * git knew it (`splitStat`); a record without one is as before.
 */
type StoredFile = [stat: string, articles: StoredArticle[], messages?: Message[]];

const UNTRUSTED = '';

/**
 * An article as stored: no raw text, no clean fields (all empty at ingest), no metadata field
 * that is null, and no id or origin when they are the file's own (its id basis; its display
 * path, no line) — as for every article of a .txt, .md or .html file.
 */
type StoredArticle = Pick<Article, 'format' | 'hash'> & Partial<Pick<Article, 'id' | 'origin' | MetadataField>>;
type Names = { display: string; idBase: string };

const METADATA = ['title', 'date', 'dateSource', 'author', 'publisher', 'url', 'language'] as const;
type MetadataField = (typeof METADATA)[number];

/** Where an article read without its raw text came from, so `withRaw` can read it again. */
export interface Unread {
  absolute: string;
  names: { display: string; idBase: string };
  index: number;
}

const unread = new WeakMap<Article, Unread>();

export type ReadFile = (absolute: string, ctx: StageContext, names: { display: string; idBase: string }) => Article[];

/**
 * The record of every file of one content folder as last read, kept as ONE
 * cache entry per folder of it (each read when the first file of that folder
 * is checked, written back only when a file of that folder was read again,
 * added or went away), keyed by the content folder, the sub-folder and the
 * config reading depends on. Per folder because a year's archive is one
 * entry of tens of MB: a new day of articles in a folder of its own used to
 * rewrite all of it (stringify, checksum and store); now it writes its own
 * folder's record and leaves the year's alone. A folder that is gone leaves
 * its entry unread (collected by the cache after KEEP_DAYS).
 * Two builds at once may each write theirs; either is right for the files it
 * names, because every record is checked against the file's stat before use.
 */
export class UnchangedFiles {
  /** The part of every entry's key that is the same for all folders. */
  private readonly keyBase: string;
  private readonly prefix: string;
  /** Each folder's records as stored (read on first use), by path relative to the root (`name`). */
  private readonly stored = new Map<string, FolderRecords>();
  /**
   * Each folder's records of this run, in the order seen. A Map, not a plain object: a file
   * named `__proto__` is a key like any other, and its size needs no `Object.keys`.
   */
  private readonly next = new Map<string, Map<string, StoredFile>>();
  /** Folders with a file read again (or added) in this run. */
  private readonly changed = new Set<string>();
  /** Git's blob ids of the files it tracks unchanged (`trackedBlobs`), asked once ASK_GIT_AFTER files had no record their stat matched. */
  private blobs: Map<string, string> | null = null;
  /** Files with no record their stat matched (new, or changed), until git is asked. */
  private unmatched = 0;

  constructor(
    root: string,
    private readonly ctx: StageContext,
    private readonly cache: StageCache,
  ) {
    // The working folder too: with the root, it fixes every file's display path (and the path, its id basis), which the records do not repeat.
    this.keyBase = sha256('ingest-files', INGEST_VERSION, root, ctx.cwd, String(ctx.config.ingest.maxFileBytes), ctx.config.timezone);
    this.prefix = root.endsWith(path.sep) ? root : root + path.sep;
  }

  /** The entry key of one folder's records (`folder`: its path relative to the root, '' for the root itself). */
  private keyOf(folder: string): string {
    return sha256('ingest-folder', this.keyBase, folder);
  }

  /** The stored records of `folder` and this run's, read from the cache the first time the folder is seen. */
  private folder(folder: string): { stored: FolderRecords; next: Map<string, StoredFile> } {
    let stored = this.stored.get(folder);
    if (stored === undefined) {
      stored = this.cache.get<{ files: FolderRecords }>(this.keyOf(folder))?.files ?? {};
      this.stored.set(folder, stored);
      this.next.set(folder, new Map());
    }
    return { stored, next: this.next.get(folder)! };
  }

  /**
   * The articles of one content file: the stored ones when it is unchanged (messages said again), else read with `read`.
   * `taken`: its stat, when a worker took it (stat-ahead.ts); else it is taken here.
   */
  ingest(read: ReadFile, absolute: string, names: { display: string; idBase: string }, taken?: StatTaken): Article[] {
    const { ctx } = this;
    if (taken && 'absent' in taken) return read(absolute, ctx, names);
    // Taken before the stat (not only before the read): a file's stat must predate it for "racy" to hold.
    let checkedAt = Date.now();
    let stats: FileStat | undefined;
    if (taken) ({ stat: stats, checkedAt } = taken);
    else {
      try {
        const own = statSync(absolute, { bigint: true, throwIfNoEntry: false });
        stats = own?.isFile() ? own : undefined;
      } catch {
        stats = undefined;
      }
    }
    if (!stats) return read(absolute, ctx, names);
    const stat = `${stats.size} ${stats.mtimeNs} ${stats.ctimeNs} ${stats.ino} ${stats.dev}`;
    // A file outside the root (not one discoverFiles gives) keeps its absolute path, which no relative name can equal.
    const name = absolute.startsWith(this.prefix) ? absolute.slice(this.prefix.length) : absolute;
    const folderName = name.slice(0, Math.max(0, name.lastIndexOf(path.sep)));
    const records = this.folder(folderName);
    // Own properties only: a file named `constructor` or `__proto__` has no record but its own.
    const stored = Object.hasOwn(records.stored, name) ? records.stored[name] : undefined;
    const recorded = stored === undefined ? null : splitStat(stored[0]);
    if (stored !== undefined && recorded!.stat === stat) return this.restore(stored, stored, absolute, names, name, records.next);
    const racy = stats.mtimeNs % 1_000_000_000n === 0n ? COARSE_RACY_NS : FINE_RACY_NS;
    const checkedAtNs = BigInt(checkedAt) * 1_000_000n;
    const trusted = stats.mtimeNs + racy < checkedAtNs && stats.ctimeNs + racy < checkedAtNs;
    // Its stat is new: the content is the recorded one when git says so (a fresh checkout). The record takes the new stat.
    const blob = this.blobOf(name);
    if (stored !== undefined && blob !== undefined && recorded!.blob === blob) {
      const kept: StoredFile = [withBlob(trusted ? stat : UNTRUSTED, blob), stored[1]];
      if (stored[2]) kept.push(stored[2]);
      this.changed.add(folderName);
      return this.restore(stored, kept, absolute, names, name, records.next);
    }
    // Read it, recording its messages to store them with its articles.
    const recorder = new Reporter();
    const articles = read(absolute, { ...ctx, report: recorder.for('ingest') }, names);
    replayReported(ctx.report, recorder.messages);
    // Through JSON: what a later build reads back, nothing shared with the articles returned.
    const compacts = JSON.parse(JSON.stringify(articles.map((article) => compactArticle(article, names)))) as StoredArticle[];
    const record: StoredFile = [withBlob(trusted ? stat : UNTRUSTED, blob), compacts];
    if (recorder.messages.length > 0) record.push(recorder.messages);
    records.next.set(name, record);
    this.changed.add(folderName);
    return articles;
  }

  /** The articles of a stored record (its messages said again), `kept` recorded for this run. */
  private restore(stored: StoredFile, kept: StoredFile, absolute: string, names: Names, name: string, next: Map<string, StoredFile>): Article[] {
    next.set(name, kept);
    const [, compacts, messages] = stored;
    if (messages) replayReported(this.ctx.report, messages);
    return compacts.map((compact, index) => {
      const article = restoreArticle(compact, names);
      unread.set(article, { absolute, names, index });
      return article;
    });
  }

  /**
   * Git's blob id of a file (by its name under the root) that it tracks unchanged. Git is asked once, for the
   * ASK_GIT_AFTER-th file with no record its stat matches; before that, undefined (those files are read, and
   * recorded without a blob id).
   */
  private blobOf(name: string): string | undefined {
    if (this.blobs === null) {
      if (++this.unmatched < ASK_GIT_AFTER) return undefined;
      this.blobs = trackedBlobs(this.prefix.slice(0, -1) || this.prefix);
    }
    return this.blobs.get(name);
  }

  /**
   * Stores the records of this run's folders that changed (those of files gone are dropped); the others are left as they are.
   * A folder none of whose files was read again changed only if it lost files: every file seen then had its record, so
   * it has as many records as before exactly when no file went away.
   */
  save(): void {
    for (const [folder, next] of this.next) {
      if (!this.changed.has(folder) && next.size === countKeys(this.stored.get(folder)!)) continue;
      this.cache.set(this.keyOf(folder), { files: Object.fromEntries(next) });
    }
  }
}

type FolderRecords = Record<string, StoredFile>;

/**
 * How many files with no record their stat matches (changed or new) a run must meet before it asks git: a
 * fresh checkout changes every file's stat and a first build reads every file, an edit changes a few, and
 * asking costs a process or three (~15 ms when the folder is in no repository, where the 1,000-article
 * rebuild's budget is ~400 ms; ~0.3 s on a repository of 100,000 files). The files before it are read as
 * without git, and recorded without a blob id: on each fresh checkout of a year, the same 15 files.
 */
export const ASK_GIT_AFTER = 16;

/** A record's stat and git blob id (`StoredFile`): "stat|blob", "stat", or "|blob" for an untrusted stat. */
function splitStat(recorded: string): { stat: string; blob: string | null } {
  const bar = recorded.indexOf('|');
  return bar < 0 ? { stat: recorded, blob: null } : { stat: recorded.slice(0, bar), blob: recorded.slice(bar + 1) };
}

function withBlob(stat: string, blob: string | undefined): string {
  return blob === undefined ? stat : `${stat}|${blob}`;
}

/** The number of a record object's keys, without making the array of them (`Object.keys`: 100,000 strings). */
function countKeys(records: FolderRecords): number {
  let count = 0;
  for (const name in records) if (Object.hasOwn(records, name)) count++;
  return count;
}

function compactArticle(article: Article, names: Names): StoredArticle {
  const stored: StoredArticle = { format: article.format, hash: article.hash };
  if (article.id !== names.idBase) stored.id = article.id;
  if (!isOwnOrigin(article.origin, names)) stored.origin = article.origin;
  for (const field of METADATA) if (article[field] !== null) (stored as Record<string, unknown>)[field] = article[field];
  return stored;
}

/** The article a stored record stands for, with the fields in `makeArticle`'s order (so its JSON is the same as a read one's, minus the raw text). */
function restoreArticle(stored: StoredArticle, names: Names): Article {
  return {
    id: stored.id ?? names.idBase,
    // A copy: the record is written back as it was read, whatever a later stage does to the article.
    origin: stored.origin ? { ...stored.origin } : { file: names.display },
    format: stored.format,
    raw: '',
    hash: stored.hash,
    title: stored.title ?? null,
    date: stored.date ?? null,
    dateSource: stored.dateSource ?? null,
    author: stored.author ?? null,
    publisher: stored.publisher ?? null,
    url: stored.url ?? null,
    language: stored.language ?? null,
    paragraphs: [],
    text: '',
    removed: [],
  };
}

/** Whether an origin is just the file's display path (no line, nothing else), which the record need not repeat. */
function isOwnOrigin(origin: Article['origin'], names: Names): boolean {
  const keys = Object.keys(origin);
  return keys.length === 1 && keys[0] === 'file' && origin.file === names.display;
}

/** Where an article the cache gave without its raw text came from (undefined for one read now). */
export function unreadOrigin(article: Article): Unread | undefined {
  return unread.get(article);
}

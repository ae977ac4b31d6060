import { statSync, type BigIntStats } from 'node:fs';
import { sha256 } from '../common/hash.ts';
import { replayReported, type StageCache } from '../common/cache.ts';
import type { StageContext } from '../common/context.ts';
import { Reporter } from '../common/report.ts';
import type { Article, Message } from '../types.ts';

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
 * The raw text is not kept (a year of it would be read back on every build):
 * clean needs it only for an article whose analysis is not cached, and for one
 * with no paragraphs; `withRaw` reads the file again then.
 */

/** Bump when what ingest makes of a file changes (the readers, `makeArticle`). */
export const INGEST_VERSION = '1';

const FINE_RACY_NS = 100_000_000n;
const COARSE_RACY_NS = 2_000_000_000n;

interface StoredFile {
  /** The names it was read under (display path, id basis). */
  display: string;
  idBase: string;
  /** size, mtimeNs, ctimeNs, ino, dev as decimal strings (64-bit values). */
  stat: string[];
  /** Whether the stat was old enough when read (see "racy files") for the record to be trusted. */
  trusted: boolean;
  articles: Article[];
  messages: Message[];
}

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
 * cache entry (read once per build, written back only when a file was read
 * again or went away), keyed by the folder and the config reading depends on.
 * Two builds at once may each write theirs; either is right for the files it
 * names, because every record is checked against the file's stat before use.
 */
export class UnchangedFiles {
  private readonly key: string;
  private readonly stored: Record<string, StoredFile>;
  private readonly next: Record<string, StoredFile> = {};
  private changed = false;

  constructor(
    root: string,
    private readonly ctx: StageContext,
    private readonly cache: StageCache,
  ) {
    this.key = sha256('ingest-files', INGEST_VERSION, root, String(ctx.config.ingest.maxFileBytes), ctx.config.timezone);
    this.stored = cache.get<{ files: Record<string, StoredFile> }>(this.key)?.files ?? {};
  }

  /** The articles of one content file: the stored ones when it is unchanged (messages said again), else read with `read`. */
  ingest(read: ReadFile, absolute: string, names: { display: string; idBase: string }): Article[] {
    const { ctx } = this;
    const checkedAt = BigInt(Date.now()) * 1_000_000n;
    let stats: BigIntStats | undefined;
    try {
      stats = statSync(absolute, { bigint: true, throwIfNoEntry: false });
    } catch {
      stats = undefined;
    }
    if (!stats || !stats.isFile()) return read(absolute, ctx, names);
    const stat = [stats.size, stats.mtimeNs, stats.ctimeNs, stats.ino, stats.dev].map(String);
    const stored = this.stored[absolute];
    if (stored && stored.trusted && stored.display === names.display && stored.idBase === names.idBase && stored.stat.length === stat.length && stored.stat.every((value, i) => value === stat[i])) {
      this.next[absolute] = stored;
      replayReported(ctx.report, stored.messages);
      stored.articles.forEach((article, index) => unread.set(article, { absolute, names, index }));
      return stored.articles;
    }
    // Read it, recording its messages to store them with its articles.
    const recorder = new Reporter();
    const articles = read(absolute, { ...ctx, report: recorder.for('ingest') }, names);
    replayReported(ctx.report, recorder.messages);
    const racy = stats.mtimeNs % 1_000_000_000n === 0n ? COARSE_RACY_NS : FINE_RACY_NS;
    const trusted = stats.mtimeNs + racy < checkedAt && stats.ctimeNs + racy < checkedAt;
    this.next[absolute] = {
      ...names,
      stat,
      trusted,
      articles: JSON.parse(JSON.stringify(articles.map((article) => ({ ...article, raw: '' })))) as Article[],
      messages: recorder.messages,
    };
    this.changed = true;
    return articles;
  }

  /** Stores the records of this run's files (those of files gone are dropped). */
  save(): void {
    if (!this.changed && Object.keys(this.next).length === Object.keys(this.stored).length) return;
    this.cache.set(this.key, { files: this.next });
  }
}

/** Where an article the cache gave without its raw text came from (undefined for one read now). */
export function unreadOrigin(article: Article): Unread | undefined {
  return unread.get(article);
}

import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import type { StageContext } from '../common/context.ts';
import type { Article } from '../types.ts';
import { splitDigest } from './digest.ts';
import { makeArticle, type StatedArticle } from './article.ts';
import { decodeBytes, looksBinary } from './decode.ts';
import { discoverFiles, formatOf, READ_SUFFIXES, stripFormatSuffix, type DiscoveredFile, type FileFormat } from './discover.ts';
import { ingestFeeds, type FeedOptions } from './feeds.ts';
import { readEmail, readMailbox } from './formats/email.ts';
import { readHtml } from './formats/html.ts';
import { readMarkdown } from './formats/markdown.ts';
import { readRecords } from './formats/records.ts';
import { readText } from './formats/text.ts';
import type { FormatReader } from './formats/types.ts';
import { UnchangedFiles, unreadOrigin } from './unchanged-files.ts';
import { StatAhead } from './stat-ahead.ts';
import { noCache, stageCache } from '../common/cache.ts';
import { Reporter } from '../common/report.ts';
import { appendAll } from '../common/arrays.ts';

const READERS: Record<FileFormat, FormatReader> = {
  txt: readText,
  md: readMarkdown,
  html: readHtml,
  json: readRecords,
  eml: readEmail,
  mbox: readMailbox,
};

/** Formats whose reader decodes the bytes itself: an e-mail's parts each state their own charset, so the file has no one encoding. */
const READS_BYTES = new Set<FileFormat>(['eml', 'mbox']);

export interface IngestOptions {
  /** Called after each file, for progress display. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Take the articles of files unchanged since the last run from the cache,
   * without reading them (unchanged-files.ts). They come WITHOUT their raw
   * text: only for a caller that gets it back with `withRaw` when it needs it
   * (the build, through clean). Ignored when caching is off.
   */
  skipUnchanged?: boolean;
  /** From this many files, their stats are shared with a worker thread (stat-ahead.ts; tests lower it). */
  statAheadFrom?: number;
}

/**
 * Reads every supported file under the content folder into articles. Never
 * throws for bad input: an unreadable, empty, binary, oversized or undecodable
 * file is a warning naming it, and the other files are read. Never writes.
 */
export function ingestContent(contentDir: string, ctx: StageContext, options: IngestOptions = {}): Article[] {
  const absoluteRoot = path.resolve(ctx.cwd, contentDir);
  if (!existsSync(absoluteRoot)) {
    // A mistyped folder built an empty site, which replaced the last good out/ (a scheduled build would publish it):
    // an error, unless the config reads feeds, which need no content folder.
    if (ctx.config.ingest.feeds.length > 0) ctx.report.info({ ruleId: 'ingest/no-content', reason: 'no content folder: only the feeds are read', file: contentDir });
    else ctx.report.error({ ruleId: 'ingest/no-content', reason: `content folder ${JSON.stringify(contentDir)} does not exist, so there is nothing to build: create it, or point \`content\` (--content) at the articles`, file: contentDir });
    return [];
  }
  let files;
  try {
    files = discoverFiles(absoluteRoot);
  } catch (error) {
    ctx.report.error({ ruleId: 'ingest/no-content', reason: `cannot read content folder: ${(error as Error).message}`, file: contentDir });
    return [];
  }
  const articles: Article[] = [];
  // Every file's display path is the content folder's plus its relative path (one path.relative, not one per file).
  const rootDisplay = displayPath(ctx.cwd, absoluteRoot);
  const displayOf = (file: DiscoveredFile) => (path.isAbsolute(rootDisplay) ? file.absolute : rootDisplay === '' ? file.relative : `${rootDisplay}/${file.relative}`);
  // Files unchanged since the last run are not read again (unchanged-files.ts); `check` (caching off) reads every one.
  const cache = options.skipUnchanged ? stageCache(ctx, 'ingest') : noCache;
  const unchanged = cache === noCache ? null : new UnchangedFiles(absoluteRoot, ctx, cache);
  // A large folder's stats are taken on two threads (stat-ahead.ts).
  const ahead = unchanged ? StatAhead.start(files.map((file) => file.absolute), options.statAheadFrom) : null;
  files.forEach((file, index) => {
    const display = displayOf(file);
    if (!file.format) {
      ctx.report.warn({ ruleId: 'ingest/unsupported-file', reason: `not an article format Briefing reads (${READ_SUFFIXES}); skipped`, file: display });
    } else {
      const names = { display, idBase: stripFormatSuffix(file.relative) };
      appendAll(articles, unchanged ? unchanged.ingest(ingestFile, file.absolute, names, ahead?.take(index)) : ingestFile(file.absolute, ctx, names));
    }
    options.onProgress?.(index + 1, files.length);
  });
  ahead?.finish();
  unchanged?.save();
  return uniqueIds(articles, ctx);
}

/**
 * Everything a build reads: the content folder, then the feeds in config.
 * Ids are unique across both (a clash gets a suffixed id and a warning).
 */
export async function ingestAll(ctx: StageContext, options: IngestOptions & FeedOptions = {}): Promise<Article[]> {
  const files = ingestContent(ctx.config.content, ctx, options);
  const feeds = await ingestFeeds(ctx, options);
  return feeds.length === 0 ? files : uniqueIds([...files, ...feeds], ctx);
}

/**
 * The article with its raw text: itself when it has it, else (an article of
 * an unchanged file, which the cache gives without it) read again from its
 * file — the same article, unless the file changed since ingest stat'ed it:
 * then the article as the file is now.
 */
export function withRaw(article: Article, ctx: StageContext): Article {
  const from = unreadOrigin(article);
  if (!from) return article;
  const silent = new Reporter();
  return ingestFile(from.absolute, { ...ctx, report: silent.for('ingest') }, from.names)[from.index] ?? article;
}

/** Reads one file (any supported format) into articles. Used by `build` and by `extract FILE…`. */
export function ingestFile(absolute: string, ctx: StageContext, names?: { display?: string; idBase?: string }): Article[] {
  const display = names?.display ?? displayPath(ctx.cwd, absolute);
  const idBase = names?.idBase ?? stripFormatSuffix(path.basename(absolute));
  const format = formatOf(absolute);
  if (!format) {
    ctx.report.warn({ ruleId: 'ingest/unsupported-file', reason: `not an article format Briefing reads (${READ_SUFFIXES}); skipped`, file: display });
    return [];
  }
  const bytes = readBytes(absolute, display, ctx);
  if (!bytes) return [];
  let text = '';
  if (!READS_BYTES.has(format)) {
    const decoded = decodeBytes(bytes);
    if (decoded.warning) ctx.report.warn({ ruleId: 'ingest/encoding', reason: decoded.warning, file: display });
    if (decoded.text.trim() === '') {
      ctx.report.warn({ ruleId: 'ingest/empty-file', reason: 'file has no text; skipped', file: display });
      return [];
    }
    text = decoded.text;
  }
  let stated: StatedArticle[];
  try {
    stated = READERS[format]({ display, idBase, text, bytes }, ctx);
  } catch (error) {
    ctx.report.warn({ ruleId: 'ingest/unreadable', reason: `could not be read: ${(error as Error).message}`, file: display });
    return [];
  }
  // A newsletter digest's items are articles of their own (digest.ts).
  const email = format === 'eml' || format === 'mbox';
  return stated.flatMap((article) => {
    const { articles, items } = splitDigest(article, email);
    if (items) {
      // An item's lines are its text's: an e-mail's body starts on a line of its file, a record is one line of its file.
      const at = (line: number): number => (email ? (article.origin.line ?? 1) + line - 1 : (article.origin.line ?? line));
      const lines = items.map((item) => `${at(item.start)}–${at(item.end)} (“${item.headline}”)`).join(', ');
      ctx.report.info({ ruleId: 'ingest/digest', reason: `a newsletter digest: read as ${items.length} articles, its items on lines ${lines}; the lines around them (its title, greeting, sign-off) belong to none`, file: display, line: at(items[0]!.start) });
    }
    return articles.map(makeArticle);
  });
}

function readBytes(absolute: string, display: string, ctx: StageContext): Uint8Array | null {
  try {
    let bytes: Uint8Array | null = readUpTo(absolute, ctx.config.ingest.maxFileBytes);
    if (bytes === null) {
      const size = statSync(absolute).size;
      ctx.report.warn({ ruleId: 'ingest/too-large', reason: `file is ${(size / 1048576).toFixed(1)} MB, over the ${(ctx.config.ingest.maxFileBytes / 1048576).toFixed(1)} MB limit (ingest.maxFileBytes); skipped`, file: display });
      return null;
    }
    if (absolute.toLowerCase().endsWith('.gz')) bytes = gunzipSync(bytes, { maxOutputLength: ctx.config.ingest.maxFileBytes * 4 });
    if (bytes.length === 0) {
      ctx.report.warn({ ruleId: 'ingest/empty-file', reason: 'file is empty; skipped', file: display });
      return null;
    }
    if (looksBinary(bytes)) {
      ctx.report.warn({ ruleId: 'ingest/binary-file', reason: 'file is binary, not text; skipped', file: display });
      return null;
    }
    return bytes;
  } catch (error) {
    ctx.report.warn({ ruleId: 'ingest/unreadable', reason: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, file: display });
    return null;
  }
}

/**
 * The file's bytes, or null when it is larger than `limit` (then nothing is
 * read). One open, one fstat, one read: a build reads every file of content/
 * each time, so the syscalls per file count.
 */
function readUpTo(absolute: string, limit: number): Uint8Array | null {
  const fd = openSync(absolute, 'r');
  try {
    const stats = fstatSync(fd);
    const size = stats.size;
    if (size > limit) return null;
    // A size the file system does not know in advance (a pipe, a special file): read to the end, as before.
    if (!stats.isFile() || size === 0) return readFileSync(fd);
    const bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return read === size ? bytes : bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Two inputs with one id (`a.txt` and `a.md`) would collide downstream: the later one gets a suffixed id. */
function uniqueIds(articles: Article[], ctx: StageContext): Article[] {
  const seen = new Map<string, number>();
  return articles.map((article) => {
    const count = seen.get(article.id) ?? 0;
    seen.set(article.id, count + 1);
    if (count === 0) return article;
    const id = `${article.id}~${count + 1}`;
    ctx.report.warn({ ruleId: 'ingest/duplicate-id', reason: `another input already has id "${article.id}"; this one is "${id}"`, file: article.origin.file, line: article.origin.line ?? null, articleId: id });
    // Its hash covers the raw text: an article the cache gave without it is read again first.
    return makeArticle({ ...withRaw(article, ctx), id });
  });
}

export function displayPath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
}

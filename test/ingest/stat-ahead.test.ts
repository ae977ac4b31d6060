/**
 * Stats taken on a worker thread ahead of ingest (pipeline/ingest/stat-ahead.ts): the same stats,
 * the same articles and messages as ingest taking every stat itself, and the racy-file rule kept.
 */
import { mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { discoverFiles } from '../../pipeline/ingest/discover.ts';
import { ingestContent } from '../../pipeline/ingest/index.ts';
import { StatAhead } from '../../pipeline/ingest/stat-ahead.ts';
import { makeCtx, removeDir, tempDir } from '../foundation/helpers.ts';

/**
 * A minute ago, half a second past a whole second. An mtime on a whole second reads as a coarse file
 * system's (1–2 s timestamps), whose records are trusted only 2 s after the file's ctime (ingest's
 * "racy files"): one file in a thousand would then be read again, and a test expecting it unread fail.
 */
function aMinuteAgo(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000 + 500);
}

const dirs: string[] = [];
afterEach(() => {
  dirs.splice(0).forEach(removeDir);
  vi.restoreAllMocks();
});

/** A content folder of `count` small articles, old enough to be trusted, plus a sub-folder. */
function workspace(count: number): string {
  const cwd = tempDir('briefing-stat-ahead-');
  dirs.push(cwd);
  mkdirSync(path.join(cwd, 'content', 'day'), { recursive: true });
  const old = aMinuteAgo();
  for (let i = 0; i < count; i++) {
    const file = path.join(cwd, 'content', i % 5 === 0 ? 'day' : '', `a${String(i).padStart(3, '0')}.txt`);
    writeFileSync(file, `${i % 7 === 0 ? '' : 'date 2025-03-18 '}Report ${i}: the council met to agree the harbour budget, item ${i}.`);
    utimesSync(file, old, old);
  }
  writeFileSync(path.join(cwd, 'content', 'broken.md'), '---\ntitle: [broken\n---\nThe ferry timetable changes next week.');
  utimesSync(path.join(cwd, 'content', 'broken.md'), old, old);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150);
  return cwd;
}

/** Blocks this thread (not the worker's) until the worker has got to the first file, i.e. to every file: it goes from the last one back. */
function settled(ahead: StatAhead): void {
  const deadline = Date.now() + 20_000;
  while (!ahead.reached(0)) {
    if (Date.now() > deadline) throw new Error('the stat worker did not finish');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  }
}

describe('stats taken ahead on a worker thread', () => {
  it('gives each file the stat ingest would take, and says which are gone or not files', () => {
    const cwd = workspace(40);
    const folder = path.join(cwd, 'content');
    const paths = [...Array.from({ length: 40 }, (_, i) => path.join(folder, i % 5 === 0 ? 'day' : '', `a${String(i).padStart(3, '0')}.txt`)), path.join(folder, 'missing.txt'), path.join(folder, 'day')];
    const before = Date.now();
    const ahead = StatAhead.start(paths, 1)!;
    // The worker starts after `start` returns: no stat is older than this.
    const started = Date.now();
    expect(ahead).not.toBeNull();
    settled(ahead);
    paths.forEach((file, i) => {
      const taken = ahead.take(i)!;
      if (i >= 40) return expect(taken).toEqual({ absent: true });
      if (!('stat' in taken)) throw new Error(`${file}: not taken`);
      const own = statSync(file, { bigint: true });
      expect(taken.stat).toEqual({ size: own.size, mtimeNs: own.mtimeNs, ctimeNs: own.ctimeNs, ino: own.ino, dev: own.dev });
      // "Checked" no later than the stat was taken: from before the worker started.
      expect(taken.checkedAt).toBeGreaterThanOrEqual(before);
      expect(taken.checkedAt).toBeLessThanOrEqual(started);
    });
    ahead.finish();
    // Too few files to pay for a worker.
    expect(StatAhead.start(paths)).toBeNull();
  });

  it('ingest gives the same articles and messages with stats taken ahead as without, first run and unchanged run', () => {
    const cwd = workspace(120);
    const run = (from: number) => {
      const { ctx, reporter } = makeCtx({}, cwd);
      const articles = ingestContent('content', ctx, { skipUnchanged: true, statAheadFrom: from });
      return { articles: JSON.parse(JSON.stringify(articles)), messages: reporter.messages };
    };
    const take = vi.spyOn(StatAhead.prototype, 'take');
    const plainFirst = run(Infinity);
    const aheadRepeat = run(1);
    const plainRepeat = run(Infinity);
    expect(aheadRepeat).toEqual(plainRepeat);
    expect(plainRepeat.messages).toEqual(plainFirst.messages);
    expect(take).toHaveBeenCalledTimes(121);
    // Whether the worker got to a file before ingest did depends on the machine: both paths gave the same above.
    // A file changed in place is read again when its stat comes from the worker.
    const file = path.join(cwd, 'content', 'a001.txt');
    writeFileSync(file, 'date 2025-03-19 A correction: the council met on Wednesday.');
    const changed = run(1);
    // Without raw text: whether the next run reads the file again (a file written within the timestamp granule of its
    // stat is), or trusts the record this one left, depends on how long the machine took between the write and the stat.
    const withoutRaw = (result: { articles: { raw: string }[]; messages: unknown[] }) => ({ ...result, articles: result.articles.map((a) => ({ ...a, raw: '' })) });
    expect(changed.articles.find((a: { id: string }) => a.id === 'a001').hash).not.toBe(plainFirst.articles.find((a: { id: string }) => a.id === 'a001').hash);
    expect(withoutRaw(changed)).toEqual(withoutRaw(run(Infinity)));
  });

  it('a stat the worker took is what ingest compares: unchanged by it, a file is not read; changed by it, it is', () => {
    const cwd = workspace(60);
    ingestContent('content', makeCtx({}, cwd).ctx, { skipUnchanged: true });
    const start = StatAhead.start.bind(StatAhead);
    let used = 0;
    vi.spyOn(StatAhead, 'start').mockImplementation((paths, from) => {
      const ahead = start(paths, from);
      if (!ahead) return ahead;
      // Every stat from the worker (it finishes first); every other file's stat given one byte larger.
      settled(ahead);
      const take = ahead.take.bind(ahead);
      ahead.take = (index) => {
        const taken = take(index);
        if (!taken || !('stat' in taken)) return taken;
        used++;
        return index % 2 === 0 ? taken : { ...taken, stat: { ...taken.stat, size: taken.stat.size + 1n } };
      };
      return ahead;
    });
    const files = discoverFiles(path.join(cwd, 'content'));
    const articles = ingestContent('content', makeCtx({}, cwd).ctx, { skipUnchanged: true, statAheadFrom: 1 });
    expect(used).toBe(61);
    // Read again (raw text in hand) exactly where the stat said the file changed.
    const readAgain = new Set(files.flatMap((file, index) => (index % 2 === 1 ? [file.relative.replace(/\.[a-z]+$/, '')] : [])));
    expect(articles).toHaveLength(61);
    for (const article of articles) expect([article.id, article.raw !== '']).toEqual([article.id, readAgain.has(article.id)]);
  });

});

/**
 * Ingest's stat shortcut (pipeline/ingest/unchanged-files.ts): an unchanged
 * file is not read again, a changed one always is (whatever its mtime says),
 * a file written within the timestamp granule of its read is read again, and
 * warnings are said again exactly.
 */
import childProcess, { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stageCache } from '../../pipeline/common/cache.ts';
import { ingestContent, ingestFile, withRaw } from '../../pipeline/ingest/index.ts';
import { ASK_GIT_AFTER, UnchangedFiles, type ReadFile } from '../../pipeline/ingest/unchanged-files.ts';
import { makeCtx, removeDir, tempDir } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

/** Waits past the timestamp granule (100 ms on file systems with sub-second timestamps). */
const pastGranule = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150);

/** A workspace whose files are old enough to be trusted (mtime a minute ago, ctime past the granule). */
function workspace(files: Record<string, string>): string {
  const cwd = tempDir('briefing-unchanged-');
  dirs.push(cwd);
  mkdirSync(path.join(cwd, 'content'));
  // Half past a second: a time in whole seconds reads as a file system's coarse timestamps, whose racy window is two
  // seconds (unchanged-files.ts COARSE_RACY_NS) — ctime, just written, would then be untrusted, and every file read again.
  const old = new Date(Math.floor((Date.now() - 60_000) / 1000) * 1000 + 500);
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(cwd, 'content', name), text);
    utimesSync(path.join(cwd, 'content', name), old, old);
  }
  pastGranule();
  return cwd;
}

/** Ingests content/ through the shortcut as ingestContent does, counting the files actually read. */
function ingest(cwd: string) {
  const { ctx, reporter } = makeCtx({}, cwd);
  const root = path.join(cwd, 'content');
  const unchanged = new UnchangedFiles(root, ctx, stageCache(ctx, 'ingest'));
  const reads: string[] = [];
  const reader: ReadFile = (absolute, context, names) => {
    reads.push(path.basename(absolute));
    return ingestFile(absolute, context, names);
  };
  const articles = readdirSync(root)
    .sort()
    .flatMap((name) => unchanged.ingest(reader, path.join(root, name), { display: `content/${name}`, idBase: name.replace(/\.[a-z]+$/, '') }));
  unchanged.save();
  // The same through ingestContent (ids made unique, as a build gets them).
  return { articles, messages: reporter.messages, reads, ctx };
}

const FILES = {
  'a.txt': 'date 2025-03-18 The council met on Tuesday to agree the budget for the harbour works.',
  'b.md': '---\ntitle: [broken\n---\nThe ferry timetable changes next week, the operator said.',
  'c.txt': 'date 2025-02-30 An impossible date on a report about the library reopening.',
};

describe('unchanged files are not read again', () => {
  it('a second run reads no file and gives the same articles and the same warnings', () => {
    const cwd = workspace(FILES);
    const first = ingest(cwd);
    expect(first.reads.sort()).toEqual(['a.txt', 'b.md', 'c.txt']);
    expect(first.messages.map((m) => m.ruleId).sort()).toEqual(['ingest/bad-date', 'ingest/bad-front-matter']);
    const second = ingest(cwd);
    expect(second.reads).toEqual([]);
    expect(second.messages).toEqual(first.messages);
    // The same articles, without their raw text, which withRaw reads back.
    expect(second.articles.map((a) => ({ ...a, raw: '' }))).toEqual(JSON.parse(JSON.stringify(first.articles.map((a) => ({ ...a, raw: '' })))));
    expect(second.articles.every((a) => a.raw === '')).toBe(true);
    expect(second.articles.map((a) => withRaw(a, second.ctx).raw)).toEqual(first.articles.map((a) => a.raw));
    // Through ingestContent: a clash of ids among cached articles is renamed with the right hash (it covers the raw text).
    writeFileSync(path.join(cwd, 'content', 'a.md'), 'Another input with the id "a".');
    const ctx = makeCtx({}, cwd).ctx;
    ingestContent('content', ctx, { skipUnchanged: true });
    const cached = ingestContent('content', ctx, { skipUnchanged: true });
    const fresh = ingestContent('content', ctx);
    expect(cached.map((a) => [a.id, a.hash])).toEqual(fresh.map((a) => [a.id, a.hash]));
    expect(cached.map((a) => a.id)).toContain('a~2');
  });

  it('a file changed in place with its size and mtime put back is read again (ctime)', () => {
    const cwd = workspace(FILES);
    ingest(cwd);
    const file = path.join(cwd, 'content', 'a.txt');
    const before = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('budget', 'bridge'));
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).size).toBe(before.size);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    pastGranule();
    const second = ingest(cwd);
    expect(second.reads).toEqual(['a.txt']);
    expect(second.articles.find((a) => a.id === 'a')!.raw).toContain('bridge');
  });

  it('a file written just before it was read (within the timestamp granule) is read again next time, then trusted', () => {
    const cwd = workspace(FILES);
    // Written now: its mtime is within the granule of the read that stores it.
    writeFileSync(path.join(cwd, 'content', 'a.txt'), FILES['a.txt'].replace('budget', 'plan'));
    expect(ingest(cwd).reads.sort()).toEqual(['a.txt', 'b.md', 'c.txt']);
    // Its record is not trusted: read again (now past the granule, so this record is).
    pastGranule();
    expect(ingest(cwd).reads).toEqual(['a.txt']);
    expect(ingest(cwd).reads).toEqual([]);
  });

  it('a removed file is gone, a new one read; without skipUnchanged (and in check) every file is read', () => {
    const cwd = workspace(FILES);
    ingest(cwd);
    writeFileSync(path.join(cwd, 'content', 'd.txt'), 'A new report on the harbour works.');
    removeDir(path.join(cwd, 'content', 'c.txt'));
    pastGranule();
    const next = ingest(cwd);
    expect(next.reads).toEqual(['d.txt']);
    expect(next.articles.map((a) => a.id)).toEqual(['a', 'b', 'd']);
    const { ctx } = makeCtx({}, cwd);
    expect(ingestContent('content', ctx).every((a) => a.raw.length > 0)).toBe(true);
    expect(ingestContent('content', { ...ctx, caching: false }, { skipUnchanged: true }).every((a) => a.raw.length > 0)).toBe(true);
  });
});

describe('a fresh checkout (every stat new): files git tracks unchanged are not read again', () => {
  /** Runs git in `cwd` as a user with no configuration of their own. */
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Briefing Test', '-c', 'user.email=test@example.org', '-c', 'init.defaultBranch=main', ...args], {
      cwd,
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  /** Removes content/ and checks it out again, as a CI runner does: new inodes, mtimes and ctimes, the index's stat data fresh. */
  const checkOutAgain = (cwd: string) => {
    removeDir(path.join(cwd, 'content'));
    git(cwd, 'checkout', '--', 'content');
    pastGranule();
  };
  /** FILES and 20 more reports (r00 … r19), committed. */
  const MANY: Record<string, string> = { ...FILES, ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`r${String(i).padStart(2, '0')}.txt`, `date 2025-03-18 Report ${i} on the harbour works.`])) };
  const committed = (files: Record<string, string> = MANY) => {
    const cwd = workspace(files);
    git(cwd, 'init', '-q');
    git(cwd, 'add', 'content');
    git(cwd, 'commit', '-q', '-m', 'articles');
    return cwd;
  };

  it('after a fresh checkout reads only the files before git is asked, and gives the same articles and warnings', () => {
    const cwd = committed();
    const first = ingest(cwd);
    expect(first.reads).toHaveLength(Object.keys(MANY).length);
    checkOutAgain(cwd);
    const inode = statSync(path.join(cwd, 'content', 'r19.txt')).ino;
    const second = ingest(cwd);
    // The first ASK_GIT_AFTER − 1 files whose stat changed are read as without git (an edit changes a few); then git is asked.
    expect(second.reads).toEqual(Object.keys(MANY).sort().slice(0, ASK_GIT_AFTER - 1));
    expect(second.articles.map((a) => ({ ...a, raw: '' }))).toEqual(first.articles.map((a) => ({ ...a, raw: '' })));
    expect(second.messages).toEqual(first.messages);
    // The records took the new stats: the next run trusts them without asking git (nothing is read either way).
    expect(statSync(path.join(cwd, 'content', 'r19.txt')).ino).toBe(inode);
    expect(ingest(cwd).reads).toEqual([]);
  });

  it('reads a tracked file whose content is not its commit’s (edited, or edited and staged), and an untracked one', () => {
    const cwd = committed();
    ingest(cwd);
    checkOutAgain(cwd);
    // Same size, new words: only the content tells. (Past the files read before git is asked.)
    writeFileSync(path.join(cwd, 'content', 'r17.txt'), MANY['r17.txt']!.replace('harbour', 'HARBOUR'));
    writeFileSync(path.join(cwd, 'content', 'r18.txt'), MANY['r18.txt']!.replace('harbour', 'HARBOUR'));
    git(cwd, 'add', 'content/r18.txt');
    writeFileSync(path.join(cwd, 'content', 'z.txt'), 'date 2025-03-19 A new report on the harbour works, not yet committed.');
    pastGranule();
    const run = ingest(cwd);
    expect(run.reads.filter((name) => !Object.keys(MANY).sort().slice(0, ASK_GIT_AFTER - 1).includes(name))).toEqual(['r17.txt', 'r18.txt', 'z.txt']);
    expect(run.articles.find((a) => a.id === 'r17')!.raw).toContain('HARBOUR');
  });

  it('asks git only when many files changed: a few edited files are read without it', () => {
    const cwd = committed();
    ingest(cwd);
    const spawned = vi.spyOn(childProcess, 'spawnSync');
    for (const name of ['a.txt', 'r03.txt']) writeFileSync(path.join(cwd, 'content', name), MANY[name]!);
    pastGranule();
    expect(ingest(cwd).reads).toEqual(['a.txt', 'r03.txt']);
    expect(spawned.mock.calls.filter(([command]) => command === 'git')).toEqual([]);
  });

  it('outside a git work tree, a file with a new stat is read as before', () => {
    const cwd = workspace(MANY);
    ingest(cwd);
    for (const [name, text] of Object.entries(MANY)) writeFileSync(path.join(cwd, 'content', name), text);
    pastGranule();
    expect(ingest(cwd).reads).toHaveLength(Object.keys(MANY).length);
  });
});

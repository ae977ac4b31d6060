/**
 * A build whose out/ cannot be written — the disk is full, the file system is
 * read-only, or a path component is a file — fails with exit 1 and a message
 * that says what happened (no stack trace), and leaves the previous out/
 * whole, byte for byte, with no staging leftovers.
 *
 * Full and read-only disks are real: out/ lives on a small tmpfs that the
 * test fills up or remounts read-only (needs root, which the CI container
 * has; chmod would not stop root). Where mounting is not permitted these two
 * cases cannot be produced honestly and are skipped with that reason; the
 * file-in-the-way case runs everywhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/corpus.ts';
import { removeDir, runCli, snapshotTree, tempDir } from '../foundation/helpers.ts';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

function tryMount(dir: string, size: string): boolean {
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' }).status === 0;
}

/** The checks every failed build must pass. */
function expectCleanFailure(run: { status: number | null; stderr: string; stdout: string }, explanation: RegExp): void {
  expect(run.status, run.stderr).toBe(1);
  expect(run.stderr).toMatch(explanation);
  // A sentence for the operator, not a stack trace.
  expect(run.stderr, run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(run.stderr).toMatch(/previous \S+ was left unchanged/);
}

const probe = tempDir('briefing-mount-probe-');
const MOUNTABLE = tryMount(probe, '64k');
if (MOUNTABLE) spawnSync('umount', [probe]);
removeDir(probe);

describe.skipIf(!MOUNTABLE)('out/ on a full or read-only disk (tmpfs)', () => {
  let cwd: string;
  let mnt: string;
  let out: string;
  let previous: Map<string, Buffer>;

  beforeAll(() => {
    cwd = tempDir('briefing-diskfault-');
    mnt = path.join(cwd, 'disk');
    expect(tryMount(mnt, '16m')).toBe(true);
    out = path.join(mnt, 'site');
    writeFileSync(path.join(cwd, 'briefing.config.json'), JSON.stringify({ out }));
    writeCorpus(path.join(cwd, 'content'), generateCorpus({ articles: 40, seed: 5, days: 4 }));
    const first = runCli(['build', '--quiet'], cwd);
    expect(first.status, first.stderr).toBe(0);
    previous = snapshotTree(out);
    // More news, so the next build has more to write than the disk has room for.
    writeCorpus(path.join(cwd, 'content', 'more'), generateCorpus({ articles: 150, seed: 6, days: 20, startDate: '2025-04-01' }));
  });
  afterAll(() => {
    spawnSync('umount', [mnt]);
    removeDir(cwd);
  });

  it('disk full: exit 1, says the disk is full, previous out/ whole, no staging left', () => {
    const free = Number(spawnSync('df', ['-k', '--output=avail', mnt], { encoding: 'utf8' }).stdout.trim().split('\n').pop());
    // Leave 8 KB: the staging folder can be created, the editions cannot all be written.
    writeFileSync(path.join(mnt, 'filler'), Buffer.alloc(Math.max(0, (free - 8) * 1024)));
    const run = runCli(['build'], cwd);
    expectCleanFailure(run, /no space|disk is full/i);
    expect(snapshotTree(out)).toEqual(previous);
    expect(readdirSync(mnt).filter((n) => n.startsWith('.'))).toEqual([]);

    rmSync(path.join(mnt, 'filler'));
    const again = runCli(['build', '--quiet'], cwd);
    expect(again.status, again.stderr).toBe(0);
    expect(snapshotTree(out)).not.toEqual(previous);
    previous = snapshotTree(out);
  });

  it('read-only: exit 1, says the file system is read-only, out/ whole', () => {
    expect(spawnSync('mount', ['-o', 'remount,ro', mnt]).status).toBe(0);
    try {
      writeCorpus(path.join(cwd, 'content', 'late'), generateCorpus({ articles: 5, seed: 7, days: 1, startDate: '2025-05-01' }));
      const run = runCli(['build'], cwd);
      expectCleanFailure(run, /read-only/i);
      expect(snapshotTree(out)).toEqual(previous);
    } finally {
      spawnSync('mount', ['-o', 'remount,rw', mnt]);
    }
  });
});

describe('out/ whose folder cannot be created', () => {
  it('a file in the way of out/’s parent: exit 1 and a message naming the path, not a stack trace', () => {
    const cwd = tempDir('briefing-enotdir-');
    try {
      writeCorpus(path.join(cwd, 'content'), generateCorpus({ articles: 6, seed: 8, days: 2 }));
      writeFileSync(path.join(cwd, 'public'), 'a file where a folder should be');
      writeFileSync(path.join(cwd, 'briefing.config.json'), JSON.stringify({ out: 'public/site' }));
      const run = runCli(['build'], cwd);
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/not a folder|not a directory/i);
      expect(run.stderr).toContain('public');
      expect(run.stderr, run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(existsSync(path.join(cwd, 'content'))).toBe(true);
    } finally {
      removeDir(cwd);
    }
  });
});

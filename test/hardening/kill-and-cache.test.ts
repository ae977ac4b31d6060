/**
 * Killed builds and a damaged cache, through the real CLI.
 *
 * - SIGKILL at seeded random points, ten times: out/ is always one complete
 *   build (the previous one, or the new one when the build got to finish),
 *   every cache database passes SQLite's integrity check and every entry in
 *   it its checksum, and the build after the kills equals a build that used
 *   no cache at all.
 *   (test/foundation/atomic.test.ts kills at five fixed fractions; this adds
 *   random points, repeated kills on top of each other, and the cache.)
 * - A truncated or bit-flipped cache entry is detected, reported as
 *   `build/corrupt-cache`, rebuilt, and the output is unchanged.
 */
import { spawn } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createRandom, generateCorpus, writeCorpus } from '../../bench/corpus.ts';
import { damageStoredEntry, STORE_FILE, storedEntries } from '../../pipeline/common/cache-store.ts';
import { BIN, removeDir, runCli, snapshotTree, tempDir } from '../foundation/helpers.ts';

vi.setConfig({ testTimeout: 900_000, hookTimeout: 120_000 });

const KILLS = Number(process.env.HARDENING_KILLS ?? 10);
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function files(dir: string, suffix: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      return;
    }
    for (const name of names) {
      const absolute = path.join(current, name);
      if (statSync(absolute).isDirectory()) walk(absolute);
      else if (name.endsWith(suffix)) found.push(absolute);
    }
  };
  walk(dir);
  return found.sort();
}

/** Every namespace store of the cache (`.cache/<namespace>/entries.sqlite`). */
function stores(cacheDir: string): string[] {
  return files(cacheDir, STORE_FILE).map((file) => path.dirname(file));
}

/**
 * Cache entries whose checksum does not match their payload, and databases
 * SQLite itself finds damaged (`PRAGMA integrity_check`), read straight from disk.
 */
function corruptEntries(cacheDir: string): string[] {
  const found: string[] = [];
  for (const dir of stores(cacheDir)) {
    const db = new Database(path.join(dir, STORE_FILE), { readonly: true });
    try {
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') found.push(`${dir}: ${String(integrity)}`);
    } finally {
      db.close();
    }
    for (const entry of storedEntries(dir)) if (!entry.ok) found.push(path.join(dir, entry.key));
  }
  return found;
}

/** A complete out/: report.json, the archive page and, for every edition, its four files. */
function expectComplete(out: Map<string, Buffer>, label: string): void {
  expect(out.has('report.json'), label).toBe(true);
  expect(out.has('index.html'), label).toBe(true);
  const editions = new Set([...out.keys()].filter((f) => f.startsWith('editions/')).map((f) => f.split('/')[1]!));
  expect(editions.size, label).toBeGreaterThan(0);
  for (const day of editions) for (const file of ['edition.json', 'email.html', 'email.txt', 'index.html']) expect(out.has(`editions/${day}/${file}`), `${label}: ${day}/${file}`).toBe(true);
}

function buildAndKill(cwd: string, delayMs: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'build', '--quiet'], { cwd, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished');
    });
  });
}

describe('SIGKILL at random points', () => {
  it(`${KILLS} kills never leave a half-written out/ or a corrupt cache`, async () => {
    const cwd = tempDir('briefing-randkill-');
    dirs.push(cwd);
    const corpus = generateCorpus({ articles: 70 + 10 * KILLS, seed: 21, days: 8 });
    writeCorpus(path.join(cwd, 'content'), corpus.slice(0, 60));
    const first = runCli(['build', '--quiet'], cwd);
    expect(first.status, first.stderr).toBe(0);
    // The kills land within the time of a build like theirs: ten new articles on a warm cache
    // (a first build, with every cache empty, takes several times as long).
    writeCorpus(path.join(cwd, 'content'), corpus.slice(60, 70));
    const started = Date.now();
    const warm = runCli(['build', '--quiet'], cwd);
    const duration = Date.now() - started;
    expect(warm.status, warm.stderr).toBe(0);
    let previous = snapshotTree(path.join(cwd, 'out'));

    const random = createRandom(20261123);
    let next = 70;
    let killed = 0;
    for (let i = 0; i < KILLS; i++) {
      // Fresh work for every attempt: new articles, so clean and the cache have entries to write.
      writeCorpus(path.join(cwd, 'content'), corpus.slice(next, next + 10));
      next += 10;
      const delay = Math.round(duration * (0.1 + random.next()));
      const outcome = await buildAndKill(cwd, delay);
      const now = snapshotTree(path.join(cwd, 'out'));
      expectComplete(now, `attempt ${i} (${outcome} at ${delay} ms)`);
      if (outcome === 'killed') {
        killed++;
        // A kill can land after the swap but before the process exits: then out/
        // must be the NEW build, whole. Anything else is a half-written out/.
        if (!isDeepStrictEqual(now, previous)) {
          const reference = runCli(['build', '--quiet', '--no-cache', '--out', 'out-reference'], cwd);
          expect(reference.status, reference.stderr).toBe(0);
          expect(now, `attempt ${i}: killed at ${delay} ms left an out/ that is neither the previous build nor the new one`).toEqual(snapshotTree(path.join(cwd, 'out-reference')));
          rmSync(path.join(cwd, 'out-reference'), { recursive: true, force: true });
        }
      }
      previous = now;
      expect(corruptEntries(path.join(cwd, '.cache')), `attempt ${i}`).toEqual([]);
    }
    expect(killed).toBeGreaterThanOrEqual(Math.ceil(KILLS / 2));

    // The build after the kills: no corrupt entry reported, and the same bytes as a build without the cache.
    const after = runCli(['build'], cwd);
    expect(after.status, after.stderr).toBe(0);
    expect(after.stderr).not.toContain('corrupt-cache');
    const cold = runCli(['build', '--quiet', '--no-cache', '--out', 'out-cold'], cwd);
    expect(cold.status, cold.stderr).toBe(0);
    expect(snapshotTree(path.join(cwd, 'out'))).toEqual(snapshotTree(path.join(cwd, 'out-cold')));
    expect(readdirSync(cwd).filter((n) => n.startsWith('.out.'))).toEqual([]);
  });
});

describe('a damaged cache entry', () => {
  it('truncated or bit-flipped entries are detected, reported, rebuilt, and change nothing in out/', () => {
    const cwd = tempDir('briefing-corrupt-cache-');
    dirs.push(cwd);
    writeCorpus(path.join(cwd, 'content'), generateCorpus({ articles: 30, seed: 31, days: 3 }));
    const first = runCli(['build', '--quiet'], cwd);
    expect(first.status, first.stderr).toBe(0);
    const good = snapshotTree(path.join(cwd, 'out'));
    // Each stage keeps some entries it reads only when another no longer matches (dedupe's lone
    // features behind its packs, clean's analyses behind its decisions): a damaged entry that is never
    // read is never trusted, and is found the day it is read (test/dedupe/cache.test.ts,
    // test/foundation/cache.test.ts). Here the damage goes to entries every warm build reads:
    // ingest's record of the content files, a clean decision, and clean's repetition sources.
    const entriesOf = (namespace: string) => storedEntries(path.join(cwd, '.cache', namespace)).map((entry) => ({ ...entry, dir: path.join(cwd, '.cache', namespace) }));
    const truncated = entriesOf('ingest')[0]!;
    // (Clean's decision summaries are kept one entry per day of input: clean/summary-groups.ts.)
    const decisions = entriesOf('clean').filter((entry) => entry.text.startsWith('{"layout":2,'));
    expect(decisions.reduce((n, entry) => n + Object.keys((JSON.parse(entry.text) as { summaries: object }).summaries).length, 0)).toBe(30);
    const flipped = decisions[Math.floor(decisions.length / 2)]!;
    const emptied = entriesOf('clean').find((entry) => /^\{"[0-9a-f]{64}":\{"keys":/.test(entry.text))!;
    expect(emptied).toBeDefined();

    damageStoredEntry(truncated.dir, truncated.key, (body) => body.subarray(0, Math.floor(body.length / 2)));
    damageStoredEntry(flipped.dir, flipped.key, (body) => {
      const bytes = Buffer.from(body);
      const at = bytes.length - 10; // inside the payload
      bytes[at] = bytes[at]! ^ 0x04; // one bit
      return bytes;
    });
    damageStoredEntry(emptied.dir, emptied.key, () => Buffer.alloc(0));
    expect(corruptEntries(path.join(cwd, '.cache'))).toHaveLength(3);

    // --force: with nothing changed, a build would stop after ingest and read none of them (build/up-to-date.ts).
    const run = runCli(['build', '--force'], cwd);
    expect(run.status, run.stderr).toBe(0);
    const reported = run.stderr.split('\n').filter((line) => line.includes('corrupt-cache'));
    expect(reported.length, run.stderr).toBe(3);
    for (const { key } of [truncated, flipped, emptied]) expect(reported.some((line) => line.includes(key)), `${key} not reported`).toBe(true);
    // Rebuilt: the entries pass their checksum again, and out/ is what the good cache gave (report.json aside: it records the warnings).
    expect(corruptEntries(path.join(cwd, '.cache'))).toEqual([]);
    const now = snapshotTree(path.join(cwd, 'out'));
    for (const [file, content] of good) if (file !== 'report.json') expect(now.get(file)?.equals(content), file).toBe(true);
    const clean = runCli(['build', '--force'], cwd);
    expect(clean.stderr).not.toContain('corrupt-cache');
  });
});

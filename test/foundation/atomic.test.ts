/**
 * out/ is replaced atomically: a build killed at any point leaves the previous
 * complete out/, and the next build succeeds.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { commitStaging, createStaging, recoverOut } from '../../pipeline/build/atomic-out.ts';
import { generateCorpus, writeCorpus } from '../../bench/corpus.ts';
import { BIN, removeDir, runCli, snapshotTree, tempDir } from './helpers.ts';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeDir(dir);
});

/** Starts a build and SIGKILLs it after `delayMs`; resolves with whether it was still running, and how long it ran. */
function buildAndKill(cwd: string, delayMs: number): Promise<{ killed: boolean; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, 'build', '--quiet'], { cwd, stdio: 'ignore' });
    let exited = false;
    child.on('exit', (_code, signal) => {
      exited = true;
      resolve({ killed: signal === 'SIGKILL', ms: Date.now() - started });
    });
    setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, delayMs);
  });
}

describe('atomic out/ under SIGKILL', () => {
  it('a build killed at different points always leaves the previous complete out/', async () => {
    const cwd = tempDir('briefing-kill-');
    dirs.push(cwd);
    const corpus = generateCorpus({ articles: 60, seed: 11, days: 5 });
    writeCorpus(path.join(cwd, 'content'), corpus.slice(0, 50));

    const first = runCli(['build', '--quiet'], cwd);
    expect(first.status, first.stderr).toBe(0);
    const previous = snapshotTree(path.join(cwd, 'out'));
    expect(previous.has('report.json')).toBe(true);
    expect([...previous.keys()].some((file) => file.startsWith('editions/'))).toBe(true);

    // New articles, and no cache: the next build has real work in every stage.
    writeCorpus(path.join(cwd, 'content'), corpus.slice(50));
    // What a build that gets to finish produces, and how long it takes (measured
    // warm, so the kill points fall inside the builds below whatever the machine's speed).
    const referenceStarted = Date.now();
    const reference = runCli(['build', '--quiet', '--no-cache', '--out', 'out-reference'], cwd);
    let duration = Date.now() - referenceStarted;
    expect(reference.status, reference.stderr).toBe(0);
    const next = snapshotTree(path.join(cwd, 'out-reference'));
    removeDir(path.join(cwd, 'out-reference'));

    let killedCount = 0;
    // Five points through the build, then earlier ones while fewer than three kills landed: a build
    // that finished before its kill shows the reference ran slow (a busy machine), and the points
    // after it are taken from the quicker build.
    const fractions = [0.15, 0.4, 0.65, 0.85, 0.97];
    const extra = [0.1, 0.3, 0.5, 0.2, 0.45];
    for (let k = 0; k < fractions.length || (killedCount < 3 && k < fractions.length + extra.length); k++) {
      const fraction = k < fractions.length ? fractions[k]! : extra[k - fractions.length]!;
      removeDir(path.join(cwd, '.cache'));
      const { killed, ms } = await buildAndKill(cwd, Math.round(duration * fraction));
      if (killed) killedCount++;
      else duration = Math.min(duration, ms);
      // Whether the kill landed or the build finished, out/ is one complete build:
      // the previous one, or — when the kill came after the swap — the new one, whole.
      const after = snapshotTree(path.join(cwd, 'out'));
      if (!isDeepStrictEqual(after, previous)) expect(after, `${killed ? 'killed' : 'finished'} at ${fraction}`).toEqual(next);
    }
    expect(killedCount).toBeGreaterThanOrEqual(3);

    const final = runCli(['build', '--quiet'], cwd);
    expect(final.status, final.stderr).toBe(0);
    // The new build includes the articles added after the first one.
    expect(readFileSync(path.join(cwd, 'out/report.json')).equals(previous.get('report.json')!)).toBe(false);
    // Staging folders of the killed builds are cleaned up.
    expect(readdirSync(cwd).filter((name) => name.startsWith('.out.'))).toEqual([]);
  });
});

describe('recoverOut', () => {
  it('puts the previous out/ back after a kill between the two renames', () => {
    const parent = tempDir();
    dirs.push(parent);
    const out = path.join(parent, 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'report.json'), 'old');
    // Simulate a build killed after renaming out/ away and before renaming staging in.
    const staging = createStaging(out);
    writeFileSync(path.join(staging, 'report.json'), 'half');
    renameSync(out, path.join(parent, '.out.previous-999999999'));
    expect(existsSync(out)).toBe(false);
    recoverOut(out);
    expect(readFileSync(path.join(out, 'report.json'), 'utf8')).toBe('old');
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('removes only the folders a build leaves beside out/, never a file or folder of the user\'s named like them', () => {
    const parent = tempDir();
    dirs.push(parent);
    const out = path.join(parent, 'out');
    mkdirSync(out);
    // Left by dead builds (a pid no process has): staging and previous folders.
    mkdirSync(path.join(parent, '.out.staging-999999999-1733400000000'));
    mkdirSync(path.join(parent, '.out.previous-999999998'));
    // The user's.
    writeFileSync(path.join(parent, '.out.bak'), 'kept');
    mkdirSync(path.join(parent, '.out.old-site'));
    mkdirSync(path.join(parent, '.out.previous-copy'));
    recoverOut(out);
    expect(readdirSync(parent).sort()).toEqual(['.out.bak', '.out.old-site', '.out.previous-copy', 'out']);
  });

  it('commitStaging replaces out/ and removes the old one', () => {
    const parent = tempDir();
    dirs.push(parent);
    const out = path.join(parent, 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'old.txt'), 'old');
    const staging = createStaging(out);
    writeFileSync(path.join(staging, 'new.txt'), 'new');
    commitStaging(staging, out);
    expect(readdirSync(out)).toEqual(['new.txt']);
    expect(readdirSync(parent)).toEqual(['out']);
  });
});

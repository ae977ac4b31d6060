/**
 * `briefing build` end to end on a temp copy of the sample: the printed
 * summary, out/'s layout, content/ untouched, --strict, the cache and progress.
 */
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { damageStoredEntry, storedEntries } from '../../pipeline/common/cache-store.ts';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });
import { removeDir, runCli, sampleWorkspace, snapshotTree, type CliRun } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeDir(dir);
});
function workspace(): string {
  const dir = sampleWorkspace();
  dirs.push(dir);
  return dir;
}

/** The days named by the sample's `date YYYY-MM-DD` lines: one edition each. */
function sampleDays(cwd: string): string[] {
  const days = new Set<string>();
  for (const name of readdirSync(path.join(cwd, 'content'))) {
    const match = /^\s*date\s+(\d{4}-\d{2}-\d{2})/.exec(readFileSync(path.join(cwd, 'content', name), 'utf8'));
    if (match) days.add(match[1]!);
  }
  return [...days].sort();
}

describe('build on the sample', () => {
  let cwd: string;
  let run: CliRun;
  let contentBefore: Map<string, Buffer>;

  beforeAll(() => {
    cwd = workspace();
    contentBefore = snapshotTree(path.join(cwd, 'content'));
    run = runCli(['build', '--content', 'content', '--out', 'out'], cwd);
  });

  it('exits 0 and prints what it did and where to look', () => {
    expect(run.status, run.stderr).toBe(0);
    const days = sampleDays(cwd);
    expect(days.length).toBeGreaterThan(0);
    expect(run.stdout).toMatch(/read\s+5 articles/);
    expect(run.stdout).toMatch(/cleaned\s+\d+/);
    expect(run.stdout).toMatch(/folded\s+\d+ duplicates?/);
    expect(run.stdout).toMatch(/stories\s+\d+/);
    expect(run.stdout).toContain(`editions   ${days.length}: ${days.join(', ')}`);
    expect(run.stdout).toMatch(/warnings\s+\d+/);
    expect(run.stdout).toContain(`Open ${path.join('out', 'index.html')}`);
  });

  it('writes out/ with the archive, the report and one folder per edition date', () => {
    const out = path.join(cwd, 'out');
    expect(existsSync(path.join(out, 'index.html'))).toBe(true);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as { counts: Record<string, number>; messages: { stage: string; ruleId: string; severity: string }[] };
    expect(report.counts.error).toBe(0);
    expect(report.messages.length).toBe(report.counts.info! + report.counts.warning! + report.counts.error!);
    // Every decision is in the report, not only the problems.
    expect(report.messages.some((m) => m.severity === 'info')).toBe(true);
    const days = sampleDays(cwd);
    expect(readdirSync(path.join(out, 'editions')).sort()).toEqual(days);
    // The fixed layout of issue 7: archive, three feeds, and per edition the email, its text twin, the web page and the data.
    for (const file of ['feed.xml', 'atom.xml', 'feed.json']) expect(existsSync(path.join(out, file)), file).toBe(true);
    for (const day of days) {
      expect(readdirSync(path.join(out, 'editions', day)).sort(), day).toEqual(expect.arrayContaining(['edition.json', 'email.html', 'email.txt', 'index.html']));
      const edition = JSON.parse(readFileSync(path.join(out, 'editions', day, 'edition.json'), 'utf8')) as { date: string };
      expect(edition.date).toBe(day);
    }
    // The printed warning count is the report's.
    expect(run.stdout).toMatch(new RegExp(`warnings\\s+${report.counts.warning}\\b`));
  });

  it('leaves content/ byte-identical', () => {
    expect(snapshotTree(path.join(cwd, 'content'))).toEqual(contentBefore);
  });

  it('leaves no staging folders behind', () => {
    expect(readdirSync(cwd).filter((name) => name.startsWith('.out.'))).toEqual([]);
  });

  it('prints plain progress lines on stderr when stderr is not a terminal', () => {
    expect(run.stderr).toMatch(/^ingest: 5 items$/m);
    expect(run.stderr).toMatch(/^clean: 5 items$/m);
    expect(run.stderr).not.toContain('\r');
  });
});

describe('build options', () => {
  it('--quiet prints nothing on success', () => {
    const cwd = workspace();
    const { status, stdout, stderr } = runCli(['build', '--quiet'], cwd);
    expect(status).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe('');
    expect(existsSync(path.join(cwd, 'out/index.html'))).toBe(true);
  });

  it('--strict turns warnings into exit 1 and leaves the previous out/ intact', () => {
    const cwd = workspace();
    expect(runCli(['build', '--quiet'], cwd).status).toBe(0);
    const before = snapshotTree(path.join(cwd, 'out'));
    // A broken input guarantees a warning whatever the later stages decide.
    writeFileSync(path.join(cwd, 'content', 'broken.md'), '---\ntitle: [unclosed\n---\nA new story about the harbour.\n');
    const { status, stdout, stderr } = runCli(['build', '--strict'], cwd);
    expect(status).toBe(1);
    expect(stderr).toMatch(/content\/broken\.md:\d+: warning: front matter/);
    expect(stdout).toMatch(/Build failed \(.*with --strict\); out\/ was left as it was/);
    expect(snapshotTree(path.join(cwd, 'out'))).toEqual(before);
    expect(readdirSync(cwd).filter((name) => name.startsWith('.out.'))).toEqual([]);
    // Without --strict the same input builds.
    expect(runCli(['build', '--quiet'], cwd).status).toBe(0);
  });

  it('--date builds only that edition', () => {
    const cwd = workspace();
    const [day] = sampleDays(cwd);
    const { status } = runCli(['build', '--quiet', '--date', day!], cwd);
    expect(status).toBe(0);
    expect(readdirSync(path.join(cwd, 'out/editions'))).toEqual([day]);
  });
});

describe('cache', () => {
  it('a rebuild after changing one article takes the other four from the cache', () => {
    const cwd = workspace();
    const first = runCli(['build'], cwd);
    expect(first.status).toBe(0);
    expect(first.stdout).not.toMatch(/from cache/);
    // Nothing changed: the build stops after ingest (build/up-to-date.ts)…
    const unchanged = runCli(['build'], cwd);
    expect(unchanged.status).toBe(0);
    expect(unchanged.stdout).toMatch(/^Up to date: nothing changed since the last build; out\/ holds its 3 editions/);
    // …unless told to run every stage, which then take every article from the cache.
    const second = runCli(['build', '--force'], cwd);
    expect(second.stdout).toMatch(/^Built 3 editions/);
    expect(second.stdout).toMatch(/5 from cache/);
    const [name] = readdirSync(path.join(cwd, 'content')).sort();
    const file = path.join(cwd, 'content', name!);
    writeFileSync(file, readFileSync(file, 'utf8') + '\nA late paragraph added by the publisher after the first scrape.\n');
    const third = runCli(['build'], cwd);
    expect(third.status).toBe(0);
    expect(third.stdout).toMatch(/4 from cache/);
  });

  it('a corrupt cache entry is detected, reported and rebuilt', () => {
    const cwd = workspace();
    expect(runCli(['build', '--quiet'], cwd).status).toBe(0);
    // Clean's decision summaries (what a warm build reads for each article), one entry per day of
    // input (clean/summary-groups.ts): damage the entry of a day with one article.
    const groups = storedEntries(path.join(cwd, '.cache/clean')).filter((e) => e.text.startsWith('{"layout":2,'));
    const members = (text: string) => Object.keys((JSON.parse(text) as { summaries: object }).summaries).length;
    expect(groups.reduce((n, e) => n + members(e.text), 0)).toBe(5);
    const victim = groups.find((e) => members(e.text) === 1)!;
    expect(victim).toBeDefined();
    damageStoredEntry(path.join(cwd, '.cache/clean'), victim.key, (body) => body.subarray(0, Math.floor(body.length / 2)));
    // --force: with nothing changed, a build would not read the stages' entries at all.
    const { status, stdout, stderr } = runCli(['build', '--force'], cwd);
    expect(status).toBe(0);
    expect(stderr).toMatch(/warning: cache entry failed its checksum; rebuilt \[build\/corrupt-cache\]/);
    expect(stderr).toContain(victim.key);
    expect(stdout).toMatch(/4 from cache/);
    // Rewritten whole: the next build takes all five from the cache again.
    expect(storedEntries(path.join(cwd, '.cache/clean')).find((e) => e.key === victim.key)).toEqual(victim);
    expect(runCli(['build', '--force'], cwd).stdout).toMatch(/5 from cache/);
  });

  it('an input file changed in place (same size, mtime put back) is read again: ctime differs', () => {
    const cwd = workspace();
    expect(runCli(['build', '--quiet'], cwd).status).toBe(0);
    const [name] = readdirSync(path.join(cwd, 'content')).filter((n) => n.endsWith('.txt')).sort();
    const file = path.join(cwd, 'content', name!);
    const before = statSync(file);
    const text = readFileSync(file, 'utf8');
    // Same length, one word changed, and the old mtime restored (as cp -p or rsync -t would).
    const changed = text.replace(/\b([a-z])([a-z]{3,})\b/, (_m, a: string, rest: string) => `${a === 'z' ? 'y' : 'z'}${rest}`);
    expect(changed).not.toBe(text);
    writeFileSync(file, changed);
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).size).toBe(before.size);
    const cached = runCli(['build', '--quiet'], cwd);
    expect(cached.status, cached.stderr).toBe(0);
    const cachedOut = snapshotTree(path.join(cwd, 'out'));
    expect(runCli(['build', '--quiet', '--no-cache', '--out', 'out-cold'], cwd).status).toBe(0);
    expect(cachedOut).toEqual(snapshotTree(path.join(cwd, 'out-cold')));
    expect(JSON.stringify([...cachedOut.values()].map(String))).toContain(changed.split(/\s+/).find((w, i) => w !== text.split(/\s+/)[i])!.replace(/[^a-z]/gi, ''));
  });

  it('--no-cache redoes everything', () => {
    const cwd = workspace();
    expect(runCli(['build', '--quiet'], cwd).status).toBe(0);
    expect(runCli(['build', '--no-cache'], cwd).stdout).not.toMatch(/from cache/);
  });
});

describe('feeds in a build', () => {
  it('ingests the feeds named in config (file and HTTP) beside content/, and a failing feed is only a warning', async () => {
    const { createServer } = await import('node:http');
    const { copyFileSync } = await import('node:fs');
    const { FIXTURES, runCliAsync } = await import('./helpers.ts');
    const server = createServer((req, res) => {
      if (req.url === '/atom.xml') {
        res.writeHead(200, { 'content-type': 'application/atom+xml' });
        res.end(readFileSync(path.join(FIXTURES, 'feeds/atom.xml')));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const cwd = workspace();
      copyFileSync(path.join(FIXTURES, 'feeds/rss.xml'), path.join(cwd, 'harbour.xml'));
      const config = {
        ingest: {
          blockPrivateAddresses: false,
          feeds: [{ url: 'harbour.xml' }, { url: `http://127.0.0.1:${port}/atom.xml` }, { url: `http://127.0.0.1:${port}/gone.xml` }],
        },
      };
      writeFileSync(path.join(cwd, 'briefing.config.json'), JSON.stringify(config));
      const run = await runCliAsync(['build'], cwd);
      expect(run.status, run.stderr).toBe(0);
      // 5 sample files + 3 RSS items + 2 Atom entries.
      expect(run.stdout).toMatch(/read\s+10 articles/);
      expect(run.stderr).toMatch(new RegExp(`http://127\\.0\\.0\\.1:${port}/gone\\.xml: warning: cannot fetch feed: HTTP 404`));
      expect(readdirSync(path.join(cwd, 'out/editions'))).toEqual(expect.arrayContaining(['2025-03-18', '2025-03-20', '2025-03-21']));
      // The stored copy for the conditional GET lives in the cache, not in content/.
      expect(storedEntries(path.join(cwd, '.cache/feeds'))).toHaveLength(1);
      // check fetches the same feeds, reports the failing one and writes nothing, not even the feed cache.
      const before = snapshotTree(cwd);
      const check = await runCliAsync(['check'], cwd);
      expect(check.status).toBe(1);
      expect(check.stderr).toMatch(/gone\.xml: warning: cannot fetch feed: HTTP 404/);
      expect(snapshotTree(cwd)).toEqual(before);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

/**
 * The `briefing` CLI as a user meets it: real processes, exit codes, usage,
 * config errors and precedence, and `check` on broken inputs.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });
import { pendingCommand } from '../../pipeline/cli/commands/pending.ts';
import { removeDir, runCli, runCliAsync, sampleWorkspace, snapshotTree, tempDir } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeDir(dir);
});
/** An empty working directory, removed after the file's tests. */
function emptyDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}
function workspace(): string {
  const dir = sampleWorkspace();
  dirs.push(dir);
  return dir;
}

/** Command names as `briefing --help` lists them. */
function listedCommands(cwd: string): string[] {
  const { stdout } = runCli(['--help'], cwd);
  const section = stdout.split('Commands:')[1] ?? '';
  return section
    .split('\n')
    .map((line) => /^ {2}(\S+)/.exec(line)?.[1])
    .filter((name): name is string => Boolean(name));
}

describe('usage', () => {
  it('no command prints usage and exits 2; --help exits 0', () => {
    const cwd = tempDir();
    dirs.push(cwd);
    const none = runCli([], cwd);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/Usage: briefing <command>/);
    const help = runCli(['--help'], cwd);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Commands:/);
  });

  it('an unknown command prints usage and exits 2', () => {
    const { status, stderr } = runCli(['frobnicate'], emptyDir());
    expect(status).toBe(2);
    expect(stderr).toMatch(/unknown command "frobnicate"/);
    expect(stderr).toMatch(/Usage: briefing <command>/);
  });

  it('an unknown flag prints the command usage and exits 2', () => {
    const { status, stderr } = runCli(['build', '--no-such-flag'], emptyDir());
    expect(status).toBe(2);
    expect(stderr).toMatch(/no-such-flag/);
    expect(stderr).toMatch(/Usage: briefing build/);
  });

  it('a malformed --date is a usage error, exit 2', () => {
    const { status, stderr } = runCli(['build', '--date', '2025-02-30'], emptyDir());
    expect(status).toBe(2);
    expect(stderr).toMatch(/--date expects a day as YYYY-MM-DD/);
  });

  it('--since after --until is a usage error, exit 2: an empty range would build an empty site over the last one', () => {
    const { status, stderr } = runCli(['build', '--since', '2025-03-20', '--until', '2025-03-01'], emptyDir());
    expect(status).toBe(2);
    expect(stderr).toMatch(/--since 2025-03-20 is after --until 2025-03-01/);
  });

  it('a content folder that does not exist fails the build and leaves the last out/ as it was (feeds alone need none)', () => {
    const cwd = sampleWorkspace();
    dirs.push(cwd);
    expect(runCli(['build', '--quiet'], cwd).status).toBe(0);
    const before = snapshotTree(path.join(cwd, 'out'));
    const missing = runCli(['build', '--content', 'artcles'], cwd);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/artcles: error: content folder "artcles" does not exist.*\[ingest\/no-content\]/);
    expect(snapshotTree(path.join(cwd, 'out'))).toEqual(before);
    // With a feed configured, no content folder is fine: the feeds are the input.
    writeFileSync(path.join(cwd, 'feed.xml'), '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Harbour reopens</title><guid>h1</guid><pubDate>Tue, 18 Mar 2025 10:00:00 GMT</pubDate><description>The harbour reopened on Tuesday after repairs to the sea wall were finished.</description></item></channel></rss>');
    writeFileSync(path.join(cwd, 'briefing.config.json'), JSON.stringify({ ingest: { feeds: [{ url: 'feed.xml' }] } }));
    const feedsOnly = runCli(['build', '--quiet', '--content', 'artcles'], cwd);
    expect(feedsOnly.status, feedsOnly.stderr).toBe(0);
  });

  it('every listed command has --help (exit 0) with its own usage line', async () => {
    const cwd = tempDir();
    dirs.push(cwd);
    const names = listedCommands(cwd);
    expect(names).toEqual(expect.arrayContaining(['build', 'check', 'extract', 'dedupe', 'preview', 'send', 'schedule']));
    const runs = await Promise.all(names.map((name) => runCliAsync([name, '--help'], cwd)));
    names.forEach((name, i) => {
      expect(runs[i]!.status, name).toBe(0);
      expect(runs[i]!.stdout, name).toMatch(new RegExp(`Usage: briefing ${name}`));
    });
  });

  it('a command whose issue has not landed says so and exits 2', async () => {
    const command = pendingCommand('later', 'do something later', 99);
    let stderr = '';
    const io = { stdout: { write: () => true } as never, stderr: { write: (s: string) => ((stderr += s), true) } as never, cwd: '.', env: {} };
    expect(await command.run({ values: {}, positionals: [] }, io)).toBe(2);
    expect(stderr).toMatch(/not available yet/);
  });
});

describe('config errors', () => {
  it('an unknown key fails build and check with exit 1, naming file, key and line; out/ is not written', () => {
    const cwd = workspace();
    writeFileSync(path.join(cwd, 'briefing.config.yaml'), 'title: Test\nrender:\n  colour: red\n');
    for (const command of ['build', 'check']) {
      const { status, stderr } = runCli([command], cwd);
      expect(status, command).toBe(1);
      expect(stderr).toMatch(/briefing\.config\.yaml:3(:\d+)?: error: .*render\.colour/);
    }
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
  });

  it('a wrong type names the file, key, line and what was expected', () => {
    const cwd = workspace();
    writeFileSync(path.join(cwd, 'briefing.config.json'), '{\n  "ingest": {\n    "maxFileBytes": "big"\n  }\n}\n');
    const { status, stderr } = runCli(['build'], cwd);
    expect(status).toBe(1);
    expect(stderr).toMatch(/briefing\.config\.json:3: error: key "ingest\.maxFileBytes": .*number/);
  });

  it('--config FILE that does not exist is an error', () => {
    const { status, stderr } = runCli(['check', '--config', 'missing.yaml'], workspace());
    expect(status).toBe(1);
    expect(stderr).toMatch(/config file not found: missing\.yaml/);
  });

  it('precedence: --out flag > BRIEFING_OUT > config file > default', () => {
    const cwd = workspace();
    writeFileSync(path.join(cwd, 'briefing.config.json'), JSON.stringify({ out: 'from-file' }));
    expect(runCli(['build', '--quiet'], cwd).status).toBe(0);
    expect(existsSync(path.join(cwd, 'from-file/index.html'))).toBe(true);
    expect(runCli(['build', '--quiet'], cwd, { BRIEFING_OUT: 'from-env' }).status).toBe(0);
    expect(existsSync(path.join(cwd, 'from-env/index.html'))).toBe(true);
    expect(runCli(['build', '--quiet', '--out', 'from-flag'], cwd, { BRIEFING_OUT: 'from-env-2' }).status).toBe(0);
    expect(existsSync(path.join(cwd, 'from-flag/index.html'))).toBe(true);
    expect(existsSync(path.join(cwd, 'from-env-2'))).toBe(false);
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
  });
});

describe('check', () => {
  it('passes on the sample and writes nothing', () => {
    const cwd = workspace();
    const before = snapshotTree(cwd);
    const { status, stdout } = runCli(['check'], cwd);
    expect(status).toBe(0);
    expect(stdout).toMatch(/check passed: 0 errors/);
    expect(snapshotTree(cwd)).toEqual(before);
  });

  const broken: { name: string; file: string; content: string | Uint8Array; expect: RegExp }[] = [
    { name: 'broken front matter', file: 'a.md', content: '---\ntitle: x\ndate: [oops\n---\nBody.\n', expect: /content\/a\.md:\d+: warning: front matter is not valid YAML/ },
    { name: 'a bad JSONL line', file: 'b.jsonl', content: '{"text":"ok"}\n{"text": nope}\n', expect: /content\/b\.jsonl:2: warning: not valid JSON/ },
    { name: 'an impossible date', file: 'c.txt', content: 'date 2025-02-30 Body text.', expect: /content\/c\.txt:1:1: warning: date line says "2025-02-30"/ },
    { name: 'a binary file', file: 'd.txt', content: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]), expect: /content\/d\.txt: warning: file is binary/ },
    { name: 'an empty file', file: 'e.md', content: '', expect: /content\/e\.md: warning: file is empty/ },
    { name: 'a non-UTF-8 file', file: 'f.txt', content: new Uint8Array([...Buffer.from('Caf'), 0xe9, 0x20, 0x61]), expect: /content\/f\.txt: warning: not valid UTF-8/ },
  ];
  describe('on a content folder with one broken input of each kind', () => {
    let cwd: string;
    let before: Map<string, Buffer>;
    let run: ReturnType<typeof runCli>;
    beforeAll(() => {
      cwd = workspace();
      for (const input of broken) writeFileSync(path.join(cwd, 'content', input.file), input.content);
      before = snapshotTree(cwd);
      run = runCli(['check'], cwd);
    });
    it('exits 1, says it failed and writes nothing', () => {
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/check failed: .*6 broken inputs/);
      expect(snapshotTree(cwd)).toEqual(before);
    });
    for (const input of broken) {
      it(`reports ${input.name} by file (and line)`, () => {
        expect(run.stderr).toMatch(input.expect);
      });
    }
  });

  it('reports an oversized file (ingest.maxFileBytes) and exits 1, writing nothing', () => {
    const cwd = workspace();
    writeFileSync(path.join(cwd, 'content', 'g.txt'), 'word '.repeat(2000));
    writeFileSync(path.join(cwd, 'briefing.config.json'), JSON.stringify({ ingest: { maxFileBytes: 8000 } }));
    const before = snapshotTree(cwd);
    const { status, stderr } = runCli(['check'], cwd);
    expect(stderr).toMatch(/content\/g\.txt: warning: file is .* over the .* limit \(ingest\.maxFileBytes\)/);
    expect(status).toBe(1);
    expect(snapshotTree(cwd)).toEqual(before);
  });
});

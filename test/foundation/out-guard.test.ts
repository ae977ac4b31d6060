/**
 * A build replaces its out folder whole (atomic-out.ts), so an out folder that holds anything a
 * build did not write is refused before anything is read or written (build/out-guard.ts):
 * `--out .` deleted the project and `--out content` the articles until session 23.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outDirProblem } from '../../pipeline/build/out-guard.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { removeDir, runCli, sampleWorkspace, snapshotTree, tempDir } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeDir(dir);
});

function workspace(): string {
  const cwd = tempDir('briefing-out-guard-');
  dirs.push(cwd);
  mkdirSync(path.join(cwd, 'content'));
  writeFileSync(path.join(cwd, 'content', 'a.txt'), 'An article.\n');
  return cwd;
}

describe('which out folders a build may replace', () => {
  const config = defaultConfig();

  it('refuses the working folder, the content, state, cache and templates folders, any folder holding one, and a folder inside the content', () => {
    const cwd = workspace();
    const cases: Array<[string, RegExp]> = [
      ['.', /"\." is the working folder/],
      ['..', /"\.\." holds the working folder/],
      [path.parse(cwd).root, /holds the working folder/],
      ['content', /"content" is the content folder "content"/],
      ['content/site', /"content\/site" is inside the content folder/],
      ['state', /is the state folder "state" \(the send ledger/],
      ['.cache', /is the cache folder/],
      ['templates', /is the templates folder/],
    ];
    for (const [out, reason] of cases) expect(outDirProblem(out, cwd, config), out).toMatch(reason);
    // A folder that holds the state folder (state elsewhere, under the out folder named).
    expect(outDirProblem('data', cwd, { ...config, state: 'data/state' })).toMatch(/"data" holds the state folder "data\/state"/);
    // Content configured elsewhere: the old content name is an ordinary folder now.
    expect(outDirProblem('content', cwd, { ...config, content: 'articles' })).toMatch(/holds files a build did not write/);
  });

  it('takes a new folder, an empty one, a build\'s earlier output and a folder inside the cache (the preview\'s)', () => {
    const cwd = workspace();
    expect(outDirProblem('out', cwd, config)).toBeNull();
    mkdirSync(path.join(cwd, 'empty'));
    expect(outDirProblem('empty', cwd, config)).toBeNull();
    expect(outDirProblem('.cache/preview-out', cwd, config)).toBeNull();
    mkdirSync(path.join(cwd, 'site'));
    writeFileSync(path.join(cwd, 'site', 'report.json'), '{"counts":{"info":0,"warning":0,"error":0},"messages":[]}\n');
    writeFileSync(path.join(cwd, 'site', 'index.html'), '<!doctype html>');
    expect(outDirProblem('site', cwd, config)).toBeNull();
  });

  it('refuses a folder of someone\'s files, even with a report.json that is not a build\'s', () => {
    const cwd = workspace();
    mkdirSync(path.join(cwd, 'docs'));
    writeFileSync(path.join(cwd, 'docs', 'guide.md'), '# Guide\n');
    expect(outDirProblem('docs', cwd, config)).toMatch(/"docs" holds files a build did not write \(it has no report\.json\)/);
    writeFileSync(path.join(cwd, 'docs', 'report.json'), '{"quarterly": true}\n');
    expect(outDirProblem('docs', cwd, config)).toMatch(/holds files a build did not write/);
    // A file where the folder would go: replacing it would delete it.
    writeFileSync(path.join(cwd, 'notes.txt'), 'precious\n');
    expect(outDirProblem('notes.txt', cwd, config)).toMatch(/"notes\.txt" is a file, not a folder/);
  });

  it('from the CLI: `build --out .`, `--out content` and `--out notes.txt` fail with the reason and leave every file as it was; `check` reports the same', () => {
    const cwd = sampleWorkspace();
    dirs.push(cwd);
    writeFileSync(path.join(cwd, 'notes.txt'), 'precious\n');
    const before = snapshotTree(cwd);
    for (const out of ['.', 'content', 'notes.txt']) {
      const run = runCli(['build', '--out', out], cwd);
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/\[build\/out-dir\]/);
      expect(snapshotTree(cwd)).toEqual(before);
    }
    writeFileSync(path.join(cwd, 'briefing.config.json'), '{ "out": "content" }\n');
    const check = runCli(['check'], cwd);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/out folder "content" is the content folder.*\[build\/out-dir\]/);
  });
});

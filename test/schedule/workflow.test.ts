import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../pipeline/config/schema.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const folder = path.join(root, '.github', 'workflows');
const ACTIONLINT = path.join(root, 'node_modules', '@tktco', 'node-actionlint', 'bin', 'node-actionlint.js');

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  if?: string;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  steps?: Step[];
  environment?: unknown;
}

describe('GitHub Actions workflows', () => {
  it('every workflow in .github/workflows passes actionlint', () => {
    const files = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f));
    expect(files).toContain('briefing.yml');
    for (const extension of ['yml', 'yaml']) {
      const count = files.filter((f) => f.endsWith(`.${extension}`)).length;
      if (count === 0) continue;
      // node-actionlint reads one glob pattern (its first argument), so pass the pattern, not the shell's expansion.
      const result = spawnSync(process.execPath, [ACTIONLINT, `.github/workflows/*.${extension}`], { cwd: root, encoding: 'utf8' });
      expect(result.stdout, result.stdout + result.stderr).toContain(`Checking ${count} workflow file(s)`);
      expect(result.status, result.stdout + result.stderr).toBe(0);
    }
  });

  it('briefing.yml: scheduled and dispatchable, never overlapping, least permissions, pinned actions, state saved after any run', () => {
    const workflow = parse(readFileSync(path.join(folder, 'briefing.yml'), 'utf8')) as {
      on: { schedule: { cron: string }[]; workflow_dispatch: { inputs: Record<string, { type: string }> } };
      permissions: Record<string, string>;
      concurrency: { group: string; 'cancel-in-progress': boolean };
      jobs: Record<string, Job>;
    };
    expect(workflow.on.schedule[0]?.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    expect(workflow.on.workflow_dispatch.inputs.date?.type).toBe('string');
    expect(workflow.on.workflow_dispatch.inputs['dry-run']?.type).toBe('boolean');
    expect(workflow.concurrency['cancel-in-progress']).toBe(false);
    expect(workflow.permissions).toEqual({});
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
    // owner/repo, or owner/repo/path for an action inside a repository (actions/cache/restore).
    for (const step of steps.filter((s) => s.uses)) expect(step.uses, step.name).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w.-]+)*@[0-9a-f]{40}$/);
    expect(workflow.jobs.send?.permissions).toEqual({ contents: 'write' });
    expect(workflow.jobs.deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    const save = steps.find((s) => /^Save state/.test(s.name ?? ''));
    expect(save?.if).toMatch(/always\(\)/);
    expect(save?.run).toMatch(/rm -f state\/briefing\.lock/);
    const send = steps.find((s) => s.name === 'Send');
    for (const name of ['SMTP_URL', 'BRIEFING_SECRET', 'BRIEFING_SUBSCRIBERS']) expect(send?.env?.[name]).toBe(`\${{ secrets.${name} }}`);
    // Inputs reach the shell through the environment, never pasted into the script.
    for (const step of steps) expect(step.run ?? '').not.toMatch(/\$\{\{\s*(inputs|github\.event)/);
  });

  it('briefing.yml keeps the build cache between runs: restored before the build, saved after it under a key of its own', () => {
    const workflow = parse(readFileSync(path.join(folder, 'briefing.yml'), 'utf8')) as { jobs: Record<string, Job> };
    const steps = workflow.jobs.send?.steps ?? [];
    const at = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s.uses ?? ''));
    const build = steps.findIndex((s) => /npx briefing build/.test(s.run ?? ''));
    const restore = steps[at(/^actions\/cache\/restore@/)];
    const save = steps[at(/^actions\/cache\/save@/)];
    expect(build).toBeGreaterThan(0);
    expect(at(/^actions\/cache\/restore@/)).toBeGreaterThanOrEqual(0);
    expect(at(/^actions\/cache\/restore@/)).toBeLessThan(build);
    expect(at(/^actions\/cache\/save@/)).toBeGreaterThan(build);
    // The folder the build caches in by default.
    expect(restore?.with?.path).toBe(defaultConfig().cache);
    expect(save?.with?.path).toBe(defaultConfig().cache);
    // A cache entry is immutable: a fixed key would keep the first run's cache for ever. Each run saves under its own key,
    // and the next restores the newest entry whose key starts with the prefix.
    expect(save?.with?.key).toBe(restore?.with?.key);
    expect(save?.with?.key).toMatch(/\$\{\{\s*github\.run_id\s*\}\}/);
    const prefix = (restore?.with?.['restore-keys'] ?? '').trim();
    expect(prefix.length).toBeGreaterThan(0);
    expect(save?.with?.key?.startsWith(prefix)).toBe(true);
    // A failed build's entries are as valid as a finished one's (content-addressed and checked): saved either way.
    expect(save?.if).toMatch(/always\(\)/);
    expect(steps[build]?.id).toBe('build');
    expect(save?.if).toMatch(/steps\.build\.outcome/);
  });
});

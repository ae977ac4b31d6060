import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileRegExpsOnFirstRun } from '../../pipeline/common/regexp-tier.ts';

const TIER = fileURLToPath(new URL('./fixtures/regexp/tier.ts', import.meta.url));

/** How V8 compiled the fixture's pattern, from its trace between the marker lines. */
function compiled(mode: 'batch' | 'default'): string[] {
  const run = spawnSync(process.execPath, ['--trace-regexp-tier-up', '--import', 'tsx', TIER, mode], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(run.status, run.stderr).toBe(0);
  const lines = run.stdout.split('\n');
  const between = lines.slice(lines.indexOf('MARKER') + 1, lines.indexOf('DONE'));
  expect(between.length, run.stdout.slice(-2000)).toBeGreaterThan(0);
  return between.map((line) => line.replace(/^JSRegExp object 0x[0-9a-f]+ /, ''));
}

describe('compileRegExpsOnFirstRun (the CLI sets it with the heap policy: rules run many times)', () => {
  it('compiles a pattern to machine code on its first run, never to bytecode first: V8 honours the flag set at run time', () => {
    const batch = compiled('batch');
    expect(batch).toEqual(['native code size: ' + batch[0]!.split(': ')[1]]);
    // Without the policy V8 makes bytecode first and compiles again on the second run (what the test tells apart).
    const plain = compiled('default');
    expect(plain.some((line) => line.startsWith('bytecode size'))).toBe(true);
    expect(plain).toContain('needs tier-up compilation');
  });

  it("leaves a tier-up choice given on node's command line alone", () => {
    expect(compileRegExpsOnFirstRun(['--regexp-tier-up'])).toBe(false);
    expect(compileRegExpsOnFirstRun(['--no-regexp-tier-up'])).toBe(false);
    expect(compileRegExpsOnFirstRun(['--regexp_tier_up'])).toBe(false);
    // Another flag with the same start is not that choice.
    expect(compileRegExpsOnFirstRun(['--regexp-tier-up-ticks=5'])).toBe(true);
  });
});

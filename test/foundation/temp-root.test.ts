import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCRATCH_PREFIX, scratchRoot } from '../support/temp-root.ts';

describe('test scratch folders', () => {
  it('this run makes them under one folder of its own (the global setup is in effect)', () => {
    expect(path.basename(tmpdir())).toMatch(new RegExp(`^${SCRATCH_PREFIX}`));
  });

  it('points TMPDIR at a new folder, then removes it with what was made in it and puts TMPDIR back', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'scratch-parent-'));
    const env: NodeJS.ProcessEnv = { TMPDIR: parent };
    const teardown = scratchRoot(env);
    const root = env.TMPDIR!;
    expect(path.dirname(root)).toBe(parent);
    const leftover = mkdtempSync(path.join(root, 'briefing-render-'));
    writeFileSync(path.join(leftover, 'index.html'), '<p>left behind</p>');
    teardown();
    expect(existsSync(root)).toBe(false);
    expect(env.TMPDIR).toBe(parent);
  });

  it('without TMPDIR before, leaves none after; BRIEFING_KEEP_TEST_TMP keeps the folder', () => {
    const env: NodeJS.ProcessEnv = { BRIEFING_KEEP_TEST_TMP: '1' };
    const teardown = scratchRoot(env);
    const root = env.TMPDIR!;
    teardown();
    expect(existsSync(root)).toBe(true);
    expect('TMPDIR' in env).toBe(false);
  });
});

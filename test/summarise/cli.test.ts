import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { REPO, runCli, tempDir } from '../foundation/helpers.ts';

const STORIES = path.join(REPO, 'test/summarise/fixtures/stories.jsonl');

describe('briefing summarise (a real process)', () => {
  const cwd = tempDir('briefing-summarise-');

  it('prints one JSON line {id, headline, summary} per valid story, and warns by file and line for bad ones', () => {
    const run = runCli(['summarise', '--json', '--words', '50', STORIES], cwd);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines.map((l) => l.id)).toEqual(['march', 'titled']);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['headline', 'id', 'summary']);
      expect(line.headline!.length).toBeLessThanOrEqual(100);
      expect(line.summary!.length).toBeGreaterThan(0);
    }
    expect(lines[1]!.headline).toBe('Leaders agree to stay in close contact'); // the stated title wins
    expect(run.stderr).toMatch(/stories\.jsonl:2: warning: not valid JSON/);
    expect(run.stderr).toMatch(/stories\.jsonl:3: warning: a story needs "articles"/);
  });

  it('follows --words', () => {
    const words = (n: string): number =>
      runCli(['summarise', '--json', '--words', n, STORIES], cwd)
        .stdout.trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { summary: string }).summary.split(/\s+/).length)
        .reduce((a, b) => a + b, 0);
    expect(words('30')).toBeLessThan(words('150'));
  });

  it('rejects a bad --words with a usage error (exit 2)', () => {
    const run = runCli(['summarise', '--words', 'many', STORIES], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--words expects a positive whole number/);
  });
});

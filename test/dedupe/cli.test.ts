import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { here } from './helpers.ts';

const root = path.resolve(here, '../..');

describe('briefing dedupe --json', () => {
  it('prints the interface of issue #5 for a folder', () => {
    const out = execFileSync(process.execPath, [path.join(root, 'pipeline/cli/bin.mjs'), 'dedupe', '--json', '--quiet', 'test/dedupe/fixtures/sample'], { cwd: root, encoding: 'utf8' });
    const result = JSON.parse(out) as { stories: Array<Record<string, unknown> & { articles: Array<Record<string, unknown>> }>; undated: string[] };
    expect(Object.keys(result).sort()).toEqual(['stories', 'undated']);
    expect(result.undated).toEqual([]);
    expect(result.stories.map((s) => s.date)).toEqual(['2025-02-23', '2025-03-18', '2025-04-23']);
    for (const story of result.stories) {
      expect(Object.keys(story).sort()).toEqual(['articles', 'date', 'dateSource', 'id', 'reasons']);
      expect(story.id).toMatch(/^[0-9a-f]{12}$/);
      for (const a of story.articles) {
        expect(Object.keys(a).sort()).toEqual(a.role === 'duplicate' ? ['duplicateOf', 'file', 'id', 'publisher', 'role', 'similarity'] : ['file', 'id', 'publisher', 'role', 'similarity']);
        expect(String(a.file)).toMatch(/^test\/dedupe\/fixtures\/sample\//);
      }
    }
    const wire = result.stories[1]!;
    expect(wire.articles.map((a) => a.role)).toEqual(['canonical', 'duplicate', 'related']);
    // The folder named as build names it: the same stories.
    const named = execFileSync(process.execPath, [path.join(root, 'pipeline/cli/bin.mjs'), 'dedupe', '--json', '--quiet', '--content', 'test/dedupe/fixtures/sample'], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(named)).toEqual(result);
  });
});

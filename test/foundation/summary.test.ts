import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../pipeline/cli/commands/build.ts';
import type { BuildSummary } from '../../pipeline/build/index.ts';
import { addDays } from '../../pipeline/common/dates.ts';

const summary = (editions: string[]): BuildSummary => ({ articles: 10, cleaned: 10, removedBlocks: 2, duplicates: 1, stories: 8, editions, undated: 0, warnings: 0, errors: 0, cacheHits: 0, outDir: '/work/out', written: true, upToDate: false });

describe('the build summary', () => {
  it('lists every edition of a short build', () => {
    const days = ['2026-03-01', '2026-03-02', '2026-03-04'];
    expect(formatSummary(summary(days), '/work', false)).toContain('editions   3: 2026-03-01, 2026-03-02, 2026-03-04\n');
  });

  it("shows the ends of a year's editions on one short line, not 366 dates", () => {
    const days = Array.from({ length: 366 }, (_, i) => addDays('2025-01-01', i));
    const line = formatSummary(summary(days), '/work', false).split('\n').find((l) => l.startsWith('  editions'))!;
    expect(line).toBe('  editions   366: 2025-01-01, 2025-01-02, 2025-01-03 … 2025-12-30, 2025-12-31, 2026-01-01');
    expect(formatSummary(summary(days), '/work', false)).toMatch(/^Built 366 editions into out\//);
  });

  it('says when out/ was left as it was because nothing changed', () => {
    const text = formatSummary({ ...summary(['2026-03-01', '2026-03-02']), upToDate: true }, '/work', false);
    expect(text).toMatch(/^Up to date: nothing changed since the last build; out\/ holds its 2 editions/);
    expect(text).toContain('Open out/index.html');
  });
});

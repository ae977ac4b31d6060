import { describe, expect, it } from 'vitest';
import type { StageCache } from '../../pipeline/common/cache.ts';
import { SourceGroups } from '../../pipeline/clean/source-groups.ts';
import type { RepetitionSource } from '../../pipeline/clean/repetition.ts';

/** A cache in memory (values as JSON, as DiskCache stores them) that records which keys were written. */
function recordingCache(): StageCache & { written: string[] } {
  const entries = new Map<string, string>();
  const written: string[] = [];
  return {
    written,
    get: <T>(key: string) => (entries.has(key) ? (JSON.parse(entries.get(key)!) as T) : undefined),
    set: <T>(key: string, value: T) => {
      written.push(key);
      entries.set(key, JSON.stringify(value));
    },
  };
}

const source = (key: string, publisher: string | null = null): RepetitionSource => ({ keys: [`${key}-p1`, `${key}-p2`], publisher });

/** One run: each article's group and key; every source found is returned, the others made from the key. */
function run(cache: StageCache, articles: ReadonlyArray<readonly [group: string, key: string]>, version = '1') {
  const groups = new SourceGroups(cache, version);
  const found = articles.map(([group, key]) => groups.get(group, key));
  groups.save(
    articles.map(([group]) => group),
    articles.map(([, key]) => key),
    articles.map(([, key], i) => found[i] ?? source(key)),
  );
  return found;
}

describe('repetition sources by day', () => {
  const year: Array<[string, string]> = [
    ['2026-01-01', 'a'],
    ['2026-01-01', 'b'],
    ['2026-01-02', 'c'],
    ['undated', 'd'],
  ];

  it('gives back every source on the next run and writes nothing when no article came or went', () => {
    const cache = recordingCache();
    expect(run(cache, year).every((found) => found === undefined)).toBe(true);
    // One entry per day.
    expect(new Set(cache.written).size).toBe(3);
    cache.written.length = 0;
    expect(run(cache, year)).toEqual(year.map(([, key]) => source(key)));
    expect(cache.written).toEqual([]);
  });

  it("a new day writes its own group only; an article gone rewrites its day's, which then no longer holds it", () => {
    const cache = recordingCache();
    run(cache, year);
    cache.written.length = 0;
    const withNewDay: Array<[string, string]> = [...year, ['2026-01-03', 'e'], ['2026-01-03', 'f']];
    const found = run(cache, withNewDay);
    expect(found.slice(0, 4)).toEqual(year.map(([, key]) => source(key)));
    expect(found.slice(4)).toEqual([undefined, undefined]);
    expect(cache.written.length).toBe(1);
    const newDayKey = cache.written[0]!;

    cache.written.length = 0;
    const withoutB = withNewDay.filter(([, key]) => key !== 'b');
    run(cache, withoutB);
    expect(cache.written.length).toBe(1);
    expect(cache.written[0]).not.toBe(newDayKey);
    // b, back on its day, is not found: its source is made again.
    expect(run(cache, withNewDay)[1]).toBeUndefined();
  });

  it('an article under another day than the one it was stored under is not found there (made again), and another version reads nothing', () => {
    const cache = recordingCache();
    run(cache, year);
    expect(run(cache, [['2026-01-02', 'a']])).toEqual([undefined]);
    expect(run(cache, year, '2').every((found) => found === undefined)).toBe(true);
  });
});

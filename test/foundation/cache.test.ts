import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskCache, memo, noCache, stageCache } from '../../pipeline/common/cache.ts';
import { sha256, shortHash } from '../../pipeline/common/hash.ts';
import { makeCtx, removeDir, tempDir } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));
function root(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}
function entryFile(dir: string, namespace: string, key: string): string {
  return path.join(dir, namespace, key.slice(0, 2), `${key}.json`);
}

describe('DiskCache', () => {
  it('stores and returns values, counting hits and misses', () => {
    const dir = root();
    const cache = new DiskCache(dir, 'clean');
    const key = sha256('article', '1');
    expect(cache.get(key)).toBeUndefined();
    cache.set(key, { text: 'hello', n: [1, 2] });
    expect(new DiskCache(dir, 'clean').get(key)).toEqual({ text: 'hello', n: [1, 2] });
    expect(cache.misses).toBe(1);
    // No temporary files left behind.
    expect(readdirSync(path.dirname(entryFile(dir, 'clean', key)))).toEqual([`${key}.json`]);
  });

  it('detects a truncated or edited entry, drops it and reports it', () => {
    const dir = root();
    const key = sha256('x');
    new DiskCache(dir, 'ns').set(key, { value: 'a fairly long payload to cut in half' });
    const file = entryFile(dir, 'ns', key);
    for (const damage of [(t: string) => t.slice(0, t.length / 2), (t: string) => t.replace('payload', 'paylaod'), () => '']) {
      new DiskCache(dir, 'ns').set(key, { value: 'a fairly long payload to cut in half' });
      writeFileSync(file, damage(readFileSync(file, 'utf8')));
      const cache = new DiskCache(dir, 'ns');
      expect(cache.get(key)).toBeUndefined();
      expect(cache.corrupt).toEqual([file]);
      expect(existsSync(file)).toBe(false);
    }
  });

  it('keeps the entry format "<sha256 of the payload text>\\n<payload>" (non-ASCII included), and rejects a damaged checksum line', () => {
    const dir = root();
    const key = sha256('format');
    const value = { text: 'Zürich — “quoted” 東京 🙂', n: 1 };
    new DiskCache(dir, 'ns').set(key, value);
    const file = entryFile(dir, 'ns', key);
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(`${sha256(JSON.stringify(value))}\n${JSON.stringify(value)}`);
    expect(new DiskCache(dir, 'ns').get(key)).toEqual(value);
    for (const damaged of [text.slice(1), `${text.slice(0, 10)}zz${text.slice(12)}`, text.replace('\n', ' '), `${text.slice(0, 64).toUpperCase()}x${text.slice(64)}`]) {
      writeFileSync(file, damaged);
      const cache = new DiskCache(dir, 'ns');
      expect(cache.get(key)).toBeUndefined();
      expect(cache.corrupt).toEqual([file]);
    }
  });

  it('memo computes once, then reads', () => {
    const cache = new DiskCache(root(), 'm');
    let calls = 0;
    const compute = () => ++calls;
    expect(memo(cache, 'k1', compute)).toBe(1);
    expect(memo(cache, 'k1', compute)).toBe(1);
    expect(calls).toBe(1);
    expect(memo(noCache, 'k1', compute)).toBe(2);
  });

  it('stageCache honours caching: false (check writes nothing)', () => {
    const cwd = root();
    const { ctx } = makeCtx({}, cwd);
    stageCache({ ...ctx, caching: false }, 'dedupe').set('abcd', 1);
    expect(existsSync(path.join(cwd, '.cache'))).toBe(false);
    stageCache(ctx, 'dedupe').set('abcd', 1);
    expect(stageCache(ctx, 'dedupe').get('abcd')).toBe(1);
    expect(existsSync(path.join(cwd, '.cache/dedupe/ab/abcd.json'))).toBe(true);
  });
});

describe('stageCache and damaged entries', () => {
  it("reports a damaged entry through the stage's reporter (build/corrupt-cache, naming the file) and rebuilds it", () => {
    const cwd = root();
    const { ctx, reporter } = makeCtx({}, cwd, 'dedupe');
    const key = sha256('damaged');
    stageCache(ctx, 'dedupe-x').set(key, { value: 1 });
    const file = path.join(cwd, '.cache/dedupe-x', key.slice(0, 2), `${key}.json`);
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 70));
    expect(memo(stageCache(ctx, 'dedupe-x'), key, () => ({ value: 2 }))).toEqual({ value: 2 });
    expect(reporter.messages).toEqual([expect.objectContaining({ stage: 'dedupe', ruleId: 'build/corrupt-cache', severity: 'warning', file })]);
    expect(stageCache(ctx, 'dedupe-x').get(key)).toEqual({ value: 2 });
    expect(reporter.messages).toHaveLength(1);
  });
});

describe('hash', () => {
  it('separates parts so ("ab","c") and ("a","bc") differ, and is stable', () => {
    expect(sha256('ab', 'c')).not.toBe(sha256('a', 'bc'));
    expect(sha256('x')).toBe(sha256('x'));
    expect(shortHash('x')).toHaveLength(12);
    expect(shortHash('x', 8)).toBe(sha256('x').slice(0, 8));
  });
});

describe('read-only DiskCache', () => {
  it('reads entries but never writes or deletes one', () => {
    const dir = root();
    const key = sha256('r');
    new DiskCache(dir, 'ns').set(key, 'value');
    const readOnly = new DiskCache(dir, 'ns', true);
    expect(readOnly.get(key)).toBe('value');
    readOnly.set(sha256('other'), 'x');
    expect(existsSync(entryFile(dir, 'ns', sha256('other')))).toBe(false);
    writeFileSync(entryFile(dir, 'ns', key), 'garbage');
    expect(readOnly.get(key)).toBeUndefined();
    expect(readFileSync(entryFile(dir, 'ns', key), 'utf8')).toBe('garbage');
  });
});

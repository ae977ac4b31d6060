import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const PIPELINE = path.resolve(import.meta.dirname, '../../pipeline');

/**
 * A build must give the same bytes on every machine, and string order that follows the
 * process's locale does not: under LANG=da_DK "aa" sorts after "z" (it is å), so story ids
 * ordered with localeCompare made out/ depend on where the build ran. Output order uses
 * byCodeUnits (common/arrays.ts). The check is on the source, since which ids a corpus
 * happens to hash to decides whether any run would show it.
 */
describe('order does not depend on the locale', () => {
  it('no pipeline module orders strings with localeCompare or a default-locale Intl.Collator', () => {
    const offenders: string[] = [];
    for (const name of readdirSync(PIPELINE, { recursive: true }).map(String)) {
      if (!/\.(ts|mjs|cjs)$/.test(name)) continue;
      const lines = readFileSync(path.join(PIPELINE, name), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/\.localeCompare\(|new Intl\.Collator\(\s*\)|Intl\.Collator\(\s*undefined/.test(line) && !/^\s*(\/\/|\*)/.test(line)) offenders.push(`${name}:${i + 1}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('the locale does change localeCompare here, so the rule matters', () => {
    expect(['aa', 'z'].sort((a, b) => a.localeCompare(b, 'da'))).toEqual(['z', 'aa']);
  });
});

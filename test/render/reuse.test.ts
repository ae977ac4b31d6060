/**
 * A build links the files of unchanged editions from the previous out/
 * (pipeline/render/reuse.ts) instead of writing them again: what it links
 * must be exactly what rendering gives, and a file that is no longer the one
 * written (edited, replaced, deleted) must be rendered again.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitStaging, createStaging } from '../../pipeline/build/atomic-out.ts';
import { writeReport } from '../../pipeline/build/index.ts';
import { DiskCache, noCache, type StageCache } from '../../pipeline/common/cache.ts';
import { standaloneReporter } from '../../pipeline/common/report.ts';
import { configSchema, type ConfigInput } from '../../pipeline/config/schema.ts';
import { renderSite } from '../../pipeline/render/index.ts';
import { syntheticEditions } from '../../pipeline/render/synthetic.ts';
import type { Edition } from '../../pipeline/types.ts';
import { snapshotTree } from '../foundation/helpers.ts';
import { REPO } from './helpers.ts';

const scratch = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));
const editions = () => syntheticEditions('2025-01-01', 5, 12);

/** A site folder whose out/ is replaced whole by each build, as `build` does it. */
function site(): { out: string; config: ConfigInput } {
  const out = path.join(scratch('briefing-render-reuse-'), 'out');
  // Every email is above 40 KB: each edition warns, so the warnings said again for a linked edition are checked too.
  return { out, config: { out, render: { emailSizeWarnKb: 40 } } };
}

/** Renders into a staging folder beside `out`, writes report.json and swaps it in; returns out/'s files. */
async function build(list: Edition[], cache: StageCache, out: string, config: ConfigInput): Promise<Map<string, Buffer>> {
  const staging = createStaging(out);
  const { reporter, report } = standaloneReporter('render');
  await renderSite(list, { config: configSchema.parse(config), report, cwd: REPO }, staging, cache);
  writeReport(staging, reporter.messages);
  commitStaging(staging, out);
  return snapshotTree(out);
}

/** Inode of each edition's email.html in out/: the same inode after a build means the file was linked. */
function inodes(out: string, list: Edition[]): number[] {
  return list.map((e) => statSync(path.join(out, 'editions', e.date, 'email.html')).ino);
}

/** What a build without any cache gives for these editions (into a folder of its own). */
async function uncached(list: Edition[]): Promise<Map<string, Buffer>> {
  const { out, config } = site();
  return build(list, noCache, out, config);
}

describe('reusing the previous out/', () => {
  it("links an unchanged edition's files, renders the changed one, and gives what a build without cache gives", async () => {
    const { out, config } = site();
    const root = scratch('briefing-render-reuse-cache-');
    await build(editions(), new DiskCache(root, 'render'), out, config);
    const before = inodes(out, editions());

    const changed = editions();
    changed[2]!.stories[0]!.summary += ' An added sentence.';
    const rebuilt = await build(changed, new DiskCache(root, 'render'), out, config);
    const after = inodes(out, changed);
    for (const [i, edition] of changed.entries()) {
      if (i === 2) expect(after[i], edition.date).not.toBe(before[i]);
      else expect(after[i], edition.date).toBe(before[i]);
    }
    expect(rebuilt.get(`editions/${changed[2]!.date}/email.txt`)!.toString()).toContain('An added sentence.');
    const fresh = await uncached(changed);
    expect([...rebuilt.keys()]).toEqual([...fresh.keys()]);
    for (const [file, bytes] of fresh) expect(rebuilt.get(file), file).toEqual(bytes);
  });

  it('renders again a file that was edited, replaced or deleted in out/', async () => {
    const { out, config } = site();
    const root = scratch('briefing-render-reuse-cache-');
    const list = editions();
    const first = await build(list, new DiskCache(root, 'render'), out, config);
    const [a, b, c] = list.map((e) => path.join(out, 'editions', e.date));
    // Edited in place (same inode, new size and time), replaced by another file, deleted.
    writeFileSync(path.join(a!, 'email.txt'), 'tampered');
    rmSync(path.join(b!, 'index.html'));
    writeFileSync(path.join(b!, 'index.html'), readFileSync(path.join(c!, 'index.html')));
    rmSync(path.join(c!, 'edition.json'));
    const before = inodes(out, list);

    const second = await build(list, new DiskCache(root, 'render'), out, config);
    const after = inodes(out, list);
    // The three touched editions are written anew; the others are linked.
    expect(after.slice(0, 3).filter((ino, i) => ino === before[i])).toEqual([]);
    expect(after.slice(3)).toEqual(before.slice(3));
    for (const [file, bytes] of first) expect(second.get(file), file).toEqual(bytes);
  });

  it('links nothing without a cache', async () => {
    const { out, config } = site();
    await build(editions(), noCache, out, config);
    const before = inodes(out, editions());
    await build(editions(), noCache, out, config);
    expect(inodes(out, editions()).filter((ino, i) => ino === before[i])).toEqual([]);
  });
});

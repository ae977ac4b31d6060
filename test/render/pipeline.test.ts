import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/index.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import { REPO } from './helpers.ts';

function allFiles(dir: string, sub = ''): string[] {
  return readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(dir, path.join(sub, e.name)) : [path.join(sub, e.name)])).sort();
}

/** The sample in content/ through the real pipeline, in a scratch copy of the project. */
async function buildSample(): Promise<{ cwd: string; out: string; editions: string[] }> {
  const cwd = mkdtempSync(path.join(tmpdir(), 'briefing-sample-'));
  cpSync(path.join(REPO, 'content'), path.join(cwd, 'content'), { recursive: true });
  const reporter = new Reporter();
  const { summary } = await build({ cwd, config: defaultConfig(), reporter, cache: false });
  const renderErrors = reporter.messages.filter((m) => m.stage === 'render' && m.severity === 'error');
  expect(renderErrors).toEqual([]);
  return { cwd, out: summary.outDir, editions: summary.editions };
}

describe('npm start on the sample', () => {
  it('writes the fixed layout for every edition, and a rebuild is byte-identical', async () => {
    const first = await buildSample();
    expect(first.editions.length).toBeGreaterThan(0);
    for (const file of ['index.html', 'feed.xml', 'atom.xml', 'feed.json', 'report.json']) expect(existsSync(path.join(first.out, file)), file).toBe(true);
    const archive = readFileSync(path.join(first.out, 'index.html'), 'utf8');
    for (const date of first.editions) {
      for (const file of ['email.html', 'email.txt', 'index.html', 'edition.json']) {
        expect(existsSync(path.join(first.out, 'editions', date, file)), `${date}/${file}`).toBe(true);
      }
      expect(archive).toContain(`href="editions/${date}/index.html"`);
      expect(readFileSync(path.join(first.out, 'editions', date, 'email.html'), 'utf8')).toContain('%%UNSUBSCRIBE_URL%%');
    }
    const feed = JSON.parse(readFileSync(path.join(first.out, 'feed.json'), 'utf8')) as { items: unknown[] };
    expect(feed.items).toHaveLength(first.editions.length);

    const second = await buildSample();
    const files = allFiles(first.out).filter((f) => f !== 'report.json');
    expect(allFiles(second.out).filter((f) => f !== 'report.json')).toEqual(files);
    for (const file of files) expect(readFileSync(path.join(second.out, file)), file).toEqual(readFileSync(path.join(first.out, file)));
  });
});

describe('the build with the render cache', () => {
  it('out/, report.json included, is byte-identical with --no-cache, a cold cache and a warm one', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'briefing-sample-'));
    cpSync(path.join(REPO, 'content'), path.join(cwd, 'content'), { recursive: true });
    // A low size threshold makes every edition warn, so the cached warnings must be replayed.
    const config = { ...defaultConfig(), render: { ...defaultConfig().render, emailSizeWarnKb: 1 } };
    const run = async (cache: boolean): Promise<Map<string, Buffer>> => {
      const { summary } = await build({ cwd, config, reporter: new Reporter(), cache });
      return new Map(allFiles(summary.outDir).map((file) => [file, readFileSync(path.join(summary.outDir, file))]));
    };
    const none = await run(false);
    const cold = await run(true);
    const warm = await run(true);
    expect(existsSync(path.join(cwd, config.cache, 'render'))).toBe(true);
    expect(none.get('report.json')!.toString()).toContain('render/email-size');
    for (const other of [cold, warm]) {
      expect([...other.keys()]).toEqual([...none.keys()]);
      for (const [file, bytes] of none) expect(other.get(file), file).toEqual(bytes);
    }
  });
});

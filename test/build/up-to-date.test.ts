import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../pipeline/build/index.ts';
import { codeFingerprintOf, inputsFingerprint, recordKey, REFRESH_DAYS, upToDateRecord, type BuildRecord } from '../../pipeline/build/up-to-date.ts';
import { DiskCache } from '../../pipeline/common/cache.ts';
import { closeCacheStores } from '../../pipeline/common/cache-store.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import { defaultConfig, type Config } from '../../pipeline/config/schema.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A scratch project holding the sample content. */
function project(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'briefing-up-to-date-'));
  cpSync(path.join(REPO, 'content'), path.join(cwd, 'content'), { recursive: true });
  return cwd;
}

/** Every file of `out/` by path, with its inode and bytes: a build that left it alone leaves all three. */
function outState(out: string): Map<string, string> {
  const state = new Map<string, string>();
  for (const name of readdirSync(out, { recursive: true }).map(String).sort()) {
    const file = path.join(out, name);
    const stats = statSync(file);
    if (stats.isFile()) state.set(name, `${stats.ino} ${readFileSync(file).toString('base64')}`);
  }
  return state;
}

async function run(cwd: string, config: Config, options: Partial<BuildOptions> = {}) {
  const reporter = new Reporter();
  const built = await build({ cwd, config, reporter, ...options });
  return { ...built, reporter };
}

// A low size threshold makes every edition's render warn: warnings of a stage after ingest, which a no-op must say again.
const warningConfig = (): Config => ({ ...defaultConfig(), render: { ...defaultConfig().render, emailSizeWarnKb: 1 } });

describe('a build with nothing changed', () => {
  it('stops after ingest, leaves out/ untouched and says what the last build said', async () => {
    const cwd = project();
    const config = warningConfig();
    const first = await run(cwd, config);
    expect(first.summary.written).toBe(true);
    expect(first.summary.upToDate).toBe(false);
    const warnings = first.reporter.messages.filter((m) => m.severity === 'warning');
    expect(warnings.length).toBeGreaterThan(0);
    const before = outState(first.summary.outDir);

    // Touched but not changed: ingest tells by content, not by mtime.
    for (const name of readdirSync(path.join(cwd, 'content'))) utimesSync(path.join(cwd, 'content', name), new Date(), new Date(Date.now() + 5_000));
    const second = await run(cwd, config);
    expect(second.summary.upToDate).toBe(true);
    expect(second.summary.written).toBe(true);
    expect(Object.keys(second.result.timings)).toEqual(['ingest']);
    expect(outState(second.summary.outDir)).toEqual(before);
    // The same figures and the same warnings, in the same order.
    const { upToDate: _a, cacheHits: _b, ...figures } = first.summary;
    const { upToDate: _c, cacheHits: _d, ...again } = second.summary;
    expect(again).toEqual(figures);
    expect(second.reporter.messages.filter((m) => m.severity === 'warning')).toEqual(warnings);
  });

  it('builds in full after any change to what a build reads or to out/', async () => {
    const cwd = project();
    const config = defaultConfig();
    const content = path.join(cwd, 'content');
    const out = path.join(cwd, 'out');
    const article = path.join(content, readdirSync(content).filter((n) => n.endsWith('.txt'))[0]!);
    const changes: Array<[string, () => Partial<BuildOptions> | void]> = [
      ['an article edited', () => appendFileSync(article, '\nA correction was appended.\n')],
      ['an article added', () => writeFileSync(path.join(content, 'added.md'), '---\ntitle: Added\ndate: 2025-03-18\n---\nA council approved a new budget for the harbour on Tuesday after a long debate.\n')],
      ['an article removed', () => rmSync(path.join(content, 'added.md'))],
      ['an override file', () => (mkdirSync(path.join(content, 'editions'), { recursive: true }), writeFileSync(path.join(content, 'editions', '2025-03-18.yaml'), 'note: Checked by the desk.\n'))],
      ['a template', () => (cpSync(path.join(REPO, 'templates'), path.join(cwd, 'templates'), { recursive: true }), undefined)],
      ['a template edited', () => appendFileSync(path.join(cwd, 'templates', readdirSync(path.join(cwd, 'templates')).find((n) => n.endsWith('.mjml'))!), '\n')],
      ['a file of out/ edited', () => appendFileSync(path.join(out, 'index.html'), '\n')],
      ['a file of out/ deleted', () => rmSync(path.join(out, 'feed.json'))],
      ['a file added to out/', () => writeFileSync(path.join(out, 'stray.txt'), 'x')],
      ['another --date', () => ({ date: '2025-03-18' })],
      ['--strict', () => ({ strict: true })],
    ];
    await run(cwd, config);
    expect((await run(cwd, config)).summary.upToDate).toBe(true);
    for (const [what, change] of changes) {
      const options = change() ?? {};
      const changed = await run(cwd, config, options);
      expect(changed.summary.upToDate, what).toBe(false);
      expect(changed.summary.written, what).toBe(true);
      expect(existsOut(out, 'stray.txt'), what).toBe(false);
      // …and once built, the same build again has nothing to do.
      expect((await run(cwd, config, options)).summary.upToDate, `${what}, again`).toBe(true);
    }
    // A config change (here: the timezone an article's day is taken in).
    const changed = await run(cwd, { ...config, timezone: 'America/New_York' });
    expect(changed.summary.upToDate).toBe(false);
  });

  it('never applies without the cache, nor when asked to run every stage', async () => {
    const cwd = project();
    const config = defaultConfig();
    await run(cwd, config);
    expect((await run(cwd, config, { cache: false })).summary.upToDate).toBe(false);
    expect((await run(cwd, config, { reuseUpToDate: false })).summary.upToDate).toBe(false);
    // A --no-cache build replaced out/: the record of the build before it no longer describes it.
    await run(cwd, config, { cache: false });
    expect((await run(cwd, config)).summary.upToDate).toBe(false);
  });

  it('a failed build leaves the record of the last good one, which still describes out/', async () => {
    const cwd = project();
    const config = warningConfig();
    await run(cwd, config);
    const strict = await run(cwd, config, { strict: true });
    expect(strict.summary.written).toBe(false);
    expect(strict.summary.upToDate).toBe(false);
    expect((await run(cwd, config)).summary.upToDate).toBe(true);
  });

  it('is not a no-op when ingest says what fails the build: a file it cannot read, with --strict', async () => {
    const cwd = project();
    const config = defaultConfig();
    expect((await run(cwd, config, { strict: true })).summary.written).toBe(true);
    expect((await run(cwd, config, { strict: true })).summary.upToDate).toBe(true);
    // Not an article format: a warning, and no article added, so the inputs' fingerprint is the same.
    writeFileSync(path.join(cwd, 'content', 'scan.pdf'), '%PDF-1.4 not an article');
    const strict = await run(cwd, config, { strict: true });
    expect(strict.reporter.messages.some((m) => m.ruleId === 'ingest/unsupported-file')).toBe(true);
    expect(strict.summary.upToDate).toBe(false);
    expect(strict.summary.written).toBe(false);
  });

  it('builds in full once the last full build is a week old, so the stage caches stay stamped as used', async () => {
    const cwd = project();
    const config = defaultConfig();
    const first = await run(cwd, config);
    const outDir = first.summary.outDir;
    const cache = new DiskCache(path.resolve(cwd, config.cache), 'build');
    const record = cache.get<BuildRecord>(recordKey(outDir))!;
    expect(record).toBeDefined();
    expect(upToDateRecord(cache, outDir, record.inputs, record.day)).not.toBeNull();
    expect(upToDateRecord(cache, outDir, record.inputs, record.day + REFRESH_DAYS - 1)).not.toBeNull();
    expect(upToDateRecord(cache, outDir, record.inputs, record.day + REFRESH_DAYS)).toBeNull();
    // A clock set back before the record is not trusted either.
    expect(upToDateRecord(cache, outDir, record.inputs, record.day - 1)).toBeNull();
    expect(upToDateRecord(cache, outDir, 'other inputs', record.day)).toBeNull();
    closeCacheStores();
  });

  it("fingerprints Briefing's own code and data by path, size and mtime", () => {
    const root = mkdtempSync(path.join(tmpdir(), 'briefing-code-'));
    mkdirSync(path.join(root, 'pipeline/dedupe/data'), { recursive: true });
    writeFileSync(path.join(root, 'pipeline/a.ts'), 'export const a = 1;\n');
    writeFileSync(path.join(root, 'pipeline/dedupe/data/weights.tsv'), 'x\t1\n');
    const base = codeFingerprintOf(root);
    expect(codeFingerprintOf(root)).toBe(base);
    utimesSync(path.join(root, 'pipeline/a.ts'), new Date(), new Date(Date.now() + 60_000));
    const touched = codeFingerprintOf(root);
    expect(touched).not.toBe(base);
    appendFileSync(path.join(root, 'pipeline/dedupe/data/weights.tsv'), 'y\t2\n');
    expect(codeFingerprintOf(root)).not.toBe(touched);
    writeFileSync(path.join(root, 'package-lock.json'), '{}');
    expect(codeFingerprintOf(root)).not.toBe(touched);
  });

  it('fingerprints every article by hash and origin, in order', () => {
    const cwd = project();
    const config = defaultConfig();
    const a = { hash: 'h1', origin: { file: 'content/a.txt' } };
    const b = { hash: 'h2', origin: { file: 'content/b.txt' } };
    const of = (articles: object[]) => inputsFingerprint(cwd, config, {}, articles as never);
    expect(of([a, b])).toBe(of([a, b]));
    expect(of([b, a])).not.toBe(of([a, b]));
    expect(of([a, { ...b, origin: { file: 'content/c.txt' } }])).not.toBe(of([a, b]));
    expect(of([a, { ...b, hash: 'h3' }])).not.toBe(of([a, b]));
    expect(of([a])).not.toBe(of([a, b]));
  });
});

function existsOut(out: string, name: string): boolean {
  try {
    statSync(path.join(out, name));
    return true;
  } catch {
    return false;
  }
}

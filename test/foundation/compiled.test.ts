import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript modules (they run before anything TypeScript is loaded), no types
import { collectUses, compile, compileModule, loadEsbuild, pointAtVendor } from '../../pipeline/cli/compile.mjs';
// @ts-expect-error as above
import { compiledMain, sourceFingerprint } from '../../pipeline/cli/compiled.mjs';
import { BIN, FIXTURES, REPO, sampleWorkspace, tempDir } from './helpers.ts';

type Compile = (root: string, out: string) => Promise<number>;
type CompiledMain = (root: string, dist: string) => string | null;

// Compiled code finds templates/ and its data files by walking up to package.json
// (pipeline/common/package-root.ts), so a test's dist/ must be inside the repository.
const TMP = path.join(REPO, 'test/.tmp');
mkdirSync(TMP, { recursive: true });
const made: string[] = [];
const scratch = (prefix: string) => {
  const dir = mkdtempSync(path.join(TMP, prefix));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Every file under `dir`, by relative path, with its bytes. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), readFileSync(full));
  }
  return files;
}

describe('compileModule', () => {
  it('strips types and points relative .ts specifiers at .js, in imports, dynamic imports and URLs alike', async () => {
    await (loadEsbuild as () => Promise<unknown>)();
    const js = (compileModule as (source: string, file: string) => string)(
      [
        "import { a } from './a.ts';",
        "import type { T } from '../types.ts';",
        "export const load = () => import('../b/c.ts');",
        "export const task = new URL('./features.ts', import.meta.url).href;",
        "export const named: string = 'see cache-store.ts and \"x.ts\"';",
        "import fs from 'node:fs';",
        'export const n: number = a + fs.constants.F_OK;',
      ].join('\n'),
      'pipeline/x.ts',
    );
    expect(js).toContain('from "./a.js"');
    expect(js).toContain('import("../b/c.js")');
    expect(js).toContain('new URL("./features.js", import.meta.url)');
    // Types are gone, and with them the type-only import.
    expect(js).not.toContain('types');
    expect(js).not.toMatch(/: (string|number)/);
    // Strings that are not relative module paths keep their words.
    expect(js).toContain('see cache-store.ts and "x.ts"');
    expect(js).toContain('from "node:fs"');
  });

  it('leaves a regular expression with Unicode property escapes a literal, made once, not a RegExp made on every call', async () => {
    await (loadEsbuild as () => Promise<unknown>)();
    const js = (compileModule as (source: string, file: string) => string)("export const lower = (t: string) => /^\\p{Ll}+\\s\\p{Lu}/u.test(t);", 'pipeline/x.ts');
    expect(js).toContain('/^\\p{Ll}+\\s\\p{Lu}/u.test(t)');
    expect(js).not.toContain('RegExp');
  });
});

describe('pointAtVendor', () => {
  it('points imports of vendored packages at their bundles, relative to the module, and leaves every other specifier', () => {
    const code = [
      'import { z } from "zod";',
      'import YAML, { isMap } from "yaml";',
      'export { unified } from "unified";',
      'const load = () => import("remark-parse");',
      'import Database from "better-sqlite3";',
      'import { x } from "./zod.js";',
      'import fs from "node:fs";',
    ].join('\n');
    const out = (pointAtVendor as (code: string, moduleDir: string, vendorDir: string, vendored: Set<string>) => string)(code, '/r/dist/pipeline/config', '/r/dist/vendor', new Set(['zod', 'yaml', 'unified', 'remark-parse']));
    expect(out).toContain('from "../../vendor/zod.js"');
    expect(out).toContain('YAML, { isMap } from "../../vendor/yaml.js"');
    expect(out).toContain('export { unified } from "../../vendor/unified.js"');
    expect(out).toContain('import("../../vendor/remark-parse.js")');
    expect(out).toContain('from "better-sqlite3"');
    expect(out).toContain('from "./zod.js"');
    expect(out).toContain('from "node:fs"');
  });
});

describe('collectUses', () => {
  it('takes the names a module imports from a package, and all of it when the module also re-exports from it or imports it dynamically', () => {
    const uses = new Map<string, Set<string> | '*'>();
    const collect = collectUses as (code: string, uses: Map<string, Set<string> | '*'>) => void;
    collect(['import YAML, { isMap, parse as parseYaml } from "yaml";', 'import { z } from "zod";', 'export { ZodError } from "zod";', 'const load = () => import("unified");', 'import { x } from "./local.js";'].join('\n'), uses);
    expect(uses.get('yaml')).toEqual(new Set(['default', 'isMap', 'parse']));
    expect(uses.get('zod')).toBe('*');
    expect(uses.get('unified')).toBe('*');
    expect(uses.has('./local.js')).toBe(false);
  });
});

describe('compiled code is used only while it matches the sources', () => {
  it('is fresh after compiling, and stale after an edit, a new file or a deleted one', async () => {
    const root = tempDir('briefing-compile-');
    made.push(root);
    const source = path.join(root, 'pipeline/cli');
    mkdirSync(source, { recursive: true });
    writeFileSync(path.join(source, 'main.ts'), 'export const main = async (): Promise<number> => 0;\n');
    writeFileSync(path.join(root, 'pipeline/helper.ts'), 'export const x = 1;\n');
    const dist = path.join(root, 'dist');
    expect((compiledMain as CompiledMain)(root, dist)).toBeNull();

    expect(await (compile as Compile)(root, dist)).toBe(2);
    expect((compiledMain as CompiledMain)(root, dist)).toMatch(/dist\/pipeline\/cli\/main\.js$/);
    expect(existsSync(path.join(dist, 'pipeline/helper.js'))).toBe(true);

    appendFileSync(path.join(root, 'pipeline/helper.ts'), '// edited\n');
    expect((compiledMain as CompiledMain)(root, dist)).toBeNull();
    await (compile as Compile)(root, dist);
    expect((compiledMain as CompiledMain)(root, dist)).not.toBeNull();

    writeFileSync(path.join(root, 'pipeline/added.ts'), 'export const y = 2;\n');
    expect((compiledMain as CompiledMain)(root, dist)).toBeNull();
    await (compile as Compile)(root, dist);
    rmSync(path.join(root, 'pipeline/added.ts'));
    expect((compiledMain as CompiledMain)(root, dist)).toBeNull();

    // A vendored dependency installed anew (bundled into dist/vendor/): stale until compiled again.
    const installed = path.join(root, 'node_modules/zod');
    mkdirSync(installed, { recursive: true });
    writeFileSync(path.join(installed, 'package.json'), '{"name":"zod","version":"4.0.0"}\n');
    expect((compiledMain as CompiledMain)(root, dist)).toBeNull();
    await (compile as Compile)(root, dist);
    expect((compiledMain as CompiledMain)(root, dist)).not.toBeNull();
    writeFileSync(path.join(installed, 'package.json'), '{"name":"zod","version":"4.0.10"}\n');
    expect((compiledMain as CompiledMain)(root, dist)).toBeNull();

    // A damaged or missing stamp is "not compiled", never an error.
    await (compile as Compile)(root, dist);
    writeFileSync(path.join(dist, 'stamp.json'), '{"fingerp');
    expect((compiledMain as CompiledMain)(root, dist)).toBeNull();
    rmSync(dist, { recursive: true });
    expect((compiledMain as CompiledMain)(root, dist)).toBeNull();
  });

  it('does not compile against a dependency that lacks a name a module imports from it: the sources run instead', async () => {
    const root = scratch('missing-export-');
    mkdirSync(path.join(root, 'pipeline/cli'), { recursive: true });
    writeFileSync(path.join(root, 'pipeline/cli/main.ts'), "import { z, notAnExport } from 'zod';\nexport const main = async (): Promise<number> => (z && notAnExport ? 0 : 1);\n");
    const dist = path.join(root, 'dist');
    await expect((compile as Compile)(root, dist)).rejects.toThrow(/zod does not export notAnExport/);
    expect((compiledMain as CompiledMain)(root, dist)).toBeNull();
  });

  it('leaves one whole dist/ when two compiles race, and no half-made folder beside it', async () => {
    const parent = scratch('race-');
    const out = path.join(parent, 'dist');
    const script = path.join(REPO, 'pipeline/cli/compile.mjs');
    const run = () =>
      new Promise<number | null>((resolve) => spawn(process.execPath, [script, '--out', out, '--quiet'], { stdio: 'ignore' }).on('exit', (code) => resolve(code)));
    expect(await Promise.all([run(), run(), run()])).toEqual([0, 0, 0]);
    expect(readdirSync(parent)).toEqual(['dist']);
    expect((compiledMain as CompiledMain)(REPO, out)).not.toBeNull();
  });

  it('fingerprints every TypeScript source of the repository', () => {
    const a = (sourceFingerprint as (root: string) => string)(REPO);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect((sourceFingerprint as (root: string) => string)(REPO)).toBe(a);
  });
});

describe('the compiled CLI', () => {
  it('compiles every module of pipeline/ and builds the sample to the same bytes as the sources do', async () => {
    const dist = scratch('dist-');
    const modules = await (compile as Compile)(REPO, dist);
    const sources = readdirSync(path.join(REPO, 'pipeline'), { recursive: true }).map(String).filter((name) => name.endsWith('.ts'));
    expect(modules).toBe(sources.length);
    for (const name of sources) expect(existsSync(path.join(dist, 'pipeline', name.replace(/\.ts$/, '.js'))), name).toBe(true);
    const main = (compiledMain as CompiledMain)(REPO, dist);
    expect(main).not.toBeNull();

    const compiledSpace = sampleWorkspace();
    const sourceSpace = sampleWorkspace();
    made.push(compiledSpace, sourceSpace);
    // Beside the sample: every reader whose library the compiled CLI takes from dist/vendor/ — a YAML
    // config (yaml, zod), Markdown with front matter (remark, yaml), an HTML page (rehype), feeds in
    // three formats (feedsmith); the feeds written (feed) and the HTML sanitised (rehype-sanitize) as always.
    for (const space of [compiledSpace, sourceSpace]) {
      for (const feed of ['rss.xml', 'atom.xml', 'feed.json']) copyFileSync(path.join(FIXTURES, 'feeds', feed), path.join(space, feed));
      writeFileSync(path.join(space, 'briefing.config.yaml'), ['title: Harbour briefing', 'ingest:', '  feeds:', '    - url: rss.xml', '    - url: atom.xml', '    - url: feed.json', ''].join('\n'));
      writeFileSync(
        path.join(space, 'content/harbour.md'),
        ['---', 'title: Harbour fees rise for the winter', 'date: 2025-03-04', 'source: The Harbour Post', '---', '', 'The port authority **raised** its fees on Tuesday, citing [repairs](https://example.org/repairs).', '', '- ferries pay more', '- fishing boats pay less', ''].join('\n'),
      );
      writeFileSync(
        path.join(space, 'content/lighthouse.html'),
        '<!doctype html><html><head><title>Lighthouse reopens</title><meta property="article:published_time" content="2025-03-04"></head><body><nav>Home | News</nav><article><h1>Lighthouse reopens</h1><p>The old lighthouse reopened to visitors on Tuesday after two years of repairs to its lantern room.</p><p>Volunteers will run tours at weekends through the summer.</p></article><footer>Subscribe to our newsletter</footer></body></html>',
      );
    }
    const env = { ...process.env, NO_COLOR: '1' };
    // The compiled main, exactly as bin.mjs imports it.
    const runCompiled = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(process.argv.slice(1));`;
    const compiled = spawnSync(process.execPath, ['--input-type=module', '-e', runCompiled, '--', 'build', '--quiet'], { cwd: compiledSpace, env, encoding: 'utf8' });
    expect(compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
    const fromSource = spawnSync(process.execPath, [BIN, 'build', '--quiet'], { cwd: sourceSpace, env: { ...env, BRIEFING_FROM_SOURCE: '1' }, encoding: 'utf8' });
    expect(fromSource.status).toBe(0);

    const a = tree(path.join(compiledSpace, 'out'));
    const b = tree(path.join(sourceSpace, 'out'));
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    // The inputs beside the sample were read, not skipped: each reached the report.
    const report = a.get('report.json')!.toString('utf8');
    for (const name of ['content/harbour.md', 'content/lighthouse.html', 'rss.xml', 'atom.xml', 'feed.json']) expect(report, name).toContain(name);
    expect(a.size).toBeGreaterThan(10);
    for (const [name, bytes] of a) expect(bytes.equals(b.get(name)!), name).toBe(true);

    const version = spawnSync(process.execPath, ['--input-type=module', '-e', runCompiled, '--', '--version'], { encoding: 'utf8' });
    expect(version.stdout).toContain('(compiled, dist/)');
    const sourceVersion = spawnSync(process.execPath, [BIN, '--version'], { env: { ...env, BRIEFING_FROM_SOURCE: '1' }, encoding: 'utf8' });
    expect(sourceVersion.stdout).toContain('(from source)');
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript modules (they run before anything TypeScript is loaded), no types
import { compile, compileModule, loadEsbuild } from '../../pipeline/cli/compile.mjs';
// @ts-expect-error as above
import { compiledMain, sourceFingerprint } from '../../pipeline/cli/compiled.mjs';
import { BIN, REPO, sampleWorkspace, tempDir } from './helpers.ts';

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

    // A damaged or missing stamp is "not compiled", never an error.
    await (compile as Compile)(root, dist);
    writeFileSync(path.join(dist, 'stamp.json'), '{"fingerp');
    expect((compiledMain as CompiledMain)(root, dist)).toBeNull();
    rmSync(dist, { recursive: true });
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
    expect(a.size).toBeGreaterThan(10);
    for (const [name, bytes] of a) expect(bytes.equals(b.get(name)!), name).toBe(true);

    const version = spawnSync(process.execPath, ['--input-type=module', '-e', runCompiled, '--', '--version'], { encoding: 'utf8' });
    expect(version.stdout).toContain('(compiled, dist/)');
    const sourceVersion = spawnSync(process.execPath, [BIN, '--version'], { env: { ...env, BRIEFING_FROM_SOURCE: '1' }, encoding: 'utf8' });
    expect(sourceVersion.stdout).toContain('(from source)');
  });
});

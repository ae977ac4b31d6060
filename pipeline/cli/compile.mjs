#!/usr/bin/env node
// Compiles pipeline/**/*.ts into dist/pipeline/**/*.js (`npm install` runs it: the `prepare`
// script), so `briefing` starts as plain JavaScript instead of through tsx's loader: ~0.45 s
// less for every command (README, "Commands"). One file per source file, types stripped by
// esbuild (already installed for tsx), relative `.ts` specifiers rewritten to `.js`; nothing is
// bundled, so each module keeps its own `import.meta.url` and the worker threads load the very
// files the main thread does. Type checking stays `npm run typecheck`'s job.
//
//   node pipeline/cli/compile.mjs [--out DIR] [--quiet]
//
// Written beside the target and renamed into place, so a build that starts meanwhile sees the
// old dist/ or the new one, never half of one (and without a stamp it runs the sources).
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPILE_VERSION, DIST, ROOT, STAMP, sourceFingerprint, typeScriptSources } from './compiled.mjs';

/**
 * A relative module specifier (or `new URL('./x.ts', import.meta.url)`) naming a `.ts` file, in
 * quotes. Only strings that start with ./ or ../ and end in .ts: file names in messages do not.
 */
const RELATIVE_TS = /(["'])(\.{1,2}\/[^"'\n]*?)\.ts\1/g;

/**
 * esbuild, loaded on first use: a platform without its binary makes `compile()` throw, which the
 * command below turns into a notice (the CLI then runs the sources), not a failed `npm install`.
 */
let esbuild = null;
export async function loadEsbuild() {
  esbuild ??= await import('esbuild');
  return esbuild;
}

/** The JavaScript of one TypeScript module (`loadEsbuild()` first). */
export function compileModule(source, file) {
  if (!esbuild) throw new Error('compileModule: call `await loadEsbuild()` first');
  const { code } = esbuild.transformSync(source, { loader: 'ts', format: 'esm', target: 'node20', sourcefile: file });
  return code.replace(RELATIVE_TS, '$1$2.js$1');
}

/** Compiles the sources of `root` into `out` (replacing it whole); returns how many modules. */
export async function compile(root = ROOT, out = DIST) {
  await loadEsbuild();
  // Taken first: a source edited while compiling then makes the stamp stale, not wrong.
  const fingerprint = sourceFingerprint(root);
  const staging = `${out}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const base = path.join(root, 'pipeline');
  const sources = typeScriptSources(root);
  for (const name of sources) {
    const target = path.join(staging, 'pipeline', name.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, compileModule(readFileSync(path.join(base, name), 'utf8'), `pipeline/${name}`));
  }
  writeFileSync(path.join(staging, STAMP), JSON.stringify({ fingerprint, compileVersion: COMPILE_VERSION }) + '\n');
  const old = `${out}.old-${process.pid}`;
  // Another compile may put its dist/ in place between the two renames: then set that one aside too.
  for (let attempt = 1; ; attempt++) {
    try {
      renameSync(out, old);
    } catch {
      // No dist/ there (first compile, or another compile's rename is under way).
    }
    try {
      renameSync(staging, out);
      break;
    } catch (error) {
      if (attempt >= 5 || !['ENOTEMPTY', 'EEXIST', 'EPERM'].includes(error.code)) throw error;
      rmSync(old, { recursive: true, force: true });
    }
  }
  rmSync(old, { recursive: true, force: true });
  return sources.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--out');
  const out = at >= 0 && args[at + 1] ? path.resolve(args[at + 1]) : DIST;
  const started = performance.now();
  try {
    const modules = await compile(ROOT, out);
    if (!args.includes('--quiet')) console.log(`briefing: compiled ${modules} modules into ${path.relative(process.cwd(), out) || '.'} in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    // Not fatal to an install: without a current dist/, `briefing` runs the TypeScript sources.
    console.warn(`briefing: could not compile into ${path.relative(process.cwd(), out) || '.'} (${error.message}); the CLI will run the TypeScript sources, which starts slower`);
  }
}

#!/usr/bin/env node
// Compiles pipeline/**/*.ts into dist/pipeline/**/*.js (`npm install` runs it: the `prepare`
// script), so `briefing` starts as plain JavaScript instead of through tsx's loader: ~0.45 s
// less for every command (README, "Commands"). One file per source file, types stripped by
// esbuild (already installed for tsx), relative `.ts` specifiers rewritten to `.js`; our own
// modules are not bundled, so each keeps its own `import.meta.url` and the worker threads load
// the very files the main thread does. Type checking stays `npm run typecheck`'s job.
//
// The ESM dependencies our modules import (`VENDORED` in compiled.mjs: zod, yaml, the unified/remark/rehype
// stack, the feed libraries) are bundled into dist/vendor/, one file per package and shared
// chunks, and our modules' imports of them point there. Why: Node's ESM loader resolves, reads,
// compiles and links every file on its own, and these packages are ~500 small files — most of
// what `briefing build` did before it built anything (an unchanged 1,000-article build: ~0.55 s
// of its ~0.68 s). CommonJS and native packages (better-sqlite3, mjml, nodemailer, handlebars,
// node-cron) stay in node_modules.
//
//   node pipeline/cli/compile.mjs [--out DIR] [--quiet]
//
// Written beside the target and renamed into place, so a build that starts meanwhile sees the
// old dist/ or the new one, never half of one (and without a stamp it runs the sources).
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPILE_VERSION, DIST, ROOT, STAMP, VENDORED, sourceFingerprint, typeScriptSources } from './compiled.mjs';

/**
 * A relative module specifier (or `new URL('./x.ts', import.meta.url)`) naming a `.ts` file, in
 * quotes. Only strings that start with ./ or ../ and end in .ts: file names in messages do not.
 */
const RELATIVE_TS = /(["'])(\.{1,2}\/[^"'\n]*?)\.ts\1/g;

/**
 * What esbuild may leave as it is for Node 20, beyond its `node20` target: regular expressions with
 * Unicode property escapes (`/\p{Lu}/u`). esbuild's table holds them back from every Node version
 * (for property names of newer Unicode versions than an engine knows), so it wrote each such literal
 * as `new RegExp(source, flags)`: inside a function, a RegExp made and looked up on every call
 * (~0.3 µs each against ~0.02 µs for a literal, measured: 200,000 tests 16 against 3.4 ms). We use
 * only general categories (`L`, `Lu`, `Ll`, `N`, `M`, `Cc`), which Node has always had. A
 * 1,000-article full build, alternated three times: summarise 597–643 against 714–841 ms, the
 * build 3.2–3.4 against 3.4–3.7 s (session 26).
 */
const SUPPORTED = { 'regexp-unicode-property-escapes': true };

/** A module specifier in an import, a re-export, a dynamic import or a side-effect import, in quotes. */
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])([^"'\n]+)\2/g;

/** A static import's clause and specifier: `import CLAUSE from "S"` (esbuild writes one per line, in double quotes). */
const STATIC_IMPORT = /\bimport\s+([\w$\s{},*]+?)\s+from\s*"([^"\n]+)"/g;

/**
 * What a compiled module takes from each bare specifier it imports: the names it imports (with
 * `default`), or `'*'` when it may use any (a namespace import, a re-export, a dynamic import).
 * Added to `uses` (specifier → names or '*').
 */
export function collectUses(code, uses) {
  const add = (specifier, names) => {
    if (/^(\.|\/|node:)/.test(specifier)) return;
    const had = uses.get(specifier) ?? new Set();
    if (names === '*' || had === '*') uses.set(specifier, '*');
    else uses.set(specifier, new Set([...had, ...names]));
  };
  // Where each static import stands, so that only specifiers elsewhere count as any other kind of use.
  const statics = new Set();
  for (const match of code.matchAll(STATIC_IMPORT)) {
    const [whole, clause, specifier] = match;
    statics.add(match.index + whole.length - `"${specifier}"`.length);
    if (clause.includes('*')) {
      add(specifier, '*');
      continue;
    }
    const names = [];
    const braces = clause.match(/\{([^}]*)\}/);
    const head = clause.replace(/\{[^}]*\}/, '').replace(/,/g, ' ').trim();
    if (head) names.push('default');
    if (braces) for (const part of braces[1].split(',')) if (part.trim()) names.push(part.trim().split(/\s+as\s+/)[0].trim());
    add(specifier, names);
  }
  // Anything else naming a package (a re-export, a dynamic or side-effect import) may use all of it.
  for (const match of code.matchAll(SPECIFIER)) if (!statics.has(match.index + match[1].length)) add(match[3], '*');
}

/** `code` with its imports of the vendored packages in `vendored` pointing at their bundles in `vendorDir`, from the module in `moduleDir`. */
export function pointAtVendor(code, moduleDir, vendorDir, vendored) {
  const relative = path.relative(moduleDir, vendorDir).split(path.sep).join('/');
  return code.replace(SPECIFIER, (match, before, quote, specifier) => (vendored.has(specifier) ? `${before}${quote}${relative}/${vendorFile(specifier)}${quote}` : match));
}

/** A vendored package's bundle file name. */
const vendorFile = (specifier) => `${specifier.replace(/[^a-zA-Z0-9.-]/g, '_')}.js`;

/**
 * Bundles the packages `uses` names into `vendorDir` (shared code in chunks). Each bundle re-exports,
 * of what Node's own loader finds in the package (named exports and default), what our modules
 * import — so a module imports from the bundle exactly what it imported from the package, and the
 * rest is left out (tree-shaken: feedsmith's parsers and generators, when only parsers are used).
 */
async function bundleVendored(uses, vendorDir, root) {
  const { build } = await loadEsbuild();
  const entries = {};
  const wrappers = new Map();
  for (const [specifier, used] of uses) {
    // Imported as Node imports it (this file's node_modules: the repository's own).
    const exported = Object.keys(await import(specifier));
    // A name the package does not export (an upgrade renamed it) fails the compile, so the CLI runs the sources and says why, never a bundle missing it.
    const missing = used === '*' ? [] : [...used].filter((name) => !exported.includes(name));
    if (missing.length > 0) throw new Error(`${specifier} does not export ${missing.join(', ')}`);
    const names = exported.filter((name) => used === '*' || used.has(name));
    const named = names.filter((name) => name !== 'default' && name !== '__esModule' && /^[A-Za-z_$][\w$]*$/.test(name));
    wrappers.set(specifier, [named.length > 0 ? `export { ${named.join(', ')} } from '${specifier}';` : '', names.includes('default') ? `export { default } from '${specifier}';` : ''].join('\n'));
    entries[vendorFile(specifier).replace(/\.js$/, '')] = `vendored:${specifier}`;
  }
  await build({
    entryPoints: entries,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    supported: SUPPORTED,
    outdir: vendorDir,
    absWorkingDir: root,
    logLevel: 'error',
    legalComments: 'none',
    // Less to read and parse at every start; names are kept, so stack traces still say where.
    minifyWhitespace: true,
    minifySyntax: true,
    // CommonJS inside a bundle asks `require` for Node's built-in modules.
    banner: { js: "import { createRequire as __vendoredRequire } from 'node:module';\nconst require = __vendoredRequire(import.meta.url);" },
    plugins: [
      {
        name: 'vendored-entries',
        setup(build) {
          build.onResolve({ filter: /^vendored:/ }, (args) => ({ path: args.path.slice('vendored:'.length), namespace: 'vendored' }));
          build.onLoad({ filter: /.*/, namespace: 'vendored' }, (args) => ({ contents: wrappers.get(args.path), resolveDir: root, loader: 'js' }));
        },
      },
    ],
  });
}

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
  const { code } = esbuild.transformSync(source, { loader: 'ts', format: 'esm', target: 'node20', supported: SUPPORTED, sourcefile: file });
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
  const compiled = new Map();
  const uses = new Map();
  for (const name of sources) {
    const code = compileModule(readFileSync(path.join(base, name), 'utf8'), `pipeline/${name}`);
    compiled.set(path.join(staging, 'pipeline', name.replace(/\.ts$/, '.js')), code);
    collectUses(code, uses);
  }
  const vendored = new Set(VENDORED.filter((specifier) => uses.has(specifier)));
  const vendorDir = path.join(staging, 'vendor');
  if (vendored.size > 0) await bundleVendored(new Map([...vendored].map((specifier) => [specifier, uses.get(specifier)])), vendorDir, root);
  for (const [target, code] of compiled) {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, vendored.size > 0 ? pointAtVendor(code, path.dirname(target), vendorDir, vendored) : code);
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

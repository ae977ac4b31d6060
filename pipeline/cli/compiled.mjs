// Which code `briefing` runs: the JavaScript compiled from pipeline/ into dist/ (compile.mjs, run
// by `npm install`), but only while it was compiled from exactly the sources there are now.
// Plain JavaScript, so bin.mjs can ask before loading anything TypeScript.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Briefing's folder (bin.mjs and this file live in pipeline/cli/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST_NAME = 'dist';
export const DIST = path.join(ROOT, DIST_NAME);
export const STAMP = 'stamp.json';
/** Bump when what compile.mjs makes of a source changes: older dist/ folders are then stale. */
export const COMPILE_VERSION = '3';

/**
 * The dependencies compile.mjs bundles into dist/vendor/ when our modules import them: packages
 * published as ES modules (or, like yaml, whose named exports Node's own loader finds), pure
 * JavaScript, that look for no file of their own at run time. Their versions are in the fingerprint.
 */
export const VENDORED = ['zod', 'yaml', 'unified', 'remark-parse', 'remark-gfm', 'rehype-parse', 'rehype-sanitize', 'mdast-util-to-string', 'hast-util-to-text', 'feedsmith', 'feed', 'vfile', 'vfile-message', 'smol-toml'];

/**
 * What the compiled code was made from: every TypeScript file under pipeline/ by path, size and
 * modification time (as git's index tells a changed file: ~150 stats, about 3 ms measured), and
 * the package.json of each vendored dependency (bundled into dist/, so an upgraded package makes
 * it stale too). An edit, a new file, a deleted one, a `git pull` or a dependency installed anew
 * changes it, and the sources run again (through tsx) until `npm install` or
 * `node pipeline/cli/compile.mjs` compiles them anew.
 */
export function sourceFingerprint(root = ROOT) {
  const base = path.join(root, 'pipeline');
  const lines = typeScriptSources(root).map((name) => {
    const stats = statSync(path.join(base, name));
    return `${name.split(path.sep).join('/')} ${stats.size} ${stats.mtimeMs}`;
  });
  for (const name of VENDORED) {
    const stats = statSync(path.join(root, 'node_modules', name, 'package.json'), { throwIfNoEntry: false });
    lines.push(`node_modules/${name} ${stats ? `${stats.size} ${stats.mtimeMs}` : 'absent'}`);
  }
  return createHash('sha256').update(COMPILE_VERSION).update('\n').update(lines.join('\n')).digest('hex');
}

/** The TypeScript modules under `root`/pipeline/ (declaration files aside), by path from there, sorted: what is compiled and fingerprinted. */
export function typeScriptSources(root = ROOT) {
  return readdirSync(path.join(root, 'pipeline'), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .sort();
}

/**
 * The compiled CLI's module URL when dist/ holds the compilation of the sources as they are now,
 * else null (never compiled, compiled from other sources, or being replaced right now).
 */
export function compiledMain(root = ROOT, dist = path.join(root, DIST_NAME)) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(path.join(dist, STAMP), 'utf8'));
  } catch {
    return null;
  }
  if (stamp?.fingerprint !== sourceFingerprint(root)) return null;
  return pathToFileURL(path.join(dist, 'pipeline/cli/main.js')).href;
}

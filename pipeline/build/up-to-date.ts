/**
 * A build with nothing to do: when everything a build reads is what the last
 * successful build into the same `out/` read, and `out/` is still exactly what
 * it wrote, the build stops after ingest and says so, instead of running clean,
 * dedupe, summarise and render again to write the same bytes.
 *
 * Why: a scheduled build (`schedule`, a cron job, the GitHub Actions workflow),
 * `send` (which builds first) and `preview` on start-up often run on content
 * that did not change since the last build. Every stage's cache makes such a
 * build cheaper, but each stage still passes over every article (a year of
 * news: ~25 s; 1,000 articles: ~300 ms). Ingest has to run anyway — it is how
 * a build learns that nothing changed (files by stat, feeds by conditional GET).
 *
 * What "everything a build reads" is (`inputsFingerprint`): every ingested
 * article's hash (text and metadata) and origin, in order; the config as
 * resolved (flags, environment, file); the editor's override files; the
 * templates (the configured folder and the bundled one); the code (every
 * file under Briefing's pipeline/ by path, size and mtime, the installed
 * dependencies' lockfile, Node's version); and
 * the options that choose editions (`--date`, `--since`, `--until`,
 * `--strict`). The build is otherwise a function of these: no stage reads the
 * clock or the network outside ingest (test/foundation/up-to-date.test.ts
 * changes each of them and sees a real build).
 *
 * What "still exactly what it wrote" is (`outFingerprint`): every file under
 * `out/` by path, size, mtime and inode, taken right after the build swapped
 * it in — a file edited, added, deleted or replaced, or another build's
 * `out/`, makes the next build a real one.
 *
 * Kept to a week: a no-op reads no stage's cache entries, and entries unread
 * for `KEEP_DAYS` are collected (common/cache-store.ts), so at least every
 * `REFRESH_DAYS` a real build runs and stamps them. `--no-cache` and
 * `--verbose` (which prints every decision) always build.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.ts';
import type { StageCache } from '../common/cache.ts';
import { sha256 } from '../common/hash.ts';
import type { Article, Message } from '../types.ts';
import type { BuildSummary } from './index.ts';
import { overridesDir } from '../overrides/load.ts';
import { PACKAGE_ROOT } from '../common/package-root.ts';
import { today } from '../common/cache-store.ts';

/** Bump when what a record holds, or what the fingerprints cover, changes. */
const RECORD_VERSION = '1';
/** A real build runs at least this often (days), whatever changed: see above. */
export const REFRESH_DAYS = 7;
/** A build that said more than this many warnings is not recorded (its record would be large): the next build is a real one. */
const MAX_RECORDED_MESSAGES = 10_000;

/** What the last successful build into an `out/` read and wrote, and what it said. */
export interface BuildRecord {
  version: string;
  inputs: string;
  out: string;
  /** Day of the build, on the cache store's clock (cache-store.ts `today`). */
  day: number;
  /** The summary's figures that the stages after ingest gave. */
  figures: RecordedFigures;
  /** What the stages after ingest said that was not a decision (warnings), in order: said again by a no-op. */
  messages: Message[];
}

/** The summary's figures that the stages after ingest gave (the rest are this run's or the place's). */
export type RecordedFigures = Omit<BuildSummary, 'warnings' | 'errors' | 'outDir' | 'written' | 'upToDate'>;

/** What chooses the editions of a build, besides config and input. */
export interface EditionOptions {
  date?: string;
  since?: string;
  until?: string;
  strict?: boolean;
}

export function recordKey(outDir: string): string {
  return sha256('build-record', RECORD_VERSION, outDir);
}

/**
 * The fingerprint of everything a build reads once ingest has run (see the
 * top of this file). `config` is the config as given, before overrides.
 */
export function inputsFingerprint(cwd: string, config: Config, options: EditionOptions, ingested: readonly Article[]): string {
  const hash = createHash('sha256');
  const line = (...parts: (string | number)[]) => hash.update(parts.join('\u0000') + '\n');
  line('record', RECORD_VERSION, process.version);
  line('code', codeFingerprint());
  line('config', JSON.stringify(config));
  line('options', JSON.stringify([options.date ?? null, options.since ?? null, options.until ?? null, options.strict === true]));
  for (const file of listFiles(overridesDir(cwd, config.content))) line('override', file.name, sha256(readFileSync(file.absolute)));
  // The configured templates, and the bundled ones a missing `templates/` falls back to (render/templates.ts).
  for (const dir of [path.resolve(cwd, config.render.templates), path.join(PACKAGE_ROOT, 'templates')]) {
    for (const file of listFiles(dir)) line('template', dir, file.name, file.size, file.mtimeMs);
  }
  for (const article of ingested) line('article', article.hash, JSON.stringify(article.origin));
  return hash.digest('hex');
}

/**
 * `out/` as it is: every file by path, size, mtime and inode (what git's index
 * compares), or null when there is no `out/`.
 */
export function outFingerprint(outDir: string): string | null {
  let files: ListedFile[];
  try {
    if (!statSync(outDir).isDirectory()) return null;
    files = listFiles(outDir);
  } catch {
    return null;
  }
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.name}\u0000${file.size}\u0000${file.mtimeMs}\u0000${file.ino}\n`);
  return hash.digest('hex');
}

/** The record of the last build into `outDir`, if `out/` and the inputs are still what it describes and it is recent. */
export function upToDateRecord(cache: StageCache, outDir: string, inputs: string, day = today()): BuildRecord | null {
  const record = cache.get<BuildRecord>(recordKey(outDir));
  if (!isRecord(record) || record.inputs !== inputs) return null;
  if (day < record.day || day - record.day >= REFRESH_DAYS) return null;
  return record.out === outFingerprint(outDir) ? record : null;
}

/** Records a successful build (after `out/` was swapped in); a build that said too much is not recorded. */
export function recordBuild(cache: StageCache, outDir: string, inputs: string, figures: RecordedFigures, messages: readonly Message[]): void {
  const out = outFingerprint(outDir);
  if (out === null || messages.length > MAX_RECORDED_MESSAGES) return;
  const record: BuildRecord = { version: RECORD_VERSION, inputs, out, day: today(), figures, messages: [...messages] };
  cache.set(recordKey(outDir), record);
}

function isRecord(value: unknown): value is BuildRecord {
  const r = value as BuildRecord | undefined;
  return !!r && r.version === RECORD_VERSION && typeof r.inputs === 'string' && typeof r.out === 'string' && typeof r.day === 'number' && Array.isArray(r.messages) && !!r.figures;
}

/**
 * The code that makes the output: every file under Briefing's pipeline/ (its TypeScript, which
 * dist/ is compiled from and checked against, and the data beside it, e.g. dedupe's word
 * weights) by path, size and mtime, as compiled.mjs tells a changed source, and the installed
 * dependencies (npm rewrites node_modules/.package-lock.json on every install that changes
 * them). Computed once per process (~200 stats, a few ms).
 */
let code: string | undefined;
function codeFingerprint(): string {
  return (code ??= codeFingerprintOf(PACKAGE_ROOT));
}

/** The code fingerprint of a Briefing installed at `root` (see `codeFingerprint`). */
export function codeFingerprintOf(root: string): string {
  const files = listFiles(path.join(root, 'pipeline')).map((file) => `${file.name} ${file.size} ${file.mtimeMs}`);
  const lock = [path.join(root, 'node_modules/.package-lock.json'), path.join(root, 'package-lock.json')].map((file) => {
    try {
      const stats = statSync(file);
      return `${stats.size} ${stats.mtimeMs}`;
    } catch {
      return 'none';
    }
  });
  return sha256(...files, ...lock);
}

interface ListedFile {
  /** Path from the listed folder, `/`-separated. */
  name: string;
  absolute: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

/** Every file under `dir` (recursively, sorted by path; none when `dir` does not exist). */
function listFiles(dir: string): ListedFile[] {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true }).map(String).sort();
  } catch {
    return [];
  }
  const files: ListedFile[] = [];
  for (const name of names) {
    const absolute = path.join(dir, name);
    try {
      const stats = statSync(absolute);
      if (stats.isFile()) files.push({ name: name.split(path.sep).join('/'), absolute, size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino });
    } catch {
      // Gone since it was listed: it is not part of what is there.
    }
  }
  return files;
}

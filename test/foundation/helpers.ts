import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema, type Config, type ConfigInput } from '../../pipeline/config/schema.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import type { StageContext } from '../../pipeline/common/context.ts';
import { ingestContent } from '../../pipeline/ingest/index.ts';
import type { Article, Message, StageName } from '../../pipeline/types.ts';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(REPO, 'pipeline/cli/bin.mjs');
export const SAMPLE = path.join(REPO, 'content');
export const FIXTURES = path.join(REPO, 'test/foundation/fixtures');

/** A stage context over a fresh reporter, with config overrides. */
export function makeCtx(overrides: ConfigInput = {}, cwd = REPO, stage: StageName = 'ingest'): { ctx: StageContext; reporter: Reporter; config: Config } {
  const reporter = new Reporter();
  const config = configSchema.parse(overrides);
  return { ctx: { config, cwd, report: reporter.for(stage) }, reporter, config };
}

/** A temporary directory removed by the returned cleanup. */
export function tempDir(prefix = 'briefing-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/**
 * Writes `files` into a fresh content folder inside a fresh working directory (added to `made`, for
 * the caller to remove) and ingests it.
 */
export function ingestFiles(files: Record<string, string | Uint8Array>, config: ConfigInput, made: string[]): { articles: Article[]; messages: Message[]; cwd: string } {
  const cwd = tempDir();
  made.push(cwd);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(cwd, 'content', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  const { ctx, reporter } = makeCtx(config, cwd);
  return { articles: ingestContent('content', ctx), messages: reporter.messages, cwd };
}

/** A temp working directory holding a copy of the sample articles in `content/`. */
export function sampleWorkspace(): string {
  const dir = tempDir('briefing-e2e-');
  cpSync(SAMPLE, path.join(dir, 'content'), { recursive: true });
  return dir;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `briefing ARGS` as a real process in `cwd`. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, ...cleanEnv(), ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, asynchronously (so a test can serve HTTP while the CLI runs). */
export function runCliAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...cleanEnv(), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Keeps BRIEFING_* variables of the developer's shell out of the tests. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of Object.keys(process.env)) if (key.startsWith('BRIEFING_')) env[key] = '';
  return env;
}

/** Every file under `dir` (relative paths, sorted) with its bytes, for before/after comparisons. */
export function snapshotTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (current: string, rel: string) => {
    for (const name of readdirSync(current).sort()) {
      const absolute = path.join(current, name);
      const relative = rel ? `${rel}/${name}` : name;
      if (statSync(absolute).isDirectory()) walk(absolute, relative);
      else files.set(relative, readFileSync(absolute));
    }
  };
  walk(dir, '');
  return files;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

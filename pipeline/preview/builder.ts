import path from 'node:path';
import { build } from '../build/index.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { Reporter } from '../common/report.ts';
import type { Message } from '../types.ts';
import { appendAll } from '../common/arrays.ts';

/** Where the preview builds: its own out folder, so `out/` (what gets published) is never touched by previewing. */
export function previewOutDir(cwd: string, config: Config): string {
  return path.resolve(cwd, config.cache, 'preview-out');
}

/** The outcome of the latest build, as the pages and the live-reload stream show it. */
export interface BuildStatus {
  /** Increases with every finished build; pages reload when it moves past theirs. */
  version: number;
  ok: boolean;
  /** Errors (and, on success, warnings) of the latest build, file and line first. */
  problems: Message[];
  /** Wall time of the build in milliseconds. */
  ms: number;
  finishedAt: string | null;
}

export interface PreviewBuilderOptions {
  cwd: string;
  /** `--config FILE`, when given. */
  configFile?: string;
  env: NodeJS.ProcessEnv;
  /** Config keys set by flags (`content`), highest precedence. */
  overrides?: Record<string, unknown>;
  onBuilt?: (status: BuildStatus) => void;
}

/**
 * Runs the real pipeline (`build()`) into the preview's out folder, one build
 * at a time: a change that arrives during a build schedules exactly one more.
 * Config is reloaded on every build, so an edited config takes effect too.
 */
export class PreviewBuilder {
  status: BuildStatus = { version: 0, ok: false, problems: [], ms: 0, finishedAt: null };
  config: Config;
  configFile: string | null = null;
  private running: Promise<BuildStatus> | null = null;
  private again = false;

  constructor(private readonly options: PreviewBuilderOptions) {
    this.config = this.loadConfig().config;
  }

  get outDir(): string {
    return previewOutDir(this.options.cwd, this.config);
  }

  private loadConfig() {
    const loaded = loadConfig({ cwd: this.options.cwd, env: this.options.env, ...(this.options.configFile ? { file: this.options.configFile } : {}), overrides: this.options.overrides ?? {} });
    this.configFile = loaded.file;
    return loaded;
  }

  /** Builds now, or once more after the running build; resolves with the status of a build that saw every change so far. */
  rebuild(): Promise<BuildStatus> {
    if (this.running) {
      this.again = true;
      return this.running.then(() => this.rebuild());
    }
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<BuildStatus> {
    let status: BuildStatus;
    do {
      this.again = false;
      status = await this.once();
    } while (this.again);
    return status;
  }

  private async once(): Promise<BuildStatus> {
    const started = performance.now();
    const loaded = this.loadConfig();
    const reporter = new Reporter();
    let ok = false;
    const problems: Message[] = loaded.messages.filter((m) => m.severity === 'error');
    if (problems.length === 0) {
      this.config = loaded.config;
      try {
        const { summary } = await build({ cwd: this.options.cwd, config: { ...loaded.config, out: this.outDir }, reporter, cache: true });
        ok = summary.written;
      } catch (error) {
        reporter.for('build').error({ ruleId: 'build/crash', reason: (error as Error).stack ?? String(error) });
      }
      const severe = reporter.messages.filter((m) => m.severity === 'error');
      appendAll(problems, ok ? reporter.messages.filter((m) => m.severity === 'warning') : severe);
    }
    this.status = { version: this.status.version + 1, ok, problems, ms: Math.round(performance.now() - started), finishedAt: new Date().toISOString() };
    this.options.onBuilt?.(this.status);
    return this.status;
  }
}

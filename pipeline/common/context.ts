import type { Config } from '../config/schema.ts';
import type { StageReporter } from './report.ts';

/** What every stage function receives besides its collection. */
export interface StageContext {
  config: Config;
  report: StageReporter;
  /** Directory relative paths in config are resolved against. */
  cwd: string;
  /**
   * False when the run must neither read nor write the cache (`check`, which
   * writes nothing; `build --no-cache`). Absent means true. Stages open their
   * cache with `stageCache(ctx, namespace)`, which honours it.
   */
  caching?: boolean;
}

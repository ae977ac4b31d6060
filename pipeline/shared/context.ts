import type { Config } from '../config/schema.ts';
import type { StageReporter } from './report.ts';

/** What every stage function receives besides its collection. */
export interface StageContext {
  config: Config;
  report: StageReporter;
  /** Directory relative paths in config are resolved against. */
  cwd: string;
}

import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Where a command writes: injectable so tests can run commands in-process. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** One `briefing <command>`. `run` returns the exit code: 0 ok, 1 failed, 2 usage. */
export interface Command {
  name: string;
  summary: string;
  /** Usage line(s) and option descriptions, printed by `--help`. */
  help: string;
  options: OptionSpec;
  positionals?: boolean;
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

/** Thrown for a bad command line; printed with the command's usage, exit 2. */
export class UsageError extends Error {}

/** Options every command accepts. */
export const commonOptions: OptionSpec = {
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
};

export const COMMON_HELP = `  --config FILE   config file (default: briefing.config.json/.yaml in the working directory)
  -q, --quiet     print nothing but errors
  -h, --help      show this help`;

export function str(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** Validates a `YYYY-MM-DD` flag value. */
export function dayFlag(args: ParsedArgs, name: string): string | undefined {
  const value = str(args, name);
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new UsageError(`--${name} expects a day as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

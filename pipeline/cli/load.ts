import { loadConfig, type LoadedConfig } from '../config/load.ts';
import { formatMessage } from './print.ts';
import { str, type CliIO, type ParsedArgs } from './command.ts';

/**
 * Loads config for a command, applying the flags that set config keys
 * (`--content`, `--out`) at the highest precedence. Prints config errors.
 */
export function loadCommandConfig(args: ParsedArgs, io: CliIO, flagKeys: Record<string, string> = {}): LoadedConfig {
  const overrides: Record<string, unknown> = {};
  for (const [flagName, key] of Object.entries(flagKeys)) {
    const value = str(args, flagName);
    if (value !== undefined) overrides[key] = value;
  }
  const loaded = loadConfig({ file: str(args, 'config'), cwd: io.cwd, env: io.env, overrides });
  for (const message of loaded.messages) io.stderr.write(formatMessage(message) + '\n');
  return loaded;
}

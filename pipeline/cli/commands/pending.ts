import { COMMON_HELP, type Command, type OptionSpec } from '../command.ts';

/**
 * A command whose issue has not landed yet: it says so and exits 2, so a
 * script that calls it fails loudly rather than silently doing nothing.
 */
export function pendingCommand(name: string, summary: string, issue: number, options: OptionSpec = {}): Command {
  return {
    name,
    summary: `${summary} (not available yet)`,
    help: `Usage: briefing ${name}\n\n${summary}.\nNot available yet: see issue #${issue}.\n\nOptions:\n${COMMON_HELP}`,
    options,
    positionals: true,
    async run(_args, io) {
      io.stderr.write(`briefing ${name}: not available yet (issue #${issue}).\n`);
      return 2;
    },
  };
}

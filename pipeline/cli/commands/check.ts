import { runPipeline } from '../../build/index.ts';
import { Reporter } from '../../shared/report.ts';
import { COMMON_HELP, flag, type Command } from '../command.ts';
import { loadCommandConfig } from '../load.ts';
import { formatMessage } from '../print.ts';

export const checkCommand: Command = {
  name: 'check',
  summary: 'validate config and every input without writing anything',
  help: `Usage: briefing check [options]

Validates the config and reads, cleans, groups and summarises every input
without writing anything. Prints each problem by file and line.
Exit 0 when there is no error, 1 otherwise (with --strict, warnings count).

Options:
  --content DIR   articles to check (default: content)
  --strict        treat warnings as errors
${COMMON_HELP}`,
  options: { content: { type: 'string' }, strict: { type: 'boolean' } },
  async run(args, io) {
    const loaded = loadCommandConfig(args, io, { content: 'content' });
    const reporter = new Reporter();
    // cache: false — check writes nothing, not even the cache.
    runPipeline({ cwd: io.cwd, config: loaded.config, reporter, cache: false });
    const problems = reporter.messages.filter((m) => m.severity !== 'info');
    for (const message of problems) io.stderr.write(formatMessage(message) + '\n');
    const errors = loaded.messages.length + reporter.count('error');
    const warnings = reporter.count('warning');
    const failed = errors > 0 || (flag(args, 'strict') && warnings > 0);
    if (!flag(args, 'quiet') || failed) {
      io.stdout.write(`${failed ? 'check failed' : 'check passed'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${loaded.file ? ` (config: ${loaded.file})` : ' (no config file: defaults)'}\n`);
    }
    return failed ? 1 : 0;
  },
};

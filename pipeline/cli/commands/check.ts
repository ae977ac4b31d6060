import { Reporter } from '../../common/report.ts';
import type { Message } from '../../types.ts';
import { COMMON_HELP, flag, type Command } from '../command.ts';
import { loadCommandConfig } from '../load.ts';
import { formatMessage } from '../print.ts';

/**
 * A broken input (unreadable, empty, binary, oversized, undecodable, bad front
 * matter, bad JSON, impossible date, failing feed) is only a warning for
 * `build` — the run goes on without it — but it is exactly what `check` is
 * for, so here it fails the check. Later stages' warnings (an undated story)
 * fail only with --strict.
 */
function isBrokenInput(message: Message): boolean {
  return message.stage === 'ingest' && message.severity === 'warning';
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'validate config and every input without writing anything',
  help: `Usage: briefing check [options]

Validates the config and reads, cleans, groups and summarises every input
(files and configured feeds) without writing anything. Prints each problem
by file and line.
Exit 0 when all is well; 1 on a config error, a stage error or a broken
input (unreadable, empty, binary, oversized, undecodable, bad front matter,
bad JSON, impossible date, failing feed). With --strict, any warning fails.

Options:
  --content DIR   articles to check (default: content)
  --strict        treat every warning as an error
${COMMON_HELP}`,
  options: { content: { type: 'string' }, strict: { type: 'boolean' } },
  async run(args, io) {
    const loaded = loadCommandConfig(args, io, { content: 'content' });
    const reporter = new Reporter();
    // cache: false — check writes nothing, not even the cache or stored feeds.
    const { runPipeline } = await import('../../build/index.ts');
    // An out folder a build would refuse to replace (build/out-guard.ts) is a config error here too.
    const { refuseOutDir } = await import('../../build/out-guard.ts');
    refuseOutDir(loaded.config.out, io.cwd, loaded.config, reporter.for('build'));
    await runPipeline({ cwd: io.cwd, config: loaded.config, reporter, cache: false });
    const problems = reporter.messages.filter((m) => m.severity !== 'info');
    for (const message of problems) io.stderr.write(formatMessage(message) + '\n');
    const errors = loaded.messages.length + reporter.count('error');
    const broken = reporter.messages.filter(isBrokenInput).length;
    const warnings = reporter.count('warning');
    const failed = errors > 0 || broken > 0 || (flag(args, 'strict') && warnings > 0);
    if (!flag(args, 'quiet') || failed) {
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
      const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
      if (broken) parts.push(`${plural(broken, 'broken input')} among them`);
      io.stdout.write(`${failed ? 'check failed' : 'check passed'}: ${parts.join(', ')}${loaded.file ? ` (config: ${loaded.file})` : ' (no config file: defaults)'}\n`);
    }
    return failed ? 1 : 0;
  },
};

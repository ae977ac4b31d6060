import { readFileSync } from 'node:fs';
import path from 'node:path';
import { storyFromRecord, summarisePrepared } from '../../summarise/standalone.ts';
import { Reporter } from '../../common/report.ts';
import { COMMON_HELP, flag, str, UsageError, type Command } from '../command.ts';
import { loadCommandConfig } from '../load.ts';
import { formatMessage } from '../print.ts';

export const summariseCommand: Command = {
  name: 'summarise',
  summary: 'summarise pre-grouped stories from a JSONL file (--json)',
  help: `Usage: briefing summarise [--json] [--words N] STORIES.jsonl

Summarises stories that are already grouped, one per line:
{id, articles: [{title?, text, date?}]} (extra fields ignored), and prints one
line per story. Each article is cleaned as in a build; the first article of a
record leads the story. This is how the summarise stage is run and
benchmarked alone.

Options:
  --json          print one JSON line per story: {id, headline, summary}
                  (default: readable text)
  --words N       word budget per summary (default: summarise.words, 80)
${COMMON_HELP}`,
  options: { json: { type: 'boolean' }, words: { type: 'string' } },
  positionals: true,
  async run(args, io) {
    if (args.positionals.length !== 1) throw new UsageError('give one STORIES.jsonl file');
    const wordsFlag = str(args, 'words');
    if (wordsFlag !== undefined && !/^[1-9]\d*$/.test(wordsFlag)) throw new UsageError(`--words expects a positive whole number, got "${wordsFlag}"`);
    const loaded = loadCommandConfig(args, io);
    if (loaded.messages.some((m) => m.severity === 'error')) return 1;
    const words = wordsFlag ? Number(wordsFlag) : loaded.config.summarise.words;
    const file = args.positionals[0]!;
    const reporter = new Reporter();
    const ctx = { config: loaded.config, cwd: io.cwd, report: reporter.for('summarise') };
    const cleanCtx = { ...ctx, report: reporter.for('clean') };
    let content: string;
    try {
      content = readFileSync(path.resolve(io.cwd, file), 'utf8');
    } catch (error) {
      io.stderr.write(`briefing summarise: cannot read ${file}: ${(error as Error).message}\n`);
      return 1;
    }
    const json = flag(args, 'json');
    for (const [index, line] of content.split('\n').entries()) {
      if (!line.trim()) continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (error) {
        ctx.report.warn({ ruleId: 'summarise/bad-json', reason: `not valid JSON: ${(error as Error).message}`, file, line: index + 1 });
        continue;
      }
      const prepared = storyFromRecord(record as Record<string, unknown>, { file, line: index + 1 }, cleanCtx);
      if (typeof prepared === 'string') {
        ctx.report.warn({ ruleId: 'summarise/bad-record', reason: prepared, file, line: index + 1 });
        continue;
      }
      const summary = summarisePrepared(prepared, ctx, words);
      const id = prepared.story.id;
      io.stdout.write(json ? JSON.stringify({ id, headline: summary.headline, summary: summary.summary }) + '\n' : `# ${summary.headline}\n${summary.summary}\n\n`);
    }
    if (!flag(args, 'quiet')) for (const m of reporter.messages) if (m.severity !== 'info') io.stderr.write(formatMessage(m) + '\n');
    return 0;
  },
};

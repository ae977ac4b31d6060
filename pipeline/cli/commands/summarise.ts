import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeArticle } from '../../ingest/article.ts';
import { cleanArticles } from '../../clean/index.ts';
import { summariseStory } from '../../summarise/index.ts';
import { Reporter } from '../../shared/report.ts';
import type { Article, Story } from '../../types.ts';
import { COMMON_HELP, flag, str, UsageError, type Command } from '../command.ts';
import { loadCommandConfig } from '../load.ts';
import { formatMessage } from '../print.ts';

export const summariseCommand: Command = {
  name: 'summarise',
  summary: 'summarise pre-grouped stories from a JSONL file (--json)',
  help: `Usage: briefing summarise [--json] [--words N] STORIES.jsonl

Summarises stories that are already grouped, one per line:
{id, articles: [{title?, text, date?}]} (extra fields ignored), and prints one
JSON line per story: {id, headline, summary}. This is how the summarise stage
is run and benchmarked alone.

Options:
  --json          print JSON lines (default: readable text)
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
    const lines = readFileSync(path.resolve(io.cwd, file), 'utf8').split('\n');
    for (const [index, line] of lines.entries()) {
      if (!line.trim()) continue;
      let record: { id?: unknown; articles?: { title?: string; text?: string; date?: string }[] };
      try {
        record = JSON.parse(line);
      } catch (error) {
        ctx.report.warn({ ruleId: 'summarise/bad-json', reason: `not valid JSON: ${(error as Error).message}`, file, line: index + 1 });
        continue;
      }
      if (!Array.isArray(record.articles)) {
        ctx.report.warn({ ruleId: 'summarise/bad-record', reason: 'a story needs "articles": [{text}]', file, line: index + 1 });
        continue;
      }
      const id = String(record.id ?? index + 1);
      const stated = record.articles
        .filter((a) => typeof a?.text === 'string')
        .map((a, n) => makeArticle({ id: `${id}/${n}`, origin: { file, line: index + 1 }, format: 'txt', raw: a.text!, title: a.title ?? null, date: null }));
      const articles: Article[] = cleanArticles(stated, { ...ctx, report: reporter.for('clean') });
      const story: Story = {
        id,
        date: null,
        dateSource: null,
        articles: articles.map((a, n) => ({ articleId: a.id, role: n === 0 ? 'canonical' : 'related', similarity: 1, publisher: null })),
        reasons: [],
      };
      if (articles.length === 0) continue;
      const summary = summariseStory(story, new Map(articles.map((a) => [a.id, a])), ctx, words);
      io.stdout.write(flag(args, 'json') ? JSON.stringify({ id, headline: summary.headline, summary: summary.summary }) + '\n' : `# ${summary.headline}\n${summary.summary}\n\n`);
    }
    if (!flag(args, 'quiet')) for (const m of reporter.messages) if (m.severity !== 'info') io.stderr.write(formatMessage(m) + '\n');
    return 0;
  },
};

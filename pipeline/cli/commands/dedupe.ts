import { statSync } from 'node:fs';
import path from 'node:path';
import { cleanArticles } from '../../clean/index.ts';
import { dedupeArticles } from '../../dedupe/index.ts';
import { ingestContent, ingestFile } from '../../ingest/index.ts';
import { Reporter } from '../../common/report.ts';
import type { Article, Story } from '../../types.ts';
import { COMMON_HELP, flag, type Command } from '../command.ts';
import { loadCommandConfig } from '../load.ts';
import { formatMessage } from '../print.ts';
import { appendAll } from '../../common/arrays.ts';

/** The `dedupe --json` output (issue #5's interface). */
export function toDedupeJson(stories: Story[], articles: Article[]) {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return {
    stories: stories.map((s) => ({
      id: s.id,
      date: s.date,
      dateSource: s.dateSource,
      articles: s.articles.map((m) => ({
        id: m.articleId,
        file: byId.get(m.articleId)?.origin.file ?? null,
        role: m.role,
        ...(m.duplicateOf ? { duplicateOf: m.duplicateOf } : {}),
        similarity: m.similarity,
        publisher: m.publisher,
      })),
      reasons: s.reasons,
    })),
    undated: stories.filter((s) => s.date === null).flatMap((s) => s.articles.map((m) => m.articleId)),
  };
}

export const dedupeCommand: Command = {
  name: 'dedupe',
  summary: 'run ingest + clean + dedupe and print the stories (--json)',
  help: `Usage: briefing dedupe [--json] [FILE|DIR...]

Groups the articles of the given files and folders (default: the content
folder) into stories: duplicates folded, reports of one event grouped, dates
inferred. With --json prints {stories: [{id, date, dateSource, articles: [{id,
file, role, duplicateOf?, similarity, publisher}], reasons}], undated: [...]}.

Options:
  --json          print JSON instead of text
  --content DIR   the content folder, read when no FILE or DIR is given (default: content), as build reads it
${COMMON_HELP}`,
  options: { json: { type: 'boolean' }, content: { type: 'string' } },
  positionals: true,
  async run(args, io) {
    const loaded = loadCommandConfig(args, io, { content: 'content' });
    if (loaded.messages.some((m) => m.severity === 'error')) return 1;
    const reporter = new Reporter();
    const ctx = { config: loaded.config, cwd: io.cwd, report: reporter.for('ingest') };
    const inputs = args.positionals.length > 0 ? args.positionals : [loaded.config.content];
    const ingested: Article[] = [];
    for (const input of inputs) {
      const absolute = path.resolve(io.cwd, input);
      let isDir = false;
      try {
        isDir = statSync(absolute).isDirectory();
      } catch {
        ctx.report.warn({ ruleId: 'ingest/unreadable', reason: 'no such file or folder', file: input });
        continue;
      }
      appendAll(ingested, isDir ? ingestContent(input, ctx) : ingestFile(absolute, ctx, { display: input }));
    }
    const articles = cleanArticles(ingested, { ...ctx, report: reporter.for('clean') });
    const stories = dedupeArticles(articles, { ...ctx, report: reporter.for('dedupe') });
    if (!flag(args, 'quiet')) for (const m of reporter.messages) if (m.severity !== 'info') io.stderr.write(formatMessage(m) + '\n');
    const result = toDedupeJson(stories, articles);
    if (flag(args, 'json')) {
      io.stdout.write(JSON.stringify(result, null, 2) + '\n');
    } else {
      for (const story of result.stories) {
        io.stdout.write(`story ${story.id} (${story.date ?? 'undated'}${story.dateSource ? `, from ${story.dateSource}` : ''})\n`);
        for (const a of story.articles) io.stdout.write(`  ${a.role.padEnd(9)} ${a.file}${a.duplicateOf ? ` copies ${a.duplicateOf}` : ''} ${a.similarity.toFixed(2)}\n`);
        for (const reason of story.reasons) io.stdout.write(`  - ${reason}\n`);
      }
    }
    return reporter.count('error') > 0 ? 1 : 0;
  },
};

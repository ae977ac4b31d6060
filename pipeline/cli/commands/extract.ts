import path from 'node:path';
import { analyseCached, decideArticles, type AnalysedArticle } from '../../clean/index.ts';
import { ingestFile } from '../../ingest/index.ts';
import { Reporter } from '../../common/report.ts';
import type { Article } from '../../types.ts';
import { COMMON_HELP, flag, UsageError, type Command } from '../command.ts';
import { loadCommandConfig } from '../load.ts';
import { formatMessage } from '../print.ts';

/** The `extract --json` record of one input file (issue #4's interface). */
export interface ExtractRecord {
  file: string;
  title: string | null;
  date: string | null;
  author: string | null;
  publisher: string | null;
  url: string | null;
  language: string | null;
  text: string;
  paragraphs: { type: string; text: string }[];
  removed: { ruleId: string; reason: string; text: string }[];
}

export function toExtractRecord(file: string, article: Article | undefined): ExtractRecord {
  return {
    file,
    title: article?.title ?? null,
    date: article?.date ?? null,
    author: article?.author ?? null,
    publisher: article?.publisher ?? null,
    url: article?.url ?? null,
    language: article?.language ?? null,
    text: article?.text ?? '',
    paragraphs: (article?.paragraphs ?? []).map((p) => ({ type: p.type, text: p.text })),
    removed: (article?.removed ?? []).map((r) => ({ ruleId: r.ruleId, reason: r.reason, text: r.text })),
  };
}

export const extractCommand: Command = {
  name: 'extract',
  summary: 'run ingest + clean on files and print the main text (--json)',
  help: `Usage: briefing extract [--json] FILE...

Reads each file (.txt, .md, .html, .html.gz) and prints its cleaned main text
and metadata. With --json: one JSON array, one object per input file, in input
order: {file, title, date, author, publisher, url, language, text,
paragraphs: [{type, text}], removed: [{ruleId, reason, text}]}.
Files given together are cleaned together, as a build does: a block repeated
across several of them counts as furniture. Why each block was removed, and
how to keep one (config clean.keep): pipeline/clean/README.md.

Options:
  --json          print JSON instead of text
${COMMON_HELP}`,
  options: { json: { type: 'boolean' } },
  positionals: true,
  async run(args, io) {
    if (args.positionals.length === 0) throw new UsageError('give at least one FILE');
    const loaded = loadCommandConfig(args, io);
    if (loaded.messages.some((m) => m.severity === 'error')) return 1;
    const reporter = new Reporter();
    const ctx = { config: loaded.config, cwd: io.cwd, report: reporter.for('ingest') };
    const cleanCtx = { ...ctx, report: reporter.for('clean') };
    // Per file: ingest and analyse, then keep only the analysis (not the page) so
    // memory stays small over thousands of inputs. The decisions are taken over
    // all files together, so a block repeated across them counts as furniture.
    const analysed: AnalysedArticle[] = [];
    const articleOfFile: (number | undefined)[] = [];
    for (const file of args.positionals) {
      const absolute = path.resolve(io.cwd, file);
      const [article] = ingestFile(absolute, ctx, { display: file });
      if (!article) {
        articleOfFile.push(undefined);
        continue;
      }
      const analysis = analyseCached(article, cleanCtx);
      articleOfFile.push(analysed.length);
      analysed.push({ article: { ...article, raw: '' }, analysis });
    }
    const cleaned = decideArticles(analysed, cleanCtx);
    const records = args.positionals.map((file, i) => {
      const index = articleOfFile[i];
      return toExtractRecord(file, index === undefined ? undefined : cleaned[index]);
    });
    if (!flag(args, 'quiet')) for (const m of reporter.messages) if (m.severity !== 'info') io.stderr.write(formatMessage(m) + '\n');
    if (flag(args, 'json')) {
      io.stdout.write(JSON.stringify(records, null, 2) + '\n');
    } else {
      for (const r of records) {
        io.stdout.write(`== ${r.file}${r.title ? ` — ${r.title}` : ''}${r.date ? ` (${r.date})` : ''}\n${r.text}\n`);
        for (const removed of r.removed) io.stdout.write(`   [removed ${removed.ruleId}] ${removed.text.slice(0, 100)}\n`);
        io.stdout.write('\n');
      }
    }
    return reporter.count('error') > 0 ? 1 : 0;
  },
};

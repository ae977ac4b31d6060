import { statSync } from 'node:fs';
import path from 'node:path';
import { analyseCached, decideArticles, type AnalysedArticle } from '../../clean/index.ts';
import { ingestContent, ingestFile } from '../../ingest/index.ts';
import { READ_SUFFIXES } from '../../ingest/discover.ts';
import { Reporter } from '../../common/report.ts';
import type { Article } from '../../types.ts';
import { COMMON_HELP, flag, type Command } from '../command.ts';
import { loadCommandConfig } from '../load.ts';
import { formatMessage } from '../print.ts';

/** The `extract --json` record of one article (issue #4's interface): one per input file, one per record of a `.json`/`.jsonl` file. */
export interface ExtractRecord {
  file: string;
  /** The record's line in a `.jsonl` file (its place in a `.json` array: the line it starts on), or where an e-mail's body starts (`.eml`, `.mbox`); absent for any other file. */
  line?: number;
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
    ...(article?.origin.line !== undefined ? { line: article.origin.line } : {}),
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
  help: `Usage: briefing extract [--json] [--content DIR] [FILE|DIR...]

Reads each file (${READ_SUFFIXES}; a
folder: every file in it, as a build reads content/; default: the content folder) and prints its cleaned main text and
metadata. With --json: one JSON array, one object per input file (per record
of a .json, .jsonl or .mbox file, with its line; an .eml file's line is
where its body starts), in input order: {file, line?,
title, date, author, publisher, url, language, text, paragraphs: [{type,
text}], removed: [{ruleId, reason, text}]}.
Files given together are cleaned together, as a build does: a block repeated
across several of them counts as furniture. Why each block was removed, and
how to keep one (config clean.keep): pipeline/clean/README.md.

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
    const cleanCtx = { ...ctx, report: reporter.for('clean') };
    // Per file: ingest and analyse, then keep only the analysis (not the page) so
    // memory stays small over thousands of inputs. The decisions are taken over
    // all files together, so a block repeated across them counts as furniture.
    const analysed: AnalysedArticle[] = [];
    // One output per article, in input order; a file that gave none still gets its (empty) record.
    const outputs: { file: string; index: number | undefined }[] = [];
    for (const name of args.positionals.length > 0 ? args.positionals : [loaded.config.content]) {
      const absolute = path.resolve(io.cwd, name);
      // A folder is read as a build reads content/ (its files sorted, unsupported ones reported, ids
      // made unique): its articles' texts are held until they are analysed, a file's only while it is.
      const articles = isDirectory(absolute) ? ingestContent(name, ctx) : ingestFile(absolute, ctx, { display: name });
      if (articles.length === 0) outputs.push({ file: name, index: undefined });
      for (const article of articles) {
        const analysis = analyseCached(article, cleanCtx);
        outputs.push({ file: article.origin.file, index: analysed.length });
        analysed.push({ article: { ...article, raw: '' }, analysis });
      }
    }
    const cleaned = decideArticles(analysed, cleanCtx);
    const records = outputs.map(({ file, index }) => toExtractRecord(file, index === undefined ? undefined : cleaned[index]));
    if (!flag(args, 'quiet')) for (const m of reporter.messages) if (m.severity !== 'info') io.stderr.write(formatMessage(m) + '\n');
    if (flag(args, 'json')) {
      io.stdout.write(JSON.stringify(records, null, 2) + '\n');
    } else {
      for (const r of records) {
        io.stdout.write(`== ${r.file}${r.line !== undefined ? `:${r.line}` : ''}${r.title ? ` — ${r.title}` : ''}${r.date ? ` (${r.date})` : ''}\n${r.text}\n`);
        for (const removed of r.removed) io.stdout.write(`   [removed ${removed.ruleId}] ${removed.text.slice(0, 100)}\n`);
        io.stdout.write('\n');
      }
    }
    return reporter.count('error') > 0 ? 1 : 0;
  },
};

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false; // missing or unreadable: ingest says so, naming the file
  }
}

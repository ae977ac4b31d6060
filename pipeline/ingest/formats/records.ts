import { z } from 'zod';
import { toDay } from '../../common/dates.ts';
import type { StatedArticle } from '../article.ts';
import type { FormatReader, InputFile } from './types.ts';
import type { StageContext } from '../../common/context.ts';

/** One article as a JSON record. `text` or `html` is required; `source` is the publisher. */
export const articleRecordSchema = z
  .object({
    id: z.union([z.string().min(1), z.number()]).optional(),
    title: z.string().nullish(),
    text: z.string().optional(),
    html: z.string().optional(),
    date: z.string().nullish(),
    url: z.string().nullish(),
    source: z.string().nullish(),
    author: z.string().nullish(),
    language: z.string().nullish(),
  })
  .refine((r) => typeof r.text === 'string' || typeof r.html === 'string', { message: 'a record needs "text" or "html"' });

export type ArticleRecord = z.infer<typeof articleRecordSchema>;

/**
 * `.json` (one record or an array of records) and `.jsonl` (one record per
 * line). A bad line or record is skipped with a warning naming its line; the
 * other records are read.
 */
export const readRecords: FormatReader = (file, ctx) => {
  if (file.display.toLowerCase().endsWith('.jsonl')) {
    const articles: StatedArticle[] = [];
    file.text.split('\n').forEach((lineText, index) => {
      if (lineText.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(lineText);
      } catch (error) {
        ctx.report.warn({ ruleId: 'ingest/bad-json', reason: `not valid JSON: ${(error as Error).message}`, file: file.display, line: index + 1 });
        return;
      }
      const article = recordToArticle(value, file, index + 1, `${file.idBase}#${index + 1}`, ctx);
      if (article) articles.push(article);
    });
    return articles;
  }
  let value: unknown;
  try {
    value = JSON.parse(file.text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const line = position ? file.text.slice(0, Number(position[1])).split('\n').length : null;
    ctx.report.warn({ ruleId: 'ingest/bad-json', reason: `not valid JSON: ${(error as Error).message}`, file: file.display, line });
    return [];
  }
  const records = Array.isArray(value) ? value : [value];
  const lines = recordLines(file.text, records.length);
  return records.flatMap((record, index) => {
    const article = recordToArticle(record, file, lines[index] ?? 1, records.length === 1 ? file.idBase : `${file.idBase}#${index + 1}`, ctx);
    return article ? [article] : [];
  });
};

function recordToArticle(value: unknown, file: InputFile, line: number, fallbackId: string, ctx: StageContext): StatedArticle | null {
  const parsed = articleRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.');
    ctx.report.warn({
      ruleId: 'ingest/bad-record',
      reason: `record skipped: ${key ? `"${key}": ` : ''}${issue.message}`,
      file: file.display,
      line,
    });
    return null;
  }
  const record = parsed.data;
  const id = record.id !== undefined ? String(record.id) : fallbackId;
  const article: StatedArticle = {
    id,
    origin: { file: file.display, line, ...(record.id !== undefined ? { recordId: String(record.id) } : {}) },
    format: typeof record.html === 'string' && typeof record.text !== 'string' ? 'html' : 'txt',
    raw: record.text ?? record.html ?? '',
    title: record.title ?? null,
    url: record.url ?? null,
    publisher: record.source ?? null,
    author: record.author ?? null,
    language: record.language ?? null,
  };
  if (record.date) {
    const day = toDay(record.date, ctx.config.timezone);
    if (day.ok) {
      article.date = day.day;
      article.dateSource = 'record';
    } else {
      ctx.report.warn({ ruleId: 'ingest/bad-date', reason: `record "${id}": ${day.reason}; read as undated`, file: file.display, line });
    }
  }
  return article;
}

/** Approximate start line of each top-level record of a JSON array (for messages). */
function recordLines(text: string, count: number): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length && lines.length < count; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      if (depth === 1 && ch === '{') lines.push(line);
      if (depth === 0 && ch === '{') lines.push(line);
      depth++;
    } else if (ch === '}' || ch === ']') depth--;
  }
  return lines;
}

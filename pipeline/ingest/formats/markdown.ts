import { parseDocument, LineCounter } from 'yaml';
import { documentValue, QUIET_YAML } from '../../common/yaml-lines.ts';
import { toDay } from '../../common/dates.ts';
import type { StatedArticle } from '../article.ts';
import type { FormatReader } from './types.ts';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Markdown with optional YAML front matter (`title`, `date`, `source`, `url`,
 * `author`, `language`, `id`). Broken front matter is a warning with its line;
 * the body is still read so nothing is lost. The body stays Markdown: the
 * clean stage turns it into paragraphs.
 */
export const readMarkdown: FormatReader = (file, ctx) => {
  const match = FRONT_MATTER.exec(file.text);
  const body = match ? file.text.slice(match[0].length) : file.text;
  // Blank lines in place of the front matter keep body line numbers true to the file.
  const raw = match ? '\n'.repeat(match[0].split('\n').length - 1) + body : body;
  const article: StatedArticle = { id: file.idBase, origin: { file: file.display }, format: 'md', raw };
  if (!match) return [article];

  const lineCounter = new LineCounter();
  const doc = parseDocument(match[1]!, { ...QUIET_YAML, lineCounter, uniqueKeys: false });
  // Not YAML, or YAML that cannot be read (documentValue): the body is kept, read without its front matter.
  const error = doc.errors[0];
  const parsed = error ? { ok: false as const, reason: error.message.split('\n')[0]!, line: error.linePos?.[0]?.line ?? 0 } : documentValue(doc, lineCounter);
  let data: unknown;
  if (parsed.ok) data = parsed.value;
  else {
    const plain = plainFields(match[1]!);
    // Lines count from the opening `---`.
    const outcome = plain ? 'read each "key: value" line as it stands (quote a value that holds ": ")' : 'read the body without it';
    ctx.report.warn({ ruleId: 'ingest/bad-front-matter', reason: `front matter is not valid YAML (${parsed.reason}); ${outcome}`, file: file.display, line: (parsed.line ?? 1) + 1 });
    if (!plain) return [article];
    data = plain;
  }
  if (data === null || data === undefined) return [article];
  if (typeof data !== 'object' || Array.isArray(data)) {
    ctx.report.warn({ ruleId: 'ingest/bad-front-matter', reason: 'front matter must be a map of keys', file: file.display, line: 2 });
    return [article];
  }
  const fields = data as Record<string, unknown>;
  const lineOfKey = (key: string): number => {
    const index = match[1]!.split('\n').findIndex((l) => l.startsWith(`${key}:`));
    return index >= 0 ? index + 2 : 2;
  };
  const str = (key: string): string | null => {
    const value = fields[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    ctx.report.warn({ ruleId: 'ingest/bad-front-matter', reason: `front matter "${key}" should be text`, file: file.display, line: lineOfKey(key) });
    return null;
  };
  if (fields.id !== undefined && str('id')) article.id = str('id')!;
  article.title = str('title');
  article.url = str('url');
  article.author = str('author');
  article.publisher = str('source') ?? str('publisher');
  article.language = str('language') ?? str('lang');
  if (fields.date !== undefined && fields.date !== null) {
    const day = toDay(fields.date, ctx.config.timezone);
    if (day.ok) {
      article.date = day.day;
      article.dateSource = 'front-matter';
    } else {
      ctx.report.warn({ ruleId: 'ingest/bad-date', reason: `front matter date: ${day.reason}; the article is read as undated`, file: file.display, line: lineOfKey('date') });
    }
  }
  return [article];
};

/** A line of front matter as people write it by hand: a key, a colon, and the rest of the line. */
const PLAIN_LINE = /^([A-Za-z_][\w-]*):[ \t]*(.*?)[ \t]*$/;
/** A value YAML would read as a structure, a quoted string, an alias or a block: left to YAML. */
const NOT_PLAIN = /^["'[{&*|>!%@`]/;

/**
 * Front matter that YAML refuses only because a value holds ": " (`title: Budget 2026: what
 * changes`, which YAML reads as a nested key) read as the writer meant it: each line a key and
 * the rest of its line. Null unless every line is such a plain `key: value` line (or blank, or a
 * comment): anything else is left broken, and the body read without it.
 */
function plainFields(text: string): Record<string, string> | null {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const found = PLAIN_LINE.exec(line);
    if (!found || NOT_PLAIN.test(found[2]!)) return null;
    fields[found[1]!] = found[2]!;
  }
  return Object.keys(fields).length > 0 ? fields : null;
}

import { parse as parseToml, TomlError } from 'smol-toml';
import { parseDocument, LineCounter } from 'yaml';
import { documentValue, QUIET_YAML } from '../../common/yaml-lines.ts';
import { toDay } from '../../common/dates.ts';
import type { StatedArticle } from '../article.ts';
import type { FormatReader } from './types.ts';

/** YAML front matter between `---` lines, or TOML between `+++` lines (Hugo, Zola). */
const FRONT_MATTER = /^(---|\+\+\+)[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*(?:\r?\n|$)/;

/**
 * The keys each field is read from, first found first. Besides Briefing's own (`title`, `date`,
 * `source`, `url`, `author`), the names static site generators and CMS exports write: Hugo's
 * `publishDate`, Astro's `pubDate`, Ghost's `published_at`, schema.org's `headline` and
 * `datePublished`, `canonical_url`, `authors` as a list. Jekyll's `published` is a flag, not a date.
 */
const KEYS = {
  title: ['title', 'headline'],
  date: ['date', 'pubDate', 'publishDate', 'published_at', 'publishedAt', 'datePublished', 'published', 'created'],
  url: ['url', 'canonical_url', 'canonicalURL', 'canonical', 'link', 'permalink'],
  author: ['author', 'authors', 'byline'],
  publisher: ['source', 'publisher', 'publication'],
} as const;

/**
 * Markdown with optional front matter, YAML (`---`) or TOML (`+++`): `title`, `date`, `source`,
 * `url`, `author`, `language`, `id`, and the other names of those fields in `KEYS`. Broken front
 * matter is a warning with its line; the body is still read so nothing is lost. The body stays
 * Markdown: the clean stage turns it into paragraphs.
 */
export const readMarkdown: FormatReader = (file, ctx) => {
  const match = FRONT_MATTER.exec(file.text);
  const body = match ? file.text.slice(match[0].length) : file.text;
  // Blank lines in place of the front matter keep body line numbers true to the file.
  const raw = match ? '\n'.repeat(match[0].split('\n').length - 1) + body : body;
  const article: StatedArticle = { id: file.idBase, origin: { file: file.display }, format: 'md', raw };
  if (!match) return [article];
  const source = match[2]!;
  const toml = match[1] === '+++';

  let data: unknown;
  if (toml) {
    try {
      data = parseToml(source);
    } catch (error) {
      const line = error instanceof TomlError ? error.line : 0;
      ctx.report.warn({ ruleId: 'ingest/bad-front-matter', reason: `front matter is not valid TOML (${(error as Error).message.split('\n')[0]}); read the body without it`, file: file.display, line: line + 1 });
      return [article];
    }
  } else {
    const lineCounter = new LineCounter();
    const doc = parseDocument(source, { ...QUIET_YAML, lineCounter, uniqueKeys: false });
    // Not YAML, or YAML that cannot be read (documentValue): the body is kept, read without its front matter.
    const error = doc.errors[0];
    const parsed = error ? { ok: false as const, reason: error.message.split('\n')[0]!, line: error.linePos?.[0]?.line ?? 0 } : documentValue(doc, lineCounter);
    if (parsed.ok) data = parsed.value;
    else {
      const plain = plainFields(source);
      // Lines count from the opening `---`.
      const outcome = plain ? 'read each "key: value" line as it stands (quote a value that holds ": ")' : 'read the body without it';
      ctx.report.warn({ ruleId: 'ingest/bad-front-matter', reason: `front matter is not valid YAML (${parsed.reason}); ${outcome}`, file: file.display, line: (parsed.line ?? 1) + 1 });
      if (!plain) return [article];
      data = plain;
    }
  }
  if (data === null || data === undefined) return [article];
  if (typeof data !== 'object' || Array.isArray(data)) {
    ctx.report.warn({ ruleId: 'ingest/bad-front-matter', reason: 'front matter must be a map of keys', file: file.display, line: 2 });
    return [article];
  }
  const fields = data as Record<string, unknown>;
  const lineOfKey = (key: string): number => {
    const index = source.split('\n').findIndex((l) => new RegExp(`^["']?${key}["']?\\s*${toml ? '=' : ':'}`).test(l));
    return index >= 0 ? index + 2 : 2;
  };
  /** The first of `keys` the front matter gives, and its key. */
  const given = (keys: readonly string[]): [string, unknown] | null => {
    for (const key of keys) if (fields[key] !== undefined && fields[key] !== null) return [key, fields[key]];
    return null;
  };
  const str = (keys: readonly string[]): string | null => {
    const found = given(keys);
    if (!found) return null;
    const [key, value] = found;
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    const named = names(value);
    if (named) return named;
    ctx.report.warn({ ruleId: 'ingest/bad-front-matter', reason: `front matter "${key}" should be text`, file: file.display, line: lineOfKey(key) });
    return null;
  };
  const id = str(['id']);
  if (id) article.id = id;
  article.title = str(KEYS.title);
  const url = str(KEYS.url);
  // A permalink or a link may be a path on the site ("/2026/04/ferry/"): only a web address is a URL.
  article.url = url && (/^https?:\/\//i.test(url) || given(KEYS.url)?.[0] === 'url') ? url : null;
  article.author = str(KEYS.author);
  article.publisher = str(KEYS.publisher);
  article.language = str(['language', 'lang']);
  // A flag (`published: true`) is not a date; the keys after it may still give one.
  const dated = given(KEYS.date.filter((key) => typeof fields[key] !== 'boolean'));
  if (dated) {
    const [key, value] = dated;
    // TOML's dates are Date objects; their ISO text keeps a local date or time as written (`toDay`).
    const day = toDay(value instanceof Date ? value.toISOString() : value, ctx.config.timezone);
    if (day.ok) {
      article.date = day.day;
      article.dateSource = 'front-matter';
    } else {
      ctx.report.warn({ ruleId: 'ingest/bad-date', reason: `front matter ${key}: ${day.reason}; the article is read as undated`, file: file.display, line: lineOfKey(key) });
    }
  }
  return [article];
};

/** Names as front matter lists them: "A", {name: A}, [A, {name: B}] → "A, B"; null for anything else. */
function names(value: unknown): string | null {
  const list = Array.isArray(value) ? value : [value];
  const found: string[] = [];
  for (const item of list) {
    if (typeof item === 'string' && item.trim()) found.push(item.trim());
    else if (item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string') found.push((item as { name: string }).name.trim());
    else return null;
  }
  return found.length > 0 ? found.join(', ') : null;
}

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

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { isCalendarDay } from '../common/dates.ts';
import type { StageReporter } from '../common/report.ts';
import { editionOverridesSchema, type EditionOverrides } from './schema.ts';
import { documentValue, keyLineFinder, QUIET_YAML, type KeyPath } from '../common/yaml-lines.ts';

/** Override files live beside the articles, in a folder ingest skips. */
export const OVERRIDES_DIR = 'editions';

/** Path of a key inside an override file, e.g. `['stories', 'abc123', 'hide']`. */
export type { KeyPath };

/** One validated override file. */
export interface OverrideFile {
  /** The edition it applies to (from the file name). */
  date: string;
  /** Display path (relative to the working directory). */
  file: string;
  overrides: EditionOverrides;
  /** 1-based line of a key in the file (or of its nearest existing parent), for messages. */
  lineOf(keyPath: KeyPath): number | null;
}

/** The override folder of a content folder. */
export function overridesDir(cwd: string, content: string): string {
  return path.resolve(cwd, content, OVERRIDES_DIR);
}

/** The override file of one edition (whether it exists or not). */
export function overrideFilePath(cwd: string, content: string, date: string): string {
  return path.join(overridesDir(cwd, content), `${date}.yaml`);
}

const FILE_NAME = /^(\d{4}-\d{2}-\d{2})\.ya?ml$/;

/**
 * Reads every `content/editions/*.yaml`. A file that cannot be read, is not
 * valid YAML or breaks the schema is an **error** naming the file and line: a
 * hide or a missing approval silently dropped could send the wrong thing, so
 * the build must fail rather than go on without it.
 */
export function loadOverrides(cwd: string, content: string, report: StageReporter): Map<string, OverrideFile> {
  const dir = overridesDir(cwd, content);
  const found = new Map<string, OverrideFile>();
  if (!existsSync(dir)) return found;
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => !name.startsWith('.')).sort();
  } catch (error) {
    report.error({ ruleId: 'overrides/unreadable', reason: `cannot read the override folder: ${(error as Error).message}`, file: display(cwd, dir) });
    return found;
  }
  for (const name of names) {
    const absolute = path.join(dir, name);
    const file = display(cwd, absolute);
    const match = FILE_NAME.exec(name);
    if (!match) {
      if (/\.ya?ml$/i.test(name)) report.warn({ ruleId: 'overrides/bad-name', reason: 'override files are named after their edition: YYYY-MM-DD.yaml; this one is ignored', file });
      continue;
    }
    const date = match[1]!;
    if (!isCalendarDay(date)) {
      report.error({ ruleId: 'overrides/bad-name', reason: `${date} is not a calendar day`, file });
      continue;
    }
    if (found.has(date)) {
      report.error({ ruleId: 'overrides/duplicate-file', reason: `two override files for ${date}: use one (${found.get(date)!.file} is used)`, file });
      continue;
    }
    let source: string;
    try {
      source = readFileSync(absolute, 'utf8');
    } catch (error) {
      report.error({ ruleId: 'overrides/unreadable', reason: `cannot read override file: ${(error as Error).message}`, file });
      continue;
    }
    const parsed = parseOverrides(source, file, report);
    if (parsed) found.set(date, { date, file, ...parsed });
  }
  return found;
}

/** Parses and validates one override file's text; reports problems and returns null when it is unusable. */
export function parseOverrides(source: string, file: string, report: StageReporter): Pick<OverrideFile, 'overrides' | 'lineOf'> | null {
  const lineCounter = new LineCounter();
  // failsafe: every scalar is a string, so ids keep leading zeros (see schema.ts).
  const doc = parseDocument(source, { ...QUIET_YAML, lineCounter, schema: 'failsafe', prettyErrors: false, uniqueKeys: true });
  const invalid = (line: number | null, reason: string) => report.error({ ruleId: 'overrides/syntax', reason: `override file is not valid YAML: ${reason}`, file, line });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) invalid(error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line, error.message.split('\n')[0]!);
    return null;
  }
  const parsed = documentValue(doc, lineCounter);
  if (!parsed.ok) {
    invalid(parsed.line, parsed.reason);
    return null;
  }
  const value: unknown = parsed.value ?? {};
  const lineOf = keyLineFinder(doc, lineCounter);
  // An empty file (or one with only comments) means "no overrides".
  const result = editionOverridesSchema.safeParse(value === '' ? {} : value);
  if (!result.success) {
    for (const issue of result.error.issues) report.error(describeIssue(issue, file, lineOf));
    return null;
  }
  return { overrides: result.data, lineOf };
}

function describeIssue(issue: z.core.$ZodIssue, file: string, lineOf: (p: KeyPath) => number | null) {
  const keyPath = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  const key = keyPath.join('.');
  let reason: string;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (key ? `${key}.${k}` : k));
    reason = `unknown key ${keys.map((k) => `"${k}"`).join(', ')} (expected approved, approvedHash, note, order, stories, split, merge, keep; a story takes hide, pin, headline, summary)`;
    return { ruleId: 'overrides/invalid', reason, file, line: lineOf([...keyPath, issue.keys[0] ?? '']), detail: { key: keys[0] ?? key } };
  }
  reason = key ? `key "${key}": ${issue.message}` : issue.message;
  return { ruleId: 'overrides/invalid', reason, file, line: lineOf(keyPath), detail: { key } };
}

function display(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute);
  return relative && !relative.startsWith('..') ? relative.split(path.sep).join('/') : absolute;
}

import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseDocument, type Document } from 'yaml';
import { QUIET_YAML } from '../common/yaml-lines.ts';
import { Reporter } from '../common/report.ts';
import type { Message } from '../types.ts';
import { overrideFilePath, parseOverrides } from './load.ts';

/** One change an editor makes from the preview. */
export type OverrideChange =
  | { kind: 'hide' | 'pin'; storyId: string; value: boolean }
  | { kind: 'headline' | 'summary'; storyId: string; value: string | null }
  | { kind: 'note'; value: string | null }
  | { kind: 'approve'; value: boolean; /** editionFingerprint of the edition being approved. */ fingerprint?: string }
  | { kind: 'order'; storyIds: string[] }
  | { kind: 'split'; articleId: string }
  | { kind: 'merge'; storyIds: string[] }
  | { kind: 'keep'; file: string; text?: string };

export type UpdateResult = { ok: true; file: string; text: string } | { ok: false; messages: Message[] };

/** The current text of an edition's override file, or null. */
export function readOverrideSource(cwd: string, content: string, date: string): string | null {
  const file = overrideFilePath(cwd, content, date);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/**
 * Applies one change to `content/editions/DATE.yaml` and writes it atomically
 * (temporary file in the same folder, fsync, rename), keeping the editor's
 * comments and layout. The new text is validated before anything is written,
 * and a file that is already invalid (a hand edit in progress) is never
 * overwritten: the messages say what to fix first.
 */
export function updateOverrides(cwd: string, content: string, date: string, change: OverrideChange): UpdateResult {
  const file = overrideFilePath(cwd, content, date);
  const display = path.relative(cwd, file).split(path.sep).join('/');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : `# Editor overrides for the ${date} edition (see pipeline/preview/README.md).\n`;
  const check = validate(before, display);
  if (check.length > 0) return { ok: false, messages: check };

  const doc = parseDocument(before, { ...QUIET_YAML, schema: 'failsafe' });
  if (doc.contents === null) doc.contents = doc.createNode({}) as never;
  applyChange(doc, change);
  const text = String(doc);
  const problems = validate(text, display);
  if (problems.length > 0) return { ok: false, messages: problems };
  writeAtomically(file, text);
  return { ok: true, file: display, text };
}

function validate(text: string, display: string): Message[] {
  const reporter = new Reporter();
  parseOverrides(text, display, reporter.for('preview'));
  return reporter.messages.filter((m) => m.severity === 'error');
}

/** failsafe documents hold strings only: booleans are written as `true`/`false`. */
function applyChange(doc: Document, change: OverrideChange): void {
  const set = (keyPath: string[], value: string | string[] | string[][] | null) => {
    if (value === null) {
      doc.deleteIn(keyPath);
      pruneEmpty(doc, keyPath.slice(0, -1));
    } else {
      doc.setIn(keyPath, doc.createNode(value));
    }
  };
  switch (change.kind) {
    case 'hide':
    case 'pin':
      set(['stories', change.storyId, change.kind], change.value ? 'true' : null);
      break;
    case 'headline':
    case 'summary':
      set(['stories', change.storyId, change.kind], change.value?.trim() ? change.value.trim() : null);
      break;
    case 'note':
      set(['note'], change.value?.trim() ? change.value.trim() : null);
      break;
    case 'approve':
      set(['approved'], change.value ? 'true' : 'false');
      set(['approvedHash'], change.value && change.fingerprint ? change.fingerprint : null);
      break;
    case 'order':
      set(['order'], change.storyIds.length > 0 ? change.storyIds : null);
      break;
    case 'split':
    case 'merge': {
      const current = (doc.getIn([change.kind]) as { toJSON?: () => unknown } | undefined)?.toJSON?.();
      const list = Array.isArray(current) ? current : [];
      const item = change.kind === 'split' ? change.articleId : change.storyIds;
      if (!list.some((x) => JSON.stringify(x) === JSON.stringify(item))) set([change.kind], [...list, item] as string[] | string[][]);
      break;
    }
    case 'keep': {
      const current = (doc.getIn(['keep']) as { toJSON?: () => unknown } | undefined)?.toJSON?.();
      const list = Array.isArray(current) ? current : [];
      const item = change.text ? { file: change.file, text: change.text } : { file: change.file };
      if (!list.some((x) => JSON.stringify(x) === JSON.stringify(item))) doc.setIn(['keep'], doc.createNode([...list, item]));
      break;
    }
  }
}

/** Removes maps left empty by a deletion (`stories: {abc: {}}` → nothing). */
function pruneEmpty(doc: Document, keyPath: string[]): void {
  for (let depth = keyPath.length; depth > 0; depth--) {
    const at = keyPath.slice(0, depth);
    const node = doc.getIn(at) as { items?: unknown[] } | undefined;
    if (node && Array.isArray(node.items) && node.items.length === 0) doc.deleteIn(at);
    else break;
  }
}

/** Temp file beside the target + fsync + rename: readers see the old file or the new one, never half of one. */
export function writeAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // A dot-name: ingest and the override loader skip hidden files.
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

import { existsSync, readdirSync, readSync, openSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/schema.ts';
import { REPORT_START } from './report-file.ts';

/**
 * Whether a build may replace its out folder. A build swaps a new folder in and deletes the old
 * one whole (atomic-out.ts), so a wrong `--out` or `out:` deleted whatever that folder held:
 * `--out .` took the project with it, `--out content` the articles (both done by session 23's
 * check of the CLI, before this guard). Refused, with the reason, before anything is read or written:
 *
 * - the working folder, or a folder that holds it (`.`, `..`, `~`, `/`);
 * - the content folder, a folder that holds it, or one inside it (the next build would read the
 *   pages as articles);
 * - the state folder (the send ledger: who has had which edition), the cache, the templates, or a
 *   folder that holds one of them (inside the cache is fine: the preview builds into
 *   `.cache/preview-out/`);
 * - an existing folder that holds anything and is not a build's output: every build writes
 *   `report.json`, which starts `{"counts":` — a folder without one is someone's files.
 */
export function outDirProblem(outDir: string, cwd: string, config: Pick<Config, 'content' | 'state' | 'cache' | 'render'>): string | null {
  const out = path.resolve(cwd, outDir);
  const named = `out folder ${JSON.stringify(path.relative(cwd, out) || '.')}`;
  const why = 'a build replaces its out folder whole, deleting what was in it';
  const choose = 'choose a folder of its own for `out` (the default is out/)';
  // "is" or "holds" when replacing `out` would delete `folder`, else null.
  const relation = (folder: string) => (folder === out ? 'is' : isInside(folder, out) ? 'holds' : null);
  const working = relation(path.resolve(cwd));
  if (working) return `${named} ${working} the working folder: ${why}; ${choose}`;
  const content = path.resolve(cwd, config.content);
  const articles = relation(content);
  if (articles) return `${named} ${articles} the content folder ${JSON.stringify(config.content)}: ${why}, the articles with it; ${choose}`;
  if (isInside(out, content)) return `${named} is inside the content folder ${JSON.stringify(config.content)}: the next build would read its pages as articles; ${choose}`;
  for (const [what, folder] of [
    ['the state folder', config.state, ' (the send ledger: who has had which edition)'],
    ['the cache folder', config.cache, ''],
    ['the templates folder', config.render.templates, ''],
  ].map(([what, folder, note]) => [`${what} ${JSON.stringify(folder)}${note}`, folder!] as const)) {
    const found = relation(path.resolve(cwd, folder));
    if (found) return `${named} ${found} ${what}: ${why}; ${choose}`;
  }
  if (!builtHere(out)) return `${named} holds files a build did not write (it has no report.json): ${why}; ${choose}, or empty this one`;
  return null;
}

/** Whether `inner` is strictly inside `outer` (both absolute). */
function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** An out folder a build may replace: absent, not a folder (reported when written), empty, or holding a build's report.json. */
function builtHere(out: string): boolean {
  let entries: string[];
  try {
    if (!statSync(out).isDirectory()) return true;
    entries = readdirSync(out);
  } catch {
    return true;
  }
  if (entries.length === 0) return true;
  const report = path.join(out, 'report.json');
  if (!existsSync(report)) return false;
  const head = Buffer.alloc(REPORT_START.length);
  try {
    const fd = openSync(report, 'r');
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  return head.toString('latin1') === REPORT_START;
}

import { readdirSync, readSync, openSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/schema.ts';
import type { StageReporter } from '../common/report.ts';
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
 *   `report.json`, which starts `{"counts":` — a folder without one is someone's files;
 * - a file (a build would put its folder in the file's place).
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
  const found = builtHere(out);
  if (found === 'file') return `${named} is a file, not a folder: a build would replace it with its folder, deleting it; ${choose}`;
  if (found === 'theirs') return `${named} holds files a build did not write (it has no report.json): ${why}; ${choose}, or empty this one`;
  return null;
}

/**
 * Reports `outDirProblem` as the `build/out-dir` error, for the build (which then stops) and for
 * `check` (which reports it beside the rest); true when there is one.
 */
export function refuseOutDir(outDir: string, cwd: string, config: Pick<Config, 'content' | 'state' | 'cache' | 'render'>, report: StageReporter): boolean {
  const problem = outDirProblem(outDir, cwd, config);
  if (problem) report.error({ ruleId: 'build/out-dir', reason: problem, file: null });
  return problem !== null;
}

/** Whether `inner` is strictly inside `outer` (both absolute). */
function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * What is at the out path: nothing, an empty folder or a build's output (`ours`: a build may replace
 * it), a file (`--out notes.txt` deleted the file until session 23), or a folder of other files.
 * A path that cannot be looked at (a file in the way of its parent) is `ours`: the build reports it when it writes.
 */
function builtHere(out: string): 'ours' | 'file' | 'theirs' {
  let entries: string[];
  try {
    if (!statSync(out).isDirectory()) return 'file';
    entries = readdirSync(out);
  } catch {
    return 'ours';
  }
  if (entries.length === 0) return 'ours';
  const head = Buffer.alloc(REPORT_START.length);
  try {
    // No report.json (the open fails) or another one: not a build's.
    const fd = openSync(path.join(out, 'report.json'), 'r');
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return 'theirs';
  }
  return head.toString('latin1') === REPORT_START ? 'ours' : 'theirs';
}

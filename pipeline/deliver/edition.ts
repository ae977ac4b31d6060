import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/schema.ts';
import type { Reporter } from '../common/report.ts';
import type { Edition } from '../types.ts';
import type { RenderedEdition } from './message.ts';

export function editionDir(cwd: string, config: Config, date: string): string {
  return path.resolve(cwd, config.out, 'editions', date);
}

const FILES = ['edition.json', 'email.html', 'email.txt'] as const;

/**
 * Reads `out/editions/<date>/{edition.json,email.html,email.txt}`. When the
 * folder is missing the site is built first — the whole site, not only that
 * day, because a build replaces `out/` and the archive must stay complete.
 * Returns null (with an error message) when there is no such edition.
 */
export async function loadRenderedEdition(cwd: string, config: Config, date: string, reporter: Reporter): Promise<RenderedEdition | null> {
  const report = reporter.for('deliver');
  let dir = editionDir(cwd, config, date);
  if (!existsSync(path.join(dir, 'edition.json'))) {
    report.info({ ruleId: 'deliver/build-first', reason: `no rendered edition for ${date} in ${path.relative(cwd, dir) || dir}; building first` });
    // Loaded only when needed: the stages take seconds to import, a send of a built edition should not pay that.
    const { build } = await import('../build/index.ts');
    const { summary } = await build({ cwd, config, reporter });
    if (!summary.written) {
      report.error({ ruleId: 'deliver/build-failed', reason: `the build failed, so the ${date} edition cannot be sent` });
      return null;
    }
    dir = editionDir(cwd, config, date);
  }
  const display = (name: string) => path.relative(cwd, path.join(dir, name));
  for (const name of FILES) {
    if (!existsSync(path.join(dir, name))) {
      const none = name === 'edition.json';
      report.error({
        ruleId: none ? 'deliver/no-edition' : 'deliver/not-rendered',
        reason: none ? `there is no edition for ${date} (no dated stories that day)` : `${display(name)} is missing: the render stage did not write the email`,
        file: display(name),
      });
      return null;
    }
  }
  let edition: Edition;
  try {
    edition = JSON.parse(readFileSync(path.join(dir, 'edition.json'), 'utf8')) as Edition;
  } catch (error) {
    report.error({ ruleId: 'deliver/bad-edition', reason: `edition.json is not valid JSON: ${(error as Error).message}`, file: display('edition.json') });
    return null;
  }
  if (!edition || typeof edition !== 'object' || edition.date !== date || !Array.isArray(edition.stories)) {
    report.error({ ruleId: 'deliver/bad-edition', reason: `edition.json does not describe the ${date} edition`, file: display('edition.json') });
    return null;
  }
  return {
    edition,
    html: readFileSync(path.join(dir, 'email.html'), 'utf8'),
    text: readFileSync(path.join(dir, 'email.txt'), 'utf8'),
    dir,
  };
}

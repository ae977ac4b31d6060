import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema, type ConfigInput } from '../../pipeline/config/schema.ts';
import { renderSite } from '../../pipeline/render/index.ts';
import { standaloneReporter } from '../../pipeline/common/report.ts';
import type { Edition, Message } from '../../pipeline/types.ts';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const REPO = path.resolve(FIXTURES, '../../..');

/** Two hand-written editions (London timezone, a source without URL, a note, "more"). */
export function fixtureEditions(): Edition[] {
  return JSON.parse(readFileSync(path.join(FIXTURES, 'editions.json'), 'utf8')) as Edition[];
}

export interface Rendered {
  dir: string;
  messages: Message[];
  read(file: string): string;
}

/** Renders `editions` into a fresh temporary folder with the repository's templates unless `config.render.templates` says otherwise. */
export async function renderTo(editions: Edition[], config: ConfigInput = {}, dir = mkdtempSync(path.join(tmpdir(), 'briefing-render-'))): Promise<Rendered> {
  const { reporter, report } = standaloneReporter('render');
  // The build cache (compiled MJML) goes to a scratch folder, not the repository's .cache.
  const parsed = configSchema.parse({ cache: mkdtempSync(path.join(tmpdir(), 'briefing-render-cache-')), ...config });
  await renderSite(editions, { config: parsed, report, cwd: REPO }, dir);
  return { dir, messages: reporter.messages, read: (file) => readFileSync(path.join(dir, file), 'utf8') };
}

export function errors(messages: Message[]): Message[] {
  return messages.filter((m) => m.severity === 'error');
}

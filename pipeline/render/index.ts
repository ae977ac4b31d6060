import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StageContext } from '../shared/context.ts';
import type { Edition } from '../types.ts';

/**
 * Render stage: editions → files in `outDir` (a temporary folder the build
 * renames into place). PLACEHOLDER — issue #7 adds the MJML email, plain
 * text, feeds and the web archive.
 */
export async function renderSite(editions: Edition[], ctx: StageContext, outDir: string): Promise<void> {
  for (const edition of editions) {
    const dir = path.join(outDir, 'editions', edition.date);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'edition.json'), JSON.stringify(edition, null, 2) + '\n');
  }
  const list = [...editions].reverse().map((e) => `<li><a href="editions/${e.date}/edition.json">${e.date}</a></li>`).join('\n');
  writeFileSync(path.join(outDir, 'index.html'), `<!doctype html><html lang="${ctx.config.language}"><meta charset="utf-8"><title>${ctx.config.title}</title><ul>${list}</ul></html>\n`);
}

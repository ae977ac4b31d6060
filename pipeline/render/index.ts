import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DiskCache } from '../common/cache.ts';
import type { StageContext } from '../common/context.ts';
import type { Edition } from '../types.ts';
import { buildFeeds, editionItems, storyItems } from './feeds.ts';
import { loadTemplates, TemplateRenderError, templatesDir, type TemplateSet } from './templates.ts';
import { layoutPlainText } from './text.ts';
import { archiveView, editionView } from './view.ts';

export { UNSUBSCRIBE_PLACEHOLDER } from './view.ts';

/** Gmail clips a message whose HTML is larger than this (102 KB). */
export const GMAIL_CLIP_BYTES = 102 * 1024;

/** The files of one edition, as strings (the preview renders these without writing). */
export interface RenderedEdition {
  date: string;
  emailHtml: string;
  emailText: string;
  webHtml: string;
  editionJson: string;
}

/**
 * Render stage: editions → files in `outDir` (a staging folder the build
 * renames into `out/`). Layout:
 *
 *   index.html  feed.xml  atom.xml  feed.json  [stories.xml stories-atom.xml stories.json]
 *   editions/YYYY-MM-DD/{email.html, email.txt, index.html, edition.json}
 *
 * A broken template, or a template that fails on an edition, is a
 * `render/template` error naming the template file and line; the build then
 * keeps the previous `out/`.
 */
export async function renderSite(editions: Edition[], ctx: StageContext, outDir: string): Promise<void> {
  const templates = await prepareTemplates(ctx);
  const sorted = [...editions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  mkdirSync(outDir, { recursive: true });
  if (!templates) {
    // Still write the data, so a failing build can be inspected in its staging folder.
    for (const edition of sorted) writeEditionFile(outDir, edition.date, 'edition.json', editionJson(edition));
    return;
  }
  try {
    for (const edition of sorted) {
      const rendered = renderEdition(edition, ctx, templates);
      checkEmailSize(rendered, ctx);
      writeEditionFile(outDir, edition.date, 'email.html', rendered.emailHtml);
      writeEditionFile(outDir, edition.date, 'email.txt', rendered.emailText);
      writeEditionFile(outDir, edition.date, 'index.html', rendered.webHtml);
      writeEditionFile(outDir, edition.date, 'edition.json', rendered.editionJson);
    }
    writeFileSync(path.join(outDir, 'index.html'), templates.archive(archiveView(sorted, ctx.config)));
    const feeds = buildFeeds(editionItems(sorted, ctx.config, templates), ctx.config, { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' });
    writeFileSync(path.join(outDir, 'feed.xml'), feeds.rss);
    writeFileSync(path.join(outDir, 'atom.xml'), feeds.atom);
    writeFileSync(path.join(outDir, 'feed.json'), feeds.json);
    if (ctx.config.render.storyFeed) {
      const names = { rss: 'stories.xml', atom: 'stories-atom.xml', json: 'stories.json' };
      const stories = buildFeeds(storyItems(sorted, ctx.config, templates), ctx.config, names, `${ctx.config.title} — stories`);
      writeFileSync(path.join(outDir, names.rss), stories.rss);
      writeFileSync(path.join(outDir, names.atom), stories.atom);
      writeFileSync(path.join(outDir, names.json), stories.json);
    }
  } catch (error) {
    if (!(error instanceof TemplateRenderError)) throw error;
    ctx.report.error({ ruleId: 'render/template', reason: error.message, file: error.file, line: error.line });
  }
  const count = sorted.length;
  ctx.report.info({ ruleId: 'render/written', reason: `rendered ${count} edition${count === 1 ? '' : 's'} with templates from ${path.relative(ctx.cwd, templates.dir) || templates.dir}` });
}

/** Loads the configured templates (reporting problems); null when they are unusable. */
export async function prepareTemplates(ctx: StageContext): Promise<TemplateSet | null> {
  const dir = templatesDir(ctx.config.render.templates, ctx.cwd);
  if (!dir) {
    ctx.report.error({ ruleId: 'render/template', reason: `templates folder "${ctx.config.render.templates}" does not exist`, file: ctx.config.render.templates });
    return null;
  }
  // The compiled MJML is kept in the build cache (`.cache/render/`): the next build skips mjml entirely.
  const cache = new DiskCache(path.resolve(ctx.cwd, ctx.config.cache), 'render');
  const templates = await loadTemplates(dir, ctx.report, ctx.cwd, cache);
  // Said like the clean cache does (build/corrupt-cache): a damaged entry was dropped and recompiled.
  for (const file of cache.corrupt) ctx.report.warn({ ruleId: 'render/corrupt-cache', reason: 'cache entry failed its checksum; rebuilt', file });
  return templates;
}

/** One edition's files as strings. Throws `TemplateRenderError` when a template fails. */
export function renderEdition(edition: Edition, ctx: Pick<StageContext, 'config'>, templates: TemplateSet): RenderedEdition {
  return {
    date: edition.date,
    emailHtml: templates.email(editionView(edition, ctx.config)),
    emailText: layoutPlainText(templates.text(editionView(edition, ctx.config))),
    webHtml: templates.web(editionView(edition, ctx.config, '../../')),
    editionJson: editionJson(edition),
  };
}

function editionJson(edition: Edition): string {
  return JSON.stringify(edition, null, 2) + '\n';
}

function writeEditionFile(outDir: string, date: string, name: string, content: string): void {
  const dir = path.join(outDir, 'editions', date);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), content);
}

function checkEmailSize(rendered: RenderedEdition, ctx: StageContext): void {
  const bytes = Buffer.byteLength(rendered.emailHtml, 'utf8');
  const warnBytes = ctx.config.render.emailSizeWarnKb * 1024;
  if (bytes <= warnBytes) return;
  const kb = (bytes / 1024).toFixed(1);
  const clipped = bytes > GMAIL_CLIP_BYTES;
  ctx.report.warn({
    ruleId: 'render/email-size',
    reason: clipped
      ? `the email of ${rendered.date} is ${kb} KB: Gmail clips messages above 102 KB (fewer stories or shorter summaries fix it)`
      : `the email of ${rendered.date} is ${kb} KB, close to Gmail's 102 KB clipping limit`,
    file: `editions/${rendered.date}/email.html`,
    detail: { edition: rendered.date, bytes, clipped },
  });
}

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { noCache, recordReported, replayReported, stageCache, type Reported, type StageCache } from '../common/cache.ts';
import type { StageContext } from '../common/context.ts';
import { sha256 } from '../common/hash.ts';
import type { StageReporter } from '../common/report.ts';
import type { Config } from '../config/schema.ts';
import type { Edition } from '../types.ts';
import { buildFeeds, editionItems, feedItemFromStore, storedFeedItem, storyItems, type FeedItemData, type FeedItemStore, type StoredFeedItem } from './feeds.ts';
import { assembleFeeds, FEED_ENGINE, fragmentsFromStore, itemFragments, storedFragments, type ItemFragments, type StoredFragments } from './feed-fragments.ts';
import { loadTemplates, TEMPLATE_ENGINE, TemplateRenderError, templatesDir, type TemplateSet } from './templates.ts';
import { PreviousOutput } from './reuse.ts';
import { layoutPlainText } from './text.ts';
import { archiveView, editionView } from './view.ts';

export { UNSUBSCRIBE_PLACEHOLDER } from './view.ts';

/** Gmail clips a message whose HTML is larger than this (102 KB). */
export const GMAIL_CLIP_BYTES = 102 * 1024;

/**
 * Bump when this stage's code changes what an edition's files contain: cached
 * renders of older code are then not reused (the templates, their engines and
 * the config are in the key already).
 */
export const RENDER_VERSION = '7';

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
 *
 * Each edition's files are cached under a key of its data, the templates'
 * contents, the render config and RENDER_VERSION: a rebuild where one edition
 * changed renders that one and reuses the others. Feeds and the archive
 * depend on every edition and cost little: they are always made anew.
 * (`cache` is for tests and benchmarks that count what was reused.)
 */
export async function renderSite(editions: Edition[], ctx: StageContext, outDir: string, cache: StageCache = stageCache(ctx, 'render')): Promise<void> {
  // One cache (`.cache/render/`, none with caching off) keeps the compiled templates and the rendered editions.
  const templates = await prepareTemplates(ctx, cache);
  const sorted = [...editions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  mkdirSync(outDir, { recursive: true });
  if (!templates) {
    // Still write the data, so a failing build can be inspected in its staging folder.
    for (const edition of sorted) writeEditionFiles(outDir, edition.date, { 'edition.json': editionJson(edition) });
    return;
  }
  try {
    const configKey = renderConfigKey(ctx.config);
    // The previous out/'s files of an unchanged edition are linked, not written again (reuse.ts).
    const previous = cache === noCache ? null : new PreviousOutput(cache, path.resolve(ctx.cwd, ctx.config.out), outDir, RENDER_VERSION);
    const keys = new Map<Edition, string>();
    for (const edition of sorted) {
      const key = editionRenderKey(templates, configKey, JSON.stringify(edition));
      keys.set(edition, key);
      const linked = previous?.link(edition.date, key);
      if (linked) {
        replayReported(ctx.report, linked.messages);
        continue;
      }
      const json = editionJson(edition);
      const { value: files, messages } = renderEditionCached(edition, ctx, templates, cache, key, json);
      replayReported(ctx.report, messages);
      writeEditionFiles(outDir, edition.date, { 'email.html': files.emailHtml, 'email.txt': files.emailText, 'index.html': files.webHtml, 'edition.json': json });
      previous?.wrote(edition.date, key, messages);
    }
    writeFileSync(path.join(outDir, 'index.html'), templates.archive(archiveView(sorted, ctx.config)));
    // An edition's feed item is a function of what its render key covers: cached under it with its text in
    // each feed (feed-fragments.ts), so a rebuild renders and writes out only the changed editions' items.
    const names = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' };
    const fragmentsOf = new Map<FeedItemData, ItemFragments | null>();
    const feedItem: FeedItemStore = (edition, make) => {
      const key = sha256('render/feed-item', FEED_ENGINE, keys.get(edition)!);
      const stored = cache.get<CachedFeedItem>(key);
      if (stored) {
        const { fragments, ...data } = stored;
        const item = feedItemFromStore(data);
        fragmentsOf.set(item, fragments && fragmentsFromStore(fragments));
        return item;
      }
      const item = make();
      const fragments = itemFragments(item, ctx.config, names);
      cache.set<CachedFeedItem>(key, { ...storedFeedItem(item), fragments: fragments && storedFragments(fragments) });
      fragmentsOf.set(item, fragments);
      return item;
    };
    const items = editionItems(sorted, ctx.config, templates, feedItem);
    const fragments = items.map((item) => fragmentsOf.get(item) ?? null);
    const feeds = (fragments.every((f) => f !== null) && assembleFeeds(items, fragments as ItemFragments[], ctx.config, names)) || buildFeeds(items, ctx.config, names);
    writeFileSync(path.join(outDir, names.rss), feeds.rss);
    writeFileSync(path.join(outDir, names.atom), feeds.atom);
    writeFileSync(path.join(outDir, names.json), feeds.json);
    if (ctx.config.render.storyFeed) {
      const storyNames = { rss: 'stories.xml', atom: 'stories-atom.xml', json: 'stories.json' };
      const stories = buildFeeds(storyItems(sorted, ctx.config, templates), ctx.config, storyNames, `${ctx.config.title} — stories`);
      writeFileSync(path.join(outDir, storyNames.rss), stories.rss);
      writeFileSync(path.join(outDir, storyNames.atom), stories.atom);
      writeFileSync(path.join(outDir, storyNames.json), stories.json);
    }
    previous?.save();
  } catch (error) {
    if (!(error instanceof TemplateRenderError)) throw error;
    ctx.report.error({ ruleId: 'render/template', reason: error.message, file: error.file, line: error.line });
  }
  const count = sorted.length;
  ctx.report.info({ ruleId: 'render/written', reason: `rendered ${count} edition${count === 1 ? '' : 's'} with templates from ${path.relative(ctx.cwd, templates.dir) || templates.dir}` });
}

/**
 * Loads the configured templates (reporting problems); null when they are
 * unusable. Compiled templates are kept in `cache` (by default the build
 * cache's `render/` folder): the next build runs neither mjml nor the
 * Handlebars compiler.
 */
export async function prepareTemplates(ctx: StageContext, cache?: StageCache): Promise<TemplateSet | null> {
  const dir = templatesDir(ctx.config.render.templates, ctx.cwd);
  if (!dir) {
    ctx.report.error({ ruleId: 'render/template', reason: `templates folder "${ctx.config.render.templates}" does not exist`, file: ctx.config.render.templates });
    return null;
  }
  if (cache) return loadTemplates(dir, ctx.report, ctx.cwd, cache);
  // stageCache reports a damaged entry itself (build/corrupt-cache).
  return loadTemplates(dir, ctx.report, ctx.cwd, stageCache(ctx, 'render'));
}

/** One edition's files as strings. Throws `TemplateRenderError` when a template fails. */
export function renderEdition(edition: Edition, ctx: Pick<StageContext, 'config'>, templates: TemplateSet, json = editionJson(edition)): RenderedEdition {
  // Templates only read the view, so the email, the text and the web page share one.
  const view = editionView(edition, ctx.config);
  return {
    date: edition.date,
    emailHtml: templates.email(view),
    emailText: layoutPlainText(templates.text(view)),
    webHtml: templates.web({ ...view, root: '../../' }),
    editionJson: json,
  };
}

/** An edition's feed item as cached: its data and its text in each feed (null when it did not cut cleanly). */
type CachedFeedItem = StoredFeedItem & { fragments: StoredFragments | null };

/** What the render cache keeps of one edition (with the warnings rendering it gave). */
type CachedEdition = Pick<RenderedEdition, 'emailHtml' | 'emailText' | 'webHtml'>;

/** The config that reaches an edition's files or warnings (the views and the size check). */
function renderConfigKey(config: Config): string {
  const { language, words, title, description, baseUrl, timezone, render } = config;
  return JSON.stringify({ language, words, title, description, baseUrl, timezone, render });
}

/**
 * An edition's render key: its data (as compact JSON: edition.json is its
 * indented form, so the same data), the templates, their engines, the config
 * that reaches its files, and this code.
 */
function editionRenderKey(templates: TemplateSet, configKey: string, data: string): string {
  return sha256('render/edition', RENDER_VERSION, TEMPLATE_ENGINE, templates.hash, configKey, data);
}

/**
 * One edition's files with the warnings rendering them gave, from the render
 * cache when the same edition was rendered before with the same templates,
 * engines, config and code (a rebuild where one edition changed renders only
 * that one). The caller says the warnings (again), so the report is the same
 * with or without the cache.
 */
function renderEditionCached(edition: Edition, ctx: StageContext, templates: TemplateSet, cache: StageCache, key: string, json: string): Reported<CachedEdition> {
  let entry = cache.get<Reported<CachedEdition>>(key);
  if (entry === undefined) {
    entry = recordReported(ctx.report.stage, (report) => {
      const { emailHtml, emailText, webHtml } = renderEdition(edition, ctx, templates, json);
      checkEmailSize(edition.date, emailHtml, ctx.config, report);
      return { emailHtml, emailText, webHtml };
    });
    cache.set(key, entry);
  }
  return entry;
}

function editionJson(edition: Edition): string {
  return JSON.stringify(edition, null, 2) + '\n';
}

/** `editions/DATE/<name>` for each file given. */
function writeEditionFiles(outDir: string, date: string, files: Record<string, string>): void {
  const dir = path.join(outDir, 'editions', date);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
}

/** Warns `render/email-size` when the email is above `render.emailSizeWarnKb`. */
function checkEmailSize(date: string, emailHtml: string, config: Config, report: StageReporter): void {
  const bytes = Buffer.byteLength(emailHtml, 'utf8');
  const warnBytes = config.render.emailSizeWarnKb * 1024;
  if (bytes <= warnBytes) return;
  const kb = (bytes / 1024).toFixed(1);
  const clipped = bytes > GMAIL_CLIP_BYTES;
  report.warn({
    ruleId: 'render/email-size',
    reason: clipped
      ? `the email of ${date} is ${kb} KB: Gmail clips messages above 102 KB (fewer stories or shorter summaries fix it)`
      : `the email of ${date} is ${kb} KB, close to Gmail's 102 KB clipping limit`,
    file: `editions/${date}/email.html`,
    detail: { edition: date, bytes, clipped },
  });
}

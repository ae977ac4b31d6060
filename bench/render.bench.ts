/**
 * Render benchmark (issue #7): our layer against compiling the same email
 * with `mjml` alone, cold and warm, a year of editions, and a rebuild of a
 * month where one edition changed. Prints email sizes.
 *
 *   node --import tsx --expose-gc bench/render.bench.ts [rounds] [mjmlSamples]
 *
 * What "cold" means here: a NEW PROCESS rendering its FIRST edition — nothing
 * compiled by V8 yet, nothing of ours in memory. Each cold figure is the
 * median of `rounds` fresh processes, the kinds taking turns so machine load
 * hits them alike. Every child imports its modules first and then starts the
 * clock (import times are printed apart), so ours and mjml alone are timed
 * from the same state:
 *   - mjml alone: `mjml2html` on the edition's MJML with every Handlebars
 *     expression filled in and the partials inlined — what a renderer running
 *     MJML per edition pays (the filling itself is not timed, in mjml's favour).
 *   - mjml on our template: the one mjml call our layer makes (the template
 *     MJML, partials read by mj-include) — so ours minus this is our own cost.
 *   - ours, empty build cache: templates read, mjml, Handlebars compile of the
 *     email HTML, first render. The first build ever, or after a template edit.
 *   - ours, warm build cache: what every later build and the preview start pay
 *     (compiled templates read from `.cache/render/`).
 * Goal: ours ≤ 1.20 × mjml alone. Needs no shared data (pipeline/render/synthetic.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './shared-data.ts';

const ms = (start: number): number => Math.round((performance.now() - start) * 100) / 100;
const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

type ChildKind = 'ours-empty' | 'ours-warm' | 'mjml-filled' | 'mjml-template';
interface ChildResult {
  import_ms: number;
  /** First email HTML (ours) or the one mjml2html call. */
  email_ms: number;
  /** Ours only: email + plain text + web page of the first edition. */
  edition_ms?: number;
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) {
  // --- one cold process -------------------------------------------------------
  const kind = process.argv[childIndex + 1] as ChildKind;
  const arg = process.argv[childIndex + 2]!;
  let start = performance.now();
  if (kind === 'ours-empty' || kind === 'ours-warm') {
    // Our layer loads mjml only to compile a template: with an empty cache it will, so load it
    // before the clock as the mjml-alone child does; with a warm cache it is never loaded.
    if (kind === 'ours-empty') await import('mjml');
    const { defaultConfig } = await import('../pipeline/config/schema.ts');
    const { standaloneReporter } = await import('../pipeline/common/report.ts');
    const { prepareTemplates } = await import('../pipeline/render/index.ts');
    const { syntheticEditions } = await import('../pipeline/render/synthetic.ts');
    const { editionView } = await import('../pipeline/render/view.ts');
    const { layoutPlainText } = await import('../pipeline/render/text.ts');
    const { BUNDLED_TEMPLATES } = await import('../pipeline/render/templates.ts');
    const config = { ...defaultConfig(), cache: arg };
    const edition = syntheticEditions('2025-01-01', 1, 12)[0]!;
    const importMs = ms(start);
    start = performance.now();
    const templates = (await prepareTemplates({ config, cwd: path.resolve(BUNDLED_TEMPLATES, '..'), report: standaloneReporter('render').report }))!;
    const view = editionView(edition, config);
    templates.email(view);
    const emailMs = ms(start);
    layoutPlainText(templates.text(view));
    templates.web({ ...view, root: '../../' });
    const result: ChildResult = { import_ms: importMs, email_ms: emailMs, edition_ms: ms(start) };
    process.stdout.write(JSON.stringify(result));
  } else {
    const { default: mjml2html } = await import('mjml');
    const importMs = ms(start);
    const options =
      kind === 'mjml-template'
        ? { validationLevel: 'strict', filePath: arg, includePath: path.dirname(arg), ignoreIncludes: false, fonts: {}, keepComments: false }
        : { validationLevel: 'strict', fonts: {}, keepComments: false };
    const source = readFileSync(arg, 'utf8');
    start = performance.now();
    await mjml2html(source, options as Parameters<typeof mjml2html>[1]);
    const result: ChildResult = { import_ms: importMs, email_ms: ms(start) };
    process.stdout.write(JSON.stringify(result));
  }
  process.exit(0);
}

// --- the parent --------------------------------------------------------------
const ROUNDS = Number(process.argv[2] ?? 7);
const MJML_SAMPLES = Number(process.argv[3] ?? 20);
const { default: Handlebars } = await import('handlebars');
const { default: mjml2html } = await import('mjml');
const { defaultConfig } = await import('../pipeline/config/schema.ts');
const { noCache, stageCache } = await import('../pipeline/common/cache.ts');
const { standaloneReporter } = await import('../pipeline/common/report.ts');
const { prepareTemplates, renderEdition, renderSite } = await import('../pipeline/render/index.ts');
const { syntheticEditions } = await import('../pipeline/render/synthetic.ts');
const { BUNDLED_TEMPLATES, clearTemplateCache } = await import('../pipeline/render/templates.ts');
const { editionView } = await import('../pipeline/render/view.ts');
const { emit, peakRssMb } = await import('./shared-data.ts');

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const scratch = mkdtempSync(path.join(os.tmpdir(), 'briefing-render-bench-'));
const config = defaultConfig();
const cwd = path.resolve(BUNDLED_TEMPLATES, '..');
const year = syntheticEditions('2025-01-01', 365, 12);
const one = year[0]!;
let caches = 0;
const freshCacheDir = (): string => path.join(scratch, `cache-${++caches}`);
const ctxWith = (cacheDir: string, caching = true) => ({ config: { ...config, cache: cacheDir }, cwd, report: standaloneReporter('render').report, caching });

/** The MJML a per-edition compiler would feed mjml: includes inlined, Handlebars filled in. */
function filledMjml(edition: (typeof year)[number]): string {
  const read = (name: string): string => readFileSync(path.join(BUNDLED_TEMPLATES, name), 'utf8');
  const inlined = read('email.mjml').replace(/<mj-include path="\.\/([^"]+)" \/>/g, (_, file: string) => read(file));
  const hb = Handlebars.create();
  hb.registerPartial('sources', read('partials/sources.hbs'));
  return hb.compile(inlined)(editionView(edition, config));
}

// --- cold: fresh processes, first edition --------------------------------------
const filledFile = path.join(scratch, 'filled.mjml');
writeFileSync(filledFile, filledMjml(one));
const warmCacheDir = freshCacheDir();
const here = fileURLToPath(import.meta.url);
function child(kind: ChildKind, arg: string): ChildResult {
  const run = spawnSync(process.execPath, ['--import', 'tsx', here, '--child', kind, arg], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`cold ${kind} child failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ChildResult;
}
child('ours-empty', warmCacheDir); // fills the build cache the "warm cache" children read
const cold: Record<'mjmlFilled' | 'mjmlTemplate' | 'oursEmpty' | 'oursWarm', ChildResult[]> = { mjmlFilled: [], mjmlTemplate: [], oursEmpty: [], oursWarm: [] };
for (let i = 0; i < ROUNDS; i++) {
  cold.mjmlFilled.push(child('mjml-filled', filledFile));
  cold.oursEmpty.push(child('ours-empty', freshCacheDir()));
  cold.mjmlTemplate.push(child('mjml-template', path.join(BUNDLED_TEMPLATES, 'email.mjml')));
  cold.oursWarm.push(child('ours-warm', warmCacheDir));
}
const coldMedian = (kind: keyof typeof cold, field: keyof ChildResult): number => median(cold[kind].map((r) => r[field] ?? NaN));

// --- warm: this process, everything compiled by V8 -------------------------------
const templates = (await prepareTemplates(ctxWith(freshCacheDir())))!;
for (const edition of year.slice(0, 10)) renderEdition(edition, { config }, templates);
const warmEdition: number[] = [];
const warmEmailOnly: number[] = [];
for (const edition of year.slice(10, 70)) {
  let start = performance.now();
  renderEdition(edition, { config }, templates);
  warmEdition.push(ms(start));
  const view = editionView(edition, config);
  start = performance.now();
  templates.email(view);
  warmEmailOnly.push(ms(start));
}
const mjmlWarm: number[] = [];
const filled = year.slice(0, MJML_SAMPLES + 3).map(filledMjml);
for (const [i, source] of filled.entries()) {
  const start = performance.now();
  await mjml2html(source, { validationLevel: 'strict', fonts: {}, keepComments: false } as Parameters<typeof mjml2html>[1]);
  if (i >= 3) mjmlWarm.push(ms(start)); // the first runs warm mjml up
}
// A template edited while the process runs (the preview): the set is compiled again, V8 already
// warm. Taking turns with mjml alone on the same edition, so load changes hit both alike.
const recompile: number[] = [];
const recompileMjml: number[] = [];
for (let i = 0; i < 9; i++) {
  clearTemplateCache();
  let start = performance.now();
  (await prepareTemplates(ctxWith(freshCacheDir())))!.email(editionView(one, config));
  recompile.push(ms(start));
  start = performance.now();
  await mjml2html(filled[0]!, { validationLevel: 'strict', fonts: {}, keepComments: false } as Parameters<typeof mjml2html>[1]);
  recompileMjml.push(ms(start));
}

// --- a year: 365 editions, 1,460 files + archive + feeds ------------------------------
const out = (name: string): string => path.join(scratch, name);
gc();
clearTemplateCache();
const yearCache = freshCacheDir();
let start = performance.now();
await renderSite(year, ctxWith(yearCache), out('year-cold'));
const coldYear = ms(start);
gc();
start = performance.now();
await renderSite(year, ctxWith(yearCache), out('year-warm'));
const warmYear = ms(start);
gc();
start = performance.now();
await renderSite(year, ctxWith(freshCacheDir(), false), out('year-nocache'), noCache);
const noCacheYear = ms(start);
const sizes = year.map((e) => Buffer.byteLength(readFileSync(path.join(out('year-warm'), 'editions', e.date, 'email.html'))));

// --- a month rebuilt: 31 editions, one changed, against rendering all 31 --------------
const month = syntheticEditions('2025-03-01', 31, 12);
const monthCache = freshCacheDir();
await renderSite(month, ctxWith(monthCache), out('month-0'));
const full: number[] = [];
const rebuild: number[] = [];
const unchanged: number[] = [];
// CPU time too: on a shared machine wall time mostly measures the neighbours.
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / 100) / 10;
};
const fullCpu: number[] = [];
const rebuildCpu: number[] = [];
for (let i = 0; i < 7; i++) {
  // A different edition changes each time, as an editor's fix would.
  const edited = month.map((e) => structuredClone(e));
  edited[(i * 5) % 31]!.stories[0]!.summary += ` Updated (${i}).`;
  gc();
  let cpu = process.cpuUsage();
  start = performance.now();
  await renderSite(edited, ctxWith(freshCacheDir(), false), out(`month-full-${i}`), noCache);
  full.push(ms(start));
  fullCpu.push(cpuMs(cpu));
  gc();
  cpu = process.cpuUsage();
  start = performance.now();
  await renderSite(edited, ctxWith(monthCache), out(`month-rebuild-${i}`), stageCache(ctxWith(monthCache), 'render'));
  rebuild.push(ms(start));
  rebuildCpu.push(cpuMs(cpu));
  gc();
  start = performance.now();
  await renderSite(edited, ctxWith(monthCache), out(`month-same-${i}`));
  unchanged.push(ms(start));
}
rmSync(scratch, { recursive: true, force: true });

const mjmlAlone = coldMedian('mjmlFilled', 'email_ms');
emit({
  bench: 'render',
  stories_per_edition: 12,
  cold_rounds: ROUNDS,
  // Cold = a new process rendering its first edition (medians of fresh processes).
  cold_mjml_alone_ms: mjmlAlone,
  cold_mjml_on_our_template_ms: coldMedian('mjmlTemplate', 'email_ms'),
  cold_email_empty_cache_ms: coldMedian('oursEmpty', 'email_ms'),
  cold_email_warm_cache_ms: coldMedian('oursWarm', 'email_ms'),
  cold_edition_empty_cache_ms: coldMedian('oursEmpty', 'edition_ms'),
  cold_edition_warm_cache_ms: coldMedian('oursWarm', 'edition_ms'),
  import_ms_mjml: coldMedian('mjmlFilled', 'import_ms'),
  import_ms_ours_with_mjml: coldMedian('oursEmpty', 'import_ms'),
  import_ms_ours_warm_cache: coldMedian('oursWarm', 'import_ms'),
  // Goal ≤ 1.20.
  ratio_cold_email_empty_cache_vs_mjml: round(coldMedian('oursEmpty', 'email_ms') / mjmlAlone),
  ratio_cold_email_warm_cache_vs_mjml: round(coldMedian('oursWarm', 'email_ms') / mjmlAlone),
  warm_mjml_alone_ms: median(mjmlWarm),
  warm_email_html_ms: median(warmEmailOnly),
  warm_edition_ms: median(warmEdition),
  ratio_warm_email_vs_mjml: round(median(warmEmailOnly) / median(mjmlWarm), 3),
  template_edit_recompile_email_ms: median(recompile),
  template_edit_mjml_alone_ms: median(recompileMjml),
  ratio_template_edit_recompile_vs_mjml: round(median(recompile) / median(recompileMjml)),
  year_editions: year.length,
  year_cold_cache_ms: coldYear,
  year_warm_cache_ms: warmYear,
  year_no_cache_ms: noCacheYear,
  mjml_alone_year_ms_estimated: Math.round(median(mjmlWarm) * year.length),
  ratio_year_vs_mjml: round(noCacheYear / (median(mjmlWarm) * year.length), 3),
  month_editions: month.length,
  month_full_render_ms: median(full),
  month_rebuild_one_changed_ms: median(rebuild),
  month_rebuild_none_changed_ms: median(unchanged),
  ratio_rebuild_vs_full: round(median(rebuild) / median(full)),
  month_full_render_cpu_ms: median(fullCpu),
  month_rebuild_one_changed_cpu_ms: median(rebuildCpu),
  ratio_rebuild_vs_full_cpu: round(median(rebuildCpu) / median(fullCpu)),
  email_kb_min: Math.round(Math.min(...sizes) / 102.4) / 10,
  email_kb_median: Math.round(median(sizes) / 102.4) / 10,
  email_kb_max: Math.round(Math.max(...sizes) / 102.4) / 10,
  peak_rss_mb: peakRssMb(),
});

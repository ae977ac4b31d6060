/**
 * Render benchmark: one edition of 12 stories and a year of editions (365),
 * cold (templates compiled, MJML included) and warm (compiled templates
 * cached), against compiling the same, data-filled MJML with `mjml` alone —
 * what a renderer that runs MJML per edition would pay. Prints email sizes.
 *
 *   node --import tsx bench/render.bench.ts [mjmlSamples]
 *
 * Goal (issue #7): our layer adds ≤ 20% over mjml alone. Needs no shared bench
 * data: the editions are generated (pipeline/render/synthetic.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import { defaultConfig } from '../pipeline/config/schema.ts';
import { prepareTemplates, renderEdition, renderSite } from '../pipeline/render/index.ts';
import { syntheticEditions } from '../pipeline/render/synthetic.ts';
import { BUNDLED_TEMPLATES, clearTemplateCache } from '../pipeline/render/templates.ts';
import { editionView } from '../pipeline/render/view.ts';
import { standaloneReporter } from '../pipeline/common/report.ts';
import { emit, peakRssMb } from './shared-data.ts';

const MJML_SAMPLES = Number(process.argv[2] ?? 40);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'briefing-render-bench-'));
const config = defaultConfig();
const cwd = path.resolve(BUNDLED_TEMPLATES, '..');
let cacheRun = 0;
/** A context whose build cache is empty (`fresh`) or the one shared by every warm run. */
const ctx = (fresh = false) => ({ config: { ...config, cache: path.join(scratch, fresh ? `cache-${++cacheRun}` : 'cache') }, cwd, report: standaloneReporter('render').report });
const year = syntheticEditions('2025-01-01', 365, 12);
const one = year[0]!;

const ms = (start: number): number => Math.round((performance.now() - start) * 100) / 100;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

// --- our layer -------------------------------------------------------------
let start = performance.now();
const firstTemplates = await prepareTemplates(ctx());
renderEdition(one, { config }, firstTemplates!);
const firstInProcess = ms(start);

// Cold: templates compiled from scratch. `coldEmail` is the same work as mjml alone (the email HTML);
// `coldEdition` adds the plain text and the web page.
// `coldDiskCached`: a new process whose build cache holds the compiled MJML (a rebuild).
const coldEdition: number[] = [];
const coldEmail: number[] = [];
const coldDiskCached: number[] = [];
for (let i = 0; i < 5; i++) {
  clearTemplateCache();
  start = performance.now();
  const fresh = await prepareTemplates(ctx(true));
  fresh!.email(editionView(one, config));
  coldEmail.push(ms(start));
  clearTemplateCache();
  start = performance.now();
  renderEdition(one, { config }, (await prepareTemplates(ctx(true)))!);
  coldEdition.push(ms(start));
  clearTemplateCache();
  start = performance.now();
  (await prepareTemplates(ctx()))!.email(editionView(one, config));
  if (i > 0) coldDiskCached.push(ms(start));
}

const templates = (await prepareTemplates(ctx()))!;
const warmEdition: number[] = [];
const warmEmailOnly: number[] = [];
for (const edition of year.slice(0, 60)) {
  start = performance.now();
  renderEdition(edition, { config }, templates);
  warmEdition.push(ms(start));
  start = performance.now();
  templates.email(editionView(edition, config));
  warmEmailOnly.push(ms(start));
}

const out = scratch;
clearTemplateCache();
start = performance.now();
await renderSite(year, ctx(true), path.join(out, 'cold'));
const coldYear = ms(start);
start = performance.now();
await renderSite(year, ctx(), path.join(out, 'warm'));
const warmYear = ms(start);

const sizes = year.map((e) => Buffer.byteLength(readFileSync(path.join(out, 'warm', 'editions', e.date, 'email.html'))));
rmSync(out, { recursive: true, force: true });

// --- mjml alone on the same, data-filled MJML ------------------------------
/** The MJML a per-edition compiler would feed mjml: includes inlined, Handlebars filled in. */
function filledMjml(editionIndex: number): string {
  const read = (name: string): string => readFileSync(path.join(BUNDLED_TEMPLATES, name), 'utf8');
  const inlined = read('email.mjml').replace(/<mj-include path="\.\/([^"]+)" \/>/g, (_, file: string) => read(file));
  const hb = Handlebars.create();
  hb.registerPartial('sources', read('partials/sources.hbs'));
  return hb.compile(inlined)(editionView(year[editionIndex]!, config));
}
const mjmlAlone: number[] = [];
for (let i = 0; i < MJML_SAMPLES; i++) {
  const source = filledMjml(i);
  start = performance.now();
  await mjml2html(source, { validationLevel: 'strict', fonts: {}, keepComments: false });
  mjmlAlone.push(ms(start));
}

const mjmlPerEdition = median(mjmlAlone);
emit({
  bench: 'render',
  stories_per_edition: 12,
  first_render_in_process_ms: firstInProcess,
  cold_email_html_ms: median(coldEmail),
  cold_edition_ms: median(coldEdition),
  cold_email_mjml_disk_cached_ms: median(coldDiskCached),
  warm_edition_ms: median(warmEdition),
  warm_email_html_ms: median(warmEmailOnly),
  cold_year_ms: coldYear,
  warm_year_ms: warmYear,
  year_editions: year.length,
  mjml_alone_edition_ms: mjmlPerEdition,
  mjml_alone_samples: MJML_SAMPLES,
  mjml_alone_year_ms_estimated: Math.round(mjmlPerEdition * year.length),
  // Goal ≤ 1.20: our email (Handlebars over MJML compiled once) vs mjml compiling the edition.
  ratio_cold_email_vs_mjml: Math.round((median(coldEmail) / mjmlPerEdition) * 100) / 100,
  ratio_cold_email_disk_cached_vs_mjml: Math.round((median(coldDiskCached) / mjmlPerEdition) * 100) / 100,
  ratio_warm_email_vs_mjml: Math.round((median(warmEmailOnly) / mjmlPerEdition) * 1000) / 1000,
  ratio_year_vs_mjml: Math.round((coldYear / (mjmlPerEdition * year.length)) * 1000) / 1000,
  email_kb_min: Math.round(Math.min(...sizes) / 102.4) / 10,
  email_kb_median: Math.round(median(sizes) / 102.4) / 10,
  email_kb_max: Math.round(Math.max(...sizes) / 102.4) / 10,
  peak_rss_mb: peakRssMb(),
});

import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskCache } from '../../pipeline/common/cache.ts';
import { standaloneReporter } from '../../pipeline/common/report.ts';
import { renderEdition } from '../../pipeline/render/index.ts';
import { clearTemplateCache, loadTemplates } from '../../pipeline/render/templates.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { archiveView, editionView } from '../../pipeline/render/view.ts';
import { errors, fixtureEditions, REPO, renderTo } from './helpers.ts';

/** A copy of the repository's templates with one file changed by `edit`. */
function brokenTemplates(file: string, edit: (text: string) => string): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'briefing-templates-')), 'templates');
  cpSync(path.join(REPO, 'templates'), dir, { recursive: true });
  const target = path.join(dir, file);
  writeFileSync(target, edit(readFileSync(target, 'utf8')));
  return dir;
}

/** 1-based line of the first occurrence of `needle` in the template `file` of `dir`. */
function lineOf(dir: string, file: string, needle: string): number {
  const text = readFileSync(path.join(dir, file), 'utf8');
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('a broken template is an error naming the template file and line', () => {
  it('Handlebars syntax error in a partial', async () => {
    const dir = brokenTemplates('partials/story.mjml', (t) => t.replace('{{summary}}', '{{#if summary}}{{summary}}'));
    const out = await renderTo(fixtureEditions(), { render: { templates: dir } });
    const [error] = errors(out.messages);
    expect(error?.ruleId).toBe('render/template');
    expect(error?.file).toMatch(/partials[/\\]story\.mjml$/);
    expect(error?.reason).toMatch(/Handlebars/);
    expect(error?.line).toBeGreaterThan(1);
  });

  it('unclosed mustache in the plain-text template', async () => {
    const dir = brokenTemplates('email.txt.hbs', (t) => t.replace('{{dateLabel}}', '{{dateLabel'));
    const out = await renderTo(fixtureEditions(), { render: { templates: dir } });
    const [error] = errors(out.messages);
    expect(error?.file).toMatch(/email\.txt\.hbs$/);
    expect(error?.line).toBe(lineOf(dir, 'email.txt.hbs', '{{dateLabel'));
  });

  it('Handlebars syntax error where mjml drops it (after </mjml>) is still an error on its line', async () => {
    const dir = brokenTemplates('email.mjml', (t) => `${t}\n{{#each broken}}\n`);
    const out = await renderTo(fixtureEditions(), { render: { templates: dir } });
    const [error] = errors(out.messages);
    expect(error?.file).toMatch(/email\.mjml$/);
    expect(error?.reason).toMatch(/Handlebars syntax error/);
    expect(error?.line).toBeGreaterThan(lineOf(dir, 'email.mjml', '</mjml>'));
  });

  it('Handlebars syntax error in a Handlebars partial names the partial and its line', async () => {
    const dir = brokenTemplates('partials/sources.hbs', (t) => `${t}\n{{#each sources}}\n`);
    const out = await renderTo(fixtureEditions(), { render: { templates: dir } });
    const [error] = errors(out.messages);
    expect(error?.ruleId).toBe('render/template');
    expect(error?.file).toMatch(/partials[/\\]sources\.hbs$/);
    expect(error?.reason).toMatch(/Handlebars syntax error/);
    expect(error?.line).toBeGreaterThan(1);
  });

  it('MJML strict validation: an illegal attribute in a partial names the partial and its line', async () => {
    const dir = brokenTemplates('partials/footer.mjml', (t) => t.replace('<mj-spacer height="8px" />', '<mj-spacer height="8px" colour="red" />'));
    const out = await renderTo(fixtureEditions(), { render: { templates: dir } });
    const [error] = errors(out.messages);
    expect(error?.ruleId).toBe('render/template');
    expect(error?.file).toMatch(/partials[/\\]footer\.mjml$/);
    expect(error?.line).toBe(lineOf(dir, 'partials/footer.mjml', 'colour="red"'));
    expect(error?.reason).toMatch(/MJML.*colour/);
  });

  it('MJML strict validation: a misplaced element in the main template', async () => {
    const dir = brokenTemplates('email.mjml', (t) => t.replace('<mj-body', '<mj-body>\n    <mj-text>loose text</mj-text>\n  </mj-body>\n  <mj-body'));
    const out = await renderTo(fixtureEditions(), { render: { templates: dir } });
    const found = errors(out.messages);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((e) => e.ruleId === 'render/template')).toBe(true);
    expect(found.some((e) => /email\.mjml$/.test(e.file ?? '') && e.line === lineOf(dir, 'email.mjml', '<mj-text>loose'))).toBe(true);
  });

  it('a misspelt variable (strict mode) names the template line that uses it', async () => {
    const dir = brokenTemplates('web.hbs', (t) => t.replace('{{storyCountLabel}}', '{{storyCountLable}}'));
    const out = await renderTo(fixtureEditions(), { render: { templates: dir } });
    const [error] = errors(out.messages);
    expect(error?.file).toMatch(/web\.hbs$/);
    expect(error?.line).toBe(lineOf(dir, 'web.hbs', '{{storyCountLable}}'));
    expect(error?.reason).toMatch(/storyCountLable/);
  });

  it('a misspelt variable in an MJML partial points at the partial, not the compiled HTML', async () => {
    const dir = brokenTemplates('partials/story.mjml', (t) => t.replace('{{summary}}', '{{summry}}'));
    const out = await renderTo(fixtureEditions(), { render: { templates: dir } });
    const [error] = errors(out.messages);
    expect(error?.file).toMatch(/partials[/\\]story\.mjml$/);
    expect(error?.line).toBe(lineOf(dir, 'partials/story.mjml', '{{summry}}'));
    expect(error?.reason).toBe('template email.mjml: unknown variable "summry"');
  });

  it('a missing partial is reported', async () => {
    const dir = brokenTemplates('web.hbs', (t) => t.replace('{{> web-style}}', '{{> web-styles}}'));
    const out = await renderTo(fixtureEditions(), { render: { templates: dir } });
    const [error] = errors(out.messages);
    expect(error?.file).toMatch(/web\.hbs$/);
    expect(error?.reason).toMatch(/web-styles/);
  });

  it('a templates folder that does not exist is an error naming it', async () => {
    const out = await renderTo(fixtureEditions(), { render: { templates: 'no/such/templates' } });
    expect(errors(out.messages)[0]).toMatchObject({ ruleId: 'render/template', file: 'no/such/templates' });
  });

  it('an editor can change a template and see it in the output', async () => {
    const dir = brokenTemplates('partials/sources.hbs', (t) => t.replace('{{@root.words.alsoReportedBy}}{{@root.words.colon}}', 'Sources:'));
    const out = await renderTo(fixtureEditions(), { render: { templates: dir } });
    expect(errors(out.messages)).toEqual([]);
    expect(out.read('editions/2025-03-18/email.html')).toContain('Sources: <a href="https://wire.example.net/news/flood-walls?id&#x3D;7&amp;src&#x3D;rss">Metro Wire</a>');
    expect(out.read('editions/2025-03-18/index.html')).toContain('Sources:');
  });
});

describe('compiled templates are kept in the build cache', () => {
  it('a second process reuses it (no mjml run) and renders the same bytes', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'briefing-render-cache-'));
    const dir = path.join(REPO, 'templates');
    const { report, reporter } = standaloneReporter('render');
    const [edition] = fixtureEditions();
    const config = defaultConfig();

    clearTemplateCache();
    const first = new DiskCache(root, 'render');
    const a = await loadTemplates(dir, report, REPO, first);
    expect(first.hits).toBe(0);
    // Templates compile on first use: use every one so each is compiled (and cached).
    const expected = renderEdition(edition!, { config }, a!);
    a!.archive(archiveView([edition!], config));
    a!.feedItem(editionView(edition!, config));

    clearTemplateCache(); // as if in a new process
    const second = new DiskCache(root, 'render');
    const b = await loadTemplates(dir, report, REPO, second);
    // Every template came compiled from the cache (read at load, so a damaged entry is always found): no mjml, no Handlebars compile.
    expect(second.hits).toBeGreaterThan(3);
    expect(second.misses).toBe(0);
    expect(renderEdition(edition!, { config }, b!)).toEqual(expected);
    expect(second.misses).toBe(0);
    expect(reporter.messages).toEqual([]);
  });

  it('a changed partial misses the cache and is validated again', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'briefing-render-cache-'));
    const good = brokenTemplates('partials/footer.mjml', (t) => t);
    const { report } = standaloneReporter('render');
    clearTemplateCache();
    await loadTemplates(good, report, REPO, new DiskCache(root, 'render'));
    writeFileSync(path.join(good, 'partials/footer.mjml'), readFileSync(path.join(good, 'partials/footer.mjml'), 'utf8').replace('<mj-spacer height="8px" />', '<mj-spacer height="8px" colour="red" />'));
    const { report: report2, reporter } = standaloneReporter('render');
    clearTemplateCache();
    expect(await loadTemplates(good, report2, REPO, new DiskCache(root, 'render'))).toBeNull();
    expect(errors(reporter.messages)[0]?.file).toMatch(/footer\.mjml$/);
  });
});

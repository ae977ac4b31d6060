import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../pipeline/build/index.ts';
import { DiskCache, noCache, type StageCache } from '../../pipeline/common/cache.ts';
import { standaloneReporter } from '../../pipeline/common/report.ts';
import { configSchema, type ConfigInput } from '../../pipeline/config/schema.ts';
import { renderSite } from '../../pipeline/render/index.ts';
import { syntheticEditions } from '../../pipeline/render/synthetic.ts';
import type { Edition } from '../../pipeline/types.ts';
import { snapshotTree } from '../foundation/helpers.ts';
import { REPO } from './helpers.ts';

/** A disk cache that counts the editions written to it: one is one edition rendered. */
class CountingCache implements StageCache {
  writes = 0;
  constructor(private readonly inner: StageCache) {}
  get<T>(key: string): T | undefined {
    return this.inner.get<T>(key);
  }
  set<T>(key: string, value: T): void {
    // An edition's files (with the warnings they gave), not a template, a feed item or the out/ manifest.
    if (typeof (value as { value?: { emailHtml?: unknown } }).value?.emailHtml === 'string') this.writes++;
    this.inner.set(key, value);
  }
}

const scratch = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));

/** Renders like the build does (report.json included) into a fresh folder; returns its files. */
async function render(editions: Edition[], cache: StageCache, config: ConfigInput = {}): Promise<Map<string, Buffer>> {
  const out = scratch('briefing-render-cached-');
  const { reporter, report } = standaloneReporter('render');
  await renderSite(editions, { config: configSchema.parse(config), report, cwd: REPO }, out, cache);
  writeReport(out, reporter.messages);
  return snapshotTree(out);
}

// Emails are ~49 KB: a 40 KB threshold makes every edition warn, so the replay of warnings is tested.
const config: ConfigInput = { render: { emailSizeWarnKb: 40, storyFeed: true } };
const editions = () => syntheticEditions('2025-01-01', 6, 12);

describe('per-edition render cache', () => {
  it('out/ and report.json are byte-identical without the cache, with a cold cache and with a warm one', async () => {
    const cache = new DiskCache(scratch('briefing-render-cache-'), 'render');
    const none = await render(editions(), noCache, config);
    const cold = await render(editions(), cache, config);
    const warm = await render(editions(), cache, config);
    expect(cache.hits).toBeGreaterThanOrEqual(editions().length);
    const report = JSON.parse(none.get('report.json')!.toString()) as { messages: { ruleId: string }[] };
    expect(report.messages.filter((m) => m.ruleId === 'render/email-size')).toHaveLength(editions().length);
    expect([...cold.keys()]).toEqual([...none.keys()]);
    expect([...warm.keys()]).toEqual([...none.keys()]);
    for (const [file, bytes] of none) {
      expect(cold.get(file), file).toEqual(bytes);
      expect(warm.get(file), file).toEqual(bytes);
    }
  });

  it('a rebuild where one edition changed renders only that edition', async () => {
    const root = scratch('briefing-render-cache-');
    await render(editions(), new DiskCache(root, 'render'), config);
    const changed = editions();
    changed[3]!.stories[0]!.summary += ' An added sentence.';
    const cache = new CountingCache(new DiskCache(root, 'render'));
    const rebuilt = await render(changed, cache, config);
    expect(cache.writes).toBe(1);
    expect(rebuilt.get(`editions/${changed[3]!.date}/email.txt`)!.toString()).toContain('An added sentence.');
    // The feeds and the archive are made anew from every edition.
    expect(rebuilt.get('feed.json')!.toString()).toContain('An added sentence.');
    // And the result is what an uncached render of the changed editions gives.
    const fresh = await render(changed, noCache, config);
    for (const [file, bytes] of fresh) expect(rebuilt.get(file), file).toEqual(bytes);
  });

  it('a changed template or config invalidates every cached edition', async () => {
    const templates = path.join(scratch('briefing-templates-'), 'templates');
    cpSync(path.join(REPO, 'templates'), templates, { recursive: true });
    const root = scratch('briefing-render-cache-');
    const withTemplates = { ...config, render: { ...config.render, templates } };
    await render(editions(), new DiskCache(root, 'render'), withTemplates);

    const story = path.join(templates, 'partials/story.mjml');
    writeFileSync(story, readFileSync(story, 'utf8').replace('{{> sources}}', 'Sources — {{> sources}}'));
    const afterTemplate = new CountingCache(new DiskCache(root, 'render'));
    const rendered = await render(editions(), afterTemplate, withTemplates);
    expect(afterTemplate.writes).toBe(editions().length);
    for (const edition of editions()) expect(rendered.get(`editions/${edition.date}/email.html`)!.toString()).toContain('Sources — ');
    const fresh = await render(editions(), noCache, withTemplates);
    for (const [file, bytes] of fresh) expect(rendered.get(file), file).toEqual(bytes);

    const afterConfig = new CountingCache(new DiskCache(root, 'render'));
    const retitled = await render(editions(), afterConfig, { ...withTemplates, title: 'Evening Briefing' });
    expect(afterConfig.writes).toBe(editions().length);
    expect(retitled.get(`editions/${editions()[0]!.date}/email.html`)!.toString()).toContain('Evening Briefing');
  });
});

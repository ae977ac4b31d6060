import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticEditions } from '../../pipeline/render/synthetic.ts';
import { launchBrowser } from '../support/browser.ts';
import { errors, fixtureEditions, renderTo, type Rendered } from './helpers.ts';

/**
 * The rendered email and archive opened in real headless Chromium at phone and
 * desktop widths: no horizontal scroll, every story visible, no console
 * errors, nothing loaded from the network, every link resolves.
 */
interface PageReport {
  scrollWidth: number;
  innerWidth: number;
  stories: { id: string; visible: boolean; left: number; right: number }[];
  minFontPx: number;
  hrefs: string[];
}

let browser: Browser;
let out: Rendered;
const editions = [...fixtureEditions(), ...syntheticEditions('2025-03-19', 1, 12)];
// Real text carries unbreakable runs (pasted URLs, hashtags): they must not widen the page.
const longWord = `https://example.com/${'very-long-path-segment-'.repeat(6)}end`;
editions[2]!.stories[3]!.summary += ` See ${longWord} for details.`;
editions[2]!.stories[4]!.headline = `Supercalifragilisticexpialidocious${'x'.repeat(40)} headline`;

beforeAll(async () => {
  out = await renderTo(editions);
  expect(errors(out.messages)).toEqual([]);
  // What a recipient gets: delivery fills in the unsubscribe link (HTML-escaped).
  for (const e of editions) {
    const file = path.join(out.dir, 'editions', e.date, 'email.html');
    writeFileSync(path.join(out.dir, 'editions', e.date, 'sent.html'), out.read(`editions/${e.date}/email.html`).replaceAll('%%UNSUBSCRIBE_URL%%', 'https://news.example.org/unsubscribe?u=42&amp;t=abc'));
    expect(existsSync(file)).toBe(true);
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function inspect(file: string, width: number): Promise<{ report: PageReport; consoleErrors: string[]; external: string[]; url: string }> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  const consoleErrors: string[] = [];
  const external: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) external.push(r.url());
  });
  const url = pathToFileURL(path.join(out.dir, file)).href;
  await page.goto(url);
  const report = await page.evaluate(() => {
    const stories = [...document.querySelectorAll('[id^="story-"]')].map((el) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return { id: el.id, visible: box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none', left: box.left, right: box.right };
    });
    const sizes = [...document.querySelectorAll('p, li')].filter((el) => (el as HTMLElement).offsetParent !== null && (el.textContent ?? '').trim() !== '').map((el) => parseFloat(getComputedStyle(el).fontSize));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      stories,
      minFontPx: Math.min(...sizes),
      hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!),
    };
  });
  await page.close();
  return { report, consoleErrors, external, url };
}

function checkLinks(hrefs: string[], pageUrl: string): void {
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) {
    const target = new URL(href, pageUrl);
    if (target.protocol === 'file:') {
      expect(existsSync(fileURLToPath(new URL(target.pathname, 'file:///'))), `${href} from ${pageUrl}`).toBe(true);
    } else {
      expect(['http:', 'https:'], href).toContain(target.protocol);
    }
  }
}

const widths = [320, 375, 800];

describe.each(widths)('at %i px', (width) => {
  it.each(editions.map((e) => e.date))('email of %s: fits, shows every story, no errors or network, links resolve', async (date) => {
    const { report, consoleErrors, external, url } = await inspect(`editions/${date}/sent.html`, width);
    const edition = editions.find((e) => e.date === date)!;
    expect(report.scrollWidth).toBeLessThanOrEqual(report.innerWidth);
    expect(report.stories.map((s) => s.id)).toEqual(edition.stories.map((s) => `story-${s.id}`));
    for (const story of report.stories) {
      expect(story.visible, story.id).toBe(true);
      expect(story.left).toBeGreaterThanOrEqual(0);
      expect(story.right).toBeLessThanOrEqual(report.innerWidth);
    }
    expect(report.minFontPx).toBeGreaterThanOrEqual(12);
    expect(consoleErrors).toEqual([]);
    expect(external).toEqual([]);
    checkLinks(report.hrefs, url);
    expect(report.hrefs).toContain('https://news.example.org/unsubscribe?u=42&t=abc');
  });

  it.each(editions.map((e) => e.date))('web version of %s: fits, shows every story, relative links resolve offline', async (date) => {
    const { report, consoleErrors, external, url } = await inspect(`editions/${date}/index.html`, width);
    const edition = editions.find((e) => e.date === date)!;
    expect(report.scrollWidth).toBeLessThanOrEqual(report.innerWidth);
    expect(report.stories.map((s) => s.id)).toEqual(edition.stories.map((s) => `story-${s.id}`));
    for (const story of report.stories) expect(story.visible && story.left >= 0 && story.right <= report.innerWidth, story.id).toBe(true);
    expect(consoleErrors).toEqual([]);
    expect(external).toEqual([]);
    checkLinks(report.hrefs, url);
    // Every in-site link is relative, so out/ works from any host or from disk.
    expect(report.hrefs.filter((h) => h.startsWith('/'))).toEqual([]);
    expect(report.hrefs).toContain('../../index.html');
  });

  it('archive: fits, lists every edition newest first, links resolve', async () => {
    const { report, consoleErrors, external, url } = await inspect('index.html', width);
    expect(report.scrollWidth).toBeLessThanOrEqual(report.innerWidth);
    const editionLinks = report.hrefs.filter((h) => h.startsWith('editions/'));
    expect(editionLinks).toEqual(['editions/2025-03-19/index.html', 'editions/2025-03-18/index.html', 'editions/2025-03-17/index.html']);
    expect(consoleErrors).toEqual([]);
    expect(external).toEqual([]);
    checkLinks(report.hrefs, url);
  });
});

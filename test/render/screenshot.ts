/**
 * Screenshot of a rendered page in headless Chromium, for the README.
 *
 *   node --import tsx test/render/screenshot.ts out/editions/2025-03-18/email.html pipeline/render/screenshot.png [width] [maxHeight]
 *
 * With no arguments it renders the fixture editions (test/render/fixtures) to a
 * temporary folder and shoots the 2025-03-18 email at 800 px.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../support/browser.ts';
import { fixtureEditions, REPO, renderTo } from './helpers.ts';

const [page = '', target = path.join(REPO, 'pipeline/render/screenshot.png'), width = '800', maxHeight = '1400'] = process.argv.slice(2);
const file = page ? path.resolve(page) : path.join((await renderTo(fixtureEditions())).dir, 'editions/2025-03-18/email.html');
const browser = await launchBrowser();
try {
  const tab = await browser.newPage({ viewport: { width: Number(width), height: 600 } });
  await tab.goto(pathToFileURL(file).href);
  const height = Math.min(Number(maxHeight), await tab.evaluate(() => document.documentElement.scrollHeight));
  await tab.setViewportSize({ width: Number(width), height });
  await tab.screenshot({ path: target });
  process.stdout.write(`${target} (${width}×${height})\n`);
} finally {
  await browser.close();
}

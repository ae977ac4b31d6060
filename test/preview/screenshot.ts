/**
 * Regenerates pipeline/preview/screenshot.png (the README's picture of the
 * preview) with the same Chromium as the tests:
 *   node --import tsx test/preview/screenshot.ts
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../support/browser.ts';
import { startPreview } from '../../pipeline/preview/server.ts';
import { sampleCopy } from './sample.ts';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../pipeline/preview/screenshot.png');
const dir = sampleCopy();
const preview = await startPreview({ cwd: dir, port: 0, env: { PATH: process.env.PATH } });
await preview.ready;
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 1000 }, deviceScaleFactor: 0.75 });
  await page.goto(`${preview.url}editions/2025-03-18`);
  await page.frameLocator('#email-frame').locator('body').waitFor();
  await page.click('[data-width="375"]');
  await page.locator('li.story details.decisions > summary').first().click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: target, type: 'png', fullPage: true, clip: { x: 0, y: 0, width: 1200, height: 1750 } });
  console.log(`${target}: ${Math.round(statSync(target).size / 1024)} KB`);
} finally {
  await browser.close();
  await preview.close();
}

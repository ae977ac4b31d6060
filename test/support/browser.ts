import { existsSync } from 'node:fs';
import { chromium as playwright, type Browser } from 'playwright-core';

/**
 * Launches headless Chromium for tests and tools (render, preview).
 *
 * Order: `CHROMIUM_PATH` when set; else the Chromium that `@sparticuz/chromium`
 * ships inside its npm package (Linux x64 — so `npm install` is enough); else an
 * installed Chrome/Chromium at a usual path. Throws with what it tried when
 * none launches, so a missing browser is a clear failure, never a skip.
 */
export async function launchBrowser(): Promise<Browser> {
  const tried: string[] = [];
  const candidates = await browserCandidates();
  for (const candidate of candidates) {
    try {
      return await playwright.launch({ executablePath: candidate.path, args: candidate.args, headless: true });
    } catch (error) {
      tried.push(`${candidate.path}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(`no Chromium could be launched; set CHROMIUM_PATH. Tried:\n${tried.join('\n') || '(no candidates found)'}`);
}

/**
 * @sparticuz/chromium's flags are tuned for AWS Lambda. `--single-process`
 * makes closing one page kill the whole browser; the web-security flags would
 * hide exactly the problems tests look for.
 */
const LAMBDA_ONLY_ARGS = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);

interface Candidate {
  path: string;
  args: string[];
}

async function browserCandidates(): Promise<Candidate[]> {
  const list: Candidate[] = [];
  if (process.env.CHROMIUM_PATH) list.push({ path: process.env.CHROMIUM_PATH, args: ['--no-sandbox'] });
  if (process.platform === 'linux' && process.arch === 'x64') {
    try {
      const { default: sparticuz } = await import('@sparticuz/chromium');
      list.push({ path: await sparticuz.executablePath(), args: sparticuz.args.filter((arg) => !LAMBDA_ONLY_ARGS.has(arg)) });
    } catch {
      // Not installed or cannot unpack: fall through to an installed browser.
    }
  }
  const installed = [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ];
  for (const path of installed) if (existsSync(path)) list.push({ path, args: ['--no-sandbox'] });
  return list;
}

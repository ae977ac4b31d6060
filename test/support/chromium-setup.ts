/**
 * Vitest global setup, after temp-root.ts: unpacks the Chromium that `@sparticuz/chromium` ships
 * into this run's temporary folder once, before any test file starts.
 *
 * Why: it unpacks into `os.tmpdir()` on first use, and takes the file's existence for a finished
 * unpack. Each run has a temporary folder of its own, so the first two test files that launch a
 * browser (two workers) both unpacked it, and one spawned the binary while the other was still
 * writing it: `spawn ETXTBSY`, and a browser test failed. Unpacked here, in the main process, the
 * workers find it whole.
 */
export default async function setup(): Promise<void> {
  if (process.platform !== 'linux' || process.arch !== 'x64' || process.env.CHROMIUM_PATH) return;
  try {
    const { default: sparticuz } = await import('@sparticuz/chromium');
    await sparticuz.executablePath();
  } catch {
    // Not installed or cannot unpack: launchBrowser (test/support/browser.ts) tries the others and says what failed.
  }
}

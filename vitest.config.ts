import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start real processes, SMTP servers and Chromium.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: run files in parallel, two at a time.
    maxWorkers: 2,
    // Every scratch folder of the run under one temporary folder, removed at the end (test/support/temp-root.ts);
    // then Chromium unpacked into it once, before two test files race to (test/support/chromium-setup.ts).
    globalSetup: ['test/support/temp-root.ts', 'test/support/chromium-setup.ts'],
  },
});

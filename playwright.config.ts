import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

// Playwright cannot download browsers here: use the system's Chromium (Debian's by default).
const chromiumPath =
  process.env.BERTH_CHROMIUM ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  outputDir: 'test-results/playwright',
  globalSetup: './tests/fixtures/buildOnce.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // One engine and two cores: the suites share containers and CPU, so run them one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'harness',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        viewport: { width: 1180, height: 760 },
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
    {
      name: 'electron',
      testDir: 'tests/electron',
    },
  ],
});

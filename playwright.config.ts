import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

// Playwright cannot download browsers here: use the system's Chromium (Debian's by default).
const chromiumPath =
  process.env.BERTH_CHROMIUM ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

// BERTH_E2E_ENGINE=podman runs the chosen specs against the testbed's Podman service instead: the
// harness and the docker CLI the specs use both follow DOCKER_HOST, set here for every worker.
const onPodman = process.env.BERTH_E2E_ENGINE === 'podman';
if (onPodman) process.env.DOCKER_HOST = 'unix:///run/berth-podman.sock';
const podmanSpecs = [
  'installationCheck.spec.ts',
  'runFlow.spec.ts',
  'containers.spec.ts',
  'images.spec.ts',
  'onboarding.spec.ts',
  'koreanText.spec.ts',
  'imageLayers.spec.ts',
  'volumeFiles.spec.ts',
  'networks.spec.ts',
  'diskUsage.spec.ts',
  'volumes.spec.ts',
];

const harnessUse = {
  browserName: 'chromium' as const,
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
};

export default defineConfig({
  outputDir: 'test-results/playwright',
  globalSetup: './tests/fixtures/buildOnce.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // One engine and two cores: the suites share containers and CPU, so run them one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  reporter: [
    ['list'],
    ['json', { outputFile: onPodman ? 'test-results/playwright-podman.json' : 'test-results/playwright.json' }],
  ],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: onPodman
    ? [{ name: 'harness-podman', testDir: 'tests/e2e', testMatch: podmanSpecs, use: harnessUse }]
    : [
        { name: 'harness', testDir: 'tests/e2e', use: harnessUse },
        { name: 'electron', testDir: 'tests/electron' },
      ],
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { dockerVersionJson, requireEngine } from '../fixtures/dockerCli';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { startSocketProxy } from '../fixtures/socketProxy';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

let harness: RunningHarness | null = null;
test.afterEach(async () => {
  await harness?.stop();
  harness = null;
});

test('shows the same figures as `docker version`, in English and Korean', async ({ page }) => {
  const expected = dockerVersionJson();
  harness = await startHarness();
  await page.goto(pageUrl(harness, 'installation'));

  await expect(page.getByTestId('ready')).toContainText('Docker is installed and running');
  await expect(page.getByTestId('server-version')).toHaveText(expected.Server!.Version);
  await expect(page.getByTestId('server-api-version')).toContainText(expected.Server!.ApiVersion);
  await expect(page.getByTestId('server-os-arch')).toHaveText(`${expected.Server!.Os}/${expected.Server!.Arch}`);
  await expect(page.getByTestId('client-version')).toHaveText(expected.Client.Version);
  await expect(page.getByTestId('client-api-version')).toContainText(expected.Client.ApiVersion);
  await expect(page.getByTestId('engine-state')).toHaveText('Engine running');
  await expect(page.getByTestId('status-bar')).toContainText(expected.Server!.Version);
  await saveScreenshot(page, 'installation-connected-en-light');

  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, 'installation-connected-en-dark');

  await page.goto(pageUrl(harness, 'installation', 'ko'));
  await expect(page.getByTestId('ready')).toContainText('Docker가 설치되어 실행 중이에요');
  await expect(page.getByTestId('engine-state')).toHaveText('엔진 실행 중');
  await expect(page.getByTestId('server-version')).toHaveText(expected.Server!.Version);
  await saveScreenshot(page, 'installation-connected-ko-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await saveScreenshot(page, 'installation-connected-ko-light');
});

test('copies a `docker version` style report', async ({ page, context }) => {
  const expected = dockerVersionJson();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  harness = await startHarness();
  await page.goto(pageUrl(harness, 'installation'));
  await expect(page.getByTestId('server-version')).toHaveText(expected.Server!.Version);
  await page.getByTestId('copy-report').click();
  await expect(page.getByTestId('copy-report')).toHaveText('Copied');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toMatch(/^Client:/m);
  expect(text).toMatch(new RegExp(`^ Version:\\s+${expected.Client.Version.replace(/[.+]/g, '\\$&')}$`, 'm'));
  expect(text).toMatch(/^Server:/m);
  expect(text).toMatch(new RegExp(`^  Version:\\s+${expected.Server!.Version.replace(/[.+]/g, '\\$&')}$`, 'm'));
  expect(text).toMatch(/^ containerd:$/m);
});

test('where nothing listens it says the engine is not running, then turns connected by itself', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-'));
  const socketPath = path.join(dir, 'docker.sock');
  harness = await startHarness({ DOCKER_HOST: `unix://${socketPath}` });
  await page.goto(pageUrl(harness, 'installation'));

  const problem = page.getByTestId('problem').first();
  await expect(problem).toHaveAttribute('data-problem', 'engine-not-running');
  await expect(problem).toContainText('The Docker engine is not running');
  await expect(problem).toContainText('Start Docker Desktop');
  await expect(page.getByTestId('engine-state')).toHaveText('Engine stopped');
  await expect(page.getByTestId('status-bar')).toContainText(`unix://${socketPath}`);
  await expect(page.getByTestId('waiting')).toContainText('Berth checks again by itself');
  await saveScreenshot(page, 'installation-not-running-en-light');

  await page.goto(pageUrl(harness, 'installation', 'ko'));
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.getByTestId('problem').first()).toContainText('도커 엔진이 실행되고 있지 않아요');
  await saveScreenshot(page, 'installation-not-running-ko-dark');

  // Marks this page load: if the page reloaded, the mark would be gone.
  await page.evaluate(() => Object.assign(window, { berthTestMark: 'same-page' }));
  const proxy = await startSocketProxy(socketPath);
  try {
    await expect(page.getByTestId('ready')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('engine-state')).toHaveText('엔진 실행 중');
    await expect(page.getByTestId('server-version')).toHaveText(dockerVersionJson().Server!.Version);
    expect(await page.evaluate(() => (window as unknown as { berthTestMark?: string }).berthTestMark)).toBe(
      'same-page',
    );
  } finally {
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await expect(page.getByTestId('engine-state')).toHaveText('엔진 중지됨');
});

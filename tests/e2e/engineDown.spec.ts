import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { docker, requireEngine } from '../fixtures/dockerCli';
import { startFakeHub, type FakeHub } from '../fixtures/fakeHub';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { startSocketProxy, type SocketProxy } from '../fixtures/countingProxy';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

// Berth talks to the real engine through a proxy socket the tests open and close: closing it is the
// Docker server going away, opening it again is the server coming back.
const label = `berth.e2e=${process.pid}`;
const made: string[] = [];
const unique = (name: string) => {
  const full = `berth-e2e-down-${name}-${Date.now()}`;
  made.push(full);
  return full;
};
const reason = 'Not available until Berth reaches the Docker server again';
let dir: string;
let socketPath: string;
let proxy: SocketProxy | null = null;
let hub: FakeHub;
let harness: RunningHarness;

test.beforeAll(async () => {
  docker('pull', 'busybox');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-down-'));
  socketPath = path.join(dir, 'docker.sock');
  hub = await startFakeHub();
  harness = await startHarness({ DOCKER_HOST: `unix://${socketPath}`, BERTH_HUB_URL: hub.url });
});
test.afterAll(async () => {
  await harness.stop();
  await proxy?.close();
  await hub.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const leftovers = docker('ps', '-aq', '--filter', `label=${label}`);
  if (leftovers) docker('rm', '-f', ...leftovers.split('\n'));
  for (const name of made) if (docker('ps', '-aq', '--filter', `name=^/?${name}$`)) docker('rm', '-f', name);
});

async function serverGoes(page: Page) {
  await proxy?.close();
  proxy = null;
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-state', 'disconnected', { timeout: 30_000 });
}

/** The server comes back; the banner's Retry asks at once instead of waiting for the next check. */
async function serverReturns(page: Page) {
  proxy ??= await startSocketProxy(socketPath);
  // The last one: a modal dialog's (after the page in the DOM), or the page's own.
  const retry = page.getByTestId('engine-unavailable-retry').last();
  if (await retry.isVisible()) await retry.click();
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
}

/** The same screen in English and Korean, light and dark, each checked by `ready` before the shot. */
async function shootEveryWay(page: Page, route: string, name: string, ready: () => Promise<void>) {
  for (const lang of ['en', 'ko'] as const) {
    await page.goto(pageUrl(harness, route, lang));
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await ready();
      await saveScreenshot(page, `engine-down-${name}-${lang}-${colorScheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const banner = (page: Page) => page.getByTestId('engine-unavailable');

test('Images, Containers and the Hub with no Docker server: why, what to do, nothing that cannot work; then the lists by themselves', async ({
  page,
}) => {
  await page.goto(pageUrl(harness, 'installation'));
  await serverGoes(page);
  const unavailable = async () => {
    await expect(banner(page)).toHaveAttribute('data-state', 'unavailable');
    await expect(banner(page).getByTestId('problem')).toHaveAttribute('data-problem', 'engine-not-running');
  };

  await shootEveryWay(page, 'images', 'images', async () => {
    await unavailable();
    // It cannot know: never the empty cache's "No images here yet".
    await expect(page.getByTestId('empty-state')).toHaveCount(0);
  });
  // A small window too: the banner wraps, its buttons stay whole.
  await page.setViewportSize({ width: 900, height: 600 });
  for (const [lang, colorScheme] of [
    ['en', 'light'],
    ['ko', 'dark'],
  ] as const) {
    await page.goto(pageUrl(harness, 'containers', lang));
    await page.emulateMedia({ colorScheme });
    await unavailable();
    await saveScreenshot(page, `engine-down-containers-none-${lang}-${colorScheme}-900`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1180, height: 760 });

  await page.goto(pageUrl(harness, 'images'));
  await expect(banner(page).getByRole('heading')).toHaveText('Berth cannot reach the Docker server (daemon)');
  await expect(banner(page)).toContainText(
    'The Docker server (daemon) is not running. Docker is set up here, but the Docker server does not answer.',
  );
  await expect(page.getByTestId('engine-unavailable-consequence')).toHaveText(
    'Berth cannot list your images until the Docker server answers. Images you already pulled stay on this computer.',
  );
  await expect(page.getByText('No images here yet')).toHaveCount(0);
  await page.goto(pageUrl(harness, 'images', 'ko'));
  await expect(banner(page).getByRole('heading')).toHaveText('Berth가 도커 서버(데몬)에 연결할 수 없어요');
  await expect(page.getByText('아직 이미지가 없어요')).toHaveCount(0);

  await shootEveryWay(page, 'containers', 'containers-none', unavailable);
  await page.goto(pageUrl(harness, 'containers'));
  await expect(page.getByTestId('engine-unavailable-consequence')).toHaveText(
    'Berth cannot list your containers until the Docker server answers.',
  );
  // What to do: the installation check is one click away.
  await page.getByTestId('engine-unavailable-check').click();
  await expect(page.locator('main')).toHaveAttribute('data-section', 'installation');

  // The Hub still answers: its tags are listed, but Pull and Run wait for the Docker server.
  await shootEveryWay(page, 'hub/library/busybox', 'hub-tags', async () => {
    await unavailable();
    await expect(page.getByTestId('hub-tag').first()).toBeVisible();
  });
  await page.goto(pageUrl(harness, 'hub/library/busybox'));
  const tag = page.getByTestId('hub-tag').first();
  for (const action of ['tag-pull', 'tag-run']) {
    await expect(tag.getByTestId(action)).toBeDisabled();
    await expect(tag.getByTestId(action)).toHaveAttribute('title', reason);
  }
  await page.goto(pageUrl(harness, 'hub'));
  await page.getByTestId('hub-search').fill('redis');
  const result = page.getByTestId('hub-result').first();
  await expect(result.getByTestId('hub-pull')).toBeDisabled();
  await expect(result.getByTestId('hub-run')).toBeDisabled();
  await saveScreenshot(page, 'engine-down-hub-search-en-light');

  // The server returns: everything comes back in the same page, without a reload.
  await page.goto(pageUrl(harness, 'images'));
  await page.evaluate(() => Object.assign(window, { berthTestMark: 'same-page' }));
  await serverReturns(page);
  await expect(page.locator('[data-testid=image-row][data-image="busybox:latest"]')).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
  await page.getByRole('navigation').getByRole('link', { name: 'Docker Hub search', exact: true }).click();
  await page.getByTestId('hub-search').fill('redis');
  await expect(page.getByTestId('hub-result').first().getByTestId('hub-run')).toBeEnabled();
  expect(await page.evaluate(() => (window as unknown as { berthTestMark?: string }).berthTestMark)).toBe('same-page');
});

test('Containers and a container’s page keep the last list, greyed, with every action disabled and why; they come back with the server', async ({
  page,
}) => {
  await page.goto(pageUrl(harness, 'installation'));
  await serverReturns(page);
  const name = unique('row');
  docker('run', '-d', '--init', '--label', label, '--name', name, 'busybox', 'sleep', '300');
  const row = page.locator(`[data-testid=container-row][data-name="${name}"]`);

  // A reload forgets the last list, so each language gets its own list before the server goes.
  for (const lang of ['en', 'ko'] as const) {
    await page.goto(pageUrl(harness, 'containers', lang));
    await expect(row.getByTestId('container-stop')).toBeEnabled();
    await page.evaluate(() => Object.assign(window, { berthTestMark: 'same-page' }));

    await serverGoes(page);
    await expect(banner(page)).toHaveAttribute('data-state', 'unavailable');
    await expect(row).toBeVisible();
    await expect(page.getByTestId('containers-scroll')).toHaveClass(/grayscale/);
    for (const action of ['container-stop', 'container-remove']) await expect(row.getByTestId(action)).toBeDisabled();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await saveScreenshot(page, `engine-down-containers-${lang}-${colorScheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    await row.getByRole('button', { name, exact: true }).click();
    await expect(page.getByTestId('container-details')).toBeVisible();
    await expect(banner(page)).toHaveAttribute('data-state', 'unavailable');
    await expect(page.getByTestId('details-stop')).toBeDisabled();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await saveScreenshot(page, `engine-down-details-${lang}-${colorScheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    if (lang === 'en') {
      await expect(page.getByTestId('details-remove')).toHaveAttribute('title', reason);
      await page.getByRole('navigation').getByRole('link', { name: 'Containers', exact: true }).click();
      await expect(page.getByTestId('engine-unavailable-consequence')).toContainText('the last one Berth saw');
      for (const action of ['container-stop', 'container-remove']) {
        await expect(row.getByTestId(action)).toHaveAttribute('title', reason);
      }
      await row.getByRole('checkbox').check();
      const bulk = page.getByTestId('bulk-actions');
      for (const action of ['Start', 'Stop', 'Remove']) {
        await expect(bulk.getByRole('button', { name: action })).toBeDisabled();
      }
      await row.getByRole('checkbox').uncheck();
      await serverReturns(page);
      continue;
    }

    // Back with the server: on the container's page, then on the list, without a reload.
    await serverReturns(page);
    await expect(banner(page)).toHaveCount(0);
    await expect(page.getByTestId('details-stop')).toBeEnabled();
    await page.getByRole('navigation').getByRole('link', { name: '컨테이너', exact: true }).click();
    await expect(row.getByTestId('container-stop')).toBeEnabled();
    await expect(page.getByTestId('containers-scroll')).not.toHaveClass(/grayscale/);
    // And the actions work again: Stop stops it.
    await row.getByTestId('container-stop').click();
    await expect.poll(() => docker('inspect', '--format', '{{.State.Status}}', name)).toBe('exited');
    expect(await page.evaluate(() => (window as unknown as { berthTestMark?: string }).berthTestMark)).toBe(
      'same-page',
    );
  }
});

test('the run dialog’s Run and the run flow’s Run again wait for the Docker server', async ({ page }) => {
  await page.goto(pageUrl(harness, 'installation'));
  await serverReturns(page);
  const name = unique('run');
  await page.goto(pageUrl(harness, 'images'));
  await page.locator('[data-testid=image-row][data-image="busybox:latest"]').getByTestId('image-run').click();
  const dialog = page.getByTestId('run-dialog');
  await dialog.getByTestId('run-name').fill(name);
  await dialog.getByTestId('run-command').fill('echo hi from berth');
  await expect(dialog.getByTestId('run-submit')).toBeEnabled();

  await serverGoes(page);
  await expect(dialog.getByTestId('engine-unavailable')).toHaveAttribute('data-state', 'unavailable');
  await expect(dialog.getByTestId('run-submit')).toBeDisabled();
  await expect(dialog.getByTestId('run-submit')).toHaveAttribute('title', reason);
  // Enter in a field submits the form: it must not start anything either.
  await dialog.getByTestId('run-command').press('Enter');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('engine-unavailable').scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'engine-down-run-dialog-en-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, 'engine-down-run-dialog-en-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await serverReturns(page);
  await expect(dialog.getByTestId('run-submit')).toBeEnabled();
  expect(docker('ps', '-aq', '--filter', `name=^/?${name}$`)).toBe('');
  await dialog.getByTestId('run-submit').click();
  const flow = page.getByTestId('run-flow');
  await expect(flow).toHaveAttribute('data-state', 'exited', { timeout: 30_000 });
  const runRoute = (await page.evaluate(() => location.hash)).replace(/^#\//, '');

  await serverGoes(page);
  await expect(banner(page)).toHaveAttribute('data-state', 'unavailable');
  await expect(page.getByTestId('run-again')).toBeDisabled();
  await shootEveryWay(page, runRoute, 'run-flow', async () => {
    await expect(page.getByTestId('run-again')).toBeDisabled();
  });

  await serverReturns(page);
  await expect(page.getByTestId('run-again')).toBeEnabled();
});

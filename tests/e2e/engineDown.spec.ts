import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { docker, requireEngine } from '../fixtures/dockerCli';
import { startFakeHub, type FakeHub } from '../fixtures/fakeHub';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { startSocketProxy, type SocketProxy } from '../fixtures/countingProxy';
import { ContainerDetailsPage } from './pages/ContainerDetailsPage';
import { ContainersPage } from './pages/ContainersPage';
import { EmptyState } from './pages/EmptyState';
import { EngineUnavailable } from './pages/EngineUnavailable';
import { HubSearchPage } from './pages/HubSearchPage';
import { ImagesPage } from './pages/ImagesPage';
import { RepositoryTagsPage } from './pages/RepositoryTagsPage';
import { RunDialog } from './pages/RunDialog';
import { RunFlowPage } from './pages/RunFlowPage';
import { StatusBar } from './pages/StatusBar';

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
  await expect(new StatusBar(page).root).toHaveAttribute('data-state', 'disconnected', { timeout: 30_000 });
}

/** The server comes back; the banner's Retry asks at once instead of waiting for the next check. */
async function serverReturns(page: Page) {
  proxy ??= await startSocketProxy(socketPath);
  // The last one: a modal dialog's (after the page in the DOM), or the page's own.
  const retry = new EngineUnavailable(page).retry.last();
  // The banner may go by itself (its own next check found the server) between the look and the
  // click: then there is nothing to click, and the status bar below says connected anyway.
  if (await retry.isVisible()) await retry.click({ timeout: 5_000 }).catch(() => undefined);
  await expect(new StatusBar(page).root).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
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

const banner = (page: Page) => new EngineUnavailable(page).banner;

test('Images, Containers and the Hub with no Docker server: why, what to do, nothing that cannot work; then the lists by themselves', async ({
  page,
}) => {
  await page.goto(pageUrl(harness, 'installation'));
  await serverGoes(page);
  const unavailable = async () => {
    await expect(banner(page)).toHaveAttribute('data-state', 'unavailable');
    await expect(new EngineUnavailable(page).problem).toHaveAttribute('data-problem', 'engine-not-running');
  };

  await shootEveryWay(page, 'images', 'images', async () => {
    await unavailable();
    // It cannot know: never the empty cache's "No images here yet".
    await expect(new EmptyState(page).root).toHaveCount(0);
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
  await expect(new EngineUnavailable(page).consequence).toHaveText(
    'Berth cannot list your images until the Docker server answers. Images you already pulled stay on this computer.',
  );
  await expect(page.getByText('No images here yet')).toHaveCount(0);
  await page.goto(pageUrl(harness, 'images', 'ko'));
  await expect(banner(page).getByRole('heading')).toHaveText('Berth가 도커 서버(데몬)에 연결할 수 없어요');
  await expect(page.getByText('아직 이미지가 없어요')).toHaveCount(0);

  await shootEveryWay(page, 'containers', 'containers-none', unavailable);
  await page.goto(pageUrl(harness, 'containers'));
  await expect(new EngineUnavailable(page).consequence).toHaveText(
    'Berth cannot list your containers until the Docker server answers.',
  );
  // What to do: the installation check is one click away.
  await new EngineUnavailable(page).check.click();
  await expect(page.locator('main')).toHaveAttribute('data-section', 'installation');

  // The Hub still answers: its tags are listed, but Pull and Run wait for the Docker server.
  await shootEveryWay(page, 'hub/library/busybox', 'hub-tags', async () => {
    await unavailable();
    await expect(new RepositoryTagsPage(page).tags.first()).toBeVisible();
  });
  await page.goto(pageUrl(harness, 'hub/library/busybox'));
  const tag = new RepositoryTagsPage(page).firstTag;
  for (const action of [tag.pull, tag.run]) {
    await expect(action).toBeDisabled();
    await expect(action).toHaveAttribute('title', reason);
  }
  await page.goto(pageUrl(harness, 'hub'));
  await new HubSearchPage(page).search.fill('redis');
  const result = new HubSearchPage(page).firstResult;
  await expect(result.pull).toBeDisabled();
  await expect(result.run).toBeDisabled();
  await saveScreenshot(page, 'engine-down-hub-search-en-light');

  // The server returns: everything comes back in the same page, without a reload.
  await page.goto(pageUrl(harness, 'images'));
  await page.evaluate(() => Object.assign(window, { berthTestMark: 'same-page' }));
  await serverReturns(page);
  await expect(new ImagesPage(page).row('busybox:latest')).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
  await page.getByRole('navigation').getByRole('link', { name: 'Docker Hub search', exact: true }).click();
  await new HubSearchPage(page).search.fill('redis');
  await expect(new HubSearchPage(page).firstResult.run).toBeEnabled();
  expect(await page.evaluate(() => (window as unknown as { berthTestMark?: string }).berthTestMark)).toBe('same-page');
});

test('Containers and a container’s page keep the last list, greyed, with every action disabled and why; they come back with the server', async ({
  page,
}) => {
  await page.goto(pageUrl(harness, 'installation'));
  await serverReturns(page);
  const name = unique('row');
  docker('run', '-d', '--init', '--label', label, '--name', name, 'busybox', 'sleep', '300');
  const containers = new ContainersPage(page);
  const row = containers.row(name);
  const rowActions = [containers.stopButton(name), containers.removeButton(name)];

  // A reload forgets the last list, so each language gets its own list before the server goes.
  for (const lang of ['en', 'ko'] as const) {
    await page.goto(pageUrl(harness, 'containers', lang));
    await expect(containers.stopButton(name)).toBeEnabled();
    await page.evaluate(() => Object.assign(window, { berthTestMark: 'same-page' }));

    await serverGoes(page);
    await expect(banner(page)).toHaveAttribute('data-state', 'unavailable');
    await expect(row).toBeVisible();
    await expect(containers.scroll).toHaveClass(/grayscale/);
    for (const action of rowActions) await expect(action).toBeDisabled();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await saveScreenshot(page, `engine-down-containers-${lang}-${colorScheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    await row.getByRole('button', { name, exact: true }).click();
    await expect(new ContainerDetailsPage(page).root).toBeVisible();
    await expect(banner(page)).toHaveAttribute('data-state', 'unavailable');
    await expect(new ContainerDetailsPage(page).stop).toBeDisabled();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await saveScreenshot(page, `engine-down-details-${lang}-${colorScheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    if (lang === 'en') {
      await expect(new ContainerDetailsPage(page).remove).toHaveAttribute('title', reason);
      await page.getByRole('navigation').getByRole('link', { name: 'Containers', exact: true }).click();
      await expect(new EngineUnavailable(page).consequence).toContainText('the last one Berth saw');
      for (const action of rowActions) {
        await expect(action).toHaveAttribute('title', reason);
      }
      await row.getByRole('checkbox').check();
      const bulk = containers.bulkActions;
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
    await expect(new ContainerDetailsPage(page).stop).toBeEnabled();
    await page.getByRole('navigation').getByRole('link', { name: '컨테이너', exact: true }).click();
    await expect(containers.stopButton(name)).toBeEnabled();
    await expect(containers.scroll).not.toHaveClass(/grayscale/);
    // And the actions work again: Stop stops it.
    await containers.stopButton(name).click();
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
  await new ImagesPage(page).run('busybox:latest');
  const runDialog = new RunDialog(page);
  const dialog = runDialog.root;
  await runDialog.name.fill(name);
  await runDialog.command.fill('echo hi from berth');
  await expect(runDialog.submit).toBeEnabled();

  await serverGoes(page);
  await expect(runDialog.engineUnavailable).toHaveAttribute('data-state', 'unavailable');
  await expect(runDialog.submit).toBeDisabled();
  await expect(runDialog.submit).toHaveAttribute('title', reason);
  // Enter in a field submits the form: it must not start anything either.
  await runDialog.command.press('Enter');
  await expect(dialog).toBeVisible();
  await runDialog.engineUnavailable.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'engine-down-run-dialog-en-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, 'engine-down-run-dialog-en-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await serverReturns(page);
  await expect(runDialog.submit).toBeEnabled();
  expect(docker('ps', '-aq', '--filter', `name=^/?${name}$`)).toBe('');
  await runDialog.submit.click();
  const flow = new RunFlowPage(page).root;
  await expect(flow).toHaveAttribute('data-state', 'exited', { timeout: 30_000 });
  const runRoute = (await page.evaluate(() => location.hash)).replace(/^#\//, '');

  await serverGoes(page);
  await expect(banner(page)).toHaveAttribute('data-state', 'unavailable');
  await expect(new RunFlowPage(page).again).toBeDisabled();
  await shootEveryWay(page, runRoute, 'run-flow', async () => {
    await expect(new RunFlowPage(page).again).toBeDisabled();
  });

  await serverReturns(page);
  await expect(new RunFlowPage(page).again).toBeEnabled();
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { imageExists, PODMAN_SOCKET, removeImage, requireEngine } from '../fixtures/dockerCli';
import { startFakeHub, type FakeHub } from '../fixtures/fakeHub';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { EmptyState } from './pages/EmptyState';
import { HubSearchPage } from './pages/HubSearchPage';
import { ImagesPage } from './pages/ImagesPage';
import { OnboardingPage } from './pages/OnboardingPage';
import { ProblemNotice } from './pages/ProblemNotice';
import { PullByNameDialog } from './pages/PullByNameDialog';
import { PullsPanel } from './pages/PullsPanel';
import { RunDialog } from './pages/RunDialog';
import { Sidebar } from './pages/Sidebar';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

/** Nothing listens on port 9 (discard): Docker Hub's website API is out of reach, the engine is not. */
const UNREACHABLE_HUB = 'http://127.0.0.1:9';
/** The testbed's registry, which serves library images (`curl 127.0.0.1:5000/v2/_catalog`). */
const REGISTRY_BUSYBOX = '127.0.0.1:5000/library/busybox:latest';

let offline: RunningHarness;
test.beforeAll(async () => {
  offline = await startHarness({ BERTH_HUB_URL: UNREACHABLE_HUB });
});
test.afterAll(async () => {
  await offline.stop();
});

function pullJob(page: Page, reference: string) {
  return new PullsPanel(page).job(reference).root;
}

test('with Docker Hub unreachable, the search offers the name typed, and busybox pulls into Images', async ({
  page,
}) => {
  await page.goto(pageUrl(offline, 'hub'));
  await new HubSearchPage(page).search.fill('busybox');
  const problem = new ProblemNotice(page).root;
  await expect(problem).toHaveAttribute('data-problem', 'hub-unreachable');
  await expect(new ProblemNotice(page).pullByName).toHaveText('Pull or run "busybox" by name');
  await saveScreenshot(page, 'pull-by-name-hub-offline-en');
  await new ProblemNotice(page).pullByName.click();

  const dialog = new PullByNameDialog(page).root;
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Image name' })).toHaveValue('busybox');
  await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(dialog).toBeHidden();

  // The pulls panel shows the job, and the engine pulls it through its own mirror.
  const job = pullJob(page, 'busybox:latest');
  await expect(job).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(new PullsPanel(page).job('busybox:latest').outcome).toBeVisible();
  await page.getByRole('link', { name: 'Images' }).click();
  await expect(new ImagesPage(page).row('busybox:latest')).toBeVisible();
});

test('a registry reference pulls from 127.0.0.1:5000, from the sidebar or the Images header', async ({ page }) => {
  removeImage(REGISTRY_BUSYBOX);
  try {
    await page.goto(pageUrl(offline, 'images'));
    const row = new ImagesPage(page).row(REGISTRY_BUSYBOX);
    await expect(new ImagesPage(page).root).toBeVisible();
    await expect(row).toHaveCount(0);

    await new ImagesPage(page).pullByName.click();
    const dialog = new PullByNameDialog(page).root;
    await expect(dialog.getByRole('textbox', { name: 'Image name' })).toBeFocused();
    await page.keyboard.type(REGISTRY_BUSYBOX);
    await saveScreenshot(page, 'pull-by-name-dialog-en');
    // Enter pulls.
    await page.keyboard.press('Enter');
    await expect(pullJob(page, REGISTRY_BUSYBOX)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(row).toBeVisible();
    expect(imageExists(REGISTRY_BUSYBOX)).toBe(true);

    // From the sidebar, the same name again: the engine says it is up to date.
    await new PullsPanel(page).dismiss.first().click();
    await new Sidebar(page).pullByName.click();
    await dialog.getByRole('textbox', { name: 'Image name' }).fill(REGISTRY_BUSYBOX);
    await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
    await expect(new PullsPanel(page).job(REGISTRY_BUSYBOX).outcome).toHaveText(/Image is up to date/, {
      timeout: 60_000,
    });
  } finally {
    removeImage(REGISTRY_BUSYBOX);
  }
});

test('"Run" opens the run dialog for the name typed', async ({ page }) => {
  await page.goto(pageUrl(offline, 'images'));
  await new Sidebar(page).pullByName.click();
  const dialog = new PullByNameDialog(page).root;
  await dialog.getByRole('textbox', { name: 'Image name' }).fill('busybox:latest');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(new RunDialog(page).image).toHaveValue('busybox:latest');
});

test('a bad name gets its message inline when the field is left, in English and Korean', async ({ page }) => {
  const cases = [
    {
      lang: 'en',
      open: 'Pull or run by name',
      label: 'Image name',
      message: 'Image names are lowercase: try "busybox".',
    },
    {
      lang: 'ko',
      open: '이름으로 받기·실행',
      label: '이미지 이름',
      message: '이미지 이름은 소문자로 써요. 이렇게 해 보세요: "busybox"',
    },
  ] as const;
  for (const { lang, open, label, message } of cases) {
    await page.goto(pageUrl(offline, 'images', lang));
    await page.getByRole('button', { name: open }).first().click();
    const field = new PullByNameDialog(page).root.getByRole('textbox', { name: label });
    await field.pressSequentially('Busy');
    // Not while typing the first characters.
    await expect(field).toHaveAttribute('aria-invalid', 'false');
    await field.pressSequentially('box');
    await page.keyboard.press('Tab');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert')).toHaveText(message);
    await expect(field).toHaveAccessibleDescription(message);
    await saveScreenshot(page, `pull-by-name-invalid-${lang}`);
  }
});

test('the pulls panel says when nothing is pulling, takes a name, and Escape closes it', async ({ page }) => {
  // A harness of its own: no pulls yet, while the engine has images.
  const fresh = await startHarness({ BERTH_HUB_URL: UNREACHABLE_HUB });
  try {
    await checkEmptyPanel(page, fresh);
  } finally {
    await fresh.stop();
  }
});

async function checkEmptyPanel(page: Page, fresh: RunningHarness) {
  for (const lang of ['en', 'ko'] as const) {
    await page.goto(pageUrl(fresh, 'installation', lang));
    const button = new PullsPanel(page).button;
    await button.click();
    const panel = new PullsPanel(page).root;
    await expect(panel).toBeVisible();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(new PullsPanel(page).empty).toHaveText(
      lang === 'en'
        ? 'No pulls running or finished. Pulling copies an image from Docker Hub (or another registry) into your local image cache.'
        : '진행 중이거나 끝난 이미지 받기 (pull)가 없어요. 이미지 받기는 도커 허브(또는 다른 레지스트리)의 이미지를 이미지 캐시 (로컬 보관소)로 복사하는 일이에요.',
    );
    await expect(new PullsPanel(page).pullByName).toBeVisible();
    await saveScreenshot(page, `pull-by-name-panel-${lang}`);
    // Escape from the button that opened it, then from inside the panel.
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await button.click();
    await new PullsPanel(page).input.focus();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(button).toBeFocused();
  }
}

test('the panel’s close and a job’s own button have names of their own', async ({ page }) => {
  await page.goto(pageUrl(offline, 'installation'));
  await new PullsPanel(page).button.click();
  const panel = new PullsPanel(page).root;
  await new PullsPanel(page).input.fill('hello-world');
  await new PullsPanel(page).pull.click();
  await expect(pullJob(page, 'hello-world:latest')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(panel.getByRole('button', { name: 'Close the pulls panel' })).toHaveCount(1);
  const clear = panel.getByRole('button', { name: 'Clear hello-world:latest from the list' });
  await expect(clear).toHaveCount(1);
  await clear.click();
  await expect(pullJob(page, 'hello-world:latest')).toHaveCount(0);
  await expect(panel).toBeVisible();
});

test('the tags page, with the Hub unreachable, offers the repository by name', async ({ page }) => {
  await page.goto(pageUrl(offline, 'hub/library/busybox', 'ko'));
  const problem = new ProblemNotice(page).root;
  await expect(problem).toHaveAttribute('data-problem', 'hub-unreachable');
  await new ProblemNotice(page).pullByName.click();
  await expect(new PullByNameDialog(page).anyInput).toHaveValue('busybox');
});

test('the empty Containers page offers pulling by name beside the Hub', async ({ page }) => {
  // The testbed's Podman service has no containers (this test only looks; the Podman suites remove theirs).
  const podmanContainers = execFileSync('docker', ['ps', '-aq'], {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_HOST: `unix://${PODMAN_SOCKET}` },
  }).trim();
  test.skip(podmanContainers !== '', `Podman has containers here: ${podmanContainers.split('\n').join(', ')}`);
  const podman = await startHarness({ BERTH_HUB_URL: UNREACHABLE_HUB, DOCKER_HOST: `unix://${PODMAN_SOCKET}` });
  try {
    for (const lang of ['en', 'ko'] as const) {
      await page.goto(pageUrl(podman, 'containers', lang));
      const empty = new EmptyState(page).root;
      await expect(empty).toBeVisible();
      await saveScreenshot(page, `pull-by-name-empty-containers-${lang}`);
      await new EmptyState(page).secondary.click();
      await expect(new PullByNameDialog(page).root).toBeVisible();
      await saveScreenshot(page, `pull-by-name-from-empty-containers-${lang}`);
      await page.keyboard.press('Escape');
      await expect(new PullByNameDialog(page).root).toHaveCount(0);
    }
  } finally {
    await podman.stop();
  }
});

test('screenshots: the entry in English and Korean, light and dark, wide and small', async ({ page }) => {
  for (const size of [
    { width: 1280, height: 800 },
    { width: 900, height: 600 },
  ]) {
    await page.setViewportSize(size);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const lang of ['en', 'ko'] as const) {
        const suffix = `${lang}-${scheme}-${size.width}`;
        await page.goto(pageUrl(offline, 'hub', lang));
        await new HubSearchPage(page).search.fill('team/app');
        await expect(new HubSearchPage(page).pullByName).toBeVisible();
        await saveScreenshot(page, `pull-by-name-hub-offline-${suffix}`);
        await new HubSearchPage(page).pullByName.click();
        const field = new PullByNameDialog(page).input;
        await field.fill('127.0.0.1:5000/team/app:1.2');
        await saveScreenshot(page, `pull-by-name-dialog-${suffix}`);
        await page.keyboard.press('Escape');
        await new PullsPanel(page).button.click();
        await expect(new PullsPanel(page).root).toBeVisible();
        await saveScreenshot(page, `pull-by-name-panel-${suffix}`);
        await page.goto(pageUrl(offline, 'images', lang));
        await expect(new ImagesPage(page).pullByName).toBeVisible();
        await saveScreenshot(page, `pull-by-name-images-${suffix}`);
      }
    }
  }
});

test.describe('the guide’s last step', () => {
  let hub: FakeHub;
  let guided: RunningHarness;
  let settingsDir: string;
  test.beforeAll(async () => {
    hub = await startFakeHub();
    // A guide left on its last step.
    settingsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-guide-'));
    fs.writeFileSync(
      path.join(settingsDir, 'settings.json'),
      JSON.stringify({ onboarding: { step: 'done', finished: false } }),
    );
    guided = await startHarness({ BERTH_HUB_URL: hub.url, BERTH_SETTINGS_DIR: settingsDir });
  });
  test.afterAll(async () => {
    await guided.stop();
    await hub.close();
    fs.rmSync(settingsDir, { recursive: true, force: true });
  });

  test('"Search for redis" lands on a search for redis, with its results', async ({ page }) => {
    await page.goto(pageUrl(guided, 'onboarding'));
    await expect(new OnboardingPage(page).root).toHaveAttribute('data-step', 'done');
    await new OnboardingPage(page).tryRedis.click();
    await expect(page).toHaveURL(/#\/hub\?q=redis$/);
    await expect(new HubSearchPage(page).search).toHaveValue('redis');
    await expect(new HubSearchPage(page).results.first()).toHaveAttribute('data-repo', 'redis');
    expect(hub.requests.some((request) => request.query.query === 'redis')).toBe(true);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { docker, removeImage, requireEngine } from '../fixtures/dockerCli';
import { freePort } from '../fixtures/freePort';
import { pageUrl } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { harnessForSpec } from '../fixtures/specHarness';
import { waitFor } from '../fixtures/waitFor';
import { BuildJobView } from './pages/BuildJobView';
import { BuildPage } from './pages/BuildPage';
import { RunDialog } from './pages/RunDialog';
import { RunFlowPage } from './pages/RunFlowPage';
import { SettingsPage } from './pages/SettingsPage';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const harness = harnessForSpec({ pull: ['busybox'] });
const exampleTag = `berth-e2e-steps-${process.pid}:latest`;
const failingTag = `berth-e2e-steps-fail-${process.pid}:latest`;
let failingFolder = '';
let missingCopyFolder = '';
const missingCopyTag = `berth-e2e-steps-copy-${process.pid}:latest`;

test.beforeAll(() => {
  failingFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-steps-'));
  // The RUN is on line 3, after a comment: the view names the file's line, not the step's number.
  fs.writeFileSync(
    path.join(failingFolder, 'Dockerfile'),
    'FROM busybox\n# check the site, and fail as a broken check would\nRUN echo "checking the site" && echo "index.html is missing" && exit 3\n',
  );
});
test.beforeAll(() => {
  // COPY names a folder the build context does not have.
  missingCopyFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-copy-'));
  fs.writeFileSync(path.join(missingCopyFolder, 'Dockerfile'), 'FROM busybox\nCOPY site/ /www/\n');
});
test.afterAll(() => {
  removeImage(missingCopyTag);
  fs.rmSync(missingCopyFolder, { recursive: true, force: true });
});
test.afterAll(() => {
  removeImage(exampleTag);
  removeImage(failingTag);
  fs.rmSync(failingFolder, { recursive: true, force: true });
});

/** Builds what the page has open with `tag`, and waits for a new job (not `after`) to end. */
async function build(page: Page, tag: string, after: string | null = null): Promise<string> {
  const view = new BuildJobView(page);
  const buildPage = new BuildPage(page);
  await buildPage.tag.fill(tag);
  await buildPage.submit.click();
  const job = after ? page.locator(`[data-testid=build-job]:not([data-job-id="${after}"])`) : view.root;
  await expect(job).toBeVisible({ timeout: 30_000 });
  await expect(job).not.toHaveAttribute('data-state', /sending|building/, { timeout: 120_000 });
  return (await job.getAttribute('data-job-id')) ?? '';
}

/** The view in both languages, light and dark, at the app's usual size and the smallest it supports. */
async function shootEveryWay(page: Page, name: string) {
  const view = new BuildJobView(page);
  for (const lang of ['en', 'ko'] as const) {
    // The language from Settings, and back: the Build page keeps its folder and shows its last build again.
    await page.evaluate(() => (window.location.hash = '#/settings'));
    await new SettingsPage(page).language(lang).click();
    await page.evaluate(() => (window.location.hash = '#/build'));
    await expect(view.root).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const size of [
        { width: 1280, height: 800 },
        { width: 900, height: 600 },
      ]) {
        await page.setViewportSize(size);
        await view.root.scrollIntoViewIfNeeded();
        await saveScreenshot(page, `build-steps-${name}-${lang}-${colorScheme}-${size.width}`);
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.evaluate(() => (window.location.hash = '#/settings'));
  await new SettingsPage(page).language('en').click();
}

test('the example built twice: the second time every step says CACHED', async ({ page }) => {
  test.setTimeout(240_000);
  const view = new BuildJobView(page);
  await page.goto(pageUrl(harness(), 'build'));
  await new BuildPage(page).example('static-site').click();
  const first = await build(page, exampleTag);
  await expect(view.root).toHaveAttribute('data-state', 'done');
  await expect(view.result).toBeVisible();

  await build(page, exampleTag, first);
  await expect(view.root).toHaveAttribute('data-state', 'done');
  const steps = await view.steps.count();
  expect(steps).toBeGreaterThanOrEqual(4);
  await expect(view.badges).toHaveText(Array(steps).fill('CACHED'));
  await expect(view.counts).toHaveText(`${steps} CACHED, 0 ran`);
  await expect(view.state).toHaveText('Build done');
  await expect(view.cacheStop).toHaveCount(0);
  await shootEveryWay(page, 'cached');

  // Run opens the run dialog with the image built and the port its Dockerfile EXPOSEs; Layers goes to its layers.
  await page.evaluate(() => (window.location.hash = '#/build'));
  await view.run.click();
  const dialog = new RunDialog(page);
  await expect(dialog.image).toHaveValue(exampleTag);
  await expect(dialog.containerPort).toHaveValue('8080');
  await page.keyboard.press('Escape');
  await expect(dialog.root).toBeHidden();
  const imageId = docker('image', 'inspect', '--format', '{{.Id}}', exampleTag);
  await view.layers.click();
  await expect(page).toHaveURL(new RegExp(`#/images/${encodeURIComponent(imageId)}$`));
});

test('the image just built runs from its Run button, and its page answers over HTTP', async ({ page }) => {
  test.setTimeout(240_000);
  const view = new BuildJobView(page);
  await page.goto(pageUrl(harness(), 'build'));
  await new BuildPage(page).example('static-site').click();
  await build(page, exampleTag);
  await expect(view.root).toHaveAttribute('data-state', 'done');
  const name = `berth-e2e-site-${process.pid}`;
  const port = await freePort();
  try {
    await view.run.click();
    const dialog = new RunDialog(page);
    await expect(dialog.containerPort).toHaveValue('8080');
    await dialog.name.fill(name);
    await dialog.hostPort.fill(String(port));
    await dialog.submit.click();
    await expect(new RunFlowPage(page).root).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    // The page the example's Dockerfile COPYs, served by busybox httpd in the container.
    let body = '';
    await waitFor(`the site on port ${port}`, async () => {
      const answer = await fetch(`http://127.0.0.1:${port}/`).catch(() => null);
      body = answer?.ok ? await answer.text() : '';
      return body !== '';
    });
    expect(body).toContain('<h1>It works! 🐳</h1>');
  } finally {
    docker('rm', '-f', name);
  }
});

test('a failing RUN shows its line and its exit code, and marks the line in the editor', async ({ page }) => {
  test.setTimeout(180_000);
  const view = new BuildJobView(page);
  await page.goto(pageUrl(harness(), 'build'));
  await new BuildPage(page).openFolder(failingFolder);
  await build(page, failingTag);
  await expect(view.root).toHaveAttribute('data-state', 'failed');
  await expect(view.failureSentence).toHaveText('The command on line 3 exited with code 3.');
  await expect(view.failureOutput).toContainText('index.html is missing');
  await expect(view.step(2)).toHaveAttribute('data-state', 'failed');
  await view.showFailureLine.click();
  await expect(new BuildPage(page).markedLine).toHaveAttribute('data-marked-line', '3');
  await shootEveryWay(page, 'failed');
});

test('a COPY of a folder the build context does not have is said in a sentence, in English and Korean', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const view = new BuildJobView(page);
  await page.goto(pageUrl(harness(), 'build'));
  await new BuildPage(page).openFolder(missingCopyFolder);
  await build(page, missingCopyTag);
  await expect(view.root).toHaveAttribute('data-state', 'failed');
  await expect(view.failureSentence).toHaveText(
    'COPY on line 2 names site/, which is not in the build context (or .dockerignore leaves it out).',
  );
  await page.evaluate(() => (window.location.hash = '#/settings'));
  await new SettingsPage(page).language('ko').click();
  await page.evaluate(() => (window.location.hash = '#/build'));
  await expect(view.failureSentence).toContainText('site/');
  await expect(view.failureSentence).toContainText('빌드 컨텍스트');
  await page.evaluate(() => (window.location.hash = '#/settings'));
  await new SettingsPage(page).language('en').click();
});

import { expect, test } from '@playwright/test';
import { commitContainer, docker, imageExists, requireEngine } from '../fixtures/dockerCli';
import { pageUrl } from '../fixtures/harness';
import { harnessForSpec } from '../fixtures/specHarness';
import { saveScreenshot } from '../fixtures/screenshots';
import { ImagesPage } from './pages/ImagesPage';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const harness = harnessForSpec({ pull: ['busybox'] });

test('removing an image in use names its containers and needs a second confirmation', async ({ page }) => {
  // An image of its own (committed from busybox), so removing it takes no other tag with it.
  const tag = `berth-e2e-img:${Date.now()}`;
  const container = `berth-e2e-user-${Date.now()}`;
  const source = docker('create', 'busybox', 'true');
  commitContainer(source, tag);
  docker('rm', source);
  docker('create', '--name', container, tag);
  try {
    await page.goto(pageUrl(harness(), 'images'));
    const images = new ImagesPage(page);
    const row = images.row(tag);
    await expect(images.usage(tag)).toHaveText('used by 1');
    await saveScreenshot(page, 'images-en');
    await images.remove(tag);

    const dialog = images.removeDialog;
    await expect(dialog.root).toContainText(`Remove ${tag}?`);
    await expect(dialog.usingContainers).toHaveText(container);
    await expect(dialog.confirm).toBeDisabled();
    await saveScreenshot(page, 'images-remove-in-use-en');
    await dialog.force.check();
    await dialog.confirm.click();

    await expect(images.notice).toHaveText(`Removed ${tag}.`);
    await expect(row).toHaveCount(0);
    expect(imageExists(tag)).toBe(false);
  } finally {
    docker('rm', '-f', container);
  }
});

test('a change made with the docker CLI shows up without a click', async ({ page }) => {
  const tag = `berth-e2e-live:${Date.now()}`;
  await page.goto(pageUrl(harness(), 'images'));
  const images = new ImagesPage(page);
  await expect(images.root).toBeVisible();
  docker('tag', 'busybox', tag);
  try {
    await expect(images.row(tag)).toBeVisible();
  } finally {
    docker('rmi', tag);
  }
  await expect(images.row(tag)).toHaveCount(0);
});

test('prune lists the dangling images it removes, and removes them', async ({ page }) => {
  const container = docker('create', 'busybox', 'true');
  const dangling = commitContainer(container).replace(/^sha256:/, '');
  docker('rm', container);
  await page.goto(pageUrl(harness(), 'images', 'ko'));
  const images = new ImagesPage(page);
  await expect(images.dangling).toContainText(dangling.slice(0, 12));
  await images.openPrune();
  await expect(images.pruneDialog.root).toContainText(dangling.slice(0, 12));
  await saveScreenshot(page, 'images-prune-ko');
  await images.pruneDialog.confirm.click();
  await expect(images.notice).toContainText('삭제하고');
  expect(imageExists(dangling)).toBe(false);
});

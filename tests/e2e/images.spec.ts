import { expect, test } from '@playwright/test';
import { commitContainer, docker, imageExists, requireEngine } from '../fixtures/dockerCli';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

let harness: RunningHarness;
test.beforeAll(async () => {
  docker('pull', 'busybox');
  harness = await startHarness();
});
test.afterAll(async () => {
  await harness.stop();
});

test('removing an image in use names its containers and needs a second confirmation', async ({ page }) => {
  // An image of its own (committed from busybox), so removing it takes no other tag with it.
  const tag = `berth-e2e-img:${Date.now()}`;
  const container = `berth-e2e-user-${Date.now()}`;
  const source = docker('create', 'busybox', 'true');
  commitContainer(source, tag);
  docker('rm', source);
  docker('create', '--name', container, tag);
  try {
    await page.goto(pageUrl(harness, 'images'));
    const row = page.locator(`[data-testid=image-row][data-image="${tag}"]`);
    await expect(row.getByTestId('image-usage')).toHaveText('used by 1');
    await saveScreenshot(page, 'images-en');
    await row.getByTestId('image-remove').click();

    const dialog = page.getByTestId('remove-image-dialog');
    await expect(dialog).toContainText(`Remove ${tag}?`);
    await expect(dialog.getByTestId('using-containers')).toHaveText(container);
    await expect(dialog.getByTestId('confirm-remove')).toBeDisabled();
    await saveScreenshot(page, 'images-remove-in-use-en');
    await dialog.getByTestId('force-remove').check();
    await dialog.getByTestId('confirm-remove').click();

    await expect(page.getByTestId('images-notice')).toHaveText(`Removed ${tag}.`);
    await expect(row).toHaveCount(0);
    expect(imageExists(tag)).toBe(false);
  } finally {
    docker('rm', '-f', container);
  }
});

test('a change made with the docker CLI shows up without a click', async ({ page }) => {
  const tag = `berth-e2e-live:${Date.now()}`;
  await page.goto(pageUrl(harness, 'images'));
  await expect(page.getByTestId('images-page')).toBeVisible();
  docker('tag', 'busybox', tag);
  try {
    await expect(page.locator(`[data-testid=image-row][data-image="${tag}"]`)).toBeVisible();
  } finally {
    docker('rmi', tag);
  }
  await expect(page.locator(`[data-testid=image-row][data-image="${tag}"]`)).toHaveCount(0);
});

test('prune lists the dangling images it removes, and removes them', async ({ page }) => {
  const container = docker('create', 'busybox', 'true');
  const dangling = commitContainer(container).replace(/^sha256:/, '');
  docker('rm', container);
  await page.goto(pageUrl(harness, 'images', 'ko'));
  const section = page.getByTestId('dangling-images');
  await expect(section).toContainText(dangling.slice(0, 12));
  await section.getByTestId('prune-open').click();
  const dialog = page.getByTestId('prune-dialog');
  await expect(dialog).toContainText(dangling.slice(0, 12));
  await saveScreenshot(page, 'images-prune-ko');
  await dialog.getByTestId('confirm-prune').click();
  await expect(page.getByTestId('images-notice')).toContainText('삭제하고');
  expect(imageExists(dangling)).toBe(false);
});
